"""`python -m screening_kit` runs the command line."""

from .cli import main

if __name__ == "__main__":  # not when a worker process (Dask, spawn) imports it
    main()

"""`python -m screening_kit` runs the command line."""

from .cli import main

main()

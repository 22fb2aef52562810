"""The fast tier: pure functions (argv builders, planners, parsers), no media, no ffmpeg
runs. `pytest tests/unit` runs in seconds; `make test` runs it and the media tests."""

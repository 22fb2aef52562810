"""Command line: parse, call the core, print. No logic lives here.

One module per command; importing them registers each on ``main``."""

from __future__ import annotations

from . import build, cache, check, demo, fix, init, languages, proof, schema, shots, sync, verify
from .app import main

__all__ = [
    "build", "cache", "check", "demo", "fix", "init", "languages", "main", "proof", "schema",
    "shots", "sync", "verify",
]  # fmt: skip

"""Turning planned tasks into files: pure command builders and the executor."""

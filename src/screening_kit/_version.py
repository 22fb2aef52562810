"""The package's version, in a module that imports nothing: `screening-kit --version`
and every record that names the version read it without loading the library."""

__version__ = "0.1.0"

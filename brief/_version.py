"""The installed version of brief, read from the package metadata (a module of its own, so
``brief.pipeline`` can record it without importing the package's lazy front door)."""

from importlib import metadata

try:
    __version__ = metadata.version("brief")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

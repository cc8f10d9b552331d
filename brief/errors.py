"""Errors a user can cause and fix.  The CLI prints them as one line, never a traceback."""

from __future__ import annotations


class BriefError(Exception):
    """Base class of every error brief reports to a user."""


class InputError(BriefError):
    """An input could not be used (missing, empty, binary, malformed ...)."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ConfigError(BriefError):
    """A configuration file or option is invalid (names the key or line)."""


class NoDocumentsError(BriefError):
    """No usable document was left to build a brief from."""


class ModelError(BriefError):
    """A summarization model could not be loaded or run."""

"""brief: news articles in, a cited situation brief out.

    >>> from brief import build_brief
    >>> b = build_brief(["examples/"])
    >>> b.write("out/brief.pdf")
"""

from __future__ import annotations

from importlib import metadata as _metadata

from brief import _startup

_startup.install()  # spaCy's import does not load torch (brief/_startup.py)

try:
    __version__ = _metadata.version("brief")
except _metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

from brief.config import BriefConfig  # noqa: E402
from brief.errors import BriefError, InputError, NoDocumentsError  # noqa: E402
from brief.model import (  # noqa: E402
    Brief,
    Citation,
    Discrepancy,
    Document,
    Event,
    Sentence,
    Statement,
    Theme,
)



def __getattr__(name: str):
    # build_brief pulls in the whole pipeline (spaCy, ...): import it on first use only, so
    # that ``brief --help`` and the light modules stay quick to import
    if name == "build_brief":
        from brief.api import build_brief

        return build_brief
    raise AttributeError(f"module 'brief' has no attribute {name!r}")


__all__ = [
    "build_brief",
    "Brief",
    "BriefConfig",
    "BriefError",
    "Citation",
    "Discrepancy",
    "Document",
    "Event",
    "InputError",
    "NoDocumentsError",
    "Sentence",
    "Statement",
    "Theme",
    "__version__",
]

"""brief: news articles in, a cited situation brief out.

    >>> from brief import build_brief
    >>> b = build_brief(["examples/"])
    >>> b.write("out/brief.pdf")

The names below are imported on first use, so ``import brief`` (and the ``brief``
command's start, which installs its signal handlers first) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from brief import _startup

_startup.install()  # spaCy's import does not load torch (brief/_startup.py)

from brief._version import __version__  # noqa: E402

_WHERE = {
    "build_brief": "brief.api",
    "BriefConfig": "brief.config",
    "BriefError": "brief.errors",
    "InputError": "brief.errors",
    "NoDocumentsError": "brief.errors",
    "Brief": "brief.report",
    "Citation": "brief.model",
    "Discrepancy": "brief.model",
    "Document": "brief.model",
    "Event": "brief.model",
    "Sentence": "brief.model",
    "Statement": "brief.model",
    "Theme": "brief.model",
}

if TYPE_CHECKING:  # pragma: no cover
    from brief.api import build_brief
    from brief.config import BriefConfig
    from brief.errors import BriefError, InputError, NoDocumentsError
    from brief.model import Citation, Discrepancy, Document, Event, Sentence, Statement, Theme
    from brief.report import Brief


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
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

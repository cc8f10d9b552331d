"""brief: news articles in, a cited situation brief out.

    >>> from brief import build_brief
    >>> b = build_brief(["examples/"])
    >>> b.write("out/brief.pdf")
"""

from __future__ import annotations

__version__ = "0.1.0"

from brief.api import build_brief  # noqa: E402
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

"""The Python entry point other tools call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from brief.config import BriefConfig
from brief.model import Brief, Document
from brief.summarize import Summarizer


def build_brief(
    inputs_or_documents: Iterable[str | Path | dict[str, Any] | Document] | str | Path,
    *,
    config: BriefConfig | None = None,
    summarizer: Summarizer | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Brief:
    """Build a brief from paths (files, folders, globs, URLs) or in-memory documents.

    Documents may be :class:`~brief.model.Document` objects or dicts with the
    keys ``title``, ``text`` (or ``content``/``body``), and optionally ``url``,
    ``outlet``, ``published``, ``byline``.  Returns the :class:`~brief.model.Brief`;
    write it with ``brief.write("out/brief.pdf")``.
    """
    from brief.pipeline import run

    if isinstance(inputs_or_documents, (str, Path, dict, Document)):
        inputs_or_documents = [inputs_or_documents]
    return run(inputs_or_documents, config, summarizer=summarizer, since=since, until=until)

"""The Python entry point other tools call.

    >>> from brief import BriefConfig, build_brief
    >>> b = build_brief(
    ...     [{"title": "Port strike begins", "text": "Dockworkers walked out on Tuesday ...",
    ...       "outlet": "Harbour Ledger", "published": "2025-03-04"}],
    ...     config=BriefConfig(summarizer="extractive"),
    ... )
    >>> data = b.to_dict()             # the JSON contract
    >>> b.write("out/brief.pdf")       # or .html / .md / .json; written atomically

``build_brief`` keeps no state between calls (only the summarization model is
cached per process) and never changes the objects it is given, so it is safe
to call repeatedly, with the same documents or others.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from brief.config import BriefConfig, Settings, load_config
from brief.model import Document, InputProblem
from brief.report import Brief
from brief.summarize import Summarizer

Input = str | Path | dict[str, Any] | Document


def _as_day(value: dt.date | str | None, name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise ValueError(f"{name}: {value!r} is not an ISO date (YYYY-MM-DD)") from None
    raise TypeError(f"{name}: expected a date or an ISO date string, got {type(value).__name__}")


def _as_config(config: BriefConfig | Settings | str | Path | None) -> BriefConfig:
    if config is None:
        return BriefConfig()
    if isinstance(config, BriefConfig):
        return copy.deepcopy(config)
    if isinstance(config, Settings):
        return copy.deepcopy(config.pipeline)
    if isinstance(config, (str, Path)):
        return load_config(config).pipeline
    raise TypeError(f"config: expected a BriefConfig, Settings or the path of a brief.toml, got {type(config).__name__}")


def build_brief(
    inputs_or_documents: Iterable[Input] | Input,
    *,
    config: BriefConfig | Settings | str | Path | None = None,
    summarizer: Summarizer | None = None,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    report: Callable[[InputProblem], None] | None = None,
) -> Brief:
    """Build a brief from paths (files, folders, globs, URLs) or in-memory documents.

    ``inputs_or_documents`` is one item or an iterable of items, each a path or
    URL (``str``/``Path``), a :class:`~brief.model.Document`, or a ``dict`` with
    ``title``, ``text`` (or ``content``/``body``) and optionally ``url``,
    ``outlet`` (or ``source``), ``published`` (or ``date``; ISO string or date)
    and ``byline`` (or ``author``).  No files are needed.

    ``config`` is a :class:`~brief.config.BriefConfig` (the pipeline's settings), a
    :class:`~brief.config.Settings` or the path of a ``brief.toml`` (its pipeline part is
    used); ``since``/``until`` (dates or ISO strings, both included)
    keep only the documents published in that window (undated documents are
    kept).  ``progress(stage, done, total)`` and ``report(problem)`` are
    optional callbacks.  Bad inputs are skipped and listed in
    ``Brief.problems`` (with ``config.strict`` they raise
    :class:`~brief.errors.InputError`); :class:`~brief.errors.NoDocumentsError`
    when nothing usable is left.

    The given Documents, dicts and config are not modified.
    """
    from brief.pipeline import run

    if isinstance(inputs_or_documents, (str, Path, dict, Document)):
        items: list[Any] = [inputs_or_documents]
    elif isinstance(inputs_or_documents, Iterable):
        items = list(inputs_or_documents)
    else:
        raise TypeError(f"expected paths, dicts or Documents, got {type(inputs_or_documents).__name__}")
    prepared: list[Any] = []
    for i, item in enumerate(items):
        if isinstance(item, Document):
            prepared.append(copy.deepcopy(item))  # the pipeline fills body/sentences: never touch the caller's object
        elif isinstance(item, dict):
            prepared.append(dict(item))
        elif isinstance(item, (str, Path)):
            prepared.append(item)
        else:
            raise TypeError(f"input {i}: expected a path, a dict or a Document, got {type(item).__name__}")
    start, end = _as_day(since, "since"), _as_day(until, "until")
    if start and end and start > end:
        raise ValueError(f"since ({start}) is after until ({end})")
    return run(prepared, _as_config(config), summarizer=summarizer, since=start, until=end, progress=progress, report=report)


__all__ = ["build_brief", "Input"]

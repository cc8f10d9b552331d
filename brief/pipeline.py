"""The one pipeline every entry point runs: ingest -> clean -> extract -> group -> summarize.

Rendering is separate (``Brief.write``) so a caller can write several formats
from one run.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from brief._version import __version__
from brief.clean import clean_documents
from brief.config import BriefConfig
from brief.errors import BriefError, InputError, NoDocumentsError
from brief.extract import extract
from brief.group import group
from brief.ingest import load_inputs
from brief.isolation import per_document
from brief.model import Document, InputProblem
from brief.report import Brief
from brief.parallel import open_parser
from brief.timing import StageTimer
from brief.summarize import Summarizer, get_summarizer, summarize

# progress(stage, done, total): called as a stage advances; total may be 0 when unknown
Progress = Callable[[str, int, int], None]
# report(problem): called once per bad input, as soon as it is found
Reporter = Callable[[InputProblem], None]


def _noop_progress(stage: str, done: int, total: int) -> None:
    pass


def problem_handler(config: BriefConfig, problems: list[InputProblem], report: Reporter | None) -> Reporter:
    """The ``on_problem`` callback every entry point gives ingest.

    With ``config.strict`` the first bad input raises :class:`InputError`;
    otherwise it is kept in ``problems`` and passed on to ``report``.
    """

    def on_problem(p: InputProblem) -> None:
        if config.strict:
            raise InputError(p.path, p.message)
        problems.append(p)
        if report is not None:
            report(p)

    return on_problem


def settings_record(config: BriefConfig) -> dict[str, Any]:
    """Every setting in force: the run's config and the numeric constants of the stage modules.

    The constants (upper-case ``int``/``float`` module attributes of ``brief.*``) are the
    thresholds the stages apply; recording them lets two briefs be compared setting by setting.
    """
    thresholds: dict[str, dict[str, float]] = {}
    for name, module in sorted(sys.modules.items()):
        if not name.startswith("brief.") or module is None:
            continue
        found = {k: v for k, v in vars(module).items()
                 if k.lstrip("_").isupper() and isinstance(v, (int, float)) and not isinstance(v, bool)}
        if found:
            thresholds[name] = dict(sorted(found.items()))
    return {"config": config.model_dump(mode="json"), "thresholds": thresholds}


def _in_window(doc: Document, since: dt.date | None, until: dt.date | None) -> bool:
    day = doc.published or (doc.first_seen.date() if doc.first_seen else None)
    if day is None:
        return True
    if since is not None and day < since:
        return False
    if until is not None and day > until:
        return False
    return True


def run(
    inputs: Iterable[str | Path | dict[str, Any] | Document],
    config: BriefConfig | None = None,
    *,
    summarizer: Summarizer | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    progress: Progress | None = None,
    report: Reporter | None = None,
) -> Brief:
    """Build a :class:`Brief` from files, folders, globs, URLs, dicts or Documents.

    Bad inputs are reported through ``report`` (and kept in ``Brief.problems``);
    with ``config.strict`` the first one raises :class:`InputError` instead.
    Raises :class:`NoDocumentsError` when nothing usable is left.
    """
    config = config or BriefConfig()
    progress = progress or _noop_progress
    problems: list[InputProblem] = []
    on_problem = problem_handler(config, problems, report)

    timer = StageTimer()
    with timer.stage("ingest") as row:
        docs = load_inputs(list(inputs), config=config, on_problem=on_problem, progress=progress)
        row["documents"] = len(docs)
    with timer.stage("clean") as row:
        docs, _ = per_document(
            "clean", lambda ds: clean_documents(ds, config=config, progress=progress, on_problem=on_problem), docs,
            on_problem)
        row["documents"] = len(docs)
    docs = [d for d in docs if _in_window(d, since, until)]
    empty = [d for d in docs if not d.body.strip()]
    for d in empty:
        on_problem(InputProblem(d.path or d.url or d.id, "no article text left after cleaning"))
    docs = [d for d in docs if d.body.strip()]
    if not docs:
        raise NoDocumentsError("no usable documents" + (" in the selected window" if since or until else ""))

    with timer.stage("extract") as row, open_parser(config) as parser:
        extraction, docs = per_document(
            "extract", lambda ds: extract(ds, config=config, progress=progress, parser=parser), docs, on_problem)
        row["events"] = len(extraction.events)
    with timer.stage("group") as row:
        grouping = group(extraction.events, extraction.entities, docs, config=config, progress=progress)
        row["themes"] = len(grouping.themes)

    with timer.stage("summarize") as row:
        if summarizer is None:
            summarizer = get_summarizer(config)
        summaries = summarize(grouping.themes, extraction.events, docs, summarizer, config=config, progress=progress)
        row["statements"] = sum(len(t.summary) for t in grouping.themes) + len(summaries.key_points)

    # The period is what the documents cover: their publication dates (or the
    # requested window).  Event dates are not used: articles cite old events.
    doc_dates = [d.published for d in docs if d.published]
    period_start = since or (min(doc_dates) if doc_dates else None)
    period_end = until or (max(doc_dates) if doc_dates else None)

    return Brief(
        title=config.title,
        generated_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
        period_start=period_start,
        period_end=period_end,
        summarizer=summaries.info,
        documents=docs,
        entities=extraction.entities,
        events=extraction.events,
        themes=grouping.themes,
        key_points=summaries.key_points,
        discrepancies=extraction.discrepancies,
        problems=problems,
        graph=grouping.graph_json,
        graph_svg=grouping.graph_svg,
        handling=config.handling,
        version=__version__,
        meta={"settings": settings_record(config), "timings": timer.total(), "embedder": extraction.embedder},
    )


__all__ = ["run", "Progress", "Reporter", "BriefError"]

"""The weekly job: ``brief weekly [--config brief.toml] [--as-of DATE]``.

One run builds the brief of the ``settings.weekly.window_days`` days ending at the
as-of date (inclusive) and writes ``<output_dir>/brief-YYYY-Www.<fmt>`` (ISO
week of the as-of date).  Documents are selected by publication date; an
undated document counts on the day it was first seen (kept in the state file,
so the answer never changes on a re-run).  Themes and events that do not appear
in the previous week's brief (the latest earlier ``brief-*.json`` in
``output_dir``) are marked ``new``.

Safety: one run at a time (a ``filelock`` lock); outputs are rendered into a staging
folder, then moved into place under a journal, and the state file is written
last -- it is the commit point.  A crash or kill at any moment leaves the
previous outputs and state, which the next run restores from the journal if
needed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import uuid
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brief.config import Settings, WeeklySettings
from brief.errors import BriefError, ConfigError, NoDocumentsError
from brief.model import Document, InputProblem
from brief.novelty import mark_new
from brief.report import Brief
from brief.state import atomic_write_json, load_state, run_lock, save_state

Progress = Callable[[str, int, int], None]
Reporter = Callable[[InputProblem], None]

STATE_NAME = ".brief-weekly-state.json"
JOURNAL_NAME = ".brief-weekly-journal.json"
STAGING_NAME = ".brief-weekly-staging"
WEEK_FILE = re.compile(r"^brief-(\d{4})-W(\d{2})\.json$")


@dataclass
class WeeklyResult:
    """What one weekly run did."""

    week: str  # "2024-W02"
    as_of: dt.date
    since: dt.date
    until: dt.date
    brief: Brief
    paths: list[Path] = field(default_factory=list)
    previous: str | None = None  # week of the brief compared against, None for the first brief
    new_themes: list[str] = field(default_factory=list)  # theme ids marked new
    new_events: list[str] = field(default_factory=list)  # event ids marked new


# -- dates -----------------------------------------------------------------------


def tzinfo(config: WeeklySettings) -> dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(config.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"timezone: unknown time zone {config.timezone!r}") from None


def parse_as_of(value: str | dt.date | None, config: WeeklySettings, now: dt.datetime | None = None) -> dt.date:
    """``None``/"today", "yesterday" or an ISO date (``YYYY-MM-DD``), in the config's time zone."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    today = (now or dt.datetime.now(tzinfo(config))).astimezone(tzinfo(config)).date()
    text = (value or "today").strip().lower()
    if text == "today":
        return today
    if text == "yesterday":
        return today - dt.timedelta(days=1)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BriefError(f"--as-of: {value!r} is not a date; use YYYY-MM-DD, 'today' or 'yesterday'") from None


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def window(as_of: dt.date, days: int) -> tuple[dt.date, dt.date]:
    """The ``days`` days ending at ``as_of``, both ends included."""
    return as_of - dt.timedelta(days=days - 1), as_of


def output_paths(config: WeeklySettings, week: str) -> list[tuple[Path, str]]:
    fmts = list(dict.fromkeys([*(f.lower() for f in config.formats), "json"]))
    return [(Path(config.output_dir) / f"brief-{week}.{f}", f) for f in fmts]


def state_path(config: WeeklySettings) -> Path:
    return Path(config.state_file) if config.state_file else Path(config.output_dir) / STATE_NAME


def previous_brief(output_dir: Path, week: str) -> tuple[str, dict[str, Any]] | None:
    """The latest readable ``brief-YYYY-Www.json`` in ``output_dir`` strictly before ``week``."""
    found = []
    if output_dir.is_dir():
        for p in output_dir.iterdir():
            m = WEEK_FILE.match(p.name)
            if m and f"{m.group(1)}-W{m.group(2)}" < week:
                found.append((f"{m.group(1)}-W{m.group(2)}", p))
    for wk, p in sorted(found, reverse=True):
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            continue
        if isinstance(data, dict):
            return wk, data
    return None


# -- commit protocol ---------------------------------------------------------------


def _journal_recover(output_dir: Path, state: dict[str, Any]) -> None:
    """Finish or undo a commit that a crash interrupted (the state file decides which)."""
    journal = output_dir / JOURNAL_NAME
    if journal.exists():
        try:
            data = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            data = None  # the journal is written atomically before any move: unreadable means never used
        if isinstance(data, dict):
            committed = any(isinstance(b, dict) and b.get("run_id") == data.get("run_id") for b in state.get("briefs", {}).values())
            _finish(output_dir, data, committed)
        journal.unlink(missing_ok=True)
    shutil.rmtree(output_dir / STAGING_NAME, ignore_errors=True)


def _finish(output_dir: Path, journal: dict[str, Any], committed: bool) -> None:
    for item in journal.get("moves", []):
        target = output_dir / item["target"]
        backup = output_dir / STAGING_NAME / item["backup"]
        if committed:
            backup.unlink(missing_ok=True)
        elif backup.exists():
            os.replace(backup, target)  # put the old file back
        elif not item.get("existed"):
            target.unlink(missing_ok=True)  # a new file of the failed run


def _commit(config: WeeklySettings, staged: list[tuple[Path, Path]], state: dict[str, Any], run_id: str) -> None:
    output_dir = Path(config.output_dir)
    staging = output_dir / STAGING_NAME
    journal = output_dir / JOURNAL_NAME
    moves = [{"target": target.name, "backup": f"{target.name}.{run_id}.bak", "existed": target.exists()} for _, target in staged]
    record = {"run_id": run_id, "moves": moves}
    atomic_write_json(journal, record)
    try:
        for (tmp, target), item in zip(staged, moves):
            if item["existed"]:
                os.replace(target, staging / item["backup"])
            os.replace(tmp, target)
        save_state(state_path(config), state)  # the commit point
    except BaseException:
        _finish(output_dir, record, committed=False)
        journal.unlink(missing_ok=True)
        raise
    _finish(output_dir, record, committed=True)
    journal.unlink(missing_ok=True)


# -- the run -------------------------------------------------------------------------


def _noop(stage: str, done: int, total: int) -> None:
    pass


def run_weekly(
    settings: Settings,
    as_of: str | dt.date | None = None,
    *,
    summarizer: Any = None,
    progress: Progress | None = None,
    report: Reporter | None = None,
    now: dt.datetime | None = None,
) -> WeeklyResult:
    """Build and write the brief of the week ending at ``as_of``; see the module docstring."""
    from brief.ingest import load_inputs
    from brief.pipeline import problem_handler, run

    config, weekly = settings.pipeline, settings.weekly
    if not weekly.sources:
        where = f"{settings.config_path}: " if settings.config_path else ""
        raise ConfigError(f"{where}sources: no sources configured (folders, globs, feed files or URLs)")
    tz = tzinfo(weekly)
    now = (now or dt.datetime.now(tz)).astimezone(tz)
    day = parse_as_of(as_of, weekly, now)
    since, until = window(day, weekly.window_days)
    week = iso_week(day)
    output_dir = Path(weekly.output_dir)
    progress = progress or _noop
    problems: list[InputProblem] = []
    on_problem = problem_handler(config, problems, report)

    with run_lock(output_dir):
        state = load_state(state_path(weekly))
        _journal_recover(output_dir, state)

        docs = load_inputs(list(weekly.sources), config=config, on_problem=on_problem, progress=progress)
        # an undated document is dated by when the job first saw it; a back-filling run
        # (as-of in the past) sees it at the end of its as-of day at the latest
        _date_by_first_seen(docs, state["documents"], min(now, dt.datetime.combine(day, dt.time(23, 59, 59), tz)))
        candidates = [d for d in docs if d.published is None or since <= d.published <= until]
        try:
            brief = run(candidates, config, summarizer=summarizer, since=since, until=until, progress=progress, report=on_problem)
        except NoDocumentsError:
            raise NoDocumentsError(f"no usable documents published between {since} and {until} (week {week}); nothing written") from None
        brief.problems = problems + [p for p in brief.problems if p not in problems]

        prev = previous_brief(output_dir, week)
        new_themes, new_events = mark_new(brief, prev[1] if prev else None)
        targets = output_paths(weekly, week)
        result = WeeklyResult(week=week, as_of=day, since=since, until=until, brief=brief, paths=[t for t, _ in targets],
                              previous=prev[0] if prev else None, new_themes=new_themes, new_events=new_events)
        run_id = uuid.uuid4().hex[:12]
        brief.meta.setdefault("settings", {})["weekly"] = weekly.model_dump(mode="json")
        brief.meta["weekly"] = {
            "week": week,
            "as_of": day.isoformat(),
            "window": {"start": since.isoformat(), "end": until.isoformat(), "days": weekly.window_days},
            "timezone": weekly.timezone,
            "previous_brief": f"brief-{prev[0]}.json" if prev else None,
            "new_themes": new_themes,
            "new_events": new_events,
            "run_id": run_id,
        }
        _write(result, weekly, targets, docs, state, run_id)
    return result


def _date_by_first_seen(docs: list[Document], seen: dict[str, Any], seen_at: dt.datetime) -> None:
    """``Document.first_seen``: when the state file says the job first saw it, else ``seen_at``."""
    for d in docs:
        rec = seen.get(d.id)
        first = None
        if isinstance(rec, dict) and rec.get("first_seen"):
            try:
                first = dt.datetime.fromisoformat(rec["first_seen"])
            except ValueError:
                first = None
        d.first_seen = first or seen_at


def _remember(seen: dict[str, Any], docs: list[Document], brief: Brief) -> None:
    """Record every document read in the state's ``documents`` (first seen, title, source, date)."""
    for d in docs:
        rec = seen.get(d.id) if isinstance(seen.get(d.id), dict) else {}
        rec.setdefault("first_seen", d.first_seen.isoformat(timespec="seconds") if d.first_seen else None)
        rec["title"] = d.title
        rec["source"] = d.path or d.url
        rec["published"] = d.published.isoformat() if d.published else rec.get("published")
        seen[d.id] = rec
    for d in brief.documents:  # the cleaner may have found a date in the text
        if d.id in seen and d.published:
            seen[d.id]["published"] = d.published.isoformat()


def _write(result: WeeklyResult, weekly: WeeklySettings, targets: list[tuple[Path, str]], docs: list[Document],
           state: dict[str, Any], run_id: str) -> None:
    """Render every output into the staging folder (nothing visible changes yet), then commit."""
    brief = result.brief
    staging = Path(weekly.output_dir) / STAGING_NAME
    staging.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for target, fmt in targets:
            tmp = staging / f"{target.name}.{run_id}.partial"
            staged.append((tmp, target))
            brief.write(tmp, fmt)
        _remember(state["documents"], docs, brief)
        state["version"] = 1
        state["briefs"][result.week] = {
            "as_of": result.as_of.isoformat(),
            "since": result.since.isoformat(),
            "until": result.until.isoformat(),
            "files": [t.name for t, _ in targets],
            "documents": [d.id for d in brief.documents],
            "previous": result.previous,
            "new_themes": result.new_themes,
            "new_events": result.new_events,
            "generated_at": brief.generated_at.isoformat(timespec="seconds"),
            "run_id": run_id,
        }
        _commit(weekly, staged, state, run_id)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)


__all__ = [
    "WeeklyResult",
    "run_weekly",
    "mark_new",
    "previous_brief",
    "parse_as_of",
    "iso_week",
    "window",
    "output_paths",
    "state_path",
]

"""The view of a :class:`Brief` that every output format renders.

Building it once here keeps HTML/PDF and Markdown saying the same thing: the
same citation numbers, the same timeline rows, the same method note.  Values
are plain strings, numbers and lists; escaping is the job of each renderer
(Jinja2 autoescape for HTML, :func:`brief.render.markdown.md_escape` for Markdown).
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from brief.model import Citation, Statement, Theme, TimelineEntry
from brief.summarize.timeline import fmt_date, fmt_range, theme_timeline

if TYPE_CHECKING:  # render needs the Brief type only (brief/report.py imports render)
    from brief.report import Brief

# Most events shown in a theme's timeline table (most salient first, then shown
# chronologically); the rest are counted in a note and stay in the JSON output.
MAX_TIMELINE_ROWS = 12
# The PDF is read, not searched: past these, it counts what it leaves to the HTML and JSON.
PDF_MAX_CITES = 6  # source numbers after one statement, timeline row or value
PDF_MAX_DISCREPANCIES = 25  # rows of the discrepancy table (most important first)
PDF_MAX_VALUES = 6  # values shown in one discrepancy row
# Fonts of the co-mention figure: the @font-face families of brief/templates/brief.css.
FIGURE_FONTS = "Brief Sans, Brief Serif, sans-serif"
_FONT_ATTR = re.compile(r"""\sfont-family\s*=\s*("[^"]*"|'[^']*')""")
_FONT_CSS = re.compile(r"font-family\s*:[^;\"'<>}]*;?")


def clean_text(text: str | None) -> str:
    """Collapse runs of whitespace (newlines, NBSP) into single spaces."""
    return " ".join((text or "").replace("\u00a0", " ").split())


def fmt_datetime(t: dt.datetime) -> str:
    tz = ""
    if t.tzinfo is not None:
        off = t.utcoffset()
        tz = " UTC" if not off else f" UTC{t.strftime('%z')[:3]}:{t.strftime('%z')[3:]}"
    return f"{fmt_date(t.date())} {t.strftime('%H:%M')}{tz}"


class Cites(list):
    """Source numbers shown after a statement; ``more`` counts the ones left out."""

    more: int = 0


@dataclass
class StatementView:
    text: str
    cites: list[int]
    origin: str = "extractive"


def _event_order(event_id: str) -> tuple[int, str]:
    digits = "".join(ch for ch in event_id if ch.isdigit())
    return (int(digits) if digits else 0, event_id)


@dataclass
class TimelineRow:
    date: str
    date_sort: tuple
    what: str
    cites: list[int]
    tags: list[str] = field(default_factory=list)
    new: bool = False
    undated: bool = False  # the date is the report day ("by ..."), not one the text gives


@dataclass
class ThemeView:
    id: str
    anchor: str
    label: str
    new: bool
    summary: list[StatementView]
    timeline: list[TimelineRow]
    hidden_events: int
    actors: list[str]
    sources: list[int]
    discrepancies: list[dict[str, Any]] = field(default_factory=list)  # those about this theme's events
    sources_more: int = 0  # sources of the theme's events the compact view does not list


@dataclass
class SourceView:
    n: int
    anchor: str
    doc_id: str
    title: str
    outlet: str
    byline: str
    date: str
    url: str
    path: str
    duplicate_of: int | None
    cited: int


class View:
    """Everything a template needs, derived from one Brief."""

    def __init__(self, brief: Brief, *, max_timeline_rows: int = MAX_TIMELINE_ROWS, compact: bool = False):
        """``compact`` (the PDF) bounds the document whatever the corpus size: at most
        ``PDF_MAX_CITES`` source numbers after a statement, the ``PDF_MAX_DISCREPANCIES`` most
        important discrepancies, and a sources annex of the sources it cites, each with a count
        of what it leaves out; the HTML, Markdown and JSON show everything."""
        self.brief = brief
        self.compact = compact
        self.max_cites = PDF_MAX_CITES if compact else None
        self.nums = brief.source_numbers()
        self._cite_count: Counter[int] = Counter()
        self._events = {e.id: e for e in brief.events}
        self.max_timeline_rows = max_timeline_rows

        b = brief
        self.title = clean_text(b.title) or "Situation brief"
        self.handling = clean_text(b.handling)
        self.period = fmt_range(b.period_start, b.period_end) if (b.period_start or b.period_end) else "period not established (undated sources)"
        self.generated = fmt_datetime(b.generated_at)
        self.version = b.version or ""
        self.n_sources = len(b.documents)
        self.n_unique_sources = sum(1 for d in b.documents if not d.duplicate_of)
        self.key_points = [self.statement(s) for s in b.key_points if clean_text(s.text)]
        self.themes = [self.theme(t, i) for i, t in enumerate(b.themes, start=1)]
        self.discrepancies_omitted = 0
        self.discrepancies = self._discrepancies(b)
        self.graph_uri = self._graph_uri(b.graph_svg)
        self.graph_caption = self._graph_caption(b.graph)
        self.sources = self._sources()
        self.sources_omitted = 0
        if compact:
            kept = [x for x in self.sources if x.cited]
            self.sources_omitted = len(self.sources) - len(kept)
            self.sources = kept
        self.method = self._method()
        self.extractive = b.summarizer.kind != "seq2seq"
        self.new_themes = sum(1 for t in self.themes if t.new)

    # -- pieces ------------------------------------------------------------
    def cites(self, citations: list[Citation]) -> Cites:
        """Distinct source numbers of ``citations``, ascending (at most ``max_cites`` of them, the
        rest counted in ``.more``); unknown documents are skipped."""
        numbers = sorted({self.nums[c.doc_id] for c in citations if c.doc_id in self.nums})
        out = Cites(numbers[: self.max_cites] if self.max_cites else numbers)
        out.more = len(numbers) - len(out)
        self._cite_count.update(out)
        return out

    def statement(self, s: Statement) -> StatementView:
        return StatementView(clean_text(s.text), self.cites(s.citations), s.origin)

    def theme(self, t: Theme, i: int) -> ThemeView:
        events = [self._events[e] for e in t.event_ids if e in self._events]
        entries = t.timeline
        if not entries and events:
            # a brief made without the summarize stage (or read from an older JSON): the same rule
            docs = {d.id: d for d in self.brief.documents}
            entries = theme_timeline(t, self._events, docs, self.max_timeline_rows)
        rows = [self.row(r) for r in entries[: self.max_timeline_rows]]
        shown = sum(len(r.event_ids) for r in entries[: self.max_timeline_rows])
        actors = Counter(a for e in events for a in e.actors)
        summary = [self.statement(s) for s in t.summary if clean_text(s.text)]
        srcs = sorted({self.nums[c.doc_id] for e in events for c in e.mentions if c.doc_id in self.nums}
                      | {n for s in t.summary for n in (self.nums.get(c.doc_id) for c in s.citations) if n})
        shown_srcs = srcs
        if self.compact:  # the ones its summary and timeline cite (the annex lists exactly those)
            cited = {n for x in summary for n in x.cites} | {n for r in rows for n in r.cites}
            shown_srcs = [n for n in srcs if n in cited]
        return ThemeView(
            id=t.id,
            anchor=f"theme-{i}",
            label=clean_text(t.label) or f"Theme {i}",
            new=t.new,
            summary=summary,
            timeline=rows,
            hidden_events=max(0, len(events) - shown),
            actors=[a for a, _ in actors.most_common(6)],
            sources=shown_srcs,
            sources_more=len(srcs) - len(shown_srcs),
        )

    def row(self, r: TimelineEntry) -> TimelineRow:
        """A stored timeline row, as the tables print it (date as written, text, sources)."""
        new = any(self._events[i].new for i in r.event_ids if i in self._events) or r.new
        sort = (0 if r.date else 1, r.date.toordinal() if r.date else 0, _event_order(r.event_ids[0]) if r.event_ids else (0, ""))
        return TimelineRow(
            date=clean_text(r.date_text) or (fmt_date(r.date) if r.date else "undated"),
            date_sort=sort,
            what=clean_text(r.text) or "—",
            cites=self.cites(r.citations),
            tags=[clean_text(x) for x in r.tags if clean_text(x)],
            new=new,
            undated=not r.dated,
        )

    def _discrepancies(self, b: Brief) -> list[dict[str, Any]]:
        """Rows of the discrepancy table, most important first; each also listed under its themes."""
        rows = []
        cited_in: dict[tuple[str, int], set[str]] = {}
        for e in b.events:
            for c in e.mentions:
                cited_in.setdefault((c.doc_id, c.sentence), set()).add(e.id)
        ranked = sorted(b.discrepancies, key=lambda d: -d.importance)
        if self.compact:
            self.discrepancies_omitted = max(0, len(ranked) - PDF_MAX_DISCREPANCIES)
            ranked = ranked[:PDF_MAX_DISCREPANCIES]
        for d in ranked:
            row = {
                "fact": clean_text(d.fact),
                "kind": d.kind,
                "within_document": d.within_document,
                "values": [{"value": clean_text(v.value), "quote": clean_text(v.quote), "qualifier": v.qualifier,
                            "outlet": self._outlet(v.doc_id), "cites": self.cites([Citation(v.doc_id, v.sentence)])}
                           for v in (d.values[:PDF_MAX_VALUES] if self.compact else d.values)],
                "more_values": max(0, len(d.values) - PDF_MAX_VALUES) if self.compact else 0,
            }
            rows.append(row)
            ev_ids = set(d.event_ids) | {x for v in d.values for x in cited_in.get((v.doc_id, v.sentence), ())}
            shared = [(len(ev_ids & set(t.event_ids)), -k) for k, t in enumerate(b.themes)]
            if shared and max(shared)[0] > 0:  # listed under the theme most of its statements belong to
                self.themes[-max(shared)[1]].discrepancies.append(row)
        return rows

    def _outlet(self, doc_id: str) -> str:
        try:
            d = self.brief.document(doc_id)
        except KeyError:
            return "unknown source"
        return clean_text(d.outlet) or clean_text(d.title) or "unknown source"

    @staticmethod
    def _graph_uri(svg: str | None) -> str | None:
        """The figure as a ``data:`` URI (an <img>, so nothing in it can script the page).

        Font families are set to the shipped fonts so the figure's labels are
        embedded and look the same on every machine.
        """
        if not svg or "<svg" not in svg:
            return None
        svg = _FONT_ATTR.sub("", svg)
        svg = _FONT_CSS.sub("", svg)
        svg = svg.replace("<svg", f'<svg font-family="{FIGURE_FONTS}"', 1)
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")

    @staticmethod
    def _graph_caption(graph: dict[str, Any] | None) -> str:
        if not graph:
            return ""
        nodes = graph.get("nodes") or []
        edges = graph.get("links") or graph.get("edges") or []
        return f"{len(nodes)} entities, {len(edges)} co-mention links"

    def _sources(self) -> list[SourceView]:
        out = []
        for d in self.brief.documents:
            n = self.nums[d.id]
            out.append(SourceView(
                n=n,
                anchor=f"src-{n}",
                doc_id=d.id,
                title=clean_text(d.title) or "(untitled)",
                outlet=clean_text(d.outlet),
                byline=clean_text(d.byline),
                date=fmt_date(d.published),
                url=clean_text(d.url),
                path=clean_text(d.path) if not d.url else "",
                duplicate_of=self.nums.get(d.duplicate_of) if d.duplicate_of else None,
                cited=self._cite_count.get(n, 0),
            ))
        return out

    def _method(self) -> dict[str, Any]:
        b = self.brief
        s = b.summarizer
        kinds = Counter(x.kind for x in b.dropped)
        dup = sum(1 for d in b.documents if d.duplicate_of)
        return {
            "documents": len(b.documents),
            "duplicates": dup,
            "dropped": len(b.dropped),
            "dropped_kinds": ", ".join(f"{k} {v}" for k, v in kinds.most_common()),
            "problems": [str(p) for p in b.problems],
            "events": len(b.events),
            "entities": len(b.entities),
            "themes": len(b.themes),
            "summarizer_kind": s.kind,
            "model": s.model or "",
            "device": s.device or "",
            "notice": clean_text(s.notice),
            "gate_replaced": s.gate_replaced,
            "generated": s.generated,
            "version": b.version or "",
        }

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
from typing import Any

from brief.model import Brief, Citation, Event, Statement, Theme

# Most events shown in a theme's timeline table (most salient first, then shown
# chronologically); the rest are counted in a note and stay in the JSON output.
MAX_TIMELINE_ROWS = 12
# Words kept when a timeline row falls back to the source sentence.
WHAT_WORDS = 28
# Reporting verbs: an event whose predicate is one of these says little by itself,
# so the timeline shows the reported sentence instead.
_REPORTING = {
    "say", "tell", "report", "add", "state", "note", "claim", "write", "announce", "explain",
    "comment", "quote", "cite", "according", "be", "have", "do", "reply", "respond", "ask",
}
# Fonts of the co-mention figure: the @font-face families of templates/brief.css.
FIGURE_FONTS = "Brief Sans, Brief Serif, sans-serif"
_FONT_ATTR = re.compile(r"""\sfont-family\s*=\s*("[^"]*"|'[^']*')""")
_FONT_CSS = re.compile(r"font-family\s*:[^;\"'<>}]*;?")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def clean_text(text: str | None) -> str:
    """Collapse runs of whitespace (newlines, NBSP) into single spaces."""
    return " ".join((text or "").replace("\u00a0", " ").split())


def fmt_date(d: dt.date | None) -> str:
    if d is None:
        return "undated"
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def fmt_range(start: dt.date | None, end: dt.date | None) -> str:
    """``12–19 Sep 2019``, ``28 May – 2 Jun 2020``, ``30 Dec 2019 – 2 Jan 2020``."""
    if start is None and end is None:
        return "undated"
    if start is None or end is None or start == end:
        return fmt_date(start or end)
    if start > end:
        start, end = end, start
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{fmt_date(end)}"
    if start.year == end.year:
        return f"{start.day} {_MONTHS[start.month - 1]} – {fmt_date(end)}"
    return f"{fmt_date(start)} – {fmt_date(end)}"


def fmt_datetime(t: dt.datetime) -> str:
    tz = ""
    if t.tzinfo is not None:
        off = t.utcoffset()
        tz = " UTC" if not off else f" UTC{t.strftime('%z')[:3]}:{t.strftime('%z')[3:]}"
    return f"{fmt_date(t.date())} {t.strftime('%H:%M')}{tz}"


def shorten(text: str, words: int = WHAT_WORDS) -> str:
    parts = clean_text(text).split(" ")
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]).rstrip(",;:") + " …"


@dataclass
class StatementView:
    text: str
    cites: list[int]
    origin: str = "extractive"


# a wire dateline opening a sentence: "KYIV, Ukraine — ", "QALIPH -- "
_DATELINE = re.compile(r"^[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][\w.' -]{1,30})?\s*(?:—|–|--)\s*")


def _event_order(event_id: str) -> tuple[int, str]:
    digits = "".join(ch for ch in event_id if ch.isdigit())
    return (int(digits) if digits else 0, event_id)


def _finite_phrase(action: str) -> bool:
    """True for a verb phrase that reads as a finite clause after its subject ("met with", "has deployed").

    Infinitives ("to root out") and participles opening a clause ("Lauding") make
    a garbled who-did-what line; the row then quotes its source sentence instead.
    """
    first = action.split(" ", 1)[0]
    return bool(first) and first.lower() != "to" and not first[0].isupper() and not (
        first.endswith("ing") and " " not in action
    )


@dataclass
class TimelineRow:
    date: str
    date_sort: tuple
    who: str
    what: str
    cites: list[int]
    tags: list[str] = field(default_factory=list)
    new: bool = False
    undated: bool = False
    quoted: bool = False  # "what" quotes the source sentence


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

    def __init__(self, brief: Brief, *, max_timeline_rows: int = MAX_TIMELINE_ROWS, cited_sources_only: bool = False):
        """``cited_sources_only`` (the PDF) lists only the sources the brief cites in its annex and
        counts the rest (``sources_omitted``); the HTML, Markdown and JSON list every source."""
        self.brief = brief
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
        self.discrepancies = self._discrepancies(b)
        self.graph_uri = self._graph_uri(b.graph_svg)
        self.graph_caption = self._graph_caption(b.graph)
        self.sources = self._sources()
        self.sources_omitted = 0
        if cited_sources_only:
            kept = [x for x in self.sources if x.cited]
            self.sources_omitted = len(self.sources) - len(kept)
            self.sources = kept
        self.method = self._method()
        self.extractive = b.summarizer.kind != "seq2seq"
        self.new_themes = sum(1 for t in self.themes if t.new)

    # -- pieces ------------------------------------------------------------
    def cites(self, citations: list[Citation]) -> list[int]:
        """Distinct source numbers of ``citations``, ascending; unknown documents are skipped."""
        out = sorted({self.nums[c.doc_id] for c in citations if c.doc_id in self.nums})
        self._cite_count.update(out)
        return out

    def statement(self, s: Statement) -> StatementView:
        return StatementView(clean_text(s.text), self.cites(s.citations), s.origin)

    def theme(self, t: Theme, i: int) -> ThemeView:
        events = [self._events[e] for e in t.event_ids if e in self._events]
        rows: list[TimelineRow] = []
        seen: set[tuple[str, str, str]] = set()
        quoted: set[str] = set()  # several events of one sentence: quote that sentence once
        shown = 0
        for e in sorted(events, key=lambda e: (-e.salience, _event_order(e.id))):
            if len(rows) >= self.max_timeline_rows:
                break
            row = self.row(e)
            key = (row.date, row.who.lower(), row.what.lower())
            if key in seen or (row.quoted and row.what.lower() in quoted):
                continue
            seen.add(key)
            if row.quoted:
                quoted.add(row.what.lower())
            rows.append(row)
        shown = len(rows)
        rows.sort(key=lambda r: r.date_sort)
        actors = Counter(a for e in events for a in e.actors)
        srcs = sorted({self.nums[c.doc_id] for e in events for c in e.mentions if c.doc_id in self.nums}
                      | {n for s in t.summary for n in (self.nums.get(c.doc_id) for c in s.citations) if n})
        return ThemeView(
            id=t.id,
            anchor=f"theme-{i}",
            label=clean_text(t.label) or f"Theme {i}",
            new=t.new,
            summary=[self.statement(s) for s in t.summary if clean_text(s.text)],
            timeline=rows,
            hidden_events=max(0, len(events) - shown),
            actors=[a for a, _ in actors.most_common(6)],
            sources=srcs,
        )

    def row(self, e: Event) -> TimelineRow:
        if e.date is not None:
            date = fmt_range(e.date, e.date_end) if e.date_end else fmt_date(e.date)
            sort = (0, e.date.toordinal(), e.id)
        elif e.date_text:
            date = f"“{clean_text(e.date_text)}”"
            sort = (1, 0, e.id)
        elif (reported := self._reported(e)) is not None:
            # no date in the text: the earliest report is an upper bound, and says so
            date = f"by {fmt_date(reported)}"
            sort = (0, reported.toordinal(), e.id)
        else:
            date = "undated"
            sort = (2, 0, e.id)
        who = ", ".join(clean_text(a) for a in e.actors[:3] if clean_text(a))
        if len(e.actors) > 3:
            who += f" +{len(e.actors) - 3}"
        quoted = False
        action = clean_text(e.action_text) or clean_text(e.action)
        if action and e.action.lower() not in _REPORTING and (e.targets or e.locations) and e.actors \
                and _finite_phrase(action):
            what = action
            if e.targets:
                what += " " + ", ".join(clean_text(x) for x in e.targets[:3])
            if e.locations:
                what += " in " + ", ".join(clean_text(x) for x in e.locations[:2])
        elif e.mentions and self._sentence(e.mentions[0]):
            what = shorten(_DATELINE.sub("", self._sentence(e.mentions[0]), count=1))
            quoted = True
        else:
            what = " ".join(x for x in [action, ", ".join(e.targets)] if x)
        tags = []
        if e.negated:
            tags.append("negated")
        if e.hedged:
            tags.append("unconfirmed")
        if e.modality:
            tags.append(clean_text(e.modality))
        if e.attribution:
            tags.append(clean_text(e.attribution))
        return TimelineRow(date, sort, who or "—", what or "—", self.cites(e.mentions), tags, e.new, e.date is None,
                           quoted)

    def _reported(self, e: Event):
        """The earliest publication date of the documents reporting ``e`` (or None)."""
        days = []
        for c in e.mentions:
            try:
                d = self.brief.document(c.doc_id)
            except KeyError:
                continue
            if d.published is not None:
                days.append(d.published)
        return min(days) if days else None

    def _discrepancies(self, b: Brief) -> list[dict[str, Any]]:
        """Rows of the discrepancy table, most important first; each also listed under its themes."""
        rows = []
        cited_in: dict[tuple[str, int], set[str]] = {}
        for e in b.events:
            for c in e.mentions:
                cited_in.setdefault((c.doc_id, c.sentence), set()).add(e.id)
        for d in sorted(b.discrepancies, key=lambda d: -d.importance):
            row = {
                "fact": clean_text(d.fact),
                "kind": d.kind,
                "within_document": d.within_document,
                "values": [{"value": clean_text(v.value), "quote": clean_text(v.quote), "qualifier": v.qualifier,
                            "outlet": self._outlet(v.doc_id), "cites": self.cites([Citation(v.doc_id, v.sentence)])}
                           for v in d.values],
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

    def _sentence(self, c: Citation) -> str:
        try:
            return self.brief.sentence_text(c)
        except (KeyError, IndexError):
            return ""

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

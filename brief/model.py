"""The data model shared by every pipeline stage.

Every stage takes and returns these dataclasses; nothing else crosses a stage
boundary.  The record of a whole run, :class:`brief.report.Brief`, is built from them
(it lives apart because it writes itself through render, the last stage).

Conventions
-----------
* Dates are :class:`datetime.date` (``None`` when unknown) and serialise as ISO
  ``YYYY-MM-DD`` strings.
* A :class:`Citation` points at ``Document.sentences[index]`` -- the *cleaned*
  sentences of a document, 0-based.
* Ids are short, stable strings: documents ``d-<hash>``, events ``e<n>``,
  themes ``t<n>``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1.0"


def iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True, order=True)
class Citation:
    """One source sentence: ``documents[doc_id].sentences[sentence]``."""

    doc_id: str
    sentence: int

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "sentence": self.sentence}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Citation:
        return cls(str(d["doc_id"]), int(d["sentence"]))


@dataclass
class Dropped:
    """A span the cleaner removed, with the reason (``kind``)."""

    doc_id: str
    kind: str  # e.g. "caption", "related-posts", "newsletter", "login-wall", "author-blurb", "share", "chrome", "filler", "duplicate-line"
    text: str
    line: int | None = None  # 0-based line number in the raw text, when known

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "kind": self.kind, "text": self.text, "line": self.line}


@dataclass
class Sentence:
    """A sentence of a document's cleaned body."""

    doc_id: str
    index: int  # position in Document.sentences
    text: str
    start: int = 0  # character offsets in Document.body
    end: int = 0
    paragraph: int = 0


@dataclass
class Document:
    """One news article, from ingest to the end of the run.

    ``text`` is what ingest read (body only: headline and front matter removed);
    ``body`` is the cleaned text (clean stage); ``sentences`` are the cleaned
    body's sentences (extract stage).
    """

    id: str
    title: str
    text: str
    outlet: str | None = None
    byline: str | None = None
    url: str | None = None
    path: str | None = None
    published: dt.date | None = None
    # where each piece of metadata came from: {"published": "front-matter", "outlet": "text:byline", ...}
    provenance: dict[str, str] = field(default_factory=dict)
    format: str = "txt"  # txt, md, html, json, jsonl, rss, atom, dict
    first_seen: dt.datetime | None = None
    body: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    duplicate_of: str | None = None  # id of the document this one repeats (same wire story)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def date_label(self) -> str:
        return self.published.isoformat() if self.published else "undated"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "byline": self.byline,
            "url": self.url,
            "path": self.path,
            "published": iso(self.published),
            "provenance": dict(self.provenance),
            "format": self.format,
            "first_seen": iso(self.first_seen),
            "duplicate_of": self.duplicate_of,
            "sentences": [s.text for s in self.sentences],
            "dropped_count": len(self.dropped),
        }


@dataclass
class Entity:
    """A canonical entity (after folding name variants across documents)."""

    id: str  # canonical name, used as the key everywhere
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, FAC, EVENT, ...
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # roles seen with the name ("Prime Minister")
    mentions: int = 0
    documents: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Event:
    """Who did what to whom, where and when -- with the sentences that say so."""

    id: str
    action: str  # predicate lemma, e.g. "meet"
    actors: list[str] = field(default_factory=list)  # canonical entity names or noun phrases
    targets: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    action_text: str = ""  # surface phrase, e.g. "met with"
    date: dt.date | None = None
    date_end: dt.date | None = None  # for ranges ("late May" -> 05-20..05-31)
    date_text: str | None = None
    attribution: str | None = None  # "according to X", "X said"
    negated: bool = False
    hedged: bool = False  # reportedly, allegedly, speculated
    modality: str | None = None  # "expected", "warned", "planned", ...
    mentions: list[Citation] = field(default_factory=list)  # >= 1
    entities: list[str] = field(default_factory=list)  # every canonical entity in the event's sentences
    keyphrases: list[str] = field(default_factory=list)  # multi-word noun phrases in the event's sentences
    salience: float = 0.0
    new: bool = False  # new since the previous brief (weekly)

    @property
    def sources(self) -> list[str]:
        """Distinct document ids that report this event, in first-mention order."""
        return list(dict.fromkeys(c.doc_id for c in self.mentions))

    def to_dict(self) -> dict[str, Any]:
        """The event's JSON; the optional fields still at their default (no end date, attribution
        or modality; not negated or hedged) are left out -- a large brief has tens of thousands."""
        out = {
            "id": self.id,
            "date": iso(self.date),
            "date_end": iso(self.date_end),
            "date_text": self.date_text,
            "actors": list(self.actors),
            "action": self.action,
            "action_text": self.action_text,
            "targets": list(self.targets),
            "locations": list(self.locations),
            "attribution": self.attribution,
            "negated": self.negated,
            "hedged": self.hedged,
            "modality": self.modality,
            "entities": list(self.entities),
            "keyphrases": list(self.keyphrases),
            "salience": round(self.salience, 4),
            "new": self.new,
            "mentions": [c.to_dict() for c in self.mentions],
        }
        for key in _EVENT_DEFAULTS:
            if not out[key]:
                del out[key]
        return out


_EVENT_DEFAULTS = ("date_end", "attribution", "negated", "hedged", "modality")  # left out of the JSON when unset


@dataclass
class Statement:
    """One sentence of the brief and the source sentences that support it."""

    text: str
    citations: list[Citation] = field(default_factory=list)
    origin: str = "extractive"  # "seq2seq", "extractive", "gate-replaced"
    event_ids: list[str] = field(default_factory=list)
    theme_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
            "origin": self.origin,
            "event_ids": list(self.event_ids),
            "theme_id": self.theme_id,
        }


@dataclass
class TimelineEntry:
    """One row of a theme's timeline, exactly as the brief shows it."""

    event_ids: list[str]  # the events this row tells (>= 1; several when one sentence tells them)
    date: dt.date | None  # the event's date, else the day its earliest source was published
    text: str  # a sentence: the source sentence (trimmed to the event's clause) or who did what
    citations: list[Citation] = field(default_factory=list)
    date_end: dt.date | None = None
    date_text: str = ""  # the date as printed: "12 Jul 2018", "12–19 Sep 2019", "by 6 Jul 2018", "undated"
    tags: list[str] = field(default_factory=list)  # "negated", "unconfirmed", modality
    new: bool = False
    dated: bool = True  # False: the date is the report day, not a date the text gives

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_ids": list(self.event_ids),
            "date": iso(self.date),
            "date_end": iso(self.date_end),
            "date_text": self.date_text,
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
            "tags": list(self.tags),
            "new": self.new,
            "dated": self.dated,
        }


@dataclass
class Theme:
    id: str
    label: str
    keyphrases: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)
    summary: list[Statement] = field(default_factory=list)
    salience: float = 0.0
    new: bool = False
    timeline: list[TimelineEntry] = field(default_factory=list)  # the rows the brief shows, in date order

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "keyphrases": list(self.keyphrases),
            "entities": list(self.entities),
            "event_ids": list(self.event_ids),
            "summary": [s.to_dict() for s in self.summary],
            "timeline": [r.to_dict() for r in self.timeline],
            "salience": round(self.salience, 4),
            "new": self.new,
        }


@dataclass
class DiscrepancyValue:
    value: str  # the value as the source states it ("more than 8,400 tons of barley")
    doc_id: str
    sentence: int
    qualifier: str | None = None  # "more than", "about", "at least", "up to" ... (None: a plain value)
    quote: str = ""  # the source's words carrying the value
    normalized: str | None = None  # the value in common units ("26500 tonne", "2022-07-13")

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "doc_id": self.doc_id, "sentence": self.sentence, "qualifier": self.qualifier,
                "quote": self.quote, "normalized": self.normalized}


@dataclass
class Discrepancy:
    """Sources disagree on one fact (a count, an amount, a date)."""

    fact: str
    values: list[DiscrepancyValue] = field(default_factory=list)  # >= 2
    event_ids: list[str] = field(default_factory=list)
    kind: str = "count"  # count | amount | percent | date | time
    within_document: bool = False  # one source contradicting itself
    importance: float = 0.0  # higher first (sources involved, what is counted, how alike the statements are)

    def to_dict(self) -> dict[str, Any]:
        return {
            "fact": self.fact,
            "kind": self.kind,
            "values": [v.to_dict() for v in self.values],
            "event_ids": list(self.event_ids),
            "within_document": self.within_document,
            "importance": round(self.importance, 3),
        }


@dataclass
class InputProblem:
    """A bad input: reported as one line, the run goes on without it.

    ``note`` marks an input that was still read, with something replaced or left unknown
    (the message says what); ``--strict`` fails on notes too.
    """

    path: str
    message: str
    note: bool = False

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"path": self.path, "message": self.message}
        if self.note:
            d["note"] = True
        return d


@dataclass
class SummarizerInfo:
    kind: Literal["seq2seq", "extractive"] = "extractive"
    model: str | None = None
    notice: str | None = None  # e.g. why the seq2seq model was not used
    gate_replaced: int = 0  # generated sentences the faithfulness gate dropped/replaced
    generated: int = 0  # generated sentences kept
    device: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

"""``Brief``: the complete record of one run, and how it is written.

It serialises to the JSON contract in ``shared/schema/brief.schema.json`` (see
:meth:`Brief.to_dict`) and writes itself as pdf, html, md or json through
``brief.render`` -- which is why it lives here and not in ``brief/model.py``: the
stages' data model must not depend on the last stage, and render needs ``Brief``
only for type annotations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brief.model import (
    SCHEMA_VERSION,
    Citation,
    Discrepancy,
    Document,
    Dropped,
    Entity,
    Event,
    InputProblem,
    Statement,
    SummarizerInfo,
    Theme,
    iso,
)


@dataclass
class Brief:
    """Everything one run decided."""

    title: str
    generated_at: dt.datetime
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    summarizer: SummarizerInfo = field(default_factory=SummarizerInfo)
    documents: list[Document] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    key_points: list[Statement] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    graph: dict[str, Any] | None = None  # node-link JSON of the co-mention graph
    graph_svg: str | None = None  # figure of the graph for the PDF
    handling: str | None = None  # handling marking, e.g. "UNCLASSIFIED // OPEN SOURCE"
    version: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    # -- lookups -------------------------------------------------------------
    def document(self, doc_id: str) -> Document:
        for d in self.documents:
            if d.id == doc_id:
                return d
        raise KeyError(doc_id)

    def event(self, event_id: str) -> Event:
        for e in self.events:
            if e.id == event_id:
                return e
        raise KeyError(event_id)

    def sentence_text(self, c: Citation) -> str:
        return self.document(c.doc_id).sentences[c.sentence].text

    @property
    def dropped(self) -> list[Dropped]:
        return [x for d in self.documents for x in d.dropped]

    def source_numbers(self) -> dict[str, int]:
        """1-based number of each document in the sources annex (documents order)."""
        return {d.id: i for i, d in enumerate(self.documents, start=1)}

    # -- output --------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "title": self.title,
            "generated_at": self.generated_at.isoformat(timespec="seconds"),
            "period": {"start": iso(self.period_start), "end": iso(self.period_end)},
            "summarizer": self.summarizer.to_dict(),
            "handling": self.handling,
            "version": self.version,
            "documents": [d.to_dict() for d in self.documents],
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "themes": [t.to_dict() for t in self.themes],
            "key_points": [s.to_dict() for s in self.key_points],
            "discrepancies": [d.to_dict() for d in self.discrepancies],
            "dropped": [x.to_dict() for x in self.dropped],
            "input_errors": [p.to_dict() for p in self.problems],
            "graph": self.graph,
            "meta": self.meta,
        }

    def write(self, path: str | Path, format: str | None = None) -> Path:
        """Write the brief as pdf, html, md or json (format defaults to the suffix).

        The file is written atomically: a crash never leaves a half-written brief.
        """
        from brief.render import write_brief  # at call time: building a Brief does not load the renderers

        return write_brief(self, Path(path), format)


__all__ = ["Brief", "SCHEMA_VERSION"]

"""Summarize: a cited summary per theme and key points.  (Minimal first pass.)"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from brief.config import BriefConfig
from brief.model import Document, Event, Statement, SummarizerInfo, Theme


class Summarizer:
    """Turns a theme's events into cited statements."""

    kind = "extractive"
    model_name: str | None = None

    def summarize_themes(
        self, themes: list[Theme], events: dict[str, Event], docs: dict[str, Document], config: BriefConfig
    ) -> list[list[Statement]]:
        raise NotImplementedError


class ExtractiveSummarizer(Summarizer):
    kind = "extractive"

    def summarize_themes(self, themes, events, docs, config):
        out = []
        for t in themes:
            stmts = []
            for eid in t.event_ids[: config.summary_sentences]:
                ev = events[eid]
                c = ev.mentions[0]
                stmts.append(
                    Statement(docs[c.doc_id].sentences[c.sentence].text, list(ev.mentions), "extractive", [eid], t.id)
                )
            out.append(stmts)
        return out


@dataclass
class Summaries:
    key_points: list[Statement] = field(default_factory=list)
    info: SummarizerInfo = field(default_factory=SummarizerInfo)


def get_summarizer(config: BriefConfig) -> Summarizer:
    return ExtractiveSummarizer()


def summarize(
    themes: list[Theme],
    events: list[Event],
    docs: list[Document],
    summarizer: Summarizer,
    *,
    config: BriefConfig,
    progress: Callable[[str, int, int], None],
) -> Summaries:
    ev = {e.id: e for e in events}
    dd = {d.id: d for d in docs}
    for t, stmts in zip(themes, summarizer.summarize_themes(themes, ev, dd, config)):
        t.summary = stmts
    kps = [t.summary[0] for t in themes if t.summary][: config.key_points]
    return Summaries(kps, SummarizerInfo(kind=summarizer.kind, model=summarizer.model_name,
                                         notice="No seq2seq model configured: extractive summaries."))

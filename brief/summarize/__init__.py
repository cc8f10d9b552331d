"""Summarize: a cited summary per theme and the key points at the top of the brief.

Two summarizers share one interface (:class:`Summarizer`):

* :class:`Seq2SeqSummarizer` -- a local seq2seq model (default
  :data:`DEFAULT_MODEL`, or ``--model`` hub id / folder) writes each theme's
  summary; the faithfulness gate replaces any sentence its sources do not
  support (``SummarizerInfo.gate_replaced``);
* :class:`ExtractiveSummarizer` -- picks and lightly compresses the most salient
  non-redundant source sentences (what users without a model get).

Every statement carries the citations of the source sentences that support it
(:mod:`brief.summarize.align`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field

from brief.config import BriefConfig
from brief.errors import ConfigError, ModelError
from brief.model import Document, Event, Statement, SummarizerInfo, Theme
from brief.summarize.align import SourceIndex
from brief.summarize.base import RunStats, Summarizer
from brief.summarize.extractive import ExtractiveSummarizer
from brief.summarize.keypoints import key_points
from brief.summarize.models import DEFAULT_MODEL, available_offline, pull_hint
from brief.summarize.timeline import timelines


def __getattr__(name: str):  # Seq2SeqSummarizer imports jinja2; torch only when a model loads
    if name == "Seq2SeqSummarizer":
        from brief.summarize.seq2seq import Seq2SeqSummarizer

        return Seq2SeqSummarizer
    raise AttributeError(name)


@dataclass
class Summaries:
    key_points: list[Statement] = field(default_factory=list)
    info: SummarizerInfo = field(default_factory=SummarizerInfo)


def get_summarizer(config: BriefConfig) -> Summarizer:
    """The summarizer ``config.summarizer`` asks for.

    * ``"extractive"``: always extractive.
    * ``"seq2seq"``: ``config.model`` (or :data:`DEFAULT_MODEL`) must load, else :class:`ModelError`.
    * ``"auto"``: seq2seq when the model loads offline, else extractive with one
      notice (``summarizer.notice``) saying how to get a model.
    """
    choice = (config.summarizer or "auto").lower()
    if choice == "extractive":
        return ExtractiveSummarizer()
    if choice not in ("auto", "seq2seq"):
        raise ConfigError(f"summarizer must be auto, seq2seq or extractive, not {config.summarizer!r}")
    model_id = config.model or DEFAULT_MODEL
    if choice == "seq2seq":
        from brief.summarize.seq2seq import Seq2SeqSummarizer

        return Seq2SeqSummarizer(model_id, config.device)
    if not available_offline(model_id):
        s = ExtractiveSummarizer()
        what = f"model {model_id!r} is not available offline" if config.model else f"no local copy of the default model {DEFAULT_MODEL!r}"
        s.notice = f"extractive summaries ({what}); for written summaries {pull_hint(model_id)}"
        return s
    try:
        from brief.summarize.seq2seq import Seq2SeqSummarizer

        return Seq2SeqSummarizer(model_id, config.device)
    except ModelError as e:
        s = ExtractiveSummarizer()
        s.notice = f"extractive summaries ({e}); {pull_hint(model_id)}"
        return s


def summarize(
    themes: list[Theme],
    events: list[Event],
    docs: list[Document],
    summarizer: Summarizer,
    *,
    config: BriefConfig,
    progress: Callable[[str, int, int], None],
) -> Summaries:
    """Fill ``Theme.summary`` of every theme; return the key points and what made them."""
    ev = {e.id: e for e in events}
    dd = {d.id: d for d in docs}
    index = SourceIndex.build(docs)
    progress("summarize", 0, len(themes))
    summarizer.stats = RunStats()
    params = inspect.signature(summarizer.summarize_themes).parameters
    # an extractive summary picks one sentence more per theme: a sentence that becomes a key point
    # leaves its theme's summary (the brief never says one thing twice)
    wide = config.model_copy(update={"summary_sentences": config.summary_sentences + 1}) if summarizer.kind == "extractive" else config
    if "index" in params:
        results = summarizer.summarize_themes(themes, ev, dd, wide, progress, index=index)
    else:  # a Summarizer with the minimal signature
        results = summarizer.summarize_themes(themes, ev, dd, wide)
    for t, stmts in zip(themes, results):
        t.summary = [s for s in stmts if s.text.strip() and s.citations]
    progress("summarize", len(themes), len(themes))
    timelines(themes, ev, dd)
    kps = key_points(themes, index, config.key_points)
    said = {(s.theme_id, tuple(s.citations[:1])) for s in kps}
    for t in themes:
        kept = [s for s in t.summary if (s.theme_id, tuple(s.citations[:1])) not in said] or t.summary[:1]
        t.summary = kept[: max(1, config.summary_sentences)] if summarizer.kind == "extractive" else kept
    st = getattr(summarizer, "stats", RunStats())
    info = SummarizerInfo(
        kind="seq2seq" if summarizer.kind == "seq2seq" else "extractive",
        model=summarizer.model_name if summarizer.kind == "seq2seq" else None,
        notice=summarizer.notice,
        gate_replaced=st.gate_replaced,
        generated=st.generated,
        device=summarizer.device if summarizer.kind == "seq2seq" else None,
    )
    return Summaries(kps, info)


__all__ = [
    "DEFAULT_MODEL",
    "ExtractiveSummarizer",
    "Seq2SeqSummarizer",
    "Summaries",
    "Summarizer",
    "get_summarizer",
    "summarize",
]

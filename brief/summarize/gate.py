"""The faithfulness gate: a generated sentence stays only if its sources say it.

A sentence passes when

* some source sentence supports it above ``min_support`` (share of the
  sentence's content words found in that one source sentence), and
* every name, number and date it states is found in the sentences it cites.

Everything else is rejected; the caller drops it or puts the best extractive
sentence in its place (and counts it in ``SummarizerInfo.gate_replaced``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from brief.model import Citation
from brief.summarize.align import SourceIndex, features

MIN_SUPPORT = 0.6  # share of content words one source sentence must hold
MIN_CONTENT_WORDS = 3


@dataclass
class Verdict:
    ok: bool
    citations: list[Citation] = field(default_factory=list)
    support: float = 0.0
    reason: str = ""


def check(text: str, index: SourceIndex, *, prefer: set[Citation] | None = None,
          min_support: float = MIN_SUPPORT) -> Verdict:
    """Judge one generated sentence against the corpus."""
    f = features(text)
    if len(f.content) < MIN_CONTENT_WORDS:
        return Verdict(False, reason="too few content words")
    cits, sup, missing = index.align(f, min_support=min_support, prefer=prefer)
    if not cits or sup < min_support:
        return Verdict(False, cits, sup, f"no source sentence supports it (best {sup:.2f} < {min_support})")
    if missing:
        return Verdict(False, cits, sup, "not in the cited sources: " + ", ".join(missing))
    main = index.feats[cits[0]]
    main_text = index.text(cits[0]) or ""
    # a negation the source lacks; or a dropped one, when the source is one clause (so the "not" is about this)
    if (f.negated and not main.negated) or (main.negated and not f.negated and "," not in main_text and ";" not in main_text):
        return Verdict(False, cits, sup, "negation differs from its main source")
    return Verdict(True, cits, sup)

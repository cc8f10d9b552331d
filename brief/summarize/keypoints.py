"""Key points: 3-5 one-line, cited statements across the top themes (bottom line up front)."""

from __future__ import annotations


from brief.lexicon import pattern
from brief.model import Statement, Theme
from brief.summarize.align import SourceIndex, features, similarity
from brief.summarize.extractive import _quote_share, quality

MIN_POINTS, MAX_POINTS = 3, 5
ONE_LINE_WORDS = 30
LATEST = 0.8  # recency (0 earliest .. 1 latest report) of "the newest reports"


# where a long key point is cut (lexicon/en/keypoints.tsv): after its attribution ("..., the ministry said"),
# or before a trailing participial clause -- not one that carries the claim (", saying ...")
_ATTRIBUTION_CUT = pattern("keypoints", "attribution-cut")
_PARTICIPLE_TAIL = pattern("keypoints", "participle-tail")
_ATTRIBUTION = pattern("keypoints", "attribution")


def shorten(text: str) -> str:
    """One line: a long sentence ends at its attribution ("..., the ministry said"), keeping it."""
    if len(text.split()) <= ONE_LINE_WORDS:
        return text
    m = _ATTRIBUTION_CUT.match(text)
    if m and len(m.group("head").split()) >= 10:
        return m.group("head") + "."
    m = _PARTICIPLE_TAIL.match(text)
    if m and len(m.group("head").split()) >= 12 and not _ATTRIBUTION.search(text[m.end("head"):]):
        return m.group("head") + "."
    return text


def _recency(s: Statement, index: SourceIndex | None) -> float:
    """0 (earliest reporting in the corpus) .. 1 (latest), from the cited documents' dates; 0.5 when unknown."""
    if index is None:
        return 0.5
    dates = [d.published for d in index.docs.values() if d.published]
    cited = [index.docs[c.doc_id].published for c in s.citations
             if c.doc_id in index.docs and index.docs[c.doc_id].published]
    if not dates or not cited:
        return 0.5
    lo, hi = min(dates), max(dates)
    if hi == lo:
        return 1.0
    return (max(cited) - lo).days / (hi - lo).days


def _score(s: Statement, index: SourceIndex | None = None) -> float:
    text = shorten(s.text)
    f = features(text)
    n_docs = len({c.doc_id for c in s.citations})
    words = len(text.split())
    informative = min(1.0, (len(f.names) + len(f.numbers) + len(f.dates)) / 4)
    length = 0.0 if words <= ONE_LINE_WORDS else (words - ONE_LINE_WORDS) * 0.03
    reads = quality(text, text) * (1 - 0.6 * _quote_share(text))  # quotations, pronoun openers: poor key points
    lede = 1.0 / (1.0 + 0.3 * min(c.sentence for c in s.citations)) if s.citations else 0.0  # news ledes carry the bottom line
    # the bottom line is what is newest: a brief leads with the latest state of each story
    recent = 0.25 * _recency(s, index)
    return reads * (0.35 * min(n_docs, 4) / 4 + 0.25 * informative + 0.2 * lede + 0.1 * (s.origin == "seq2seq")
                    + 0.1 + recent) - length


def key_points(themes: list[Theme], index: SourceIndex | None, k: int = MAX_POINTS) -> list[Statement]:
    """The most important statements of the whole brief, bottom line first, never two alike.

    Every theme summary statement competes: its own score (corroboration, facts, lede,
    recency) times the weight of its theme (salience relative to the top theme), at most
    two from one theme, the catch-all theme last.
    """
    want = max(MIN_POINTS, min(MAX_POINTS, k or MAX_POINTS))
    top = max((t.salience for t in themes), default=0.0) or 1.0
    pool = []
    for rank, t in enumerate(themes):
        weight = 0.5 + 0.5 * (t.salience / top) if t.salience > 0 else 0.5 / (1 + rank)
        for s in t.summary:
            if s.citations:
                pool.append((_score(s, index) * weight, rank, s))
    pool.sort(key=lambda x: (-x[0], x[1]))
    chosen: list[Statement] = []
    feats = []
    per_theme: dict[str | None, int] = {}
    for long_ok in (False, True):
        for _, _, s in pool:
            if len(chosen) >= want:
                break
            if any(c is s for c in chosen) or per_theme.get(s.theme_id, 0) >= 2:
                continue
            if not long_ok and len(shorten(s.text).split()) > ONE_LINE_WORDS + 10:
                continue  # a long sentence only when nothing shorter is left
            f = features(s.text)
            if any(similarity(f, g) > 0.45 for g in feats):
                continue
            chosen.append(s)
            feats.append(f)
            per_theme[s.theme_id] = per_theme.get(s.theme_id, 0) + 1
    # the latest state of the situation is part of the bottom line: one point at least from the newest reports
    if chosen and index is not None and not any(_recency(s, index) >= LATEST for s in chosen):
        recent = [s for _, _, s in pool if _recency(s, index) >= LATEST and not any(c is s for c in chosen)
                  and not any(similarity(features(s.text), g) > 0.45 for g in feats[:-1])]
        if recent:
            chosen[-1 if len(chosen) >= want else len(chosen):] = [recent[0]]
    # the bottom line first: in the order of importance they were chosen
    return [Statement(shorten(s.text), list(s.citations), s.origin, list(s.event_ids), s.theme_id) for s in chosen]

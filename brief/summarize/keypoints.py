"""Key points: 3-5 one-line, cited statements across the top themes (bottom line up front)."""

from __future__ import annotations

from brief.model import Statement, Theme
from brief.summarize.align import SourceIndex, features, similarity
from brief.summarize.extractive import quality

MIN_POINTS, MAX_POINTS = 3, 5
ONE_LINE_WORDS = 30


def _score(s: Statement) -> float:
    f = features(s.text)
    n_docs = len({c.doc_id for c in s.citations})
    words = len(s.text.split())
    informative = min(1.0, (len(f.names) + len(f.numbers) + len(f.dates)) / 4)
    length = 0.0 if words <= ONE_LINE_WORDS else (words - ONE_LINE_WORDS) * 0.03
    reads = quality(s.text, s.text)  # quotations and pronoun openers make poor key points
    return reads * (0.4 * min(n_docs, 4) / 4 + 0.3 * informative + 0.1 * (s.origin == "seq2seq") + 0.2) - length


def key_points(themes: list[Theme], index: SourceIndex | None, k: int = MAX_POINTS) -> list[Statement]:
    """The strongest statement of each top theme first, then second-best ones, never two alike."""
    want = max(MIN_POINTS, min(MAX_POINTS, k or MAX_POINTS))
    order = sorted(range(len(themes)), key=lambda i: (-themes[i].salience, i))
    pools = [sorted([s for s in themes[i].summary if s.citations], key=lambda s: -_score(s)) for i in order]
    chosen: list[Statement] = []
    feats = []
    for rnd in range(3):
        for pool in pools:
            if len(chosen) >= want:
                break
            for s in pool:
                f = features(s.text)
                if any(similarity(f, g) > 0.45 for g in feats):
                    continue
                if rnd == 0 and len(s.text.split()) > ONE_LINE_WORDS + 10 and len(pool) > 1:
                    continue  # a long sentence only when the theme has nothing shorter
                chosen.append(Statement(s.text, list(s.citations), s.origin, list(s.event_ids), s.theme_id))
                feats.append(f)
                pool.remove(s)
                break
    return chosen

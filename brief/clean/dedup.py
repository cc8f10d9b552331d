"""Exact and near-duplicate documents (the same wire story in two outlets).

Word 5-shingles of each cleaned body; candidates share sampled shingles (an inverted
index over about a quarter of them, very common shingles ignored), then the exact
Jaccard similarity (or containment, for a trimmed copy) decides.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict

from brief.model import Document

SHINGLE = 5
JACCARD = 0.5
CONTAINMENT = 0.8
_TOKEN = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> set[int]:
    toks = _TOKEN.findall(text.lower())
    if len(toks) < k:
        return {zlib.crc32(" ".join(toks).encode())} if toks else set()
    return {zlib.crc32(" ".join(toks[i:i + k]).encode()) for i in range(len(toks) - k + 1)}


def similarity(a: set[int], b: set[int]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger)."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


def _order_key(i: int, d: Document):  # earlier publication first, then input order
    return (d.published is None, d.published or 0, i) if d.published else (True, 0, i)


def mark_duplicates(docs: list[Document]) -> None:
    """Set ``duplicate_of`` on every document that repeats an earlier one."""
    order = sorted(range(len(docs)), key=lambda i: _order_key(i, docs[i]))
    exact: dict[str, str] = {}
    index: dict[int, list[int]] = defaultdict(list)
    sets: dict[int, set[int]] = {}
    for i in order:
        d = docs[i]
        if d.duplicate_of:
            continue
        body = re.sub(r"\W+", " ", d.body.lower()).strip()
        if not body:
            continue
        h = hashlib.sha1(body.encode()).hexdigest()
        if h in exact:
            d.duplicate_of = exact[h]
            continue
        exact[h] = d.id
        sh = shingles(body)
        sets[i] = sh
        sampled = [x for x in sh if x % 4 == 0] or list(sh)[:8]
        counts: dict[int, int] = defaultdict(int)
        for x in sampled:
            posting = index[x]
            if len(posting) <= 50:
                for j in posting:
                    counts[j] += 1
        best = None
        for j, c in sorted(counts.items(), key=lambda t: -t[1])[:10]:
            if c < 2 and len(sampled) > 4:
                continue
            jac, cont = similarity(sh, sets[j])
            if jac >= JACCARD or cont >= CONTAINMENT and min(len(sh), len(sets[j])) >= 20:
                best = j
                break
        if best is not None:
            d.duplicate_of = docs[best].id
            continue
        for x in sampled:
            index[x].append(i)

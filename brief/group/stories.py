"""Stories: events clustered by what they say, what they name and when they happened.

The co-mention graph (:mod:`brief.group.graph`) stays the backbone: an event's
entity and key-phrase nodes are part of its vector, and the labels are read from
it.  What this module adds is an *event* graph: two events are close when

* their sentences and nodes share specific terms (a lexical, tf-idf cosine; see
  :func:`encode` -- a sentence embedder with the same ``encode(texts)`` contract
  can replace it);
* they happened close in time (event date, else the day the source was published);
* they are told in neighbouring sentences of one article.

Terms are weighted by their inverse *document* frequency, and a term used by most
documents weighs nothing, so the actors present everywhere cannot glue stories
together.  Louvain (fixed seed) finds the communities; fragments are then merged
into the community they are most tied to, and communities are merged further down
to the count the corpus supports.  Everything is sorted and seeded: the same input
gives the same stories.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

import networkx as nx
import numpy as np

from brief.group.knn import SparseRows, products
from brief.group.phrases import singular
from brief.model import Document, Event

try:  # spaCy's English stop words (a hard dependency)
    from spacy.lang.en.stop_words import STOP_WORDS as _STOP
except Exception:  # pragma: no cover
    _STOP = set()

SEED = 20240601
HUB_DOC_SHARE = 0.6  # a term in at least this share of the documents carries no story
MAX_TERMS = 6000  # vocabulary bound (the most widely used linking terms are kept)
# a term used by more events than this links too many to compare (the pairs it would bring grow
# with its square); it is left out, so the cost of the event graph grows with the corpus, not its square
MAX_TERM_EVENTS = 1500
ENCODE_ROWS = 2048  # rows of the tf-idf matrix made dense at once
NODE_WEIGHT = 2.0  # an entity / key-phrase node counts as this many words
NEIGHBOURS = 6  # edges kept per event (k nearest)
MIN_SIM = 0.06
TIME_FLOOR = 0.35  # similarity factor of two events far apart in time
ADJACENT = 0.12  # bonus for neighbouring sentences of one article
MIN_STORY = 3  # events a story needs; smaller communities are merged into a neighbour
HEADLINE_MIX = 2.0  # how strongly an event is drawn to its article's headline (times their cosine)

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)


def terms(text: str) -> list[str]:
    """Content words of ``text``: lower-cased, singular, stop words and short words left out."""
    out = []
    for w in _WORD.findall(text.lower().replace("’", "'")):
        if w.endswith("'s"):
            w = w[:-2]
        if len(w) < 3 or w in _STOP:
            continue
        out.append(singular(w))
    return out


class LexicalEncoder:
    """tf-idf vectors over words (and graph nodes), with idf over *documents*.

    ``encode(items)`` takes, per event, ``(document id, text, nodes)`` and returns the
    L2-normalised rows (one per event) as :class:`~brief.group.knn.SparseRows`.
    """

    def __init__(self, hub_share: float = HUB_DOC_SHARE, max_terms: int = MAX_TERMS):
        self.hub_share = hub_share
        self.max_terms = max_terms

    def encode(self, items: Sequence[tuple[str, str, Sequence[str]]]) -> SparseRows:
        bags: list[Counter] = []
        term_docs: dict[str, set[str]] = defaultdict(set)
        term_events: Counter = Counter()
        for doc, text, nodes in items:
            bag = Counter(terms(text))
            for n in nodes:
                bag["\x00" + n.lower()] += NODE_WEIGHT
            bags.append(bag)
            term_events.update(bag.keys())
            for t in bag:
                term_docs[t].add(doc)
        n_docs = max(1, len({doc for doc, _, _ in items}))
        vocab = [
            t
            for t, k in term_events.items()
            if 2 <= k <= MAX_TERM_EVENTS and (n_docs < 4 or len(term_docs[t]) / n_docs < self.hub_share)
        ]
        vocab.sort(key=lambda t: (-term_events[t], t))
        vocab = sorted(vocab[:self.max_terms])
        col = {t: i for i, t in enumerate(vocab)}
        idf = np.array([math.log((1.0 + n_docs) / (1.0 + len(term_docs[t]))) + 1.0 / (1.0 + term_events[t]) for t in vocab],
                       dtype=np.float32)
        parts = []
        for lo in range(0, len(bags), ENCODE_ROWS):  # dense a block of rows at a time, kept sparse
            x = np.zeros((min(ENCODE_ROWS, len(bags) - lo), max(1, len(vocab))), dtype=np.float32)
            for r, bag in enumerate(bags[lo:lo + ENCODE_ROWS]):
                for t, c in bag.items():
                    j = col.get(t)
                    if j is not None:
                        x[r, j] = (1.0 + math.log(c)) * idf[j] if c >= 1 else c * idf[j]
            norms = np.linalg.norm(x, axis=1, keepdims=True)
            norms[norms == 0] = 1.0
            parts.append(SparseRows.from_dense(x / norms))
        return SparseRows.stack(parts, max(1, len(vocab)))


def event_day(ev: Event, published: dict[str, int]) -> int | None:
    """The event's day (ordinal): its own date, else the earliest publication of its sources."""
    if ev.date is not None:
        return ev.date.toordinal()
    days = [published[c.doc_id] for c in ev.mentions if c.doc_id in published]
    return min(days) if days else None


def time_scale(days: list[int]) -> float:
    """Days over which closeness in time fades: twice the median gap between publication days."""
    gaps = sorted(b - a for a, b in zip(days, days[1:]))
    if not gaps:
        return 7.0
    return max(2.0, 2.0 * gaps[len(gaps) // 2])


def event_graph(
    events: list[Event],
    docs: list[Document],
    event_nodes: dict[str, list[str]],
    doc_of: dict[str, str],
    encode: Callable[[Sequence[tuple[str, str, Sequence[str]]]], SparseRows | np.ndarray] | None = None,
) -> nx.Graph:
    """Weighted k-nearest-neighbour graph of the events (nodes are event ids).

    ``encode`` maps ``[(document id, text, nodes), ...]`` to L2-normalised rows (sparse,
    or a dense array); the default is :class:`LexicalEncoder`.  Only events that share a
    term are compared (:func:`brief.group.knn.products`): the others have similarity 0.
    """
    sentences = {d.id: d.sentences for d in docs}
    items = []
    for ev in events:
        texts = []
        for c in ev.mentions:
            ss = sentences.get(c.doc_id, [])
            if 0 <= c.sentence < len(ss):
                texts.append(ss[c.sentence].text)
        doc = doc_of.get(ev.mentions[0].doc_id, ev.mentions[0].doc_id) if ev.mentions else ""
        items.append((doc, " ".join(dict.fromkeys(texts)), event_nodes.get(ev.id, [])))
    x = _encode_with_headlines(items, events, docs, doc_of, encode or LexicalEncoder().encode)
    published = {d.id: d.published.toordinal() for d in docs if d.published}
    days = [event_day(ev, published) for ev in events]
    tau = time_scale(sorted(set(published.values())))
    origin = min((d for d in days if d is not None), default=0)  # small numbers: exact in float32
    day_arr = np.array([d - origin if d is not None else 0 for d in days], dtype=np.float32)
    has_day = np.array([d is not None for d in days])
    first = [(doc_of.get(ev.mentions[0].doc_id, ev.mentions[0].doc_id), ev.mentions[0].sentence) if ev.mentions else None
             for ev in events]
    at: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, f in enumerate(first):
        if f is not None:
            at[f].append(i)
    g = nx.Graph()
    g.add_nodes_from(ev.id for ev in events)
    n = len(events)
    k = min(NEIGHBOURS, max(1, n - 1))
    if not isinstance(x, SparseRows):
        x = SparseRows.from_dense(np.asarray(x, dtype=np.float32))
    for lo, hi, rows, cols, sims in products(x):  # only pairs sharing a term: the rest have similarity 0
        gap = np.abs(day_arr[rows] - day_arr[cols])
        close = np.exp(-gap / tau)
        close = np.where(has_day[rows] & has_day[cols], close, np.float32(0.6))
        sims = sims * (TIME_FLOOR + (1.0 - TIME_FLOOR) * close)
        bounds = np.searchsorted(rows, np.arange(lo, hi + 1))
        for i in range(lo, hi):
            a, b = bounds[i - lo], bounds[i - lo + 1]
            _link(g, events, i, cols[a:b], sims[a:b], first, at, k)
    return g


def _encode_with_headlines(items, events: list[Event], docs: list[Document], doc_of: dict[str, str],
                           enc) -> SparseRows | np.ndarray:
    """Event rows, each pulled towards its article's headline by how much it is about it.

    An editor names the story in the headline; an event whose sentence shares its
    specific words (cosine ``s`` in the same vector space) is about that story, and
    its row becomes ``x + HEADLINE_MIX * s * h`` (renormalised).  Events of one
    article that tell its headline story are drawn together, and so are the articles
    whose headlines name the same development; background sentences (``s`` near 0)
    keep their own vector.
    """
    titles = sorted((d.id, d.title) for d in docs if d.title and not d.duplicate_of)
    if HEADLINE_MIX <= 0 or not titles:
        return enc(items)
    both = enc(list(items) + [(d, t, []) for d, t in titles])  # one vocabulary for sentences and headlines
    row = {d: len(items) + i for i, (d, _) in enumerate(titles)}
    headline_of = [row.get(doc_of.get(ev.mentions[0].doc_id, ev.mentions[0].doc_id)) if ev.mentions else None
                   for ev in events]
    if isinstance(both, SparseRows):
        return _pull_sparse(both, len(items), headline_of)
    x, h = both[: len(items)], both
    out = x.copy()
    for i, j in enumerate(headline_of):
        if j is not None:
            out[i] += HEADLINE_MIX * max(0.0, float(x[i] @ h[j])) * h[j]
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms


def _pull_sparse(m: SparseRows, n: int, headline_of: list[int | None]) -> SparseRows:
    """:func:`_encode_with_headlines` on sparse rows: rows 0..n-1 are the events, the rest headlines."""
    indptr = [0]
    indices: list[np.ndarray] = []
    data: list[np.ndarray] = []
    for i in range(n):
        ci, vi = m.indices[m.indptr[i]:m.indptr[i + 1]], m.data[m.indptr[i]:m.indptr[i + 1]]
        j = headline_of[i]
        if j is not None:
            cj, vj = m.indices[m.indptr[j]:m.indptr[j + 1]], m.data[m.indptr[j]:m.indptr[j + 1]]
            common, a, b = np.intersect1d(ci, cj, assume_unique=True, return_indices=True)
            s = float(vi[a] @ vj[b]) if len(common) else 0.0
            if s > 0:
                cols = np.union1d(ci, cj)
                vals = np.zeros(len(cols), dtype=np.float32)
                vals[np.searchsorted(cols, ci)] += vi
                vals[np.searchsorted(cols, cj)] += np.float32(HEADLINE_MIX * s) * vj
                ci, vi = cols, vals / max(float(np.linalg.norm(vals)), 1e-12)
        indices.append(ci)
        data.append(vi.astype(np.float32))
        indptr.append(indptr[-1] + len(ci))
    return SparseRows(np.array(indptr, dtype=np.int64),
                      np.concatenate(indices) if indices else np.zeros(0, np.int64),
                      np.concatenate(data) if data else np.zeros(0, np.float32), m.n_cols)


def _link(g: nx.Graph, events: list[Event], i: int, cols: np.ndarray, sims: np.ndarray,
          first: list, at: dict, k: int) -> None:
    """Edges from event i to its k most similar events (a neighbouring sentence adds ``ADJACENT``)."""
    sims = sims.copy()
    sims[cols == i] = 0.0
    if first[i] is not None:
        doc, s = first[i]
        extra = []
        for j in at.get((doc, s - 1), []) + at.get((doc, s), []) + at.get((doc, s + 1), []):
            if j == i:
                continue
            p = int(np.searchsorted(cols, j))
            if p < len(cols) and cols[p] == j:
                sims[p] += np.float32(ADJACENT)
            else:
                extra.append(j)
        if extra:
            cols = np.concatenate([cols, np.array(extra, dtype=np.int64)])
            sims = np.concatenate([sims, np.full(len(extra), ADJACENT, dtype=np.float32)])
    for p in np.lexsort((cols, -sims))[:k]:
        w = float(sims[p])
        if w < MIN_SIM:
            break
        a, b = events[i].id, events[int(cols[p])].id
        if g.has_edge(a, b):
            g[a][b]["weight"] = max(g[a][b]["weight"], w)
        else:
            g.add_edge(a, b, weight=w)


def _sorted_graph(g: nx.Graph) -> nx.Graph:
    h = nx.Graph()
    h.add_nodes_from(sorted(g))
    h.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in g.edges(data=True)))
    return h


def find_stories(g: nx.Graph, target: int, min_story: int = MIN_STORY) -> list[list[str]]:
    """Communities of the event graph, merged down to ``target`` (isolated events left out)."""
    g = _sorted_graph(g)
    linked = _sorted_graph(g.subgraph([n for n in g if g.degree(n) > 0]))
    if linked.number_of_nodes() == 0:
        return []
    found = [sorted(c) for c in nx.community.louvain_communities(linked, weight="weight", resolution=1.0, seed=SEED)]
    members: dict[int, list[str]] = dict(enumerate(found))
    of = {n: i for i, c in members.items() for n in c}
    nbr: dict[int, dict[int, float]] = {i: {} for i in members}  # community -> neighbour -> weight between
    vol = {i: 0.0 for i in members}
    for x, y, w in linked.edges(data="weight"):
        cx, cy = of[x], of[y]
        vol[cx] += w
        vol[cy] += w
        if cx != cy:
            nbr[cx][cy] = nbr[cx].get(cy, 0.0) + w
            nbr[cy][cx] = nbr[cy].get(cx, 0.0) + w

    def key(i: int) -> tuple:
        return (-len(members[i]), members[i][0])

    def merge(i: int, j: int) -> None:
        """Community i joins community j."""
        members[j] = sorted(members[j] + members.pop(i))
        vol[j] += vol.pop(i)
        for k, w in nbr.pop(i).items():
            nbr[k].pop(i, None)
            if k != j:
                nbr[j][k] = nbr[j].get(k, 0.0) + w
                nbr[k][j] = nbr[k].get(j, 0.0) + w

    while len(members) > 1:
        small = [i for i in members if len(members[i]) < min_story]
        if small:
            i = min(small, key=lambda i: (len(members[i]), members[i][0]))
            if not nbr[i]:
                members.pop(i)  # an island too small to be a story
                vol.pop(i)
                nbr.pop(i)
                continue
            j = min(nbr[i], key=lambda j: (-nbr[i][j], key(j)))
            merge(i, j)
        elif len(members) > target:
            pairs = [(a, b) for a in members for b in nbr[a] if key(a) < key(b)]
            if not pairs:
                break
            # the merge that costs modularity least (a big community is not a magnet)
            m2 = max(1e-9, sum(vol.values()))
            a, b = min(pairs, key=lambda p: (-(nbr[p[0]][p[1]] / m2 - vol[p[0]] * vol[p[1]] / (m2 * m2)), key(p[0]), key(p[1])))
            merge(a, b)
        else:
            break
    comms = sorted(members.values(), key=lambda c: (-len(c), c[0]))
    return comms

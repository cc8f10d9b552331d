"""The event graph compares only events that share a term: the same neighbours as comparing every pair."""

from __future__ import annotations

import datetime as dt

import numpy as np

from brief.group import stories
from brief.group.knn import SparseRows, products
from brief.model import Citation, Document, Event, Sentence


def test_products_over_postings_equal_the_dense_product():
    rng = np.random.default_rng(3)
    x = rng.random((40, 25), dtype=np.float32) * (rng.random((40, 25)) < 0.15)
    m = SparseRows.from_dense(x)
    got = np.zeros((40, 40), dtype=np.float32)
    for lo, hi, rows, cols, vals in products(m):
        assert np.all((rows >= lo) & (rows < hi))
        got[rows, cols] = vals
    assert np.allclose(got, x @ x.T, atol=1e-6)
    assert np.count_nonzero(got) == np.count_nonzero(x @ x.T)


def test_products_come_in_row_blocks_when_a_block_would_be_too_large(monkeypatch):
    monkeypatch.setattr("brief.group.knn.PAIRS_PER_BLOCK", 5)
    x = np.eye(6, dtype=np.float32) + np.eye(6, k=1, dtype=np.float32)
    blocks = list(products(SparseRows.from_dense(x)))
    assert len(blocks) > 1
    assert [b[0] for b in blocks] == sorted(b[0] for b in blocks)
    assert blocks[-1][1] == 6


def _corpus(texts: list[str]) -> tuple[list[Event], list[Document]]:
    docs, events = [], []
    for i, text in enumerate(texts):
        d = Document(id=f"d{i}", title="", text=text, body=text, published=dt.date(2024, 3, 1))
        d.sentences = [Sentence(d.id, 0, text)]
        docs.append(d)
        events.append(Event(f"e{i + 1}", "say", mentions=[Citation(d.id, 0)]))
    return events, docs


def _dense_neighbours(events, docs, k):
    """The reference: every pair compared on the dense tf-idf rows."""
    items = [(d.id, d.sentences[0].text, []) for d in docs]
    x = stories.LexicalEncoder().encode(items).dense()
    sim = x @ x.T
    np.fill_diagonal(sim, 0.0)
    out = set()
    for i in range(len(events)):
        for j in np.argsort(-sim[i], kind="stable")[:k]:
            if sim[i, j] >= stories.MIN_SIM:
                out.add(frozenset((events[i].id, events[int(j)].id)))
    return out


def test_event_graph_finds_the_neighbours_an_all_pairs_comparison_finds():
    texts = [
        "The reservoir behind the dam rose overnight after heavy rain.",
        "Engineers inspected the dam spillway as the reservoir rose.",
        "The dam spillway held while the reservoir kept rising.",
        "Cholera cases climbed in the camps east of the river.",
        "Clinics in the camps treated new cholera cases.",
        "Health workers opened cholera clinics in two camps.",
        "A ferry resumed crossings on the river after the storm.",
    ]
    events, docs = _corpus(texts)
    g = stories.event_graph(events, docs, {}, {d.id: d.id for d in docs})
    assert {frozenset(e) for e in g.edges()} == _dense_neighbours(events, docs, stories.NEIGHBOURS)
    assert frozenset(("e1", "e4")) not in {frozenset(e) for e in g.edges()}  # nothing shared, never compared


def test_a_term_in_more_events_than_the_bound_links_nothing(monkeypatch):
    monkeypatch.setattr(stories, "MAX_TERM_EVENTS", 2)
    events, docs = _corpus(["harbour pilots strike", "harbour cranes idle", "harbour tugs wait", "tugs wait"])
    m = stories.LexicalEncoder().encode([(d.id, d.sentences[0].text, []) for d in docs])
    x = m.dense()
    assert x.shape[1] == 2  # "tug" and "wait" (in two events each); "harbour" (three) is left out
    assert np.allclose(x[2], x[3])

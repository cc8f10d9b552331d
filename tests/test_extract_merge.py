"""Cross-source merging: the same happening told by several outlets becomes one event; blocking.

Sentences written for these tests (fictional places and people).  Runs with the lexical
fallback and, when its wheel is installed, with the real all-MiniLM-L6-v2.
"""

from __future__ import annotations

import datetime as dt

import pytest

from brief.config import BriefConfig
from brief.extract import extract
from brief.extract.merge import _Info, candidate_pairs
from brief.model import Citation, Document, Event
from conftest import minilm_installed

DAY = dt.date(2024, 5, 14)



@pytest.fixture(params=["lexical", "minilm"])
def cfg(request):
    if request.param == "minilm" and not minilm_installed():
        pytest.skip("all-MiniLM-L6-v2 wheel not installed")
    return BriefConfig(embedder=None if request.param == "minilm" else "lexical")


def _doc(i, body, published=DAY):
    return Document(id=f"d-m{i}", title=f"m{i}", text=body, body=body, published=published, outlet=f"Outlet {i}")


def _events_with(x, doc_ids):
    return [e for e in x.events if set(doc_ids) <= set(e.sources)]


def test_same_meeting_told_by_two_outlets_is_one_event(cfg):
    docs = [
        _doc(1, "Foreign Minister Ilse Marrow met Estavian envoy Paulo Renn in Port Selva on Monday to discuss the "
                "border dispute."),
        _doc(2, "Estavian envoy Paulo Renn met Foreign Minister Ilse Marrow in Port Selva on Monday for talks on "
                "the border dispute, officials said."),
    ]
    x = extract(docs, config=cfg)
    merged = _events_with(x, ["d-m1", "d-m2"])
    assert len(merged) == 1 and merged[0].action in ("meet", "met")
    assert {c.doc_id for c in merged[0].mentions} == {"d-m1", "d-m2"}


def test_same_words_in_different_places_stay_two_events(cfg):
    docs = [
        _doc(1, "Foreign Minister Ilse Marrow met Estavian envoy Paulo Renn in Port Selva on Monday to discuss the "
                "border dispute."),
        _doc(2, "Foreign Minister Ilse Marrow met Estavian envoy Paulo Renn in Karvik on Thursday to discuss the "
                "border dispute.", DAY + dt.timedelta(days=3)),
    ]
    x = extract(docs, config=cfg)
    assert _events_with(x, ["d-m1", "d-m2"]) == []


def test_different_named_people_stay_two_events(cfg):
    docs = [
        _doc(1, "Prime Minister Tomas Vell met Norland's trade envoy Ada Kerr in Valsk on Monday."),
        _doc(2, "Prime Minister Tomas Vell met Norland's farm minister Juno Pike in Valsk on Monday."),
    ]
    x = extract(docs, config=cfg)
    assert _events_with(x, ["d-m1", "d-m2"]) == []


def _info(i, ents, words, date=None):
    ev = Event(id=f"e{i}", action="meet", actors=[], targets=[], mentions=[Citation(f"d{i}", 0)], entities=list(ents),
               date=date)
    return _Info(ev, set(words), set())


def test_blocking_pairs_only_events_that_share_something():
    infos = [
        _info(0, ["norland"], ["border", "talk"]),
        _info(1, ["norland"], ["harvest"]),  # shares an entity with 0
        _info(2, [], ["orchestra", "season"]),  # shares nothing with anyone
        _info(3, [], ["season", "concert"]),  # shares a rare word with 2
        _info(4, [], ["budget"], DAY),
        _info(5, [], ["ferry"], DAY),  # same resolved day as 4
    ]
    pairs = candidate_pairs(infos, list(range(len(infos))))
    assert pairs == {(0, 1), (2, 3), (4, 5)}

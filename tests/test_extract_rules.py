"""Extraction rules, one example each, on sentences written for these tests (fictional names).

These replace assertions that restated the seed articles' exact events: each rule here is
shown on text of its own, so a test fails when the rule breaks, not when one corpus changes.
"""

from __future__ import annotations

import datetime as dt

import pytest

from brief.config import BriefConfig
from brief.extract import extract
from brief.model import Document

PUB = dt.date(2024, 6, 14)


def _doc(n: int, body: str, published: dt.date | None = PUB, outlet: str | None = None) -> Document:
    return Document(id=f"d-r{n}", title=f"Report {n}", text=body, body=body, published=published, outlet=outlet)


def _run(*bodies: str, published: dt.date | None = PUB):
    docs = [_doc(i, b, published, f"Outlet {i}") for i, b in enumerate(bodies, start=1)]
    return docs, extract(docs, config=BriefConfig(), progress=lambda *a: None)


def _events(x, action):
    return [e for e in x.events if e.action == action]


def test_passive_agent_is_the_actor_and_the_subject_the_target():
    _, x = _run("A Veridian cargo plane was shot down by Karvik air defences over the Orlo strait on Sunday.")
    downs = _events(x, "shoot down")
    assert downs, [(e.action, e.actors, e.targets) for e in x.events]
    assert any("Karvik" in a for e in downs for a in e.actors)
    assert any("plane" in t for e in downs for t in e.targets)


def test_negated_statement_is_marked_negated():
    _, x = _run("Police in Orlo said the protesters did not block the bridge on Monday.")
    block = _events(x, "block")
    assert block and block[0].negated


def test_hedged_statement_is_marked_hedged():
    _, x = _run("Karvik troops reportedly seized the grain depot at Selva on Monday.")
    seize = _events(x, "seize")
    assert seize and seize[0].hedged and not seize[0].negated


def test_expected_meeting_carries_its_modality():
    _, x = _run("Interior Minister Petra Holm is expected to meet union leaders in Brennholm next week.")
    meet = _events(x, "meet")
    assert meet and meet[0].modality == "expected"


def test_demonym_with_a_forces_noun_stands_for_its_country():
    _, x = _run("Norwegian forces searched the lake near Orlo on Tuesday.")
    search = _events(x, "search")
    assert search and search[0].actors == ["Norway"], [(e.actors, e.action) for e in search]


@pytest.mark.xfail(reason="demonyms learned from the corpus (Estavian next to Estavia) fold bare names but not "
                          "'<demonym> forces' -- brief/extract/entities.py", strict=True)
def test_learned_demonym_with_a_forces_noun_stands_for_its_country():
    _, x = _run("Estavia said on Monday that its border guards were ready.",
                "Estavian forces searched the lake near Orlo on Tuesday.")
    search = _events(x, "search")
    assert search and "Estavia" in search[0].actors


def test_full_name_with_title_folds_its_short_forms_and_keeps_the_title():
    _, x = _run("Prime Minister Jonas Verhoek arrived in Orlo on Monday. Verhoek met the mayor of Orlo there.")
    ents = {e.id: e for e in x.entities}
    assert "Jonas Verhoek" in ents, sorted(ents)
    assert "Verhoek" in ents["Jonas Verhoek"].aliases and "Prime Minister" in ents["Jonas Verhoek"].titles
    assert "Verhoek" not in ents and "Prime Minister Jonas Verhoek" not in ents


def test_namesakes_with_one_first_name_stay_apart():
    _, x = _run("Defence Minister Marek Dorn met Foreign Minister Marek Sallis in Orlo on Monday.")
    ids = {e.id for e in x.entities}
    assert {"Marek Dorn", "Marek Sallis"} <= ids


def test_possessive_is_stripped_from_entity_names():
    _, x = _run("Karvik's army shelled the Orlo crossing on Monday, Estavia's ministry said.")
    assert not any(e.id.endswith(("'s", "’s")) for e in x.entities)
    assert any(e.id == "Karvik" for e in x.entities), sorted(e.id for e in x.entities)


def test_the_two_leaders_resolve_to_the_pair_just_named():
    _, x = _run("President Ilse Varga spoke with Prime Minister Tomas Reyl on Friday. "
                "The two leaders discussed the closure of the Orlo crossing.")
    discuss = _events(x, "discuss")
    assert discuss and {"Ilse Varga", "Tomas Reyl"} <= set(discuss[0].actors), [e.actors for e in discuss]
    assert not any(a in ("two leaders", "The two leaders") for e in x.events for a in e.actors)


@pytest.mark.parametrize("text,start,end", [
    ("The mine at Selva closed in April 2019, the company said.", dt.date(2019, 4, 1), dt.date(2019, 4, 30)),
    ("Karvik joined the customs union in September 2015.", dt.date(2015, 9, 1), dt.date(2015, 9, 30)),
])
def test_month_year_gives_a_month_range_even_in_an_undated_document(text, start, end):
    _, x = _run(text, published=None)
    dated = [e for e in x.events if e.date is not None]
    assert dated and (dated[0].date, dated[0].date_end) == (start, end)


def test_relative_day_stays_unresolved_in_an_undated_document():
    _, x = _run("Karvik troops shelled the Orlo crossing on Tuesday, the ministry said.", published=None)
    shell = _events(x, "shell")
    assert shell and shell[0].date is None and shell[0].date_text


def test_mentions_of_one_event_are_distinct_and_index_the_body():
    docs, x = _run("Karvik troops shelled the Orlo crossing on Tuesday. The ministry condemned the shelling.",
                   "Karvik troops shelled the Orlo crossing on Tuesday, witnesses said.")
    by_id = {d.id: d for d in docs}
    for e in x.events:
        assert len(e.mentions) == len(set(e.mentions))
        for c in e.mentions:
            assert 0 <= c.sentence < len(by_id[c.doc_id].sentences)
    assert any(len(e.sources) == 2 for e in _events(x, "shell"))

"""Event identity across two briefs (the weekly job's "new since last brief"): merge's same_happening
between this brief's events and the previous brief's JSON, names folded across the two."""

from __future__ import annotations

import datetime as dt

from brief.extract.identity import known_events, same_name
from brief.model import Citation, Document, Entity, Event, Sentence
from brief.report import Brief


def _brief(doc_id, published, sentence, actor, when):
    doc = Document(id=doc_id, title="t", text="", published=published, sentences=[Sentence(doc_id, 0, sentence)])
    ev = Event(id="e1", action="meet", actors=[actor], targets=["Mayor Ruiz"], mentions=[Citation(doc_id, 0)],
               entities=[actor, "Mayor Ruiz"])
    return Brief(title="b", generated_at=when, documents=[doc], events=[ev],
                 entities=[Entity(actor, "PERSON"), Entity("Mayor Ruiz", "PERSON")])


def _known(cur: Brief, prev: Brief) -> set[str]:
    return known_events(cur.events, cur.sentence_text, cur.entities, {d.id: d.published for d in cur.documents},
                        prev.to_dict())


def test_a_surname_names_the_person_the_other_brief_named_in_full():
    assert same_name("Kovacs", "Anna Kovacs") and not same_name("Anna Kovacs", "Anna Berg")


def test_the_same_meeting_told_again_a_week_later_is_known():
    prev = _brief("d-old", dt.date(2025, 1, 2), "Anna Kovacs met Mayor Ruiz at the harbour office.", "Anna Kovacs",
                  dt.datetime(2025, 1, 3))
    cur = _brief("d-new", dt.date(2025, 1, 8), "Kovacs met Mayor Ruiz at the harbour office last week.", "Kovacs",
                 dt.datetime(2025, 1, 9))
    assert _known(cur, prev) == {"e1"}


def test_an_undated_meeting_of_the_same_people_two_months_later_is_another_happening():
    prev = _brief("d-old", dt.date(2025, 1, 2), "Anna Kovacs met Mayor Ruiz at the harbour office.", "Anna Kovacs",
                  dt.datetime(2025, 1, 3))
    cur = _brief("d-new", dt.date(2025, 3, 6), "Kovacs met Mayor Ruiz at the harbour office.", "Kovacs",
                 dt.datetime(2025, 3, 7))
    assert _known(cur, prev) == set()

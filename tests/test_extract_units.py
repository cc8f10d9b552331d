"""Extraction building blocks on short texts written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from brief.config import BriefConfig
from brief.extract import extract
from brief.extract.dates import normalize_date
from brief.extract.discrepancies import parse_number
from brief.extract.entities import first_names_match, split_title
from brief.extract.resolver import Mention, build_entities
from brief.extract.keyphrases import fold_variants, variant_key
from brief.model import Document

PUB = dt.date(2024, 6, 14)  # a Friday


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("on Tuesday", dt.date(2024, 6, 11), None),
        ("last Wednesday", dt.date(2024, 6, 12), None),
        ("last week", dt.date(2024, 6, 3), dt.date(2024, 6, 9)),
        ("in April 2019", dt.date(2019, 4, 1), dt.date(2019, 4, 30)),
        ("since 1982", dt.date(1982, 1, 1), None),
        ("late May", dt.date(2024, 5, 20), dt.date(2024, 5, 31)),
        ("early March 2020", dt.date(2020, 3, 1), dt.date(2020, 3, 10)),
        ("three weeks ago", dt.date(2024, 5, 20), dt.date(2024, 5, 26)),
        ("January 29, 2019", dt.date(2019, 1, 29), None),
        ("12 September 2019", dt.date(2019, 9, 12), None),
        ("on June 12", dt.date(2024, 6, 12), None),
        ("yesterday", dt.date(2024, 6, 13), None),
        ("last month", dt.date(2024, 5, 1), dt.date(2024, 5, 31)),
        ("last September", dt.date(2023, 9, 1), dt.date(2023, 9, 30)),
    ],
)
def test_dates_against_publication(text, start, end):
    dv = normalize_date(text, PUB)
    assert (dv.start, dv.end) == (start, end)
    assert dv.text == text


@pytest.mark.parametrize("text", ["on Tuesday", "last week", "three weeks ago", "late May", "on June 12", "yesterday"])
def test_relative_dates_unresolved_without_publication(text):
    dv = normalize_date(text, None)
    assert dv.start is None and dv.text == text


@pytest.mark.parametrize("text", ["in April 2019", "since 1982", "January 29, 2019", "late May 2018"])
def test_absolute_dates_resolve_without_publication(text):
    assert normalize_date(text, None).start is not None


def test_numbers_in_words():
    assert parse_number("Fifteen") == 15
    assert parse_number("twenty-one") == 21
    assert parse_number("9,000") == 9000
    assert parse_number("two hundred") == 200
    assert parse_number("3 million") == 3_000_000
    assert parse_number("several") is None


def test_titles_split_from_names():
    assert split_title("Prime Minister Anna Brandt") == ("Prime Minister", "Anna Brandt")
    assert split_title("Col.-Gen. Boris Petrov") == ("Col.-Gen.", "Boris Petrov")
    assert split_title("Col.-Gen")[1] == ""


def test_transliteration_variants_fold_but_namesakes_do_not():
    assert first_names_match("Sergei", "Sergey")
    assert first_names_match("Aleksandr", "Alexandr")
    assert not first_names_match("Anna", "Elena")
    res = build_entities([
        Mention("d1", "Sergei Tanaka", "PERSON", "Defense Minister"),
        Mention("d2", "Sergey Tanaka", "PERSON"),
        Mention("d2", "Sergei Novak", "PERSON"),
        Mention("d3", "Tanaka", "PERSON"),
        Mention("d3", "Bashir al-Haddad", "PERSON"),
        Mention("d4", "Basheer Haddad", "PERSON"),
        Mention("d4", "Russian", "NORP"),
        Mention("d4", "Russia", "GPE"),
        Mention("d5", "the Norland", "GPE"),
        Mention("d5", "Norlandic", "NORP"),
    ])
    ids = set(res.entities)
    assert res.resolve("d2", "Sergey Tanaka", "PERSON") == res.resolve("d1", "Sergei Tanaka", "PERSON")
    assert res.resolve("d3", "Tanaka", "PERSON") == res.resolve("d1", "Sergei Tanaka", "PERSON")
    assert res.resolve("d2", "Sergei Novak", "PERSON") != res.resolve("d1", "Sergei Tanaka", "PERSON")
    assert res.resolve("d4", "Basheer Haddad", "PERSON") == res.resolve("d3", "Bashir al-Haddad", "PERSON")
    assert res.resolve("d4", "Russian", "NORP") == "Russia"
    assert "Defense Minister" in res.entities[res.resolve("d1", "Sergei Tanaka", "PERSON")].titles
    assert "Norland" in ids and res.resolve("d5", "Norlandic", "NORP") == "Norland"


def test_hyphenation_and_plural_variants_fold():
    assert variant_key("de-confliction mechanism") == variant_key("deconfliction mechanisms")
    m = fold_variants({"de-confliction mechanism": 3, "deconfliction mechanism": 1, "ceasefire line": 1})
    assert m["deconfliction mechanism"] == "de-confliction mechanism"


def _doc(i, body, published=None, outlet=None):
    return Document(id=f"d-t{i}", title=f"t{i}", text=body, body=body, published=published, outlet=outlet)


def _run(docs):
    return extract(docs, config=BriefConfig(), progress=lambda *a: None)


def test_same_call_from_two_outlets_merges_and_other_call_does_not():
    docs = [
        _doc(1, "Foreign Minister Anna Brandt spoke by phone with her Veridian counterpart Omar Haddad on Monday "
                "and discussed the grain corridor, the ministry said.", dt.date(2024, 3, 6), "Ledger"),
        _doc(2, "Anna Brandt held a phone call with Omar Haddad on Monday to discuss the grain corridor.",
             dt.date(2024, 3, 5), "Courier"),
        _doc(3, "Anna Brandt spoke by phone with Omar Haddad on Friday about the grain corridor.",
             dt.date(2024, 5, 20), "Herald"),
    ]
    x = _run(docs)
    speak = [e for e in x.events if e.action == "speak"]
    assert speak
    by_source = {tuple(sorted(e.sources)) for e in speak}
    assert ("d-t3",) in by_source
    assert not any("d-t3" in e.sources and len(e.sources) > 1 for e in x.events)
    assert speak[0].date == dt.date(2024, 3, 4)
    assert "Anna Brandt" in speak[0].actors and "Omar Haddad" in speak[0].targets
    assert speak[0].attribution and "ministry" in speak[0].attribution


def test_said_clause_gives_event_with_attribution_and_flags():
    docs = [_doc(1, "The defence ministry said Karvik troops had reportedly shelled the border crossing at Orlo. "
                    "Officials in Estavia denied that the convoy was moved to Port Selva. "
                    "Talks are expected to resume next week, according to Global Wire.", dt.date(2024, 2, 7))]
    x = _run(docs)
    shell = [e for e in x.events if e.action == "shell"]
    assert shell and shell[0].attribution == "defence ministry" and shell[0].hedged
    moved = [e for e in x.events if e.action == "move"]
    assert moved and moved[0].negated
    resume = [e for e in x.events if e.action == "resume"]
    assert resume and resume[0].modality == "expected" and resume[0].attribution == "Global Wire"
    assert resume[0].date == dt.date(2024, 2, 12) and resume[0].date_end == dt.date(2024, 2, 18)


def test_conflicting_counts_of_one_happening():
    docs = [
        _doc(1, "Twelve civilians were killed when a market in Karvik was shelled on Sunday, police said.",
             dt.date(2024, 4, 8), "Ledger"),
        _doc(2, "A market in Karvik was shelled on Sunday and 17 civilians were killed, the mayor said.",
             dt.date(2024, 4, 8), "Courier"),
        _doc(3, "Separately, 40 people were killed in floods in the south of Estavia last month.",
             dt.date(2024, 4, 8), "Herald"),
    ]
    x = _run(docs)
    assert len(x.discrepancies) == 1
    vals = {v.doc_id: v.value for v in x.discrepancies[0].values}
    assert set(vals) == {"d-t1", "d-t2"}
    assert vals["d-t1"].startswith("12") and vals["d-t2"].startswith("17")


def test_looking_ahead_resolves_to_the_next_weekday():
    assert normalize_date("on Tuesday", PUB, future=True).start == dt.date(2024, 6, 18)
    assert normalize_date("last Tuesday", PUB, future=True).start == dt.date(2024, 6, 11)
    assert normalize_date("in September", PUB, future=True).start == dt.date(2024, 9, 1)


def test_document_contradicting_itself():
    body = ("Twelve soldiers were killed in the attack on the Kessel airbase in Norland on Sunday, the army said.\n\n"
            "The mayor of Karvik opened a new bridge.\n\n"
            "Later the army said 19 soldiers were killed in the attack on the Kessel airbase in Norland.")
    x = _run([_doc(1, body, dt.date(2024, 4, 8))])
    assert len(x.discrepancies) == 1
    assert {v.sentence for v in x.discrepancies[0].values} == {0, 2}

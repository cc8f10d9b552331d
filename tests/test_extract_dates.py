"""Dates of events: weekday + month-day, the direction of reported-future weekdays, per-report resolution
before merging, and datelines that are not event locations.

Real text: the port-strike fixture corpus (tests/fixtures/port_strike/, a fictional port strike written as a fixture),
run through ingest -> clean -> extract; plus short sentences written for these tests.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from brief.clean import clean_documents
from brief.config import BriefConfig
from brief.extract import extract
from brief.extract.dates import normalize_date
from brief.ingest import load_inputs
from brief.model import Document

PORT_STRIKE = Path(__file__).resolve().parent / "fixtures" / "port_strike"
D = dt.date


def _quiet(*_a) -> None:
    pass


@pytest.fixture(scope="module")
def port_strike():
    config = BriefConfig(summarizer="extractive")
    docs = load_inputs([PORT_STRIKE], config=config, on_problem=lambda p: None, progress=_quiet)
    docs = clean_documents(docs, config=config, progress=_quiet)
    x = extract(docs, config=config, progress=_quiet)
    by_id = {d.id: d for d in docs}

    def text(c):
        return by_id[c.doc_id].sentences[c.sentence].text

    return x, by_id, text


def _events_saying(port_strike, needle: str, action: str | None = None):
    x, _, text = port_strike
    out = [e for e in x.events if any(needle in text(c) for c in e.mentions)
           and (action is None or e.action.split()[0] == action)]
    assert out, needle
    return out


# -- 1. a weekday plus a month-day --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text,pub,expected",
    [
        ("Saturday, April 12", D(2025, 4, 10), D(2025, 4, 12)),
        ("on Monday, April 14", D(2025, 4, 12), D(2025, 4, 14)),
        ("on Friday, March 7", D(2025, 3, 10), D(2025, 3, 7)),
        ("Thursday, April 10", D(2025, 4, 9), D(2025, 4, 10)),
        ("Monday 14 April", D(2025, 4, 12), D(2025, 4, 14)),
        ("Tuesday evening, April 1", D(2025, 4, 2), D(2025, 4, 1)),
        # the weekday picks the year around the turn of a year: Dec 27 was a Friday in 2024
        ("Friday, December 27", D(2025, 1, 3), D(2024, 12, 27)),
        ("on Wednesday, January 8", D(2024, 12, 30), D(2025, 1, 8)),
    ],
)
def test_weekday_and_month_day(text, pub, expected):
    dv = normalize_date(text, pub)
    assert (dv.start, dv.end, dv.text) == (expected, None, text)


def test_weekday_and_month_day_without_publication_needs_a_year():
    assert normalize_date("Saturday, April 12", None).start is None
    assert normalize_date("Saturday, April 12, 2025", None).start == D(2025, 4, 12)
    assert normalize_date("on Tuesday April 1, 2025", None).start == D(2025, 4, 1)


def test_port_strike_weekday_month_days_are_dated(port_strike):
    (ev,) = _events_saying(port_strike, "minimum service at Marsk from Saturday, April 12", "order")
    assert ev.date == D(2025, 4, 12)
    held = _events_saying(port_strike, "next session would be held on Monday, April 14", "hold")
    assert {e.date for e in held} == {D(2025, 4, 14)}
    x, _, _ = port_strike
    unresolved = [e.date_text for e in x.events if e.date_text and e.date is None
                  and re.search(r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                                r"December) \d{1,2}\b", e.date_text)]
    assert not unresolved


# -- 2. reported future looks ahead, past tense looks back ---------------------------------------------------------

@pytest.mark.parametrize(
    "needle,action,expected",
    [
        # published Wednesday April 9: the ruling comes on the next Thursday
        ("the court would give its ruling on Thursday", "give", D(2025, 4, 10)),
        # published Tuesday April 8
        ("would open at the National Mediation Office on Thursday", "open", D(2025, 4, 10)),
        # published Thursday April 10: "agreed to meet again on Saturday"
        ("both sides had agreed to meet again on Saturday", "agree", D(2025, 4, 12)),
        # published Saturday April 12: "would be lifted on Tuesday"
        ("would be lifted on Tuesday if deliveries continued", "lift", D(2025, 4, 15)),
        # past tense keeps looking back
        ("walked off the job at Port Castrell", "walk", D(2025, 4, 1)),
        ("at Halden stopped work on Wednesday morning", "stop", D(2025, 4, 2)),
        ("broke up a dockworkers' picket", "break", D(2025, 4, 8)),
        ("first two fuel tankers were unloaded on Saturday", "unload", D(2025, 4, 12)),
        ("were released on Wednesday after appearing", "release", D(2025, 4, 9)),
    ],
)
def test_port_strike_weekday_direction_follows_the_verb(port_strike, needle, action, expected):
    evs = _events_saying(port_strike, needle, action)
    assert {e.date for e in evs} == {expected}, [(e.action, e.date, e.date_text) for e in evs]


def test_no_reported_future_is_dated_before_its_report(port_strike):
    x, by_id, text = port_strike
    wrong = []
    for e in x.events:
        for c in e.mentions:
            s = text(c)
            if e.date and re.search(r"\b(?:would|will|agreed to)\b[^.]*\bon [A-Z][a-z]+day\b", s) \
                    and e.date < by_id[c.doc_id].published and e.modality is not None:
                wrong.append((e.action, e.date, s))
    assert not wrong


def _doc(n: int, body: str, published: dt.date | None) -> Document:
    return Document(id=f"d-x{n}", title=f"Report {n}", text=body, body=body, outlet=f"Outlet {n}",
                    published=published, format="txt")


def _dated(x, action):
    return sorted((e.date, e.date_text) for e in x.events if e.action.split()[0] == action)


def test_future_forms_look_ahead_and_past_forms_look_back():
    wed = D(2024, 6, 12)  # a Wednesday
    body = ("The two foreign ministers will meet in Orvala on Monday, officials said.\n\n"
            "The ferry operator is due to resume sailings on Friday, a spokeswoman said.\n\n"
            "Union leaders said the talks would continue on Thursday.\n\n"
            "Negotiators agreed to reconvene on Tuesday, the mediator said.\n\n"
            "Rescue teams recovered two bodies from the river on Monday, police said.\n\n"
            "The governor visited the flooded villages on Tuesday, his office said.")
    x = extract([_doc(1, body, wed)], config=BriefConfig(summarizer="extractive"), progress=_quiet)
    assert _dated(x, "meet")[0][0] == D(2024, 6, 17)
    assert _dated(x, "resume")[0][0] == D(2024, 6, 14)
    assert _dated(x, "continue")[0][0] == D(2024, 6, 13)
    assert _dated(x, "agree")[0][0] == D(2024, 6, 18)
    assert _dated(x, "recover")[0][0] == D(2024, 6, 10)
    assert _dated(x, "visit")[0][0] == D(2024, 6, 11)


# -- 3. relative dates resolved per report before merging --------------------------------------------------------

def test_one_weekday_in_reports_a_week_apart_is_two_happenings(port_strike):
    x, _, text = port_strike
    (first,) = [e for e in x.events if any("14 ships" in text(c) for c in e.mentions)]
    (later,) = [e for e in x.events if any("52 ships" in text(c) for c in e.mentions)]
    assert first is not later
    assert first.date == D(2025, 4, 1) and later.date == D(2025, 4, 8)


def test_reports_a_week_apart_do_not_fold_on_a_shared_weekday():
    docs = [
        _doc(1, "Fishermen blocked the harbour entrance at Selby on Tuesday, the coastguard said.", D(2024, 3, 5)),
        _doc(2, "Fishermen blocked the harbour entrance at Selby on Tuesday, the coastguard said.", D(2024, 3, 12)),
        _doc(3, "Fishermen blocked the entrance of the harbour at Selby on Tuesday, police said.", D(2024, 3, 6)),
    ]
    x = extract(docs, config=BriefConfig(summarizer="extractive"), progress=_quiet)
    blocks = [e for e in x.events if e.action.startswith("block")]
    by_doc = {frozenset(c.doc_id for c in e.mentions): e.date for e in blocks}
    assert by_doc == {frozenset({"d-x1", "d-x3"}): D(2024, 3, 5), frozenset({"d-x2"}): D(2024, 3, 12)}


# -- 4. the dateline is where the report was filed, not where things happened -----------------------------------

def test_dateline_place_is_not_an_event_location(port_strike):
    x, _, text = port_strike
    checked = 0
    for e in x.events:
        for c in e.mentions:
            s = text(c)
            m = re.match(r"^([A-Z][A-Z ]+)(?:, ([A-Z][a-z]+))? — (.*)$", s)
            if not m:
                continue
            body = m.group(3)
            checked += 1
            for loc in e.locations:
                assert loc.split()[-1] in body, (loc, s)
    assert checked >= 10
    # the place named in the body still is one
    (walk,) = _events_saying(port_strike, "walked off the job at Port Castrell", "walk")
    assert walk.locations == ["Port Castrell"]

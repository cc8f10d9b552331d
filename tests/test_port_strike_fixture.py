"""The full pipeline on the port-strike fixture corpus, read as an analyst would.

tests/fixtures/port_strike/ is a fixture, not a hold-out: the code was tuned while these
tests were written.  Quality on news the brief was not written for is measured by
``make eval`` (bench/evaluate.py) on the real corpora in ../shared.

The fixture is a fictional dockworkers' strike (ports, fuel shortages, a
picket-line clash, a labour-court case, wage talks); its README.md is the ground truth.
These tests read the brief the way an analyst would.  Where the product falls short on
this text the test is marked xfail with the weakness, not weakened.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

PORT_STRIKE = Path(__file__).resolve().parent / "fixtures" / "port_strike"

# Ground truth (see fixtures/port_strike/README.md): theme -> key word stems.
GROUND_TRUTH_THEMES = {
    "strike": ("strike", "port", "dockworker", "walkout", "walk out", "stoppage"),
    "clash": ("arrest", "police", "picket", "gate", "clash", "detain"),
    "fuel": ("fuel", "diesel", "petrol", "ration", "tanker"),
    "court": ("court", "ruling", "judge", "injunction", "lawful"),
    "wages": ("wage", "talks", "offer", "mediat", "pay"),
}
GENERIC_LABELS = {"other", "others", "misc", "miscellaneous", "general", "news", "update", "updates", "events",
                  "people", "government", "situation", "theme", "topic", "developments"}
EXPECTED_OUTLETS = {"Harbour Ledger", "Velmar Daily", "Coastline Courier", "Northgate Post"}
BOILERPLATE = (
    "photo credit", "hours ago", "day ago", "subscribe", "subscriber", "register", "log in", "sign in", "sign up",
    "read more", "related posts", "related stories", "newsletter", "all rights reserved", "privacy policy",
    "terms of use", "container cranes stand idle", "cars queue at a petrol station", "halden fc",
    "central bank warns", "new bus lanes", "cancel anytime", "photo:",
)
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
}


@pytest.fixture(scope="module")
def brief():
    from brief import BriefConfig, build_brief

    return build_brief([PORT_STRIKE], config=BriefConfig(summarizer="extractive"))


def _statements(brief):
    out = [("key point", s) for s in brief.key_points]
    for t in brief.themes:
        out += [(t.label, s) for s in t.summary]
    return out


def _numbers(text: str) -> set[float]:
    vals = set()
    for m in re.finditer(r"(?<![\w.])\d[\d,]*(?:\.\d+)?", text):
        raw = m.group(0).rstrip(",").replace(",", "")
        try:
            vals.add(float(raw))
        except ValueError:
            pass
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in NUMBER_WORDS:
            vals.add(float(NUMBER_WORDS[w]))
    return vals


def _themes_matching(text: str) -> set[str]:
    t = text.lower()
    return {name for name, keys in GROUND_TRUTH_THEMES.items() if any(k in t for k in keys)}


# -- contract ---------------------------------------------------------------------------------------------------

def test_json_is_schema_valid(brief, brief_schema):
    import jsonschema

    jsonschema.validate(brief.to_dict(), brief_schema)


def test_readme_is_not_an_article_and_every_article_is_read(brief):
    assert not brief.problems, [str(p) for p in brief.problems]
    assert len(brief.documents) == 8  # 6 single-article files + one .jsonl with two
    assert not any("README" in (d.path or "") for d in brief.documents)
    formats = {d.format for d in brief.documents}
    assert {"md", "txt", "html", "jsonl"} <= formats


def test_every_document_has_outlet_and_publication_date(brief):
    for d in brief.documents:
        assert d.outlet in EXPECTED_OUTLETS, (d.path, d.outlet)
        assert d.published is not None and dt.date(2025, 4, 1) <= d.published <= dt.date(2025, 4, 12), (d.path, d.published)
        assert d.title and len(d.sentences) >= 8, (d.path, d.title, len(d.sentences))
    assert {d.outlet for d in brief.documents} == EXPECTED_OUTLETS
    assert (brief.period_start, brief.period_end) == (dt.date(2025, 4, 1), dt.date(2025, 4, 12))


def test_bylines_from_every_format_that_states_one(brief):
    for d in brief.documents:
        if d.format != "jsonl":  # the feed lines carry no byline
            assert d.byline and d.byline.split()[0] in {"Mirela", "Tomas", "Ansel", "Ida"}, (d.path, d.byline)


def test_no_boilerplate_in_any_sentence(brief):
    for d in brief.documents:
        for s in d.sentences:
            low = s.text.lower()
            assert not any(b in low for b in BOILERPLATE), (d.path, s.text)
            assert not re.fullmatch(r"\d+ (?:hours?|minutes?|days?) ago", low.strip())
            assert not low.startswith("by ") or len(low.split()) > 8, (d.path, s.text)
    kinds = {x.kind for x in brief.dropped}
    assert {"caption", "related-posts"} <= kinds


def test_html_page_keeps_only_the_article(brief):
    (html,) = [d for d in brief.documents if d.format == "html"]
    text = " ".join(s.text for s in html.sentences)
    assert "30 litres" in text and "200,000 tonnes" in text
    for chrome in ("Home", "Weather", "Morning Courier", "Shipping lines divert", "Coastline Courier Media"):
        assert chrome not in text


# -- the cross-outlet discrepancy --------------------------------------------------------------------------------

def test_arrest_count_discrepancy_found_with_both_sources(brief):
    outlets = {d.id: d.outlet for d in brief.documents}
    hits = []
    for disc in brief.discrepancies:
        vals = {v.value.lower() for v in disc.values}
        if any("23" in v for v in vals) and any("nineteen" in v or "19" in v for v in vals):
            hits.append(disc)
    assert hits, [(d.fact, [v.value for v in d.values]) for d in brief.discrepancies]
    srcs = {outlets[v.doc_id] for v in hits[0].values}
    assert srcs == {"Northgate Post", "Velmar Daily"}
    for v in hits[0].values:
        sent = brief.document(v.doc_id).sentences[v.sentence].text
        assert "23" in sent or "nineteen" in sent


def test_evolving_figure_is_not_a_discrepancy(brief):
    for disc in brief.discrepancies:
        dates = {brief.document(v.doc_id).published for v in disc.values}
        texts = " ".join(brief.document(v.doc_id).sentences[v.sentence].text for v in disc.values).lower()
        if "ships" in texts or "vessels" in texts:
            assert len(dates) == 1, (disc.fact, [v.value for v in disc.values], dates)


# -- themes -----------------------------------------------------------------------------------------------------

def test_at_least_three_specific_themes_matching_ground_truth(brief):
    assert len(brief.themes) >= 3
    covered = set()
    for t in brief.themes:
        words = t.label.lower().split()
        if len(words) == 1 and words[0] in GENERIC_LABELS:
            continue
        if t.label.lower() in ("other developments", "other events"):
            continue
        covered |= _themes_matching(t.label)
    assert len(covered) >= 3, ([t.label for t in brief.themes], covered)


def test_no_label_is_a_generic_single_word(brief):
    for t in brief.themes:
        words = t.label.split()
        assert words, t.id
        assert not (len(words) == 1 and words[0].lower() in GENERIC_LABELS), t.label


@pytest.mark.xfail(strict=False, reason="theme labels come from an incidental noun phrase rather than what the theme "
                   "is about ('Jet fuel' for fuel rationing; 'Regional bus companies' and 'Access road' for grab-bag / "
                   "split themes) -- brief/group labelling + clustering")
def test_every_named_theme_label_names_a_ground_truth_theme(brief):
    bad = [t.label for t in brief.themes
           if t.label.lower() not in ("other developments", "other events") and not _themes_matching(t.label)]
    assert not bad, bad


def test_clash_reports_from_both_outlets_land_in_one_theme(brief):
    def cites(theme, needle):  # the theme's statements: its summary and the key points drawn from it
        said = theme.summary + [s for s in brief.key_points if s.theme_id == theme.id]
        return any(needle in brief.sentence_text(c) for s in said for c in s.citations)

    assert any(cites(t, "23 people were arrested") and cites(t, "nineteen") for t in brief.themes), \
        [t.label for t in brief.themes]


@pytest.mark.xfail(strict=False, reason="wage negotiations (12% demand, 5% -> 8% offer, 10% floor) are not one theme: "
                   "the offers are scattered over the court/talks theme and a grab-bag theme -- brief/group clustering")
def test_wage_talks_theme_tells_the_offer_story(brief):
    for t in brief.themes:
        cited = " ".join(brief.sentence_text(c) for s in t.summary for c in s.citations)
        if "8 percent" in cited and ("12 percent" in cited or "5 percent" in cited or "10 percent" in cited):
            return
    pytest.fail("no theme summary carries both the new offer and the earlier positions")


# -- statements and citations -----------------------------------------------------------------------------------

def test_every_statement_is_cited_and_its_numbers_are_in_each_cited_sentence(brief):
    stmts = _statements(brief)
    assert len(brief.key_points) >= 3 and len(stmts) >= 10
    for where, s in stmts:
        assert s.citations, (where, s.text)
        for c in s.citations:
            doc = brief.document(c.doc_id)
            assert 0 <= c.sentence < len(doc.sentences), (where, c)
            missing = _numbers(s.text) - _numbers(doc.sentences[c.sentence].text)
            assert not missing, (where, s.text, doc.sentences[c.sentence].text, missing)


def test_statements_do_not_start_with_a_dateline(brief):
    for where, s in _statements(brief):
        assert not re.match(r"^[A-Z]{3,}(?:\s[A-Z]{3,})*,", s.text), (where, s.text)


def test_key_points_span_several_threads(brief):
    covered = set()
    for s in brief.key_points:
        covered |= _themes_matching(s.text)
    assert len(covered) >= 3, ([s.text for s in brief.key_points], covered)


def test_key_points_include_the_latest_developments(brief):
    latest = brief.period_end
    recent = [s for s in brief.key_points
              if any((brief.document(c.doc_id).published or dt.date.min) >= latest - dt.timedelta(days=2) for c in s.citations)]
    assert recent, [s.text for s in brief.key_points]


# -- timelines --------------------------------------------------------------------------------------------------

def test_timeline_events_are_dated_or_anchored_to_a_dated_report(brief):
    assert brief.events
    for ev in brief.events:
        assert ev.mentions, ev.id
        if ev.date is None:
            assert all(brief.document(d).published for d in ev.sources), ev.id
        else:
            assert dt.date(2025, 3, 1) <= ev.date <= dt.date(2025, 5, 31), (ev.id, ev.date, ev.date_text)
    dated = [e for e in brief.events if e.date]
    assert len(dated) >= 10
    # the walkouts that started the situation are dated to their day
    days = {(e.date, brief.sentence_text(e.mentions[0])) for e in dated}
    assert any(d == dt.date(2025, 4, 1) and "4,200" in s for d, s in days)
    assert any(d == dt.date(2025, 4, 2) and "1,800" in s for d, s in days)


def test_explicit_month_day_dates_are_resolved(brief):
    unresolved = [(e.date_text, brief.sentence_text(e.mentions[0])) for e in brief.events
                  if e.date_text and re.search(r"\b(?:January|February|March|April|May|June|July|August|September|"
                                               r"October|November|December)\s+\d{1,2}\b", e.date_text) and e.date is None]
    assert not unresolved, unresolved


def test_reported_future_weekdays_resolve_forward(brief):
    wrong = []
    for e in brief.events:
        if e.date is None:
            continue
        for c in e.mentions:
            sent = brief.sentence_text(c)
            pub = brief.document(c.doc_id).published
            if re.search(r"\b(?:would|will|agreed to)\b[^.]*\bon (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
                         sent) and e.date < pub:
                wrong.append((e.date, pub, sent))
    assert not wrong, wrong

"""Clean: one test per boilerplate class, outlet cue and date rule, on lines written here; properties of the cleaner."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from brief.clean import clean_documents, clean_lines
from brief.config import BriefConfig
from brief.ingest import document_from_dict
from brief.inspect import render_inspection
from brief.model import Document, InputProblem

CFG = BriefConfig()
P1 = "Ministers from the two countries met in the capital on Monday to discuss the export corridor, officials said."
P2 = "The talks were the first since the spring, and both sides said they expected to meet again within weeks."
P3 = "Shipping companies said insurance costs remained the main obstacle to resuming traffic through the strait."


def _noop(*a):
    pass


def _clean(text: str, **kw) -> Document:
    doc = document_from_dict({"title": "Ministers meet on the export corridor", "text": text, **kw})
    clean_documents([doc], config=CFG, progress=_noop)
    return doc


def _kinds(doc: Document) -> dict[str, str]:
    return {x.text: x.kind for x in doc.dropped}


@pytest.mark.parametrize("line, kind", [
    ("The minister greets delegates at the summit. (Photo by Jane Roe/Harbour Wire)", "caption"),
    ("(Image credit: Harbour Wire)", "caption"),
    ("Delegates wait outside the hall before the vote. (Photo: Jane Roe)", "caption"),
    ('[signup_form id="4125"]', "chrome"),
    ("Delegates arrive for the talks in the capital on Monday. HARBOUR/Jane Roe", "caption"),
    ("Read also: Ten things to know about the corridor talks", "related-posts"),
    ("Please like us on Facebook and Twitter", "share"),
    ("Follow our page on Instagram for more updates", "share"),
    ("Advertisement", "ad"),
    ("You are enjoying an ad-free version of this page.", "ad"),
    ("We use cookies to give you the best experience on our website.", "consent"),
    ("Accept all cookies", "consent"),
    ("Your donation helps keep our newsroom independent.", "donation"),
    ("Sign up for our morning newsletter and get the news delivered to your inbox", "newsletter"),
    ("Already a subscriber? Log in here", "login-wall"),
    ("Comments are moderated and may take a while to appear.", "comments"),
    ("Be the first to comment", "comments"),
    ("This article is more than 3 years old", "stamp"),
    ("Keep reading the full story here", "teaser"),
    ("This story originally appeared in the Evening Ledger.", "teaser"),
    ("We welcome comments that keep to the subject of the story.", "comments"),
    ("Sign up for free e-mail alerts from the Harbour Ledger", "newsletter"),
    ("Content copyright 2024 Harbour Media Group. All rights reserved.", "legal"),
    ("Print Comment Share", "chrome"),
    ("two hours ago", "timestamp"),
])
def test_each_boilerplate_class_is_dropped_with_its_reason(line, kind):
    doc = _clean("\n".join([P1, line, P2, P3]))
    assert _kinds(doc) == {line: kind}
    assert doc.body.split("\n\n") == [P1, P2, P3]


@pytest.mark.parametrize("line", [
    "Officials continue to test the water.",
    "He should share the plan with the rebels.",
    "Twitter users have also posted pictures of the flooding.",
    "Thousands of refugees are already registered with aid agencies in the camps.",
    "\u201cWe need your help,\u201d the mayor told the crowd.",
    "It was open again, but the staff had fled.",
])
def test_short_prose_with_boilerplate_words_stays(line):
    doc = _clean("\n".join([P1, line, P2, P3]))
    assert not doc.dropped and line in doc.body.split("\n\n")


def test_repeated_alt_text_with_glued_credit_is_a_caption():
    doc = _clean("\n".join(["Harbour at dawn", "Harbour at dawnAgencyPix", P1, P2]))
    assert _kinds(doc) == {"Harbour at dawn": "caption", "Harbour at dawnAgencyPix": "caption"}


def test_alt_text_glued_to_the_headline_is_a_caption():
    line = "Harbour cranes at dawnMinisters meet on the export corridor"
    doc = _clean("\n".join([line, P1, P2, P3]))
    assert _kinds(doc) == {line: "caption"}


def test_related_block_takes_its_headlines():
    doc = _clean("\n".join([P1, P2, "Related Coverage", "Port strike enters its second week",
                            "Prices of wheat climb again in Asian markets", "3 hours ago", P3]))
    assert [x.kind for x in doc.dropped] == ["related-posts"] * 4
    assert doc.body.split("\n\n") == [P1, P2, P3]


def test_banner_block_takes_its_weak_neighbours():
    doc = _clean("\n".join(["Support independent journalism", "Readers like you keep this site running.", P1, P2, P3]))
    assert [x.kind for x in doc.dropped] == ["donation", "donation"]


def test_jusText_drops_long_lines_without_prose():
    line = "Markets Live Prices Currencies Commodities Futures Rates Bonds Funds Indices Calendar"
    doc = _clean("\n".join([P1, P2, line, P3]))
    assert _kinds(doc) == {line: "boilerplate"}


def test_prose_without_final_stop_stays():
    line = "The ministry said the ships would leave once the inspection teams had finished their work on the"
    doc = _clean("\n".join([P1, line, P2, P3]))
    assert line in doc.body.split("\n\n")


def test_unrelated_teaser_and_its_paragraph_are_dropped():
    teaser = "Film festival crowns veteran director in glittering ceremony"
    para = ("The actress thanked her family on stage, and the orchestra played a medley of songs from "
            "classic musicals before the evening's final award.")
    doc = _clean("\n".join([P1, P2, teaser, para, P3,
                            "Ministers also said the corridor would reopen once shipping insurance was settled."]))
    assert _kinds(doc) == {teaser: "unrelated-insert", para: "unrelated-insert"}


# -- outlets ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, outlet, source", [
    ("By Jane Roe, Harbour Times\n" + P1 + "\n" + P2, "Harbour Times", "text:byline"),
    ("PORT SELVA, March 3 (Harbour Wire) - " + P1 + "\n" + P2, "Harbour Wire", "text:agency-tag"),
    (P1 + "\n" + P2 + "\n" + P3 + " — HWN", "HWN", "text:sign-off"),
    (P1 + "\n" + P2 + "\nSource: Harbour Broadcasting", "Harbour Broadcasting", "text:source-line"),
    ("Harbour Wire Report\n" + P1 + "\n" + P2, "Harbour Wire", "text:report-line"),
    ("By HWN Staff\n" + P1 + "\n" + P2, "HWN", "text:byline"),
    (P1 + "\n" + P2 + "\n— HWN", "HWN", "text:agency-tag"),
    ("Harbour Television\nUpdated March 3, 2024\n" + P1 + "\n" + P2, "Harbour Television", "text:masthead"),
    (P1 + "\n" + P2 + "\nSubscribe to The Harbour Ledger newsletter", "The Harbour Ledger", "text:newsletter"),
])
def test_outlet_from_the_text(text, outlet, source):
    doc = _clean(text)
    assert (doc.outlet, doc.provenance["outlet"]) == (outlet, source)


def test_outlet_from_the_url_domain():
    doc = _clean(P1 + "\n" + P2, url="https://www.harbour-ledger.example/world/talks")
    assert (doc.outlet, doc.provenance["outlet"]) == ("harbour-ledger.example", "url")


def test_photo_credit_source_is_not_the_outlet():
    doc = _clean("\n".join(["Delegates arrive at the hall in the capital.", "Source: Harbour Pictures", P1, P2]))
    assert doc.outlet is None


# -- dates -----------------------------------------------------------------------------------------

def test_updated_stamp_has_the_updated_role():
    doc = _clean("Updated March 4, 2024\n" + P1 + "\n" + P2)
    assert doc.published == dt.date(2024, 3, 4) and doc.meta["date_role"] == "updated"


def test_date_label_opening_a_paragraph_is_cut_off_and_used():
    doc = _clean("date 2024-03-04 " + P1 + "\n" + P2)
    assert doc.published == dt.date(2024, 3, 4) and doc.provenance["published"] == "text:date-label"
    assert doc.body.split("\n\n")[0] == P1
    assert [(x.kind, x.text) for x in doc.dropped] == [("dateline", "date 2024-03-04")]


def test_sidebar_date_is_not_the_publication_date():
    doc = _clean("\n".join([P1, P2, "Most read", "Port strike ends after talks", "March 3, 2024", P3]))
    assert doc.published is None
    assert ("2024-03-03", "sidebar", "text") in doc.meta["dates"]


def test_site_stamp_years_after_the_reported_dates_is_not_trusted():
    doc = _clean("Posted: March 4, 2025\nThe ministers met on September 3, 2021 in the capital, officials said.\n" + P2)
    assert doc.published is None
    assert doc.meta["untrusted_date"].startswith("2025-03-04")


def test_page_metadata_stamp_years_off_is_not_trusted():
    doc = document_from_dict({"title": "T", "text": "The ministers met on September 3, 2021 in the capital, officials said."})
    doc.published, doc.provenance["published"] = dt.date(2025, 3, 4), "html-meta"
    clean_documents([doc], config=CFG, progress=_noop)
    assert doc.published is None and "untrusted_date" in doc.meta


def test_weekday_and_date_give_an_inferred_date():
    doc = _clean("Officials met on Friday (Jul 6) to discuss the floods, ministers said.\n"
                 "The rains of 2018 were the worst in a decade, the agency said on Tuesday.")
    assert doc.published is None
    assert doc.meta["inferred_date"] == dt.date(2018, 7, 6)
    assert doc.provenance["inferred_date"] == "text:weekday+date"


def test_yearless_dateline_gives_an_inferred_date():
    doc = _clean("PORT SELVA, July 2 — Divers searched the flooded tunnels on Monday, officials said.\n"
                 "The search began on Saturday (Jun 23), when the storm of 2018 flooded the area.")
    assert doc.meta["inferred_date"] == dt.date(2018, 7, 2)
    assert doc.provenance["inferred_date"] == "text:dateline+year"


def test_ambiguous_numeric_stamp_is_settled_by_the_article_dates_or_left_unknown():
    settled = _clean("Published 02-07-2018\nOfficials met on Friday to discuss the floods, ministers said on June 29, 2018.")
    assert settled.published == dt.date(2018, 7, 2)
    open_ = _clean("Published 02-07-2018\nOfficials met on Friday to discuss the floods in the north, ministers said.")
    assert open_.published is None


def test_date_in_the_url_when_the_text_has_none():
    doc = _clean(P1 + "\n" + P2, url="https://news.example/2024/03/04/talks-resume/")
    assert doc.published == dt.date(2024, 3, 4) and doc.provenance["published"] == "url"


def test_inferred_date_resolves_relative_dates():
    from brief.extract import extract

    doc = _clean("Officials met on Friday (Jul 6) in the capital, ministers said in 2018.\n"
                 "The talks continued on Saturday, when the delegations met again, officials said.")
    ex = extract([doc], config=CFG, progress=_noop)
    # "on Saturday" is the Saturday before the inferred date (extract reads weekdays as past)
    assert any(ev.date == dt.date(2018, 6, 30) for ev in ex.events)


# -- language --------------------------------------------------------------------------------------

def test_non_english_document_is_reported_once_and_left_out():
    fr = document_from_dict({"title": "Réunion", "path": "articles/fr.txt", "text": (
        "Les ministres des deux pays se sont réunis lundi dans la capitale pour discuter du corridor d'exportation. "
        "Les discussions étaient les premières depuis le printemps, et les deux parties ont dit qu'elles "
        "espéraient se revoir dans quelques semaines.")})
    en = document_from_dict({"title": "Meeting", "text": P1 + "\n" + P2 + "\n" + P3})
    problems: list[InputProblem] = []
    kept = clean_documents([fr, en], config=CFG, progress=_noop, on_problem=problems.append)
    assert kept == [en]
    assert len(problems) == 1 and problems[0].path == "articles/fr.txt" and "not in English" in problems[0].message
    assert fr.meta["language"] == "fr" and fr.body == ""


# -- inspect ---------------------------------------------------------------------------------------

def test_inspect_shows_date_role_and_sources():
    a = _clean("Updated March 4, 2024\n" + P1 + "\n" + P2, url="https://www.harbour-ledger.example/a")
    b = _clean("Officials met on Friday (Jul 6) to discuss the floods, ministers said in 2018.")
    out = io.StringIO()
    render_inspection([a, b], Console(file=out, width=250))
    text = out.getvalue()
    assert "updated, source: text:updated-line" in text and "source: url" in text
    assert "2018-07-06" in text and "inferred, source: text:weekday+date" in text


# -- properties ------------------------------------------------------------------------------------

LINES = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=100),
    st.sampled_from([P1, P2, P3, "Advertisement", "Related Coverage", "Read also: Port strike ends", "2 hours ago",
                     "(photo credit: AGENCY)", "By Jane Roe, Harbour Times", "Published 02-07-2018", "date 2024-03-04 " + P1,
                     "Friday (Jul 6)", "PORT SELVA, July 2 — " + P2, "Support us", "We use cookies.", "(AP)", "", "x"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, max_size=20))
def test_cleaner_never_raises_never_invents_and_is_idempotent(lines):
    text = "\n".join(lines)
    res = clean_lines(text)
    for _, kept in res.kept:
        assert kept in text
    again = clean_lines("\n".join(s for _, s in res.kept))
    assert [s for _, s in again.kept] == [s for _, s in res.kept]

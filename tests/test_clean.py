"""Clean: invariants on real pages (../shared, read at test time), metadata, duplicates, properties."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brief.clean import clean_documents, clean_lines
from brief.config import BriefConfig
from brief.ingest import document_from_dict, load_inputs
from brief.model import Document
from conftest import SHARED

CFG = BriefConfig()


def _noop(*a):
    pass


@pytest.fixture(scope="module", params=["seeds", "dev/grain-deal", "dev/israel-russia"])
def corpus(request) -> list[Document]:
    folder = SHARED / "corpus" / request.param
    if not folder.is_dir():
        pytest.skip(f"{folder} is not available")
    docs = load_inputs([str(folder)], config=CFG, on_problem=_noop, progress=_noop)
    clean_documents(docs, config=CFG, progress=_noop)
    return docs


# The rules themselves are tested line by line in test_clean_rules.py; what the cleaner
# leaves on the real corpora is scored by make eval and guarded by test_dev_floors.py.
def test_real_pages_keep_verbatim_lines_and_every_drop_has_its_reason(corpus):
    for doc in corpus:
        paras = [p for p in doc.body.split("\n\n") if p]
        assert paras, doc.path
        raw_lines = {ln.strip() for ln in Path(doc.path).read_text(encoding="utf-8", errors="replace").splitlines()}
        # paragraphs are input lines, or the part of a line left when a stamp or tag was cut off it
        assert all(p in raw_lines or any(p in ln for ln in raw_lines) for p in paras), doc.path
        assert all(x.doc_id == doc.id and x.line is not None and x.kind for x in doc.dropped)
        text_lines = doc.text.split("\n")
        assert all(x.text in text_lines[x.line] for x in doc.dropped)  # line numbers point at the text


def test_distinct_articles_are_not_duplicates(seeds_dir):
    docs = load_inputs([str(seeds_dir)], config=CFG, on_problem=_noop, progress=_noop)
    clean_documents(docs, config=CFG, progress=_noop)
    assert all(d.duplicate_of is None for d in docs)


def _clean(text: str, **kw) -> Document:
    doc = document_from_dict({"title": "Headline of the story", "text": text, **kw})
    clean_documents([doc], config=CFG, progress=_noop)
    return doc


def test_header_dateline_and_byline_with_outlet():
    doc = _clean("By Jane Roe and John Doe, Global Wire\nPublished: March 3, 2024\n"
                 "Ministers met on Monday in the capital to discuss the corridor, officials said.\n"
                 "A second paragraph of the report explains what happened next in the talks.")
    assert doc.byline == "Jane Roe, John Doe" and doc.outlet == "Global Wire"
    assert doc.published == dt.date(2024, 3, 3) and doc.provenance["published"] == "text:dateline"
    assert doc.body.startswith("Ministers met")


def test_agency_lead_gives_outlet_and_stays():
    doc = _clean("KARVIK (AP) — Port authorities said on Monday that 40 ships were waiting to load grain.\n"
                 "Talks continue next week, officials said.")
    assert doc.outlet == "AP" and doc.provenance["outlet"] == "text:agency-tag"
    assert doc.body.startswith("KARVIK (AP) —")


def test_caption_date_is_not_publication_date():
    doc = _clean("The minister speaks to reporters in the capital, March 3, 2023. (Jane Roe/Global Wire)\n"
                 "The minister said on Tuesday that talks would resume next week in the capital.")
    assert doc.published is None
    assert [x.kind for x in doc.dropped] == ["caption"]


def test_metadata_from_input_wins_over_text():
    doc = _clean("By Jane Roe, Global Wire\nMinisters met on Monday in the capital, officials said today.",
                 outlet="Evening Herald", date="2024-01-02")
    assert doc.outlet == "Evening Herald" and doc.provenance["outlet"] == "input"
    assert doc.published == dt.date(2024, 1, 2)


def test_short_quotes_and_short_sentences_stay():
    text = ("Officials met on Monday to discuss the ceasefire line, the ministry said.\n"
            "“No.”\n"
            "“We are close,” she said.\n"
            "It was not enough.\n"
            "The talks resume next week.")
    doc = _clean(text)
    assert doc.body.split("\n\n") == [ln for ln in text.split("\n")]
    assert not doc.dropped


def test_prose_with_ui_words_stays():
    text = ("The minister said the country would sign up to the treaty next year after a review.\n"
            "Refugees must register with the authorities at the border camps before they can continue their journey.\n"
            "The agency's newsletter reported in March that 300 families had arrived in the camps.")
    doc = _clean(text)
    assert doc.body.split("\n\n") == text.split("\n")


def test_exact_and_near_duplicates():
    base = ("Negotiators from Norland and Estavia met in Port Selva on Monday to discuss a draft agreement on the "
            "export corridor, officials said. The talks are expected to resume next week according to the "
            "mediation team. Insurance premiums remain the main obstacle, shipping companies said on Tuesday.")
    a = document_from_dict({"title": "A", "text": base, "url": "https://a.example/1", "date": "2024-03-01"})
    b = document_from_dict({"title": "B", "text": "Share this article\n" + base.replace("Tuesday", "Wednesday"),
                            "url": "https://b.example/1", "date": "2024-03-02"})
    c = document_from_dict({"title": "C", "text": base, "url": "https://c.example/1", "date": "2024-03-03"})
    other = document_from_dict({"title": "D", "text": "Officials in Calderon denied reports that aid convoys had "
                                "been moved to the border crossing at Orlo on Friday.", "url": "https://d.example/1"})
    docs = clean_documents([c, other, b, a], config=CFG, progress=_noop)
    assert a.duplicate_of is None and other.duplicate_of is None
    assert b.duplicate_of == a.id and c.duplicate_of == a.id  # the earliest published is the original
    assert len(docs) == 4  # both stay as sources


line_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(line_text, st.sampled_from([
    "Recent Posts", "1 hour ago", "(TPS)", "By: Jane Roe", "Subscribe to The Daily Ledger Newsletter",
    "(photo credit: AGENCY)", "Ministers met on Monday in the capital to discuss the corridor.", "",
    "read more:", "Sign in or Register", "Jane Roe", "Published: March 3, 2024", "“No.”"])), max_size=25))
def test_cleaner_never_raises_and_never_invents_text(lines):
    text = "\n".join(lines)
    res = clean_lines(text)
    source = {ln.strip() for ln in text.split("\n")}
    assert all(s in source for _, s in res.kept)
    assert len(res.kept) + len(res.dropped) == sum(1 for ln in text.split("\n") if ln.strip())
    doc = _clean(text)
    for para in doc.body.split("\n\n"):
        assert para == "" or para in text

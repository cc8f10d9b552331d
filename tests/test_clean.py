"""Clean: per-seed expectations (boilerplate gone, every body paragraph kept), metadata, duplicates, properties."""

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

CFG = BriefConfig()


def _noop(*a):
    pass


@pytest.fixture(scope="module")
def seeds(seeds_dir) -> dict[str, Document]:
    docs = load_inputs([str(seeds_dir)], config=CFG, on_problem=_noop, progress=_noop)
    clean_documents(docs, config=CFG, progress=_noop)
    return {Path(d.path).name[:3]: d for d in docs}


# per seed: (kept paragraph count, fragments that must be dropped -> kind, fragments that must stay)
EXPECT = {
    "000": (16, {
        "Emergency cabinet meeting shrouded": "subheadline",
        "(photo credit: REUTERS/SHAMIL ZHUMATOV)": "caption",
        "at the Bocharov Ruchei state residence in Sochi": "caption",
    }, ["Israeli officials have asked Russia", "Ashkenazi spoke with Russian Foreign Minister Sergei Lavrov.",
        "buried at Jerusalem’s Mt. Herzl military cemetery."]),
    "001": (12, {"By Batya Jerenberg": "byline"},
            ["Two senior Russian officials reassured", "“We should never allow Syria",
             "meaningful and insightful discussion"]),
    "002": (14, {
        "Israel News": "chrome", "By: Aryeh Savir": "byline", "(TPS)": "agency-tag",
        "Sholom Schreirber": "author-blurb", "Progressively maintain extensive": "filler",
        "Recent Posts": "related-posts", "1 hour ago": "related-posts", "2 hours ago": "related-posts",
        "Four coffins returned to Israel from Gaza": "related-posts",
        "Gene Hackman, his wife": "related-posts",
        "Jeffrey Lax (originally published in NY Post)": "related-posts",
    }, ["Prime Minister Benjamin Netanyahu spoke on Monday", "“This is a shared value by all of this,” he said.",
        "Jerusalem is interested in Moscow curbing"]),
    "003": (13, {
        "search": "chrome", "Putin envoys in Jerusalem reiterate": "subheadline",
        "(Amos Ben-Gershom/GPO)": "caption", "(AFP/Andrey Borodulin)": "caption",
        "read more:": "related-posts", "Never miss breaking news": "newsletter", "You're subscribed": "newsletter",
        "image": "chrome", "Register for free": "login-wall", "and continue reading": "login-wall",
        "Already registered?": "login-wall", "Please use the following structure": "login-wall",
        "Or Continue with": "login-wall", "terms and conditions": "login-wall", "Log in to continue": "login-wall",
        "Sign in or Register": "login-wall", "Check your email": "login-wall", "We sent an email": "login-wall",
        "It has a link that will sign you in.": "login-wall",
    }, ["Prime Minister Benjamin Netanyahu held talks Tuesday", "It’s called Russia,” said Maj. Gen. (res.) Amir Eshel.",
        "The two Russian officials arrived in Israel on Monday"]),
    "004": (21, {
        "(photo credit: REUTERS)": "caption", "Smoke rises following an explosion": "caption",
        "Stay updated with the latest news!": "newsletter", "Subscribe to The Jerusalem Post Newsletter": "newsletter",
        "contributed to this report": "contributors",
    }, ["Meetings between Russian and Israeli officials have increased", "Russia’s Military Police Directorate head",
        "In late May, Defense Minister", "the southwest cease-fire arrangement,” she said."]),
}


@pytest.mark.parametrize("seed", sorted(EXPECT))
def test_seed_boilerplate_gone_body_kept(seeds, seeds_dir, seed):
    doc = seeds[seed]
    n_kept, gone, kept = EXPECT[seed]
    paras = doc.body.split("\n\n")
    assert len(paras) == n_kept
    raw_lines = {ln.strip() for ln in (Path(doc.path)).read_text(encoding="utf-8").splitlines()}
    assert all(p in raw_lines for p in paras)  # paragraphs are verbatim input lines
    for frag, kind in gone.items():
        assert frag not in doc.body, frag
        hits = [x for x in doc.dropped if frag in x.text]
        assert hits, frag
        assert all(x.kind == kind for x in hits), (frag, [x.kind for x in hits])
    for frag in kept:
        assert frag in doc.body, frag
    assert all(x.doc_id == doc.id and x.line is not None for x in doc.dropped)
    # dropped line numbers point at the dropped text
    text_lines = doc.text.split("\n")
    assert all(text_lines[x.line].strip() == x.text for x in doc.dropped)


def test_seed_outlets_and_bylines(seeds):
    assert (seeds["001"].outlet, seeds["001"].provenance["outlet"]) == ("World Israel News", "text:byline")
    assert seeds["001"].byline == "Batya Jerenberg"
    assert (seeds["002"].outlet, seeds["002"].provenance["outlet"]) == ("TPS", "text:agency-tag")
    assert seeds["002"].byline == "Aryeh Savir"
    assert (seeds["004"].outlet, seeds["004"].provenance["outlet"]) == ("The Jerusalem Post", "text:newsletter")
    # a photo credit names an agency, not the outlet; related-post teasers' agency tags do not count
    assert seeds["000"].outlet is None and seeds["003"].outlet is None


def test_seed_no_false_dates(seeds):
    # the only dates in the seeds are in photo captions and sidebars: none is a publication date
    for d in seeds.values():
        assert d.published is None and d.date_label == "undated"
        assert "published" not in d.provenance


def test_seeds_are_not_duplicates(seeds):
    assert all(d.duplicate_of is None for d in seeds.values())


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

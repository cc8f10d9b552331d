"""Quality rules of extraction on real text: who counts as an actor, organisation vs place, generic
statements, pair coreference, key phrase variants (text written here, the demo corpus in examples/, seeds via
``seeds_dir`` for corpus-wide invariants only)."""

from __future__ import annotations

import re

import pytest

from brief.clean import clean_documents
from brief.config import BriefConfig
from brief.extract import extract
from brief.ingest import load_inputs


def _run(folder):
    cfg = BriefConfig()
    docs = load_inputs([folder], config=cfg, on_problem=lambda p: None, progress=lambda *a: None)
    docs = clean_documents(docs, config=cfg, progress=lambda *a: None)
    docs = [d for d in docs if d.body.strip()]
    return docs, extract(docs, config=cfg, progress=lambda *a: None)


@pytest.fixture(scope="module")
def demo(examples_dir):
    if not (examples_dir / "README.md").is_file():
        pytest.skip("examples/ not written yet")
    return _run(examples_dir)


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    return _run(seeds_dir)


def _sentence(docs, c):
    return next(d for d in docs if d.id == c.doc_id).sentences[c.sentence].text


def _events_in(docs, x, needle):
    return [e for e in x.events if any(needle in _sentence(docs, c) for c in e.mentions)]


def test_counts_abstractions_and_things_are_not_actors(demo):
    docs, x = demo
    actors = {a.lower() for e in x.events for a in e.actors}
    for bad in ("number", "its reservoir", "too many people", "shooting", "outbreak", "supplies", "tension",
                "cholera", "sides", "river level", "dry season", "first turbines"):
        assert bad not in actors, bad
    # the real doers stay
    assert any("Taldaran patrol" in e.actors for e in x.events if e.action == "cross")
    assert any("joint team" in e.actors for e in x.events if e.action == "meet")
    assert any("Hundreds of families" in e.actors for e in x.events if e.action == "leave")
    assert any(any("border guards" in a for a in e.actors) for e in x.events if e.action == "exchange")
    assert any("its soldiers" in e.actors for e in x.events)  # "its" + a group noun is still a doer


def test_a_thing_that_happens_becomes_the_target_not_the_actor(demo):
    docs, x = demo
    began = [e for e in x.events if e.action == "begin" and "shooting" in e.targets]
    assert began and not began[0].actors
    # a generic truth in a quote ("<disease> thrives when ...") is no event at all
    assert not [e for e in x.events if e.action == "thrive"]
    # a sentence-initial capitalised common noun is no entity
    assert not [e for e in x.entities if e.id.lower() == "cholera"]


def test_habitual_statement_keeps_its_date_text_but_no_date(demo):
    docs, x = demo
    usual = _events_in(docs, x, "usually")
    assert usual
    for e in usual:
        assert e.date is None and e.date_end is None, (e.action, e.date_text, e.date)
    assert any(e.date_text and "April" in e.date_text for e in usual)  # the words are kept
    # a plain dated happening next door still gets its date
    assert any(e.date is not None for e in _events_in(docs, x, "on Monday"))


def _written(*bodies):
    import datetime as dt

    from brief.model import Document

    docs = [Document(id=f"d-q{i}", title=f"Report {i}", text=b, body=b, published=dt.date(2024, 6, 14),
                     outlet=f"Outlet {i}") for i, b in enumerate(bodies, start=1)]
    return docs, extract(docs, config=BriefConfig(), progress=lambda *a: None)


@pytest.mark.xfail(strict=True, reason="coordinated subjects ('X and Y arrived') keep only the first conjunct, so no "
                   "pair is remembered for 'the two <demonym> officials' -- brief/extract/events/")
def test_two_demonym_officials_resolve_to_the_pair_named_earlier():
    docs, x = _written(
        "Norwegian envoy Lars Eik and deputy minister Per Dahl arrived in Orlo on Monday. "
        "Later that day the two Norwegian officials met the mayor of Orlo.",
    )
    two = _events_in(docs, x, "two Norwegian officials")
    assert two
    for e in two:
        assert {"Lars Eik", "Per Dahl"} <= set(e.actors), e.actors


def test_name_in_apposition_with_an_outlet_noun_is_an_organisation():
    docs, x = _written("The troops left Orlo on Monday, public broadcaster Veltra reported.")
    ents = {e.id: e for e in x.entities}
    assert "Veltra" in ents and ents["Veltra"].label == "ORG", {k: v.label for k, v in ents.items()}
    assert not any("Veltra" in e.locations for e in x.events)


def test_dateline_is_never_an_actor(demo):
    docs, x = demo
    checked = 0
    for e in x.events:
        for c in e.mentions:
            m = re.match(r"([A-Z][A-Z .'-]+)(?:,[^—–]{0,40})?\s+[—–]\s", _sentence(docs, c))
            if not m:
                continue
            checked += 1
            place = m.group(1).strip().lower()
            assert not any(a.lower() == place or a.lower().startswith(place) for a in e.actors), (e.actors, place)
    assert checked >= 5
    # the sentence's real subject is the actor
    assert any("Hundreds of families" in e.actors for e in _events_in(docs, x, "SEFRA"))


@pytest.mark.xfail(strict=True, reason="a hyphenated modifier ('flood-warning hotline') and its spaced form "
                   "('flood warning mechanism') do not share a folded phrase -- brief/extract/keyphrases.py")
def test_variants_of_one_thing_share_their_common_part():
    docs, x = _written(
        "Officials said the flood-warning hotline between Orlo and Selva worked on Monday.",
        "The flood warning mechanism between Orlo and Selva was tested again on Tuesday.",
        "Engineers said the flood-warning hotline would be extended to Marsk.",
    )
    hot = [e for e in x.events if any("hotline" in p for p in e.keyphrases)]
    mech = [e for e in x.events if any("mechanism" in p for p in e.keyphrases)]
    assert hot and mech, [e.keyphrases for e in x.events]
    shared = {p for e in hot for p in e.keyphrases} & {p for e in mech for p in e.keyphrases}
    assert any("warning" in p for p in shared), shared


@pytest.mark.parametrize("which", ["demo", "seeds"])
def test_key_phrases_are_words_of_the_corpus(which, request):
    docs, x = request.getfixturevalue(which)
    corpus = " ".join(s.text for d in docs for s in d.sentences).lower().replace("’", "'")
    norm = lambda t: " ".join(re.sub(r"[-“”\"‘']", " ", t).split())  # noqa: E731
    flat = norm(corpus)
    for p in {p for e in x.events for p in e.keyphrases}:
        assert norm(p) in flat or norm(p).replace(" ", "") in flat.replace(" ", ""), p

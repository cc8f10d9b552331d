"""Extraction invariants on real scraped news (../shared, read at test time).

The seeds and the two dev corpora are real articles with their noise.  These tests
check what must hold on any corpus (sentences index the cleaned body, mentions resolve,
relative dates stay unresolved in undated documents, key phrases are clean, ids are
stable) -- never one corpus's particular answers; the rules themselves are tested on
text written for the tests (test_extract_rules.py, test_extract_units.py), and the
quality on these corpora is measured by ``make eval`` and guarded by test_dev_floors.py.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from brief.clean import clean_documents
from brief.config import BriefConfig
from brief.extract import extract
from brief.ingest import load_inputs

from conftest import SHARED

CORPORA = {"seeds": SHARED / "corpus" / "seeds", "grain-deal": SHARED / "corpus" / "dev" / "grain-deal",
           "israel-russia": SHARED / "corpus" / "dev" / "israel-russia"}


def _load(folder):
    cfg = BriefConfig()
    docs = load_inputs([folder], config=cfg, on_problem=lambda p: None, progress=lambda *a: None)
    docs = clean_documents(docs, config=cfg, progress=lambda *a: None)
    return [d for d in docs if d.body.strip()]


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request):
    folder = CORPORA[request.param]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not available")
    docs = _load(folder)
    return docs, extract(docs, config=BriefConfig(), progress=lambda *a: None)


def test_sentences_index_the_cleaned_body(corpus):
    docs, x = corpus
    for d in docs:
        assert d.sentences, d.id
        last_para = 0
        for i, s in enumerate(d.sentences):
            assert s.index == i and s.doc_id == d.id
            assert d.body[s.start : s.end].strip() == s.text
            assert s.paragraph >= last_para
            last_para = s.paragraph
            assert "\n\n" not in s.text  # never across paragraphs
    by_id = {d.id: d for d in docs}
    for e in x.events:
        assert e.mentions and len(e.mentions) == len(set(e.mentions))
        for c in e.mentions:
            assert 0 <= c.sentence < len(by_id[c.doc_id].sentences)


def test_no_sentence_ends_on_an_abbreviated_title(corpus):
    docs, _ = corpus
    titles = re.compile(r"\b(?:Sgt|Lt|Col|Gen|Capt|Maj|Dr|Mr|Mrs|Ms|Gov|Sen|Rep)\.$")
    for d in docs:
        assert not [s.text for s in d.sentences if titles.search(s.text)], d.id


def test_relative_dates_stay_unresolved_in_undated_documents(corpus):
    docs, x = corpus
    undated = {d.id for d in docs if d.published is None}
    relative = re.compile(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|last week|last month|ago|this week)", re.I)
    for e in x.events:
        if e.date_text and relative.search(e.date_text) and set(e.sources) <= undated:
            assert e.date is None, (e.date_text, e.date)


def test_keyphrases_are_clean_noun_phrases(corpus):
    _, x = corpus
    phrases = {p for e in x.events for p in e.keyphrases}
    assert phrases
    for p in phrases:
        assert p == p.lower()
        assert not re.match(r"(the|a|an|this|that|his|her|its|their)\s", p), p
        assert "“" not in p and "”" not in p


def test_entity_ids_carry_no_possessive(corpus):
    _, x = corpus
    assert not any(e.id.endswith(("'s", "’s", "’")) for e in x.entities)


def test_salience_prefers_multi_source_events(corpus):
    _, x = corpus
    assert all(0.0 <= e.salience <= 1.0 for e in x.events)
    multi = [e.salience for e in x.events if len(e.sources) > 1]
    single = sorted(e.salience for e in x.events if len(e.sources) == 1)
    if multi and single:
        assert sum(multi) / len(multi) > single[len(single) // 2]


def test_event_ids_unique_and_serialisable(corpus):
    _, x = corpus
    ids = [e.id for e in x.events]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"e\d+", i) for i in ids)
    for e in x.events:
        e.to_dict()


def test_duplicate_document_adds_mentions_not_events(seeds_dir):
    docs = _load(seeds_dir)
    base = extract(docs, config=BriefConfig(), progress=lambda *a: None)
    original = docs[1]
    copy = dataclasses.replace(original, id="d-copy", sentences=[], duplicate_of=original.id)
    docs2 = _load(seeds_dir) + [copy]
    x = extract(docs2, config=BriefConfig(), progress=lambda *a: None)
    assert copy.sentences and len(copy.sentences) == len(original.sentences)
    assert len(x.events) == len(base.events)
    assert not [e for e in x.events if e.sources == ["d-copy"]]
    assert any("d-copy" in e.sources and original.id in e.sources for e in x.events)

"""Headlines in the group stage: the core clause a label can use, and the pull of an
article's headline on the events that tell its story (text written here)."""

from __future__ import annotations

import pytest

from brief.group.headline import core_clauses
from brief.nlp import get_nlp


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def _cut(nlp, title, common=()):
    return core_clauses(nlp(title), lambda w: w.lower() in common)


def test_the_clause_keeps_who_did_what_and_drops_the_reason(nlp):
    out = _cut(nlp, "Utility suspends water rationing after heavy rain in the north")
    assert out[0] == "Utility suspends water rationing", out
    assert all("rain" not in c for c in out)


def test_words_every_headline_uses_are_dropped_from_a_second_variant(nlp):
    out = _cut(nlp, "Utility suspends Corvale water rationing", common={"corvale"})
    assert "Utility suspends Corvale water rationing" in out
    assert "Utility suspends water rationing" in out


def test_a_verb_without_an_object_keeps_its_place(nlp):
    out = _cut(nlp, "Relief convoy arrives in Marsden after road reopens")
    assert "Relief convoy arrives in Marsden" in out, out


def test_a_count_subject_gives_way_to_what_is_counted(nlp):
    out = _cut(nlp, "Thousands of farming families leave the valley as wells run dry")
    assert out and out[0].startswith("farming families leave"), out


def test_a_reported_headline_is_cut_to_what_was_reported_not_who_said_it(nlp):
    assert all(not c.endswith("says") for c in _cut(nlp, "Five injured in blast at depot, police say"))
    out = _cut(nlp, "Mayor tells council engineers found cracks in the bridge")
    assert out and "cracks" in out[0] and "tells" not in out[0], out


def test_no_clause_is_longer_than_six_words(nlp):
    for title in ("Regional grain cooperative of the northern plains signs long awaited seven year export agreement",
                  "Storm floods coastal towns"):
        assert all(len(c.split()) <= 6 for c in _cut(nlp, title))


def _two_article_events():
    """Two articles whose lead sentences tell their headline story and whose last sentence is shared background."""
    from brief.model import Citation, Document, Event, Sentence

    texts = {
        "a": ("Depot fire forces evacuation in Brennick",
              ["A fire at the fuel depot forced the evacuation of Brennick homes.",
               "Firefighters fought the depot fire through the night.",
               "The region had a dry summer and water reserves are low."]),
        "b": ("Depot fire contained as Brennick residents return",
              ["Residents returned to Brennick after the depot fire was contained.",
               "The depot operator said the fire started in a pump room.",
               "Water reserves in the region are low after a dry summer."]),
        "c": ("Reservoir levels fall after dry summer",
              ["Reservoir levels fell to a record low after the dry summer.",
               "The water board asked farms to cut irrigation as reserves fell.",
               "Irrigation limits will last until the reservoir refills."]),
    }
    docs, events = [], []
    for did, (title, sents) in texts.items():
        docs.append(Document(did, title, " ".join(sents), sentences=[Sentence(did, i, s) for i, s in enumerate(sents)]))
        for i, _ in enumerate(sents):
            events.append(Event(f"e{len(events) + 1}", "report", mentions=[Citation(did, i)], salience=0.5))
    return docs, events


def _bag_encoder(vocab):
    import re

    import numpy as np

    col = {w: i for i, w in enumerate(vocab)}

    def enc(items):
        x = np.zeros((len(items), len(vocab)), dtype=np.float32)
        for r, (_, text, _) in enumerate(items):
            for w in re.findall(r"[a-z]+", text.lower()):
                if w in col:
                    x[r, col[w]] += 1.0
        n = np.linalg.norm(x, axis=1, keepdims=True)
        n[n == 0] = 1.0
        return x / n

    return enc


def test_an_articles_headline_draws_its_story_sentences_together_not_its_background():
    import numpy as np

    from brief.group.stories import HEADLINE_MIX, _encode_with_headlines

    docs, events = _two_article_events()
    doc_of = {d.id: d.id for d in docs}
    items = [(e.mentions[0].doc_id, docs["abc".index(e.mentions[0].doc_id)].sentences[e.mentions[0].sentence].text, [])
             for e in events]
    enc = _bag_encoder(["depot", "fire", "brennick", "evacuation", "residents", "contained", "firefighters", "operator",
                        "reservoir", "dry", "summer", "water", "reserves", "irrigation", "levels", "low"])
    plain = enc(items)
    pulled = _encode_with_headlines(items, events, docs, doc_of, enc)
    assert HEADLINE_MIX > 0
    # the story sentences of the two fire articles come closer: their headlines name the same fire
    assert float(pulled[1] @ pulled[4]) > float(plain[1] @ plain[4]) + 0.05
    # a background sentence (nothing of its headline in it) keeps its own vector
    assert np.allclose(pulled[2], plain[2], atol=1e-6)
    assert np.allclose(np.linalg.norm(pulled, axis=1), 1.0, atol=1e-5)

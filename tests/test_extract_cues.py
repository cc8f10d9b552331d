"""The brief_event_cues component: DependencyMatcher patterns (lexicon/en/event_cues.json) marking
attribution and light verbs on Doc/Token extensions, one cue one written example."""

from __future__ import annotations

from brief.extract.events import event_cues
from brief.nlp import get_nlp


def _marked(text: str):
    return event_cues()(get_nlp()(text))


def _tok(doc, word: str):
    return next(t for t in doc if t.text == word)


def test_a_reporting_verb_frames_its_clause_and_names_its_speaker():
    doc = _marked("The mayor said that the bridge would reopen on Friday.")
    said = _tok(doc, "said")
    assert [doc[i].text for i in said._.brief_clauses] == ["reopen"]
    assert doc[said._.brief_speaker].text == "mayor"


def test_according_to_names_a_source():
    doc = _marked("According to the coast guard, two boats sank near the harbour.")
    assert [(doc[c].text, doc[s].text) for c, s in doc._.brief_sources] == [("According", "guard")]


def test_a_trailing_reporting_clause_attributes_the_verb_it_hangs_from():
    doc = _marked("The talks, the minister said, would resume next week.")
    resume = _tok(doc, "resume")
    assert [doc[i].text for i in resume._.brief_reporters] == ["said"]
    assert doc[_tok(doc, "said")._.brief_speaker].text == "minister"


def test_the_object_of_a_light_verb_names_the_event():
    doc = _marked("The two ministers held talks in the capital.")
    assert doc[_tok(doc, "talks")._.brief_light_verb].text == "held"

"""Sentence boundaries: set before the parse at paragraph breaks (brief_sentence_breaks), and a sentence the
parser ends after a title abbreviation joined to the next."""

from __future__ import annotations

from brief.extract.sentences import make_sentences
from brief.nlp import get_nlp


def _sentences(text: str) -> list[tuple[str, int]]:
    sents, spans = make_sentences("d", get_nlp()(text))
    assert [s.text for s in sents] == [sp.text for sp in spans]
    return [(s.text, s.paragraph) for s in sents]


def test_the_pipeline_sets_boundaries_before_the_parser():
    names = get_nlp().pipe_names
    assert names.index("brief_sentence_breaks") < names.index("parser")


def test_a_blank_line_ends_a_sentence_without_a_full_stop():
    assert _sentences("Harbour workers walked out on Monday\n\nThe port authority said talks would resume.") == [
        ("Harbour workers walked out on Monday", 0), ("The port authority said talks would resume.", 1)]


def test_a_sentence_does_not_end_after_a_title_abbreviation():
    text = "The remains of Sgt. Tomas Brandt were returned on Tuesday. His family thanked the rescuers."
    assert [s for s, _ in _sentences(text)] == [
        "The remains of Sgt. Tomas Brandt were returned on Tuesday.", "His family thanked the rescuers."]

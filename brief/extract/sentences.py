"""Sentences of cleaned bodies, paragraph-aware.

Paragraph breaks are sentence boundaries set in the spaCy pipeline, before the parser: the
``brief_sentence_breaks`` component (registered with ``@Language.factory``, added by :func:`configure`)
starts a sentence after every blank line, and the parser respects a preset start, so a sentence never
spans two paragraphs.  One repair stays after the parse: a sentence the parser ended after a title
abbreviation ("... IDF Sgt." + "Zachary Baumel ...", abbreviations of
``lexicon/en/title_abbreviations.txt``) is joined to the next one (spaCy's parser does not reliably
honour ``is_sent_start = False``, and keeping the abbreviations whole in the tokenizer changes the parse
of every sentence naming one).  :func:`make_sentences` gives the sentences in text order (citations point
at these indexes) with each sentence's paragraph.
"""

from __future__ import annotations

import re

from spacy.language import Language

from brief.lexicon import words
from brief.model import Sentence

_PARA_BREAK = re.compile(r"\n\s*\n")
_ABBREV = re.compile(r"^(?:[A-Z][a-z]{0,4}\.-)*[A-Z][a-z]{0,4}\.?$")  # "Sgt.", "Col.-Gen.": a capital and <= 4 letters
_TITLE_ABBREVS = words("title_abbreviations")


def paragraph_starts(body: str) -> list[int]:
    """Character offsets where each paragraph of ``body`` starts."""
    starts = [0]
    for m in _PARA_BREAK.finditer(body):
        starts.append(m.end())
    return starts


class SentenceBreaks:
    """Sets ``Token.is_sent_start`` before the parse on the first word after a blank line."""

    def __call__(self, doc):
        text = doc.text
        prev_end = None
        for tok in doc:
            if tok.is_space:
                continue
            if prev_end is not None and text.count("\n", prev_end, tok.idx) >= 2:
                tok.is_sent_start = True
            prev_end = tok.idx + len(tok.text)
        return doc


@Language.factory("brief_sentence_breaks")
def make_sentence_breaks(nlp: Language, name: str) -> SentenceBreaks:
    return SentenceBreaks()


def configure(nlp: Language) -> Language:
    """``brief_sentence_breaks`` before the parser (once)."""
    if "brief_sentence_breaks" not in nlp.pipe_names:
        nlp.add_pipe("brief_sentence_breaks", before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


def _spans(sp_doc):
    """(span, paragraph index) for every sentence, surrounding whitespace trimmed."""
    starts = paragraph_starts(sp_doc.text)
    para = 0
    for sent in sp_doc.sents:
        b, e = sent.start, sent.end
        while b < e and sp_doc[b].is_space:
            b += 1
        while e > b and sp_doc[e - 1].is_space:
            e -= 1
        if b >= e:
            continue
        span = sp_doc[b:e]
        while para + 1 < len(starts) and starts[para + 1] <= span.start_char:
            para += 1
        yield span, para


def _ends_with_abbreviation(span) -> bool:
    """True for a sentence cut after a title abbreviation ("... IDF Sgt." + "Zachary Baumel ...")."""
    if len(span) < 2:
        return False
    last = span[-1]
    if last.text == ".":
        if span[-2].whitespace_:
            return False
        word = span[-2].text + "."
    else:
        word = last.text
    if not word.endswith(".") or not _ABBREV.match(word):
        return False
    return all(part.strip(".").lower() in _TITLE_ABBREVS for part in word.split("-"))


def _joined(sp_doc):
    """The sentences, with one wrongly cut after a title abbreviation joined to the next."""
    pending = None
    for span, para in _spans(sp_doc):
        if pending is not None:
            pspan, ppara = pending
            if ppara == para and _ends_with_abbreviation(pspan) and span[0].text[:1].isupper():
                pending = (sp_doc[pspan.start : span.end], para)
                continue
            yield pending
        pending = (span, para)
    if pending is not None:
        yield pending


def make_sentences(doc_id: str, sp_doc) -> tuple[list[Sentence], list]:
    """Return the document's Sentence list and the matching spaCy spans."""
    sentences: list[Sentence] = []
    spans = []
    for span, para in _joined(sp_doc):
        text = span.text.strip()
        if not text or not any(ch.isalnum() for ch in text):
            continue
        sentences.append(Sentence(doc_id, len(sentences), text, span.start_char, span.end_char, para))
        spans.append(span)
    return sentences, spans

"""Sentence segmentation of cleaned bodies, paragraph-aware.

Bodies are parsed whole (one ``nlp.pipe`` call over every document, batched)
and spaCy's sentences are cut again at blank lines, so a sentence never spans
two paragraphs even when the parser misses the break.  Sentence order follows
the text: citations point at these indexes.
"""

from __future__ import annotations

import re

from brief.lexicon import words
from brief.model import Sentence

_PARA_BREAK = re.compile(r"\n\s*\n")


def paragraph_starts(body: str) -> list[int]:
    """Character offsets where each paragraph of ``body`` starts."""
    starts = [0]
    for m in _PARA_BREAK.finditer(body):
        starts.append(m.end())
    return starts


def split_spans(sp_doc):
    """Yield (span, paragraph index) for every sentence, cut at paragraph breaks."""
    body = sp_doc.text
    starts = paragraph_starts(body)
    para = 0
    for sent in sp_doc.sents:
        pieces = []
        begin = sent.start
        prev_end = None
        for tok in sent:
            if tok.is_space:
                continue
            if prev_end is not None and tok.i > begin and body.count("\n", prev_end, tok.idx) >= 2:
                pieces.append((begin, tok.i))
                begin = tok.i
            prev_end = tok.idx + len(tok.text)
        pieces.append((begin, sent.end))
        for b, e in pieces:
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


_ABBREV = re.compile(r"^(?:[A-Z][a-z]{0,4}\.-)*[A-Z][a-z]{0,4}\.?$")
_TITLE_ABBREVS = words("title_abbreviations")


def _ends_with_abbreviation(span) -> bool:
    """True for a sentence cut after a title abbreviation ("... IDF Sgt." + "Zachary Baumel ...")."""
    if len(span) < 2:
        return False
    last = span[-1]
    if last.text == "." and len(span) >= 2:
        word = span[-2].text + "."
        if span[-2].whitespace_:
            return False
    else:
        word = last.text
    if not word.endswith(".") or not _ABBREV.match(word):
        return False
    return all(part.strip(".").lower() in _TITLE_ABBREVS for part in word.split("-"))


def _joined(sp_doc):
    """split_spans, with sentences wrongly cut after an abbreviation joined again."""
    pending = None
    for span, para in split_spans(sp_doc):
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

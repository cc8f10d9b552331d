"""The fallback label of a theme that class-based naming could not name.

* the best candidate of :meth:`LabelContext.candidates` names the theme, in the
  wording the sources use (:func:`surface_in_text`), in its longer "X of Y" form
  where the sources say so;
* a second one that shares no content word with it and scores close to it is joined
  with "and";
* "in <place>" is added only for a place (GPE/LOC/FAC, not a corpus-wide hub) that the
  theme's events mention far more than the corpus does, in most of the events using
  the main phrase and in more than one document when the theme spans several;
* first letter capitalised; never "X: Person".
"""

from __future__ import annotations

import re

from brief.group.graph import CoMention
from brief.group.labels import (ABSTRACT_HEADS, LOCATION_LABELS, MAX_WORDS, OTHER_LABEL, SECOND_MIN, Candidate,
                                LabelContext)
from brief.group.phrases import DETERMINERS, content_tokens, normalise
from brief.model import Event


def surface_in_text(phrase: str, sentences: list[str], lowered: list[str] | None = None) -> str:
    """The phrase as written in a source sentence (recovers "IDF", "Golan Heights" casing).

    ``lowered`` (the sentences lower-cased, once per theme) lets the pattern run only on the
    sentences that hold the phrase's first word: the same answer, without a regex search of
    every sentence for every phrase of a large theme.
    """
    raw = [w for w in re.split(r"[\s-]+", phrase) if w]
    words = [re.escape(w) for w in raw]
    if not words:
        return phrase
    pat = re.compile(r"\b" + r"[\s\-]*".join(words) + r"\b", re.IGNORECASE)
    first_word = raw[0].lower()
    for k, s in enumerate(sentences):
        if lowered is not None and first_word not in lowered[k]:
            continue
        m = pat.search(s)
        if m:
            text = re.sub(r"\s+", " ", m.group(0))
            first = text.split(" ", 1)[0]
            at_start = m.start() == 0 or s[: m.start()].rstrip().endswith(('"', "“", ":", "."))
            if at_start and not first.isupper() and first[1:].islower():
                text = text[0].lower() + text[1:]
            return text
    return phrase


def _expand_of(text: str, main: str, keys: list[str], sentences: list[str]) -> str:
    """"return" -> "return of remains" when the sources say so with another theme phrase."""
    if len(text.split()) > 2:
        return text
    pat = re.compile(r"\b" + re.escape(text) + r"\s+of\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)", re.IGNORECASE)
    wanted = {p: i for i, p in enumerate(keys[:20])}
    best = None
    for s in sentences:
        for m in pat.finditer(s):
            tail = m.group(1).split()
            for k in range(len(tail), 0, -1):
                key = normalise(" ".join(tail[:k]))
                if key in wanted and key != main:
                    cand = (wanted[key], " ".join(tail[:k]))
                    if best is None or cand < best:
                        best = cand
                    break
    if best is None:
        return text
    words = best[1].split()
    while words and (words[0].lower() in DETERMINERS or words[0].isdigit()):
        words = words[1:]
    return f"{text} of {' '.join(words)}" if words else text


def _headline_surface(chunk: str) -> str:
    """A headline noun chunk as a label: leading determiners and numbers dropped, spacing collapsed."""
    words = chunk.split()
    while words and (words[0].lower() in DETERMINERS or any(ch.isdigit() for ch in words[0])):
        words = words[1:]
    return " ".join(words) or chunk


def _display(key: str, cm: CoMention, sentences: list[str]) -> str:
    return surface_in_text(cm.display.get(key, key), sentences)


def make_label(
    ctx: LabelContext,
    evs: list[Event],
    sentences: list[str],
    entities: list[str],
    allowed: set[str] | None = None,
    taken: set[str] = frozenset(),
) -> tuple[str, list[str]]:
    """(label, candidate keys best first) for a theme; ``taken`` labels (lower-cased) are avoided."""
    cm = ctx.cm
    cands = ctx.candidates(evs, allowed)
    keys = [c.key for c in cands]
    every = [c.key for c in ctx.candidates(evs)] if allowed is not None else keys  # "return of <any theme phrase>"
    if not cands:
        places = [e for e in entities if cm.entity_label.get(e) in LOCATION_LABELS and e not in cm.hubs]
        text = f"Developments in {places[0]}" if places else OTHER_LABEL
        return _unique(text, taken), keys
    theme_docs = {ctx.doc_of.get(c.doc_id, c.doc_id) for e in evs for c in e.mentions}
    tries = 0
    text = OTHER_LABEL
    for start in range(len(cands)):
        if tries >= 3:
            break
        main = cands[start]
        if " " not in main.key and not main.headline:
            # a bare word reads better in its most used longer form ("gauge" -> "flow gauge"); with no
            # longer form, a word of one document does not name a theme spanning several
            longer = [c for c in cands if main.key in c.key.split(" ") and " " in c.key and c.key.split(" ")[-1] not in ABSTRACT_HEADS]
            if longer:
                main = Candidate(longer[0].key, main.score, longer[0].tokens, max(main.docs, longer[0].docs))
            elif (
                len(theme_docs) > 1
                and main.docs < 2
                and any(" " in c.key for c in cands[start + 1 :])
                and " " not in _expand_of(main.key, main.key, every, sentences)
            ):
                continue
        tries += 1
        if main.headline:
            text = _headline_surface(main.surface)
        else:
            text = _display(main.key, cm, sentences)
            text = _expand_of(text, main.key, every, sentences)
        used = set(main.tokens) | set(content_tokens(normalise(text) or main.key))
        second = next(
            (
                c
                for c in cands[start + 1 : start + 6]
                if c.plain >= SECOND_MIN * main.plain
                and not c.headline
                and not (c.tokens & used)
                and c.tokens
                and " " in c.key
                and ((c.docs >= 2 and main.docs >= 2) or len(theme_docs) < 2)
                and c.key.split(" ")[-1] not in ABSTRACT_HEADS
            ),
            None,
        )
        if second is not None:
            extra = _display(second.key, cm, sentences)
            if len(text.split()) + len(extra.split()) + 1 <= MAX_WORDS - 1:
                text = f"{text} and {extra}"
        place = ctx.place(evs, main)
        if place and place.lower() not in text.lower() and len(text.split()) + len(place.split()) + 1 <= MAX_WORDS:
            text = f"{text} in {place}"
        text = text[0].upper() + text[1:]
        if text.lower() not in taken:
            return text, keys
    return _unique(text, taken), keys


def _unique(text: str, taken: set[str]) -> str:
    if text.lower() not in taken:
        return text
    k = 2
    while f"{text} ({k})".lower() in taken:
        k += 1
    return f"{text} ({k})"

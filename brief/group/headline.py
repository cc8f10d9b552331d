"""A headline cut to its core clause: who did what to what (or where).

Editors name a story in its headline ("X suspends grain deal after attack on Y");
the core clause -- the subject's noun phrase, the verb and its object, or a place
when the verb has none -- is the part that names the development, the rest
(reasons, second clauses, quotes) is context.  The cut works on spaCy's
dependency parse of the headline; which relations are kept is language data
(``lexicon/en/headline_clause.json``).

:func:`core_clauses` gives the clause and, where some of its modifiers are words the
whole corpus uses (the main actors, the subject of every story), the clause without
them: such words name no single story.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from brief import lexicon

MAX_WORDS = 6


@lru_cache(maxsize=1)
def _rules() -> dict:
    rules = dict(lexicon.data("headline_clause"))
    rules["speech_verbs"] = lexicon.words("reporting_verbs")
    return {k: (frozenset(v) if isinstance(v, list) else v) for k, v in rules.items() if k != "#"}


def _noun_phrase(head, drop: Callable[[str], bool], with_of: bool) -> list:
    """Tokens of the noun phrase headed by ``head``: its left modifiers (recursively), the head,
    a one-word apposed name, and (``with_of``) an "of" complement."""
    rules = _rules()
    out = []

    def left(tok) -> None:
        for c in tok.lefts:
            if c.dep_ in rules["noun_modifiers"] and not c.is_punct:
                left(c)
                if not drop(c.text.lower()):
                    out.append(c)

    if (head.like_num or head.ent_type_ in rules["quantity_entities"]) and any(c.lower_ == "of" for c in head.rights):
        # "thousands of farming families": the families are the noun phrase
        of = next(c for c in head.rights if c.lower_ == "of")
        objs = [g for g in of.children if g.dep_ == "pobj"]
        if objs:
            return _noun_phrase(objs[0], drop, with_of)
    left(head)
    out.append(head)
    for c in head.rights:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and not list(c.children):
            out.append(c)
        elif with_of and c.dep_ == "cc" and any(g.dep_ == "conj" for g in head.rights):
            # "A and B agree": a one-word partner is part of the subject
            conj = next(g for g in head.rights if g.dep_ == "conj")
            if not list(conj.children) and conj.pos_ == head.pos_:
                out += [c, conj]
        elif with_of and c.dep_ == "prep" and c.lower_ == "of":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                out.append(c)
                out += _noun_phrase(objs[0], drop, False)
    return out


def _clause_verb(root):
    """The verb whose clause the headline states, or None for a nominal headline."""
    rules = _rules()
    verb = root if root.pos_ in ("VERB", "AUX") else None
    if verb is None:
        verb = next((c for c in root.children if c.dep_ == "acl" and c.pos_ == "VERB"), None)
    if verb is not None and verb.lemma_.lower() in rules["speech_verbs"]:
        # "X tells Y Z found ...": the reported clause is the story
        verb = next((c for c in verb.children if c.dep_ in rules["reported_clauses"] and c.pos_ in ("VERB", "AUX")), verb)
    return verb


def _clause(root, drop: Callable[[str], bool], with_of: bool, with_place: bool) -> list:
    rules = _rules()
    verb = _clause_verb(root)
    if verb is None:
        return []  # a nominal headline: its noun chunks are label candidates already
    if verb.lemma_.lower() in rules["speech_verbs"]:
        return []  # "X says": who spoke is not what happened
    subj = next((c for c in verb.children if c.dep_ in rules["clause_subjects"]), None)
    if subj is None and verb.dep_ == "acl":
        subj = verb.head
    obj = next((c for c in verb.children if c.dep_ in rules["clause_objects"]), None)
    if subj is None:
        # no one does it ("found remains of ..."): the thing itself names the story
        return _noun_phrase(obj, drop, with_of) if obj is not None else []
    toks = list(_noun_phrase(subj, drop, with_of))
    rest = [verb] + [c for c in verb.children if c.dep_ in rules["verb_particles"]]
    if obj is not None:
        rest += _noun_phrase(obj, drop, with_of)
    elif with_place:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in rules["place_prepositions"]:
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    rest += [c] + _noun_phrase(objs[0], drop, False)
                    break
    if verb.dep_ == "acl" and len(rest) == 1 and verb.tag_ != "VBN":
        return toks  # "mines floating": the noun phrase says it
    return toks + rest


def _first_clause(root):
    """The clause read first: a headline "A does X, B does Y" is parsed with B's verb as root."""
    earlier = [c for c in root.children if c.dep_ in ("ccomp", "conj", "parataxis") and c.pos_ == "VERB" and c.i < root.i]
    return min(earlier, key=lambda t: t.i) if earlier else root


def _text(toks: list) -> str:
    toks = sorted(set(toks), key=lambda t: t.i)
    out = []
    for k, t in enumerate(toks):
        out.append(t.text)
        joined = k + 1 < len(toks) and toks[k + 1].i == t.i + 1 and not t.whitespace_
        if not joined and k + 1 < len(toks):
            out.append(" ")
    return "".join(out).strip(" -–—:,;'‘’\"“”")


def core_clauses(parsed, is_common: Callable[[str], bool]) -> list[str]:
    """Core clauses of a parsed headline (a spaCy ``Doc``), fullest first, each at most
    :data:`MAX_WORDS` words; ``is_common(word)`` marks words the whole corpus uses."""
    roots = [t for t in parsed if t.dep_ == "ROOT"]
    if not roots:
        return []
    # a headline of two sentences ("A happens; B follows"): the first one names the story
    root = _first_clause(roots[0])
    out: list[str] = []
    for drop in (lambda w: False, is_common):
        for with_of, with_place in ((True, True), (False, True), (False, False)):
            text = _text(_clause(root, drop, with_of, with_place))
            if text and len(text.split()) <= MAX_WORDS and text not in out:
                out.append(text)
    return out


__all__ = ["core_clauses", "MAX_WORDS"]

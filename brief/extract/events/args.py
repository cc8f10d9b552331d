"""The participants of an event: who can be a doer, and what a noun phrase of the parse stands for
(an entity id, the pair named just before, or a compact phrase)."""

from __future__ import annotations

from brief.extract.entities import ENTITY_LABELS, is_title_only, is_title_token
from brief.extract.events.context import ArgValue, Context, capitalised_common_word, ent_value
from brief.extract.events.vocab import (AGENT_NOUNS, AGENT_SUFFIX, ANAPHORIC_SOURCES, COLLECTIVE_NOUNS, GROUP_NOUNS,
                                        LEADING_ARTICLE, NON_AGENT_SUFFIXES, NON_TARGET_NOUNS, NOT_AGENT_ER,
                                        OWNER_PRONOUNS, PAIR_DETERMINERS, PAIR_NOUNS, PRONOUNS_PERSON, QUANTITY_NOUNS,
                                        RELATIVE_PRONOUNS, RELATIVE_WORDS, ROLE_HEADS, VAGUE_SOURCE_HEADS,
                                        VAGUE_SOURCE_WORDS)

_QUOTES = " ,;:'‘’"


def _agentive_word(tok) -> bool:
    lower, lemma = tok.lower_, tok.lemma_.lower()
    if lower in AGENT_NOUNS or lemma in AGENT_NOUNS:
        return True
    if lemma in NOT_AGENT_ER or lower in NOT_AGENT_ER or lemma in QUANTITY_NOUNS:
        return False
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return bool(AGENT_SUFFIX.search(lemma)) and not lemma.endswith(NON_AGENT_SUFFIXES)


def _generic(h) -> bool:
    """ "too many people": a generic complaint, not a doer."""
    return any(t.lower_ == "too" for c in h.lefts for t in c.subtree)


def agentive(h, ctx: Context | None = None) -> bool:
    """Can this noun head be the doer of an event: a person, group, organisation or force?

    Names are decided elsewhere; this is for common noun phrases.  Counts ("the number of ..."),
    generic quantities ("too many people"), things owned by "its"/"their" ("its reservoir"),
    abstract and event nouns ("tension", "outbreak", "shooting") and materials ("supplies") are not.
    """
    if h.pos_ in ("NUM",):
        return False
    lower, lemma = h.lower_, h.lemma_.lower()
    if lemma in QUANTITY_NOUNS or lower in QUANTITY_NOUNS:
        return False
    if _generic(h):
        return False
    if lower in COLLECTIVE_NOUNS or lemma in COLLECTIVE_NOUNS or h.like_num:
        for c in h.rights:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return agentive(p, ctx) or (ctx is not None and ctx.ent_at.get(p.i) is not None
                                                    and ctx.ent_at[p.i].label_ in ("NORP", "ORG", "GPE", "PERSON"))
        return False
    if not _agentive_word(h):
        return False
    # "the sides" with no "two"/"both" (handled as a pair before) is nobody in particular
    if lower in ("sides", "side") and not any(c.dep_ in ("poss", "amod", "compound") for c in h.lefts):
        return False
    return True


def actor_kind(h, ctx: Context | None = None) -> str:
    """ "agent" (a doer), "theme" (a thing that something happens to: "the shooting began", "the toll rose")
    or "none" (generic quantities, things owned by "its": never worth showing as who did it)."""
    if agentive(h, ctx):
        return "agent"
    lower, lemma = h.lower_, h.lemma_.lower()
    if h.pos_ == "NUM" or h.like_num:
        return "none"
    if lower in COLLECTIVE_NOUNS or lemma in COLLECTIVE_NOUNS:
        return "none"
    if _generic(h):
        return "none"
    if any(c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ in OWNER_PRONOUNS for c in h.lefts):
        return "none"
    return "theme"


def clean_phrase(text: str) -> str:
    return LEADING_ARTICLE.sub("", " ".join(text.split()).strip(_QUOTES + '"“”'))


def _compact_phrase(tok) -> str:
    keep = [tok]
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "poss", "nummod", "quantmod", "case", "npadvmod", "advmod") or (
            c.dep_ == "det" and c.lower_ == "no"
        ):
            keep.extend(c.subtree)
    for c in tok.rights:
        if c.dep_ == "prt":
            keep.append(c)
        if c.dep_ == "prep" and c.lower_ == "of":
            sub = list(c.subtree)
            if len(sub) <= 5 and not any(t.pos_ == "VERB" for t in sub):
                keep.extend(sub)
    lo = min(t.i for t in keep)
    hi = max(t.i for t in keep)
    span = tok.doc[lo : hi + 1]
    text = " ".join(span.text.replace("“", "").replace("”", "").replace('"', "").split()).strip(_QUOTES)
    text = LEADING_ARTICLE.sub("", text)
    if text and span[0].is_sent_start and span[0].pos_ != "PROPN" and not span[0].ent_type_ and not text[:2].isupper():
        text = text[0].lower() + text[1:]
    return text


def _conjoined_heads(tok, ctx: Context) -> list:
    heads = [tok]
    stack = [tok]
    while stack:
        h = stack.pop()
        for c in h.children:
            if not ctx.inside(c):
                continue
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X"):
                heads.append(c)
                stack.append(c)
            elif c.dep_ == "nmod" and c.ent_type_ == "PERSON":  # "Netanyahu, Gantz and Ashkenazi" misparsed
                heads.append(c)
                stack.append(c)
    return heads


def arg_values(tok, ctx: Context, *, role: str) -> list[ArgValue]:
    out: list[ArgValue] = []
    for h in _conjoined_heads(tok, ctx):
        if h.pos_ in ("VERB", "AUX") or h.lower_ in NON_TARGET_NOUNS:
            continue
        if _is_pair_reference(h):
            pair = _pair_of(h, ctx)
            if pair:
                out.extend(ArgValue(x, x) for x in pair if all(x != o.text for o in out))
                continue
        v = _value(h, ctx, role=role)
        if v is not None and all(v.text != o.text for o in out):
            out.append(v)
    if any(o.entity for o in out):  # "Putin's special envoy, Alexander Lavrentiev": the name, not the role
        out = [o for o in out if o.entity or not _role_phrase(o.text)]
    return out


def _pair_of(h, ctx: Context) -> list | None:
    definite = any(c.lower_ in PAIR_DETERMINERS for c in h.lefts)
    nation = _pair_nation(h, ctx)
    if nation and definite:  # "the two Russian officials": the latest pair named with that country, however far back
        return next((p for sent, p, countries in reversed(ctx.pairs)
                     if nation in countries and ctx.sent - sent <= 30), None)
    if ctx.last_pair and ctx.sent - ctx.last_pair_sent <= 1:
        return ctx.last_pair
    return None


def _is_pair_reference(h) -> bool:
    """ "the two leaders", "the two", "both sides": the two participants named just before."""
    if h.lower_ == "two" and h.pos_ == "NUM" and any(c.lower_ == "the" for c in h.children):
        return True
    if h.lower_ in PAIR_NOUNS or h.lemma_.lower() in PAIR_NOUNS:
        return any(c.lower_ in ("two", "both") and c.dep_ in ("nummod", "det", "predet") for c in h.children)
    return False


def note_named_pairs(span, ctx: Context, ents=None) -> None:
    """Remember "<title> X and <title> Y" (two people named together) with the countries named in that
    phrase, for a later "the two <demonym> officials" of the same document."""
    people = [e for e in (span.ents if ents is None else ents) if e.label_ == "PERSON" and ctx.inside(e[0])]
    doc = span.doc
    for a, b in zip(people, people[1:]):
        between = doc[a.end : b.start]
        if len(between) > 8 or not any(t.lower_ == "and" for t in between) or any(t.pos_ in ("VERB", "AUX") for t in between):
            continue
        lo = a.start
        while lo > span.start and a.start - lo < 8:
            t = doc[lo - 1]
            if t.pos_ in ("VERB", "AUX") or t.ent_type_ == "PERSON" or t.text in (".", ";", ":", "—", "–"):
                break
            lo -= 1
        ids = [ent_value(a, ctx), ent_value(b, ctx)]
        if not all(ids) or ids[0] == ids[1]:
            continue
        countries = {c for t in doc[lo : b.end] if t.ent_type_ in ("NORP", "GPE") for c in [ctx.country(t)] if c}
        ctx.pairs.append((ctx.sent, ids, countries))


def _pair_nation(h, ctx: Context) -> str | None:
    """The country of a demonym in a pair reference ("the two Russian envoys" -> Russia)."""
    for c in h.lefts:
        if c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ in ("NORP", "GPE") or c.pos_ in ("ADJ", "PROPN")):
            country = ctx.resolver.country_of(c.text)
            if country:
                return country
    return None


def _role_phrase(text: str) -> bool:
    head = text.split(" of ")[0].split()[-1].lower() if text.split() else ""
    return head in ROLE_HEADS


def _named_value(h, ctx: Context, role: str) -> ArgValue | None:
    """The entity a noun head names: its own name, a name in apposition, or the country of a group noun."""
    ent = ctx.ent_at.get(h.i)
    if ent is not None and ent.label_ in ENTITY_LABELS and not capitalised_common_word(ent):
        eid = ent_value(ent, ctx)
        if eid:
            return ArgValue(eid, eid)
    for c in h.children:
        if c.dep_ == "appos":
            e2 = ctx.ent_at.get(c.i)
            if e2 is not None and e2.label_ == "PERSON":
                eid = ent_value(e2, ctx)
                if eid:
                    return ArgValue(eid, eid)
    if (h.lemma_.lower() in GROUP_NOUNS or h.lower_ in GROUP_NOUNS) and role == "actor":
        for c in h.lefts:  # "Russian forces", "Israel's military": the country acts
            e2 = ctx.ent_at.get(c.i)
            if e2 is not None and c.dep_ in ("amod", "compound", "poss", "nmod") and ctx.resolver.country_of(e2.text):
                eid = ent_value(e2, ctx)
                if eid:
                    return ArgValue(eid, eid)
            if e2 is not None and c.dep_ in ("poss", "compound") and e2.label_ in ("GPE",):
                eid = ent_value(e2, ctx)
                if eid:
                    return ArgValue(eid, eid)
    return None


def _value(h, ctx: Context, *, role: str) -> ArgValue | None:
    if h.pos_ == "PRON" or h.lower_ in RELATIVE_PRONOUNS:
        if h.lower_ in PRONOUNS_PERSON and ctx.last_person and ctx.sent - ctx.last_person_sent <= 1:
            return ArgValue(ctx.last_person, ctx.last_person)
        return None
    named = _named_value(h, ctx, role)
    if named is not None:
        return named
    if h.pos_ in ("NUM", "DET") or h.like_num:
        return None
    if h.pos_ == "PROPN" and h.ent_type_ == "":
        # a name the tagger missed ("Special Envoy Helena Marsh"): known names still resolve
        names = [t for t in h.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [h]
        guess = " ".join(t.text for t in names)
        eid = ctx.resolver.resolve(ctx.doc_id, guess, "PERSON") or ctx.resolver.resolve(ctx.doc_id, guess, "ORG")
        if eid and eid in ctx.resolver.entities:
            return ArgValue(eid, eid)
    text = _compact_phrase(h)
    if not text or not any(ch.isalpha() for ch in text) or is_title_only(text):
        return None
    if RELATIVE_WORDS.search(text):
        return None
    return ArgValue(text, kind=actor_kind(h, ctx) if role == "actor" else "agent")


def _title_like(tok, ent) -> bool:
    """The speaker phrase is a title + name ("Maj. Gen. (res.) Amir Eshel"), not "X's office"."""
    words = [t for t in tok.subtree if not (ent.start <= t.i < ent.end) and not t.is_punct]
    return all(is_title_token(t.text) or t.text == "res" or t.ent_type_ in ("NORP", "GPE") or t.pos_ == "DET"
               for t in words)


def _named_speaker(tok, ctx: Context) -> str | None:
    for c in tok.children:
        e2 = ctx.ent_at.get(c.i)
        if c.dep_ == "appos" and e2 is not None and e2.label_ in ENTITY_LABELS:
            eid = ent_value(e2, ctx)
            if eid:
                return eid
    for t in tok.subtree:
        e2 = ctx.ent_at.get(t.i)
        if e2 is not None and e2.label_ == "PERSON" and ctx.inside(t) and t.i == e2.root.i:
            eid = ent_value(e2, ctx)
            if eid and _title_like(tok, e2):
                return eid
    return None


def attribution_text(tok, ctx: Context) -> tuple[str | None, bool]:
    """Speaker of a reporting verb or the object of "according to"; (text, speculative-source)."""
    if tok.pos_ == "PRON" and tok.lower_ in ANAPHORIC_SOURCES and ctx.last_attribution:
        return ctx.last_attribution, False
    ent = ctx.ent_at.get(tok.i)
    vals = arg_values(tok, ctx, role="actor")
    if ent is None or ent.label_ != "PERSON":
        named = _named_speaker(tok, ctx)
        if named:
            return named, False
        if tok.pos_ != "PRON":
            sub = [t for t in tok.subtree if ctx.inside(t) and t.dep_ not in ("relcl",)]
            if 0 < len(sub) <= 9 and not any(t.dep_ == "relcl" for t in tok.children):
                text = clean_phrase(tok.doc[sub[0].i : sub[-1].i + 1].text)
                vals = [ArgValue(text)] if text else vals
    if not vals:
        return None, False
    text = ", ".join(v.text for v in vals)
    vague = tok.lemma_.lower() in VAGUE_SOURCE_HEADS or any(c.lemma_.lower() in VAGUE_SOURCE_WORDS for c in tok.subtree)
    return text, vague

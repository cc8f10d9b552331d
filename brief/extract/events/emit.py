"""One event from one verb: its participants, places, flags, action words and date."""

from __future__ import annotations

import re

from brief.extract.dates import normalize_date
from brief.extract.events.args import arg_values
from brief.extract.events.context import ArgValue, Context, Frame, places
from brief.extract.events.timing import habitual, happening, looks_ahead
from brief.extract.events.vocab import (COMITATIVE_VERBS, FUTURE_MODALITIES, HEDGE_WORDS, INSTRUMENT_PREPS,
                                        LIGHT_NOUN_PREPS, LIGHT_NOUNS, LOC_PREPS, MODAL_AUX, NON_TARGET_NOUNS,
                                        NON_TARGET_PREPS, PLANNING_VERBS, SKIP_LEMMAS, TARGET_PREPS)
from brief.model import Citation, Event

_LEMMA_OK = re.compile(r"^[a-z][a-z\- ]*$")
NON_TARGET_POBJ = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"}
OBJECT_DEPS = ("dobj", "dative", "oprd", "obj", "iobj")


def subjects(verb):
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    pas = [c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")]
    agents = [x for c in verb.children if c.dep_ == "agent" for x in c.children if x.dep_ == "pobj"]
    return subj, pas, agents


def has_subject(verb) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl") for c in verb.children)


class _Args:
    """The participants being gathered for one event."""

    def __init__(self, verb, ctx: Context, extra_tokens):
        self.verb, self.ctx = verb, ctx
        self.chain = [verb, *extra_tokens]
        self.words = [verb]  # the tokens that spell the action
        self.actors: list[ArgValue] = []
        self.targets: list[ArgValue] = []
        self.locations: list[str] = []
        self.objects: list = []
        self.preps: list = []
        self.light = None

    def add(self, toks, role: str) -> None:
        out = self.actors if role == "actor" else self.targets
        for t in toks:
            out += arg_values(t, self.ctx, role=role)


def _subjects_of(a: _Args, frame: Frame):
    subj, pas, agents = (list(filter(a.ctx.inside, xs)) for xs in subjects(a.verb))
    if subj:
        a.add(subj, "actor")
    elif agents:
        a.add(agents, "actor")
    elif frame.subject and not pas:
        a.add(frame.subject, "target" if frame.subject_passive else "actor")
    a.add(pas, "target")
    if subj and agents:
        a.add(agents, "actor")
    return subj, pas, agents


def _objects_of(a: _Args) -> None:
    for v in a.chain:
        for c in v.children:
            if not a.ctx.inside(c):
                continue
            if c.dep_ in OBJECT_DEPS:
                a.objects.append(c)
            elif c.dep_ == "prt":
                a.words.append(c)
    for v in a.chain:
        a.preps += [c for c in v.children if c.dep_ == "prep" and a.ctx.inside(c)]
    for o in a.objects:
        if o.lemma_.lower() in LIGHT_NOUNS or o.lower_ in LIGHT_NOUNS:  # "talks with X", "a deal on Y"
            a.preps += [c for c in o.children if c.dep_ == "prep" and c.lower_ in LIGHT_NOUN_PREPS]
        if o._.brief_light_verb == a.verb.i and a.light is None:  # "held talks": the talks are the event
            a.light = o
            continue
        a.add([o], "target")


def _prep_objects(a: _Args) -> None:
    ctx, verb = a.ctx, a.verb
    for p in a.preps:
        pl = p.lower_
        if pl in INSTRUMENT_PREPS and any(c.dep_ == "pobj" and c.lower_ in NON_TARGET_NOUNS for c in p.children):
            pl = "on"  # "by telephone with X": handled like "on the phone with X"
        if pl in NON_TARGET_PREPS:
            continue
        for pobj in (c for c in p.children if c.dep_ == "pobj"):
            ent = ctx.ent_at.get(pobj.i)
            if ent is not None and ent.label_ in NON_TARGET_POBJ:
                continue
            if pobj.lower_ in NON_TARGET_NOUNS:  # "spoke by telephone with X"
                a.add([o2 for c2 in pobj.children if c2.dep_ == "prep" and c2.lower_ == "with" and ctx.inside(c2)
                       for o2 in c2.children if o2.dep_ == "pobj"], "target")
                continue
            if pl in LOC_PREPS:
                found = places(pobj, ctx)
                if found:
                    a.locations += found
                    continue
            if pl in TARGET_PREPS:
                if pl == "with" and verb.lemma_.lower() in COMITATIVE_VERBS and verb.i + 1 == p.i:
                    a.words.append(p)
                a.add([pobj], "target")


def _doers_only(a: _Args, dates) -> None:
    """Only doers are actors: a thing a happening happens to ("the shooting began", "supplies are running
    out") becomes its target when the verb has no object and tells a happening (not a present-tense state
    or generic truth: "cholera thrives where ..."); counts and "its X" are dropped.  Nothing repeats."""
    themes = [x for x in a.actors if x.kind == "theme"]
    a.actors = [x for x in a.actors if x.kind == "agent"]
    if themes and not any(o.dep_ in ("dobj", "obj") for o in a.objects) and happening(a.verb, a.chain, dates):
        a.targets = themes + a.targets
    seen: set[str] = set()
    a.actors = [x for x in a.actors if not (x.text in seen or seen.add(x.text))]
    a.targets = [t for t in a.targets if not (t.text in seen or seen.add(t.text))]


def _flags(a: _Args, frame: Frame, subject_toks) -> tuple[bool, bool, str | None]:
    negated, hedged, modality = frame.negated, frame.hedged, frame.modality
    for v in a.chain:
        for c in v.children:
            if c.dep_ == "neg" or c.lower_ == "never":
                negated = not negated if c.dep_ == "neg" and frame.negated else True
            if c.dep_ == "advmod" and c.lower_ in HEDGE_WORDS:
                hedged = True
            if c.dep_ == "aux" and c.lower_ in MODAL_AUX:
                m = MODAL_AUX[c.lower_]
                if m:
                    modality = modality or m
                if m == "possible":
                    hedged = True
    if any(c.dep_ == "det" and c.lower_ == "no" for s in subject_toks for c in s.children):
        negated = True
    return negated, hedged, modality


def _action(a: _Args, lemma: str, extra_tokens) -> tuple[str, str]:
    action = lemma
    prts = [w for w in a.words if w.dep_ == "prt"]
    if prts:
        action = f"{lemma} {' '.join(p.lower_ for p in prts)}"
    if a.light is not None:
        action = f"{lemma} {a.light.lower_}"
        a.words.append(a.light)
    for v in extra_tokens:
        if v.pos_ == "VERB" and v.dep_ == "xcomp":
            action = f"{action} to {v.lemma_.lower()}"
    surface = set(a.words) | set(a.chain) | {c for c in a.verb.children if c.dep_ in ("aux", "auxpass", "neg")}
    surface |= {c for v in extra_tokens for c in v.children if c.dep_ == "aux" and c.lower_ == "to"}
    return action, " ".join(t.text for t in sorted(surface))


def _date(a: _Args, lemma: str, modality, frame: Frame, dates) -> tuple:
    date_text, start, end = None, None, None
    verb_set = {v.i for v in a.chain}
    future = modality in FUTURE_MODALITIES or lemma in PLANNING_VERBS
    for gov, txt, _ent in dates:
        if gov is not None and gov.i in verb_set:
            dv = normalize_date(txt, a.ctx.published, future=looks_ahead(gov, future))
            if date_text is None or (start is None and dv.start is not None):
                date_text, start, end = txt, dv.start, dv.end
    if date_text is None and frame.date is not None:
        date_text, start, end = frame.date
    if start is not None and any(habitual(v) for v in a.chain):
        start = end = None  # "usually peaks in April": a pattern, not a dated happening
    return date_text, start, end


def _remember(a: _Args, subj, agents) -> None:
    """The people and pairs an event names, for pronouns and "the two leaders" in the next sentences."""
    ctx = a.ctx
    for x in a.actors:
        if x.entity and ctx.is_person(x.entity):
            ctx.last_person, ctx.last_person_sent = x.entity, ctx.sent
    named = list(dict.fromkeys(v.entity for v in a.actors + a.targets if v.entity))
    if len(named) == 2:
        ctx.last_pair, ctx.last_pair_sent = named, ctx.sent
    people = list(dict.fromkeys(x.entity for x in a.actors if x.entity and ctx.is_person(x.entity)))
    if len(people) == 2:
        countries = {c for s in subj or agents for t in s.subtree
                     if t.ent_type_ in ("NORP", "GPE") and ctx.inside(t) for c in [ctx.country(t)] if c}
        ctx.pairs.append((ctx.sent, people, countries))


def emit(verb, frame: Frame, ctx: Context, dates, sent_index: int, extra_tokens=()) -> Event | None:
    """The event ``verb`` tells (with the subject-less complements ``extra_tokens`` folded in), or None."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma in SKIP_LEMMAS or not _LEMMA_OK.match(lemma):
        return None
    a = _Args(verb, ctx, extra_tokens)
    subj, pas, agents = _subjects_of(a, frame)
    _objects_of(a)
    _prep_objects(a)
    _doers_only(a, dates)
    if not a.actors and not a.targets:
        return None
    negated, hedged, modality = _flags(a, frame, subj + pas)
    action, action_text = _action(a, lemma, extra_tokens)
    date_text, start, end = _date(a, lemma, modality, frame, dates)
    parts = {x.text for x in a.actors} | {t.text for t in a.targets}
    ev = Event(id="", action=action, actors=[x.text for x in a.actors], targets=[t.text for t in a.targets],
               locations=[x for x in dict.fromkeys(a.locations) if x not in parts], action_text=action_text,
               date=start, date_end=end, date_text=date_text, attribution=frame.attribution, negated=negated,
               hedged=hedged, modality=modality, mentions=[Citation(ctx.doc_id, sent_index)])
    _remember(a, subj, agents)
    return ev

"""When an event happened: the time expressions of a sentence, the verb each dates, and whether a verb's
tense looks ahead of the report, holds at its time, or tells a habit rather than a dated happening."""

from __future__ import annotations

import re

from brief.extract.dates import normalize_date
from brief.extract.events.context import Context
from brief.extract.events.vocab import (AGE, BARE_PERIOD, BOUNDARY_PREPS, DISTRIBUTIVES, DURATION, DURATION_ANCHORED,
                                        FUTURE_AUX, HABITUAL_ADVERBS, MONTH_NAME, NOT_SIMULTANEOUS_AUX, PERFECT_AUX,
                                        PERIOD_NOUNS, PRESENT_BE, PROGRESSIVE_BE, RETROSPECTIVE_MATRIX, TEMPORAL_PREPS,
                                        WEEKDAY)


def _temporal_path(tok) -> bool:
    h = tok
    for _ in range(8):
        if h.head.i == h.i:
            return False
        if h.dep_ not in ("compound", "amod", "nmod", "poss", "pobj", "prep", "npadvmod"):
            return False
        if h.dep_ == "prep" and h.head.pos_ in ("VERB", "AUX"):
            return h.lower_ in TEMPORAL_PREPS
        if h.dep_ == "npadvmod" and h.head.pos_ in ("VERB", "AUX"):
            return True
        h = h.head
    return False


def _dates_nothing(ent, txt: str) -> bool:
    """A time expression that is no date of an event: a duration, an age, a bare "the day", "every year"."""
    if ent.label_ == "TIME" and not WEEKDAY.search(txt):
        return True
    if DURATION.match(txt) and not DURATION_ANCHORED.search(txt):
        return True
    if AGE.fullmatch(txt) or BARE_PERIOD.fullmatch(txt):
        return True
    return False


def _governor(ent, txt: str):
    """The verb a time expression hangs from, and the text with its preposition ("since", "in", "on")."""
    h = ent.root
    prep = None
    while h.head.i != h.i:
        if h.dep_ == "pobj" and h.head.dep_ == "prep":
            prep = h.head.lower_
        h = h.head
        if h.pos_ in ("VERB", "AUX"):
            break
    if prep in BOUNDARY_PREPS and not txt.lower().startswith(prep):
        txt = f"{prep} {txt}"
    elif prep in ("in", "on") and not re.match(r"(?:in|on)\b", txt, re.I):
        txt = f"{prep} {txt}"
    return (h if h.pos_ in ("VERB", "AUX") else None), txt


def date_exprs(span, ctx: Context, ents=None):
    """DATE (and weekday TIME) entities of the sentence with the verb each hangs from."""
    out = []
    for ent in (span.ents if ents is None else ents):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        txt = ent.text.strip()
        if _dates_nothing(ent, txt):
            continue
        if not MONTH_NAME.search(txt):
            txt = re.sub(r"\s+\d{1,3}$", "", txt)  # "that month 14" (a count glued to the date)
        if ent[0].pos_ == "VERB" or txt.lower().startswith("every ") or (len(ent) == 1 and ent[0].pos_ == "ADJ"):
            continue
        if ent.root.dep_ in ("compound", "amod", "nmod", "poss") and ent.root.head.pos_ in ("NOUN", "PROPN"):
            # "an inquiry into the March 8 shooting": the date of a noun, not of the verb -- unless the noun
            # is itself the verb's time ("on the eve of the April 2019 election")
            if not _temporal_path(ent.root):
                continue
        gov, txt = _governor(ent, txt)
        out.append((gov, txt, ent))
    return out


def own_date(verb, dates, ctx: Context):
    """(text, start, end) of the first time expression hanging from ``verb``, else None."""
    for gov, txt, _ent in dates:
        if gov is not None and gov.i == verb.i:
            dv = normalize_date(txt, ctx.published, future=looks_ahead(verb, False))
            return (txt, dv.start, dv.end)
    return None


def looks_ahead(gov, modal_future: bool) -> bool:
    """Whether a time expression hanging from ``gov`` points ahead of the report (the next Thursday, not the last).

    Decided by the verb's own tense and auxiliaries: a past or perfect form looks back ("met on Thursday",
    "had agreed on Monday"); "will/shall/'ll", "would" (reported future; not "would have"), a present
    progressive ("are meeting on Friday") and a to-infinitive under a verb of intention, agreement,
    expectation or order ("agreed to meet again on Saturday", "is due to sail on Friday", "asked them to
    attend on Monday") look ahead; otherwise the clause's modality decides (``modal_future``).
    """
    auxes = [c for c in gov.children if c.dep_ in ("aux", "auxpass")]
    lows = {c.lower_ for c in auxes}
    if lows & PERFECT_AUX:
        return bool(lows & FUTURE_AUX)  # "will have finished by Friday" looks ahead; "had met" does not
    if lows & FUTURE_AUX or "would" in lows or "'d" in lows and gov.tag_ == "VB":
        return True
    if gov.tag_ == "VBD":
        return False
    if gov.tag_ == "VBG" and lows & PRESENT_BE:
        return True
    if "to" in lows and gov.dep_ in ("xcomp", "ccomp", "advcl"):
        return gov.head.lemma_.lower() not in RETROSPECTIVE_MATRIX
    return modal_future


def simultaneous(verb) -> bool:
    """A reported clause in the progressive or the present ("were waiting", "is ready", "remain shut"): it holds
    at the time of the report, unlike a past or perfect clause ("had agreed", "detained") that may lie before it."""
    lows = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if lows & NOT_SIMULTANEOUS_AUX:
        return False
    if verb.tag_ == "VBG" and lows & PROGRESSIVE_BE:
        return True
    return verb.tag_ in ("VBZ", "VBP") and not lows


def habitual(verb) -> bool:
    """A generic or habitual statement ("usually peaks in April", "floods every spring", "tends to")."""
    for c in verb.children:
        if c.dep_ in ("advmod", "npadvmod") and c.lower_ in HABITUAL_ADVERBS:
            return True
        if c.dep_ in ("npadvmod", "prep", "advmod", "obl"):
            for t in c.subtree:
                if t.lower_ in DISTRIBUTIVES and t.head.lemma_.lower() in PERIOD_NOUNS:
                    return True
    if verb.head.i != verb.i and verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "tend":
        return True
    return False


def happening(verb, chain, dates) -> bool:
    """The verb tells something that happened or will happen, not a standing state or a general truth."""
    if any(gov is not None and gov.i in {v.i for v in chain} for gov, _t, _e in dates):
        return True
    if verb.tag_ in ("VBD", "VBN"):
        return True
    return any(c.dep_ in ("aux", "auxpass") for v in chain for c in v.children)

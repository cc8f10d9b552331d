"""Sources disagreeing on one fact: counts, amounts and the day of a happening.

Each figure is read in general form (:mod:`brief.extract.figures`): value or range,
qualifier, unit or counted-noun class, what it is about, the verb it hangs from.
Two figures are *the same fact about the same thing* when

* they measure the same dimension of the same thing (people, vessels, tonnes of corn ...),
* their verbs do not name different known predicates (killed vs injured),
* their sentences say the same thing: sentence embeddings are neighbours (cosine
  similarity, :mod:`brief.embed`), and the sentences' named entities are compatible,
* they are about the same moment (:func:`same_time`): the days their sentences name, else
  the publication dates -- a moving count told days later is an update, not a clash.

Such a pair disagrees when the two intervals of values do not meet ("more than 8,400" vs
"8,000"; "about 400" vs "403" agree).  Candidates come from blocking -- figures of one
dimension and noun class, compared in full when the block is small, else by shared entity --
and pass cheap checks (values, verbs, places, moment) before their sentences are embedded:
only those sentences are.  Within one document the same holds with a stricter similarity.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from brief.extract.assemble import assemble
from brief.extract.figures import Figure, compatible, read_figures, words_value
from brief.extract.predicates import predicate_of, speech_verbs
from brief.lexicon import data
from brief.model import Discrepancy

# sentence-embedding cosine a pair needs (model / lexical fallback), across and within documents
SIM_MODEL, SIM_LEXICAL = 0.4, 0.4
SIM_NO_SHARED_ENTITY = 0.6  # sentences naming nothing in common must say more nearly the same thing
SIM_SAME_DOC = 0.75
SAME_PREDICATE = 0.6
MAX_RATIO = 2.0  # two tellings of one figure differ by less than this factor ...
SIM_ANY_RATIO = 0.85  # ... unless the two sentences say nearly the same thing


def predicate_class(verb, noun=None) -> str:
    """The synonym class of a counting predicate, read off the parse.

    "23 people were arrested" / "police detained nineteen people" / "took 19 people into
    custody" -> "arrest"; "12 were killed" / "12 people died" / "lost their lives" -> "kill";
    "remain missing" / "are unaccounted for" -> "missing".  Unknown verbs are their own class.
    """
    d = data("predicates")
    lemma = verb.lemma_.lower()
    if lemma in d["light_verbs"]:
        for c in verb.children:
            w = c.lemma_.lower()
            if c.dep_ in ("acomp", "oprd", "xcomp", "attr", "advmod") and (predicate_of(w) or predicate_of(c.lower_)):
                return predicate_of(w) or predicate_of(c.lower_)  # type: ignore[return-value]
            if c.dep_ == "prep" and c.lower_ in ("into", "in"):  # "taken into custody"
                for g in c.children:
                    if predicate_of(g.lemma_.lower()):
                        return predicate_of(g.lemma_.lower())  # type: ignore[return-value]
            if c.dep_ == "dobj" and predicate_of(f"{lemma} {c.lemma_.lower()}"):  # "lose their lives"
                return predicate_of(f"{lemma} {c.lemma_.lower()}")  # type: ignore[return-value]
        if noun is not None and predicate_of(f"{lemma} {noun.lemma_.lower()}"):
            return predicate_of(f"{lemma} {noun.lemma_.lower()}")  # type: ignore[return-value]
    return predicate_of(lemma) or lemma


def _happening_dates(span, verb, anchor=None) -> tuple[str, ...]:
    """Date expressions in the sentence that date the happening, not the report of it.

    "...were arrested on Tuesday, a spokesman said on Wednesday" -> ("on Tuesday",): a date
    hanging from a speech verb ("said on Wednesday") dates the telling and is left out.
    """
    speech = speech_verbs()
    out = []
    for ent in getattr(span, "ents", ()):
        if ent.label_ != "DATE":
            continue
        head, hops = ent.root.head, 0
        noun_first = False
        while head.head.i != head.i and head.pos_ != "VERB" and hops < 8:
            if head.pos_ == "NOUN" and head.dep_ != "npadvmod":
                noun_first = True  # "the invasion on Feb. 24": the date of something else
            head, hops = head.head, hops + 1
        inside = anchor is not None and any(t.i == ent.root.i for t in anchor.subtree)
        if noun_first and head.i != getattr(verb, "i", -1) and not inside:
            continue  # unless it dates the very thing counted ("killed in Saturday's clash")
        if head.pos_ == "VERB" and head.lemma_.lower() in speech and (verb is None or head.i != verb.i):
            continue
        text = ent.text
        prev = span.doc[ent.start - 1] if ent.start > span.start else None
        if prev is not None and prev.lower_ in data("figures")["date_preps"]:
            text = f"{prev.text} {text}"
        out.append(re.sub(r"['’]s$", "", text))
    return tuple(out)


def _toll_figures(span, doc_id: str, sent_index: int) -> list[Figure]:
    """ "The number of people killed ... has risen to fourteen"; "the death toll stands at 30" (moving counts)."""
    lex = data("figures")
    totals, changes = set(lex["total_nouns"]), set(lex["update_verbs"]) | set(lex["total_verbs"])
    out = []
    for verb in span:
        if verb.lemma_.lower() not in changes or verb.pos_ not in ("VERB", "AUX"):
            continue
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj or subj[0].lemma_.lower() not in totals:
            continue
        nums = [x for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "at") for x in c.children
                if x.dep_ == "pobj"] + [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        nums = [n for n in nums if n.like_num]
        if not nums:
            continue
        num = nums[0]
        value = float(num.text.replace(",", "")) if num.text.replace(",", "").isdigit() else words_value(
            [t.text for t in num.subtree if t.like_num])
        if value is None:
            continue
        head = subj[0]
        participle = next((c for c in head.subtree if c.dep_ in ("acl", "relcl", "amod") and c.pos_ == "VERB"), None)
        if participle is not None:
            pred = predicate_class(participle)
        elif any(predicate_of(c.lower_) for c in head.children):  # "death toll"
            pred = next(predicate_of(c.lower_) for c in head.children if predicate_of(c.lower_))
        else:
            continue
        out.append(Figure(doc_id, sent_index, value, value, None, "=", "people", "count", "people",
                          span.doc[num.i : num.i + 1].text, pred or "", pred or "",
                          _happening_dates(span, verb, head), True, num.i))
    return out


def sentence_figures(span, doc_id: str, sent_index: int) -> list[Figure]:
    """The figures of one sentence, each with its predicate class, the dates of its happening and update cue."""
    lex = data("figures")
    low = span.text.lower()
    cue = any(re.search(rf"\b{re.escape(w)}\b", low) for w in lex["update_words"])
    out = _toll_figures(span, doc_id, sent_index)
    taken = {f.start for f in out}
    for f in _with_totals(read_figures(span, doc_id, sent_index), span.doc):
        if any(f.start <= t <= f.start + 6 for t in taken):
            continue
        verb = span.doc[f.verb_i] if f.verb_i >= 0 else None
        pred = predicate_class(verb) if verb is not None else ""
        upd = cue or (verb is not None and verb.lemma_.lower() in lex["update_verbs"])
        anchor = span.doc[f.noun_i] if f.noun_i >= 0 else None
        out.append(replace(f, predicate=pred, dates=_happening_dates(span, verb, anchor), update=upd,
                           places=_places(verb, anchor)))
    return out


def _places(*heads) -> tuple[str, ...]:
    """Named places the figure's own verb or noun is located at ("affected near Port Selva")."""
    preps = set(data("figures")["locative_preps"])
    out = []
    for h in heads:
        if h is None:
            continue
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                out += [t.text.lower() for p in c.children if p.dep_ == "pobj" for t in p.subtree
                        if t.ent_type_ in ("GPE", "LOC", "FAC")]
    return tuple(sorted(set(out)))


def _with_totals(figs: list[Figure], doc) -> list[Figure]:
    """Conjoined counts of one class become their total ("nine drones and seven boats" of one class -> 16)."""
    out: list[Figure] = []
    for f in figs:
        prev = out[-1] if out else None
        if (prev is not None and prev.dimension == f.dimension == "count" and prev.about == f.about
                and f.noun_i >= 0 and prev.noun_i >= 0 and doc[f.noun_i].dep_ == "conj"
                and doc[f.noun_i].head.i == prev.noun_i and prev.op == f.op == "="):
            text = doc[prev.start : f.noun_i + 1].text
            out[-1] = replace(prev, lo=prev.lo + f.lo, hi=prev.hi + f.hi, text=text, noun_i=f.noun_i)
            continue
        out.append(f)
    return out




def parse_number(text: str) -> float | None:
    """ "9,000" / "3 million" / "twenty-one" -> the value; None when the text is not a number."""
    t = text.lower().replace(",", "").strip()
    scales = data("figures")["scales"]
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s*([a-z]+))?", t)
    if m and (m.group(2) is None or m.group(2) in scales):
        return float(m.group(1)) * (scales[m.group(2)] if m.group(2) else 1)
    return words_value(t.replace("-", " ").split())


@lru_cache(maxsize=65536)
def fact_days(f: Figure, published: dt.date | None) -> list[tuple[dt.date, dt.date]]:
    """The days the fact's sentence ties its happening to ("on Tuesday" read against the publication date)."""
    from brief.extract.dates import normalize_date

    out = []
    for text in f.dates:
        try:
            v = normalize_date(text, published)
        except Exception:  # a date the resolver cannot read is no anchor
            continue
        if v.start is not None:
            out.append((v.start, v.end or v.start))
    return out


def same_time(a: Figure, b: Figure, pa: dt.date | None, pb: dt.date | None) -> bool:
    """Can the two figures be about the same moment?

    Both sentences dated ("on Tuesday", "Saturday's clash") -> their days must overlap.
    Otherwise the publication dates stand in: reports more than a day apart are taken
    as successive updates of a changing figure ("14 ships waiting", a week later "52"),
    unless the one dated sentence names a day the other report can still be about.
    A figure told as a moving count ("has risen to") in a later report is an update.
    With no date on either side nothing rules the pair out.
    """
    if pa and pb and pa != pb and (a.update or b.update):
        return False
    return _days_meet(a, b, pa, pb)


def relation(a: Figure, b: Figure, pa: dt.date | None, pb: dt.date | None) -> str | None:
    """ "same" (one moment: figures must agree), "update" (one dated happening, a moving count told
    later: shown as an update, never as a clash) or None (different moments)."""
    if pa and pb and pa != pb and (a.update or b.update):
        da, db = fact_days(a, pa), fact_days(b, pb)
        return "update" if da and db and _days_meet(a, b, pa, pb) else None
    return "same" if same_time(a, b, pa, pb) else None


def _days_meet(a: Figure, b: Figure, pa: dt.date | None, pb: dt.date | None) -> bool:
    da, db = fact_days(a, pa), fact_days(b, pb)
    if da and db:
        return any(s1 <= e2 and s2 <= e1 for s1, e1 in da for s2, e2 in db)
    if pa is None or pb is None:
        return True
    if abs((pa - pb).days) <= 1:
        return True
    for days, p in ((da, pb), (db, pa)):
        if days and any(s <= p and e >= p - dt.timedelta(days=2) for s, e in days):
            return True
    return False


def _same_thing(a: Figure, b: Figure) -> bool:
    if a.dimension != b.dimension:
        return False
    if a.dimension == "count":
        return a.about == b.about
    # amounts: "tonnes of corn" vs "tonnes of corn"; one side may not say of what
    return a.about == b.about or a.about == a.unit or b.about == b.unit


def _predicates_clash(a: Figure, b: Figure) -> bool:
    """ "12 killed" vs "12 injured"; "two missiles hit" vs "four missiles fired": different facts."""
    ka, kb = predicate_of(a.predicate) is not None, predicate_of(b.predicate) is not None
    if ka and kb:
        return a.predicate != b.predicate
    support = set(data("predicates")["support_verbs"])
    if a.verb and b.verb and a.verb not in support and b.verb not in support:
        return a.predicate != b.predicate and a.verb != b.verb
    return False


def _agrees_elsewhere(a: Figure, b: Figure, in_sentence) -> bool:
    """b's sentence also gives a figure of the same thing that agrees with a: that one is a's partner
    ("six protesters" vs "four officers and at least six protesters")."""
    return any(c is not b and _same_thing(a, c) and compatible(a, c) for c in in_sentence[(b.doc_id, b.sentence)])


BLOCK_ALL = 150  # a group this small is compared in full; a larger one by shared entity, in a window


def _blocked_pairs(fs: list[Figure], sentence_ents) -> set[tuple[int, int]]:
    if len(fs) <= BLOCK_ALL:
        return {(i, j) for i in range(len(fs)) for j in range(i + 1, len(fs))}
    blocks: dict[object, list[int]] = {}
    for i, f in enumerate(fs):
        for e in sentence_ents(f.doc_id, f.sentence) or {("doc", f.doc_id)}:
            blocks.setdefault(e, []).append(i)
    out: set[tuple[int, int]] = set()
    for members in blocks.values():
        for x in range(len(members)):
            for y in range(x + 1, min(len(members), x + BLOCK_ALL)):
                out.add((members[x], members[y]))
    return out


def find_discrepancies(figures: list[Figure], sentence_text, sentence_ents, published, vectors,
                       events=None) -> list[Discrepancy]:
    """Discrepancies between figures about the same fact (see the module docstring).

    ``sentence_text(doc_id, i)`` and ``sentence_ents(doc_id, i)`` (a set of entity ids) describe
    a sentence; ``published`` maps doc_id -> date or None; ``vectors`` is a
    :class:`brief.embed.SentenceVectors`, asked only for the sentences that carry a figure.
    """
    groups: dict[tuple[str, str], list[Figure]] = {}
    for f in figures:
        groups.setdefault((f.dimension, f.about if f.dimension == "count" else ""), []).append(f)
    # 1. cheap checks on blocked pairs: same thing, values that differ, same moment, compatible places
    survivors = []
    in_sentence: dict[tuple[str, int], list[Figure]] = {}
    for f in figures:
        in_sentence.setdefault((f.doc_id, f.sentence), []).append(f)
    for fs in groups.values():
        for i, j in _blocked_pairs(fs, sentence_ents):
            a, b = fs[i], fs[j]
            if _agrees_elsewhere(a, b, in_sentence) or _agrees_elsewhere(b, a, in_sentence):
                continue
            if (a.doc_id, a.sentence) == (b.doc_id, b.sentence) or (a.lo, a.hi) == (b.lo, b.hi):
                continue
            if not _same_thing(a, b) or _predicates_clash(a, b):
                continue
            if a.places and b.places and not set(a.places) & set(b.places):
                continue  # "near Port Selva" vs "near Karvik": two happenings
            rel = relation(a, b, published.get(a.doc_id), published.get(b.doc_id))
            if rel is None or (rel == "same" and compatible(a, b)):
                continue
            survivors.append((a, b, rel == "update"))
    if not survivors:
        return []
    # 2. only the sentences of surviving pairs that words alone do not settle are embedded
    text = {(f.doc_id, f.sentence): sentence_text(f.doc_id, f.sentence) for a, b, _ in survivors for f in (a, b)}
    sims = vectors.pair_cosines([(text[(a.doc_id, a.sentence)], text[(b.doc_id, b.sentence)]) for a, b, _ in survivors])
    threshold = SIM_MODEL if vectors.embedder.kind == "model" else SIM_LEXICAL
    sent_of = {(ev_c.doc_id, ev_c.sentence): ev.id for ev in (events or []) for ev_c in ev.mentions}  # optional
    pairs = []
    for (a, b, update), sim in zip(survivors, sims):
        need = SIM_SAME_DOC if a.doc_id == b.doc_id else threshold
        if a.predicate == b.predicate and predicate_of(a.predicate):
            need *= SAME_PREDICATE  # "14 killed" / "fifteen killed": the verbs already say it is one fact
        if sim < need:
            continue
        lo, hi = sorted((max(a.value, 1e-9), max(b.value, 1e-9)))
        if hi / lo > MAX_RATIO and sim < SIM_ANY_RATIO:
            continue
        ea, eb = sentence_ents(a.doc_id, a.sentence), sentence_ents(b.doc_id, b.sentence)
        if ea and eb and not (ea & eb) and sim < SIM_NO_SHARED_ENTITY:
            continue  # each names things the other does not: likely two different facts
        pairs.append((sim, a, b, update))
    return assemble(pairs, sent_of, sentence_text)


__all__ = ["Figure", "sentence_figures", "find_discrepancies", "parse_number", "same_time",
           "predicate_class", "fact_days"]

"""When did it happen?  Sources placing one happening on different days (or years).

A *date fact* is a date expression tied to what it dates: the clause of the verb it hangs
from ("negotiators met in Port Selva [yesterday]") or the noun it modifies
("the Norland blockade [in March 2019]").  Each date is resolved against its own
document's publication date ("yesterday" in a 14 May article is 13 May); one that cannot
be resolved (a weekday in an undated article) is left out.  Dates of a telling ("said on
Monday") are not date facts.

Two date facts of different sources disagree when their sentences share a named entity, their
dates do not overlap yet lie one unit apart at the coarser precision of the two (a day, a
month, a year), their descriptions are close in embedding space, and the other source does
not date something as like it on the first one's date (then that is its partner).  Candidates
are blocked by shared entity; each fact keeps the one candidate sharing most words with it,
and only those descriptions are embedded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from brief.extract.dates import normalize_date
from brief.extract.predicates import speech_verbs
from brief.lexicon import data
from brief.model import Discrepancy, DiscrepancyValue

SIM_MODEL, SIM_LEXICAL = 0.45, 0.45
NAMED = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"}
CLOSE_UNITS = 1  # dates one unit apart (at the coarser precision): one happening misdated by a day, a month, a year
BLOCK_MAX = 60
AGREE_MARGIN = 0.1
PARTNERS = 1  # candidates kept per date fact, by shared words, before embedding
MIN_SHARED = 0.15
_UNIT_DAYS: dict[str, int] = data("dates")["precision_days"]  # a precision and its length in days
_KEPT_PREPS = frozenset(data("dates")["fact_preps"])  # "on Monday", "since 2016": read with the date


@dataclass(frozen=True)
class DateFact:
    doc_id: str
    sentence: int
    start: dt.date
    end: dt.date
    precision: str  # day | month | year
    text: str  # the date as written ("yesterday", "in September 2016")
    what: str  # what it dates, in the source's words, without the date, with the names the sentence gives
    ents: frozenset = frozenset()
    phrase: str = ""  # what it dates, the source's words only
    named: frozenset = frozenset()  # the proper nouns inside that phrase (not adjectives of nationality)
    verb: str = ""  # lemma of the verb heading the phrase ("" when a noun heads it: "the blockade")


def _precision(start: dt.date, end: dt.date) -> str:
    days = (end - start).days
    return "year" if days >= 300 else "month" if days >= 27 else "day"


def _core(tok) -> list:
    """A phrase without the clauses nested in it ("the ship, which left on Monday," -> "the ship")."""
    nested = {t.i for c in tok.subtree if c.dep_ in ("relcl", "acl", "advcl", "ccomp", "appos") and c.i != tok.i
              for t in c.subtree}
    return [t for t in tok.subtree if t.i not in nested]


def _described(span, ent):
    """The words the date dates: its verb's clause or the noun it modifies, the date itself left out."""
    head = ent.root.head
    hops = 0
    while head.head.i != head.i and head.pos_ not in ("VERB", "NOUN") and hops < 4:
        head, hops = head.head, hops + 1
    if head.pos_ not in ("VERB", "NOUN"):
        return None, None
    date_prep = ent.root.head if ent.root.dep_ == "pobj" else None  # the "in" of "in 2015"
    if head.pos_ == "VERB":
        keep = [head]
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj", "prt", "neg", "attr", "prep", "agent", "compound"):
                if not any(t.i == ent.root.i for t in c.subtree):
                    keep.extend(_core(c))
        if head.dep_ == "relcl":  # "Russia, which launched ..." -> "Russia launched ..."
            keep = [t for t in keep if t.tag_ not in ("WDT", "WP")] + [head.head]
    else:
        keep = [t for t in head.subtree]
    skip = date_prep.i if date_prep is not None else -1
    toks = sorted({t.i: t for t in keep if not (ent.start <= t.i < ent.end) and t.i != skip}.values(),
                  key=lambda t: t.i)
    words = [t.text for t in toks if not t.is_punct][:24]
    if len(words) < 2:
        return None, head
    # the things the sentence names give the phrase its context ("the blockade" ... "of Karvik")
    said = " ".join(words)
    inside = frozenset(t.lower_ for t in toks if t.pos_ == "PROPN" and t.ent_type_ != "NORP")
    named = [e.text for e in span.ents if e.label_ in NAMED and e.text not in said]
    return (said, " ".join([said] + list(dict.fromkeys(named))), inside), head


def sentence_date_facts(span, doc_id: str, sent_index: int, published: dt.date | None, ents=()) -> list[DateFact]:
    speech = speech_verbs()
    out = []
    for ent in getattr(span, "ents", ()):
        if ent.label_ != "DATE":
            continue
        described, head = _described(span, ent)
        if described is None or (head.pos_ == "VERB" and head.lemma_.lower() in speech):
            continue  # "said on Monday" dates the telling
        prev = span.doc[ent.start - 1] if ent.start > span.start else None
        text = f"{prev.text} {ent.text}" if prev is not None and prev.lower_ in _KEPT_PREPS else ent.text
        try:
            v = normalize_date(text, published)
        except Exception:  # an expression the resolver cannot read dates nothing
            continue
        if v.start is None:
            continue
        whole = normalize_date(ent.text, published)  # "since 2016" -> the year 2016
        start = whole.start or v.start
        end = whole.end or (v.end if v.end and not text.lower().startswith("since") else start)
        phrase, what, inside = described
        out.append(DateFact(doc_id, sent_index, start, end, _precision(start, end), text, what, frozenset(ents),
                            phrase, inside, head.lemma_.lower() if head.pos_ == "VERB" else ""))
    return out


def _close(a: DateFact, b: DateFact) -> bool:
    """Not overlapping, yet near at the coarser precision."""
    if a.start <= b.end and b.start <= a.end:
        return False
    unit = max(a.precision, b.precision, key=lambda p: _UNIT_DAYS[p])
    if unit == "year":
        return 0 < abs(a.start.year - b.start.year) <= CLOSE_UNITS
    if unit == "month":
        return 0 < abs((a.start.year * 12 + a.start.month) - (b.start.year * 12 + b.start.month)) <= CLOSE_UNITS
    gap = (b.start - a.end).days if a.end < b.start else (a.start - b.end).days
    return 0 < gap <= CLOSE_UNITS


def find_date_discrepancies(facts: list[DateFact], vectors) -> list[Discrepancy]:
    """Pairs of date facts that place one happening on different dates (see the module docstring)."""
    blocks: dict[str, list[int]] = {}
    for i, f in enumerate(facts):
        for e in f.ents:
            blocks.setdefault(e, []).append(i)
    cands: set[tuple[int, int]] = set()
    for members in blocks.values():
        for x in range(len(members)):
            for y in range(x + 1, min(len(members), x + BLOCK_MAX)):
                i, j = members[x], members[y]
                if (facts[i].doc_id != facts[j].doc_id and _close(facts[i], facts[j])
                        and not _names_clash(facts[i], facts[j]) and not _different_acts(facts[i], facts[j])):
                    cands.add((min(i, j), max(i, j)))
    if not cands:
        return []
    from brief.extract.merge import content_words, text_similarity

    cands = _best_candidates(facts, cands)
    by_doc: dict[str, list[int]] = {}
    for i, f in enumerate(facts):
        by_doc.setdefault(f.doc_id, []).append(i)
    words: dict[int, set[str]] = {}

    def w(k: int) -> set[str]:
        if k not in words:
            words[k] = content_words(facts[k].what)
        return words[k]

    # the pairs to judge: candidates, and what the other source dates on the first one's day when
    # it reads alike (see _agrees_elsewhere); embedded only where words alone do not settle them
    judged = set(cands)
    for i, j in cands:
        for x, y in ((i, j), (j, i)):
            bar = 0.5 * text_similarity(w(x), w(y))
            judged |= {(x, k) for k in by_doc[facts[y].doc_id]
                       if k != y and _overlap(facts[x], facts[k]) and text_similarity(w(x), w(k)) >= bar}
    order = sorted(judged)
    phrase = [(facts[x].phrase or facts[x].what, facts[y].phrase or facts[y].what) for x, y in order]
    sim_of = dict(zip(order, vectors.pair_cosines(phrase)))
    threshold = SIM_MODEL if vectors.embedder.kind == "model" else SIM_LEXICAL
    out: list[Discrepancy] = []
    used: set[int] = set()
    for sim, i, j in sorted(((sim_of[p], p[0], p[1]) for p in cands), reverse=True):
        if sim < threshold or i in used or j in used:
            continue
        if _agrees_elsewhere(facts, i, j, sim, by_doc, sim_of) or _agrees_elsewhere(facts, j, i, sim, by_doc, sim_of):
            continue
        used |= {i, j}
        a, b = facts[i], facts[j]
        out.append(Discrepancy(f"date of: {_short(a.phrase or a.what)}", [_value(a), _value(b)], [], "date", False,
                               1.0 + sim))
    return out


def _different_acts(a: DateFact, b: DateFact) -> bool:
    """ "asked the court on Wednesday" vs "the court refused on Thursday": two clauses with different
    verbs date two happenings (a clause against a noun phrase may still tell one)."""
    return bool(a.verb and b.verb) and a.verb != b.verb


def _names_clash(a: DateFact, b: DateFact) -> bool:
    """ "A and B agreed" vs "A and C agreed": the phrases name different parties (proper nouns, not
    only tagged entities: a tagger misses unfamiliar names; adjectives of nationality are no party)."""
    na, nb = a.named, b.named
    return bool(na and nb) and not (na <= nb or nb <= na)


def _overlap(a: DateFact, b: DateFact) -> bool:
    return a.start <= b.end and b.start <= a.end


def _best_candidates(facts: list[DateFact], cands: set[tuple[int, int]], keep: int = PARTNERS) -> set[tuple[int, int]]:
    """Each fact's few candidates whose descriptions share the most words with it (before any embedding)."""
    from brief.extract.merge import content_words, text_similarity

    words = {k: content_words(facts[k].what) for pair in cands for k in pair}
    scored: dict[int, list[tuple[float, tuple[int, int]]]] = {}
    for i, j in cands:
        sim = text_similarity(words[i], words[j])  # the names around count here: "... in Syria"
        if sim < MIN_SHARED:
            continue
        scored.setdefault(i, []).append((sim, (i, j)))
        scored.setdefault(j, []).append((sim, (i, j)))
    out: set[tuple[int, int]] = set()
    for lst in scored.values():
        out |= {pair for _, pair in sorted(lst, reverse=True)[:keep]}
    return out


def _agrees_elsewhere(facts, i, j, sim, by_doc, sim_of) -> bool:
    """Does j's document date something as like i as j is on i's own date?  Then i's partner is that one
    ("left on Monday" in both; the other's "inspected on Tuesday" is another happening)."""
    a = facts[i]
    for k in by_doc[facts[j].doc_id]:
        b = facts[k]
        if k != j and _overlap(a, b):
            if sim_of.get((i, k), 0.0) >= sim - AGREE_MARGIN:
                return True
    return False


def _short(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _value(f: DateFact) -> DiscrepancyValue:
    iso = f.start.isoformat() if f.precision == "day" else f.start.isoformat()[:7] if f.precision == "month" else str(f.start.year)
    return DiscrepancyValue(f"{iso} ({f.text})", f.doc_id, f.sentence, None, f"{f.phrase or f.what} [{f.text}]", iso)


__all__ = ["DateFact", "sentence_date_facts", "find_date_discrepancies"]

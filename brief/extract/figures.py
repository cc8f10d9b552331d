"""Figures in a sentence, read in general form: value (or range), qualifier, unit or counted noun, what it is about.

"more than 8,400 tons of barley"  -> lo=8400, hi=8400, op ">", qualifier "more than", unit tonne (weight), about "barley"
"20m tonnes of rye"               -> lo=hi=20e6, unit tonne, about "rye"
"Fifteen Norland soldiers"        -> lo=hi=15, counted noun class "people" (number words read with text2num)
"between 300 and 400 km"          -> lo=300, hi=400, unit km (distance)
"US$1.2bn"                        -> 1.2e9, unit usd (money)

Units are normalised (tons/tonnes, km/kilometres, $/US$/dollars; m/million/bn scale
the value); the spellings, dimensions, qualifiers and noun classes are language data in
``brief/lexicon/en/figures.json``.  :func:`compatible` tells whether two figures can be
the same quantity told loosely: each figure is an interval (its qualifier widens it)
and two intervals that do not meet disagree ("more than 8,400" vs "8,000").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from brief.lexicon import data

_NUM = re.compile(r"^(?P<sym>us\$|\$|€|£)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<suf>[a-z%]+)?$", re.I)
_SKIP_ENTS = {"DATE", "TIME", "ORDINAL"}
INF = math.inf


@dataclass(frozen=True)
class Figure:
    doc_id: str
    sentence: int
    lo: float
    hi: float
    qualifier: str | None  # as written, lower-cased ("more than"), None for a plain value
    op: str  # "=", ">", ">=", "<", "<=", "~", "<~"
    unit: str  # normalised unit ("tonne", "usd") or counted-noun class ("people") or the noun's lemma
    dimension: str  # weight, distance, money, percent ... or "count"
    about: str  # what is counted or measured ("corn", "people", "drone")
    text: str  # the phrase as written ("more than 8,400 tons of barley")
    verb: str = ""  # lemma of the verb the figure hangs from
    predicate: str = ""  # its synonym class (kill ~ die), see discrepancies.predicate_class
    dates: tuple[str, ...] = ()  # date expressions dating the happening in the sentence
    update: bool = False  # told as a moving count ("has risen to", "so far")
    start: int = field(default=0, compare=False)  # token index in the parsed document
    verb_i: int = field(default=-1, compare=False)  # token index of the verb, -1 when none governs it directly
    noun_i: int = field(default=-1, compare=False)  # token index of the counted noun or unit
    places: tuple[str, ...] = ()  # named places the counted happening is located at

    @property
    def value(self) -> float:
        return self.lo if self.hi == self.lo or self.hi == INF else (self.lo + self.hi) / 2

    @property
    def kind(self) -> str:
        return "count" if self.dimension == "count" else "amount" if self.dimension != "percent" else "percent"

    def interval(self) -> tuple[float, float, bool, bool]:
        """(low, high, low open, high open) of the values this figure admits."""
        lo, hi = self.lo, self.hi
        op = self.op
        if op == ">":
            return hi, INF, True, False
        if op == ">=":
            return hi, INF, False, False
        if op == "<":
            return 0.0, lo, False, True
        if op == "<=":
            return 0.0, hi, False, False
        if op == "~":
            return lo * 0.9, hi * 1.1, False, False
        if op == "<~":
            return lo * 0.9, hi, False, False
        return lo, hi, False, False


def compatible(a: Figure, b: Figure) -> bool:
    """Can both figures be true of one quantity?  Intervals that meet are compatible."""
    la, ha, loa, hoa = a.interval()
    lb, hb, lob, hob = b.interval()
    if ha < lb or hb < la:
        return False
    return True  # touching bounds meet: "more than 20 million" and "20 million" are one loose figure


@lru_cache(maxsize=1)
def _lex() -> dict:
    d = data("figures")
    unit_of = {}
    for canon, spec in d["units"].items():
        for form in spec["forms"]:
            unit_of[form.lower()] = (canon, spec["dimension"], float(spec["factor"]))
    noun_class = {}
    for cls, nouns in d["noun_classes"].items():
        for n in nouns:
            noun_class[n.lower()] = cls
    quals = sorted(d["qualifiers"].items(), key=lambda kv: -len(kv[0].split()))
    return {
        "unit_of": unit_of, "noun_class": noun_class, "qualifiers": quals, "scales": d["scales"],
        "prefix": set(d["prefix_units"]), "time": set(d["time_nouns"]), "update_verbs": set(d["update_verbs"]),
        "update_words": tuple(d["update_words"]), "totals": set(d["total_nouns"]), "range": set(d["range_words"]),
    }


def noun_class(lemma: str) -> str:
    return _lex()["noun_class"].get(lemma.lower(), lemma.lower())


def words_value(words: list[str]) -> float | None:
    """The value of a run of number words ("twenty six thousand", "Fifteen", "a dozen"), via text2num."""
    text = " ".join(w.lower() for w in words if w.lower() not in ("a", "an")).replace("-", " ")
    if not text:
        return None
    if text == "dozen":
        return 12.0
    try:
        from text_to_num import text2num

        return float(text2num(text, "en"))
    except (ValueError, ImportError):
        return None


def _token_value(tok) -> tuple[float, str | None, str | None] | None:
    """(value, currency sign, attached suffix) of one token ("8,400", "$1.2bn", "20m"), else None."""
    m = _NUM.match(tok.text.lower())
    if not m:
        return None
    return float(m.group("num").replace(",", "")), m.group("sym"), m.group("suf")


def _is_word_number(tok) -> bool:
    return tok.is_alpha and tok.like_num and tok.lower_ not in _lex()["scales"]


def read_figures(span, doc_id: str, sent_index: int) -> list[Figure]:
    """Every figure of one parsed sentence (a spaCy span) that counts or measures something."""
    lex = _lex()
    out: list[Figure] = []
    toks = list(span)
    i = 0
    while i < len(toks):
        fig, nxt = _figure_at(toks, i, span, doc_id, sent_index, lex)
        if fig is not None:
            out.append(fig)
        i = max(nxt, i + 1)
    return out


def _number_run(toks, i, lex) -> tuple[float, int, str | None, float] | None:
    """Value of the number starting at toks[i], the index after it, a currency sign if attached, its scale."""
    tok = toks[i]
    tv = _token_value(tok)
    sym = None
    j = i + 1
    if tv is not None:
        value, sym, suf = tv
        if suf:
            scale = lex["scales"].get(suf)
            if scale is None:
                return None if suf not in lex["unit_of"] else (value, i + 1, sym, 1.0)
            return value * scale, i + 1, sym, float(scale)
    elif _is_word_number(tok):
        words = [tok.text]
        word_scales = {w for w in lex["scales"] if len(w) > 3}  # spelled-out scales, not "m", "bn"
        while j < len(toks):
            if _is_word_number(toks[j]) or (toks[j].lower_ in word_scales and j + 1 < len(toks)
                                            and toks[j + 1].lower_ == "and"):
                words.append(toks[j].text)
            elif toks[j].lower_ in word_scales and lex["scales"][toks[j].lower_] < 1000:  # "two hundred"
                words.append(toks[j].text)
            elif not (toks[j].lower_ in ("and", "-") and j + 1 < len(toks) and _is_word_number(toks[j + 1])):
                break
            j += 1
        value = words_value(words)
        if value is None:
            return None
    else:
        return None
    scale = 1.0
    while j < len(toks) and toks[j].lower_ in lex["scales"] and (
            toks[j].lower_ not in ("m", "b") or toks[j - 1].whitespace_ == ""):  # "20m", not "20 m"
        scale *= lex["scales"][toks[j].lower_]
        j += 1
    return value * scale, j, sym, scale


def _qualifier(toks, i, lex) -> tuple[str | None, str, int]:
    """Qualifier written just before toks[i]: (as written, op, index where it starts)."""
    before = [t.lower_ for t in toks[max(0, i - 4) : i]]
    for q, op in lex["qualifiers"]:
        qw = q.split()
        if before[-len(qw):] == qw:
            return q, op, i - len(qw)
    return None, "=", i


def _figure_at(toks, i, span, doc_id, sent_index, lex) -> tuple[Figure | None, int]:
    tok = toks[i]
    if tok.ent_type_ in ("TIME", "ORDINAL") or (tok.i > 0 and tok.doc[tok.i - 1].text in ("-", "–") and tok.i - 1 >= span.start
                                       and tok.doc[tok.i - 1].whitespace_ == ""):
        return None, i + 1  # "F-16", "MiG-29": part of a name
    if tok.ent_type_ == "DATE" and tok.head.ent_type_ == "DATE" and tok.head.pos_ != "NOUN":
        return None, i + 1  # "July 14", "2018"
    run = _number_run(toks, i, lex)
    if run is None:
        return None, i + 1
    lo, j, sym, scale = run
    hi = lo
    start = i
    if i > 0 and toks[i - 1].lower_ in lex["prefix"]:
        sym, start = toks[i - 1].lower_, i - 1
    # ranges: "300 to 400", "300-400", "between 300 and 400"
    if j + 1 < len(toks) and toks[j].lower_ in lex["range"]:
        k = j + 1 + (1 if toks[j + 1].lower_ in lex["prefix"] else 0)
        nxt = _number_run(toks, k, lex) if k < len(toks) else None
        if nxt is not None and (toks[j].lower_ != "and" or (start > 0 and toks[start - 1].lower_ == "between")):
            hi, j = nxt[0], nxt[1]
            if scale == 1.0 and nxt[3] > 1.0:  # "20 to 30 million": the scale applies to both
                lo *= nxt[3]
            if hi < lo:
                lo, hi = hi, lo
    qual, op, qstart = _qualifier(toks, start, lex)
    if start > 0 and toks[start - 1].lower_ == "between":
        qstart = start - 1
    # unit or counted noun after the number
    unit = dimension = about = None
    factor = 1.0
    k = j
    if sym:
        unit, dimension, factor = lex["unit_of"][sym]
    tv = _token_value(tok)
    if tv and tv[2] and tv[2] in lex["unit_of"]:
        unit, dimension, factor = lex["unit_of"][tv[2]]
    for n in (3, 2, 1):  # "metric tons", "per cent", "tons"
        if k + n <= len(toks):
            form = " ".join(t.lower_ for t in toks[k : k + n])
            if form in lex["unit_of"] and not (form == "m" and lo < 1000):
                unit, dimension, factor = lex["unit_of"][form]
                k += n
                break
    noun = None
    if unit is not None:
        if k + 1 < len(toks) and toks[k].lower_ == "of" and toks[k + 1].pos_ in ("NOUN", "PROPN"):
            about_tok = toks[k + 1]
            about, noun, k = about_tok.lemma_.lower(), about_tok, k + 2
    else:
        noun = _counted_noun(toks, j, tok)
        if noun is None:
            return None, j
        lemma = noun.lemma_.lower()
        if lemma in lex["time"] or noun.lower_ in lex["time"] or noun.ent_type_ in _SKIP_ENTS:
            return None, j  # "three days", "14 July"
        cls = _class_of(noun, lex)
        unit, dimension, about = cls, "count", cls
        k = noun.i - span.start + 1 if noun.i >= span.start else j
    if dimension != "count" and lo == int(lo) and 1800 <= lo <= 2100 and not sym and unit is None:
        return None, j
    if dimension == "count" and tok.text.isdigit() and len(tok.text) == 4 and 1800 <= lo <= 2100:
        return None, j
    lo, hi = lo * factor, hi * factor
    head = noun if noun is not None else toks[min(k, len(toks)) - 1]
    verb = governing_verb(head)
    text = span.doc[toks[qstart].i : toks[min(k, len(toks)) - 1].i + 1].text
    return Figure(doc_id, sent_index, lo, hi, qual, op if hi == lo else "=", unit, dimension, about or unit, text,
                  verb.lemma_.lower() if verb is not None else "", "", (), False, toks[qstart].i,
                  verb.i if verb is not None else -1, head.i), k


def _class_of(noun, lex) -> str:
    """Class of a counted noun, its modifiers included ("unmanned aerial vehicles" -> drone)."""
    classes = lex["noun_class"]
    doc = noun.doc
    for n in (3, 2):
        if noun.i - n + 1 >= 0:
            words = [t.lower_ for t in doc[noun.i - n + 1 : noun.i]] + [noun.lemma_.lower()]
            if " ".join(words) in classes:
                return classes[" ".join(words)]
    return classes.get(noun.lower_) or classes.get(noun.lemma_.lower()) or noun.lemma_.lower()


def _counted_noun(toks, j, num_tok):
    """The noun a bare number counts: its syntactic head when that follows it, else the next noun within 4 words."""
    head = num_tok.head
    while head.lower_ in _lex()["scales"] and head.head.i != head.i:
        head = head.head
    if head.i > num_tok.i and head.pos_ in ("NOUN", "PROPN") and head.i - num_tok.i <= 5:
        return head
    for t in toks[j : j + 4]:
        if t.pos_ == "NOUN":
            return t
        if t.pos_ not in ("ADJ", "PROPN", "NUM", "ADV") or t.is_punct:
            break
    return None


def governing_verb(noun):
    """The verb whose subject or object the counted noun is ("14 people died", "fired four missiles",
    "people killed", "killed by ..."); None when the figure sits inside another noun phrase
    ("a plane with 15 crew on board")."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    for c in noun.children:  # "14 people killed in the blast"
        if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and c.tag_ == "VBN":
            return c
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd", "npadvmod", "appos") and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return None


def format_value(f: Figure) -> str:
    def num(x: float) -> str:
        return f"{int(x):,}" if x == int(x) else f"{x:,.2f}".rstrip("0").rstrip(".")

    v = num(f.lo) if f.lo == f.hi else f"{num(f.lo)}–{num(f.hi)}"
    return f"{f.qualifier} {v}" if f.qualifier else v


__all__ = ["Figure", "read_figures", "compatible", "noun_class", "words_value", "format_value"]

"""Canonical entities across documents, by general rules (no name lists).

* Person names: titles/roles in front of a name ("Prime Minister", "Col.-Gen.")
  are split off and kept as attributes; possessives are stripped; full names
  with the same surname fold when their first names are transliteration or
  spelling variants ("Sergei"/"Sergey", "Bashar"/"Basher"); a bare surname
  ("Netanyahu") joins the full name with that surname (the one in the same
  document first, else the most mentioned one).
* Other names fold on a key that ignores case, a leading "the", possessives,
  hyphens and spacing ("de-confliction"/"deconfliction"), and acronyms fold
  into the name they abbreviate when both occur ("IDF").
* Demonyms stand for their country ("Russian forces" -> Russia).

These are the rules on names and labels; :mod:`brief.extract.resolver` folds the corpus's mentions with them.
"""

from __future__ import annotations

import re
import unicodedata

from brief.lexicon import data

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}

_LEX = data("entities")
TITLE_WORDS = frozenset(_LEX["title_words"])  # general title/role vocabulary (words that precede a name)
_TITLE_ABBREV = re.compile(r"^(?:[A-Z][a-z]{0,4}\.)(?:-[A-Z][a-z]{0,4}\.?)*$")  # Col.-Gen., Maj.-Gen, Sgt.
DEMONYMS: dict[str, str] = {k: v for k, v in data("demonyms").items() if k != "#"}  # demonym -> country
DEMONYM_SUFFIXES = tuple(_LEX["demonym_suffixes"])
_SURNAME_PARTICLE = re.compile(_LEX["surname_particle"])
_TRANSLIT = tuple(tuple(p) for p in _LEX["translit_pairs"])
PLACE_NOUNS = frozenset(_LEX["place_nouns"])
LOCATIVE_PREPS = frozenset(_LEX["locative_preps"])
# common nouns that name an organisation's kind: a name in apposition with one of them is that organisation
ORG_KIND_NOUNS = frozenset(_LEX["org_kind_nouns"])
_ORG_KIND_NO_COMPOUND = frozenset(_LEX["org_kind_no_compound"])


def demonym_country(text: str) -> str | None:
    t = text.lower().strip()
    if t in DEMONYMS:
        return DEMONYMS[t]
    if t.endswith("s") and t[:-1] in DEMONYMS:  # "Russians", "Israelis"
        return DEMONYMS[t[:-1]]
    return None


_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_QUOTES = "\"'“”‘’«»()[]{}.,;:!?"


def clean_name(text: str) -> str:
    """Strip quotes, a leading "the", possessives and odd spacing from a name."""
    t = " ".join(text.replace("\u00a0", " ").split())
    t = t.strip(_QUOTES + " -–—")
    t = _POSSESSIVE.sub("", t).strip(_QUOTES + " ")
    t = re.sub(r"^(?:[Tt]he|THE)\s+", "", t)
    return t


def name_key(text: str) -> str:
    """Folding key for non-person names: case, hyphens, spacing, accents ignored."""
    t = unicodedata.normalize("NFKD", clean_name(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", t.lower())


def is_title_token(word: str) -> bool:
    return word.lower() in TITLE_WORDS or bool(_TITLE_ABBREV.match(word))


def split_title(name: str) -> tuple[str, str]:
    """("Prime Minister Benjamin Netanyahu") -> ("Prime Minister", "Benjamin Netanyahu").

    A name made only of title words ("Col.-Gen") gives ("Col.-Gen", "").  A leading
    demonym ("Russian Putin") and anything after a possessive ("Liberman's Russian")
    are dropped.
    """
    m = re.search(r"['’]s?\s", name)
    if m:
        name = name[: m.start()]
    words = name.split()
    while len(words) > 1 and demonym_country(words[0]):
        words = words[1:]
    i = 0
    while i < len(words) and (is_title_token(words[i]) or words[i] in ("(res.)",) or _TITLE_ABBREV.match(words[i])):
        i += 1
    if i == len(words):
        return " ".join(words), ""
    return " ".join(words[:i]), " ".join(words[i:])


def is_title_only(name: str) -> bool:
    words = name.split()
    return bool(words) and all(is_title_token(w) or _TITLE_ABBREV.match(w) for w in words)


def translit_key(word: str) -> str:
    """A rough spelling skeleton that folds transliteration variants (Sergei/Sergey, Aleksandr/Alexander)."""
    w = unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()
    w = re.sub(r"[^a-z]", "", w)
    for a, b in _TRANSLIT:
        w = w.replace(a, b)
    w = re.sub(r"(.)\1+", r"\1", w)  # doubled letters
    w = re.sub(r"(?<=.)[aeiou]", "", w)  # vowels after the first letter
    return w


def _edit_distance(a: str, b: str) -> int:
    if abs(len(a) - len(b)) > 2:
        return 3
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def first_names_match(a: str, b: str) -> bool:
    if a.lower() == b.lower():
        return True
    if translit_key(a) == translit_key(b):
        return True
    la, lb = a.lower(), b.lower()
    return min(len(la), len(lb)) >= 5 and _edit_distance(la, lb) <= 1


def is_demonym_of(word: str, place: str) -> bool:
    w, p = word.lower(), place.lower()
    if w.endswith("s") and not p.endswith("s"):
        w = w[:-1]
    suffixes = DEMONYM_SUFFIXES
    if w.startswith(p) and w[len(p):] in suffixes:
        return True
    if p[-1] in "aeiouy" and w.startswith(p[:-1]) and w[len(p) - 1 :] in suffixes:
        return True
    return False


def suffix_of(a: str, b: str) -> bool:
    """ "Ben Zvi" is the tail of "Alexander Ben Zvi" (a multi-word surname)."""
    wa, wb = a.lower().split(), b.lower().split()
    if len(wa) == len(wb):
        return False
    short, long_ = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    return len(short) >= 2 and long_[-len(short):] == short


def surname_key(word: str) -> str:
    w = _SURNAME_PARTICLE.sub("", word.lower())
    return translit_key(w) or w


def _org_kind(tok) -> bool:
    return tok.pos_ in ("NOUN", "PROPN", "ADJ") and (tok.lower_ in ORG_KIND_NOUNS or tok.lemma_.lower() in ORG_KIND_NOUNS)


def entity_label(ent) -> str:
    """spaCy's label, corrected where the words around a name say what it is: a name in apposition with
    (or right after) an organisation-kind noun ("public broadcaster X", "X, the news agency",
    "the daily X") is an ORG even when the tagger called it a place or a person."""
    label = ent.label_
    if label not in ("GPE", "LOC", "FAC", "PERSON", "NORP"):
        return label
    doc = ent.doc
    root = ent.root
    if root.dep_ == "appos" and _org_kind(root.head) and root.head.i < ent.start:
        return "ORG"
    if any(c.dep_ == "appos" and _org_kind(c) for c in root.children):
        return "ORG"
    j = ent.start - 1
    if j >= 0 and _org_kind(doc[j]) and not doc[j].ent_type_ and (doc[j].head.i == root.i or root.head.i == j
                                                                   or doc[j].dep_ in ("compound", "amod")):
        return "ORG"
    if j >= 0 and _org_kind(doc[j]) and not doc[j].ent_type_ and doc[j].lower_ not in _ORG_KIND_NO_COMPOUND:
        return "ORG"
    if (root.dep_ == "compound" and _org_kind(root.head) and root.head.i == ent.end
            and root.head.lower_ not in _ORG_KIND_NO_COMPOUND and label != "NORP"):
        return "ORG"  # "the Kan broadcaster", "Reuters news agency"
    return label


def place_hint(ent) -> bool:
    """The mention sits where places sit ("near X", "the X crossing", "the towns of X and Y")."""
    root = ent.root
    h = root
    while h.dep_ == "conj" and h.head.i != h.i:
        h = h.head
    if h.dep_ == "pobj":
        prep = h.head
        if prep.lower_ in LOCATIVE_PREPS:
            return True
        if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS:
            return True
    if h.dep_ in ("compound", "nmod") and h.head.lemma_.lower() in PLACE_NOUNS:
        return True
    if h.dep_ == "appos" and h.head.lemma_.lower() in PLACE_NOUNS:
        return True
    return False

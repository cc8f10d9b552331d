"""Key noun phrases of a sentence, for themes: lower-cased, determiners and names stripped.

"the southwest de-escalation zone" -> "southwest de-escalation zone";
"Russia's commitment" -> "commitment"; "Syrian air defenses" -> "air defenses".
Spelling variants are folded corpus-wide by :func:`fold_variants`
("de-confliction"/"deconfliction", "zone"/"zones").
"""

from __future__ import annotations

import re
from collections import Counter

from brief.lexicon import data

GENERIC = frozenset(data("keyphrases")["generic"])
LEADING_DROP = {"det", "poss", "predet", "nummod", "quantmod", "punct", "case", "cc", "advmod", "prep"}
QUANTIFIERS = frozenset(data("keyphrases")["quantifiers"])
NAME_LABELS = {"PERSON", "GPE", "NORP", "ORG", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY",
               "QUANTITY", "PERCENT", "EVENT"}


def sentence_keyphrases(span, chunks=None) -> list[tuple[str, bool]]:
    """(phrase, multiword) pairs for the noun chunks of a sentence (``chunks``: precomputed ones)."""
    out: list[tuple[str, bool]] = []
    if chunks is None:
        try:
            chunks = list(span.noun_chunks)
        except (ValueError, AttributeError):  # no parse
            return out
    doc = span.doc
    for chunk in chunks:
        toks = list(chunk)
        while toks and (
            toks[0].dep_ in LEADING_DROP
            or toks[0].pos_ in ("PRON", "DET", "NUM", "PUNCT", "PART", "SYM", "ADV")
            or toks[0].lower_ in QUANTIFIERS
            or (toks[0].ent_type_ in NAME_LABELS and toks[0].i != chunk.root.i)
            or toks[0].lower_ in ("'s", "’s", "'", "’")
        ):
            toks = toks[1:]
        while toks and (toks[-1].pos_ in ("PUNCT", "PART") or toks[-1].lower_ in ("'s", "’s")):
            toks = toks[:-1]
        if not toks:
            continue
        if any(t.ent_type_ in NAME_LABELS for t in toks):
            continue
        if all(t.pos_ == "PROPN" for t in toks):
            continue
        if toks[-1].pos_ not in ("NOUN", "PROPN"):
            continue
        words = [t for t in toks if t.pos_ not in ("PUNCT",) or t.text == "-"]
        text = doc[toks[0].i : toks[-1].i + 1].text.lower()
        text = re.sub(r"\s+", " ", text).strip(" \"'“”‘’-")
        text = text.replace("’", "'").replace("“", "").replace("”", "").replace('"', "")
        text = re.sub(r"\s+", " ", text).strip()
        if "'s " in text or text.endswith("'s"):
            continue
        if not text or len(text) < 3 or not re.search(r"[a-z]", text) or re.search(r"[\[\]@|<>]", text):
            continue
        n_words = len([w for w in words if w.text != "-" and not (w.i > 0 and doc[w.i - 1].text == "-" and not doc[w.i - 1].whitespace_)])
        if n_words > 5:
            continue
        multi = n_words >= 2
        if not multi and (text in GENERIC or len(text) < 4 or "'" in text):
            continue
        if (text, multi) not in out:
            out.append((text, multi))
        if multi:
            # the parts one thing is told by in other words ("de-confliction hotline" / "de-confliction
            # mechanism", "security coordination mechanism" / "coordination mechanism"): a leading hyphenated
            # modifier and the two-word noun compound at the end, as text of the sentence; they only count
            # as key phrases when they recur (see ``extract``)
            for part in _compound_parts(toks, doc):
                if part != text and (part, False) not in out and (part, True) not in out:
                    out.append((part, False))
    return out


def _words(toks, doc) -> list[list]:
    """Tokens grouped into written words (a hyphenated word is one)."""
    words: list[list] = []
    for t in toks:
        if words and t.i > 0 and (not doc[t.i - 1].whitespace_) and (t.text == "-" or doc[t.i - 1].text == "-"):
            words[-1].append(t)
        else:
            words.append([t])
    return words


def _word_text(w) -> str:
    return "".join(t.text for t in w).lower().replace("’", "'")


def _compound_parts(toks, doc) -> list[str]:
    words = _words(toks, doc)
    if len(words) < 2:
        return []
    parts = []
    lead = words[0]
    lead_text = _word_text(lead)
    nounish = len(lead) > 1  # a hyphenated modifier is a term of its own ("de-confliction", "de-escalation")
    if nounish and len(lead_text) >= 4 and lead_text not in GENERIC and lead_text not in QUANTIFIERS \
            and re.fullmatch(r"[a-z][a-z\-]*[a-z]", lead_text):
        parts.append(lead_text)
    if len(words) >= 3:
        mod = words[-2]
        if mod[-1].pos_ in ("NOUN", "PROPN") and mod[-1].dep_ == "compound":
            tail = f"{_word_text(words[-2])} {_word_text(words[-1])}"
            if re.fullmatch(r"[a-z][a-z\- ]*[a-z]", tail):
                parts.append(tail)
    return parts


def variant_key(phrase: str) -> str:
    words = re.sub(r"[^a-z0-9 ]", "", phrase.replace("-", "")).split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def fold_variants(all_phrases: Counter) -> dict[str, str]:
    """Map every phrase to the most frequent spelling of its variant group."""
    groups: dict[str, list[str]] = {}
    for p in all_phrases:
        groups.setdefault(variant_key(p), []).append(p)
    mapping = {}
    for forms in groups.values():
        best = max(forms, key=lambda f: (all_phrases[f], "-" in f, -len(f)))
        for f in forms:
            mapping[f] = best
    return mapping

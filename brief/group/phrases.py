"""Key-phrase normalisation: one node per phrase, whatever its surface form.

``"the de-escalation zones"``, ``"De-escalation zone"`` and ``"deescalation zone"``
are one node.  The rules are general English, never corpus-specific:

* leading determiners, possessives, quantifiers and numbers are stripped;
* the head (last word) is singularised ("zones" -> "zone"), except for nouns that
  only exist in the plural ("remains", "talks", "arms");
* hyphenation and spacing variants are folded ("de-confliction" = "deconfliction").

A phrase is dropped when it is only a name (that is an entity node already), a
date or time expression, web boilerplate, or made of generic news words only
("officials", "a statement").
"""

from __future__ import annotations

import re
import unicodedata

from brief import lexicon

_WORDS = lexicon.data("phrase_words")
DETERMINERS = frozenset(_WORDS["determiners"])
PLURALIA = frozenset(_WORDS["pluralia"])  # never singularise these heads
NOT_PLURAL = frozenset(_WORDS["not_plural"])  # the 's' of these is not a plural
TIME_WORDS = frozenset(_WORDS["time_words"])
BOILERPLATE_WORDS = frozenset(_WORDS["boilerplate_words"])
GENERIC_WORDS = frozenset(_WORDS["generic_words"])  # a phrase made only of these (after stripping) is dropped
ROLE_WORDS = frozenset(_WORDS["role_words"])  # heads naming a person's role ("deputy foreign minister")
GENERIC_MODIFIERS = frozenset(_WORDS["generic_modifiers"])  # "regional issues", "current developments"
_SUFFIX = lexicon.data("plural_suffixes")
_NUMBER = re.compile(_SUFFIX["number_token"])

_SPACE = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_TOKEN_SPLIT = re.compile(r"[^\w'’-]+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def clean_surface(phrase: str) -> str:
    """Whitespace-collapsed, lower-cased, unicode-normalised phrase with determiners stripped."""
    text = unicodedata.normalize("NFKC", phrase).replace("\u00ad", "")
    text = text.replace("‘", "'").replace("“", '"').replace("”", '"')
    text = _SPACE.sub(" ", text).strip().lower()
    words = [w for w in (_EDGE_PUNCT.sub("", t) for t in _TOKEN_SPLIT.split(text)) if w]
    # strip leading determiners / numbers / possessive pronouns, repeatedly ("all the two ...")
    while words and (words[0] in DETERMINERS or _is_number(words[0]) or words[0].endswith(("'s", "’s"))):
        if words[0].endswith(("'s", "’s")) and len(words) > 1 and words[0] not in DETERMINERS:
            # "israel's ambassador" -> keep the owner out: "ambassador"
            words = words[1:]
            continue
        words = words[1:]
    # inner possessives: "the prime minister's office" -> words after the possessor
    for i in range(len(words) - 1, -1, -1):
        if i < len(words) - 1 and (words[i].endswith(("'s", "’s")) or words[i].endswith(("s'", "s’"))):
            words = words[i + 1 :]
            break
    words = [_POSSESSIVE.sub("", w) if w.endswith(("'s", "’s")) else w for w in words]
    return " ".join(w for w in words if w)


def _is_number(word: str) -> bool:
    return bool(_NUMBER.fullmatch(word))


def singular(word: str) -> str:
    """Singular of an English noun (rule based, good enough for head nouns)."""
    w = word
    if len(w) <= 3 or w in PLURALIA or w in NOT_PLURAL or not w.endswith("s") or w.endswith(tuple(_SUFFIX["not_plural_endings"])):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(tuple(_SUFFIX["es_plural_endings"])):
        return w[:-2]
    if w.endswith("oes") and len(w) > 5:
        return w[:-2]
    return w[:-1]


def fold(key: str) -> str:
    """Spelling-variant key: hyphens and spaces inside words removed ("de-escalation" = "deescalation")."""
    return key.replace("-", "").replace(" ", "").replace("'", "").replace("’", "")


def normalise(phrase: str) -> str | None:
    """Canonical (lemma) form of a key phrase, or None when it is not a usable topic phrase."""
    surface = clean_surface(phrase)
    if not surface:
        return None
    words = surface.split(" ")
    if len(words) > 6 or any(len(w) > 30 for w in words):
        return None
    if any(w in TIME_WORDS for w in words):
        return None
    if any(w in BOILERPLATE_WORDS for w in words):
        return None
    if any(_is_number(w) for w in words):
        return None
    words[-1] = singular(words[-1])
    if words[-1] in ROLE_WORDS:
        return None
    if all(
        w in GENERIC_WORDS or singular(w) in GENERIC_WORDS or w in DETERMINERS or w in GENERIC_MODIFIERS or w == "and"
        for w in words
    ):
        return None
    if len(words) == 1 and (len(words[0]) < 4 or "-" in words[0] and len(words[0]) < 6):
        return None
    if not any(c.isalpha() for c in "".join(words)):
        return None
    return " ".join(words)


def content_tokens(key: str) -> list[str]:
    """Distinct tokens of a normalised phrase that can link it to related phrases."""
    out = []
    for w in key.split(" "):
        base = singular(fold(w))
        if len(base) >= 4 and base not in GENERIC_WORDS and singular(w) not in GENERIC_WORDS and base not in out:
            out.append(base)
    return out

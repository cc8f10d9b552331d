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

DETERMINERS = frozenset(
    """a an the this that these those its his her their our my your some any all both each every
    other another such many several few no much more most own same certain various numerous multiple
    one two three four five six seven eight nine ten dozen dozens hundreds thousands millions
    first second third last next previous former latter whose which what whatever
    only just not very even also at least about around nearly almost some roughly approximately up to
    over under more than less fewer such as""".split()
)

# nouns whose singular is a different word (or none): never singularise these heads
PLURALIA = frozenset(
    """remains talks arms news means series species headquarters clothes thanks goods troops
    forces authorities relations affairs politics economics physics tactics ethics logistics
    operations damages savings earnings proceeds premises outskirts surroundings whereabouts
    belongings negotiations elections hostilities sanctions measures""".split()
)
# the 's' of these is not a plural
NOT_PLURAL = frozenset("""gas bus status crisis basis analysis thesis chaos process campus virus
    bonus census consensus corpus lens plus alias atlas bias iris apparatus prospectus
    series species news us this its his""".split())

TIME_WORDS = frozenset(
    """day days week weeks weekend month months year years decade decades hour hours minute minutes
    today yesterday tomorrow tonight morning afternoon evening night time times moment period era
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december spring summer autumn fall winter ago""".split()
)

BOILERPLATE_WORDS = frozenset(
    """newsletter newsletters subscribe subscription subscriber email e-mail cookie cookies login
    password advertisement advert sponsor sponsored copyright click app download notification
    notifications inbox website homepage podcast video photo photos image images credit caption
    comment comments reader readers registration account""".split()
)

# words that carry no topic on their own: a phrase made only of these (after stripping) is dropped
GENERIC_WORDS = frozenset(
    """official officials people person man men woman women thing things issue issues matter matters
    way ways part parts kind type lot number numbers amount level levels side sides case cases
    fact facts point points statement statements report reports source sources interview comment
    office offices counterpart counterparts leader leaders member members representative representatives
    guest guests spokesman spokeswoman spokesperson government governments country countries state states
    nation nations world region area areas place places situation development developments
    importance nature contents content instance example end beginning start rest top result results
    view views opinion term terms order question questions answer answers problem problems effort efforts
    agenda conversation meeting meetings discussion discussions talk talks call calls visit visits
    trip group groups affairs phone telephone call team teams role roles step steps aspect aspects detail details word words
    news story stories article articles media reporter reporters journalist journalists press
    he she they it we i you him them us me who whom one ones""".split()
)

# heads that describe a person's role: such phrases name actors ("deputy foreign minister"), not stories
ROLE_WORDS = frozenset(
    """minister president premier envoy ambassador spokesman spokeswoman spokesperson adviser advisor
    director chief head secretary general commander officer official chairman chairwoman chair deputy
    governor mayor senator lawmaker diplomat king queen prince emir sheikh pope cardinal bishop
    correspondent editor columnist analyst expert professor ceo founder executive manager
    researcher scientist economist lawyer activist negotiator mediator
    sgt sergeant lieutenant colonel captain major corporal private admiral marshal gen col lt maj""".split()
)

# modifiers that add no topic to a generic noun ("regional issues", "current developments")
GENERIC_MODIFIERS = frozenset(
    """regional international current topical key recent new further possible main major general specific
    particular important significant top local various wider broader latest ongoing continued unusual
    similar different certain whole entire overall future past present early late high low big small large
    good bad great serious clear full real""".split()
)

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
    return bool(re.fullmatch(r"[\d.,%]+(?:st|nd|rd|th|s)?", word))


def singular(word: str) -> str:
    """Singular of an English noun (rule based, good enough for head nouns)."""
    w = word
    if len(w) <= 3 or w in PLURALIA or w in NOT_PLURAL or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "zes", "sses")):
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

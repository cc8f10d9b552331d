"""Line-level boilerplate rules: what a scraped line is when it is not article text.

The patterns are classes of site furniture kept in data files
(``brief/lexicon/en/boilerplate.tsv``, ``boilerplate_weak.tsv``, ``credits.tsv``,
``header.tsv``); this module only applies them.  Every rule is general (position,
repetition, length, function-word density, phrase classes); none names a site or story.
"""

from __future__ import annotations

import re
from functools import lru_cache

from justext import get_stoplist

from brief.ingest.common import is_chrome_line
from brief.lexicon import alternation, pattern, patterns, words as lexicon_words

# function words: jusText's English stop list (the same list its paragraph classifier scores with)
STOPWORDS: frozenset[str] = frozenset(get_stoplist("English"))

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’\-]*")
TERMINAL = tuple('.!?"”’\')»…:;')
TEASER_END = re.compile(r"(?:…|\.\.\.)\s*$")
LOREM = pattern("filler", "lorem")

# the longest line (in words) each boilerplate class may take; longer lines are prose that mentions the words
MAX_WORDS = {"caption": 90, "related-posts": 30, "share": 16, "ad": 30, "consent": 45, "donation": 30,
             "newsletter": 30, "login-wall": 30, "comments": 60, "legal": 40, "stamp": 30, "teaser": 24, "chrome": 16}
SPOKEN_KINDS = {"donation"}  # appeals that people also make in quoted speech ("we need your help")
QUOTE = re.compile(r"[\"“”]|``")
WEAK_MAX_WORDS = 10  # a weak cue marks a line on its own only when the line is this short
BLOCK_WEAK_MAX_WORDS = 25  # ... or this short when it stands next to boilerplate of a block kind


def _top_level_alternatives(pattern: str) -> list[str]:
    """``pattern`` split at its top-level ``|`` (outside groups, classes and escapes)."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def _prefilter(rx: re.Pattern[str]) -> re.Pattern[str]:
    """A looser regex that matches wherever ``rx`` does: each alternative without its leading word boundary.

    A leading ``\\b`` keeps the regex engine from skipping ahead to the first letter; the loose regex
    rules most lines out several times faster, and only the lines it lets through meet ``rx`` itself.
    """
    alts = [a[2:] if a.startswith("\\b") else a for a in _top_level_alternatives(rx.pattern)]
    return re.compile("|".join(alts), rx.flags)


class _Gated:
    """A regex searched only where its prefilter matched (same results as the regex alone)."""

    def __init__(self, rx: re.Pattern[str]):
        self.rx, self.gate, self.pattern, self.flags = rx, _prefilter(rx), rx.pattern, rx.flags

    def search(self, s: str) -> re.Match[str] | None:
        return self.rx.search(s) if self.gate.search(s) else None


def _grouped(name: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for kind, rx in patterns(name):
        out.setdefault(kind, []).append(_Gated(rx))
    return out


def _by_kind(name: str) -> tuple[tuple[str, _Gated], ...]:
    """The patterns of one file merged into one regex a kind, in the order the kinds first appear.

    A case-insensitive file (its patterns are written in lower case) is compiled case-sensitive and
    searched in the lower-cased line: the same matches, several times faster.
    """
    merged: dict[str, list[re.Pattern[str]]] = {}
    for kind, rx in patterns(name):
        merged.setdefault(kind, []).append(rx)
    return tuple((kind, _Gated(re.compile("|".join(a for rx in rxs for a in _top_level_alternatives(rx.pattern)),
                                         rxs[0].flags & ~re.IGNORECASE)))
                 for kind, rxs in merged.items())


BOILERPLATE = _by_kind("boilerplate")  # searched in the lower-cased line
WEAK = _by_kind("boilerplate_weak")  # searched in the lower-cased line
CREDITS = _by_kind("credits")  # case-sensitive
HEADER = _grouped("header")
UI_WORDS = lexicon_words("ui_words")


def header_match(kind: str, s: str) -> re.Match[str] | None:
    for rx in HEADER.get(kind, []):
        m = rx.search(s)
        if m:
            return m
    return None


def words(s: str) -> list[str]:
    return _WORD.findall(s)


def stopword_ratio(s: str) -> float:
    ws = words(s)
    if not ws:
        return 0.0
    return sum(1 for w in ws if w.lower() in STOPWORDS) / len(ws)


def content_words(s: str) -> set[str]:
    return {w.lower().strip("'’") for w in words(s) if len(w) > 2 and w.lower() not in STOPWORDS}


def norm(s: str) -> str:
    """Comparison form of a line: lowercase, single spaces, credits and trailing punctuation removed."""
    s = _strip_credit(s)
    s = re.sub(r"\s+", " ", s).strip().lower()
    return s.rstrip(" .")


def _strip_credit(s: str) -> str:
    low = s.lower()
    for kind, rx, text in [(k, rx, s) for k, rx in CREDITS] + [(k, rx, low) for k, rx in BOILERPLATE]:
        if kind == "caption" and len(text) == len(s):
            m = rx.search(text)
            if m and m.start() > 0:
                return s[: m.start() + (1 if s[m.start()] in ".!?)”\"" else 0)]
    return s


def is_sentence_like(s: str) -> bool:
    """Ends like prose (terminal punctuation or a closing quote)."""
    return s.rstrip().endswith(TERMINAL)


def is_body(s: str) -> bool:
    """A line that reads as article prose: ends like a sentence, six words or more, not a cut teaser."""
    return is_sentence_like(s) and not TEASER_END.search(s) and len(s.split()) >= 6


def is_caption(s: str) -> bool:
    low = s.lower()
    return any(kind == "caption" and rx.search(s) for kind, rx in CREDITS) \
        or any(kind == "caption" and rx.search(low) for kind, rx in BOILERPLATE)


def is_filler(s: str) -> bool:
    """Placeholder or generated filler text: lorem ipsum, or long prose with almost no function words."""
    if LOREM.search(s):
        return True
    ws = words(s)
    if len(ws) < 20 and len(re.findall(r"[.!?](?:\s|$)", s)) < 2:  # one short sentence can be terse prose
        return False
    if re.search(r"\d", s) or re.search(r"[\"“”]", s):
        return False
    if stopword_ratio(s) >= 0.2:
        return False
    # few capitalised words inside sentences (no names): generic business-speak
    inner_caps = sum(1 for i, w in enumerate(ws) if i and w[:1].isupper() and not s[max(0, s.find(w) - 2):s.find(w)].strip().endswith("."))
    return inner_caps <= len(ws) * 0.1


# a word of a person's name: capitalised, an initial, or a particle ("von", "bin")
_NAME_PART = re.compile(r"[A-Z][a-z\u00c0-\u024f'’\-]+|[A-Z]\.?|" + alternation("name_particles"))


def looks_like_name(s: str) -> bool:
    """A bare person name line ("Jane Q. Doe")."""
    ws = s.split()
    if not 2 <= len(ws) <= 4 or is_sentence_like(s) and not s.endswith("."):
        return False
    return all(_NAME_PART.fullmatch(w) for w in ws)


def is_ui_run(s: str) -> bool:
    """A short line made only of interface words ("Comment Print Share")."""
    ws = re.findall(r"[^\s|•·/]+", s.lower())
    return 0 < len(ws) <= 6 and all(w.strip(".,:;!?()") in UI_WORDS for w in ws)


def weak_kind(s: str) -> str | None:
    low = s.lower()
    for kind, rx in WEAK:
        if rx.search(low):
            return kind
    return None


@lru_cache(maxsize=4096)
def _number_words_to_digits(s: str) -> str:
    from text_to_num import alpha2digit

    try:
        return alpha2digit(s, "en", threshold=0)
    except Exception:  # text2num is strict about odd input; the line is then read as it is
        return s


def is_timestamp(s: str) -> bool:
    """A relative stamp ("2 hours ago", "two days ago", "yesterday")."""
    if len(s.split()) > 8:
        return False
    if header_match("timestamp", s):
        return True
    if re.search(r"\bago\b", s, re.I) and not re.search(r"\d", s):
        return bool(header_match("timestamp", _number_words_to_digits(s)))
    return False


def classify(s: str) -> str | None:
    """The boilerplate kind of one line on its own, or None (context rules come later)."""
    n_words = len(s.split())
    if is_timestamp(s):
        return "timestamp"
    if n_words <= 6 and is_ui_run(s):
        return "chrome"
    for kind, rx in CREDITS:
        if n_words <= MAX_WORDS["caption"] and rx.search(s):
            return "caption"
    low = s.lower()
    quoted = bool(QUOTE.search(s))
    for kind, rx in BOILERPLATE:
        if n_words <= MAX_WORDS.get(kind, 30) and not (quoted and kind in SPOKEN_KINDS) and rx.search(low):
            return kind
    if n_words <= 6 and is_chrome_line(s):
        return "chrome"
    if n_words <= WEAK_MAX_WORDS and not is_body(s):  # a sentence with a weak cue needs boilerplate beside it
        kind = weak_kind(s)
        if kind:
            return kind
    if n_words <= 30 and header_match("author-blurb", s) and not re.search(r"[\"“”]", s):
        return "author-blurb"
    if n_words <= 20 and header_match("contributors", s):
        return "contributors"
    if is_filler(s):
        return "filler"
    return None

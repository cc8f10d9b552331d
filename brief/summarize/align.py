"""Citation alignment: which source sentences support a sentence of the brief.

A brief sentence is supported by a source sentence when most of its content
words occur there (recall of the brief sentence's content words) *and* the
facts that must never drift -- names, numbers and dates -- agree.  Everything
here is plain token arithmetic (no model), deterministic and fast enough to
compare every brief sentence with every source sentence of a corpus through an
inverted index.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from brief.lexicon import data as lexicon_data, entries as lexicon_entries, words as lexicon_words
from brief.model import Citation, Document

try:  # spaCy's list is the best we have; fall back to a short one
    from spacy.lang.en.stop_words import STOP_WORDS as _SPACY_STOP
except Exception:  # pragma: no cover - spaCy is a hard dependency
    _SPACY_STOP = set()

STOP_WORDS = frozenset(w.lower() for w in _SPACY_STOP) | lexicon_words("align_stop_words")

_CALENDAR = lexicon_data("calendar")
MONTHS = {name: i for i, names in enumerate(_CALENDAR["months"], start=1) for name in names}  # "sept" -> 9
_MONTH_NAMES = {f"m{i}": names[0] for i, names in enumerate(_CALENDAR["months"], start=1)}  # "m9" -> "september"
WEEKDAYS = frozenset(names[0] for names in _CALENDAR["weekdays"])
NEGATIONS = lexicon_words("negations")
RELATIVE_DAYS = frozenset(_CALENDAR["relative_days"])
NUMBER_WORDS: dict[str, str] = lexicon_data("number_words")["numbers"]  # "three" -> "3", "dozens" -> "dozens"
# capitalised words that are not names when they start a sentence
_NOT_NAMES = STOP_WORDS | lexicon_words("sentence_start_words")
_SUFFIXES = lexicon_entries("stem_suffixes")

_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_](?:[\w'’\-]*\w)?", re.UNICODE)


def _stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suf in _SUFFIXES:
        if len(w) - len(suf) >= 3 and w.endswith(suf):
            w = w[: -len(suf)]
            if suf in ("ies", "ied"):
                w += "y"
            elif len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # planned -> plan
            return w
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]  # agree -> agre, like agreed
    return w


def _norm_number(tok: str) -> str:
    t = tok.replace(",", "")
    if t.endswith("."):
        t = t[:-1]
    if re.fullmatch(r"\d+\.0+", t):
        t = t.split(".")[0]
    return t


@dataclass(frozen=True)
class Features:
    """What alignment and the gate look at in one sentence."""

    content: frozenset[str]  # stems of content words
    names: frozenset[str]  # lower-cased capitalised tokens (proper names, demonyms, acronyms)
    numbers: frozenset[str]  # normalised numbers ("1000", "3", "2019")
    dates: frozenset[str]  # month / weekday / relative-day words
    words: frozenset[str]  # every lower-cased token (for name look-up)
    n_tokens: int = 0

    @property
    def negated(self) -> bool:
        return bool(self.words & NEGATIONS) or any(w.endswith(("n't", "n’t")) for w in self.words)


@lru_cache(maxsize=100_000)
def features(text: str) -> Features:
    """Tokens of ``text`` sorted into content words, names, numbers and dates."""
    toks = _TOKEN.findall(text)
    content, names, numbers, dates, words = set(), set(), set(), set(), set()
    sentence_start = True
    for tok in toks:
        low = tok.lower().replace("’", "'")
        words.add(low)
        if low.endswith("'s"):
            words.add(low[:-2])
        if tok[0].isdigit():
            numbers.add(_norm_number(tok))
            sentence_start = False
            continue
        if low in MONTHS and tok[0].isupper():
            dates.add(f"m{MONTHS[low]}")
            sentence_start = False
            continue
        if low in WEEKDAYS or low in RELATIVE_DAYS:
            dates.add(low)
            sentence_start = False
            continue
        if low in NUMBER_WORDS:
            numbers.add(NUMBER_WORDS[low])
        if tok[0].isupper() and len(tok) > 1:
            base = low[:-2] if low.endswith("'s") else low
            if not (sentence_start and base in _NOT_NAMES) and base not in STOP_WORDS:
                names.add(base)
        if low not in STOP_WORDS and len(low) > 2 and low not in NUMBER_WORDS:
            content.add(_stem(low))
        sentence_start = False
    return Features(frozenset(content), frozenset(names), frozenset(numbers), frozenset(dates), frozenset(words), len(toks))


def _name_in(name: str, words: frozenset[str]) -> bool:
    """A name agrees when a source word is the name or starts with it (Israel ~ Israeli)."""
    if name in words:
        return True
    if len(name) < 4:
        return False
    return any(w.startswith(name) for w in words)


def missing_facts(stmt: Features, sources: Iterable[Features]) -> list[str]:
    """Names, numbers and dates of ``stmt`` found in none of ``sources``."""
    srcs = list(sources)
    words = frozenset().union(*(s.words for s in srcs)) if srcs else frozenset()
    numbers = frozenset().union(*(s.numbers for s in srcs)) if srcs else frozenset()
    dates = frozenset().union(*(s.dates for s in srcs)) if srcs else frozenset()
    missing = [n for n in sorted(stmt.names) if not _name_in(n, words)]
    missing += [n for n in sorted(stmt.numbers) if n not in numbers]
    missing += [_MONTH_NAMES.get(d, d) for d in sorted(stmt.dates) if d not in dates]
    return missing


def support(stmt: Features, src: Features) -> float:
    """Share of the statement's content words that the source sentence contains."""
    if not stmt.content:
        return 0.0
    return len(stmt.content & src.content) / len(stmt.content)


def similarity(a: Features, b: Features) -> float:
    """Symmetric content-word overlap (Dice), for redundancy checks."""
    if not a.content or not b.content:
        return 0.0
    return 2 * len(a.content & b.content) / (len(a.content) + len(b.content))


@dataclass
class Match:
    citation: Citation
    support: float
    agrees: bool  # every name, number and date of the statement is in this one sentence


@dataclass
class SourceIndex:
    """Every cleaned sentence of the corpus, indexed by content word."""

    docs: dict[str, Document]
    feats: dict[Citation, Features] = field(default_factory=dict)
    postings: dict[str, set[Citation]] = field(default_factory=lambda: defaultdict(set))
    order: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, docs: Iterable[Document]) -> SourceIndex:
        docs = list(docs)
        idx = cls({d.id: d for d in docs})
        for n, d in enumerate(docs):
            idx.order[d.id] = n
            for s in d.sentences:
                c = Citation(d.id, s.index)
                f = features(s.text)
                idx.feats[c] = f
                for w in f.content:
                    idx.postings[w].add(c)
        return idx

    def text(self, c: Citation) -> str | None:
        d = self.docs.get(c.doc_id)
        if d is None or not (0 <= c.sentence < len(d.sentences)):
            return None
        return d.sentences[c.sentence].text

    def valid(self, c: Citation) -> bool:
        return c in self.feats

    def matches(self, stmt: Features, *, min_support: float = 0.3, within: set[Citation] | None = None) -> list[Match]:
        """Source sentences sharing content with ``stmt``, best first."""
        cands: set[Citation] = set()
        # a sentence that supports the statement shares its rarer words: skip very common ones
        common = max(50, len(self.feats) // 20)
        lists = sorted((self.postings.get(w, set()) for w in stmt.content), key=len)
        for i, p in enumerate(lists):
            if i > 0 and len(p) > common:
                break
            cands |= p
        if within is not None:
            cands &= within
        out = []
        for c in cands:
            f = self.feats[c]
            sup = support(stmt, f)
            if sup < min_support:
                continue
            out.append(Match(c, sup, not missing_facts(stmt, [f])))
        out.sort(key=lambda m: (-m.agrees, -m.support, self.order.get(m.citation.doc_id, 0), m.citation.sentence))
        return out

    def corroborating(self, stmt: Features, *, min_support: float = 0.6, exclude_docs: Iterable[str] = ()) -> list[Citation]:
        """The best agreeing sentence of every other document that tells the same thing."""
        seen = set(exclude_docs)
        out = []
        for m in self.matches(stmt, min_support=min_support):
            if not m.agrees or m.citation.doc_id in seen:
                continue
            seen.add(m.citation.doc_id)
            out.append(m.citation)
        return out

    def align(self, stmt: Features, *, min_support: float = 0.5, prefer: set[Citation] | None = None) -> tuple[list[Citation], float, list[str]]:
        """Citations for a (possibly generated) sentence: (citations, best support, facts left uncovered).

        The best supporting sentence is cited first; sentences that bring facts
        the first one lacks are added (a sentence may fuse two sources); every
        other document that fully agrees is cited as corroboration.
        """
        ms = self.matches(stmt, min_support=min(0.25, min_support))
        if not ms:
            return [], 0.0, missing_facts(stmt, [])
        prefer = prefer or set()
        ms.sort(key=lambda m: (-m.agrees, -(m.support + (0.05 if m.citation in prefer else 0.0)),
                               self.order.get(m.citation.doc_id, 0), m.citation.sentence))
        best = max(ms, key=lambda m: (m.support + (0.05 if m.citation in prefer else 0.0), m.agrees))
        cited = [best.citation]
        missing = missing_facts(stmt, [self.feats[best.citation]])
        for m in ms:  # cover facts the best sentence lacks (a sentence may fuse two sources)
            if not missing:
                break
            if m.citation in cited or m.support < 0.4:
                continue
            now = missing_facts(stmt, [self.feats[c] for c in [*cited, m.citation]])
            if len(now) < len(missing):
                cited.append(m.citation)
                missing = now
        docs = {c.doc_id for c in cited}
        for m in ms:
            if m.agrees and m.support >= max(min_support, 0.6) and m.citation.doc_id not in docs:
                docs.add(m.citation.doc_id)
                cited.append(m.citation)
        return cited, best.support, missing

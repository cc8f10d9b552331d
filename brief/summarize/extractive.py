"""The extractive path: a few salient, non-redundant source sentences per theme.

This is what most users read, so it is built to read well on its own:

* candidates are the sentences that tell the theme's events; boilerplate,
  photo captions, questions, quote fragments, headlines and bylines never
  qualify;
* each candidate is scored (event salience, how central it is to the theme,
  how many outlets corroborate it, lead position, informative density) and a
  few are picked by maximal marginal relevance (MMR) so no two say the same;
* the picked sentences are lightly compressed (datelines, photo credits and
  leading connectives such as "However," are trimmed; an attribution stays as
  it is written) and put in date order (event date, then document order);
* every statement cites its own sentence, every mention of its events that
  carries its names and numbers, and the matching sentence of every other
  outlet that reports the same thing.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from brief.config import BriefConfig
from brief.lexicon import alternation, pattern, words as lexicon_words
from brief.model import Citation, Document, Event, Statement, Theme
from brief.summarize.align import Features, SourceIndex, features, missing_facts, similarity
from brief.summarize.base import Summarizer

# --------------------------------------------------------------------------- filters

# sentence filters (lexicon/en/summary_filters.tsv): site furniture and captions the cleaner left
# inside prose lines are never picked; a sentence pointing back to another does not stand alone
_BOILERPLATE = pattern("summary_filters", "boilerplate")
_CAPTION = pattern("summary_filters", "caption")
_AGENCY_CREDIT = re.compile(r"\b[A-Z]{2,}/[A-Z]{2,}")  # REUTERS/NAME photo credits
_ANAPHORA = pattern("summary_filters", "anaphora")
_URL = re.compile(r"https?://|www\.|\S+@\S+\.\w+")
_PRONOUN_START = lexicon_words("pronoun_starts")

_LEAD_CONNECTIVE = re.compile(
    "^(?:" + alternation("connectives_lead") + r"\b,?|" + alternation("connectives_comma") + r",)\s+", re.IGNORECASE
)
_DATELINE = re.compile(r"^(?:[A-Z][A-Z.'’\- ]{2,40}(?:,\s*[A-Z][A-Za-z.]+)?\s*)?(?:\((?:[A-Za-z .]{2,25})\)\s*)?[-–—]{1,2}\s+")
_WHICH_CLAUSE = re.compile(r"(?<=[a-z])(?:, which [^,;“”\"()]{3,120}),(?= [a-z])")
_CREDIT = pattern("summary_filters", "credit")  # "(Photo: ...)" inside a sentence


def compress(text: str) -> str:
    """Lightly compress a source sentence without adding a word.

    Trims datelines, photo credits and leading connectives; cuts a very long
    sentence at its first semicolon; the attribution is kept as written.
    """
    t = " ".join(text.split())
    t = _CREDIT.sub("", t)
    m = _DATELINE.match(t)
    if m and len(t) - m.end() > 30:
        t = t[m.end():]
    for _ in range(3):
        m = _LEAD_CONNECTIVE.match(t)
        if not m or len(t) - m.end() < 20:
            break
        t = t[m.end():]
    if len(t.split()) > 25:  # drop a non-restrictive "which" clause in mid-sentence
        t2 = _WHICH_CLAUSE.sub("", t, count=1)
        if t2 != t and len(t2.split()) >= 10:
            t = t2
    if len(t.split()) > 35 and ";" in t:
        head = t.split(";", 1)[0].rstrip()
        if len(head.split()) >= 8:
            t = head + "."
    t = t.strip(" -–—")
    if t and t[0].islower():
        t = t[0].upper() + t[1:]
    if t and t[-1] not in ".!?\"”’')":
        t += "."
    return t


_TITLE_ABBREV = re.compile(r"(?:^|[\s(\-])" + alternation("title_abbreviations") + r"\.$")  # "Gen." ends no sentence


def continues_previous(doc: Document, index: int) -> bool:
    """Whether sentence ``index`` is the tail of a sentence split after a title ("Maj.-Gen. | Name ...")."""
    if index <= 0 or index >= len(doc.sentences):
        return False
    return bool(_TITLE_ABBREV.search(doc.sentences[index - 1].text.rstrip()))


def _quote_share(t: str) -> float:
    spans = re.findall(r"[“\"]([^”\"]*)[”\"]", t)
    return sum(len(s) for s in spans) / max(1, len(t))


def quality(raw: str, text: str) -> float:
    """How well ``text`` (compressed from ``raw``) reads as a statement of the brief; 0 = never."""
    words = text.split()
    n = len(words)
    if n < 6 or n > 70:
        return 0.0
    if "?" in text or _URL.search(raw) or _BOILERPLATE.search(raw) or _CAPTION.search(raw) or _AGENCY_CREDIT.search(raw):
        return 0.0
    if not raw.rstrip().endswith((".", "!", "\"", "”", "’", "'", ")")):
        return 0.0  # headline, label or cut-off fragment
    if raw.lstrip()[:1].islower() or raw.lstrip()[:1] in "…,;:)":
        return 0.0  # a fragment left by a bad sentence split
    if text.count("“") != text.count("”") or text.count('"') % 2:
        return 0.0  # quote fragment
    if re.match(r"^by\s+[A-Z]", raw.strip()) and n < 12:
        return 0.0  # byline
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    if long_words and sum(w[0].isupper() for w in long_words) / len(long_words) > 0.7:
        return 0.0  # Title Case headline
    f = features(text)
    if len(f.content) < 4:
        return 0.0
    q = 1.0
    if words[0].lower().strip("“\"'") in _PRONOUN_START:
        q *= 0.35  # does not stand on its own
    if _ANAPHORA.search(" ".join(words[:8])):
        q *= 0.7  # leans on context the reader of the brief does not have ("the two", "at the time")
    share = _quote_share(text)
    if share > 0.6:
        q *= 0.6  # mostly a quotation: prefer declarative reporting
    if n > 45:
        q *= 0.7
    elif n < 10:
        q *= 0.8
    return q


# --------------------------------------------------------------------------- candidates


@dataclass
class Candidate:
    citation: Citation  # the sentence the text comes from
    text: str
    feats: Features
    citations: list[Citation]
    event_ids: list[str]
    score: float
    date: dt.date | None
    order: tuple = field(default_factory=tuple)

    corroborated: bool = False

    def statement(self, theme_id: str | None, origin: str = "extractive", index: SourceIndex | None = None) -> Statement:
        if index is not None and not self.corroborated:
            self.citations += index.corroborating(self.feats, exclude_docs={c.doc_id for c in self.citations})
            self.corroborated = True
        return Statement(self.text, list(self.citations), origin, list(self.event_ids), theme_id)


def _theme_terms(theme: Theme) -> set[str]:
    terms: set[str] = set()
    for phrase in [*theme.entities, *theme.keyphrases, theme.label]:
        f = features(phrase or "")
        terms |= f.content | f.names
    return terms


def cite(primary: Citation, text_feats: Features, events: list[Event], index: SourceIndex,
         *, corroborate: bool = True) -> list[Citation]:
    """The primary sentence, agreeing mentions of its events, and (optionally) corroborating outlets."""
    out = [primary]
    for ev in events:
        for c in ev.mentions:
            if c in out or not index.valid(c):
                continue
            if not missing_facts(text_feats, [index.feats[c]]):
                out.append(c)
    if corroborate:
        out += index.corroborating(text_feats, exclude_docs={c.doc_id for c in out})
    return out


def theme_candidates(theme: Theme, events: dict[str, Event], index: SourceIndex, *, relaxed: bool = False) -> list[Candidate]:
    """Every usable sentence that tells one of the theme's events, scored."""
    evs = [events[e] for e in theme.event_ids if e in events]
    by_cit: dict[Citation, list[Event]] = {}
    for ev in evs:
        for c in ev.mentions:
            if index.valid(c):
                by_cit.setdefault(c, []).append(ev)
    if not by_cit:
        return []
    max_sal = max((ev.salience for ev in evs), default=0.0) or 1.0
    terms = _theme_terms(theme)
    seen_text: dict[str, Candidate] = {}
    out: list[Candidate] = []
    for c, cevs in by_cit.items():
        raw = index.text(c) or ""
        text = compress(raw)
        q = quality(raw, text)
        fragment = continues_previous(index.docs[c.doc_id], c.sentence) or bool(_TITLE_ABBREV.search(raw.rstrip()))
        if fragment:
            q = 0.0
        if q == 0.0:
            if not relaxed or fragment or _BOILERPLATE.search(raw) or _CAPTION.search(raw) or "?" in raw or len(text.split()) < 5:
                continue
            if text.count("“") != text.count("”") or text.count('"') % 2 or re.search(r"\(\w{1,5}\.\)$", raw.rstrip()):
                continue  # a quotation cut by a bad split, or a sentence cut after "(res.)"

            q = 0.3
        key = text.lower()
        f = features(text)
        doc = index.docs[c.doc_id]
        if key in seen_text:  # the same sentence printed by two outlets: one candidate
            continue
        cits = cite(c, f, cevs, index, corroborate=False)  # other outlets are searched once picked
        n_docs = len({x.doc_id for x in cits})
        sal = max(ev.salience for ev in cevs) / max_sal
        central = len((f.content | f.names) & terms) / max(1, min(len(terms), 5))
        corroboration = min(1.0, math.log2(n_docs) / 2) if n_docs > 1 else 0.0
        position = 1.0 / (1.0 + 0.08 * c.sentence)
        density = fact_density(text, f)
        score = q * (0.25 * sal + 0.2 * min(1.0, central) + 0.15 * corroboration + 0.1 * position + 0.3 * density)
        dates = [ev.date for ev in cevs if ev.date]
        date = min(dates) if dates else doc.published
        cand = Candidate(
            c, text, f, cits, [ev.id for ev in cevs], score, date,
            (date is None, date or dt.date.max, index.order.get(c.doc_id, 0), c.sentence),
        )
        seen_text[key] = cand
        out.append(cand)
    return out


_SHORT_QUOTE = re.compile(r"[“\"]([^”\"]{3,60})[”\"]")


def fact_density(text: str, f: Features) -> float:
    """0..1: how many checkable facts a sentence carries -- figures, names, dates, and short
    quoted words (the phrases sources put in quotation marks: a verdict, a warning)."""
    quotes = len(_SHORT_QUOTE.findall(text))
    return min(1.0, (len(f.names) + 1.5 * len(f.numbers) + len(f.dates) + 1.5 * quotes) / 6)


def mmr(cands: list[Candidate], n: int, *, lam: float = 0.7, max_sim: float = 0.45,
        avoid: list[Features] | None = None) -> list[Candidate]:
    """Pick up to ``n`` candidates by maximal marginal relevance; never two that say the same."""
    avoid = list(avoid or [])
    chosen: list[Candidate] = []
    pool = sorted(cands, key=lambda c: (-c.score, c.order))
    while pool and len(chosen) < n:
        best, best_v = None, -math.inf
        for c in pool:
            red = max([similarity(c.feats, s.feats) for s in chosen] + [similarity(c.feats, a) for a in avoid] + [0.0])
            if red > max_sim:
                continue
            v = lam * c.score - (1 - lam) * red
            if v > best_v:
                best, best_v = c, v
        if best is None:
            break
        chosen.append(best)
        pool.remove(best)
    return chosen


def date_order(cands: list[Candidate]) -> list[Candidate]:
    return sorted(cands, key=lambda c: c.order)


class ExtractiveSummarizer(Summarizer):
    """Few high-salience, non-redundant source sentences per theme, each cited."""

    kind = "extractive"

    def pick(self, theme: Theme, events: dict[str, Event], index: SourceIndex, n: int,
             used: list[Features]) -> list[Candidate]:
        cands = theme_candidates(theme, events, index)
        chosen = mmr(cands, n, avoid=used)
        if not chosen:  # everything strong was said already, or nothing reads well: relax
            cands = theme_candidates(theme, events, index, relaxed=True)
            chosen = mmr(cands, min(n, 2), avoid=used) or mmr(cands, 1)
        return date_order(chosen)

    def summarize_themes(self, themes, events, docs, config: BriefConfig, progress=None, index: SourceIndex | None = None):
        index = index or SourceIndex.build(docs.values())
        n = max(1, config.summary_sentences)
        used: list[Features] = []
        out: dict[str, list[Statement]] = {}
        for k, i in enumerate(range(len(themes))):  # ranked by the group stage: the first theme gets first pick
            t = themes[i]
            chosen = self.pick(t, events, index, n, used)
            used += [c.feats for c in chosen]
            out[t.id] = [c.statement(t.id, index=index) for c in chosen]
            if progress:
                progress("summarize", k + 1, len(themes))
        return [out[t.id] for t in themes]

"""Label candidates and the corpus-wide counts behind them (:class:`LabelContext`).

General rules only (no corpus words):

* a candidate is a key phrase used by the theme's events; its *family* is the phrase
  and every longer phrase that contains all its content words ("de-escalation zone"
  gains from "southern de-escalation zone");
* score = theme events using the family x specificity (the share of the corpus uses
  that fall in this theme) x document spread x a multi-word bonus, with penalties for
  abstract heads ("value", "access", "issue"), bare single words, and one-offs (a
  phrase used by one event only);
* the headlines of the documents a theme owns add their noun chunks and core clauses
  (:mod:`brief.group.headline`), parsed once.

:mod:`brief.group.naming` names the themes from these candidates; :mod:`brief.group.fallback`
builds a label for a theme it could not name.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from brief import lexicon
from brief.group.graph import CoMention
from brief.group.headline import core_clauses
from brief.group.phrases import DETERMINERS, GENERIC_WORDS, content_tokens, fold, normalise, singular
from brief.model import Event

LOCATION_LABELS = ("GPE", "LOC", "FAC")
OTHER_LABEL = "Other developments"

# heads that name an abstraction or a bare quantity, not a story ("shared values", "real-time access")
ABSTRACT_HEADS = frozenset(lexicon.data("phrase_words")["abstract_heads"])
SINGLE_WORD = 0.45  # a bare word says less than a phrase
ABSTRACT = 0.35
ONE_OFF = 0.35  # used by one event only
SECOND_MIN = 0.7  # a second phrase joins the label when it scores at least this share of the first
PLACE_MIN_LIFT = 2.0
PLACE_MIN_SHARE = 0.5  # of the events that use the main phrase
MAX_WORDS = 8
TOKEN_WEIGHT = 0.5
HEADLINE_OWN = 0.3  # a theme "owns" a headline when it holds at least this share of the document's events
HEADLINE_BONUS = 2.0  # a candidate whose words are in an owned headline scores up to (1 + this) times more
COMMON_HEADLINE_SHARE = 0.5  # a word in at least this share of the headlines names no single story


def _words(key: str) -> list[str]:
    """Topic words of a phrase, short ones included ("dam"), generic ones left out."""
    out = []
    for w in key.split(" "):
        base = singular(fold(w))
        if len(base) >= 3 and base not in GENERIC_WORDS and singular(w) not in GENERIC_WORDS and w not in DETERMINERS:
            if base not in out:
                out.append(base)
    return out


def headline_tokens(title: str) -> list[str]:
    """Content tokens of a headline, in the form :func:`content_tokens` gives phrase words."""
    words = [w for w in re.split(r"[^\w'’-]+", (title or "").lower()) if w]
    return content_tokens(" ".join(w.strip("'’-") for w in words if w.strip("'’-")))


def _specificity(ev_n: Counter, docs: dict[str, set[str]], corpus: Counter, many_docs: bool) -> dict[str, float]:
    """Per word: theme events using it x the share of its corpus uses in the theme x document spread."""
    return {
        t: n * (n / max(n, corpus.get(t, n))) * ((1.0 + 0.5 * (len(docs[t]) - 1)) if many_docs else 1.0)
        for t, n in ev_n.items()
    }


@dataclass(frozen=True)
class Candidate:
    key: str
    score: float
    tokens: frozenset
    docs: int = 1
    base: float = -1.0  # score without the headline bonus (-1: same as score)
    headline: bool = False  # a noun chunk of a headline, not a key phrase of the events
    surface: str = ""  # the headline's wording, for a headline chunk

    @property
    def plain(self) -> float:
        return self.score if self.base < 0 else self.base


class LabelContext:
    """Corpus-wide counts the labeller needs, computed once per corpus."""

    def __init__(self, cm: CoMention, events: list[Event], doc_of: dict[str, str], headlines: dict[str, str] | None = None):
        self.cm = cm
        self.doc_of = doc_of
        # headline content words per (original) document: editors name the story there
        self.headline_tokens: dict[str, frozenset] = {}
        self.headlines = {doc_of.get(d, d): t for d, t in sorted((headlines or {}).items()) if t}
        self._chunks: dict[str, list[tuple[str, str]]] = {}
        self._parsed: dict = {}
        self._common: set[str] | None = None
        for d, title in sorted((headlines or {}).items()):
            toks = frozenset(headline_tokens(title))
            if toks:
                self.headline_tokens[doc_of.get(d, d)] = toks
        self.doc_events: Counter = Counter()
        for e in events:
            self.doc_events.update({doc_of.get(c.doc_id, c.doc_id) for c in e.mentions})
        self.phrases_of: dict[str, list[str]] = {}
        self.corpus_ev: Counter = Counter()
        for e in events:
            ps = [n for n in dict.fromkeys(cm.event_nodes.get(e.id, ())) if cm.kind.get(n) == "keyphrase"]
            self.phrases_of[e.id] = ps
            self.corpus_ev.update(ps)
        self.tokens = {p: frozenset(content_tokens(p)) for p in self.corpus_ev}
        # family: phrase -> longer phrases holding all its content words
        by_token: dict[str, set[str]] = defaultdict(set)
        for p, toks in self.tokens.items():
            for t in toks:
                by_token[t].add(p)
        self.family: dict[str, frozenset] = {}
        for p, toks in self.tokens.items():
            if not toks:
                self.family[p] = frozenset({p})
                continue
            sets = [by_token[t] for t in sorted(toks, key=lambda t: len(by_token[t]))]
            members = set(sets[0])
            for s in sets[1:]:
                members &= s
            self.family[p] = frozenset(members | {p})
        self.token_corpus: Counter = Counter()
        for e in events:
            self.token_corpus.update({t for p in self.phrases_of[e.id] for t in self.tokens[p]})
        self.word_corpus: Counter = Counter()
        for e in events:
            self.word_corpus.update({t for p in self.phrases_of[e.id] for t in _words(p)})
        # events using each phrase, then each family's events as the union of its members' (no event x phrase scan)
        self.events_of: dict[str, set[str]] = defaultdict(set)
        for e in events:
            for p in self.phrases_of[e.id]:
                self.events_of[p].add(e.id)
        self.family_corpus = {p: self._events_with(p) for p in self.corpus_ev}

    def _events_with(self, p: str) -> int:
        fam = self.family[p]
        if len(fam) == 1:
            return len(self.events_of.get(p, ()))
        return len(set().union(*(self.events_of.get(q, set()) for q in fam)))

    def candidates(self, evs: list[Event], allowed: set[str] | None = None) -> list[Candidate]:
        """Key phrases of a theme, best label first."""
        used: Counter = Counter()
        docs_of: dict[str, set[str]] = defaultdict(set)
        theme_events_of: dict[str, set[str]] = defaultdict(set)
        for e in evs:
            ds = {self.doc_of.get(c.doc_id, c.doc_id) for c in e.mentions}
            for p in self.phrases_of.get(e.id, ()):
                used[p] += 1
                docs_of[p] |= ds
                theme_events_of[p].add(e.id)
        theme_docs = set().union(*docs_of.values()) if docs_of else set()
        many_docs = len(theme_docs) > 1
        # content words: how many of the theme's events use them, how specific they are to it, in how many documents
        tok_ev, tok_docs = self._theme_counts(evs, lambda p: self.tokens.get(p, ()))
        tok_score = _specificity(tok_ev, tok_docs, self.token_corpus, many_docs)
        word_ev: Counter = Counter()
        for e in evs:
            word_ev.update({t for p in self.phrases_of.get(e.id, ()) for t in _words(p)})
        owned = self.owned_headlines(evs)
        out = []
        for p in sorted(used):
            if allowed is not None and p not in allowed and used[p] < 2:
                continue
            members = [q for q in self.family[p] if q in theme_events_of]
            fam_events = len(set().union(*(theme_events_of[q] for q in members)))
            fam_docs: set[str] = set().union(*(docs_of[q] for q in members))
            spec = fam_events / max(1, self.family_corpus.get(p, fam_events))
            score = fam_events * spec * ((1.0 + 0.5 * (len(fam_docs) - 1)) if many_docs else 1.0)
            score = self._phrase_score(p, score, tok_score, word_ev, one_off=used[p] < 2 and fam_events < 2)
            toks = self.tokens.get(p, frozenset())
            base = score
            if owned and toks:
                score *= 1.0 + HEADLINE_BONUS * max(w * len(toks & h) / len(toks) for h, w, _ in owned)
            out.append(Candidate(p, score, self.tokens.get(p, frozenset()), len(fam_docs), base))
        if owned:
            out += self._headline_candidates(evs, owned, {c.key for c in out}, many_docs)
        out.sort(key=lambda c: (-c.score, c.key))
        return out

    def _theme_counts(self, evs: list[Event], units) -> tuple[Counter, dict[str, set[str]]]:
        """Per unit (``units(phrase)``: its tokens or words): the theme's events using it, and their documents."""
        ev_n: Counter = Counter()
        docs: dict[str, set[str]] = defaultdict(set)
        for e in evs:
            us = {t for p in self.phrases_of.get(e.id, ()) for t in units(p)}
            ev_n.update(us)
            ds = {self.doc_of.get(c.doc_id, c.doc_id) for c in e.mentions}
            for t in us:
                docs[t] |= ds
        return ev_n, docs

    def _phrase_score(self, p: str, score: float, tok_score: dict[str, float], word_ev: Counter, one_off: bool) -> float:
        """A key phrase's family score with the shared-word bonus and the penalties of the module docstring."""
        words = p.split(" ")
        toks = self.tokens.get(p, frozenset())
        pw = _words(p)
        if toks:
            # words this phrase shares with the rest of the theme ("border shooting" <- "border clash");
            # every topic word counts in the divisor, short ones too ("jet fuel" is not all "fuel")
            score += TOKEN_WEIGHT * sum(tok_score.get(t, 0.0) for t in toks) / math.sqrt(max(len(toks), len(pw)))
        if len(pw) >= 2:
            # an incidental modifier: one word of the phrase is used by far fewer of the theme's events
            # than another ("jet fuel" when "fuel" is in most events and "jet" in two)
            support = [word_ev.get(t, 0) for t in pw]
            score *= math.sqrt(max(1, min(support)) / max(1, max(support)))
        score *= 1.0 + 0.15 * min(2, len(words) - 1)
        if len(words) == 1:
            score *= SINGLE_WORD  # (make_label shows a bare word in its longer form where the theme has one)
        if words[-1] in ABSTRACT_HEADS:
            score *= ABSTRACT
        if one_off:
            score *= ONE_OFF
        if not self.tokens.get(p):
            score *= 0.5
        return score

    def _headline_candidates(self, evs: list[Event], owned: list, known: set[str], many_docs: bool) -> list[Candidate]:
        """Noun chunks of the theme's owned headlines that name the theme's words (``known`` keys skipped)."""
        cm = self.cm
        theme_names = {n for e in evs for n in cm.event_nodes.get(e.id, ()) if cm.kind.get(n) == "entity"}
        persons = {n.lower() for n in cm.entity_label if cm.entity_label.get(n) == "PERSON"}
        w_ev, w_docs = self._theme_counts(evs, _words)
        w_score = _specificity(w_ev, w_docs, self.word_corpus, many_docs)
        best_w = max(w_score.values(), default=0.0)
        # the theme's main words: a headline chunk naming one of them may add the editor's own word
        # ("fuel" in most events -> "fuel rationing" from the headline)
        top_words = {t for t, v in w_score.items() if v >= 0.6 * best_w and w_ev[t] >= max(2, 0.3 * len(evs))}
        name_words = {t for n in theme_names if cm.entity_label.get(n) != "PERSON" for t in _words(n.lower())}
        out = []
        for _, w, doc in owned:
            for key, surface in self.headline_chunks(doc):
                words = _words(key)
                inside = [t for t in words if w_score.get(t, 0.0) > 0]
                if key in known or len(surface.split()) < 2 or not inside or 2 * len(inside) < len(words):
                    continue
                editorial = [t for t in words if t not in w_score and t not in name_words]
                if editorial and not (top_words & set(words) and len(surface.split()) <= 3):
                    continue  # a word the theme never uses, unless a short chunk names the theme's main word
                low = f" {surface.lower()} "
                if any(f" {x} " in low for x in persons) or key.split(" ")[-1] in ABSTRACT_HEADS:
                    continue
                if any(f" {h.lower()} " in low or f" {h.lower()}'" in low for h in cm.hubs) or "'s " in low or "’s " in low:
                    continue  # the corpus-wide actors name every story, not this one
                if not any(t not in name_words for t in inside):
                    continue
                # the editor's own word ("rationing") neither adds nor dilutes
                base = sum(w_score[t] for t in inside) / math.sqrt(len(words) - len(editorial)) * (1.0 + 0.15 * min(2, len(words) - 1))
                score = base * (1.0 + HEADLINE_BONUS * w)
                known.add(key)
                docs_n = len({d for t in inside for d in w_docs[t]})
                out.append(Candidate(key, score, frozenset(content_tokens(key)), docs_n, base, True, surface))
        return out

    def owned_headlines(self, evs: list[Event]) -> list[tuple[frozenset, float, str]]:
        """(headline words, weight) of the documents most of whose events are in this theme."""
        per_doc: Counter = Counter()
        for e in evs:
            per_doc.update({self.doc_of.get(c.doc_id, c.doc_id) for c in e.mentions})
        out = []
        for d, n in sorted(per_doc.items()):
            share = n / max(1, self.doc_events.get(d, n))
            if d in self.headline_tokens and share >= HEADLINE_OWN and n >= 2:
                out.append((self.headline_tokens[d], share, d))
        return out

    def parsed(self, doc: str):
        """The spaCy parse of a document's headline (parsed once), or None."""
        if doc not in self._parsed:
            title = self.headlines.get(doc, "")
            if title:
                from brief.nlp import get_nlp

                self._parsed[doc] = get_nlp()(title)
            else:
                self._parsed[doc] = None
        return self._parsed[doc]

    def common_word(self, word: str) -> bool:
        """A word most headlines use, or a word of a corpus-wide actor: it names no single story."""
        if self._common is None:
            df: Counter = Counter()
            for title in self.headlines.values():
                df.update(set(content_tokens(title.lower())))
            n = max(1, len(self.headlines))
            self._common = {w for w, k in df.items() if n >= 4 and k / n >= COMMON_HEADLINE_SHARE}
            self._common |= {t for h in self.cm.hubs for t in content_tokens(h.lower())}
        toks = content_tokens(word.lower())
        return bool(toks) and all(t in self._common for t in toks)

    def headline_clauses(self, doc: str) -> list[str]:
        """Core clauses of a document's headline (see :mod:`brief.group.headline`)."""
        parsed = self.parsed(doc)
        return core_clauses(parsed, self.common_word) if parsed is not None else []

    def headline_chunks(self, doc: str) -> list[tuple[str, str]]:
        """(normalised key, surface) of the noun chunks of a document's headline (parsed once)."""
        if doc not in self._chunks:
            out: list[tuple[str, str]] = []
            parsed = self.parsed(doc)
            if parsed is not None:
                chunks = list(parsed.noun_chunks)
                spans = [(c.start, c.end) for c in chunks]
                for a, b in zip(chunks, chunks[1:]):
                    # "clash at the border crossing": a chunk and the prepositional chunk right after it
                    if b.start == a.end + 1 and parsed[a.end].pos_ == "ADP":
                        spans.append((a.start, b.end))
                for i, j in spans:
                    text = parsed[i:j].text
                    key = normalise(text) if j - i <= 6 else None
                    if key:
                        out.append((key, text))
            self._chunks[doc] = out
        return self._chunks[doc]

    def place(self, evs: list[Event], main: Candidate) -> str | None:
        """A place typical of the main phrase's events (see the module docstring), or None."""
        cm = self.cm
        hubs = set(cm.hubs)
        fam = self.family.get(main.key, frozenset({main.key}))
        with_main = [e for e in evs if any(q in fam for q in self.phrases_of.get(e.id, ()))]
        if len(with_main) < 2:
            return None
        theme_docs = {self.doc_of.get(c.doc_id, c.doc_id) for e in evs for c in e.mentions}
        tf: Counter = Counter()
        docs: dict[str, set[str]] = defaultdict(set)
        for e in with_main:
            for n in dict.fromkeys(cm.event_nodes.get(e.id, ())):
                if cm.kind.get(n) == "entity" and cm.entity_label.get(n) in LOCATION_LABELS and n not in hubs:
                    tf[n] += 1
                    docs[n] |= {self.doc_of.get(c.doc_id, c.doc_id) for c in e.mentions}
        scores = {}
        for n, c in tf.items():
            share = c / len(with_main)
            lift = share / max(cm.df[n] / cm.n_contexts, 1e-9)
            if c >= 2 and share >= PLACE_MIN_SHARE and lift >= PLACE_MIN_LIFT and (len(theme_docs) < 2 or len(docs[n]) >= 2):
                scores[n] = c * math.sqrt(lift)
        return min(scores, key=lambda n: (-scores[n], n)) if scores else None

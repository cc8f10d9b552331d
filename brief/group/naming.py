"""Theme labels by class-based tf-idf (c-TF-IDF, as BERTopic scores topic words).

Every theme is one "class document": the key phrases its events use and the noun
chunks of the headlines it owns (documents most of whose events it holds).  A word
scores ``tf(word, theme) * log(1 + A / f(word))`` -- frequent in this theme, rare in
the others (``A``: the mean number of words per theme, ``f``: the word's count over
all themes) -- so the words every story shares (the main actors, the subject of the
whole corpus) name none of them.  A candidate phrase scores the mean of its words,
times how many of the theme's events use it; a phrase of the theme's most central
event is preferred.

A label is 2-6 words, not a bare actor name, not headed by a generic or abstract
noun, and shares no content word with another label: labels are assigned best
first over all themes, so the strongest claim on a word wins.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from brief import lexicon
from brief.group.graph import CoMention
from brief.group.fallback import _expand_of, surface_in_text
from brief.group.labels import ABSTRACT_HEADS, LOCATION_LABELS, LabelContext
from brief.group.phrases import DETERMINERS, GENERIC_WORDS, ROLE_WORDS, normalise, singular
from brief.group.stories import terms
from brief.model import Event

MIN_WORDS, MAX_WORDS = 2, 6
CENTRAL_BONUS = 1.5  # a phrase of the theme's most central event
NAME_BONUS = 1.6  # a phrase holding a name of this story ("S-300 delivery")
HEADLINE_WEIGHT = 2.0  # a chunk of an owned headline counts as this many event uses
CLAUSE_KEY = "clause: "  # candidate keys of headline clauses (no phrase key has a colon)
CLAUSE_WEIGHT = 4.0  # a core clause of an owned headline ("X suspends deal") counts as this many event uses
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")


def label_words(label: str) -> set[str]:
    """Content words of a label (lower-cased, 3+ letters, stop words out): no two labels share one."""
    out = set()
    for w in _WORD.findall(label.lower()):
        w = w.strip("'-")
        if len(w) > 2 and terms(w):
            out.add(singular(w))
            out.add(w)
    return out


def _usable(surface: str, key: str, names: set[str]) -> bool:
    words = surface.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    head = singular(key.split(" ")[-1].lower())
    last = key.split(" ")[-1]
    if head in ABSTRACT_HEADS or head in GENERIC_WORDS or head in ROLE_WORDS or last in ABSTRACT_HEADS:
        return False
    place_kind = lexicon.words("label_heads_generic")
    if not key.startswith(CLAUSE_KEY) and (head in place_kind or words[-1].lower() in place_kind):
        return False  # "the port city" names no story; "farmers abandon villages" does
    low = surface.lower().strip()
    if low in names:
        return False  # a bare actor name
    if re.fullmatch(r"[\d.,%$€£]+\w{0,2}", words[0]):
        return False  # a quantity ("20 million tonnes"), not a name
    content = [w for w in re.findall(r"[\w'’-]+", low) if terms(w)]
    if len(content) < 1 or all(w in names for w in content):
        return False
    return True


def _strip(surface: str) -> str:
    words = surface.split()
    while words and (words[0].lower() in DETERMINERS or re.fullmatch(r"[\d.,%$€£]+\w{0,2}", words[0])):
        words = words[1:]
    while words and words[-1].lower() in DETERMINERS:
        words = words[:-1]
    return " ".join(words)


def _sentence_case(text: str, name_words: set[str]) -> str:
    """A Title Case headline chunk in sentence case; names, acronyms and codes keep their capitals."""
    out = []
    for w in text.split():
        keep = w.lower().strip("'’") in name_words or not w[1:].islower() or any(c.isdigit() for c in w)
        out.append(w if keep else w.lower())
    return " ".join(out)


def candidates(
    ctx: LabelContext, evs: list[Event], central: str | None, sentences: list[str]
) -> tuple[Counter, dict[str, str], set[str]]:
    """(uses per candidate key, key -> surface, keys of the central event) of one theme."""
    cm = ctx.cm
    uses: Counter = Counter()
    surface: dict[str, str] = {}
    for e in evs:
        for p in ctx.phrases_of.get(e.id, ()):
            uses[p] += 1
    lowered = [s.lower() for s in sentences]
    joined = " ".join(lowered)
    for p in uses:
        text = surface_in_text(cm.display.get(p, p), sentences, lowered)
        if " " in text and f"-{text.lower()}" in joined and f" {text.lower()}" not in joined:
            text = text.split(" ", 1)[1]  # the tail of a hyphenated word ("Russian-built S-200 ..."): not a word
        surface[p] = text
    keys = [p for p, _ in sorted(uses.items(), key=lambda kv: (-kv[1], kv[0]))]
    for p in keys[:12]:
        if " " not in p:
            # a bare word in the longer form the sources give it ("remains" -> "remains of IDF soldiers")
            longer = _expand_of(surface[p], p, keys, sentences)
            if " " in longer and normalise(longer) not in uses:
                key = normalise(longer) or longer.lower()
                uses[key] = uses[p]
                surface[key] = longer
    name_words = {w for n in cm.kind if cm.kind.get(n) == "entity" for w in n.lower().split()}
    hub_names = {h.lower() for h in cm.hubs}
    owned = ctx.owned_headlines(evs)
    for _, share, doc in owned:
        for key, text in ctx.headline_chunks(doc):
            text = _sentence_case(_strip(text), name_words)
            last = text.split()[-1] if text else ""
            if not text or "'s " in text or "’s " in text or not last[:1].islower():
                continue  # a possessive or a name at the head is no story name ("Syria with Netanyahu")
            low = f" {text.lower()} "
            if any(f" {h} " in low for h in hub_names):
                continue  # the corpus-wide actors name every story, not this one
            uses[key] += HEADLINE_WEIGHT * share
            surface.setdefault(key, text)
    persons = {n.lower() for n in cm.entity_label if cm.entity_label.get(n) == "PERSON"}
    # how much of the theme each owned article tells: its headline names the theme as much as that
    told = {doc: share * ctx.doc_events.get(doc, 0) for _, share, doc in owned}
    most = max(told.values(), default=0.0) or 1.0
    for _, share, doc in owned:
        for text in ctx.headline_clauses(doc):
            text = _sentence_case(text, name_words)
            low = f" {text.lower()} "
            if any(f" {p} " in low for p in persons if len(p) > 3) or len(text.split()) < MIN_WORDS:
                continue  # a label names a story, not a person
            key = f"{CLAUSE_KEY}{text.lower()}"
            uses[key] += CLAUSE_WEIGHT * share * told[doc] / most
            surface.setdefault(key, text)
    central_keys = set(ctx.phrases_of.get(central, ())) if central else set()
    for key, text, n in composed(cm, evs, uses, surface, sentences):
        if key not in uses:
            uses[key] = n
            surface[key] = text
            if any(k in central_keys for k in (key.split(" ", 1)[-1], key.rsplit(" ", 1)[0])):
                central_keys.add(key)
    return uses, surface, central_keys


_LINK_WORD = "|".join(map(re.escape, lexicon.data("phrase_words")["place_links"]))  # "<phrase> off <place>"


def composed(
    cm: CoMention, evs: list[Event], uses: Counter, surface: dict[str, str], sentences: list[str], top: int = 8
) -> list[tuple[str, str, float]]:
    """Phrases the sources write with one of the story's own names: "<name> <phrase>", "<phrase> off <name>".

    The names are the theme's most frequent non-hub entities; the phrases its most used
    multi-word key phrases.  Only wording found in the theme's sentences is returned.
    """
    hubs = set(cm.hubs)
    ents: Counter = Counter()
    for e in evs:
        for n in dict.fromkeys(cm.event_nodes.get(e.id, ())):
            if cm.kind.get(n) == "entity" and n not in hubs and 2 <= len(n) <= 30 and cm.entity_label.get(n) != "PERSON":
                ents[n] += 1  # (a label names a story, not a person)
    names = [n for n, k in sorted(ents.items(), key=lambda kv: (-kv[1], kv[0])) if k >= 2][:4]
    phrases = [p for p, k in sorted(uses.items(), key=lambda kv: (-kv[1], kv[0])) if " " in p or k >= 2][:top]
    text = " \n ".join(sentences)
    out = []
    for name in names:
        nm = re.escape(name)
        for p in phrases:
            shown = surface.get(p, p)
            ph = r"[\s-]+".join(re.escape(w) for w in shown.split())
            hits = [m.group(0) for m in re.finditer(rf"\b{nm}(?:'s|’s)?\s+{ph}\b", text, re.IGNORECASE)]
            if cm.entity_label.get(name) in LOCATION_LABELS and len(cm.docs.get(name, ())) >= 2:
                # "<phrase> off <place>": only a place the story is told with across documents
                hits += [f"{m.group(1)} {m.group(2)} {name}" for m in re.finditer(
                    rf"\b({ph})\s+({_LINK_WORD})\s+(?:the\s+)?{nm}\b", text, re.IGNORECASE)]
            if hits:
                best = Counter(" ".join(h.split()) for h in hits).most_common(1)[0][0]
                out.append((f"{name.lower()} {p}", best, float(len(hits)) + 0.5 * uses[p]))
    return out


def _name_tokens(text: str) -> list[str]:
    """Tokens written as names: capitalised after the first word, or with a digit or inner capital ("S-300", "IDF")."""
    toks = text.split()
    return [
        t for k, t in enumerate(toks)
        if (k > 0 and t[:1].isupper()) or (t[:1].isalpha() and (any(c.isdigit() for c in t) or any(c.isupper() for c in t[1:])))
    ]


def _own_names(cm: CoMention, evs: list[Event], themes: list[list[Event]]) -> set[str]:
    """Words of the non-hub names this theme holds most of the uses of (2+ events)."""
    hubs = set(cm.hubs)
    mine = Counter(n for e in evs for n in dict.fromkeys(cm.event_nodes.get(e.id, ())) if cm.kind.get(n) == "entity")
    every = Counter(n for t in themes for e in t for n in dict.fromkeys(cm.event_nodes.get(e.id, ())) if n in mine)
    return {w for n, k in mine.items() if n not in hubs and k >= 2 and k >= 0.5 * every[n] for w in terms(n)}


def name_themes(
    ctx: LabelContext,
    themes: list[list[Event]],
    central: list[str | None],
    sentences: list[list[str]],
    taken: set[str] | None = None,
) -> list[str | None]:
    """One label per theme (None where no candidate qualifies), no two sharing a content word."""
    cm = ctx.cm
    names = {n.lower() for n in cm.kind if cm.kind.get(n) == "entity"}
    per_theme = [candidates(ctx, evs, c, s) for evs, c, s in zip(themes, central, sentences)]
    # class-based tf-idf over words
    hubs = set(cm.hubs)
    bags: list[Counter] = []
    for evs, (uses, surface, _) in zip(themes, per_theme):
        bag: Counter = Counter()
        for key, n in uses.items():
            for w in set(terms(surface.get(key, key))):
                bag[w] += n
        # the names a story is told with count too: a name specific to one story marks its label
        for e in evs:
            for w in {w for n in cm.event_nodes.get(e.id, ()) if cm.kind.get(n) == "entity" and n not in hubs for w in terms(n)}:
                bag[w] += 1
        bags.append(bag)
    own_names = [_own_names(cm, evs, themes) for evs in themes]
    total: Counter = Counter()
    for bag in bags:
        total.update(bag)
    mean_words = sum(sum(b.values()) for b in bags) / max(1, len(bags))
    scored: list[tuple[float, int, str, str]] = []
    for i, ((uses, surface, central_keys), bag) in enumerate(zip(per_theme, bags)):
        size = max(1.0, sum(bag.values()))
        weight = {w: (n / size) * math.log(1.0 + mean_words / max(1e-9, total[w])) for w, n in bag.items()}
        top = max(weight.values(), default=0.0)
        for key, n in uses.items():
            text = surface.get(key, key)
            if not _usable(text, key, names):
                continue
            ws = list(dict.fromkeys(terms(text)))
            if not ws:
                continue
            s = sum(weight.get(w, 0.0) for w in ws) / math.sqrt(len(ws))
            s *= math.log1p(n)
            if key in central_keys:
                s *= CENTRAL_BONUS
            proper = {t for tok in _name_tokens(text) for t in terms(tok) if weight.get(t, 0.0) >= 0.3 * top}
            if own_names[i] & set(ws) or proper:
                s *= NAME_BONUS
            scored.append((s, i, key, text))
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    labels: list[str | None] = [None] * len(themes)
    used: set[str] = set()
    for t in taken or ():
        used |= label_words(t)
    for s, i, key, text in scored:
        if labels[i] is not None or s <= 0:
            continue
        words = label_words(text)
        if words & used:
            continue
        labels[i] = text[0].upper() + text[1:]
        used |= words
    return labels

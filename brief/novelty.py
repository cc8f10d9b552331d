"""What is new since last week's brief: ``mark_new(brief, previous_json)``.

Used by the weekly job (``brief/weekly.py``).  An event is known when last week's brief
cited the same sentence, or had the same action with mostly the same participants on a
compatible date; a theme is known when it shares enough entities and key phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from brief.lexicon import words
from brief.model import Event, Theme
from brief.report import Brief

_PUNCT = re.compile(r"[^\w\s]+")
_ARTICLES = words("articles")  # a leading article does not make a name different


def _norm(s: str) -> str:
    s = _PUNCT.sub(" ", str(s).casefold())
    toks = s.split()
    return " ".join(toks[1:] if len(toks) > 1 and toks[0] in _ARTICLES else toks)


def _sentence_key(s: str) -> str:
    return " ".join(_PUNCT.sub(" ", s.casefold()).split())


def _participants(actors: Iterable[str], targets: Iterable[str]) -> frozenset[str]:
    return frozenset(x for x in (_norm(a) for a in [*actors, *targets]) if x)


@dataclass(frozen=True)
class _PrevEvent:
    action: str
    people: frozenset[str]
    date: str | None
    sentences: frozenset[str]
    content: frozenset[str] = frozenset()


def _same_name(a: str, b: str) -> bool:
    """"brandt" names the same participant as "tomas brandt" (canonical names are not always folded)."""
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return bool(short) and all(t in long for t in short) and len(short[-1]) > 2


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Soft Jaccard of two participant sets."""
    shared = sum(1 for x in a if any(_same_name(x, y) for y in b))
    return shared / (len(a) + len(b) - shared) if a or b else 1.0


def _content(entities: Iterable[str], keyphrases: Iterable[str], locations: Iterable[str], people: frozenset[str]) -> frozenset[str]:
    items = {x for x in (_norm(s) for s in [*entities, *keyphrases, *locations]) if x}
    return frozenset(x for x in items if not any(_same_name(x, p) for p in people))


def _previous_events(prev: dict[str, Any]) -> list[_PrevEvent]:
    texts: dict[tuple[str, int], str] = {}
    for d in prev.get("documents") or []:
        for i, s in enumerate(d.get("sentences") or []):
            texts[(str(d.get("id")), i)] = str(s)
    out = []
    for e in prev.get("events") or []:
        sents = frozenset(
            _sentence_key(texts[(str(m.get("doc_id")), int(m.get("sentence", -1)))])
            for m in e.get("mentions") or []
            if (str(m.get("doc_id")), int(m.get("sentence", -1))) in texts
        )
        people = _participants(e.get("actors") or [], e.get("targets") or [])
        content = _content(e.get("entities") or [], e.get("keyphrases") or [], e.get("locations") or [], people)
        out.append(_PrevEvent(_norm(e.get("action") or ""), people, e.get("date"), sents, content))
    return out


def _event_seen(ev: Event, sentences: set[str], prev: list[_PrevEvent]) -> bool:
    action = _norm(ev.action)
    people = _participants(ev.actors, ev.targets)
    date = ev.date.isoformat() if ev.date else None
    content = _content(ev.entities, ev.keyphrases, ev.locations, people)
    for p in prev:
        if sentences & p.sentences:
            return True  # the very same sentence was reported last time
        if not action or p.action != action:
            continue
        if date and p.date and date != p.date:
            continue
        same_day = bool(date and date == p.date)
        # same participants, and (same day, or talking about overlapping things)
        about_same = same_day or not content or not p.content or bool(content & p.content)
        if people and p.people:
            if _overlap(people, p.people) >= 0.5 and about_same:
                return True
        elif not people and not p.people and same_day:
            return True
    return False


def _theme_features(entities: Iterable[str], keyphrases: Iterable[str]) -> set[str]:
    return {x for x in (_norm(s) for s in [*entities, *keyphrases]) if x}


def _theme_seen(theme: Theme, prev_themes: list[dict[str, Any]]) -> bool:
    mine = _theme_features(theme.entities, theme.keyphrases)
    for p in prev_themes:
        theirs = _theme_features(p.get("entities") or [], p.get("keyphrases") or [])
        shared = mine & theirs
        if mine and theirs and len(shared) >= min(2, len(mine), len(theirs)) and len(shared) / min(len(mine), len(theirs)) >= 0.4:
            return True
    return False


def mark_new(brief: Brief, previous: dict[str, Any] | None) -> tuple[list[str], list[str]]:
    """Set ``Event.new`` and ``Theme.new`` against the previous brief's JSON; return the new ids.

    With no previous brief nothing is marked (there is nothing to be new against).
    An event is known when last week's brief cited the same sentence for an
    event, or had the same action with the same participants (actors and
    targets, >= half shared) on a compatible date.  A theme is known when it
    shares enough of its entities and key phrases with a theme of last week
    (>= 2 and >= 40% of the smaller set); a theme whose events are all known is not new either.
    """
    for e in brief.events:
        e.new = False
    for t in brief.themes:
        t.new = False
    if previous is None:
        return [], []
    prev_events = _previous_events(previous)
    texts: dict[tuple[str, int], str] = {}
    for d in brief.documents:
        for s in d.sentences:
            texts[(d.id, s.index)] = _sentence_key(s.text)
    new_events = []
    for e in brief.events:
        sents = {texts[(c.doc_id, c.sentence)] for c in e.mentions if (c.doc_id, c.sentence) in texts}
        sents.discard("")
        e.new = not _event_seen(e, sents, prev_events)
        if e.new:
            new_events.append(e.id)
    by_id = {e.id: e for e in brief.events}
    for t in brief.themes:  # timeline rows carry the flag of their events
        for r in t.timeline:
            r.new = any(by_id[i].new for i in r.event_ids if i in by_id)
    prev_themes = [t for t in previous.get("themes") or [] if isinstance(t, dict)]
    new_themes = []
    for t in brief.themes:
        evs = [by_id[i] for i in t.event_ids if i in by_id]
        if evs and not any(e.new for e in evs):
            continue
        t.new = not _theme_seen(t, prev_themes)
        if t.new:
            new_themes.append(t.id)
    return new_themes, new_events


__all__ = ["mark_new"]

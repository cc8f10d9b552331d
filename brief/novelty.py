"""What is new since last week's brief: ``mark_new(brief, previous_json)``.

Used by the weekly job (``brief/weekly.py``).  An event is known when last week's brief
cited the same sentence or told the same happening (extract's ``same_happening``, through
:func:`brief.extract.identity.known_events`); a theme is known when it shares enough entities and
key phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from brief.extract.identity import known_events
from brief.lexicon import words
from brief.model import Theme
from brief.report import Brief

_PUNCT = re.compile(r"[^\w\s]+")
_ARTICLES = words("articles")  # a leading article does not make a name different


def _norm(s: str) -> str:
    s = _PUNCT.sub(" ", str(s).casefold())
    toks = s.split()
    return " ".join(toks[1:] if len(toks) > 1 and toks[0] in _ARTICLES else toks)


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
    event, or told the same happening (:func:`brief.extract.identity.known_events`:
    merge's ``same_happening``, names folded across the two briefs).  A theme is known when it
    shares enough of its entities and key phrases with a theme of last week
    (>= 2 and >= 40% of the smaller set); a theme whose events are all known is not new either.
    """
    for e in brief.events:
        e.new = False
    for t in brief.themes:
        t.new = False
    if previous is None:
        return [], []
    known = known_events(brief.events, brief.sentence_text, brief.entities,
                         {d.id: d.published for d in brief.documents}, previous)
    new_events = []
    for e in brief.events:
        e.new = e.id not in known
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

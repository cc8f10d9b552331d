"""Event identity across briefs: which events of this brief tell a happening an earlier brief told.

The weekly job asks it for "new since last brief".  The answer is merge's own
:func:`brief.extract.merge.same_happening` (the rule that folds one happening told by several
sources), applied between this brief's events and the previous brief's (read back from its
JSON), with the participants' names folded across the two briefs first: each brief folds names
on its own, so "Kovacs" here and "Anna Kovacs" last week are one participant.  The very same
sentence cited by both is known without further test.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from brief.extract.merge import _Info, content_words, same_happening
from brief.model import Citation, Entity, Event

_PUNCT = re.compile(r"[^\w\s]+")


def sentence_key(text: str) -> str:
    """A sentence with case, punctuation and spacing ignored."""
    return " ".join(_PUNCT.sub(" ", text.casefold()).split())


def same_name(a: str, b: str) -> bool:
    """ "Brandt" names the same participant as "Tomas Brandt": every word of the shorter name is in the longer."""
    ta, tb = sentence_key(a).split(), sentence_key(b).split()
    if ta == tb:
        return bool(ta)
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return bool(short) and all(t in long_ for t in short) and len(short[-1]) > 2


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _event(e: dict[str, Any]) -> Event:
    """An event of a brief's JSON (``Event.to_dict``) as an :class:`Event`."""
    mentions = [Citation(str(m.get("doc_id")), int(m.get("sentence", -1))) for m in e.get("mentions") or []]
    return Event(id=str(e.get("id", "")), action=str(e.get("action") or ""), actors=list(e.get("actors") or []),
                 targets=list(e.get("targets") or []), locations=list(e.get("locations") or []),
                 date=_date(e.get("date")), date_end=_date(e.get("date_end")), date_text=e.get("date_text"),
                 negated=bool(e.get("negated")), modality=e.get("modality"), mentions=mentions,
                 entities=list(e.get("entities") or []), keyphrases=list(e.get("keyphrases") or []))


def _folded(ev: Event, fold: Callable[[str], str]) -> Event:
    ev.actors, ev.targets = [fold(x) for x in ev.actors], [fold(x) for x in ev.targets]
    ev.locations, ev.entities = [fold(x) for x in ev.locations], [fold(x) for x in ev.entities]
    return ev


def _name_fold(names: Iterable[str]) -> Callable[[str], str]:
    """Maps a name of the previous brief onto this brief's name for the same participant."""
    mine = list(dict.fromkeys(names))
    exact = set(mine)

    def fold(name: str) -> str:
        if name in exact:
            return name
        return next((m for m in mine if same_name(name, m)), name)

    return fold


def known_events(events: list[Event], sentence_text: Callable[[Citation], str], entities: list[Entity],
                 published: dict[str, dt.date | None], previous: dict[str, Any]) -> set[str]:
    """Ids of ``events`` that tell a happening of ``previous`` (a brief's JSON): the same sentence, or
    :func:`same_happening` between the two.  ``published`` maps this brief's doc ids to their dates."""
    texts: dict[tuple[str, int], str] = {}
    pub = dict(published)
    for d in previous.get("documents") or []:
        pub.setdefault(str(d.get("id")), _date(d.get("published")))
        for i, s in enumerate(d.get("sentences") or []):
            texts[(str(d.get("id")), i)] = str(s)
    labels = {e.id: e.label for e in entities}
    fold = _name_fold([*labels, *(x for ev in events for x in ev.actors + ev.targets + ev.locations)])
    for e in previous.get("entities") or []:
        labels.setdefault(fold(str(e.get("id"))), str(e.get("label")))
    persons = {k for k, v in labels.items() if v == "PERSON"}
    prev_sents: set[str] = set()
    prev: list[_Info] = []
    for e in previous.get("events") or []:
        ev = _folded(_event(e), fold)
        sents = [texts[(c.doc_id, c.sentence)] for c in ev.mentions if (c.doc_id, c.sentence) in texts]
        prev_sents |= {sentence_key(s) for s in sents} - {""}
        prev.append(_Info(ev, {w for s in sents for w in content_words(s)}, persons, labels=labels, published=pub))
    known = set()
    for ev in events:
        sents = [sentence_text(c) for c in ev.mentions]
        if {sentence_key(s) for s in sents} & prev_sents:
            known.add(ev.id)  # the very same sentence was reported last time
            continue
        mine = _Info(ev, {w for s in sents for w in content_words(s)}, persons, labels=labels, published=pub)
        if any(p.cls == mine.cls and same_happening(mine, p) for p in prev):
            known.add(ev.id)
    return known


__all__ = ["known_events", "same_name", "sentence_key"]

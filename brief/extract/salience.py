"""How much an event matters: independent sources, entity centrality, recency.

Also, with smaller weights, how complete the event is (named actor, target, time or
place) and how early in its article it is told (news puts what matters first).
Hedged and conditional events are discounted.
"""

from __future__ import annotations

import math

from brief.model import Document, Entity, Event


def score_events(events: list[Event], entities: list[Entity], docs: list[Document]) -> None:
    """Set ``Event.salience`` in [0, 1] for every event."""
    if not events:
        return
    canonical_docs = {d.id for d in docs if not d.duplicate_of}
    n_docs = max(len(canonical_docs), 1)
    centrality = {e.id: len(set(e.documents) & canonical_docs) / n_docs for e in entities}
    dates = [e.date for e in events if e.date]
    latest = max([d.published for d in docs if d.published] + dates, default=None)
    max_sources = max(len([s for s in e.sources if s in canonical_docs]) or 1 for e in events)
    for ev in events:
        sources = len([s for s in ev.sources if s in canonical_docs]) or 1
        src = math.log1p(sources) / math.log1p(max(max_sources, 2))
        parts = [x for x in ev.actors + ev.targets if x in centrality]
        ents = parts or [x for x in ev.entities if x in centrality]
        cent = 0.0
        if ents:
            top = sorted((centrality[x] for x in ents), reverse=True)[:3]
            cent = sum(top) / len(top)
        if ev.date and latest:
            age = max((latest - (ev.date_end or ev.date)).days, 0)
            recency = math.exp(-age / 45.0)
        else:
            recency = 0.4
        named = any(x in centrality for x in ev.actors)
        completeness = 0.4 * bool(ev.actors) + 0.2 * named + 0.2 * bool(ev.targets) + 0.2 * bool(ev.date_text or ev.locations)
        lead = max(0.0, 1.0 - min(c.sentence for c in ev.mentions) / 12.0)  # news puts what matters first
        score = 0.35 * src + 0.25 * cent + 0.15 * recency + 0.15 * completeness + 0.10 * lead
        if ev.hedged:
            score *= 0.9
        if ev.modality in ("possible", "conditional"):
            score *= 0.9
        ev.salience = round(min(max(score, 0.0), 1.0), 4)

"""Group: co-mention graph of entities and key phrases -> communities -> themes.  (Minimal first pass.)"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from brief.config import BriefConfig
from brief.model import Document, Entity, Event, Theme


@dataclass
class Grouping:
    themes: list[Theme] = field(default_factory=list)
    graph: nx.Graph | None = None
    graph_json: dict[str, Any] | None = None
    graph_svg: str | None = None


def group(
    events: list[Event],
    entities: list[Entity],
    docs: list[Document],
    *,
    config: BriefConfig,
    progress: Callable[[str, int, int], None],
) -> Grouping:
    g = nx.Graph()
    for ev in events:
        nodes = list(dict.fromkeys(ev.entities))
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                w = g.get_edge_data(a, b, {}).get("weight", 0)
                g.add_edge(a, b, weight=w + 1)
    comms = nx.community.louvain_communities(g, seed=1) if g.number_of_edges() else []
    themes: list[Theme] = []
    for c in sorted(comms, key=len, reverse=True)[: config.max_themes]:
        evs = [e for e in events if set(e.entities) & c]
        if len(evs) < 2:
            continue
        kp = Counter(k for e in evs for k in e.keyphrases)
        ents = sorted(c, key=lambda n: -g.degree(n))[:6]
        themes.append(
            Theme(
                id=f"t{len(themes) + 1}",
                label=kp.most_common(1)[0][0] if kp else ents[0],
                keyphrases=[k for k, _ in kp.most_common(6)],
                entities=ents,
                event_ids=[e.id for e in evs],
            )
        )
    return Grouping(themes, g, nx.node_link_data(g, edges="links"), None)

"""Group: co-mention graph of entities and key phrases -> communities -> themes.

``group(events, entities, docs, *, config, progress) -> Grouping`` is the stage
entry point; ``write_graph(brief, path)`` exports the graph (``--graph PATH``:
``.graphml`` or ``.json``).

How it works (see :mod:`brief.group.graph`, :mod:`brief.group.stories`,
:mod:`brief.group.themes` and :mod:`brief.group.naming`):

1. the co-mention graph: nodes are canonical entities and normalised key phrases,
   edges join nodes mentioned in the same sentence, weighted by normalised PMI;
   the actors present everywhere are its hubs;
2. stories: an event graph joins events that share specific words and nodes
   (tf-idf with idf over documents, so a term in most documents links nothing),
   that happened close in time, or that neighbouring sentences tell; Louvain
   (fixed seed) finds its communities, merged down to the count the corpus supports;
3. themes: viable stories ranked by salience (independent sources, events,
   recency), capped by ``config.max_themes``; leftover events join the theme whose
   node profile they fit, else "Other developments";
4. labels by class-based tf-idf over each theme's key phrases, owned headlines and
   own names, no two sharing a content word.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from brief.config import BriefConfig
from brief.errors import BriefError
from brief.group.graph import CoMention, build
from brief.group.svg import graph_svg
from brief.group.stories import event_graph, find_stories
from brief.group.themes import build_themes, target_count
from brief.model import Document, Entity, Event, Theme

__all__ = ["Grouping", "group", "write_graph", "graph_to_json", "GraphExportError"]


class GraphExportError(BriefError):
    """The graph could not be written (unknown format, nothing to write, unwritable path)."""


@dataclass
class Grouping:
    themes: list[Theme] = field(default_factory=list)
    graph: nx.Graph | None = None
    graph_json: dict[str, Any] | None = None
    graph_svg: str | None = None


def _noop(stage: str, done: int, total: int) -> None:
    pass


def group(
    events: list[Event],
    entities: list[Entity],
    docs: list[Document],
    *,
    config: BriefConfig,
    progress: Callable[[str, int, int], None] = _noop,
) -> Grouping:
    progress("group", 0, 4)
    doc_of = {d.id: (d.duplicate_of or d.id) for d in docs}
    events = [e for e in events if e.mentions or e.entities or e.keyphrases]
    if not events:
        g = nx.Graph()
        progress("group", 4, 4)
        return Grouping([], g, graph_to_json(g), None)
    cm = build(events, entities, doc_of)
    cm.sentence_key = {
        (d.id, s.index): " ".join(s.text.lower().split()) for d in docs for s in d.sentences
    }
    progress("group", 1, 4)
    target = target_count(cm.n_docs, len(events), max(1, config.max_themes))
    part, assign = story_partition(cm, events, docs, doc_of, target)
    progress("group", 2, 4)
    cap = max(1, min(config.max_themes, target + 1))
    themes, comm_theme = build_themes(cm, events, docs, part, assign, cap, doc_of, max(1, config.max_themes))
    progress("group", 3, 4)
    g = _annotate(cm, part.comm, comm_theme, themes)
    svg = graph_svg(g, themes) if g.number_of_nodes() else None
    progress("group", 4, 4)
    return Grouping(themes, g, graph_to_json(g), svg)


class StoryPartition:
    """Communities of events (stories) seen from the co-mention graph.

    A node belongs to the story most of its events are in (hubs belong to none).
    """

    def __init__(self, cm: CoMention, comms: list[list[str]], eg: nx.Graph | None = None):
        self.assignment: dict[str, int | None] = {}
        # the most central event of each story: most tied to the rest of it
        self.central: dict[int, str] = {}
        for i, c in enumerate(comms):
            inside = set(c)
            strength = {e: sum(w for _, m, w in eg.edges(e, data="weight") if m in inside) if eg is not None else 0.0 for e in c}
            self.central[i] = min(sorted(c), key=lambda e: -strength[e])
        for i, c in enumerate(comms):
            for eid in c:
                self.assignment[eid] = i
        hubs = set(cm.hubs)
        votes: dict[str, Counter] = defaultdict(Counter)
        for eid, c in sorted(self.assignment.items()):
            for n in cm.event_nodes.get(eid, ()):
                if n not in hubs:
                    votes[n][c] += 1
        self.comm = {n: min(v, key=lambda c: (-v[c], c)) for n, v in sorted(votes.items())}

    def members(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = defaultdict(list)
        for n in sorted(self.comm):
            out[self.comm[n]].append(n)
        return dict(out)


def story_partition(
    cm: CoMention, events: list[Event], docs: list[Document], doc_of: dict[str, str], target: int
) -> tuple[StoryPartition, dict[str, int | None]]:
    """Stories of the event graph (see :mod:`brief.group.stories`); events in none map to None."""
    eg = event_graph(events, docs, cm.event_nodes, doc_of)
    part = StoryPartition(cm, find_stories(eg, target + 1), eg)
    return part, {e.id: part.assignment.get(e.id) for e in events}


def _annotate(cm: CoMention, comm: dict[str, int], comm_theme: dict[int, str], themes: list[Theme]) -> nx.Graph:
    """The exported graph: every node carries its theme id ("" when none)."""
    g = cm.graph
    theme_events = {t.id: set(t.event_ids) for t in themes}
    for n in g:
        c = comm.get(n)
        g.nodes[n]["theme"] = comm_theme.get(c, "") if c is not None else ""
    # hubs (and nodes of dissolved communities) join the theme whose events mention them most
    mentions: dict[str, dict[str, int]] = {}
    for t in themes:
        if t.label == "Other developments" and t is themes[-1]:
            continue
        for eid in theme_events[t.id]:
            for n in cm.event_nodes.get(eid, ()):
                if n in g and not g.nodes[n]["theme"]:
                    d = mentions.setdefault(n, {})
                    d[t.id] = d.get(t.id, 0) + 1
    for n, d in mentions.items():
        g.nodes[n]["theme"] = min(d, key=lambda tid: (-d[tid], tid))
    for _, _, data in g.edges(data=True):
        data["weight"] = round(float(data["weight"]), 4)
        data["lexical"] = round(float(data.get("lexical", 0.0)), 4)
    return g


# The exported graph keeps every link up to EXPORT_MAX_LINKS; past it, only the links seen in at
# least EXPORT_MIN_COUNT sentences (and their nodes) -- a count raised until at most EXPORT_KEEP_LINKS
# are left -- so a big corpus's JSON stays readable (and within its size).
EXPORT_MAX_LINKS = 5000
EXPORT_MIN_COUNT = 2
EXPORT_KEEP_LINKS = 10000


def graph_to_json(g: nx.Graph) -> dict[str, Any]:
    """Node-link JSON of the graph (``nodes`` with their ``theme``, ``links`` with ``weight``).

    A graph of more than ``EXPORT_MAX_LINKS`` links is cut to its links
    co-mentioned in at least ``EXPORT_MIN_COUNT`` sentences (more, until at most
    ``EXPORT_KEEP_LINKS`` are left) and the nodes they join; ``graph.pruned`` says so.
    """
    if g.number_of_edges() > EXPORT_MAX_LINKS:
        counts = sorted(((c or 0) for _, _, c in g.edges(data="count")), reverse=True)
        min_count = EXPORT_MIN_COUNT
        while len(counts) > EXPORT_KEEP_LINKS and counts[EXPORT_KEEP_LINKS] >= min_count:
            min_count += 1  # the link just past the bound is still kept at this count
        kept = [(u, v) for u, v, c in g.edges(data="count") if (c or 0) >= min_count]
        sub = g.edge_subgraph(kept).copy()
        sub.graph["pruned"] = {"links": g.number_of_edges(), "nodes": g.number_of_nodes(),
                               "kept_links": sub.number_of_edges(), "kept_nodes": sub.number_of_nodes(),
                               "min_count": min_count}
        g = sub
    data = nx.node_link_data(g, edges="links")
    return json.loads(json.dumps(data, default=str))


def write_graph(brief: Any, path: str | Path) -> Path:
    """Write the co-mention graph of ``brief`` (a Brief, a Grouping, a node-link dict or a graph).

    ``.graphml`` -> GraphML, ``.json`` -> node-link JSON.  Raises :class:`GraphExportError`.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".graphml", ".json"):
        raise GraphExportError(f"{path}: graph format must be .graphml or .json, not {suffix or 'no suffix'!r}")
    if isinstance(brief, nx.Graph):
        g = brief
        data = graph_to_json(g)
    else:
        data = getattr(brief, "graph_json", None) if hasattr(brief, "graph_json") else getattr(brief, "graph", brief)
        if not isinstance(data, dict):
            raise GraphExportError(f"{path}: this brief has no co-mention graph to write")
        g = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        if suffix == ".json":
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        else:
            if g is None:
                g = nx.node_link_graph(data, edges="links")
            clean = nx.Graph()
            for n, attrs in g.nodes(data=True):
                clean.add_node(str(n), **{k: _scalar(v) for k, v in attrs.items()})
            for a, b, attrs in g.edges(data=True):
                clean.add_edge(str(a), str(b), **{k: _scalar(v) for k, v in attrs.items()})
            nx.write_graphml(clean, tmp, encoding="utf-8")
        tmp.replace(path)
    except OSError as e:
        raise GraphExportError(f"{path}: cannot write the graph ({e.strerror or e})") from None
    return path


def _scalar(v: Any) -> Any:
    if isinstance(v, (bool, int, float, str)):
        return v
    if v is None:
        return ""
    return json.dumps(v, default=str)

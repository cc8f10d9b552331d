"""Communities of the co-mention graph -> themes (assignment, labels, salience).

Deterministic: Louvain with a fixed seed over a graph built in sorted order; every
tie is broken by a sort key.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict

import networkx as nx

from brief.group.graph import CoMention
from brief.group.labels import ABSTRACT_HEADS, LabelContext, make_label
from brief.group.naming import name_themes
from brief.group.phrases import DETERMINERS, content_tokens, normalise
from brief.model import Document, Event, Theme

SEED = 20240601
MIN_EVENTS = 2  # a theme needs at least this many events ...
MIN_MENTIONS = 2  # ... and this many distinct cited sentences
ENTITY_NODE_WEIGHT = 0.6  # key phrases define a story more than names do
OTHER_LABEL = "Other developments"
RESOLUTIONS = (1.0, 0.75, 0.55, 0.4, 0.3, 0.2)
PERIPHERY_WEIGHT = 0.5  # once-mentioned nodes count less when placing an event
MIN_CORE = 12
SMALL_SHARE = 0.05
MERGE_MIN = 0.12  # share of weight (geometric mean of the two volumes) two stories must share to merge
STORYLESS = 0.4  # salience factor of a cluster with no concrete recurring key phrase


def target_count(n_docs: int, n_events: int, max_themes: int) -> int:
    """How many themes a corpus supports: ~3-5 for a handful of articles, more for hundreds."""
    k = round(2 + 1.8 * math.log(n_docs + 1))
    return max(1, min(max_themes, k, max(1, n_events // MIN_EVENTS)))


def _louvain(g: nx.Graph, resolution: float = 1.0) -> list[list[str]]:
    if g.number_of_nodes() == 0:
        return []
    if g.number_of_edges() == 0:
        return [[n] for n in sorted(g)]
    comms = nx.community.louvain_communities(g, weight="weight", resolution=resolution, seed=SEED)
    return sorted((sorted(c) for c in comms), key=lambda c: (-len(c), c[0]))


def _induced(g: nx.Graph, nodes: list[str]) -> nx.Graph:
    """Induced subgraph with a deterministic node and edge order (networkx views iterate a set)."""
    keep = set(nodes)
    h = nx.Graph()
    h.add_nodes_from((n, g.nodes[n]) for n in sorted(keep))
    h.add_edges_from(
        sorted((a, b, d) for a, b, d in ((min(a, b), max(a, b), d) for a, b, d in g.edges(data=True)) if a in keep and b in keep)
    )
    return h


class _Partition:
    """Core node -> community; peripheral nodes follow the community they are most tied to.

    The core is the non-hub nodes that recur (two sentences or more, or a lexical tie
    to another phrase); once-mentioned nodes only say "same sentence" and would make
    every sentence its own clique, so they are attached after detection.
    """

    def __init__(self, cm: CoMention, events: list[Event], core: nx.Graph, periphery: list[str]):
        self.cm = cm
        self.events = events
        self.core = core
        self.periphery = periphery
        self.comms: list[list[str]] = []
        self.comm: dict[str, int] = {}
        self.strength = {
            n: cm.idf(n)
            * (ENTITY_NODE_WEIGHT if cm.kind.get(n) == "entity" else 1.0)
            * (1.0 if n in core else PERIPHERY_WEIGHT)
            for n in cm.kind
        }
        self.weighted = [
            (ev.id, [(n, self.strength[n]) for n in cm.event_nodes.get(ev.id, ()) if n in self.strength])
            for ev in events
        ]

    def set(self, communities: list[list[str]]) -> None:
        self.comms = [sorted(c) for c in communities if c]
        self.comm = {n: i for i, c in enumerate(self.comms) for n in c}
        g = self.cm.graph
        for n in self.periphery:
            ties: dict[int, float] = defaultdict(float)
            for _, m, w in g.edges(n, data="weight"):
                c = self.comm.get(m) if m in self.core else None
                if c is not None:
                    ties[c] += w
            if ties:
                self.comm[n] = min(ties, key=lambda c: (-ties[c], c))

    def members(self) -> dict[int, list[str]]:
        """Community -> all its nodes (core and periphery)."""
        out: dict[int, list[str]] = defaultdict(list)
        for n in sorted(self.comm):
            out[self.comm[n]].append(n)
        return dict(out)

    def assign(self) -> dict[str, int | None]:
        """Event id -> community (the one its nodes weigh most in), None when no node is in one."""
        out: dict[str, int | None] = {}
        comm = self.comm
        for eid, weighted in self.weighted:
            scores: dict[int, float] = {}
            for n, w in weighted:
                c = comm.get(n)
                if c is not None:
                    scores[c] = scores.get(c, 0.0) + w
            if not scores:
                out[eid] = None
            elif len(scores) == 1:
                out[eid] = next(iter(scores))
            else:
                out[eid] = min(scores, key=lambda c: (-scores[c], c))
        return out

    def connection(self) -> tuple[dict[int, Counter], Counter]:
        """Weight between communities (core edges) and each community's volume."""
        conn: dict[int, Counter] = defaultdict(Counter)
        vol: Counter = Counter()
        for a, b, w in self.core.edges(data="weight"):
            ca, cb = self.comm.get(a), self.comm.get(b)
            if ca is not None:
                vol[ca] += w
            if cb is not None:
                vol[cb] += w
            if ca is not None and cb is not None and ca != cb:
                conn[ca][cb] += w
                conn[cb][ca] += w
        return conn, vol


def _viable(cid: int, evs: list[Event], nodes: list[str], cm: CoMention) -> bool:
    if len(evs) < MIN_EVENTS:
        return False
    texts: set = set()
    for e in evs:
        for c in e.mentions:
            texts.add(cm.sentence_key.get((c.doc_id, c.sentence), (c.doc_id, c.sentence)))
        if len(texts) >= MIN_MENTIONS:
            break
    if len(texts) < MIN_MENTIONS:
        return False
    # a names-only cluster is not a story unless it is substantial
    if not any(cm.kind.get(n) == "keyphrase" for n in nodes) and len(evs) < 3:
        return False
    return True


def find_communities(cm: CoMention, events: list[Event], target: int) -> tuple[_Partition, dict[str, int | None]]:
    hubs = set(cm.hubs)
    g = cm.graph
    recurring = [
        n
        for n in g
        if n not in hubs and (cm.df[n] >= 2 or any(d.get("lexical", 0) > 0 for _, _, d in g.edges(n, data=True)))
    ]
    if len(recurring) < MIN_CORE:  # a very small corpus: everything is core
        recurring = [n for n in g if n not in hubs]
    core_set = set(recurring)
    core = _induced(g, recurring)
    periphery = sorted(n for n in g if n not in hubs and n not in core_set)
    part = _Partition(cm, events, core, periphery)
    by_id = {e.id: e for e in events}

    def grouped(assign: dict[str, int | None]) -> dict[int, list[Event]]:
        out: dict[int, list[Event]] = defaultdict(list)
        for eid, c in assign.items():
            if c is not None:
                out[c].append(by_id[eid])
        return out

    def n_viable() -> int:
        evs = grouped(part.assign())
        members = part.members()
        return sum(1 for c in members if _viable(c, evs.get(c, []), members[c], cm))

    # the finest resolution that does not give far more viable communities than the corpus supports
    # (targeted merges below do the rest better than a coarse resolution would)
    chosen: list[list[str]] = []
    for resolution in RESOLUTIONS:
        part.set(_louvain(core, resolution))
        chosen = part.comms
        if n_viable() <= max(target + 2, int(2.5 * target)):
            break
    part.set(chosen)

    # split oversized communities while the corpus supports more themes
    for _ in range(4):
        evs = grouped(part.assign())
        members = part.members()
        total = sum(len(v) for v in evs.values()) or 1
        big = [c for c in sorted(members) if len(evs.get(c, [])) > max(6, 0.4 * total)]
        if not big or n_viable() >= target:
            break
        c = max(big, key=lambda c: (len(evs[c]), -c))
        sub = _louvain(_induced(core, part.comms[c]), resolution=1.5)
        if len(sub) < 2:
            break
        part.set([m for k, m in enumerate(part.comms) if k != c] + sub)

    # merge non-viable communities into their best-connected neighbour (or dissolve them)
    for _ in range(len(part.comms) + 1):
        evs = grouped(part.assign())
        members = part.members()
        weak = [c for c in range(len(part.comms)) if not _viable(c, evs.get(c, []), members.get(c, []), cm)]
        if not weak:
            break
        c = min(weak, key=lambda c: (len(evs.get(c, [])), len(part.comms[c]), c))
        conn, _ = part.connection()
        comms = [list(m) for m in part.comms]
        if conn.get(c):
            dest = min(conn[c], key=lambda d: (-conn[c][d], d))
            comms[dest] += comms[c]
        comms[c] = []
        part.set(comms)

    # too many for the corpus: fold the smallest stories into the neighbour they are most tied to
    # (size-aware, so two big distinct stories are never merged while small fragments remain)
    for _ in range(len(part.comms) + 1):
        if len(part.comms) <= target:
            break
        evs = grouped(part.assign())
        conn, vol = part.connection()
        merged = False
        total = sum(len(v) for v in evs.values()) or 1
        small = max(2 * MIN_EVENTS, SMALL_SHARE * total)
        for c in sorted(range(len(part.comms)), key=lambda c: (len(evs.get(c, [])), c)):
            if len(evs.get(c, [])) > small:
                break  # only fragments are folded; substantial stories stay apart (the cap ranks them)
            links = conn.get(c, {})
            scored = sorted(
                ((w / max(1e-9, math.sqrt(vol[c] * vol[d])), d) for d, w in links.items()), key=lambda x: (-x[0], x[1])
            )
            if scored and scored[0][0] >= MERGE_MIN:
                comms = [list(m) for m in part.comms]
                comms[scored[0][1]] += comms[c]
                comms[c] = []
                part.set(comms)
                merged = True
                break
        if not merged:
            break  # the rest are unrelated stories; the theme cap decides
    return part, part.assign()


# -- labels ------------------------------------------------------------------------------------


def rank_keyphrases(nodes: list[str], cm: CoMention, evs: list[Event]) -> list[str]:
    """Key phrase nodes of a community, most central first.

    Centrality = weight inside the community x how often the theme's events use the
    phrase or a longer variant of it ("de-escalation zone" gains from "southwest
    de-escalation zone") x how many documents use it; one-word phrases rank lower.
    """
    node_set = set(nodes)
    tf = Counter(n for e in evs for n in dict.fromkeys(cm.event_nodes.get(e.id, ())) if n in node_set)
    phrases = [n for n in nodes if cm.kind.get(n) == "keyphrase"]
    tokens = {n: frozenset(content_tokens(n)) for n in phrases}
    scores = {}
    for n in phrases:
        inner = sum(w for _, m, w in cm.graph.edges(n, data="weight") if m in node_set)
        family = sum(tf[m] for m in phrases if m != n and tokens[n] and tokens[n] < tokens[m])
        spread = len(cm.docs.get(n, ()))
        words = len(n.split(" "))
        scores[n] = (
            (inner + 0.5)
            * (1.0 + math.log1p(tf[n] + 0.5 * family))
            * (1.0 + 0.5 * (spread - 1))
            * (0.8 if words == 1 else 1.0 + 0.1 * min(2, words - 2))
        )
    return sorted(scores, key=lambda n: (-scores[n], n))


def rank_entities(evs: list[Event], cm: CoMention) -> list[str]:
    tf = Counter(n for e in evs for n in dict.fromkeys(cm.event_nodes.get(e.id, ())) if cm.kind.get(n) == "entity")
    scores = {n: c * math.log(1.0 + cm.n_contexts / max(1, cm.df[n])) for n, c in tf.items()}
    return sorted(scores, key=lambda n: (-scores[n], n))


# -- themes ------------------------------------------------------------------------------------


def _latest(evs: list[Event], doc_dates: dict[str, dt.date]) -> dt.date | None:
    days = [e.date for e in evs if e.date] + [doc_dates[c.doc_id] for e in evs for c in e.mentions if c.doc_id in doc_dates]
    return max(days) if days else None


def build_themes(
    cm: CoMention,
    events: list[Event],
    docs: list[Document],
    part: _Partition,
    assign: dict[str, int | None],
    max_themes: int,
    doc_of: dict[str, str],
    total_cap: int | None = None,
) -> tuple[list[Theme], dict[int, str]]:
    """Themes ranked by salience (+ "Other developments" last), and community -> theme id."""
    by_comm: dict[int, list[Event]] = defaultdict(list)
    unassigned: list[Event] = []
    for ev in events:
        c = assign.get(ev.id)
        (by_comm[c] if c is not None else unassigned).append(ev)
    members = part.members()
    comm_alias: dict[int, int] = {}
    doc_dates = {d.id: d.published for d in docs if d.published}
    all_days = [x for x in doc_dates.values()] + [e.date for e in events if e.date]
    first, last = (min(all_days), max(all_days)) if all_days else (None, None)
    max_events = max((len(v) for v in by_comm.values()), default=1)

    def salience(evs: list[Event]) -> float:
        sources = {doc_of.get(c.doc_id, c.doc_id) for e in evs for c in e.mentions}
        s = 0.45 * len(sources) / max(1, cm.n_docs) + 0.35 * len(evs) / max(1, max_events)
        latest = _latest(evs, doc_dates)
        if latest and first and last and last > first:
            s += 0.2 * (latest - first).days / (last - first).days
        elif latest:
            s += 0.2
        return s

    cands = []
    for c, evs in by_comm.items():
        if not _viable(c, evs, members.get(c, []), cm):
            unassigned.extend(evs)
            continue
        # a cluster held together only by abstract phrases ("joint efforts") ranks below real stories
        story = _story_phrases(evs, set(members.get(c, [])), cm)
        cands.append((salience(evs) * (1.0 if story else STORYLESS), c, evs))
    cands.sort(key=lambda x: (-x[0], x[1]))
    total_cap = total_cap or max_themes
    keep = cands[:max_themes]
    dropped = cands[max_themes:]
    # room for "Other developments" within the hard cap
    if (dropped or unassigned) and len(keep) >= total_cap and total_cap > 1:
        keep, dropped = cands[: total_cap - 1], cands[total_cap - 1 :]
    for _, _, evs in dropped:
        unassigned.extend(evs)

    # events without a theme node: the theme whose actor profile they fit best, else "other"
    themed_events = {c: list(evs) for _, c, evs in keep}
    label_ctx = LabelContext(cm, events, doc_of, {d.id: d.title for d in docs if d.title and not d.duplicate_of})
    sentences_of = {d.id: d.sentences for d in docs}
    keep = [(salience(evs), c, evs) for c, evs in themed_events.items()]
    keep.sort(key=lambda x: (-x[0], x[1]))
    if unassigned and themed_events:
        unassigned = _attach_by_profile(unassigned, themed_events, cm)

    themes: list[Theme] = []
    comm_theme: dict[int, str] = {}
    taken: set[str] = {OTHER_LABEL.lower()}
    central = getattr(part, "central", {})
    named = name_themes(
        label_ctx,
        [themed_events[c] for _, c, _ in keep],
        [central.get(c) for _, c, _ in keep],
        [_texts(themed_events[c], sentences_of) for _, c, _ in keep],
    )
    for (s, c, _), label in zip(keep, named):
        evs = sorted(themed_events[c], key=lambda e: _event_order(e.id))
        texts = [
            sentences_of[m.doc_id][m.sentence].text
            for e in evs
            for m in e.mentions
            if m.doc_id in sentences_of and 0 <= m.sentence < len(sentences_of[m.doc_id])
        ]
        phrases = rank_keyphrases(members.get(c, []), cm, evs)
        ents = rank_entities(evs, cm)
        tid = f"t{len(themes) + 1}"
        comm_theme[c] = tid
        if label is None:
            label, _ = make_label(label_ctx, evs, texts, ents, set(members.get(c, [])), taken)
        taken.add(label.lower())
        themes.append(
            Theme(
                id=tid,
                label=label,
                keyphrases=[cm.display.get(p, p) for p in phrases[:8]],
                entities=ents[:6],
                event_ids=[e.id for e in evs],
                salience=round(salience(evs), 4),
            )
        )
    # final ranking (leftover events may have joined a theme): ids follow salience
    order = sorted(range(len(themes)), key=lambda i: (-themes[i].salience, i))
    renumber = {themes[i].id: f"t{rank + 1}" for rank, i in enumerate(order)}
    themes = [themes[i] for i in order]
    for t in themes:
        t.id = renumber[t.id]
    comm_theme = {c: renumber[tid] for c, tid in comm_theme.items()}
    for b, a in comm_alias.items():
        while a in comm_alias:
            a = comm_alias[a]
        if a in comm_theme:
            comm_theme[b] = comm_theme[a]
    if unassigned:
        evs = sorted(unassigned, key=lambda e: _event_order(e.id))
        tally = Counter(n for e in evs for n in cm.event_nodes.get(e.id, ()) if cm.kind.get(n) == "keyphrase")
        themes.append(
            Theme(
                id=f"t{len(themes) + 1}",
                label=OTHER_LABEL,
                keyphrases=[cm.display.get(p, p) for p, _ in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))[:6]],
                entities=rank_entities(evs, cm)[:6],
                event_ids=[e.id for e in evs],
                salience=round(salience(evs), 4),
            )
        )
    return themes, comm_theme


def _texts(evs: list[Event], sentences_of: dict) -> list[str]:
    return [
        sentences_of[m.doc_id][m.sentence].text
        for e in evs
        for m in e.mentions
        if m.doc_id in sentences_of and 0 <= m.sentence < len(sentences_of[m.doc_id])
    ]


_HEAD_SPLIT = re.compile(r"\s+(?:and|of|in|at|on|for|with)\s+")


def _heads(label: str) -> set[str]:
    """Head words of a label's noun phrases ("Return of remains" -> {return, remains})."""
    out = set()
    for part in _HEAD_SPLIT.split(label.lower()):
        words = part.split()
        if words:
            toks = content_tokens(words[-1])
            out.update(toks)
    return out


def _story_phrases(evs: list[Event], nodes: set[str], cm: CoMention) -> list[str]:
    """Key phrases of a community that name a concrete thing (head not abstract) and recur in 2+ events."""
    used = Counter(n for e in evs for n in dict.fromkeys(cm.event_nodes.get(e.id, ())) if n in nodes)
    return sorted(
        n
        for n, k in used.items()
        if k >= 2 and cm.kind.get(n) == "keyphrase" and n.split(" ")[-1] not in ABSTRACT_HEADS and content_tokens(n)
    )


def _event_order(eid: str) -> tuple[int, str]:
    m = re.fullmatch(r"[a-z]*(\d+)", eid)
    return (int(m.group(1)), eid) if m else (1 << 60, eid)


def _attach_by_profile(unassigned: list[Event], themed: dict[int, list[Event]], cm: CoMention) -> list[Event]:
    """Give each leftover event to the theme whose events share its nodes most (lift > 1.5), else keep it."""
    total = sum(len(v) for v in themed.values())
    freq_all: Counter = Counter()
    freq: dict[int, Counter] = {}
    for c, evs in themed.items():
        f = Counter(n for e in evs for n in set(cm.event_nodes.get(e.id, ())))
        freq[c] = f
        freq_all.update(f)
    rest = []
    for ev in unassigned:
        nodes = [n for n in dict.fromkeys(cm.event_nodes.get(ev.id, ())) if freq_all[n]]
        best = None
        for c in sorted(themed):
            size = len(themed[c])
            score = 0.0
            for n in nodes:
                lift = (freq[c][n] / size) / (freq_all[n] / total)
                if lift > 1.0 and freq[c][n] >= 2:
                    score += math.log(lift)
            if score > math.log(1.5) and (best is None or score > best[0]):
                best = (score, c)
        if best is None:
            rest.append(ev)
        else:
            themed[best[1]].append(ev)
    return rest

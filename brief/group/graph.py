"""The co-mention graph: nodes are canonical entities and normalised key phrases.

Co-mention unit ("context") is one cited sentence: every event mentioned in a
sentence contributes its entities and key phrases to that sentence's context, so
two events read from the same sentence do not count twice.

Edge weights are normalised PMI (``npmi``) scaled by ``log2(1 + count)``: a pair that
co-occurs more than chance predicts gets a positive weight; a pair involving a
node present everywhere (the two or three main actors of any corpus) gets almost
nothing.  Those *hubs* are also kept out of community detection altogether and
re-attached to themes afterwards.  Key phrases that share a rare content word
("de-confliction hotline" / "de-confliction mechanism") get a weaker *lexical* edge,
which lets paraphrases of one story meet even when each is said only once.
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from brief.group.phrases import GENERIC_WORDS, clean_surface, content_tokens, fold, normalise, singular
from brief.model import Entity, Event

# entity labels whose names inside a noun phrase make it a name mention, not a topic phrase
NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "PRODUCT", "LAW"})
ADJ_LABELS = frozenset({"NORP", "GPE", "LOC"})
MAX_CONTEXT_NODES = 24  # bound on nodes per sentence (pairs grow quadratically)
HUB_SHARE = 0.12  # a node in >= this share of sentences ...
HUB_DOC_SHARE = 0.5  # ... and in >= this share of documents is a hub
LEXICAL_WEIGHT = 0.6
RARE_FACTOR = 0.5


@dataclass
class CoMention:
    """Everything the grouping needs from the events, computed once."""

    graph: nx.Graph  # full graph (hubs included), weights >= 0
    event_nodes: dict[str, list[str]]  # event id -> its nodes (entities + phrase keys)
    kind: dict[str, str]  # node -> "entity" | "keyphrase"
    display: dict[str, str]  # node -> display text (most frequent surface form)
    entity_label: dict[str, str]  # entity node -> spaCy label
    df: Counter  # node -> number of contexts (sentences) it occurs in
    docs: dict[str, set[str]]  # node -> document ids
    hubs: list[str]  # sorted
    n_contexts: int
    n_docs: int
    boilerplate_events: set[str] = field(default_factory=set)
    # (doc id, sentence) -> normalised sentence text, so a repeated line (a caption printed twice) counts once
    sentence_key: dict[tuple[str, int], str] = field(default_factory=dict)

    def idf(self, node: str) -> float:
        return math.log(1.0 + self.n_contexts / max(1, self.df[node]))


@functools.lru_cache(maxsize=1 << 16)
def _clean_name(name: str) -> str:
    return clean_surface(name)


def _phrase_keys(ev: Event, names: dict[str, str], cache: dict[str, tuple[str, str] | None]) -> list[tuple[str, str]]:
    """(normalised key, cleaned surface) of the event's usable key phrases."""
    name_lows = [n.lower() for n in ev.entities if names.get(n) in NAME_LABELS]
    cleaned = [_clean_name(n) for n in ev.entities]
    all_lows = {n.lower() for n in ev.entities} | set(cleaned)
    adjectives = {w for n, c in zip(ev.entities, cleaned) if names.get(n) in ADJ_LABELS for w in c.split(" ")}
    out: list[tuple[str, str]] = []
    for raw in ev.keyphrases:
        hit = cache.get(raw, False)
        if hit is False:
            key = normalise(raw)
            hit = (key, clean_surface(raw)) if key else None
            cache[raw] = hit
        if hit is None:
            continue
        key, surface = hit
        if key in all_lows or surface in all_lows:
            continue
        words = key.split(" ")
        if len(words) > 1 and (words[-1] in GENERIC_WORDS or singular(words[-1]) in GENERIC_WORDS) and all(
            w in adjectives or w in ("and", "or", "&") or w in GENERIC_WORDS for w in words[:-1]
        ):
            continue  # "israeli and russian officials": names plus a generic noun
        padded = f" {surface} "
        if any(f" {n} " in padded or padded.startswith(f" {n}") for n in name_lows if n):
            continue
        out.append(hit)
    return out


def build(events: list[Event], entities: list[Entity], doc_of: dict[str, str]) -> CoMention:
    """Build the co-mention graph.  ``doc_of`` maps a document id to its original (duplicates folded)."""
    labels = {e.id: e.label for e in entities}
    for e in entities:
        for a in e.aliases:
            labels.setdefault(a, e.label)
    per_event, canonical = _phrases_per_event(events, labels)
    kind, surfaces, event_nodes, contexts, event_docs = _event_contexts(per_event, canonical)
    display = {n: n for n in kind}
    for node, c in surfaces.items():
        display[node] = min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    df, docs, ctx_nodes = _context_counts(contexts, event_docs, doc_of)
    n_ctx = max(1, len(ctx_nodes))
    all_docs = {doc_of.get(d, d) for d in doc_of} or {d for s in docs.values() for d in s}
    n_docs = max(1, len(all_docs))
    hubs = sorted(
        n
        for n, c in df.items()
        if c >= 3 and c / n_ctx >= HUB_SHARE and (n_docs < 3 or len(docs[n]) / n_docs >= HUB_DOC_SHARE)
    )

    g = nx.Graph()
    for n in sorted(kind):
        if df[n] == 0:
            continue
        g.add_node(
            n,
            kind=kind[n],
            label=display[n],
            entity_type=labels.get(n, "") if kind[n] == "entity" else "",
            mentions=int(df[n]),
            documents=len(docs[n]),
            hub=n in hubs,
        )
    _add_pmi_edges(g, ctx_nodes, df, n_ctx)
    _add_lexical_edges(g, kind, hubs)
    boiler = {ev.id for ev, ents, phrases in per_event if not ents and not phrases}
    return CoMention(g, event_nodes, kind, display, labels, df, dict(docs), hubs, n_ctx, n_docs, boiler)


_PerEvent = list[tuple[Event, list[str], list[tuple[str, str]]]]  # (event, its entities, its (phrase key, surface))


def _phrases_per_event(events: list[Event], labels: dict[str, str]) -> tuple[_PerEvent, dict[str, str]]:
    """Entities and phrase keys per event, and folded key -> canonical key (its most frequent spelling)."""
    cache: dict[str, tuple[str, str] | None] = {}
    per_event: _PerEvent = []
    variant_count: dict[str, Counter] = defaultdict(Counter)
    for ev in events:
        ents = list(dict.fromkeys(n for n in ev.entities if n and n.strip()))
        phrases = _phrase_keys(ev, labels, cache)
        for key, _ in phrases:
            variant_count[fold(key)][key] += 1
        per_event.append((ev, ents, phrases))
    canonical = {f: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for f, c in variant_count.items()}
    return per_event, canonical


def _event_contexts(per_event: _PerEvent, canonical: dict[str, str]):
    """Node kinds, phrase surfaces, event -> nodes, context -> nodes, and merged event -> its documents."""
    kind: dict[str, str] = {}
    surfaces: dict[str, Counter] = defaultdict(Counter)
    event_nodes: dict[str, list[str]] = {}
    contexts: dict[tuple[str, object], dict[str, None]] = {}
    event_docs: dict[str, list[str]] = {}
    for ev, ents, phrases in per_event:
        nodes: dict[str, None] = {}
        for n in ents:
            kind.setdefault(n, "entity")
            nodes[n] = None
        for key, surface in phrases:
            node = canonical[fold(key)]
            if kind.setdefault(node, "keyphrase") != "keyphrase":
                continue  # an entity of the same name wins
            surfaces[node][surface] += 1
            nodes[node] = None
        event_nodes[ev.id] = list(nodes)
        cites = list(dict.fromkeys((c.doc_id, c.sentence) for c in ev.mentions))
        if len(cites) == 1:
            # one sentence: events read from the same sentence share one context (no double count)
            contexts.setdefault(cites[0], {}).update(nodes)
        else:
            # a merged event's entities are the union over its sentences: the event is the context
            contexts[("event", ev.id)] = dict(nodes)
            for doc_id, _ in cites:
                event_docs.setdefault(ev.id, []).append(doc_id)
    return kind, surfaces, event_nodes, contexts, event_docs


def _context_counts(
    contexts: dict[tuple[str, object], dict[str, None]], event_docs: dict[str, list[str]], doc_of: dict[str, str]
) -> tuple[Counter, dict[str, set[str]], list[list[str]]]:
    """Contexts per node, (original) documents per node, and each context's sorted nodes."""
    df: Counter = Counter()
    docs: dict[str, set[str]] = defaultdict(set)
    ctx_nodes: list[list[str]] = []
    for (doc_id, where), nodes in sorted(contexts.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
        ns = sorted(nodes)
        df.update(ns)
        in_docs = {doc_of.get(d, d) for d in event_docs.get(str(where), [])} if doc_id == "event" else {doc_of.get(doc_id, doc_id)}
        for n in ns:
            docs[n].update(in_docs)
        ctx_nodes.append(ns)
    return df, docs, ctx_nodes


def _add_pmi_edges(g: nx.Graph, ctx_nodes: list[list[str]], df: Counter, n_ctx: int) -> None:
    """Co-mention edges weighted by npmi x log2(1 + count)."""
    pairs: Counter = Counter()
    for ns in ctx_nodes:
        if len(ns) > MAX_CONTEXT_NODES:
            continue  # an overloaded context (a long list, a merged event) is no evidence of co-mention
        for i, a in enumerate(ns):
            for b in ns[i + 1 :]:
                pairs[(a, b)] += 1
    log_n = math.log(n_ctx)
    for (a, b), c in sorted(pairs.items()):
        if c >= n_ctx:
            npmi = 1.0
        else:
            pmi = math.log(n_ctx * c / (df[a] * df[b]))
            npmi = pmi / -math.log(c / n_ctx) if log_n > 0 else 0.0
        # a pair involving a once-mentioned node says little beyond "same sentence"
        w = max(0.0, npmi) * math.log2(1 + c) * (1.0 if min(df[a], df[b]) >= 2 else RARE_FACTOR)
        if w > 0:
            g.add_edge(a, b, weight=w, count=c, lexical=0.0)


def _add_lexical_edges(g: nx.Graph, kind: dict[str, str], hubs: list[str]) -> None:
    """Weaker edges between key phrases sharing a rare content word."""
    phrase_nodes = sorted(n for n in g if kind[n] == "keyphrase" and n not in hubs)
    by_token: dict[str, list[str]] = defaultdict(list)
    for n in phrase_nodes:
        for t in content_tokens(n):
            by_token[t].append(n)
    cap = max(6, min(40, len(phrase_nodes) // 100))
    for t in sorted(by_token):
        group = by_token[t]
        if not 2 <= len(group) <= cap:
            continue
        w = LEXICAL_WEIGHT / math.sqrt(len(group) - 1)
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if g.has_edge(a, b):
                    g[a][b]["weight"] += w
                    g[a][b]["lexical"] += w
                else:
                    g.add_edge(a, b, weight=w, count=0, lexical=w)

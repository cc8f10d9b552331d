"""Stories -> themes: viability, ranking by salience, key phrases, labels, "Other developments".

The stories themselves come from :mod:`brief.group.stories`; every tie here is broken
by a sort key, so the same stories give the same themes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from typing import Any


from brief import lexicon
from brief.group.graph import CoMention
from brief.group.fallback import make_label
from brief.group.labels import ABSTRACT_HEADS, LabelContext
from brief.group.naming import name_themes
from brief.group.phrases import content_tokens
from brief.model import Document, Event, Theme

MIN_EVENTS = 2  # a theme needs at least this many events ...
MIN_MENTIONS = 2  # ... and this many distinct cited sentences
OTHER_LABEL = "Other developments"
STORYLESS = 0.4  # salience factor of a cluster with no concrete recurring key phrase


def target_count(n_docs: int, n_events: int, max_themes: int) -> int:
    """How many themes a corpus supports: ~3-5 for a handful of articles, more for hundreds."""
    k = round(2 + 1.8 * math.log(n_docs + 1))
    return max(1, min(max_themes, k, max(1, n_events // MIN_EVENTS)))


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
    by_token: dict[str, set[str]] = defaultdict(set)  # the longer variants of a phrase hold all its words
    for n in phrases:
        for t in tokens[n]:
            by_token[t].add(n)
    scores = {}
    for n in phrases:
        inner = sum(w for _, m, w in cm.graph.edges(n, data="weight") if m in node_set)
        longer = set.intersection(*(by_token[t] for t in tokens[n])) if tokens[n] else set()
        family = sum(tf[m] for m in longer if tokens[n] < tokens[m])
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
    part: Any,  # .members(): community -> its graph nodes
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
    salience = _Salience(cm, events, docs, doc_of, max((len(v) for v in by_comm.values()), default=1))
    cands, not_viable = _rank_communities(by_comm, members, cm, salience)
    unassigned.extend(not_viable)
    keep, dropped = _cut(cands, max_themes, total_cap or max_themes, bool(unassigned))
    for _, _, evs in dropped:
        unassigned.extend(evs)

    # events without a theme node: the theme whose actor profile they fit best, else "other"
    themed_events = {c: list(evs) for _, c, evs in keep}
    label_ctx = LabelContext(cm, events, doc_of, {d.id: d.title for d in docs if d.title and not d.duplicate_of})
    sentences_of = {d.id: d.sentences for d in docs}
    keep = [(salience(evs), c, evs) for c, evs in themed_events.items()]
    keep.sort(key=lambda x: (-x[0], x[1]))
    unassigned = _place_leftovers(unassigned, themed_events, keep, cm)
    order = [c for _, c, _ in keep]
    central = getattr(part, "central", {})
    themes, comm_theme = _named_themes(cm, label_ctx, order, themed_events, members, central, sentences_of, salience)
    themes, comm_theme = _renumber(themes, comm_theme)
    if unassigned:
        themes.append(_other_theme(unassigned, cm, salience, f"t{len(themes) + 1}"))
    return themes, comm_theme


class _Salience:
    """Salience of a set of events: share of sources, size against the largest community, recency."""

    def __init__(self, cm: CoMention, events: list[Event], docs: list[Document], doc_of: dict[str, str], max_events: int):
        self.cm, self.doc_of, self.max_events = cm, doc_of, max_events
        self.doc_dates = {d.id: d.published for d in docs if d.published}
        all_days = [x for x in self.doc_dates.values()] + [e.date for e in events if e.date]
        self.first, self.last = (min(all_days), max(all_days)) if all_days else (None, None)

    def __call__(self, evs: list[Event]) -> float:
        first, last = self.first, self.last
        sources = {self.doc_of.get(c.doc_id, c.doc_id) for e in evs for c in e.mentions}
        s = 0.45 * len(sources) / max(1, self.cm.n_docs) + 0.35 * len(evs) / max(1, self.max_events)
        latest = _latest(evs, self.doc_dates)
        if latest and first and last and last > first:
            s += 0.2 * (latest - first).days / (last - first).days
        elif latest:
            s += 0.2
        return s


_Ranked = list[tuple[float, int, list[Event]]]  # (salience, community, its events), best first


def _rank_communities(
    by_comm: dict[int, list[Event]], members: dict, cm: CoMention, salience: _Salience
) -> tuple[_Ranked, list[Event]]:
    """Viable communities by salience, and the events of the others (in community order)."""
    cands = []
    rest: list[Event] = []
    for c, evs in by_comm.items():
        if not _viable(c, evs, members.get(c, []), cm):
            rest.extend(evs)
            continue
        # a cluster held together only by abstract phrases ("joint efforts") ranks below real stories
        story = _story_phrases(evs, set(members.get(c, [])), cm)
        cands.append((salience(evs) * (1.0 if story else STORYLESS), c, evs))
    cands.sort(key=lambda x: (-x[0], x[1]))
    return cands, rest


def _cut(cands: _Ranked, max_themes: int, total_cap: int, has_rest: bool) -> tuple[_Ranked, _Ranked]:
    """(kept, dropped): at most ``max_themes``, leaving room for "Other developments" within the hard cap."""
    keep = cands[:max_themes]
    dropped = cands[max_themes:]
    if (dropped or has_rest) and len(keep) >= total_cap and total_cap > 1:
        keep, dropped = cands[: total_cap - 1], cands[total_cap - 1 :]
    return keep, dropped


def _place_leftovers(unassigned: list[Event], themed: dict[int, list[Event]], keep: _Ranked, cm: CoMention) -> list[Event]:
    """Attach leftover events to themes where they fit; the events still left over."""
    if unassigned and themed:
        unassigned = _attach_by_profile(unassigned, themed, cm)
    if 0 < len(unassigned) < MIN_EVENTS and themed:
        # a lone leftover is no "Other developments" section: it joins the theme it shares most names with
        for ev in unassigned:
            mine = set(cm.event_nodes.get(ev.id, ()))
            best = min(keep, key=lambda x: (-len(mine & {n for e in themed[x[1]] for n in cm.event_nodes.get(e.id, ())}), -x[0], x[1]))
            themed[best[1]].append(ev)
        unassigned = []
    return unassigned


def _named_themes(
    cm: CoMention,
    label_ctx: LabelContext,
    order: list[int],
    themed: dict[int, list[Event]],
    members: dict,
    central: dict,
    sentences_of: dict,
    salience: _Salience,
) -> tuple[list[Theme], dict[int, str]]:
    """One labelled theme per community in ``order`` (ids t1, t2, ...), and community -> theme id."""
    themes: list[Theme] = []
    comm_theme: dict[int, str] = {}
    taken: set[str] = {OTHER_LABEL.lower()}
    named = name_themes(
        label_ctx,
        [themed[c] for c in order],
        [central.get(c) for c in order],
        [_texts(themed[c], sentences_of) for c in order],
    )
    for c, label in zip(order, named):
        evs = sorted(themed[c], key=lambda e: _event_order(e.id))
        phrases = rank_keyphrases(members.get(c, []), cm, evs)
        ents = rank_entities(evs, cm)
        tid = f"t{len(themes) + 1}"
        comm_theme[c] = tid
        if label is None:
            label, _ = make_label(label_ctx, evs, _texts(evs, sentences_of), ents, set(members.get(c, [])), taken)
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
    return themes, comm_theme


def _renumber(themes: list[Theme], comm_theme: dict[int, str]) -> tuple[list[Theme], dict[int, str]]:
    """Final ranking (leftover events may have joined a theme): ids follow salience."""
    order = sorted(range(len(themes)), key=lambda i: (-themes[i].salience, i))
    renumber = {themes[i].id: f"t{rank + 1}" for rank, i in enumerate(order)}
    themes = [themes[i] for i in order]
    for t in themes:
        t.id = renumber[t.id]
    return themes, {c: renumber[tid] for c, tid in comm_theme.items()}


def _other_theme(unassigned: list[Event], cm: CoMention, salience: _Salience, tid: str) -> Theme:
    """The "Other developments" theme of the events no theme took."""
    evs = sorted(unassigned, key=lambda e: _event_order(e.id))
    tally = Counter(n for e in evs for n in cm.event_nodes.get(e.id, ()) if cm.kind.get(n) == "keyphrase")
    return Theme(
        id=tid,
        label=OTHER_LABEL,
        keyphrases=[cm.display.get(p, p) for p, _ in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))[:6]],
        entities=rank_entities(evs, cm)[:6],
        event_ids=[e.id for e in evs],
        salience=round(salience(evs), 4),
    )


def _texts(evs: list[Event], sentences_of: dict) -> list[str]:
    return [
        sentences_of[m.doc_id][m.sentence].text
        for e in evs
        for m in e.mentions
        if m.doc_id in sentences_of and 0 <= m.sentence < len(sentences_of[m.doc_id])
    ]


_HEAD_SPLIT = re.compile(r"\s+(?:" + "|".join(map(re.escape, lexicon.data("phrase_words")["label_joiners"])) + r")\s+")


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

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


from brief.group.graph import CoMention
from brief.group.labels import ABSTRACT_HEADS, LabelContext, make_label
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
    if 0 < len(unassigned) < MIN_EVENTS and themed_events:
        # a lone leftover is no "Other developments" section: it joins the theme it shares most names with
        for ev in unassigned:
            mine = set(cm.event_nodes.get(ev.id, ()))
            best = min(keep, key=lambda x: (-len(mine & {n for e in themed_events[x[1]] for n in cm.event_nodes.get(e.id, ())}), -x[0], x[1]))
            themed_events[best[1]].append(ev)
        unassigned = []

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

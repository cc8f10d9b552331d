"""One event per real happening: fold the same happening told by several sources.

Two events are the same happening when their actions belong to the same class
(meet/hold talks/visit; speak/call/discuss; ...), their dates do not clash
(resolved dates must overlap; two different named weekdays clash even when
undated), their named people do not exclude each other, and their sentences say
much the same thing (content-word overlap, participants, key phrases -- or, for
paraphrases that share few words, sentence embeddings close together).  Within
one document only near-repeats fold (a caption repeated as a sentence).

Candidate pairs come from blocking, never from all pairs: events of one action class
that share a participant or entity, a key phrase, a rare content word, a resolved day,
or whose sentences are embedding neighbours.  A block too large to compare in full
(a very common entity) is compared within a sliding window in mention order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import numpy as np

from brief.extract.dates import overlaps, weekday_of
from brief.extract.entities import demonym_country
from brief.lexicon import data
from brief.model import Event

_LEX = data("merge")
ACTION_CLASSES: dict[str, str] = _LEX["action_classes"]  # verb -> the kind of happening it tells
STOP = frozenset(_LEX["content_stop_words"])
LOOKING_AHEAD = frozenset(_LEX["looking_ahead"])
_STEM_SUFFIXES = tuple(_LEX["stem_suffixes"])
_WORD = re.compile(r"[a-z0-9][a-z0-9\-']*")


def action_class(action: str) -> str:
    if action in ACTION_CLASSES:
        return ACTION_CLASSES[action]
    head = action.split()[0]
    return ACTION_CLASSES.get(head, head)


def content_words(text: str) -> set[str]:
    out = set()
    for w in _WORD.findall(text.lower().replace("’", "'")):
        w = w.strip("'-").replace("-", "")
        if w.endswith("'s"):
            w = w[:-2]
        if len(w) < 3 or w in STOP:
            continue
        out.add(_stem(w))
    return out


def _stem(w: str) -> str:
    for suf in _STEM_SUFFIXES:
        if len(w) > len(suf) + 3 and w.endswith(suf) and not w.endswith("ss"):
            return w[: -len(suf)]
    return w


def text_similarity(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return 0.5 * inter / len(a | b) + 0.5 * inter / min(len(a), len(b))


_INFO_KEYS = ("event", "cls", "words", "people", "parts", "keys", "weekday", "docs", "person_targets",
              "phrase_targets", "actor_kinds", "ents", "target_heads", "published", "places", "cited")


class _Info:
    __slots__ = _INFO_KEYS

    def __init__(self, ev: Event, words: set[str], person_ids: set[str], country_of=demonym_country, labels=None,
                 published=None):
        self.event = ev
        self.cls = action_class(ev.action)
        self.words = words
        self.parts = {x for x in ev.actors + ev.targets + ev.locations if x in person_ids or x in ev.entities}
        for phrase in ev.actors + ev.targets:  # "Syrian air defenses" involves Syria
            if phrase not in self.parts:
                for w in phrase.split():
                    country = country_of(w)
                    if country and country in ev.entities:
                        self.parts.add(country)
        self.person_targets = {x for x in ev.targets if x in person_ids}
        self.phrase_targets = {x for x in ev.targets if x not in ev.entities and x not in person_ids}
        self.people = {x for x in self.parts if x in person_ids}
        self.keys = set(ev.keyphrases)
        self.ents = set(ev.entities)
        place_labels = set(data("merge")["place_labels"])
        self.places = {x for x in ev.entities if (labels or {}).get(x) in place_labels}
        self.target_heads = {_stem(t.split(" of ")[0].split()[-1].lower()) for t in self.phrase_targets if t.split()}
        pubs = [published.get(c.doc_id) for c in ev.mentions] if published else []
        self.published = [p for p in pubs if p is not None]
        labels = labels or {}
        self.actor_kinds: dict[str, set[str]] = {}
        for a in ev.actors:
            kind = labels.get(a)
            if kind:
                self.actor_kinds.setdefault("PLACE" if kind in ("GPE", "LOC", "NORP") else kind, set()).add(a)
        self.weekday = weekday_of(ev.date_text)
        self.docs = {c.doc_id for c in ev.mentions}
        self.cited = frozenset((c.doc_id, c.sentence) for c in ev.mentions)


def _dates_compatible(a: _Info, b: _Info) -> bool:
    """Each side's date was resolved against its own document's publication date ("on Tuesday" in an April 1
    report and in an April 8 report are two Tuesdays); what is left unresolved is compared as text."""
    ea, eb = a.event, b.event
    if ea.date and eb.date:
        return overlaps(ea.date, ea.date_end, eb.date, eb.date_end)
    if a.weekday is not None and b.weekday is not None:
        if a.weekday != b.weekday:
            return False
        # one named weekday told in reports more than six days apart is two different days
        if a.published and b.published and max(abs((x - y).days) for x in a.published for y in b.published) > 6:
            return False
    for x, y in ((a, b), (b, a)):
        # an undated telling is of something that happened by its report: it cannot be a day after that
        if (x.event.date and not y.event.date and y.published and y.event.modality not in LOOKING_AHEAD
                and x.event.date > max(y.published) + dt.timedelta(days=1)):
            return False
    return True


def compatible(a: _Info, b: _Info) -> bool:
    """Nothing says these two are different happenings (checked between every member of two clusters)."""
    if a.cls != b.cls or a.event.negated != b.event.negated:
        return False
    if a.cited & b.cited:  # two events of one sentence stay two
        return False
    if not _dates_compatible(a, b):
        return False
    if a.people and b.people and not (a.people & b.people):
        return False
    if a.ents and b.ents and not (a.ents & b.ents):  # one happening told twice names something in common
        return False
    symmetric = a.cls in data("merge")["symmetric_classes"]  # "A met B" = "B met A"
    for kind, names in a.actor_kinds.items():  # "Norland officials met ..." vs "Estavia officials met ..."
        other = b.actor_kinds.get(kind)
        if other and not (names & other) and not (symmetric and names & set(b.event.targets)):
            return False
    for x, y in ((a, b), (b, a)):  # "met Ada Kerr" vs "met Juno Pike"
        if x.person_targets and y.person_targets and not (x.person_targets & y.people):
            return False
    if a.places and b.places and not (a.places & b.places):  # the sentences set them in different places
        return False
    la, lb = set(a.event.locations), set(b.event.locations)
    if la and lb and not (la & lb):  # "near Karvik" vs "near Port Selva"
        return False
    if a.target_heads and b.target_heads and not (a.target_heads & b.target_heads):  # "families" vs "detainees"
        return False
    if a.event.date is None and b.event.date is None and a.published and b.published:
        # undated on both sides: reports of one happening are published days apart, not months
        if max(abs((x - y).days) for x in a.published for y in b.published) > 21:
            return False
    return True


EMBED_SAME = 0.8  # cosine of two sentences that tell one happening in other words
BLOCK_MAX = 30  # a larger block is compared within a sliding window of this many events
UNDECIDED_LOW = 0.25  # fewer shared words than this: not the same happening, whatever the embedding says
RARE_WORD_DF = 12  # a content word in more events than this is too common to block on


MIN_SHARED_WORDS = 0.2  # every rule below asks at least this word overlap


def same_happening(a: _Info, b: _Info, similarity=None) -> bool:
    sim = text_similarity(a.words, b.words)
    if sim < MIN_SHARED_WORDS or not compatible(a, b):  # the cheap test first: most candidates fail it
        return False
    # "met Netanyahu" vs "met officials": a named person on one side, only people described on the other
    for x, y in ((a, b), (b, a)):
        if x.person_targets and not y.person_targets and y.phrase_targets and not (x.person_targets & y.parts):
            return False
    if a.docs & b.docs:  # same document: only near-repeats
        return sim >= 0.75
    shared = a.parts & b.parts
    jp = len(shared) / len(a.parts | b.parts) if a.parts or b.parts else 0.0
    key_shared = len(a.keys & b.keys)
    if sim >= 0.5:
        return True
    if jp >= 0.5 and len(shared) >= 2 and sim >= 0.3:
        return True
    if a.event.date and b.event.date and shared and sim >= 0.2:
        return True
    if sim >= 0.4 and (shared or key_shared >= 2):
        return True
    if sim >= 0.3 and shared and key_shared >= 1:
        return True
    if similarity is not None and (shared or key_shared) and sim >= UNDECIDED_LOW:
        cos = similarity(a.event, b.event)  # a paraphrase: few words in common, the same meaning
        return cos is not None and cos >= EMBED_SAME
    return False


def _neighbours(vectors, texts: list[str], k: int = 5, floor: float = EMBED_SAME):
    """Embedding neighbours among events whose sentences are already embedded (no new embedding)."""
    if vectors is None:
        return None

    def pairs(idxs: list[int]) -> list[tuple[int, int]]:
        known = [i for i in idxs if vectors.cosine(texts[i], texts[i]) is not None]
        if len(known) < 2:
            return []
        m = vectors.matrix([texts[i] for i in known])
        sims = m @ m.T
        out = []
        for a in range(len(known)):
            for b in np.argsort(-sims[a])[1 : k + 1]:
                if sims[a, int(b)] >= floor:
                    out.append((known[a], known[int(b)]))
        return out

    return pairs


def candidate_pairs(infos: list[_Info], idxs: list[int], neighbours=None) -> set[tuple[int, int]]:
    """Blocking: pairs of events (of one action class) that share something worth comparing.

    ``neighbours(list of event indexes) -> pairs`` may add embedding neighbours.
    """
    df: Counter = Counter(w for i in idxs for w in infos[i].words)
    common = RARE_WORD_DF
    blocks: dict[tuple[str, object], list[int]] = {}
    for i in idxs:
        inf = infos[i]
        keys: set[tuple[str, object]] = {("p", x) for x in inf.parts | inf.ents}
        keys |= {("k", k) for k in inf.keys}
        keys |= {("w", w) for w in inf.words if df[w] <= common}
        if inf.event.date is not None:
            keys.add(("d", inf.event.date.toordinal()))
        for key in keys:
            blocks.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        span = len(members) if len(members) <= BLOCK_MAX else BLOCK_MAX
        for x in range(len(members)):
            for y in range(x + 1, min(len(members), x + span)):
                pairs.add((members[x], members[y]))
    if neighbours is not None:
        pairs |= {(min(i, j), max(i, j)) for i, j in neighbours(idxs) if i != j}
    return pairs


def merge_events(events: list[Event], sentence_text, person_ids: set[str], country_of=demonym_country,
                 labels: dict[str, str] | None = None, published: dict | None = None,
                 vectors=None) -> list[Event]:
    """Fold events that tell the same happening; returns the surviving events in first-mention order.

    ``sentence_text(citation)`` gives the text of a mention.  ``vectors`` (optional, a
    :class:`brief.embed.SentenceVectors`) gives embedding neighbours as extra candidates and the
    cosine of two sentences for paraphrases, among the sentences it already holds (it embeds none).
    """
    infos = []
    for ev in events:
        words = set()
        for c in ev.mentions:
            words |= content_words(sentence_text(c))
        infos.append(_Info(ev, words, person_ids, country_of, labels, published))
    parent = list(range(len(infos)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    members: dict[int, list[int]] = {i: [i] for i in range(len(infos))}
    by_class: dict[str, list[int]] = {}
    for i, inf in enumerate(infos):
        by_class.setdefault(inf.cls, []).append(i)
    first = [sentence_text(ev.mentions[0]) if ev.mentions else "" for ev in events]
    similarity = None
    blocked = {}
    for cls, idxs in by_class.items():
        if len(idxs) >= 2:
            blocked[cls] = sorted(candidate_pairs(infos, idxs, _neighbours(vectors, first)))
    if vectors is not None:  # sentences embedded by an earlier step (figures, dates): no new embedding here

        def similarity(x: Event, y: Event) -> float | None:
            return vectors.cosine(sentence_text(x.mentions[0]), sentence_text(y.mentions[0]))
    for cls, pairs in blocked.items():
        for i, j in pairs:
            ri, rj = find(i), find(j)
            if ri == rj:
                continue
            if same_happening(infos[i], infos[j], similarity) and all(
                compatible(infos[x], infos[y]) for x in members[ri] for y in members[rj]
            ):
                # complete linkage on the hard constraints: no chain of look-alikes folds two happenings
                parent[rj] = ri
                members[ri].extend(members.pop(rj))
    clusters: dict[int, list[int]] = {}
    for i in range(len(infos)):
        clusters.setdefault(find(i), []).append(i)
    out = []
    for root, members in sorted(clusters.items(), key=lambda kv: min(kv[1])):
        out.append(_combine([infos[m].event for m in sorted(members)]))
    return out


def _combine(evs: list[Event]) -> Event:
    if len(evs) == 1:
        return evs[0]
    # the richest telling leads; every mention is kept
    lead = max(evs, key=lambda e: (bool(e.actors), len(e.actors) + len(e.targets), e.date is not None))
    merged = Event(**{k: getattr(lead, k) for k in lead.__dataclass_fields__})
    merged.mentions = list(dict.fromkeys(c for e in evs for c in e.mentions))
    for attr in ("actors", "targets", "locations", "entities", "keyphrases"):
        vals = list(getattr(lead, attr))
        for e in evs:
            for v in getattr(e, attr):
                if v not in vals:
                    vals.append(v)
        setattr(merged, attr, vals)
    if merged.date is None:
        for e in evs:
            if e.date is not None:
                merged.date, merged.date_end, merged.date_text = e.date, e.date_end, e.date_text
                break
    if merged.date_text is None:
        merged.date_text = next((e.date_text for e in evs if e.date_text), None)
    if merged.attribution is None:
        merged.attribution = next((e.attribution for e in evs if e.attribution), None)
    merged.hedged = all(e.hedged for e in evs)
    return merged

"""Benchmark the group stage: grouping time for 1k, 10k and 100k generated events.

    python -m bench.bench_group            # the curve: events, seconds, us/event, themes

Events are generated directly (the extract stage is not timed): each belongs to one
of a number of stories that grows with the corpus, mentions a few of the story's
actors, places and key phrases, sometimes one of the three actors present
everywhere, and sometimes an off-topic phrase.  Documents carry 20 events each.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import sys
import time

from brief.config import BriefConfig
from brief.group import group
from brief.model import Citation, Document, Entity, Event, Sentence

SIZES = (1_000, 10_000, 100_000)
EVENTS_PER_DOC = 20
HUBS = ["Norland", "Estavia", "Calderon"]
NOUNS = ["corridor", "ceasefire", "convoy", "detainee", "outage", "harvest", "tariff", "reservoir", "airbase",
         "pipeline", "quarantine", "election", "strike", "blockade", "inspection", "evacuation", "vaccine", "bridge"]
MODS = ["northern", "humanitarian", "joint", "emergency", "disputed", "temporary", "regional", "maritime", "rural",
        "military", "civilian", "interim"]


def synthetic(n_events: int, seed: int = 11) -> tuple[list[Event], list[Entity], list[Document]]:
    rng = random.Random(seed)
    n_stories = max(5, int(3 * math.sqrt(n_events / 50)))
    stories = []
    for s in range(n_stories):
        phrases = [f"{rng.choice(MODS)} {rng.choice(NOUNS)} {s}" for _ in range(6)]
        actors = [f"Actor {s}-{i}" for i in range(4)]
        places = [f"Place {s}-{i}" for i in range(2)]
        stories.append((phrases, actors, places))
    noise = [f"{m} {n}" for m in MODS for n in NOUNS]
    n_docs = max(1, n_events // EVENTS_PER_DOC)
    start = dt.date(2024, 1, 1)
    docs = [
        Document(id=f"d-{i:06d}", title=f"doc {i}", text="", published=start + dt.timedelta(days=i % 120))
        for i in range(n_docs)
    ]
    entities: dict[str, Entity] = {}
    events: list[Event] = []
    for i in range(n_events):
        phrases, actors, places = stories[rng.randrange(n_stories)]
        ents = rng.sample(actors, rng.randint(1, 2)) + ([rng.choice(places)] if rng.random() < 0.5 else [])
        if rng.random() < 0.6:
            ents.append(rng.choice(HUBS))
        kps = rng.sample(phrases, rng.randint(1, 3)) + ([rng.choice(noise)] if rng.random() < 0.3 else [])
        doc = docs[i // EVENTS_PER_DOC % n_docs]
        idx = len(doc.sentences)
        doc.sentences.append(Sentence(doc.id, idx, f"{ents[0]} discussed the {kps[0]} with {ents[-1]}."))
        for e in ents:
            label = "GPE" if e in HUBS or e.startswith("Place") else "PERSON"
            ent = entities.setdefault(e, Entity(e, label))
            ent.mentions += 1
        events.append(
            Event(id=f"e{i + 1}", action="discuss", actors=ents[:1], mentions=[Citation(doc.id, idx)],
                  entities=ents, keyphrases=kps, date=doc.published)
        )
    return events, list(entities.values()), docs


def run(n: int) -> tuple[float, int]:
    events, entities, docs = synthetic(n)
    t0 = time.perf_counter()
    out = group(events, entities, docs, config=BriefConfig(max_themes=12), progress=lambda *a: None)
    took = time.perf_counter() - t0
    assigned = sum(len(t.event_ids) for t in out.themes)
    assert assigned == len(events), "every event must be in a theme"
    return took, len(out.themes)


def main(sizes: tuple[int, ...] = SIZES) -> list[tuple[int, float]]:
    print(f"{'events':>8} {'seconds':>9} {'us/event':>9} {'themes':>7}")
    curve = []
    for n in sizes:
        took, k = run(n)
        curve.append((n, took))
        print(f"{n:>8} {took:>9.2f} {1e6 * took / n:>9.1f} {k:>7}", flush=True)
    if len(curve) >= 2:
        (n0, t0), (n1, t1) = curve[0], curve[-1]
        slope = math.log(max(t1, 1e-9) / max(t0, 1e-9)) / math.log(n1 / n0)
        print(f"growth exponent {slope:.2f} (1.0 = linear)")
    return curve


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or SIZES)

"""Benchmark: extraction throughput against the bare spaCy floor, in the same run.

    python -m bench.bench_extract [N]        (default N = 1000 generated documents)

The floor is ``nlp.pipe`` over exactly the bodies ``extract`` parses (same batch
size), with nothing done to the parsed docs.  ``extract`` adds sentence
segmentation, entity folding, events, merging, discrepancies and salience; the
target is at most 1.5x the floor.
"""

from __future__ import annotations

import datetime as dt
import sys
import time

from bench.corpus import generate
from brief.config import BriefConfig
from brief.extract import extract
from brief.parallel import BATCH_SIZE
from brief.model import Document
from brief.nlp import get_nlp


def _documents(n: int) -> list[Document]:
    docs = []
    for i, d in enumerate(generate(n)):
        docs.append(Document(id=f"d-{i:05d}", title=d["title"], text=d["text"], body=d["text"], outlet=d["outlet"],
                             url=d["url"], published=dt.date.fromisoformat(d["published"])))
    return docs


def main(n: int | None = None) -> dict[str, float]:
    n = n or (int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    docs = _documents(n)
    nlp = get_nlp()
    list(nlp.pipe([d.body for d in docs[:8]], batch_size=BATCH_SIZE))  # warm up

    t0 = time.perf_counter()
    for _ in nlp.pipe((d.body for d in docs), batch_size=BATCH_SIZE):
        pass
    floor = time.perf_counter() - t0

    t0 = time.perf_counter()
    x = extract(docs, config=BriefConfig(), progress=lambda *a: None)
    took = time.perf_counter() - t0

    n_sent = sum(len(d.sentences) for d in docs)
    mentions = sum(len(e.mentions) for e in x.events)
    ratio = took / floor if floor else float("inf")
    print(f"floor  nlp.pipe: {n} docs in {floor:.2f}s = {n / floor:.1f} docs/s")
    print(f"extract        : {n} docs in {took:.2f}s = {n / took:.1f} docs/s, {len(x.events) / took:.0f} events/s "
          f"({len(x.events)} events from {mentions} mentions, {n_sent} sentences, {len(x.entities)} entities, "
          f"{len(x.discrepancies)} discrepancies; embedder {x.embedder.get('name')}, "
          f"{x.embedder.get('sentences_embedded', 0)} sentences embedded)")
    print(f"ratio extract/floor: {ratio:.2f}x (target <= 1.5x)")
    return {"floor_s": floor, "extract_s": took, "ratio": ratio, "events": len(x.events)}


if __name__ == "__main__":
    main()

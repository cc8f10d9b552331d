"""Benchmark: sentence-embedding cost per 1,000 sentences (the default model and the lexical fallback).

    python -m bench.bench_embed [N]        (default N = 1000 sentences from the generated corpus)

The pipeline embeds only sentences that need it (those carrying a figure, the dated
phrases of date facts, the sentences of event pairs that words alone leave undecided);
``bench_extract`` prints how many that is per run.
"""

from __future__ import annotations

import re
import sys
import time

from bench.corpus import generate
from brief.config import BriefConfig
from brief.embed import clear_cache, get_embedder


def _sentences(n: int) -> list[str]:
    out: list[str] = []
    for d in generate(max(50, n // 5)):
        for s in re.split(r"(?<=[.!?])\s+", d["text"]):
            if len(s.split()) >= 6:
                out.append(s.strip())
    out = list(dict.fromkeys(out))
    while len(out) < n:  # repeat with a marker so the cache of identical texts is not what is measured
        out += [f"{s} ({len(out)})" for s in out[: n - len(out)]]
    return out[:n]


def main(n: int | None = None) -> dict[str, float]:
    n = n or (int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    texts = _sentences(n)
    results = {}
    for spec in (None, "lexical"):
        clear_cache()
        t0 = time.perf_counter()
        emb = get_embedder(BriefConfig(embedder=spec))
        load = time.perf_counter() - t0
        emb.encode(texts[:16])  # warm up
        t0 = time.perf_counter()
        emb.encode(texts)
        took = time.perf_counter() - t0
        per_k = 1000 * took / n
        results[emb.name] = per_k
        print(f"{emb.name:>18} ({emb.kind}): load {load:.2f}s, {n} sentences in {took:.2f}s = {per_k:.2f} s per 1,000"
              + (f"  [{emb.notice}]" if emb.notice else ""))
    return results


if __name__ == "__main__":
    main()

"""Benchmark: documents/second for ingest + clean over a generated 1,000-document corpus.

    python -m bench.bench_ingest [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import write_corpus
from brief.clean import clean_documents
from brief.config import BriefConfig
from brief.ingest import load_inputs


def main(n: int | None = None) -> float:
    n = n or (int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    config = BriefConfig()
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), n)
        t0 = time.perf_counter()
        docs = load_inputs([tmp], config=config, on_problem=problems.append, progress=lambda *a: None)
        t1 = time.perf_counter()
        clean_documents(docs, config=config, progress=lambda *a: None)
        t2 = time.perf_counter()
    dropped = sum(len(d.dropped) for d in docs)
    dups = sum(1 for d in docs if d.duplicate_of)
    rate = len(docs) / (t2 - t0)
    print(f"ingest+clean: {len(docs)} docs in {t2 - t0:.2f}s (ingest {t1 - t0:.2f}s, clean {t2 - t1:.2f}s) "
          f"= {rate:.0f} docs/s; {dropped} lines dropped, {dups} duplicates, {len(problems)} problems")
    return rate


if __name__ == "__main__":
    main()

"""Run the benchmarks: ``make bench`` or ``python -m bench [ingest extract embed group summarize]``."""

from __future__ import annotations

import importlib
import sys
import time

ALL = ["ingest", "extract", "embed", "group", "summarize"]


def main(argv: list[str]) -> int:
    names = argv or ALL
    for name in names:
        if name not in ALL:
            print(f"unknown benchmark {name!r}; choose from {', '.join(ALL)}", file=sys.stderr)
            return 2
    for name in names:
        try:
            mod = importlib.import_module(f"bench.bench_{name}")
        except ModuleNotFoundError as e:
            print(f"== {name}: not available ({e})")
            continue
        print(f"== {name}", flush=True)
        t = time.perf_counter()
        mod.main()
        print(f"   ({time.perf_counter() - t:.1f} s)\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Seconds and peak memory per stage, for ``meta.timings`` (pipeline and renderers alike)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

try:
    import resource
except ImportError:  # Windows: no getrusage; peak memory is then reported as 0
    resource = None  # type: ignore[assignment]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (0.0 where the platform cannot tell)."""
    if resource is None:
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


class StageTimer:
    """Seconds and peak memory per stage, for ``meta.timings``."""

    def __init__(self) -> None:
        self.timings: dict[str, dict[str, float]] = {}
        self._start = time.perf_counter()

    @contextmanager
    def stage(self, name: str, **counts: int) -> Iterator[dict[str, float]]:
        t0 = time.perf_counter()
        row: dict[str, float] = dict(counts)
        try:
            yield row
        finally:
            row["seconds"] = round(time.perf_counter() - t0, 3)
            row["peak_rss_mb"] = peak_rss_mb()
            self.timings[name] = row

    def total(self) -> dict[str, dict[str, float]]:
        out = dict(self.timings)
        out["total"] = {"seconds": round(time.perf_counter() - self._start, 3), "peak_rss_mb": peak_rss_mb()}
        return out

"""``make bench``: speed and memory of ``brief build`` end to end, as ratios to a floor of the same run.

Printed, and written to ``out/bench.json``:

* the floor: bare spaCy ``nlp.pipe`` over the 1,000-document bench corpus's texts, with the
  ``n_process`` that is fastest here (1 or 2);
* ``brief build`` end to end (ingest to PDF) on that corpus, in a child process: wall
  seconds, peak RSS, each stage's seconds and documents per second (``meta.timings``), and
  the ratio to the floor (target <= 2.0x); the PDF render's seconds (target <= 15 s);
* the growth exponent of the build's cost over 250, 1,000 and 4,000 documents (the slope
  of log seconds on log documents; 1.0 is linear);
* the everyday case: ``brief --help`` (target <= 1 s) and the 8-article demo corpus to a
  PDF (target <= 10 s);
* T17 bpoil (1,460 real articles, ``../shared``) to a PDF and a JSON: seconds (target
  <= 180 s), peak RSS (target <= 1.5 GB) and JSON size (target <= 30 MB).

``python -m bench.scale --quick`` skips the 4,000-document point and bpoil.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import generate, write_corpus
from bench.evaluate import ROOT, SHARED, brief_command, run_build

TARGETS = {"ratio": 2.0, "render_pdf_s": 15.0, "help_s": 1.0, "demo_pdf_s": 10.0,
           "bpoil_s": 180.0, "bpoil_peak_mb": 1536.0, "bpoil_json_mb": 30.0}


def floor_seconds(texts: list[str]) -> tuple[float, int]:
    """Fastest bare ``nlp.pipe`` over ``texts`` (n_process 1 or 2): (seconds, n_process)."""
    from brief.nlp import get_nlp

    nlp = get_nlp()
    list(nlp.pipe(texts[:8]))  # warm up
    best = (math.inf, 1)
    for n_process in (1, 2):
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
            pass
        best = min(best, (time.perf_counter() - t0, n_process))
    return round(best[0], 2), best[1]


def stage_rows(json_path: Path, n_docs: int) -> dict[str, dict]:
    timings = json.loads(json_path.read_text(encoding="utf-8")).get("meta", {}).get("timings", {})
    for row in timings.values():
        if row.get("seconds"):
            row["docs_per_s"] = round(n_docs / row["seconds"], 1)
    return timings


def growth_exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(seconds) on log(documents)."""
    pts = [(math.log(n), math.log(s)) for n, s in points if n > 0 and s > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return round(sum((x - mx) * (y - my) for x, y in pts) / den, 2) if den else None


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return round(time.perf_counter() - t0, 2)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="make bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="skip the 4,000-document point and T17 bpoil")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "bench.json")
    args = ap.parse_args(argv)
    result: dict = {"targets": TARGETS}
    work = Path(tempfile.mkdtemp(prefix="brief-bench-"))

    result["help_s"] = timed(brief_command() + ["--help"])
    demo = run_build("demo", [str(ROOT / "examples")], work / "demo.pdf", ["pdf"], "extractive")
    result["demo_pdf_s"] = demo.wall_s
    print(f"brief --help: {result['help_s']:.2f} s; 8-article demo to PDF: {demo.wall_s:.1f} s", flush=True)

    texts = [d["title"] + "\n\n" + d["text"] for d in generate(1000)]
    result["floor_s"], result["floor_n_process"] = floor_seconds(texts)
    print(f"floor: nlp.pipe over 1000 texts, n_process={result['floor_n_process']}: {result['floor_s']:.1f} s",
          flush=True)

    points = []
    sizes = (250, 1000) if args.quick else (250, 1000, 4000)
    for n in sizes:
        folder = work / f"corpus-{n}"
        write_corpus(folder, n)
        fmts = ["pdf", "json"] if n == 1000 else ["json"]
        b = run_build(f"bench-{n}", [str(folder)], work / f"bench-{n}.pdf", fmts, "extractive")
        if b.rc != 0:
            print(f"build of {n} documents failed (rc {b.rc}): {b.stderr.strip()[-300:]}", file=sys.stderr)
            return 1
        points.append((n, b.wall_s))
        print(f"build {n} documents: {b.wall_s:.1f} s, peak {b.peak_mb:.0f} MB", flush=True)
        if n == 1000:
            result["build_1000_s"], result["build_1000_peak_mb"] = b.wall_s, b.peak_mb
            result["stages_1000"] = stage_rows(b.json_path, n)
            result["render_pdf_s"] = result["stages_1000"].get("render_pdf", {}).get("seconds")
            result["ratio"] = round(b.wall_s / result["floor_s"], 2)
    result["growth"] = {"points": points, "exponent": growth_exponent(points)}

    bpoil = SHARED / "corpus" / "t17" / "bpoil" / "articles.jsonl"
    if not args.quick and bpoil.exists():
        b = run_build("bpoil", [str(bpoil)], work / "bpoil.pdf", ["pdf", "json"], "extractive")
        result["bpoil_s"], result["bpoil_peak_mb"] = b.wall_s, b.peak_mb
        if b.json_path.exists():
            result["bpoil_json_mb"] = round(b.json_path.stat().st_size / 2**20, 1)
            result["stages_bpoil"] = stage_rows(b.json_path, 1460)
        print(f"T17 bpoil: {b.wall_s:.1f} s, peak {b.peak_mb:.0f} MB, JSON {result.get('bpoil_json_mb')} MB",
              flush=True)

    print()
    print(f"{'stage (1,000 docs)':<20} {'seconds':>8} {'docs/s':>8} {'peak MB':>8}")
    for stage, row in (result.get("stages_1000") or {}).items():
        print(f"{stage:<20} {row.get('seconds', 0):>8.2f} {row.get('docs_per_s', 0):>8.1f} {row.get('peak_rss_mb', 0):>8.0f}")
    print()
    checks = [
        ("build 1,000 docs / floor", result.get("ratio"), TARGETS["ratio"], "x"),
        ("PDF render, 1,000 docs", result.get("render_pdf_s"), TARGETS["render_pdf_s"], " s"),
        ("brief --help", result.get("help_s"), TARGETS["help_s"], " s"),
        ("demo corpus to PDF", result.get("demo_pdf_s"), TARGETS["demo_pdf_s"], " s"),
        ("T17 bpoil end to end", result.get("bpoil_s"), TARGETS["bpoil_s"], " s"),
        ("T17 bpoil peak RSS", result.get("bpoil_peak_mb"), TARGETS["bpoil_peak_mb"], " MB"),
        ("T17 bpoil JSON", result.get("bpoil_json_mb"), TARGETS["bpoil_json_mb"], " MB"),
    ]
    for name, value, target, unit in checks:
        verdict = "—" if value is None else ("met" if value <= target else "MISSED")
        shown = "skipped" if value is None else f"{value}{unit}"
        print(f"{name:<26} {shown:>12}  (target <= {target}{unit})  {verdict}")
    print(f"growth exponent over {', '.join(str(n) for n, _ in points)} docs: {result['growth']['exponent']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

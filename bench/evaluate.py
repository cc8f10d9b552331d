"""``make eval``: the brief on news it was not written for, scored by the shared scorers.

* Every corpus named by ``../shared/gold/*.json`` (seeds, grain-deal, israel-russia) is
  built to ``out/eval/<name>.pdf`` + ``.json`` and scored with ``eval/score.py``
  (``out/eval/<name>.score.txt``).
* Timeline17 in the news-tls protocol: one task per gold timeline, built from the
  articles published inside that timeline's span (``eval/span_filter.py``), scored
  together with ``eval/date_f1.py --pairs``.  Default: H1N1's three timelines;
  ``EVAL=full`` (``--full``): all 14 timelines of the four topics.
* ``EVAL=loo`` (``--loo``): every gold corpus is also built without each of its files
  in turn, and the scores are pooled over those briefs (a steadier read than one brief).
* One table: a row per corpus with every metric, the build's wall time and peak
  memory, then the T17 averages beside the published T17 figures.  Everything also
  goes to ``out/eval/summary.json``.

The scorers are run unchanged from ``../shared/eval``; the builds run the installed
``brief`` command as a user would (``--summarizer extractive`` unless ``SUMMARIZER``
says otherwise, so a model in the local cache does not change the numbers).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BRIEF_SHARED", ROOT.parent / "shared"))
T17_DEFAULT = ("h1n1",)
T17_FULL = ("bpoil", "h1n1", "libya", "syria")
# Table 4 of Gholipour Ghalandari & Ifrim (ACL 2020), T17 Date-F1 (19-task average)
PUBLISHED = (("news-tls Datewise", 0.544), ("Martschat & Markert 2018", 0.544), ("news-tls Clust", 0.407))
# score.py metric -> column heading, in table order
CORPUS_COLUMNS = (
    ("docs", "docs"),
    ("gold_themes_matched", "themes"),
    ("labels_naming_story", "labels"),
    ("label_pairs_sharing_word", "shared"),
    ("facts_recalled_pct", "facts%"),
    ("other_share_pct", "other%"),
    ("discrepancies_flagged", "disc"),
    ("discrepancies_reported", "reported"),
    ("noise_leaks", "noise"),
    ("false_pub_dates", "bad dates"),
    ("outlets_found", "outlets"),
    ("cited_pct", "cited%"),
    ("supported_pct", "supported%"),
    ("bad_citation_refs", "bad refs"),
    ("wall_s", "wall s"),
    ("peak_mb", "peak MB"),
)


@dataclass
class Build:
    name: str
    rc: int
    wall_s: float
    peak_mb: float
    stderr: str
    json_path: Path
    extra: dict = field(default_factory=dict)


def brief_command() -> list[str]:
    script = Path(sys.executable).with_name("brief")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from brief.entry import main; main()"]


def run_build(name: str, inputs: list[str], out: Path, formats: list[str], summarizer: str) -> Build:
    """One ``brief build`` in a child process: its wall time and its own peak RSS (``wait4``)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = brief_command() + ["build", *inputs, "-o", str(out), "-q", "--summarizer", summarizer]
    for f in formats:
        cmd += ["--format", f]
    t0 = time.perf_counter()
    with open(out.with_suffix(".log"), "w+", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                                env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"})
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t0
        log.seek(0)
        text = log.read()
    return Build(name, proc.returncode, round(wall, 1), round(usage.ru_maxrss / 1024, 1), text,
                 out.with_suffix(".json"))


def score_corpus(gold: Path, build: Build) -> dict:
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(build.json_path)],
                         capture_output=True, text=True)
    build.json_path.with_suffix(".score.txt").write_text(res.stdout + res.stderr, encoding="utf-8")
    metrics: dict = {}
    for line in res.stdout.splitlines():
        key, sep, value = line.partition(": ")
        if sep and " " not in key:
            metrics[key] = value.strip()
    metrics["summary"] = (res.stdout.strip().splitlines() or [""])[-1]
    return metrics


def corpora() -> list[tuple[str, Path, Path]]:
    """(name, gold file, corpus folder) for every ``gold/*.json``."""
    out = []
    for gold in sorted((SHARED / "gold").glob("*.json")):
        data = json.loads(gold.read_text(encoding="utf-8"))
        folder = SHARED / data.get("corpus", f"corpus/dev/{gold.stem}")
        if folder.is_dir():
            out.append((gold.stem, gold, folder))
    return out


def t17_tasks(topics: tuple[str, ...]) -> list[tuple[str, Path, Path]]:
    """(task name, gold timeline, articles.jsonl) per gold timeline file of each topic."""
    tasks = []
    for topic in topics:
        folder = SHARED / "corpus" / "t17" / topic
        for gold in sorted(folder.glob("gold_timeline_*.json")):
            tasks.append((f"{topic}-{gold.stem.removeprefix('gold_timeline_')}", gold, folder / "articles.jsonl"))
    return tasks


def fmt_table(headings: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headings)]
    line = lambda cells: "| " + " | ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))) + " |"
    sep = "| " + " | ".join("-" * w for w in widths) + " |"
    return "\n".join([line(headings), sep] + [line(r) for r in rows])


def evaluate_corpora(dest: Path, summarizer: str, only: set[str] | None) -> list[dict]:
    rows = []
    for name, gold, folder in corpora():
        if only and name not in only:
            continue
        print(f"building {name} ({folder.relative_to(SHARED)}) ...", file=sys.stderr, flush=True)
        b = run_build(name, [str(folder)], dest / f"{name}.pdf", ["pdf", "json"], summarizer)
        row = {"corpus": name, "wall_s": b.wall_s, "peak_mb": b.peak_mb, "rc": b.rc}
        if b.rc != 0 or not b.json_path.exists():
            row["error"] = b.stderr.strip().splitlines()[-1:] or ["build failed"]
            print(f"  {name}: build failed (rc {b.rc}); see {b.json_path.with_suffix('.log')}", file=sys.stderr)
        else:
            row.update(score_corpus(gold, b))
            row["docs"] = len(json.loads(b.json_path.read_text(encoding="utf-8")).get("documents", []))
        rows.append(row)
    return rows


# score.py metric "x/y" -> heading of the leave-one-out table (pooled over the briefs)
LOO_COLUMNS = (("gold_themes_matched", "themes"), ("labels_naming_story", "labels"), ("facts_recalled", "facts"),
               ("discrepancies_flagged", "disc"))


def evaluate_loo(dest: Path, summarizer: str, only: set[str] | None) -> list[dict]:
    """Leave one document out: a brief of each corpus without each of its files in turn.

    One brief per corpus is one sample, and a metric such as "facts recalled" moves by a
    fact when one sentence choice changes; the pooled counts over every leave-one-out
    brief tell a real change from that noise.
    """
    rows = []
    for name, gold, folder in corpora():
        if only and name not in only:
            continue
        files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
        pooled = {k: [0, 0] for k, _ in LOO_COLUMNS}
        worst: dict[str, float] = {"label_pairs_sharing_word": 0.0, "other_share_pct": 0.0, "noise_leaks": 0.0}
        done = 0
        for k, left in enumerate(files):
            print(f"building {name} without {left.name} ({k + 1}/{len(files)}) ...", file=sys.stderr, flush=True)
            b = run_build(f"{name}-{k:02d}", [str(p) for p in files if p != left], dest / name / f"{k:02d}.json",
                          ["json"], summarizer)
            if b.rc != 0 or not b.json_path.exists():
                continue
            m = score_corpus(gold, b)
            done += 1
            for key, _ in LOO_COLUMNS:
                x, _, y = str(m.get(key, "0/0")).partition("/")
                pooled[key][0] += int(float(x or 0))
                pooled[key][1] += int(float(y or 0))
            for key in worst:
                worst[key] = max(worst[key], float(m.get(key, 0) or 0))
        row = {"corpus": name, "briefs": done}
        for key, head in LOO_COLUMNS:
            x, y = pooled[key]
            row[head] = f"{x}/{y} ({100 * x / y:.1f}%)" if y else "—"
        row.update({"max shared": worst["label_pairs_sharing_word"], "max other%": worst["other_share_pct"],
                    "max noise": worst["noise_leaks"]})
        rows.append(row)
    return rows


def render_loo(rows: list[dict]) -> str:
    heads = ["corpus (leave one out)", "briefs"] + [h for _, h in LOO_COLUMNS] + ["max shared", "max other%", "max noise"]
    return fmt_table(heads, [[r["corpus"]] + [str(r.get(h, "—")) for h in heads[1:]] for r in rows])


def evaluate_t17(dest: Path, topics: tuple[str, ...], summarizer: str) -> dict:
    tasks, pairs = [], []
    for name, gold, articles in t17_tasks(topics):
        if not articles.exists():
            continue
        task_in = dest / f"{name}.jsonl"
        dest.mkdir(parents=True, exist_ok=True)
        with open(task_in, "w", encoding="utf-8") as fh:
            subprocess.run([sys.executable, str(SHARED / "eval" / "span_filter.py"), str(gold), str(articles)],
                           stdout=fh, stderr=subprocess.DEVNULL, check=True)
        n_articles = sum(1 for line in task_in.open(encoding="utf-8") if line.strip())
        print(f"building T17 {name} ({n_articles} articles) ...", file=sys.stderr, flush=True)
        b = run_build(name, [str(task_in)], dest / f"{name}.json", ["json"], summarizer)
        task = {"task": name, "articles": n_articles, "wall_s": b.wall_s, "peak_mb": b.peak_mb, "rc": b.rc}
        if b.rc == 0 and b.json_path.exists():
            one = subprocess.run([sys.executable, str(SHARED / "eval" / "date_f1.py"), str(gold), str(b.json_path),
                                  "--json"], capture_output=True, text=True)
            task.update({k: v for k, v in json.loads(one.stdout).items() if k.startswith(("date_f1", "n_"))})
            pairs += [str(gold), str(b.json_path)]
        tasks.append(task)
    result: dict = {"tasks": tasks}
    if pairs:
        avg = subprocess.run([sys.executable, str(SHARED / "eval" / "date_f1.py"), "--pairs", *pairs, "--json"],
                             capture_output=True, text=True)
        result["average"] = json.loads(avg.stdout)
        (dest / "date_f1.json").write_text(avg.stdout, encoding="utf-8")
    return result


def render(rows: list[dict], t17: dict | None) -> str:
    out = []
    heads = ["corpus"] + [h for _, h in CORPUS_COLUMNS]
    table = [[r["corpus"]] + [str(r.get(k, "—")) for k, _ in CORPUS_COLUMNS] for r in rows]
    out.append(fmt_table(heads, table))
    if t17 and t17.get("tasks"):
        out.append("")
        cols = ("articles", "date_f1", "date_f1_topn", "date_f1_all", "n_events", "wall_s", "peak_mb")
        trows = [[t["task"]] + [(f"{t[c]:.3f}" if isinstance(t.get(c), float) and c.startswith("date")
                                 else str(t.get(c, "—"))) for c in cols] for t in t17["tasks"]]
        out.append(fmt_table(["T17 task", "articles", "Date-F1", "top-n", "all", "events", "wall s", "peak MB"], trows))
        avg = t17.get("average") or {}
        if avg:
            n = avg.get("n_timelines")
            out.append("")
            out.append(f"T17 average over {n} timeline(s), news-tls protocol: Date-F1 {avg['date_f1']:.3f} "
                       f"(P {avg['date_precision']:.3f} R {avg['date_recall']:.3f}), "
                       f"Date-F1 top-n {avg['date_f1_topn']:.3f}")
            out.append("published T17 Date-F1 (19 tasks, Table 4 of Gholipour Ghalandari & Ifrim 2020): "
                       + ", ".join(f"{m} {v:.3f}" for m, v in PUBLISHED))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="make eval", description=__doc__.split("\n\n")[0])
    ap.add_argument("--full", action="store_true", default=os.environ.get("EVAL") == "full",
                    help="T17: all 14 timelines of the four topics (default: H1N1's three)")
    ap.add_argument("--no-t17", action="store_true", help="only the gold corpora")
    ap.add_argument("--loo", action="store_true", default=os.environ.get("EVAL") == "loo",
                    help="also build each gold corpus without each of its files in turn, and pool the scores")
    ap.add_argument("--only", nargs="*", help="only these gold corpora (by name)")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "eval")
    ap.add_argument("--summarizer", default=os.environ.get("SUMMARIZER", "extractive"))
    args = ap.parse_args(argv)
    if not (SHARED / "eval" / "score.py").exists():
        print(f"error: {SHARED}/eval/score.py not found (../shared must sit beside the project)", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    rows = evaluate_corpora(args.out, args.summarizer, set(args.only) if args.only else None)
    t17 = None if args.no_t17 else evaluate_t17(args.out / "t17", T17_FULL if args.full else T17_DEFAULT,
                                                args.summarizer)
    loo = evaluate_loo(args.out / "loo", args.summarizer, set(args.only) if args.only else None) if args.loo else None
    text = render(rows, t17) + ("\n\n" + render_loo(loo) if loo else "")
    summary = {"corpora": rows, "t17": t17, "loo": loo, "summarizer": args.summarizer,
               "wall_s": round(time.perf_counter() - t0, 1)}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "summary.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    (args.out / "table.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"\n(eval took {summary['wall_s']:.0f} s; briefs and scores in {args.out})")
    return 0 if all(r.get("rc") == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

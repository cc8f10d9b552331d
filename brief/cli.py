"""Command-line interface: ``brief build``, ``brief inspect``, ``brief models``, ``brief weekly``, ``brief schedule``.

A thin layer over :mod:`brief.pipeline`; user errors are printed as one line
(never a traceback) and give a non-zero exit status.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from brief.config import BriefConfig
from brief.errors import BriefError
from brief.model import InputProblem

app = typer.Typer(add_completion=False, no_args_is_help=True, help="News articles in, a cited situation brief out.")
err = Console(stderr=True)
out = Console()


class Format(str, Enum):
    pdf = "pdf"
    html = "html"
    md = "md"
    json = "json"


class SummarizerChoice(str, Enum):
    auto = "auto"
    seq2seq = "seq2seq"
    extractive = "extractive"


@app.callback()
def _root() -> None:
    """News articles in, a cited situation brief out."""


def _report(p: InputProblem) -> None:
    label = "[cyan]note[/]" if p.note else "[yellow]skipped[/]"
    err.print(f"{label} {escape(p.path)}: {escape(p.message)}", highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _outputs(output: Optional[Path], formats: list[Format]) -> list[tuple[Path, str]]:
    fmts = [f.value for f in formats] or ([output.suffix.lstrip(".")] if output and output.suffix.lstrip(".") in {f.value for f in Format} else ["pdf"])
    fmts = list(dict.fromkeys(fmts))
    if output is None:
        return [(Path("out") / f"brief.{f}", f) for f in fmts]
    if len(fmts) == 1:
        return [(output, fmts[0])]
    base = output.with_suffix("") if output.suffix.lstrip(".") in {f.value for f in Format} else output
    return [(base.with_suffix(f".{f}"), f) for f in fmts]


def _wrote(path: Path) -> None:
    """Say where a file went: on stdout, or on stderr when the output itself went to a pipe or device."""
    from brief.render.atomic import is_special

    (err if is_special(path) else out).print(f"wrote {escape(str(path))}", highlight=False, soft_wrap=True)


class _StageProgress:
    """Adapts pipeline progress callbacks to a rich progress bar per stage."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.tasks: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=total or None)
        self.progress.update(self.tasks[stage], completed=done, total=total or None)


def _print_timings(timings: dict) -> None:
    err.print(f"{'stage':<12} {'seconds':>8} {'peak MB':>8}  counts", highlight=False)
    for stage, row in timings.items():
        counts = ", ".join(f"{k} {v}" for k, v in row.items() if k not in ("seconds", "peak_rss_mb"))
        err.print(f"{stage:<12} {row.get('seconds', 0):>8.2f} {row.get('peak_rss_mb', 0):>8.0f}  {counts}", highlight=False)


@app.command()
def build(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursive), glob patterns or URLs.")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Output path (default out/brief.<ext>).")] = None,
    format: Annotated[list[Format], typer.Option("--format", "-f", help="pdf, html, md or json; repeat for several.")] = [],
    model: Annotated[Optional[str], typer.Option("--model", help="Seq2seq model: hub id or local folder.")] = None,
    summarizer: Annotated[SummarizerChoice, typer.Option("--summarizer", help="auto: seq2seq when the model loads, else extractive.")] = SummarizerChoice.auto,
    embedder: Annotated[Optional[str], typer.Option("--embedder", help="Sentence embedder: local folder or cached hub id (default all-MiniLM-L6-v2; 'lexical' for none).")] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="Title of the brief.")] = None,
    max_themes: Annotated[Optional[int], typer.Option("--max-themes", min=1, help="Most themes to report.")] = None,
    graph: Annotated[Optional[Path], typer.Option("--graph", help="Also write the co-mention graph (.graphml or .json).")] = None,
    handling: Annotated[Optional[str], typer.Option("--handling", help="Handling marking printed on the brief.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (and write nothing) on any bad input.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print seconds and peak memory per stage.")] = False,
    dask: Annotated[Optional[str], typer.Option("--dask", help="Parse on a Dask cluster: scheduler address, e.g. tcp://HOST:8786.")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Parse on a local Dask cluster of N worker processes.")] = None,
) -> None:
    """Build a situation brief from news articles."""
    from brief.pipeline import run

    config = BriefConfig(summarizer=summarizer.value, model=model, strict=strict, embedder=embedder, dask=dask,
                         workers=workers)
    if title:
        config.title = title
    if max_themes:
        config.max_themes = max_themes
    if handling is not None:
        config.handling = handling
    targets = _outputs(output, format)
    if graph is not None and graph.suffix.lower() not in (".graphml", ".json"):
        fail(f"{graph}: --graph writes .graphml or .json files")
    try:
        with Progress(
            TextColumn("{task.description:>10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err, transient=True, disable=quiet,
        ) as bar:
            result = run(inputs, config, progress=_StageProgress(bar), report=_report)
        if result.summarizer.notice:
            err.print(f"[cyan]note:[/] {result.summarizer.notice}", highlight=False, soft_wrap=True)
        if result.meta.get("embedder", {}).get("notice"):
            err.print(f"[cyan]note:[/] {result.meta['embedder']['notice']}", highlight=False, soft_wrap=True)
        for path, fmt in targets:
            result.write(path, fmt)
            _wrote(path)
        if verbose:
            _print_timings(result.meta.get("timings") or {})
        if graph is not None:
            from brief.group import write_graph

            write_graph(result, graph)
            _wrote(graph)
    except BriefError as e:
        fail(str(e))


@app.command()
def weekly(
    config: Annotated[Path, typer.Option("--config", "-c", help="The brief.toml to use.")] = Path("brief.toml"),
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Last day of the window: YYYY-MM-DD, 'today' (default) or 'yesterday'.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
) -> None:
    """Build this week's brief from the sources in brief.toml (<output_dir>/brief-YYYY-Www.pdf and .json)."""
    from brief.config import load_config
    from brief.weekly import run_weekly

    try:
        cfg = load_config(config)
        with Progress(
            TextColumn("{task.description:>10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err, transient=True, disable=quiet,
        ) as bar:
            res = run_weekly(cfg, as_of, progress=_StageProgress(bar), report=_report)
        if res.brief.summarizer.notice:
            err.print(f"[cyan]note:[/] {res.brief.summarizer.notice}", highlight=False, soft_wrap=True)
        for path in res.paths:
            _wrote(path)
        since = f"new since {res.previous}" if res.previous else "no earlier brief to compare with"
        out.print(
            f"week {res.week} ({res.since} to {res.until}): {len(res.brief.documents)} documents, "
            f"{len(res.brief.themes)} themes ({len(res.new_themes)} new), {len(res.brief.events)} events ({len(res.new_events)} new); {since}",
            highlight=False,
        )
    except BriefError as e:
        fail(str(e))


schedule_app = typer.Typer(no_args_is_help=True, help="Run `brief weekly` every week (cron or a systemd user timer).")
app.add_typer(schedule_app, name="schedule")


@schedule_app.command("install")
def schedule_install(
    at: Annotated[str, typer.Option("--at", help="Weekday and time, machine local time, e.g. 'mon 07:00'.")] = "mon 07:00",
    config: Annotated[Path, typer.Option("--config", "-c", help="The brief.toml the job uses.")] = Path("brief.toml"),
    backend: Annotated[Optional[str], typer.Option("--backend", help="cron or systemd (default: whichever the machine has).")] = None,
) -> None:
    """Install (or replace) the weekly schedule."""
    from brief import schedule

    try:
        done = schedule.install(config, at, backend=backend)
    except BriefError as e:
        fail(str(e))
    out.print(f"installed with {done.describe()}", highlight=False, soft_wrap=True)


@schedule_app.command("show")
def schedule_show() -> None:
    """Show the installed weekly schedule."""
    from brief import schedule

    try:
        found = schedule.show()
    except BriefError as e:
        fail(str(e))
    if not found:
        out.print("no weekly schedule installed", highlight=False)
    for s in found:
        out.print(s.describe(), highlight=False, soft_wrap=True)


@schedule_app.command("remove")
def schedule_remove() -> None:
    """Remove the weekly schedule."""
    from brief import schedule

    try:
        gone = schedule.remove()
    except BriefError as e:
        fail(str(e))
    out.print(f"removed the weekly schedule from {' and '.join(gone)}" if gone else "no weekly schedule installed", highlight=False)


@app.command()
def inspect(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursive), glob patterns or URLs.")],
    dropped: Annotated[bool, typer.Option("--dropped", help="Also list every dropped line with its reason.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on any bad input.")] = False,
) -> None:
    """Show what ingest and clean made of each input: headline, outlet, byline, date, kept/dropped lines."""
    from brief.errors import InputError
    from brief.inspect import inspect_inputs, render_inspection

    config = BriefConfig(strict=strict)

    def on_problem(p: InputProblem) -> None:
        if strict:
            raise InputError(p.path, p.message)
        _report(p)

    try:
        docs = inspect_inputs(inputs, config=config, on_problem=on_problem)
    except BriefError as e:
        fail(str(e))
    if not docs:
        fail("no usable documents")
    render_inspection(docs, out, dropped=dropped)


models_app = typer.Typer(no_args_is_help=True, help="Seq2seq summarization models: download once, use offline.")
app.add_typer(models_app, name="models")


@models_app.command("pull")
def models_pull(
    model_id: Annotated[str, typer.Argument(help="Hugging Face hub id, e.g. google/flan-t5-base (the default).")],
) -> None:
    """Download a model into the local Hugging Face cache (needs network once; builds stay offline)."""
    from brief.summarize.models import pull_model

    try:
        path = pull_model(model_id)
    except BriefError as e:
        fail(str(e))
    out.print(f"pulled {model_id} -> {path}", highlight=False)


@models_app.command("list")
def models_list() -> None:
    """List the models usable offline (cached hub models with a config.json)."""
    from brief.summarize.models import DEFAULT_MODEL, list_models

    found = list_models()
    if not found:
        out.print(f"no cached models; run `brief models pull {DEFAULT_MODEL}` or use `--model PATH`", highlight=False)
        return
    for m in found:
        kind = "seq2seq" if m.seq2seq else "not seq2seq"
        default = "  (default)" if m.id == DEFAULT_MODEL else ""
        out.print(f"{m.id}\t{m.model_type or '?'}\t{kind}\t{m.size_mb:.0f} MB{default}\t{m.path}", highlight=False)


if __name__ == "__main__":  # ``python -m brief.cli`` (schedules installed by older versions): through the entry point
    from brief.entry import main

    main()

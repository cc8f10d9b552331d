"""``brief inspect``: what ingest and clean made of each input, as tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from brief.clean import clean_documents
from brief.config import BriefConfig
from brief.ingest import load_inputs
from brief.isolation import per_document
from brief.model import Document, InputProblem


def inspect_inputs(inputs: list[str], *, config: BriefConfig, on_problem: Callable[[InputProblem], None]) -> list[Document]:
    docs = load_inputs(list(inputs), config=config, on_problem=on_problem, progress=lambda *a: None)
    cleaned, _ = per_document(
        "clean", lambda ds: clean_documents(ds, config=config, progress=lambda *a: None, on_problem=on_problem), docs,
        on_problem)
    return cleaned


def _origin(doc: Document, key: str) -> str:
    return escape(doc.provenance.get(key, ""))


def _date_cell(doc: Document) -> str:
    """The date with its source and role; an inferred date marked as such; a stamp that was not believed."""
    if doc.published:
        role = doc.meta.get("date_role") or "published"
        cell = f"{doc.published.isoformat()}\n[dim]{role}, source: {_origin(doc, 'published')}[/]"
    elif doc.meta.get("inferred_date"):
        cell = f"{doc.meta['inferred_date'].isoformat()}\n[dim]inferred, source: {_origin(doc, 'inferred_date')}[/]"
    else:
        cell = "undated"
    if doc.meta.get("untrusted_date"):
        cell += f"\n[yellow]not trusted: {escape(str(doc.meta['untrusted_date']))}[/]"
    if doc.meta.get("language"):
        cell += f"\n[yellow]not English ({doc.meta['language']}): left out[/]"
    return cell


def render_inspection(docs: list[Document], console: Console, *, dropped: bool = False) -> None:
    table = Table(title=f"{len(docs)} document{'s' if len(docs) != 1 else ''}", show_lines=True, expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("headline", ratio=4)
    table.add_column("outlet", ratio=2)
    table.add_column("byline", ratio=2)
    table.add_column("date", ratio=2)
    table.add_column("kept", justify="right")
    table.add_column("dropped", justify="right", ratio=2)
    for d in docs:
        kept = len([p for p in d.body.split("\n\n") if p.strip()])
        outlet = escape(d.outlet or "—") + (f"\n[dim]source: {_origin(d, 'outlet')}[/]" if d.outlet else "")
        byline = escape(d.byline or "—") + (f"\n[dim]{_origin(d, 'byline')}[/]" if d.byline else "")
        date = _date_cell(d)
        head = escape(d.title) + (f"\n[dim]{escape(d.path or d.url or '')}[/]")
        if d.duplicate_of:
            head += f"\n[yellow]duplicate of {escape(d.duplicate_of)}[/]"
        kinds = Counter(x.kind for x in d.dropped)
        drop = str(len(d.dropped)) + ("\n[dim]" + ", ".join(f"{k} {n}" for k, n in kinds.most_common()) + "[/]" if kinds else "")
        table.add_row(d.id, head, outlet, byline, date, str(kept), drop)
    console.print(table)
    if dropped:
        for d in docs:
            if not d.dropped:
                continue
            t = Table(title=f"dropped from {d.id} ({escape(d.title[:60])})", expand=True)
            t.add_column("line", justify="right", no_wrap=True)
            t.add_column("reason", no_wrap=True)
            t.add_column("text", ratio=1)
            for x in d.dropped:
                t.add_row("" if x.line is None else str(x.line + 1), x.kind, escape(x.text))
            console.print(t)

"""Brief -> Markdown: the same content as the PDF, as plain text with [n] citations."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from brief.render.context import View

if TYPE_CHECKING:  # render needs the Brief type only (brief/report.py imports render)
    from brief.report import Brief

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_escape(text: str) -> str:
    """Escape Markdown/HTML syntax so article text always shows as text."""
    text = text.replace("&", "&amp;")
    return _SPECIAL.sub(r"\\\1", text)


def _cites(ns: list[int]) -> str:
    return " " + "".join(f"[{n}](#src-{n})" for n in ns) if ns else ""


def render_markdown(brief: Brief, *, view: View | None = None) -> str:
    v = view or View(brief)
    e = md_escape
    out: list[str] = []
    add = out.append
    if v.handling:
        add(f"**{e(v.handling)}**")
        add("")
    add(f"# {e(v.title)}")
    add("")
    add(f"- **Period covered:** {e(v.period)}")
    add(f"- **Generated:** {e(v.generated)}")
    srcs = f"{v.n_sources}" + (f" ({v.n_unique_sources} distinct)" if v.n_unique_sources != v.n_sources else "")
    add(f"- **Sources:** {srcs}")
    if v.extractive:
        add("- **Summaries:** extractive (made without a seq2seq model)")
    else:
        add(f"- **Summaries:** seq2seq{(' — ' + e(v.method['model'])) if v.method['model'] else ''}")
    add("")
    if v.key_points:
        add("## Key points")
        add("")
        for s in v.key_points:
            add(f"- {e(s.text)}{_cites(s.cites)}")
        add("")
    for i, t in enumerate(v.themes, start=1):
        add(f"## {i}. {e(t.label)}{' *(new since last brief)*' if t.new else ''}")
        add("")
        if t.actors:
            add(f"*Main actors:* {e(', '.join(t.actors))}; *sources:*{_cites(t.sources)}")
            add("")
        if t.summary:
            add(" ".join(f"{e(s.text)}{_cites(s.cites)}" for s in t.summary))
        else:
            add("*No summary could be written for this theme.*")
        add("")
        if t.timeline:
            more = f" ({len(t.timeline)} most significant of {len(t.timeline) + t.hidden_events} events)" if t.hidden_events else ""
            add(f"**Timeline{more}**")
            add("")
            add("| Date | What happened | Sources |")
            add("| --- | --- | --- |")
            for r in t.timeline:
                what = e(r.what) + "".join(f" *({e(x)})*" for x in r.tags)
                new = " **new**" if r.new else ""
                add(f"| {e(r.date)}{new} | {what} | {', '.join(f'[{n}](#src-{n})' for n in r.cites)} |")
            add("")
    add("## Discrepancies between sources")
    add("")
    if v.discrepancies:
        for d in v.discrepancies:
            vals = "; ".join(f"{e(x['value'])} ({e(x['outlet'])}){_cites(x['cites'])}"
                             + (f" — “{e(x['quote'])}”" if x.get("quote") else "") for x in d["values"])
            add(f"- **{e(d['fact'])}:** {vals}")
    else:
        add("No conflicting figures, dates or counts were found between the sources.")
    add("")
    add("## Sources")
    add("")
    for s in v.sources:
        parts = [f"**{e(s.outlet or 'Unknown outlet')}**", e(s.date)]
        if s.byline:
            parts.append(e(s.byline))
        line = f'<a id="src-{s.n}"></a>{s.n}. ' + ", ".join(parts) + f". *{e(s.title)}*."
        loc = s.url or s.path
        if loc:
            line += f" {e(loc)}"
        if s.duplicate_of:
            line += f" — duplicate of [{s.duplicate_of}](#src-{s.duplicate_of})."
        add(line)
    add("")
    m = v.method
    add("## Method note")
    add("")
    if v.extractive:
        add("**This brief was made without a seq2seq model:** every summary sentence is quoted from the sources."
            + (f" {e(m['notice'])}" if m["notice"] else ""))
        add("")
    elif m["notice"]:
        add(e(m["notice"]))
        add("")
    add(f"- Documents read: {m['documents']}" + (f" ({m['duplicates']} duplicates)" if m["duplicates"] else ""))
    add(f"- Lines dropped as boilerplate: {m['dropped']}" + (f" ({e(m['dropped_kinds'])})" if m["dropped_kinds"] else ""))
    add(f"- Input errors: {len(m['problems']) or 'none'}")
    for p in m["problems"]:
        add(f"  - {e(p)}")
    add(f"- Extraction: {m['events']} events, {m['entities']} entities, {m['themes']} themes")
    if v.extractive:
        add("- Summarizer: extractive")
    else:
        add(f"- Summarizer: seq2seq {e(m['model'])}; {m['generated']} generated sentences kept, "
            f"{m['gate_replaced']} replaced by the faithfulness check")
    add(f"- Generated: {e(v.generated)}" + (f" by brief {e(v.version)}" if v.version else ""))
    return "\n".join(out) + "\n"

"""Render: Brief -> HTML (Jinja2) -> PDF (WeasyPrint), Markdown, JSON.  (Minimal first pass.)"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from brief.model import Brief

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
FORMATS = ("pdf", "html", "md", "json")


def render_html(brief: Brief) -> str:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True))
    return env.get_template("brief.html.j2").render(b=brief, nums=brief.source_numbers())


def render_markdown(brief: Brief) -> str:
    nums = brief.source_numbers()
    lines = [f"# {brief.title}", ""]
    for t in brief.themes:
        lines += [f"## {t.label}", ""]
        for s in t.summary:
            marks = "".join(f"[{nums[c.doc_id]}]" for c in s.citations)
            lines.append(f"- {s.text} {marks}")
        lines.append("")
    lines += ["## Sources", ""]
    for d in brief.documents:
        lines.append(f"{nums[d.id]}. {d.title} — {d.outlet or 'unknown outlet'}, {d.date_label}, {d.url or d.path}")
    return "\n".join(lines) + "\n"


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_brief(brief: Brief, path: Path, format: str | None = None) -> Path:
    fmt = (format or path.suffix.lstrip(".") or "pdf").lower()
    if fmt == "json":
        data = json.dumps(brief.to_dict(), indent=2, ensure_ascii=False).encode("utf-8")
    elif fmt == "md":
        data = render_markdown(brief).encode("utf-8")
    elif fmt == "html":
        data = render_html(brief).encode("utf-8")
    elif fmt == "pdf":
        from weasyprint import HTML

        data = HTML(string=render_html(brief), base_url=str(TEMPLATES)).write_pdf()
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    _atomic_write(path, data)
    return path

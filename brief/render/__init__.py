"""Render: Brief -> HTML (Jinja2) -> PDF (WeasyPrint), Markdown, JSON.

* :func:`write_brief` writes one format atomically (temp file + rename).
* :func:`render_html`, :func:`render_pdf`, :func:`render_markdown`, :func:`render_json`
  return the content.
* WeasyPrint only ever sees :class:`brief.render.fetcher.SafeFetcher`: no
  network, no file outside ``brief/templates/``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

from brief.errors import BriefError
from brief.render.atomic import atomic_write
from brief.timing import peak_rss_mb
from brief.render.context import View
from brief.render.fetcher import TEMPLATES, SafeFetcher
from brief.render.html import render_html
from brief.render.markdown import render_markdown
from brief.render.pdf import render_pdf

if TYPE_CHECKING:  # render needs the Brief type only (brief/report.py imports render)
    from brief.report import Brief

FORMATS = ("pdf", "html", "md", "json")
_ALIASES = {"markdown": "md", "htm": "html"}


class RenderError(BriefError):
    """The brief could not be rendered or written (unknown format, unwritable path)."""


def render_json(brief: Brief) -> str:
    """The JSON contract, compact (no indentation: a thousand-article brief is half whitespace
    indented); ``python -m json.tool`` shows it indented."""
    return json.dumps(brief.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"


def render_bytes(brief: Brief, format: str) -> bytes:
    fmt = _ALIASES.get(format.lower(), format.lower())
    if fmt == "json":
        return render_json(brief).encode("utf-8")
    if fmt == "md":
        return render_markdown(brief).encode("utf-8")
    if fmt == "html":
        return render_html(brief).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(brief)
    raise RenderError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")


def write_brief(brief: Brief, path: Path | str, format: str | None = None) -> Path:
    """Write the brief to ``path`` as pdf, html, md or json (default: from the suffix, else pdf).

    The content is rendered fully in memory first and then written through a
    temporary file in the same folder and ``os.replace``: a crash never leaves a
    half-written brief, and an existing file is only replaced by a complete one.
    """
    path = Path(path)
    fmt = (format or path.suffix.lstrip(".") or "pdf").lower()
    t0 = time.perf_counter()
    data = render_bytes(brief, fmt)
    if fmt != "json":  # a JSON written after another format records that format's render time
        brief.meta.setdefault("timings", {})[f"render_{fmt}"] = {
            "seconds": round(time.perf_counter() - t0, 3), "peak_rss_mb": peak_rss_mb()}
    try:
        return atomic_write(path, data)
    except OSError as e:
        raise RenderError(f"{path}: cannot write the brief ({e.strerror or e})") from e


__all__ = [
    "FORMATS",
    "RenderError",
    "SafeFetcher",
    "TEMPLATES",
    "View",
    "render_bytes",
    "render_html",
    "render_json",
    "render_markdown",
    "render_pdf",
    "write_brief",
]

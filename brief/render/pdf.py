"""Brief -> PDF with WeasyPrint, through the safe URL fetcher only."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from brief.render.context import View
from brief.render.fetcher import TEMPLATES, SafeFetcher
from brief.render.html import render_html

if TYPE_CHECKING:  # render needs the Brief type only (brief/report.py imports render)
    from brief.report import Brief

# A table of contents is added when the brief runs longer than this many pages.
TOC_MIN_PAGES = 3


def render_pdf(brief: Brief, *, fetcher: SafeFetcher | None = None, toc: bool | None = None) -> bytes:
    """Render the brief to PDF bytes.

    ``toc=None`` (default) lays the brief out once and, when it is longer than
    two pages, lays it out again with a table of contents (page numbers via
    ``target-counter``).  All resources go through ``fetcher`` (a fresh
    :class:`SafeFetcher` by default): no network, no file outside ``brief/templates/``.
    """
    from weasyprint import HTML

    fetcher = fetcher or SafeFetcher()
    base = TEMPLATES.as_uri() + "/"
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    view = View(brief, compact=True)  # bounded whatever the corpus size; the HTML and JSON show everything

    def layout(with_toc: bool):
        html = render_html(brief, toc=with_toc, view=view)
        return HTML(string=html, base_url=base, url_fetcher=fetcher).render()

    if toc is None:
        # lay out once with the table of contents; only a short brief (cheap to lay out) goes again without
        doc = layout(True)
        if len(doc.pages) <= TOC_MIN_PAGES:
            short = layout(False)
            if len(short.pages) < TOC_MIN_PAGES:
                doc = short
    else:
        doc = layout(toc)
    meta = doc.metadata
    meta.title = view.title
    meta.generator = f"brief {view.version}".strip()
    meta.description = f"{view.title} — {view.period}"
    return doc.write_pdf()

"""Brief -> HTML with the Jinja2 template in ``brief/templates/`` (always autoescaped)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from brief.render.context import View
from brief.render.fetcher import TEMPLATES

if TYPE_CHECKING:  # render needs the Brief type only (brief/report.py imports render)
    from brief.report import Brief

TEMPLATE = "brief.html.j2"
STYLESHEET = "brief.css"


@lru_cache(maxsize=1)
def _env() -> Environment:
    # autoescape=True for every template, whatever its extension: article text is untrusted.
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )


def stylesheet() -> str:
    return (TEMPLATES / STYLESHEET).read_text(encoding="utf-8")


def render_html(brief: Brief, *, toc: bool = False, view: View | None = None) -> str:
    """The brief as one self-contained HTML page (stylesheet inlined).

    ``toc`` adds the table of contents (the PDF renderer turns it on when the
    brief runs longer than two pages).  Relative font URLs in the stylesheet
    resolve against ``brief/templates/`` when rendered to PDF.
    """
    from markupsafe import Markup

    v = view or View(brief)
    return _env().get_template(TEMPLATE).render(v=v, toc=toc, css=Markup(stylesheet()))

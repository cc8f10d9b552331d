"""Clean: strip boilerplate from each document's text, recover metadata, flag duplicates.

``clean_documents(docs, *, config, progress, on_problem=None)`` sets on every Document:

* ``body`` -- the kept lines (paragraphs) of ``text``, joined by blank lines; every
  paragraph is a stripped line of ``text`` (or its end, when a date stamp opened it);
* ``dropped`` -- one :class:`Dropped` per removed line with its kind (the reason:
  ``caption``, ``related-posts``, ``timestamp``, ``newsletter``, ``login-wall``, ``share``,
  ``ad``, ``consent``, ``donation``, ``comments``, ``legal``, ``stamp``, ``teaser``, ``chrome``,
  ``boilerplate`` (jusText), ``unrelated-insert``, ``filler``, ``author-blurb``,
  ``contributors``, ``duplicate-line``, ``byline``, ``dateline``, ``agency-tag``,
  ``source-line``, ``subheadline``, ``subheading``) and its line in ``text``;
* ``outlet`` / ``byline`` / ``published`` when the text (or the URL) states them and
  nothing better (front matter, page or feed metadata) did, with ``provenance`` saying
  where from; ``meta["date_role"]`` (published / updated), ``meta["dates"]`` (every
  stated date with its role), ``meta["inferred_date"]`` (a document date worked out from
  a yearless dateline or weekday-plus-date expressions when none is stated, provenance
  ``inferred_date``), ``meta["untrusted_date"]`` (a stamp that was not believed);
* ``meta["language"]`` and an empty body for a document that is not in English: with
  ``on_problem`` it is reported in one line and left out of the returned list;
* ``duplicate_of`` -- the id of an earlier document with the same (or nearly the same) body.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from brief.clean import dating
from brief.clean.dedup import mark_duplicates
from brief.clean.language import language_of
from brief.clean.lines import CleanResult, clean_lines
from brief.clean.meta import url_outlet
from brief.config import BriefConfig
from brief.model import Document, Dropped, InputProblem

__all__ = ["clean_documents", "clean_document", "CleanResult", "clean_lines"]

# metadata origins whose dates are page stamps that can be wrong (not a person's front matter or a feed)
_STAMP_ORIGINS = {"html-meta"}


def _url_date(url: str | None) -> dt.date | None:
    if not url:
        return None
    from htmldate.extractors import extract_url_date
    from htmldate.utils import Extractor

    opts = Extractor(False, dt.datetime(2100, 1, 1), dt.datetime(1990, 1, 1), True, "%Y-%m-%d")
    try:
        found = extract_url_date(url, opts)
    except (ValueError, TypeError):
        return None
    return dt.date.fromisoformat(found) if found else None


def _set_date(doc: Document, res: CleanResult) -> None:
    body = [m.day for m in res.dates if m.role == "body"]
    if doc.published is not None and doc.provenance.get("published") in _STAMP_ORIGINS \
            and not dating.trusted(doc.published, body):
        doc.meta["untrusted_date"] = f"{doc.published.isoformat()} ({doc.provenance['published']}: years after the dates the article reports)"
        doc.published = None
        doc.provenance.pop("published", None)
    if doc.published is None and res.published:
        doc.published, doc.provenance["published"] = res.published
        doc.meta["date_role"] = res.published_role
    if doc.published is None:
        day = _url_date(doc.url)
        if day and dating.trusted(day, body):
            doc.published, doc.provenance["published"] = day, "url"
            doc.meta["date_role"] = "published"
    elif "date_role" not in doc.meta:
        doc.meta["date_role"] = "published"
    if res.untrusted and "untrusted_date" not in doc.meta:
        doc.meta["untrusted_date"] = f"{res.untrusted[0].isoformat()} ({res.untrusted[1]})"
    if doc.published is None and res.inferred:
        doc.meta["inferred_date"], doc.provenance["inferred_date"] = res.inferred
    if res.dates:
        doc.meta["dates"] = [(m.day.isoformat(), m.role, m.source) for m in res.dates]


def clean_document(doc: Document) -> Document:
    res = clean_lines(doc.text or "", title=doc.title)
    doc.body = "\n\n".join(s for _, s in res.kept if s)
    doc.dropped = [Dropped(doc.id, kind, s, n) for n, kind, s in res.dropped]
    if res.outlet and not doc.outlet:
        doc.outlet, doc.provenance["outlet"] = res.outlet
    if not doc.outlet and url_outlet(doc.url):
        doc.outlet, doc.provenance["outlet"] = url_outlet(doc.url), "url"
    if res.bylines and not doc.byline:
        doc.byline = ", ".join(dict.fromkeys(res.bylines))
        doc.provenance["byline"] = "text:byline"
    _set_date(doc, res)
    if res.subtitle:
        doc.meta.setdefault("subtitle", res.subtitle)
    if res.contributors:
        doc.meta.setdefault("contributors", res.contributors)
    doc.meta["kept_lines"] = len(res.kept)
    lang = language_of(doc.body if len(doc.body) >= 200 else doc.text or "")
    if lang is not None and lang != "en":
        doc.meta["language"] = lang
        doc.body = ""
    return doc


def clean_documents(
    docs: list[Document], *, config: BriefConfig, progress: Callable[[str, int, int], None],
    on_problem: Callable[[InputProblem], None] | None = None,
) -> list[Document]:
    """Clean every document; with ``on_problem``, documents not in English are reported and left out."""
    total = len(docs)
    for i, doc in enumerate(docs):
        if i % 50 == 0:
            progress("clean", i, total)
        clean_document(doc)
    if on_problem is not None:
        foreign = [d for d in docs if d.meta.get("language")]
        for d in foreign:
            on_problem(InputProblem(d.path or d.url or d.id,
                                    f"not in English (looks like language '{d.meta['language']}'); left out"))
        docs = [d for d in docs if not d.meta.get("language")]
    mark_duplicates(docs)
    progress("clean", total, total)
    return docs

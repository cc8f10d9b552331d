"""Saved web pages: main text and metadata via trafilatura."""

from __future__ import annotations

import logging
import re

from brief.ingest.common import InputFormatError, doc_id, new_document
from brief.ingest.dates import as_date
from brief.model import Document

_TAG = re.compile(r"<\s*(html|head|body|article|div|p|title|meta|!doctype)\b", re.I)

for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text[:5000]))


def parse_html(raw: str, path: str | None, key: str | None = None, url: str | None = None, fmt: str = "html") -> Document:
    from trafilatura import bare_extraction

    if not looks_like_html(raw):
        raise InputFormatError("malformed HTML: no HTML markup found")
    try:
        result = bare_extraction(
            raw,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=False,
            deduplicate=True,
            # only dates the page declares (meta tags, time elements), no guessing from body text or captions
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as e:  # trafilatura/lxml raise many kinds on broken markup
        raise InputFormatError(f"malformed HTML: {type(e).__name__}") from None
    if result is None:
        raise InputFormatError("malformed HTML: no article text found")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = (data.get("text") or "").strip()
    if not text:
        raise InputFormatError("malformed HTML: no article text found")
    title = (data.get("title") or "").strip() or None
    if title:
        first, _, rest = text.partition("\n")
        if first.strip() == title:
            text = "\n" + rest  # blank the repeated headline line
    page_url = data.get("url") or url
    published = as_date(data.get("date"))
    outlet = (data.get("sitename") or "").strip() or None
    byline = (data.get("author") or "").strip() or None
    doc = new_document(
        id=doc_id(page_url or key or path or raw[:500]),
        title=title, text=text, outlet=outlet, byline=byline, url=page_url, path=path, published=published,
        fmt=fmt, origin="html-meta",
    )
    if data.get("description"):
        doc.meta["description"] = data["description"]
    if data.get("hostname"):
        doc.meta["hostname"] = data["hostname"]
    return doc

"""Helpers shared by the ingest readers: ids, metadata keys, headline choice."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from brief.ingest.dates import as_date
from brief.lexicon import pattern, words as lexicon_words
from brief.model import Document


class InputFormatError(Exception):
    """A file whose content is malformed; the message is a short human phrase."""


def doc_id(key: str) -> str:
    return "d-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


# key aliases of JSON/JSONL/front-matter articles
TITLE_KEYS = ("title", "headline", "name")
TEXT_KEYS = ("text", "content", "body", "article", "description", "summary")
URL_KEYS = ("url", "link", "href", "source_url")
OUTLET_KEYS = ("outlet", "source", "publisher", "site", "sitename", "site_name", "publication")
DATE_KEYS = ("published", "date", "published_at", "publishedAt", "pubDate", "datetime", "created_at", "time")
AUTHOR_KEYS = ("author", "byline", "authors", "creator")


def pick(d: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for k in keys:
        v = d.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def _as_text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, dict):
        v = pick(v, ("name", "title", "text", "value"))
        return _as_text(v)
    if isinstance(v, (list, tuple)):
        parts = [p for p in (_as_text(x) for x in v) if p]
        return ", ".join(parts) if parts else None
    s = re.sub(r"\s+", " ", str(v)).strip()
    return s or None


def new_document(
    *,
    id: str,
    title: str | None,
    text: str,
    outlet: str | None,
    byline: str | None,
    url: str | None,
    path: str | None,
    published: Any,
    fmt: str,
    origin: str,
    title_known: bool = True,
) -> Document:
    """A Document whose metadata records where it came from: ``provenance[field] = origin``.

    ``title_known=False`` marks a headline taken from the text's first line, not from metadata.
    """
    doc = Document(id=id, title=title or "Untitled", text=text, outlet=outlet, byline=byline, url=url, path=path,
                   published=published, format=fmt)
    for name, value in (("title", title if title_known else None), ("outlet", outlet), ("byline", byline),
                        ("url", url), ("published", published)):
        if value:
            doc.provenance[name] = origin
    return doc


def document_from_mapping(d: dict[str, Any], *, key: str, path: str | None, fmt: str, origin: str) -> Document:
    """A Document from a dict with the usual article keys (aliases allowed).

    ``origin`` names where the metadata came from in ``provenance`` ("json", "jsonl", "dict", ...).
    """
    text = pick(d, TEXT_KEYS)
    if isinstance(text, list):
        text = "\n\n".join(str(x) for x in text)
    text = "" if text is None else str(text)
    title = _as_text(pick(d, TITLE_KEYS))
    url = _as_text(pick(d, URL_KEYS))
    outlet = _as_text(pick(d, OUTLET_KEYS))
    byline = _as_text(pick(d, AUTHOR_KEYS))
    raw_date = pick(d, DATE_KEYS)
    published = as_date(raw_date)
    if not title:
        title, text = split_headline(text)
    elif text.lstrip().startswith(title):  # body repeats the headline
        first, _, rest = text.lstrip().partition("\n")
        if first.strip() == title:
            text = rest
    doc = new_document(
        id=str(d["id"]) if d.get("id") not in (None, "") else doc_id(url or key),
        title=title, text=text, outlet=outlet, byline=byline, url=url, path=path, published=published,
        fmt=fmt, origin=origin,
    )
    if raw_date not in (None, "") and published is None:
        doc.meta["unparsed_date"] = str(raw_date)
    return doc


# -- headline choice -----------------------------------------------------------------------------

CHROME_WORDS = lexicon_words("chrome_words")  # site chrome that may precede a headline in scraped text
SECTION_TAILS = lexicon_words("section_tails")  # last words of section labels ("World News", "Middle East")
_LABEL_LINKS = lexicon_words("label_link_words")
_BYLINE_RX = pattern("byline_lead")


def is_chrome_line(line: str) -> bool:
    """A line of site chrome (a menu word, a section label) rather than a headline."""
    s = line.strip().strip("|•·»›>-–— ").strip()
    if not s:
        return True
    low = s.lower()
    if low in CHROME_WORDS:
        return True
    words = s.split()
    if len(words) == 1 and s.islower():
        return True
    if len(words) <= 4 and not re.search(r"[.?!:\"“”‘’']", s):
        if words[-1].lower() in SECTION_TAILS and all(w[:1].isupper() or w.lower() in _LABEL_LINKS for w in words):
            return True
    return False


def split_headline(text: str) -> tuple[str | None, str]:
    """(headline, rest): the first non-empty line that is not site chrome or a byline."""
    lines = text.splitlines()
    for i, line in enumerate(lines[:12]):
        s = line.strip()
        if not s or is_chrome_line(s) or _BYLINE_RX.match(s):
            continue
        head = re.sub(r"^#+\s*", "", s).strip()
        if len(head.split()) > 40:  # a paragraph, not a headline
            break
        # the headline's line is blanked, not removed, so line numbers stay those of the raw body
        return head, "\n".join(lines[:i] + [""] + lines[i + 1:])
    return None, text

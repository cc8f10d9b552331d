"""RSS and Atom feed files: one Document per entry (entry content, else summary)."""

from __future__ import annotations

import html as _html
import re
from html.parser import HTMLParser

from brief.ingest.common import InputFormatError, doc_id, new_document
from brief.ingest.dates import as_date
from brief.model import Document

_FEED_RX = re.compile(r"<\s*(rss|feed|rdf:RDF)\b", re.I)
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article", "figcaption"}
_SKIP = {"script", "style", "noscript", "iframe", "svg"}


def looks_like_feed(text: str) -> bool:
    return bool(_FEED_RX.search(text[:3000]))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag in _SKIP and self.skip:
            self.skip -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):  # noqa: ANN001
        if not self.skip:
            self.parts.append(data)


def html_fragment_to_text(fragment: str) -> str:
    """Paragraph text of an HTML fragment (feed content); plain text passes through."""
    if "<" not in fragment:
        return _html.unescape(fragment).strip()
    p = _Text()
    try:
        p.feed(fragment)
        p.close()
    except Exception:  # HTMLParser is lenient; be safe on odd input
        return re.sub(r"<[^>]+>", " ", fragment)
    text = "".join(p.parts)
    lines = [re.sub(r"[ \t\xa0]+", " ", ln).strip() for ln in text.split("\n")]
    return "\n\n".join(ln for ln in lines if ln)


def _feedparse(raw: str):  # noqa: ANN202 - feedparser's result dict
    """feedparser on the text already read, and nothing else.

    ``feedparser.parse`` treats a ``str`` that looks like a URL or a path (and ``bytes`` that name a
    file) as something to open or fetch.  It only ever gets a stream of the bytes we hold, declared
    UTF-8 (the text is decoded already), so content can never make it read a file or call the network.
    External entities and DTDs are not loaded (expat with external general entities off).
    """
    import io

    import feedparser

    data = raw.encode("utf-8", "replace")
    return feedparser.parse(io.BytesIO(data), response_headers={"content-type": "application/xml; charset=utf-8"},
                            resolve_relative_uris=False)


def parse_feed(raw: str, path: str, key: str, fmt: str | None = None) -> tuple[list[Document], list[str]]:
    parsed = _feedparse(raw)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            exc = parsed.get("bozo_exception")
            msg = str(getattr(exc, "getMessage", lambda: exc)()) if exc is not None else "not a feed"
            raise InputFormatError(f"malformed XML: {msg[:80]}")
        raise InputFormatError("feed has no entries")
    version = parsed.get("version") or ""
    kind = fmt or ("atom" if version.startswith("atom") else "rss")
    feed = parsed.get("feed") or {}
    outlet = (feed.get("title") or "").strip() or None
    docs: list[Document] = []
    problems: list[str] = []
    for i, e in enumerate(entries):
        contents = e.get("content") or []
        body = ""
        for c in contents:
            if c.get("value"):
                body = c["value"]
                break
        body = body or e.get("summary") or e.get("description") or ""
        text = html_fragment_to_text(body)
        title = html_fragment_to_text(e.get("title") or "").replace("\n", " ").strip() or None
        if not text.strip():
            problems.append(f"entry {i + 1} has no text")
            continue
        url = e.get("link") or None
        published = as_date(e.get("published_parsed") or e.get("updated_parsed")) or as_date(e.get("published") or e.get("updated"))
        detail = e.get("author_detail") or {}
        byline = (detail.get("name") if isinstance(detail, dict) else None) or (e.get("author") or "").strip() or None
        src = e.get("source") or {}
        entry_outlet = (src.get("title") if isinstance(src, dict) else None) or outlet
        doc = new_document(
            id=doc_id(url or e.get("id") or f"{key}#{i}"),
            title=title, text=text, outlet=entry_outlet, byline=byline, url=url, path=path, published=published,
            fmt=kind, origin="feed",
        )
        docs.append(doc)
    if not docs and parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        msg = re.sub(r"^<unknown>:(\d+):\d+:\s*", r"line \1: ", str(exc)) if exc is not None else "broken feed"
        raise InputFormatError(f"malformed XML at {msg[:80]}" if msg.startswith("line ") else f"malformed XML: {msg[:80]}")
    return docs, problems

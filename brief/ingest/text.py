"""Plain text and Markdown articles, with optional YAML front matter."""

from __future__ import annotations

import re
from typing import Any

import yaml

from brief.ingest.common import (
    AUTHOR_KEYS, DATE_KEYS, OUTLET_KEYS, TITLE_KEYS, URL_KEYS, InputFormatError, _as_text, doc_id, new_document, pick,
    split_headline,
)
from brief.ingest.dates import as_date
from brief.ingest.limits import MAX_DEPTH, MAX_FRONT_MATTER_CHARS, check_size
from brief.model import Document


class _FrontMatterLoader(yaml.SafeLoader):
    """The safe loader, with dates kept as text (``as_date`` reads them within its sane range;
    PyYAML's own timestamps raise on ``2021-02-30`` or ``25:00``)."""


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def _load_yaml(text: str) -> Any:
    """Front matter YAML within the size, depth and alias-expansion limits, else InputFormatError."""
    if len(text) > MAX_FRONT_MATTER_CHARS:
        raise InputFormatError(f"front matter too large ({len(text):,} characters, limit {MAX_FRONT_MATTER_CHARS:,})")
    try:
        value = yaml.load(text, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError:
        raise InputFormatError(f"front matter nested too deeply (over {MAX_DEPTH} levels)") from None
    try:
        check_size(value)
    except InputFormatError as e:
        raise InputFormatError(f"front matter: {e}") from None
    return value


_FM = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """(front matter, rest, number of lines the front matter took); malformed YAML raises InputFormatError."""
    m = _FM.match(text)
    if not m:
        return {}, text, 0
    try:
        meta = _load_yaml(m.group(1))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(e, "problem", None) or "invalid YAML"
        raise InputFormatError(f"malformed front matter{where}: {problem}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputFormatError("malformed front matter: not a set of key: value pairs")
    return meta, text[m.end():], text[: m.end()].count("\n")


def parse_text(raw: str, path: str | None, fmt: str = "txt", key: str | None = None) -> Document:
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    meta, body, _ = split_front_matter(raw)
    meta = {str(k): v for k, v in meta.items()}
    title = _as_text(pick(meta, TITLE_KEYS))
    if title:
        # drop a first line that repeats the front-matter title (keeping line numbers)
        lines = body.split("\n")
        for i, line in enumerate(lines[:5]):
            if line.strip():
                if re.sub(r"^#+\s*", "", line.strip()) == title:
                    lines[i] = ""
                break
        body = "\n".join(lines)
    else:
        title, body = split_headline(body)
    url = _as_text(pick(meta, URL_KEYS))
    outlet = _as_text(pick(meta, OUTLET_KEYS))
    byline = _as_text(pick(meta, AUTHOR_KEYS))
    raw_date = pick(meta, DATE_KEYS)
    published = as_date(raw_date)
    doc = new_document(
        id=doc_id(url or key or path or raw[:500]),
        title=title, text=body, outlet=outlet, byline=byline, url=url, path=path, published=published,
        fmt=fmt, origin="front-matter", title_known=bool(pick(meta, TITLE_KEYS)),
    )
    if title and "title" not in doc.provenance:
        doc.provenance["title"] = "text:first-line"
    if raw_date not in (None, "") and published is None:
        doc.meta["unparsed_date"] = str(raw_date)
    extra = {k: v for k, v in meta.items() if k not in TITLE_KEYS + URL_KEYS + OUTLET_KEYS + AUTHOR_KEYS + DATE_KEYS}
    if extra:
        doc.meta["front_matter"] = {k: (v if isinstance(v, (str, int, float, bool)) else str(v)) for k, v in extra.items()}
    return doc

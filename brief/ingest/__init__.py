"""Ingest: read every input into Documents.

Inputs are files (.txt/.md with optional YAML front matter, .html/.htm, .json, .jsonl,
RSS/Atom feeds), folders (recursive), glob patterns, ``http(s)://`` URLs, dicts and
Documents.  Each bad input is reported once through ``on_problem`` (one short line)
and the rest goes on; with ``config.strict`` the pipeline's ``on_problem`` raises,
and nothing here swallows that.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from brief.config import BriefConfig
from brief.errors import BriefError
from brief.ingest.common import InputFormatError, doc_id, document_from_mapping, split_headline
from brief.ingest.dates import FIRST_YEAR, LAST_YEAR, in_range
from brief.ingest.decode import DecodeProblem, decode_bytes
from brief.ingest.feeds import looks_like_feed, parse_feed
from brief.ingest.fetch import FetchProblem, fetch
from brief.ingest.html import looks_like_html, parse_html
from brief.ingest.limits import check_lines, make_writable, writable
from brief.ingest.paths import expand, identity, unusable
from brief.ingest.structured import parse_json, parse_jsonl
from brief.ingest.text import parse_text
from brief.model import Document, InputProblem

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES

Progress = Callable[[str, int, int], None]
Reporter = Callable[[InputProblem], None]

__all__ = ["load_inputs", "document_from_dict", "parse_text", "read_path", "SUPPORTED"]


def document_from_dict(d: dict[str, Any]) -> Document:
    """A Document from an article dict (keys: title, text|content|body, url, source|outlet, published|date, author|byline)."""
    text = str(d.get("text") or d.get("content") or d.get("body") or "")
    key = str(d.get("url") or d.get("link") or (str(d.get("title", "")) + "\n" + text[:500]))
    doc = document_from_mapping(d, key=key, path=d.get("path"), fmt="dict", origin="input")
    if d.get("title") is None and doc.title != "Untitled":
        doc.provenance["title"] = "text:first-line"
    return doc


def _fmt_size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _parse_content(raw: str, *, suffix: str, path: str | None, key: str, url: str | None = None,
                   content_type: str = "") -> tuple[list[Document], list[str]]:
    """Documents in one file's (or URL's) text, by suffix, content type and content sniffing."""
    ct = content_type.lower()
    head = raw.lstrip()[:200].lower()
    if suffix in JSON_SUFFIXES or "json" in ct and suffix not in JSONL_SUFFIXES:
        return parse_json(raw, path or key, key)
    if suffix in JSONL_SUFFIXES:
        return parse_jsonl(raw, path or key, key)
    if suffix in FEED_SUFFIXES or "rss" in ct or "atom" in ct or (suffix not in HTML_SUFFIXES and looks_like_feed(raw)):
        if not looks_like_feed(raw):
            if suffix in FEED_SUFFIXES and raw.lstrip().startswith("<"):
                raise InputFormatError("malformed XML: not an RSS or Atom feed")
            if suffix in FEED_SUFFIXES:
                raise InputFormatError("malformed XML: no XML markup found")
        return parse_feed(raw, path or key, key, fmt="atom" if suffix == ".atom" else None)
    if suffix in HTML_SUFFIXES or "html" in ct or head.startswith(("<!doctype html", "<html")):
        return [parse_html(raw, path, key=key, url=url)], []
    fmt = suffix.lstrip(".") if suffix in TEXT_SUFFIXES else "txt"
    if fmt == "markdown":
        fmt = "md"
    doc = parse_text(raw, path, fmt=fmt, key=url or key)
    if url and not doc.url:
        doc.url = url
    return [doc], []


def _problem_line(problems: list[str]) -> str:
    if len(problems) == 1:
        return problems[0]
    return f"{problems[0]} (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})"


def read_path(path: Path, *, config: BriefConfig, on_problem: Reporter) -> list[Document]:
    """The documents of one file; problems are reported (one line per file) through ``on_problem``."""
    name = str(path)
    try:
        st = path.stat()
    except OSError as e:
        on_problem(InputProblem(name, unusable(path) or f"cannot read ({e.strerror or e})"))
        return []
    if not stat.S_ISREG(st.st_mode):
        on_problem(InputProblem(name, "not a regular file (a pipe, socket or device)"))
        return []
    size = st.st_size
    if size > config.max_file_bytes:
        on_problem(InputProblem(name, f"too large ({_fmt_size(size)}, limit {_fmt_size(config.max_file_bytes)})"))
        return []
    try:
        data = path.read_bytes()
    except OSError as e:
        on_problem(InputProblem(name, f"cannot read ({e.strerror or e})"))
        return []
    return _read_bytes(data, name=name, key=str(identity(path)), suffix=path.suffix.lower(), path=name,
                       on_problem=on_problem)


def _error_phrase(e: BaseException) -> str:
    msg = " ".join(str(e).split())
    msg = msg if len(msg) <= 80 else msg[:77] + "..."
    return f"{type(e).__name__}: {msg}" if msg else type(e).__name__


def _within_limits(docs: list[Document], problems: list[str]) -> list[Document]:
    """The documents within the line limits; one problem per document past them."""
    kept: list[Document] = []
    for d in docs:
        try:
            check_lines(d.text)
        except InputFormatError as e:
            problems.append(str(e) if len(docs) == 1 else f"{d.title[:40]!r}: {e}")
            continue
        kept.append(d)
    return kept


def _read_bytes(data: bytes, *, name: str, key: str, suffix: str, path: str | None, on_problem: Reporter,
                url: str | None = None, content_type: str = "") -> list[Document]:
    if not data.strip():
        on_problem(InputProblem(name, "empty file" if url is None else "empty response"))
        return []
    problem: str | None = None
    docs: list[Document] = []
    inner: list[str] = []
    try:
        raw = decode_bytes(data)
        if not raw.strip():
            problem = "empty file"
        else:
            docs, inner = _parse_content(raw, suffix=suffix, path=path, key=key, url=url, content_type=content_type)
            docs = _within_limits(docs, inner)
    except (DecodeProblem, InputFormatError) as e:
        problem = str(e)
    except BriefError:
        raise
    except RecursionError:
        problem = "nested too deeply to read"
    except MemoryError:
        problem = "too large to read in memory"
    except Exception as e:  # a parser's own failure on this file: one line, and the run goes on
        problem = f"could not be read ({_error_phrase(e)})"
    if problem is None and not docs and not inner:
        problem = "no article text found"
    if problem is None and inner:
        problem = _problem_line(inner)
        if docs:
            problem += f"; read the other {len(docs)} article{'s' if len(docs) != 1 else ''}"
    if problem is not None:
        on_problem(InputProblem(name, problem))  # outside any try: strict mode's exception propagates
    return docs


def load_inputs(
    inputs: list[Any],
    *,
    config: BriefConfig,
    on_problem: Reporter,
    progress: Progress,
) -> list[Document]:
    """Read every input into Documents (in input order; folders in sorted path order).

    Each input is read on its own: whatever goes wrong with one becomes one line through
    ``on_problem`` (paths and messages made printable) and the others are still read.
    """
    report = _printable(on_problem)
    work: list[tuple[str, Any]] = []
    seen_files: set[Path | str] = set()
    for item in inputs:
        if isinstance(item, Document):
            work.append(("doc", item))
        elif isinstance(item, dict):
            work.append(("dict", item))
        else:
            s = str(item)
            if s.lower().startswith(("http://", "https://")):
                work.append(("url", s))
                continue
            for f in expand(s, SUPPORTED, report) or []:
                r = identity(f)
                if r not in seen_files:
                    seen_files.add(r)
                    work.append(("file", f))
    docs: list[Document] = []
    total = len(work)
    for i, (kind, item) in enumerate(work):
        progress("ingest", i, total)
        docs.extend(_checked(_read_one(kind, item, config=config, on_problem=report), report, read_now=kind != "doc"))
    progress("ingest", total, total)
    _unique_ids(docs)
    return docs


def _read_one(kind: str, item: Any, *, config: BriefConfig, on_problem: Reporter) -> list[Document]:
    if kind == "doc":
        return [item]
    if kind == "url":
        return _read_url(item, config=config, on_problem=on_problem)
    if kind == "file":
        return read_path(item, config=config, on_problem=on_problem)
    try:
        doc = document_from_dict(item)
        check_lines(doc.text)
    except BriefError:
        raise
    except InputFormatError as e:
        problem = str(e)
    except Exception as e:  # a dict with values of odd types
        problem = f"could not be read ({_error_phrase(e)})"
    else:
        return [doc]
    on_problem(InputProblem(str(item.get("path") or item.get("url") or item.get("title") or "article"), problem))
    return []


def _printable(on_problem: Reporter) -> Reporter:
    """``on_problem`` with path and message made writable (file names with undecodable bytes)."""

    def report(p: InputProblem) -> None:
        on_problem(InputProblem(_shown(p.path), _shown(p.message), p.note))

    return report


def _shown(s: str) -> str:
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        pass
    try:  # file-name bytes that were not UTF-8 (os.fsdecode keeps them as lone surrogates)
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return writable(s)[0]


def _checked(docs: list[Document], on_problem: Reporter, *, read_now: bool) -> list[Document]:
    """``docs`` made safe to write, each change noted: unwritable characters, out-of-range dates.

    ``read_now`` is False for Documents given as inputs (read and noted by an earlier pass,
    as ``brief weekly`` does): only what is still wrong with them is noted.
    """
    for d in docs:
        name = d.path or d.url or d.id
        replaced = make_writable(d)
        if replaced:
            on_problem(InputProblem(_shown(name), f"replaced {replaced} character{'s' if replaced != 1 else ''} "
                                    "that cannot be written (lone surrogates or control characters)", note=True))
        bad_date = d.meta.get("unparsed_date") if read_now else None
        if d.published is not None and in_range(d.published) is None:
            bad_date = d.meta.setdefault("unparsed_date", str(d.published))
            d.published = None
        if bad_date and d.published is None:
            on_problem(InputProblem(_shown(name), f"date {str(bad_date)[:40]!r} is not a valid date between "
                                    f"{FIRST_YEAR} and {LAST_YEAR}; treated as unknown", note=True))
    return docs


def _read_url(url: str, *, config: BriefConfig, on_problem: Reporter) -> list[Document]:
    try:
        data, ctype = fetch(url, timeout=config.fetch_timeout, max_bytes=config.max_file_bytes)
    except FetchProblem as e:
        on_problem(InputProblem(url, str(e)))
        return []
    suffix = Path(url.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
    if suffix not in SUPPORTED:
        suffix = ""
    return _read_bytes(data, name=url, key=url, suffix=suffix, path=None, on_problem=on_problem, url=url,
                       content_type=ctype)


def _unique_ids(docs: list[Document]) -> None:
    """Make ids unique (two files may carry the same url): later ones get a suffixed hash."""
    seen: set[str] = set()
    for d in docs:
        if d.id in seen:
            n = 2
            while doc_id(f"{d.id}|{d.path}|{n}") in seen:
                n += 1
            d.id = doc_id(f"{d.id}|{d.path}|{n}")
        seen.add(d.id)


# kept for callers of the first pass
_split_headline = split_headline
_looks_like_html = looks_like_html

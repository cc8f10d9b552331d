"""Ingest: read every input into Documents.

Inputs are files (.txt/.md with optional YAML front matter, .html/.htm, .json, .jsonl,
RSS/Atom feeds), folders (recursive), glob patterns, ``http(s)://`` URLs, dicts and
Documents.  Each bad input is reported once through ``on_problem`` (one short line)
and the rest goes on; with ``config.strict`` the pipeline's ``on_problem`` raises,
and nothing here swallows that.
"""

from __future__ import annotations

import glob as _glob
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from brief.config import BriefConfig
from brief.ingest.common import InputFormatError, doc_id, document_from_mapping, split_headline
from brief.ingest.decode import DecodeProblem, decode_bytes
from brief.ingest.feeds import looks_like_feed, parse_feed
from brief.ingest.fetch import FetchProblem, fetch
from brief.ingest.html import looks_like_html, parse_html
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
        size = path.stat().st_size
    except OSError as e:
        on_problem(InputProblem(name, f"cannot read ({e.strerror or e})"))
        return []
    if size > config.max_file_bytes:
        on_problem(InputProblem(name, f"too large ({_fmt_size(size)}, limit {_fmt_size(config.max_file_bytes)})"))
        return []
    try:
        data = path.read_bytes()
    except OSError as e:
        on_problem(InputProblem(name, f"cannot read ({e.strerror or e})"))
        return []
    return _read_bytes(data, name=name, key=str(path.resolve()), suffix=path.suffix.lower(), path=name,
                       on_problem=on_problem)


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
    except (DecodeProblem, InputFormatError) as e:
        problem = str(e)
    if problem is None and not docs and not inner:
        problem = "no article text found"
    if problem is None and inner:
        problem = _problem_line(inner)
        if docs:
            problem += f"; read the other {len(docs)} article{'s' if len(docs) != 1 else ''}"
    if problem is not None:
        on_problem(InputProblem(name, problem))  # outside any try: strict mode's exception propagates
    return docs


# Files that describe a folder rather than report news (README.md beside a corpus).
# Skipped when walking a folder; still read when named explicitly.
_FOLDER_DOCS = ("readme", "license", "licence", "changelog", "contributing", "copying", "notice")


def _is_folder_doc(name: str) -> bool:
    return name.lower().split(".")[0] in _FOLDER_DOCS


def _expand(item: str, on_problem: Reporter) -> list[Path] | None:
    """Files named by a path, folder or glob; None when reported as a problem."""
    p = Path(item).expanduser()
    if p.is_dir():
        found: list[Path] = []
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                if f.startswith(".") or _is_folder_doc(f):
                    continue
                fp = Path(root) / f
                if fp.suffix.lower() in SUPPORTED:
                    found.append(fp)
                else:
                    on_problem(InputProblem(str(fp), f"unsupported file type ({fp.suffix or 'no extension'})"))
        if not found:
            on_problem(InputProblem(item, "folder has no readable articles"))
            return None
        return found
    if p.is_file():
        return [p]
    if any(ch in item for ch in "*?["):
        matches = sorted(Path(m) for m in _glob.glob(os.path.expanduser(item), recursive=True))
        files: list[Path] = []
        for m in matches:
            if m.is_dir():
                files.extend(_expand(str(m), on_problem) or [])
            elif m.is_file():
                files.append(m)
        if not files:
            on_problem(InputProblem(item, "no files match the pattern"))
            return None
        return files
    on_problem(InputProblem(item, "no such file or folder"))
    return None


def load_inputs(
    inputs: list[Any],
    *,
    config: BriefConfig,
    on_problem: Reporter,
    progress: Progress,
) -> list[Document]:
    """Read every input into Documents (in input order; folders in sorted path order)."""
    work: list[tuple[str, Any]] = []
    seen_files: set[Path] = set()
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
            files = _expand(s, on_problem)
            for f in files or []:
                r = f.resolve()
                if r not in seen_files:
                    seen_files.add(r)
                    work.append(("file", f))
    docs: list[Document] = []
    total = len(work)
    for i, (kind, item) in enumerate(work):
        progress("ingest", i, total)
        if kind == "doc":
            docs.append(item)
        elif kind == "dict":
            docs.append(document_from_dict(item))
        elif kind == "url":
            docs.extend(_read_url(item, config=config, on_problem=on_problem))
        else:
            docs.extend(read_path(item, config=config, on_problem=on_problem))
    progress("ingest", total, total)
    _unique_ids(docs)
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

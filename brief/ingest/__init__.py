"""Ingest: read every input into Documents.  (Minimal first pass: .txt/.md with YAML front matter.)"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from brief.config import BriefConfig
from brief.model import Document, InputProblem

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}


def _doc_id(key: str) -> str:
    return "d-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    if text.startswith("---"):
        parts = text.split("\n---", 1)
        if len(parts) == 2:
            meta = yaml.safe_load(parts[0][3:]) or {}
            if isinstance(meta, dict):
                return meta, parts[1].lstrip("-\n")
    return {}, text


def _as_date(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v[:10])
        except ValueError:
            return None
    return None


def parse_text(raw: str, path: str | None, fmt: str = "txt") -> Document:
    meta, body = _split_front_matter(raw)
    lines = body.splitlines()
    title = meta.get("title")
    if not title:
        for i, line in enumerate(lines):
            if line.strip():
                title = line.strip()
                body = "\n".join(lines[i + 1 :])
                break
    doc = Document(
        id=_doc_id(path or raw[:200]),
        title=str(title or "Untitled"),
        text=body,
        outlet=meta.get("outlet"),
        byline=meta.get("byline"),
        url=meta.get("url"),
        path=path,
        published=_as_date(meta.get("published")),
        format=fmt,
    )
    for k in ("outlet", "byline", "url", "published"):
        if meta.get(k):
            doc.provenance[k] = "front-matter"
    return doc


def document_from_dict(d: dict[str, Any]) -> Document:
    text = d.get("text") or d.get("content") or d.get("body") or ""
    key = d.get("url") or (str(d.get("title", "")) + text[:200])
    return Document(
        id=d.get("id") or _doc_id(key),
        title=str(d.get("title") or "Untitled"),
        text=text,
        outlet=d.get("outlet") or d.get("source"),
        byline=d.get("byline") or d.get("author"),
        url=d.get("url"),
        published=_as_date(d.get("published") or d.get("date")),
        format="dict",
    )


def load_inputs(
    inputs: list[Any],
    *,
    config: BriefConfig,
    on_problem: Callable[[InputProblem], None],
    progress: Callable[[str, int, int], None],
) -> list[Document]:
    docs: list[Document] = []
    files: list[Path] = []
    for item in inputs:
        if isinstance(item, Document):
            docs.append(item)
        elif isinstance(item, dict):
            docs.append(document_from_dict(item))
        else:
            p = Path(item)
            if p.is_dir():
                files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES))
            elif p.is_file():
                files.append(p)
            else:
                on_problem(InputProblem(str(item), "no such file or folder"))
    for i, f in enumerate(files):
        progress("ingest", i, len(files))
        data = f.read_bytes()
        if not data.strip():
            on_problem(InputProblem(str(f), "empty file"))
            continue
        if b"\x00" in data[:4096]:
            on_problem(InputProblem(str(f), "binary file, not text"))
            continue
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError:
            on_problem(InputProblem(str(f), "not UTF-8 text"))
            continue
        docs.append(parse_text(raw, str(f), f.suffix.lstrip(".").lower()))
    progress("ingest", len(files), len(files))
    return docs

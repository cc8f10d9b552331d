"""JSON (one article or a list of them) and JSON Lines."""

from __future__ import annotations

import json
from typing import Any

from brief.ingest.common import TEXT_KEYS, InputFormatError, document_from_mapping, pick
from brief.ingest.limits import MAX_DEPTH, check_json_depth
from brief.model import Document

# containers that wrap a list of articles in exports ({"articles": [...]})
_LIST_KEYS = ("articles", "items", "documents", "docs", "results", "data", "entries", "posts", "stories")


def _short(msg: str) -> str:
    return msg if len(msg) < 80 else msg[:77] + "..."


def _loads(text: str) -> Any:
    """``json.loads`` within the depth limit; InputFormatError on malformed or too deep JSON."""
    check_json_depth(text)
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputFormatError(f"malformed JSON at line {e.lineno}: {_short(e.msg)}") from None
    except RecursionError:
        raise InputFormatError(f"nested too deeply (over {MAX_DEPTH} levels)") from None


def _articles(obj: Any) -> list[Any]:
    if isinstance(obj, list):
        return obj
    if isinstance(obj, dict):
        if pick(obj, TEXT_KEYS) is None:
            for k in _LIST_KEYS:
                if isinstance(obj.get(k), list):
                    return obj[k]
        return [obj]
    raise InputFormatError("malformed JSON: expected an article object or a list of them")


def parse_json(raw: str, path: str, key: str) -> tuple[list[Document], list[str]]:
    """(documents, problems within the file)."""
    obj = _loads(raw)
    items = _articles(obj)
    multi = len(items) > 1 or isinstance(obj, list)
    docs: list[Document] = []
    problems: list[str] = []
    for i, item in enumerate(items):
        where = f"article {i + 1}" if multi else "the article"
        problem = _article_problem(item, where)
        if problem:
            problems.append(problem)
            continue
        docs.append(document_from_mapping(item, key=f"{key}#{i}" if multi else key, path=path, fmt="json", origin="json"))
    if not docs and not problems:
        problems.append("no articles in the file")
    return docs, problems


def _article_problem(item: object, where: str) -> str | None:
    """Why a JSON value is not a usable article ("line 3 has no text"), or None."""
    if not isinstance(item, dict):
        return f"{where} is not an article object"
    if not str(pick(item, TEXT_KEYS) or "").strip():
        return f"{where} has no text"
    return None


def parse_jsonl(raw: str, path: str, key: str) -> tuple[list[Document], list[str]]:
    docs: list[Document] = []
    problems: list[str] = []
    for n, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = _loads(line)
        except InputFormatError as e:
            msg = str(e)
            problems.append(msg.replace("at line 1:", f"at line {n}:") if "at line 1:" in msg else f"line {n}: {msg}")
            continue
        problem = _article_problem(item, f"line {n}")
        if problem:
            problems.append(problem)
            continue
        docs.append(document_from_mapping(item, key=f"{key}#{n}", path=path, fmt="jsonl", origin="jsonl"))
    if not docs and not problems:
        problems.append("no articles in the file")
    return docs, problems

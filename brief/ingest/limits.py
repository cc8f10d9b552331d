"""Limits on hostile or broken input, and text that output can always encode.

Every limit turns into one short line naming the problem (an ``InputFormatError``); inputs
within the limits go on to the later stages, whose cost grows with their size.
"""

from __future__ import annotations

import re
from typing import Any

from brief.ingest.common import InputFormatError
from brief.model import Document

MAX_DEPTH = 200  # nesting of JSON values, YAML front matter
MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_YAML_NODES = 10_000  # values in front matter once aliases are expanded
MAX_LINE_CHARS = 100_000  # one line (paragraph) of an article's text
MAX_LINES = 20_000  # lines of one article's text

# a JSON string (skipped whole, whatever brackets it holds) or one bracket
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def check_json_depth(text: str, limit: int = MAX_DEPTH) -> None:
    """Raise InputFormatError when JSON ``text`` nests deeper than ``limit`` (one linear scan)."""
    depth = 0
    for m in _JSON_TOKEN.finditer(text):
        ch = m.group()
        if ch in "[{":
            depth += 1
            if depth > limit:
                raise InputFormatError(f"nested too deeply (over {limit} levels)")
        elif ch in "]}":
            depth -= 1


def check_size(value: Any, *, nodes: int = MAX_YAML_NODES, depth: int = MAX_DEPTH) -> None:
    """Raise InputFormatError when a loaded value has more than ``nodes`` values or nests past ``depth``.

    Shared sub-values (YAML aliases) count each time they appear, which is what any later
    use of the value costs; the walk stops at the limit, so it is cheap even for an alias bomb.
    """
    seen = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        v, d = stack.pop()
        seen += 1
        if seen > nodes:
            raise InputFormatError(f"too many values (over {nodes} once aliases are expanded)")
        if d > depth:
            raise InputFormatError(f"nested too deeply (over {depth} levels)")
        if isinstance(v, dict):
            stack.extend((x, d + 1) for kv in v.items() for x in kv)
        elif isinstance(v, (list, tuple, set)):
            stack.extend((x, d + 1) for x in v)


def check_lines(text: str) -> None:
    """Raise InputFormatError when an article's text has a line or a line count past the limits."""
    count = text.count("\n") + 1
    if count > MAX_LINES:
        raise InputFormatError(f"too many lines ({count:,}, limit {MAX_LINES:,})")
    if len(text) <= MAX_LINE_CHARS:
        return
    start = 0
    for n in range(1, count + 1):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > MAX_LINE_CHARS:
            raise InputFormatError(f"line {n} too long ({end - start:,} characters, limit {MAX_LINE_CHARS:,})")
        start = end + 1


# lone surrogates, and control characters other than tab, newline, carriage return and form feed
_UNWRITABLE = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def writable(s: str) -> tuple[str, int]:
    """(``s`` with characters no output can carry replaced, how many were replaced).

    Lone surrogates become U+FFFD; control characters become a space.
    """
    count = 0

    def sub(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return "\ufffd" if "\ud800" <= m.group() <= "\udfff" else " "

    return _UNWRITABLE.sub(sub, s), count


def _writable_value(v: Any) -> tuple[Any, int]:
    if isinstance(v, str):
        return writable(v)
    if isinstance(v, dict):
        out: dict[Any, Any] = {}
        total = 0
        for k, x in v.items():
            k2, n1 = _writable_value(k)
            x2, n2 = _writable_value(x)
            out[k2] = x2
            total += n1 + n2
        return out, total
    if isinstance(v, list):
        items = [_writable_value(x) for x in v]
        return [x for x, _ in items], sum(n for _, n in items)
    return v, 0


def make_writable(doc: Document) -> int:
    """Replace unwritable characters in every text field of ``doc``; the number replaced."""
    total = 0
    for name in ("id", "title", "text", "outlet", "byline", "url", "path"):
        value = getattr(doc, name, None)
        if isinstance(value, str):
            fixed, n = writable(value)
            if n:
                setattr(doc, name, fixed)
                total += n
    meta, n = _writable_value(doc.meta)
    if n:
        doc.meta = meta
        total += n
    return total

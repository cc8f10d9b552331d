"""Language data (word lists, patterns) kept apart from the algorithms that use it.

Every list lives in one data file under ``brief/lexicon/<lang>/``; its first line is a
``#`` comment saying what the list is for.  Files are read once per process.

* ``<name>.txt``: one entry a line (``#`` starts a comment, blank lines ignored);
  :func:`words` returns them as a frozenset (lower-cased unless ``case=True``),
  :func:`entries` in file order.
* ``<name>.tsv``: ``kind<TAB>regex`` lines; :func:`patterns` returns
  ``[(kind, compiled), ...]`` in file order (compiled case-insensitive unless
  the file's header says ``# case-sensitive``).
* ``<name>.json``: any structure; :func:`data` returns it parsed.

:func:`pattern` joins a ``.tsv`` file's regexes into one (``a|b|c``); :func:`alternation`
writes the entries of a ``.txt`` file as one regex group, to splice into a larger pattern.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

LANG = "en"


def _read(name: str, suffix: str, lang: str) -> str:
    return resources.files(__name__).joinpath(lang, f"{name}.{suffix}").read_text(encoding="utf-8")


def _lines(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


@lru_cache(maxsize=None)
def entries(name: str, lang: str = LANG) -> tuple[str, ...]:
    """The entries of ``<lang>/<name>.txt`` in file order."""
    return tuple(_lines(_read(name, "txt", lang)))


@lru_cache(maxsize=None)
def words(name: str, lang: str = LANG, case: bool = False) -> frozenset[str]:
    """The entries of ``<lang>/<name>.txt`` as a set (lower-cased unless ``case``)."""
    return frozenset(e if case else e.lower() for e in entries(name, lang))


@lru_cache(maxsize=None)
def patterns(name: str, lang: str = LANG) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``(kind, regex)`` pairs of ``<lang>/<name>.tsv`` in file order."""
    text = _read(name, "tsv", lang)
    flags = _flags(name, lang)
    out = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, _, rx = line.partition("\t")
        out.append((kind.strip(), re.compile(rx.strip(), flags)))
    return tuple(out)


def _flags(name: str, lang: str) -> int:
    return 0 if "# case-sensitive" in _read(name, "tsv", lang).split("\n", 1)[0] else re.IGNORECASE


@lru_cache(maxsize=None)
def pattern(name: str, kind: str | None = None, lang: str = LANG) -> re.Pattern[str]:
    """The regexes of ``<lang>/<name>.tsv`` (those of ``kind``, or all) as one: ``(?:a)|(?:b)|...``."""
    parts = [rx.pattern for k, rx in patterns(name, lang) if kind is None or k == kind]
    if not parts:
        raise KeyError(f"{lang}/{name}.tsv has no pattern of kind {kind!r}")
    return re.compile("|".join(f"(?:{p})" for p in parts), _flags(name, lang))


@lru_cache(maxsize=None)
def alternation(name: str, lang: str = LANG, case: bool = True) -> str:
    """The entries of ``<lang>/<name>.txt`` as the regex group ``(?:longest|...|short)``, escaped."""
    items = entries(name, lang) if case else sorted(words(name, lang))
    return "(?:" + "|".join(re.escape(e) for e in sorted(dict.fromkeys(items), key=len, reverse=True)) + ")"


@lru_cache(maxsize=None)
def data(name: str, lang: str = LANG) -> Any:
    """The parsed content of ``<lang>/<name>.json``."""
    return json.loads(_read(name, "json", lang))


__all__ = ["entries", "words", "patterns", "pattern", "alternation", "data", "LANG"]

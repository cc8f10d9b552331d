"""Counting predicates in other words ("killed" / "died" / "lost their lives" -> "kill"), from
``brief/lexicon/en/predicates.json``; used by discrepancies and by the discrepancies they assemble."""

from __future__ import annotations

from functools import lru_cache

from brief.lexicon import data, words


@lru_cache(maxsize=1)
def _preds() -> dict[str, str]:
    d = data("predicates")
    return {w: canon for canon, ws in d["groups"].items() for w in ws}


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Verbs whose date is the date of a telling ("said on Monday"): the reporting verbs and a few more."""
    return words("reporting_verbs") | frozenset(data("predicates")["speech_verbs_beyond_reporting"])


def predicate_of(word: str) -> str | None:
    """The class of a known counting predicate ("detain" -> "arrest"), else None."""
    return _preds().get(word)


__all__ = ["predicate_of", "speech_verbs"]

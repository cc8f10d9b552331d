"""Date parsing shared by ingest and clean (no guessing: unknown stays None)."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

from brief.lexicon import alternation, data as lexicon_data

# month name or abbreviation -> 1..12 (lexicon/en/calendar.json)
MONTHS = {name: i for i, names in enumerate(lexicon_data("calendar")["months"], start=1) for name in names}
_MON = "(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
ORDINAL = alternation("ordinal_suffixes")  # 1st, 2nd, 3rd, 4th
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b")
_MDY = re.compile(_MON + r"\s+(?P<d>[0-3]?\d)" + ORDINAL + r"?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I)
_DMY = re.compile(r"\b(?P<d>[0-3]?\d)" + ORDINAL + r"?\s+(?:of\s+)?" + _MON + r",?\s+(?P<y>(?:19|20)\d\d)\b", re.I)
_SLASH = re.compile(r"\b(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)\b")


def find_date(text: str) -> tuple[dt.date, int, int] | None:
    """The first explicit calendar date (day, month and year) in ``text``: (date, start, end)."""
    best: tuple[dt.date, int, int] | None = None
    for rx in (_ISO, _MDY, _DMY, _SLASH):
        for m in rx.finditer(text):
            g = m.groupdict()
            try:
                month = int(g["m"]) if g.get("m") else MONTHS[g["mon"].lower().rstrip(".")]
                day = dt.date(int(g["y"]), month, int(g["d"]))
            except (ValueError, KeyError):
                continue
            if best is None or m.start() < best[1]:
                best = (day, m.start(), m.end())
            break
    return best


# publication dates outside these years are errors or placeholders (0000-00-00, 9999-12-31)
FIRST_YEAR, LAST_YEAR = 1900, 2100


def in_range(day: dt.date | None) -> dt.date | None:
    """``day`` when its year is within FIRST_YEAR..LAST_YEAR, else None (unknown)."""
    return day if day is not None and FIRST_YEAR <= day.year <= LAST_YEAR else None


def as_date(v: Any) -> dt.date | None:
    """A date from a metadata value (date, datetime, struct_time, ISO or common written forms).

    None (unknown) when the value is no valid date or lies outside FIRST_YEAR..LAST_YEAR.
    """
    try:
        return in_range(_as_date(v))
    except (ValueError, OverflowError, OSError, TypeError):
        return None


def _as_date(v: Any) -> dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, time.struct_time):
        try:
            return dt.date(v.tm_year, v.tm_mon, v.tm_mday)
        except ValueError:
            return None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if 10**8 < v < 10**11:  # unix seconds
            return dt.datetime.fromtimestamp(v, dt.timezone.utc).date()
        return None
    s = str(v).strip()
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    found = find_date(s)
    if found:
        return found[0]
    try:  # RFC 822 dates of feeds and e-mail ("Tue, 05 Mar 2024 10:00:00 GMT")
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        return None

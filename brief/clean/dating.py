"""Dates stated by the text itself, each with its role, and the document date inferred from them.

Roles: ``published`` (a dateline, a "Published:" stamp, the date after a byline),
``updated`` ("Updated ..."), ``photo`` (inside a caption or credit), ``sidebar``
(related-post lists, timestamps of other stories), ``body`` (the article talks about it).
Only ``published`` and ``updated`` dates may become the publication date; a stamp years
after every date the article itself talks about is not trusted.  When nothing states the
date, a dateline without a year ("CITY, July 2 —") or weekday-plus-date expressions
("on Friday (Jul 6)") give an *inferred* document date, used to resolve relative dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from brief.clean.rules import header_match
from brief.ingest.dates import MONTHS, ORDINAL as _ORD, find_date
from brief.lexicon import data as lexicon_data

_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAYS = [names[0] for names in lexicon_data("calendar")["weekdays"]]  # monday .. sunday (not the locale's)
_WD = "|".join(_WEEKDAYS)
# "Friday (Jul 6)", "Friday, July 6", "Friday 6 July" -- not followed by a year
WEEKDAY_DATE = re.compile(
    rf"\b(?P<wd>{_WD})\b,?\s*\(?\s*(?:(?P<mon>{_MON})\.?\s+(?P<d>[0-3]?\d){_ORD}?|(?P<d2>[0-3]?\d){_ORD}?\s+(?P<mon2>{_MON})\.?)\b\)?"
    r"(?!,?\s*(?:19|20)\d\d)", re.I)
# "CITY, July 2 —", "LONDON, June 10 (Reuters) -": an upper-case place, a month and day without a year;
# or a wire tag right after the month and day ("Aug. 1 (UPI) --")
DATELINE = re.compile(
    rf"^(?:[A-Z][A-Z.'’/\- ]{{1,40}},\s*(?P<mon>(?i:{_MON}))\.?\s+(?P<d>[0-3]?\d)\b(?!\s*,?\s*(?:19|20)\d\d)\s*(?:\(|[—–\-:•])"
    rf"|(?P<mon2>(?i:{_MON}))\.?\s+(?P<d2>[0-3]?\d)\s+\([A-Z][A-Za-z]{{1,14}}\)\s*(?:[—–]|--))")
NUMERIC = re.compile(r"\b(?P<a>[0-3]?\d)[./-](?P<b>[0-3]?\d)[./-](?P<y>(?:19|20)\d\d)\b")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
TRUST_GAP_YEARS = 2  # a stamp this many years after the latest date the article talks about is a site stamp


@dataclass(frozen=True)
class DateMention:
    day: dt.date
    role: str  # published | updated | photo | sidebar | body
    source: str  # how the text said it: "text:dateline", "text:date-label", "text:byline", ...
    line: int  # index of the line in the cleaned line list


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def numeric_date(s: str, order: str | None = None) -> tuple[dt.date, int, int] | None:
    """A "02-07-2018" date: the day/month order from the numbers, else ``order`` ("DMY"/"MDY"), else unknown."""
    import dateparser

    m = NUMERIC.search(s)
    if not m:
        return None
    a, b = int(m.group("a")), int(m.group("b"))
    if a > 12 and b <= 12:
        order = "DMY"
    elif b > 12 and a <= 12:
        order = "MDY"
    elif a != b and order is None:
        return None
    parsed = dateparser.parse(m.group(0), languages=["en"], settings={"DATE_ORDER": order or "DMY", "STRICT_PARSING": True})
    return (parsed.date(), m.start(), m.end()) if parsed else None


def numeric_readings(s: str) -> list[dt.date]:
    """Both readings (day-month and month-day) of an ambiguous "02-07-2018"."""
    m = NUMERIC.search(s)
    if not m:
        return []
    out = []
    for order in ("DMY", "MDY"):
        found = numeric_date(m.group(0), order)
        if found and found[0] not in out:
            out.append(found[0])
    return out


def settle_order(readings: list[dt.date], evidence: list[dt.date]) -> dt.date | None:
    """The reading of an ambiguous numeric date nearest the dates the article itself gives, if one is clearly nearer."""
    if not readings or not evidence:
        return None
    ref = max(evidence)
    ranked = sorted(readings, key=lambda d: abs((d - ref).days))
    if len(ranked) == 1 or abs((ranked[0] - ref).days) * 2 < abs((ranked[1] - ref).days):
        return ranked[0]
    return None


def stamp_date(s: str, order: str | None = None) -> tuple[dt.date, int, int] | None:
    """The date of a stamp: written dates first, then numeric ones, then whatever dateparser reads in a short line."""
    found = find_date(s) or numeric_date(s, order)
    if found or len(s.split()) > 10 or not re.search(r"\d", s) or not re.search(rf"\b(?:{_MON})\b", s, re.I):
        return found
    import dateparser

    cut = re.sub(r"^\W*(?:[a-z]+\s*)?(?:on|at)?\s*:?\s*", "", s, flags=re.I) if header_match("date-label", s) else s
    parsed = dateparser.parse(cut, languages=["en"],
                              settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    return (parsed.date(), 0, len(s)) if parsed else None


def label_role(s: str) -> str:
    return "updated" if header_match("updated-label", s) else "published"


def years_in(lines: list[str]) -> list[int]:
    return [int(y) for s in lines for y in YEAR.findall(s)]


def _with_year(month: int, day: int, weekday: int | None, years: list[int]) -> dt.date | None:
    """The date of ``month``/``day`` in the one candidate year that fits (the weekday, when given)."""
    cands = sorted({y + k for y in set(years) for k in (-1, 0, 1)}) if weekday is not None else sorted(set(years))
    fits = []
    for y in cands:
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if weekday is None or d.weekday() == weekday:
            fits.append(d)
    if weekday is None:
        return fits[-1] if fits else None  # a dateline without a year: the latest year the text names
    return fits[0] if len(fits) == 1 else None


def weekday_dates(lines: list[str], years: list[int]) -> list[dt.date]:
    """Dates of the text's weekday-plus-date expressions whose year the text settles."""
    out = []
    for s in lines:
        for m in WEEKDAY_DATE.finditer(s):
            mon, d = (m.group("mon"), m.group("d")) if m.group("mon") else (m.group("mon2"), m.group("d2"))
            day = _with_year(_month(mon), int(d), _WEEKDAYS.index(m.group("wd").lower()), years)
            if day:
                out.append(day)
    return out


def infer_date(lines: list[str], body_dates: list[dt.date]) -> tuple[dt.date, str] | None:
    """(date, how) of a document that states none: its yearless dateline, else its latest weekday-plus-date."""
    years = [d.year for d in body_dates]
    if not years:  # only bare years: trusted for a yearless dateline when the text names one year alone
        bare = set(years_in(lines))
        years = sorted(bare)
        if not years:
            return None
    wd = weekday_dates(lines, years)
    dateline_years = [d.year for d in wd] or [d.year for d in body_dates] or (years if len(years) == 1 else [])
    for s in lines[:8]:
        m = DATELINE.match(s)
        if m:
            mon, d = (m.group("mon"), m.group("d")) if m.group("mon") else (m.group("mon2"), m.group("d2"))
            day = _with_year(_month(mon), int(d), None, dateline_years)
            if day:
                return day, "text:dateline+year"
    # the article's own days: weekday dates of the latest year it names, not after its latest written date
    latest = max(years)
    wd = [d for d in wd if d.year >= latest - 1]
    if body_dates:
        wd = [d for d in wd if d <= max(body_dates) + dt.timedelta(days=3)]
    if wd:
        return max(wd), "text:weekday+date"
    return None


def trusted(day: dt.date, body_dates: list[dt.date]) -> bool:
    """False for a stamp years after everything the article talks about (a site's page stamp)."""
    if not body_dates:
        return True
    return day.year - max(d.year for d in body_dates) < TRUST_GAP_YEARS


def header_date(s: str, order: str | None = None) -> tuple[dt.date, str] | None:
    """(date, role) of a header line that is a date stamp ("Published: March 3, 2024", "KYIV, March 3, 2024")."""
    found = stamp_date(s, order)
    if not found:
        return None
    day, start, end = found
    if header_match("date-label", s):
        return day, label_role(s)
    rest = (s[:start] + s[end:]).strip(" .,|:-–—")
    # a bare date (maybe with a weekday or a time)
    rest = re.sub(rf"\b(?:{_WD})\b|\b\d{{1,2}}[:.]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?|\b[A-Z]{{2,4}}T?\b", "", rest, flags=re.I)
    rest = rest.strip(" .,|:-–—")
    if not rest:
        return day, "published"
    # a wire dateline: an upper-case place before the date ("KYIV, March 3, 2024")
    if re.fullmatch(r"[A-Z][A-Z.'\- ]{1,40}(?:\s*\([A-Za-z]{2,12}\))?", rest) and len(rest.split()) <= 4:
        return day, "published"
    return None


def date_prefix(s: str) -> tuple[dt.date, str, int] | None:
    """(date, role, end) of a date stamp that opens a paragraph of prose ("Published 2024-03-03 The minister said ...")."""
    m = header_match("date-label", s)
    start = m.end() if m else 0
    found = find_date(s[start:start + 40])
    if not found or found[1] > 3:
        return None
    end = start + found[2]
    if len(s[end:].split()) < 6:
        return None
    return found[0], label_role(s) if m else "published", end

"""Normalise time expressions to dates or date ranges.

Rules, not a model: absolute expressions ("January 29, 2019", "in April 2019",
"since 1982", "late May 2018") always resolve; expressions that need an anchor
("on Tuesday", "last week", "three weeks ago", "late May", "on June 12")
resolve against the document's publication date and stay unresolved (``None``)
when the document is undated.  Month and weekday names come from ``lexicon/en/calendar.json``,
ordinal suffixes from ``ordinal_suffixes.txt``, the other words (number words, "early"/"end of",
relative expressions) from ``dates.json``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from brief.lexicon import alternation, data

_LEX = data("dates")
_CALENDAR = data("calendar")  # month and weekday names, not the locale's
MONTHS = {name: i for i, names in enumerate(_CALENDAR["months"], start=1) for name in names}
WEEKDAYS = {name: i for i, names in enumerate(_CALENDAR["weekdays"]) for name in names}
NUMBER_WORDS: dict[str, int] = _LEX["number_words"]
PARTS: dict[str, str] = _LEX["parts"]  # "end of" -> "late": which third of a month or year
RELATIVE: dict[str, str] = _LEX["relative"]  # "last week" -> the rule that reads it (see _RULES)
SPAN_DAYS: dict[str, int] = _LEX["span_days"]


def _alt(words, *, longest_first: bool = False) -> str:
    """A regex alternation of ``words`` (in order, or longest first so a name wins over its abbreviation)."""
    ws = sorted(words, key=len, reverse=True) if longest_first else list(words)
    return "(?:" + "|".join(re.escape(w).replace("\\ ", " ") for w in ws) + ")"


_MONTH_RE = "(" + _alt(MONTHS, longest_first=True) + r")\.?"
_DAY_RE = r"(\d{1,2})" + alternation("ordinal_suffixes") + "?"
_YEAR_RE = r"((?:1[89]|20)\d\d)"
_WEEKDAY_RE = "(" + _alt(names[0] for names in _CALENDAR["weekdays"]) + ")"
_PART_RE = "(" + _alt(PARTS) + ")"
_NUM_RE = r"(\d+|" + _alt(NUMBER_WORDS)[3:-1] + ")"
_UNIT_RE = "(" + _alt(SPAN_DAYS) + ")"
_TOD_RE = r"(?:\s+" + _alt(_LEX["times_of_day"]) + ")?"
_LEAD = re.compile("^" + _alt(_LEX["lead_words"]) + r"\s+")
_WEEKDAY_DATE = re.compile("(?:" + _alt(_LEX["weekday_parts"]) + r"[\s-]+)?" + _WEEKDAY_RE + _TOD_RE + r",?\s+"
                           r"(?:(?:on|the)\s+)?(.*\d.*)")
_YEAR_NOUN = re.compile(_alt(_LEX["year_nouns"]))
_AGO = re.compile(r"(?:" + _alt(_LEX["approximately"]) + r"\s+)?" + _NUM_RE + r"\s+" + _UNIT_RE + r"s?\s+("
                  + _alt(_LEX["ago_words"]) + ")")
_PAST_SPAN = re.compile(r"(?:the\s+)?(?:past|last)\s+" + _NUM_RE + r"\s+" + _UNIT_RE + "s?")
_WEEKDAY = re.compile("(?:(" + _alt(_LEX["weekday_modifiers"]) + r")\s+)?" + _WEEKDAY_RE + _TOD_RE)
_MONTH = re.compile("(?:(" + _alt(_LEX["month_modifiers"]) + r")[\s-]+)?" + _MONTH_RE)


@dataclass(frozen=True)
class DateValue:
    start: dt.date | None
    end: dt.date | None  # None for a single day
    text: str

    @property
    def resolved(self) -> bool:
        return self.start is not None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_range(year: int, month: int, part: str | None = None) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, month)[1]
    third = _third(part)
    if third == "early":
        return dt.date(year, month, 1), dt.date(year, month, 10)
    if third == "mid":
        return dt.date(year, month, 11), dt.date(year, month, 20)
    if third == "late":
        return dt.date(year, month, 20), dt.date(year, month, last)
    return dt.date(year, month, 1), dt.date(year, month, last)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _past_month(month: int, ref: dt.date, *, strictly_before: bool = False) -> int:
    """Year of the most recent ``month`` at or before ``ref``'s month."""
    if month < ref.month or (month == ref.month and not strictly_before):
        return ref.year
    return ref.year - 1


def _nearest_month(month: int, ref: dt.date) -> int:
    """Year of the occurrence of ``month`` nearest to ``ref`` (news looks back more than ahead)."""
    back = (ref.month - month) % 12  # months since the last occurrence
    ahead = (month - ref.month) % 12
    if back == 0:
        return ref.year
    if ahead <= 3 and ahead < back:
        return ref.year if month > ref.month else ref.year + 1
    return ref.year if month <= ref.month else ref.year - 1


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)


def _third(part: str | None) -> str | None:
    return PARTS.get(part) if part else None


def _read_weekday_date(t: str) -> tuple[str, int | None]:
    """ "Saturday, April 12" / "Monday 14 April": the weekday only confirms the month-day."""
    wm = _WEEKDAY_DATE.fullmatch(t)
    if wm and re.search(_MONTH_RE, wm.group(2)):
        return wm.group(2).strip(" ,"), WEEKDAYS[wm.group(1)]
    return t, None


def _year_range(y: int, part: str | None, decade: bool) -> tuple[dt.date, dt.date]:
    if decade:
        return dt.date(y, 1, 1), dt.date(y + 9, 12, 31)
    third = _third(part)
    if third == "early":
        return dt.date(y, 1, 1), dt.date(y, 4, 30)
    if third == "mid":
        return dt.date(y, 5, 1), dt.date(y, 8, 31)
    if third == "late":
        return dt.date(y, 9, 1), dt.date(y, 12, 31)
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _absolute(t: str) -> tuple | None:
    """(start, end) of an expression that needs no anchor, or None when ``t`` is not one."""
    m = re.search(_MONTH_RE + r"\s+" + _DAY_RE + r",?\s+" + _YEAR_RE, t)
    if m:
        return _safe_date(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2))), None
    m = re.search(_DAY_RE + r"\s+(?:of\s+)?" + _MONTH_RE + r",?\s+" + _YEAR_RE, t)
    if m:
        return _safe_date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1))), None
    # (early|late) Month YYYY / Month YYYY
    m = re.search(r"(?:" + _PART_RE + r"[\s-]+)?" + _MONTH_RE + r",?\s+(?:of\s+)?" + _YEAR_RE, t)
    if m:
        return _month_range(int(m.group(3)), MONTHS[m.group(2)], m.group(1))
    # (early|late) YYYY / YYYY
    m = re.fullmatch(r"(?:" + _PART_RE + r"[\s-]+)?(?:the\s+)?(?:year\s+)?" + _YEAR_RE + r"s?", t)
    if m:
        return _year_range(int(m.group(2)), m.group(1), t.endswith("s"))
    m = re.search(r"\b" + _YEAR_RE + r"\b", t)
    if m and not re.search(_MONTH_RE + r"\b", t) and _YEAR_NOUN.search(t):
        y = int(m.group(1))
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    return None


def _week_of(ref: dt.date, weeks: int) -> tuple[dt.date, dt.date]:
    start = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(days=7 * weeks)
    return start, start + dt.timedelta(days=6)


def _last_weekend(ref: dt.date) -> tuple[dt.date, dt.date]:
    sat = ref - dt.timedelta(days=(ref.weekday() - 5) % 7 or 7)
    if sat + dt.timedelta(days=1) >= ref:
        sat -= dt.timedelta(days=7)
    return sat, sat + dt.timedelta(days=1)


def _shift_month(ref: dt.date, n: int) -> tuple[dt.date, dt.date]:
    y, mth = ref.year, ref.month + n
    while mth <= 0:
        mth += 12
        y -= 1
    while mth > 12:
        mth -= 12
        y += 1
    return _month_range(y, mth)


_RULES = {
    "today": lambda ref: (ref, None),
    "yesterday": lambda ref: (ref - dt.timedelta(days=1), None),
    "tomorrow": lambda ref: (ref + dt.timedelta(days=1), None),
    "this_week": lambda ref: (ref - dt.timedelta(days=ref.weekday()), ref),
    "last_week": lambda ref: _week_of(ref, -1),
    "next_week": lambda ref: _week_of(ref, 1),
    "month_start": lambda ref: (ref.replace(day=1), None),
    "month_end": lambda ref: (_month_end(ref.year, ref.month), None),
    "year_start": lambda ref: (dt.date(ref.year, 1, 1), None),
    "this_weekend": lambda ref: (lambda sat: (sat, sat + dt.timedelta(days=1)))(ref - dt.timedelta(days=(ref.weekday() - 5) % 7)),
    "last_weekend": _last_weekend,
    "this_month": lambda ref: (ref.replace(day=1), ref),
    "last_month": lambda ref: _shift_month(ref, -1),
    "next_month": lambda ref: _shift_month(ref, 1),
    "this_year": lambda ref: (dt.date(ref.year, 1, 1), ref),
    "last_year": lambda ref: (dt.date(ref.year - 1, 1, 1), dt.date(ref.year - 1, 12, 31)),
    "next_year": lambda ref: (dt.date(ref.year + 1, 1, 1), dt.date(ref.year + 1, 12, 31)),
    "recent_weeks": lambda ref: (ref - dt.timedelta(days=28), ref),
    "recent_days": lambda ref: (ref - dt.timedelta(days=7), ref),
}


def _offset(t: str, ref: dt.date) -> tuple | None:
    """ "three weeks ago", "the past two days"."""
    m = _AGO.fullmatch(t)
    if m:
        n, unit = _number(m.group(1)), m.group(2)
        if unit == "day":
            return ref - dt.timedelta(days=n), None
        if unit == "week":
            d = ref - dt.timedelta(weeks=n)
            return d - dt.timedelta(days=d.weekday()), d - dt.timedelta(days=d.weekday()) + dt.timedelta(days=6)
        if unit == "month":
            return _shift_month(ref, -n)
        return dt.date(ref.year - n, 1, 1), dt.date(ref.year - n, 12, 31)
    m = _PAST_SPAN.fullmatch(t)
    if m:
        days = SPAN_DAYS[m.group(2)] * _number(m.group(1))
        return ref - dt.timedelta(days=days), ref
    return None


def _weekday(t: str, ref: dt.date, future: bool) -> tuple | None:
    """ "Tuesday", "last Wednesday", "Friday evening", "late Friday"."""
    m = _WEEKDAY.fullmatch(t)
    if not m:
        return None
    wd = WEEKDAYS[m.group(2)]
    if m.group(1) == "next":
        return ref + dt.timedelta(days=(wd - ref.weekday()) % 7 or 7), None
    if future and m.group(1) != "last":
        # looking ahead from the day of publication: "will meet on Monday" in a Monday paper is that day
        return ref + dt.timedelta(days=(wd - ref.weekday()) % 7), None
    delta = (ref.weekday() - wd) % 7
    if m.group(1) == "last" and delta == 0:
        delta = 7
    return ref - dt.timedelta(days=delta), None


def _month(t: str, ref: dt.date, future: bool, named_weekday: int | None) -> tuple | None:
    """ "(early|late) May", "May", "last September", "June 12", "12 June"."""
    m = _MONTH.fullmatch(t)
    if m:
        month, part = MONTHS[m.group(2)], m.group(1)
        if part == "next":
            return _month_range(ref.year if month > ref.month else ref.year + 1, month)
        if part == "last":
            y = _past_month(month, ref, strictly_before=True)
        elif future and month != ref.month:
            y = ref.year if month > ref.month else ref.year + 1
        else:
            y = _nearest_month(month, ref)
        return _month_range(y, month, part if part not in ("last", "this") else None)
    m = re.fullmatch(_MONTH_RE + r"\s+" + _DAY_RE, t) or re.fullmatch(_DAY_RE + r"\s+(?:of\s+)?" + _MONTH_RE, t)
    if not m:
        return None
    if m.group(1).isdigit():
        day, month = int(m.group(1)), MONTHS[m.group(2)]
    else:
        month, day = MONTHS[m.group(1)], int(m.group(2))
    y = _nearest_month(month, ref)
    if named_weekday is not None:
        # the weekday settles the year when the month-day falls on it in a neighbouring year only
        fits = [yy for yy in (y, y - 1, y + 1) if (d := _safe_date(yy, month, day)) and d.weekday() == named_weekday]
        if fits:
            y = fits[0]
    return _safe_date(y, month, day), None


def normalize_date(text: str, published: dt.date | None, *, future: bool = False) -> DateValue:
    """Return the date (or range) ``text`` denotes; ``start`` is None when it cannot be resolved.

    ``future``: the clause looks ahead ("is expected in Verest on Tuesday", "will meet on
    Friday"), so a bare weekday or month means the next one, not the last one.
    """
    raw = " ".join(text.split())

    def out(start: dt.date | None, end: dt.date | None = None) -> DateValue:
        return DateValue(start, None if end == start else end, raw)

    t = raw.lower().strip(" ,.;:()")
    t = _LEAD.sub("", t)
    t = re.sub(r"^the\s+", "", t).replace("’", "'")
    t, named_weekday = _read_weekday_date(t)
    m = re.search(r"since\s+(?:the\s+)?" + _YEAR_RE + r"\b", t)
    if m and not re.search(_MONTH_RE + r"\s", t):
        return out(dt.date(int(m.group(1)), 1, 1))
    t = re.sub(r"^since\s+", "", t)
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", t)  # ISO date
    if m:
        return out(_safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    found = _absolute(t)
    if found is None and published is not None:  # everything below needs an anchor
        rule = RELATIVE.get(t)
        found = (_RULES[rule](published) if rule else _offset(t, published) or _weekday(t, published, future)
                 or _month(t, published, future, named_weekday))
    return out(*found) if found else out(None)


def weekday_of(text: str | None) -> int | None:
    """The weekday a time expression names ("on Tuesday" -> 1), else None."""
    if not text:
        return None
    m = re.search(r"\b" + _WEEKDAY_RE + r"\b", text.lower())
    return WEEKDAYS[m.group(1)] if m else None


def overlaps(a_start: dt.date, a_end: dt.date | None, b_start: dt.date, b_end: dt.date | None, slack: int = 1) -> bool:
    a_end = a_end or a_start
    b_end = b_end or b_start
    return a_start <= b_end + dt.timedelta(days=slack) and b_start <= a_end + dt.timedelta(days=slack)

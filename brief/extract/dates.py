"""Normalise time expressions to dates or date ranges.

Rules, not a model: absolute expressions ("January 29, 2019", "in April 2019",
"since 1982", "late May 2018") always resolve; expressions that need an anchor
("on Tuesday", "last week", "three weeks ago", "late May", "on June 12")
resolve against the document's publication date and stay unresolved (``None``)
when the document is undated.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name.lower()[:3]: i for i, name in enumerate(calendar.day_name)})

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "a few": 3, "few": 3,
    "couple of": 2, "a couple of": 2,
}

_MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR_RE = r"((?:1[89]|20)\d\d)"
_WEEKDAY_RE = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART_RE = r"(early|mid|middle of|late|end of|beginning of|start of)"
_NUM_RE = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|few|a couple of|couple of)"


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
    if part in ("early", "beginning of", "start of"):
        return dt.date(year, month, 1), dt.date(year, month, 10)
    if part in ("mid", "middle of"):
        return dt.date(year, month, 11), dt.date(year, month, 20)
    if part in ("late", "end of"):
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


def normalize_date(text: str, published: dt.date | None, *, future: bool = False) -> DateValue:
    """Return the date (or range) ``text`` denotes; ``start`` is None when it cannot be resolved.

    ``future``: the clause looks ahead ("is expected in Verest on Tuesday", "will meet on
    Friday"), so a bare weekday or month means the next one, not the last one.
    """
    raw = " ".join(text.split())
    t = raw.lower().strip(" ,.;:()")
    t = re.sub(r"^(on|in|at|by|during|from|as of|until|till|through)\s+", "", t)
    t = re.sub(r"^the\s+", "", t)
    t = t.replace("’", "'")
    # "Saturday, April 12" / "Monday 14 April": the weekday only confirms the month-day
    wm = re.fullmatch(r"(?:(?:early|late|mid)[\s-]+)?" + _WEEKDAY_RE + r"(?:\s+(?:morning|afternoon|evening|night))?,?\s+"
                      r"(?:(?:on|the)\s+)?(.*\d.*)", t)
    named_weekday = None
    if wm and re.search(_MONTH_RE, wm.group(2)):
        named_weekday = WEEKDAYS[wm.group(1)]
        t = wm.group(2).strip(" ,")
    ref = published

    def out(start: dt.date | None, end: dt.date | None = None) -> DateValue:
        if start is not None and end is not None and end == start:
            end = None
        return DateValue(start, end, raw)

    m = re.search(r"since\s+(?:the\s+)?" + _YEAR_RE + r"\b", t)
    if m and not re.search(_MONTH_RE + r"\s", t):
        return out(dt.date(int(m.group(1)), 1, 1))
    t = re.sub(r"^since\s+", "", t)

    # ISO date
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", t)
    if m:
        return out(_safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    # Month D, YYYY  /  D Month YYYY
    m = re.search(_MONTH_RE + r"\s+" + _DAY_RE + r",?\s+" + _YEAR_RE, t)
    if m:
        return out(_safe_date(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2))))
    m = re.search(_DAY_RE + r"\s+(?:of\s+)?" + _MONTH_RE + r",?\s+" + _YEAR_RE, t)
    if m:
        return out(_safe_date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1))))
    # (early|late) Month YYYY / Month YYYY
    m = re.search(r"(?:" + _PART_RE + r"[\s-]+)?" + _MONTH_RE + r",?\s+(?:of\s+)?" + _YEAR_RE, t)
    if m:
        return out(*_month_range(int(m.group(3)), MONTHS[m.group(2)], m.group(1)))
    # (early|late) YYYY / YYYY
    m = re.fullmatch(r"(?:" + _PART_RE + r"[\s-]+)?(?:the\s+)?(?:year\s+)?" + _YEAR_RE + r"s?", t)
    if m:
        y = int(m.group(2))
        if t.endswith("s"):
            return out(dt.date(y, 1, 1), dt.date(y + 9, 12, 31))
        part = m.group(1)
        if part in ("early", "beginning of", "start of"):
            return out(dt.date(y, 1, 1), dt.date(y, 4, 30))
        if part in ("mid", "middle of"):
            return out(dt.date(y, 5, 1), dt.date(y, 8, 31))
        if part in ("late", "end of"):
            return out(dt.date(y, 9, 1), dt.date(y, 12, 31))
        return out(dt.date(y, 1, 1), dt.date(y, 12, 31))
    m = re.search(r"\b" + _YEAR_RE + r"\b", t)
    if m and not re.search(_MONTH_RE + r"\b", t) and re.search(r"(election|war|battle|summit|games|olympics|year|census)", t):
        y = int(m.group(1))
        return out(dt.date(y, 1, 1), dt.date(y, 12, 31))

    # ---- everything below needs an anchor ---------------------------------
    if ref is None:
        return out(None)

    if t in ("today", "this morning", "this afternoon", "this evening", "tonight", "earlier today", "now"):
        return out(ref)
    if t in ("yesterday", "last night", "yesterday morning", "yesterday afternoon", "yesterday evening"):
        return out(ref - dt.timedelta(days=1))
    if t == "tomorrow":
        return out(ref + dt.timedelta(days=1))
    if t in ("this week", "earlier this week", "the week", "week"):
        return out(ref - dt.timedelta(days=ref.weekday()), ref)
    if t in ("last week", "past week", "previous week", "the previous week"):
        start = ref - dt.timedelta(days=ref.weekday() + 7)
        return out(start, start + dt.timedelta(days=6))
    if t in ("next week", "the coming week", "coming week"):
        start = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(days=7)
        return out(start, start + dt.timedelta(days=6))
    if re.fullmatch(r"(?:the\s+)?(?:start|beginning)\s+of\s+(?:the|this)\s+month", t):
        return out(ref.replace(day=1))
    if re.fullmatch(r"(?:the\s+)?end\s+of\s+(?:the|this)\s+month", t):
        return out(_month_end(ref.year, ref.month))
    if re.fullmatch(r"(?:the\s+)?(?:start|beginning)\s+of\s+(?:the|this)\s+year", t):
        return out(dt.date(ref.year, 1, 1))
    if t in ("this weekend", "the weekend", "weekend"):
        sat = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
        return out(sat, sat + dt.timedelta(days=1))
    if t in ("last weekend", "past weekend"):
        sat = ref - dt.timedelta(days=(ref.weekday() - 5) % 7 or 7)
        if sat + dt.timedelta(days=1) >= ref:
            sat -= dt.timedelta(days=7)
        return out(sat, sat + dt.timedelta(days=1))
    if t in ("this month", "earlier this month", "the month"):
        return out(ref.replace(day=1), ref)
    if t in ("last month", "past month", "previous month", "the previous month"):
        y, mth = (ref.year, ref.month - 1) if ref.month > 1 else (ref.year - 1, 12)
        return out(*_month_range(y, mth))
    if t in ("next month", "the coming month"):
        y, mth = (ref.year, ref.month + 1) if ref.month < 12 else (ref.year + 1, 1)
        return out(*_month_range(y, mth))
    if t in ("this year", "earlier this year", "the year"):
        return out(dt.date(ref.year, 1, 1), ref)
    if t in ("last year", "past year", "previous year", "the previous year"):
        return out(dt.date(ref.year - 1, 1, 1), dt.date(ref.year - 1, 12, 31))
    if t in ("next year",):
        return out(dt.date(ref.year + 1, 1, 1), dt.date(ref.year + 1, 12, 31))
    if t in ("recent weeks", "in recent weeks", "the past few weeks", "past few weeks"):
        return out(ref - dt.timedelta(days=28), ref)
    if t in ("recent days", "the past few days", "past few days"):
        return out(ref - dt.timedelta(days=7), ref)

    m = re.fullmatch(r"(?:some\s+|about\s+|around\s+|nearly\s+)?" + _NUM_RE + r"\s+(day|week|month|year)s?\s+(ago|earlier|before)", t)
    if m:
        n = _number(m.group(1))
        unit = m.group(2)
        if unit == "day":
            return out(ref - dt.timedelta(days=n))
        if unit == "week":
            d = ref - dt.timedelta(weeks=n)
            return out(d - dt.timedelta(days=d.weekday()), d - dt.timedelta(days=d.weekday()) + dt.timedelta(days=6))
        if unit == "month":
            y, mth = ref.year, ref.month - n
            while mth <= 0:
                mth += 12
                y -= 1
            return out(*_month_range(y, mth))
        return out(dt.date(ref.year - n, 1, 1), dt.date(ref.year - n, 12, 31))
    m = re.fullmatch(r"(?:the\s+)?(?:past|last)\s+" + _NUM_RE + r"\s+(day|week|month|year)s?", t)
    if m:
        n = _number(m.group(1))
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[m.group(2)] * n
        return out(ref - dt.timedelta(days=days), ref)

    # weekdays: "Tuesday", "last Wednesday", "Friday evening", "late Friday"
    m = re.fullmatch(r"(?:(last|this|next|early|late|on)\s+)?" + _WEEKDAY_RE + r"(?:\s+(?:morning|afternoon|evening|night))?", t)
    if m:
        wd = WEEKDAYS[m.group(2)]
        if m.group(1) == "next":
            delta = (wd - ref.weekday()) % 7 or 7
            return out(ref + dt.timedelta(days=delta))
        if future and m.group(1) != "last":
            # looking ahead from the day of publication: "will meet on Monday" in a Monday paper is that day
            return out(ref + dt.timedelta(days=(wd - ref.weekday()) % 7))
        delta = (ref.weekday() - wd) % 7
        if m.group(1) == "last" and delta == 0:
            delta = 7
        return out(ref - dt.timedelta(days=delta))

    # "(early|late) May", "May", "last September", "June 12", "12 June"
    m = re.fullmatch(r"(?:(last|this|next|early|mid|middle of|late|end of|beginning of|start of)[\s-]+)?" + _MONTH_RE, t)
    if m:
        month = MONTHS[m.group(2)]
        part = m.group(1)
        if part == "next":
            y = ref.year if month > ref.month else ref.year + 1
            return out(*_month_range(y, month))
        if part == "last":
            y = _past_month(month, ref, strictly_before=True)
        elif future and month != ref.month:
            y = ref.year if month > ref.month else ref.year + 1
        else:
            y = _nearest_month(month, ref)
        return out(*_month_range(y, month, part if part not in ("last", "this") else None))
    m = re.fullmatch(_MONTH_RE + r"\s+" + _DAY_RE, t) or re.fullmatch(_DAY_RE + r"\s+(?:of\s+)?" + _MONTH_RE, t)
    if m:
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
        return out(_safe_date(y, month, day))
    return out(None)


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

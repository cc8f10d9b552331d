"""Metadata recovered from the text itself: bylines, outlets, publication dates."""

from __future__ import annotations

import re

from brief.clean.rules import AGENCY_LEAD, AGENCY_LINE, BYLINE, DATE_LABEL, looks_like_name
from brief.ingest.dates import find_date

# words that make the part after a byline's comma an outlet rather than a co-author
OUTLET_WORDS = re.compile(
    r"\b(?:news|times|post|press|agency|journal|herald|tribune|daily|wire|network|media|tv|radio|service|gazette|"
    r"magazine|observer|telegraph|guardian|independent|monitor|chronicle|review|weekly|online|today|report|"
    r"broadcasting|channel|insider|dispatch|courier|star|sun|mail|express|world|international|global|reuters|"
    r"associated press|bbc|cnn|afp)\b|\.(?:com|org|net|co|io|news)\b", re.I)
ROLE_WORDS = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|contributor|columnist|bureau|desk|team|analyst|"
    r"senior|chief|political|diplomatic|military|defen[cs]e|foreign|affairs)\b", re.I)
NEWSLETTER_OUTLET = re.compile(
    r"^(?:subscribe|sign up|register)\s+(?:to|for)\s+(?P<name>.{2,60}?)(?:'s|’s)?\s+(?:daily\s+|weekly\s+|free\s+)?"
    r"(?:newsletters?|e-?mails?|updates|alerts)\b", re.I)
GENERIC_NAMES = {"our", "my", "your", "this", "the", "daily", "weekly", "free", "email", "breaking", "news", "latest"}


def parse_byline(rest: str) -> tuple[list[str], str | None]:
    """(author names, outlet) of the part after "By"."""
    rest = re.sub(r"\s+", " ", rest).strip().rstrip(".")
    outlet = None
    date = find_date(rest)
    if date:  # "By X | March 3, 2024": the date is handled by the caller
        rest = (rest[: date[1]] + rest[date[2]:]).strip(" |,-–—")
    parts = [p.strip() for p in re.split(r"\s*[|•·]\s*|\s+[-–—]\s+", rest) if p.strip()]
    head = parts[0] if parts else ""
    for extra in parts[1:]:
        if outlet is None and not ROLE_WORDS.search(extra) and re.match(r"[A-Z0-9]", extra):
            outlet = extra
    pieces = [p.strip() for p in head.split(",") if p.strip()]
    names: list[str] = []
    for i, piece in enumerate(pieces):
        if i and OUTLET_WORDS.search(piece):
            outlet = outlet or piece
            continue
        if i and ROLE_WORDS.search(piece):
            continue
        for name in re.split(r"\s+(?:and|&)\s+", piece):
            name = name.strip()
            if name and len(name.split()) <= 5 and re.match(r"[A-Z]", name):
                names.append(name)
    # "By Jane Doe, Reuters": a single capitalised word after the comma that is not a name
    if outlet is None and len(names) >= 2 and len(names[-1].split()) == 1:
        outlet = names.pop()
    return names, outlet


def byline_line(s: str) -> tuple[list[str], str | None] | None:
    m = BYLINE.match(s)
    if not m or len(s.split()) > 20:
        return None
    names, outlet = parse_byline(m.group("rest"))
    if not names:
        return None
    return names, outlet


def agency_tag(s: str, *, lead: bool) -> str | None:
    """The agency of a standalone tag line "(AP)", or of a lead "CITY (AP) —" when ``lead``."""
    m = AGENCY_LINE.match(s.strip())
    if m:
        return m.group("tag")
    if lead:
        m = AGENCY_LEAD.match(s.strip())
        if m:
            return m.group("tag")
    return None


def newsletter_outlet(s: str) -> str | None:
    """The outlet of "Subscribe to The X Newsletter" (not of "our newsletter")."""
    m = NEWSLETTER_OUTLET.match(s.strip())
    if not m:
        return None
    name = m.group("name").strip()
    ws = name.split()
    if not ws or all(w.lower() in GENERIC_NAMES for w in ws):
        return None
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in {"of", "and", "&", "the", "for", "on"} for w in ws):
        return None
    return name


def header_date(s: str):  # -> tuple[date, str] | None
    """A publication date stated by a header line ("Published: March 3, 2024", a bare date line)."""
    found = find_date(s)
    if not found:
        return None
    day, start, end = found
    rest = (s[:start] + s[end:]).strip(" .,|:-–—")
    if DATE_LABEL.match(s):
        if s.lower().lstrip().startswith(("updated", "last updated", "modified")):
            return day, "text:updated-line"
        return day, "text:dateline"
    # a bare date (maybe with a weekday or a time)
    rest = re.sub(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?|\b(?:utc|gmt|[A-Z]{2,4}T)\b",
                  "", rest, flags=re.I).strip(" .,|:-–—")
    if not rest:
        return day, "text:dateline"
    # a wire dateline: an upper-case place before the date ("KYIV, March 3, 2024")
    if re.fullmatch(r"[A-Z][A-Z.'\- ]{1,40}(?:\s*\([A-Za-z]{2,12}\))?", rest) and len(rest.split()) <= 4:
        return day, "text:dateline"
    return None

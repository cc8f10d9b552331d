"""Metadata recovered from the text itself: bylines and outlets.

Outlet cues, strongest first: a byline's outlet ("By Jane Doe, Global Wire"), a wire tag
("(AP)", "CITY (Reuters) -", "— AFP"), a "Source: X" line, an "<Outlet> Report"/"Staff"
line, a newsletter prompt naming the outlet, and last the domain of the page's URL.
The cue patterns live in ``brief/lexicon/en/outlet_cues.tsv`` and ``header.tsv``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from brief.clean.rules import header_match
from brief.ingest.dates import find_date
from brief.lexicon import patterns, words

OUTLET_WORDS = words("outlet_words")
ROLE_WORDS = words("role_words")
GENERIC_NAMES = words("generic_names")
_CUES: dict[str, list[re.Pattern[str]]] = {}
for _kind, _rx in patterns("outlet_cues"):
    _CUES.setdefault(_kind, []).append(_rx)
_LINK_WORDS = words("name_link_words")


def _cue(kind: str, s: str) -> str | None:
    for rx in _CUES.get(kind, []):
        m = rx.search(s)
        if m:
            return m.group("name").strip()
    return None


def _has_word(text: str, vocab: frozenset[str]) -> bool:
    low = text.lower()
    if re.search(r"\b[a-z0-9-]+\.[a-z]{2,6}\b", low):
        return vocab is OUTLET_WORDS
    return any(w in vocab for w in re.findall(r"[a-z]+", low))


def has_outlet_word(name: str) -> bool:
    return _has_word(name, OUTLET_WORDS)


def is_name_like(name: str) -> bool:
    """Capitalised words (an organisation's or a person's name), not a phrase of prose."""
    ws = name.split()
    return 0 < len(ws) <= 6 and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _LINK_WORDS for w in ws)


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
        if outlet is None and not _has_word(extra, ROLE_WORDS) and re.match(r"[A-Z0-9]", extra):
            outlet = extra
    pieces = [p.strip() for p in head.split(",") if p.strip()]
    names: list[str] = []
    for i, piece in enumerate(pieces):
        if i and _has_word(piece, OUTLET_WORDS):
            outlet = outlet or piece
            continue
        if i and _has_word(piece, ROLE_WORDS):
            continue
        for name in re.split(r"\s+(?:and|&)\s+", piece):
            name = name.strip()
            if not name or len(name.split()) > 5 or not re.match(r"[A-Z]", name):
                continue
            org = _organisation(name)
            if org:  # "By Reuters Staff", "By The Associated Press", "By AFP": an outlet, not an author
                outlet = outlet or org
            else:
                names.append(name)
    # "By Jane Doe, Reuters": a single capitalised word after the comma that is not a name
    if outlet is None and len(names) >= 2 and len(names[-1].split()) == 1:
        outlet = names.pop()
    return names, outlet


def _organisation(name: str) -> str | None:
    """The outlet a byline name stands for, when it is one: an acronym, a name with an outlet word, "X Staff"."""
    ws = name.split()
    if len(ws) == 1 and re.fullmatch(r"[A-Z]{2,6}", name):
        return name
    if len(ws) >= 2 and ws[-1].lower() in ROLE_WORDS and is_name_like(name):
        return " ".join(ws[:-1])
    if has_outlet_word(name) and is_name_like(name):
        return name
    return None


def byline_line(s: str) -> tuple[list[str], str | None] | None:
    m = header_match("byline", s)
    if not m or len(s.split()) > 20:
        return None
    names, outlet = parse_byline(m.group("rest"))
    if not names and not outlet:
        return None
    return names, outlet


def agency_tag(s: str, *, lead: bool) -> str | None:
    """The agency of a standalone tag line "(AP)", or of a lead "CITY (AP) —" when ``lead``."""
    s = s.strip()
    name = _cue("agency-line", s)
    if name or not lead:
        return name
    return _cue("agency-lead", s)


def signoff_outlet(s: str) -> str | None:
    """The agency of a closing "... the ministry said. — Reuters" / "(AFP)" at the end of a paragraph."""
    s = s.strip()
    if len(s.split()) < 4:
        return None
    m = re.search(r"[.!?”\"]\s*[(\[]\s*(?P<name>[A-Z][A-Za-z&.]{1,7})\s*[)\]]\s*$", s)
    if m and m.group("name").isupper():
        return m.group("name")
    name = _cue("agency-end", s)
    if name and (name.isupper() or is_name_like(name)) and len(name.split()) <= 3:
        return name
    return None


def source_outlet(s: str) -> str | None:
    """The outlet of a "Source: X" line."""
    m = header_match("source-line", s.strip())
    if not m:
        return None
    name = m.group("name").strip(" .")
    return name if is_name_like(name) and len(name.split()) <= 5 else None


def report_outlet(s: str) -> str | None:
    """The outlet of an "X Report" / "X Staff" line."""
    name = _cue("outlet-report", s.strip())
    if not name or name.lower() in GENERIC_NAMES:
        return None
    return name


def newsletter_outlet(s: str) -> str | None:
    """The outlet of "Subscribe to The X Newsletter" (not of "our newsletter")."""
    name = _cue("newsletter", s.strip())
    if not name:
        return None
    ws = name.split()
    if not ws or all(w.lower() in GENERIC_NAMES for w in ws):
        return None
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _LINK_WORDS for w in ws):
        return None
    return name


def url_outlet(url: str | None) -> str | None:
    """The site of a page's URL ("www.example-news.com/..." -> "example-news.com")."""
    if not url or "://" not in url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    host = re.sub(r"^www\d?\.", "", host)
    if "." not in host or re.fullmatch(r"[\d.:]+", host):
        return None
    return host

"""Timeline rows of a theme: what happened, when, in a sentence a reader can follow.

Rows are computed once here (summarize stage), stored on ``Theme.timeline`` and shown
as they are by every renderer and written to the JSON.

* the theme's events are taken most salient first; events told by the same source
  sentence share one row (its ``event_ids``), so no sentence is shown twice;
* the row's text is the source sentence, lightly compressed; a long sentence is
  trimmed to the clause of the event's verb (its subtree in the parse) when that
  clause has a subject and reads on its own;
* the row's date is the event's resolved date (or range); without one, the day the
  earliest source reported it, printed "by <day>"; rows are in date order.
"""

from __future__ import annotations

import datetime as dt
import re

from brief.lexicon import data as lexicon_data, pattern
from brief.model import Citation, Document, Event, Theme, TimelineEntry
from brief.summarize.extractive import _BOILERPLATE, _CAPTION, _TITLE_ABBREV, compress, continues_previous

MAX_ROWS = 12  # rows per theme; the rest are counted in a note and stay in the JSON's events
LONG = 32  # words: a sentence longer than this is trimmed to the event's clause
MIN_CLAUSE = 6
# the tail of a reported-speech sentence split after its verb ("That the army will return ...")
_LEAD_THAT = pattern("clause_leads", "that-lead")
_MONTHS = [(names[1] if len(names) > 1 else names[0]).capitalize() for names in lexicon_data("calendar")["months"]]  # "Jan" .. "Dec"


def fmt_date(d: dt.date | None) -> str:
    if d is None:
        return "undated"
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def fmt_range(start: dt.date | None, end: dt.date | None) -> str:
    """``12–19 Sep 2019``, ``28 May – 2 Jun 2020``, ``30 Dec 2019 – 2 Jan 2020``."""
    if start is None and end is None:
        return "undated"
    if start is None or end is None or start == end:
        return fmt_date(start or end)
    if start > end:
        start, end = end, start
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{fmt_date(end)}"
    if start.year == end.year:
        return f"{start.day} {_MONTHS[start.month - 1]} – {fmt_date(end)}"
    return f"{fmt_date(start)} – {fmt_date(end)}"


def _event_order(event_id: str) -> tuple[int, str]:
    digits = "".join(ch for ch in event_id if ch.isdigit())
    return (int(digits) if digits else 0, event_id)


def _sentence(docs: dict[str, Document], c: Citation) -> str:
    d = docs.get(c.doc_id)
    if d is None or not 0 <= c.sentence < len(d.sentences):
        return ""
    return d.sentences[c.sentence].text


def reported(e: Event, docs: dict[str, Document]) -> dt.date | None:
    """The earliest publication day of the documents reporting ``e``."""
    days = [docs[c.doc_id].published for c in e.mentions if c.doc_id in docs and docs[c.doc_id].published]
    return min(days) if days else None


def row_date(e: Event, docs: dict[str, Document]) -> tuple[dt.date | None, dt.date | None, str]:
    """(date, date_end, as printed) of an event's row."""
    if e.date is not None:
        end = e.date_end if e.date_end and e.date_end != e.date else None
        return e.date, end, fmt_range(e.date, end) if end else fmt_date(e.date)
    day = reported(e, docs)
    if day is not None:
        return day, None, f"by {fmt_date(day)}"
    return None, None, "undated"


def _finish(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:-–—")
    if not text:
        return text
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?\"”’')":
        text += "."
    return text


def _clause(text: str, e: Event) -> str | None:
    """The clause of the event's verb in ``text`` (its parse subtree), when it stands on its own."""
    from brief.nlp import get_nlp

    doc = get_nlp()(text)
    action = (e.action or "").lower()
    surface = (e.action_text or "").lower().split()
    verbs = [t for t in doc if t.pos_ in ("VERB", "AUX") and (t.lemma_.lower() == action or t.text.lower() in surface)]
    for v in verbs:
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in v.children):
            continue
        if v.dep_ in ("advcl", "relcl", "acl", "pcomp", "csubj") or any(
            c.dep_ == "mark" and c.lower_ != "that" and c.i < v.i for c in v.children
        ):
            continue  # a subordinate clause ("when the plane was returning ...") does not stand alone
        left, right = v.left_edge.i, v.right_edge.i
        span = doc[left : right + 1]
        words = len(span.text.split())
        if MIN_CLAUSE <= words < len(text.split()):
            out = _LEAD_THAT.sub("", span.text.rstrip(" ,;:.")).strip()
            if out.count("“") != out.count("”") or out.count('"') % 2:
                continue  # a clause cut inside a quotation
            head = v.head
            if v.dep_ == "ccomp" and head.pos_ == "VERB" and head.i < left:
                # reported speech keeps its source: "..., the ministry said"
                subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    who = doc[subj[0].left_edge.i : subj[0].right_edge.i + 1].text
                    if len(who.split()) <= 8:
                        out = f"{out}, {who[0].lower() + who[1:] if who.split()[0].istitle() and who.split()[0].lower() in ('the', 'a', 'an') else who} {head.text}"
            return out
    return None


def row_text(e: Event, docs: dict[str, Document]) -> str:
    """The event as a sentence: its source sentence, trimmed to the event's clause when long."""
    raw = next((s for s in (_sentence(docs, c) for c in e.mentions) if s), "")
    if raw:
        text = _LEAD_THAT.sub("", compress(raw), count=1)
        if len(text.split()) > LONG:
            clause = _clause(text, e)
            if clause and len(clause.split()) <= LONG + 8:
                return _finish(clause)
            words = text.split()
            return " ".join(words[:LONG]).rstrip(",;:") + " …"
        return _finish(text)
    who = ", ".join(a for a in e.actors[:3] if a)
    what = " ".join(x for x in [e.action_text or e.action, ", ".join(e.targets[:3])] if x)
    return _finish(" ".join(x for x in [who, what] if x)) or "—"


def not_news(sentence: str) -> bool:
    """Site chrome or a photo caption the cleaner left: never a timeline row."""
    return bool(_BOILERPLATE.search(sentence) or _CAPTION.search(sentence))


def _fragment(docs: dict[str, Document], c: Citation) -> bool:
    """A piece of a sentence the splitter cut: a quotation left open, a cut after a title ("Maj. Gen. (res.)")."""
    text = _sentence(docs, c).strip()
    d = docs.get(c.doc_id)
    if not text or (d is not None and continues_previous(d, c.sentence)):
        return True
    if text.count("“") != text.count("”") or text.count('"') % 2:
        return True
    return bool(_TITLE_ABBREV.search(text) or re.search(r"\(\w{1,5}\.\)$", text))


def _tags(e: Event) -> list[str]:
    tags = []
    if e.negated:
        tags.append("negated")
    if e.hedged:
        tags.append("unconfirmed")
    if e.modality:
        tags.append(" ".join(e.modality.split()))
    return tags


def theme_timeline(theme: Theme, events: dict[str, Event], docs: dict[str, Document], max_rows: int = MAX_ROWS) -> list[TimelineEntry]:
    """The rows of one theme's timeline, in date order (see the module docstring)."""
    evs = [events[i] for i in theme.event_ids if i in events]
    rows: list[TimelineEntry] = []
    by_sentence: dict[tuple[str, int] | str, TimelineEntry] = {}
    seen_text: set[str] = set()
    for e in sorted(evs, key=lambda e: (-e.salience, _event_order(e.id))):
        first = e.mentions[0] if e.mentions else None
        key = (first.doc_id, first.sentence) if first else e.id
        if key in by_sentence:
            row = by_sentence[key]
            row.event_ids.append(e.id)
            row.citations += [c for c in e.mentions if c not in row.citations]
            continue
        if len(rows) >= max_rows:
            continue
        if first is not None and (not_news(_sentence(docs, first)) or _fragment(docs, first)):
            continue
        text = row_text(e, docs)
        if text.lower() in seen_text:
            continue
        date, end, shown = row_date(e, docs)
        row = TimelineEntry(
            event_ids=[e.id], date=date, date_end=end, date_text=shown, text=text,
            citations=list(dict.fromkeys(e.mentions)), tags=_tags(e), new=e.new, dated=e.date is not None,
        )
        by_sentence[key] = row
        seen_text.add(text.lower())
        rows.append(row)
    rows.sort(key=lambda r: (r.date is None, r.date or dt.date.max, _event_order(r.event_ids[0])))
    return rows


def timelines(themes: list[Theme], events: dict[str, Event], docs: dict[str, Document], max_rows: int = MAX_ROWS) -> None:
    """Fill ``Theme.timeline`` of every theme."""
    for t in themes:
        t.timeline = theme_timeline(t, events, docs, max_rows)


"""The metadata passes of :func:`brief.clean.lines.clean_lines`: outlet cues and the dates the text states."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from brief.clean import dating, meta, rules
from brief.ingest.common import is_chrome_line

if TYPE_CHECKING:
    from brief.clean.lines import State

HEADER_SPAN = 8  # the first lines where bylines, datelines and deks live
SIDEBAR_KINDS = {"related-posts", "timestamp", "duplicate-line", "newsletter", "login-wall", "share", "ad",
                 "consent", "donation", "comments", "teaser", "unrelated-insert", "legal"}


def masthead(st: State) -> None:
    """An outlet's name on its own line next to the byline or date stamp ("Harbour Television" above "Updated ...")."""
    items, kinds = st.items, st.kinds
    for i, (_, s) in enumerate(items[:HEADER_SPAN]):
        if kinds[i] not in (None, "chrome", "subheading") or len(s.split()) > 5 or rules.is_sentence_like(s):
            continue
        near = {kinds[k] for k in (i - 1, i + 1) if 0 <= k < len(items)}
        if near & {"dateline", "byline"} and meta.is_name_like(s) and meta.has_outlet_word(s) \
                and not is_chrome_line(s):  # a section label ("World News") is not a masthead
            kinds[i] = "byline"
            st.outlets.append((2, s, "text:masthead"))
            return



def outlet_cues(st: State) -> None:
    """Wire tags ("(AP)", "CITY (Reuters) -"), "Source: X", "X Report" lines and sign-offs ("— AFP")."""
    items, kinds = st.items, st.kinds
    lead_done = False
    for i, (_, s) in enumerate(items):
        if kinds[i] is None and meta.agency_tag(s, lead=False):
            kinds[i] = "agency-tag"
            st.outlets.append((1, meta.agency_tag(s, lead=False) or "", "text:agency-tag"))
            continue
        if kinds[i] in (None, "caption") and len(s.split()) <= 8:
            name = meta.source_outlet(s)
            # at the top or the foot of the article; after a caption, or among the paragraphs, it credits a picture
            if name and (i == 0 or i >= len(items) - 2) and not (i and kinds[i - 1] == "caption"):
                kinds[i] = "source-line"
                st.outlets.append((1, name, "text:source-line"))
                continue
        if kinds[i] in (None, "subheading", "chrome") and i < HEADER_SPAN + 2:
            name = meta.report_outlet(s)
            if name:
                kinds[i] = "byline"
                st.outlets.append((1, name, "text:report-line"))
                continue
        if kinds[i] is None and not lead_done and rules.is_body(s):
            lead_done = True
            tag = meta.agency_tag(st.text(i), lead=True)
            if tag:
                st.outlets.append((1, tag, "text:agency-tag"))
        if kinds[i] is None and i >= len(items) * 0.5:
            tag = meta.signoff_outlet(s)
            if tag:
                st.outlets.append((2, tag, "text:sign-off"))



def outlets_from_newsletters(st: State) -> None:
    for i, (_, s) in enumerate(st.items):
        if st.kinds[i] == "newsletter":
            name = meta.newsletter_outlet(s)
            if name:
                st.outlets.append((3, name, "text:newsletter"))
        if st.kinds[i] == "contributors":
            m = re.match(r"^(.*?)\s+contributed\b", s)
            if m:
                st.res.contributors.extend(p.strip() for p in re.split(r",\s*|\s+and\s+", m.group(1)) if p.strip())



def dates(st: State) -> None:
    """Every date the text states, with its role; the publication date; an inferred date when none is stated."""
    res, kinds = st.res, st.kinds
    mentions = list(st.stated)
    stated_lines = {m.line for m in st.stated if st.trim.get(m.line) is None}
    for i, (_, s) in enumerate(st.items):
        if i in stated_lines:
            continue
        found = dating.find_date(st.text(i)) if dating.YEAR.search(s) else None
        if not found:
            continue
        k = kinds[i]
        role = "body" if k is None else "photo" if k == "caption" else "sidebar" if k in SIDEBAR_KINDS else None
        if role:
            mentions.append(dating.DateMention(found[0], role, "text", i))
    res.dates = mentions
    kept = [st.text(i) for i in range(len(st.items)) if kinds[i] is None]
    written = [m.day for m in mentions if m.role == "body"]
    body = list(written)
    years = [d.year for d in body] or dating.years_in(kept) or [r.year for _, rs in st.ambiguous for r in rs]
    body += dating.weekday_dates(kept, years)
    for i, readings in st.ambiguous:
        day = dating.settle_order(readings, body)
        if day:
            mentions.append(dating.DateMention(day, dating.label_role(st.items[i][1]), "text:dateline", i))
    for role in ("published", "updated"):
        cand = next((m for m in mentions if m.role == role), None)
        if cand is None:
            continue
        if dating.trusted(cand.day, body):
            res.published, res.published_role = (cand.day, cand.source if role == "published" else "text:updated-line"), role
        else:
            res.untrusted = (cand.day, f"{cand.source}: years after the dates the article reports")
        break
    if res.published is None:
        res.inferred = dating.infer_date(kept, written)

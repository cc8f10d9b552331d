"""Classify every line of one article's text: kept prose, or boilerplate with its reason.

Order of the passes: line patterns (``rules.classify``), repeated lines, the header
(bylines, date stamps, the dek), related-post blocks, wire tags and other outlet cues,
doubtful neighbours of boilerplate blocks, jusText's verdict on lines that are not
prose, the tail (author notes), short non-prose lines, and inserts unrelated to the
story (a teaser headline and its paragraph in the middle of the article).  Then the
dates the text states, each with its role, and the publication or inferred date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from brief.clean import dating, meta, rules, textmeta
from brief.clean.scorer import justext_classes

# kinds that form blocks: a doubtful neighbour of one of these is boilerplate too
BLOCK_KINDS = {"newsletter", "login-wall", "share", "related-posts", "timestamp", "ad", "consent", "donation",
               "comments", "legal"}
HEADER_SPAN = textmeta.HEADER_SPAN
INSERT_OVERLAP = 0.25  # an inserted paragraph shares fewer of its content words with the rest of the article


@dataclass
class CleanResult:
    kept: list[tuple[int, str]] = field(default_factory=list)  # (line, text)
    dropped: list[tuple[int, str, str]] = field(default_factory=list)  # (line, kind, text)
    bylines: list[str] = field(default_factory=list)
    outlet: tuple[str, str] | None = None  # (outlet, provenance)
    published: tuple[dt.date, str] | None = None  # (date, provenance)
    published_role: str | None = None  # published | updated
    dates: list[dating.DateMention] = field(default_factory=list)
    inferred: tuple[dt.date, str] | None = None  # (date, how) when no date is stated
    untrusted: tuple[dt.date, str] | None = None  # a stamp that was not believed, and why
    subtitle: str | None = None
    contributors: list[str] = field(default_factory=list)


class State:
    def __init__(self, text: str):
        self.items = [(n, ln.strip()) for n, ln in enumerate(text.split("\n")) if ln.strip()]
        self.kinds: list[str | None] = [rules.classify(s) for _, s in self.items]
        self.trim: dict[int, int] = {}  # line index -> where its kept text starts (a date stamp cut off)
        self.outlets: list[tuple[int, str, str]] = []  # (priority, outlet, provenance)
        self.stated: list[dating.DateMention] = []  # header dates (published / updated)
        self.ambiguous: list[tuple[int, list[dt.date]]] = []  # header stamps whose day/month order is open
        self.res = CleanResult()

    def text(self, i: int) -> str:
        return self.items[i][1][self.trim.get(i, 0):].strip()

    def free(self, i: int) -> bool:
        return self.kinds[i] is None


def _glued_headline(st: State, title: str | None) -> None:
    """The headline repeated with a picture's alt text or credit glued to it ("Harbour at dawnMinisters meet ...")."""
    head = " ".join((title or "").split()).lower()
    if len(head) < 15:
        return
    for i, (_, s) in enumerate(st.items[:HEADER_SPAN]):
        low = " ".join(s.split()).lower()
        if st.kinds[i] is not None or low == head or head not in low:
            continue
        rest = low.replace(head, " ", 1).strip()
        if 0 < len(rest.split()) <= 8 and not rules.is_sentence_like(rest):
            st.kinds[i] = "caption"


def _repeats(st: State) -> None:
    """Repeated lines: duplicated captions (with or without their credit, or with a credit glued on) and other repeats."""
    items, kinds = st.items, st.kinds
    normed = [rules.norm(s) for _, s in items]
    first_seen: dict[str, int] = {}
    for i, key in enumerate(normed):
        if len(key) < 3:
            continue
        j = first_seen.get(key)
        if j is None:
            for k in range(max(0, i - 3), i):
                a, b = normed[k], key
                if len(b) >= 30 and len(a) >= 30 and (a.startswith(b) or b.startswith(a)) and kinds[k] == "caption":
                    j = k
                    break
                # alt text, then the same text with a credit glued on ("Harbour viewAgency Photo")
                if k == i - 1 and len(a) >= 8 and b.startswith(a) and 0 < len(b) - len(a) <= 30 \
                        and not rules.is_sentence_like(items[i][1]) and len(b[len(a):].split()) <= 3:
                    kinds[i] = "caption"
                    kinds[k] = kinds[k] or "caption"
        if kinds[i] == "caption" and j is None:
            first_seen[key] = i
            continue
        if j is None:
            first_seen[key] = i
            continue
        near = i - j <= 2  # a picture's alt text and its caption stand together; a repeat far away is a copy
        if kinds[j] == "caption" or kinds[i] == "caption" or near and rules.header_match("caption-verb", items[i][1]):
            kinds[i] = "caption"
            if kinds[j] is None and near:
                kinds[j] = "caption"
        elif kinds[i] is None:
            kinds[i] = "duplicate-line"


def header_match_label(s: str) -> bool:
    return rules.header_match("date-label", s) is not None


def _blurbs_at_the_foot(st: State) -> None:
    """An author note is one of the last lines; higher up, the same words are prose about someone."""
    for i in range(len(st.items) - 3):
        if st.kinds[i] == "author-blurb":
            st.kinds[i] = None


def _header(st: State) -> None:
    """Bylines, date stamps, the dek: the first lines before the body starts."""
    items, kinds, res = st.items, st.kinds, st.res
    first_body = next((i for i, (_, s) in enumerate(items) if kinds[i] is None and rules.is_body(s)), len(items))
    for i, (_, s) in enumerate(items[:max(HEADER_SPAN, first_body + 1)]):
        if kinds[i] in ("ad", "chrome") and rules.header_match("date-label", s):  # "Date: ... Advertisement"
            found = dating.stamp_date(s)
            if found:
                st.stated.append(dating.DateMention(found[0], dating.label_role(s), "text:date-label", i))
        if kinds[i] is not None:
            continue
        by = meta.byline_line(s)
        if by:
            kinds[i] = "byline"
            res.bylines.extend(by[0])
            if by[1]:
                st.outlets.append((0, by[1], "text:byline"))
            tail = s[s.find(by[0][-1]) + len(by[0][-1]):] if by[0] else s
            found = dating.stamp_date(tail) if i <= first_body else None
            if found:
                st.stated.append(dating.DateMention(found[0], "published", "text:byline", i))
            continue
        if i <= first_body or i < 3:
            hd = dating.header_date(s)
            if hd and len(s.split()) <= 12:
                kinds[i] = "dateline"
                st.stated.append(dating.DateMention(hd[0], hd[1], "text:dateline", i))
                continue
            if header_match_label(s) and len(s.split()) <= 6 and dating.numeric_readings(s):
                kinds[i] = "dateline"  # "Published 02-07-2018": the order is settled by the article's own dates
                st.ambiguous.append((i, dating.numeric_readings(s)))
                continue
            pre = dating.date_prefix(s) if i <= first_body else None
            if pre:
                st.trim[i] = pre[2]
                st.res.dropped.append((items[i][0], "dateline", s[: pre[2]].strip()))
                st.stated.append(dating.DateMention(pre[0], pre[1], "text:date-label", i))
                continue
        if i < first_body < len(items) and not rules.is_sentence_like(s) and len(s.split()) <= 40 \
                and not rules.looks_like_name(s):
            kinds[i] = "subheadline" if res.subtitle is None else "subheading"
            res.subtitle = res.subtitle or s


def _related_blocks(st: State) -> None:
    """A related-posts heading, then headlines, teasers and timestamps up to the next paragraph of prose."""
    items, kinds = st.items, st.kinds
    i = 0
    while i < len(items):
        if kinds[i] == "related-posts" and _is_related_head(items[i][1]):
            j = i + 1
            while j < len(items):
                s = items[j][1]
                if kinds[j] is None:
                    teaser = rules.TEASER_END.search(s) or not rules.is_sentence_like(s)
                    if not teaser and len(s.split()) >= 8:
                        break
                    kinds[j] = "related-posts"
                elif kinds[j] in ("timestamp", "caption", "duplicate-line"):
                    kinds[j] = "related-posts"
                j += 1
            i = j
        else:
            i += 1


def _is_related_head(s: str) -> bool:
    """A bare heading of a related-posts block ("Related Coverage", "Most read:"), not an inline "Read also: X"."""
    return len(s.split()) <= 8 and not re.search(r"[:|»›>]\s*\S", s)


def _neighbours(st: State) -> None:
    """Doubtful neighbours of boilerplate blocks (walls, banners, share bars, related lists)."""
    items, kinds = st.items, st.kinds
    changed = True
    while changed:
        changed = False
        for i, (_, s) in enumerate(items):
            if kinds[i] is not None:
                continue
            near = [kinds[k] for k in (i - 1, i + 1) if 0 <= k < len(items) and kinds[k] in BLOCK_KINDS]
            if not near:
                continue
            n = len(s.split())
            # a weak cue counts beside boilerplate in a short line, or in a longer one that is not a sentence
            weak = rules.weak_kind(s) if n <= rules.WEAK_MAX_WORDS or n <= rules.BLOCK_WEAK_MAX_WORDS \
                and not rules.is_body(s) else None
            if weak or (n <= 6 and not rules.is_sentence_like(s)):
                kinds[i] = near[0] if near[0] != "timestamp" else "related-posts"
                changed = True


def _tail_and_short(st: State) -> None:
    """Lines jusText finds no prose in, the tail after the last paragraph, short labels and subheadings."""
    items, kinds = st.items, st.kinds
    doubtful = [i for i, (_, s) in enumerate(items)
                if kinds[i] is None and not rules.is_sentence_like(s) and len(s.split()) > 8]
    if doubtful:  # jusText scores the whole page (its verdicts depend on the neighbours)
        classes = justext_classes([s for _, s in items])
        for i in doubtful:
            if classes[i] == "bad":  # short or few function words, and so are its neighbours
                kinds[i] = "boilerplate"
    last_body = max((i for i, (_, s) in enumerate(items) if kinds[i] is None and rules.is_body(s)), default=-1)
    for i in range(last_body + 1, len(items)):
        s = items[i][1]
        if kinds[i] is None:
            if rules.looks_like_name(s):
                kinds[i] = "author-blurb"
            elif len(s.split()) <= 8 and not rules.is_sentence_like(s) and not re.search(r"[\"“”]", s):
                kinds[i] = "chrome"
    for i in range(1, len(items)):  # a bare name right after an end-of-article agency tag
        if kinds[i] is None and kinds[i - 1] == "agency-tag" and rules.looks_like_name(items[i][1]):
            kinds[i] = "author-blurb"
    for i, (_, s) in enumerate(items):
        if kinds[i] is None and not rules.is_sentence_like(s) and len(s.split()) <= 8 and not re.search(r"[\"“”]", s):
            kinds[i] = "subheading" if (s.startswith("#") or len(s.split()) > 3) else "chrome"


def _unrelated_inserts(st: State, title: str | None) -> None:
    """A headline-like line and the paragraph under it that share almost no words with the rest of the article."""
    items, kinds = st.items, st.kinds
    kept = [i for i in range(len(items)) if kinds[i] is None]
    heads = [i for i, (_, s) in enumerate(items) if kinds[i] in (None, "subheading", "boilerplate")
             and not rules.is_sentence_like(s) and len(s.split()) >= 4]
    if len(kept) < 4 or not heads:
        return
    words = {i: rules.content_words(items[i][1]) for i in range(len(items))}
    counts: Counter = Counter()
    for i in kept:
        counts.update(words[i])
    counts.update(rules.content_words(title or ""))

    def overlap(i: int, *also: int) -> float:
        ws = words[i]
        if not ws:
            return 1.0
        return sum(1 for w in ws if counts[w] - sum(w in words[k] for k in (i, *also) if kinds[k] is None) > 0) / len(ws)

    for i in heads:
        j = next((k for k in range(i + 1, len(items)) if kinds[k] is None), None)
        if j is None or j == kept[0] or len(words[j]) < 8 or len(kept) < 5:
            continue
        # a headline and a paragraph of their own: capitalised starts, the headline not a cut sentence
        if not all(re.match(r"[\"“‘'A-Z]", items[k][1]) for k in (i, j)) or items[i][1].endswith((")", ",", "-RRB-")):
            continue
        if overlap(j, i) < INSERT_OVERLAP and overlap(i, j) < INSERT_OVERLAP + 0.1:
            kinds[i] = kinds[j] = "unrelated-insert"


def _late_repeats(st: State) -> None:
    """A kept text that repeats an earlier kept one once a date stamp was cut off its line."""
    seen: set[str] = set()
    for i in range(len(st.items)):
        if st.kinds[i] is None:
            t = st.text(i)
            if t in seen:
                st.kinds[i] = "duplicate-line"
            seen.add(t)


def clean_lines(text: str, *, title: str | None = None) -> CleanResult:
    """Classify every line of ``text``; never raises on any string."""
    st = State(text)
    _blurbs_at_the_foot(st)
    _glued_headline(st, title)
    _repeats(st)
    _header(st)
    textmeta.masthead(st)
    _related_blocks(st)
    textmeta.outlet_cues(st)
    _neighbours(st)
    _tail_and_short(st)
    _unrelated_inserts(st, title)
    textmeta.outlets_from_newsletters(st)
    textmeta.dates(st)
    _late_repeats(st)
    res = st.res
    if st.outlets:
        st.outlets.sort(key=lambda t: t[0])
        res.outlet = (st.outlets[0][1], st.outlets[0][2])
    for i, ((n, s), kind) in enumerate(zip(st.items, st.kinds)):
        if kind is None:
            res.kept.append((n, st.text(i)))
        else:
            res.dropped.append((n, kind, s))
    res.dropped.sort(key=lambda t: t[0])
    return res

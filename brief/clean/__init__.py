"""Clean: strip boilerplate from each document's text, recover metadata, flag duplicates.

``clean_documents(docs, *, config, progress)`` sets on every Document:

* ``body`` -- the kept lines (paragraphs) of ``text``, joined by blank lines; every
  paragraph is a verbatim (stripped) line of ``text``;
* ``dropped`` -- one :class:`Dropped` per removed line with its kind (``caption``,
  ``related-posts``, ``timestamp``, ``newsletter``, ``login-wall``, ``share``, ``chrome``,
  ``filler``, ``author-blurb``, ``contributors``, ``duplicate-line``, ``byline``,
  ``dateline``, ``agency-tag``, ``subheadline``, ``subheading``) and its line in ``text``;
* ``outlet`` / ``byline`` / ``published`` when the text states them and nothing better
  (front matter, page or feed metadata) did, with ``provenance`` saying where from;
* ``duplicate_of`` -- the id of an earlier document with the same (or nearly the same) body.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from brief.clean import rules
from brief.clean.dedup import mark_duplicates
from brief.clean.meta import agency_tag, byline_line, header_date, newsletter_outlet
from brief.config import BriefConfig
from brief.model import Document, Dropped

__all__ = ["clean_documents", "clean_document", "CleanResult", "clean_lines"]

# kinds that form blocks: a doubtful neighbour of one of these is boilerplate too
_BLOCK_KINDS = {"newsletter", "login-wall", "share", "related-posts", "timestamp"}
HEADER_SPAN = 8  # the first lines where bylines, datelines and deks live


@dataclass
class CleanResult:
    kept: list[tuple[int, str]] = field(default_factory=list)  # (line, text)
    dropped: list[tuple[int, str, str]] = field(default_factory=list)  # (line, kind, text)
    bylines: list[str] = field(default_factory=list)
    outlet: tuple[str, str] | None = None  # (outlet, provenance)
    published: tuple[object, str] | None = None  # (date, provenance)
    subtitle: str | None = None
    contributors: list[str] = field(default_factory=list)


def _is_body(s: str) -> bool:
    return rules.is_sentence_like(s) and not rules.TEASER_END.search(s) and len(s.split()) >= 6


def clean_lines(text: str) -> CleanResult:
    """Classify every line of ``text``; never raises on any string."""
    items = [(n, ln.strip()) for n, ln in enumerate(text.split("\n")) if ln.strip()]
    kinds: list[str | None] = [rules.classify(s) for _, s in items]
    res = CleanResult()
    outlets: list[tuple[int, str, str]] = []  # (priority, outlet, provenance)

    # repeated lines: duplicated captions (with or without their credit) and other repeats
    normed = [rules.norm(s) for _, s in items]
    first_seen: dict[str, int] = {}
    for i, key in enumerate(normed):
        if len(key) < 3:
            continue
        j = first_seen.get(key)
        if j is None:
            # a caption repeated without its credit is a prefix of its neighbour
            for k in range(max(0, i - 3), i):
                a, b = normed[k], key
                if len(b) >= 30 and len(a) >= 30 and (a.startswith(b) or b.startswith(a)) and kinds[k] == "caption":
                    j = k
                    break
        if j is None:
            first_seen[key] = i
            continue
        if kinds[j] == "caption" or kinds[i] == "caption" or rules.CAPTION_VERB.search(items[i][1]):
            kinds[i] = "caption"
            if kinds[j] is None:
                kinds[j] = "caption"
        elif kinds[i] is None:
            kinds[i] = "duplicate-line"

    # header: bylines, datelines, agency tags, the dek
    first_body = next((i for i, (_, s) in enumerate(items) if kinds[i] is None and _is_body(s)), len(items))
    for i, (_, s) in enumerate(items[:HEADER_SPAN]):
        if kinds[i] is not None:
            continue
        by = byline_line(s)
        if by:
            kinds[i] = "byline"
            res.bylines.extend(by[0])
            if by[1]:
                outlets.append((0, by[1], "text:byline"))
            hd = header_date(s[s.find(by[0][-1]) + len(by[0][-1]):]) if i <= first_body else None
            if hd and res.published is None:
                res.published = hd
            continue
        if i <= first_body or i < 3:
            hd = header_date(s)
            if hd and len(s.split()) <= 10:
                kinds[i] = "dateline"
                if res.published is None or res.published[1] == "text:updated-line":
                    res.published = hd
                continue
        if i < first_body and not rules.is_sentence_like(s) and len(s.split()) <= 40 and res.subtitle is None \
                and not rules.looks_like_name(s):
            kinds[i] = "subheadline"
            res.subtitle = s

    # related-post blocks: a heading, then headlines, teasers and timestamps
    i = 0
    while i < len(items):
        if kinds[i] == "related-posts" and rules.RELATED_HEAD.match(items[i][1]):
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

    # agency tags: a standalone "(AP)" line, or the lead of the first body paragraph
    lead_done = False
    for i, (_, s) in enumerate(items):
        if kinds[i] is None and agency_tag(s, lead=False):
            kinds[i] = "agency-tag"
            outlets.append((1, agency_tag(s, lead=False) or "", "text:agency-tag"))
        elif kinds[i] is None and not lead_done and _is_body(s):
            lead_done = True
            tag = agency_tag(s, lead=True)
            if tag:
                outlets.append((1, tag, "text:agency-tag"))

    # doubtful neighbours of boilerplate blocks (walls, share bars, related lists)
    changed = True
    while changed:
        changed = False
        for i, (_, s) in enumerate(items):
            if kinds[i] is not None:
                continue
            near = [kinds[k] for k in (i - 1, i + 1) if 0 <= k < len(items) and kinds[k] in _BLOCK_KINDS]
            if not near:
                continue
            n = len(s.split())
            if (n <= 25 and rules.WALL_WEAK.search(s)) or (n <= 6 and not rules.is_sentence_like(s)):
                kinds[i] = near[0] if near[0] != "timestamp" else "related-posts"
                changed = True

    # the tail after the last body paragraph: bare author names, bios
    last_body = max((i for i, (_, s) in enumerate(items) if kinds[i] is None and _is_body(s)), default=-1)
    for i in range(last_body + 1, len(items)):
        s = items[i][1]
        if kinds[i] is None:
            if rules.looks_like_name(s):
                kinds[i] = "author-blurb"
            elif len(s.split()) <= 8 and not rules.is_sentence_like(s) and not re.search(r"[\"“”]", s):
                kinds[i] = "chrome"
    # a bare name right after an end-of-article agency tag
    for i in range(1, len(items)):
        if kinds[i] is None and kinds[i - 1] == "agency-tag" and rules.looks_like_name(items[i][1]):
            kinds[i] = "author-blurb"

    # short lines that are not prose: section labels, subheadings
    for i, (_, s) in enumerate(items):
        if kinds[i] is None and not rules.is_sentence_like(s) and len(s.split()) <= 8 and not re.search(r"[\"“”]", s):
            kinds[i] = "subheading" if (s.startswith("#") or len(s.split()) > 3) else "chrome"

    # outlet named in a newsletter prompt (weakest textual cue)
    for i, (_, s) in enumerate(items):
        if kinds[i] == "newsletter":
            name = newsletter_outlet(s)
            if name:
                outlets.append((2, name, "text:newsletter"))
        if kinds[i] == "contributors":
            m = re.match(r"^(.*?)\s+contributed\b", s)
            if m:
                res.contributors.extend(p.strip() for p in re.split(r",\s*|\s+and\s+", m.group(1)) if p.strip())

    if outlets:
        outlets.sort(key=lambda t: t[0])
        res.outlet = (outlets[0][1], outlets[0][2])
    for (n, s), kind in zip(items, kinds):
        if kind is None:
            res.kept.append((n, s))
        else:
            res.dropped.append((n, kind, s))
    return res


def clean_document(doc: Document) -> Document:
    res = clean_lines(doc.text or "")
    doc.body = "\n\n".join(s for _, s in res.kept)
    doc.dropped = [Dropped(doc.id, kind, s, n) for n, kind, s in res.dropped]
    if res.outlet and not doc.outlet:
        doc.outlet, doc.provenance["outlet"] = res.outlet
    if res.bylines and not doc.byline:
        doc.byline = ", ".join(dict.fromkeys(res.bylines))
        doc.provenance["byline"] = "text:byline"
    if res.published and doc.published is None:
        doc.published, doc.provenance["published"] = res.published  # type: ignore[assignment]
    if res.subtitle:
        doc.meta.setdefault("subtitle", res.subtitle)
    if res.contributors:
        doc.meta.setdefault("contributors", res.contributors)
    doc.meta["kept_lines"] = len(res.kept)
    return doc


def clean_documents(
    docs: list[Document], *, config: BriefConfig, progress: Callable[[str, int, int], None]
) -> list[Document]:
    total = len(docs)
    for i, doc in enumerate(docs):
        if i % 50 == 0:
            progress("clean", i, total)
        clean_document(doc)
    mark_duplicates(docs)
    progress("clean", total, total)
    return docs

"""Clean: strip boilerplate from each document's text.  (Minimal first pass.)"""

from __future__ import annotations

from collections.abc import Callable

from brief.config import BriefConfig
from brief.model import Document, Dropped


def clean_documents(
    docs: list[Document], *, config: BriefConfig, progress: Callable[[str, int, int], None]
) -> list[Document]:
    for doc in docs:
        kept: list[str] = []
        seen: set[str] = set()
        for n, line in enumerate(doc.text.splitlines()):
            s = line.strip()
            if not s:
                continue
            if s in seen:
                doc.dropped.append(Dropped(doc.id, "duplicate-line", s, n))
                continue
            seen.add(s)
            if len(s.split()) < 6 and not s.endswith((".", "\u201d", '"')):
                doc.dropped.append(Dropped(doc.id, "chrome", s, n))
                continue
            kept.append(s)
        doc.body = "\n\n".join(kept)
    return docs

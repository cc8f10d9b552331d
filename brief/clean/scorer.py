"""jusText's paragraph classifier on plain text: each line is a paragraph.

jusText scores a paragraph by its length, its stop-word density and its link density
(none in plain text), then revises short and near-good paragraphs from their
neighbours.  Markdown headings (``# ...``) count as headings.  The result is one class
a line: ``good``, ``bad`` (boilerplate), as jusText decides.
"""

from __future__ import annotations

from justext.core import PathInfo, classify_paragraphs, revise_paragraph_classification
from justext.paragraph import Paragraph

from brief.clean.rules import STOPWORDS


class _Line(Paragraph):
    """A jusText paragraph whose text is one plain-text line, normalised once (jusText re-normalises on every read)."""

    def __init__(self, path: PathInfo, line: str):
        super().__init__(path)
        self.append_text(line)
        self._text = " ".join(line.split())

    @property
    def text(self) -> str:
        return self._text


def _paragraph(line: str) -> Paragraph:
    path = PathInfo()
    path.append("body")
    path.append("h2" if line.startswith("#") else "p")
    return _Line(path, line)


def justext_classes(lines: list[str]) -> list[str]:
    """jusText's class of every line, in order: ``good``, ``bad`` (context-free verdict bad or short, and
    bad after the revision from neighbours) or ``revised-bad`` (near-good on its own, bad from its neighbours)."""
    if not lines:
        return []
    paras = [_paragraph(s) for s in lines]
    classify_paragraphs(paras, STOPWORDS)
    revise_paragraph_classification(paras)
    return [p.class_type if p.class_type == "good" or p.cf_class != "neargood" else "revised-bad" for p in paras]

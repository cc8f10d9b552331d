"""Per-document isolation of the stages that take a list of documents (clean, extract).

A stage runs on all documents at once (it may compare them).  When it raises, each
document is tried on its own; the ones the stage fails on are reported, one line each
("could not clean this article (ValueError: ...)"), and the stage runs again on the rest.
A failure no single document causes is a bug and is raised as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from brief.errors import BriefError, NoDocumentsError
from brief.model import Document, InputProblem

T = TypeVar("T")


def _phrase(e: BaseException) -> str:
    msg = " ".join(str(e).split())
    msg = msg if len(msg) <= 80 else msg[:77] + "..."
    return f"{type(e).__name__}: {msg}" if msg else type(e).__name__


def per_document(
    verb: str,
    stage: Callable[[list[Document]], T],
    docs: list[Document],
    on_problem: Callable[[InputProblem], None],
) -> tuple[T, list[Document]]:
    """(``stage(docs)``, the documents it ran on), leaving out each document it cannot process.

    ``verb`` names the stage in the line ("clean", "extract").  BriefErrors (``--strict``,
    a missing model) pass through untouched.
    """
    try:
        return stage(docs), docs
    except BriefError:
        raise
    except Exception as first:  # noqa: BLE001 - narrowed down to documents below
        failed: dict[int, BaseException] = {}
        for i, d in enumerate(docs):
            try:
                stage([d])
            except BriefError:
                raise
            except Exception as e:  # noqa: BLE001
                failed[i] = e
        if not failed:
            raise first
    for i, e in failed.items():
        d = docs[i]
        on_problem(InputProblem(d.path or d.url or d.id, f"could not {verb} this article ({_phrase(e)})"))
    rest = [d for i, d in enumerate(docs) if i not in failed]
    if not rest:
        raise NoDocumentsError("no usable documents")
    return stage(rest), rest

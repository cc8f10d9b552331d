"""Where the per-document parsing runs: in this process, or on a Dask distributed cluster.

The spaCy parse is most of a build's cost and needs nothing but the document's own
text, so it is the work that goes to a cluster.  A *parser* is a callable
``parser(texts, progress) -> iterator of spacy Doc``, one Doc per text, in order:

* :func:`local_parser` runs ``nlp.pipe`` here (the default), with spaCy's worker processes
  on every core when the corpus is large (``config.parse_processes`` overrides);
* :class:`DaskParser` sends the texts to the workers of a Dask cluster in chunks; each
  worker parses with its own copy of the pipeline and sends back a ``DocBin`` (the
  tokens with every annotation: tags, lemmas, morphology, heads, labels, entities), which
  the client turns back into Docs identical to a local parse.  Tasks are retried when a
  worker is lost, so no document is lost with it.

What crosses the network: the cleaned article text out, the DocBin bytes back (about
2.5 times the text).  A worker needs ``brief`` and the spaCy model installed (the same
versions as the client).  Everything corpus-level (entity folding, merging, grouping,
summaries, rendering) stays on the client.

:func:`open_parser` picks one from the settings: ``config.dask`` (a scheduler address,
``tcp://HOST:8786``) or ``config.workers`` (a local cluster of that many worker
processes), else the local parser.  ``dask[distributed]`` is an optional extra
(``pip install brief[dask]``).
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from brief.config import BriefConfig
from brief.errors import BriefError

BATCH_SIZE = 32  # nlp.pipe batch
CHUNK_DOCS = 48  # documents per cluster task
# A local parse of at least this many documents uses every core (up to MAX_LOCAL_PROCESSES):
# below it, starting the worker processes costs more than they save.
PARALLEL_MIN_DOCS = 200
MAX_LOCAL_PROCESSES = 4

Progress = Callable[[str, int, int], None]
Parser = Callable[[Sequence[str], Progress], Iterator[Any]]


def _noop(stage: str, done: int, total: int) -> None:
    pass


def local_processes(n_texts: int, processes: int | None = None) -> int:
    """Processes for a local parse: ``processes`` when set, else every core (at most
    ``MAX_LOCAL_PROCESSES``) for ``PARALLEL_MIN_DOCS`` documents or more, else one."""
    if processes:
        return max(1, processes)
    if n_texts < PARALLEL_MIN_DOCS:
        return 1
    return max(1, min(MAX_LOCAL_PROCESSES, os.cpu_count() or 1))


def local_parser(texts: Sequence[str], progress: Progress = _noop, processes: int | None = None) -> Iterator[Any]:
    """``nlp.pipe`` on this machine (spaCy's own worker processes for a large corpus)."""
    from brief.nlp import get_nlp

    total = len(texts)
    n_process = local_processes(total, processes)
    for i, doc in enumerate(get_nlp().pipe(texts, batch_size=BATCH_SIZE, n_process=n_process)):
        if i % 25 == 0:
            progress("parse", i, total)
        yield doc
    progress("parse", total, total)


def parse_chunk(texts: list[str]) -> bytes:
    """Run on a worker: parse ``texts`` and return them as DocBin bytes."""
    from spacy.tokens import DocBin

    from brief.nlp import get_nlp

    bin_ = DocBin(store_user_data=True)
    for doc in get_nlp().pipe(texts, batch_size=BATCH_SIZE):
        bin_.add(doc)
    return bin_.to_bytes()


class DaskParser:
    """Parses on the workers of a Dask ``Client``; documents come back in input order."""

    def __init__(self, client: Any, chunk_docs: int = CHUNK_DOCS, retries: int = 3):
        self.client = client
        self.chunk_docs = chunk_docs
        self.retries = retries

    def __call__(self, texts: Sequence[str], progress: Progress = _noop) -> Iterator[Any]:
        from spacy.tokens import DocBin

        from brief.nlp import get_nlp

        vocab = get_nlp().vocab
        chunks = [list(texts[i:i + self.chunk_docs]) for i in range(0, len(texts), self.chunk_docs)]
        futures = self.client.map(parse_chunk, chunks, retries=self.retries, pure=False)
        total, done = len(texts), 0
        progress("parse", 0, total)
        try:
            for chunk, future in zip(chunks, futures):
                data = future.result()
                future.release()
                yield from DocBin().from_bytes(data).get_docs(vocab)
                done += len(chunk)
                progress("parse", done, total)
        finally:
            for future in futures:
                future.release()


def _distributed():
    try:
        import distributed
    except ImportError:
        raise BriefError("--dask/--workers need the optional Dask extra: pip install 'brief[dask]'") from None
    return distributed


@contextlib.contextmanager
def open_parser(config: BriefConfig) -> Iterator[Parser]:
    """The parser the settings ask for; a cluster started here is shut down on exit."""
    if not config.dask and not config.workers:
        yield functools.partial(local_parser, processes=config.parse_processes)
        return
    distributed = _distributed()
    with contextlib.ExitStack() as stack:
        if config.dask:
            try:
                client = stack.enter_context(distributed.Client(config.dask, timeout="10s"))
            except (OSError, TimeoutError) as e:
                raise BriefError(f"cannot reach the Dask scheduler at {config.dask}: {e}") from None
        else:
            cluster = stack.enter_context(distributed.LocalCluster(
                n_workers=config.workers, threads_per_worker=1, processes=True, dashboard_address=None))
            client = stack.enter_context(distributed.Client(cluster))
        yield DaskParser(client)


__all__ = ["DaskParser", "Parser", "local_parser", "open_parser", "parse_chunk"]

"""Dot products of sparse rows without comparing all pairs: two rows that share no term are never compared.

A :class:`SparseRows` matrix holds L2-normalised rows in compressed form (CSR:
``indptr``, ``indices``, ``data``).  :func:`products` accumulates the dot products of a
block of rows with every row term by term, over each term's *postings* (the rows that
use it), so the work is the sum, over the block's terms, of how many rows use each
term -- not rows x rows.  A caller bounds that work by bounding how many rows may use
one term (:mod:`brief.group.stories` leaves the most widely used terms out).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

PAIRS_PER_BLOCK = 2_000_000  # products expanded at once (memory: ~40 bytes each while sorted)


class SparseRows:
    """Rows of a matrix as CSR arrays, plus the transposed postings (term -> rows, in row order)."""

    def __init__(self, indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, n_cols: int):
        self.indptr = indptr.astype(np.int64)
        self.indices = indices.astype(np.int64)
        self.data = data.astype(np.float32)
        self.n_rows = len(indptr) - 1
        self.n_cols = n_cols
        rows = np.repeat(np.arange(self.n_rows, dtype=np.int64), np.diff(self.indptr))
        order = np.argsort(self.indices, kind="stable")
        self.post_rows = rows[order]
        self.post_vals = self.data[order]
        self.post_ptr = np.zeros(n_cols + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.indices, minlength=n_cols), out=self.post_ptr[1:])

    @classmethod
    def from_dense(cls, x: np.ndarray) -> SparseRows:
        rows, cols = np.nonzero(x)
        indptr = np.zeros(x.shape[0] + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=x.shape[0]), out=indptr[1:])
        return cls(indptr, cols, x[rows, cols], x.shape[1])

    @classmethod
    def stack(cls, parts: list[SparseRows], n_cols: int) -> SparseRows:
        """The rows of ``parts``, one after the other."""
        indptr = [np.zeros(1, dtype=np.int64)]
        for p in parts:
            indptr.append(p.indptr[1:] + indptr[-1][-1])
        return cls(np.concatenate(indptr), np.concatenate([p.indices for p in parts] or [np.zeros(0, np.int64)]),
                   np.concatenate([p.data for p in parts] or [np.zeros(0, np.float32)]), n_cols)

    def df(self) -> np.ndarray:
        """Rows per term."""
        return np.diff(self.post_ptr)

    def dense(self) -> np.ndarray:
        x = np.zeros((self.n_rows, max(1, self.n_cols)), dtype=np.float32)
        rows = np.repeat(np.arange(self.n_rows), np.diff(self.indptr))
        x[rows, self.indices] = self.data
        return x


def _expand(m: SparseRows, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, other row, product of the two weights) for every term of rows lo..hi-1 and every row using it."""
    a, b = m.indptr[lo], m.indptr[hi]
    terms, w = m.indices[a:b], m.data[a:b]
    rows = np.repeat(np.arange(lo, hi, dtype=np.int64), np.diff(m.indptr[lo:hi + 1]))
    counts = m.post_ptr[terms + 1] - m.post_ptr[terms]
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    ends = np.cumsum(counts)
    at = np.repeat(m.post_ptr[terms] - (ends - counts), counts) + np.arange(total, dtype=np.int64)
    return np.repeat(rows, counts), m.post_rows[at], np.repeat(w, counts) * m.post_vals[at]


def products(m: SparseRows) -> Iterator[tuple[int, int, np.ndarray, np.ndarray, np.ndarray]]:
    """Blocks ``(lo, hi, rows, cols, values)``: the nonzero dot products of rows lo..hi-1 with every
    row (itself included), sorted by row then column."""
    per_row = np.zeros(m.n_rows, dtype=np.int64)
    a_rows = np.repeat(np.arange(m.n_rows, dtype=np.int64), np.diff(m.indptr))
    np.add.at(per_row, a_rows, m.df()[m.indices])
    lo = 0
    while lo < m.n_rows:
        hi, load = lo + 1, int(per_row[lo])
        while hi < m.n_rows and load + per_row[hi] <= PAIRS_PER_BLOCK:
            load += int(per_row[hi])
            hi += 1
        rows, cols, vals = _expand(m, lo, hi)
        if len(rows):
            key = rows * m.n_rows + cols
            order = np.argsort(key, kind="stable")
            key, vals = key[order], vals[order]
            starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
            vals = np.add.reduceat(vals, starts)
            key = key[starts]
            rows, cols = key // m.n_rows, key % m.n_rows
        yield lo, hi, rows, cols, vals.astype(np.float32)
        lo = hi

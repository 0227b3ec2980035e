"""TF-IDF vectors and cosine similarity, in numpy, with the terms that made two texts alike.

Term frequency is sublinear (1 + log count) so a word repeated in a long write-up does
not drown the rest; inverse document frequency is smoothed (``log((1+n)/(1+df)) + 1``)
so it stays finite and positive for a collection of two. Rows are L2-normalised, so a
matrix product is the cosine of every pair at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class TermSpace:
    vocabulary: tuple[str, ...]
    vectors: Matrix  # one L2-normalised row per document

    def cosines(self) -> Matrix:
        return np.clip(self.vectors @ self.vectors.T, 0.0, 1.0)

    def shared_terms(self, first: int, second: int, limit: int = 6) -> list[str]:
        """The terms that contribute most to the similarity of two documents."""
        contribution = self.vectors[first] * self.vectors[second]
        order = np.argsort(-contribution, kind="stable")[:limit]
        return [self.vocabulary[i] for i in order if contribution[i] > 0]


def term_space(documents: Sequence[Sequence[str]]) -> TermSpace:
    index: dict[str, int] = {}
    rows, columns = [], []
    for row, terms in enumerate(documents):
        for term in terms:
            rows.append(row)
            columns.append(index.setdefault(term, len(index)))
    counts = np.zeros((len(documents), len(index)), dtype=np.float64)
    np.add.at(counts, (np.asarray(rows, dtype=np.intp), np.asarray(columns, dtype=np.intp)), 1.0)
    return TermSpace(tuple(index), _normalised(_weighted(counts)))


def _weighted(counts: Matrix) -> Matrix:
    present = counts > 0
    tf = np.where(present, 1.0 + np.log(np.where(present, counts, 1.0)), 0.0)
    documents = counts.shape[0]
    idf = np.log((1.0 + documents) / (1.0 + present.sum(axis=0))) + 1.0
    weighted: Matrix = tf * idf
    return weighted


def _normalised(weights: Matrix) -> Matrix:
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    normalised: Matrix = np.divide(weights, norms, out=np.zeros_like(weights), where=norms > 0)
    return normalised

"""A union-find over template ids: merged templates share one canonical (oldest) id."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


class UnionFind:
    """Disjoint sets of ids 0..n-1; the root of a set is its smallest id."""

    def __init__(self) -> None:
        self._parent: list[int] = []

    def __len__(self) -> int:
        return len(self._parent)

    def add(self) -> int:
        """A new singleton set; returns its id."""
        self._parent.append(len(self._parent))
        return len(self._parent) - 1

    def find(self, item: int) -> int:
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]  # path halving keeps later finds short
            item = parent[item]
        return item

    def union(self, first: int, second: int) -> int:
        """Join the two sets; the older (smaller) root stays canonical and is returned."""
        a, b = self.find(first), self.find(second)
        if a == b:
            return a
        root, child = min(a, b), max(a, b)
        self._parent[child] = root
        return root

    def roots(self) -> npt.NDArray[np.uint32]:
        """The canonical id of every id, found for all ids at once."""
        parent = np.asarray(self._parent, dtype=np.uint32)
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                return parent
            parent = grand

"""Group masked messages into templates, merging the ones that differ only in variables.

Work is per *distinct* masked message, never per line. Each new one becomes a
cluster, indexed two ways:

- by *slot*: for each position, the message with that position blanked. Messages
  sharing a slot key differ in that one word only; :func:`is_variable_slot`
  decides whether the word is a variable, and if so the clusters merge and the
  word becomes ``<*>``.
- by *identifier group*: the message with every identifier-like word and masked
  value blanked, for names that vary together (``Registering class A for class
  B``), or that are masked in one line and not in another.

Merges are unions: ids handed out earlier stay valid and resolve to the merged
template's canonical id. A merged template also becomes a *shape* that later
messages match directly, however many of its variables they fill differently.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import numpy as np
import numpy.typing as npt

from hotwash.condense.mining.unionfind import UnionFind
from hotwash.condense.mining.variability import (
    VAR,
    constants,
    is_soft,
    is_variable_group,
    is_variable_slot,
)

MAX_TOKENS = 64  # longer messages are kept as they are: merging them is rarely needed
MAX_SLOTS = 48
ROUNDS = 3  # a merge blanks a word, which can line up further merges

Tokens = tuple[str, ...]
Members = dict[str, set[int]]
GroupMembers = dict[Tokens, set[int]]


def _without(tokens: Tokens, positions: Collection[int]) -> Tokens:
    return tuple(token for pos, token in enumerate(tokens) if pos not in positions)


class ClusterSet:
    """Template clusters of masked messages, with stable ids."""

    def __init__(self) -> None:
        self._uf = UnionFind()
        self._tokens: list[Tokens] = []
        self._lines: list[int] = []
        self._by_text: dict[str, int] = {}
        self._slots: dict[tuple[int, int, int], Members] = {}
        self._groups: dict[tuple[int, tuple[int, ...], int], GroupMembers] = {}
        self._shapes: dict[int, set[tuple[int, ...]]] = {}
        self._by_shape: dict[tuple[int, tuple[int, ...], Tokens], int] = {}

    def __len__(self) -> int:
        return len(self._uf)

    def template(self, cluster: int) -> str:
        """The template text of a cluster id (its canonical template once merged)."""
        return " ".join(self._tokens[self._uf.find(cluster)])

    def roots(self) -> npt.NDArray[np.uint32]:
        """The canonical id of every id."""
        return self._uf.roots()

    def assign(self, texts: Iterable[str], lines: Iterable[int]) -> list[int]:
        """A cluster id for each distinct masked text (seen on ``lines`` lines each)."""
        fresh: list[int] = []
        ids = [
            self._assign_one(text, count, fresh) for text, count in zip(texts, lines, strict=True)
        ]
        self._settle(fresh)
        return ids

    def _assign_one(self, text: str, count: int, fresh: list[int]) -> int:
        known = self._by_text.get(text)
        if known is not None:
            cluster = self._uf.find(known)
            self._lines[cluster] += count
            return cluster
        tokens: Tokens = tuple(text.split(" ")) if text else ()
        matched = self._match_shape(tokens)
        cluster = matched if matched is not None else self._new_cluster(tokens, fresh)
        self._by_text[text] = cluster
        self._lines[cluster] += count
        return cluster

    def _new_cluster(self, tokens: Tokens, fresh: list[int]) -> int:
        cluster = self._uf.add()
        self._tokens.append(tokens)
        self._lines.append(0)
        fresh.append(cluster)
        return cluster

    def _settle(self, dirty: Iterable[int]) -> None:
        for _ in range(ROUNDS):
            changed: set[int] = set()
            for cluster in {self._uf.find(c) for c in dirty}:
                changed |= self._index(self._uf.find(cluster))
            if not changed:
                return
            dirty = changed

    def _index(self, root: int) -> set[int]:
        """File a cluster under its slot and group keys; the roots any merge produced."""
        tokens = self._tokens[root]
        if not tokens or len(tokens) > MAX_TOKENS:
            return set()
        changed = set()
        for pos in range(min(len(tokens), MAX_SLOTS)):
            key = (len(tokens), pos, hash(_without(tokens, (pos,))))
            members = self._slots.setdefault(key, {})
            members.setdefault(tokens[pos], set()).add(root)
            if len(members) > 1 and self._slot_is_variable(members, tokens, pos):
                changed.add(self._merge(self._members(members), {pos}))
        merged = self._index_group(root, tokens)
        return changed | ({merged} if merged is not None else set())

    def _index_group(self, root: int, tokens: Tokens) -> int | None:
        soft = tuple(
            pos for pos, token in enumerate(tokens[:MAX_SLOTS]) if token == VAR or is_soft(token)
        )
        if not soft:
            return None
        key = (len(tokens), soft, hash(_without(tokens, soft)))
        members = self._groups.setdefault(key, {})
        members.setdefault(tuple(tokens[pos] for pos in soft), set()).add(root)
        roots = self._members(members)
        lines = sum(self._lines[r] for r in roots)
        if len(roots) > 1 and is_variable_group(members.keys(), lines, constants(tokens, soft)):
            return self._merge(roots, set(soft))
        return None

    def _members(self, members: Members | GroupMembers) -> set[int]:
        return {self._uf.find(c) for clusters in members.values() for c in clusters}

    def _slot_is_variable(self, members: Members, tokens: Tokens, pos: int) -> bool:
        roots = self._members(members)
        lines = sum(self._lines[r] for r in roots)
        context = constants(tokens, (pos,))
        return len(roots) > 1 and is_variable_slot(members.keys(), lines, pos, context)

    def _merge(self, roots: set[int], blanks: set[int]) -> int:
        """Union the clusters; their template keeps the words they all share."""
        ordered = sorted(roots)
        merged = list(self._tokens[ordered[0]])
        for other in ordered[1:]:
            merged = [
                a if a == b else VAR for a, b in zip(merged, self._tokens[other], strict=True)
            ]
        for pos in blanks:
            merged[pos] = VAR
        root = ordered[0]
        for other in ordered[1:]:
            root = self._uf.union(root, other)
            self._lines[root] += self._lines[other]
        self._tokens[root] = tuple(merged)
        self._add_shape(self._tokens[root], root)
        return root

    def _add_shape(self, tokens: Tokens, root: int) -> None:
        blanks = tuple(pos for pos, token in enumerate(tokens) if token == VAR)
        self._shapes.setdefault(len(tokens), set()).add(blanks)
        self._by_shape[(len(tokens), blanks, _without(tokens, blanks))] = root

    def _match_shape(self, tokens: Tokens) -> int | None:
        """The merged template this message fits, if any."""
        for blanks in self._shapes.get(len(tokens), ()):
            key = (len(tokens), blanks, _without(tokens, frozenset(blanks)))
            hit = self._by_shape.get(key)
            if hit is not None:
                return self._uf.find(hit)
        return None

"""Templates for messages that are already keys, such as an access log's request line.

An access log's message is built from fields (status, method, path with its ids
masked), so it needs no mining: mining would merge ``502 GET /api/checkout`` with
``502 GET /healthz`` (two tokens of three agree) and lose the path a responder
needs. Each distinct key is its own template. A file with very many distinct
keys (a scanner probing random paths) must not grow without bound, so past
``MAX_KEYS`` new keys go to a :class:`TemplateMiner`, which does generalise.
"""

from __future__ import annotations

import polars as pl

from hotwash.condense import TemplateMiner

MAX_KEYS = 2000


class KeyedTemplates:
    """The :class:`TemplateMiner` interface the aggregator uses, for keyed messages."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._texts: list[str | None] = []  # None: the id belongs to the overflow miner
        self._overflow = TemplateMiner(strip_headers=False)
        self._overflow_ids: dict[int, int] = {}  # overflow miner id -> our id

    @property
    def templates(self) -> list[str]:
        mined = self._overflow.templates
        by_ours = {ours: theirs for theirs, ours in self._overflow_ids.items()}
        return [
            text if text is not None else mined[by_ours[n]] for n, text in enumerate(self._texts)
        ]

    def add(self, messages: pl.Series) -> pl.Series:
        """A template id (UInt32) per message, in order."""
        keys = messages.cast(pl.String).fill_null("")
        distinct = keys.unique(maintain_order=True)
        known = pl.Series(list(self._ids), dtype=pl.String)
        for key in distinct.filter(~distinct.is_in(known)).head(MAX_KEYS - len(self._ids)):
            self._ids[key] = len(self._texts)
            self._texts.append(key)
        table = pl.DataFrame(
            {"key": list(self._ids), "id": list(self._ids.values())},
            schema={"key": pl.String, "id": pl.UInt32},
        )
        frame = pl.DataFrame({"key": keys})
        ids = frame.join(table, on="key", how="left", maintain_order="left")["id"]
        missing = ids.is_null()
        if not missing.any():
            return ids
        return ids.scatter(missing.arg_true(), self._mined(keys.filter(missing)))

    def _mined(self, keys: pl.Series) -> pl.Series:
        """Our ids for keys past ``MAX_KEYS``, through the overflow miner."""
        theirs = self._overflow.add(keys)
        for mined in theirs.unique().to_list():
            if mined not in self._overflow_ids:
                self._overflow_ids[mined] = len(self._texts)
                self._texts.append(None)
        ours = pl.Series(list(self._overflow_ids.values()), dtype=pl.UInt32)
        lookup = pl.DataFrame({"theirs": list(self._overflow_ids), "ours": ours})
        frame = pl.DataFrame({"theirs": theirs.cast(pl.Int64)})
        return frame.join(lookup, on="theirs", how="left", maintain_order="left")["ours"]

    def canonical(self, ids: pl.Series) -> pl.Series:
        """The canonical id of each id: ids whose overflow templates merged become one."""
        roots = self._overflow.canonical(pl.Series(list(self._overflow_ids), dtype=pl.UInt32))
        firsts: dict[int, int] = {}
        mapping = list(range(len(self._texts)))
        for theirs, root in zip(self._overflow_ids, roots.to_list(), strict=True):
            ours = self._overflow_ids[theirs]
            mapping[ours] = firsts.setdefault(root, ours)
        return pl.Series(mapping, dtype=pl.UInt32).gather(ids.cast(pl.UInt32)).alias(ids.name)

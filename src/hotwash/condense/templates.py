"""Log template mining: group messages into templates with their variable parts masked.

The API is streaming and vectorised: feed chunks of messages (or raw log lines)
as a polars Series and get back one template id per message.

- The line header (timestamp, level, pid, component...) is learned from the
  first chunk and cut off every line, so only the message is templated.
- Variables are masked column-wise (:mod:`hotwash.condense.mining.masking`), once
  per distinct *shape*: masking never looks at which digit a digit is and masks
  every one, so messages that differ only in their digits ("request 8812 took 31
  ms", "request 40 took 7 ms") mask alike and are masked once.
- Only the *distinct* masked messages are clustered
  (:mod:`hotwash.condense.mining.clusters`), which keeps a million lines fast.

An id, once returned, stays valid forever. When later evidence shows two
templates are one, they are merged: both ids then resolve to one canonical id
(:meth:`TemplateMiner.canonical`) and report the merged template text.
"""

from __future__ import annotations

import polars as pl

from hotwash.condense.mining import NO_HEADER, ClusterSet, HeaderRule, learn_header, mask


class TemplateMiner:
    """Assigns template ids to messages, chunk by chunk.

    ``strip_headers`` learns and removes a header from raw lines; pass False when
    the messages are already bare (e.g. the ``message`` field of JSON logs).
    """

    def __init__(self, *, strip_headers: bool = True) -> None:
        self._header: HeaderRule | None = None if strip_headers else NO_HEADER
        self._clusters = ClusterSet()

    @property
    def header(self) -> HeaderRule:
        """The header rule in use (learned on the first chunk)."""
        return self._header or NO_HEADER

    @property
    def templates(self) -> list[str]:
        """Template text by id; merged ids all report their canonical template."""
        return [self._clusters.template(cluster) for cluster in range(len(self._clusters))]

    def add(self, messages: pl.Series) -> pl.Series:
        """Template ids (UInt32) for ``messages``, in order."""
        lines = messages.cast(pl.String).fill_null("")
        if self._header is None:
            self._header = learn_header(lines)
        shapes = self._header.strip(lines).str.replace_all("[0-9]", "0").alias("shape")
        distinct = shapes.value_counts(name="lines")
        distinct = distinct.with_columns(text=mask(distinct["shape"]))
        texts = distinct.group_by("text").agg(pl.col("lines").sum())
        ids = self._clusters.assign(texts["text"].to_list(), texts["lines"].to_list())
        mapping = distinct.select("shape", "text").join(
            texts.select("text", id=pl.Series(ids, dtype=pl.UInt32)), on="text", how="left"
        )
        frame = pl.DataFrame({"shape": shapes})
        return frame.join(mapping, on="shape", how="left", maintain_order="left")["id"]

    def canonical(self, ids: pl.Series) -> pl.Series:
        """The canonical id of each id (ids of merged templates resolve to one)."""
        roots = pl.Series("canonical", self._clusters.roots(), dtype=pl.UInt32)
        return roots.gather(ids.cast(pl.UInt32)).alias(ids.name)

    def template(self, cluster: int) -> str:
        """The template text of one id."""
        return self._clusters.template(cluster)

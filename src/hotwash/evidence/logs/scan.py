"""Read a chunk of lines into records: the fast path first, the full parse for the rest.

Every line ends up as exactly one of: a record (time, level, service, flag), a
continuation of the record above, or a line skipped for a reason. Lines in one of
the format's usual layouts are read by its :class:`~.formats.fast.Fast` paths, each
distinct minute parsed once; the others (odd layouts, bad lines) by the format's
full parse and :func:`classify`, exactly as if there were no fast path.

A chunk is scanned on its own, so that several can be scanned at once: a line that
would continue a record but has none above it in the chunk is an orphan until
:func:`settle_orphans` learns whether an earlier chunk had a record. Messages are
extracted only for the records whose templates are mined (``mine_levels``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import polars as pl

from hotwash.evidence.logs.chunks import LineChunk
from hotwash.evidence.logs.classify import CONTINUATION, ORPHAN, RECORD, classify
from hotwash.evidence.logs.fastscan import RECORD_SCHEMA, fast_records
from hotwash.evidence.logs.formats.base import LINE, PARSED_SCHEMA, TEXT, LogFormat
from hotwash.evidence.logs.levels import level_in


@dataclass(frozen=True)
class ChunkScan:
    """``records`` (:data:`RECORD_SCHEMA` and ``message``, in line order); ``others``:
    every other line with its ``status``; ``lines``: how many lines the chunk held."""

    records: pl.DataFrame
    others: pl.DataFrame
    lines: int


class ChunkScanner:
    """Scans chunks of one file; ``mine_levels``: whose messages to extract (None: all).

    ``fast=False`` reads every line with the full parse: the reference the fast path
    is tested against.
    """

    def __init__(
        self,
        fmt: LogFormat,
        max_line_bytes: int,
        mine_levels: frozenset[str] | None,
        *,
        fast: bool = True,
    ) -> None:
        self.fmt = fmt
        self.max_line_bytes = max_line_bytes
        self.mine_levels = mine_levels
        self._layouts = fmt.fast(pl.col(TEXT)) if fast else ()

    def scan(self, chunk: LineChunk) -> ChunkScan:
        read, rest = [], chunk.frame
        for number, layout in enumerate(self._layouts):
            # Later layouts only see lines of the format's shape: the others (stack
            # traces...) cannot be records, and the full parse marks them cheaply.
            candidates, skipped = self._candidates(rest) if number else (rest, rest.clear())
            if candidates.height == 0:
                break
            records, others = fast_records(layout, replace(chunk, frame=candidates))
            read.append(records)
            rest = _in_line_order(others, skipped)
        fast = _in_order(read)
        first = int(fast[LINE][0]) if fast.height else None
        slow = self._classified(rest, chunk.clean, first)
        slow_records = slow.filter(pl.col("status") == RECORD).select(list(RECORD_SCHEMA))
        records = _in_order([fast, slow_records])
        others = slow.filter(pl.col("status") != RECORD).select(LINE, "status")
        return ChunkScan(self._with_messages(chunk, records), others, chunk.frame.height)

    def _candidates(self, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        if self.fmt.shape is None:
            return frame, frame.clear()
        fits = frame[TEXT].str.contains(self.fmt.shape)
        return frame.filter(fits), frame.filter(~fits)

    def _with_messages(self, chunk: LineChunk, records: pl.DataFrame) -> pl.DataFrame:
        mined = pl.lit(True) if self.mine_levels is None else level_in(self.mine_levels)
        wanted = records.filter(mined)
        if wanted.height == 0:
            return records.with_columns(message=pl.lit(None, pl.String))
        rows = (wanted[LINE] - chunk.frame[LINE][0]).cast(pl.Int64)
        messages = self.fmt.messages(chunk.frame.select(pl.col(TEXT).gather(rows)))
        found = wanted.select(LINE).with_columns(message=messages.cast(pl.String))
        return records.join(found, on=LINE, how="left", maintain_order="left")

    def _classified(self, rest: pl.DataFrame, clean: bool, first: int | None) -> pl.DataFrame:
        if rest.height == 0:
            return pl.DataFrame(schema={**RECORD_SCHEMA, "status": pl.String()})
        return classify(
            rest,
            _full_parse(self.fmt, rest),
            seen_record=False,
            max_line_bytes=self.max_line_bytes,
            record_before=first,
            clean=clean,
        )


def settle_orphans(others: pl.DataFrame, seen_record: bool) -> pl.DataFrame:
    """Orphans of a chunk scanned on its own continue a record of an earlier chunk."""
    if not seen_record:
        return others
    status = pl.col("status")
    return others.with_columns(
        status=pl.when(status == ORPHAN).then(pl.lit(CONTINUATION)).otherwise(status)
    )


def _full_parse(fmt: LogFormat, frame: pl.DataFrame) -> pl.DataFrame:
    """The format's full parse of ``frame``; lines its ``shape`` rules out are only
    marked as not of the format (with their continuation test), which is what the
    full parse would say of them, for a fraction of the cost."""
    if fmt.shape is None:
        return fmt.parse(frame)
    fits = frame[TEXT].str.contains(fmt.shape)
    if fits.all():
        return fmt.parse(frame)
    others = frame.filter(~fits).select(
        pl.col(LINE).cast(pl.UInt64),
        pl.lit(fmt.mismatch()).alias("reason"),
        fmt.continues(pl.col(TEXT)).alias("cont"),
    )
    parsed = [fmt.parse(frame.filter(fits)), others] if fits.any() else [others]
    whole = pl.concat(parsed, how="diagonal_relaxed").sort(LINE)
    return whole.select(
        (pl.col(name) if name in whole.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in PARSED_SCHEMA.items()
    )


def _in_line_order(first: pl.DataFrame, second: pl.DataFrame) -> pl.DataFrame:
    if second.height == 0:
        return first
    return pl.concat([first, second]).sort(LINE) if first.height else second


def _in_order(parts: list[pl.DataFrame]) -> pl.DataFrame:
    parts = [part for part in parts if part.height]
    if not parts:
        return pl.DataFrame(schema=RECORD_SCHEMA)
    return parts[0] if len(parts) == 1 else pl.concat(parts).sort(LINE)

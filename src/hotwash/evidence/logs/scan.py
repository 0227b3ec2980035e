"""Read a chunk of lines into records: the fast path first, the full parse for the rest.

Every line ends up as exactly one of: a record (time, level, service, flag), a
continuation of the record above, or a line skipped for a reason. Lines in the
format's usual layout are read by its :class:`~.formats.fast.Fast` expressions, with
each distinct minute parsed once; the others (odd layouts, bad lines) by the
format's full parse and :func:`classify`, exactly as if there were no fast path.
Messages are not extracted here: only the few records whose templates are mined
need one (:meth:`ChunkScanner.messages`).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from hotwash.evidence.logs.chunks import LineChunk
from hotwash.evidence.logs.classify import RECORD, classify
from hotwash.evidence.logs.fastscan import RECORD_SCHEMA, fast_records
from hotwash.evidence.logs.formats.base import LINE, PARSED_SCHEMA, TEXT, LogFormat


@dataclass(frozen=True)
class ChunkScan:
    """``records`` (:data:`RECORD_SCHEMA`, in line order); ``others``: every other line,
    with its ``status``; ``lines``: how many lines the chunk held."""

    records: pl.DataFrame
    others: pl.DataFrame
    lines: int


class ChunkScanner:
    """Scans the chunks of one file in order (a record may continue across chunks)."""

    def __init__(self, fmt: LogFormat, max_line_bytes: int) -> None:
        self.fmt = fmt
        self.max_line_bytes = max_line_bytes
        self.seen_record = False
        self._fast = fmt.fast(pl.col(TEXT))

    def scan(self, chunk: LineChunk) -> ChunkScan:
        read, rest = [], chunk
        for layout in self._fast:
            if rest.frame.height == 0:
                break
            records, others = fast_records(layout, rest)
            read.append(records)
            rest = LineChunk(others, chunk.clean, chunk.bytes_read, chunk.ascii)
        fast = _merge_all(read)
        first = int(fast[LINE].min()) if fast.height else None  # type: ignore[arg-type]
        slow = self._classified(rest.frame, chunk.clean, first)
        slow_records = slow.filter(pl.col("status") == RECORD).select(list(RECORD_SCHEMA))
        records = _merge(fast, slow_records)
        self.seen_record = self.seen_record or records.height > 0
        others = slow.filter(pl.col("status") != RECORD).select(LINE, "status")
        return ChunkScan(records, others, chunk.frame.height)

    def messages(self, chunk: LineChunk, lines: pl.Series) -> pl.Series:
        """The message of each of ``lines`` (record lines of ``chunk``), in order."""
        rows = (lines - chunk.frame[LINE][0]).cast(pl.Int64)
        texts = chunk.frame.select(pl.col(TEXT).gather(rows))
        return texts.select(self.fmt.message_of(pl.col(TEXT)).cast(pl.String))[:, 0]

    def _classified(self, rest: pl.DataFrame, clean: bool, first: int | None) -> pl.DataFrame:
        if rest.height == 0:
            return pl.DataFrame(schema={**RECORD_SCHEMA, "status": pl.String()})
        return classify(
            rest,
            _full_parse(self.fmt, rest),
            seen_record=self.seen_record,
            max_line_bytes=self.max_line_bytes,
            record_before=first,
            clean=clean,
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
    parsed = [fmt.parse(frame.filter(fits)), others]
    return pl.concat(parsed, how="diagonal_relaxed").select(PARSED_SCHEMA.keys()).sort(LINE)


def _merge_all(parts: list[pl.DataFrame]) -> pl.DataFrame:
    parts = [part for part in parts if part.height]
    if not parts:
        return pl.DataFrame(schema=RECORD_SCHEMA)
    return parts[0] if len(parts) == 1 else pl.concat(parts).sort(LINE)


def _merge(fast: pl.DataFrame, slow: pl.DataFrame) -> pl.DataFrame:
    if slow.height == 0:
        return fast
    if fast.height == 0:
        return slow
    return pl.concat([fast, slow]).sort(LINE)

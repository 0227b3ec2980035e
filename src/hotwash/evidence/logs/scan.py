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
from hotwash.evidence.logs.classify import RECORD, classify, is_binary
from hotwash.evidence.logs.formats.base import LINE, TEXT, TS_TYPE, LogFormat
from hotwash.evidence.logs.formats.fast import Decode, Fast

RECORD_SCHEMA: dict[str, pl.DataType] = {
    LINE: pl.UInt64(),
    "ts": TS_TYPE,
    "aware": pl.Boolean(),
    "level": pl.String(),
    "service": pl.String(),
    "flag": pl.String(),
}


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
        fast, taken = self._fast_records(chunk)
        rest = chunk.frame if taken is None else chunk.frame.filter(~taken)
        first = int(fast[LINE][0]) if fast.height else None
        slow = self._classified(rest, chunk.clean, first)
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
            self.fmt.parse(rest),
            seen_record=self.seen_record,
            max_line_bytes=self.max_line_bytes,
            record_before=first,
            clean=clean,
        )

    def _fast_records(self, chunk: LineChunk) -> tuple[pl.DataFrame, pl.Series | None]:
        """The records the fast path reads, and which lines they are (None: no fast path)."""
        fast = self._fast
        if fast is None or chunk.frame.height == 0:
            return pl.DataFrame(schema=RECORD_SCHEMA), None
        staged = chunk.frame.lazy()
        for step in fast.steps:
            staged = staged.with_columns(**step)
        candidates = staged.select(_fast_columns(fast, chunk.clean)).collect().filter("ok")
        level = _decoded(candidates["level"], fast.level.decode)
        service = _decoded(candidates["service"], fast.service.decode)
        readable = level["readable"] & service["readable"]
        for number, check in enumerate(fast.checks):
            readable = readable & _decoded(candidates[f"check{number}"], check.decode)["readable"]
        timed = _timed(fast, candidates.with_columns(level=level["value"], service=service["value"]))
        records = timed.filter(readable & timed["ts"].is_not_null())
        first = int(chunk.frame[LINE][0])
        rows = (records[LINE] - first).cast(pl.Int64)
        taken = pl.repeat(False, chunk.frame.height, eager=True).scatter(rows, True)
        return records.select(list(RECORD_SCHEMA)), taken


def _fast_columns(fast: Fast, clean: bool) -> list[pl.Expr]:
    ok = fast.ok.fill_null(False) & (fast.epoch.is_not_null() | fast.sub.is_not_null())
    if not clean:  # lines with binary data take the full parse, which flags them
        ok = ok & ~is_binary(pl.col(TEXT))
    checks = [check.raw.alias(f"check{number}") for number, check in enumerate(fast.checks)]
    return [
        pl.col(LINE),
        ok.alias("ok"),
        fast.key.alias("key"),
        fast.sub.cast(pl.Int64).alias("sub"),
        fast.epoch.cast(pl.Int64).alias("epoch"),
        fast.level.raw.alias("level"),
        fast.service.raw.alias("service"),
        *checks,
    ]


def _decoded(raw: pl.Series, decode: Decode) -> pl.DataFrame:
    """``decode`` applied once per distinct raw value: ``value`` and ``readable`` per row."""
    value, readable = decode(pl.col("raw"))
    table = pl.DataFrame({"raw": raw.unique()}).with_columns(
        value=value.cast(pl.String), readable=readable.fill_null(False)
    )
    frame = pl.DataFrame({"raw": raw})
    return frame.join(table, on="raw", how="left", maintain_order="left", nulls_equal=True)


def _timed(fast: Fast, candidates: pl.DataFrame) -> pl.DataFrame:
    """``candidates`` with ``ts`` and ``aware``: from the epoch, else from the minute key."""
    keyed = candidates.filter(pl.col("epoch").is_null())["key"]
    times = _key_times(fast, keyed)
    joined = candidates.join(times, on="key", how="left", maintain_order="left")
    from_key = pl.col("minute") + pl.duration(microseconds=pl.col("sub"))
    from_epoch = pl.col("epoch").cast(TS_TYPE)
    return joined.with_columns(
        ts=pl.when(pl.col("epoch").is_not_null()).then(from_epoch).otherwise(from_key),
        aware=pl.col("epoch").is_not_null() | pl.col("aware").fill_null(False),
        flag=pl.lit(None, pl.String),
    )


def _key_times(fast: Fast, keys: pl.Series) -> pl.DataFrame:
    """Each distinct minute key with its time (``minute``) and ``aware``; bad keys dropped."""
    minute, aware = fast.key_time(pl.col("key"))
    distinct = pl.DataFrame({"key": keys.drop_nulls().unique()})
    timed = distinct.with_columns(minute.cast(TS_TYPE).alias("minute"), aware.alias("aware"))
    return timed.filter(pl.col("minute").is_not_null())


def _merge(fast: pl.DataFrame, slow: pl.DataFrame) -> pl.DataFrame:
    if slow.height == 0:
        return fast
    if fast.height == 0:
        return slow
    return pl.concat([fast, slow]).sort(LINE)

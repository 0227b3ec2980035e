"""The fast path over a chunk: records read from a format's :class:`Fast` expressions.

Lines the fast path accepts become records directly; every other line is handed
back for the format's full parse. Each distinct minute key, level window and
service window is decoded once (see :mod:`.formats.fast`).
"""

from __future__ import annotations

import polars as pl

from hotwash.evidence.logs.chunks import LineChunk
from hotwash.evidence.logs.classify import is_binary
from hotwash.evidence.logs.formats.base import LINE, TEXT, TS_TYPE
from hotwash.evidence.logs.formats.fast import Decode, Fast

_MAX_RUNS = 2000  # key runs per chunk parsed one by one; more, and distinct keys are joined
RECORD_SCHEMA: dict[str, pl.DataType] = {
    LINE: pl.UInt64(),
    "ts": TS_TYPE,
    "aware": pl.Boolean(),
    "level": pl.String(),
    "service": pl.String(),
    "flag": pl.String(),
}


def fast_records(fast: Fast, chunk: LineChunk) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the records the fast path reads, in :data:`RECORD_SCHEMA`; the chunk's other lines)."""
    staged = chunk.frame.lazy()
    for step in fast.steps:
        staged = staged.with_columns(**step)
    scanned = staged.select(_fast_columns(fast, chunk)).collect()
    candidates = scanned if scanned["ok"].all() else scanned.filter("ok")
    level = _decoded(candidates["level"], fast.level.decode)
    service = _decoded(candidates["service"], fast.service.decode)
    readable = level["readable"] & service["readable"]
    for number, check in enumerate(fast.checks):
        readable = readable & _decoded(candidates[f"check{number}"], check.decode)["readable"]
    timed = _timed(fast, candidates.with_columns(level=level["value"], service=service["value"]))
    readable = readable & timed["ts"].is_not_null()
    records = timed if readable.all() else timed.filter(readable)
    return records.select(list(RECORD_SCHEMA)), _others(chunk.frame, records["row"])


def _others(frame: pl.DataFrame, taken_rows: pl.Series) -> pl.DataFrame:
    """The lines of ``frame`` but those at ``taken_rows``."""
    if taken_rows.len() == frame.height:
        return frame.clear()
    taken = pl.repeat(False, frame.height, eager=True).scatter(taken_rows, True)
    return frame.filter(~taken)


def _fast_columns(fast: Fast, chunk: LineChunk) -> list[pl.Expr]:
    text = pl.col(TEXT)
    ok = fast.ok.fill_null(False) & (fast.epoch.is_not_null() | fast.sub.is_not_null())
    if not chunk.clean:  # lines with binary data take the full parse, which flags them
        ok = ok & ~is_binary(text)
    if fast.ascii_only and not chunk.ascii:
        ok = ok & (text.str.len_bytes() == text.str.len_chars())
    checks = [check.raw.alias(f"check{number}") for number, check in enumerate(fast.checks)]
    return [
        pl.col(LINE),
        pl.int_range(pl.len(), dtype=pl.UInt32).alias("row"),
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
    if raw.null_count() == raw.len():  # a field the layout has not (a service...)
        return _constant(raw, value, readable)
    table = pl.DataFrame({"raw": raw.unique()}).with_columns(
        value=value.cast(pl.String), readable=readable.fill_null(False)
    )
    frame = pl.DataFrame({"raw": raw})
    return frame.join(table, on="raw", how="left", maintain_order="left", nulls_equal=True)


def _constant(raw: pl.Series, value: pl.Expr, readable: pl.Expr) -> pl.DataFrame:
    """What ``value`` and ``readable`` say of a missing field, for every row."""
    empty = pl.DataFrame({"raw": [None]}, schema={"raw": raw.dtype})
    decoded = empty.select(value.cast(pl.String).alias("v"), readable.fill_null(False).alias("r"))
    return pl.DataFrame(
        {
            "value": pl.repeat(decoded[0, 0], raw.len(), dtype=pl.String, eager=True),
            "readable": pl.repeat(decoded[0, 1], raw.len(), dtype=pl.Boolean, eager=True),
        }
    )


def _timed(fast: Fast, candidates: pl.DataFrame) -> pl.DataFrame:
    """``candidates`` with ``ts`` and ``aware``: from the epoch, else from the minute key."""
    frame = _with_minutes(fast, candidates)
    epoch = pl.col("epoch")
    from_key = pl.col("minute") + pl.duration(microseconds=pl.col("sub"))
    return frame.with_columns(
        ts=pl.when(epoch.is_null()).then(from_key).otherwise(epoch.cast(TS_TYPE)),
        aware=epoch.is_not_null() | pl.col("aware").fill_null(False),
        flag=pl.lit(None, pl.String),
    )


def _with_minutes(fast: Fast, candidates: pl.DataFrame) -> pl.DataFrame:
    """``candidates`` with each key's ``minute`` and ``aware``, each key parsed once.

    Logs are written in time order, so keys come in runs: each run's key is parsed
    and spread back by run number, which is cheaper than a join. Keys that do not
    run (interleaved writers...) are parsed once per distinct key and joined.
    """
    keys = candidates["key"]
    runs = keys.rle().struct.field("value")
    minute, aware = fast.key_time(pl.col("key"))
    if runs.len() > _MAX_RUNS:
        distinct = pl.DataFrame({"key": keys.unique()})
        parsed = distinct.with_columns(minute.cast(TS_TYPE).alias("minute"), aware.alias("aware"))
        return candidates.join(parsed, on="key", how="left", maintain_order="left")
    parsed = pl.DataFrame({"key": runs}).with_columns(
        minute.cast(TS_TYPE).alias("minute"), aware.alias("aware")
    )
    run = keys.rle_id()
    return candidates.with_columns(
        minute=parsed["minute"].gather(run), aware=parsed["aware"].gather(run)
    )

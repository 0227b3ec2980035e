"""Sort every line of a chunk into exactly one of: record, continuation, or skipped (why).

The order of the checks is the order of the reasons' strength: a line too long to
read, a blank line, a record, a continuation under a record, binary data, and
finally whatever the format said was wrong with it.
"""

from __future__ import annotations

import polars as pl

from hotwash.evidence.logs.formats.base import TEXT

RECORD = "record"
CONTINUATION = "continuation"
BLANK = "blank line"
BINARY = "binary data or invalid UTF-8"
ORPHAN = "continuation line without a record above"
INVALID_UTF8_KEPT = "invalid UTF-8 replaced"
_BINARY = r"\x{FFFD}|[\x00-\x08\x0E-\x1A\x1C-\x1F\x7F]"


def too_long_reason(max_line_bytes: int) -> str:
    return f"line longer than {max_line_bytes} bytes"


def classify(
    chunk: pl.DataFrame,
    parsed: pl.DataFrame,
    *,
    seen_record: bool,
    max_line_bytes: int,
    record_before: int | None = None,
    clean: bool = False,
) -> pl.DataFrame:
    """``parsed`` plus a ``status`` column (record, continuation or a skip reason).

    ``chunk`` may be only some lines of a block (the fast path read the others):
    ``record_before`` is the first line the fast path found to start a record, so
    lines after it continue a record. ``clean``: no line can be binary.
    """
    text = chunk[TEXT]
    frame = parsed.with_columns(
        too_long=chunk["too_long"],
        blank=text.str.strip_chars() == "",
        binary=pl.repeat(False, chunk.height, eager=True) if clean else text.str.contains(_BINARY),
    )
    start = pl.col("reason").is_null() & ~pl.col("too_long") & ~pl.col("blank")
    seen = (start.cast(pl.Int64).cum_sum() > 0) | seen_record
    if record_before is not None:
        seen = seen | (pl.col("line") > record_before)
    maybe_cont = (
        pl.col("cont") & ~pl.col("blank") & ~pl.col("too_long") & ~pl.col("binary") & ~start
    )
    status = (
        pl.when(pl.col("too_long"))
        .then(pl.lit(too_long_reason(max_line_bytes)))
        .when(pl.col("blank"))
        .then(pl.lit(BLANK))
        .when(start)
        .then(pl.lit(RECORD))
        .when(maybe_cont & seen)
        .then(pl.lit(CONTINUATION))
        .when(maybe_cont)
        .then(pl.lit(ORPHAN))
        .when(pl.col("binary"))
        .then(pl.lit(BINARY))
        .otherwise(pl.col("reason"))
    )
    flag = pl.when(start & pl.col("binary") & pl.col("flag").is_null()).then(
        pl.lit(INVALID_UTF8_KEPT)
    )
    return frame.with_columns(status=status, flag=flag.otherwise(pl.col("flag")))


def is_binary(text: pl.Expr) -> pl.Expr:
    """Whether a line holds binary data or bytes that were not valid UTF-8."""
    return text.str.contains(_BINARY)

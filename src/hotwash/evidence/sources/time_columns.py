"""Whole columns of times (git logs, deploy tables) parsed at once with polars.

Each format is tried on the full column; a row takes the first that fits. Times with
an offset are exact; naive ones are read in the file's zone and flagged as assumed.
Only rows no format fits are looked at one by one (by unique value), which gives
them the same treatment and reasons as times in JSON evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from zoneinfo import ZoneInfo

import polars as pl

from hotwash.evidence.sources.timestamps import parse_instant

UTC_TYPE = pl.Datetime("us", "UTC")
ISO_AWARE = ("%Y-%m-%dT%H:%M:%S%.f%#z", "%Y-%m-%dT%H:%M%#z")
ISO_NAIVE = ("%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M")
DST_PROBLEM = "local time ambiguous or skipped by a DST change"


@dataclass
class ParsedColumn:
    """``times`` in UTC (null where unreadable), which were ``assumed`` local, and why not."""

    times: pl.Series
    assumed: pl.Series
    problems: pl.Series


def parse_time_column(
    raw: pl.Series,
    zone: tzinfo,
    aware_formats: tuple[str, ...] = ISO_AWARE,
    naive_formats: tuple[str, ...] = ISO_NAIVE,
) -> ParsedColumn:
    text = raw.cast(pl.String).str.strip_chars()
    # "2026-03-14 13:58" and "2026-03-14T13:58" are the same time; parse one spelling.
    frame = pl.DataFrame({"text": text.str.replace(r"^(\d{4}-\d{2}-\d{2}) (\d)", "${1}T${2}")})
    frame = frame.with_columns(
        aware=_first_fit(aware_formats, aware=True), naive=_first_fit(naive_formats, aware=False)
    )
    frame = frame.with_columns(naive=pl.when(pl.col("aware").is_null()).then(pl.col("naive")))
    frame = frame.with_columns(local=localize_expr(pl.col("naive"), zone))
    frame = frame.select(
        "text",
        times=pl.coalesce("aware", "local"),
        assumed=pl.col("local").is_not_null(),
        problems=pl.when(pl.col("naive").is_not_null() & pl.col("local").is_null())
        .then(pl.lit(DST_PROBLEM))
        .otherwise(pl.lit(None, dtype=pl.String)),
    )
    frame = _fallback(frame, zone)
    return ParsedColumn(frame["times"], frame["assumed"], frame["problems"])


def _first_fit(formats: tuple[str, ...], *, aware: bool) -> pl.Expr:
    text = pl.col("text").str
    zone = "UTC" if aware else None
    return pl.coalesce(
        [text.to_datetime(f, strict=False, time_unit="us", time_zone=zone) for f in formats]
    )


def localize_expr(naive: pl.Expr, zone: tzinfo) -> pl.Expr:
    """Naive local times in ``zone`` to UTC; DST folds and gaps become null."""
    if isinstance(zone, ZoneInfo):
        local = naive.dt.replace_time_zone(zone.key, ambiguous="null", non_existent="null")
        return local.dt.convert_time_zone("UTC")
    offset = zone.utcoffset(None)
    shifted = naive - pl.lit(offset) if offset else naive
    return shifted.dt.replace_time_zone("UTC")


def _fallback(frame: pl.DataFrame, zone: tzinfo) -> pl.DataFrame:
    """Rows no format fitted: epoch numbers and other shapes, read value by value."""
    unread = frame["times"].is_null() & frame["problems"].is_null() & frame["text"].is_not_null()
    values = frame.filter(unread)["text"].unique().to_list()
    if not values and not frame["text"].is_null().any():
        return frame
    readings = {value: parse_instant(value, zone) for value in values}
    lookup = pl.DataFrame(
        {
            "text": values,
            "fb_time": [readings[v].at for v in values],
            "fb_assumed": [readings[v].assumed for v in values],
            "fb_problem": [readings[v].problem for v in values],
        },
        schema={
            "text": pl.String,
            "fb_time": UTC_TYPE,
            "fb_assumed": pl.Boolean,
            "fb_problem": pl.String,
        },
    )
    joined = frame.join(lookup, on="text", how="left", maintain_order="left")
    return joined.select(
        "text",
        pl.col("times").fill_null(pl.col("fb_time")),
        (pl.col("assumed") | pl.col("fb_assumed").fill_null(False)),
        pl.col("problems")
        .fill_null(pl.col("fb_problem"))
        .fill_null(pl.when(pl.col("text").is_null()).then(pl.lit("missing time"))),
    )

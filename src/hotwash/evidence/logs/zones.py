"""Which zone a file's naive times are in, and reading naive times in it (vectorised).

``ReadContext.zones`` maps a file-name glob or a service name to a zone; otherwise
``default_zone`` applies. The zone is recorded as assumed in the file's stats.
"""

from __future__ import annotations

from datetime import UTC, timedelta, timezone, tzinfo
from fnmatch import fnmatch
from pathlib import Path

import polars as pl

from hotwash.evidence.source import ReadContext
from hotwash.times.zones import zone_name

# Local times in a spring-forward gap do not exist; read them with the offset in
# force just before the gap (as a clock that was not yet moved would have).
_BEFORE_GAP = timedelta(hours=3)


def zone_for(path: Path, display: str, services: list[str], context: ReadContext) -> tzinfo:
    for pattern, zone in context.zones.items():
        if fnmatch(path.name, pattern) or fnmatch(display, pattern) or pattern in services:
            return zone
    return context.default_zone


def polars_zone(zone: tzinfo) -> str:
    """The name polars knows ``zone`` by: an IANA key, ``UTC`` or a ``+HH:MM`` offset."""
    if zone is UTC:
        return "UTC"
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return key
    offset = zone.utcoffset(None) if isinstance(zone, timezone) else None
    if offset is None:
        return zone_name(zone)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def localise(ts: pl.Expr, zone: str) -> tuple[pl.Expr, pl.Expr]:
    """(UTC time, ambiguous) for naive local ``ts``; DST folds read as the earlier time."""
    earliest = ts.dt.replace_time_zone(zone, ambiguous="earliest", non_existent="null")
    latest = ts.dt.replace_time_zone(zone, ambiguous="latest", non_existent="null")
    shifted = (ts - _BEFORE_GAP).dt.replace_time_zone(zone, ambiguous="earliest") + _BEFORE_GAP
    utc = pl.coalesce(earliest, shifted).dt.convert_time_zone("UTC").dt.replace_time_zone(None)
    return utc, earliest != latest


def to_utc(ts: pl.Series, zone: str) -> tuple[pl.Series, pl.Series]:
    """(UTC time, ambiguous) for naive local ``ts``, worked out once per distinct minute
    (zones change offset on whole minutes) and spread back over the rows."""
    if zone == "UTC":
        return ts, pl.repeat(False, ts.len(), eager=True)
    frame = pl.DataFrame({"ts": ts}).with_columns(minute=pl.col("ts").dt.truncate("1m"))
    utc, ambiguous = localise(pl.col("minute"), zone)
    minutes = frame.select(pl.col("minute").unique()).with_columns(
        utc=utc, ambiguous=ambiguous.fill_null(False)
    )
    joined = frame.join(minutes, on="minute", how="left", maintain_order="left")
    moved = joined.select(pl.col("utc") + (pl.col("ts") - pl.col("minute")))
    return moved.to_series().alias("ts"), joined["ambiguous"]


def describe(zone: tzinfo) -> str:
    return zone_name(zone)

"""Vectorised timestamp parsing: ISO 8601 (with or without offset), epochs, strftime.

Every parser returns a naive ``Datetime("us")`` plus, where it can vary per row, a
boolean telling whether that value is already UTC (an offset or ``Z`` was given) or
is a local reading that still needs a zone.
"""

from __future__ import annotations

import polars as pl

from hotwash.evidence.logs.formats.base import TS_TYPE

ISO_PATTERN = (
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:\s?(?:[Zz]|[+-]\d{2}(?::?\d{2})?))?"
)


def iso(text: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(timestamp, aware) for ISO 8601 text; ``T`` or space, ``.`` or ``,``, any offset form."""
    normal = (
        text.str.strip_chars()
        .str.replace(",", ".", literal=True)
        .str.replace(r"^(\d{4}-\d{2}-\d{2}) ", "${1}T")
        .str.replace(r"\s?[Zz]$", "+00:00")
        .str.replace(r"\s?([+-]\d{2}):?(\d{2})$", "${1}:${2}")
        .str.replace(r"(:\d{2}(?:\.\d+)?)\s?([+-]\d{2})$", "${1}${2}:00")
    )
    aware = normal.str.to_datetime(
        "%Y-%m-%dT%H:%M:%S%.f%:z", strict=False, time_zone="UTC", time_unit="us"
    ).dt.replace_time_zone(None)
    naive = normal.str.to_datetime("%Y-%m-%dT%H:%M:%S%.f", strict=False, time_unit="us")
    return pl.coalesce(aware, naive), aware.is_not_null()


def epoch(number: pl.Expr) -> pl.Expr:
    """Seconds, milliseconds, microseconds or nanoseconds since 1970, told by magnitude."""
    value = number.cast(pl.Float64, strict=False)
    size = value.abs()
    micros = (
        pl.when(size < 1e11)
        .then(value * 1e6)  # seconds
        .when(size < 1e14)
        .then(value * 1e3)  # milliseconds
        .when(size < 1e17)
        .then(value)  # microseconds
        .otherwise(value / 1e3)  # nanoseconds
    )
    return micros.round(0).cast(pl.Int64, strict=False).cast(TS_TYPE)


def epoch_text(text: pl.Expr) -> pl.Expr:
    """An epoch written as digits (journald's microseconds keep full precision as integers)."""
    whole = text.cast(pl.Int64, strict=False)
    exact = pl.when(whole.is_not_null() & (whole.abs() >= 10**14) & (whole.abs() < 10**17))
    return exact.then(whole.cast(TS_TYPE)).otherwise(epoch(text))


def strptime(text: pl.Expr, fmt: str) -> pl.Expr:
    """A naive reading with an explicit strftime format; null when it does not fit."""
    return text.str.to_datetime(fmt, strict=False, time_unit="us")


def strptime_aware(text: pl.Expr, fmt: str) -> pl.Expr:
    """A reading whose format includes ``%z``: the result is UTC (returned naive)."""
    parsed = text.str.to_datetime(fmt, strict=False, time_zone="UTC", time_unit="us")
    return parsed.dt.replace_time_zone(None)

"""The fast path for logfmt: keys found by one regex search, values read from windows.

Levels and services are read from a fixed window after their key, decoded once per
distinct window: a window holds the whole value if the value ends on a blank inside
it, or if the line itself ends inside it (the window is then short). A quoted value
holding a blank, an escape or an odd quote is left to the full parse. The time, when
the line starts with ``time=`` and a compact UTC time, sits at fixed columns.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from hotwash.evidence.logs.formats.fast import (
    ISO_GROUPS,
    MICROS,
    Field,
    KeyTime,
    iso_key_time,
    iso_parts,
)
from hotwash.evidence.logs.formats.json_fast import utc_minute

# Windows should repeat as the values do: a level's is narrow (a blank, the longest
# level key, "=", a quoted level word and a blank); a service's is cut at its blank.
LEVEL_WIDTH = 21
SERVICE_WIDTH = 48
TIME_WIDTH = 60  # a blank, the longest time key, "=", a quoted ISO time and a blank
_VALUE = r'=(?:("(?:[^"\\]|\\.)*")|([^"\s]\S*)|)(?P<end>\s|$)'
_COMPACT = r"^time=[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-5][0-9]\.[0-9]{3}Z(?:\s|$)"


def names(keys: tuple[str, ...]) -> str:
    return "|".join(key.replace(".", r"\.") for key in keys)


def key_pattern(keys: tuple[str, ...]) -> str:
    """A key at the line start or after a blank, with its ``=``."""
    return r"(?:^|\s)(?:" + names(keys) + r")="


def found(text: pl.Expr, keys: tuple[str, ...]) -> pl.Expr:
    return text.str.find(key_pattern(keys)).cast(pl.Int64)


def field(
    text: pl.Expr,
    keys: tuple[str, ...],
    width: int,
    normalise: Callable[[pl.Expr], pl.Expr],
    unquote: Callable[[pl.Expr], pl.Expr],
    *,
    cut: bool = False,
) -> Field:
    """The first of ``keys`` read from a ``width``-character window (``cut`` after the
    first blank in it), decoded once per distinct window."""
    pattern = r"^\s?(?:" + names(keys) + ")" + _VALUE

    def decode(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
        parts = raw.str.extract_groups(pattern).struct.field
        whole = (parts("end") != "") | (raw.str.len_chars() < width)
        written = pl.when(raw.str.contains(pattern) & whole).then(
            pl.coalesce(parts("1"), parts("2"), pl.lit(""))
        )
        return normalise(unquote(written)), raw.is_null() | written.is_not_null()

    window = text.str.slice(found(text, keys), width)
    if cut:
        window = window.str.slice(0, window.str.slice(1).str.find(" ", literal=True) + 2)
    return Field(window, decode)


def any_time(text: pl.Expr, keys: tuple[str, ...]) -> tuple[dict[str, pl.Expr], ...]:
    """Steps capturing an ISO time (quoted or not) after the first of ``keys``."""
    pattern = r"^\s?(?:" + names(keys) + r')=(?P<open>"?)' + ISO_GROUPS + r'(?P<close>"?)(?:\s|$)'
    window = text.str.slice(found(text, keys), TIME_WIDTH)
    return ({"_logfmt_time": window.str.extract_groups(pattern)},)


def any_time_parts() -> tuple[pl.Expr, pl.Expr, pl.Expr, KeyTime]:
    """(ok, key, sub, key_time) from :func:`any_time`'s steps."""
    time = pl.col("_logfmt_time")
    key, sub = iso_parts(time)
    balanced = time.struct.field("open") == time.struct.field("close")
    return balanced, key, sub, iso_key_time


def compact_time(text: pl.Expr) -> tuple[pl.Expr, pl.Expr, pl.Expr, KeyTime]:
    """(ok, key, sub, key_time) when the line starts ``time=2026-03-14T14:02:11.123Z``."""
    seconds = text.str.slice(22, 2).cast(pl.Int64, strict=False)
    millis = text.str.slice(25, 3).cast(pl.Int64, strict=False)
    ok = text.str.contains(_COMPACT)
    return ok, text.str.slice(5, 16), seconds * MICROS + millis * 1000, utc_minute


def simple_value(text: pl.Expr, keys: tuple[str, ...]) -> pl.Expr:
    """The first of ``keys``'s value on an ASCII line, if it is unquoted or quoted
    without escapes; else null (the full parse reads it)."""
    start = found(text, keys)
    tail = text.str.slice(start)
    value = tail.str.slice(tail.str.find("=", literal=True) + 1)
    quoted = value.str.slice(1, value.str.slice(1).str.find('"', literal=True))
    bare = value.str.slice(0, value.str.find(r"\s"))
    simple_quote = value.str.starts_with('"') & ~quoted.str.contains("\\", literal=True)
    ascii = text.str.len_bytes() == text.str.len_chars()
    read = pl.when(simple_quote).then(quoted).when(~value.str.starts_with('"')).then(bare)
    return pl.when(ascii).then(read)

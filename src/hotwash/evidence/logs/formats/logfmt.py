"""logfmt: ``time=2026-03-14T14:02:11Z level=error msg="pool exhausted" service=api``.

The fast path finds each wanted key with one regex search and reads its value from
the text up to the next blank: the time per line, levels and services once per
distinct value. A quoted value holding a blank, an escape or an odd quote is left
to the full parse.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from hotwash.evidence.logs import clock, levels
from hotwash.evidence.logs.formats.base import Columns, LogFormat, timestamp_reason
from hotwash.evidence.logs.formats.fast import (
    ISO_GROUPS,
    Decode,
    Fast,
    Field,
    iso_key_time,
    iso_parts,
)

_PAIR = r"[A-Za-z_][\w.-]*=(?:\"(?:[^\"\\]|\\.)*\"|\S*)"
_SHAPE = r"^\s*" + _PAIR + r"(?:\s+" + _PAIR + r")+\s*$"
_VALUE = r"(\"(?:[^\"\\]|\\.)*\"|\S*)"
TIME_KEYS = ("time", "ts", "timestamp", "t", "datetime", "@timestamp")
LEVEL_KEYS = ("level", "lvl", "severity", "loglevel")
MESSAGE_KEYS = ("msg", "message", "event")
SERVICE_KEYS = ("service", "app", "component", "svc", "service.name")
_TIME_WINDOW = 60  # a blank, the longest time key, "=", a quoted ISO time and a blank


def _names(keys: tuple[str, ...]) -> str:
    return "|".join(key.replace(".", r"\.") for key in keys)


def _key(keys: tuple[str, ...]) -> str:
    """A key at the line start or after a blank, with its ``=``."""
    return r"(?:^|\s)(?:" + _names(keys) + r")="


def unquote(raw: pl.Expr) -> pl.Expr:
    quoted = raw.str.starts_with('"')
    unquoted = raw.str.slice(1, raw.str.len_chars() - 2).str.replace_all(r"\\(.)", "${1}")
    return pl.when(quoted).then(unquoted).otherwise(raw)


def value(text: pl.Expr, keys: tuple[str, ...]) -> pl.Expr:
    """The value of the first of ``keys`` present on the line, unquoted."""
    return unquote(text.str.extract(_key(keys) + _VALUE, 1))


def _found(text: pl.Expr, keys: tuple[str, ...]) -> pl.Expr:
    return text.str.find(_key(keys)).cast(pl.Int64)


def value_window(text: pl.Expr, keys: tuple[str, ...]) -> pl.Expr:
    """The first of ``keys`` with its value, up to and with the next blank."""
    found = _found(text, keys)
    end = text.str.slice(found + 1).str.find(r"\s").cast(pl.Int64).fill_null(1 << 30)
    return text.str.slice(found, end + 2)


def decode_value(keys: tuple[str, ...], normalise: Callable[[pl.Expr], pl.Expr]) -> Decode:
    """Read a :func:`value_window` as :func:`value` would, if it holds the whole value."""
    whole = r"^\s?(?:" + _names(keys) + r')=(?:("(?:[^"\\]|\\.)*")|([^"\s]\S*)|)(?:\s|$)'

    def decode(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
        parts = raw.str.extract_groups(whole).struct.field
        written = pl.when(raw.str.contains(whole)).then(
            pl.coalesce(parts("1"), parts("2"), pl.lit(""))
        )
        return normalise(unquote(written)), raw.is_null() | written.is_not_null()

    return decode


def _same(value: pl.Expr) -> pl.Expr:
    return value


def _time_pattern() -> str:
    return r"^\s?(?:" + _names(TIME_KEYS) + r')=(?P<open>"?)' + ISO_GROUPS + r'(?P<close>"?)(?:\s|$)'


class LogfmtFormat(LogFormat):
    name = "logfmt"
    shape = _SHAPE

    def columns(self, text: pl.Expr) -> Columns:
        raw_ts = value(text, TIME_KEYS)
        iso_ts, aware = clock.iso(raw_ts)
        numeric = raw_ts.str.contains(r"^\d+(?:\.\d+)?$")
        ts = pl.when(numeric).then(clock.epoch_text(raw_ts)).otherwise(iso_ts)
        return Columns(
            reason=timestamp_reason(text.str.contains(_SHAPE), raw_ts, ts, self.mismatch()),
            ts=ts,
            aware=numeric | aware,
            level=levels.from_word(value(text, LEVEL_KEYS)),
            message=value(text, MESSAGE_KEYS).fill_null(""),
            service=value(text, SERVICE_KEYS),
            cont=self.continues(text),
        )

    def fast(self, text: pl.Expr, *, timed: bool = True) -> tuple[Fast, ...]:
        return (self._layout(text, timed),)

    def _layout(self, text: pl.Expr, timed: bool) -> Fast:
        time = pl.col("_logfmt_time")
        key, sub = iso_parts(time)
        balanced = time.struct.field("open") == time.struct.field("close")
        shaped = text.str.contains(_SHAPE)
        window = text.str.slice(_found(text, TIME_KEYS), _TIME_WINDOW)
        return Fast(
            steps=({"_logfmt_time": window.str.extract_groups(_time_pattern())},) if timed else (),
            recognised=shaped,
            ok=shaped & balanced,
            key=key,
            sub=sub,
            key_time=iso_key_time,
            level=Field(value_window(text, LEVEL_KEYS), decode_value(LEVEL_KEYS, levels.from_word)),
            service=Field(value_window(text, SERVICE_KEYS), decode_value(SERVICE_KEYS, _same)),
            ascii_only=True,
        )

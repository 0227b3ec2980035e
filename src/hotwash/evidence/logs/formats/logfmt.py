"""logfmt: ``time=2026-03-14T14:02:11Z level=error msg="pool exhausted" service=api``.

The fast path is in :mod:`.logfmt_fast`.
"""

from __future__ import annotations

import polars as pl

from hotwash.evidence.logs import clock, levels
from hotwash.evidence.logs.formats import logfmt_fast as lf
from hotwash.evidence.logs.formats.base import (
    TEXT,
    Columns,
    LogFormat,
    filled,
    timestamp_reason,
)
from hotwash.evidence.logs.formats.fast import NO_KEY, NO_SUB, Fast, iso_key_time

_PAIR = r"[A-Za-z_][\w.-]*=(?:\"(?:[^\"\\]|\\.)*\"|\S*)"
_SHAPE = r"^\s*" + _PAIR + r"(?:\s+" + _PAIR + r")+\s*$"
_VALUE = r"(\"(?:[^\"\\]|\\.)*\"|\S*)"
TIME_KEYS = ("time", "ts", "timestamp", "t", "datetime", "@timestamp")
LEVEL_KEYS = ("level", "lvl", "severity", "loglevel")
MESSAGE_KEYS = ("msg", "message", "event")
SERVICE_KEYS = ("service", "app", "component", "svc", "service.name")


def unquote(raw: pl.Expr) -> pl.Expr:
    quoted = raw.str.starts_with('"')
    unquoted = raw.str.slice(1, raw.str.len_chars() - 2).str.replace_all(r"\\(.)", "${1}")
    return pl.when(quoted).then(unquoted).otherwise(raw)


def value(text: pl.Expr, keys: tuple[str, ...]) -> pl.Expr:
    """The value of the first of ``keys`` present on the line, unquoted."""
    return unquote(text.str.extract(lf.key_pattern(keys) + _VALUE, 1))


class LogfmtFormat(LogFormat):
    name = "logfmt"
    shape = _SHAPE
    shape_decides = True

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
        shaped = text.str.contains(_SHAPE)
        level = lf.field(text, LEVEL_KEYS, lf.LEVEL_WIDTH, levels.from_word, unquote)
        service = lf.field(text, SERVICE_KEYS, lf.SERVICE_WIDTH, _same, unquote, cut=True)
        if not timed:
            return (Fast(shaped, shaped, NO_KEY, NO_SUB, iso_key_time, level, service),)
        compact = lf.compact_time(text)
        general = lf.any_time_parts()
        return tuple(
            Fast(
                steps=steps,
                recognised=shaped,
                ok=shaped & ok,
                key=key,
                sub=sub,
                key_time=key_time,
                level=level,
                service=service,
                ascii_only=True,
            )
            for steps, (ok, key, sub, key_time) in (
                ((), compact),
                (lf.any_time(text, TIME_KEYS), general),
            )
        )

    def messages(self, frame: pl.DataFrame) -> pl.Series:
        quick = lf.simple_value(pl.col(TEXT), MESSAGE_KEYS)
        return filled(frame, quick, super().messages)


def _same(value: pl.Expr) -> pl.Expr:
    return value

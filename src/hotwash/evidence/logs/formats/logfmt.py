"""logfmt: ``time=2026-03-14T14:02:11Z level=error msg="pool exhausted" service=api``."""

from __future__ import annotations

import polars as pl

from hotwash.evidence.logs import clock, levels
from hotwash.evidence.logs.formats.base import Columns, LogFormat, timestamp_reason

_PAIR = r"[A-Za-z_][\w.-]*=(?:\"(?:[^\"\\]|\\.)*\"|\S*)"
_SHAPE = r"^\s*" + _PAIR + r"(?:\s+" + _PAIR + r")+\s*$"
TIME_KEYS = ("time", "ts", "timestamp", "t", "datetime", "@timestamp")
LEVEL_KEYS = ("level", "lvl", "severity", "loglevel")
MESSAGE_KEYS = ("msg", "message", "event")
SERVICE_KEYS = ("service", "app", "component", "svc", "service.name")


def value(text: pl.Expr, keys: tuple[str, ...]) -> pl.Expr:
    """The value of the first of ``keys`` present on the line, unquoted."""
    names = "|".join(key.replace(".", r"\.") for key in keys)
    raw = text.str.extract(r"(?:^|\s)(?:" + names + r")=(\"(?:[^\"\\]|\\.)*\"|\S*)", 1)
    quoted = raw.str.starts_with('"')
    unquoted = raw.str.slice(1, raw.str.len_chars() - 2).str.replace_all(r"\\(.)", "${1}")
    return pl.when(quoted).then(unquoted).otherwise(raw)


class LogfmtFormat(LogFormat):
    name = "logfmt"

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

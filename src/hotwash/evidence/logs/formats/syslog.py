"""Syslog: RFC 3164 (BSD, year-less: ``Mar 14 14:02:11 host app[42]: msg``, with or
without ``<PRI>``) and RFC 5424 (``<34>1 2026-03-14T14:02:11.003Z host app 42 ID [sd] msg``).

The app name is the service; the level comes from the PRI severity when present,
else from a level word in the message.
"""

from __future__ import annotations

import polars as pl

from hotwash.evidence.logs import clock, levels
from hotwash.evidence.logs.formats.base import (
    PLACEHOLDER_YEAR,
    Calendar,
    Columns,
    LogFormat,
    after_head,
    ascii_classes,
    head_fields,
    timestamp_reason,
)

_RFC3164 = (
    r"^(?P<head>(?:<(?P<pri>\d{1,3})>)?(?P<ts>[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}) "
    r"(?P<host>\S+) (?P<app>[^\s:\[]+)(?:\[(?P<pid>[^\]]*)\])?: ?)"
)
_RFC5424 = (
    r"^(?P<head><(?P<pri>\d{1,3})>1 (?P<ts>\S+) (?P<host>\S+) (?P<app>\S+) (?P<procid>\S+) "
    r"(?P<msgid>\S+) (?P<sd>-|(?:\[(?:[^\]\\]|\\.)*\])+) ?)"
)


def _level(fields: pl.Expr, message: pl.Expr) -> pl.Expr:
    severity = fields.struct.field("pri").cast(pl.Int32, strict=False) % 8
    return pl.coalesce(levels.from_syslog_severity(severity), levels.from_keywords(message))


class Rfc3164Format(LogFormat):
    name = "syslog-rfc3164"
    calendar = Calendar.NO_YEAR
    continuation = None
    shape = ascii_classes(_RFC3164)

    def columns(self, text: pl.Expr) -> Columns:
        fields = head_fields(text, _RFC3164)
        raw_ts = fields.struct.field("ts")
        ts = clock.strptime(
            pl.concat_str(pl.lit(f"{PLACEHOLDER_YEAR} "), raw_ts), "%Y %b %e %H:%M:%S"
        )
        message = after_head(text, fields)
        return Columns(
            reason=timestamp_reason(
                fields.struct.field("head").is_not_null(), raw_ts, ts, self.mismatch()
            ),
            ts=ts,
            aware=pl.lit(False),
            level=_level(fields, message),
            message=message,
            service=fields.struct.field("app"),
        )


class Rfc5424Format(LogFormat):
    name = "syslog-rfc5424"
    continuation = None
    shape = ascii_classes(_RFC5424)

    def columns(self, text: pl.Expr) -> Columns:
        fields = head_fields(text, _RFC5424)
        raw_ts = fields.struct.field("ts").replace("-", None)
        ts, aware = clock.iso(raw_ts)
        message = after_head(text, fields).str.strip_prefix("\ufeff")
        return Columns(
            reason=timestamp_reason(
                fields.struct.field("head").is_not_null(), raw_ts, ts, self.mismatch()
            ),
            ts=ts,
            aware=aware,
            level=_level(fields, message),
            message=message,
            service=fields.struct.field("app").replace("-", None),
        )

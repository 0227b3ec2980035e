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
from hotwash.evidence.logs.formats.fast import (
    ISO_GROUPS,
    Fast,
    Field,
    iso_key_time,
    iso_parts,
    readable,
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
    return _pri_or_word(fields.struct.field("pri"), levels.keyword(message))


def _pri_or_word(pri: pl.Expr, word: pl.Expr) -> pl.Expr:
    severity = pri.cast(pl.Int32, strict=False) % 8
    return pl.coalesce(levels.from_syslog_severity(severity), levels.from_word(word))


def _decode_level(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    return _pri_or_word(raw.struct.field("pri"), raw.struct.field("word")), pl.lit(True)


def _dash_is_none(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    return raw.replace("-", None), pl.lit(True)


def _syslog_time(key: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    stamp = pl.concat_str(pl.lit(f"{PLACEHOLDER_YEAR} "), key)
    return clock.strptime(stamp, "%Y %b %e %H:%M:%S"), pl.lit(False)


class Rfc3164Format(LogFormat):
    name = "syslog-rfc3164"
    calendar = Calendar.NO_YEAR
    continuation = None
    shape = ascii_classes(_RFC3164)
    shape_decides = True

    def columns(self, text: pl.Expr) -> Columns:
        fields = head_fields(text, _RFC3164)
        raw_ts = fields.struct.field("ts")
        ts, _ = _syslog_time(raw_ts)
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

    def fast(self, text: pl.Expr, *, timed: bool = True) -> tuple[Fast, ...]:
        """The full pattern captures; times have whole seconds, each parsed once."""
        part = pl.col("_syslog").struct.field
        message = text.str.slice(part("head").str.len_chars())
        matched = part("head").is_not_null()
        level = pl.struct(pri=part("pri"), word=levels.keyword(message))
        return (
            Fast(
                steps=({"_syslog": text.str.extract_groups(self.shape)},),
                recognised=matched,
                ok=matched,
                key=part("ts"),
                sub=pl.lit(0, pl.Int64),
                key_time=_syslog_time,
                level=Field(level, _decode_level),
                service=Field(part("app"), readable(_same)),
            ),
        )


class Rfc5424Format(LogFormat):
    name = "syslog-rfc5424"
    continuation = None
    shape = ascii_classes(_RFC5424)
    shape_decides = True

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

    def fast(self, text: pl.Expr, *, timed: bool = True) -> tuple[Fast, ...]:
        """The full pattern captures, then the time's parts; a PRI always gives the level."""
        part = pl.col("_syslog").struct.field
        time = pl.col("_time")
        key, sub = iso_parts(time)
        return (
            Fast(
                steps=(
                    {"_syslog": text.str.extract_groups(self.shape)},
                    {"_time": part("ts").str.extract_groups("^" + ISO_GROUPS + "$")},
                ),
                recognised=part("head").is_not_null(),
                ok=time.struct.field("hm").is_not_null(),
                key=key,
                sub=sub,
                key_time=iso_key_time,
                level=Field(part("pri"), readable(_severity)),
                service=Field(part("app"), _dash_is_none),
            ),
        )


def _severity(pri: pl.Expr) -> pl.Expr:
    return levels.from_syslog_severity(pri.cast(pl.Int32, strict=False) % 8)


def _same(value: pl.Expr) -> pl.Expr:
    return value

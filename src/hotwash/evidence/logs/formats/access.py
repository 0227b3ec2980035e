"""nginx and Apache access logs, combined or common format.

``10.0.0.7 - - [14/Mar/2026:15:02:11 +0100] "GET /api/orders?id=7 HTTP/1.1" 502 157 ...``
The offset in the brackets is always honoured. 5xx responses are errors, 4xx warnings;
the message is ``"{status} {method} {path}"``, without the query and with ids in the
path (numbers, UUIDs, long hex) masked as ``<*>``: a template key, not mined.

The fast path reads the usual layout with one one-pass regex; times have whole
seconds, so each distinct time text is parsed once, as the full parse would.
"""

from __future__ import annotations

import polars as pl

from hotwash.evidence.logs import clock, levels
from hotwash.evidence.logs.formats.base import (
    Columns,
    LogFormat,
    ascii_classes,
    head_fields,
    timestamp_reason,
)
from hotwash.evidence.logs.formats.fast import Fast, Field, readable

_PATTERN = (
    r"^(?P<head>(?P<client>\S+) (?P<ident>\S+) (?P<user>\S+) \[(?P<ts>[^\]]+)\] "
    r"\"(?P<request>(?:[^\"\\]|\\.)*)\" (?P<status>\d{3}) (?P<size>\S+))"
)
# _PATTERN with the usual time layout in the brackets (so the same match), one-pass.
_FAST = (
    r"^[^ \t]+ [^ \t]+ [^ \t]+ \[(?P<ts>[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:[0-9]{2}:[0-9]{2}:"
    r"[0-5][0-9] [+-][0-9]{4})\] \"(?:[^\"\\]|\\.)*\" (?P<status>[0-9]{3}) [^ \t]"
)
_TIME = "%d/%b/%Y:%H:%M:%S %z"


class AccessLogFormat(LogFormat):
    name = "access-log"
    continuation = None
    keyed_messages = True
    shape = ascii_classes(_PATTERN)
    shape_decides = True

    def columns(self, text: pl.Expr) -> Columns:
        fields = head_fields(text, _PATTERN)
        raw_ts = fields.struct.field("ts")
        ts = clock.strptime_aware(raw_ts, _TIME)
        request = fields.struct.field("request")
        status = fields.struct.field("status")
        message = pl.concat_str(
            status,
            pl.lit(" "),
            request.str.extract(r"^([A-Z]+) ", 1).fill_null("-"),
            pl.lit(" "),
            _masked_path(request.str.extract(r"^[A-Z]+ ([^ ?#]+)", 1)).fill_null("-"),
        )
        return Columns(
            reason=timestamp_reason(
                fields.struct.field("head").is_not_null(), raw_ts, ts, self.mismatch()
            ),
            ts=ts,
            aware=pl.lit(True),
            level=levels.from_http_status(status.cast(pl.Int32, strict=False)),
            message=message,
        )

    def fast(self, text: pl.Expr, *, timed: bool = True) -> tuple[Fast, ...]:
        fields = pl.col("_access").struct.field
        return (
            Fast(
                steps=({"_access": text.str.extract_groups(_FAST)},),
                recognised=fields("ts").is_not_null(),
                ok=fields("ts").is_not_null(),
                key=fields("ts"),  # whole seconds: the key is the time itself
                sub=pl.lit(0, pl.Int64),
                key_time=_key_time,
                level=Field(fields("status"), readable(_status_level)),
            ),
        )


def _key_time(key: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    return clock.strptime_aware(key, _TIME), pl.lit(True)


def _status_level(status: pl.Expr) -> pl.Expr:
    return levels.from_http_status(status.cast(pl.Int32, strict=False))


# Path segments that are ids: all digits, a UUID, or hex of 8 characters or more.
_ID_SEGMENT = (
    r"/(?:[0-9]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|[0-9a-fA-F]{8,})(/|$)"
)


def _masked_path(path: pl.Expr) -> pl.Expr:
    """``path`` with id segments as ``<*>``; twice, since matches cannot share a slash."""
    once = path.str.replace_all(_ID_SEGMENT, "/<*>$1")
    return once.str.replace_all(_ID_SEGMENT, "/<*>$1")

"""nginx and Apache access logs, combined or common format.

``10.0.0.7 - - [14/Mar/2026:15:02:11 +0100] "GET /api/orders?id=7 HTTP/1.1" 502 157 ...``
The offset in the brackets is always honoured. 5xx responses are errors, 4xx warnings;
the message for templates is ``"{status} {method} {path without query}"``.
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

_PATTERN = (
    r"^(?P<head>(?P<client>\S+) (?P<ident>\S+) (?P<user>\S+) \[(?P<ts>[^\]]+)\] "
    r"\"(?P<request>(?:[^\"\\]|\\.)*)\" (?P<status>\d{3}) (?P<size>\S+))"
)


class AccessLogFormat(LogFormat):
    name = "access-log"
    continuation = None
    shape = ascii_classes(_PATTERN)

    def columns(self, text: pl.Expr) -> Columns:
        fields = head_fields(text, _PATTERN)
        raw_ts = fields.struct.field("ts")
        ts = clock.strptime_aware(raw_ts, "%d/%b/%Y:%H:%M:%S %z")
        request = fields.struct.field("request")
        status = fields.struct.field("status")
        message = pl.concat_str(
            status,
            pl.lit(" "),
            request.str.extract(r"^([A-Z]+) ", 1).fill_null("-"),
            pl.lit(" "),
            request.str.extract(r"^[A-Z]+ ([^ ?#]+)", 1).fill_null("-"),
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

"""Python ``logging`` default formats.

``%(asctime)s - %(name)s - %(levelname)s - %(message)s`` gives
``2026-03-14 14:02:11,123 - payments.db - ERROR - msg``; ``logging.basicConfig()``
gives ``ERROR:payments.db:msg``, which has no time at all: such records are
recognised but skipped as "no timestamp". Tracebacks continue the record above.
"""

from __future__ import annotations

import polars as pl

from hotwash.evidence.logs import clock, levels
from hotwash.evidence.logs.formats.base import (
    Columns,
    LogFormat,
    after_head,
    ascii_classes,
    head_fields,
    timestamp_reason,
)
from hotwash.evidence.logs.formats.fast import (
    Fast,
    Field,
    iso_key,
    iso_key_time,
    sub_minute,
    words,
)

_LEVEL = r"DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL|NOTSET"
_PATTERN = (
    r"^(?P<head>(?:(?P<ts>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:,\d{3})?) - (?P<name>.+?) - "
    r"(?P<level>" + _LEVEL + r") - |(?P<blevel>" + _LEVEL + r"):(?P<bname>[^:\s]*):))"
)


# The timed alternative of _PATTERN (same structure, so the same match), one group a part.
_FAST = (
    r"^(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2}) (?P<hm>[0-9]{2}:[0-9]{2}):(?P<sec>[0-5][0-9])"
    r"(?:,(?P<frac>[0-9]{3}))? - (?:.+?) - (?P<level>" + _LEVEL + r") - "
)


class PythonLoggingFormat(LogFormat):
    name = "python-logging"
    shape = ascii_classes(_PATTERN)
    shape_decides = True

    def columns(self, text: pl.Expr) -> Columns:
        fields = head_fields(text, _PATTERN)
        raw_ts = fields.struct.field("ts")
        ts, aware = clock.iso(raw_ts)
        level = pl.coalesce(fields.struct.field("level"), fields.struct.field("blevel"))
        return Columns(
            reason=timestamp_reason(
                fields.struct.field("head").is_not_null(), raw_ts, ts, self.mismatch()
            ),
            ts=ts,
            aware=aware,
            level=levels.from_word(level),
            message=after_head(text, fields),
            cont=self.continues(text),
        )

    def fast(self, text: pl.Expr, *, timed: bool = True) -> tuple[Fast, ...]:
        part = pl.col("_python").struct.field
        return (
            Fast(
                steps=({"_python": text.str.extract_groups(_FAST)},),
                recognised=part("hm").is_not_null(),
                ok=part("hm").is_not_null(),
                key=iso_key(part("date"), part("hm"), pl.lit(None, pl.String)),
                sub=sub_minute(part("sec"), part("frac")),
                key_time=iso_key_time,
                level=Field(part("level"), words),
            ),
        )

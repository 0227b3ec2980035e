"""Java log4j / logback pattern layouts, with or without a date.

``2026-03-14 14:02:11,123 ERROR [main] com.acme.Pool - msg`` (log4j),
``2026-03-14 14:02:11.123 [main] ERROR com.acme.Pool - msg`` (logback files) and
``14:02:11.123 [main] ERROR c.a.Pool - msg`` (logback console: no date at all, which
the reader completes from the file's neighbouring date and says so).
Stack traces (``\\tat ...``, ``Caused by: ...``) continue the record above them.
"""

from __future__ import annotations

import polars as pl

from hotwash.evidence.logs import clock, levels
from hotwash.evidence.logs.formats.base import (
    Calendar,
    Columns,
    LogFormat,
    after_head,
    head_fields,
    timestamp_reason,
)

_LEVEL = r"TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|SEVERE"
_BODY = (
    r"(?P<time>\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?)(?P<offset>Z|[+-]\d{2}:?\d{2})?\s+"
    r"(?:\[[^\]]*\]\s+)?(?P<level>" + _LEVEL + r")\s+(?:\[[^\]]*\]\s+)?"
    r"(?P<logger>[\w$.:/-]+)(?:\s+\[[^\]]*\])?\s+(?:-\s+)?"
)


class JavaFormat(LogFormat):
    def __init__(self, *, dated: bool) -> None:
        self.dated = dated
        self.name = "java" if dated else "java-time-only"
        self.calendar = Calendar.FULL if dated else Calendar.NO_DATE
        date = r"(?P<date>\d{4}-\d{2}-\d{2})[ T]" if dated else ""
        self.pattern = r"^(?P<head>" + date + _BODY + ")"

    def columns(self, text: pl.Expr) -> Columns:
        fields = head_fields(text, self.pattern)
        date = fields.struct.field("date") if self.dated else pl.lit("2000-01-01")
        stamp = pl.concat_str(
            date,
            pl.lit("T"),
            fields.struct.field("time"),
            fields.struct.field("offset").fill_null(""),
        )
        ts, aware = clock.iso(stamp)
        shape = fields.struct.field("head").is_not_null()
        return Columns(
            reason=timestamp_reason(shape, fields.struct.field("time"), ts, self.mismatch()),
            ts=ts,
            aware=aware,
            level=levels.from_word(fields.struct.field("level")),
            message=after_head(text, fields),
            cont=self.continues(text),
        )

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
    without_head,
)
from hotwash.evidence.logs.formats.fast import Fast, Field, iso_key, iso_key_time, sub_minute, words

_LEVEL = r"TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|SEVERE"
_BODY = (
    r"(?P<time>\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?)(?P<offset>Z|[+-]\d{2}:?\d{2})?\s+"
    r"(?:\[[^\]]*\]\s+)?(?P<level>" + _LEVEL + r")\s+(?:\[[^\]]*\]\s+)?"
    r"(?P<logger>[\w$.:/-]+)(?:\s+\[[^\]]*\])?\s+(?:-\s+)?"
)
# The same layout up to the logger and the blank after it, written so that each
# byte decides the branch (one-pass): polars then captures at DFA speed. A line it
# matches is matched by the full pattern with the same time and level.
_FAST_BODY = (
    r"(?P<hm>[0-9]{2}:[0-9]{2}):(?P<sec>[0-5][0-9])(?:[.,](?P<frac>[0-9]{1,9}))?"
    r"(?P<zone>Z|[+-][0-9]{2}:?[0-9]{2})?[ \t]+(?:\[[^\]]*\][ \t]+)?"
    r"(?P<level>" + _LEVEL + r")[ \t]+(?:\[[^\]]*\][ \t]+)?[A-Za-z0-9_$.:/-]+[ \t]"
)
_FAST_DATE = r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[ T]"
_PLACEHOLDER_DATE = "2000-01-01"


class JavaFormat(LogFormat):
    def __init__(self, *, dated: bool) -> None:
        self.dated = dated
        self.name = "java" if dated else "java-time-only"
        self.calendar = Calendar.FULL if dated else Calendar.NO_DATE
        date = r"(?P<date>\d{4}-\d{2}-\d{2})[ T]" if dated else ""
        self.pattern = r"^(?P<head>" + date + _BODY + ")"
        self.fast_pattern = "^" + (_FAST_DATE if dated else "") + _FAST_BODY

    def columns(self, text: pl.Expr) -> Columns:
        fields = head_fields(text, self.pattern)
        date = fields.struct.field("date") if self.dated else pl.lit(_PLACEHOLDER_DATE)
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

    def fast(self, text: pl.Expr) -> Fast:
        fields = pl.col("_java").struct.field
        date = fields("date") if self.dated else pl.lit(_PLACEHOLDER_DATE)
        matched = fields("hm").is_not_null()
        return Fast(
            steps=({"_java": text.str.extract_groups(self.fast_pattern)},),
            recognised=matched,
            ok=matched,
            key=iso_key(date, fields("hm"), fields("zone")),
            sub=sub_minute(fields("sec"), fields("frac")),
            key_time=iso_key_time,
            level=Field(fields("level"), words),
        )

    def message_of(self, text: pl.Expr) -> pl.Expr:
        return without_head(text, self.pattern)

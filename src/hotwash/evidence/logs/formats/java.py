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
    ascii_classes,
    head_fields,
    timestamp_reason,
    without_head,
)
from hotwash.evidence.logs.formats.fast import (
    MICROS,
    Fast,
    Field,
    iso_key,
    iso_key_time,
    sub_minute,
    words,
)

_LEVEL = r"TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|SEVERE"
_BODY = (
    r"(?P<time>\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?)(?P<offset>Z|[+-]\d{2}:?\d{2})?\s+"
    r"(?:\[[^\]]*\]\s+)?(?P<level>" + _LEVEL + r")\s+(?:\[[^\]]*\]\s+)?"
    r"(?P<logger>[\w$.:/-]+)(?:\s+\[[^\]]*\])?\s+(?:-\s+)?"
)
# The same layout up to the logger and the blank after it, written so that each
# byte decides the branch (one-pass): polars then captures at DFA speed. A line it
# matches is matched by the full pattern with the same time and level.
_FAST_TIME = (
    r"(?P<hm>[0-9]{2}:[0-9]{2}):(?P<sec>[0-5][0-9])(?:[.,](?P<frac>[0-9]{1,9}))?"
    r"(?P<zone>Z|[+-][0-9]{2}:?[0-9]{2})?"
)
_FAST_REST = (
    r"[ \t]+(?:\[[^\]]*\][ \t]+)?(?P<level>" + _LEVEL + r")[ \t]+(?:\[[^\]]*\][ \t]+)?"
    r"[A-Za-z0-9_$.:/-]+[ \t]"
)
_FAST_DATE = r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[ T]"
# The commonest layout: milliseconds and no zone, so the time sits at fixed columns.
_MILLIS = r"[0-9]{2}:[0-9]{2}:[0-5][0-9][.,][0-9]{3}"
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ T]"
_PLACEHOLDER_DATE = "2000-01-01"
_LEVEL_FIRST = r"^[ \t]+(" + _LEVEL + r")[ \t]"  # the level right after the time's blanks


def _level_after_time(window: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """The level word opening ``window`` (else unreadable: the thread comes first)."""
    word = window.str.extract(_LEVEL_FIRST, 1)
    return levels.from_word(word), word.is_not_null()


class JavaFormat(LogFormat):
    def __init__(self, *, dated: bool) -> None:
        self.dated = dated
        self.name = "java" if dated else "java-time-only"
        self.calendar = Calendar.FULL if dated else Calendar.NO_DATE
        date = r"(?P<date>\d{4}-\d{2}-\d{2})[ T]" if dated else ""
        self.pattern = r"^(?P<head>" + date + _BODY + ")"
        self.shape = ascii_classes(self.pattern)
        self.shape_decides = True

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

    def fast(self, text: pl.Expr, *, timed: bool = True) -> tuple[Fast, ...]:
        return self._fixed_columns(text), self._any_layout(text)

    def _fixed_columns(self, text: pl.Expr) -> Fast:
        """``[date ]HH:MM:SS.mmm`` then the level: one regex test, then slices; the level
        is read from the ten characters after the time, once per distinct window."""
        at = 11 if self.dated else 0  # where HH:MM starts
        pattern = "^" + (_DATE if self.dated else "") + _MILLIS + _FAST_REST
        ok = text.str.contains(pattern.replace("(?P<level>", "(?:"))
        return Fast(
            recognised=ok,
            ok=ok,
            key=text.str.slice(0, at + 5),
            sub=text.str.slice(at + 6, 2).cast(pl.Int64, strict=False) * MICROS
            + text.str.slice(at + 9, 3).cast(pl.Int64, strict=False) * 1000,
            key_time=self._minute_time,
            level=Field(text.str.slice(at + 12, 10), _level_after_time),
        )

    def _minute_time(self, key: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
        dated = key if self.dated else pl.concat_str(pl.lit(_PLACEHOLDER_DATE + "T"), key)
        return clock.iso(pl.concat_str(dated, pl.lit(":00")))

    def _any_layout(self, text: pl.Expr) -> Fast:
        """Any fraction and zone: the time's parts and the level are captured."""
        fields = pl.col("_java").struct.field
        date = fields("date") if self.dated else pl.lit(_PLACEHOLDER_DATE)
        pattern = "^" + (_FAST_DATE if self.dated else "") + _FAST_TIME + _FAST_REST
        return Fast(
            steps=({"_java": text.str.extract_groups(pattern)},),
            recognised=fields("hm").is_not_null(),
            ok=fields("hm").is_not_null(),
            key=iso_key(date, fields("hm"), fields("zone")),
            sub=sub_minute(fields("sec"), fields("frac")),
            key_time=iso_key_time,
            level=Field(fields("level"), words),
        )

    def messages(self, frame: pl.DataFrame) -> pl.Series:
        return without_head(frame, self.pattern)

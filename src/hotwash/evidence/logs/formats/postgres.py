"""PostgreSQL stderr logs with the usual ``log_line_prefix`` (``%m [%p] `` and friends).

``2026-03-14 14:02:11.123 UTC [12345] ERROR:  relation "x" does not exist``. The zone
is PostgreSQL's ``log_timezone`` abbreviation, turned into an offset when it is an
unambiguous one. ``STATEMENT:``, ``DETAIL:``, ``HINT:``, ``CONTEXT:`` lines and the
indented lines of a multi-line statement continue the record above.
"""

from __future__ import annotations

import polars as pl

from hotwash.evidence.logs import clock, levels
from hotwash.evidence.logs.formats.base import (
    TEXT,
    Columns,
    LogFormat,
    after_head,
    ascii_classes,
    head_fields,
    timestamp_reason,
)
from hotwash.evidence.logs.formats.fast import Fast, Field, below_60, sub_minute, words
from hotwash.times.zones import ABBREVIATIONS

_DETAIL = r"STATEMENT|DETAIL|HINT|CONTEXT|QUERY|LOCATION"
_SEVERITY = r"DEBUG[1-5]?|INFO|NOTICE|WARNING|ERROR|LOG|FATAL|PANIC|" + _DETAIL
_PATTERN = (
    r"^(?P<head>(?P<ts>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?)"
    r"(?: (?P<tz>[A-Za-z][A-Za-z0-9_/]*|[+-]\d{2}(?::?\d{2})?))? \[(?P<pid>\d+)\](?:-\d+)?:? "
    r"(?:\S*@\S* )?(?P<sev>" + _SEVERITY + r"):\s+)"
)


def _offset(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


_OFFSETS = {
    name: _offset(int(delta.total_seconds() // 60)) for name, delta in ABBREVIATIONS.items()
}


def _offset_of(zone: pl.Expr) -> pl.Expr:
    """An offset as written, or the offset of a known abbreviation (else empty: naive)."""
    known = zone.replace_strict(_OFFSETS, default="", return_dtype=pl.String)
    return pl.when(zone.str.contains(r"^[+-]")).then(zone).otherwise(known)


def _record_head(fields: pl.Expr) -> pl.Expr:
    """A head whose severity starts a record (a DETAIL: line continues one)."""
    severity = fields.struct.field("sev")
    return fields.struct.field("head").is_not_null() & ~severity.str.contains(f"^(?:{_DETAIL})$")


def _key_time(key: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """A ``YYYY-MM-DD HH:MM zone`` key: the minute, read with the zone's offset."""
    minute, zone = key.str.slice(0, 16), key.str.slice(17)
    return clock.iso(pl.concat_str(minute, pl.lit(":00"), _offset_of(zone).fill_null("")))


class PostgresFormat(LogFormat):
    name = "postgresql"
    shape = ascii_classes(_PATTERN)
    continuation = r"^(?:[ \t]|\S+ \S+(?: \S+)? \[\d+\]\S* (?:\S*@\S* )?(?:" + _DETAIL + r"):)"

    def columns(self, text: pl.Expr) -> Columns:
        fields = head_fields(text, _PATTERN)
        offset = _offset_of(fields.struct.field("tz"))
        ts, aware = clock.iso(pl.concat_str(fields.struct.field("ts"), offset.fill_null("")))
        severity = fields.struct.field("sev")
        shape = _record_head(fields)
        return Columns(
            reason=timestamp_reason(shape, fields.struct.field("ts"), ts, self.mismatch()),
            ts=ts,
            aware=aware,
            level=levels.from_word(severity),
            message=after_head(text, fields),
            cont=self.continues(text),
        )

    def recognition(self, frame: pl.DataFrame) -> pl.DataFrame:
        """A record head recognises a line whatever its time says (see :meth:`columns`)."""
        text = pl.col(TEXT)
        recognised = _record_head(head_fields(text, _PATTERN))
        return frame.select(recognised=recognised, cont=self.continues(text))

    def fast(self, text: pl.Expr, *, timed: bool = True) -> tuple[Fast, ...]:
        """The full pattern captures; each minute and zone is read once."""
        fields = pl.col("_postgres")
        stamp = fields.struct.field("ts")
        zone = fields.struct.field("tz").fill_null("")
        fraction = stamp.str.slice(20)
        ok = _record_head(fields) & (fraction.str.len_bytes() <= 9)
        return (
            Fast(
                steps=({"_postgres": text.str.extract_groups(self.shape)},),
                recognised=ok,
                ok=ok & below_60(stamp.str.slice(17, 2)),
                key=pl.concat_str(stamp.str.slice(0, 16), pl.lit(" "), zone),
                sub=sub_minute(stamp.str.slice(17, 2), fraction),
                key_time=_key_time,
                level=Field(fields.struct.field("sev"), words),
            ),
        )

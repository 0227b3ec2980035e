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
    Columns,
    LogFormat,
    after_head,
    ascii_classes,
    head_fields,
    timestamp_reason,
)
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


class PostgresFormat(LogFormat):
    name = "postgresql"
    shape = ascii_classes(_PATTERN)
    continuation = r"^(?:[ \t]|\S+ \S+(?: \S+)? \[\d+\]\S* (?:\S*@\S* )?(?:" + _DETAIL + r"):)"

    def columns(self, text: pl.Expr) -> Columns:
        fields = head_fields(text, _PATTERN)
        zone = fields.struct.field("tz")
        offset = (
            pl.when(zone.str.contains(r"^[+-]"))
            .then(zone)
            .otherwise(zone.replace_strict(_OFFSETS, default="", return_dtype=pl.String))
        )
        ts, aware = clock.iso(pl.concat_str(fields.struct.field("ts"), offset.fill_null("")))
        severity = fields.struct.field("sev")
        shape = fields.struct.field("head").is_not_null() & ~severity.str.contains(
            f"^(?:{_DETAIL})$"
        )
        return Columns(
            reason=timestamp_reason(shape, fields.struct.field("ts"), ts, self.mismatch()),
            ts=ts,
            aware=aware,
            level=levels.from_word(severity),
            message=after_head(text, fields),
            cont=self.continues(text),
        )

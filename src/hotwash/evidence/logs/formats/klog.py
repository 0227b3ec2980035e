"""klog/glog (Kubernetes, Go services): ``E0314 14:02:11.123456   12345 file.go:42] msg``.

The header carries month and day but no year: the reader supplies it.
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
    Fast,
    Field,
    below_60,
    clock_parts,
    iso_key,
    iso_key_time,
    readable,
    sub_minute,
)

_PATTERN = (
    r"^(?P<head>(?P<sev>[IWEF])(?P<month>\d{2})(?P<day>\d{2}) "
    r"(?P<time>\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)\s+(?P<tid>\d+) (?P<src>[^:\]\s]+:\d+)\] )"
)


def _clock(fields: pl.Expr) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    return clock_parts(fields.struct.field("time"))


class KlogFormat(LogFormat):
    name = "klog"
    calendar = Calendar.NO_YEAR
    shape = ascii_classes(_PATTERN)
    shape_decides = True

    def columns(self, text: pl.Expr) -> Columns:
        fields = head_fields(text, _PATTERN)
        stamp = pl.concat_str(
            pl.lit(f"{PLACEHOLDER_YEAR}-"),
            fields.struct.field("month"),
            pl.lit("-"),
            fields.struct.field("day"),
            pl.lit("T"),
            fields.struct.field("time"),
        )
        ts, _ = clock.iso(stamp)
        return Columns(
            reason=timestamp_reason(
                fields.struct.field("head").is_not_null(), stamp, ts, self.mismatch()
            ),
            ts=ts,
            aware=pl.lit(False),
            level=levels.from_letter(fields.struct.field("sev")),
            message=after_head(text, fields),
            cont=self.continues(text),
        )

    def fast(self, text: pl.Expr, *, timed: bool = True) -> tuple[Fast, ...]:
        """The full pattern (one-pass) captures; each minute is parsed once."""
        fields = pl.col("_klog")
        part = fields.struct.field
        date = pl.concat_str(
            pl.lit(f"{PLACEHOLDER_YEAR}-"), part("month"), pl.lit("-"), part("day")
        )
        hm, sec, frac = _clock(fields)
        matched = part("head").is_not_null()
        return (
            Fast(
                steps=({"_klog": text.str.extract_groups(self.shape)},),
                recognised=matched,
                ok=matched & below_60(sec),
                key=iso_key(date, hm, pl.lit(None, pl.String)),
                sub=sub_minute(sec, frac),
                key_time=iso_key_time,
                level=Field(part("sev"), readable(levels.from_letter)),
            ),
        )

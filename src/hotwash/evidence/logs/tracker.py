"""Per-file bookkeeping: counts per status, time range, backwards jumps, the window.

Everything a file's :class:`IngestStats` reports is accumulated here chunk by chunk,
so that ``lines == records + continuation_lines + sum(skipped)`` always holds.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import polars as pl

from hotwash.evidence.logs.classify import CONTINUATION, RECORD
from hotwash.evidence.model import IngestStats

BACKWARDS_TOLERANCE = timedelta(seconds=1)  # writers interleave; only real jumps count
OUTSIDE_WINDOW = "outside window"


class FileTracker:
    def __init__(self, stats: IngestStats, since: datetime | None, until: datetime | None) -> None:
        self.stats = stats
        self.since = _naive_utc(since)
        self.until = _naive_utc(until)
        self._previous: datetime | None = None
        self._first_backwards: int | None = None

    def count(self, lines: int, others: pl.DataFrame) -> None:
        """Count ``lines``, and ``others`` (lines that start no record) by status; records
        are counted by :meth:`keep`, after the window."""
        self.stats.lines += lines
        tally = others.group_by("status").len()
        for status, number in tally.iter_rows():
            if status == CONTINUATION:
                self.stats.continuation_lines += number
            elif status != RECORD:
                self.stats.skip(status, number)

    def keep(self, records: pl.DataFrame) -> pl.DataFrame:
        """The records inside the window, after noting backwards jumps and flags."""
        self._backwards(records)
        inside = pl.lit(True)
        if self.since is not None:
            inside = inside & (pl.col("ts") >= self.since)
        if self.until is not None:
            inside = inside & (pl.col("ts") <= self.until)
        kept = records.filter(inside)
        self.stats.skip(OUTSIDE_WINDOW, records.height - kept.height)
        self.stats.records += kept.height
        self._flags(kept)
        self._range(kept)
        return kept

    def _backwards(self, records: pl.DataFrame) -> None:
        if records.height == 0:
            return
        ts = records["ts"]
        previous = pl.concat(
            [pl.Series([self._previous], dtype=ts.dtype), ts.slice(0, ts.len() - 1)]
        )
        back = (ts < previous - BACKWARDS_TOLERANCE).fill_null(False)
        jumps = int(back.sum())
        if jumps and self._first_backwards is None:
            self._first_backwards = int(records["line"].filter(back)[0])
            self.stats.notes.append(
                f"timestamps go backwards (first at line {self._first_backwards})"
            )
        self.stats.backwards_timestamps += jumps
        self._previous = ts[-1]

    def _flags(self, kept: pl.DataFrame) -> None:
        for flag, number in kept.drop_nulls("flag").group_by("flag").len().iter_rows():
            self.stats.flag(flag, number)

    def _range(self, kept: pl.DataFrame) -> None:
        if kept.height == 0:
            return
        low, high = kept["ts"].min(), kept["ts"].max()
        assert isinstance(low, datetime)
        assert isinstance(high, datetime)
        first, last = low.replace(tzinfo=UTC), high.replace(tzinfo=UTC)
        self.stats.first_time = min(filter(None, (self.stats.first_time, first)))
        self.stats.last_time = max(filter(None, (self.stats.last_time, last)))


def _naive_utc(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(UTC).replace(tzinfo=None)

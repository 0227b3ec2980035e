"""Complete year-less (syslog, klog) and date-less (time-only Java) timestamps.

The first record's year (or date) comes from ``ReadContext.year_hint``, a date
written in the file's first lines or name, or else the file's modification time:
a log is written up to its mtime, so a first record later in the year than the
mtime belongs to the year before. After that, a jump back of many months (Dec ->
Jan) or many hours (23:59 -> 00:00) inside the file is a new year or a new day.
Works chunk by chunk: the last record seen is carried over.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import polars as pl

from hotwash.evidence.logs.formats.base import PLACEHOLDER_YEAR, Calendar

_PLACEHOLDER_DAY = date(PLACEHOLDER_YEAR, 1, 1)
_ROLLOVER = {Calendar.NO_YEAR: timedelta(days=150), Calendar.NO_DATE: timedelta(hours=12)}
_DATE_IN_TEXT = re.compile(r"(20\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])")


def date_in(text: str) -> date | None:
    """The first plausible ``YYYY-MM-DD`` (or ``YYYYMMDD``) in ``text``."""
    match = _DATE_IN_TEXT.search(text)
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


class CalendarFiller:
    """Turns placeholder-dated times into real ones; notes say where the date came from."""

    def __init__(
        self, calendar: Calendar, *, year_hint: int | None, date_hint: date | None, mtime: datetime
    ) -> None:
        self.calendar = calendar
        self.year_hint = year_hint
        self.date_hint = date_hint
        self.mtime = mtime
        self.notes: list[str] = []
        self._shift: timedelta | int | None = None
        self._last: datetime | None = None
        self._rollovers = 0

    def fill(self, ts: pl.Series, lines: pl.Series) -> pl.Series:
        if self.calendar is Calendar.FULL or ts.len() == 0:
            return ts
        if self._shift is None:
            self._shift = self._anchor(ts[0])
        previous = pl.concat([pl.Series([self._last], dtype=ts.dtype), ts.slice(0, ts.len() - 1)])
        jumps = (ts < previous - _ROLLOVER[self.calendar]).fill_null(False)
        self._note_rollovers(jumps, lines)
        steps = jumps.cast(pl.Int32).cum_sum() + self._rollovers
        self._rollovers = int(steps[-1])
        self._last = ts[-1]
        return self._apply(ts, steps)

    def _apply(self, ts: pl.Series, steps: pl.Series) -> pl.Series:
        if self.calendar is Calendar.NO_YEAR:
            assert isinstance(self._shift, int)
            return _offset_years(ts, steps + self._shift)
        assert isinstance(self._shift, timedelta)
        frame = pl.DataFrame({"ts": ts, "steps": steps})
        days = pl.duration(days=pl.col("steps")) + pl.lit(self._shift)
        return frame.select(pl.col("ts") + days)["ts"]

    def _note_rollovers(self, jumps: pl.Series, lines: pl.Series) -> None:
        where = lines.filter(jumps)
        unit = "year" if self.calendar is Calendar.NO_YEAR else "day"
        self.notes.extend(
            f"new {unit} assumed at line {line} (the clock went back)" for line in where.head(3)
        )

    def _anchor(self, first: datetime) -> timedelta | int:
        if self.calendar is Calendar.NO_YEAR:
            return self._first_year(first) - PLACEHOLDER_YEAR
        return self._first_date(first) - _PLACEHOLDER_DAY

    def _first_year(self, first: datetime) -> int:
        if self.year_hint is not None:
            self.notes.append(f"timestamps have no year: {self.year_hint} taken from the year hint")
            return self.year_hint
        year = self.mtime.year
        if first.replace(year=PLACEHOLDER_YEAR) > self.mtime.replace(
            year=PLACEHOLDER_YEAR, tzinfo=None
        ):
            year -= 1
        self.notes.append(
            f"timestamps have no year: {year} inferred from the file's modification time"
        )
        return year

    def _first_date(self, first: datetime) -> date:
        if self.date_hint is not None:
            self.notes.append(f"timestamps have no date: {self.date_hint} taken from the file")
            return self.date_hint
        day = self.mtime.date()
        if first.time() > self.mtime.time():
            day -= timedelta(days=1)
        if self.year_hint is not None and day.year != self.year_hint:
            self.notes.append(
                f"year hint {self.year_hint} differs from the file's modification date"
            )
        self.notes.append(
            f"timestamps have no date: {day} inferred from the file's modification time"
        )
        return day


def _offset_years(ts: pl.Series, years: pl.Series) -> pl.Series:
    """``ts`` moved on by ``years`` (per row); calendar-aware, so Feb 29 stays valid.

    A chunk holds one year count, or two around a new year: each is applied to the
    whole column once, rather than formatting an offset text per row.
    """
    shifted = ts
    for count in years.unique().drop_nulls().to_list():
        moved = ts.dt.offset_by(f"{count}y")
        shifted = moved.zip_with(years == count, shifted)
    return shifted

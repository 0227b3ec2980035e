"""Read one log file: stream chunks through its format, classify, date, count, condense."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import polars as pl

from hotwash.evidence.logs import zones
from hotwash.evidence.logs.aggregate import LogAggregator
from hotwash.evidence.logs.calendar import CalendarFiller, date_in
from hotwash.evidence.logs.chunks import LineReader
from hotwash.evidence.logs.classify import RECORD, classify
from hotwash.evidence.logs.formats.base import LogFormat
from hotwash.evidence.logs.tracker import FileTracker
from hotwash.evidence.model import EvidenceBatch, IngestStats
from hotwash.evidence.source import ReadContext

UNRECOGNISED = "unrecognised format"
DST_FOLD = "local time in a DST fold (read as the earlier)"


class FileReading:
    """The state of reading one file with a known format."""

    def __init__(
        self, path: Path, fmt: LogFormat, context: ReadContext, reader: LineReader, head: bytes
    ) -> None:
        self.path = path
        self.fmt = fmt
        self.reader = reader
        self.display = context.display_path(path)
        self.stats = IngestStats(path=self.display, format=fmt.name)
        self.tracker = FileTracker(self.stats, context.since, context.until)
        self.aggregator = LogAggregator(fallback_service=path.name.split(".")[0] or path.name)
        services = [self.aggregator.fallback_service]
        self.zone = zones.zone_for(path, self.display, services, context)
        mtime = datetime.fromtimestamp(path.stat().st_mtime, self.zone).replace(tzinfo=None)
        date_hint = date_in(head[:4096].decode("utf-8", "replace")) or date_in(path.name)
        self.calendar = CalendarFiller(
            fmt.calendar, year_hint=context.year_hint, date_hint=date_hint, mtime=mtime
        )
        self.max_line_bytes = reader.max_line_bytes
        self._seen_record = False
        self._naive = 0

    def run(self) -> EvidenceBatch:
        for chunk in self.reader.frames():
            self._chunk(chunk)
        self._finish()
        return EvidenceBatch(
            logs=self.aggregator.summaries(self.display, self.fmt.name), stats=[self.stats]
        )

    def _chunk(self, chunk: pl.DataFrame) -> None:
        try:
            parsed = self.fmt.parse(chunk)
            classified = classify(
                chunk, parsed, seen_record=self._seen_record, max_line_bytes=self.max_line_bytes
            )
        except pl.exceptions.PolarsError as error:  # a parser bug must not lose the file
            self.stats.lines += chunk.height
            self.stats.skip(f"could not be parsed ({type(error).__name__})", chunk.height)
            return
        self.tracker.count(classified)
        records = classified.filter(pl.col("status") == RECORD)
        self._seen_record = self._seen_record or records.height > 0
        self.aggregator.add(self.tracker.keep(self._to_utc(records)))

    def _to_utc(self, records: pl.DataFrame) -> pl.DataFrame:
        filled = records.with_columns(ts=self.calendar.fill(records["ts"], records["line"]))
        self._naive += int((~filled["aware"]).sum())
        utc, ambiguous = zones.localise(pl.col("ts"), zones.polars_zone(self.zone))
        dated = filled.with_columns(
            ts=pl.when(pl.col("aware")).then(pl.col("ts")).otherwise(utc),
            fold=~pl.col("aware") & ambiguous,
        )
        self.stats.flag(DST_FOLD, int(dated["fold"].sum()))
        return dated

    def _finish(self) -> None:
        self.stats.notes.extend(self.calendar.notes)
        if self._naive:
            self.stats.assumed_zone = zones.describe(self.zone)
            self.stats.notes.append(
                f"{self._naive} timestamps had no zone: read as {self.stats.assumed_zone}"
            )
        if self.reader.truncated:
            self.stats.notes.append("truncated compressed stream: kept what was readable")
        if self.stats.lines == 0:
            self.stats.notes.append("empty file")


def read_unrecognised(path: Path, context: ReadContext, reader: LineReader) -> EvidenceBatch:
    """Count the lines of a file no format recognises: all skipped, none lost silently."""
    stats = IngestStats(path=context.display_path(path), format="unknown")
    for chunk in reader.frames():
        stats.lines += chunk.height
        stats.skip(UNRECOGNISED, chunk.height)
    stats.notes.append("empty file" if stats.lines == 0 else "no known log format recognised")
    if reader.truncated:
        stats.notes.append("truncated compressed stream: kept what was readable")
    return EvidenceBatch(stats=[stats])

"""Read one log file: stream chunks through its format, classify, date, count, condense.

Blocks are read and split in a background thread and scanned two at a time in
worker threads (:mod:`.prefetch`); dating, counting and condensing then happen in
file order, because they carry state from one chunk to the next. Every record
counts in the rates; only the records whose level is in ``mine_levels`` (errors and
warnings by default; None for all) have their message extracted and mined.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import polars as pl

from hotwash.evidence.logs import zones
from hotwash.evidence.logs.aggregate import LogAggregator
from hotwash.evidence.logs.calendar import CalendarFiller, date_in
from hotwash.evidence.logs.chunks import LineChunk, LineReader
from hotwash.evidence.logs.formats.base import LogFormat
from hotwash.evidence.logs.levels import ERROR, WARNING, level_in
from hotwash.evidence.logs.prefetch import map_ahead, prefetched
from hotwash.evidence.logs.scan import ChunkScan, ChunkScanner, settle_orphans
from hotwash.evidence.logs.tracker import FileTracker
from hotwash.evidence.model import EvidenceBatch, IngestStats
from hotwash.evidence.source import ReadContext

NOTABLE_LEVELS = frozenset({ERROR, WARNING})
SCAN_WORKERS = 2

UNRECOGNISED = "unrecognised format"
DST_FOLD = "local time in a DST fold (read as the earlier)"


class FileReading:
    """The state of reading one file with a known format."""

    def __init__(
        self,
        path: Path,
        fmt: LogFormat,
        context: ReadContext,
        reader: LineReader,
        head: bytes,
        *,
        mine_levels: frozenset[str] | None = NOTABLE_LEVELS,
    ) -> None:
        self.path = path
        self.fmt = fmt
        self.reader = reader
        self.progress = context.progress
        self.mine_levels = mine_levels
        self.display = context.display_path(path)
        self.stats = IngestStats(path=self.display, format=fmt.name)
        self.tracker = FileTracker(self.stats, context.since, context.until)
        self.aggregator = LogAggregator(
            fallback_service=path.name.split(".")[0] or path.name, keyed=fmt.keyed_messages
        )
        self.scanner = ChunkScanner(fmt, reader.max_line_bytes, mine_levels)
        services = [self.aggregator.fallback_service]
        self.zone = zones.zone_for(path, self.display, services, context)
        mtime = datetime.fromtimestamp(path.stat().st_mtime, self.zone).replace(tzinfo=None)
        date_hint = date_in(head[:4096].decode("utf-8", "replace")) or date_in(path.name)
        self.calendar = CalendarFiller(
            fmt.calendar, year_hint=context.year_hint, date_hint=date_hint, mtime=mtime
        )
        self._naive = 0
        self._seen_record = False

    def run(self) -> EvidenceBatch:
        chunks = prefetched(self.reader.chunks())
        for chunk, scan in map_ahead(chunks, self._scan, SCAN_WORKERS):
            self._chunk(chunk, scan)
            if self.progress is not None:
                self.progress(chunk.bytes_read)
        self._finish()
        return EvidenceBatch(
            logs=self.aggregator.summaries(self.display, self.fmt.name), stats=[self.stats]
        )

    def _scan(self, chunk: LineChunk) -> ChunkScan | pl.exceptions.PolarsError:
        try:
            return self.scanner.scan(chunk)
        except pl.exceptions.PolarsError as error:  # a parser bug must not lose the file
            return error

    def _chunk(self, chunk: LineChunk, scan: ChunkScan | pl.exceptions.PolarsError) -> None:
        if isinstance(scan, pl.exceptions.PolarsError):
            self.stats.lines += chunk.frame.height
            self.stats.skip(f"could not be parsed ({type(scan).__name__})", chunk.frame.height)
            return
        self.tracker.count(scan.lines, settle_orphans(scan.others, self._seen_record))
        self._seen_record = self._seen_record or scan.records.height > 0
        kept = self.tracker.keep(self._to_utc(scan.records))
        self.aggregator.add_rates(kept)
        mined = kept if self.mine_levels is None else kept.filter(level_in(self.mine_levels))
        self.aggregator.add_templates(mined)

    def _to_utc(self, records: pl.DataFrame) -> pl.DataFrame:
        filled = records.with_columns(ts=self.calendar.fill(records["ts"], records["line"]))
        naive = ~filled["aware"]
        count = int(naive.sum())
        if count == 0:
            return filled
        self._naive += count
        utc, ambiguous = zones.to_utc(filled["ts"], zones.polars_zone(self.zone))
        self.stats.flag(DST_FOLD, int((naive & ambiguous).sum()))
        return filled.with_columns(ts=utc.zip_with(naive, filled["ts"]))

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
    for chunk in prefetched(reader.chunks()):
        stats.lines += chunk.frame.height
        stats.skip(UNRECOGNISED, chunk.frame.height)
        if context.progress is not None:
            context.progress(chunk.bytes_read)
    stats.notes.append("empty file" if stats.lines == 0 else "no known log format recognised")
    if reader.truncated:
        stats.notes.append("truncated compressed stream: kept what was readable")
    return EvidenceBatch(stats=[stats])

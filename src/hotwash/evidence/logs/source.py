"""``LogsSource``: the evidence source for log files of every common format."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl

from hotwash.evidence.logs.chunks import CHUNK_BYTES, MAX_LINE_BYTES, LineReader
from hotwash.evidence.logs.detect import Detection, detect
from hotwash.evidence.logs.prefetch import prefetched
from hotwash.evidence.logs.reader import NOTABLE_LEVELS, FileReading, read_unrecognised
from hotwash.evidence.logs.scan import ChunkScanner
from hotwash.evidence.model import EvidenceBatch, IngestStats
from hotwash.evidence.opening import make_target
from hotwash.evidence.source import HEAD_BYTES, ReadContext, Target


class LogsSource:
    """Log files: format found per file by content, read in streamed vectorised chunks.

    Every record counts in the per-minute rates. Templates are mined from the
    records whose level is in ``mine_levels``: errors and warnings by default (the
    only templates a timeline shows), ``None`` for every record whatever its level.
    """

    name = "logs"

    def __init__(
        self,
        *,
        chunk_bytes: int = CHUNK_BYTES,
        max_line_bytes: int = MAX_LINE_BYTES,
        mine_levels: frozenset[str] | None = NOTABLE_LEVELS,
    ) -> None:
        self.chunk_bytes = chunk_bytes
        self.max_line_bytes = max_line_bytes
        self.mine_levels = mine_levels

    def detect(self, target: Target) -> Detection:
        """The format of ``target`` and the share of its first lines that format reads."""
        if target.is_dir or not target.head:
            return Detection(None, 0.0, 0)
        return detect(target.head, complete=len(target.head) < HEAD_BYTES)

    def sniff(self, target: Target) -> float:
        return self.detect(target).score

    def read(self, target: Target, context: ReadContext) -> EvidenceBatch:
        reader = self._reader(target.path)
        detection = self.detect(target)
        try:
            if detection.format is None:
                return read_unrecognised(target.path, context, reader)
            reading = FileReading(
                target.path,
                detection.format,
                context,
                reader,
                target.head,
                mine_levels=self.mine_levels,
            )
            return reading.run()
        except OSError as error:  # unreadable file: reported, not raised
            stats = IngestStats(path=context.display_path(target.path), format="unknown")
            stats.notes.append(f"could not read the file: {error.strerror or error}")
            return EvidenceBatch(stats=[stats])

    def iter_messages(self, path: Path) -> Iterator[pl.DataFrame]:
        """(line, message) of every record start, chunk by chunk, for template commands."""
        fmt = self.detect(make_target(path)).format
        if fmt is None:
            return
        scanner = ChunkScanner(fmt, self.max_line_bytes, mine_levels=None)
        for chunk in prefetched(self._reader(path).chunks()):
            yield scanner.scan(chunk).records.select("line", pl.col("message").fill_null(""))

    def _reader(self, path: Path) -> LineReader:
        return LineReader(path, chunk_bytes=self.chunk_bytes, max_line_bytes=self.max_line_bytes)

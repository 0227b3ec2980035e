"""Stream a file as chunks of lines, in big blocks cut at the last newline.

Memory stays bounded by the block size: a block is split into a polars frame
(``line``, ``text``, ``too_long``), handed on, and dropped. Decoding is lossy
(invalid UTF-8 becomes U+FFFD, so such lines can be recognised and counted). A line
longer than ``max_line_bytes`` is replaced by an empty text flagged ``too_long``;
one longer than a whole block is discarded as it streams past. A compressed
stream that ends early yields what was readable and sets ``truncated``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from hotwash.evidence.logs.formats.base import LINE, TEXT
from hotwash.evidence.logs.splitting import Split, split_inner, split_lines
from hotwash.evidence.opening import DECOMPRESSION_ERRORS, open_binary

CHUNK_BYTES = 16 * 1024 * 1024
MAX_LINE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class LineChunk:
    """Consecutive lines of a file; ``clean``: none can be binary; ``ascii``: all are
    ASCII; ``bytes_read``: of the file so far."""

    frame: pl.DataFrame
    clean: bool
    bytes_read: int
    ascii: bool = False


class LineReader:
    """Iterate a file's lines in chunks; ``truncated`` and ``bytes_read`` after the run."""

    def __init__(
        self, path: Path, *, chunk_bytes: int = CHUNK_BYTES, max_line_bytes: int = MAX_LINE_BYTES
    ) -> None:
        self.path = path
        self.chunk_bytes = chunk_bytes
        self.max_line_bytes = max_line_bytes
        self.truncated = False
        self.bytes_read = 0
        self._next_line = 1

    def chunks(self) -> Iterator[LineChunk]:
        with open_binary(self.path) as stream:
            yield from self._chunks(stream)

    def _chunks(self, stream: io.BufferedIOBase) -> Iterator[LineChunk]:
        pending = b""  # the start of a line the next block ends
        discarding = False
        while block := self._block(stream):
            if discarding:
                end = block.find(b"\n")
                if end < 0:
                    continue
                yield self._too_long_line()
                block, discarding = block[end + 1 :], False
            first = block.find(b"\n")
            if first < 0:  # the middle of a line longer than a block
                pending += block
                if len(pending) > self.max_line_bytes:
                    pending, discarding = b"", True
                continue
            last = block.rfind(b"\n")
            yield self._block_lines(pending + block[:first], block, first, last)
            pending = block[last + 1 :]
        if discarding:
            yield self._too_long_line()
        elif pending:
            yield self._split(pending)

    def _block_lines(self, head: bytes, block: bytes, first: int, last: int) -> LineChunk:
        """``head`` (the line the block's first newline ends) and the block's complete lines."""
        inner = split_inner(block, first, last) if first < last else None
        if inner is None:
            return self._split(head + b"\n" + block[first + 1 : last] if first < last else head)
        lead = split_lines(head)
        text = pl.concat([lead.text, inner.text], rechunk=True)
        both = Split(text, lead.clean and inner.clean, lead.ascii and inner.ascii)
        return self._chunk(both)

    def _block(self, stream: io.BufferedIOBase) -> bytes:
        """Up to ``chunk_bytes`` more bytes; what was readable if the stream is damaged."""
        parts: list[bytes] = []
        size = 0
        try:
            while size < self.chunk_bytes and (part := stream.read1(self.chunk_bytes - size)):
                parts.append(part)
                size += len(part)
        except DECOMPRESSION_ERRORS:
            self.truncated = True
        self.bytes_read += size
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def _split(self, data: bytes) -> LineChunk:
        return self._chunk(split_lines(data))

    def _too_long_line(self) -> LineChunk:
        return self._chunk(
            Split(pl.Series(TEXT, [""], dtype=pl.String), clean=True, ascii=True), [True]
        )

    def _chunk(self, split: Split, too_long: list[bool] | None = None) -> LineChunk:
        first = self._next_line
        self._next_line += split.text.len()
        lines = pl.int_range(first, first + split.text.len(), dtype=pl.UInt64, eager=True)
        frame = pl.DataFrame({LINE: lines, TEXT: split.text})
        if too_long is not None:
            frame = frame.with_columns(too_long=pl.Series(too_long))
        else:
            frame = _flag_too_long(frame, self.max_line_bytes)
        return LineChunk(frame, split.clean, self.bytes_read, split.ascii)


def _flag_too_long(frame: pl.DataFrame, max_line_bytes: int) -> pl.DataFrame:
    """A ``too_long`` column; an over-long line's text is emptied (it is only counted)."""
    too_long = frame[TEXT].str.len_bytes() > max_line_bytes
    if not too_long.any():
        return frame.with_columns(too_long=pl.repeat(False, frame.height, eager=True))
    return frame.with_columns(
        pl.when(too_long).then(pl.lit("")).otherwise(pl.col(TEXT)).alias(TEXT),
        too_long=too_long,
    )

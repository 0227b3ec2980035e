"""Stream a file as frames of lines, in big blocks cut at the last newline.

Memory stays bounded by the block size: a block is split into a polars frame
(``line``, ``text``, ``too_long``), handed on, and dropped. Decoding is lossy
(invalid UTF-8 becomes U+FFFD, so such lines can be recognised and counted). A line
longer than ``max_line_bytes`` is replaced by an empty text flagged ``too_long``;
one longer than a whole block is discarded as it streams past. A compressed
stream that ends early yields what was readable and sets ``truncated``.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl

from hotwash.evidence.logs.formats.base import LINE, TEXT
from hotwash.evidence.opening import DECOMPRESSION_ERRORS, open_binary

CHUNK_BYTES = 32 * 1024 * 1024
MAX_LINE_BYTES = 1024 * 1024
_SEPARATOR = b"\x1f"  # the split below uses it as a CSV separator: it must not occur


class LineReader:
    """Iterate a file's lines as frames; ``truncated`` and ``bytes_read`` after the run."""

    def __init__(
        self,
        path: Path,
        *,
        chunk_bytes: int = CHUNK_BYTES,
        max_line_bytes: int = MAX_LINE_BYTES,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.path = path
        self.chunk_bytes = chunk_bytes
        self.max_line_bytes = max_line_bytes
        self.progress = progress
        self.truncated = False
        self.bytes_read = 0
        self._next_line = 1

    def frames(self) -> Iterator[pl.DataFrame]:
        with open_binary(self.path) as stream:
            yield from self._frames(stream)

    def _frames(self, stream: io.BufferedIOBase) -> Iterator[pl.DataFrame]:
        pending = b""
        discarding = False
        while block := self._block(stream):
            data = pending + block
            if discarding:
                end = data.find(b"\n")
                if end < 0:
                    pending = b""
                    continue
                yield self._too_long_line()
                data, discarding = data[end + 1 :], False
            cut = data.rfind(b"\n")
            if cut < 0 and len(data) > self.max_line_bytes:
                pending, discarding = b"", True
                continue
            pending = data[cut + 1 :] if cut >= 0 else data
            if cut >= 0:
                yield self._split(data[:cut])
        if discarding:
            yield self._too_long_line()
        elif pending:
            yield self._split(pending)

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
        if self.progress is not None and size:
            self.progress(self.bytes_read)
        return b"".join(parts)

    def _split(self, data: bytes) -> pl.DataFrame:
        text = split_lines(data)
        first = self._next_line
        self._next_line += text.len()
        too_long = text.str.len_bytes().fill_null(0) > self.max_line_bytes
        return _frame(first, text, too_long)

    def _too_long_line(self) -> pl.DataFrame:
        first = self._next_line
        self._next_line += 1
        return _frame(first, pl.Series([""], dtype=pl.String), pl.Series([True]))


def _frame(first: int, text: pl.Series, too_long: pl.Series) -> pl.DataFrame:
    frame = pl.DataFrame({TEXT: text.fill_null(""), "too_long": too_long})
    return frame.select(
        pl.int_range(first, first + frame.height, dtype=pl.UInt64).alias(LINE),
        pl.when(pl.col("too_long")).then(pl.lit("")).otherwise(pl.col(TEXT)).alias(TEXT),
        pl.col("too_long"),
    )


def split_lines(data: bytes) -> pl.Series:
    """The lines of ``data`` (no trailing newline expected), decoded lossily, ``\\r`` dropped.

    polars' CSV reader splits fastest (multi-threaded, no Python objects); it is given
    a separator byte that is first replaced, and its row count is checked against the
    newline count, falling back to Python's split if they ever disagree.
    """
    expected = data.count(b"\n") + 1
    if data.strip(b"\r\n\t ") and not data.startswith(b"\xef\xbb\xbf"):
        cleaned = data.replace(_SEPARATOR, b" ") if _SEPARATOR in data else data
        lines = pl.read_csv(
            cleaned + b"\n",
            has_header=False,
            separator=_SEPARATOR.decode(),
            quote_char=None,
            new_columns=[TEXT],
            infer_schema=False,
            encoding="utf8-lossy",
        ).to_series()
        if lines.len() == expected:
            return lines.str.strip_suffix("\r")
    return pl.Series(
        TEXT, data.decode("utf-8", errors="replace").split("\n"), dtype=pl.String
    ).str.strip_suffix("\r")

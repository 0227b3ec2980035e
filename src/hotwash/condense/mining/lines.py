"""Read a log file as chunks of lines, without holding the whole file in memory.

Files are opened read-only (gzip and zstd decompressed transparently). Bytes
that are not UTF-8 are replaced, never fatal; a truncated compressed file yields
the lines that could be read and says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from hotwash.evidence.opening import DECOMPRESSION_ERRORS, open_binary

BLOCK_BYTES = 8 << 20
CHUNK_LINES = 200_000


@dataclass
class LineReading:
    """What reading a file found beyond its lines: problems worth telling the user."""

    lines: int = 0
    notes: list[str] = field(default_factory=list)


def read_line_chunks(
    path: Path, reading: LineReading, chunk_lines: int = CHUNK_LINES
) -> Iterator[pl.Series]:
    """The file's lines in order, ``chunk_lines`` at a time (a final newline adds no line)."""
    pending: list[str] = []
    for block in _text_blocks(path, reading):
        pending.extend(block)
        while len(pending) >= chunk_lines:
            yield _series(pending[:chunk_lines], reading)
            del pending[:chunk_lines]
    if pending:
        yield _series(pending, reading)


def _series(lines: list[str], reading: LineReading) -> pl.Series:
    reading.lines += len(lines)
    return pl.Series("line", lines, dtype=pl.String).str.strip_suffix("\r")


def _text_blocks(path: Path, reading: LineReading) -> Iterator[list[str]]:
    """Whole lines, block by block; a line cut by a block boundary waits for the next."""
    carry = b""
    try:
        for block in _byte_blocks(path):
            whole, newline, carry = (carry + block).rpartition(b"\n")
            if newline:
                # Decoding whole blocks, then splitting, keeps this out of a per-line loop.
                yield whole.decode("utf-8", errors="replace").split("\n")
    except DECOMPRESSION_ERRORS as error:
        reading.notes.append(f"stopped early, the file is damaged or truncated ({error})")
    if carry:
        yield [carry.decode("utf-8", errors="replace")]


def _byte_blocks(path: Path) -> Iterator[bytes]:
    """About ``BLOCK_BYTES`` at a time; ``read1`` hands over what a damaged stream still had."""
    pending: list[bytes] = []
    size = 0
    with open_binary(path) as stream:
        while True:
            try:
                piece = stream.read1(BLOCK_BYTES)
            except DECOMPRESSION_ERRORS:
                yield b"".join(pending)  # what was read before the damage still counts
                raise
            if not piece:
                break
            pending.append(piece)
            size += len(piece)
            if size >= BLOCK_BYTES:
                yield b"".join(pending)
                pending, size = [], 0
    if pending:
        yield b"".join(pending)

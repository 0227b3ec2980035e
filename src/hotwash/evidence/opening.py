"""Open evidence files read-only, decompressing gzip and zstd transparently.

Compression is recognised by magic bytes, not by the file name. Files are only
ever opened for reading: evidence is never modified.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

import zstandard

from hotwash.evidence.source import HEAD_BYTES, Target

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"

# What a truncated or corrupt compressed stream raises while being read.
DECOMPRESSION_ERRORS = (EOFError, OSError, zlib.error, zstandard.ZstdError)


def compression(path: Path) -> str | None:
    with path.open("rb") as raw:
        magic = raw.read(4)
    if magic.startswith(GZIP_MAGIC):
        return "gzip"
    if magic.startswith(ZSTD_MAGIC):
        return "zstd"
    return None


def open_binary(path: Path) -> io.BufferedIOBase:
    """A binary stream of the file's decompressed content."""
    kind = compression(path)
    if kind == "gzip":
        return gzip.GzipFile(path, "rb")
    if kind == "zstd":
        raw = path.open("rb")
        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
        return io.BufferedReader(reader)
    return path.open("rb")


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` decompressed bytes; whatever could be read if the file is damaged."""
    chunks: list[bytes] = []
    total = 0
    try:
        with open_binary(path) as stream:
            # read1 hands back what is decompressed so far, so a truncated file still
            # yields its readable beginning instead of nothing.
            while total < size:
                chunk = stream.read1(size - total)
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
    except DECOMPRESSION_ERRORS:
        pass
    return b"".join(chunks)


def make_target(path: Path) -> Target:
    return Target(path=path, head=b"" if path.is_dir() else read_head(path))

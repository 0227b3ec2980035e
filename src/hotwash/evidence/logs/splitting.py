"""Split a block of bytes into a column of lines, and tell whether any line can be binary.

polars' CSV reader splits fastest (multi-threaded, no Python objects): it is given
a separator byte the block does not hold. Its result is checked (every byte kept,
or at least one row per newline) and Python's split is the fallback, so odd blocks
(a byte-order mark, empty trailing lines, the separator itself) still split exactly.
Decoding is lossy: invalid UTF-8 becomes U+FFFD, so such lines can be recognised.

A block is *clean* when no line can hold binary data (control bytes other than
whitespace and ESC, U+FFFD): then the per-line binary test is skipped. The check
runs on the raw bytes with numpy, which is much cheaper than a regex over lines.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import polars as pl

from hotwash.evidence.logs.formats.base import TEXT

_SEPARATOR = b"\x1f"
_BOM = b"\xef\xbb\xbf"
_REPLACEMENT = "\ufffd".encode()
_ALLOWED_CONTROLS = (b"\t", b"\n", b"\r", b"\x1b", b"\x0b", b"\x0c")  # commonest first


@dataclass(frozen=True)
class Split:
    """The lines; ``clean``: none can be binary; ``ascii``: all are ASCII."""

    text: pl.Series
    clean: bool
    ascii: bool = False


def split_lines(data: bytes) -> Split:
    """The lines of ``data`` (no trailing newline expected), ``\\r`` endings dropped."""
    if data and not data.isspace() and _SEPARATOR not in data and not data.startswith(_BOM):
        strict = _read(data, "utf8")
        lines = strict if strict is not None else _read(data, "utf8-lossy")
        kept = strict is not None and _every_byte_kept(strict, len(data))  # lossy: lengths vary
        if lines is not None and (kept or _one_row_per_newline(lines, data, data.count(b"\n"))):
            ascii = data.isascii()
            clean = strict is not None and _clean(data, lines.len() - 1, ascii)
            return Split(_without_cr(lines, data), clean=clean, ascii=ascii)
    text = data.decode("utf-8", errors="replace").split("\n")
    return Split(pl.Series(TEXT, text, dtype=pl.String).str.strip_suffix("\r"), clean=False)


def split_inner(block: bytes, first: int, last: int) -> Split | None:
    """The complete lines of ``block`` strictly between its first and last newline
    (at ``first`` and ``last``), split without copying the block; None if that needs
    the careful :func:`split_lines` (not valid UTF-8, a byte-order mark...)."""
    if _SEPARATOR in block:
        return None
    rows = _read(block, "utf8")
    ends_on_newline = last == len(block) - 1
    if rows is None or not (
        _every_byte_kept(rows, len(block) - ends_on_newline)
        or _one_row_per_newline(rows, block, block.count(b"\n") - (not ends_on_newline))
    ):
        return None
    inner = rows.slice(1, rows.len() - (1 if ends_on_newline else 2))
    ascii = block.isascii()
    clean = _clean(block, rows.len() - (not ends_on_newline), ascii)
    return Split(_without_cr(inner, block), clean=clean, ascii=ascii)


def _read(data: bytes, encoding: str) -> pl.Series | None:
    try:
        frame = pl.read_csv(
            io.BytesIO(data),  # polars reads a BytesIO faster than the bytes themselves
            has_header=False,
            separator=_SEPARATOR.decode(),
            quote_char=None,
            new_columns=[TEXT],
            infer_schema=False,
            encoding=encoding,
        )
    except pl.exceptions.ComputeError:  # not valid UTF-8 (strict reading)
        return None
    return frame.to_series()


def _every_byte_kept(lines: pl.Series, size: int) -> bool:
    """Each of ``size`` bytes is in a line or is a newline between two (empty lines are
    null)."""
    kept = lines.str.len_bytes().sum()
    return isinstance(kept, int) and kept + lines.len() - 1 == size


def _one_row_per_newline(lines: pl.Series, data: bytes, newlines: int) -> bool:
    """polars dropped only ``\\r`` before newlines (Windows line ends): a row per line.
    After ``\\r\\r`` it would drop one and :func:`_without_cr` another, so not then."""
    return lines.len() == newlines + 1 and b"\r\r" not in data


def _without_cr(lines: pl.Series, data: bytes) -> pl.Series:
    lines = lines.fill_null("")
    return lines.str.strip_suffix("\r") if b"\r" in data else lines


def _clean(data: bytes, newlines: int, ascii: bool) -> bool:
    """No control byte but whitespace and ESC, no DEL, no U+FFFD (``data`` is valid
    UTF-8 holding ``newlines`` newlines). Counted, not searched: control bytes are
    rare, so counting them all and the allowed ones is the cheap way to compare."""
    if b"\x7f" in data or (not ascii and _REPLACEMENT in data):
        return False
    raw = np.frombuffer(data, dtype=np.uint8)
    controls = int(np.count_nonzero(raw < 0x20)) - newlines
    for allowed in _ALLOWED_CONTROLS:
        if controls == 0:
            break
        if allowed != b"\n":
            controls -= data.count(allowed)
    return controls == 0

"""Reading log files as line chunks: compression, odd bytes, damage, chunk borders."""

from __future__ import annotations

import gzip
from pathlib import Path

import polars as pl
import pytest
import zstandard

from hotwash.condense.mining import lines as reader
from hotwash.condense.mining.lines import LineReading, read_line_chunks

TEXT = "first line\r\nsecond line\n\nfourth line without newline"
EXPECTED = ["first line", "second line", "", "fourth line without newline"]


def read_all(path: Path, chunk_lines: int = 2) -> tuple[list[str], LineReading]:
    reading = LineReading()
    chunks = list(read_line_chunks(path, reading, chunk_lines=chunk_lines))
    return pl.concat(chunks).to_list() if chunks else [], reading


def test_plain_gzip_and_zstd_read_the_same(tmp_path: Path) -> None:
    plain = tmp_path / "app.log"
    plain.write_text(TEXT)
    zipped = tmp_path / "app.log.gz"
    zipped.write_bytes(gzip.compress(TEXT.encode()))
    zstd = tmp_path / "app.log.zst"
    zstd.write_bytes(zstandard.ZstdCompressor().compress(TEXT.encode()))
    for path in (plain, zipped, zstd):
        lines, reading = read_all(path)
        assert lines == EXPECTED
        assert reading.lines == 4
        assert reading.notes == []


def test_lines_cut_by_a_block_border_are_joined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "BLOCK_BYTES", 7)
    path = tmp_path / "app.log"
    path.write_text("alpha beta\ngamma delta epsilon\nzeta\n")
    lines, _ = read_all(path, chunk_lines=1)
    assert lines == ["alpha beta", "gamma delta epsilon", "zeta"]


def test_bad_bytes_are_replaced_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "app.log"
    path.write_bytes(b"ok \xff\xfe line\nnext\n")
    lines, _ = read_all(path)
    assert lines == ["ok \ufffd\ufffd line", "next"]


def test_a_truncated_archive_yields_what_could_be_read(tmp_path: Path) -> None:
    path = tmp_path / "app.log.gz"
    body = "".join(f"line {i}\n" for i in range(5000)).encode()
    path.write_bytes(gzip.compress(body)[:-200])
    lines, reading = read_all(path, chunk_lines=1000)
    assert 0 < len(lines) <= 5000
    assert lines[0] == "line 0"
    assert len(reading.notes) == 1
    assert "truncated" in reading.notes[0]


def test_an_empty_file_has_no_lines(tmp_path: Path) -> None:
    path = tmp_path / "empty.log"
    path.write_bytes(b"")
    assert read_all(path) == ([], LineReading())

"""Bad input: counted per reason, never raised, never lost, files never modified."""

from __future__ import annotations

import gzip
from pathlib import Path

import zstandard

from conftest import balanced, fixture, only_stats, read, sha256
from hotwash.evidence.logs import LogsSource
from hotwash.evidence.opening import make_target


def test_binary_garbage_and_invalid_utf8_are_counted(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    good = b"2026-03-14 14:02:11,123 ERROR [main] a.B - failed\n"
    log.write_bytes(
        good
        + b"\x00\x01\x02\xff\xfe garbage\n"
        + b"2026-03-14 14:02:12,000 INFO [main] a.B - caf\xe9\n"
    )
    stats = only_stats(read(log))
    assert stats.records == 2
    assert stats.skipped == {"binary data or invalid UTF-8": 1}
    assert stats.flagged == {"invalid UTF-8 replaced": 1}
    assert balanced(stats)


def test_a_10_mb_line_is_skipped_without_blowing_memory(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    head = b"2026-03-14 14:02:11,123 INFO [main] a.B - before\n"
    log.write_bytes(
        head + b"2026-03-14 14:02:12,000 INFO [main] a.B - " + b"x" * 10_000_000 + b"\n" + head
    )
    source = LogsSource(chunk_bytes=1 << 20, max_line_bytes=64 * 1024)
    stats = only_stats(read(log, source))
    assert (stats.lines, stats.records) == (3, 2)
    assert stats.skipped == {"line longer than 65536 bytes": 1}


def test_an_over_long_line_inside_a_chunk_is_skipped(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    line = b"2026-03-14 14:02:11,123 INFO [main] a.B - "
    log.write_bytes(line + b"ok\n" + line + b"y" * 5000 + b"\n" + line + b"ok")
    stats = only_stats(read(log, LogsSource(max_line_bytes=1000)))
    assert (stats.lines, stats.records, stats.skipped) == (3, 2, {"line longer than 1000 bytes": 1})


def test_gzip_and_zstd_copies_read_the_same(tmp_path: Path) -> None:
    original = fixture("java-payments.log")
    gz = tmp_path / "payments.1"
    gz.write_bytes(gzip.compress(original.read_bytes()))
    zst = tmp_path / "payments.2"
    zst.write_bytes(zstandard.ZstdCompressor().compress(original.read_bytes()))
    plain = only_stats(read(original))
    for copy in (gz, zst):
        stats = only_stats(read(copy))
        assert (stats.format, stats.lines, stats.records, stats.continuation_lines) == (
            plain.format,
            plain.lines,
            plain.records,
            plain.continuation_lines,
        )
        assert (stats.first_time, stats.last_time) == (plain.first_time, plain.last_time)


def test_truncated_gzip_keeps_what_was_readable(tmp_path: Path) -> None:
    lines = b"".join(
        b"2026-03-14 14:02:%02d,000 INFO [m] a.B - line %d\n" % (i % 60, i) for i in range(5000)
    )
    data = gzip.compress(lines)
    broken = tmp_path / "app.log.gz"
    broken.write_bytes(data[: len(data) // 2])
    stats = only_stats(read(broken))
    assert 0 < stats.records < 5000
    assert "truncated compressed stream: kept what was readable" in stats.notes
    assert balanced(stats)


def test_json_lines_with_unexpected_types() -> None:
    stats = only_stats(read(fixture("bad-types.jsonl")))
    assert stats.format == "json"
    assert stats.records == 4
    assert stats.skipped == {
        "timestamp field of unexpected type": 1,
        "invalid timestamp": 1,
        "not a JSON object": 2,
        "no timestamp field": 1,
    }
    assert stats.flagged == {
        "level field of unexpected type": 1,
        "message field of unexpected type": 1,
    }


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.log"
    empty.write_bytes(b"")
    assert LogsSource().sniff(make_target(empty)) == 0.0
    stats = only_stats(read(empty))
    assert (stats.lines, stats.records, stats.skipped) == (0, 0, {})
    assert "empty file" in stats.notes


def test_unknown_format_sniffs_zero_and_everything_is_skipped() -> None:
    path = fixture("notes.txt")
    assert LogsSource().sniff(make_target(path)) == 0.0
    stats = only_stats(read(path))
    assert (stats.format, stats.lines, stats.skipped) == ("unknown", 3, {"unrecognised format": 3})


def test_small_chunks_give_the_same_result_as_one_chunk() -> None:
    path = fixture("python-worker.log")
    whole = only_stats(read(path))
    chunked = only_stats(read(path, LogsSource(chunk_bytes=64)))
    assert (chunked.records, chunked.continuation_lines, chunked.skipped) == (
        whole.records,
        whole.continuation_lines,
        whole.skipped,
    )


def test_reading_never_modifies_evidence(tmp_path: Path) -> None:
    before = {path.name: sha256(path) for path in fixture("x").parent.iterdir()}
    for path in fixture("x").parent.iterdir():
        read(path)
    assert {path.name: sha256(path) for path in fixture("x").parent.iterdir()} == before


def test_progress_is_reported() -> None:
    seen: list[int] = []
    read(fixture("java-payments.log"), progress=seen.append)
    assert seen
    assert seen[-1] == fixture("java-payments.log").stat().st_size

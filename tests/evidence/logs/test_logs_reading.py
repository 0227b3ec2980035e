"""Reading blocks into lines (splitting, cleanliness) and working ahead in threads."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hotwash.evidence.logs.chunks import LineReader
from hotwash.evidence.logs.prefetch import map_ahead, prefetched
from hotwash.evidence.logs.splitting import split_lines

BINARY = re.compile("\ufffd|[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
PIECES = st.sampled_from(
    [
        b"2026-03-14 ok",
        b"\n",
        b"\n",
        b"\r\n",
        b"\r",
        b"\t",
        b"caf\xc3\xa9",
        b"\xff",
        b"\x00",
        b"\x1f",
        b"\x1b[31m",
        b"\xef\xbb\xbf",
        b"\xef\xbf\xbd",
        b"\x7f",
        b"  ",
        b"x" * 40,
    ]
)


def reference_lines(data: bytes, max_line_bytes: int) -> list[str]:
    """What reading must give: lossy UTF-8, one line per newline, ``\\r`` endings
    dropped, over-long lines emptied (as decoded: a replaced byte takes three), no
    line after a final newline."""
    if not data:
        return []
    raw = data.split(b"\n")
    if data.endswith(b"\n"):
        raw.pop()
    texts = [line.decode("utf-8", errors="replace").removesuffix("\r") for line in raw]
    return ["" if len(text.encode()) > max_line_bytes else text for text in texts]


def read_all(path: Path, chunk_bytes: int, max_line_bytes: int) -> tuple[list[str], list[int]]:
    reader = LineReader(path, chunk_bytes=chunk_bytes, max_line_bytes=max_line_bytes)
    texts: list[str] = []
    numbers: list[int] = []
    for chunk in reader.chunks():
        if chunk.clean:  # (a block may be called unclean just to be safe)
            assert not chunk.frame["text"].str.contains(BINARY.pattern).any()
        if chunk.ascii:
            assert all(text.isascii() for text in chunk.frame["text"])
        texts.extend(chunk.frame["text"].to_list())
        numbers.extend(chunk.frame["line"].to_list())
    return texts, numbers


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.lists(PIECES, max_size=60).map(b"".join),
    chunk_bytes=st.integers(1, 200),
    max_line_bytes=st.sampled_from([30, 1000]),
)
def test_every_block_size_reads_the_same_lines(
    tmp_path: Path, data: bytes, chunk_bytes: int, max_line_bytes: int
) -> None:
    path = tmp_path / "input.log"
    path.write_bytes(data)
    texts, numbers = read_all(path, chunk_bytes, max_line_bytes)
    expected = reference_lines(data, max_line_bytes)
    assert texts == expected
    assert numbers == list(range(1, len(expected) + 1))


def test_a_clean_ascii_block_is_marked_so() -> None:
    split = split_lines(b"2026-03-14 a\tb\n\x1b[1mbold\r\nlast")
    assert (split.clean, split.ascii) == (True, True)
    assert split.text.to_list() == ["2026-03-14 a\tb", "\x1b[1mbold", "last"]


@pytest.mark.parametrize(
    ("data", "clean", "ascii"),
    [
        (b"caf\xc3\xa9\nok", True, False),
        (b"bad \xff byte\nok", False, False),
        (b"nul \x00 byte", False, True),
        (b"del \x7f", False, True),
        ("replacement \ufffd already".encode(), False, False),
    ],
)
def test_blocks_that_may_hold_binary_are_not_clean(data: bytes, clean: bool, ascii: bool) -> None:
    split = split_lines(data)
    assert (split.clean, split.ascii) == (clean, ascii)


def test_prefetched_keeps_order_and_raises_the_producers_error() -> None:
    def numbers() -> Iterator[int]:
        yield from range(5)
        raise ValueError("disk gone")

    seen: list[int] = []
    with pytest.raises(ValueError, match="disk gone"):
        seen.extend(prefetched(numbers()))
    assert seen == [0, 1, 2, 3, 4]


def test_leaving_early_closes_the_producer() -> None:
    closed: list[bool] = []

    def numbers() -> Iterator[int]:
        try:
            yield from range(1000)
        finally:
            closed.append(True)

    for number in prefetched(numbers()):
        if number == 3:
            break
    assert closed == [True]


def test_map_ahead_works_in_threads_but_yields_in_order() -> None:
    frames = (pl.DataFrame({"n": range(n * 1000)}) for n in range(8))
    results = list(map_ahead(frames, lambda frame: frame.height, workers=2))
    assert [result for _frame, result in results] == [n * 1000 for n in range(8)]


def test_map_ahead_raises_the_workers_error() -> None:
    def work(number: int) -> int:
        if number == 2:
            raise RuntimeError("bad chunk")
        return number

    with pytest.raises(RuntimeError, match="bad chunk"):
        list(map_ahead(iter(range(5)), work, workers=2))

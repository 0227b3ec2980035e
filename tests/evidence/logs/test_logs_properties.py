"""Property tests: arbitrary bytes never raise and every line is accounted for."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hotwash.evidence.logs import LogsSource
from hotwash.evidence.opening import make_target
from hotwash.evidence.source import ReadContext

COMPRESSION_MAGIC = (b"\x1f\x8b", b"\x28\xb5\x2f\xfd")
LOG_LINES = st.sampled_from(
    [
        b"2026-03-14 14:02:11,123 ERROR [main] a.B - failed 17",
        b"\tat a.B.c(B.java:1)",
        b'{"time":"2026-03-14T14:02:11Z","level":"error","msg":"x"}',
        b'{"time":[1],"level":{},"msg":3}',
        b"Mar 14 14:02:11 host app[1]: hello",
        b"",
        b"\xff\xfe\x00",
    ]
)


def _account(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "input.log"
    path.write_bytes(data)
    batch = LogsSource(chunk_bytes=97).read(make_target(path), ReadContext(default_zone=UTC))
    (stats,) = batch.stats
    assert stats.records + stats.continuation_lines + sum(stats.skipped.values()) == stats.lines
    if data.startswith(COMPRESSION_MAGIC):
        return  # read as a (broken) compressed stream: what it holds is not these bytes
    expected = 0 if not data else data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    assert stats.lines == expected


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(tmp_path: Path, data: bytes) -> None:
    _account(tmp_path, data)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(st.one_of(LOG_LINES, st.binary(max_size=40)), max_size=30))
def test_mixed_lines_are_all_accounted_for(tmp_path: Path, lines: list[bytes]) -> None:
    _account(tmp_path, b"\n".join(lines))

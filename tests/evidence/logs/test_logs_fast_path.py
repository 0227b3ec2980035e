"""The fast path reads every line it takes exactly as the full parse would.

Each format's lines (usual layouts, variants, damaged lines) are scanned twice:
with the fast path, and with the full parse only. Records (time, zone, level,
service, flag, message) and every other line's status must be identical.
"""

from __future__ import annotations

import log_lines
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from hotwash.evidence.logs.chunks import LineChunk
from hotwash.evidence.logs.fastscan import fast_records
from hotwash.evidence.logs.formats import JsonLinesFormat, LogFormat, PlainFormat
from hotwash.evidence.logs.formats.access import AccessLogFormat
from hotwash.evidence.logs.formats.java import JavaFormat
from hotwash.evidence.logs.formats.journald import JournaldFormat
from hotwash.evidence.logs.formats.jsonlines import DIALECTS
from hotwash.evidence.logs.formats.klog import KlogFormat
from hotwash.evidence.logs.formats.logfmt import LogfmtFormat
from hotwash.evidence.logs.formats.postgres import PostgresFormat
from hotwash.evidence.logs.formats.prefixed import (
    GENERIC_PREFIX,
    KUBECTL_PREFIX,
    PrefixedFormat,
)
from hotwash.evidence.logs.formats.pylogging import PythonLoggingFormat
from hotwash.evidence.logs.formats.syslog import Rfc3164Format, Rfc5424Format
from hotwash.evidence.logs.scan import ChunkScan, ChunkScanner
from hotwash.evidence.logs.splitting import split_lines

MAX_LINE_BYTES = 4096
DIALECT = {dialect.name: JsonLinesFormat(dialect) for dialect in DIALECTS}
BUNYAN, PINO, ECS, GENERIC_JSON = (DIALECT[name] for name in ("bunyan", "pino", "ecs", "json"))


def chunk_of(lines: list[str]) -> LineChunk:
    split = split_lines("\n".join(lines).encode())
    frame = pl.DataFrame(
        {
            "line": pl.int_range(1, split.text.len() + 1, dtype=pl.UInt64, eager=True),
            "text": split.text,
            "too_long": split.text.str.len_bytes() > MAX_LINE_BYTES,
        }
    )
    return LineChunk(frame, split.clean, 0, split.ascii)


def scanned_both_ways(fmt: LogFormat, lines: list[str]) -> ChunkScan:
    chunk = chunk_of(lines)
    fast = ChunkScanner(fmt, MAX_LINE_BYTES, None).scan(chunk)
    full = ChunkScanner(fmt, MAX_LINE_BYTES, None, fast=False).scan(chunk)
    assert_frame_equal(fast.records, full.records)
    assert_frame_equal(fast.others, full.others)
    return fast


SLOW = pytest.mark.slow  # the full parse of an envelope around JSON is costly

CASES: list[tuple[str, LogFormat, st.SearchStrategy[str]]] = [
    ("java", JavaFormat(dated=True), log_lines.java_line()),
    ("java-time-only", JavaFormat(dated=False), log_lines.java_line(dated=False)),
    ("json-bunyan", BUNYAN, log_lines.json_line()),
    ("json-pino", PINO, log_lines.json_line(epoch=True)),
    ("json", GENERIC_JSON, log_lines.json_line()),
    ("json-ecs", ECS, log_lines.ecs_line()),
    ("journald", JournaldFormat(), log_lines.journald_line()),
    ("syslog-rfc3164", Rfc3164Format(), log_lines.syslog_line()),
    ("syslog-rfc5424", Rfc5424Format(), log_lines.syslog5424_line()),
    ("postgresql", PostgresFormat(), log_lines.postgres_line()),
    ("klog", KlogFormat(), log_lines.klog_line()),
    ("python-logging", PythonLoggingFormat(), log_lines.python_line()),
    ("logfmt", LogfmtFormat(), log_lines.logfmt_line()),
    ("access-log", AccessLogFormat(), log_lines.access_line()),
    (
        "kubectl+json",
        PrefixedFormat("kubectl", KUBECTL_PREFIX, BUNYAN),
        log_lines.prefixed_line(log_lines.json_line(), kubectl=True),
    ),
    (
        "kubectl+logfmt",
        PrefixedFormat("kubectl", KUBECTL_PREFIX, LogfmtFormat()),
        log_lines.prefixed_line(log_lines.logfmt_line(), kubectl=True),
    ),
    (
        "timestamped",
        PrefixedFormat("timestamped", GENERIC_PREFIX, PlainFormat()),
        log_lines.prefixed_line(log_lines.text(), kubectl=False),
    ),
    (
        "timestamped-epoch",
        PrefixedFormat("timestamped", GENERIC_PREFIX, PlainFormat()),
        log_lines.epoch_prefixed_line(),
    ),
    (
        "timestamped+java",
        PrefixedFormat("timestamped", GENERIC_PREFIX, JavaFormat(dated=False)),
        log_lines.prefixed_line(log_lines.java_line(dated=False), kubectl=False),
    ),
]


def _params() -> list[object]:
    return [
        pytest.param(fmt, lines, id=name, marks=[SLOW] if name == "kubectl+json" else [])
        for name, fmt, lines in CASES
    ]


@pytest.mark.parametrize(("fmt", "lines"), _params())
@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_fast_path_agrees_with_the_full_parse(
    fmt: LogFormat, lines: st.SearchStrategy[str], data: st.DataObject
) -> None:
    size = 8 if isinstance(fmt, PrefixedFormat) else 20
    scanned_both_ways(fmt, data.draw(st.lists(lines, min_size=1, max_size=size)))


USUAL: dict[str, tuple[LogFormat, str]] = {
    "java": (
        JavaFormat(dated=True),
        "2026-03-14 13:00:00,002 ERROR [exec-0] com.acme.orders.Service - pool timeout 7",
    ),
    "logback": (JavaFormat(dated=True), "2026-03-14 13:00:00.002 [main] WARN  c.a.Pool - slow"),
    "json-bunyan": (
        BUNYAN,
        '{"name":"cart","hostname":"api-1","pid":311,"level":50,"msg":"request 9 failed",'
        '"time":"2026-03-14T13:00:00.046Z","v":0}',
    ),
    "json-pino": (PINO, '{"level":30,"time":1773493200123,"pid":7,"msg":"ok","name":"web"}'),
    "logfmt": (
        LogfmtFormat(),
        'time=2026-03-14T13:00:00.012Z level=info service=orders msg="retrying 5/3" trace_id=4b',
    ),
    "access-log": (
        AccessLogFormat(),
        '10.0.3.43 - - [14/Mar/2026:13:00:00 +0000] "GET /api/orders?page=2 HTTP/1.1" 502 5120',
    ),
    "kubectl+json": (
        PrefixedFormat("kubectl", KUBECTL_PREFIX, BUNYAN),
        '2026-03-14T13:00:00.004305000Z {"name":"auth","level":30,"msg":"cache miss",'
        '"time":"2026-03-14T13:00:00.004Z","v":0}',
    ),
    "journald": (
        JournaldFormat(),
        '{"__REALTIME_TIMESTAMP":"1773496931123456","PRIORITY":"3",'
        '"_SYSTEMD_UNIT":"orders.service","MESSAGE":"database connection lost"}',
    ),
    "syslog-rfc3164": (Rfc3164Format(), "Mar 14 14:02:11 host sshd[42]: accepted key"),
    "syslog-rfc5424": (
        Rfc5424Format(),
        "<34>1 2026-03-14T14:02:11.003Z host app 42 ID47 - disk full",
    ),
    "postgresql": (
        PostgresFormat(),
        '2026-03-14 14:02:11.123 UTC [12345] ERROR:  relation "x" does not exist',
    ),
    "klog": (KlogFormat(), "E0314 14:02:11.123456   12345 file.go:42] sync failed"),
    "python-logging": (
        PythonLoggingFormat(),
        "2026-03-14 14:02:11,123 - payments.db - ERROR - connection lost",
    ),
    "timestamped": (
        PrefixedFormat("timestamped", GENERIC_PREFIX, PlainFormat()),
        "2026-03-14T14:02:11.123+00:00 ERROR upload failed",
    ),
}
SECOND_LAYOUT = {"logback"}  # the thread comes first: the general layout reads it


@pytest.mark.parametrize("name", list(USUAL))
def test_the_usual_layouts_take_the_fast_path(name: str) -> None:
    fmt, line = USUAL[name]
    layout = fmt.fast(pl.col("text"))[1 if name in SECOND_LAYOUT else 0]
    records, rest = fast_records(layout, chunk_of([line] * 3))
    assert (records.height, rest.height) == (3, 0)
    scanned_both_ways(fmt, [line] * 3)


def test_interleaved_writers_read_the_same() -> None:
    """Minute keys that change on every line (two writers a minute apart) are parsed
    per distinct key rather than per run."""
    lines = [
        f"2026-03-14 13:0{n % 2}:00,{n % 1000:03d} INFO  [w{n % 2}] a.B - step {n}"
        for n in range(4001)
    ]
    scan = scanned_both_ways(JavaFormat(dated=True), lines)
    assert scan.records.height == 4001

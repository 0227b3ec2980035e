"""Each format's fixture: detected format, exact counts, time range, errors per minute."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from conftest import balanced, fixture, minute, only_stats, read, sha256, utc
from hotwash.evidence.logs import LogsSource
from hotwash.evidence.opening import make_target


@dataclass(frozen=True)
class Expected:
    name: str
    format: str
    lines: int
    records: int
    first: str
    last: str
    errors: dict[str, int]
    continuation: int = 0
    skipped: dict[str, int] = field(default_factory=dict)


CASES = [
    Expected(
        "java-payments.log",
        "java",
        14,
        7,
        "2026-03-14T14:01:58.412Z",
        "2026-03-14T14:03:09.001Z",
        {"2026-03-14T14:02Z": 2, "2026-03-14T14:03Z": 1},
        continuation=7,
    ),
    Expected(
        "python-worker.log",
        "python-logging",
        11,
        4,
        "2026-03-14T14:02:00.004Z",
        "2026-03-14T14:03:00.120Z",
        {"2026-03-14T14:02Z": 1},
        continuation=6,
        skipped={"no timestamp": 1},
    ),
    Expected(
        "nginx-access.log",
        "access-log",
        6,
        6,
        "2026-03-14T14:01:59Z",
        "2026-03-14T14:03:02Z",
        {"2026-03-14T14:02Z": 2},
    ),
    Expected(
        "syslog-5424.log",
        "syslog-rfc5424",
        4,
        3,
        "2026-03-14T14:02:11.003Z",
        "2026-03-14T14:02:13Z",
        {"2026-03-14T14:02Z": 1},
        skipped={"no timestamp": 1},
    ),
    Expected(
        "postgres-main.log",
        "postgresql",
        8,
        4,
        "2026-03-14T14:02:00.001Z",
        "2026-03-14T14:03:01Z",
        {"2026-03-14T14:02Z": 2},
        continuation=4,
    ),
    Expected(
        "bunyan-api.jsonl",
        "json-bunyan",
        4,
        4,
        "2026-03-14T14:02:01.100Z",
        "2026-03-14T14:03:00Z",
        {"2026-03-14T14:02Z": 1, "2026-03-14T14:03Z": 1},
    ),
    Expected(
        "pino-web.jsonl",
        "json-pino",
        3,
        3,
        "2026-03-14T14:02:01.100Z",
        "2026-03-14T14:03:10Z",
        {"2026-03-14T14:02Z": 1},
    ),
    Expected(
        "zap-gateway.jsonl",
        "json-zap",
        3,
        3,
        "2026-03-14T14:02:01.100200Z",
        "2026-03-14T14:02:40Z",
        {"2026-03-14T14:02Z": 1},
    ),
    Expected(
        "ecs-search.jsonl",
        "json-ecs",
        3,
        3,
        "2026-03-14T14:02:01Z",
        "2026-03-14T14:02:12Z",
        {"2026-03-14T14:02Z": 1},
    ),
    Expected(
        "logstash-auth.jsonl",
        "json-logstash",
        2,
        2,
        "2026-03-14T14:02:02.500Z",
        "2026-03-14T14:02:11.123Z",
        {"2026-03-14T14:02Z": 1},
    ),
    Expected(
        "structlog-scheduler.jsonl",
        "json-structlog",
        3,
        3,
        "2026-03-14T14:02:00Z",
        "2026-03-14T14:02:12Z",
        {"2026-03-14T14:02Z": 1},
    ),
    Expected(
        "docker-container.log",
        "docker-json+json-zap",
        4,
        4,
        "2026-03-14T14:02:01.500123Z",
        "2026-03-14T14:03:10Z",
        {"2026-03-14T14:02Z": 1},
    ),
    Expected(
        "journal-export.json",
        "journald-json",
        3,
        3,
        "2026-03-14T14:02:01Z",
        "2026-03-14T14:02:11.500Z",
        {"2026-03-14T14:02Z": 1},
    ),
    Expected(
        "kubectl-orders.log",
        "kubectl+logfmt",
        4,
        4,
        "2026-03-14T14:02:01Z",
        "2026-03-14T14:03:00Z",
        {"2026-03-14T14:02Z": 1},
    ),
    Expected(
        "logfmt-mixed.log",
        "logfmt",
        4,
        4,
        "2026-03-14T14:02:00Z",
        "2026-03-14T14:03:30Z",
        {"2026-03-14T14:02Z": 1},
    ),
    Expected(
        "timestamped-agent.log",
        "timestamped",
        4,
        4,
        "2026-03-14T14:02:00Z",
        "2026-03-14T14:03:20Z",
        {"2026-03-14T14:02Z": 1},
    ),
    Expected(
        "klog-controller.log",
        "klog",
        4,
        4,
        "2025-03-14T14:02:10.100200Z",
        "2025-03-14T14:03:00.500Z",
        {"2025-03-14T14:02Z": 1, "2025-03-14T14:03Z": 1},
    ),
    Expected(
        "syslog-newyear.log",
        "syslog-rfc3164",
        6,
        6,
        "2025-12-31T23:58:01Z",
        "2026-01-01T00:01:10Z",
        {"2026-01-01T00:01Z": 1},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_fixture_is_read_exactly(case: Expected) -> None:
    path = fixture(case.name)
    before = sha256(path)
    batch = read(path, year_hint=2025)
    stats = only_stats(batch)
    assert (stats.format, stats.lines, stats.records) == (case.format, case.lines, case.records)
    assert stats.continuation_lines == case.continuation
    assert stats.skipped == case.skipped
    assert (stats.first_time, stats.last_time) == (utc(case.first), utc(case.last))
    errors: dict[int, int] = {}
    for summary in batch.logs:
        for at, count in summary.rates.errors.items():
            errors[at] = errors.get(at, 0) + count
    assert errors == {minute(at): count for at, count in case.errors.items()}
    assert balanced(stats)
    assert sha256(path) == before


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_fixture_sniffs_high(case: Expected) -> None:
    assert LogsSource().sniff(make_target(fixture(case.name))) >= 0.8


def test_java_stack_trace_stays_with_its_record_and_templates_count() -> None:
    batch = read(fixture("java-payments.log"))
    (summary,) = batch.logs
    assert summary.service == "java-payments"
    # Lines 3 and 13 differ only in numbers: one template (whatever the miner names it).
    (stat,) = [t for t in summary.templates if t.first_ref.line == 3]
    assert (stat.count, stat.level, stat.first_ref.line) == (2, "error", 3)
    assert stat.first_ref.path.endswith("java-payments.log")
    assert stat.first_seen == utc("2026-03-14T14:02:11.123Z")
    assert stat.last_seen == utc("2026-03-14T14:02:11.530Z")
    assert stat.minute_counts == {minute("2026-03-14T14:02Z"): 2}


def test_access_log_message_is_status_method_path_without_query_or_ids() -> None:
    frames = list(LogsSource().iter_messages(fixture("nginx-access.log")))
    messages = [message for frame in frames for message in frame["message"]]
    assert messages[:4] == [
        "200 GET /api/orders",
        "502 GET /api/orders/<*>",
        "504 POST /api/charge",
        "404 GET /favicon.ico",
    ]
    assert frames[0]["line"].to_list() == [1, 2, 3, 4, 5, 6]
    (summary,) = read(fixture("nginx-access.log"), LogsSource(mine_levels=None)).logs
    assert {t.level for t in summary.templates} == {"info", "error", "warning"}
    assert summary.rates.warnings == {minute("2026-03-14T14:02Z"): 2}


def test_by_default_only_errors_and_warnings_are_mined_but_all_are_counted() -> None:
    (summary,) = read(fixture("nginx-access.log")).logs
    assert {t.level for t in summary.templates} == {"error", "warning"}
    assert sum(t.count for t in summary.templates) == 4  # two 5xx, two 4xx
    assert sum(summary.rates.total.values()) == 6


def test_several_services_in_one_file_get_their_own_summary() -> None:
    batch = read(fixture("logfmt-mixed.log"))
    by_service = {summary.service: summary for summary in batch.logs}
    assert set(by_service) == {"cart", "checkout"}
    assert sum(by_service["cart"].rates.total.values()) == 2
    assert by_service["checkout"].rates.errors == {minute("2026-03-14T14:02Z"): 1}
    assert by_service["checkout"].rates.warnings == {minute("2026-03-14T14:02Z"): 1}


def test_docker_inner_json_gives_level_and_message() -> None:
    batch = read(fixture("docker-container.log"), LogsSource(mine_levels=None))
    by_service = {summary.service: summary for summary in batch.logs}
    cache = by_service["cache"]
    assert sorted((t.level, t.count) for t in cache.templates) == [("error", 1), ("info", 2)]
    assert cache.rates.errors == {minute("2026-03-14T14:02Z"): 1}
    (panic,) = by_service["docker-container"].templates
    assert (panic.first_ref.line, panic.level) == (3, None)


def test_journald_byte_array_message_is_decoded_and_flagged() -> None:
    batch = read(fixture("journal-export.json"))
    stats = only_stats(batch)
    assert stats.flagged == {"MESSAGE given as bytes": 1}
    messages = [
        m
        for frame in LogsSource().iter_messages(fixture("journal-export.json"))
        for m in frame["message"]
    ]
    assert messages[2] == "ok \ufffd\ufffd"


def test_postgres_zone_abbreviation_is_honoured() -> None:
    stats = only_stats(read(fixture("postgres-main.log")))
    assert stats.last_time == utc("2026-03-14T14:03:01Z")  # written as 15:03:01 CET
    assert stats.assumed_zone is None


def test_no_event_per_line_is_emitted() -> None:
    assert read(fixture("java-payments.log")).events == []

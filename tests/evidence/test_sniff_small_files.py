"""Sniffing a folder of small files picks the same source and log format as it always has.

Sniffing is built to be cheap (see ``hotwash.evidence.logs.detect``): these are the
choices it made before that work, file by file, through the entry point ``hotwash
timeline`` uses, with the log source's format and score.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from small_files import write_small_files

from hotwash.evidence.logs import LogsSource
from hotwash.evidence.opening import make_target
from hotwash.evidence.registry import evidence_sources
from hotwash.timeline.collect import best_source

# file: (source chosen, format the log source detects, its score)
EXPECTED: dict[str, tuple[str | None, str | None, float]] = {
    "alertmanager-alerts.json": ("alertmanager", None, 0.0),
    "backwards.log": ("logs", "java", 1.0),
    "bad-types.jsonl": ("logs", "json", 0.5555555555555556),
    "blank-lines.txt": (None, None, 0.0),
    "bunyan-api.jsonl": ("logs", "json-bunyan", 1.0),
    "config.ini": (None, None, 0.0),
    "dated-words.txt": (None, None, 0.0),
    "docker-container.log": ("logs", "docker-json+json-zap", 1.0),
    "ecs-search.jsonl": ("logs", "json-ecs", 1.0),
    "empty.log": (None, None, 0.0),
    "evidence-access.log": ("logs", "access-log", 1.0),
    "evidence-alertmanager_v2_alerts.json": ("alertmanager", None, 0.0),
    "evidence-alertmanager_webhook.json": ("alertmanager", None, 0.0),
    "evidence-amtool_query.json": ("alertmanager", None, 0.0),
    "evidence-app.jsonl": ("logs", "json", 1.0),
    "evidence-app.log": ("logs", "java", 1.0),
    "evidence-checkout_502_counter.json": ("prometheus", None, 0.0),
    "evidence-checkout_error_ratio.json": ("prometheus", None, 0.0),
    "evidence-checkout_p99_latency_seconds.json": ("prometheus", None, 0.0),
    "evidence-deploy_history.json": ("deploys", None, 0.0),
    "evidence-deploys.csv": ("deploys", None, 0.0),
    "evidence-deploys_local.csv": ("deploys", None, 0.0),
    "evidence-git_log.txt": ("git", None, 0.0),
    "evidence-git_log_iso_stat.txt": ("git", None, 0.0),
    "evidence-git_log_pipe.txt": ("git", None, 0.0),
    "evidence-incident_Q0RIJJZL24RC6W_log_entries.json": ("pagerduty", None, 0.0),
    "evidence-kubectl_events.json": ("kubectl", None, 0.0),
    "evidence-kubectl_events_k8s_io.json": ("kubectl", None, 0.0),
    "evidence-pagerduty_bare_list.json": ("pagerduty", None, 0.0),
    "evidence-prometheus_error.json": ("prometheus", None, 0.0),
    "evidence-prometheus_messy_samples.json": ("prometheus", None, 0.0),
    "evidence-prometheus_truncated.json": ("prometheus", None, 0.0),
    "evidence-replicasets.json": ("kubectl", None, 0.0),
    "evidence-requests_per_second_now.json": ("prometheus", None, 0.0),
    "evidence-slack_day_file.json": ("slack", "json", 0.030303030303030304),
    "evidence-syslog": ("logs", "syslog-rfc3164", 1.0),
    "head-alertmanager-alerts.json": (None, None, 0.0),
    "head-backwards.log": ("logs", "java", 1.0),
    "head-bad-types.jsonl": ("logs", "json", 0.5),
    "head-bunyan-api.jsonl": ("logs", "json-bunyan", 1.0),
    "head-docker-container.log": ("logs", "docker-json+json-zap", 1.0),
    "head-ecs-search.jsonl": ("logs", "json-ecs", 1.0),
    "head-java-payments.log": ("logs", "java", 1.0),
    "head-journal-export.json": ("logs", "journald-json", 1.0),
    "head-klog-controller.log": ("logs", "klog", 1.0),
    "head-kubectl-orders.log": ("logs", "kubectl+logfmt", 1.0),
    "head-logback-console.log": ("logs", "java-time-only", 0.5),
    "head-logfmt-mixed.log": ("logs", "logfmt", 1.0),
    "head-logstash-auth.jsonl": ("logs", "json-logstash", 1.0),
    "head-nginx-access.log": ("logs", "access-log", 1.0),
    "head-notes.txt": (None, None, 0.0),
    "head-pino-web.jsonl": ("logs", "json-pino", 1.0),
    "head-postgres-main.log": ("logs", "postgresql", 1.0),
    "head-prometheus-query.json": ("prometheus", None, 0.0),
    "head-python-worker.log": ("logs", "python-logging", 1.0),
    "head-slack-2026-03-14.json": ("slack", None, 0.0),
    "head-structlog-scheduler.jsonl": ("logs", "json-structlog", 1.0),
    "head-syslog-5424.log": ("logs", "syslog-rfc5424", 1.0),
    "head-syslog-newyear.log": ("logs", "syslog-rfc3164", 1.0),
    "head-timestamped-agent.log": ("logs", "timestamped", 1.0),
    "head-zap-gateway.jsonl": ("logs", "json-zap", 1.0),
    "image.png": (None, None, 0.0),
    "java-among-text.log": (None, "java", 0.25),
    "java-crlf.log": ("logs", "java", 1.0),
    "java-half.log": ("logs", "java", 0.5),
    "java-no-newline.log": ("logs", "java", 1.0),
    "java-payments.log": ("logs", "java", 1.0),
    "java.log.gz": ("logs", "java", 1.0),
    "java.log.zst": ("logs", "java", 1.0),
    "journal-export.json": ("logs", "journald-json", 1.0),
    "klog-controller.log": ("logs", "klog", 1.0),
    "kubectl-orders.log": ("logs", "kubectl+logfmt", 1.0),
    "logback-console.log": ("logs", "java-time-only", 0.8),
    "logfmt-mixed.log": ("logs", "logfmt", 1.0),
    "logstash-auth.jsonl": ("logs", "json-logstash", 1.0),
    "nginx-access.log": ("logs", "access-log", 1.0),
    "notes.txt": (None, None, 0.0),
    "nul-text.bin": (None, None, 0.0),
    "object.json": (None, None, 0.0),
    "one-char": (None, None, 0.0),
    "one-pair.txt": (None, None, 0.0),
    "pino-web.jsonl": ("logs", "json-pino", 1.0),
    "postgres-main.log": ("logs", "postgresql", 1.0),
    "pretty.json": (None, None, 0.0),
    "prometheus-query.json": ("prometheus", None, 0.0),
    "python-worker.log": ("logs", "python-logging", 1.0),
    "random-16.bin": (None, None, 0.0),
    "random-5000.bin": (None, None, 0.0),
    "random-700.bin": (None, None, 0.0),
    "runbook.md": (None, None, 0.0),
    "script.py": (None, None, 0.0),
    "slack-2026-03-14.json": ("slack", None, 0.0),
    "stack-only.log": (None, None, 0.0),
    "structlog-scheduler.jsonl": ("logs", "json-structlog", 1.0),
    "syslog-5424.log": ("logs", "syslog-rfc5424", 1.0),
    "syslog-newyear.log": ("logs", "syslog-rfc3164", 1.0),
    "table.csv": (None, None, 0.0),
    "timestamped-agent.log": ("logs", "timestamped", 1.0),
    "truncated.log.gz": (None, None, 0.0),
    "two-pairs.txt": ("logs", "logfmt", 1.0),
    "zap-gateway.jsonl": ("logs", "json-zap", 1.0),
}


@pytest.fixture(scope="module")
def small_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_small_files(tmp_path_factory.mktemp("small"))


def test_the_expectations_cover_every_small_file(small_files: dict[str, Path]) -> None:
    assert set(small_files) == set(EXPECTED)


def test_every_small_file_is_detected_as_before(small_files: dict[str, Path]) -> None:
    sources = evidence_sources()
    found = {}
    for name, path in small_files.items():
        target = make_target(path)
        chosen = best_source(target, sources)
        detection = LogsSource().detect(target)
        fmt = detection.format.name if detection.format is not None else None
        found[name] = (chosen.name if chosen is not None else None, fmt, detection.score)
    assert found == EXPECTED


def test_small_files_are_never_modified(small_files: dict[str, Path]) -> None:
    before = {name: path.read_bytes() for name, path in small_files.items()}
    sources = evidence_sources()
    for path in small_files.values():
        best_source(make_target(path), sources)
    assert {name: path.read_bytes() for name, path in small_files.items()} == before

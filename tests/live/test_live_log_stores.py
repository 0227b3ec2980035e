"""Loki and Elasticsearch through recorded exchanges: counts pushed down, few raw lines pulled."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from collecting import RECORDED_WINDOW, collect_with, settings_of, timeline_of
from replay import Recording

from hotwash.incidents.milestones import Milestone
from hotwash.live.state import Status

ONSET = datetime(2024, 5, 14, 9, 31, tzinfo=UTC)


def loki_settings() -> dict[str, object]:
    return {
        "sources": {"loki": {"url": "http://loki.test:3100", "line_limit": 50}},
        "services": {"checkout": {"log_sources": [{"loki": '{app="checkout",namespace="prod"}'}]}},
    }


def es_settings() -> dict[str, object]:
    return {
        "sources": {"elasticsearch": {"url": "http://es.test:9200", "line_limit": 40}},
        "services": {"checkout": {"log_sources": [{"elasticsearch": 'service.name:"checkout"'}]}},
    }


def test_loki_counts_per_minute_then_pulls_error_lines_around_the_onset(tmp_path: Path) -> None:
    recording = Recording.load("loki/checkout.json")
    run = collect_with(settings_of(loki_settings()), tmp_path / "c", recording.transport())
    [outcome] = run.outcomes
    assert outcome.record.status is Status.DONE, outcome.record.message
    assert outcome.record.files == ["loki/checkout"]
    # Two metric queries, then one request per window (baseline, onset, peak; merged).
    assert 3 <= outcome.record.requests <= 5
    saved = sorted(p.name for p in (tmp_path / "c" / "loki" / "checkout").iterdir())
    assert saved == ["checkout-log_errors.json", "checkout-log_lines.json", "checkout.loki.log"]
    lines = (tmp_path / "c" / "loki" / "checkout" / "checkout.loki.log").read_text().splitlines()
    times = [datetime.fromisoformat(line.split(" ", 1)[0][:26] + "+00:00") for line in lines]
    assert times == sorted(times)
    assert all(RECORDED_WINDOW.contains(moment) for moment in times)
    # Lines come from around the onset, not from the whole hour.
    assert len(lines) < 100
    assert any(abs((moment - ONSET).total_seconds()) <= 180 for moment in times)
    assert all("level=error" in line for line in lines)


def test_loki_evidence_rebuilds_the_onset(tmp_path: Path) -> None:
    run = collect_with(
        settings_of(loki_settings()),
        tmp_path / "c",
        Recording.load("loki/checkout.json").transport(),
    )
    timeline = timeline_of(run)
    # count_over_time([1m]) at ONSET is the first to jump and counts the minute before.
    onset = timeline.milestones[Milestone.IMPACT_START].at
    assert onset is not None
    assert ONSET - timedelta(minutes=1) <= onset <= ONSET


def test_elasticsearch_aggregates_per_minute_then_pulls_documents(tmp_path: Path) -> None:
    recording = Recording.load("elasticsearch/checkout.json")
    run = collect_with(settings_of(es_settings()), tmp_path / "c", recording.transport())
    [outcome] = run.outcomes
    assert outcome.record.status is Status.DONE, outcome.record.message
    folder = tmp_path / "c" / "elasticsearch" / "checkout"
    assert (folder / ".raw" / "histogram.json").is_file()
    errors = json.loads((folder / "checkout-log_errors.json").read_text())
    samples = errors["data"]["result"][0]["values"]
    assert len(samples) == 60  # one per minute, zeros included
    assert samples[31] == [int(ONSET.timestamp()), "287"]  # as recorded
    documents = [
        json.loads(line)
        for line in (folder / "checkout.elasticsearch.jsonl").read_text().splitlines()
    ]
    assert documents
    assert all(doc["log"]["level"] == "error" for doc in documents)
    assert recording.seen.count("POST /logs-*/_search") == outcome.record.requests
    assert timeline_of(run).milestones[Milestone.IMPACT_START].at == ONSET

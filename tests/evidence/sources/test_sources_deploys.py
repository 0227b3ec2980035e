from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from sources_helpers import AWKWARD, INCIDENT, assert_aware_utc, context, read, utc

from hotwash.evidence.model import EvidenceRef, SignalKind
from hotwash.evidence.opening import make_target
from hotwash.evidence.sources.deploy_columns import deploy_columns
from hotwash.evidence.sources.deploys import DeploysSource
from hotwash.times import resolve_zone

SOURCE = DeploysSource()
BERLIN = resolve_zone("Europe/Berlin")


def test_deploy_csv_rows_become_deploy_events() -> None:
    batch = read(SOURCE, INCIDENT / "changes" / "deploys.csv", context())
    assert_aware_utc(batch)
    timeline = [(event.at, event.service, event.actor, event.text) for event in batch.events]
    assert timeline == [
        (
            utc(2026, 3, 14, 11, 20),
            "cart",
            "ci-bot",
            "Deploy cart 5.2.1: Routine release, no schema change",
        ),
        (
            utc(2026, 3, 14, 13, 58),
            "checkout",
            "Marco Bianchi",
            "Deploy checkout 2.14.0: Tune HTTP client pool (PR #1841)",
        ),
        (
            utc(2026, 3, 14, 14, 24),
            "checkout",
            "Dana Okafor",
            "Deploy checkout 2.13.2: Rollback of 2.14.0",
        ),
    ]
    deploy = batch.events[1]
    assert deploy.kind is SignalKind.DEPLOY
    assert deploy.ref == EvidenceRef("changes/deploys.csv", 3, "2.14.0")
    assert deploy.labels == {"version": "2.14.0", "commit": "8c1e2f4a"}
    stats = batch.stats[0]
    assert (stats.format, stats.records, stats.lines, stats.skipped, stats.assumed_zone) == (
        "deploys csv",
        3,
        4,
        {},
        None,
    )


def test_semicolon_csv_with_naive_local_times_and_bad_rows() -> None:
    batch = read(SOURCE, AWKWARD / "deploys_local.csv", context(AWKWARD, BERLIN))
    timeline = [(event.at, event.text, event.ref.line) for event in batch.events]
    assert timeline == [
        (utc(2026, 3, 14, 13, 58), "Deploy payments 7.0.1: raise consumer concurrency", 2),
        (
            utc(2026, 3, 14, 15, 10, 30),
            "Deploy payments 7.0.2: revert concurrency; add alert [failed]",
            3,
        ),
    ]
    stats = batch.stats[0]
    assert stats.assumed_zone == "Europe/Berlin"
    assert stats.skipped == {
        "deploy time: local time ambiguous or skipped by a DST change": 1,
        "deploy time: unreadable time": 1,
        "deploy time: missing time": 1,
    }


def test_zone_for_the_file_comes_from_the_context_globs() -> None:
    read_context = context(AWKWARD)
    read_context.zones = {"deploys_*.csv": resolve_zone("America/New_York")}
    first = read(SOURCE, AWKWARD / "deploys_local.csv", read_context).events[0]
    assert first.at == utc(2026, 3, 14, 18, 58)  # 14:58 EDT


def test_json_deploy_history_with_epoch_and_offset_times() -> None:
    batch = read(SOURCE, AWKWARD / "deploy_history.json", context(AWKWARD))
    timeline = [(event.at, event.service, event.actor, event.text) for event in batch.events]
    assert timeline == [
        (utc(2026, 3, 14, 14, 45), "search", "Kim Park", "Deploy search 1.9.1"),
        (utc(2026, 3, 14, 14, 50), "search", "ci-bot", "Deploy search 1.9.0"),
    ]
    assert batch.events[1].labels == {
        "version": "1.9.0",
        "commit": "c0ffee12",
        "environment": "prod",
    }
    assert batch.stats[0].format == "deploys json"
    assert batch.stats[0].skipped == {
        "deploy record is not an object": 1,
        "deploy time: missing time": 1,
    }


def test_compressed_csv_is_read(tmp_path: Path) -> None:
    path = tmp_path / "deploys.csv.gz"
    path.write_bytes(gzip.compress((INCIDENT / "changes" / "deploys.csv").read_bytes()))
    target = make_target(path)
    assert SOURCE.sniff(target) == 0.85
    assert len(SOURCE.read(target, context(tmp_path)).events) == 3


def test_json_without_deploy_fields_is_counted(tmp_path: Path) -> None:
    path = tmp_path / "things.json"
    path.write_text(json.dumps([{"name": "a"}, {"name": "b"}]))
    batch = read(SOURCE, path)
    assert batch.events == []
    assert batch.stats[0].skipped == {"records without deploy fields": 2}


@pytest.mark.parametrize(
    ("header", "is_deploy"),
    [
        (["timestamp", "service", "version"], True),
        (["Deployed At", "App", "By"], True),
        (["time", "sha"], True),
        (["time", "service", "level", "message"], False),  # a log table
        (["time", "message"], False),
        (["service", "version"], False),  # no time, no timeline
    ],
)
def test_deploy_columns_are_recognised_by_name(header: list[str], is_deploy: bool) -> None:
    assert (deploy_columns(header) is not None) is is_deploy

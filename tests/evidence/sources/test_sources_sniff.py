"""Every fixture is claimed by exactly its own source, by content; logs by none of them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pluggy
import pytest
from sources_helpers import AWKWARD, INCIDENT, LOGS

from hotwash.evidence.hookspecs import PROJECT, EvidenceSpec
from hotwash.evidence.opening import make_target
from hotwash.evidence.registry import evidence_sources
from hotwash.evidence.source import EvidenceSource
from hotwash.evidence.sources import plugin
from hotwash.evidence.sources.plugin import hotwash_evidence_sources

SOURCES = hotwash_evidence_sources()
OWNER = {
    "incident/prometheus/checkout_error_ratio.json": "prometheus",
    "incident/prometheus/checkout_p99_latency_seconds.json": "prometheus",
    "incident/prometheus/checkout_502_counter.json": "prometheus",
    "incident/prometheus/requests_per_second_now.json": "prometheus",
    "incident/alerts/alertmanager_v2_alerts.json": "alertmanager",
    "incident/alerts/amtool_query.json": "alertmanager",
    "incident/pagerduty/incident_Q0RIJJZL24RC6W_log_entries.json": "pagerduty",
    "incident/slack-export": "slack",
    "incident/changes/git_log.txt": "git",
    "incident/changes/kubectl_events.json": "kubectl",
    "incident/changes/replicasets.json": "kubectl",
    "incident/changes/deploys.csv": "deploys",
    "awkward/prometheus_error.json": "prometheus",
    "awkward/prometheus_messy_samples.json": "prometheus",
    "awkward/prometheus_truncated.json": "prometheus",
    "awkward/alertmanager_webhook.json": "alertmanager",
    "awkward/pagerduty_bare_list.json": "pagerduty",
    "awkward/slack_day_file.json": "slack",
    "awkward/git_log_pipe.txt": "git",
    "awkward/git_log_iso_stat.txt": "git",
    "awkward/kubectl_events_k8s_io.json": "kubectl",
    "awkward/deploys_local.csv": "deploys",
    "awkward/deploy_history.json": "deploys",
}


def scores(path: Path) -> dict[str, float]:
    target = make_target(path)
    return {source.name: source.sniff(target) for source in SOURCES}


def test_every_fixture_has_an_owner() -> None:
    root = INCIDENT.parent
    files = {
        path.relative_to(root).as_posix()
        for folder in (INCIDENT, AWKWARD)
        for path in folder.rglob("*")
        if path.is_file() and "slack-export" not in path.parts
    }
    assert files | {"incident/slack-export"} == set(OWNER)


@pytest.mark.parametrize(("relative", "owner"), sorted(OWNER.items()))
def test_fixture_is_claimed_by_its_own_source_only(relative: str, owner: str) -> None:
    found = scores(INCIDENT.parent / relative)
    assert found[owner] >= 0.7
    others = {name: score for name, score in found.items() if name != owner}
    assert max(others.values()) < 0.5, others


@pytest.mark.parametrize("path", sorted(LOGS.iterdir()), ids=lambda path: path.name)
def test_log_files_are_claimed_by_none(path: Path) -> None:
    assert max(scores(path).values()) < 0.1


def test_plain_folders_and_empty_files_are_claimed_by_none(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    for path in (INCIDENT, INCIDENT / "changes", tmp_path, empty):
        assert max(scores(path).values()) == 0.0


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_repository_folder_is_claimed_by_git_only(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    found = scores(tmp_path / "repo")
    assert found["git"] == 0.9
    assert max(score for name, score in found.items() if name != "git") == 0.0


def test_sniff_is_by_content_not_by_file_name(tmp_path: Path) -> None:
    renamed = tmp_path / "deploys.csv"  # a name that says one thing, content another
    shutil.copy(INCIDENT / "alerts" / "alertmanager_v2_alerts.json", renamed)
    found = scores(renamed)
    assert max(found, key=lambda name: found[name]) == "alertmanager"
    assert found["deploys"] == 0.0


def test_plugin_hook_registers_every_source_through_pluggy() -> None:
    manager = pluggy.PluginManager(PROJECT)
    manager.add_hookspecs(EvidenceSpec)
    manager.register(plugin, name="builtin")
    sources = evidence_sources(manager)
    assert [source.name for source in sources] == [
        "prometheus",
        "alertmanager",
        "pagerduty",
        "slack",
        "git",
        "kubectl",
        "deploys",
    ]
    assert all(isinstance(source, EvidenceSource) for source in sources)

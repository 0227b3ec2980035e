"""Sniffing against other evidence, the pluggy plugin, and streaming messages."""

from __future__ import annotations

import pluggy
import pytest

from conftest import fixture
from hotwash.evidence.hookspecs import PROJECT, EvidenceSpec
from hotwash.evidence.logs import LogsSource, plugin
from hotwash.evidence.opening import make_target
from hotwash.evidence.registry import evidence_sources
from hotwash.evidence.source import EvidenceSource


@pytest.mark.parametrize(
    "name", ["prometheus-query.json", "alertmanager-alerts.json", "slack-2026-03-14.json"]
)
def test_structured_evidence_that_is_not_a_log_scores_low(name: str) -> None:
    assert LogsSource().sniff(make_target(fixture(name))) < 0.2


def test_directories_score_zero(tmp_path: pytest.TempPathFactory) -> None:
    assert LogsSource().sniff(make_target(fixture("x").parent)) == 0.0


def test_plugin_registers_the_source() -> None:
    manager = pluggy.PluginManager(PROJECT)
    manager.add_hookspecs(EvidenceSpec)
    manager.register(plugin)
    (source,) = evidence_sources(manager)
    assert isinstance(source, LogsSource)
    assert isinstance(source, EvidenceSource)
    assert source.name == "logs"


def test_iter_messages_streams_line_numbers_and_messages() -> None:
    frames = list(LogsSource(chunk_bytes=300).iter_messages(fixture("java-payments.log")))
    assert len(frames) > 1
    lines = [line for frame in frames for line in frame["line"]]
    assert lines == [1, 2, 3, 11, 12, 13, 14]
    assert frames[0].columns == ["line", "message"]
    assert frames[0]["message"][0] == "listening on port 8443"

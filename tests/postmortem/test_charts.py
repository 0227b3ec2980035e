"""Charts: what they show, that they are readable, and that reruns give identical bytes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from hotwash.evidence.model import EvidenceRef, MetricRole, MetricSeries
from hotwash.postmortem.chart_data import ChartKind, chart_window, charts_for
from hotwash.postmortem.charts import draw_chart
from hotwash.redact import Redactor
from hotwash.timeline.model import Timeline


def test_metrics_come_first_and_logs_fill_in(demo_timeline: Timeline) -> None:
    charts = {chart.kind: chart for chart in charts_for(demo_timeline, Redactor())}
    assert set(charts) == {ChartKind.ERROR_RATE, ChartKind.REQUEST_RATE}
    errors = charts[ChartKind.ERROR_RATE]
    assert not errors.derived_from_logs
    assert errors.unit == "%"
    assert errors.sources == ["prometheus-checkout-5xx-ratio.json"]
    assert float(np.nanmax(errors.lines[0].values)) > 30  # a ratio shown as a percentage
    requests = charts[ChartKind.REQUEST_RATE]
    assert requests.derived_from_logs
    assert requests.unit == "requests/min"


def test_without_metrics_the_error_rate_comes_from_access_logs(demo_timeline: Timeline) -> None:
    logs_only = replace(demo_timeline, metrics=[])
    errors = next(c for c in charts_for(logs_only, Redactor()) if c.kind is ChartKind.ERROR_RATE)
    assert errors.derived_from_logs
    assert errors.unit == "%"
    assert errors.lines[0].label == "5xx share of edge-nginx-access requests"
    during = errors.lines[0].values[(errors.lines[0].times >= 1773497100)]
    assert float(np.nanmax(during)) > 20


def test_latency_metrics_make_a_latency_chart(demo_timeline: Timeline) -> None:
    times = np.arange(1773494400, 1773499800, 60, dtype=np.float64)
    series = MetricSeries(
        "http_request_duration_p99",
        {},
        times,
        np.where((times >= 1773496920) & (times < 1773498660), 2400.0, 180.0),
        EvidenceRef("latency.json"),
        role=MetricRole.LATENCY,
        unit="ms",
    )
    with_latency = replace(demo_timeline, metrics=[*demo_timeline.metrics, series])
    kinds = {c.kind: c for c in charts_for(with_latency, Redactor())}
    assert kinds[ChartKind.LATENCY].unit == "ms"


def test_window_surrounds_the_impact(demo_timeline: Timeline) -> None:
    window = chart_window(demo_timeline)
    assert window is not None
    start, end = window
    assert start == datetime(2026, 3, 14, 13, 52, tzinfo=UTC)
    assert end >= datetime(2026, 3, 14, 14, 48, tzinfo=UTC)  # resolution is close enough to show
    assert charts_for(replace(demo_timeline, milestones={}), Redactor()) == []


def test_charts_are_readable_and_deterministic(demo_timeline: Timeline, tmp_path: Path) -> None:
    data = next(c for c in charts_for(demo_timeline, Redactor()) if c.kind is ChartKind.ERROR_RATE)
    (tmp_path / "again").mkdir()
    first = draw_chart(data, tmp_path / "again" / "chart")
    second = draw_chart(data, tmp_path / "chart")
    assert first.png.read_bytes() == second.png.read_bytes()
    assert first.svg.read_bytes() == second.svg.read_bytes()
    svg = second.svg.read_text()
    for label in (
        "Error rate: job:checkout_http_5xx:ratio_rate1m of checkout",
        "Time (UTC), 2026-03-14",
        "Error rate (%)",
        "impact start 14:02:00",
        "detected 14:06:12",
        "mitigated 14:31:00",
    ):
        assert label in svg, label
    assert "<dc:date>" not in svg  # no timestamp: reruns are byte-identical
    assert second.png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert second.peak_at is not None
    assert second.peak_value is not None
    assert 35 < second.peak_value < 50

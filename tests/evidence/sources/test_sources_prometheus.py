from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sources_helpers import AWKWARD, INCIDENT, context, read, utc

from hotwash.evidence.model import MetricRole
from hotwash.evidence.sources.prometheus import PrometheusSource
from hotwash.evidence.sources.prometheus_roles import guess_role

PROMETHEUS = INCIDENT / "prometheus"
SOURCE = PrometheusSource()


def test_error_ratio_matrix_becomes_numpy_series_with_role_unit_service_and_ref() -> None:
    batch = read(SOURCE, PROMETHEUS / "checkout_error_ratio.json", context())
    checkout, cart = batch.metrics
    assert checkout.service == "checkout"
    assert cart.service == "cart"
    assert checkout.role is MetricRole.ERROR_RATIO
    assert checkout.unit == "ratio"
    assert checkout.times.dtype == np.float64
    assert checkout.values.dtype == np.float64
    assert len(checkout.times) == 61
    assert checkout.times[0] == utc(2026, 3, 14, 13, 45).timestamp()
    assert checkout.labels == {"namespace": "shop", "service": "checkout"}
    assert checkout.ref.path == "prometheus/checkout_error_ratio.json"
    assert checkout.ref.detail == 'checkout_error_ratio{namespace="shop",service="checkout"}'
    stats = batch.stats[0]
    assert (stats.records, stats.skipped) == (2, {})
    assert (stats.first_time, stats.last_time) == (
        utc(2026, 3, 14, 13, 45),
        utc(2026, 3, 14, 14, 45),
    )


def test_error_ratio_values_show_the_incident_shape() -> None:
    checkout = read(SOURCE, PROMETHEUS / "checkout_error_ratio.json", context()).metrics[0]
    values = dict(zip(checkout.times.tolist(), checkout.values.tolist(), strict=True))
    assert values[utc(2026, 3, 14, 14, 1).timestamp()] < 0.01  # baseline
    assert values[utc(2026, 3, 14, 14, 2).timestamp()] == pytest.approx(0.04)  # errors start
    assert values[utc(2026, 3, 14, 14, 20).timestamp()] == pytest.approx(0.34)
    assert values[utc(2026, 3, 14, 14, 31).timestamp()] == pytest.approx(0.0021)  # back to baseline
    assert np.isnan(values[utc(2026, 3, 14, 14, 15).timestamp()])  # a scrape gap stays a gap


def test_latency_quantile_is_latency_in_seconds_and_keeps_infinity() -> None:
    (series,) = read(SOURCE, PROMETHEUS / "checkout_p99_latency_seconds.json", context()).metrics
    assert (series.role, series.unit, series.service) == (MetricRole.LATENCY, "s", "checkout")
    assert np.isposinf(series.values).sum() == 1
    assert series.values[0] == pytest.approx(0.18)


def test_raw_5xx_counter_is_read_as_a_per_second_error_rate_across_a_reset() -> None:
    batch = read(SOURCE, PROMETHEUS / "checkout_502_counter.json", context())
    (series,) = batch.metrics
    assert series.name == "rate(http_requests_total)"
    assert (series.role, series.unit, series.service) == (MetricRole.ERROR_RATE, "1/s", "checkout")
    rates = dict(zip(series.times.tolist(), series.values.tolist(), strict=True))
    assert rates[utc(2026, 3, 14, 14, 1).timestamp()] == pytest.approx(0.1)  # 6 per minute
    assert rates[utc(2026, 3, 14, 14, 10).timestamp()] == pytest.approx(30.0)  # 1800 per minute
    # the rollback restarted the pods: the counter restarted, the rate must not go negative
    assert rates[utc(2026, 3, 14, 14, 24).timestamp()] == pytest.approx(0.1)
    assert (series.values >= 0).all()
    assert batch.stats[0].notes == [
        "http_requests_total: cumulative counter read as a per-second rate"
    ]


def test_instant_vector_gives_one_point_series_named_after_the_file() -> None:
    batch = read(SOURCE, PROMETHEUS / "requests_per_second_now.json", context())
    checkout, cart = batch.metrics
    assert checkout.name == "requests_per_second_now"
    assert (checkout.role, checkout.unit) == (MetricRole.REQUEST_RATE, "1/s")
    assert checkout.times.tolist() == [utc(2026, 3, 14, 14, 45).timestamp() + 0.781]
    assert cart.values.tolist() == [97.25]


def test_error_response_is_reported_not_raised() -> None:
    batch = read(SOURCE, AWKWARD / "prometheus_error.json")
    assert batch.metrics == []
    (stats,) = batch.stats
    assert stats.skipped == {"Prometheus error response": 1}
    assert stats.notes == [
        'Prometheus returned an error: bad_data: invalid parameter "query": '
        "1:38: parse error: unexpected end of input"
    ]


def test_messy_samples_keep_the_good_ones_and_count_the_rest() -> None:
    batch = read(SOURCE, AWKWARD / "prometheus_messy_samples.json")
    (series,) = batch.metrics
    assert series.times.tolist() == [utc(2026, 3, 14, 14, m).timestamp() for m in (5, 7, 8, 9, 11)]
    values = series.values.tolist()
    assert values[0] == 12.0
    assert np.isnan(values[1])
    assert values[2:4] == [float("inf"), float("-inf")]
    assert values[4] == 15.0
    assert series.role is MetricRole.SATURATION
    stats = batch.stats[0]
    assert stats.skipped == {
        "malformed sample": 4,
        "sample time out of range": 1,
        "result without samples": 2,
        "series without usable samples": 1,
    }
    assert stats.notes == ["Prometheus warning: results truncated due to limit"]


def test_truncated_response_is_counted() -> None:
    batch = read(SOURCE, AWKWARD / "prometheus_truncated.json")
    assert batch.metrics == []
    assert batch.stats[0].skipped == {"truncated JSON": 1}


def test_scalar_and_string_results(tmp_path: Path) -> None:
    path = tmp_path / "answer.json"
    scalar = {"status": "success", "data": {"resultType": "scalar", "result": [1773497100, "42"]}}
    text = {"status": "success", "data": {"resultType": "string", "result": [1773497100, "hi"]}}
    path.write_text(json.dumps(scalar) + "\n" + json.dumps(text))
    batch = read(SOURCE, path)
    (series,) = batch.metrics
    assert (series.name, series.values.tolist()) == ("answer", [42.0])
    assert batch.stats[0].skipped == {"string result (not a time series)": 1}


def test_read_window_trims_samples_and_counts_them() -> None:
    window = context(since=utc(2026, 3, 14, 14, 0), until=utc(2026, 3, 14, 14, 30))
    batch = read(SOURCE, PROMETHEUS / "checkout_p99_latency_seconds.json", window)
    (series,) = batch.metrics
    assert series.times[0] == utc(2026, 3, 14, 14, 0).timestamp()
    assert series.times[-1] == utc(2026, 3, 14, 14, 30).timestamp()
    assert batch.stats[0].skipped == {"sample outside the time window": 30}


@pytest.mark.parametrize(
    ("name", "labels", "values", "role", "unit"),
    [
        ("http_requests_total", {"code": "200"}, [1.0, 2.0], MetricRole.REQUEST_RATE, "1/s"),
        ("checkout_5xx_rate", {}, [0.2, 0.4], MetricRole.ERROR_RATE, "1/s"),
        ("checkout_errors", {}, [0.2, 0.4], MetricRole.ERROR_RATIO, "ratio"),
        ("error_percent", {}, [2.0, 40.0], MetricRole.ERROR_RATIO, "%"),
        ("payment_failures", {}, [3.0, 40.0], MetricRole.ERROR_RATE, "1/s"),
        ("api_latency_ms_p95", {}, [120.0], MetricRole.LATENCY, "ms"),
        ("process_cpu_seconds_total", {}, [1.0], MetricRole.SATURATION, None),
        ("node_memory_bytes", {}, [1e9], MetricRole.SATURATION, "bytes"),
        ("cpu_utilisation", {}, [0.5], MetricRole.SATURATION, "ratio"),
        ("up", {}, [1.0], MetricRole.OTHER, None),
    ],
)
def test_role_guesses(
    name: str, labels: dict[str, str], values: list[float], role: MetricRole, unit: str | None
) -> None:
    assert guess_role(name, labels, np.array(values), rate=False) == (role, unit)


def test_server_error_code_label_makes_an_error_series() -> None:
    guess = guess_role("http_requests_total", {"code": "503"}, np.array([1.0, 5.0]), rate=True)
    assert guess == (MetricRole.ERROR_RATE, "1/s")

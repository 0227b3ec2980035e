"""Which trouble is the incident, and which signals say when it began and ended.

Each case broke impact start or mitigation on randomised bundles
(``benchmarks/milestones_accuracy.py``) before the rule it is named after.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import numpy.typing as npt

from hotwash.evidence.model import EvidenceRef, LogSummary, MinuteCounts, TemplateStat
from hotwash.incidents.milestones import Milestone
from hotwash.timeline.impact import impact_milestones
from hotwash.timeline.signals import (
    ACCESS_LOG_RANK,
    APP_LOG_RANK,
    ImpactSignal,
    impact_signals,
)
from hotwash.timeline.windows import window_minutes

T0 = datetime(2026, 5, 2, 9, 0, tzinfo=UTC)
BASE = T0.timestamp() / 60
LENGTH = 150
Floats = npt.NDArray[np.float64]


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def index() -> Floats:
    return np.arange(LENGTH, dtype=np.float64)


def requests(
    seed: int, share: Floats, rank: int = ACCESS_LOG_RANK, name: str = "a"
) -> ImpactSignal:
    """Per-minute requests and errors (an access or application log) with ``share`` failing."""
    rng = np.random.default_rng(seed)
    totals = rng.poisson(200, LENGTH).astype(np.float64)
    errors = rng.binomial(totals.astype(np.int64), share).astype(np.float64)
    return ImpactSignal(
        name, BASE + index(), errors, totals, False, rank, EvidenceRef(f"{name}.log")
    )


def metric(values: Floats, name: str, rank: int = 2) -> ImpactSignal:
    return ImpactSignal(
        name,
        BASE + index(),
        values,
        None,
        True,
        rank,
        EvidenceRef(f"{name}.json"),
        "s",
        window_minutes(name),
    )


def between(start: int, end: int, inside: float, outside: float) -> Floats:
    return np.where((index() >= start) & (index() < end), inside, outside)


def trailing(values: Floats, window: int) -> Floats:
    sums = np.concatenate(([0.0], np.cumsum(values)))
    low = np.maximum(np.arange(values.size) + 1 - window, 0)
    return (sums[1:] - sums[low]) / (np.arange(values.size) + 1 - low)


def found(
    signals: list[ImpactSignal], responses: list[datetime] | None = None
) -> dict[Milestone, datetime]:
    return {m: f.at for m, f in impact_milestones(signals, responses or []).items()}


def test_a_clear_latency_episode_wins_over_a_faint_blip_in_the_error_ratio() -> None:
    rng = np.random.default_rng(1)
    ratio = 0.002 + rng.uniform(0, 0.001, LENGTH) + between(10, 15, 0.02, 0.0)
    latency = 0.25 + rng.uniform(0, 0.02, LENGTH) + between(40, 70, 3.0, 0.0)
    times = found([metric(ratio, "error_ratio", rank=0), metric(latency, "p99 latency")])
    assert times[Milestone.IMPACT_START] == at(40)


def test_the_trouble_that_was_paged_is_the_incident() -> None:
    earlier = requests(2, between(10, 40, 0.5, 0.002), name="cart")  # the stronger one
    later = requests(3, between(80, 100, 0.2, 0.002), name="checkout")
    times = found([earlier, later], responses=[at(-600), at(83)])  # an old alert, a page
    assert times[Milestone.IMPACT_START] == at(80)
    assert times[Milestone.MITIGATED] == at(100)


def test_error_logs_stand_in_when_only_they_show_the_paged_trouble() -> None:
    facing = requests(4, between(10, 20, 0.1, 0.002), name="edge")
    app_log = requests(5, between(60, 90, 0.6, 0.01), rank=APP_LOG_RANK, name="checkout")
    result = impact_milestones([facing, app_log], [at(63)])
    assert result[Milestone.IMPACT_START].at == at(60)
    assert "error logs only" in result[Milestone.IMPACT_START].method


def test_a_faint_overlapping_episode_does_not_move_the_onset() -> None:
    rng = np.random.default_rng(6)
    latency = 0.25 + rng.uniform(0, 0.02, LENGTH) + between(51, 55, 1.0, 0.0)  # 4 minutes
    access = requests(7, between(54, 90, 0.4, 0.002))
    result = impact_milestones([access, metric(latency, "p99 latency")])
    assert result[Milestone.IMPACT_START].at == at(54)


def test_per_request_counts_decide_the_recovery_over_a_windowed_metric() -> None:
    access = requests(8, between(30, 60, 0.4, 0.002))
    windowed = trailing(between(30, 60, 0.4, 0.002), 5)  # back under 10% at minute 64
    times = found([access, metric(windowed, "http_5xx_ratio", rank=0)])
    assert times[Milestone.MITIGATED] == at(60)


def test_a_named_window_moves_a_metrics_recovery_back() -> None:
    windowed = trailing(between(30, 60, 0.4, 0.002), 5)
    times = found([metric(windowed, "job:http_5xx:ratio_rate5m", rank=0)])
    assert abs(times[Milestone.MITIGATED] - at(60)) <= timedelta(seconds=60)
    assert abs(times[Milestone.IMPACT_START] - at(30)) <= timedelta(seconds=60)


def test_windows_read_off_metric_names() -> None:
    names = [
        "job:http_5xx:ratio_rate5m",
        "svc:latency_seconds:p99_2m",
        "rate(x[30s])",
        "errors:rate1h",
    ]
    assert [window_minutes(n) for n in names] == [5.0, 2.0, 0.5, 60.0]
    assert window_minutes("http_5xx_ratio") == window_minutes("job:x:rate90m") == 0.0


def test_a_proxy_logs_routes_are_counted_apart() -> None:
    # An edge proxy: orders at 300 requests a minute with 2% errors hides checkout
    # failing 3 requests a minute from minute 60 to 80, unless routes are counted apart.
    rng = np.random.default_rng(9)
    minutes = [int(BASE) + i for i in range(LENGTH)]
    orders = {m: int(n) for m, n in zip(minutes, rng.poisson(6.0, LENGTH), strict=True)}
    checkout = {m: int(rng.poisson(3.0)) for m in minutes[60:80]}
    total = {
        m: int(n) + checkout.get(m, 0) + 5
        for m, n in zip(minutes, rng.poisson(300, LENGTH), strict=True)
    }
    errors = {m: orders[m] + checkout.get(m, 0) for m in minutes}
    summary = LogSummary(
        "edge.log",
        "edge",
        "access-log",
        MinuteCounts("edge", total=total, errors=errors),
        [
            _template("502 GET /api/orders/<*>", orders),
            _template("503 POST /api/checkout", checkout),
        ],
    )
    times = found(impact_signals([], [summary]))
    assert times[Milestone.IMPACT_START] == at(60)


def _template(text: str, counts: dict[int, int]) -> TemplateStat:
    first, last = (datetime.fromtimestamp(f(counts) * 60, UTC) for f in (min, max))
    return TemplateStat(
        text, "error", sum(counts.values()), first, last, EvidenceRef("edge.log"), counts
    )

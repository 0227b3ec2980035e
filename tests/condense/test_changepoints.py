"""Impact onset, peak and recovery on synthetic but realistic per-minute series.

Requests are Poisson, errors binomial, latency lognormal, all from fixed seeds; each
test puts the trouble at known minutes and expects onset and recovery within a minute.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotwash.condense.changepoints import Episode, detect_episode, detect_episodes
from hotwash.condense.rates import (
    MAX_SPAN_MINUTES,
    SeriesKind,
    metric_minute_arrays,
    minute_counts_arrays,
    regular_series,
    worse_when_higher,
)
from hotwash.evidence.model import EvidenceRef, MetricRole, MetricSeries, MinuteCounts

T0 = 29_000_000  # an epoch minute: 2025-02-19 21:20 UTC
Minutes = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


def minutes(count: int) -> Minutes:
    return np.arange(T0, T0 + count, dtype=np.int64)


def during(at: Minutes, start: int, end: int) -> npt.NDArray[np.bool_]:
    """Minutes from T0+start up to, not including, T0+end."""
    return (at >= T0 + start) & (at < T0 + end)


def requests_and_errors(
    seed: int, at: Minutes, rate: float, error_ratio: Floats
) -> tuple[Floats, Floats]:
    rng = np.random.default_rng(seed)
    requests = rng.poisson(rate, at.size)
    return rng.binomial(requests, error_ratio).astype(float), requests.astype(float)


def assert_near(episode: Episode | None, onset: int, recovery: int | None) -> Episode:
    assert episode is not None
    assert abs(episode.onset - (T0 + onset)) <= 1, episode.explanation
    if recovery is None:
        assert episode.recovery is None, episode.explanation
    else:
        assert episode.recovery is not None, episode.explanation
        assert abs(episode.recovery - (T0 + recovery)) <= 1, episode.explanation
    assert episode.onset <= episode.peak
    assert episode.recovery is None or episode.peak < episode.recovery
    return episode


def test_error_ratio_step() -> None:
    at = minutes(120)
    errors, requests = requests_and_errors(1, at, 200, np.where(during(at, 40, 71), 0.38, 0.002))
    episode = assert_near(detect_episode(at, errors, requests), 40, 71)
    assert episode.baseline == pytest.approx(0.002, abs=0.001)
    assert episode.peak_value == pytest.approx(0.38, abs=0.05)
    assert episode.confidence > 0.9
    assert not episode.started_degraded
    assert episode.onset_at == datetime(2025, 2, 19, 22, 0, tzinfo=UTC)
    assert episode.explanation.startswith("error ratio rose from baseline 0.1")
    assert "from 2025-02-19 22:00 UTC" in episode.explanation
    assert "back under" in episode.explanation


def test_noisy_ratio_with_spikes_in_the_baseline() -> None:
    at = minutes(180)
    ratio = np.where(during(at, 90, 120), 0.25, 0.03)
    ratio[[10, 45, 70, 150]] = 0.6  # lone bad minutes: noise, not incidents
    errors, requests = requests_and_errors(2, at, 40, ratio)
    assert_near(detect_episode(at, errors, requests), 90, 120)
    assert len(detect_episodes(at, errors, requests)) == 1


def test_sparse_low_volume_ratio() -> None:
    at = minutes(150)
    errors, requests = requests_and_errors(3, at, 3, np.where(during(at, 60, 90), 0.5, 0.01))
    episode = assert_near(detect_episode(at, errors, requests), 60, 90)
    assert episode.confidence < 1.0


def test_a_few_errors_in_a_sparse_series_are_not_an_incident() -> None:
    at = minutes(60)
    requests = np.ones(at.size)
    errors = np.zeros(at.size)
    errors[30:33] = 1  # three failed requests out of three: too few events to mean anything
    assert detect_episode(at, errors, requests) is None


def test_error_counts_with_missing_minutes_meaning_zero() -> None:
    at = minutes(120)
    counts = np.random.default_rng(4).poisson(np.where(during(at, 50, 65), 30.0, 0.3))
    reported = counts > 0  # a log only yields minutes that had errors
    assert_near(detect_episode(at[reported], counts[reported]), 50, 65)


def test_latency_metric_with_gaps() -> None:
    at = minutes(120)
    rng = np.random.default_rng(5)
    latency = rng.lognormal(np.log(180), 0.25, at.size) * np.where(during(at, 30, 52), 6, 1)
    latency[rng.random(at.size) < 0.15] = np.nan  # scrape failures
    present = rng.random(at.size) > 0.1  # and minutes missing altogether
    episode = detect_episode(
        at[present], latency[present], metric=True, name="p99 latency", unit="ms"
    )
    episode = assert_near(episode, 30, 52)
    assert episode.baseline == pytest.approx(180, rel=0.15)
    assert "p99 latency rose from baseline 1" in episode.explanation
    assert " ms" in episode.explanation


def test_series_that_starts_degraded() -> None:
    at = minutes(100)
    errors, requests = requests_and_errors(6, at, 100, np.where(at < T0 + 35, 0.3, 0.01))
    episode = assert_near(detect_episode(at, errors, requests), 0, 35)
    assert episode.started_degraded
    assert episode.confidence <= 0.5
    assert "already above" in episode.explanation
    assert episode.baseline == pytest.approx(0.01, abs=0.005)


def test_series_that_ends_degraded_has_no_recovery() -> None:
    at = minutes(90)
    errors, requests = requests_and_errors(7, at, 100, np.where(at >= T0 + 60, 0.2, 0.01))
    episode = assert_near(detect_episode(at, errors, requests), 60, None)
    assert episode.recovery_at is None
    assert "not back under" in episode.explanation


def test_two_bursts_are_two_episodes_and_the_bigger_is_main() -> None:
    at = minutes(160)
    ratio = np.full(at.size, 0.01)
    ratio[during(at, 20, 32)] = 0.15
    ratio[during(at, 70, 110)] = 0.5
    errors, requests = requests_and_errors(8, at, 120, ratio)
    first, second = detect_episodes(at, errors, requests)
    assert_near(first, 20, 32)
    assert_near(second, 70, 110)
    assert detect_episode(at, errors, requests) == second


def test_a_short_dip_does_not_split_an_episode() -> None:
    at = minutes(120)
    ratio = np.where(during(at, 40, 80), 0.3, 0.005)
    ratio[during(at, 58, 60)] = 0.005  # two good minutes in the middle of the outage
    errors, requests = requests_and_errors(9, at, 150, ratio)
    assert len(detect_episodes(at, errors, requests)) == 1
    assert_near(detect_episode(at, errors, requests), 40, 80)


def test_traffic_drop_when_lower_is_worse() -> None:
    at = minutes(120)
    requests = np.random.default_rng(10).poisson(np.where(during(at, 45, 75), 40, 400))
    episode = assert_near(detect_episode(at, requests, higher_is_worse=False), 45, 75)
    assert episode.baseline == pytest.approx(400, rel=0.05)
    assert episode.peak_value < 60
    assert "fell from baseline" in episode.explanation
    assert "back over" in episode.explanation


def test_success_ratio_when_lower_is_worse() -> None:
    at = minutes(120)
    successes, requests = requests_and_errors(11, at, 200, np.where(during(at, 50, 70), 0.6, 0.995))
    episode = detect_episode(at, successes, requests, higher_is_worse=False)
    episode = assert_near(episode, 50, 70)
    assert episode.baseline == pytest.approx(0.995, abs=0.003)
    assert episode.peak_value == pytest.approx(0.6, abs=0.08)


@pytest.mark.parametrize(
    "values",
    [
        np.random.default_rng(12).poisson(5.0, 240).astype(float),
        np.random.default_rng(13).lognormal(np.log(200), 0.2, 240),
        np.zeros(240),
        np.full(240, 7.0),
    ],
    ids=["poisson", "lognormal", "zeros", "constant"],
)
def test_flat_series_have_no_episode(values: Floats) -> None:
    at = minutes(240)
    assert detect_episode(at, values) is None
    assert detect_episode(at, values, metric=True) is None


def test_flat_error_ratio_has_no_episode() -> None:
    at = minutes(240)
    errors, requests = requests_and_errors(14, at, 80, np.full(at.size, 0.02))
    assert detect_episode(at, errors, requests) is None


def test_too_little_data_and_empty_input() -> None:
    assert detect_episode(minutes(4), [0, 50, 50, 50]) is None
    assert detect_episode([], []) is None


# Hypothesis: arbitrary series, and step series at any scale.

counts = st.lists(st.integers(0, 500), min_size=0, max_size=150)


@settings(max_examples=200, deadline=None)
@given(counts, st.booleans())
def test_any_count_series_gives_ordered_disjoint_episodes(
    values: list[int], worse_up: bool
) -> None:
    at = minutes(len(values))
    episodes = detect_episodes(at, np.array(values, dtype=float), higher_is_worse=worse_up)
    for episode in episodes:
        assert episode.onset <= episode.peak
        assert episode.recovery is None or episode.peak < episode.recovery
        assert 0.0 <= episode.confidence <= 1.0
    for earlier, later in itertools.pairwise(episodes):
        assert earlier.recovery is not None
        assert earlier.recovery <= later.onset


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.floats(0, 1e4), st.just(float("nan"))), max_size=150))
def test_any_metric_series_gives_ordered_episodes(values: list[float]) -> None:
    for episode in detect_episodes(minutes(len(values)), np.array(values), metric=True):
        assert episode.onset <= episode.peak
        assert episode.recovery is None or episode.peak < episode.recovery


@st.composite
def step_series(draw: st.DrawFn) -> tuple[Minutes, Floats, Floats, int]:
    # Trouble for 10 minutes up to 40% of the series (the baseline needs the larger
    # part), after at least 10 quiet minutes; at least 50 requests a minute, so that a
    # single minute tells trouble from noise.
    length = draw(st.integers(40, 150))
    onset = draw(st.integers(10, length - 10))
    end = draw(st.integers(onset + 10, max(onset + 10, min(length, onset + 2 * length // 5))))
    base, bad = draw(st.floats(0.0, 0.05)), draw(st.floats(0.2, 1.0))
    rate = draw(st.integers(50, 300))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    at = minutes(length)
    errors, requests = requests_and_errors(
        int(rng.integers(2**32)), at, rate, np.where(during(at, onset, end), bad, base)
    )
    return at, errors, requests, onset


@settings(max_examples=100, deadline=None)
@given(step_series(), st.integers(2, 20))
def test_scaling_counts_does_not_move_the_onset(
    series: tuple[Minutes, Floats, Floats, int], scale: int
) -> None:
    at, errors, requests, _ = series
    episode = detect_episode(at, errors, requests)
    scaled = detect_episode(at, errors * scale, requests * scale)
    if episode is not None:
        assert scaled is not None
        assert scaled.onset == episode.onset
        assert scaled.recovery == episode.recovery
    counted = detect_episode(at, errors), detect_episode(at, errors * scale)
    if counted[0] is not None:
        assert counted[1] is not None
        assert counted[1].onset == counted[0].onset


# Noise can, rarely, put two baseline minutes just above the threshold right before the
# step (1 series in 4000 of these, measured); a fixed set of examples keeps CI deterministic.
@settings(max_examples=100, deadline=None, derandomize=True)
@given(step_series())
def test_a_clear_step_is_found_near_where_it_starts(
    series: tuple[Minutes, Floats, Floats, int],
) -> None:
    at, errors, requests, onset = series
    episode = detect_episode(at, errors, requests)
    assert episode is not None
    assert abs(episode.onset - (T0 + onset)) <= 1


@settings(max_examples=100, deadline=None)
@given(st.floats(0, 1e6), st.integers(6, 300), st.booleans(), st.booleans())
def test_a_constant_series_gives_none(
    value: float, length: int, metric: bool, worse_up: bool
) -> None:
    values = np.full(length, value)
    assert detect_episode(minutes(length), values, metric=metric, higher_is_worse=worse_up) is None


# Preparing series: the grid, bad input, and the adapters from evidence.


def test_the_grid_sorts_adds_duplicates_and_clips_bad_counts() -> None:
    at = [T0 + 2, T0, T0 + 2, T0 + 5]
    series = regular_series(at, [3, 1, 4, -2], [10, 5, 2, 1])
    assert series.minutes.tolist() == list(range(T0, T0 + 6))
    assert series.numerator.tolist() == [1, 0, 5, 0, 0, 0]  # 4 errors of 2 requests: 2
    assert series.denominator.tolist() == [5, 0, 12, 0, 0, 1]
    assert series.informative.tolist() == [True, False, True, False, False, True]


def test_the_grid_drops_minutes_that_are_not_times() -> None:
    at = np.array([T0, np.nan, np.inf, -np.inf, 1e300, T0 + 1])
    series = regular_series(at, np.ones(at.size))
    assert series.minutes.tolist() == [T0, T0 + 1]
    assert series.kind is SeriesKind.COUNT


def test_a_metric_grid_averages_and_keeps_gaps() -> None:
    series = regular_series([T0, T0, T0 + 2, T0 + 3], [1.0, 3.0, np.nan, 5.0], metric=True)
    assert series.level[[0, 3]].tolist() == [2.0, 5.0]
    assert np.isnan(series.level[[1, 2]]).all()


def test_a_very_long_series_keeps_its_last_month() -> None:
    series = regular_series([0, T0, T0 + 1], [1, 2, 3])
    assert series.minutes[0] == T0 + 1 - MAX_SPAN_MINUTES + 1
    assert series.numerator.sum() == 5


def test_lengths_must_match() -> None:
    with pytest.raises(ValueError, match="same length"):
        regular_series([T0, T0 + 1], [1])


def test_minute_counts_from_a_log_summary() -> None:
    rates = MinuteCounts(
        "api", total={T0: 10, T0 + 1: 20, T0 + 3: 5}, errors={T0 + 1: 4, T0 + 2: 1}
    )
    at, errors, totals = minute_counts_arrays(rates)
    assert at.tolist() == [T0, T0 + 1, T0 + 2, T0 + 3]
    assert errors.tolist() == [0, 4, 1, 0]
    assert totals.tolist() == [10, 20, 0, 5]


def test_a_log_summarys_outage_is_found_through_the_adapter() -> None:
    at = minutes(90)
    errors, requests = requests_and_errors(15, at, 60, np.where(during(at, 30, 50), 0.4, 0.01))
    rates = MinuteCounts(
        "api",
        total={int(m): int(n) for m, n in zip(at, requests, strict=True)},
        errors={int(m): int(e) for m, e in zip(at, errors, strict=True) if e},
    )
    assert_near(detect_episode(*minute_counts_arrays(rates)), 30, 50)


def test_metric_samples_become_minute_means() -> None:
    seconds = np.array([T0 * 60 + 5, T0 * 60 + 35, (T0 + 1) * 60, np.nan, (T0 + 3) * 60])
    series = MetricSeries(
        "p99", {}, seconds, np.array([100.0, 300.0, np.nan, 7.0, 50.0]), EvidenceRef("m.json")
    )
    at, values = metric_minute_arrays(series)
    assert at.tolist() == [T0, T0 + 1, T0 + 3]
    assert values[0] == 200.0
    assert np.isnan(values[1])
    assert values[2] == 50.0


@pytest.mark.parametrize(
    ("role", "worse_up"),
    [(MetricRole.ERROR_RATIO, True), (MetricRole.LATENCY, True), (MetricRole.REQUEST_RATE, False)],
)
def test_which_way_is_worse(role: MetricRole, worse_up: bool) -> None:
    assert worse_when_higher(role) is worse_up

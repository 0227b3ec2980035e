"""Change points on series that broke the detector on randomised incident bundles
(``benchmarks/milestones_accuracy.py``): trouble longer than the quiet part, partial
outages at a few requests a minute, metrics averaged over a trailing window, ramps,
and sparse error counts. Each test failed before the fix it is named after.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from hotwash.condense.changepoints import Episode, detect_episode, detect_episodes

T0 = 29_000_000  # an epoch minute: 2025-02-19 21:20 UTC
Floats = npt.NDArray[np.float64]


def minutes(count: int) -> npt.NDArray[np.int64]:
    return np.arange(T0, T0 + count, dtype=np.int64)


def ratio_series(seed: int, count: int, rate: float, share: Floats) -> tuple[Floats, Floats]:
    rng = np.random.default_rng(seed)
    requests = rng.poisson(rate, count)
    return rng.binomial(requests, share).astype(float), requests.astype(float)


def trailing(values: Floats, window: int) -> Floats:
    """A trailing-window mean, as ``rate(x[5m])`` sampled once a minute gives it."""
    sums = np.concatenate(([0.0], np.cumsum(values)))
    low = np.maximum(np.arange(values.size) + 1 - window, 0)
    return (sums[1:] - sums[low]) / (np.arange(values.size) + 1 - low)


def near(episode: Episode | None, onset: int, recovery: int) -> bool:
    return (
        episode is not None
        and abs(episode.onset - (T0 + onset)) <= 1
        and episode.recovery is not None
        and abs(episode.recovery - (T0 + recovery)) <= 1
    )


def test_trouble_longer_than_the_quiet_part_is_found() -> None:
    # A three-hour outage in four hours of evidence: the densest half is the outage.
    share = np.where((np.arange(240) >= 30) & (np.arange(240) < 210), 0.3, 0.003)
    errors, requests = ratio_series(1, 240, 100, share)
    assert near(detect_episode(minutes(240), errors, requests), 30, 210)


def test_a_partial_outage_at_six_requests_a_minute_is_found() -> None:
    # 10% of requests fail for 40 minutes: most minutes of the outage have no error at
    # all, yet 24 failures in 240 requests against a 0.2% baseline are no accident.
    share = np.where((np.arange(150) >= 60) & (np.arange(150) < 100), 0.1, 0.002)
    errors, requests = ratio_series(4, 150, 6, share)
    episode = detect_episode(minutes(150), errors, requests)
    assert episode is not None
    assert abs(episode.onset - (T0 + 60)) <= 2
    assert episode.recovery is not None
    assert abs(episode.recovery - (T0 + 100)) <= 2


def test_a_windowed_metrics_own_wobble_is_not_an_episode() -> None:
    # p95 latency over a 5-minute window of a quiet service: neighbouring minutes
    # repeat each other, so a wobble lasts five minutes without meaning anything.
    rng = np.random.default_rng(1)
    latency = trailing(rng.lognormal(np.log(0.25), 0.6, 300), 5)
    assert detect_episodes(minutes(300), latency, metric=True) == []


def test_a_windowed_metrics_real_jump_is_still_an_episode() -> None:
    rng = np.random.default_rng(1)
    raw = rng.lognormal(np.log(0.25), 0.6, 300)
    raw[150:156] = 6.0  # six minutes far beyond anything the quiet minutes reach
    episode = detect_episode(minutes(300), trailing(raw, 5), metric=True)
    assert episode is not None
    assert abs(episode.onset - (T0 + 150)) <= 1


def test_a_ramp_starts_where_it_begins_not_where_it_crosses_the_line() -> None:
    # Errors climb from 0.3% to 60% over eight minutes from minute 60.
    ramp = np.clip((np.arange(200) - 60) / 8, 0, 1)
    share = np.where(np.arange(200) < 130, 0.003 + 0.6 * ramp, 0.003)
    errors, requests = ratio_series(4, 200, 300, share)
    episode = detect_episode(minutes(200), errors, requests)
    assert episode is not None
    assert episode.onset > T0 + 60  # the line is crossed on the way up ...
    assert abs(episode.rise_at.timestamp() / 60 - (T0 + 60)) <= 1  # ... the rise began here


def test_a_step_inside_a_minute_starts_inside_that_minute() -> None:
    # Trouble from 14:02:45: minute 60 is a quarter bad, minute 61 on fully.
    count = 150
    share = np.full(count, 0.002)
    share[60] = 0.002 + 0.4 * 0.25
    share[61:100] = 0.4
    errors, requests = ratio_series(5, count, 400, share)
    episode = detect_episode(minutes(count), errors, requests)
    assert episode is not None
    assert abs(episode.rise_at.timestamp() / 60 - (T0 + 60.75)) <= 0.5


def test_sparse_error_counts_do_not_stretch_the_episode() -> None:
    # 0.15 errors a minute as a rule, 2.3 a minute from minute 90 to 110: the baseline
    # is the mean rate, not the median of mostly empty minutes (which says "never"),
    # against which every stray error nearby looks like part of the outage.
    rng = np.random.default_rng(7)
    rate = np.where((np.arange(150) >= 90) & (np.arange(150) < 110), 2.3, 0.15)
    episode = detect_episode(minutes(150), rng.poisson(rate).astype(float))
    assert near(episode, 90, 110)

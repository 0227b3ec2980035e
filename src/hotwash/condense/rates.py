"""Per-minute series, made regular: one value per minute, gaps filled the way each kind needs.

Change-point detection reasons on three kinds of series:

* **ratio** - error counts over request counts; a minute without requests says nothing;
* **count** - event counts per minute (errors, 5xx); a missing minute had zero events;
* **metric** - a gauge (error ratio from Prometheus, p99 latency); a missing minute is unknown.

Each becomes a :class:`MinuteSeries` on a dense grid of epoch minutes with a numerator
and a denominator per minute, so "the level over these minutes" is one pooled
division for every kind: errors/requests, events/minutes, or sum/samples.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from hotwash.evidence.model import MetricRole, MetricSeries, MinuteCounts

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

# A series longer than this is cut to its last part: incidents are hours, and a stray
# timestamp from 1970 must not allocate a grid of millions of minutes.
MAX_SPAN_MINUTES = 31 * 24 * 60
# Epoch minutes beyond this (year ~19 000 000) are garbage, not times; dropped.
MAX_ABS_MINUTE = 1e13


class SeriesKind(enum.StrEnum):
    RATIO = "ratio"
    COUNT = "count"
    METRIC = "metric"


@dataclass(frozen=True)
class MinuteSeries:
    """A regular per-minute series; minute ``i`` is ``start + i``. No data: denominator 0."""

    kind: SeriesKind
    minutes: Ints
    numerator: Floats
    denominator: Floats

    @property
    def informative(self) -> npt.NDArray[np.bool_]:
        return self.denominator > 0

    @property
    def level(self) -> Floats:
        """Per-minute level (ratio, count or value); NaN where a minute has no data."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.informative, self.numerator / self.denominator, np.nan)

    def pooled(self, mask: npt.NDArray[np.bool_]) -> float:
        """The level over the minutes in ``mask`` taken together (NaN if they hold no data)."""
        weight = float(self.denominator[mask].sum())
        return float(self.numerator[mask].sum()) / weight if weight > 0 else float("nan")


def regular_series(
    minutes: npt.ArrayLike,
    values: npt.ArrayLike,
    totals: npt.ArrayLike | None = None,
    *,
    metric: bool = False,
) -> MinuteSeries:
    """Put ``values`` (and ``totals``) on a dense minute grid; duplicate minutes add up."""
    at = np.asarray(minutes, dtype=np.float64)
    value = np.asarray(values, dtype=np.float64)
    total = None if totals is None else np.asarray(totals, dtype=np.float64)
    if value.shape != at.shape or (total is not None and total.shape != at.shape):
        raise ValueError("minutes, values and totals must have the same length")
    kind = SeriesKind.METRIC if metric else SeriesKind.COUNT if total is None else SeriesKind.RATIO
    if kind is SeriesKind.METRIC:
        numerator, denominator = np.nan_to_num(value), np.isfinite(value).astype(np.float64)
    elif total is None:
        numerator = np.clip(np.nan_to_num(value), 0, None)
        denominator = np.ones_like(numerator)
    else:
        denominator = np.clip(np.nan_to_num(total), 0, None)
        numerator = np.clip(np.nan_to_num(value), 0, denominator)  # never more errors than requests
    return _on_grid(kind, at, numerator, denominator)


def _on_grid(kind: SeriesKind, at: Floats, numerator: Floats, denominator: Floats) -> MinuteSeries:
    keep = np.abs(np.nan_to_num(at, nan=np.inf)) < MAX_ABS_MINUTE
    whole = np.floor(at[keep]).astype(np.int64)
    if whole.size == 0:
        return MinuteSeries(kind, np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0))
    start = max(int(whole.min()), int(whole.max()) - MAX_SPAN_MINUTES + 1)
    inside = whole >= start
    slot = whole[inside] - start
    size = int(slot.max()) + 1
    grid_num: Floats = np.bincount(slot, numerator[keep][inside], size).astype(np.float64)
    grid_den: Floats = np.bincount(slot, denominator[keep][inside], size).astype(np.float64)
    if kind is SeriesKind.COUNT:
        grid_den = np.ones(size)  # a minute nobody reported had zero events
    grid_minutes = np.arange(start, start + size, dtype=np.int64)
    return MinuteSeries(kind, grid_minutes, grid_num, grid_den)


@dataclass(frozen=True)
class OrientedSeries:
    """A series turned so that higher is worse ("badness"), with its smoothed levels.

    Counts and metrics are negated when lower is worse (a traffic drop); a ratio of
    successes is complemented into a ratio of failures instead, so it stays binomial.
    """

    series: MinuteSeries
    sign: float  # badness = sign * level
    complement: bool
    badness: Floats

    @classmethod
    def of(cls, series: MinuteSeries, *, higher_is_worse: bool) -> OrientedSeries:
        complement = series.kind is SeriesKind.RATIO and not higher_is_worse
        if complement:
            failures = series.denominator - series.numerator
            series = MinuteSeries(series.kind, series.minutes, failures, series.denominator)
        sign = 1.0 if higher_is_worse or complement else -1.0
        return cls(series, sign, complement, sign * series.level)

    @property
    def rising(self) -> bool:
        """Whether trouble shows as the series' own values going up."""
        return self.sign > 0 and not self.complement

    def value(self, badness: float) -> float:
        """A badness in the series' own units."""
        return 1.0 - badness if self.complement else self.sign * badness

    def smoothed(self, window: int) -> Floats:
        """Badness as a centred moving level over ``window`` minutes (NaN: no data near).

        Ratios and counts pool their minutes (errors over requests in the window); a
        metric takes the median, because one latency outlier must not move a mean.
        """
        if self.series.kind is SeriesKind.METRIC:
            frame = pl.Series(self.badness).fill_nan(None)
            rolled = frame.rolling_median(window_size=window, center=True, min_samples=1)
            return rolled.fill_null(np.nan).to_numpy().astype(np.float64)
        kernel = np.ones(window)
        weight = np.convolve(self.series.denominator, kernel, mode="same")
        pooled = np.convolve(np.nan_to_num(self.badness) * self.series.denominator, kernel, "same")
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(weight > 0, pooled / weight, np.nan)


def minute_counts_arrays(counts: MinuteCounts) -> tuple[Ints, Floats, Floats]:
    """Epoch minutes, error counts and record counts from a log's :class:`MinuteCounts`."""
    total_at, total = _dict_arrays(counts.total)
    error_at, error = _dict_arrays(counts.errors)
    minutes = np.union1d(total_at, error_at)
    return minutes, _spread(minutes, error_at, error), _spread(minutes, total_at, total)


def _dict_arrays(counts: dict[int, int]) -> tuple[Ints, Floats]:
    keys = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    values = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
    return keys, values


def _spread(minutes: Ints, at: Ints, values: Floats) -> Floats:
    """``values`` (at minutes ``at``) placed on ``minutes``, a sorted superset; zero elsewhere."""
    out = np.zeros(minutes.size)
    out[np.searchsorted(minutes, at)] = values
    return out


def metric_minute_arrays(series: MetricSeries) -> tuple[Ints, Floats]:
    """A metric's samples (epoch seconds) as per-minute means; NaN samples are gaps."""
    frame = (
        pl.DataFrame({"t": series.times, "v": series.values})
        .filter(pl.col("t").is_finite() & (pl.col("t").abs() < MAX_ABS_MINUTE * 60))
        .with_columns(minute=(pl.col("t") // 60).cast(pl.Int64), v=pl.col("v").fill_nan(None))
    )
    means = frame.group_by("minute").agg(pl.col("v").mean()).sort("minute")
    values = means["v"].fill_null(np.nan).to_numpy().astype(np.float64)
    return means["minute"].to_numpy().astype(np.int64), values


def worse_when_higher(role: MetricRole) -> bool:
    """Whether a rise is trouble: yes for errors, latency and saturation; no for traffic."""
    return role is not MetricRole.REQUEST_RATE


def log_likelihood_ratio(series: MinuteSeries, sign: float, baseline: float) -> float:
    """How much better "elevated" explains ``series`` than ``baseline`` does (nats, >= 0).

    ``series`` is one candidate episode: a ratio is binomial, a count Poisson; a metric
    has no noise model, so it is infinite (the detector's vote test decides alone).
    ``baseline`` is in badness units (``sign`` turns a level into badness).
    """
    if series.kind is SeriesKind.METRIC:
        return math.inf
    level = series.pooled(series.informative)
    if not sign * level > baseline:
        return 0.0
    events, exposure = float(series.numerator.sum()), float(series.denominator.sum())
    if series.kind is SeriesKind.RATIO:
        return binomial_llr(events, exposure, baseline)
    rate0 = max(sign * baseline, RATE_FLOOR)
    return _xlog(events, level / rate0) - exposure * (level - rate0)


def binomial_llr(events: float, trials: float, p0: float) -> float:
    """Log likelihood ratio of ``events`` in ``trials`` at their own rate against rate ``p0``."""
    if trials <= 0:
        return 0.0
    p0 = min(max(p0, PROBABILITY_FLOOR), 1 - PROBABILITY_FLOOR)
    p = events / trials
    return _xlog(events, p / p0) + _xlog(trials - events, (1 - p) / (1 - p0))


# A baseline error ratio of exactly 0 or 1 would make any change infinitely surprising.
PROBABILITY_FLOOR = 1e-6
# Below one event in ten minutes, a rate cannot be told from zero in an incident's hours.
RATE_FLOOR = 0.1


def _xlog(weight: float, ratio: float) -> float:
    return weight * math.log(ratio) if weight > 0 else 0.0


def excess_events(series: MinuteSeries, sign: float, baseline: float) -> float:
    """Events beyond what the baseline predicts over ``series`` (errors, or missing requests)."""
    if series.kind is SeriesKind.METRIC:
        return math.inf
    expected = sign * baseline * float(series.denominator.sum())
    return abs(float(series.numerator.sum()) - expected)


def window(series: MinuteSeries, start: int, end: int) -> MinuteSeries:
    """Minutes ``start`` to ``end`` inclusive."""
    span = slice(start, end + 1)
    return MinuteSeries(
        series.kind, series.minutes[span], series.numerator[span], series.denominator[span]
    )

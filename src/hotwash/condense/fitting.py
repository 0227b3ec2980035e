"""The baseline of a per-minute series and the threshold between it and trouble.

The change-point detector (:mod:`.changepoints`) reads every series through these:
its smoothed levels (:class:`View`), the minutes taken as quiet before anything is
known, and the fit on quiet minutes (:class:`Fit`). The constants say why each
number is what it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hotwash.condense.rates import Floats, Ints, OrientedSeries, SeriesKind

Flags = npt.NDArray[np.bool_]

# Smoothing for the first guess at the baseline and for the excursion's height: five
# minutes pool enough requests in a sparse series that one lucky minute does not count.
SMOOTH_MINUTES = 5
# The peak is read on a 3-minute level, so one odd minute is not reported as the peak.
PEAK_MINUTES = 3
# A rise of half the baseline is trouble (p99 200 ms -> 300 ms, 2% errors -> 3%) ...
RELATIVE_EFFECT = 0.5
# ... unless the quiet part is noisier than that: 3 robust sigmas (from the median
# absolute deviation, which a minority of bad minutes does not move) ...
NOISE_SIGMAS = 3.0
MAD_TO_SIGMA = 1.4826
# ... and at least a tenth of the way to the peak, so that with a baseline of no errors
# at all not every single error is trouble ...
HEIGHT_FRACTION = 0.1
# ... and for an error ratio at least half a percentage point: less is not user-facing.
RATIO_EFFECT = 0.005
# A series is cut into at most this many blocks to look for one long stretch of
# trouble (every start and end is tried: blocks squared pairs).
SPLIT_BLOCKS = 400
# The quiet minutes left around a long stretch of trouble must be at least this many.
MIN_QUIET_AROUND = 5
# Windows longer than half an hour are not how incident metrics are queried.
MAX_CORRELATION_LAG = 30
# Quiet minutes this close to trouble may be its tail (a window letting go of it).
TAIL_MINUTES = 10


@dataclass(frozen=True)
class View:
    """An oriented series with the smoothed levels the detector reads."""

    oriented: OrientedSeries
    smooth: Floats
    peak_level: Floats

    @classmethod
    def of(cls, oriented: OrientedSeries) -> View:
        return cls(oriented, oriented.smoothed(SMOOTH_MINUTES), oriented.smoothed(PEAK_MINUTES))

    @property
    def badness(self) -> Floats:
        return self.oriented.badness

    @property
    def informative(self) -> Flags:
        return self.oriented.series.informative


@dataclass(frozen=True)
class Fit:
    """Baseline and threshold (badness units), and running counts of quiet minutes, all and
    above the threshold, to compare any stretch with the quiet minutes outside it."""

    baseline: float
    threshold: float
    quiet_before: Ints
    above_before: Ints
    quiet: Flags
    correlation: float = 1.0  # quiet minutes per independent one (see correlation_length)

    @property
    def effect(self) -> float:
        return self.threshold - self.baseline

    def reach_outside(self, badness: Floats, start: int, end: int) -> float:
        """How far above the baseline quiet minutes outside ``start..end`` ever go."""
        outside = self.quiet.copy()
        outside[start : end + 1] = False
        return float(badness[outside].max()) - self.baseline if outside.any() else math.inf

    def quiet_rate_outside(self, start: int, end: int, floor: float) -> float:
        """How often quiet minutes outside ``start..end`` are above the threshold."""
        quiet = self.quiet_before[-1] - (self.quiet_before[end + 1] - self.quiet_before[start])
        above = self.above_before[-1] - (self.above_before[end + 1] - self.above_before[start])
        return max(float(above / quiet) if quiet else 1.0, floor)


def fit(view: View, quiet: Flags) -> Fit | None:
    """Baseline, noise and threshold from the ``quiet`` minutes; None for a flat series."""
    values = view.badness[quiet]
    middle = float(np.median(values))
    kind = view.oriented.series.kind
    is_ratio = kind is SeriesKind.RATIO
    # Pooled for a ratio or a count (their exact estimates: the median of a sparse count,
    # mostly zeros, would say errors never happen); a metric's median, robust to a spike.
    pooled = view.oriented.sign * view.oriented.series.pooled(quiet)
    baseline = middle if kind is SeriesKind.METRIC else pooled
    noise = MAD_TO_SIGMA * float(np.median(np.abs(values - middle)))
    height = float(np.nanmax(view.smooth)) - baseline
    effect = max(
        RELATIVE_EFFECT * abs(baseline),
        NOISE_SIGMAS * noise,
        HEIGHT_FRACTION * height,
        RATIO_EFFECT if is_ratio else 0.0,
    )
    if not height > effect:
        return None  # nothing rises clearly above the baseline: a flat series
    threshold = baseline + effect
    above = quiet & (view.badness > threshold)
    # Counts and ratios are events of their own minute; a metric may not be (see below).
    is_metric = view.oriented.series.kind is SeriesKind.METRIC
    steady = _away_from_trouble(view, quiet)
    correlation = correlation_length(view.badness, steady) if is_metric else 1.0
    return Fit(baseline, threshold, running(quiet), running(above), quiet, correlation)


def _away_from_trouble(view: View, quiet: Flags) -> Flags:
    """Quiet minutes a window's length away from any other: the way down from an
    episode is under the threshold but is the episode's tail, not the baseline's noise."""
    other = running(view.informative & ~quiet)
    at, reach = np.arange(quiet.size), TAIL_MINUTES
    low, high = np.clip(at - reach, 0, quiet.size), np.clip(at + reach + 1, 0, quiet.size)
    steady: Flags = quiet & (other[high] - other[low] == 0)
    return steady


def correlation_length(values: Floats, quiet: Flags) -> float:
    """How many consecutive quiet minutes carry the information of one independent minute.

    A saved Prometheus series is usually a trailing window (``rate(x[5m])``, a quantile
    over 5 minutes): each value shares most of its data with its neighbours, so a
    random bump lasts as long as the window, and ten minutes above the line are about
    two observations, not ten. Read off the quiet minutes' autocorrelation: 1 plus twice
    the sum of its lags, up to the first lag that is no longer clearly positive.
    """
    if int(quiet.sum()) < 2 * MIN_QUIET_AROUND:
        return 1.0  # too few to tell
    centred = np.where(quiet, values - np.nanmean(values[quiet]), np.nan)
    variance = float(np.nanmean(centred**2))
    scale = float(np.nanmean(np.abs(values[quiet])))
    if not variance > (1e-9 * scale) ** 2:
        return 1.0  # a flat line (up to rounding) repeats nothing
    length = 1.0
    for lag in range(1, MAX_CORRELATION_LAG + 1):
        pairs = centred[:-lag] * centred[lag:]
        pairs = pairs[np.isfinite(pairs)]
        rho = float(pairs.mean()) / variance if pairs.size >= MIN_QUIET_AROUND else 0.0
        if rho <= 2 / np.sqrt(max(pairs.size, 1)):  # no longer above chance
            break
        length += 2 * rho
    return length


def running(flags: Flags) -> Ints:
    return np.concatenate(([0], np.cumsum(flags, dtype=np.int64)))


def quiet_at_first(view: View) -> Flags:
    """The minutes taken as the baseline before any fit.

    Usually the densest half of the smoothed levels (see :func:`densest_half`). When
    one stretch of trouble covers more than half the data (a three-hour outage in four
    hours of evidence), that half is the trouble itself; then the minutes around the
    stretch are the baseline, if the stretch stands clearly above them.
    """
    around = _around_long_trouble(view)
    return around if around is not None else densest_half(view)


def densest_half(view: View) -> Flags:
    """Minutes near the densest half of the smoothed levels: the baseline, before any fit.

    The shortest interval holding half the minutes lies inside the baseline as long as
    trouble covers less than half of them, even when it covers nearly half (where a
    median and MAD of all minutes are dragged towards the trouble). Minutes up to one
    such width above it count too, so a flat series keeps its whole spread.
    """
    levels = np.sort(view.smooth[view.informative])
    half = (levels.size + 1) // 2
    widths = levels[half - 1 :] - levels[: levels.size - half + 1]
    low = int(np.argmin(widths))
    if widths[low] <= 0:
        return view.informative  # half the minutes share one level: nothing to go on yet
    near: Flags = view.smooth <= levels[low + half - 1] + widths[low]
    return view.informative & near


def _around_long_trouble(view: View) -> Flags | None:
    """The minutes around the one stretch that best splits the series into two levels,
    when that stretch is the longer part, the worse one, and above the threshold that
    the minutes around it set."""
    at = np.flatnonzero(view.informative & np.isfinite(view.smooth))
    if at.size < 2 * MIN_QUIET_AROUND:
        return None
    start, end = _best_stretch(view.smooth[at])
    if 2 * (end - start) <= at.size or at.size - (end - start) < MIN_QUIET_AROUND:
        return None
    quiet = view.informative.copy()
    quiet[at[start] : at[end - 1] + 1] = False
    found = fit(view, quiet)
    inside = float(np.median(view.smooth[at[start:end]]))
    return quiet if found is not None and inside > found.threshold else None


def _best_stretch(levels: Floats) -> tuple[int, int]:
    """``start, end`` (end exclusive) of the stretch whose mean differs most, in squared
    error, from the rest: the best two-level fit with one stretch out of line. Stretches
    start and end on block bounds, so that long series cost no more than short ones."""
    size = max(1, -(-levels.size // SPLIT_BLOCKS))
    bounds = np.append(np.arange(0, levels.size, size), levels.size)
    sums = np.concatenate(([0.0], np.cumsum(levels)))[bounds]
    a, b = np.triu_indices(bounds.size, k=1)  # every stretch bounds[a]..bounds[b]
    inside = (bounds[b] - bounds[a]).astype(np.float64)
    outside = levels.size - inside
    inner = sums[b] - sums[a]
    with np.errstate(invalid="ignore", divide="ignore"):
        gain = inner**2 / inside + np.where(outside > 0, (sums[-1] - inner) ** 2 / outside, 0.0)
    best = int(np.argmax(np.where(outside > 0, gain, -np.inf)))
    return int(bounds[a[best]]), int(bounds[b[best]])

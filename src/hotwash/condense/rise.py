"""Where the rise into an episode began, to the second, from the minutes around its onset.

The onset minute is the first minute above the threshold. Trouble that begins at
14:02:44 leaves minute 14:02 only a quarter bad, often under the threshold; trouble
that ramps up over seven minutes (a leak, a pool slowly running dry, a metric averaged
over a 5-minute window) crosses a threshold a tenth of the way up a minute or two
after it began. So the minutes around the onset are fitted with a level that stays at
the baseline until a start time, then climbs linearly for a ramp time (zero: a step)
to a plateau, each minute seeing its average over the minute. The best start time,
in least squares (weighted by requests for a ratio), is where the rise began.
"""

from __future__ import annotations

import numpy as np

from hotwash.condense.fitting import Fit, View
from hotwash.condense.rates import Floats, SeriesKind

# Minutes of baseline before the onset the fit looks at; the rise may start that early.
BEFORE_MINUTES = 6
# Minutes after the onset the fit looks at: the longest ramp it can tell from a plateau.
AFTER_MINUTES = 15
# Candidate start times and ramp lengths, as fractions of a minute.
START_STEP = 1 / 12  # 5 seconds
RAMP_STEP = 0.25
SAMPLES_PER_MINUTE = 12


def rise_start(view: View, fit: Fit, onset: int, end: int) -> float:
    """Start of the rise into the episode whose first elevated minute is index ``onset``
    (``end``: its last), in minutes from the series' first minute, fractional."""
    low, high = max(onset - BEFORE_MINUTES, 0), min(end, onset + AFTER_MINUTES) + 1
    levels = view.badness[low:high]
    weights = _weights(view, low, high)
    if not (weights[: onset - low + 1] > 0).any():
        return float(onset)
    earliest = _after_last_quiet(levels[: onset - low], fit, low)
    starts = np.arange(earliest, onset + 1 + START_STEP / 2, START_STEP)
    ramps = np.arange(0.0, AFTER_MINUTES + RAMP_STEP / 2, RAMP_STEP)
    shapes = _shapes(starts, ramps, np.arange(low, high, dtype=np.float64))
    errors = _misfit(shapes, np.nan_to_num(levels), weights)
    best = np.unravel_index(int(np.argmin(errors)), errors.shape)
    return float(starts[best[0]])


def _after_last_quiet(before: Floats, fit: Fit, low: int) -> float:
    """The start of the last minute before the onset that is still near the baseline
    (under half the effect): the rise cannot have begun before it, only inside it."""
    near = np.flatnonzero(before < fit.baseline + fit.effect / 2)
    return float(low + near[-1]) if near.size else float(low)


def _weights(view: View, low: int, high: int) -> Floats:
    series = view.oriented.series
    present = view.informative[low:high] & np.isfinite(view.badness[low:high])
    is_ratio = series.kind is SeriesKind.RATIO
    weights = series.denominator[low:high] if is_ratio else np.ones(high - low)
    return np.where(present, weights, 0.0)


def _shapes(starts: Floats, ramps: Floats, minutes: Floats) -> Floats:
    """Minute averages of a 0 -> 1 rise for every (start, ramp): starts x ramps x minutes."""
    inside = (np.arange(SAMPLES_PER_MINUTE) + 0.5) / SAMPLES_PER_MINUTE
    times = minutes[:, None] + inside[None, :]  # minutes x samples
    since = times[None, None] - starts[:, None, None, None]
    span = np.maximum(ramps, 1e-9)[None, :, None, None]
    rise = np.clip(since / span, 0.0, 1.0)
    return np.asarray(rise.mean(axis=-1), dtype=np.float64)


def _misfit(shapes: Floats, values: Floats, weights: Floats) -> Floats:
    """Weighted squared error of each shape with its best local baseline and plateau
    height (a two-parameter least squares; a negative height is held at zero)."""
    sw, sy = weights.sum(), (weights * values).sum()
    ss = (shapes * weights).sum(axis=-1)
    sss = (shapes**2 * weights).sum(axis=-1)
    ssy = (shapes * (weights * values)).sum(axis=-1)
    det = sw * sss - ss**2
    with np.errstate(invalid="ignore", divide="ignore"):
        height = np.where(det > 0, (sw * ssy - ss * sy) / det, 0.0)
    height = np.maximum(height, 0.0)
    base = (sy - height * ss) / sw
    fitted = base[..., None] + height[..., None] * shapes
    return np.asarray(((fitted - values) ** 2 * weights).sum(axis=-1), dtype=np.float64)

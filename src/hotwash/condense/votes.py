"""Each minute's vote, from -1 (quiet) to +1 (trouble), for the episode search.

A minute votes by how far above or below the threshold it is, in effects: at the
baseline -1, an effect above the threshold +1, near the line little either way.
For counts and ratios the vote is also capped by what the minute's events can say:
the log likelihood ratio (nats) between a level half an effect above the threshold
and one half an effect below it. In a dense series that cap is far above 1 and
changes nothing; in a sparse one it is what makes the votes fair. Six requests
without an error are what a quiet service and one failing 10% of requests both
usually produce, so that minute votes only weakly for quiet, while one failure in
six at a 0.2% baseline votes strongly for trouble. Without the cap, a partial outage
at a few requests a minute has as many "quiet" minutes as failing ones and is lost.
A metric has no noise model: its votes are not capped.
"""

from __future__ import annotations

import math

import numpy as np

from hotwash.condense.fitting import Fit
from hotwash.condense.rates import (
    PROBABILITY_FLOOR,
    RATE_FLOOR,
    Floats,
    Ints,
    OrientedSeries,
    SeriesKind,
)


def minute_votes(oriented: OrientedSeries, fit: Fit, at: Ints) -> Floats:
    """Votes of the minutes at indices ``at`` (minutes with data)."""
    position = np.clip((oriented.badness[at] - fit.threshold) / fit.effect, -1.0, 1.0)
    evidence = _evidence(oriented, fit, at)
    agree = np.sign(position) == np.sign(evidence)
    capped = np.sign(position) * np.minimum(np.abs(position), np.abs(evidence))
    return np.where(agree, capped, 0.0)


def _evidence(oriented: OrientedSeries, fit: Fit, at: Ints) -> Floats:
    """Per-minute log likelihood ratio, trouble over quiet, for the events of the minute."""
    series = oriented.series
    if series.kind is SeriesKind.METRIC:
        return np.where(oriented.badness[at] > fit.threshold, np.inf, -np.inf)
    events, exposure = series.numerator[at], series.denominator[at]
    bad, good = fit.threshold + fit.effect / 2, fit.threshold - fit.effect / 2
    if series.kind is SeriesKind.RATIO:
        p_bad, p_good = _probability(bad), _probability(good)
        weights = math.log(p_bad / p_good), math.log((1 - p_bad) / (1 - p_good))
        return events * weights[0] + (exposure - events) * weights[1]
    rate_bad, rate_good = (max(oriented.sign * level, RATE_FLOOR) for level in (bad, good))
    return events * math.log(rate_bad / rate_good) - exposure * (rate_bad - rate_good)


def _probability(level: float) -> float:
    return min(max(level, PROBABILITY_FLOOR), 1 - PROBABILITY_FLOOR)

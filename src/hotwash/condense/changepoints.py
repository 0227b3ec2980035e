"""Change points: when user-facing trouble began, peaked and ended, from a per-minute series.

The method, in the order it runs (the constants say why each number is what it is):

1. Baseline from the quiet part: first from the minutes around the densest half of the
   smoothed levels (or, when one stretch of trouble covers more than half the data,
   the minutes around it), then, once episodes are known, from every minute outside
   them (pooled for a ratio or a count, the median for a metric), and the noise
   around it (median absolute deviation). See :mod:`.fitting`.
2. A threshold between baseline and trouble: the baseline plus the largest of a relative
   effect, a multiple of the noise, and a tenth of the excursion's height.
3. Each minute votes from -1 (at the baseline) to +1 (well above the threshold), by how
   far above or below the threshold it is, and no more strongly than its events can
   say (see :mod:`.votes`); minutes without data abstain. A run of quiet minutes splits
   the series; inside each part the interval with the largest vote total is an
   episode, so a noisy minute next to it does not pull the onset earlier and a
   one-minute dip inside it does not cut it in two.
4. An episode counts if it has a few elevated minutes, enough excess events, and large
   evidence: its minutes are above the threshold far more often than quiet minutes are
   (a binomial test on the votes, which holds for any noise; for a metric averaged
   over a trailing window, neighbouring minutes count as one observation), and, for
   counts, its events are far more than the baseline predicts (a binomial or Poisson
   test, which tells a real excess from three unlucky requests in a sparse series).
5. Where the rise into it began, to the second (see :mod:`.rise`).

Votes do not change when a series is scaled, so scaling counts does not move an onset.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

from hotwash.condense import rates
from hotwash.condense.fitting import Fit, Flags, View, quiet_at_first, running
from hotwash.condense.fitting import fit as fit_quiet
from hotwash.condense.rates import Floats, Ints, OrientedSeries, SeriesKind
from hotwash.condense.rise import rise_start
from hotwash.condense.votes import minute_votes

# Fewer minutes with data than this cannot show a baseline and a departure from it.
MIN_DATA_MINUTES = 6
# Refits of the baseline on the minutes outside the episodes; it settles in two or three.
ITERATIONS = 4
# This many quiet minutes in a row end an episode: a recovery, not a dip ...
QUIET_RUN_MINUTES = 5
# ... if their votes add up to half as many firmly quiet minutes: five minutes of a
# sparse series without an error are what a partial outage often looks like too.
QUIET_RUN_WEIGHT = 0.5
# An episode needs this many elevated minutes: sustained, not one noisy spike ...
MIN_ELEVATED_MINUTES = 3
# ... this many events beyond the baseline (errors; for a traffic drop, missing
# requests), so three unlucky requests in a sparse series are not an incident ...
MIN_EXCESS_EVENTS = 5.0
# ... and likelihood ratios of e^10 (about 20 000 to 1) for "elevated" over "quiet".
MIN_EVIDENCE = 10.0
# Quiet minutes above the threshold are counted as at least 1 in 50: a few hours of data
# cannot show that a minute is rarer than that (3 such minutes in a row: e^11.7 to 1).
QUIET_VOTE_FLOOR = 0.02
# A windowed metric's bump counts as one observation per correlation length, unless
# its typical level is more than twice as far above the baseline as quiet minutes go.
QUIET_REACH_FACTOR = 2.0
# Recovery needs this many minutes of data after the episode ("stays near baseline for
# a few minutes"; the interval's end already means quiet outweighs trouble after it).
RECOVERY_HOLD_MINUTES = 3
# Confidence reaches 0.63 at 30 nats of evidence: strong, not certain.
EVIDENCE_SCALE = 30.0
# A series that starts degraded shows when trouble was first seen, not when it began.
DEGRADED_START_FACTOR = 0.5


@dataclass(frozen=True)
class Episode:
    """One stretch of trouble. Minutes are epoch minutes (UTC); values in series units."""

    onset: int
    peak: int
    recovery: int | None  # first minute back near baseline; None if not within the data
    baseline: float
    peak_value: float
    threshold: float  # the line between baseline and trouble that onset and recovery cross
    confidence: float  # 0..1: strength of evidence, lowered by gaps and a degraded start
    evidence: float  # log likelihood ratio (nats), elevated vs quiet; the smaller of the tests
    started_degraded: bool  # already above the threshold when the data starts
    explanation: str = ""
    # Minutes of a metric that carry one minute's worth of independent data: about the
    # window a trailing-window metric averages over (1 for counts, ratios, raw values).
    correlation: float = 1.0
    # Where the rise into the episode began (epoch minutes, fractional; see rise.py).
    rise_start: float | None = None

    @property
    def rise_at(self) -> datetime:
        """When the rise into the episode began: at or before the onset minute's end."""
        start = self.onset if self.rise_start is None else self.rise_start
        return datetime.fromtimestamp(start * 60, tz=UTC)

    @property
    def onset_at(self) -> datetime:
        return _at(self.onset)

    @property
    def peak_at(self) -> datetime:
        return _at(self.peak)

    @property
    def recovery_at(self) -> datetime | None:
        return None if self.recovery is None else _at(self.recovery)


def detect_episodes(
    minutes: npt.ArrayLike,
    values: npt.ArrayLike,
    totals: npt.ArrayLike | None = None,
    *,
    higher_is_worse: bool = True,
    metric: bool = False,
    name: str | None = None,
    unit: str = "",
) -> list[Episode]:
    """Every episode of trouble in a per-minute series, in time order.

    ``values`` are events per minute (a missing minute had none); or errors per minute
    with ``totals`` requests per minute (a ratio; a minute without requests abstains);
    or, with ``metric=True``, a gauge such as p99 latency (NaN or missing: abstains).
    ``name`` and ``unit`` are for the explanation ("p99 latency", "ms").
    """
    series = rates.regular_series(minutes, values, totals, metric=metric)
    if int(series.informative.sum()) < MIN_DATA_MINUTES:
        return []
    view = View.of(OrientedSeries.of(series, higher_is_worse=higher_is_worse))
    searched = _search(view)
    if searched is None:
        return []
    fit, found = searched
    story = Story(name or _DEFAULT_NAMES[series.kind], unit, view)
    return [story.tell(_episode(view, fit, interval)) for interval in found]


def detect_episode(
    minutes: npt.ArrayLike,
    values: npt.ArrayLike,
    totals: npt.ArrayLike | None = None,
    *,
    higher_is_worse: bool = True,
    metric: bool = False,
    name: str | None = None,
    unit: str = "",
) -> Episode | None:
    """The main episode (the strongest evidence) of :func:`detect_episodes`; None if flat."""
    episodes = detect_episodes(
        minutes, values, totals,
        higher_is_worse=higher_is_worse, metric=metric, name=name, unit=unit,
    )  # fmt: skip
    return max(episodes, key=lambda episode: episode.evidence, default=None)


_DEFAULT_NAMES = {
    SeriesKind.RATIO: "error ratio",
    SeriesKind.COUNT: "events per minute",
    SeriesKind.METRIC: "value",
}


@dataclass(frozen=True)
class Interval:
    """A candidate episode: minute indices ``start`` to ``end`` inclusive, and its weight."""

    start: int
    end: int
    elevated: int
    evidence: float
    excess: float

    @property
    def accepted(self) -> bool:
        return (
            self.elevated >= MIN_ELEVATED_MINUTES
            and self.excess >= MIN_EXCESS_EVENTS
            and self.evidence >= MIN_EVIDENCE
        )


def _search(view: View) -> tuple[Fit, list[Interval]] | None:
    """Fit, find episodes, refit on the minutes outside them, until that settles."""
    quiet, searched = quiet_at_first(view), None
    for _ in range(ITERATIONS):
        fit = fit_quiet(view, quiet)
        if fit is None:
            break
        found = [interval for interval in _candidates(view, fit) if interval.accepted]
        searched = fit, found
        outside = view.informative.copy()
        for interval in found:
            outside[interval.start : interval.end + 1] = False
        if not outside.any() or np.array_equal(outside, quiet):
            break
        quiet = outside
    return searched


def _candidates(view: View, fit: Fit) -> list[Interval]:
    with_data = np.flatnonzero(view.informative)
    votes = minute_votes(view.oriented, fit, with_data)
    return [
        _weigh(view, fit, int(with_data[start]), int(with_data[end]))
        for low, high in _parts(votes)
        for start, end in _best_intervals(votes, low, high)
    ]


def _parts(votes: Floats) -> list[tuple[int, int]]:
    """Stretches of ``votes`` between runs of QUIET_RUN_MINUTES quiet votes, as (low, high)."""
    starts, lengths, quiet = _runs(votes <= 0)
    totals = np.concatenate(([0.0], np.cumsum(votes)))
    weight = totals[starts + lengths] - totals[starts]
    firm = weight <= -QUIET_RUN_WEIGHT * QUIET_RUN_MINUTES
    long_quiet = np.repeat(quiet & (lengths >= QUIET_RUN_MINUTES) & firm, lengths)
    starts, lengths, barrier = _runs(long_quiet)
    ups = running(votes > 0)
    ends = starts + lengths
    keep = ~barrier & (ups[ends] - ups[starts] >= MIN_ELEVATED_MINUTES)
    return list(zip(starts[keep].tolist(), (ends[keep] - 1).tolist(), strict=True))


def _runs(flags: Flags) -> tuple[Ints, Ints, Flags]:
    """Run starts, lengths and values of a boolean array."""
    starts = np.concatenate(([0], np.flatnonzero(np.diff(flags.astype(np.int8))) + 1))
    lengths = np.diff(np.concatenate((starts, [flags.size])))
    return starts.astype(np.int64), lengths.astype(np.int64), flags[starts]


def _best_intervals(votes: Floats, low: int, high: int) -> list[tuple[int, int]]:
    """Disjoint intervals of largest vote total in ``votes[low:high+1]``, best first."""
    found, pending = [], [(low, high)]
    while pending:
        lo, hi = pending.pop()
        if int((votes[lo : hi + 1] > 0).sum()) < MIN_ELEVATED_MINUTES:
            continue
        start, end = _max_interval(votes[lo : hi + 1])
        found.append((lo + start, lo + end))
        pending += [(lo, lo + start - 1), (lo + end + 1, hi)]
    return found


def _max_interval(votes: Floats) -> tuple[int, int]:
    """Start and end of the interval with the largest sum (Kadane's, with numpy)."""
    totals = np.concatenate(([0.0], np.cumsum(votes)))
    lowest = np.minimum.accumulate(totals)
    # On a tie, start as late as possible: at the first elevated minute, not before it.
    at_lowest = np.where(totals == lowest, np.arange(totals.size), 0)
    starts = np.maximum.accumulate(at_lowest)
    end = int(np.argmax(totals[1:] - lowest[:-1]))  # on a tie, end as early as possible
    return int(starts[end]), end


def _weigh(view: View, fit: Fit, start: int, end: int) -> Interval:
    part = rates.window(view.oriented.series, start, end)
    sign = view.oriented.sign
    elevated = int((view.badness[start : end + 1] > fit.threshold).sum())
    # Leave this stretch out: at first every minute is "quiet", trouble included.
    quiet_rate = fit.quiet_rate_outside(start, end, QUIET_VOTE_FLOOR)
    votes = rates.binomial_llr(elevated, int(part.informative.sum()), quiet_rate)
    if not _beyond_quiet(view, fit, start, end):
        votes /= fit.correlation  # neighbouring minutes of a windowed metric repeat each other
    events = rates.log_likelihood_ratio(part, sign, fit.baseline)
    excess = rates.excess_events(part, sign, fit.baseline)
    return Interval(start, end, elevated, min(votes, events), excess)


def _beyond_quiet(view: View, fit: Fit, start: int, end: int) -> bool:
    """Whether the stretch's elevated minutes sit far above anything quiet minutes reach:
    then it is not the kind of bump the quiet noise makes, however long that lasts."""
    if fit.correlation <= 1.0:
        return True
    levels = view.badness[start : end + 1]
    elevated = levels[levels > fit.threshold]
    reach = fit.reach_outside(view.badness, start, end)
    typical = float(np.median(elevated)) - fit.baseline if elevated.size else 0.0
    return typical > QUIET_REACH_FACTOR * reach


def _episode(view: View, fit: Fit, interval: Interval) -> Episode:
    a, b = interval.start, interval.end
    minutes, oriented = view.oriented.series.minutes, view.oriented
    with_data = np.flatnonzero(view.informative)
    after = with_data[with_data > b]
    peak = a + int(np.nanargmax(view.peak_level[a : b + 1]))
    started = bool(a == with_data[0])
    coverage = float(view.informative[a : b + 1].mean())
    confidence = (1.0 - math.exp(-interval.evidence / EVIDENCE_SCALE)) * coverage
    confidence *= DEGRADED_START_FACTOR if started else 1.0
    return Episode(
        onset=int(minutes[a]),
        peak=int(minutes[peak]),
        recovery=int(minutes[after[0]]) if after.size >= RECOVERY_HOLD_MINUTES else None,
        baseline=oriented.value(fit.baseline),
        peak_value=oriented.value(float(view.peak_level[peak])),
        threshold=oriented.value(fit.threshold),
        confidence=round(min(max(confidence, 0.0), 1.0), 2),
        evidence=interval.evidence,
        started_degraded=started,
        correlation=fit.correlation,
        rise_start=float(minutes[0]) + rise_start(view, fit, a, b),
    )


@dataclass(frozen=True)
class Story:
    """How an episode is told: ``error ratio rose from baseline 0.2% to 38% (peak 14:11),
    above 4% from 2024-05-01 14:03 UTC; back under 4% from 14:31``."""

    name: str
    unit: str
    view: View

    def tell(self, episode: Episode) -> Episode:
        rising = self.view.oriented.rising
        moved, extreme, side, back = (
            ("rose", "peak", "above", "under") if rising else ("fell", "lowest", "below", "over")
        )
        line = self._show(episode.threshold)
        text = f"{self.name} {moved} from baseline {self._show(episode.baseline)}"
        text += f" to {self._show(episode.peak_value)} ({extreme} {_clock(episode.peak)})"
        onset = _clock(episode.onset, full=True)
        text += (
            f", already {side} {line} when the data starts ({onset})"
            if episode.started_degraded
            else f", {side} {line} from {onset}"
        )
        if episode.recovery is None:
            last = int(self.view.oriented.series.minutes[self.view.informative][-1])
            text += f"; not back {back} {line} by the end of the data ({_clock(last)})"
        else:
            text += f"; back {back} {line} from {_clock(episode.recovery)}"
        return dataclasses.replace(episode, explanation=text)

    def _show(self, value: float) -> str:
        if self.view.oriented.series.kind is SeriesKind.RATIO:
            percent = 100 * value
            return f"{percent:.0f}%" if percent >= 10 else f"{percent:.2g}%"
        per_minute = self.view.oriented.series.kind is SeriesKind.COUNT
        suffix = f" {self.unit}" if self.unit else "/min" if per_minute else ""
        return f"{value:.0f}{suffix}" if abs(value) >= 100 else f"{value:.3g}{suffix}"


def _clock(minute: int, *, full: bool = False) -> str:
    return _at(minute).strftime("%Y-%m-%d %H:%M UTC" if full else "%H:%M")


def _at(minute: int) -> datetime:
    return datetime.fromtimestamp(minute * 60, tz=UTC)

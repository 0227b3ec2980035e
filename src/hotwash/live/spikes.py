"""Which minutes are worth raw log lines: the error episode's onset and peak, and a baseline.

The store aggregates first (per-minute totals and error counts); only then are raw
lines pulled, for a few short windows: around the onset (what changed), around the
peak (what dominated) and a quiet stretch before the onset (which templates were
already there). Without an episode, the busiest error minutes stand in. The number
of windows is fixed, so the lines pulled do not grow with the store's volume.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import numpy.typing as npt

from hotwash.condense.changepoints import detect_episode
from hotwash.live.window import Window
from hotwash.times.zones import to_utc

MAX_WINDOWS = 3
ONSET_BEFORE, ONSET_AFTER = timedelta(minutes=2), timedelta(minutes=3)
PEAK_AROUND = timedelta(minutes=1)
BASELINE_GAP, BASELINE_SPAN = timedelta(minutes=15), timedelta(minutes=5)

Counts = npt.NDArray[np.float64]


def line_windows(minutes: Counts, totals: Counts, errors: Counts, window: Window) -> list[Window]:
    """Up to :data:`MAX_WINDOWS` short windows inside ``window``, in time order, merged."""
    if not errors.size or not np.nansum(errors) > 0:
        return []
    episode = detect_episode(minutes, errors, totals)
    if episode is None:
        wanted = _busiest(minutes, errors)
    else:
        onset, peak = episode.onset_at, episode.peak_at
        start = onset - BASELINE_GAP
        wanted = [
            Window(start, start + BASELINE_SPAN),
            Window(onset - ONSET_BEFORE, onset + ONSET_AFTER),
            Window(peak - PEAK_AROUND, peak + 2 * PEAK_AROUND),
        ]
    return _merged([clipped for w in wanted if (clipped := _clip(w, window)) is not None])


def _busiest(minutes: Counts, errors: Counts) -> list[Window]:
    order = np.argsort(-np.nan_to_num(errors), kind="stable")[:MAX_WINDOWS]
    chosen = [float(minutes[i]) for i in order if errors[i] > 0]
    return [_minute_window(minute) for minute in chosen]


def _minute_window(minute: float) -> Window:
    start = datetime.fromtimestamp(minute * 60, tz=UTC)
    return Window(start - PEAK_AROUND, start + 2 * PEAK_AROUND)


def _clip(wanted: Window, bounds: Window) -> Window | None:
    since, until = max(wanted.since, bounds.since), min(wanted.until, bounds.until)
    return Window(to_utc(since), to_utc(until)) if since < until else None


def _merged(windows: list[Window]) -> list[Window]:
    merged: list[Window] = []
    for window in sorted(windows, key=lambda w: w.since):
        if merged and window.since <= merged[-1].until:
            last = merged.pop()
            window = Window(last.since, max(last.until, window.until))
        merged.append(window)
    return merged[:MAX_WINDOWS]

"""When an episode began and ended, allowing for metrics that average over a window.

A saved Prometheus series is usually a trailing window: ``rate(x[5m])``, a recording
rule named ``job:http_5xx:ratio_rate5m``, a quantile ``..._p99_5m``. After errors
start, such a series climbs for a whole window: the episode's fitted rise start
(see :mod:`hotwash.condense.rise`) finds where that climb began. After they stop, it
needs the whole window to come down, so it is back under the threshold most of a
window late: the recovery is moved back by the share of the window above the
threshold. When the name says the window, that window is used; otherwise the data
says it: neighbouring values of a trailing window repeat each other for about as long
as the window, which the change-point fit measures as the quiet minutes'
correlation length.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from hotwash.condense.changepoints import Episode

# rate5m, _5m, [5m], :1h; a window over an hour is not an incident's error rate.
_WINDOW = re.compile(r"(?:rate|_|\[|:)(\d{1,3})([smh])(?![a-z])", re.IGNORECASE)
_MINUTES = {"s": 1 / 60, "m": 1.0, "h": 60.0}
MAX_WINDOW_MINUTES = 60.0
# A correlation length is a rough measure: below this it is noise, not a window, and
# above the other it is more likely a drifting baseline than a window.
MIN_MEASURED_WINDOW = 1.5
MAX_MEASURED_WINDOW = 10.0


def window_minutes(name: str) -> float:
    """The trailing window a metric's name gives, in minutes; 0 if it gives none."""
    found = [int(n) * _MINUTES[unit.lower()] for n, unit in _WINDOW.findall(name)]
    usable = [minutes for minutes in found if 0 < minutes <= MAX_WINDOW_MINUTES]
    return max(usable, default=0.0)


def metric_window(named: float, episode: Episode) -> float:
    """The window of a metric: as named, else as measured on its quiet minutes."""
    if named > 0:
        return named
    measured = episode.correlation
    return min(measured, MAX_MEASURED_WINDOW) if measured >= MIN_MEASURED_WINDOW else 0.0


def onset_time(episode: Episode) -> datetime:
    """Where the rise began: a window's slow climb is a rise like any other (see rise.py)."""
    return episode.rise_at


def recovery_time(episode: Episode, window: float) -> datetime | None:
    recovered = episode.recovery_at
    if recovered is None:
        return None
    moved = recovered - timedelta(minutes=window * (1.0 - _below(episode)))
    return max(moved, onset_time(episode))


def _below(episode: Episode) -> float:
    """The share of the excursion's height that lies below the threshold."""
    height = episode.peak_value - episode.baseline
    share = (episode.threshold - episode.baseline) / height if height else 0.0
    return min(max(share, 0.0), 1.0)

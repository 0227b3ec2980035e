"""Episodes of trouble per impact signal, and the stretches where several signals agree.

Each signal's main episode (see :mod:`hotwash.condense.changepoints`) is kept if it is
not noise. Episodes that overlap are one stretch of trouble seen by several signals;
a stretch is as strong as its clearest episode.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from hotwash.condense.changepoints import Episode, detect_episode
from hotwash.timeline.signals import ImpactSignal
from hotwash.timeline.windows import metric_window, onset_time, recovery_time

# Episodes weaker than this are noise for milestone purposes.
MIN_CONFIDENCE = 0.2


@dataclass(frozen=True)
class SignalEpisode:
    signal: ImpactSignal
    episode: Episode

    @property
    def window(self) -> float:
        return metric_window(self.signal.window, self.episode) if self.signal.metric else 0.0

    @property
    def onset(self) -> datetime:
        return onset_time(self.episode)

    @property
    def recovery(self) -> datetime | None:
        return recovery_time(self.episode, self.window)

    def overlaps(self, other: SignalEpisode) -> bool:
        end = self.episode.recovery if self.episode.recovery is not None else float("inf")
        other_end = other.episode.recovery
        other_end_value = other_end if other_end is not None else float("inf")
        return self.episode.onset <= other_end_value and other.episode.onset <= end

    def spans(self, at: datetime, before: timedelta, after: timedelta) -> bool:
        """Whether ``at`` falls in the episode, widened by ``before`` and ``after``."""
        end = self.recovery
        return self.onset - before <= at and (end is None or at <= end + after)


Stretch = list[SignalEpisode]


def signal_episodes(signals: list[ImpactSignal]) -> list[SignalEpisode]:
    found = []
    for signal in signals:
        episode = detect_episode(
            signal.minutes,
            signal.values,
            signal.totals,
            metric=signal.metric,
            name=signal.name,
            unit=signal.unit,
        )
        if episode is not None and episode.confidence >= MIN_CONFIDENCE:
            found.append(SignalEpisode(signal, episode))
    return found


def stretches(episodes: list[SignalEpisode]) -> list[Stretch]:
    """Episodes in groups of overlapping ones (one stretch of trouble seen by several signals)."""
    groups: list[Stretch] = []
    for episode in sorted(episodes, key=lambda e: e.episode.onset):
        if groups and any(episode.overlaps(other) for other in groups[-1]):
            groups[-1].append(episode)
        else:
            groups.append([episode])
    return groups


def strength(group: Stretch) -> tuple[float, int, int, float]:
    """The clearest trouble wins, whatever signal shows it: a strong latency episode over
    a faint blip in the error ratio. Then more signals agreeing, then trusted ones."""
    return (
        max(e.episode.confidence for e in group),
        len({e.signal.name for e in group}),
        -min(e.signal.rank for e in group),
        max(e.episode.evidence for e in group),
    )

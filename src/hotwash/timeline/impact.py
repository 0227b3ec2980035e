"""Impact start and mitigation: onset and recovery of user-facing trouble.

The strongest user-facing signal anchors the episode. Other user-facing signals
whose episodes overlap it refine it: impact starts at the earliest onset and is
mitigated when the last of them is back to baseline. If no user-facing signal
shows trouble, error logs stand in, with that said in the method.
"""

from __future__ import annotations

from dataclasses import dataclass

from hotwash.condense.changepoints import Episode, detect_episode
from hotwash.incidents.milestones import Milestone
from hotwash.timeline.model import MilestoneFinding
from hotwash.timeline.signals import ImpactSignal

# Episodes weaker than this are noise for milestone purposes.
MIN_CONFIDENCE = 0.2


@dataclass(frozen=True)
class SignalEpisode:
    signal: ImpactSignal
    episode: Episode

    def overlaps(self, other: SignalEpisode) -> bool:
        end = self.episode.recovery if self.episode.recovery is not None else float("inf")
        other_end = other.episode.recovery
        other_end_value = other_end if other_end is not None else float("inf")
        return self.episode.onset <= other_end_value and other.episode.onset <= end


def impact_milestones(signals: list[ImpactSignal]) -> dict[Milestone, MilestoneFinding]:
    episodes = _episodes(signals)
    facing = [e for e in episodes if e.signal.user_facing] or episodes
    if not facing:
        return {}
    anchor = max(facing, key=lambda e: (-e.signal.rank, e.episode.evidence))
    group = [e for e in facing if e.overlaps(anchor)]
    found = {Milestone.IMPACT_START: _onset(group)}
    recovery = _recovery(group)
    if recovery is not None:
        found[Milestone.MITIGATED] = recovery
    return found


def _episodes(signals: list[ImpactSignal]) -> list[SignalEpisode]:
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


def _onset(group: list[SignalEpisode]) -> MilestoneFinding:
    first = min(group, key=lambda e: (e.episode.onset, e.signal.rank))
    return MilestoneFinding(
        Milestone.IMPACT_START,
        first.episode.onset_at,
        method=_method("onset", first),
        confidence=first.episode.confidence,
        evidence=tuple(e.signal.ref for e in group),
    )


def _recovery(group: list[SignalEpisode]) -> MilestoneFinding | None:
    if any(e.episode.recovery is None for e in group):
        return None  # some user-facing signal never came back within the evidence
    last = max(group, key=lambda e: e.episode.recovery or 0)
    recovered = last.episode.recovery_at
    assert recovered is not None
    return MilestoneFinding(
        Milestone.MITIGATED,
        recovered,
        method=_method("back to baseline", last),
        confidence=min(e.episode.confidence for e in group),
        evidence=tuple(e.signal.ref for e in group),
    )


def _method(what: str, chosen: SignalEpisode) -> str:
    fallback = "" if chosen.signal.user_facing else " (error logs only: no user-facing signal)"
    return f"{what}: {chosen.episode.explanation}{fallback}"

"""Impact start and mitigation: onset and recovery of user-facing trouble.

User-facing episodes that overlap form one stretch of trouble (see :mod:`.episodes`).
The incident is a stretch that was responded to: an alert fired, a page went out or
the incident was declared while it lasted (from a few minutes before its onset to a
few minutes after its recovery); among several, or when no response is in the
evidence, the one with the clearest episode. Chat reports do not count here: "staging
is down for maintenance" is chatter, not a response. Error logs stand in when no
user-facing signal shows trouble, or when only they show the trouble that was
responded to; the method says so.

Inside the stretch, impact starts at the earliest onset and is mitigated when the last
signal is back to baseline, counting only episodes at least half as clear as the
clearest: a faint wobble of a noisy latency series that happens to overlap does not
move the onset by half an hour.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from hotwash.incidents.milestones import Milestone
from hotwash.timeline.episodes import SignalEpisode, Stretch, signal_episodes, strength, stretches
from hotwash.timeline.model import MilestoneFinding
from hotwash.timeline.signals import ImpactSignal

# A response belongs to a stretch from this long before its onset (minute-grained
# onsets, alerts on the way up) to this long after its recovery (a declaration of a
# short incident, just after it).
RESPONSE_BEFORE = timedelta(minutes=5)
RESPONSE_AFTER = timedelta(minutes=5)
# Episodes this much less clear than a stretch's clearest do not move its times.
CREDIBLE_SHARE = 0.5


def impact_milestones(
    signals: list[ImpactSignal], responses: Sequence[datetime] = ()
) -> dict[Milestone, MilestoneFinding]:
    group = _incident(signal_episodes(signals), responses)
    if group is None:
        return {}
    credible = _credible(group)
    found = {Milestone.IMPACT_START: _onset(credible, group)}
    recovery = _recovery(credible, group)
    if recovery is not None:
        found[Milestone.MITIGATED] = recovery
    return found


def _incident(episodes: list[SignalEpisode], responses: Sequence[datetime]) -> Stretch | None:
    facing = stretches([e for e in episodes if e.signal.user_facing])
    logs = stretches([e for e in episodes if not e.signal.user_facing])
    for candidates in (_answered(facing, responses), _answered(logs, responses), facing, logs):
        if candidates:
            return max(candidates, key=strength)
    return None


def _answered(groups: list[Stretch], responses: Sequence[datetime]) -> list[Stretch]:
    return [
        group
        for group in groups
        if any(e.spans(at, RESPONSE_BEFORE, RESPONSE_AFTER) for e in group for at in responses)
    ]


def _credible(group: Stretch) -> Stretch:
    clearest = max(e.episode.confidence for e in group)
    return [e for e in group if e.episode.confidence >= CREDIBLE_SHARE * clearest]


def _onset(credible: Stretch, group: Stretch) -> MilestoneFinding:
    first = min(credible, key=lambda e: (e.onset, e.signal.rank))
    return MilestoneFinding(
        Milestone.IMPACT_START,
        first.onset,
        method=_method("onset", first),
        confidence=first.episode.confidence,
        evidence=tuple(e.signal.ref for e in group),
    )


def _recovery(credible: Stretch, group: Stretch) -> MilestoneFinding | None:
    # Per-request counts (access logs) say when requests stopped failing; a metric, at
    # best, when its window let go of them. They decide when they are there.
    counted = [e for e in credible if not e.signal.metric] or credible
    if any(e.recovery is None for e in counted):
        return None  # some user-facing signal never came back within the evidence
    last = max(counted, key=lambda e: e.recovery or e.onset)
    recovered = last.recovery
    assert recovered is not None
    return MilestoneFinding(
        Milestone.MITIGATED,
        recovered,
        method=_method("back to baseline", last),
        confidence=min(e.episode.confidence for e in credible),
        evidence=tuple(e.signal.ref for e in group),
    )


def _method(what: str, chosen: SignalEpisode) -> str:
    fallback = "" if chosen.signal.user_facing else " (error logs only: no user-facing signal)"
    return f"{what}: {chosen.episode.explanation}{fallback}"

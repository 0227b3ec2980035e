"""Change correlation: deploys and changes in the hour before impact started.

The incident-response seed's pattern "errors start right after a deploy" points
at a rollback first; a change this close to onset is flagged for the responders.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from hotwash.evidence.model import EvidenceEvent, SignalKind
from hotwash.timeline.model import ChangeNearOnset

LOOKBACK = timedelta(hours=1)
# Onset is minute-grained, so a change up to a minute "after" onset may still be its cause.
LOOKAHEAD = timedelta(minutes=1)
SUSPICIOUS_GAP = timedelta(minutes=15)
CHANGE_KINDS = frozenset(
    {SignalKind.DEPLOY, SignalKind.ROLLOUT, SignalKind.COMMIT, SignalKind.CONFIG_CHANGE}
)


def changes_before(events: list[EvidenceEvent], onset: datetime | None) -> list[ChangeNearOnset]:
    """Changes from an hour before ``onset`` up to it, nearest first."""
    if onset is None:
        return []
    nearby = [
        event
        for event in events
        if event.kind in CHANGE_KINDS and onset - LOOKBACK <= event.at <= onset + LOOKAHEAD
    ]
    found = [_correlate(event, onset) for event in nearby]
    return sorted(found, key=lambda change: abs(change.gap))


def _correlate(event: EvidenceEvent, onset: datetime) -> ChangeNearOnset:
    gap = onset - event.at
    # Commits alone do not change production; deploys, rollouts and config changes do.
    deploy_like = event.kind is not SignalKind.COMMIT
    return ChangeNearOnset(
        at=event.at,
        text=event.text,
        source=event.source,
        kind=event.kind,
        gap=gap,
        ref=event.ref,
        service=event.service,
        actor=event.actor,
        suspicious=deploy_like and gap <= SUSPICIOUS_GAP,
    )

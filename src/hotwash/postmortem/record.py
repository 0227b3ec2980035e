"""What hotwash's store knows about an incident, gathered for a postmortem.

The incident itself, its recorded timeline, contributing factors, action items and the
earlier incidents that touched the same services. Recorded timeline events also become
evidence events, so the timeline builder weighs a milestone a person recorded exactly
as it weighs one in the evidence (a recorded one wins).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hotwash.actions.model import ActionItem
from hotwash.evidence.model import EvidenceEvent, EvidenceRef, SignalKind
from hotwash.incidents.events import EventKind, TimelineEvent
from hotwash.incidents.factors import ContributingFactor
from hotwash.incidents.model import Incident
from hotwash.incidents.repository import Store
from hotwash.incidents.service import IncidentService
from hotwash.timeline.milestones import RECORDED

STORE_SOURCE = "hotwash"
_KINDS = {
    EventKind.MILESTONE: SignalKind.NOTE,
    EventKind.NOTE: SignalKind.NOTE,
    EventKind.UPDATE: SignalKind.NOTE,
    EventKind.EVIDENCE: SignalKind.NOTE,
    EventKind.STATUS_CHANGE: SignalKind.STATUS_CHANGE,
}


@dataclass
class IncidentRecord:
    incident: Incident
    events: list[TimelineEvent] = field(default_factory=list)
    factors: list[ContributingFactor] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    related: list[Incident] = field(default_factory=list)


def load_record(service: IncidentService, store: Store, incident_id: str) -> IncidentRecord:
    """Everything recorded about ``incident_id`` that its viewer may see."""
    incident, events = service.timeline(incident_id)
    with store.transaction() as repo:
        factors = repo.factors(incident.id)
        actions = repo.action_items(incident.id)
    others = service.list_incidents()
    return IncidentRecord(incident, events, factors, actions, related_incidents(incident, others))


def related_incidents(incident: Incident, others: list[Incident]) -> list[Incident]:
    """Other incidents on one of the same services, newest first."""
    services = set(incident.services)
    related = [
        other
        for other in others
        if other.id != incident.id and services.intersection(other.services)
    ]
    return sorted(related, key=lambda other: other.created_at, reverse=True)


def recorded_evidence(record: IncidentRecord) -> list[EvidenceEvent]:
    """The recorded timeline as evidence events; milestone events carry their milestone."""
    return [_as_evidence(record.incident.id, event) for event in record.events]


def _as_evidence(incident_id: str, event: TimelineEvent) -> EvidenceEvent:
    labels = {RECORDED: event.milestone.value} if event.milestone is not None else {}
    return EvidenceEvent(
        at=event.at,
        kind=_KINDS[event.kind],
        text=event.text,
        source=STORE_SOURCE,
        ref=EvidenceRef(f"hotwash {incident_id}", line=event.seq, detail=event.kind.value),
        actor=event.actor,
        labels=labels,
    )

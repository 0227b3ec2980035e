"""What hotwash's store knows about an incident, gathered for a postmortem.

The incident itself, its recorded timeline, contributing factors, action items and the
earlier incidents that touched the same services. (The recorded timeline reaches the
rebuilt timeline as evidence, through :mod:`hotwash.timeline.from_store`.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hotwash.actions.model import ActionItem
from hotwash.incidents.events import TimelineEvent
from hotwash.incidents.factors import ContributingFactor
from hotwash.incidents.model import Incident
from hotwash.incidents.repository import Store
from hotwash.incidents.service import IncidentService


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

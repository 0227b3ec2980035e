"""Rows to domain objects and back. Only this module knows both shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hotwash.actions.model import ActionItem, ActionStatus, ActionType, Priority
from hotwash.comms.delivery import Delivery, DeliveryStatus
from hotwash.evidence.attached import AttachedEvidence, Shape
from hotwash.incidents.events import EventKind, TimelineEvent
from hotwash.incidents.factors import ContributingFactor, FactorCategory
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import Incident, Roles, Visibility
from hotwash.incidents.severity import Severity
from hotwash.incidents.status import Status
from hotwash.store.tables import (
    ActionItemRow,
    AttachedEvidenceRow,
    ContributingFactorRow,
    DeliveryRow,
    IncidentRow,
    TimelineEventRow,
)
from hotwash.times.zones import to_utc

# Times are converted here as well as in UTCDateTime so that a naive datetime
# fails at the call that passed it, not at a later flush wrapped in SQLAlchemy errors.

# Incidents ---------------------------------------------------------------------------------


def fill_incident_row(row: IncidentRow, incident: Incident) -> None:
    """Copy every field, so ``add`` and ``save`` cannot drift apart."""
    row.id = incident.id
    row.title = incident.title
    row.severity = incident.severity.value
    row.status = incident.status.value
    row.created_at = to_utc(incident.created_at)
    row.services = list(incident.services)
    row.roles = _roles_json(incident.roles)
    row.visibility = incident.visibility.value
    row.members = list(incident.members)
    row.impact = incident.impact
    row.milestones = {m.value: _iso(at) for m, at in incident.milestones.items()}


def incident_from_row(row: IncidentRow) -> Incident:
    return Incident(
        id=row.id,
        title=row.title,
        severity=Severity(row.severity),
        status=Status(row.status),
        created_at=row.created_at,
        services=list(row.services),
        roles=_roles(row.roles),
        visibility=Visibility(row.visibility),
        members=list(row.members),
        impact=row.impact,
        milestones={Milestone(name): _parse_iso(at) for name, at in row.milestones.items()},
    )


def _roles_json(roles: Roles) -> dict[str, Any]:
    return {
        "commander": roles.commander,
        "communications": roles.communications,
        "scribe": roles.scribe,
        "responders": list(roles.responders),
    }


def _roles(data: dict[str, Any]) -> Roles:
    return Roles(
        commander=data.get("commander"),
        communications=data.get("communications"),
        scribe=data.get("scribe"),
        responders=list(data.get("responders", [])),
    )


def _iso(at: datetime) -> str:
    return to_utc(at).isoformat()


def _parse_iso(text: str) -> datetime:
    return to_utc(datetime.fromisoformat(text))


def _optional_utc(at: datetime | None) -> datetime | None:
    return None if at is None else to_utc(at)


# Timeline and factors ----------------------------------------------------------------------


def event_row(incident_id: str, event: TimelineEvent, seq: int) -> TimelineEventRow:
    return TimelineEventRow(
        incident_id=incident_id,
        seq=seq,
        at=to_utc(event.at),
        text=event.text,
        kind=event.kind.value,
        source=event.source,
        actor=event.actor,
        milestone=event.milestone.value if event.milestone else None,
        evidence_ref=event.evidence_ref,
    )


def event_from_row(row: TimelineEventRow) -> TimelineEvent:
    return TimelineEvent(
        at=row.at,
        text=row.text,
        kind=EventKind(row.kind),
        source=row.source,
        actor=row.actor,
        milestone=Milestone(row.milestone) if row.milestone else None,
        evidence_ref=row.evidence_ref,
        seq=row.seq,
    )


def factor_row(incident_id: str, factor: ContributingFactor, seq: int) -> ContributingFactorRow:
    return ContributingFactorRow(
        incident_id=incident_id, seq=seq, text=factor.text, category=factor.category.value
    )


def factor_from_row(row: ContributingFactorRow) -> ContributingFactor:
    return ContributingFactor(text=row.text, category=FactorCategory(row.category), seq=row.seq)


# Action items and deliveries ---------------------------------------------------------------


def fill_action_row(row: ActionItemRow, item: ActionItem) -> None:
    """Copy every field, so ``add`` and ``save`` cannot drift apart."""
    row.id = item.id
    row.incident_id = item.incident_id
    row.action = item.action
    row.type = item.type.value
    row.owner = item.owner
    row.due = item.due
    row.priority = item.priority.value if item.priority else None
    row.done_when = item.done_when
    row.status = item.status.value
    row.ticket = item.ticket
    row.factor_seq = item.factor
    row.created_at = _optional_utc(item.created_at)
    row.closed_at = _optional_utc(item.closed_at)
    row.source = item.source


def action_from_row(row: ActionItemRow) -> ActionItem:
    return ActionItem(
        id=row.id,
        incident_id=row.incident_id,
        action=row.action,
        type=ActionType(row.type),
        owner=row.owner,
        due=row.due,
        priority=Priority(row.priority) if row.priority else None,
        done_when=row.done_when,
        status=ActionStatus(row.status),
        ticket=row.ticket,
        factor=row.factor_seq,
        created_at=row.created_at,
        closed_at=row.closed_at,
        source=row.source,
    )


def fill_delivery_row(row: DeliveryRow, delivery: Delivery) -> None:
    row.incident_id = delivery.incident_id
    row.event_seq = delivery.event_seq
    row.target = delivery.target
    row.message_kind = delivery.message_kind
    row.body = delivery.body
    row.created_at = to_utc(delivery.created_at)
    row.status = delivery.status.value
    row.attempts = delivery.attempts
    row.last_error = delivery.last_error
    row.delivered_at = _optional_utc(delivery.delivered_at)


def delivery_from_row(row: DeliveryRow) -> Delivery:
    return Delivery(
        incident_id=row.incident_id,
        target=row.target,
        message_kind=row.message_kind,
        body=row.body,
        created_at=row.created_at,
        event_seq=row.event_seq,
        status=DeliveryStatus(row.status),
        attempts=row.attempts,
        last_error=row.last_error,
        delivered_at=row.delivered_at,
        id=row.id,
    )


# Attached evidence -------------------------------------------------------------------------


def evidence_row(evidence: AttachedEvidence, seq: int) -> AttachedEvidenceRow:
    return AttachedEvidenceRow(
        incident_id=evidence.incident_id,
        seq=seq,
        path=evidence.path,
        shape=evidence.shape.value,
        sha256=evidence.sha256,
        size=evidence.size,
        files=evidence.files,
        source=evidence.source,
        unrecognised=list(evidence.unrecognised),
        source_zone=evidence.source_zone,
        copy_path=evidence.copy_path,
        attached_by=evidence.attached_by,
        attached_at=to_utc(evidence.attached_at),
    )


def evidence_from_row(row: AttachedEvidenceRow) -> AttachedEvidence:
    return AttachedEvidence(
        incident_id=row.incident_id,
        path=row.path,
        shape=Shape(row.shape),
        sha256=row.sha256,
        size=row.size,
        files=row.files,
        attached_at=row.attached_at,
        attached_by=row.attached_by,
        source=row.source,
        unrecognised=tuple(row.unrecognised),
        source_zone=row.source_zone,
        copy_path=row.copy_path,
        seq=row.seq,
    )

"""Export an incident to a self-contained JSON document and import it back.

The document holds everything the store knows about one incident, so a round
trip (export, import into another store, export again) gives the same document.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from hotwash.actions.model import ActionItem, ActionStatus, ActionType, Priority
from hotwash.comms.delivery import Delivery, DeliveryStatus
from hotwash.errors import ConflictError, ValidationError
from hotwash.incidents.events import EventKind, TimelineEvent
from hotwash.incidents.factors import ContributingFactor, FactorCategory
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import Incident, Roles, Visibility, check_incident_id
from hotwash.incidents.repository import Repository
from hotwash.incidents.severity import Severity
from hotwash.incidents.status import Status

FORMAT = "hotwash-incident"
VERSION = 1

Document = dict[str, Any]


def export_incident(repo: Repository, incident: Incident) -> Document:
    return {
        "format": FORMAT,
        "version": VERSION,
        "incident": plain(asdict(incident)),
        "events": [plain(asdict(event)) for event in repo.events(incident.id)],
        "factors": [plain(asdict(factor)) for factor in repo.factors(incident.id)],
        "action_items": [plain(asdict(item)) for item in repo.action_items(incident.id)],
        # Delivery ids are the store's own row numbers; a round trip must not depend on them.
        "deliveries": [
            plain({k: v for k, v in asdict(d).items() if k != "id"})
            for d in repo.deliveries(incident_id=incident.id)
        ],
    }


def import_incident(repo: Repository, document: Document) -> Incident:
    """Load a document produced by :func:`export_incident`; refuses to overwrite."""
    if document.get("format") != FORMAT or document.get("version") != VERSION:
        raise ValidationError(f"not a {FORMAT} v{VERSION} document")
    try:
        incident = _incident(document["incident"])
        if repo.get_incident(incident.id) is not None:
            raise ConflictError(f"{incident.id} already exists in this store")
        repo.add_incident(incident)
        for event in document["events"]:
            repo.append_event(incident.id, _event(event))
        for factor in document["factors"]:
            repo.add_factor(incident.id, _factor(factor))
        existing = {item.id for item in repo.action_items()}
        for item in document["action_items"]:
            action = _action(item)
            if action.id in existing:
                raise ConflictError(f"action item {action.id} already exists in this store")
            repo.add_action_item(action)
        for delivery in document["deliveries"]:
            repo.add_delivery(_delivery(delivery))
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationError(f"malformed incident document: {error!r}") from None
    return incident


def plain(value: Any) -> Any:
    """Dataclass dicts to JSON-ready values: enums to strings, times to ISO 8601."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _time(value: str | None) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"time {value!r} has no offset")
    return parsed


def _required_time(value: str) -> datetime:
    parsed = _time(value)
    assert parsed is not None
    return parsed


def _incident(data: Document) -> Incident:
    return Incident(
        id=check_incident_id(data["id"]),
        title=data["title"],
        severity=Severity(data["severity"]),
        status=Status(data["status"]),
        created_at=_required_time(data["created_at"]),
        services=list(data["services"]),
        roles=Roles(**data["roles"]),
        visibility=Visibility(data["visibility"]),
        members=list(data["members"]),
        impact=data["impact"],
        milestones={Milestone(k): _required_time(v) for k, v in data["milestones"].items()},
    )


def _event(data: Document) -> TimelineEvent:
    return TimelineEvent(
        at=_required_time(data["at"]),
        text=data["text"],
        kind=EventKind(data["kind"]),
        source=data["source"],
        actor=data["actor"],
        milestone=Milestone(data["milestone"]) if data["milestone"] else None,
        evidence_ref=data["evidence_ref"],
        seq=data["seq"],
    )


def _factor(data: Document) -> ContributingFactor:
    category = FactorCategory(data["category"])
    return ContributingFactor(text=data["text"], category=category, seq=data["seq"])


def _action(data: Document) -> ActionItem:
    return ActionItem(
        id=data["id"],
        incident_id=data["incident_id"],
        action=data["action"],
        type=ActionType(data["type"]),
        owner=data["owner"],
        due=date.fromisoformat(data["due"]) if data["due"] else None,
        priority=Priority(data["priority"]) if data["priority"] else None,
        done_when=data["done_when"],
        status=ActionStatus(data["status"]),
        ticket=data["ticket"],
        # Fields added after format version 1 was first written; older documents lack them.
        factor=data.get("factor"),
        created_at=_time(data.get("created_at")),
        closed_at=_time(data.get("closed_at")),
        source=data.get("source"),
    )


def _delivery(data: Document) -> Delivery:
    return Delivery(
        incident_id=data["incident_id"],
        target=data["target"],
        message_kind=data["message_kind"],
        body=data["body"],
        created_at=_required_time(data["created_at"]),
        event_seq=data["event_seq"],
        status=DeliveryStatus(data["status"]),
        attempts=data["attempts"],
        last_error=data["last_error"],
        delivered_at=_time(data["delivered_at"]),
        id=None,
    )

"""Builders for domain objects, shared by the store tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from hotwash.comms.delivery import Delivery
from hotwash.incidents.events import EventKind, TimelineEvent
from hotwash.incidents.model import Incident, format_incident_id
from hotwash.incidents.severity import Severity
from hotwash.incidents.status import Status

# Microseconds included: a store that drops them fails the round-trip tests.
T0 = datetime(2026, 3, 14, 9, 26, 53, 589793, tzinfo=UTC)


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def make_incident(number: int = 1, **changes: Any) -> Incident:
    incident = Incident(
        id=format_incident_id(2026, number),
        title=f"Checkout errors #{number}",
        severity=Severity.SEV2,
        status=Status.INVESTIGATING,
        created_at=T0,
    )
    return replace(incident, **changes)


def note(at: datetime, text: str = "a note", **changes: Any) -> TimelineEvent:
    return replace(TimelineEvent(at=at, text=text, kind=EventKind.NOTE), **changes)


def make_delivery(incident_id: str, **changes: Any) -> Delivery:
    delivery = Delivery(
        incident_id=incident_id,
        target="ops-channel",
        message_kind="update",
        body="Still investigating.",
        created_at=T0,
    )
    return replace(delivery, **changes)

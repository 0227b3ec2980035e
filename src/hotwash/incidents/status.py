"""Incident status and the transitions allowed between statuses.

The active statuses follow the incident-response seed: Investigating,
Identified, Mitigating, Monitoring. Responders may skip ahead (a rollback can
mitigate before anything is identified) or step back (monitoring shows the fix
did not hold). Once Resolved, an incident only moves on to Postmortem and
Closed, or is explicitly reopened.
"""

from __future__ import annotations

import enum

from hotwash.errors import InvalidTransitionError, ValidationError


class Status(enum.StrEnum):
    INVESTIGATING = "Investigating"
    IDENTIFIED = "Identified"
    MITIGATING = "Mitigating"
    MONITORING = "Monitoring"
    RESOLVED = "Resolved"
    POSTMORTEM = "Postmortem"
    CLOSED = "Closed"

    @property
    def is_active(self) -> bool:
        return self in ACTIVE_STATUSES

    @classmethod
    def parse(cls, value: str) -> Status:
        text = value.strip().lower()
        for status in cls:
            if status.value.lower() == text:
                return status
        names = ", ".join(s.value for s in cls)
        raise ValidationError(f"invalid status {value!r}: expected one of {names}")


ACTIVE_STATUSES = frozenset(
    {Status.INVESTIGATING, Status.IDENTIFIED, Status.MITIGATING, Status.MONITORING}
)

_AFTER_RESOLUTION: dict[Status, frozenset[Status]] = {
    Status.RESOLVED: frozenset({Status.POSTMORTEM, Status.CLOSED}),
    Status.POSTMORTEM: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset(),
}


def allowed_transitions(current: Status) -> frozenset[Status]:
    """Statuses reachable from ``current`` with ``hotwash status``."""
    if current.is_active:
        return (ACTIVE_STATUSES | {Status.RESOLVED}) - {current}
    return _AFTER_RESOLUTION[current]


def check_transition(current: Status, new: Status) -> None:
    """Raise :class:`InvalidTransitionError` unless ``current -> new`` is allowed."""
    if new in allowed_transitions(current):
        return
    if new is current:
        raise InvalidTransitionError(f"incident is already {current.value}")
    allowed = ", ".join(s.value for s in sorted(allowed_transitions(current), key=_order))
    hint = f"allowed: {allowed}" if allowed else "it is closed"
    if not current.is_active and new.is_active:
        hint += "; use `hotwash reopen` to reopen it"
    raise InvalidTransitionError(f"cannot move from {current.value} to {new.value} ({hint})")


def _order(status: Status) -> int:
    return list(Status).index(status)

"""The incident aggregate: what happened, how bad, who runs it, and who may see it."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import datetime

from hotwash.errors import ValidationError
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.severity import Severity
from hotwash.incidents.status import Status

INCIDENT_ID = re.compile(r"^INC-(\d{4})-(\d{4,})$")


class Role(enum.StrEnum):
    COMMANDER = "commander"
    COMMUNICATIONS = "communications"
    SCRIBE = "scribe"
    RESPONDER = "responder"

    @classmethod
    def parse(cls, value: str) -> Role:
        text = value.strip().lower()
        aliases = {"ic": "commander", "comms": "communications", "responders": "responder"}
        text = aliases.get(text, text)
        try:
            return cls(text)
        except ValueError:
            names = ", ".join(r.value for r in cls)
            raise ValidationError(f"invalid role {value!r}: expected one of {names}") from None


class Visibility(enum.StrEnum):
    OPEN = "open"
    RESTRICTED = "restricted"


@dataclass
class Roles:
    """Who does what. Only responders may be several people."""

    commander: str | None = None
    communications: str | None = None
    scribe: str | None = None
    responders: list[str] = field(default_factory=list)

    def people(self) -> set[str]:
        named = {self.commander, self.communications, self.scribe, *self.responders}
        return {person for person in named if person}

    def assign(self, role: Role, person: str) -> None:
        if role is Role.RESPONDER:
            if person not in self.responders:
                self.responders.append(person)
        else:
            setattr(self, role.value, person)


@dataclass
class Incident:
    """One incident. Times are timezone-aware UTC; the store enforces it."""

    id: str
    title: str
    severity: Severity
    status: Status
    created_at: datetime
    services: list[str] = field(default_factory=list)
    roles: Roles = field(default_factory=Roles)
    visibility: Visibility = Visibility.OPEN
    members: list[str] = field(default_factory=list)
    impact: str | None = None
    milestones: dict[Milestone, datetime] = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.status.is_active

    @property
    def is_restricted(self) -> bool:
        return self.visibility is Visibility.RESTRICTED

    @property
    def started_at(self) -> datetime:
        """When the incident began: impact start if known, else detection, else declaration."""
        for milestone in (Milestone.IMPACT_START, Milestone.DETECTED, Milestone.DECLARED):
            if milestone in self.milestones:
                return self.milestones[milestone]
        return self.created_at

    def can_see(self, viewer: str | None) -> bool:
        """Restricted incidents are visible only to the people on them."""
        if not self.is_restricted:
            return True
        if viewer is None:
            return False
        folded = viewer.casefold()
        return any(p.casefold() == folded for p in {*self.members, *self.roles.people()})


def check_incident_id(value: str) -> str:
    """Normalise and check an id such as ``INC-2026-0042`` (case-insensitive)."""
    text = value.strip().upper()
    if not INCIDENT_ID.match(text):
        raise ValidationError(f"invalid incident id {value!r}: expected the form INC-2026-0042")
    return text


def format_incident_id(year: int, number: int) -> str:
    return f"INC-{year:04d}-{number:04d}"

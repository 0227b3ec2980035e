"""Action items: concrete, owned, dated work that keeps an incident from coming back."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Self

from hotwash.errors import ValidationError

ACTION_ID = re.compile(r"^AI-(\d{3,})$")


class _ParsableEnum(enum.StrEnum):
    @classmethod
    def parse(cls, value: str) -> Self:
        text = value.strip().lower().replace("-", "_").replace(" ", "_")
        for member in cls:
            if member.value.lower() == text:
                return member
        names = ", ".join(m.value for m in cls)
        raise ValidationError(f"invalid {cls.__name__} {value!r}: expected one of {names}")


class ActionType(_ParsableEnum):
    PREVENT = "prevent"
    MITIGATE = "mitigate"
    DETECT = "detect"
    PROCESS = "process"
    REPAIR = "repair"


class Priority(_ParsableEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"


class ActionStatus(_ParsableEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    WONT_DO = "wont_do"


@dataclass
class ActionItem:
    id: str
    incident_id: str
    action: str
    type: ActionType = ActionType.PREVENT
    owner: str | None = None
    due: date | None = None
    priority: Priority | None = None
    done_when: str | None = None
    status: ActionStatus = ActionStatus.OPEN
    ticket: str | None = None
    # The contributing factor (its ``seq`` within the incident) this item addresses.
    factor: int | None = None
    created_at: datetime | None = None
    # When it became done or won't-do; aging and completion times are measured to here.
    closed_at: datetime | None = None
    # Where it was read from ("postmortems/2026-03-14.md#2"), so a re-read updates it.
    source: str | None = None

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


CLOSED_STATUSES = frozenset({ActionStatus.DONE, ActionStatus.WONT_DO})


def format_action_id(number: int) -> str:
    return f"AI-{number:03d}"

"""Action items: concrete, owned, dated work that keeps an incident from coming back."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date
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


def format_action_id(number: int) -> str:
    return f"AI-{number:03d}"

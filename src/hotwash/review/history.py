"""Past incidents as the pattern review and recurrence detection see them.

One shape whether an incident comes from the store or from a postmortem file, so both
``hotwash review`` (store) and ``hotwash review DIR`` (files, no store) run the same
analysis. An incident is named by its id, or by its file name when it has none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from hotwash.actions.model import CLOSED_STATUSES, ActionStatus, ActionType, Priority
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.severity import Severity
from hotwash.timeline.delays import compute_delays


@dataclass(frozen=True)
class PastAction:
    action: str
    status: ActionStatus = ActionStatus.OPEN
    id: str | None = None
    owner: str | None = None
    due: date | None = None
    priority: Priority | None = None
    type: ActionType | None = None
    created_at: datetime | None = None
    closed_at: datetime | None = None
    ticket: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES


@dataclass(frozen=True)
class PastIncident:
    key: str  # the incident id, or the postmortem's file name
    title: str
    started_at: datetime | None = None
    severity: Severity | None = None
    services: tuple[str, ...] = ()
    milestones: Mapping[Milestone, datetime] = field(default_factory=dict)
    # Minutes, keyed by hotwash.timeline.delays names ("detection", "resolution", ...).
    delays: Mapping[str, float] = field(default_factory=dict)
    summary: str = ""
    trigger: str = ""
    factors: tuple[str, ...] = ()
    details: str = ""  # timeline, detection and lessons: read for failure modes only
    body: str = ""  # everything the write-up says; read when the parts above say little
    signals: frozenset[str] = frozenset()
    actions: tuple[PastAction, ...] = ()
    incident_id: str | None = None
    path: str | None = None
    category: str | None = None  # as written in the postmortem, if it says

    @property
    def day(self) -> date | None:
        return self.started_at.date() if self.started_at else None

    @property
    def open_actions(self) -> tuple[PastAction, ...]:
        return tuple(action for action in self.actions if action.is_open)


def delays_from_milestones(milestones: Mapping[Milestone, datetime]) -> dict[str, float]:
    return {
        name: delta.total_seconds() / 60.0
        for name, delta in compute_delays(dict(milestones)).items()
        if delta.total_seconds() >= 0
    }

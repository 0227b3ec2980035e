"""What is due: status updates under the severity cadence, postmortems, follow-up reviews.

An open incident owes an update every ``update_cadence`` after its last update
(or its declaration). A resolved incident whose severity requires a postmortem
owes one within ``postmortem_due`` of resolution, until its postmortem is finalised.
A finalised postmortem owes a follow-up review on its ``follow_up_at`` date (four
weeks later by default) until the review is recorded.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from hotwash.actions.followup import PostmortemRecord
from hotwash.config.policy import SeverityPolicy
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import Incident
from hotwash.incidents.status import Status


class DueKind(enum.StrEnum):
    UPDATE = "update"
    POSTMORTEM = "postmortem"
    FOLLOW_UP = "follow-up"


@dataclass(frozen=True)
class DueItem:
    incident: Incident
    kind: DueKind
    due_at: datetime
    now: datetime

    @property
    def overdue_by(self) -> timedelta:
        """How late it is; zero or negative means it is not late yet."""
        return self.now - self.due_at

    @property
    def is_overdue(self) -> bool:
        return self.overdue_by > timedelta(0)


def due_items(
    incidents: list[Incident],
    last_updates: dict[str, datetime],
    policy: SeverityPolicy,
    now: datetime,
    postmortems: Mapping[str, PostmortemRecord] | None = None,
) -> list[DueItem]:
    """Every pending obligation, most overdue first."""
    records = postmortems or {}
    items = [
        item
        for incident in incidents
        for item in _owed(incident, last_updates, policy, now, records.get(incident.id))
    ]
    return sorted(items, key=lambda item: item.due_at)


def _owed(
    incident: Incident,
    last_updates: dict[str, datetime],
    policy: SeverityPolicy,
    now: datetime,
    record: PostmortemRecord | None,
) -> list[DueItem]:
    rule = policy.rule(incident.severity)
    if incident.is_open:
        since = last_updates.get(incident.id) or incident.milestones.get(
            Milestone.DECLARED, incident.created_at
        )
        return [DueItem(incident, DueKind.UPDATE, since + rule.update_cadence, now)]
    if record is not None and record.is_finalised:
        return _follow_up(incident, record, now)
    resolved = incident.milestones.get(Milestone.RESOLVED)
    if (
        incident.status is Status.RESOLVED
        and rule.postmortem_required
        and rule.postmortem_due is not None
        and resolved is not None
    ):
        return [DueItem(incident, DueKind.POSTMORTEM, resolved + rule.postmortem_due, now)]
    return []


def _follow_up(incident: Incident, record: PostmortemRecord, now: datetime) -> list[DueItem]:
    """A finalised postmortem owes nothing more but its follow-up review."""
    if not record.follow_up_pending or record.follow_up_at is None:
        return []
    return [DueItem(incident, DueKind.FOLLOW_UP, record.follow_up_at, now)]

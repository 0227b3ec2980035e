"""Follow-through on action items: how many were done, and how old the open ones are.

The completion rate is done items over items that were to be done: an item closed as
"won't do" is a decision, not a failure to follow through, so it counts on neither side.
Age is measured from when an item was recorded (from a postmortem file: the incident's
start, the earliest it can have been written down) to now, or to when it was closed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from statistics import median
from typing import Any

from hotwash.actions.model import ActionStatus
from hotwash.review.history import PastAction, PastIncident

AGE_BUCKETS = ((0, 30, "0-30 days"), (31, 60, "31-60 days"), (61, 90, "61-90 days"))
OLDEST_SHOWN = 10


@dataclass(frozen=True)
class OpenItem:
    incident: str
    action: PastAction
    age_days: int | None
    days_overdue: int


@dataclass(frozen=True)
class ActionStats:
    total: int
    done: int
    wont_do: int
    open: int
    overdue: int
    completion_rate: float | None
    median_days_to_close: float | None
    open_by_age: dict[str, int]
    oldest_open: tuple[OpenItem, ...]
    by_month: tuple[dict[str, Any], ...]


def action_stats(incidents: Sequence[PastIncident], now: datetime) -> ActionStats:
    pairs = [(incident, action) for incident in incidents for action in incident.actions]
    statuses = [action.status for _, action in pairs]
    done, wont = statuses.count(ActionStatus.DONE), statuses.count(ActionStatus.WONT_DO)
    opened = [_open_item(incident, action, now) for incident, action in pairs if action.is_open]
    closing = [d for _, a in pairs if (d := _days(a.created_at, a.closed_at)) is not None]
    return ActionStats(
        total=len(pairs),
        done=done,
        wont_do=wont,
        open=len(opened),
        overdue=sum(1 for item in opened if item.days_overdue > 0),
        completion_rate=round(done / (len(pairs) - wont), 3) if len(pairs) > wont else None,
        median_days_to_close=float(median(closing)) if closing else None,
        open_by_age=_buckets(opened),
        oldest_open=tuple(sorted(opened, key=_oldest_first)[:OLDEST_SHOWN]),
        by_month=_by_month(incidents),
    )


def _open_item(incident: PastIncident, action: PastAction, now: datetime) -> OpenItem:
    overdue = (now.date() - action.due).days if action.due else 0
    return OpenItem(incident.key, action, _days(action.created_at, now), max(0, overdue))


def _days(start: datetime | None, end: datetime | None) -> int | None:
    if start is None or end is None:
        return None
    return max(0, (end.date() - start.date()).days)


def _buckets(opened: list[OpenItem]) -> dict[str, int]:
    counts = {label: 0 for _, _, label in AGE_BUCKETS} | {"over 90 days": 0, "unknown": 0}
    for item in opened:
        counts[_bucket(item.age_days)] += 1
    return counts


def _bucket(age: int | None) -> str:
    if age is None:
        return "unknown"
    return next((label for low, high, label in AGE_BUCKETS if low <= age <= high), "over 90 days")


def _oldest_first(item: OpenItem) -> tuple[int, int]:
    return (-(item.age_days or -1), -item.days_overdue)


def _by_month(incidents: Sequence[PastIncident]) -> tuple[dict[str, Any], ...]:
    months: dict[str, list[PastAction]] = {}
    for incident in incidents:
        if incident.started_at is not None and incident.actions:
            months.setdefault(incident.started_at.strftime("%Y-%m"), []).extend(incident.actions)
    rows = []
    for month, actions in sorted(months.items()):
        done = sum(1 for a in actions if a.status is ActionStatus.DONE)
        rows.append({"month": month, "total": len(actions), "done": done})
    return tuple(rows)

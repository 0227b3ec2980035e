"""Which action items to show, in what order, and how old and late each one is.

Age counts whole days since the item was created; "days overdue" counts whole days
past its due date while it is still open. Both are measured on calendar days in UTC,
so an item due today is not overdue until tomorrow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from hotwash.actions.model import ActionItem
from hotwash.actions.values import owner_key

_UNRANKED = 9  # items without a priority sort after P4


@dataclass(frozen=True)
class ActionFilter:
    overdue: bool = False
    owner: str | None = None
    incident_id: str | None = None
    include_closed: bool = False

    def keeps(self, item: ActionItem, today: date) -> bool:
        if self.incident_id is not None and item.incident_id != self.incident_id:
            return False
        if self.owner is not None and owner_key(item.owner or "") != owner_key(self.owner):
            return False
        if self.overdue and days_overdue(item, today) <= 0:
            return False
        return self.include_closed or self.overdue or not item.is_closed


@dataclass(frozen=True)
class AgedAction:
    item: ActionItem
    age_days: int | None
    days_overdue: int


def age_days(item: ActionItem, now: datetime) -> int | None:
    if item.created_at is None:
        return None
    end = item.closed_at if item.is_closed and item.closed_at else now
    return max(0, (end.date() - item.created_at.date()).days)


def days_overdue(item: ActionItem, today: date) -> int:
    if item.is_closed or item.due is None:
        return 0
    return max(0, (today - item.due).days)


def select(items: Iterable[ActionItem], wanted: ActionFilter, now: datetime) -> list[AgedAction]:
    """The items ``wanted`` keeps, aged, ordered by priority then age (oldest first)."""
    today = now.date()
    kept = [
        AgedAction(item, age_days(item, now), days_overdue(item, today))
        for item in items
        if wanted.keeps(item, today)
    ]
    return sorted(kept, key=_rank)


def _rank(aged: AgedAction) -> tuple[int, int, int, str]:
    priority = aged.item.priority
    level = int(priority.value[1]) if priority is not None else _UNRANKED
    # Unknown ages sort last within a priority; ids break ties in creation order.
    age = aged.age_days if aged.age_days is not None else -1
    return (level, -aged.days_overdue, -age, f"{len(aged.item.id):04d}{aged.item.id}")

"""Action-item use cases: add, edit, close and list, each in one store transaction.

Items of a restricted incident are visible only to the people who may see the
incident; to anyone else such an item looks exactly like an unknown id.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any

from hotwash.actions.model import (
    ACTION_ID,
    ActionItem,
    ActionStatus,
    ActionType,
    Priority,
    format_action_id,
)
from hotwash.errors import HotwashError, IncidentNotFoundError, ValidationError
from hotwash.incidents.model import Incident, check_incident_id
from hotwash.incidents.repository import Repository, Store
from hotwash.times.zones import to_utc

Clock = Callable[[], datetime]
EDITABLE = frozenset(
    {"action", "type", "owner", "due", "priority", "done_when", "status", "ticket", "factor"}
)


class ActionNotFoundError(HotwashError):
    """No visible action item has the given id."""


@dataclass(frozen=True)
class NewAction:
    incident_id: str
    action: str
    type: ActionType = ActionType.PREVENT
    owner: str | None = None
    due: date | None = None
    priority: Priority | None = None
    done_when: str | None = None
    ticket: str | None = None
    factor: int | None = None


@dataclass
class ActionService:
    store: Store
    clock: Clock
    viewer: str | None = None

    def add(self, new: NewAction) -> ActionItem:
        _check_text(new.action)
        with self.store.transaction() as repo:
            incident = self._incident(repo, new.incident_id)
            _check_factor(repo, incident.id, new.factor)
            values = {f.name: getattr(new, f.name) for f in fields(new)}
            values |= {"incident_id": incident.id, "action": new.action.strip()}
            item = ActionItem(id=format_action_id(repo.next_action_number()), **values)
            item.created_at = self._now()
            repo.add_action_item(item)
        return item

    def edit(self, action_id: str, changes: Mapping[str, Any]) -> ActionItem:
        """Change the named fields (``None`` clears an optional one); status keeps closed_at."""
        unknown = sorted(set(changes) - EDITABLE)
        if unknown:
            raise ValidationError(f"cannot edit {', '.join(unknown)} of an action item")
        if "action" in changes:
            _check_text(changes["action"])
        with self.store.transaction() as repo:
            item = self._item(repo, action_id)
            if "factor" in changes:
                _check_factor(repo, item.incident_id, changes["factor"])
            status = changes.get("status", item.status)
            edited = replace(item, **{k: v for k, v in changes.items() if k != "status"})
            edited = with_status(edited, status, self._now())
            repo.save_action_item(edited)
        return edited

    def done(self, action_id: str) -> ActionItem:
        return self.edit(action_id, {"status": ActionStatus.DONE})

    def get(self, action_id: str) -> ActionItem:
        with self.store.transaction() as repo:
            return self._item(repo, action_id)

    def visible_items(self) -> tuple[list[ActionItem], dict[str, Incident]]:
        """Every item the viewer may see, and the incidents they belong to."""
        with self.store.transaction() as repo:
            incidents = {i.id: i for i in repo.list_incidents() if i.can_see(self.viewer)}
            items = [item for item in repo.action_items() if item.incident_id in incidents]
        return items, incidents

    # -- helpers -------------------------------------------------------------------------

    def _now(self) -> datetime:
        return to_utc(self.clock())

    def _incident(self, repo: Repository, incident_id: str) -> Incident:
        key = check_incident_id(incident_id)
        incident = repo.get_incident(key)
        if incident is None or not incident.can_see(self.viewer):
            raise IncidentNotFoundError(f"unknown incident {key}")
        return incident

    def _item(self, repo: Repository, action_id: str) -> ActionItem:
        key = check_action_id(action_id)
        found = next((item for item in repo.action_items() if item.id == key), None)
        incident = repo.get_incident(found.incident_id) if found else None
        if found is None or incident is None or not incident.can_see(self.viewer):
            raise ActionNotFoundError(f"unknown action item {key}")
        return found


def with_status(item: ActionItem, status: ActionStatus, now: datetime) -> ActionItem:
    """``item`` in ``status``: closing stamps ``closed_at`` once, reopening clears it."""
    changed = replace(item, status=status)
    if not changed.is_closed:
        changed.closed_at = None
    elif not item.is_closed or item.closed_at is None:
        changed.closed_at = to_utc(now)
    return changed


def check_action_id(value: str) -> str:
    text = value.strip().upper()
    if not ACTION_ID.match(text):
        raise ValidationError(f"invalid action item id {value!r}: expected the form AI-042")
    return text


def _check_text(text: object) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ValidationError("an action item needs the action to take")


def _check_factor(repo: Repository, incident_id: str, factor: object) -> None:
    if factor is None:
        return
    known = [f.seq for f in repo.factors(incident_id)]
    if factor not in known:
        listed = ", ".join(str(seq) for seq in known) or "none recorded"
        raise ValidationError(f"{incident_id} has no contributing factor {factor} ({listed})")

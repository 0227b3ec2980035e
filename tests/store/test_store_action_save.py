"""``save_action_item``: every field of a stored item can change; unknown ids are refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from store_helpers import make_incident

from hotwash.actions.model import ActionItem, ActionStatus, ActionType, Priority
from hotwash.errors import HotwashError, IncidentNotFoundError
from hotwash.incidents.model import Incident
from hotwash.incidents.repository import ActionItemNotFoundError
from hotwash.store import SqlStore


def _stored(store: SqlStore, incident: Incident) -> ActionItem:
    item = ActionItem(id="AI-007", incident_id=incident.id, action="Write the runbook")
    with store.transaction() as repo:
        repo.add_action_item(item)
        repo.add_action_item(ActionItem(id="AI-008", incident_id=incident.id, action="untouched"))
    return item


def _save_then_fail(store: SqlStore, item: ActionItem) -> None:
    with store.transaction() as repo:
        repo.save_action_item(item)
        raise RuntimeError("a later step of the same transaction failed")


def test_every_field_is_saved(store: SqlStore, incident: Incident) -> None:
    _stored(store, incident)
    other = make_incident(2)
    with store.transaction() as repo:
        repo.add_incident(other)
    changed = ActionItem(
        id="AI-007",
        incident_id=other.id,
        action="Add a canary stage to the payments deploy",
        type=ActionType.DETECT,
        owner="alice",
        due=date(2026, 4, 1),
        priority=Priority.P1,
        done_when="Deploys run a 10% canary for 15 minutes",
        status=ActionStatus.DONE,
        ticket="OPS-1234",
        factor=2,
        created_at=datetime(2026, 3, 15, 9, 30, 0, 1, tzinfo=UTC),
        closed_at=datetime(2026, 3, 20, 17, 0, tzinfo=UTC),
        source="postmortems/2026-03-14.md#2",
    )
    with store.transaction() as repo:
        repo.save_action_item(changed)

    with store.transaction() as repo:
        assert repo.action_items(other.id) == [changed]
        assert [i.action for i in repo.action_items(incident.id)] == ["untouched"]


def test_optional_fields_can_be_cleared(store: SqlStore, incident: Incident) -> None:
    item = _stored(store, incident)
    full = ActionItem(
        id=item.id,
        incident_id=incident.id,
        action=item.action,
        owner="alice",
        due=date(2026, 4, 1),
        priority=Priority.P2,
        done_when="done",
        ticket="OPS-1",
        factor=1,
        created_at=datetime(2026, 3, 15, 9, 30, tzinfo=UTC),
        closed_at=datetime(2026, 3, 16, 9, 30, tzinfo=UTC),
        source="postmortems/x.md#1",
    )
    with store.transaction() as repo:
        repo.save_action_item(full)
    with store.transaction() as repo:
        repo.save_action_item(item)

    with store.transaction() as repo:
        assert repo.action_items(incident.id)[0] == item


def test_an_unknown_id_is_a_clear_error(store: SqlStore, incident: Incident) -> None:
    _stored(store, incident)
    ghost = ActionItem(id="AI-999", incident_id=incident.id, action="never added")

    with pytest.raises(ActionItemNotFoundError) as raised, store.transaction() as repo:
        repo.save_action_item(ghost)

    assert str(raised.value) == "unknown action item AI-999"
    assert isinstance(raised.value, HotwashError)
    with store.transaction() as repo:
        assert [i.id for i in repo.action_items()] == ["AI-007", "AI-008"]


def test_moving_to_an_unknown_incident_is_refused(store: SqlStore, incident: Incident) -> None:
    item = _stored(store, incident)
    moved = ActionItem(id=item.id, incident_id="INC-2026-0999", action=item.action)

    with pytest.raises(IncidentNotFoundError), store.transaction() as repo:
        repo.save_action_item(moved)

    with store.transaction() as repo:
        assert repo.action_items(incident.id)[0] == item


def test_a_failed_transaction_saves_nothing(store: SqlStore, incident: Incident) -> None:
    item = _stored(store, incident)
    done = ActionItem(
        id=item.id, incident_id=incident.id, action=item.action, status=ActionStatus.DONE
    )

    with pytest.raises(RuntimeError):
        _save_then_fail(store, done)

    with store.transaction() as repo:
        assert repo.action_items(incident.id)[0].status is ActionStatus.OPEN

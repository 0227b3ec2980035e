from __future__ import annotations

from datetime import date

import pytest
from store_helpers import make_incident

from hotwash.actions.model import ActionItem, ActionStatus, ActionType, Priority, format_action_id
from hotwash.errors import ConflictError, IncidentNotFoundError
from hotwash.incidents.model import Incident, format_incident_id
from hotwash.store import SqlStore, open_store


def _item(number: int, incident_id: str) -> ActionItem:
    return ActionItem(id=format_action_id(number), incident_id=incident_id, action=f"fix {number}")


def _reserve_action(store: SqlStore) -> int:
    with store.transaction() as repo:
        return repo.next_action_number()


def test_action_item_round_trip(store: SqlStore, incident: Incident) -> None:
    item = ActionItem(
        id="AI-001",
        incident_id=incident.id,
        action="Add a canary stage to the payments deploy",
        type=ActionType.DETECT,
        owner="alice",
        due=date(2026, 4, 1),
        priority=Priority.P1,
        done_when="Deploys to payments run a 10% canary for 15 minutes",
        status=ActionStatus.IN_PROGRESS,
        ticket="OPS-1234",
    )
    bare = ActionItem(id="AI-002", incident_id=incident.id, action="Write the runbook")
    with store.transaction() as repo:
        repo.add_action_item(item)
        repo.add_action_item(bare)

    with store.transaction() as repo:
        assert repo.action_items(incident.id) == [item, bare]


def test_action_numbers_count_up_and_survive_reopening(store_url: str) -> None:
    with open_store(store_url) as store:
        assert [_reserve_action(store) for _ in range(3)] == [1, 2, 3]
    with open_store(store_url) as store:
        assert _reserve_action(store) == 4


def test_action_numbers_skip_ids_already_in_use(store: SqlStore, incident: Incident) -> None:
    # Imported items bring their own numbers, which the counter never handed out.
    with store.transaction() as repo:
        repo.add_action_item(_item(1, incident.id))
        repo.add_action_item(_item(41, incident.id))

    assert [_reserve_action(store) for _ in range(2)] == [42, 43]


def test_action_items_filter_by_incident_and_sort_by_number(
    store: SqlStore, incident: Incident
) -> None:
    other = make_incident(2)
    with store.transaction() as repo:
        repo.add_incident(other)
        for number, owner in ((1000, incident.id), (999, other.id), (2, incident.id)):
            repo.add_action_item(_item(number, owner))

    with store.transaction() as repo:
        everything = [item.id for item in repo.action_items()]
        mine = [item.id for item in repo.action_items(incident.id)]

    assert everything == ["AI-002", "AI-999", "AI-1000"]
    assert mine == ["AI-002", "AI-1000"]


def test_duplicate_action_id_is_a_conflict(store: SqlStore, incident: Incident) -> None:
    with store.transaction() as repo:
        repo.add_action_item(_item(1, incident.id))
    with pytest.raises(ConflictError), store.transaction() as repo:
        repo.add_action_item(_item(1, incident.id))


def test_action_item_for_an_unknown_incident_fails(store: SqlStore) -> None:
    with pytest.raises(IncidentNotFoundError), store.transaction() as repo:
        repo.add_action_item(_item(1, "INC-2026-0404"))


def test_incident_numbers_count_up_per_year(store_url: str) -> None:
    with open_store(store_url) as store, store.transaction() as repo:
        numbers = [repo.next_incident_number(2026) for _ in range(3)]
        other_year = repo.next_incident_number(2027)
    with open_store(store_url) as store, store.transaction() as repo:
        after_reopen = repo.next_incident_number(2026)

    assert numbers == [1, 2, 3]
    assert other_year == 1
    assert after_reopen == 4


def test_incident_numbers_skip_ids_already_in_use(store: SqlStore) -> None:
    with store.transaction() as repo:
        repo.add_incident(make_incident(42))
        repo.add_incident(make_incident(7, id=format_incident_id(2025, 99)))

    with store.transaction() as repo:
        assert repo.next_incident_number(2026) == 43
        assert repo.next_incident_number(2026) == 44
        assert repo.next_incident_number(2025) == 100

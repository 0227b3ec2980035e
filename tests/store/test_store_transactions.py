from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine
from store_helpers import T0, make_delivery, make_incident, note

from hotwash.actions.model import ActionItem
from hotwash.errors import ConflictError
from hotwash.incidents.factors import ContributingFactor
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import Incident
from hotwash.store import SqlStore, open_store
from hotwash.store.tables import UTCDateTime

NAIVE = datetime(2026, 3, 14, 9, 30)


def _is_empty(store: SqlStore) -> bool:
    with store.transaction() as repo:
        return not (
            repo.list_incidents()
            or repo.events("INC-2026-0001")
            or repo.factors("INC-2026-0001")
            or repo.action_items()
            or repo.deliveries()
        )


def test_commit_makes_changes_visible_to_other_connections(store_url: str) -> None:
    with open_store(store_url) as writer, open_store(store_url) as reader:
        with writer.transaction() as repo:
            repo.add_incident(make_incident())
        with reader.transaction() as repo:
            assert [i.id for i in repo.list_incidents()] == ["INC-2026-0001"]


class Boom(Exception):
    pass


def _write_everything_then_fail(store: SqlStore) -> None:
    with store.transaction() as repo:
        number = repo.next_incident_number(2026)
        incident = make_incident(number)
        repo.add_incident(incident)
        repo.append_event(incident.id, note(T0))
        repo.add_factor(incident.id, ContributingFactor("a cause"))
        repo.add_action_item(ActionItem(id="AI-001", incident_id=incident.id, action="fix"))
        repo.add_delivery(make_delivery(incident.id))
        repo.next_action_number()
        raise Boom


def _add_twice(store: SqlStore) -> None:
    with store.transaction() as repo:
        repo.add_incident(make_incident())
        repo.add_incident(make_incident())


def test_an_exception_rolls_back_everything(store: SqlStore) -> None:
    with pytest.raises(Boom):
        _write_everything_then_fail(store)

    assert _is_empty(store)
    with store.transaction() as repo:
        assert repo.next_incident_number(2026) == 1, "the reserved number was released"
        assert repo.next_action_number() == 1


def test_a_failed_statement_rolls_back_earlier_writes(store: SqlStore) -> None:
    with pytest.raises(ConflictError):
        _add_twice(store)

    assert _is_empty(store)


def test_returned_objects_are_detached_copies(store: SqlStore, incident: Incident) -> None:
    with store.transaction() as repo:
        loaded = repo.get_incident(incident.id)
        assert loaded is not None
        loaded.services.append("not saved")
        loaded.milestones[Milestone.RESOLVED] = T0

    with store.transaction() as repo:
        assert repo.get_incident(incident.id) == incident


def test_a_second_writer_waits_for_the_first(store: SqlStore) -> None:
    """Two writers on one counter: the second blocks until the first commits."""
    first_has_lock = threading.Event()
    result: dict[str, Any] = {}

    def second_writer() -> None:
        first_has_lock.wait()
        with store.transaction() as repo:
            result["number"] = repo.next_incident_number(2026)
            result["done"] = time.monotonic()

    thread = threading.Thread(target=second_writer)
    thread.start()
    with store.transaction() as repo:
        assert repo.next_incident_number(2026) == 1
        first_has_lock.set()
        time.sleep(0.5)
        committing = time.monotonic()
    thread.join(timeout=30)

    assert result["number"] == 2
    assert result["done"] >= committing


# Naive datetimes ---------------------------------------------------------------------------

NAIVE_WRITES = {
    "incident created_at": lambda repo: repo.add_incident(make_incident(created_at=NAIVE)),
    "milestone": lambda repo: repo.add_incident(
        make_incident(milestones={Milestone.DETECTED: NAIVE})
    ),
    "event at": lambda repo: repo.append_event("INC-2026-0001", note(NAIVE)),
    "delivery created_at": lambda repo: repo.add_delivery(
        make_delivery("INC-2026-0001", created_at=NAIVE)
    ),
    "delivery delivered_at": lambda repo: repo.add_delivery(
        make_delivery("INC-2026-0001", delivered_at=NAIVE)
    ),
}


@pytest.mark.parametrize("write", NAIVE_WRITES.values(), ids=NAIVE_WRITES.keys())
def test_naive_datetimes_are_refused(store: SqlStore, incident: Incident, write: Any) -> None:
    with pytest.raises(ValueError, match="naive"), store.transaction() as repo:
        write(repo)

    with store.transaction() as repo:
        assert repo.list_incidents() == [incident]
        assert repo.events(incident.id) == []
        assert repo.deliveries() == []


@pytest.mark.parametrize(
    "url", ["sqlite://", "postgresql+psycopg://"], ids=["sqlite", "postgresql"]
)
def test_utc_column_type_refuses_naive_and_normalises(url: str) -> None:
    dialect = create_engine(url).dialect  # never connects
    column = UTCDateTime()
    with pytest.raises(ValueError, match="naive"):
        column.process_bind_param(NAIVE, dialect)

    bound = column.process_bind_param(T0.astimezone(), dialect)

    assert bound is not None
    assert bound.replace(tzinfo=UTC) == T0
    assert (bound.tzinfo is None) == (dialect.name == "sqlite")
    assert column.process_result_value(NAIVE, dialect) == NAIVE.replace(tzinfo=UTC)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    at=st.datetimes(
        min_value=datetime(1970, 1, 2),
        max_value=datetime(2200, 1, 1),
        timezones=st.timezones(),
    )
)
def test_any_aware_time_round_trips_as_the_same_instant_in_utc(
    store: SqlStore, incident: Incident, at: datetime
) -> None:
    with store.transaction() as repo:
        stored = repo.append_event(incident.id, note(at))
    with store.transaction() as repo:
        loaded = next(e for e in repo.events(incident.id) if e.seq == stored.seq)

    # Compared in UTC: Python never finds a time inside a DST fold equal across zones.
    assert loaded.at == at.astimezone(UTC)
    assert loaded.at.tzinfo is UTC


def test_a_locked_read_sees_what_others_committed_since_an_earlier_read(pg_url: str) -> None:
    # PostgreSQL only: on SQLite the other writer cannot commit while this transaction is open.
    with open_store(pg_url) as store:
        with store.transaction() as repo:
            repo.add_incident(make_incident(title="before"))
        with store.transaction() as repo:
            earlier = repo.get_incident("INC-2026-0001")
            assert earlier is not None
            with store.transaction() as other:  # a second connection, committed at once
                other.save_incident(replace(earlier, title="after"))
            locked = repo.get_incident("INC-2026-0001", for_update=True)

    assert locked is not None
    assert locked.title == "after"

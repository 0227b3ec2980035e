from __future__ import annotations

from datetime import UTC, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from store_helpers import T0, make_incident, minutes

from hotwash.errors import ConflictError, IncidentNotFoundError
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import Incident, Roles, Visibility
from hotwash.incidents.severity import Severity
from hotwash.incidents.status import Status
from hotwash.store import SqlStore, open_store

BERLIN = ZoneInfo("Europe/Berlin")


def _full_incident() -> Incident:
    """Every field set, with times given in zones other than UTC."""
    return make_incident(
        7,
        title="Payments API returns 502 — “ünïcödé” title",
        severity=Severity.SEV1,
        status=Status.MITIGATING,
        created_at=T0.astimezone(BERLIN),
        services=["payments-api", "checkout"],
        roles=Roles(
            commander="alice",
            communications="bob",
            scribe="carol",
            responders=["dave", "erin"],
        ),
        visibility=Visibility.RESTRICTED,
        members=["frank", "grace"],
        impact="EU customers cannot pay",
        milestones={
            Milestone.IMPACT_START: (T0 - minutes(30)).astimezone(timezone(timedelta(hours=-7))),
            Milestone.DETECTED: T0 - minutes(12),
            Milestone.DECLARED: T0,
        },
    )


def _load(store: SqlStore, incident_id: str) -> Incident | None:
    with store.transaction() as repo:
        return repo.get_incident(incident_id)


def test_incident_round_trip_keeps_every_field(store: SqlStore) -> None:
    original = _full_incident()
    with store.transaction() as repo:
        repo.add_incident(original)

    loaded = _load(store, original.id)

    assert loaded == original  # aware datetimes compare as instants
    assert loaded is not None
    assert loaded.roles.responders == ["dave", "erin"]
    assert loaded.is_restricted
    assert loaded.can_see("grace")
    assert not loaded.can_see("mallory")


def test_times_come_back_as_aware_utc(store: SqlStore) -> None:
    original = _full_incident()
    with store.transaction() as repo:
        repo.add_incident(original)

    loaded = _load(store, original.id)

    assert loaded is not None
    assert loaded.created_at.tzinfo is UTC
    assert loaded.created_at == T0
    assert all(at.tzinfo is UTC for at in loaded.milestones.values())
    assert loaded.milestones[Milestone.IMPACT_START] == T0 - minutes(30)


def test_milestones_keep_their_order(store: SqlStore) -> None:
    # An export → import → export round trip compares documents, so order matters.
    original = make_incident(milestones={Milestone.RESOLVED: T0, Milestone.DETECTED: T0})
    with store.transaction() as repo:
        repo.add_incident(original)

    loaded = _load(store, original.id)

    assert loaded is not None
    assert list(loaded.milestones) == [Milestone.RESOLVED, Milestone.DETECTED]


def test_data_survives_closing_and_reopening(store_url: str) -> None:
    with open_store(store_url) as first, first.transaction() as repo:
        repo.add_incident(_full_incident())

    with open_store(store_url) as second:
        assert _load(second, "INC-2026-0007") == _full_incident()


def test_save_incident_replaces_the_stored_fields(store: SqlStore) -> None:
    with store.transaction() as repo:
        repo.add_incident(make_incident())
    with store.transaction() as repo:
        incident = repo.get_incident("INC-2026-0001", for_update=True)
        assert incident is not None
        incident.status = Status.RESOLVED
        incident.roles.responders.append("zoe")
        incident.milestones[Milestone.RESOLVED] = T0 + minutes(90)
        incident.impact = None
        repo.save_incident(incident)

    loaded = _load(store, "INC-2026-0001")

    assert loaded is not None
    assert loaded.status is Status.RESOLVED
    assert loaded.roles.responders == ["zoe"]
    assert loaded.milestones == {Milestone.RESOLVED: T0 + minutes(90)}
    assert loaded.impact is None


def test_missing_incident_is_none(store: SqlStore) -> None:
    with store.transaction() as repo:
        assert repo.get_incident("INC-2026-0404") is None
        assert repo.get_incident("INC-2026-0404", for_update=True) is None


def test_saving_an_unknown_incident_is_an_error(store: SqlStore) -> None:
    with pytest.raises(IncidentNotFoundError, match="INC-2026-0404"), store.transaction() as repo:
        repo.save_incident(make_incident(404))


def test_adding_an_existing_id_is_a_conflict(store: SqlStore, incident: Incident) -> None:
    with pytest.raises(ConflictError) as raised, store.transaction() as repo:
        repo.add_incident(make_incident(title="a second incident with the same id"))

    assert "\n" not in str(raised.value)
    assert _load(store, incident.id) == incident


def test_list_incidents_orders_by_creation(store: SqlStore) -> None:
    with store.transaction() as repo:
        repo.add_incident(make_incident(3, created_at=T0 + minutes(5)))
        repo.add_incident(make_incident(1, created_at=T0 + minutes(10)))
        repo.add_incident(make_incident(2, created_at=T0))

    with store.transaction() as repo:
        ids = [incident.id for incident in repo.list_incidents()]

    assert ids == ["INC-2026-0002", "INC-2026-0003", "INC-2026-0001"]


def test_list_incidents_of_an_empty_store(store: SqlStore) -> None:
    with store.transaction() as repo:
        assert repo.list_incidents() == []

from __future__ import annotations

import pytest
from store_helpers import T0, make_delivery, make_incident, minutes

from hotwash.comms.delivery import Delivery, DeliveryStatus
from hotwash.errors import IncidentNotFoundError, StoreError
from hotwash.incidents.model import Incident
from hotwash.store import SqlStore


def _all(
    store: SqlStore, *, incident_id: str | None = None, unsent_only: bool = False
) -> list[Delivery]:
    with store.transaction() as repo:
        return repo.deliveries(incident_id=incident_id, unsent_only=unsent_only)


def test_add_assigns_ids_and_keeps_every_field(store: SqlStore, incident: Incident) -> None:
    failed = make_delivery(
        incident.id,
        event_seq=3,
        status=DeliveryStatus.FAILED,
        attempts=2,
        last_error="HTTP 503 from hooks.example.com",
    )
    with store.transaction() as repo:
        first = repo.add_delivery(make_delivery(incident.id))
        second = repo.add_delivery(failed)

    assert first.id is not None
    assert second.id is not None
    assert second.id > first.id
    assert failed.id is None, "the caller's object is left alone"
    assert _all(store) == [first, second]
    assert _all(store)[1].last_error == "HTTP 503 from hooks.example.com"


def test_save_records_an_attempt(store: SqlStore, incident: Incident) -> None:
    with store.transaction() as repo:
        delivery = repo.add_delivery(make_delivery(incident.id))
    delivery.status = DeliveryStatus.SENT
    delivery.attempts = 1
    delivery.delivered_at = T0 + minutes(1)

    with store.transaction() as repo:
        repo.save_delivery(delivery)

    (loaded,) = _all(store)
    assert loaded == delivery
    assert loaded.delivered_at is not None
    assert loaded.delivered_at.utcoffset() is not None


def test_unsent_means_pending_or_failed(store: SqlStore, incident: Incident) -> None:
    other = make_incident(2)
    with store.transaction() as repo:
        repo.add_incident(other)
        for status in DeliveryStatus:
            repo.add_delivery(make_delivery(incident.id, status=status, body=status.value))
        repo.add_delivery(make_delivery(other.id, body="other incident"))

    unsent = _all(store, unsent_only=True)
    mine = _all(store, incident_id=incident.id)
    mine_unsent = _all(store, incident_id=incident.id, unsent_only=True)

    assert [d.body for d in unsent] == ["pending", "failed", "other incident"]
    assert [d.body for d in mine] == ["pending", "sent", "failed"]
    assert [d.body for d in mine_unsent] == ["pending", "failed"]


def test_saving_an_unstored_delivery_fails(store: SqlStore, incident: Incident) -> None:
    with pytest.raises(StoreError, match="add it before"), store.transaction() as repo:
        repo.save_delivery(make_delivery(incident.id))
    with pytest.raises(StoreError, match="12345"), store.transaction() as repo:
        repo.save_delivery(make_delivery(incident.id, id=12345))


def test_delivery_for_an_unknown_incident_fails(store: SqlStore) -> None:
    with pytest.raises(IncidentNotFoundError), store.transaction() as repo:
        repo.add_delivery(make_delivery("INC-2026-0404"))

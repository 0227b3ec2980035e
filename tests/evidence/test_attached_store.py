"""Attached evidence in the store and the service, on SQLite and on PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from hotwash.config.policy import SeverityPolicy
from hotwash.errors import ConflictError, IncidentNotFoundError
from hotwash.evidence.attached import AttachedEvidence, Digest, Inspection, Shape
from hotwash.incidents.service import Declaration, IncidentService
from hotwash.incidents.severity import Severity
from hotwash.store import SCHEMA_HEAD, SqlStore, open_store
from hotwash.store.schema import alembic_config, current_revision
from hotwash.store.urls import parse_store_url

# Microseconds included: a store that drops them fails the round trip.
AT = datetime(2026, 3, 14, 15, 0, 1, 250_001, tzinfo=UTC)


def _inspection(name: str, sha_digit: str = "a", *, size: int = 10) -> Inspection:
    return Inspection(
        path=Path("/srv/evidence") / name,
        shape=Shape.FILE,
        digest=Digest(sha256=sha_digit * 64, size=size, files=1),
        source="logs",
    )


def _service(store: SqlStore, viewer: str = "dana") -> IncidentService:
    return IncidentService(store, SeverityPolicy(), lambda: AT, viewer=viewer)


def _declare(store: SqlStore, *, restricted: bool = False) -> str:
    declaration = Declaration(title="Checkout 502s", severity=Severity.SEV2, restricted=restricted)
    return _service(store).declare(declaration).id


def _evidence(incident_id: str, sha_digit: str = "a", **changes: object) -> AttachedEvidence:
    record = AttachedEvidence(
        incident_id=incident_id,
        path=f"/srv/evidence/{sha_digit}.log",
        shape=Shape.FILE,
        sha256=sha_digit * 64,
        size=10,
        files=1,
        attached_at=AT,
    )
    return replace(record, **changes)  # type: ignore[arg-type]


def test_every_field_round_trips(store: SqlStore) -> None:
    incident_id = _declare(store)
    folder = _evidence(
        incident_id,
        "b",
        shape=Shape.FOLDER,
        size=5 * 2**31,  # past a 32-bit column
        files=12,
        attached_by="dana",
        source="logs, slack",
        unrecognised=("notes.bin", "sub/blob.dat"),
        source_zone="Europe/Berlin",
        copy_path="evidence/INC-2026-0001/export",
    )
    with store.transaction() as repo:
        first = repo.add_evidence(_evidence(incident_id))
        second = repo.add_evidence(folder)

    with store.transaction() as repo:
        stored = repo.evidence(incident_id)

    assert (first.seq, second.seq) == (1, 2)
    assert stored == [replace(_evidence(incident_id), seq=1), replace(folder, seq=2)]
    assert all(item.attached_at.tzinfo is not None for item in stored)


def test_the_same_content_twice_on_one_incident_conflicts(store: SqlStore) -> None:
    incident_id = _declare(store)
    other = _declare(store)
    with store.transaction() as repo:
        repo.add_evidence(_evidence(incident_id))
        repo.add_evidence(_evidence(other))  # another incident may hold the same file

    with pytest.raises(ConflictError), store.transaction() as repo:
        repo.add_evidence(_evidence(incident_id, path="/elsewhere/copy-of-a.log"))


def test_evidence_needs_a_known_incident(store: SqlStore) -> None:
    with pytest.raises(IncidentNotFoundError), store.transaction() as repo:
        repo.add_evidence(_evidence("INC-2026-0042"))


def test_a_naive_attach_time_is_refused(store: SqlStore) -> None:
    incident_id = _declare(store)
    with pytest.raises(ValueError, match="naive"), store.transaction() as repo:
        repo.add_evidence(_evidence(incident_id, attached_at=AT.replace(tzinfo=None)))


def test_service_attaches_once_and_records_who_and_when(store: SqlStore) -> None:
    incident_id = _declare(store)
    service = _service(store)
    log, same_log_elsewhere = _inspection("a.log"), _inspection("copy/a.log")

    first = service.attach_evidence(
        incident_id, [(log, None), (same_log_elsewhere, None)], source_zone="UTC"
    )
    again = service.attach_evidence(incident_id, [(_inspection("b.log", "b"), "evidence/b.log")])
    repeat = service.attach_evidence(incident_id, [(log, None)])

    assert [added for _item, added in first] == [True, False]
    assert first[1][0] == first[0][0]
    stored = first[0][0]
    assert (stored.seq, stored.attached_by, stored.attached_at) == (1, "dana", AT)
    assert (stored.path, stored.source_zone, stored.source) == (
        "/srv/evidence/a.log",
        "UTC",
        "logs",
    )
    assert again[0][0].copy_path == "evidence/b.log"
    assert repeat == [(stored, False)]
    assert [item.seq for item in service.attached_evidence(incident_id)[1]] == [1, 2]


def test_restricted_evidence_is_invisible_to_outsiders(store: SqlStore) -> None:
    incident_id = _declare(store, restricted=True)
    member, outsider = _service(store, "dana"), _service(store, "eve")
    member.attach_evidence(incident_id, [(_inspection("a.log"), None)])

    assert len(member.attached_evidence(incident_id)[1]) == 1
    with pytest.raises(IncidentNotFoundError):
        outsider.attached_evidence(incident_id)
    with pytest.raises(IncidentNotFoundError):
        outsider.record_and_evidence(incident_id)
    with pytest.raises(IncidentNotFoundError):
        outsider.attach_evidence(incident_id, [(_inspection("b.log", "b"), None)])
    assert len(member.attached_evidence(incident_id)[1]) == 1


def test_migration_0002_applies_on_top_of_0001_and_keeps_the_data(store_url: str) -> None:
    engine = create_engine(parse_store_url(store_url).url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0001")
            connection.execute(
                text(
                    "INSERT INTO incidents (id, title, severity, status, created_at, services,"
                    " roles, visibility, members, impact, milestones) VALUES ('INC-2026-0001',"
                    " 'Old', 'SEV2', 'Investigating', :at, '[]', '{}', 'open', '[]', NULL, '{}')"
                ),
                {"at": AT},
            )
            assert not inspect(connection).has_table("attached_evidence")
    finally:
        engine.dispose()

    with open_store(store_url) as store:  # migrates to head, through 0002
        with store.engine.connect() as connection:
            assert current_revision(connection) == SCHEMA_HEAD
        with store.transaction() as repo:
            assert [i.title for i in repo.list_incidents()] == ["Old"]
            assert repo.add_evidence(_evidence("INC-2026-0001")).seq == 1
        with store.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0001")
            assert not inspect(connection).has_table("attached_evidence")
            assert current_revision(connection) == "0001"

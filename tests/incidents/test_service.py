"""Lifecycle use cases, run against the real store (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hotwash.actions.model import ActionItem, ActionType, Priority
from hotwash.comms.delivery import Delivery
from hotwash.config.policy import SeverityPolicy
from hotwash.errors import (
    ConflictError,
    IncidentNotFoundError,
    InvalidTransitionError,
    ValidationError,
)
from hotwash.incidents.due import DueKind
from hotwash.incidents.events import EventKind
from hotwash.incidents.factors import ContributingFactor, FactorCategory
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import Role
from hotwash.incidents.repository import Store
from hotwash.incidents.service import Declaration, IncidentService
from hotwash.incidents.severity import Severity
from hotwash.incidents.status import Status

T0 = datetime(2026, 3, 14, 14, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(store: Store, clock: Clock) -> IncidentService:
    return IncidentService(store, SeverityPolicy(), clock, viewer="dana")


def declare(service: IncidentService, **kwargs: object) -> str:
    fields: dict[str, object] = {"title": "Checkout 502s", "severity": Severity.SEV2} | kwargs
    return service.declare(Declaration(**fields)).id  # type: ignore[arg-type]


def test_declare_numbers_incidents_per_year_and_records_the_declaration(
    service: IncidentService, clock: Clock
) -> None:
    first = declare(service, services=("checkout", "payments", "checkout"), commander="Dana")
    second = declare(service)
    assert (first, second) == ("INC-2026-0001", "INC-2026-0002")
    incident, events = service.timeline(first)
    assert incident.status is Status.INVESTIGATING
    assert incident.services == ["checkout", "payments"]
    assert incident.roles.commander == "Dana"
    assert incident.milestones == {Milestone.DECLARED: T0}
    assert [e.kind for e in events] == [EventKind.STATUS_CHANGE, EventKind.MILESTONE]
    assert all(e.at.tzinfo is not None and e.at.utcoffset() == timedelta(0) for e in events)


def test_known_impact_start_and_detection_become_milestones(service: IncidentService) -> None:
    started, detected = T0 - timedelta(minutes=9), T0 - timedelta(minutes=4)
    incident_id = declare(service, impact_started_at=started, detected_at=detected)
    incident, events = service.timeline(incident_id)
    assert incident.milestones[Milestone.IMPACT_START] == started
    assert incident.milestones[Milestone.DETECTED] == detected
    assert [e.milestone for e in events if e.kind is EventKind.MILESTONE] == [
        Milestone.IMPACT_START,
        Milestone.DETECTED,
        Milestone.DECLARED,
    ]


def test_full_lifecycle_sets_mitigated_and_resolved(service: IncidentService, clock: Clock) -> None:
    incident_id = declare(service)
    for minutes, status in [
        (5, Status.IDENTIFIED),
        (10, Status.MITIGATING),
        (20, Status.MONITORING),
    ]:
        clock.now = T0 + timedelta(minutes=minutes)
        service.change_status(incident_id, status, note="progress")
    clock.now = T0 + timedelta(minutes=50)
    resolved = service.resolve(incident_id)
    assert resolved.status is Status.RESOLVED
    assert resolved.milestones[Milestone.MITIGATED] == T0 + timedelta(minutes=20)
    assert resolved.milestones[Milestone.RESOLVED] == T0 + timedelta(minutes=50)
    service.change_status(incident_id, Status.POSTMORTEM)
    closed = service.change_status(incident_id, Status.CLOSED)
    assert closed.status is Status.CLOSED
    _, events = service.timeline(incident_id)
    texts = [e.text for e in events if e.kind is EventKind.STATUS_CHANGE]
    assert "Status: Investigating → Identified: progress" in texts
    assert texts[-1] == "Status: Postmortem → Closed"


def test_resolving_without_monitoring_implies_mitigation(
    service: IncidentService, clock: Clock
) -> None:
    incident_id = declare(service)
    clock.now = T0 + timedelta(minutes=7)
    incident = service.resolve(incident_id)
    assert incident.milestones[Milestone.MITIGATED] == T0 + timedelta(minutes=7)
    _, events = service.timeline(incident_id)
    assert any("implied by resolution" in e.text for e in events)


def test_invalid_transition_changes_nothing(service: IncidentService) -> None:
    incident_id = declare(service)
    before = service.export(incident_id)
    with pytest.raises(InvalidTransitionError):
        service.change_status(incident_id, Status.CLOSED)
    assert service.export(incident_id) == before


def test_reopen_clears_resolution_and_keeps_the_old_times_in_the_timeline(
    service: IncidentService, clock: Clock
) -> None:
    incident_id = declare(service)
    clock.now = T0 + timedelta(minutes=30)
    service.resolve(incident_id)
    with pytest.raises(ValidationError, match="still open"):
        service.reopen(declare(service))
    reopened = service.reopen(incident_id, note="errors are back")
    assert reopened.status is Status.INVESTIGATING
    assert Milestone.RESOLVED not in reopened.milestones
    _, events = service.timeline(incident_id)
    assert "resolved was 2026-03-14 14:30 UTC" in events[-1].text
    assert events[-1].text.endswith(": errors are back")


def test_updates_and_notes_keep_their_time_and_actor(service: IncidentService) -> None:
    incident_id = declare(service)
    earlier = T0 - timedelta(minutes=3)
    _, note = service.add_note(incident_id, "deploy 4411 finished", at=earlier, actor="Lee")
    _, update = service.post_update(incident_id, "rolling back")
    assert (note.at, note.actor, note.kind) == (earlier, "Lee", EventKind.NOTE)
    assert (update.actor, update.kind) == ("dana", EventKind.UPDATE)
    _, events = service.timeline(incident_id)
    assert events[0] == note  # ordered by time, not by insertion
    with pytest.raises(ValidationError):
        service.add_note(incident_id, "   ")


def test_roles_and_severity(service: IncidentService) -> None:
    incident_id = declare(service)
    service.assign_role(incident_id, Role.COMMANDER, "Dana")
    service.assign_role(incident_id, Role.RESPONDER, "Lee")
    service.assign_role(incident_id, Role.RESPONDER, "Ana")
    incident = service.assign_role(incident_id, Role.RESPONDER, "Lee")
    assert incident.roles.commander == "Dana"
    assert incident.roles.responders == ["Lee", "Ana"]
    assert service.set_severity(incident_id, Severity.SEV1).severity is Severity.SEV1
    with pytest.raises(ValidationError, match="already SEV1"):
        service.set_severity(incident_id, Severity.SEV1)


def test_milestone_override_is_recorded_as_such(service: IncidentService) -> None:
    incident_id = declare(service, detected_at=T0 - timedelta(minutes=2))
    service.set_milestone(incident_id, Milestone.DETECTED, T0 - timedelta(minutes=6))
    incident, events = service.timeline(incident_id)
    assert incident.milestones[Milestone.DETECTED] == T0 - timedelta(minutes=6)
    assert any("overridden by dana; was 2026-03-14 13:58:00 UTC" in e.text for e in events)


def test_restricted_incidents_are_visible_only_to_members(store: Store, clock: Clock) -> None:
    dana = IncidentService(store, SeverityPolicy(), clock, viewer="dana")
    eve = IncidentService(store, SeverityPolicy(), clock, viewer="eve")
    secret = declare(dana, title="Leaked credentials", restricted=True)
    public = declare(dana)
    assert [i.id for i in eve.list_incidents()] == [public]
    with pytest.raises(IncidentNotFoundError, match=f"unknown incident {secret}"):
        eve.get(secret)
    with pytest.raises(IncidentNotFoundError):
        eve.add_note(secret, "peeking")
    dana.assign_role(secret, Role.RESPONDER, "eve")
    assert eve.get(secret).title == "Leaked credentials"


def test_unknown_and_malformed_ids(service: IncidentService) -> None:
    with pytest.raises(IncidentNotFoundError, match="INC-2026-0042"):
        service.get("inc-2026-0042")
    with pytest.raises(ValidationError, match="INC-2026-0042"):
        service.get("42")


def test_due_follows_the_update_cadence(service: IncidentService, clock: Clock) -> None:
    sev1 = declare(service, severity=Severity.SEV1)
    sev3 = declare(service, severity=Severity.SEV3)
    clock.now = T0 + timedelta(minutes=20)
    due = {item.incident.id: item for item in service.due()}
    assert due[sev1].kind is DueKind.UPDATE
    assert due[sev1].overdue_by == timedelta(minutes=5)
    assert not due[sev3].is_overdue
    assert due[sev3].due_at == T0 + timedelta(hours=2)
    service.post_update(sev1, "still investigating")
    assert {i.incident.id: i for i in service.due()}[sev1].due_at == clock.now + timedelta(
        minutes=15
    )


def test_due_lists_postmortems_for_resolved_sev1_and_sev2(
    service: IncidentService, clock: Clock
) -> None:
    sev2 = declare(service)
    sev4 = declare(service, severity=Severity.SEV4)
    clock.now = T0 + timedelta(hours=1)
    service.resolve(sev2)
    service.resolve(sev4)
    items = service.due()
    assert [(i.incident.id, i.kind) for i in items] == [(sev2, DueKind.POSTMORTEM)]
    assert items[0].due_at == T0 + timedelta(hours=49)
    service.change_status(sev2, Status.POSTMORTEM)
    assert service.due() == []


def test_export_import_round_trip_loses_nothing(
    store: Store, service: IncidentService, clock: Clock, tmp_path: object
) -> None:
    from hotwash.store import open_store, sqlite_url

    incident_id = declare(
        service,
        services=("checkout",),
        commander="Dana",
        impact="40% fail",
        impact_started_at=T0 - timedelta(minutes=5),
    )
    service.add_note(incident_id, "note", actor="Lee")
    service.resolve(incident_id)
    with store.transaction() as repo:
        repo.add_factor(incident_id, ContributingFactor("pool too small", FactorCategory.SYSTEMIC))
        number = repo.next_action_number()
        repo.add_action_item(
            ActionItem(
                id=f"AI-{number:03d}",
                incident_id=incident_id,
                action="Alert on pool saturation",
                type=ActionType.DETECT,
                owner="Lee",
                priority=Priority.P1,
            )
        )
        repo.add_delivery(
            Delivery(
                incident_id=incident_id,
                target="slack",
                message_kind="update",
                body="INCIDENT UPDATE",
                created_at=T0,
            )
        )
    document = service.export(incident_id)
    other = open_store(sqlite_url(tmp_path / "other.db"))  # type: ignore[operator]
    try:
        copy = IncidentService(other, SeverityPolicy(), clock, viewer="dana")
        copy.import_document(document)
        assert copy.export(incident_id) == document
        with pytest.raises(ConflictError):
            copy.import_document(document)
    finally:
        other.close()


def test_import_rejects_foreign_documents(service: IncidentService) -> None:
    with pytest.raises(ValidationError, match="hotwash-incident"):
        service.import_document({"format": "something-else"})
    with pytest.raises(ValidationError, match="malformed"):
        service.import_document({"format": "hotwash-incident", "version": 1, "incident": {}})

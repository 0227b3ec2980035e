from __future__ import annotations

from datetime import UTC, timedelta, timezone

import pytest
from store_helpers import T0, make_incident, minutes, note

from hotwash.errors import ConflictError, IncidentNotFoundError
from hotwash.incidents.events import EventKind, TimelineEvent
from hotwash.incidents.factors import ContributingFactor, FactorCategory
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import Incident
from hotwash.store import SqlStore


def _events(store: SqlStore, incident_id: str) -> list[TimelineEvent]:
    with store.transaction() as repo:
        return repo.events(incident_id)


def test_append_assigns_increasing_seqs(store: SqlStore, incident: Incident) -> None:
    with store.transaction() as repo:
        first = repo.append_event(incident.id, note(T0, "first"))
        second = repo.append_event(incident.id, note(T0, "second"))
    with store.transaction() as repo:
        third = repo.append_event(incident.id, note(T0, "third"))

    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    assert [(e.seq, e.text) for e in _events(store, incident.id)] == [
        (1, "first"),
        (2, "second"),
        (3, "third"),
    ]


def test_seqs_are_numbered_per_incident(store: SqlStore, incident: Incident) -> None:
    other = make_incident(2)
    with store.transaction() as repo:
        repo.add_incident(other)
        repo.append_event(incident.id, note(T0))
        repo.append_event(incident.id, note(T0))
        appended = repo.append_event(other.id, note(T0))

    assert appended.seq == 1


def test_events_are_ordered_by_time_then_seq(store: SqlStore, incident: Incident) -> None:
    with store.transaction() as repo:
        repo.append_event(incident.id, note(T0 + minutes(10), "late"))  # seq 1
        repo.append_event(incident.id, note(T0, "early, recorded second"))  # seq 2
        repo.append_event(incident.id, note(T0, "early, recorded third"))  # seq 3
        repo.append_event(incident.id, note(T0 + minutes(5), "middle"))  # seq 4

    assert [e.text for e in _events(store, incident.id)] == [
        "early, recorded second",
        "early, recorded third",
        "middle",
        "late",
    ]


def test_event_round_trip_keeps_every_field(store: SqlStore, incident: Incident) -> None:
    event = TimelineEvent(
        at=(T0 + minutes(3)).astimezone(timezone(timedelta(hours=5, minutes=30))),
        text="Milestone: detected",
        kind=EventKind.MILESTONE,
        source="pagerduty",
        actor="alice",
        milestone=Milestone.DETECTED,
        evidence_ref="logs/api.log:1042",
    )
    with store.transaction() as repo:
        returned = repo.append_event(incident.id, event)

    (loaded,) = _events(store, incident.id)

    assert loaded == returned
    assert returned.seq == 1
    assert loaded.at == event.at
    assert loaded.at.tzinfo is UTC
    assert (loaded.kind, loaded.milestone, loaded.source) == (
        EventKind.MILESTONE,
        Milestone.DETECTED,
        "pagerduty",
    )
    assert (loaded.actor, loaded.evidence_ref) == ("alice", "logs/api.log:1042")


def test_a_given_seq_is_kept_and_later_appends_follow_it(
    store: SqlStore, incident: Incident
) -> None:
    # Import replays events with their original seqs, gaps included.
    with store.transaction() as repo:
        repo.append_event(incident.id, note(T0, "imported", seq=7))
        appended = repo.append_event(incident.id, note(T0, "new"))

    assert appended.seq == 8
    assert [e.seq for e in _events(store, incident.id)] == [7, 8]


def test_a_duplicate_seq_is_a_conflict(store: SqlStore, incident: Incident) -> None:
    with store.transaction() as repo:
        repo.append_event(incident.id, note(T0, seq=1))

    with pytest.raises(ConflictError), store.transaction() as repo:
        repo.append_event(incident.id, note(T0, "again", seq=1))

    assert [e.text for e in _events(store, incident.id)] == ["a note"]


def test_appending_to_an_unknown_incident_fails(store: SqlStore) -> None:
    with pytest.raises(IncidentNotFoundError, match="INC-2026-0404"), store.transaction() as repo:
        repo.append_event("INC-2026-0404", note(T0))


def test_latest_event_times_per_incident(store: SqlStore, incident: Incident) -> None:
    quiet, other = make_incident(2), make_incident(3)
    with store.transaction() as repo:
        repo.add_incident(quiet)
        repo.add_incident(other)
        update = EventKind.UPDATE
        repo.append_event(incident.id, note(T0 + minutes(20), kind=update))
        repo.append_event(incident.id, note(T0 + minutes(30)))  # a note: not asked for
        repo.append_event(incident.id, note(T0 + minutes(10), kind=EventKind.STATUS_CHANGE))
        repo.append_event(quiet.id, note(T0 + minutes(40)))
        repo.append_event(other.id, note(T0 + minutes(50), kind=update))

    with store.transaction() as repo:
        latest = repo.latest_event_times(
            [incident.id, quiet.id], [EventKind.UPDATE, EventKind.STATUS_CHANGE]
        )

    assert latest == {incident.id: T0 + minutes(20)}
    assert latest[incident.id].tzinfo is UTC


def test_latest_event_times_of_nothing(store: SqlStore, incident: Incident) -> None:
    with store.transaction() as repo:
        repo.append_event(incident.id, note(T0))
        assert repo.latest_event_times([], [EventKind.NOTE]) == {}
        assert repo.latest_event_times([incident.id], []) == {}


def test_factors_keep_order_category_and_seq(store: SqlStore, incident: Incident) -> None:
    with store.transaction() as repo:
        first = repo.add_factor(
            incident.id, ContributingFactor("Deploy skipped canary", FactorCategory.IMMEDIATE)
        )
        second = repo.add_factor(incident.id, ContributingFactor("No alert on 5xx rate"))
        third = repo.add_factor(
            incident.id, ContributingFactor("Review load", FactorCategory.SYSTEMIC)
        )

    with store.transaction() as repo:
        loaded = repo.factors(incident.id)

    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    assert loaded == [first, second, third]
    assert [f.category for f in loaded] == [
        FactorCategory.IMMEDIATE,
        FactorCategory.CONTRIBUTING,
        FactorCategory.SYSTEMIC,
    ]


def test_factors_belong_to_their_incident(store: SqlStore, incident: Incident) -> None:
    other = make_incident(2)
    with store.transaction() as repo:
        repo.add_incident(other)
        repo.add_factor(other.id, ContributingFactor("imported", seq=5))
        added = repo.add_factor(other.id, ContributingFactor("next"))

    with store.transaction() as repo:
        assert repo.factors(incident.id) == []
        assert [f.seq for f in repo.factors(other.id)] == [5, 6]
    assert added.seq == 6


def test_adding_a_factor_to_an_unknown_incident_fails(store: SqlStore) -> None:
    with pytest.raises(IncidentNotFoundError), store.transaction() as repo:
        repo.add_factor("INC-2026-0404", ContributingFactor("nothing to blame"))

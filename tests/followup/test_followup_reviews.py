"""Postmortem records in the store, follow-up reviews, and what `hotwash due` owes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from followup_helpers import NOW, make_incident

from clirun import Run
from hotwash.actions.followup import PostmortemRecord
from hotwash.actions.links import TrackerLink
from hotwash.actions.model import ActionItem, ActionStatus
from hotwash.incidents.repository import ActionItemNotFoundError
from hotwash.store import SqlStore


def test_records_links_and_new_item_fields_round_trip(store: SqlStore) -> None:
    incident = make_incident()
    item = ActionItem(
        id="AI-001",
        incident_id=incident.id,
        action="Alert on pool saturation",
        factor=2,
        created_at=NOW,
        closed_at=NOW + timedelta(days=3),
        status=ActionStatus.DONE,
        source="postmortems/x.md#1",
    )
    record = PostmortemRecord(
        incident.id,
        path="postmortems/x.md",
        digest="ab" * 32,
        summary="pool ran dry",
        trigger="deploy",
        finalised_at=NOW,
        follow_up_at=NOW + timedelta(weeks=4),
        signals=["alert:CheckoutHigh5xxRate"],
    )
    link = TrackerLink("AI-001", "github", "41", "https://github.com/acme/shop/issues/41", NOW)
    with store.transaction() as repo:
        repo.add_incident(incident)
        repo.add_action_item(item)
        repo.save_postmortem(record)
        repo.save_tracker_link(link)

    with store.transaction() as repo:
        assert repo.action_items() == [item]
        assert repo.postmortems() == [record]
        assert repo.get_postmortem(incident.id) == record
        assert repo.tracker_links("github") == [link]
        assert repo.tracker_links("jira") == []


def test_saving_again_overwrites_instead_of_adding(store: SqlStore) -> None:
    incident = make_incident()
    with store.transaction() as repo:
        repo.add_incident(incident)
        repo.add_action_item(ActionItem("AI-001", incident.id, "x"))
        repo.save_postmortem(PostmortemRecord(incident.id, path="a.md"))
        repo.save_tracker_link(TrackerLink("AI-001", "gitlab", "12", "u1", NOW))
    with store.transaction() as repo:
        repo.save_postmortem(PostmortemRecord(incident.id, path="b.md"))
        repo.save_tracker_link(TrackerLink("AI-001", "gitlab", "13", "u2", NOW))

    with store.transaction() as repo:
        assert [r.path for r in repo.postmortems()] == ["b.md"]
        assert [(k.remote_id, k.url) for k in repo.tracker_links()] == [("13", "u2")]


def test_a_link_needs_a_stored_item(store: SqlStore) -> None:
    with pytest.raises(ActionItemNotFoundError), store.transaction() as repo:
        repo.save_tracker_link(TrackerLink("AI-404", "github", "1", "u", NOW))


@pytest.fixture
def resolved(run: Run, workspace: Path) -> str:
    incident = run("declare", "Checkout 502s", "--sev", "2", "--no-notify").out.strip()
    assert run("resolve", incident, "--no-notify").code == 0
    return incident


def _due(run: Run, at: datetime) -> list[dict[str, object]]:
    result = run("due", "--all", "--json", env={"HOTWASH_NOW": at.isoformat()})
    assert result.code == 0, result.err
    due: list[dict[str, object]] = json.loads(result.out)
    return due


def test_due_lists_the_postmortem_then_its_follow_up_review(run: Run, resolved: str) -> None:
    before = _due(run, NOW + timedelta(hours=1))
    finalised = run(
        "followup",
        "finalise",
        resolved,
        "--file",
        "postmortems/checkout.md",
        "--at",
        "2026-03-21T09:00:00Z",
    )
    after = _due(run, NOW + timedelta(weeks=5))

    assert [(d["kind"], d["due_at"]) for d in before] == [
        ("postmortem", (NOW + timedelta(hours=48)).isoformat())
    ]
    assert finalised.code == 0, finalised.err
    assert "follow-up review due 2026-04-18 09:00:00 UTC" in finalised.err
    assert [(d["kind"], d["due_at"], d["overdue"]) for d in after] == [
        ("follow-up", "2026-04-18T09:00:00+00:00", True)
    ]


def test_a_held_review_is_no_longer_due(run: Run, resolved: str) -> None:
    run("followup", "finalise", resolved)
    held = run("followup", "reviewed", resolved, "--at", "2026-04-17T15:00:00Z")

    assert held.code == 0, held.err
    assert _due(run, NOW + timedelta(weeks=8)) == []
    listed = json.loads(run("followup", "list", "--json").out)
    assert listed == [
        {
            "incident": resolved,
            "path": None,
            "finalised_at": NOW.isoformat(),
            "follow_up_at": (NOW + timedelta(weeks=4)).isoformat(),
            "followed_up_at": "2026-04-17T15:00:00+00:00",
        }
    ]


def test_the_review_delay_is_configurable(run: Run, resolved: str, workspace: Path) -> None:
    with (workspace / "hotwash.toml").open("a") as config:
        config.write('\n[followup]\nreview_after = "2w"\n')

    run("followup", "finalise", resolved)

    due = _due(run, NOW + timedelta(weeks=3))
    assert [(d["kind"], d["due_at"]) for d in due] == [
        ("follow-up", (NOW + timedelta(weeks=2)).isoformat())
    ]


def test_a_review_needs_a_finalised_postmortem(run: Run, resolved: str) -> None:
    result = run("followup", "reviewed", resolved)

    assert result.code == 2
    assert f"finalise it first: hotwash followup finalise {resolved}" in result.err


def test_times_stay_utc(run: Run, resolved: str) -> None:
    run("followup", "finalise", resolved, "--at", "2026-03-21 10:00 CET")

    (record,) = json.loads(run("followup", "list", "--json").out)
    finalised = datetime.fromisoformat(record["finalised_at"])
    assert finalised == datetime(2026, 3, 21, 9, 0, tzinfo=UTC)
    assert finalised.utcoffset() == timedelta(0)

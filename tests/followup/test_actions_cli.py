"""`hotwash actions add|edit|done|list` on a real workspace store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clirun import Run


@pytest.fixture
def incident(run: Run, workspace: Path) -> str:
    result = run("declare", "Checkout 502s", "--sev", "2", "--service", "checkout", "--no-notify")
    assert result.code == 0, result.err
    return result.out.strip()


def _add(run: Run, incident: str, action: str, *options: str) -> str:
    result = run("actions", "add", incident, action, *options)
    assert result.code == 0, result.err
    return result.out.strip()


def _listed(run: Run, *options: str) -> list[dict[str, object]]:
    result = run("actions", "list", "--json", *options)
    assert result.code == 0, result.err
    listed: list[dict[str, object]] = json.loads(result.out)
    return listed


def test_add_prints_the_new_id_and_keeps_every_field(run: Run, incident: str) -> None:
    first = _add(
        run,
        incident,
        "Alert on pool saturation",
        "--type",
        "detect",
        "--owner",
        "@bob",
        "--due",
        "2026-03-27",
        "--priority",
        "P1",
        "--done-when",
        "alert fires in staging",
        "--ticket",
        "OPS-12",
    )
    second = _add(run, incident, "Write the runbook", "--due", "2w")

    assert (first, second) == ("AI-001", "AI-002")
    item, runbook = _listed(run)
    assert {k: item[k] for k in ("incident", "type", "owner", "due", "priority", "done_when")} == {
        "incident": incident,
        "type": "detect",
        "owner": "@bob",
        "due": "2026-03-27",
        "priority": "P1",
        "done_when": "alert fires in staging",
    }
    assert item["ticket"] == "OPS-12"
    assert item["created_at"] == "2026-03-20T10:00:00+00:00"
    assert runbook["due"] == "2026-04-03"  # two weeks from the pinned clock


def test_list_shows_age_and_days_overdue(run: Run, incident: str) -> None:
    _add(
        run,
        incident,
        "Alert on pool saturation",
        "--owner",
        "@bob",
        "--due",
        "2026-03-27",
        "--priority",
        "P2",
    )
    _add(run, incident, "Write the runbook", "--owner", "alice", "--due", "2026-04-30")
    later = {"HOTWASH_NOW": "2026-04-05T09:00:00Z"}

    table = run("actions", "list", env=later)
    overdue = json.loads(run("actions", "list", "--overdue", "--json", env=later).out)

    lines = table.out.splitlines()
    assert lines[0].split("\t") == [
        "ID",
        "Pri",
        "Status",
        "Action",
        "Owner",
        "Incident",
        "Due",
        "Age",
        "Overdue",
        "Ticket",
    ]
    assert lines[1].split("\t")[7:9] == ["16 d", "9 d"]
    assert lines[2].split("\t")[7:9] == ["16 d", "-"]
    assert [(i["id"], i["age_days"], i["days_overdue"]) for i in overdue] == [("AI-001", 16, 9)]


def test_list_filters_by_owner_and_incident(run: Run, incident: str) -> None:
    other = run("declare", "Search slow", "--sev", "3", "--no-notify").out.strip()
    _add(run, incident, "Alert on pool saturation", "--owner", "@Bob")
    _add(run, other, "Add a latency canary", "--owner", "carol")
    _add(run, other, "Load test the index", "--owner", "bob")

    by_bob = [i["id"] for i in _listed(run, "--owner", "bob")]
    by_incident = [i["id"] for i in _listed(run, "--incident", other.lower())]
    both = [i["id"] for i in _listed(run, "--owner", "@bob", "--incident", other)]

    assert by_bob == ["AI-001", "AI-003"]
    assert by_incident == ["AI-002", "AI-003"]
    assert both == ["AI-003"]


def test_list_orders_by_priority_then_lateness(run: Run, incident: str) -> None:
    _add(run, incident, "low", "--priority", "P4")
    _add(run, incident, "none")
    _add(run, incident, "urgent", "--priority", "P1")
    _add(run, incident, "urgent and late", "--priority", "P1", "--due", "2026-03-01")

    assert [i["action"] for i in _listed(run)] == ["urgent and late", "urgent", "low", "none"]


def test_edit_changes_and_clears_fields(run: Run, incident: str) -> None:
    _add(run, incident, "Alert on pool saturation", "--owner", "@bob", "--due", "2026-03-27")

    result = run(
        "actions",
        "edit",
        "ai-001",
        "--owner",
        "-",
        "--due",
        "none",
        "--priority",
        "p3",
        "--action",
        "Alert on pool usage above 80%",
        "--status",
        "in progress",
    )

    assert result.code == 0, result.err
    (item,) = _listed(run)
    assert (item["owner"], item["due"], item["priority"]) == (None, None, "P3")
    assert (item["action"], item["status"]) == ("Alert on pool usage above 80%", "in_progress")


def test_done_closes_and_a_reopen_clears_the_closing_time(run: Run, incident: str) -> None:
    _add(run, incident, "Alert on pool saturation")

    assert run("actions", "done", "AI-001").code == 0
    closed = _listed(run, "--all")[0]
    assert run("actions", "edit", "AI-001", "--status", "open").code == 0
    reopened = _listed(run)[0]

    assert (closed["status"], closed["closed_at"]) == ("done", "2026-03-20T10:00:00+00:00")
    assert reopened["status"] == "open"
    assert reopened["closed_at"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("actions", "add", "INC-2026-0099", "x"), "unknown incident INC-2026-0099"),
        (("actions", "add", "INC-2026-0001", "  "), "an action item needs the action to take"),
        (("actions", "add", "INC-2026-0001", "x", "--due", "next quarter"), "invalid due date"),
        (("actions", "add", "INC-2026-0001", "x", "--factor", "3"), "has no contributing factor 3"),
        (("actions", "done", "AI-404"), "unknown action item AI-404"),
        (("actions", "edit", "AI-001"), "nothing to change"),
        (("actions", "edit", "AI-1", "--owner", "x"), "invalid action item id"),
    ],
)
def test_bad_input_is_one_clear_line(
    run: Run, incident: str, args: tuple[str, ...], message: str
) -> None:
    run("actions", "add", incident, "existing")

    result = run(*args)

    assert result.code != 0
    assert message in result.err
    assert result.err.count("\n") == 1


def test_items_of_a_restricted_incident_stay_hidden(run: Run, workspace: Path) -> None:
    secret = run(
        "declare", "Credential leak", "--sev", "1", "--restricted", "--no-notify"
    ).out.strip()
    _add(run, secret, "Rotate the leaked keys")
    outsider = {"HOTWASH_USER": "mallory"}

    assert run("actions", "list", "--json", env=outsider).out.strip() == "[]"
    assert "unknown action item AI-001" in run("actions", "done", "AI-001", env=outsider).err
    assert [i["id"] for i in _listed(run)] == ["AI-001"]

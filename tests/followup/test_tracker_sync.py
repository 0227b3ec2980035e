"""Tracker sync round trips against recorded GitHub, GitLab and Jira Cloud exchanges.

Each phase replays a recording on a local HTTP server that checks every request:
method, path, query, auth header and the exact JSON body. A request that is not in the
recording (a second POST on a re-run, say) fails the test, which is how idempotence is
checked. The bodies in the recordings pin labels, assignees and due dates.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tracker_replay import RECORDED, Recording, Stage, replay_server

from clirun import Result, Run

TOKENS = {
    "github": ("GITHUB_TOKEN", "ghp_TESTtoken0123456789abcdefABCDEF0000"),
    "gitlab": ("GITLAB_TOKEN", "glpat-TESTtoken0123456789ab"),
    "jira": ("JIRA_API_TOKEN", "ATATT3xTESTtoken0123456789"),
}
CONFIG = {
    "github": '[trackers.github]\nrepo = "acme/shop"\nassignees = { "Charlie" = "charlie-gh" }\n',
    "gitlab": '[trackers.gitlab]\nproject = "ops/incidents"\nassignees = { "Charlie" = 77 }\n',
    "jira": (
        '[trackers.jira]\nsite = "https://example.atlassian.net"\nproject = "OPS"\n'
        'email = "sre-bot@example.com"\n'
        'assignees = { "@dana" = "5b10ac8d82e05b22cc7d4ef5", "Charlie" = "712020:1c2d3e4f" }\n'
    ),
}
URL_KEY = {"github": "url", "gitlab": "url", "jira": "site"}
ASSIGNEES = {  # what AI-001 (owner @dana) and AI-002 (owner Charlie) are assigned to
    "github": ("dana", "charlie-gh"),
    "gitlab": ("42", "77"),
    "jira": ("5b10ac8d82e05b22cc7d4ef5", "712020:1c2d3e4f"),
}
TICKETS = {"github": ("#41", "#42", "#43"), "gitlab": ("#12", "#13", "#14")}
TICKETS["jira"] = ("OPS-41", "OPS-42", "OPS-43")
TITLES = (
    "AI-001: Alert when pool usage stays above 80% for 5 minutes",
    "AI-002: Require a database reviewer for connection changes",
    "AI-004: Document pool sizing in the runbook",
)


@dataclass
class Sync:
    run: Run
    tracker: str
    stage: Stage
    seen: list[Result]

    def phase(self, name: str, *args: str) -> Result:
        recording = self.stage.load(Recording(self.tracker, name))
        where = f"trackers.{self.tracker}.{URL_KEY[self.tracker]}={self.stage.base}"
        result = self.run("--set", where, "actions", "sync", *args)
        self.seen.append(result)
        assert result.code == 0, result.err
        recording.check()
        return result


@pytest.fixture(params=["github", "gitlab", "jira"])
def sync(
    request: pytest.FixtureRequest, run: Run, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Sync]:
    tracker: str = request.param
    variable, token = TOKENS[tracker]
    monkeypatch.setenv(variable, token)
    with (workspace / "hotwash.toml").open("a") as config:
        config.write(
            '\n[followup]\nincident_url = "https://ops.example.com/incidents/{incident}"\n\n'
        )
        config.write(CONFIG[tracker])
    _items(run)
    stage = Stage()
    with replay_server(stage):
        yield Sync(run, tracker, stage, [])


def _items(run: Run) -> None:
    steps = [
        ("declare", "Checkout 502s", "--sev", "2", "--service", "checkout", "--no-notify"),
        (
            "actions",
            "add",
            "INC-2026-0001",
            "Alert when pool usage stays above 80% for 5 minutes",
            "--type",
            "detect",
            "--owner",
            "@dana",
            "--due",
            "2026-03-27",
            "--priority",
            "P1",
            "--done-when",
            "the alert fires in staging",
        ),
        (
            "actions",
            "add",
            "INC-2026-0001",
            "Require a database reviewer for connection changes",
            "--type",
            "process",
            "--owner",
            "Charlie",
            "--due",
            "2026-04-10",
            "--priority",
            "P2",
        ),
        (
            "actions",
            "add",
            "INC-2026-0001",
            "Add an integration test for the pool",
            "--owner",
            "@lee",
        ),
        ("actions", "done", "AI-003"),
        (
            "actions",
            "add",
            "INC-2026-0001",
            "Document pool sizing in the runbook",
            "--type",
            "process",
            "--owner",
            "Priya",
        ),
    ]
    for step in steps:
        assert run(*step).code == 0


def _items_json(run: Run) -> dict[str, dict[str, object]]:
    listed = run("actions", "list", "--all", "--json")
    return {item["id"]: item for item in json.loads(listed.out)}


def test_dry_run_shows_exactly_what_would_be_created(sync: Sync) -> None:
    result = sync.phase("first-sync-dry-run", "--dry-run")

    first, second = ASSIGNEES[sync.tracker]
    name = sync.tracker
    assert result.out == (
        f"create {name} issue {TITLES[0]!r} [labels: postmortem, INC-2026-0001, detect, P1; "
        f"assignee: {first}; due: 2026-03-27]\n"
        f"create {name} issue {TITLES[1]!r} [labels: postmortem, INC-2026-0001, process, P2; "
        f"assignee: {second}; due: 2026-04-10]\n"
        f"create {name} issue {TITLES[2]!r} [labels: postmortem, INC-2026-0001, process; "
        "assignee: -; due: -]\n"
    )
    assert "would create 3 ticket(s); nothing was sent or saved" in result.err
    assert f"AI-004: owner 'Priya' has no {name} assignee" in result.err
    assert all(item["ticket"] is None for item in _items_json(sync.run).values())


def test_sync_round_trip_is_idempotent_and_syncs_status_back(sync: Sync) -> None:
    created = sync.phase("first-sync")
    assert created.out.splitlines()[0].startswith(f"created {sync.tracker} issue {TITLES[0]!r}")
    items = _items_json(sync.run)
    assert [bool(items[i]["ticket"]) for i in ("AI-001", "AI-002", "AI-003", "AI-004")] == [
        True,
        True,
        False,
        True,
    ]

    again = sync.phase("second-sync")
    assert again.out == ""
    assert "already in sync: nothing to change" in again.err

    assert sync.run("actions", "edit", "AI-002", "--due", "2026-04-17").code == 0
    assert sync.run("actions", "done", "AI-004").code == 0
    first, second, third = TICKETS[sync.tracker]
    name = sync.tracker
    expected = (
        f"{{}} AI-001 done: {name} {first} is closed\n"
        f"{{}} {name} {second} (AI-002): description rewritten; due 2026-04-10 -> 2026-04-17\n"
        f"{{}} {name} {third} (AI-004): the item is done\n"
    )
    preview = sync.phase("back-sync-dry-run", "--dry-run")
    assert preview.out == expected.format("mark", "update", "close")
    assert _items_json(sync.run)["AI-001"]["status"] == "open"  # a dry run saves nothing

    applied = sync.phase("back-sync")
    assert applied.out == expected.format("marked", "updated", "closed")
    items = _items_json(sync.run)
    assert items["AI-001"]["status"] == "done"
    assert items["AI-001"]["closed_at"] is not None

    settled = sync.phase("after-back-sync")
    assert settled.out == ""


def test_requests_carry_labels_assignees_and_due_dates(sync: Sync) -> None:
    sync.phase("first-sync")

    bodies = _created_bodies(sync.tracker)
    labels, assignees, dues = zip(*(_fields(sync.tracker, body) for body in bodies), strict=True)
    assert labels[0] == ["postmortem", "INC-2026-0001", "detect", "P1"]
    assert labels[2] == ["postmortem", "INC-2026-0001", "process"]
    assert assignees == (ASSIGNEES[sync.tracker][0], ASSIGNEES[sync.tracker][1], None)
    assert dues[:2] == ("2026-03-27", "2026-04-10")
    assert dues[2] is None


def _created_bodies(tracker: str) -> list[dict[str, object]]:
    recording = json.loads((RECORDED / tracker / "first-sync.json").read_text())
    return [
        e["request"]["json"] for e in recording["exchanges"] if e["request"]["method"] == "POST"
    ]


def _fields(tracker: str, body: dict[str, object]) -> tuple[object, object, object]:
    if tracker == "github":
        text = str(body["body"])
        due = text.split("Due: ")[1].split("\n")[0]
        assignees = body.get("assignees")
        return body["labels"], assignees[0] if assignees else None, None if due == "-" else due
    if tracker == "gitlab":
        ids = body.get("assignee_ids")
        return str(body["labels"]).split(","), str(ids[0]) if ids else None, body.get("due_date")
    fields = body["fields"]
    assert isinstance(fields, dict)
    assignee = fields.get("assignee")
    account = assignee["accountId"] if assignee else None
    return fields["labels"], account, fields.get("duedate")


def test_tokens_never_appear_in_output(sync: Sync) -> None:
    sync.phase("first-sync-dry-run", "--dry-run")
    sync.phase("first-sync")
    sync.phase("second-sync")

    token = TOKENS[sync.tracker][1]
    assert all(token not in result.out + result.err for result in sync.seen)

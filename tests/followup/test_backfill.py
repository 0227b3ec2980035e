"""Loading a team's postmortem folder into the store (`hotwash import DIR --store`)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from followup_helpers import HISTORY
from test_recurrence import RECURRENCES

from clirun import Run
from hotwash.cli.context import AppContext
from hotwash.cli.followup_cmds import store_postmortems


@pytest.fixture
def team(workspace: Path) -> Path:
    folder = workspace / "postmortems" / "history"
    shutil.copytree(HISTORY, folder)
    return folder


def _load(
    workspace: Path, folder: Path, capsys: pytest.CaptureFixture[str], now: str
) -> list[list[str]]:
    app = AppContext(workspace_dir=workspace, environ={"HOTWASH_USER": "dana", "HOTWASH_NOW": now})
    try:
        store_postmortems(app, folder)
    finally:
        app.close()
    return [line.split("\t") for line in capsys.readouterr().out.splitlines()]


def test_a_folder_becomes_incidents_and_loading_again_changes_nothing(
    run: Run, workspace: Path, team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _load(workspace, team, capsys, "2026-12-01T00:00:00Z")
    again = _load(workspace, team, capsys, "2026-12-02T00:00:00Z")

    assert len(first) == 20
    assert {row[2] for row in first} == {"created"}
    assert {row[2] for row in again} == {"unchanged"}
    incidents = json.loads(run("list", "--json").out)
    assert len(incidents) == 20
    pool = next(row for row in first if row[0].endswith("2025-09-03-checkout-pool-exhaustion.md"))
    assert pool[0] == "postmortems/history/2025-09-03-checkout-pool-exhaustion.md"
    assert pool[1] == "INC-2025-0005"
    assert pool[3] == "3 new, 0 updated action items"
    shown = json.loads(run("show", pool[1], "--json").out)
    assert shown["incident"]["severity"] == "SEV2"
    assert shown["incident"]["services"] == ["checkout", "payments-api"]
    assert shown["incident"]["status"] == "Closed"


def test_a_changed_file_updates_its_records_in_place(
    run: Run, workspace: Path, team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _load(workspace, team, capsys, "2026-12-01T00:00:00Z")
    path = team / "2025-09-03-checkout-pool-exhaustion.md"
    path.write_text(path.read_text().replace("| P1 | Open |", "| P1 | Done |"))

    rows = _load(workspace, team, capsys, "2026-12-02T00:00:00Z")

    changed = [row for row in rows if row[2] != "unchanged"]
    assert changed == [
        [
            "postmortems/history/2025-09-03-checkout-pool-exhaustion.md",
            "INC-2025-0005",
            "updated",
            "0 new, 1 updated action items",
        ]
    ]
    items = json.loads(run("actions", "list", "--all", "--incident", "INC-2025-0005", "--json").out)
    assert sorted((i["action"][:24], i["status"]) for i in items) == [
        ("Add an integration test ", "done"),
        ("Alert when pool usage st", "done"),
        ("Require a database revie", "open"),
    ]


def test_review_from_the_store_finds_the_same_recurrences(
    run: Run, workspace: Path, team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _load(workspace, team, capsys, "2026-12-01T00:00:00Z")
    name_of = {row[1]: Path(row[0]).name for row in rows}

    result = run("review", "--json", env={"HOTWASH_NOW": "2026-12-01T00:00:00Z"})

    assert result.code == 0, result.err
    found = json.loads(result.out)["recurrences"]
    assert {(name_of[r["incident"]], name_of[r["earlier"]]) for r in found} == RECURRENCES
    assert all(r["incident"].startswith("INC-") for r in found)


def test_follow_up_is_scheduled_only_when_still_ahead(
    run: Run, workspace: Path, team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _load(workspace, team, capsys, "2026-11-25T00:00:00Z")

    records = {
        r["path"].rsplit("/", 1)[1]: r for r in json.loads(run("followup", "list", "--json").out)
    }
    recent = records["2026-11-20-tutor-truncated-answers.md"]  # Status: Reviewed
    old = records["2025-09-03-checkout-pool-exhaustion.md"]  # Status: Final
    assert recent["finalised_at"] == "2026-11-20T10:30:00+00:00"  # its resolution
    assert recent["follow_up_at"] == "2026-12-18T10:30:00+00:00"
    assert old["finalised_at"] is not None
    assert old["follow_up_at"] is None


def test_what_a_file_does_not_say_is_reported(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pm"
    folder.mkdir()
    (folder / "untitled.md").write_text("# DNS blip\n\n## Summary\n\nLookups failed briefly.\n")
    app = AppContext(workspace_dir=workspace, environ={"HOTWASH_USER": "dana"})
    try:
        store_postmortems(app, folder)
    finally:
        app.close()

    captured = capsys.readouterr()
    assert "untitled.md: no severity stated; recorded as SEV3" in captured.err
    assert captured.out.split("\t")[2] == "created"

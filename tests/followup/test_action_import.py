"""Action items read from postmortem Markdown: re-reading updates, never duplicates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clirun import Run
from hotwash.actions.drafts import action_drafts
from hotwash.actions.model import ActionStatus, ActionType, Priority
from hotwash.actions.values import read_day, read_priority, read_status, read_type
from hotwash.postmortem.document import parse_document
from hotwash.postmortem.importer import import_text

POSTMORTEM = """# Postmortem: checkout 502s

**Date:** 2026-03-14
**Severity:** SEV2
**Status:** Final

## Contributing factors

- The pool-usage dashboard existed, but no alert watched pool saturation.
- No integration test exercises the pool under concurrent failing payments.

## Action items

| ID | Action | Owner | Due | Priority | Status |
|---|---|---|---|---|---|
| AI-001 | Add an integration test for leaked connections | @lee | 2026-03-21 | P1 | Done |
| AI-002 | Alert when pool usage stays above 80% for 5 minutes | @dana | 2026-03-27 | High | Open |
| AI-003 | Review pool sizing | Priya | next quarter | whenever | |
"""


def _drafts(text: str) -> tuple[list, list[str]]:
    return action_drafts(import_text(text, "pm.md"), parse_document(text, "pm.md"))


def test_drafts_read_every_field_and_report_what_they_cannot() -> None:
    drafts, problems = _drafts(POSTMORTEM)

    first, second, third = drafts
    assert (first.id, first.owner, first.due, first.priority, first.status) == (
        "AI-001",
        "@lee",
        date(2026, 3, 21),
        Priority.P1,
        ActionStatus.DONE,
    )
    assert (second.priority, second.status) == (Priority.P2, ActionStatus.OPEN)
    assert (third.due, third.priority, third.status) == (None, None, None)
    assert problems == [
        "pm.md:18: due 'next quarter' is not a date; left empty",
        "pm.md:18: priority 'whenever' is not P1-P4 or high/medium/low; left empty",
    ]


def test_checkboxes_and_inline_attributes_are_read() -> None:
    text = (
        "# Quick postmortem\n\n## Action items\n\n"
        "- [x] Turn cache warming back on (owner: Jun, due 2026-06-13, P1)\n"
        "- [ ] AI-007: Delete only the changed keys (owner: Ana, due 2026-06-24, type: prevent)\n"
    )

    done, open_ = _drafts(text)[0]

    assert (done.status, done.owner, done.due) == (ActionStatus.DONE, "Jun", date(2026, 6, 13))
    assert (open_.status, open_.id, open_.action) == (
        ActionStatus.OPEN,
        "AI-007",
        "Delete only the changed keys",
    )
    assert open_.type is ActionType.PREVENT


@pytest.fixture
def incident(run: Run, workspace: Path) -> str:
    result = run("declare", "Checkout 502s", "--sev", "2", "--no-notify")
    return result.out.strip()


def _items(run: Run) -> list[dict[str, object]]:
    """Every item, in id order (the list itself is by priority and age)."""
    items: list[dict[str, object]] = json.loads(run("actions", "list", "--all", "--json").out)
    return sorted(items, key=lambda item: str(item["id"]))


def test_rereading_a_file_updates_and_does_not_duplicate(
    run: Run, workspace: Path, incident: str
) -> None:
    path = workspace / "postmortems" / "checkout.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(POSTMORTEM)

    first = run("actions", "import-from", str(path), "--incident", incident)
    again = run("actions", "import-from", str(path))  # found again by its path
    path.write_text(
        POSTMORTEM.replace("80% for 5 minutes", "75% for 5 minutes").replace(
            "| High | Open |", "| High | Done |"
        )
    )
    edited = run("actions", "import-from", str(path))

    assert first.code == again.code == edited.code == 0
    assert "3 created, 0 updated, 0 unchanged" in first.err
    assert "0 created, 0 updated, 3 unchanged" in again.err
    assert "0 created, 1 updated, 2 unchanged" in edited.err
    items = _items(run)
    assert [i["id"] for i in items] == ["AI-001", "AI-002", "AI-003"]
    assert items[1]["action"] == "Alert when pool usage stays above 75% for 5 minutes"
    assert items[1]["status"] == "done"
    assert items[1]["source"] == "postmortems/checkout.md#2"


def test_file_ids_are_local_and_never_overwrite_other_items(
    run: Run, workspace: Path, incident: str
) -> None:
    run("actions", "add", incident, "Page the database team on pool alerts")
    path = workspace / "pm.md"
    path.write_text(POSTMORTEM)

    run("actions", "import-from", str(path), "--incident", incident)

    items = {i["id"]: i["action"] for i in _items(run)}
    assert items["AI-001"] == "Page the database team on pool alerts"
    assert sorted(items) == ["AI-001", "AI-002", "AI-003", "AI-004"]


def test_items_are_linked_to_the_factor_they_address(
    run: Run, workspace: Path, incident: str
) -> None:
    path = workspace / "pm.md"
    path.write_text(POSTMORTEM)

    run("actions", "import-from", str(path), "--incident", incident)

    factors = {i["action"][:12]: i["factor"] for i in _items(run)}
    assert factors == {"Add an integ": 2, "Alert when p": 1, "Review pool ": None}


def test_a_status_the_file_does_not_state_is_left_as_stored(
    run: Run, workspace: Path, incident: str
) -> None:
    path = workspace / "pm.md"
    path.write_text(POSTMORTEM)
    run("actions", "import-from", str(path), "--incident", incident)
    run("actions", "done", "AI-003")  # e.g. closed by tracker sync

    run("actions", "import-from", str(path))

    assert _items(run)[2]["status"] == "done"


def test_a_file_that_names_no_incident_needs_one(run: Run, workspace: Path) -> None:
    path = workspace / "pm.md"
    path.write_text(POSTMORTEM)

    result = run("actions", "import-from", str(path))

    assert result.code == 2
    assert "names no incident and was never loaded; say which with --incident INC" in result.err


@given(st.text())
def test_value_readers_never_raise(text: str) -> None:
    read_priority(text)
    read_status(text)
    read_type(text)
    read_day(text)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)), st.text(max_size=8))
def test_an_iso_date_is_found_anywhere(day: date, noise: str) -> None:
    assert read_day(f"by {day.isoformat()} {noise}".replace("\x00", "")) == day


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Done", ActionStatus.DONE),
        ("✅ shipped", ActionStatus.DONE),
        ("WIP", ActionStatus.IN_PROGRESS),
        ("won't fix", ActionStatus.WONT_DO),
        ("Not started", ActionStatus.OPEN),
        ("", None),
    ],
)
def test_status_words(text: str, status: ActionStatus | None) -> None:
    assert read_status(text) is status


def test_a_file_belongs_to_one_incident(run: Run, workspace: Path, incident: str) -> None:
    other = run("declare", "Search slow", "--sev", "3", "--no-notify").out.strip()
    path = workspace / "pm.md"
    path.write_text(POSTMORTEM)
    run("actions", "import-from", str(path), "--incident", incident)

    result = run("actions", "import-from", str(path), "--incident", other)

    assert result.code == 2
    assert f"pm.md is the postmortem of {incident}; it cannot also be {other}'s" in result.err

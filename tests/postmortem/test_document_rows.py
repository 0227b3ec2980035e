"""Timeline rows and action items, from tables, lists, code blocks and prose."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotwash.postmortem import action_items, parse_document, timeline_rows
from hotwash.postmortem.parse_time_text import leading_time


def _rows(body: str) -> list[tuple[str, time | None, str | None, str]]:
    doc = parse_document("# T\n\n## Timeline\n\n" + body)
    return [(r.time.text, r.clock, r.zone, r.event.plain) for r in timeline_rows(doc)]


def test_timeline_table_with_source_and_actor_columns() -> None:
    doc = parse_document(
        "## Timeline\n\n| Actor | Time (UTC) | What happened | Source |\n|--|--|--|--|\n"
        "| Dana | 2026-03-14 23:58 | Dana rolls back | kubectl |\n"
    )
    (row,) = timeline_rows(doc)
    assert row.time.text == "2026-03-14 23:58"
    assert (row.day, row.clock) == (date(2026, 3, 14), time(23, 58))
    assert row.event.text == "Dana rolls back"
    assert row.actor is not None
    assert row.actor.text == "Dana"
    assert row.source is not None
    assert (row.source.text, row.source.column) == ("kubectl", 47)


def test_separate_date_and_time_columns_combine() -> None:
    doc = parse_document(
        "## Timeline\n\n| Date | Time | Event |\n|-|-|-|\n| 2026-03-15 | 00:04 | Paged |\n"
    )
    (row,) = timeline_rows(doc)
    assert (row.date_text, row.day, row.clock) == ("2026-03-15", date(2026, 3, 15), time(0, 4))


def test_bullet_rows_with_zones_markup_and_continuations() -> None:
    rows = _rows(
        "- **14:05 UTC** — alert fires\n"
        "- 14:09 - Dana acknowledges\n  and opens a bridge\n"
        "- 2026-03-14T14:20:00Z rollback done\n"
        "- Mar 14, 2026 3:30 pm PST: resolved\n"
    )
    assert rows == [
        ("14:05 UTC", time(14, 5), "UTC", "alert fires"),
        ("14:09", time(14, 9), None, "Dana acknowledges and opens a bridge"),
        ("2026-03-14T14:20:00Z", time(14, 20), "Z", "rollback done"),
        ("Mar 14, 2026 3:30 pm PST", time(15, 30), "PST", "resolved"),
    ]


def test_code_block_timeline_joins_indented_continuations() -> None:
    rows = _rows(
        "```\n09:28 Release deployed.\n      Eval gate passed.\n09:34 Errors spike.\n```\n"
    )
    assert rows == [
        ("09:28", time(9, 28), None, "Release deployed. Eval gate passed."),
        ("09:34", time(9, 34), None, "Errors spike."),
    ]


def test_placeholders_are_rows_without_a_clock() -> None:
    doc = parse_document("## Timeline\n\n| Time | Event |\n|-|-|\n| HH:mm | First alert |\n")
    (row,) = timeline_rows(doc)
    assert row.placeholder
    assert row.clock is None
    assert row.time.text == "HH:mm"


def test_date_headings_inside_the_timeline_date_their_rows() -> None:
    doc = parse_document("## Timeline\n\n### 2026-03-15\n\n- 00:05 paged\n")
    (row,) = timeline_rows(doc)
    assert (row.date_text, row.day) == ("2026-03-15", date(2026, 3, 15))


def test_timeline_rows_positions_point_at_the_source() -> None:
    text = "# T\n\n## Chronology\n\n* 10:00 — flush\n* 10:02 — alerts\n"
    doc = parse_document(text)
    lines = text.split("\n")
    for row in timeline_rows(doc):
        assert lines[row.event.line - 1][row.event.column - 1 :].startswith(row.event.text)
        assert lines[row.time.line - 1][row.time.column - 1 :].startswith(row.time.text)


ACTIONS_TABLE = """\
## Action items

| Priority | Action | Owner | Due date | Done when | Ticket | Type |
|---|---|---|---|---|---|---|
| P1 | Add an alert on pool saturation | @bob | 2026-03-20 | fires in staging | OPS-1 | detect |
| P2 | Document pool sizing |  | next quarter |  |  | prevent |
"""


def test_action_items_from_a_table() -> None:
    first, second = action_items(parse_document(ACTIONS_TABLE))
    assert first.action.text == "Add an alert on pool saturation"
    assert first.owner is not None
    assert first.owner.text == "@bob"
    assert first.due is not None
    assert first.due.text == "2026-03-20"
    assert first.priority is not None
    assert first.priority.text == "P1"
    assert first.done_when is not None
    assert first.done_when.text == "fires in staging"
    assert first.ticket is not None
    assert first.ticket.text == "OPS-1"
    assert first.type is not None
    assert first.type.text == "detect"
    assert second.owner is None
    assert second.done_when is None
    assert second.ticket is None
    assert second.due is not None
    assert second.due.text == "next quarter"
    assert second.line == 6


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            "- [ ] Add alert on pool saturation (owner: @bob, due 2026-03-20, P1, OPS-12)",
            {"owner": "@bob", "due": "2026-03-20", "priority": "P1", "ticket": "OPS-12"},
        ),
        (
            "- **Rotate keys.** Owner: Lee Chen. Due: next quarter. Done when: none older than 90d",
            {"owner": "Lee Chen", "due": "next quarter", "done_when": "none older than 90d"},
        ),
        ("- Add P1 alert for the gateway — @sam", {"owner": "@sam"}),
        ("- Improve monitoring", {}),
        (
            "- Add canary stage\n  - Owner: Ana\n  - Due: 2026-04-01\n  - Ticket: #42",
            {"owner": "Ana", "due": "2026-04-01", "ticket": "#42"},
        ),
    ],
)
def test_action_items_from_lists(item: str, expected: dict[str, str]) -> None:
    (found,) = action_items(parse_document("## Follow-ups\n\n" + item + "\n"))
    attributes = ("owner", "due", "priority", "type", "done_when", "ticket", "status")
    got = {name: getattr(found, name).text for name in attributes if getattr(found, name)}
    assert got == expected
    assert "owner" not in found.action.plain.lower()
    assert "@" not in found.action.plain


def test_action_text_keeps_words_that_look_like_attributes() -> None:
    (found,) = action_items(parse_document("## Action items\n\n- Add P1 alert for OPS-9 queue\n"))
    assert found.action.plain == "Add P1 alert for OPS-9 queue"
    assert found.priority is None
    assert found.ticket is None


def test_no_action_section_means_no_items() -> None:
    assert action_items(parse_document("## Summary\n\n- Add alert (owner: bob)\n")) == []


@settings(max_examples=300, deadline=None)
@given(
    st.times(),
    st.sampled_from(["", " UTC", "Z", " CEST", " +02:00", " Europe/Berlin"]),
    st.sampled_from(["", "2026-03-14 ", "2026-03-14T", "Mar 14, 2026 "]),
    st.sampled_from(["{} — event", "**{}** - event", "[{}] event", "{}: event"]),
)
def test_leading_time_recovers_the_clock(clock: time, zone: str, day: str, shape: str) -> None:
    written = f"{day}{clock:%H:%M:%S}{zone}"
    if day.endswith("T") and zone.startswith(" "):
        written = f"{day}{clock:%H:%M:%S}"  # ISO keeps the zone glued or absent
    found = leading_time(shape.format(written))
    assert found is not None
    assert found.clock == clock.replace(microsecond=0)
    assert (found.date_text is not None) == bool(day)
    assert not found.placeholder

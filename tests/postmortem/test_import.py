"""``hotwash import``: our templates round-trip exactly; hand-written shapes are understood.

The hand-written postmortems below are written for these tests in the shapes teams use:
a heading-and-table one like seed 000, a bullet-list one with dates and zones, a
Google-style one whose timeline crosses midnight under a date heading, and a messy
quick one with rows that cannot be read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hotwash.config.settings import Settings
from hotwash.postmortem.catalog import BUILTIN, Catalog
from hotwash.postmortem.draft import DraftRequest, write_draft
from hotwash.postmortem.importer import import_file, import_text, postmortem_files
from hotwash.postmortem.roundtrip import context_from_import
from hotwash.redact import Redactor
from hotwash.timeline.model import Timeline

TABLES = """\
# Postmortem: Payment API outage

**Date**: 2024-01-15
**Authors**: @alice, @bob
**Status**: Final
**Incident Severity**: SEV2

## Executive Summary

The payment service failed for 47 minutes after a deploy removed connection pooling.

## Timeline (All times UTC)

| Time | Event |
|------|-------|
| 14:23 | Deployment v2.3.4 completed |
| 14:31 | First alert: `payment_error_rate > 5%` |
| 15:18 | Service recovered |

## Root Cause Analysis

### Contributing Factors

- Code review did not catch the connection handling change
- No integration tests for connection pool behavior

## Action Items

| Priority | Action | Owner | Due Date | Ticket |
|----------|--------|-------|----------|--------|
| P0 | Add integration test for connection pool behavior | @alice | 2024-01-22 | ENG-1234 |
| P1 | Lower the connection alert threshold to 70% | @bob | 2024-01-17 | OPS-567 |
"""

BULLETS = """\
# Post-mortem: API degradation

- **Date:** 2025-02-09
- **Severity:** P1
- **Owner:** @alice

## Summary

Elevated error rates (40% of requests) from pool exhaustion. Time to detection: 7 min.

## Impact

- **Failed requests:** 40,000 over 1.5 hours
- 2,000 customers affected

## Timeline

- 2025-02-09 10:05 PST - First 5xx errors appear (nginx access logs)
- 2025-02-09 10:12 PST - Engineer acknowledges alert (PagerDuty; @alice)
- 2025-02-09 10:35 PST - Error rate returns to normal

## Causes

1. Connection pool utilisation was not monitored
2. Load tests did not cover the new query pattern

## Follow-ups

- Add connection pool metrics to Grafana (owner: @bob, due 2025-02-16, P1, OPS-12)
- Create a runbook for DB connection saturation (owner: @alice, due 2025-02-20)
"""

GOOGLE = """\
# Shakespeare search outage

Status: final
Date: 2015-10-21

## Summary

Search was down for 66 minutes during a surge of interest.

## Root Causes

Cascading failure from a resource leak under high load.

## Trigger

Latent bug triggered by a sudden increase in traffic.

## Timeline

### 2015-10-21

- 23:50 UTC: queries begin to fail
- 23:58 UTC: pager fires

### Next day

- 00:10 UTC: load shifted to another cluster
- 00:56 UTC: all traffic restored
"""

MESSY = """\
# Quick postmortem: cache stampede

**Date**: 2024-01-15 | **Duration**: 12 min | **Severity**: SEV3

## Timeline

- 10:00 - cache flush initiated
- around lunch - someone noticed the graphs
- 10:08 - enabled cache warming

| Time | Event |
|---|---|
| ?? | latency alert fired |
| 10:12 | latency normal |

## Action items

| Action | Owner |
|---|---|
| | @bob |
| Implement partial cache invalidation | @carol |
"""


@pytest.fixture(scope="module")
def drafts(demo_timeline: Timeline, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("roundtrip")
    texts = {}
    for template in BUILTIN:
        request = DraftRequest(
            demo_timeline,
            Settings(),
            folder,
            output=folder / f"{template}.md",
            template=template,
            title="Checkout | payments 502s",  # a pipe: table cells must escape it
            redactor=Redactor(),
        )
        texts[template] = write_draft(request, Catalog()).text
    return texts


@pytest.mark.parametrize("template", BUILTIN)
def test_render_import_render_is_lossless(drafts: dict[str, str], template: str) -> None:
    text = drafts[template]
    again = Catalog().render(template, context_from_import(import_text(text)))
    assert again == text


def test_our_draft_imports_with_its_facts(drafts: dict[str, str]) -> None:
    found = import_text(drafts["standard"])
    assert found.title == "Checkout | payments 502s"
    assert (found.date, found.severity) == ("2026-03-14", "SEV2")
    detected = next(row for row in found.timeline if "detected" in row.milestones)
    assert detected.utc == "2026-03-14T14:06:12Z"
    assert detected.source == "alertmanager"
    assert found.stats["stated"]["detection"]["seconds"] == 252
    assert found.stats["from_timeline"]["detection"] == 252
    assert found.action_items[0].id == "AI-001"
    categories = {factor.category for factor in found.contributing_factors}
    assert categories == {"immediate", "contributing", "systemic"}


def test_tables_shape() -> None:
    found = import_text(TABLES)
    assert (found.title, found.date, found.severity) == ("Payment API outage", "2024-01-15", "SEV2")
    assert found.fields["owner"] == "@alice, @bob"
    assert found.summary_text[0].startswith("The payment service failed for 47 minutes")
    assert [(r.time, r.utc) for r in found.timeline] == [
        ("14:23", "2024-01-15T14:23:00Z"),
        ("14:31", "2024-01-15T14:31:00Z"),
        ("15:18", "2024-01-15T15:18:00Z"),
    ]
    assert [f.text for f in found.contributing_factors] == [
        "Code review did not catch the connection handling change",
        "No integration tests for connection pool behavior",
    ]
    first = found.action_items[0]
    assert (first.action, first.owner, first.due, first.priority, first.ticket) == (
        "Add integration test for connection pool behavior",
        "@alice",
        "2024-01-22",
        "P0",
        "ENG-1234",
    )
    assert found.unparsed == []


def test_bullets_shape_with_dates_zones_and_inline_attributes() -> None:
    found = import_text(BULLETS)
    assert found.severity == "SEV1"
    rows = found.timeline
    assert [r.utc for r in rows] == [
        "2025-02-09T18:05:00Z",
        "2025-02-09T18:12:00Z",
        "2025-02-09T18:35:00Z",
    ]
    assert (rows[0].event, rows[0].source) == ("First 5xx errors appear", "nginx access logs")
    assert (rows[1].source, rows[1].actor) == ("PagerDuty", "@alice")
    assert [i.label for i in found.impact] == ["Failed requests"]
    assert len(found.contributing_factors) == 2
    action = found.action_items[0]
    assert (action.action, action.owner, action.due, action.priority, action.ticket) == (
        "Add connection pool metrics to Grafana",
        "@bob",
        "2025-02-16",
        "P1",
        "OPS-12",
    )
    assert found.stats["stated"]["detection"]["seconds"] == 420


def test_google_shape_crosses_midnight_under_a_date_heading() -> None:
    found = import_text(GOOGLE)
    assert found.title == "Shakespeare search outage"
    assert found.date == "2015-10-21"
    assert [r.utc for r in found.timeline] == [
        "2015-10-21T23:50:00Z",
        "2015-10-21T23:58:00Z",
        "2015-10-22T00:10:00Z",
        "2015-10-22T00:56:00Z",
    ]
    assert found.trigger == ["Latent bug triggered by a sudden increase in traffic."]
    assert found.contributing_factors[0].text.startswith("Cascading failure")


def test_unparseable_rows_are_reported_with_line_numbers_never_dropped() -> None:
    found = import_text(MESSY)
    assert found.severity == "SEV3"
    assert [r.time for r in found.timeline] == ["10:00", "10:08", "10:12"]
    lines = MESSY.splitlines()
    problems = {(u.line, u.reason) for u in found.unparsed}
    assert (
        lines.index("- around lunch - someone noticed the graphs") + 1,
        "no time at the start",
    ) in problems
    assert (lines.index("| ?? | latency alert fired |") + 1, "placeholder time") in problems
    assert (lines.index("| | @bob |") + 1, "no action text") in problems
    assert [a.action for a in found.action_items] == ["Implement partial cache invalidation"]


def test_a_folder_imports_every_markdown_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(TABLES)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.markdown").write_text(BULLETS)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.md").write_text(GOOGLE)
    (tmp_path / "notes.txt").write_text("not a postmortem")
    files = list(postmortem_files(tmp_path))
    assert [p.name for p in files] == ["a.md", "b.markdown"]
    assert import_file(files[1]).title == "API degradation"

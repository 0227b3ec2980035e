"""Action-item rules: verbs, vagueness, people as targets, fields, coverage."""

from __future__ import annotations

import pytest
from lintrun import lines_of, rule_ids

from hotwash.lint import REGISTRY

ACTIONS = tuple(rule_id for rule_id in REGISTRY if rule_id.startswith("actions/"))


def _item(text: str, settings: dict[str, object] | None = None) -> set[str]:
    return rule_ids(f"## Action items\n\n- {text}\n", *ACTIONS, settings=settings)


@pytest.mark.parametrize(
    ("item", "rule"),
    [
        ("Monitoring improvements (owner: @a, due: 2026-04-01)", "actions/not-a-verb"),
        ("Adding a canary stage (owner: @a, due: 2026-04-01)", "actions/not-a-verb"),
        ("More alerts (owner: @a, due: 2026-04-01)", "actions/not-a-verb"),
        ("Improve communication (owner: @a, due: 2026-04-01)", "actions/vague"),
        ("Investigate the slow queries (owner: @a, due: 2026-04-01)", "actions/vague"),
        ("Add more monitoring (owner: @a, due: 2026-04-01)", "actions/vague"),
        ("Remind Dana to check the diff (owner: @a, due: 2026-04-01)", "actions/targets-person"),
        ("Be more careful when deploying (owner: @a, due: 2026-04-01)", "actions/targets-person"),
        ("Engineers should double-check configs (owner: @a, due: 2026-04-01)",
         "actions/targets-person"),
        ("Add a pool alert (due: 2026-04-01)", "actions/no-owner"),
        ("Add a pool alert (owner: -, due: 2026-04-01)", "actions/no-owner"),
        ("Add a pool alert (owner: @a)", "actions/no-due-date"),
        ("Add a pool alert (owner: @a, due: ASAP)", "actions/no-due-date"),
        ("Add a pool alert (owner: @a, due: Q3)", "actions/no-due-date"),
    ],
)  # fmt: skip
def test_item_problems_are_reported(item: str, rule: str) -> None:
    assert rule in _item(item)


@pytest.mark.parametrize(
    "item",
    [
        "Add an alert when pool use stays above 80% for 5 minutes (owner: @a, due: 2026-04-01)",
        "Investigate slow queries and write up the top 5 in OPS-12 (owner: @a, due: 2026-04-01)",
        "Set up a canary stage for payments-api (owner: Platform team, due: Apr 1 2026)",
        "Roll back automatically when the 5xx ratio exceeds 2% (owner: @a, due: 1 April 2026)",
        "Improve p99 latency of /search to under 300 ms (owner: @a, due: 2026-04-01)",
        "AI-7: Document the pool sizing rule in the runbook (owner: @a, due: 2026-04-01)",
        "Train on-call on the new failover runbook (owner: @a, due: 2026-04-01)",
    ],
)
def test_specific_items_pass(item: str) -> None:
    assert _item(item) == set()


def test_required_fields_follow_the_configuration() -> None:
    text = "Add a pool alert (owner: @a, due: 2026-04-01)"
    assert "actions/no-ticket" not in _item(text)
    required = {"required-action-fields": ["owner", "due", "ticket", "priority"]}
    assert {"actions/no-ticket", "actions/no-priority"} <= _item(text, settings=required)
    complete = "Add a pool alert (owner: @a, due: 2026-04-01, P2, OPS-1)"
    assert _item(complete, settings=required) == set()


def test_four_section_wants_a_success_criterion() -> None:
    table = (
        "## Action items\n\n| Action | Owner | Due | Done when |\n|---|---|---|---|\n"
        "| Add a pool alert | Lee | 2026-04-01 |  |\n"
        "| Add a pool test | Lee | 2026-04-01 | the test fails on v2.14 |\n"
    )
    assert lines_of(table, "actions/no-success-criterion", {"profile": "four-section"}) == [5]
    assert lines_of(table, "actions/no-success-criterion") == []


def test_missing_actions_when_the_section_is_empty_or_absent() -> None:
    assert rule_ids("## Action items\n\nTo be discussed.\n", "actions/missing") == {
        "actions/missing"
    }
    absent = "## Summary\n\nText.\n"
    assert rule_ids(absent, "actions/missing", settings={"disable": ["structure"]}) == {
        "actions/missing"
    }
    # With structure/missing-section on, the missing section is reported once, there.
    assert rule_ids(absent, "actions/missing") == set()


def test_detect_item_needed_only_when_detection_was_slow() -> None:
    def document(detected: str, item: str) -> str:
        return (
            f"## Timeline (UTC)\n\n- 10:00 **[impact start]** errors\n- {detected} **[detected]** "
            f"alert\n\n## Action items\n\n- {item} (owner: @a, due: 2026-04-01)\n"
        )

    slow, fast = document("10:40", "Fix the retry loop"), document("10:05", "Fix the retry loop")
    assert rule_ids(slow, "actions/no-detect-item") == {"actions/no-detect-item"}
    assert rule_ids(fast, "actions/no-detect-item") == set()
    covered = document("10:40", "Add an alert on checkout 5xx above 1%")
    assert rule_ids(covered, "actions/no-detect-item") == set()
    limit = {"thresholds": {"detection-delay-minutes": 60}}
    assert rule_ids(slow, "actions/no-detect-item", settings=limit) == set()

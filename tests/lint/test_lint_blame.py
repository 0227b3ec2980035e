"""Blame rules on sentences a reviewer would and would not flag."""

from __future__ import annotations

import pytest
from lintrun import config, rule_ids

from hotwash.lint import lint_text

BLAME = (
    "blame/named-person-as-cause",
    "blame/human-error",
    "blame/counterfactual",
    "blame/judgemental-language",
    "blame/group-blame",
)


def _blame(sentence: str) -> set[str]:
    return rule_ids(f"## Analysis\n\n{sentence}\n", *BLAME)


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Dana forgot to rotate the certificate.", "blame/named-person-as-cause"),
        ("Then Dana overlooked the warning in the diff.", "blame/named-person-as-cause"),
        ("@lee missed the page.", "blame/named-person-as-cause"),
        ("Dana accidentally deleted the table.", "blame/named-person-as-cause"),
        ("It was Dana's mistake.", "blame/named-person-as-cause"),
        ("The blame lies with Kevin.", "blame/named-person-as-cause"),
        ("The outage was caused by human error.", "blame/human-error"),
        ("Operator error during the failover.", "blame/human-error"),
        ("We should have caught this in review.", "blame/counterfactual"),
        ("The on-call engineer should have noticed the alert.", "blame/counterfactual"),
        ("If only we had a canary stage.", "blame/counterfactual"),
        ("The engineer did not check the dashboard.", "blame/counterfactual"),
        ("Someone forgot to renew the domain.", "blame/counterfactual"),
        ("A careless change took checkout down.", "blame/judgemental-language"),
        ("I can't believe this happened again.", "blame/judgemental-language"),
        ("Checkout was down for an hour!!!", "blame/judgemental-language"),
        ("On-call failed to react to the page.", "blame/group-blame"),
        ("The SRE team ignored the warnings for a week.", "blame/group-blame"),
    ],
)
def test_blame_is_reported(sentence: str, rule: str) -> None:
    assert rule in _blame(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The switch failed to learn routes after the upgrade.",
        "Upgrades should have clear rules for session checks.",
        "Mei ran `kill -9` on the stuck daemon.",
        "The runbook lives on the master branch.",
        "The process hang caused a crash loop and a failure of the health check.",
        "Dana rolled back the deploy at 14:24.",
        "Monitoring failed to alert because the rule watched 5xx only.",
        "The team did not have access to the dashboards.",
        "Lee did not know the flag was on in production.",
        "It could have been much worse: only one region was affected.",
        "This was not human error; the script ran against production by default.",
        "We do not accept 'human error' as a cause.",
        "The primary failed to elect a leader within the timeout.",
        "Google Cloud Storage failed to serve objects for six minutes.",
        "The Gateway did not forward the header.",
        "The new pool size should have no effect on latency.",
        "Kafka dropped messages when the broker restarted.",
        "A canary would have caught this earlier.",
        "The on-call engineer received 40 alerts in ten minutes.",
        "It was overlooked in review because the diff was 2,000 lines.",
        "This missed the nightly backup window.",
    ],
)
def test_true_negatives_stay_quiet(sentence: str) -> None:
    assert _blame(sentence) == set()


def test_names_are_fine_as_timeline_actors() -> None:
    text = (
        "## Timeline (UTC)\n\n| Time | Event | Actor |\n|---|---|---|\n"
        "| 14:02 | Dana rolls back payments-api | Dana Kim |\n"
        "| 14:05 | Lee restarts the consumer | Lee Chen |\n"
    )
    assert rule_ids(text, *BLAME) == set()


def test_a_timeline_actor_is_known_as_a_person_elsewhere() -> None:
    text = (
        "## Timeline (UTC)\n\n| Time | Event | Actor |\n|---|---|---|\n"
        "| 14:02 | deploy | Kevin |\n\n## Analysis\n\nKevin broke checkout.\n"
    )
    assert "blame/named-person-as-cause" in rule_ids(text, *BLAME)
    assert rule_ids("## Analysis\n\nKafka broke checkout.\n", *BLAME) == set()


def test_roster_names_are_people() -> None:
    text = "## Analysis\n\nPriya broke the build.\n"
    with_roster = {f.rule for f in lint_text(text, config(roster=("Priya Nair",)))}
    assert "blame/named-person-as-cause" in with_roster
    assert "blame/named-person-as-cause" not in {f.rule for f in lint_text(text, config())}


def test_learning_profile_reports_every_counterfactual() -> None:
    sentence = "## Analysis\n\nA canary would have caught this earlier.\n"
    assert rule_ids(sentence, "blame/counterfactual") == set()
    learning = {"profile": "learning-from-incidents"}
    assert rule_ids(sentence, "blame/counterfactual", settings=learning) == {"blame/counterfactual"}


def test_code_is_never_prose() -> None:
    text = "## Analysis\n\n```\nDana forgot to run kill -9; human error!!!\n```\n"
    assert rule_ids(text, *BLAME) == set()

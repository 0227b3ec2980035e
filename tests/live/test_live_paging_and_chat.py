"""PagerDuty and the Slack Web API through recorded exchanges (they cannot run here)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from collecting import collect_with, settings_of, timeline_of
from replay import Recording

from hotwash.incidents.milestones import Milestone
from hotwash.live.state import Status

TOKENS = {"HOTWASH_PAGERDUTY_TOKEN": "pd-s3cret", "HOTWASH_SLACK_TOKEN": "xoxb-s3cret"}


def settings(channels: list[str]) -> dict[str, object]:
    return {
        "sources": {
            "pagerduty": {"url": "http://pd.test"},
            "slack": {"url": "http://slack.test", "channels": channels},
        }
    }


def test_pagerduty_pages_and_slack_history_become_evidence(tmp_path: Path) -> None:
    recording = Recording.load("pagerduty.json", "slack.json")
    run = collect_with(
        settings_of(settings(["C0INC1D3NT"])), tmp_path / "c", recording.transport(), environ=TOKENS
    )
    assert [(o.source, o.record.status) for o in run.outcomes] == [
        ("pagerduty", Status.DONE), ("slack", Status.DONE),
    ]  # fmt: skip
    pagerduty = [r for r in recording.requests if r.url.host == "pd.test"]
    assert [r.url.params["offset"] for r in pagerduty] == ["0", "100"]
    assert {r.headers["Authorization"] for r in pagerduty} == {"Token token=pd-s3cret"}
    assert {r.headers["Accept"] for r in pagerduty} == {"application/vnd.pagerduty+json;version=2"}
    slack = [r for r in recording.requests if r.url.host == "slack.test"]
    assert {r.headers["Authorization"] for r in slack} == {"Bearer xoxb-s3cret"}
    export = tmp_path / "c" / "slack"
    assert sorted(p.name for p in export.iterdir()) == [
        "channels.json",
        "inc-checkout",
        "users.json",
    ]
    day = json.loads((export / "inc-checkout" / "2024-05-14.json").read_text())
    assert [m["text"] for m in day] == [
        "checkout is throwing 5xx, looking",
        "Declaring SEV2, <@U01PRIYA> is IC",
        "ack, on it",
        "rolled back checkout to v2.14.0, errors dropping",
    ]

    timeline = timeline_of(run)
    at = datetime(2024, 5, 14, 9, 36, 40, tzinfo=UTC)
    assert timeline.milestones[Milestone.ACKNOWLEDGED].at == at
    chat = [e for e in timeline.entries if e.source.startswith("slack")]
    assert "Declaring SEV2, @Priya Natarajan is IC" in [e.text for e in chat]
    assert {e.actor for e in chat} == {"Priya Natarajan", "Marco Rossi"}


def test_a_slack_error_code_fails_slack_only(tmp_path: Path) -> None:
    recording = Recording.load("pagerduty.json", "slack.json")
    run = collect_with(
        settings_of(settings(["C0BADCHAN"])), tmp_path / "c", recording.transport(), environ=TOKENS
    )
    found = {o.source: (o.record.status, o.record.message) for o in run.outcomes}
    assert found["pagerduty"][0] is Status.DONE
    assert found["slack"] == (Status.FAILED, "slack: conversations.info failed: channel_not_found")


def test_without_tokens_nothing_is_sent(tmp_path: Path) -> None:
    recording = Recording.load("pagerduty.json", "slack.json")
    run = collect_with(settings_of(settings(["C0INC1D3NT"])), tmp_path / "c", recording.transport())
    messages = sorted(o.record.message or "" for o in run.outcomes)
    assert messages == [
        "pagerduty: $HOTWASH_PAGERDUTY_TOKEN is not set (it holds the secret)",
        "slack: $HOTWASH_SLACK_TOKEN is not set (it holds the secret)",
    ]
    assert recording.requests == []

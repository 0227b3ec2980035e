"""PagerDuty log entries of the incident's services only, through recorded exchanges.

``/log_entries`` has no service filter: with service ids configured, ``collect`` lists
those services' incidents (paged) and fetches each incident's log entries (paged).
Without any, it keeps fetching the account's log entries.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from collecting import RECORDED_WINDOW, collect_with, settings_of, timeline_of
from replay import Recording, replay_server

from clirun import Run
from hotwash.evidence.model import SignalKind
from hotwash.incidents.milestones import Milestone
from hotwash.live.pagerduty import pagerduty_service_ids
from hotwash.live.state import Status

TOKEN = {"HOTWASH_PAGERDUTY_TOKEN": "pd-s3cret"}
Q1, Q2 = "/incidents/Q1ABCD2EFGH3IJ/log_entries", "/incidents/Q2WRKR9XYZ8ABC/log_entries"


def tree(url: str = "http://pd.test") -> dict[str, object]:
    return {
        "sources": {
            "pagerduty": {"url": url},
            "slack": {"url": "http://slack.test", "channels": ["C0INC1D3NT"]},
        },
        "services": {
            "checkout": {"pagerduty_service_ids": ["PSVC123", "PWRK456"]},
            "search": {"pagerduty_service_ids": ["PSRCH01"]},
            "payments": {},
        },
    }


def pagerduty_requests(recording: Recording) -> list[httpx.Request]:
    return [request for request in recording.requests if request.url.host == "pd.test"]


def test_named_services_fetch_only_their_incidents_every_page(tmp_path: Path) -> None:
    recording = Recording.load("pagerduty_services.json")
    run = collect_with(
        settings_of(tree()), tmp_path / "c", recording.transport(), environ=TOKEN,
        services=["checkout"],
    )  # fmt: skip
    [outcome] = [o for o in run.outcomes if o.source == "pagerduty"]
    assert outcome.record.status is Status.DONE
    assert outcome.record.message == "2 incident(s) of PagerDuty service(s) PSVC123, PWRK456"

    sent = pagerduty_requests(recording)
    assert [(r.url.path, r.url.params["offset"]) for r in sent] == [
        ("/incidents", "0"), ("/incidents", "100"), (Q1, "0"), (Q1, "100"), (Q2, "0"),
    ]  # fmt: skip
    listing = sent[0].url.params
    assert listing.get_list("service_ids[]") == ["PSVC123", "PWRK456"]
    assert (listing["since"], listing["until"]) == (
        RECORDED_WINDOW.since.isoformat(),
        RECORDED_WINDOW.until.isoformat(),
    )
    assert {r.url.params["is_overview"] for r in sent[2:]} == {"false"}
    assert {r.url.params["since"] for r in sent} == {RECORDED_WINDOW.since.isoformat()}
    assert {r.headers["Authorization"] for r in sent} == {"Token token=pd-s3cret"}

    saved = (tmp_path / "c" / "pagerduty" / "log_entries.json").read_text()
    assert saved.count('"log_entries"') == 3  # the three pages of entries, not the listings
    timeline = timeline_of(run)
    triggered = [e.text for e in timeline.entries if e.kind is SignalKind.PAGE_TRIGGERED]
    assert triggered == [
        "Page triggered: [#4312] Checkout error ratio above 10%",
        "Page triggered: [#4313] Checkout workers queue backlog",
    ]
    acknowledged = datetime(2024, 5, 14, 9, 36, 40, tzinfo=UTC)
    assert timeline.milestones[Milestone.ACKNOWLEDGED].at == acknowledged


def test_services_without_ids_keep_the_account_wide_log_entries(tmp_path: Path) -> None:
    recording = Recording.load("pagerduty.json", "pagerduty_services.json")
    run = collect_with(
        settings_of(tree()), tmp_path / "c", recording.transport(), environ=TOKEN,
        services=["payments"],
    )  # fmt: skip
    [outcome] = [o for o in run.outcomes if o.source == "pagerduty"]
    assert outcome.record.status is Status.DONE
    sent = pagerduty_requests(recording)
    assert [(r.url.path, r.url.params["offset"]) for r in sent] == [
        ("/log_entries", "0"),
        ("/log_entries", "100"),
    ]
    assert all("service_ids[]" not in r.url.params for r in sent)


def test_ids_are_gathered_from_every_service_once() -> None:
    settings = settings_of(tree())
    assert pagerduty_service_ids(settings, ["search", "checkout", "payments"]) == [
        "PSRCH01", "PSVC123", "PWRK456",
    ]  # fmt: skip
    assert pagerduty_service_ids(settings, ["payments"]) == []


def test_a_refused_token_fails_pagerduty_only_and_is_not_retried(tmp_path: Path) -> None:
    recording = Recording.load("pagerduty_services.json", "slack.json")
    environ = {"HOTWASH_PAGERDUTY_TOKEN": "pd-revoked", "HOTWASH_SLACK_TOKEN": "xoxb-s3cret"}
    run = collect_with(
        settings_of(tree()), tmp_path / "c", recording.transport(), environ=environ,
        services=["checkout"],
    )  # fmt: skip
    found = {o.source: (o.record.status, o.record.message) for o in run.outcomes}
    assert found["pagerduty"] == (
        Status.FAILED,
        "pagerduty at http://pd.test: HTTP 401; check the token in $HOTWASH_PAGERDUTY_TOKEN",
    )
    assert found["slack"][0] is Status.DONE
    assert len(pagerduty_requests(recording)) == 1


def test_an_incident_without_a_usable_id_is_a_partial_answer(tmp_path: Path) -> None:
    listing = {"incidents": [{"id": "../../users"}], "more": False}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=listing))
    settings = settings_of({"sources": {"pagerduty": {"url": "http://pd.test"}}, **_one()})
    run = collect_with(settings, tmp_path / "c", transport, environ=TOKEN)
    [outcome] = run.outcomes
    assert (outcome.record.status, outcome.record.message) == (
        Status.FAILED,
        "pagerduty: an incident in the list has no usable id",
    )


def _one() -> dict[str, object]:
    return {"services": {"checkout": {"pagerduty_service_ids": ["PSVC123"]}}}


@pytest.fixture
def pagerduty_url() -> Iterator[str]:
    with replay_server(Recording.load("pagerduty_services.json")) as url:
        yield url


def test_collect_asks_pagerduty_for_the_incident_services_only(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pagerduty_url: str
) -> None:
    root = tmp_path / "ws"
    assert run("init", str(root)).code == 0
    with (root / "hotwash.toml").open("a") as config:
        config.write(
            f'\n[sources]\nretries = 0\n[sources.pagerduty]\nurl = "{pagerduty_url}"\n'
            '[services.checkout]\npagerduty_service_ids = ["PSVC123", "PWRK456"]\n'
            '[services.search]\npagerduty_service_ids = ["PSRCH01"]\n'
        )
    monkeypatch.chdir(root)
    incident = run("declare", "Checkout errors", "--sev", "2", "--service", "checkout",
                   "--at", "2024-05-14T09:35:00Z").out.strip()  # fmt: skip
    assert run("resolve", incident, "--at", "2024-05-14T09:59:00Z").code == 0

    done = run("collect", incident, env=TOKEN)
    assert done.code == 0, done.err
    assert "pagerduty/log_entries: saved pagerduty/log_entries.json (5 requests," in done.err
    assert "; 2 incident(s) of PagerDuty service(s) PSVC123, PWRK456" in done.err
    timeline = json.loads(run("timeline", incident, "--format", "json").out)
    assert timeline["milestones"]["acknowledged"].startswith("2024-05-14T09:36:40")

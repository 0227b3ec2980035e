"""Real Prometheus and Alertmanager: collect, rebuild, and find the alert and onset the test made.

The exporter's error share jumps at ``monitoring.onset``; Prometheus scrapes it and an
alert rule fires. ``hotwash collect`` must fetch both, attach them, and the timeline
rebuilt from them must put impact start at the onset and detection at the alert.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from monitoring import Monitoring

from clirun import Run

WAIT_SECONDS = 120.0  # generous: a loaded CI machine scrapes and evaluates late


def wait_for_incident(monitoring: Monitoring) -> dict[str, object]:
    """Until the exporter has played three bad minutes and Alertmanager holds the alert."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        played = monitoring.exporter.last_sample >= monitoring.onset + 4 * 60
        alerts = httpx.get(monitoring.alertmanager.url + "/api/v2/alerts", timeout=5).json()
        if played and alerts:
            return dict(alerts[0])
        time.sleep(0.5)
    raise AssertionError(f"no alert in time:\n{monitoring.prometheus.log()}")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.slow
def test_collect_finds_the_onset_and_the_alert_where_the_test_put_them(
    run: Run, live_workspace: Path, monitoring: Monitoring
) -> None:
    alert = wait_for_incident(monitoring)
    incident = run("declare", "Checkout failing", "--sev", "2", "--service", "checkout").out.strip()

    collected = run("collect", incident)
    assert collected.code == 0, collected.err
    assert "2 of 2 source(s) collected" in collected.out
    assert "2 new evidence item(s) attached" in collected.out

    built = run("timeline", incident, "--format", "json")
    assert built.code == 0, built.err
    timeline = json.loads(built.out)
    impact = at(timeline["milestones"]["impact_start"])
    # The onset is a minute boundary; the detector is minute-grained.
    assert abs(impact.timestamp() - monitoring.onset) <= 60
    detected = at(timeline["milestones"]["detected"])
    fired = at(str(alert["startsAt"]))
    assert detected == fired.replace(microsecond=0)
    served = monitoring.exporter.first_error_served
    assert served is not None
    # Prometheus scrapes and evaluates every second: it fires within a couple of intervals.
    assert served - 1 <= fired.timestamp() <= served + 5
    texts = [event["event"] for event in timeline["events"]]
    assert any(text.startswith("Alert CheckoutErrorRatioHigh firing") for text in texts)
    evidence = timeline["milestone_evidence"]["impact_start"]["evidence"]
    assert any("checkout-error_ratio.json" in ref["path"] for ref in evidence)


@pytest.mark.slow
def test_collect_again_fetches_nothing_already_fetched(
    run: Run, live_workspace: Path, monitoring: Monitoring
) -> None:
    wait_for_incident(monitoring)
    incident = run("declare", "Checkout failing", "--sev", "2").out.strip()
    assert run("resolve", incident).code == 0  # a resolved incident's window is fixed
    assert run("collect", incident).code == 0
    again = run("collect", incident)
    assert again.code == 0, again.err
    assert "(0 request(s), 0 B this run)" in again.out
    assert "0 new evidence item(s) attached" in again.out
    assert again.err.count("already fetched") == 2


@pytest.mark.slow
def test_report_builds_a_timeline_from_live_servers_in_one_command(
    run: Run, live_workspace: Path, monitoring: Monitoring, tmp_path: Path
) -> None:
    wait_for_incident(monitoring)
    start = datetime.fromtimestamp(monitoring.onset - 120, tz=UTC).isoformat()
    end = datetime.now(UTC).isoformat()
    out = tmp_path / "post-mortems"
    made = run("report", "--title", "Checkout failing", "--severity", "SEV2",
               "--start-time", start, "--end-time", end, "--output-dir", str(out))  # fmt: skip
    assert made.code == 0, made.err
    timeline = json.loads((out / "timeline.json").read_text())
    impact = at(timeline["milestones"]["impact_start"])
    assert abs(impact.timestamp() - monitoring.onset) <= 60
    assert timeline["milestones"]["detected"] is not None
    assert (out / "timeline.md").read_text().startswith("# Timeline")
    printed = made.out.splitlines()
    assert printed[0] == str(out / "timeline.md")
    assert "Wrote the timeline only" not in made.err  # postmortem drafting ships with hotwash
    assert Path(printed[1]).parent == out
    draft = Path(printed[1]).read_text()
    assert "Checkout failing" in draft
    assert "- **Severity:** SEV2" in draft

"""``collect`` and ``report`` from the command line, Loki replayed by a local server.

Alertmanager is configured at a port where nothing listens: it fails, clearly, and the
Loki evidence is still collected, attached and rebuilt into a timeline.
"""

from __future__ import annotations

import json
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from replay import Recording, replay_server

from clirun import Run

SELECTOR = '{app="checkout",namespace="prod"}'


@pytest.fixture
def loki_url() -> Iterator[str]:
    with replay_server(Recording.load("loki/checkout.json")) as url:
        yield url


@pytest.fixture
def dead_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def workspace(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loki_url: str, dead_port: int
) -> Path:
    root = tmp_path / "ws"
    assert run("init", str(root)).code == 0
    with (root / "hotwash.toml").open("a") as config:
        config.write(
            f"\n[sources]\ntimeout_seconds = 2\nretries = 0\n"
            f'[sources.loki]\nurl = "{loki_url}"\n'
            f'[sources.alertmanager]\nurl = "http://127.0.0.1:{dead_port}"\n'
            f"[services.checkout]\nlog_sources = [{{loki = '{SELECTOR}'}}]\n"
        )
    monkeypatch.chdir(root)
    return root


def test_collect_reports_the_failing_source_and_attaches_the_rest(
    run: Run, workspace: Path, dead_port: int
) -> None:
    declared = run("declare", "Checkout errors", "--sev", "2", "--service", "checkout",
                   "--at", "2024-05-14T09:35:00Z",
                   "--started-at", "2024-05-14T09:30:00Z")  # fmt: skip
    incident = declared.out.strip()
    assert run("resolve", incident, "--at", "2024-05-14T09:50:00Z").code == 0

    done = run("collect", incident, "--margin", "30m")
    assert done.code == 1
    assert (
        f"alertmanager/alerts: FAILED: alertmanager at http://127.0.0.1:{dead_port}: cannot connect"
        in done.err
    )
    assert "logs/checkout/0-loki: saved loki/checkout" in done.err
    assert f"{incident}: 1 of 2 source(s) collected" in done.out
    assert "1 new evidence item(s) attached" in done.out
    assert done.err.rstrip().endswith(
        f"1 of 2 source(s) failed (alertmanager/alerts); the others were collected;"
        f" run `hotwash collect {incident}` again to retry"
    )
    listed = json.loads(run("evidence", "list", incident, "--json").out)
    assert [Path(item["path"]).name for item in listed] == ["checkout"]
    assert len(listed[0]["sha256"]) == 64

    timeline = json.loads(run("timeline", incident, "--format", "json").out)
    assert timeline["milestones"]["impact_start"] == "2024-05-14T09:30:00Z"  # recorded wins
    evidence = timeline["milestone_evidence"]["impact_start"]
    assert evidence["method"] == "recorded in hotwash"
    assert any(f["path"].endswith("checkout-log_errors.json") for f in timeline["files"])


def test_report_without_postmortem_drafting_writes_the_timeline_and_says_so(
    run: Run, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "hotwash.postmortem.draft", None)  # as if not installed
    out = tmp_path / "report"
    done = run("report", "--title", "Checkout errors", "--severity", "2",
               "--start-time", "2024-05-14T09:30:00Z", "--end-time", "2024-05-14T09:50:00Z",
               "--output-dir", str(out))  # fmt: skip
    assert done.code == 0, done.err
    assert done.out.splitlines() == [str(out / "timeline.md")]
    assert "Wrote the timeline only: postmortem drafting is not available" in done.err
    assert "warning: alertmanager/alerts failed; the report lacks it" in done.err
    timeline = json.loads((out / "timeline.json").read_text())
    # Loki's count_over_time([1m]) at 09:31 is the first to jump: it counts the minute
    # before it, so the onset lies in 09:30-09:31 (a fitted rise may put it inside).
    onset = timeline["milestones"]["impact_start"]
    assert "2024-05-14T09:30:00Z" <= onset <= "2024-05-14T09:31:00Z"

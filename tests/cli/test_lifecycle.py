"""The lifecycle through the CLI, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from clirun import Run

NOW = "2026-03-14T15:00:00Z"


def _env(store_url: str, now: str = NOW) -> dict[str, str]:
    env = {"HOTWASH_NOW": now}
    if store_url.startswith("postgresql"):
        env["HOTWASH_DATABASE_URL"] = store_url
    return env


def test_lifecycle_round_trip(run: Run, workspace: Path, store_url: str, tmp_path: Path) -> None:
    env = _env(store_url)
    declared = run(
        "declare",
        "Checkout 502s",
        "--sev",
        "2",
        "--service",
        "checkout",
        "--commander",
        "Dana",
        "--impact",
        "40% of checkouts fail",
        "--started-at",
        "14:02 UTC",
        "--detected-at",
        "15:06 CET",
        env=env,
    )
    assert declared.code == 0, declared.err
    incident = declared.out.strip()
    assert incident == "INC-2026-0001"
    assert "INCIDENT DECLARED: Checkout 502s" in declared.err
    steps = [
        ("role", incident, "responder", "Lee"),
        ("note", incident, "deploy 4411 finished", "--at", "13:58 UTC", "--actor", "Lee"),
        ("update", incident, "rolling back payments-api"),
        ("status", incident, "identified", "--note", "pool exhausted"),
        ("status", incident, "monitoring", "--at", "2026-03-14T14:33:00Z"),
        ("resolve", incident, "--at", "2026-03-14T14:50:00Z"),
    ]
    for step in steps:
        result = run(*step, env=env)
        assert result.code == 0, (step, result.err)
    shown = json.loads(run("show", incident, "--json", env=env).out)
    assert shown["incident"]["status"] == "Resolved"
    assert shown["incident"]["milestones"] == {
        "declared": "2026-03-14T15:00:00+00:00",
        "impact_start": "2026-03-14T14:02:00+00:00",
        "detected": "2026-03-14T14:06:00+00:00",
        "mitigated": "2026-03-14T14:33:00+00:00",
        "resolved": "2026-03-14T14:50:00+00:00",
    }
    assert shown["events"][0]["text"] == "deploy 4411 finished"
    assert shown["incident"]["roles"]["responders"] == ["Lee"]

    exported = tmp_path / "export.json"
    assert run("export", incident, "--json", "-o", str(exported), env=env).code == 0
    other = tmp_path / "other"
    assert run("init", str(other)).code == 0
    imported = run("-C", str(other), "import-incident", str(exported))
    assert imported.code == 0, imported.err
    again = run("-C", str(other), "export", incident, "--json")
    assert json.loads(again.out) == json.loads(exported.read_text())


def test_list_and_due(run: Run, workspace: Path, store_url: str) -> None:
    env = _env(store_url, "2026-03-14T14:00:00Z")
    first = run("declare", "Login slow", "--sev", "1", env=env).out.strip()
    second = run("declare", "Typo on pricing page", "--sev", "4", env=env).out.strip()
    listed = json.loads(run("list", "--json", "--sev", "1", env=env).out)
    assert [i["id"] for i in listed] == [first]
    late = run("due", "--json", env=_env(store_url, "2026-03-14T14:20:00Z"))
    assert json.loads(late.out) == [
        {
            "incident": first,
            "severity": "SEV1",
            "kind": "update",
            "due_at": "2026-03-14T14:15:00+00:00",
            "overdue": True,
            "overdue_seconds": 300,
            "title": "Login slow",
        }
    ]
    everything = json.loads(run("due", "--all", "--json", env=env).out)
    assert {item["incident"] for item in everything} == {first, second}
    piped = run("list", env=env).out.splitlines()
    assert piped[0].split("\t")[:3] == ["ID", "Sev", "Status"]
    assert len(piped) == 3


def test_times_are_shown_in_the_display_zone_and_utc(run: Run, workspace: Path) -> None:
    env = {"HOTWASH_NOW": "2026-07-01T12:00:00Z"}
    incident = run("declare", "Slow search", "--sev", "3", env=env).out.strip()
    shown = run("show", incident, env=env).out
    assert "2026-07-01 12:00:00 UTC (14:00 CEST)" in shown
    tokyo = run("--tz", "Asia/Tokyo", "show", incident, env=env).out
    assert "(21:00 JST)" in tokyo


def test_python_dash_m_and_console_script(workspace: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hotwash", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "0.1.0" in result.stdout
    script = Path(sys.executable).parent / "hotwash"
    listed = subprocess.run(
        [str(script), "list"], capture_output=True, text=True, check=False, cwd=workspace
    )
    assert listed.returncode == 0, listed.stderr

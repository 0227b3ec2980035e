"""The whole flow on a realistic multi-source bundle: evidence folder -> timeline.

The expected milestones are where the bundle's generator put them (checked by hand
against the files): impact 14:02, alert 14:06:12, ack 14:07:40, declared in chat
14:09:05, back to baseline 14:31, page resolved 14:48.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest

from clirun import Run
from hotwash.demo.evidence import write_evidence

EXPECTED = {
    "impact_start": "2026-03-14T14:02:00Z",
    "detected": "2026-03-14T14:06:12Z",
    "acknowledged": "2026-03-14T14:07:40Z",
    "declared": "2026-03-14T14:09:05Z",
    "mitigated": "2026-03-14T14:31:00Z",
    "resolved": "2026-03-14T14:48:00Z",
}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bundle")
    write_evidence(folder)
    # A secret and an email pasted into chat must not reach anything derived from it.
    day = folder / "slack-export" / "incidents" / "2026-03-14.json"
    messages = json.loads(day.read_text())
    messages.append(
        {
            "type": "message",
            "user": "U02LEE",
            "ts": "1773498000.000000",
            "text": "db url is postgresql://app:hunter2@db.internal:5432/pay, ping lee@example.com",
        }
    )
    day.write_text(json.dumps(messages))
    (folder / "notes.bin").write_bytes(bytes(range(256)) * 4)
    return folder


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def result(bundle: Path) -> dict[str, object]:
    from hotwash.cli import main

    before = _digests(bundle)
    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as done:
        main(["timeline", str(bundle), "--format", "json"])
    assert done.value.code == 0
    assert _digests(bundle) == before, "evidence files must never be modified"
    parsed: dict[str, object] = json.loads(out.getvalue())
    return parsed


def test_milestones_match_the_evidence(result: dict[str, object]) -> None:
    assert result["milestones"] == EXPECTED


def test_each_milestone_names_its_evidence(result: dict[str, object]) -> None:
    evidence = result["milestone_evidence"]
    assert isinstance(evidence, dict)
    paths = {name: [ref["path"] for ref in found["evidence"]] for name, found in evidence.items()}
    assert "prometheus-checkout-5xx-ratio.json" in paths["impact_start"]
    assert paths["detected"] == ["alertmanager-alerts.json"]
    assert paths["acknowledged"] == ["pagerduty-log-entries.json"]
    assert paths["declared"] == ["slack-export/incidents/2026-03-14.json"]
    assert paths["resolved"] == ["pagerduty-log-entries.json"]
    assert all(0 < found["confidence"] <= 1 for found in evidence.values())


def test_delays_in_seconds(result: dict[str, object]) -> None:
    assert result["delays"] == {
        "detection": 252,
        "acknowledgement": 88,
        "declaration": 173,
        "mitigation_from_impact": 1740,
        "mitigation_from_detection": 1488,
        "resolution": 2760,
    }


def test_the_deploy_before_onset_is_flagged(result: dict[str, object]) -> None:
    changes = result["changes"]
    assert isinstance(changes, list)
    first = changes[0]
    assert first["change"].startswith("Deploy payments-api v2.14.0")
    assert first["seconds_before_impact"] == 236
    assert first["suspicious"] is True


def test_nothing_derived_leaks_the_secret_or_email(result: dict[str, object]) -> None:
    text = json.dumps(result)
    assert "hunter2" not in text
    assert "lee@example.com" not in text
    assert result["redactions"] == {"email": 1, "password": 1}


def test_every_file_is_reported_with_its_format(result: dict[str, object]) -> None:
    files = {f["path"]: f for f in result["files"]}  # type: ignore[union-attr]
    assert files["edge-nginx-access.log"]["records"] == 3600
    assert files["notes.bin"]["format"] == "unknown"
    assert files["notes.bin"]["skipped"]
    assert {f["path"] for f in files.values()} >= {
        "alertmanager-alerts.json",
        "pagerduty-log-entries.json",
        "deploys.csv",
        "payments-api.jsonl",
        "prometheus-checkout-5xx-ratio.json",
    }


def test_log_errors_are_condensed_not_listed_line_by_line(result: dict[str, object]) -> None:
    events = result["events"]
    assert isinstance(events, list)
    assert len(events) < 40
    pool = [e for e in events if e["source"] == "payments-api.jsonl"]
    assert len(pool) == 1
    assert pool[0]["count"] > 50


def test_markdown_and_csv(run: Run, bundle: Path) -> None:
    markdown = run("timeline", str(bundle))
    assert markdown.code == 0, markdown.err
    assert "| Time (UTC) | Event | Source | Actor |" in markdown.out
    assert "**[detected]** Alert CheckoutHigh5xxRate firing" in markdown.out
    assert "Detection delay (impact start → detected): 4m" in markdown.out
    rows = list(csv.DictReader(io.StringIO(run("timeline", str(bundle), "--format", "csv").out)))
    marked = {m for row in rows for m in row["milestones"].split(";") if m}
    assert marked == set(EXPECTED)
    berlin = run("timeline", str(bundle), "--tz", "Europe/Berlin")
    assert "| Time (Europe/Berlin) |" in berlin.out
    assert "2026-03-14 15:06:12" in berlin.out


def test_override_is_recorded_as_such(run: Run, bundle: Path) -> None:
    result = run(
        "timeline", str(bundle), "--format", "json", "--milestone", "detected=2026-03-14T14:05:00Z"
    )
    parsed = json.loads(result.out)
    assert parsed["milestones"]["detected"] == "2026-03-14T14:05:00Z"
    found = parsed["milestone_evidence"]["detected"]
    assert found["overridden"] is True
    assert found["computed"] == "2026-03-14T14:06:12Z"
    assert parsed["delays"]["detection"] == 180


def test_since_and_until_filter_events_but_keep_milestones(run: Run, bundle: Path) -> None:
    parsed = json.loads(
        run(
            "timeline",
            str(bundle),
            "--format",
            "json",
            "--since",
            "2026-03-14T14:10:00Z",
            "--until",
            "2026-03-14T14:40:00Z",
        ).out
    )
    plain = [e for e in parsed["events"] if not e["milestones"]]
    assert plain
    assert all("2026-03-14T14:10:00Z" <= e["time"] <= "2026-03-14T14:40:00Z" for e in plain)
    assert parsed["milestones"] == EXPECTED


def test_missing_evidence_path_is_a_one_line_error(run: Run, tmp_path: Path) -> None:
    result = run("timeline", str(tmp_path / "nope"))
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        f"hotwash: error: no such evidence file or folder: {tmp_path / 'nope'}"
    ]

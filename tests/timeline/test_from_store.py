"""The store as evidence: an incident's own record, then ``hotwash timeline INC`` end to end.

The incident is declared with times that differ from what the demo bundle shows, so the
timeline can only give the recorded values if recorded milestones really win: impact
14:03 (evidence: 14:02), detected 14:05 (alert 14:06:12), declared 14:09:30 (chat
14:09:05), mitigated 14:33 (metrics 14:31), resolved 14:50 (page resolved 14:48).
Acknowledged is not recorded, so it still comes from the evidence (page ack 14:07:40).
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import Run
from hotwash.demo.evidence import write_evidence
from hotwash.evidence.model import SignalKind
from hotwash.incidents.events import EventKind, TimelineEvent
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import Incident
from hotwash.incidents.severity import Severity
from hotwash.incidents.status import Status
from hotwash.timeline.from_store import store_batch
from hotwash.timeline.milestones import RECORDED

DEPLOYS = Path(__file__).resolve().parents[1] / "fixtures" / "evidence" / "incident" / "changes"
NOW = "2026-03-14T15:00:00Z"


def utc(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 3, 14, hour, minute, second, tzinfo=UTC)


# The record on its own -----------------------------------------------------------------------


def _incident(**milestones: datetime) -> Incident:
    return Incident(
        id="INC-2026-0007",
        title="Checkout 502s",
        severity=Severity.SEV2,
        status=Status.INVESTIGATING,
        created_at=utc(14, 9),
        milestones={Milestone(name): at for name, at in milestones.items()},
    )


def _event(seq: int, at: datetime, kind: EventKind, text: str, **fields: object) -> TimelineEvent:
    return TimelineEvent(at=at, text=text, kind=kind, seq=seq, **fields)  # type: ignore[arg-type]


def test_notes_updates_and_status_changes_keep_their_actors() -> None:
    events = [
        _event(1, utc(14, 9), EventKind.STATUS_CHANGE, "Incident declared (SEV2)", actor="dana"),
        _event(2, utc(14, 20), EventKind.NOTE, "rolling back payments-api", actor="Lee"),
        _event(3, utc(14, 25), EventKind.UPDATE, "Rollback under way", actor="dana"),
    ]
    batch = store_batch(_incident(), events)

    assert [(e.at, e.kind, e.text, e.actor) for e in batch.events] == [
        (utc(14, 9), SignalKind.STATUS_CHANGE, "Incident declared (SEV2)", "dana"),
        (utc(14, 20), SignalKind.NOTE, "rolling back payments-api", "Lee"),
        (utc(14, 25), SignalKind.NOTE, "Update: Rollback under way", "dana"),
    ]
    assert {e.source for e in batch.events} == {"hotwash"}
    assert [str(e.ref) for e in batch.events][1] == "INC-2026-0007 (note #2)"
    assert all(RECORDED not in e.labels for e in batch.events)
    (stats,) = batch.stats
    assert (stats.path, stats.records) == ("INC-2026-0007", 3)
    assert (stats.first_time, stats.last_time) == (utc(14, 9), utc(14, 25))


def _milestone(seq: int, at: datetime, milestone: Milestone, note: str = "") -> TimelineEvent:
    text = f"Milestone: {milestone.label}{note}"
    return _event(seq, at, EventKind.MILESTONE, text, milestone=milestone)


def test_only_the_current_value_of_a_milestone_is_labelled() -> None:
    events = [
        _milestone(1, utc(14, 6), Milestone.DETECTED),
        # Overridden to an earlier time: the earlier event is the current one, not the later.
        _milestone(2, utc(14, 5), Milestone.DETECTED, " (overridden by dana)"),
        # Resolved, then reopened: the incident no longer holds a resolution.
        _milestone(3, utc(14, 40), Milestone.RESOLVED),
    ]
    batch = store_batch(_incident(detected=utc(14, 5)), events)

    assert [(e.text, e.labels.get(RECORDED)) for e in batch.events] == [
        ("Milestone: detected (superseded)", None),
        ("Milestone: detected (overridden by dana)", "detected"),
        ("Milestone: resolved (superseded)", None),
    ]


def test_a_milestone_without_an_event_still_counts() -> None:
    batch = store_batch(_incident(impact_start=utc(14, 3)), [])

    (event,) = batch.events
    assert (event.at, event.labels[RECORDED], event.text) == (
        utc(14, 3),
        "impact_start",
        "Milestone: impact start",
    )
    assert str(event.ref) == "INC-2026-0007 (incident record)"


_MINUTES = st.integers(min_value=0, max_value=30)


@settings(max_examples=150, deadline=None)
@given(
    held=st.dictionaries(st.sampled_from(list(Milestone)), _MINUTES),
    recorded=st.lists(st.tuples(st.sampled_from(list(Milestone)), _MINUTES), max_size=12),
)
def test_each_held_milestone_is_labelled_exactly_once_at_its_time(
    held: dict[Milestone, int], recorded: list[tuple[Milestone, int]]
) -> None:
    events = [
        _milestone(seq, utc(14, minute), milestone)
        for seq, (milestone, minute) in enumerate(recorded, 1)
    ]
    incident = _incident(**{m.value: utc(14, minute) for m, minute in held.items()})

    batch = store_batch(incident, events)

    labelled = [(Milestone(e.labels[RECORDED]), e.at) for e in batch.events if RECORDED in e.labels]
    assert sorted(labelled) == sorted(incident.milestones.items())
    backed = {m for m, minute in recorded if held.get(m) == minute}
    assert len(batch.events) == len(events) + len(set(held) - backed)


# The whole command ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bundle")
    write_evidence(folder)
    return folder


@pytest.fixture
def env(
    store_url: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    root = tmp_path / "ws"
    assert run("init", str(root), "--timezone", "Europe/Berlin").code == 0
    monkeypatch.chdir(root)
    values = {"HOTWASH_NOW": NOW}
    if store_url.startswith("postgresql"):
        values["HOTWASH_DATABASE_URL"] = store_url
    return values


def _ok(run: Run, *args: str, env: dict[str, str]) -> str:
    result = run(*args, env=env)
    assert result.code == 0, (args, result.err)
    return result.out.strip()


def _timeline(run: Run, incident: str, env: dict[str, str]) -> dict[str, Any]:
    result = run("timeline", incident, "--format", "json", env=env)
    assert result.code == 0, result.err
    parsed: dict[str, Any] = json.loads(result.out)
    return parsed


def test_recorded_milestones_win_and_notes_keep_their_actors(
    run: Run, env: dict[str, str], bundle: Path
) -> None:
    incident = _ok(
        run,
        "declare", "Checkout 502s", "--sev", "2", "--no-notify", "--at", "14:09:30Z",
        "--started-at", "14:03Z", "--detected-at", "14:05Z",
        env=env,
    )  # fmt: skip
    _ok(
        run,
        "note",
        incident,
        "rolling back payments-api",
        "--at",
        "14:20Z",
        "--actor",
        "Lee",
        env=env,
    )
    _ok(run, "status", incident, "monitoring", "--at", "14:33Z", "--no-notify", env=env)
    _ok(run, "resolve", incident, "--at", "14:50Z", "--no-notify", env=env)
    _ok(run, "evidence", "add", incident, str(bundle), env=env)

    parsed = _timeline(run, incident, env)

    assert parsed["milestones"] == {
        "impact_start": "2026-03-14T14:03:00Z",
        "detected": "2026-03-14T14:05:00Z",
        "acknowledged": "2026-03-14T14:07:40Z",
        "declared": "2026-03-14T14:09:30Z",
        "mitigated": "2026-03-14T14:33:00Z",
        "resolved": "2026-03-14T14:50:00Z",
    }
    found = parsed["milestone_evidence"]
    assert found["detected"]["method"] == "recorded in hotwash"
    assert found["detected"]["evidence"][0]["path"] == incident
    assert found["acknowledged"]["evidence"][0]["path"] == "pagerduty-log-entries.json"
    events = parsed["events"]
    notes = [(e["time"], e["event"], e["actor"]) for e in events if e["source"] == "hotwash"]
    assert ("2026-03-14T14:20:00Z", "rolling back payments-api", "Lee") in notes
    marked = {m: e["source"] for e in events for m in e["milestones"]}
    assert marked["detected"] == "hotwash"
    assert marked["acknowledged"] == "pagerduty"
    files = {f["path"]: f["format"] for f in parsed["files"]}
    assert files[incident] == "hotwash incident record"
    assert files["alertmanager-alerts.json"] == "alertmanager"


@pytest.fixture
def incident_with_file(run: Run, env: dict[str, str], tmp_path: Path) -> tuple[str, Path]:
    deploys = tmp_path / "deploys.csv"
    shutil.copy(DEPLOYS / "deploys.csv", deploys)
    incident = _ok(run, "declare", "Checkout 502s", "--sev", "2", "--no-notify", env=env)
    _ok(run, "evidence", "add", incident, str(deploys), env=env)
    return incident, deploys


def test_a_changed_file_is_read_with_a_warning(
    run: Run, env: dict[str, str], incident_with_file: tuple[str, Path]
) -> None:
    incident, deploys = incident_with_file
    with deploys.open("a") as edited:
        edited.write("\n")

    result = run("timeline", incident, "--format", "json", env=env)

    assert result.code == 0, result.err
    assert f"warning: E1 {deploys}: changed since attached: sha256 was" in result.err
    assert any(f["path"] == "deploys.csv" for f in json.loads(result.out)["files"])


def test_a_missing_file_fails_in_one_line(
    run: Run, env: dict[str, str], incident_with_file: tuple[str, Path]
) -> None:
    incident, deploys = incident_with_file
    deploys.unlink()

    result = run("timeline", incident, env=env)

    assert result.code == 1
    assert result.out == ""
    assert result.err.strip().splitlines() == [
        f"hotwash: error: attached evidence cannot be read: E1 {deploys} missing"
    ]


def test_a_restricted_incident_is_invisible_to_outsiders(
    run: Run, env: dict[str, str], tmp_path: Path
) -> None:
    incident = _ok(
        run, "declare", "Leaked keys", "--sev", "1", "--restricted", "--no-notify", env=env
    )
    _ok(run, "note", incident, "rotated the keys", env=env)

    outsider = run("timeline", incident, env=env | {"HOTWASH_USER": "eve"})
    member = run("timeline", incident, "--format", "json", env=env)

    assert outsider.code == 1
    assert outsider.out == ""
    assert outsider.err.strip() == f"hotwash: error: unknown incident {incident}"
    assert member.code == 0, member.err
    assert "rotated the keys" in member.out


def test_an_incident_and_extra_paths_together(
    run: Run, env: dict[str, str], tmp_path: Path
) -> None:
    incident = _ok(run, "declare", "Checkout 502s", "--sev", "2", "--no-notify", env=env)
    extra = tmp_path / "more"
    extra.mkdir()
    shutil.copy(DEPLOYS / "deploys.csv", extra / "deploys.csv")

    parsed = json.loads(_ok(run, "timeline", incident, str(extra), "--format", "json", env=env))

    assert {f["path"] for f in parsed["files"]} == {incident, "deploys.csv"}
    two = run("timeline", incident, "INC-2026-0002", env=env)
    assert two.code == 2
    assert "one incident at a time" in two.err


def test_an_overridden_and_a_reopened_milestone_through_the_cli(
    run: Run, env: dict[str, str]
) -> None:
    incident = _ok(
        run, "declare", "Checkout 502s", "--sev", "2", "--no-notify", "--at", "14:09Z",
        "--detected-at", "14:05Z", env=env,
    )  # fmt: skip
    _ok(run, "milestone", incident, "detected", "14:04Z", env=env)
    _ok(run, "resolve", incident, "--at", "14:50Z", "--no-notify", env=env)
    _ok(run, "reopen", incident, "--at", "14:55Z", env=env)

    parsed = _timeline(run, incident, env)

    milestones = parsed["milestones"]
    assert milestones["detected"] == "2026-03-14T14:04:00Z"
    assert milestones["resolved"] is None  # the reopen cleared it; nothing else shows one
    events = parsed["events"]
    texts = [e["event"] for e in events if e["source"] == "hotwash"]
    assert "Milestone: detected (superseded)" in texts
    assert "Milestone: resolved (superseded)" in texts


def test_the_copy_is_read_once_the_original_is_gone(
    run: Run, env: dict[str, str], tmp_path: Path
) -> None:
    deploys = tmp_path / "deploys.csv"
    shutil.copy(DEPLOYS / "deploys.csv", deploys)
    incident = _ok(run, "declare", "Checkout 502s", "--sev", "2", "--no-notify", env=env)
    _ok(run, "evidence", "add", incident, str(deploys), "--copy", "--source-zone", "UTC", env=env)
    deploys.unlink()

    parsed = _timeline(run, incident, env)

    (report,) = [f for f in parsed["files"] if f["path"] == "deploys.csv"]
    assert report["format"] == "deploys csv"
    assert report["records"] > 0
    assert any(e["kind"] == "deploy" for e in parsed["events"])


def test_each_item_is_read_in_the_zone_it_was_attached_with(
    run: Run, env: dict[str, str], tmp_path: Path
) -> None:
    lines = "".join(f"2026-03-14 09:0{m}:00 ERROR payment failed id={m}\n" for m in range(5))
    new_york, berlin = tmp_path / "ny", tmp_path / "de"
    for folder in (new_york, berlin):
        folder.mkdir()
        (folder / "app.log").write_text(lines + f"# {folder.name}\n")
    incident = _ok(run, "declare", "Checkout 502s", "--sev", "2", "--no-notify", env=env)
    zone = ("--source-zone", "America/New_York")
    _ok(run, "evidence", "add", incident, str(new_york / "app.log"), *zone, env=env)
    _ok(run, "evidence", "add", incident, str(berlin / "app.log"), env=env)  # workspace zone

    files = [f for f in _timeline(run, incident, env)["files"] if f["path"] == "app.log"]

    assert [(f["assumed_zone"], f["first_time"]) for f in files] == [
        ("America/New_York", "2026-03-14T13:00:00Z"),  # EDT since 8 March
        ("Europe/Berlin", "2026-03-14T08:00:00Z"),
    ]

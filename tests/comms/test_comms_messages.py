"""Rendering: the seed's message shapes filled from an incident's real state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hotwash.comms import (
    ANNOUNCED_EVENT,
    MessageKind,
    build_context,
    message_for_status,
    render_message,
)
from hotwash.comms.context import spoken_duration
from hotwash.config.policy import SeverityPolicy
from hotwash.config.settings import MESSAGE_EVENTS
from hotwash.errors import ValidationError
from hotwash.incidents.events import EventKind, TimelineEvent
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import Incident, Roles
from hotwash.incidents.service import Declaration, IncidentService
from hotwash.incidents.severity import Severity
from hotwash.incidents.status import Status

T0 = datetime(2026, 3, 14, 14, 5, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
POLICY = SeverityPolicy()


def incident(
    severity: Severity = Severity.SEV1,
    *,
    status: Status = Status.INVESTIGATING,
    commander: str | None = "dana",
    impact: str | None = "Checkout returns errors for all users",
    services: tuple[str, ...] = ("checkout",),
) -> Incident:
    return Incident(
        id="INC-2026-0007",
        title="Checkout errors",
        severity=severity,
        status=status,
        created_at=T0,
        services=list(services),
        roles=Roles(commander=commander),
        impact=impact,
        milestones={Milestone.DECLARED: T0},
    )


def at(minutes: int, kind: EventKind, text: str = "something") -> TimelineEvent:
    return TimelineEvent(at=T0 + timedelta(minutes=minutes), text=text, kind=kind)


DECLARED = at(0, EventKind.STATUS_CHANGE, "Incident declared (SEV1)")


def render(kind: MessageKind, inc: Incident, events: list[TimelineEvent], **kw: object) -> str:
    now = kw.pop("now", T0)
    zone = kw.pop("zone", BERLIN)
    context = build_context(inc, events, POLICY, now, zone)  # type: ignore[arg-type]
    return render_message(kind, context, **kw)  # type: ignore[arg-type]


# -- the IC's messages ------------------------------------------------------------------


def test_declared_message_has_the_seed_shape_with_utc_and_local_times() -> None:
    assert render(MessageKind.DECLARED, incident(), [DECLARED]) == (
        "INCIDENT DECLARED: Checkout errors\n"
        "Severity: SEV1\n"
        "Commander: dana\n"
        "Start time: 2026-03-14 14:05 UTC (15:05 CET)\n"
        "Impact: Checkout returns errors for all users\n"
        "Status: Investigating\n"
        "Next update: 2026-03-14 14:20 UTC (15:20 CET)"
    )


def test_missing_commander_and_impact_are_visible_and_utc_shows_no_local_time() -> None:
    text = render(MessageKind.DECLARED, incident(commander=None, impact=None), [DECLARED], zone=UTC)
    assert "Commander: unassigned\n" in text
    assert "Impact: [impact not yet described]\n" in text
    assert "Start time: 2026-03-14 14:05 UTC\n" in text
    assert "(" not in text


def test_start_time_is_when_impact_began_not_when_declared() -> None:
    inc = incident()
    inc.milestones[Milestone.IMPACT_START] = T0 - timedelta(minutes=20)
    text = render(MessageKind.DECLARED, inc, [DECLARED])
    assert "Start time: 2026-03-14 13:45 UTC (14:45 CET)\n" in text


def test_local_time_shows_its_date_when_it_falls_on_another_day() -> None:
    late = datetime(2026, 3, 14, 23, 30, tzinfo=UTC)
    inc = incident()
    inc.milestones[Milestone.IMPACT_START] = late
    text = render(MessageKind.DECLARED, inc, [DECLARED], zone=ZoneInfo("Asia/Tokyo"))
    assert "Start time: 2026-03-14 23:30 UTC (2026-03-15 08:30 JST)\n" in text


@pytest.mark.parametrize(
    ("severity", "next_update"), [(Severity.SEV1, "15:00"), (Severity.SEV2, "15:15")]
)
def test_update_runs_the_cadence_from_the_last_update(severity: Severity, next_update: str) -> None:
    events = [DECLARED, at(40, EventKind.UPDATE, "Connection pool exhausted on db-2.")]
    text = render(MessageKind.UPDATE, incident(severity), events, now=T0 + timedelta(minutes=65))
    assert text == (
        "INCIDENT UPDATE: Checkout errors\n"
        f"Severity: {severity.value}\n"
        "Duration: 1h 05m\n"
        "Status: Investigating\n"
        "Current findings: Connection pool exhausted on db-2\n"
        "Actions in progress: [no actions recorded since the last update]\n"
        f"Next update: 2026-03-14 {next_update} UTC"
        f" ({int(next_update[:2]) + 1}:{next_update[3:]} CET)"
    )


def test_a_later_status_change_restarts_the_cadence_and_findings_are_the_latest_update() -> None:
    events = [
        DECLARED,
        at(10, EventKind.UPDATE, "first look"),
        at(20, EventKind.UPDATE, "pool exhausted"),
        at(30, EventKind.STATUS_CHANGE, "Status: Investigating → Identified"),
        at(35, EventKind.NOTE, "not an announcement"),
    ]
    context = build_context(incident(), events, POLICY, T0, UTC)
    assert context.next_update_at == T0 + timedelta(minutes=30 + 15)
    assert context.findings == "pool exhausted"


def test_actions_are_the_latest_note_since_the_previous_update_without_role_changes() -> None:
    events = [
        DECLARED,
        at(5, EventKind.NOTE, "stale: checking dashboards"),
        at(10, EventKind.UPDATE, "first look"),
        at(12, EventKind.NOTE, "Rolling back deploy 4711"),
        at(14, EventKind.NOTE, "Commander: erin"),
        at(20, EventKind.UPDATE, "errors falling"),
    ]
    assert build_context(incident(), events, POLICY, T0, UTC).actions == "Rolling back deploy 4711"
    only_old = [e for e in events if "4711" not in e.text]
    placeholder = "[no actions recorded since the last update]"
    assert build_context(incident(), only_old, POLICY, T0, UTC).actions == placeholder


def test_resolved_incident_has_no_next_update_and_its_duration_stops_at_resolution() -> None:
    inc = incident(status=Status.RESOLVED)
    inc.milestones[Milestone.RESOLVED] = T0 + timedelta(minutes=50)
    text = render(MessageKind.UPDATE, inc, [DECLARED], now=T0 + timedelta(days=1))
    assert "Duration: 50m\n" in text
    assert "Status: Resolved\n" in text
    assert text.endswith("Next update: none (the incident is no longer active)")


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=600),
            st.sampled_from([EventKind.UPDATE, EventKind.STATUS_CHANGE, EventKind.NOTE]),
        ),
        max_size=8,
    ),
    st.sampled_from(list(Severity)),
)
def test_next_update_is_last_announcement_plus_cadence(
    timeline: list[tuple[int, EventKind]], severity: Severity
) -> None:
    events = [at(minutes, kind) for minutes, kind in timeline]
    announced = [m for m, kind in timeline if kind is not EventKind.NOTE]
    context = build_context(incident(severity), events, POLICY, T0, UTC)
    expected = T0 + timedelta(minutes=max(announced, default=0))
    assert context.next_update_at == expected + POLICY.rule(severity).update_cadence


# -- status-page texts ------------------------------------------------------------------


def test_status_investigating_promises_an_update_within_the_cadence() -> None:
    text = render(MessageKind.STATUS_INVESTIGATING, incident(Severity.SEV2), [DECLARED])
    assert text == (
        "[Investigating] We are investigating reports of Checkout errors.\n"
        "Users may experience Checkout returns errors for all users.\n"
        "We will provide an update within 30 minutes."
    )


def test_status_identified_describes_the_latest_findings() -> None:
    events = [DECLARED, at(20, EventKind.UPDATE, "a database connection limit.")]
    text = render(MessageKind.STATUS_IDENTIFIED, incident(), events)
    assert text.startswith(
        "[Identified] The issue has been identified as a database connection limit.\n"
        "We are working on a fix."
    )
    assert "within 15 minutes." in text


def test_status_monitoring_speaks_in_the_same_voice() -> None:
    text = render(MessageKind.STATUS_MONITORING, incident(Severity.SEV3), [DECLARED])
    assert text == (
        "[Monitoring] A fix has been implemented and we are monitoring the results.\n"
        "We will provide an update within 2 hours."
    )


def test_status_resolved_leaves_the_cause_summary_to_the_author() -> None:
    inc = incident(status=Status.RESOLVED, services=("checkout", "payments", "search"))
    text = render(MessageKind.STATUS_RESOLVED, inc, [DECLARED])
    lines = text.splitlines()
    assert (
        lines[0]
        == "[Resolved] The issue affecting checkout, payments and search has been resolved."
    )
    assert lines[1].startswith("What happened: [")
    assert lines[1].endswith("].")
    assert "root cause" not in text.lower()
    assert lines[-1] == "We apologize for the disruption and will publish a detailed post-mortem."


def test_status_resolved_without_services_shows_a_placeholder() -> None:
    text = render(MessageKind.STATUS_RESOLVED, incident(services=()), [DECLARED])
    assert text.startswith("[Resolved] The issue affecting [affected service] has been resolved.")


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (Status.INVESTIGATING, MessageKind.STATUS_INVESTIGATING),
        (Status.IDENTIFIED, MessageKind.STATUS_IDENTIFIED),
        (Status.MITIGATING, None),
        (Status.MONITORING, MessageKind.STATUS_MONITORING),
        (Status.RESOLVED, MessageKind.STATUS_RESOLVED),
        (Status.POSTMORTEM, None),
        (Status.CLOSED, None),
    ],
)
def test_message_for_status(status: Status, kind: MessageKind | None) -> None:
    assert message_for_status(status) is kind


def test_every_kind_announces_a_configurable_event() -> None:
    assert set(ANNOUNCED_EVENT) == set(MessageKind)
    assert set(ANNOUNCED_EVENT.values()) == set(MESSAGE_EVENTS)
    assert ANNOUNCED_EVENT[MessageKind.STATUS_MONITORING] == "status"
    assert ANNOUNCED_EVENT[MessageKind.STATUS_RESOLVED] == "resolved"


def test_message_kind_parse() -> None:
    assert MessageKind.parse(" Status-Resolved ") is MessageKind.STATUS_RESOLVED
    with pytest.raises(ValidationError, match="expected one of declared, update"):
        MessageKind.parse("postmortem")


@pytest.mark.parametrize(
    ("delta", "spoken"),
    [
        (timedelta(minutes=1), "1 minute"),
        (timedelta(minutes=15), "15 minutes"),
        (timedelta(hours=1, minutes=30), "1 hour 30 minutes"),
        (timedelta(days=1), "1 day"),
    ],
)
def test_spoken_duration(delta: timedelta, spoken: str) -> None:
    assert spoken_duration(delta) == spoken


# -- workspace overrides ----------------------------------------------------------------


def test_workspace_override_wins_and_other_kinds_stay_built_in(tmp_path: Path) -> None:
    (tmp_path / "update.txt.j2").write_text("{{ incident_id }} | {{ escalation }}\n")
    update = render(MessageKind.UPDATE, incident(Severity.SEV2), [DECLARED], override_dir=tmp_path)
    assert update == "INC-2026-0007 | Page on-call engineer; Notify engineering manager"
    declared = render(MessageKind.DECLARED, incident(), [DECLARED], override_dir=tmp_path)
    assert declared.startswith("INCIDENT DECLARED: Checkout errors\n")


def test_missing_override_dir_falls_back_to_built_ins(tmp_path: Path) -> None:
    text = render(MessageKind.DECLARED, incident(), [DECLARED], override_dir=tmp_path / "none")
    assert text.startswith("INCIDENT DECLARED:")


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("Title: {{ title }}\nBy: {{ commandr }}\n", "line 2: 'commandr' is undefined"),
        ("Title: {{ title }\n", "line 1: unexpected '}'"),
        ("{% for x in services %}{{ x }}\n", "line 1: Unexpected end of template"),
        ("{{ title + 1 }}", "line 1: can only concatenate str"),
    ],
)
def test_broken_override_is_a_validation_error_naming_the_file(
    tmp_path: Path, source: str, problem: str
) -> None:
    override = tmp_path / "declared.txt.j2"
    override.write_text(source)
    with pytest.raises(ValidationError) as raised:
        render(MessageKind.DECLARED, incident(), [DECLARED], override_dir=tmp_path)
    message = str(raised.value)
    assert message.startswith(f"template {override}")
    assert problem in message
    assert "\n" not in message


# -- through the incident service -------------------------------------------------------


@pytest.mark.parametrize(("severity", "cadence"), [(Severity.SEV1, 15), (Severity.SEV2, 30)])
def test_update_after_service_post_update(
    service: IncidentService, severity: Severity, cadence: int
) -> None:
    inc = service.declare(Declaration(title="API latency", severity=severity, commander="dana"))
    posted_at = T0 + timedelta(minutes=22)
    inc, _ = service.post_update(inc.id, "Slow queries on orders table.", at=posted_at)
    _, events = service.timeline(inc.id)
    context = build_context(inc, events, POLICY, posted_at, UTC)
    text = render_message(MessageKind.UPDATE, context)
    assert context.next_update_at == posted_at + timedelta(minutes=cadence)
    assert f"Next update: {posted_at + timedelta(minutes=cadence):%Y-%m-%d %H:%M} UTC" in text
    assert "Duration: 22m\n" in text
    assert "Current findings: Slow queries on orders table\n" in text

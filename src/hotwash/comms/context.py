"""What a message can say about an incident, worked out once from its state and timeline.

Every field is ready to print. Where hotwash does not know something yet (no
commander, no impact described, no findings), the field holds a visible
placeholder rather than an empty string, so a reader sees the gap instead of
being misled by a blank line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from hotwash.config.policy import SeverityPolicy
from hotwash.incidents.events import EventKind, TimelineEvent, status_note
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import Incident, Role
from hotwash.times import format_duration, to_utc

__all__ = ["MessageContext", "build_context", "spoken_duration", "stamp"]

UNASSIGNED = "unassigned"
NO_IMPACT = "[impact not yet described]"
NO_FINDINGS = "[no findings posted yet]"
NO_ACTIONS = "[no actions recorded since the last update]"
NO_SERVICES = "[affected service]"

# The service records role changes as notes ("Commander: bob"); they say who
# does what, not what is being done, so they are not "actions in progress".
_ROLE_NOTE = re.compile(rf"^({'|'.join(r.value for r in Role)}): ", re.IGNORECASE)
_ANNOUNCING = (EventKind.UPDATE, EventKind.STATUS_CHANGE)


@dataclass(frozen=True)
class MessageContext:
    """The variables every message template may use (by these names)."""

    incident_id: str
    title: str
    severity: str
    severity_description: str
    status: str
    commander: str
    impact: str
    services: tuple[str, ...]
    affected: str
    started_at: datetime
    start_time: str
    duration: str
    findings: str
    actions: str
    update_cadence: timedelta
    update_within: str
    next_update_at: datetime | None
    next_update: str
    escalation: str
    now: datetime


def build_context(
    incident: Incident,
    events: Sequence[TimelineEvent],
    policy: SeverityPolicy,
    now: datetime,
    zone: tzinfo,
) -> MessageContext:
    """Describe ``incident`` as of ``now``; times are shown in UTC and in ``zone``."""
    rule = policy.rule(incident.severity)
    now = to_utc(now)
    ordered = sorted(events, key=lambda e: (e.at, e.seq or 0))
    next_at = _next_update_at(incident, ordered, rule.update_cadence)
    return MessageContext(
        incident_id=incident.id,
        title=incident.title,
        severity=incident.severity.value,
        severity_description=rule.description,
        status=incident.status.value,
        commander=incident.roles.commander or UNASSIGNED,
        impact=_clause(incident.impact) or NO_IMPACT,
        services=tuple(incident.services),
        affected=_listing(incident.services) or NO_SERVICES,
        started_at=incident.started_at,
        start_time=stamp(incident.started_at, zone),
        duration=format_duration(_ended_at(incident, now) - incident.started_at),
        findings=_clause(_latest_finding(ordered)) or NO_FINDINGS,
        actions=_clause(_current_action(ordered)) or NO_ACTIONS,
        update_cadence=rule.update_cadence,
        update_within=spoken_duration(rule.update_cadence),
        next_update_at=next_at,
        next_update=stamp(next_at, zone) if next_at else "none (the incident is no longer active)",
        escalation="; ".join(rule.escalation),
        now=now,
    )


def stamp(moment: datetime, zone: tzinfo) -> str:
    """``2026-03-14 14:05 UTC (15:05 CET)``; the local part only where it differs from UTC."""
    utc = to_utc(moment)
    text = f"{utc:%Y-%m-%d %H:%M} UTC"
    local = utc.astimezone(zone)
    if not local.utcoffset():
        return text
    shape = "%H:%M %Z" if local.date() == utc.date() else "%Y-%m-%d %H:%M %Z"
    return f"{text} ({local.strftime(shape)})"


def spoken_duration(delta: timedelta) -> str:
    """``15 minutes``, ``2 hours``, ``1 day``: the cadence as a status page says it."""
    days, rest = divmod(int(delta.total_seconds()), 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    words = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n]
    return " ".join(words) or "a minute"


def _next_update_at(
    incident: Incident, ordered: Sequence[TimelineEvent], cadence: timedelta
) -> datetime | None:
    # Same rule as `hotwash due`: the cadence runs from the last thing announced.
    if not incident.is_open:
        return None
    announced = [e.at for e in ordered if e.kind in _ANNOUNCING]
    declared = incident.milestones.get(Milestone.DECLARED, incident.created_at)
    return to_utc(max(announced, default=declared)) + cadence


def _ended_at(incident: Incident, now: datetime) -> datetime:
    resolved = incident.milestones.get(Milestone.RESOLVED)
    return resolved if resolved is not None and not incident.is_open else now


def _latest_finding(ordered: Sequence[TimelineEvent]) -> str | None:
    """The newest update, or the note given with a later status change."""
    for event in reversed(ordered):
        if event.kind is EventKind.UPDATE:
            return event.text
        note = status_note(event)
        if note:
            return note
    return None


def _current_action(ordered: Sequence[TimelineEvent]) -> str | None:
    """The latest note of the period the newest update reports on (since the one before it)."""
    updates = [e.at for e in ordered if e.kind is EventKind.UPDATE]
    since = updates[-2] if len(updates) > 1 else None
    notes = [
        e.text
        for e in ordered
        if e.kind is EventKind.NOTE
        and (since is None or e.at > since)
        and not _ROLE_NOTE.match(e.text)
    ]
    return notes[-1] if notes else None


def _clause(text: str | None) -> str | None:
    # Templates end their own sentences; a trailing full stop would double up.
    cleaned = (text or "").strip().rstrip(".").rstrip()
    return cleaned or None


def _listing(items: Sequence[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"

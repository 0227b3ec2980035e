"""Read-only incident views: list, show, due."""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta

import click

from hotwash.cli.app import pass_app
from hotwash.cli.context import AppContext
from hotwash.cli.output import emit_fields, emit_json, emit_table, show_time
from hotwash.incidents.due import DueItem
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import Incident
from hotwash.incidents.severity import Severity
from hotwash.incidents.transfer import plain
from hotwash.times import format_duration

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


@click.command("list")
@click.option("--open", "open_only", is_flag=True, help="Only incidents still being worked.")
@click.option("--sev", "severities", multiple=True, help="Only these severities (repeatable).")
@json_option
@pass_app
def list_incidents(
    app: AppContext, open_only: bool, severities: tuple[str, ...], as_json: bool
) -> None:
    """List incidents, newest first."""
    wanted = [Severity.parse(s) for s in severities]
    incidents = app.incidents.list_incidents(open_only=open_only, severities=wanted)
    incidents.sort(key=lambda i: i.created_at, reverse=True)
    if as_json:
        emit_json([plain(asdict(incident)) for incident in incidents])
        return
    rows = [
        [
            i.id,
            i.severity.value,
            i.status.value,
            i.title,
            ", ".join(i.services) or "-",
            i.roles.commander or "-",
            show_time(i.created_at, app.zone),
        ]
        for i in incidents
    ]
    emit_table(
        "Incidents", ["ID", "Sev", "Status", "Title", "Services", "Commander", "Declared"], rows
    )


@click.command()
@click.argument("incident_id", metavar="INC")
@json_option
@pass_app
def show(app: AppContext, incident_id: str, as_json: bool) -> None:
    """Show an incident: state, roles, milestones, delays and timeline."""
    incident, events = app.incidents.timeline(incident_id)
    if as_json:
        emit_json(
            {
                "incident": plain(asdict(incident)),
                "events": [plain(asdict(event)) for event in events],
            }
        )
        return
    emit_fields(_summary(app, incident))
    click.echo("")
    rows = [
        [show_time(e.at, app.zone), e.kind.value, e.text, e.source, e.actor or "-"] for e in events
    ]
    emit_table("Timeline (UTC)", ["Time", "Kind", "Event", "Source", "Actor"], rows)


def _summary(app: AppContext, incident: Incident) -> list[tuple[str, str]]:
    roles = incident.roles
    pairs = [
        ("Incident", f"{incident.id}: {incident.title}"),
        ("Severity", incident.severity.value),
        ("Status", incident.status.value),
        ("Visibility", incident.visibility.value),
        ("Services", ", ".join(incident.services) or "-"),
        ("Impact", incident.impact or "-"),
        ("Commander", roles.commander or "unassigned"),
        ("Communications", roles.communications or "-"),
        ("Scribe", roles.scribe or "-"),
        ("Responders", ", ".join(roles.responders) or "-"),
    ]
    pairs += [
        (m.label.capitalize(), show_time(incident.milestones.get(m), app.zone)) for m in Milestone
    ]
    return pairs + [(label, format_duration(delta)) for label, delta in _delays(incident)]


def _delays(incident: Incident) -> list[tuple[str, timedelta]]:
    """Delays between recorded milestones; missing milestones give no figure, not a guess."""
    spans = [
        ("Time to detect", Milestone.IMPACT_START, Milestone.DETECTED),
        ("Time to acknowledge", Milestone.DETECTED, Milestone.ACKNOWLEDGED),
        ("Time to mitigate", Milestone.IMPACT_START, Milestone.MITIGATED),
        ("Time to resolve", Milestone.IMPACT_START, Milestone.RESOLVED),
    ]
    marks = incident.milestones
    return [
        (label, marks[end] - marks[start])
        for label, start, end in spans
        if start in marks and end in marks
    ]


@click.command()
@click.option("--all", "show_all", is_flag=True, help="Also list what is not yet overdue.")
@json_option
@pass_app
def due(app: AppContext, show_all: bool, as_json: bool) -> None:
    """Updates overdue under the severity cadence, and postmortems due after resolution."""
    items = [item for item in app.incidents.due() if show_all or item.is_overdue]
    if as_json:
        emit_json([_due_json(item) for item in items])
        return
    if not items:
        click.echo("Nothing is overdue." if not show_all else "Nothing is due.")
        return
    rows = [
        [
            i.incident.id,
            i.incident.severity.value,
            i.kind.value,
            show_time(i.due_at, app.zone),
            _lateness(i),
            i.incident.title,
        ]
        for i in items
    ]
    emit_table("Due", ["ID", "Sev", "Owed", "Due", "Overdue by", "Title"], rows)


def _lateness(item: DueItem) -> str:
    if item.is_overdue:
        return format_duration(item.overdue_by)
    return f"due in {format_duration(-item.overdue_by)}"


def _due_json(item: DueItem) -> dict[str, object]:
    return {
        "incident": item.incident.id,
        "severity": item.incident.severity.value,
        "kind": item.kind.value,
        "due_at": item.due_at.isoformat(),
        "overdue": item.is_overdue,
        "overdue_seconds": max(0, int(item.overdue_by.total_seconds())),
        "title": item.incident.title,
    }

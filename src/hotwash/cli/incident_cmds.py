"""Lifecycle commands: declare, status, update, note, role, severity, milestone, resolve, reopen."""

from __future__ import annotations

from datetime import datetime

import click

from hotwash.cli.app import pass_app
from hotwash.cli.comms_cmds import announce, announce_status
from hotwash.cli.context import AppContext
from hotwash.cli.incident_views import due, list_incidents, show
from hotwash.cli.output import info, show_time
from hotwash.comms import MessageKind
from hotwash.incidents.milestones import Milestone
from hotwash.incidents.model import Role
from hotwash.incidents.service import Declaration
from hotwash.incidents.severity import Severity
from hotwash.incidents.status import Status
from hotwash.times import format_duration

at_option = click.option(
    "--at", "at", metavar="TIME", help='When it happened: ISO 8601, "14:05 CEST", "10 minutes ago".'
)
notify_option = click.option(
    "--no-notify", is_flag=True, help="Do not post messages to notification targets."
)


@click.command()
@click.argument("title")
@click.option("--sev", "severity", required=True, help="Severity: 1-4 or SEV1-SEV4.")
@click.option("--service", "services", multiple=True, help="Affected service (repeatable).")
@click.option("--commander", help="Incident commander.")
@click.option("--restricted", is_flag=True, help="Security incident: visible to its members only.")
@click.option("--impact", help="What users are experiencing.")
@click.option("--started-at", metavar="TIME", help="When user impact began, if known.")
@click.option("--detected-at", metavar="TIME", help="When the problem was detected, if known.")
@at_option
@notify_option
@pass_app
def declare(
    app: AppContext,
    title: str,
    severity: str,
    services: tuple[str, ...],
    commander: str | None,
    restricted: bool,
    impact: str | None,
    started_at: str | None,
    detected_at: str | None,
    at: str | None,
    no_notify: bool,
) -> None:
    """Declare an incident and print its id."""
    declaration = Declaration(
        title=title,
        severity=Severity.parse(severity),
        services=services,
        commander=commander,
        restricted=restricted,
        impact=impact,
        at=_time(app, at),
        impact_started_at=_time(app, started_at),
        detected_at=_time(app, detected_at),
    )
    incident = app.incidents.declare(declaration)
    click.echo(incident.id)
    rule = app.settings.severity.rule(incident.severity)
    info(
        f"{incident.severity.value}: respond within {format_duration(rule.response_time)}; "
        f"escalation: {'; '.join(rule.escalation)}"
    )
    announce(app, incident, MessageKind.DECLARED, notify=not no_notify)


@click.command()
@click.argument("incident_id", metavar="INC")
@click.argument("new_status", metavar="NEW_STATUS")
@click.option("--note", help="Why the status changed.")
@at_option
@notify_option
@pass_app
def status(
    app: AppContext,
    incident_id: str,
    new_status: str,
    note: str | None,
    at: str | None,
    no_notify: bool,
) -> None:
    """Move an incident to a new status (Investigating ... Resolved, Postmortem, Closed)."""
    incident = app.incidents.change_status(
        incident_id, Status.parse(new_status), note=note, at=_time(app, at)
    )
    click.echo(f"{incident.id} is now {incident.status.value}")
    announce_status(app, incident, notify=not no_notify)


@click.command()
@click.argument("incident_id", metavar="INC")
@click.argument("text")
@at_option
@click.option("--actor", help="Who gives the update (default: you).")
@notify_option
@pass_app
def update(
    app: AppContext, incident_id: str, text: str, at: str | None, actor: str | None, no_notify: bool
) -> None:
    """Post a stakeholder update; it is stored first, then delivered."""
    incident, event = app.incidents.post_update(incident_id, text, at=_time(app, at), actor=actor)
    click.echo(f"{incident.id}: update recorded at {show_time(event.at, app.zone)}")
    announce(app, incident, MessageKind.UPDATE, notify=not no_notify, event_seq=event.seq)


@click.command()
@click.argument("incident_id", metavar="INC")
@click.argument("text")
@at_option
@click.option("--actor", help="Who did or saw it (default: you).")
@pass_app
def note(app: AppContext, incident_id: str, text: str, at: str | None, actor: str | None) -> None:
    """Add a note to the incident timeline."""
    incident, event = app.incidents.add_note(incident_id, text, at=_time(app, at), actor=actor)
    click.echo(f"{incident.id}: note recorded at {show_time(event.at, app.zone)}")


@click.command()
@click.argument("incident_id", metavar="INC")
@click.argument("role", metavar="ROLE")
@click.argument("name")
@pass_app
def role(app: AppContext, incident_id: str, role: str, name: str) -> None:
    """Assign a role: commander, communications, scribe or responder."""
    incident = app.incidents.assign_role(incident_id, Role.parse(role), name)
    click.echo(f"{incident.id}: {Role.parse(role).value} is {name}")


@click.command()
@click.argument("incident_id", metavar="INC")
@click.argument("severity")
@pass_app
def severity(app: AppContext, incident_id: str, severity: str) -> None:
    """Reclassify an incident's severity."""
    incident = app.incidents.set_severity(incident_id, Severity.parse(severity))
    click.echo(f"{incident.id} is now {incident.severity.value}")


@click.command()
@click.argument("incident_id", metavar="INC")
@click.argument("name", metavar="MILESTONE")
@click.argument("time", metavar="TIME")
@pass_app
def milestone(app: AppContext, incident_id: str, name: str, time: str) -> None:
    """Record or override a milestone (impact_start, detected, acknowledged, ...)."""
    which = Milestone.parse(name)
    moment = app.parse_time(time)
    incident = app.incidents.set_milestone(incident_id, which, moment)
    click.echo(f"{incident.id}: {which.label} at {show_time(moment, app.zone)}")


@click.command()
@click.argument("incident_id", metavar="INC")
@click.option("--note", help="How it was resolved.")
@at_option
@notify_option
@pass_app
def resolve(
    app: AppContext, incident_id: str, note: str | None, at: str | None, no_notify: bool
) -> None:
    """Mark an incident resolved."""
    incident = app.incidents.resolve(incident_id, note=note, at=_time(app, at))
    click.echo(f"{incident.id} is now {incident.status.value}")
    announce_status(app, incident, notify=not no_notify)


@click.command()
@click.argument("incident_id", metavar="INC")
@click.option("--note", help="Why it is reopened.")
@at_option
@pass_app
def reopen(app: AppContext, incident_id: str, note: str | None, at: str | None) -> None:
    """Reopen a resolved or closed incident (back to Investigating)."""
    incident = app.incidents.reopen(incident_id, note=note, at=_time(app, at))
    click.echo(f"{incident.id} is now {incident.status.value}")


def _time(app: AppContext, text: str | None) -> datetime | None:
    return app.parse_time(text) if text else None


COMMANDS = [
    declare,
    status,
    update,
    note,
    role,
    severity,
    milestone,
    resolve,
    reopen,
    list_incidents,
    show,
    due,
]

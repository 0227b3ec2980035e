"""Communications: render the commander's and status-page messages, deliver and retry them."""

from __future__ import annotations

import click

from hotwash.cli.app import pass_app
from hotwash.cli.context import AppContext
from hotwash.cli.output import emit_json, emit_table, info, show_time
from hotwash.comms import (
    Delivery,
    DeliveryStatus,
    MessageKind,
    Notifier,
    build_context,
    message_for_status,
    render_message,
)
from hotwash.errors import DeliveryError
from hotwash.incidents.model import Incident


def render(app: AppContext, incident: Incident, kind: MessageKind) -> str:
    _, events = app.incidents.timeline(incident.id)
    context = build_context(incident, events, app.settings.severity, app.now(), app.zone)
    return render_message(kind, context, override_dir=app.workspace.templates_dir / "comms")


def announce(
    app: AppContext,
    incident: Incident,
    kind: MessageKind,
    *,
    notify: bool,
    event_seq: int | None = None,
) -> None:
    """Show the message; post it to the targets that want it (it is stored first)."""
    body = render(app, incident, kind)
    info(f"\n{body}\n")
    targets = [
        t for t in app.settings.notifications if t.include_restricted or not incident.is_restricted
    ]
    if not notify or not targets:
        return
    notifier = Notifier(app.store, targets, app.now)
    _report(notifier.announce(incident, kind, body, event_seq))


def announce_status(app: AppContext, incident: Incident, *, notify: bool) -> None:
    kind = message_for_status(incident.status)
    if kind is not None:
        announce(app, incident, kind, notify=notify)


def _report(deliveries: list[Delivery]) -> None:
    for delivery in deliveries:
        if delivery.status is DeliveryStatus.SENT:
            info(f"Delivered to {delivery.target}.")
        else:
            info(
                f"Not delivered: {delivery.last_error} (kept; retry with `hotwash deliver --retry`)"
            )


@click.command()
@click.argument("incident_id", metavar="INC")
@click.argument("kind", type=click.Choice([k.value for k in MessageKind]))
@click.option("--send", is_flag=True, help="Also post it to the notification targets.")
@pass_app
def message(app: AppContext, incident_id: str, kind: str, send: bool) -> None:
    """Render a message (declared, update, status-*) from the incident's current state."""
    incident = app.incidents.get(incident_id)
    which = MessageKind(kind)
    if send:
        announce(app, incident, which, notify=True)
        return
    click.echo(render(app, incident, which))


@click.command()
@click.argument("incident_id", metavar="[INC]", required=False)
@click.option("--retry", is_flag=True, help="Send every message that is pending or failed.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def deliver(app: AppContext, incident_id: str | None, retry: bool, as_json: bool) -> None:
    """List message deliveries, or retry the ones that have not gone out."""
    key = app.incidents.get(incident_id).id if incident_id else None
    notifier = Notifier(app.store, app.settings.notifications, app.now)
    if retry:
        retried = notifier.retry(key)
        if not retried:
            info("Nothing to retry: every message has been delivered.")
        _report(retried)
        if any(d.status is not DeliveryStatus.SENT for d in retried):
            raise DeliveryError("some deliveries failed again; they are kept for a later retry")
        return
    deliveries = _visible(app, app.store_deliveries(key))
    if as_json:
        emit_json(
            [
                {
                    "id": d.id,
                    "incident": d.incident_id,
                    "target": d.target,
                    "kind": d.message_kind,
                    "status": d.status.value,
                    "attempts": d.attempts,
                    "last_error": d.last_error,
                }
                for d in deliveries
            ]
        )
        return
    rows = [
        [
            str(d.id),
            d.incident_id,
            d.target,
            d.message_kind,
            d.status.value,
            str(d.attempts),
            show_time(d.created_at, app.zone),
            d.last_error or "",
        ]
        for d in deliveries
    ]
    emit_table(
        "Deliveries",
        ["#", "Incident", "Target", "Message", "Status", "Attempts", "Created", "Last error"],
        rows,
    )


def _visible(app: AppContext, deliveries: list[Delivery]) -> list[Delivery]:
    visible = {incident.id for incident in app.incidents.list_incidents()}
    return [d for d in deliveries if d.incident_id in visible]


COMMANDS = [message, deliver]

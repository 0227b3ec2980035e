"""What a sync would do: create, update or close tickets, or mark items done.

Sync is idempotent because it plans from what the tracker already holds. A ticket is
matched to its action item by the link saved at the last sync, else by the item id at
the start of its title; only an open item with no ticket gets a new one. A ticket
closed in the tracker marks its open item done; an item done in hotwash closes its
open ticket. Otherwise the ticket's fields are compared with what the item says and
only the ones that differ are changed. Labels are only ever added, and an assignee is
only set, never removed: people triage in the tracker too.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from hotwash.actions.links import TrackerLink
from hotwash.actions.model import ActionItem
from hotwash.trackers.base import Tracker
from hotwash.trackers.model import RemoteTicket, TicketSpec, plain_body


class ChangeKind(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    CLOSE = "close"
    MARK_DONE = "mark-done"
    LINK = "link"


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    item: ActionItem
    spec: TicketSpec
    ticket: RemoteTicket | None = None
    fields: frozenset[str] = frozenset()
    differences: tuple[str, ...] = ()


Lookup = Callable[[str], RemoteTicket | None]
# A spec is only worked out for items that need one: it may ask the tracker who the
# owner is, and a done item without a ticket needs nothing at all.
SpecOf = Callable[[ActionItem], TicketSpec]


def plan_sync(
    items: Iterable[ActionItem],
    spec_of: SpecOf,
    found: list[RemoteTicket],
    links: dict[str, TrackerLink],
    tracker: Tracker,
    lookup: Lookup,
) -> list[Change]:
    by_id = {ticket.remote_id: ticket for ticket in found}
    by_item: dict[str, RemoteTicket] = {}
    for remote in sorted(found, key=lambda t: (len(t.remote_id), t.remote_id)):
        if remote.action_id:
            by_item.setdefault(remote.action_id, remote)
    changes = []
    for item in items:
        ticket = _ticket_of(item, links, by_id, by_item, lookup)
        if ticket is None and item.is_closed:
            continue  # done before it was ever exported: nothing to track
        change = _change(item, spec_of(item), ticket, links.get(item.id), tracker)
        if change is not None:
            changes.append(change)
    return changes


def _ticket_of(
    item: ActionItem,
    links: dict[str, TrackerLink],
    by_id: dict[str, RemoteTicket],
    by_item: dict[str, RemoteTicket],
    lookup: Lookup,
) -> RemoteTicket | None:
    link = links.get(item.id)
    if link is not None:
        return by_id.get(link.remote_id) or lookup(link.remote_id)
    return by_item.get(item.id)


def _change(
    item: ActionItem,
    spec: TicketSpec,
    ticket: RemoteTicket | None,
    link: TrackerLink | None,
    tracker: Tracker,
) -> Change | None:
    if ticket is None:
        return Change(ChangeKind.CREATE, item, spec)
    if ticket.closed and not item.is_closed:
        return Change(ChangeKind.MARK_DONE, item, spec, ticket)
    if item.is_closed and not ticket.closed:
        return Change(ChangeKind.CLOSE, item, spec, ticket, frozenset({"closed"}))
    fields, differences = ({}, ()) if ticket.closed else _differences(ticket, spec, tracker)
    if fields:
        return Change(ChangeKind.UPDATE, item, spec, ticket, frozenset(fields), differences)
    if link is None or link.remote_id != ticket.remote_id or item.ticket != ticket.url:
        return Change(ChangeKind.LINK, item, spec, ticket)
    return None


def _differences(
    ticket: RemoteTicket, spec: TicketSpec, tracker: Tracker
) -> tuple[dict[str, str], tuple[str, ...]]:
    found: dict[str, str] = {}
    if ticket.title != spec.title:
        found["title"] = f"title {ticket.title!r} -> {spec.title!r}"
    if plain_body(ticket.body) != plain_body(tracker.body_text(spec.lines)):
        found["body"] = "description rewritten"
    missing = [label for label in spec.labels if label not in ticket.labels]
    if missing:
        found["labels"] = "labels " + ", ".join(f"+{label}" for label in missing)
    if spec.assignee and spec.assignee not in ticket.assignees:
        was = ", ".join(ticket.assignees) or "-"
        found["assignee"] = f"assignee {was} -> {spec.assignee}"
    if ticket.due != spec.due:
        found["due"] = f"due {_day(ticket.due)} -> {_day(spec.due)}"
    return found, tuple(found.values())


def _day(value: object) -> str:
    return "-" if value is None else str(value)

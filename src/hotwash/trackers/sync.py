"""``hotwash actions sync``: plan against the tracker, then apply, or only show (dry run).

Each applied change is saved at once in its own store transaction, right after the
tracker accepted it: if a later request fails, the tickets already created are linked
and the next sync will not create them again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from hotwash.actions.links import TrackerLink
from hotwash.actions.model import ActionItem, ActionStatus
from hotwash.actions.service import with_status
from hotwash.config.settings import FollowUp
from hotwash.incidents.model import Incident, check_incident_id
from hotwash.incidents.repository import Store
from hotwash.times.zones import to_utc
from hotwash.trackers.base import Tracker
from hotwash.trackers.model import TicketSpec
from hotwash.trackers.plan import Change, ChangeKind, plan_sync
from hotwash.trackers.render import ItemContext, ticket_spec
from hotwash.trackers.wording import describe

Clock = Callable[[], datetime]


@dataclass
class SyncRun:
    store: Store
    tracker: Tracker
    labels: tuple[str, ...]
    links: FollowUp
    clock: Clock
    viewer: str | None = None
    # Security incidents stay out of shared trackers unless asked for, as they stay off
    # shared notification channels.
    include_restricted: bool = False
    notes: list[str] = field(default_factory=list)

    def plan(self, incident_id: str | None = None) -> list[Change]:
        contexts, links = self._load(incident_id)
        found = self.tracker.find()
        by_item = {context.item.id: context for context in contexts}

        def spec_of(item: ActionItem) -> TicketSpec:
            context = by_item[item.id]
            return ticket_spec(context, self.labels, self.links, self._assign(context))

        items = [context.item for context in contexts]
        return plan_sync(items, spec_of, found, links, self.tracker, self.tracker.get)

    def apply(self, changes: list[Change], on_done: Callable[[str], None]) -> None:
        for change in changes:
            self._apply(change)
            on_done(describe(change, self.tracker, dry_run=False))

    def _apply(self, change: Change) -> None:
        ticket = change.ticket
        if change.kind is ChangeKind.CREATE:
            ticket = self.tracker.create(change.spec)
        elif change.kind in (ChangeKind.UPDATE, ChangeKind.CLOSE) and ticket is not None:
            self.tracker.update(ticket, change.spec, change.fields)
        if ticket is None:
            return
        item = change.item
        if change.kind is ChangeKind.MARK_DONE:
            item = with_status(item, ActionStatus.DONE, self._now())
        self._save(replace(item, ticket=ticket.url), ticket.remote_id)

    def _save(self, item: ActionItem, remote_id: str) -> None:
        link = TrackerLink(item.id, self.tracker.name, remote_id, item.ticket or "", self._now())
        with self.store.transaction() as repo:
            repo.save_action_item(item)
            repo.save_tracker_link(link)

    def _load(self, incident_id: str | None) -> tuple[list[ItemContext], dict[str, TrackerLink]]:
        wanted = check_incident_id(incident_id) if incident_id else None
        with self.store.transaction() as repo:
            incidents = {i.id: i for i in repo.list_incidents() if self._exported(i)}
            records = {r.incident_id: r for r in repo.postmortems()}
            items = [item for item in repo.action_items(wanted) if item.incident_id in incidents]
            factors = {
                i: {f.seq: f for f in repo.factors(i)} for i in {x.incident_id for x in items}
            }
            links = {link.action_id: link for link in repo.tracker_links(self.tracker.name)}
        contexts = [
            ItemContext(
                item,
                incidents[item.incident_id],
                records.get(item.incident_id),
                factors[item.incident_id].get(item.factor) if item.factor else None,
            )
            for item in items
        ]
        return contexts, links

    def _exported(self, incident: Incident) -> bool:
        if not incident.can_see(self.viewer):
            return False
        if incident.is_restricted and not self.include_restricted:
            self.notes.append(
                f"{incident.id} is restricted: its items are not synced "
                "(--include-restricted to sync them)"
            )
            return False
        return True

    def _assign(self, context: ItemContext) -> Callable[[str], str | None]:
        def assign(owner: str) -> str | None:
            found = self.tracker.assignee(owner)
            if found is None:
                self.notes.append(
                    f"{context.item.id}: owner {owner!r} has no {self.tracker.name} assignee "
                    f"(map it in trackers.{self.tracker.name}.assignees); left unassigned"
                )
            return found

        return assign

    def _now(self) -> datetime:
        return to_utc(self.clock())

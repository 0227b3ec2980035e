"""What the incident domain needs from a store, and nothing about how it is kept.

``hotwash.store`` implements these protocols with SQLAlchemy; tests may use any
other implementation. Every method runs inside the transaction that
:meth:`Store.transaction` opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from hotwash.actions.followup import PostmortemRecord
from hotwash.actions.links import TrackerLink
from hotwash.actions.model import ActionItem
from hotwash.errors import HotwashError
from hotwash.evidence.attached import AttachedEvidence
from hotwash.incidents.events import EventKind, TimelineEvent
from hotwash.incidents.factors import ContributingFactor
from hotwash.incidents.model import Incident

if TYPE_CHECKING:  # comms depends on incidents at run time, not the other way round
    from hotwash.comms.delivery import Delivery


class ActionItemNotFoundError(HotwashError):
    """No action item has the given id (``save_action_item`` of an item never added)."""


class Repository(Protocol):
    # Incidents
    def next_incident_number(self, year: int) -> int:
        """Reserve and return the next free incident number for ``year``."""
        ...

    def add_incident(self, incident: Incident) -> None: ...

    def get_incident(self, incident_id: str, *, for_update: bool = False) -> Incident | None:
        """Load an incident; ``for_update`` locks it until the transaction ends."""
        ...

    def save_incident(self, incident: Incident) -> None: ...

    def list_incidents(self) -> list[Incident]: ...

    # Timeline
    def append_event(self, incident_id: str, event: TimelineEvent) -> TimelineEvent:
        """Store an event and return it with its ``seq`` assigned (or kept, if given)."""
        ...

    def events(self, incident_id: str) -> list[TimelineEvent]:
        """All events of an incident ordered by ``at`` then ``seq``."""
        ...

    def latest_event_times(
        self, incident_ids: Iterable[str], kinds: Iterable[EventKind]
    ) -> dict[str, datetime]:
        """For each incident, the time of its latest event of one of ``kinds``."""
        ...

    # Contributing factors
    def factors(self, incident_id: str) -> list[ContributingFactor]: ...

    def add_factor(self, incident_id: str, factor: ContributingFactor) -> ContributingFactor: ...

    # Action items
    def next_action_number(self) -> int: ...

    def add_action_item(self, item: ActionItem) -> None: ...

    def save_action_item(self, item: ActionItem) -> None:
        """Overwrite every field of a stored item; raises :class:`ActionItemNotFoundError`."""
        ...

    def action_items(self, incident_id: str | None = None) -> list[ActionItem]: ...

    # Postmortem records (one per incident) and tracker links (one per item and tracker)
    def postmortems(self) -> list[PostmortemRecord]: ...

    def get_postmortem(self, incident_id: str) -> PostmortemRecord | None: ...

    def save_postmortem(self, record: PostmortemRecord) -> None:
        """Insert the incident's record, or overwrite every field of the stored one."""
        ...

    def tracker_links(self, tracker: str | None = None) -> list[TrackerLink]: ...

    def save_tracker_link(self, link: TrackerLink) -> None:
        """Insert the link of ``(action_id, tracker)``, or overwrite the stored one."""
        ...

    # Attached evidence (custody records)
    def add_evidence(self, evidence: AttachedEvidence) -> AttachedEvidence:
        """Store an attachment and return it with its ``seq`` assigned (or kept, if given)."""
        ...

    def evidence(self, incident_id: str) -> list[AttachedEvidence]:
        """An incident's attached evidence in the order it was attached."""
        ...

    # Deliveries (the outbox)
    def add_delivery(self, delivery: Delivery) -> Delivery:
        """Store a delivery and return it with its ``id`` assigned."""
        ...

    def save_delivery(self, delivery: Delivery) -> None: ...

    def deliveries(
        self, *, incident_id: str | None = None, unsent_only: bool = False
    ) -> list[Delivery]: ...


class Store(Protocol):
    def transaction(self) -> AbstractContextManager[Repository]:
        """A unit of work: commits on success, rolls back on error.

        Writers are serialised (``BEGIN IMMEDIATE`` on SQLite, row locks on
        PostgreSQL), so two processes never interleave inside one incident.
        """
        ...

    def close(self) -> None: ...


def iter_visible(incidents: Iterable[Incident], viewer: str | None) -> Iterator[Incident]:
    return (incident for incident in incidents if incident.can_see(viewer))

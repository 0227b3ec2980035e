"""The SQL implementation of the domain's ``Repository`` and ``Store`` protocols.

Subclassing the protocols makes mypy check every signature against them.
Each ``add_*`` flushes at once, so a conflict is reported by the call that
caused it rather than by the commit at the end of the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from types import TracebackType

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from hotwash.actions.followup import PostmortemRecord
from hotwash.actions.links import TrackerLink
from hotwash.actions.model import ActionItem
from hotwash.comms.delivery import Delivery, DeliveryStatus
from hotwash.errors import IncidentNotFoundError, StoreError
from hotwash.evidence.attached import AttachedEvidence
from hotwash.incidents.events import EventKind, TimelineEvent
from hotwash.incidents.factors import ContributingFactor
from hotwash.incidents.model import Incident
from hotwash.incidents.repository import ActionItemNotFoundError, Repository, Store
from hotwash.store import counters
from hotwash.store.errors import translated
from hotwash.store.mapping import (
    action_from_row,
    delivery_from_row,
    event_from_row,
    event_row,
    evidence_from_row,
    evidence_row,
    factor_from_row,
    factor_row,
    fill_action_row,
    fill_delivery_row,
    fill_incident_row,
    incident_from_row,
)
from hotwash.store.mapping_followup import (
    fill_link_row,
    fill_postmortem_row,
    link_from_row,
    postmortem_from_row,
)
from hotwash.store.tables import (
    ActionItemRow,
    AttachedEvidenceRow,
    ContributingFactorRow,
    DeliveryRow,
    IncidentRow,
    PostmortemRow,
    TimelineEventRow,
    TrackerLinkRow,
)
from hotwash.store.urls import Target
from hotwash.times.zones import to_utc


class SqlRepository(Repository):
    """Reads and writes inside one session, i.e. one database transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # Incidents -----------------------------------------------------------------------------

    def next_incident_number(self, year: int) -> int:
        return counters.next_incident_number(self._session, year)

    def add_incident(self, incident: Incident) -> None:
        row = IncidentRow()
        fill_incident_row(row, incident)
        self._session.add(row)
        self._session.flush()

    def get_incident(self, incident_id: str, *, for_update: bool = False) -> Incident | None:
        # populate_existing: a row object still held from an earlier read in this
        # transaction may be stale once the lock is granted; the locked read must win.
        row = self._session.get(
            IncidentRow, incident_id, with_for_update=for_update, populate_existing=for_update
        )
        return None if row is None else incident_from_row(row)

    def save_incident(self, incident: Incident) -> None:
        row = self._session.get(IncidentRow, incident.id)
        if row is None:
            raise IncidentNotFoundError(f"unknown incident {incident.id}")
        fill_incident_row(row, incident)
        self._session.flush()

    def list_incidents(self) -> list[Incident]:
        rows = self._session.scalars(
            select(IncidentRow).order_by(IncidentRow.created_at, IncidentRow.id)
        )
        return [incident_from_row(row) for row in rows]

    # Timeline ------------------------------------------------------------------------------

    def append_event(self, incident_id: str, event: TimelineEvent) -> TimelineEvent:
        # Locking the incident makes max(seq) + 1 safe even for a caller that did not.
        self._require_incident(incident_id, lock=True)
        seq = event.seq if event.seq is not None else self._next_seq(TimelineEventRow, incident_id)
        self._session.add(event_row(incident_id, event, seq))
        self._session.flush()
        return replace(event, at=to_utc(event.at), seq=seq)

    def events(self, incident_id: str) -> list[TimelineEvent]:
        query = (
            select(TimelineEventRow)
            .where(TimelineEventRow.incident_id == incident_id)
            .order_by(TimelineEventRow.at, TimelineEventRow.seq)
        )
        return [event_from_row(row) for row in self._session.scalars(query)]

    def latest_event_times(
        self, incident_ids: Iterable[str], kinds: Iterable[EventKind]
    ) -> dict[str, datetime]:
        ids, kind_values = list(incident_ids), [kind.value for kind in kinds]
        if not ids or not kind_values:
            return {}
        query = (
            select(TimelineEventRow.incident_id, func.max(TimelineEventRow.at))
            .where(TimelineEventRow.incident_id.in_(ids), TimelineEventRow.kind.in_(kind_values))
            .group_by(TimelineEventRow.incident_id)
        )
        return dict(self._session.execute(query).all())

    # Contributing factors ------------------------------------------------------------------

    def factors(self, incident_id: str) -> list[ContributingFactor]:
        query = (
            select(ContributingFactorRow)
            .where(ContributingFactorRow.incident_id == incident_id)
            .order_by(ContributingFactorRow.seq)
        )
        return [factor_from_row(row) for row in self._session.scalars(query)]

    def add_factor(self, incident_id: str, factor: ContributingFactor) -> ContributingFactor:
        self._require_incident(incident_id, lock=True)
        seq = (
            factor.seq
            if factor.seq is not None
            else self._next_seq(ContributingFactorRow, incident_id)
        )
        self._session.add(factor_row(incident_id, factor, seq))
        self._session.flush()
        return replace(factor, seq=seq)

    # Action items --------------------------------------------------------------------------

    def next_action_number(self) -> int:
        return counters.next_action_number(self._session)

    def add_action_item(self, item: ActionItem) -> None:
        self._require_incident(item.incident_id)
        row = ActionItemRow()
        fill_action_row(row, item)
        self._session.add(row)
        self._session.flush()

    def save_action_item(self, item: ActionItem) -> None:
        row = self._session.get(ActionItemRow, item.id)
        if row is None:
            raise ActionItemNotFoundError(f"unknown action item {item.id}")
        if item.incident_id != row.incident_id:
            self._require_incident(item.incident_id)
        fill_action_row(row, item)
        self._session.flush()

    def action_items(self, incident_id: str | None = None) -> list[ActionItem]:
        # AI-999 sorts after AI-1000 as text; shorter ids are smaller numbers.
        query = select(ActionItemRow).order_by(func.length(ActionItemRow.id), ActionItemRow.id)
        if incident_id is not None:
            query = query.where(ActionItemRow.incident_id == incident_id)
        return [action_from_row(row) for row in self._session.scalars(query)]

    # Postmortem records and tracker links -------------------------------------------------

    def postmortems(self) -> list[PostmortemRecord]:
        rows = self._session.scalars(select(PostmortemRow).order_by(PostmortemRow.incident_id))
        return [postmortem_from_row(row) for row in rows]

    def get_postmortem(self, incident_id: str) -> PostmortemRecord | None:
        row = self._session.get(PostmortemRow, incident_id)
        return None if row is None else postmortem_from_row(row)

    def save_postmortem(self, record: PostmortemRecord) -> None:
        row = self._session.get(PostmortemRow, record.incident_id)
        if row is None:
            self._require_incident(record.incident_id)
            row = PostmortemRow()
            self._session.add(row)
        fill_postmortem_row(row, record)
        self._session.flush()

    def tracker_links(self, tracker: str | None = None) -> list[TrackerLink]:
        query = select(TrackerLinkRow).order_by(TrackerLinkRow.action_id, TrackerLinkRow.tracker)
        if tracker is not None:
            query = query.where(TrackerLinkRow.tracker == tracker)
        return [link_from_row(row) for row in self._session.scalars(query)]

    def save_tracker_link(self, link: TrackerLink) -> None:
        row = self._session.get(TrackerLinkRow, (link.action_id, link.tracker))
        if row is None:
            if self._session.get(ActionItemRow, link.action_id) is None:
                raise ActionItemNotFoundError(f"unknown action item {link.action_id}")
            row = TrackerLinkRow()
            self._session.add(row)
        fill_link_row(row, link)
        self._session.flush()

    # Deliveries ----------------------------------------------------------------------------

    def add_delivery(self, delivery: Delivery) -> Delivery:
        self._require_incident(delivery.incident_id)
        row = DeliveryRow()
        fill_delivery_row(row, delivery)
        self._session.add(row)
        self._session.flush()  # assigns the id
        return replace(delivery, id=row.id)

    def save_delivery(self, delivery: Delivery) -> None:
        row = None if delivery.id is None else self._session.get(DeliveryRow, delivery.id)
        if row is None:
            raise StoreError(f"no stored delivery with id {delivery.id} (add it before saving it)")
        fill_delivery_row(row, delivery)
        self._session.flush()

    def deliveries(
        self, *, incident_id: str | None = None, unsent_only: bool = False
    ) -> list[Delivery]:
        query = select(DeliveryRow).order_by(DeliveryRow.id)
        if incident_id is not None:
            query = query.where(DeliveryRow.incident_id == incident_id)
        if unsent_only:
            query = query.where(DeliveryRow.status != DeliveryStatus.SENT.value)
        return [delivery_from_row(row) for row in self._session.scalars(query)]

    # Attached evidence ---------------------------------------------------------------------

    def add_evidence(self, evidence: AttachedEvidence) -> AttachedEvidence:
        self._require_incident(evidence.incident_id, lock=True)
        seq = (
            evidence.seq
            if evidence.seq is not None
            else self._next_seq(AttachedEvidenceRow, evidence.incident_id)
        )
        self._session.add(evidence_row(evidence, seq))
        self._session.flush()
        return replace(evidence, attached_at=to_utc(evidence.attached_at), seq=seq)

    def evidence(self, incident_id: str) -> list[AttachedEvidence]:
        query = (
            select(AttachedEvidenceRow)
            .where(AttachedEvidenceRow.incident_id == incident_id)
            .order_by(AttachedEvidenceRow.seq)
        )
        return [evidence_from_row(row) for row in self._session.scalars(query)]

    # Helpers -------------------------------------------------------------------------------

    def _require_incident(self, incident_id: str, *, lock: bool = False) -> None:
        query = select(IncidentRow.id).where(IncidentRow.id == incident_id)
        if lock:
            query = query.with_for_update()  # a no-op on SQLite, already serialised
        if self._session.scalar(query) is None:
            raise IncidentNotFoundError(f"unknown incident {incident_id}")

    def _next_seq(
        self,
        model: type[TimelineEventRow] | type[ContributingFactorRow] | type[AttachedEvidenceRow],
        incident_id: str,
    ) -> int:
        query = select(func.coalesce(func.max(model.seq), 0) + 1).where(
            model.incident_id == incident_id
        )
        return int(self._session.execute(query).scalar_one())


class SqlStore(Store):
    """An open database. Hand it out once per process; close it at exit."""

    def __init__(self, engine: Engine, target: Target) -> None:
        self._engine = engine
        self._target = target

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def description(self) -> str:
        """Where the data lives, without any password (for messages and ``doctor``)."""
        return self._target.description

    @contextmanager
    def transaction(self) -> Iterator[SqlRepository]:
        # translated() is outermost so that errors raised by the commit are translated too.
        with translated(self._target), Session(self._engine) as session, session.begin():
            yield SqlRepository(session)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

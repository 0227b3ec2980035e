"""The relational schema, as typed SQLAlchemy ORM classes.

Enums are stored as their plain string values rather than database enums, so a
new severity or status needs no ``ALTER TYPE`` and SQLite and PostgreSQL agree.
Lists and small records (services, roles, milestones) are JSON: they are always
read and written together with their incident and never queried on their own.
``migrations/versions`` must create exactly this schema; a test compares them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from hotwash.times.zones import UTC, to_utc

# Explicit constraint names keep migrations identical on both databases and let
# later migrations drop or alter a constraint by a name they can know.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ACTION_COUNTER_ROW = 1


class UTCDateTime(TypeDecorator[datetime]):
    """An instant: aware datetimes in, aware UTC datetimes out, on every database.

    PostgreSQL keeps ``timestamp with time zone``. SQLite has no time type, so it
    gets naive UTC text in one fixed format, which also makes ``ORDER BY`` correct.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        utc = to_utc(value)  # raises ValueError for a naive datetime
        return utc if dialect.name == "postgresql" else utc.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime, date: Date, str: Text}


class IncidentRow(Base):
    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str]
    severity: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]
    services: Mapped[list[str]] = mapped_column(JSON)
    roles: Mapped[dict[str, Any]] = mapped_column(JSON)
    visibility: Mapped[str] = mapped_column(String(16))
    members: Mapped[list[str]] = mapped_column(JSON)
    impact: Mapped[str | None]
    milestones: Mapped[dict[str, str]] = mapped_column(JSON)


class IncidentCounterRow(Base):
    """The last incident number handed out per year (``INC-2026-0042`` → 42)."""

    __tablename__ = "incident_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer)


class TimelineEventRow(Base):
    __tablename__ = "timeline_events"
    __table_args__ = (
        UniqueConstraint("incident_id", "seq"),
        Index("ix_timeline_events_incident_id_at", "incident_id", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(String(32), ForeignKey("incidents.id"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime]
    text: Mapped[str]
    kind: Mapped[str] = mapped_column(String(32))
    source: Mapped[str]
    actor: Mapped[str | None]
    milestone: Mapped[str | None] = mapped_column(String(32))
    evidence_ref: Mapped[str | None]


class ContributingFactorRow(Base):
    __tablename__ = "contributing_factors"
    __table_args__ = (UniqueConstraint("incident_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(String(32), ForeignKey("incidents.id"))
    seq: Mapped[int] = mapped_column(Integer)
    text: Mapped[str]
    category: Mapped[str] = mapped_column(String(32))


class ActionItemRow(Base):
    __tablename__ = "action_items"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    incident_id: Mapped[str] = mapped_column(String(32), ForeignKey("incidents.id"), index=True)
    action: Mapped[str]
    type: Mapped[str] = mapped_column(String(32))
    owner: Mapped[str | None]
    due: Mapped[date | None]
    priority: Mapped[str | None] = mapped_column(String(8))
    done_when: Mapped[str | None]
    status: Mapped[str] = mapped_column(String(32))
    ticket: Mapped[str | None]
    factor_seq: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    source: Mapped[str | None]


class ActionCounterRow(Base):
    """The last action item number handed out; one row, because ``AI-042`` is global."""

    __tablename__ = "action_counter"
    __table_args__ = (CheckConstraint(f"id = {ACTION_COUNTER_ROW}", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer)


class DeliveryRow(Base):
    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_status", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(String(32), ForeignKey("incidents.id"), index=True)
    event_seq: Mapped[int | None] = mapped_column(Integer)
    target: Mapped[str]
    message_kind: Mapped[str] = mapped_column(String(64))
    body: Mapped[str]
    created_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None]
    delivered_at: Mapped[datetime | None]


class AttachedEvidenceRow(Base):
    """A file or folder attached to an incident, with its digest at attach time (custody)."""

    __tablename__ = "attached_evidence"
    __table_args__ = (
        UniqueConstraint("incident_id", "seq"),
        # The same content is attached once per incident; a second attach is a no-op.
        UniqueConstraint("incident_id", "sha256"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(String(32), ForeignKey("incidents.id"))
    seq: Mapped[int] = mapped_column(Integer)
    path: Mapped[str]
    shape: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)  # evidence files can pass 2 GiB
    files: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None]
    unrecognised: Mapped[list[str]] = mapped_column(JSON)
    source_zone: Mapped[str | None] = mapped_column(String(64))
    copy_path: Mapped[str | None]
    attached_by: Mapped[str | None]
    attached_at: Mapped[datetime]


class PostmortemRow(Base):
    """An incident's postmortem: its file, finalisation and follow-up review (one each)."""

    __tablename__ = "postmortems"
    # Re-importing a file finds its record by path; NULL paths never collide.
    __table_args__ = (UniqueConstraint("path"),)

    incident_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("incidents.id"), primary_key=True
    )
    path: Mapped[str | None]
    digest: Mapped[str | None] = mapped_column(String(64))
    summary: Mapped[str | None]
    trigger: Mapped[str | None]
    finalised_at: Mapped[datetime | None]
    follow_up_at: Mapped[datetime | None]
    followed_up_at: Mapped[datetime | None]
    signals: Mapped[list[str]] = mapped_column(JSON)


class TrackerLinkRow(Base):
    """The tracker ticket an action item was exported to (one per item and tracker)."""

    __tablename__ = "tracker_links"

    action_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("action_items.id"), primary_key=True
    )
    tracker: Mapped[str] = mapped_column(String(16), primary_key=True)
    remote_id: Mapped[str] = mapped_column(String(64))
    url: Mapped[str]
    synced_at: Mapped[datetime]

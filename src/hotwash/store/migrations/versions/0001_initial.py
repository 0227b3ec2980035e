"""Initial schema: incidents, timeline, factors, action items, deliveries.

Revision ID: 0001
Revises:
Create Date: 2026-05-20

Migrations are snapshots: they spell out plain SQLAlchemy types instead of
importing hotwash.store.tables, which will keep changing after this file.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def _incident_fk(table: str) -> sa.ForeignKeyConstraint:
    name = f"fk_{table}_incident_id_incidents"
    return sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name=name)


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("services", sa.JSON(), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("visibility", sa.String(16), nullable=False),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("impact", sa.Text(), nullable=True),
        sa.Column("milestones", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
    )
    op.create_table(
        "incident_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name="pk_incident_counters"),
    )
    op.create_table(
        "action_counter",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_action_counter_single_row"),
        sa.PrimaryKeyConstraint("id", name="pk_action_counter"),
    )
    _create_timeline_events()
    _create_contributing_factors()
    _create_action_items()
    _create_deliveries()


def _create_timeline_events() -> None:
    op.create_table(
        "timeline_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("milestone", sa.String(32), nullable=True),
        sa.Column("evidence_ref", sa.Text(), nullable=True),
        _incident_fk("timeline_events"),
        sa.PrimaryKeyConstraint("id", name="pk_timeline_events"),
        sa.UniqueConstraint("incident_id", "seq", name="uq_timeline_events_incident_id_seq"),
    )
    op.create_index("ix_timeline_events_incident_id_at", "timeline_events", ["incident_id", "at"])


def _create_contributing_factors() -> None:
    op.create_table(
        "contributing_factors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        _incident_fk("contributing_factors"),
        sa.PrimaryKeyConstraint("id", name="pk_contributing_factors"),
        sa.UniqueConstraint("incident_id", "seq", name="uq_contributing_factors_incident_id_seq"),
    )


def _create_action_items() -> None:
    op.create_table(
        "action_items",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("incident_id", sa.String(32), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("priority", sa.String(8), nullable=True),
        sa.Column("done_when", sa.Text(), nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("ticket", sa.Text(), nullable=True),
        _incident_fk("action_items"),
        sa.PrimaryKeyConstraint("id", name="pk_action_items"),
    )
    op.create_index("ix_action_items_incident_id", "action_items", ["incident_id"])


def _create_deliveries() -> None:
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.String(32), nullable=False),
        sa.Column("event_seq", sa.Integer(), nullable=True),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("message_kind", sa.String(64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("delivered_at", TIMESTAMP, nullable=True),
        _incident_fk("deliveries"),
        sa.PrimaryKeyConstraint("id", name="pk_deliveries"),
    )
    op.create_index("ix_deliveries_incident_id", "deliveries", ["incident_id"])
    op.create_index("ix_deliveries_status", "deliveries", ["status"])


def downgrade() -> None:
    for table in ("deliveries", "action_items", "contributing_factors", "timeline_events"):
        op.drop_table(table)
    for table in ("action_counter", "incident_counters", "incidents"):
        op.drop_table(table)

"""Follow-through: postmortem records, tracker links, and more about each action item.

Revision ID: 0003
Revises: 0002
Create Date: 2026-05-28

Action items gain the factor they address, when they were created and closed, and the
postmortem row they were read from. ``postmortems`` keeps each incident's postmortem file,
finalisation and follow-up review; ``tracker_links`` the ticket each item was exported to.
A snapshot like 0001: plain SQLAlchemy types, no import of hotwash.store.tables.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)
ACTION_COLUMNS = (
    ("factor_seq", sa.Integer()),
    ("created_at", TIMESTAMP),
    ("closed_at", TIMESTAMP),
    ("source", sa.Text()),
)


def upgrade() -> None:
    for name, kind in ACTION_COLUMNS:
        op.add_column("action_items", sa.Column(name, kind, nullable=True))
    _create_postmortems()
    _create_tracker_links()


def _create_postmortems() -> None:
    op.create_table(
        "postmortems",
        sa.Column("incident_id", sa.String(32), nullable=False),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("digest", sa.String(64), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("trigger", sa.Text(), nullable=True),
        sa.Column("finalised_at", TIMESTAMP, nullable=True),
        sa.Column("follow_up_at", TIMESTAMP, nullable=True),
        sa.Column("followed_up_at", TIMESTAMP, nullable=True),
        sa.Column("signals", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name="fk_postmortems_incident_id_incidents"
        ),
        sa.PrimaryKeyConstraint("incident_id", name="pk_postmortems"),
        sa.UniqueConstraint("path", name="uq_postmortems_path"),
    )


def _create_tracker_links() -> None:
    op.create_table(
        "tracker_links",
        sa.Column("action_id", sa.String(32), nullable=False),
        sa.Column("tracker", sa.String(16), nullable=False),
        sa.Column("remote_id", sa.String(64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("synced_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"], ["action_items.id"], name="fk_tracker_links_action_id_action_items"
        ),
        sa.PrimaryKeyConstraint("action_id", "tracker", name="pk_tracker_links"),
    )


def downgrade() -> None:
    op.drop_table("tracker_links")
    op.drop_table("postmortems")
    # SQLite before 3.35 cannot drop a column; batch mode rebuilds the table there.
    with op.batch_alter_table("action_items") as batch:
        for name, _ in reversed(ACTION_COLUMNS):
            batch.drop_column(name)

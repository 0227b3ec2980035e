"""Evidence attached to incidents, with the digests that keep its chain of custody.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-27

A snapshot like 0001: plain SQLAlchemy types, no import of hotwash.store.tables.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "attached_evidence"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("shape", sa.String(16), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("files", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("unrecognised", sa.JSON(), nullable=False),
        sa.Column("source_zone", sa.String(64), nullable=True),
        sa.Column("copy_path", sa.Text(), nullable=True),
        sa.Column("attached_by", sa.Text(), nullable=True),
        sa.Column("attached_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=f"fk_{TABLE}_incident_id_incidents"
        ),
        sa.PrimaryKeyConstraint("id", name=f"pk_{TABLE}"),
        sa.UniqueConstraint("incident_id", "seq", name=f"uq_{TABLE}_incident_id_seq"),
        sa.UniqueConstraint("incident_id", "sha256", name=f"uq_{TABLE}_incident_id_sha256"),
    )


def downgrade() -> None:
    op.drop_table(TABLE)

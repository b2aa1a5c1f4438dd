"""meetings: the case conference (casusoverleg)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 03:30:00

- ``meeting``: a case conference (day, place); ``meeting_partner``: the partners at the
  table.
- ``meeting_household``: a household on a meeting's agenda, the decision about it and
  whether it was marked solved there.
- ``meeting_action``: an agreement (who does what by when) about a household.

New tables only: nothing existing is copied or altered.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _record_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
    ]


def _fk(
    table: str, column: str, target: str, ondelete: str | None = None
) -> sa.ForeignKeyConstraint:
    name = op.f(f"fk_{table}_{column}_{target}")
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=name, ondelete=ondelete)


def _indexes(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(f"ix_{table}_{column}", table, [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        *_record_columns(),
        _fk("meeting", "staff_id", "staff_member"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    _indexes("meeting", "held_on", "staff_id")
    op.create_table(
        "meeting_partner",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("partner_id", sa.String(length=36), nullable=False),
        _fk("meeting_partner", "meeting_id", "meeting", ondelete="CASCADE"),
        _fk("meeting_partner", "partner_id", "partner", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("meeting_id", "partner_id", name=op.f("pk_meeting_partner")),
    )
    _indexes("meeting_partner", "partner_id")
    op.create_table(
        "meeting_household",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("decision", sa.Text(), nullable=False),
        sa.Column("solved_on", sa.Date(), nullable=True),
        *_record_columns(),
        _fk("meeting_household", "meeting_id", "meeting"),
        _fk("meeting_household", "household_id", "household"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_household")),
        sa.UniqueConstraint(
            "meeting_id", "household_id", name=op.f("uq_meeting_household_meeting_id_household_id")
        ),
    )
    _indexes("meeting_household", "meeting_id", "household_id")
    op.create_table(
        "meeting_action",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("owner_staff_id", sa.String(length=36), nullable=True),
        sa.Column("owner_partner_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        *_record_columns(),
        _fk("meeting_action", "meeting_id", "meeting"),
        _fk("meeting_action", "household_id", "household"),
        _fk("meeting_action", "owner_staff_id", "staff_member"),
        _fk("meeting_action", "owner_partner_id", "partner"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_action")),
    )
    _indexes(
        "meeting_action",
        "meeting_id",
        "household_id",
        "due_on",
        "owner_staff_id",
        "owner_partner_id",
        "status",
    )


def downgrade() -> None:
    for table in ("meeting_action", "meeting_household", "meeting_partner", "meeting"):
        op.drop_table(table)

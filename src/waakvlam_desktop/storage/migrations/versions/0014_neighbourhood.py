"""neighbourhood: a log per complex (Buurt) and connecting residents (verbinden)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 00:10:00

- ``neighbourhood_event``: something that happened at complex level (kind, day, note);
  ``neighbourhood_event_partner``: the partners involved.
- ``neighbourhood_signal``: complex-level signs noted with an event.
- ``neighbourhood_action``: follow-ups at complex level (``follow_up`` belongs to a
  household).
- ``connect_offer``: a resident's offer or wish, with the consent it rests on;
  ``connect_introduction``: two residents introduced, and how it went.

New tables only: nothing existing is copied or altered.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
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
        "neighbourhood_event",
        sa.Column("complex_id", sa.String(length=36), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        *_record_columns(),
        _fk("neighbourhood_event", "complex_id", "complex"),
        _fk("neighbourhood_event", "staff_id", "staff_member"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_neighbourhood_event")),
    )
    op.create_index(
        "ix_neighbourhood_event_complex_day",
        "neighbourhood_event",
        ["complex_id", "occurred_on"],
        unique=False,
    )
    _indexes("neighbourhood_event", "occurred_on", "staff_id")
    op.create_table(
        "neighbourhood_event_partner",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("partner_id", sa.String(length=36), nullable=False),
        _fk("neighbourhood_event_partner", "event_id", "neighbourhood_event", ondelete="CASCADE"),
        _fk("neighbourhood_event_partner", "partner_id", "partner", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint(
            "event_id", "partner_id", name=op.f("pk_neighbourhood_event_partner")
        ),
    )
    _indexes("neighbourhood_event_partner", "partner_id")
    op.create_table(
        "neighbourhood_signal",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("complex_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=100), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        *_record_columns(),
        _fk("neighbourhood_signal", "event_id", "neighbourhood_event"),
        _fk("neighbourhood_signal", "complex_id", "complex"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_neighbourhood_signal")),
    )
    _indexes("neighbourhood_signal", "event_id", "complex_id")
    op.create_table(
        "neighbourhood_action",
        sa.Column("complex_id", sa.String(length=36), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("assignee_id", sa.String(length=36), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        *_record_columns(),
        _fk("neighbourhood_action", "complex_id", "complex"),
        _fk("neighbourhood_action", "event_id", "neighbourhood_event"),
        _fk("neighbourhood_action", "assignee_id", "staff_member"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_neighbourhood_action")),
    )
    _indexes("neighbourhood_action", "complex_id", "event_id", "due_on", "status", "assignee_id")
    op.create_table(
        "connect_offer",
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("approach", sa.Text(), nullable=False),
        sa.Column("consent_form", sa.String(length=20), nullable=False),
        sa.Column("consent_date", sa.Date(), nullable=False),
        *_record_columns(),
        _fk("connect_offer", "resident_id", "resident"),
        _fk("connect_offer", "household_id", "household"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_connect_offer")),
    )
    _indexes("connect_offer", "resident_id", "household_id")
    op.create_table(
        "connect_introduction",
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.Column("other_household_id", sa.String(length=36), nullable=False),
        sa.Column("other_resident_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("introduced_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("follow_up_id", sa.String(length=36), nullable=True),
        *_record_columns(),
        _fk("connect_introduction", "household_id", "household"),
        _fk("connect_introduction", "resident_id", "resident"),
        _fk("connect_introduction", "other_household_id", "household"),
        _fk("connect_introduction", "other_resident_id", "resident"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_connect_introduction")),
    )
    _indexes(
        "connect_introduction",
        "household_id",
        "resident_id",
        "other_household_id",
        "other_resident_id",
        "follow_up_id",
    )


def downgrade() -> None:
    for table in (
        "connect_introduction",
        "connect_offer",
        "neighbourhood_action",
        "neighbourhood_signal",
        "neighbourhood_event_partner",
        "neighbourhood_event",
    ):
        op.drop_table(table)

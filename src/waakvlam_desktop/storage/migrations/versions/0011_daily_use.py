"""daily use: acute signs followed up, actions tied to them, visit corrections

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 21:30:00

- ``signal_observation.acute_response``: what was done about an acute sign ("Veilig Thuis
  gebeld"); empty when nothing yet (then an action due today exists); NULL for signs
  recorded before this revision.
- ``follow_up.signal_id``: the acute sign an action follows up (Vandaag keeps it first).
- ``visit_correction``: a corrected note keeps the note as it was.
- ``staff_complex``: the complexes a staff member looks after (Vandaag: "Mijn complexen").
- ``draft.household_id`` may be NULL: a form about no household (a new partner) keeps its
  draft through a lock too. Batch mode copies ``draft``: it has no triggers and nothing
  points at it.

Plain ``op.*`` statements only (no batch mode): ``visit`` and ``signal_observation`` keep
their FTS triggers and the rows that point at them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("signal_observation", sa.Column("acute_response", sa.Text(), nullable=True))
    # Partial: Vandaag's search for acute signs never answered reads only these rows.
    op.create_index(
        "ix_signal_observation_unanswered",
        "signal_observation",
        ["item_id"],
        unique=False,
        sqlite_where=sa.text("acute_response IS NULL"),
    )
    op.add_column("follow_up", sa.Column("signal_id", sa.String(length=36), nullable=True))
    op.create_index("ix_follow_up_signal_id", "follow_up", ["signal_id"], unique=False)
    op.create_table(
        "visit_correction",
        sa.Column("visit_id", sa.String(length=36), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("notes_before", sa.Text(), nullable=False),
        sa.Column("notes_after", sa.Text(), nullable=False),
        sa.Column("corrected_at", sa.DateTime(), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_visit_correction_household_id_household"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_member.id"],
            name=op.f("fk_visit_correction_staff_id_staff_member"),
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visit.id"], name=op.f("fk_visit_correction_visit_id_visit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_correction")),
    )
    op.create_index(
        "ix_visit_correction_household_id", "visit_correction", ["household_id"], unique=False
    )
    op.create_index("ix_visit_correction_staff_id", "visit_correction", ["staff_id"], unique=False)
    op.create_index("ix_visit_correction_visit_id", "visit_correction", ["visit_id"], unique=False)
    op.create_table(
        "staff_complex",
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.Column("complex_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["complex_id"],
            ["complex.id"],
            name=op.f("fk_staff_complex_complex_id_complex"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_member.id"],
            name=op.f("fk_staff_complex_staff_id_staff_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("staff_id", "complex_id", name=op.f("pk_staff_complex")),
    )
    op.create_index("ix_staff_complex_complex_id", "staff_complex", ["complex_id"], unique=False)
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.alter_column("household_id", existing_type=sa.String(length=36), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM draft WHERE household_id IS NULL")
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.alter_column("household_id", existing_type=sa.String(length=36), nullable=False)
    op.drop_index("ix_staff_complex_complex_id", table_name="staff_complex")
    op.drop_table("staff_complex")
    op.drop_index("ix_visit_correction_visit_id", table_name="visit_correction")
    op.drop_index("ix_visit_correction_staff_id", table_name="visit_correction")
    op.drop_index("ix_visit_correction_household_id", table_name="visit_correction")
    op.drop_table("visit_correction")
    op.drop_index("ix_follow_up_signal_id", table_name="follow_up")
    op.drop_column("follow_up", "signal_id")
    op.drop_index("ix_signal_observation_unanswered", table_name="signal_observation")
    op.drop_column("signal_observation", "acute_response")

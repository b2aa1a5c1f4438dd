"""anonymised counts: an anonymised household's visits, signs and levels become months

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-04 10:30:00

Anonymisation kept each visit (date, kind, staff member), each observed sign (item,
severity) and each change of concern level (moment, staff member, suggested level) of a
household without its texts, for the statistics: four fifths of the file after a full
purge (#16: at most a tenth of the full vault should stay). What the statistics ask of
them is how many visits a household had in a month, in which checklist domains it had
signs, and its level at the end of a month: ``anonymised_visits``, ``anonymised_signs``
and ``anonymised_levels`` keep that, one row per household and month (and domain), and
``privacy/retention.py`` deletes the rows they replace. Households anonymised by an
earlier version are counted at the next whole retention run.

New tables, no data moved here: the months are Dutch time, which SQL cannot compute.
The downgrade drops the tables, and with them the counts of households anonymised since.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | Sequence[str] | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "anonymised_visits",
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_anonymised_visits_household_id_household"),
        ),
        sa.PrimaryKeyConstraint("month", "household_id", name=op.f("pk_anonymised_visits")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "anonymised_signs",
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("domain", sa.String(length=50), nullable=False),
        sa.Column("signs", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_anonymised_signs_household_id_household"),
        ),
        sa.PrimaryKeyConstraint(
            "month", "household_id", "domain", name=op.f("pk_anonymised_signs")
        ),
        sqlite_with_rowid=False,
    )

    op.create_table(
        "anonymised_levels",
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_anonymised_levels_household_id_household"),
        ),
        sa.PrimaryKeyConstraint("month", "household_id", name=op.f("pk_anonymised_levels")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("anonymised_levels")
    op.drop_table("anonymised_signs")
    op.drop_table("anonymised_visits")

"""check-in index: Vandaag's overdue check-ins read per concern level in date order

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 19:30:00

Vandaag lists the first 150 overdue check-ins by level, then date, then address, and counts
them all. Without this index SQLite read and sorted every overdue household with its
address to find the first 150: at 50,000 households (15,738 overdue) 115-180 ms a start
with the pages in memory, 1.6 s on the first start after a reboot (#16). With it each
level is read in date order and stops at the rows shown, and the counts come from the
index alone.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_household_level_due", "household", ["concern_level", "next_check_in", "status"]
    )
    op.drop_index("ix_household_concern_level", table_name="household")


def downgrade() -> None:
    op.create_index("ix_household_concern_level", "household", ["concern_level"])
    op.drop_index("ix_household_level_due", table_name="household")

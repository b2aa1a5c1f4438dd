"""follow-up index: Vandaag's open actions in date order, the acute signs by status and sign

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 19:55:00

``ix_follow_up_open (status, signal_id, due_on, household_id)`` replaces
``ix_follow_up_status`` (#16). At 50,000 households, with the pages in memory:

- the open actions not tied to a sign, due and later, are read in date order and stop at
  the rows shown (two lists, 65-98 ms; now 4-18 ms); before, SQLite sorted every open
  action to find the first 150;
- their count reads the index and the households, not each action's row;
- the acute signs whose action is still open are found by status and sign (67-98 ms; now
  about 1 ms).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_follow_up_open", "follow_up", ["status", "signal_id", "due_on", "household_id"]
    )
    op.drop_index("ix_follow_up_status", table_name="follow_up")


def downgrade() -> None:
    op.create_index("ix_follow_up_status", "follow_up", ["status"])
    op.drop_index("ix_follow_up_open", table_name="follow_up")

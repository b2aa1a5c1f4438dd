"""consent withdrawal on referrals

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-28 08:50:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.add_column(sa.Column("consent_withdrawn_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("consent_withdrawal_note", sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_column("consent_withdrawal_note")
        batch_op.drop_column("consent_withdrawn_on")

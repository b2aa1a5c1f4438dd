"""disclosure: concerned residents and may-call on referrals, per-household export records,
erasure requests

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 19:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Existing referrals concern the household's contact resident: its first adult, the same
# default the dialog offers (a household of only children gets none: no child by default).
_ADULT_0009 = (
    "res.household_id = r.household_id AND (res.birth_year IS NULL OR res.birth_year <="
    " CAST(strftime('%Y', r.created_at) AS INTEGER) - 18)"
)
FILL_CONCERNS_0009 = f"""
INSERT INTO referral_resident (referral_id, resident_id)
SELECT r.id, (
    SELECT res.id FROM resident res WHERE {_ADULT_0009} ORDER BY res.created_at, res.rowid LIMIT 1)
FROM referral r
WHERE EXISTS (SELECT 1 FROM resident res WHERE {_ADULT_0009})
"""


def upgrade() -> None:
    op.create_table(
        "referral_resident",
        sa.Column("referral_id", sa.String(length=36), nullable=False),
        sa.Column("resident_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referral.id"],
            name=op.f("fk_referral_resident_referral_id_referral"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resident_id"],
            ["resident.id"],
            name=op.f("fk_referral_resident_resident_id_resident"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("referral_id", "resident_id", name=op.f("pk_referral_resident")),
    )
    op.create_index(op.f("ix_referral_resident_resident_id"), "referral_resident", ["resident_id"])
    # Plain ADD COLUMN (no batch copy of the referral table, see versions/README.md).
    op.add_column(
        "referral",
        sa.Column("consent_may_call", sa.Boolean(), nullable=False, server_default="0"),
    )
    op.create_table(
        "export_household",
        sa.Column("export_id", sa.String(length=36), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["export_id"],
            ["export_record.id"],
            name=op.f("fk_export_household_export_id_export_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_export_household_household_id_household"),
        ),
        sa.PrimaryKeyConstraint("export_id", "household_id", name=op.f("pk_export_household")),
    )
    op.create_index(op.f("ix_export_household_household_id"), "export_household", ["household_id"])
    op.create_table(
        "export_referral",
        sa.Column("export_id", sa.String(length=36), nullable=False),
        sa.Column("referral_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["export_id"],
            ["export_record.id"],
            name=op.f("fk_export_referral_export_id_export_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"], ["referral.id"], name=op.f("fk_export_referral_referral_id_referral")
        ),
        sa.PrimaryKeyConstraint("export_id", "referral_id", name=op.f("pk_export_referral")),
    )
    op.create_index(op.f("ix_export_referral_referral_id"), "export_referral", ["referral_id"])
    op.create_table(
        "erasure_request",
        sa.Column("partner_id", sa.String(length=36), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("pseudonym", sa.String(length=64), nullable=False),
        sa.Column("kenmerken", sa.Text(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("export_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partner.id"], name=op.f("fk_erasure_request_partner_id_partner")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_erasure_request_household_id_household"),
        ),
        sa.ForeignKeyConstraint(
            ["export_id"],
            ["export_record.id"],
            name=op.f("fk_erasure_request_export_id_export_record"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_request")),
    )
    for column in ("partner_id", "household_id", "export_id"):
        op.create_index(op.f(f"ix_erasure_request_{column}"), "erasure_request", [column])
    op.execute(FILL_CONCERNS_0009)


def downgrade() -> None:
    for column in ("export_id", "household_id", "partner_id"):
        op.drop_index(op.f(f"ix_erasure_request_{column}"), table_name="erasure_request")
    op.drop_table("erasure_request")
    op.drop_index(op.f("ix_export_referral_referral_id"), table_name="export_referral")
    op.drop_table("export_referral")
    op.drop_index(op.f("ix_export_household_household_id"), table_name="export_household")
    op.drop_table("export_household")
    # SQLite's own DROP COLUMN: a batch copy would cascade-delete referral_signal rows.
    op.execute("ALTER TABLE referral DROP COLUMN consent_may_call")
    op.drop_index(op.f("ix_referral_resident_resident_id"), table_name="referral_resident")
    op.drop_table("referral_resident")

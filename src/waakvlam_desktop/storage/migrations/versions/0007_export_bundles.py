"""export bundles: the organisation's signing key and the export history

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 08:50:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _record_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "signing_key",
        sa.Column("algorithm", sa.String(length=20), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("private_key", sa.LargeBinary(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        *_record_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_key")),
        sa.UniqueConstraint("key_id", name=op.f("uq_signing_key_key_id")),
    )
    op.create_table(
        "export_record",
        sa.Column("partner_id", sa.String(length=36), nullable=False),
        sa.Column("partner_name", sa.String(length=200), nullable=False),
        sa.Column("profile", sa.String(length=20), nullable=False),
        sa.Column("period_label", sa.String(length=10), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("bundle_sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("signing_key_id", sa.String(length=64), nullable=False),
        sa.Column("counts_json", sa.Text(), nullable=False),
        sa.Column("exclusions_json", sa.Text(), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partner.id"], name=op.f("fk_export_record_partner_id_partner")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_record")),
        sa.UniqueConstraint("bundle_id", name=op.f("uq_export_record_bundle_id")),
        sa.UniqueConstraint(
            "partner_id", "sequence", name=op.f("uq_export_record_partner_id_sequence")
        ),
    )
    with op.batch_alter_table("export_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_export_record_partner_id"), ["partner_id"])
        batch_op.create_index(batch_op.f("ix_export_record_period_label"), ["period_label"])
        batch_op.create_index(batch_op.f("ix_export_record_exported_at"), ["exported_at"])


def downgrade() -> None:
    with op.batch_alter_table("export_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_export_record_exported_at"))
        batch_op.drop_index(batch_op.f("ix_export_record_period_label"))
        batch_op.drop_index(batch_op.f("ix_export_record_partner_id"))
    op.drop_table("export_record")
    op.drop_table("signing_key")

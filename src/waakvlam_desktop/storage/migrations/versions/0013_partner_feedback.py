"""partner feedback: reply identity, pinned partner signing keys, imported replies

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-02 00:20:00

- ``reply_identity``: the age identity partners encrypt feedback replies to; its
  recipient travels in every export bundle's manifest (``reply_recipient``).
- ``partner_signing_key``: a partner's pinned Ed25519 key (``partner add|edit
  --signing-key``); a reply must be signed with it.
- ``feedback_reply``: every reply read in, by its id: a reply is accepted only once.

New tables only: nothing existing changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0011"
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
        "reply_identity",
        sa.Column("recipient", sa.String(length=100), nullable=False),
        sa.Column("identity", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        *_record_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reply_identity")),
        sa.UniqueConstraint("recipient", name=op.f("uq_reply_identity_recipient")),
    )
    op.create_table(
        "partner_signing_key",
        sa.Column("partner_id", sa.String(length=36), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_partner_signing_key_partner_id_partner"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_signing_key")),
        sa.UniqueConstraint("partner_id", name=op.f("uq_partner_signing_key_partner_id")),
    )
    op.create_table(
        "feedback_reply",
        sa.Column("reply_id", sa.String(length=36), nullable=False),
        sa.Column("partner_id", sa.String(length=36), nullable=False),
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("replied_at", sa.DateTime(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partner.id"], name=op.f("fk_feedback_reply_partner_id_partner")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_reply")),
        sa.UniqueConstraint("reply_id", name=op.f("uq_feedback_reply_reply_id")),
    )
    op.create_index("ix_feedback_reply_bundle_id", "feedback_reply", ["bundle_id"], unique=False)
    op.create_index("ix_feedback_reply_partner_id", "feedback_reply", ["partner_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_feedback_reply_partner_id", table_name="feedback_reply")
    op.drop_index("ix_feedback_reply_bundle_id", table_name="feedback_reply")
    op.drop_table("feedback_reply")
    op.drop_table("partner_signing_key")
    op.drop_table("reply_identity")

"""colleague keys, tombstones and per-colleague import state

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 19:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "colleague",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("last_import_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_colleague")),
        sa.UniqueConstraint("name", name=op.f("uq_colleague_name")),
        sa.UniqueConstraint("key_id", name=op.f("uq_colleague_key_id")),
    )
    op.create_table(
        "tombstone",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("what", sa.String(length=30), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.Column("detail", sa.String(length=30), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tombstone")),
        sa.UniqueConstraint(
            "entity", "entity_id", "what", name=op.f("uq_tombstone_entity_entity_id_what")
        ),
    )
    op.create_index(op.f("ix_tombstone_entity_id"), "tombstone", ["entity_id"])
    op.create_index(op.f("ix_tombstone_erased_at"), "tombstone", ["erased_at"])
    op.create_table(
        "import_base",
        sa.Column("colleague_id", sa.String(length=36), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["colleague_id"],
            ["colleague.id"],
            name=op.f("fk_import_base_colleague_id_colleague"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("colleague_id", "row_id", name=op.f("pk_import_base")),
    )


def downgrade() -> None:
    op.drop_table("import_base")
    op.drop_index(op.f("ix_tombstone_erased_at"), table_name="tombstone")
    op.drop_index(op.f("ix_tombstone_entity_id"), table_name="tombstone")
    op.drop_table("tombstone")
    op.drop_table("colleague")

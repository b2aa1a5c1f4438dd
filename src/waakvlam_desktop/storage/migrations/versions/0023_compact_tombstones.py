"""compact tombstones: keyed by what they cover, without rowid, one index instead of four

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-04 13:30:00

A tombstone (``domain/tombstones.py``) was a row with an id of its own that nothing reads,
an implicit rowid, and four indexes: the id's, the unique (entity, entity_id, what), one on
``entity_id`` and one on ``erased_at``. After a full purge every household has one, and
with its indexes it took 222 bytes: a tenth of what a purged 10,000-household vault keeps
(#16). Every lookup is by ``entity_id`` (the handover import, the guards of an anonymised
household); the list after a moment (restoring a backup) and the anonymised households
(a whole retention run) are read rarely and walk the table. So the table becomes one
B-tree without rowid, keyed by (``entity_id``, ``what``, ``entity``): the same
uniqueness as before, and ``entity_id`` first.

The downgrade makes the old table again, with a new random id per row (nothing read it).
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | Sequence[str] | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = "entity_id, what, entity, erased_at, detail"


def upgrade() -> None:
    op.create_table(
        "tombstone_0023",
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("what", sa.String(length=30), nullable=False),
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.Column("detail", sa.String(length=30), nullable=False),
        sa.PrimaryKeyConstraint("entity_id", "what", "entity", name=op.f("pk_tombstone")),
        sqlite_with_rowid=False,
    )
    op.execute(f"INSERT INTO tombstone_0023 ({_COLUMNS}) SELECT {_COLUMNS} FROM tombstone")
    op.drop_index(op.f("ix_tombstone_erased_at"), table_name="tombstone")
    op.drop_index(op.f("ix_tombstone_entity_id"), table_name="tombstone")
    op.drop_table("tombstone")
    op.rename_table("tombstone_0023", "tombstone")


def downgrade() -> None:
    op.create_table(
        "tombstone_0022",
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
    con = op.get_bind()
    rows = con.exec_driver_sql(f"SELECT {_COLUMNS} FROM tombstone").all()
    if rows:
        con.exec_driver_sql(
            f"INSERT INTO tombstone_0022 (id, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
            [(uuid.uuid4().bytes, *row) for row in rows],  # ids are 16 bytes since 0019
        )
    op.drop_table("tombstone")
    op.rename_table("tombstone_0022", "tombstone")
    op.create_index(op.f("ix_tombstone_entity_id"), "tombstone", ["entity_id"])
    op.create_index(op.f("ix_tombstone_erased_at"), "tombstone", ["erased_at"])

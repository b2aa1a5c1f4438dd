"""letter contacts: a partner's contact person and a resident's name in parts

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 21:10:00

Letters build "t.a.v. de heer J. de Groot" and "Geachte heer De Groot," from parts:
aanhef (heer, mevrouw, neutraal or empty), voorletters, tussenvoegsel, achternaam. The
old free-text ``partner.contact_name`` stays: it is what a letter shows until the parts
are filled in. Plain ``op.add_column`` (SQLite's ALTER TABLE ADD COLUMN): no table is
recreated, so ``visit_resident`` and the triggers are untouched.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PARTS = (("salutation", 10), ("initials", 20), ("prefix", 30), ("surname", 200))


def upgrade() -> None:
    for name, length in PARTS:
        op.add_column(
            "partner",
            sa.Column(f"contact_{name}", sa.String(length), nullable=False, server_default=""),
        )
    for name, length in PARTS:
        op.add_column(
            "resident",
            sa.Column(name, sa.String(length), nullable=False, server_default=""),
        )


def downgrade() -> None:
    with op.batch_alter_table("partner", schema=None) as batch_op:
        for name, _length in reversed(PARTS):
            batch_op.drop_column(f"contact_{name}")
    # SQLite 3.35+ drops a column in place; batch mode would recreate ``resident`` and so
    # empty ``visit_resident`` (ON DELETE CASCADE).
    for name, _length in reversed(PARTS):
        op.drop_column("resident", name)

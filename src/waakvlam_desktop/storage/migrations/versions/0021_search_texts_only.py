"""search texts only: no search rows for visits without notes and signs without a remark

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 22:30:00

Every visit and every observed sign had a row in ``search_doc`` and an entry in the
index's own tables, also without any text: half the signs of a caseload have no remark,
and after retention blanks a household's texts every one of its rows stayed. The
triggers of ``storage/fts.py`` ``CREATE_0021`` give a row only to a text; this migration
puts them in place of 0016's and removes the rows of empty texts (#16: a vault of at most
2 KB per visit, and a small vault after a full purge).

Triggers and rows only: no table is rebuilt.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from waakvlam_desktop.storage import fts

revision: str = "0021"
down_revision: str | Sequence[str] | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for statement in (*fts.DROP_TRIGGERS_0021, *fts.CREATE_0021, *fts.PRUNE_0021):
        op.execute(sa.text(statement))


def downgrade() -> None:
    triggers_0016 = [s for s in fts.CREATE_0016 if s.startswith("CREATE TRIGGER")]
    for statement in (*fts.DROP_TRIGGERS_0021, *triggers_0016, *fts.UNPRUNE_0021):
        op.execute(sa.text(statement))

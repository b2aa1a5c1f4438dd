"""compact ids: every record id and reference to one as 16 bytes instead of 36 characters

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 22:40:00

A visit took about 2,900 bytes of the vault after 0016, over the 2 KB of #16; a third of it
was the text of UUID keys, in every row and every index on one. This revision stores each
canonical UUID id as its 16 bytes (``storage/ids.py``: the app keeps seeing the text). The
column types stay ``VARCHAR(36)``: SQLite keeps a BLOB in a text column as it is, so no
table is rebuilt. An id that is not a canonical UUID stays text.

Foreign keys are checked at the commit (``defer_foreign_keys``): a parent's id and its
children's references change in different statements. The audit log's append-only
triggers are lifted for the update and put back as they were; the chain's hashes are over
the ids' text and do not change. The file keeps its size until the next VACUUM
(``waakvlam retention run`` does one).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.ids import ID_COLUMNS_0019, TO_BYTES_0019, TO_TEXT_0019

revision: str = "0019"
down_revision: str | Sequence[str] | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _convert(template: str) -> None:
    """Rewrite every id column with ``template``. A table's own indexes are dropped for
    the update and made again from their stored SQL, exactly as they were: building an
    index once is faster than moving each of its entries (10,000 households: 19 -> 13 s).
    The keys' own indexes (primary key, unique) cannot be dropped and are updated."""
    con = op.get_bind()
    con.execute(sa.text("PRAGMA defer_foreign_keys = ON"))
    for statement in audit.APPEND_ONLY_DROP_0016:
        con.execute(sa.text(statement))
    for table, columns in ID_COLUMNS_0019.items():
        indexes = con.execute(
            sa.text(
                "SELECT name, sql FROM sqlite_master"
                " WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"
            ),
            {"t": table},
        ).all()
        for name, _sql in indexes:
            con.execute(sa.text(f"DROP INDEX {name}"))
        sets = ", ".join(f"{c} = {template.format(c)}" for c in columns)
        con.execute(sa.text(f"UPDATE {table} SET {sets}"))
        for _name, sql in indexes:
            con.execute(sa.text(sql))
    for statement in audit.APPEND_ONLY_0016:
        con.execute(sa.text(statement))


def upgrade() -> None:
    _convert(TO_BYTES_0019)


def downgrade() -> None:
    _convert(TO_TEXT_0019)

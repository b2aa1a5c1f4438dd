"""compact vault: smaller audit log and search index, audit term checkpoints

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 03:30:00

A vault of 10,000 households took about 3.5 KB per visit before real use added some 2 KB
of audit events (#16). This revision keeps every function and stores less:

- ``audit_event``: ``hash`` and ``prev_hash`` as 32 bytes instead of 64 hex characters
  (the hashes themselves, and everything that shows or carries them, stay the same hex
  text: only storage changes), and one index (``household_id``) instead of five.
- ``audit_checkpoint``: events older than the organisation's audit term are replaced by a
  signed checkpoint (``storage/audit.py``); the append-only triggers let exactly those
  events go (:data:`~waakvlam_desktop.storage.audit.APPEND_ONLY_0016`).
- Search: the FTS5 index reads the text from the rows (external content, the view
  ``search_text``) instead of keeping a copy, and ``search_doc`` no longer repeats the
  household id (``storage/fts.py`` ``CREATE_0016``).
- ``visit_resident`` without a rowid (it is only its key); ``ix_visit_visited_at`` and
  ``ix_signal_observation_visit_id`` dropped: the first column of
  ``ix_visit_visited_at_cover`` and ``ix_signal_observation_visit_item`` serves the same;
  ``ix_visit_staff_id`` and ``ix_concern_level_entry_staff_id`` dropped: no query of the
  app uses them (EXPLAIN QUERY PLAN over a traced day of use) and staff members are never
  deleted, so no foreign-key check needs them.

The audit and search tables are copied with plain SQL, not batch mode (see README.md):
the FTS triggers are recreated from the frozen constants. The file keeps its size until
the next VACUUM (``waakvlam retention run`` does one).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from waakvlam_desktop.storage import audit, fts

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_AUDIT_TABLE = """CREATE TABLE {name} (
	seq INTEGER NOT NULL,
	at DATETIME NOT NULL,
	actor VARCHAR(36),
	action VARCHAR(30) NOT NULL,
	entity VARCHAR(50) NOT NULL,
	entity_id VARCHAR(36),
	household_id VARCHAR(36),
	detail TEXT NOT NULL,
	prev_hash {hash_type} NOT NULL,
	hash {hash_type} NOT NULL,
	CONSTRAINT pk_audit_event PRIMARY KEY (seq)
)"""
_AUDIT_COLUMNS = "seq, at, actor, action, entity, entity_id, household_id, detail"
_OLD_AUDIT_INDEXES = ("action", "actor", "at", "entity_id")

_VISIT_RESIDENT = """CREATE TABLE {name} (
	visit_id VARCHAR(36) NOT NULL,
	resident_id VARCHAR(36) NOT NULL,
	CONSTRAINT pk_visit_resident PRIMARY KEY (visit_id, resident_id),
	CONSTRAINT fk_visit_resident_resident_id_resident FOREIGN KEY(resident_id)
		REFERENCES resident (id) ON DELETE CASCADE,
	CONSTRAINT fk_visit_resident_visit_id_visit FOREIGN KEY(visit_id)
		REFERENCES visit (id) ON DELETE CASCADE
){suffix}"""


def _run(*statements: str) -> None:
    for statement in statements:
        op.execute(sa.text(statement))


def _copy_audit(hash_type: str, convert: str) -> None:
    """Copy ``audit_event`` into a new table whose hashes are ``hash_type``."""
    _run(
        _AUDIT_TABLE.format(name="audit_event_0016", hash_type=hash_type),
        f"INSERT INTO audit_event_0016 ({_AUDIT_COLUMNS}, prev_hash, hash)"
        f" SELECT {_AUDIT_COLUMNS}, {convert.format('prev_hash')}, {convert.format('hash')}"
        " FROM audit_event ORDER BY seq",
        "DROP TABLE audit_event",
        "ALTER TABLE audit_event_0016 RENAME TO audit_event",
    )


def _copy_visit_resident(suffix: str) -> None:
    _run(
        _VISIT_RESIDENT.format(name="visit_resident_0016", suffix=suffix),
        "INSERT INTO visit_resident_0016 (visit_id, resident_id)"
        " SELECT visit_id, resident_id FROM visit_resident",
        "DROP TABLE visit_resident",
        "ALTER TABLE visit_resident_0016 RENAME TO visit_resident",
        "CREATE INDEX ix_visit_resident_resident_id ON visit_resident (resident_id)",
    )


def upgrade() -> None:
    op.drop_index("ix_visit_visited_at", table_name="visit")
    op.drop_index("ix_signal_observation_visit_id", table_name="signal_observation")
    op.drop_index("ix_visit_staff_id", table_name="visit")
    op.drop_index("ix_concern_level_entry_staff_id", table_name="concern_level_entry")
    _copy_visit_resident(" WITHOUT ROWID")

    # The audit log: 32-byte hashes, one index, and the checkpoints of the audit term.
    _run(*audit.APPEND_ONLY_DROP_0001)
    _copy_audit("BLOB", "unhex({})")
    op.create_index("ix_audit_event_household_id", "audit_event", ["household_id"])
    op.create_table(
        "audit_checkpoint",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("before", sa.DateTime(), nullable=False),
        sa.Column("hash", sa.LargeBinary(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_checkpoint")),
    )
    _run(*audit.APPEND_ONLY_0016)

    # Search: external content, the same document numbers (newest first stays newest first).
    _run(
        "CREATE TABLE search_doc_0016 AS SELECT rowid AS doc, source, ref_id FROM search_doc",
        *fts.DROP_0001,
        *fts.CREATE_0016,
        "INSERT INTO search_doc (rowid, source, ref_id)"
        " SELECT doc, source, ref_id FROM search_doc_0016 ORDER BY doc",
        "DROP TABLE search_doc_0016",
        fts.REBUILD_0016,
    )


def downgrade() -> None:
    _run(
        "CREATE TABLE search_doc_0016 AS SELECT rowid AS doc, source, ref_id FROM search_doc",
        *fts.DROP_0016,
        *fts.CREATE_0001,
        "INSERT INTO search_doc (rowid, source, ref_id, household_id)"
        " SELECT d.doc, d.source, d.ref_id, coalesce(v.household_id, o.household_id)"
        " FROM search_doc_0016 d"
        " LEFT JOIN visit v ON d.source = 'visit' AND v.id = d.ref_id"
        " LEFT JOIN signal_observation o ON d.source = 'signal' AND o.id = d.ref_id"
        " ORDER BY d.doc",
        "INSERT INTO search_index (rowid, body)"
        " SELECT d.rowid, coalesce(v.notes, o.remark, '') FROM search_doc d"
        " LEFT JOIN visit v ON d.source = 'visit' AND v.id = d.ref_id"
        " LEFT JOIN signal_observation o ON d.source = 'signal' AND o.id = d.ref_id"
        " ORDER BY d.rowid",
        "DROP TABLE search_doc_0016",
    )
    # Events replaced by a checkpoint cannot come back: a downgraded vault whose log
    # starts after a checkpoint no longer verifies from event 1.
    _run(*audit.APPEND_ONLY_DROP_0016)
    op.drop_table("audit_checkpoint")
    op.drop_index("ix_audit_event_household_id", table_name="audit_event")
    _copy_audit("VARCHAR(64)", "lower(hex({}))")
    for column in (*_OLD_AUDIT_INDEXES, "household_id"):
        op.create_index(f"ix_audit_event_{column}", "audit_event", [column])
    _run(*audit.APPEND_ONLY_0001)
    _copy_visit_resident("")
    op.create_index("ix_concern_level_entry_staff_id", "concern_level_entry", ["staff_id"])
    op.create_index("ix_visit_staff_id", "visit", ["staff_id"])
    op.create_index("ix_signal_observation_visit_id", "signal_observation", ["visit_id"])
    op.create_index("ix_visit_visited_at", "visit", ["visited_at"])

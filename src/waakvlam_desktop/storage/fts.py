"""Full-text search inside the vault: the FTS5 tables, the triggers that fill them, the query.

What is indexed, and why
    The free text staff write: visit notes (``visit.notes``) and the remarks written with
    an observed sign (``signal_observation.remark``): the words a colleague wrote during a
    visit are findable only through this index. Household labels and addresses are short
    structured fields that the household list filters in memory. Referral texts,
    follow-ups and drafts are not indexed.

The objects (created by migration 0016 from :data:`CREATE_0016`, the triggers since 0021
from :data:`CREATE_0021`; 0001 made the first ones)
    ``search_index``
        An FTS5 table with one column, ``body``, and the tokenizer
        ``unicode61 remove_diacritics 2``: case and diacritics are folded, so
        ``geisoleerd`` finds ``geïsoleerd``. Since 0016 it is an *external content* table:
        it keeps only the index, and reads the text (for snippets) through the view
        ``search_text`` from the visit or observation row itself.
    ``search_doc``
        Maps the index's integer rowid to what it indexes: ``source`` (``visit`` or
        ``signal``) and ``ref_id`` (the visit or observation id); the household comes from
        that row. The rowid is an ``INTEGER PRIMARY KEY``, so VACUUM keeps it stable and
        the index and the map stay paired. Since 0021 only a text has a row: a visit
        without notes, a sign without a remark and a text retention blanked have none.
    triggers ``visit_search_ai/_au/_ad`` and ``observation_search_ai/_au/_ad``
        Keep both in step with every insert, change of the text and delete, including raw
        SQL; not with the row an ``INSERT OR REPLACE`` or ``UPDATE OR REPLACE`` removes
        (SQLite runs no delete trigger for it while ``recursive_triggers`` is off, as here),
        so no code uses REPLACE on ``visit`` or ``signal_observation``. With external
        content a change or delete first tells FTS5 the *old* text (``'delete'`` command),
        then indexes the new one. A text written into an empty field gets its row then (a
        new rowid, so it sorts as new); a text emptied loses its row; a changed text keeps
        it. FTS5's ``secure-delete`` option is on (:func:`ensure_secure_delete`, at every
        open of the vault): without it a 'delete' only adds a marker and the old word stays
        readable in ``search_index_data`` until a merge; with it the entry leaves the
        index's pages at once, for every path (a corrected note, raw SQL, a handover,
        tombstones after a restore; ``tests/security/test_fts_erasure.py``). Retention
        blanks the text with an UPDATE (the index follows) and then calls :func:`optimize`.
        A migration that recreates ``visit`` or ``signal_observation`` (Alembic batch mode)
        drops these triggers with the old table: see ``migrations/versions/README.md``.
        FTS5's ``integrity-check`` (rank 1) compares the index with the rows.

How search queries them
    :func:`match_expression` turns what a user typed into a safe FTS5 query (every word
    must match, as a prefix; at most 12 words). :func:`matches` runs it and returns the
    newest rows first: ordering by rowid lets FTS5 walk the doclist backwards and stop at
    the limit (about 10 ms on 100k visits, against 60-180 ms for bm25 rank).
    ``domain/search.py`` turns the rows into ``SearchHit`` values.

Bulk inserts
    :func:`indexed_once` lets a caller that adds many visits or observations at once (the
    handover import) index them in two ``INSERT … SELECT`` statements at the end instead of
    through the insert trigger row by row, with the same result.

Frozen DDL: the rule for changing this schema
    A migration must mean the same thing forever, also after this module changes. So the
    statements a migration executes are constants named after that migration's revision
    (``CREATE_0001``, ``DROP_0001``) and **a published constant is never edited**. To
    change the index (another tokenizer, a new indexed column), write a new migration
    ``NNNN`` and add ``CREATE_NNNN`` / ``DROP_NNNN`` here for it, next to the old ones;
    update :func:`matches` and this docstring to describe the newest state.
    ``tests/unit/test_vault_upgrade.py`` compares every ``CREATE_NNNN`` constant here, in
    ``storage/audit.py`` and in ``storage/signal_months.py`` with the schema stored in the
    committed vault of revision
    ``NNNN`` (``tests/data/vaults/NNNN/``), so an edit to a published constant fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Final

from sqlalchemy import Engine, Row, text
from sqlalchemy.orm import Session

from waakvlam_desktop.storage.ids import RecordId

# ---- frozen: executed by migration 0001; never edit (see the module docstring) -------------
CREATE_0001: Final[tuple[str, ...]] = (
    # Full-text search over visit notes and signal remarks, diacritics folded. search_doc
    # maps a stable integer rowid (survives VACUUM) to the record it indexes.
    """CREATE TABLE search_doc (
        rowid INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        ref_id TEXT NOT NULL UNIQUE,
        household_id TEXT NOT NULL
    )""",
    "CREATE INDEX ix_search_doc_household_id ON search_doc (household_id)",
    """CREATE VIRTUAL TABLE search_index USING fts5(
        body, tokenize = 'unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER visit_search_ai AFTER INSERT ON visit BEGIN
        INSERT INTO search_doc (source, ref_id, household_id)
            VALUES ('visit', new.id, new.household_id);
        INSERT INTO search_index (rowid, body) VALUES (last_insert_rowid(), new.notes);
    END""",
    """CREATE TRIGGER visit_search_au AFTER UPDATE OF notes ON visit BEGIN
        UPDATE search_index SET body = new.notes
            WHERE rowid = (SELECT rowid FROM search_doc WHERE ref_id = old.id);
    END""",
    """CREATE TRIGGER visit_search_ad AFTER DELETE ON visit BEGIN
        DELETE FROM search_index
            WHERE rowid = (SELECT rowid FROM search_doc WHERE ref_id = old.id);
        DELETE FROM search_doc WHERE ref_id = old.id;
    END""",
    """CREATE TRIGGER observation_search_ai AFTER INSERT ON signal_observation BEGIN
        INSERT INTO search_doc (source, ref_id, household_id)
            VALUES ('signal', new.id, new.household_id);
        INSERT INTO search_index (rowid, body) VALUES (last_insert_rowid(), new.remark);
    END""",
    """CREATE TRIGGER observation_search_au AFTER UPDATE OF remark ON signal_observation BEGIN
        UPDATE search_index SET body = new.remark
            WHERE rowid = (SELECT rowid FROM search_doc WHERE ref_id = old.id);
    END""",
    """CREATE TRIGGER observation_search_ad AFTER DELETE ON signal_observation BEGIN
        DELETE FROM search_index
            WHERE rowid = (SELECT rowid FROM search_doc WHERE ref_id = old.id);
        DELETE FROM search_doc WHERE ref_id = old.id;
    END""",
)

DROP_0001: Final[tuple[str, ...]] = (
    "DROP TRIGGER IF EXISTS observation_search_ad",
    "DROP TRIGGER IF EXISTS observation_search_au",
    "DROP TRIGGER IF EXISTS observation_search_ai",
    "DROP TRIGGER IF EXISTS visit_search_ad",
    "DROP TRIGGER IF EXISTS visit_search_au",
    "DROP TRIGGER IF EXISTS visit_search_ai",
    "DROP TABLE IF EXISTS search_index",
    "DROP TABLE IF EXISTS search_doc",
)
# ---- end of frozen constants ---------------------------------------------------------------

# ---- frozen: executed by migration 0016; never edit ----------------------------------------
# External content: the index keeps no copy of the text (it reads the rows through the view
# search_text), and search_doc no household id (the visit or observation has it).
CREATE_0016: Final[tuple[str, ...]] = (
    """CREATE TABLE search_doc (
        rowid INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        ref_id TEXT NOT NULL UNIQUE
    )""",
    """CREATE VIEW search_text AS
        SELECT d.rowid AS doc, coalesce(v.notes, o.remark, '') AS body
        FROM search_doc d
        LEFT JOIN visit v ON d.source = 'visit' AND v.id = d.ref_id
        LEFT JOIN signal_observation o ON d.source = 'signal' AND o.id = d.ref_id""",
    """CREATE VIRTUAL TABLE search_index USING fts5(
        body, content = 'search_text', content_rowid = 'doc',
        tokenize = 'unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER visit_search_ai AFTER INSERT ON visit BEGIN
        INSERT INTO search_doc (source, ref_id) VALUES ('visit', new.id);
        INSERT INTO search_index (rowid, body) VALUES (last_insert_rowid(), new.notes);
    END""",
    """CREATE TRIGGER visit_search_au AFTER UPDATE OF notes ON visit BEGIN
        INSERT INTO search_index (search_index, rowid, body) VALUES
            ('delete', (SELECT rowid FROM search_doc WHERE ref_id = old.id), old.notes);
        INSERT INTO search_index (rowid, body) VALUES
            ((SELECT rowid FROM search_doc WHERE ref_id = new.id), new.notes);
    END""",
    """CREATE TRIGGER visit_search_ad AFTER DELETE ON visit BEGIN
        INSERT INTO search_index (search_index, rowid, body) VALUES
            ('delete', (SELECT rowid FROM search_doc WHERE ref_id = old.id), old.notes);
        DELETE FROM search_doc WHERE ref_id = old.id;
    END""",
    """CREATE TRIGGER observation_search_ai AFTER INSERT ON signal_observation BEGIN
        INSERT INTO search_doc (source, ref_id) VALUES ('signal', new.id);
        INSERT INTO search_index (rowid, body) VALUES (last_insert_rowid(), new.remark);
    END""",
    """CREATE TRIGGER observation_search_au AFTER UPDATE OF remark ON signal_observation BEGIN
        INSERT INTO search_index (search_index, rowid, body) VALUES
            ('delete', (SELECT rowid FROM search_doc WHERE ref_id = old.id), old.remark);
        INSERT INTO search_index (rowid, body) VALUES
            ((SELECT rowid FROM search_doc WHERE ref_id = new.id), new.remark);
    END""",
    """CREATE TRIGGER observation_search_ad AFTER DELETE ON signal_observation BEGIN
        INSERT INTO search_index (search_index, rowid, body) VALUES
            ('delete', (SELECT rowid FROM search_doc WHERE ref_id = old.id), old.remark);
        DELETE FROM search_doc WHERE ref_id = old.id;
    END""",
)
# Fill the new index from the rows (after CREATE_0016 and copying search_doc).
REBUILD_0016: Final[str] = "INSERT INTO search_index (search_index) VALUES ('rebuild')"
DROP_0016: Final[tuple[str, ...]] = (
    "DROP TRIGGER IF EXISTS observation_search_ad",
    "DROP TRIGGER IF EXISTS observation_search_au",
    "DROP TRIGGER IF EXISTS observation_search_ai",
    "DROP TRIGGER IF EXISTS visit_search_ad",
    "DROP TRIGGER IF EXISTS visit_search_au",
    "DROP TRIGGER IF EXISTS visit_search_ai",
    "DROP TABLE IF EXISTS search_index",
    "DROP VIEW IF EXISTS search_text",
    "DROP TABLE IF EXISTS search_doc",
)
# ---- end of frozen constants ---------------------------------------------------------------

# ---- frozen: executed by migration 0021; never edit ----------------------------------------
# Only texts are indexed: a visit without notes or a sign without a remark gets no
# search_doc row and no entry in the index (half the signs of a caseload; every text
# retention blanked). A text written later gets its row then (a new rowid: it sorts as
# new); a text emptied loses it; a text changed keeps its row.
DROP_TRIGGERS_0021: Final[tuple[str, ...]] = (
    "DROP TRIGGER IF EXISTS observation_search_ad",
    "DROP TRIGGER IF EXISTS observation_search_au",
    "DROP TRIGGER IF EXISTS observation_search_ai",
    "DROP TRIGGER IF EXISTS visit_search_ad",
    "DROP TRIGGER IF EXISTS visit_search_au",
    "DROP TRIGGER IF EXISTS visit_search_ai",
)
CREATE_0021: Final[tuple[str, ...]] = (
    """CREATE TRIGGER visit_search_ai AFTER INSERT ON visit
    WHEN coalesce(new.notes, '') <> '' BEGIN
        INSERT INTO search_doc (source, ref_id) VALUES ('visit', new.id);
        INSERT INTO search_index (rowid, body) VALUES (last_insert_rowid(), new.notes);
    END""",
    """CREATE TRIGGER visit_search_au AFTER UPDATE OF notes, id ON visit
    WHEN old.notes IS NOT new.notes OR old.id IS NOT new.id BEGIN
        INSERT INTO search_index (search_index, rowid, body)
            SELECT 'delete', rowid, old.notes FROM search_doc WHERE ref_id = old.id;
        DELETE FROM search_doc WHERE ref_id = old.id
            AND (coalesce(new.notes, '') = '' OR new.id IS NOT old.id);
        INSERT INTO search_doc (source, ref_id)
            SELECT 'visit', new.id WHERE coalesce(new.notes, '') <> ''
            AND NOT EXISTS (SELECT 1 FROM search_doc WHERE ref_id = new.id);
        INSERT INTO search_index (rowid, body)
            SELECT rowid, new.notes FROM search_doc WHERE ref_id = new.id;
    END""",
    """CREATE TRIGGER visit_search_ad AFTER DELETE ON visit BEGIN
        INSERT INTO search_index (search_index, rowid, body)
            SELECT 'delete', rowid, old.notes FROM search_doc WHERE ref_id = old.id;
        DELETE FROM search_doc WHERE ref_id = old.id;
    END""",
    """CREATE TRIGGER observation_search_ai AFTER INSERT ON signal_observation
    WHEN coalesce(new.remark, '') <> '' BEGIN
        INSERT INTO search_doc (source, ref_id) VALUES ('signal', new.id);
        INSERT INTO search_index (rowid, body) VALUES (last_insert_rowid(), new.remark);
    END""",
    """CREATE TRIGGER observation_search_au AFTER UPDATE OF remark, id ON signal_observation
    WHEN old.remark IS NOT new.remark OR old.id IS NOT new.id BEGIN
        INSERT INTO search_index (search_index, rowid, body)
            SELECT 'delete', rowid, old.remark FROM search_doc WHERE ref_id = old.id;
        DELETE FROM search_doc WHERE ref_id = old.id
            AND (coalesce(new.remark, '') = '' OR new.id IS NOT old.id);
        INSERT INTO search_doc (source, ref_id)
            SELECT 'signal', new.id WHERE coalesce(new.remark, '') <> ''
            AND NOT EXISTS (SELECT 1 FROM search_doc WHERE ref_id = new.id);
        INSERT INTO search_index (rowid, body)
            SELECT rowid, new.remark FROM search_doc WHERE ref_id = new.id;
    END""",
    """CREATE TRIGGER observation_search_ad AFTER DELETE ON signal_observation BEGIN
        INSERT INTO search_index (search_index, rowid, body)
            SELECT 'delete', rowid, old.remark FROM search_doc WHERE ref_id = old.id;
        DELETE FROM search_doc WHERE ref_id = old.id;
    END""",
)
# The rows of empty texts leave the index (a 'delete' with the text it read: none) and the
# map, after CREATE_0021.
PRUNE_0021: Final[tuple[str, ...]] = (
    """INSERT INTO search_index (search_index, rowid, body)
        SELECT 'delete', doc, body FROM search_text WHERE body = ''""",
    "DELETE FROM search_doc WHERE rowid IN (SELECT doc FROM search_text WHERE body = '')",
)
# Back to 0016: every visit and sign gets its row again (the index rebuilt from the rows).
UNPRUNE_0021: Final[tuple[str, ...]] = (
    """INSERT INTO search_doc (source, ref_id)
        SELECT 'visit', id FROM visit WHERE id NOT IN (SELECT ref_id FROM search_doc)
        ORDER BY rowid""",
    """INSERT INTO search_doc (source, ref_id)
        SELECT 'signal', id FROM signal_observation
        WHERE id NOT IN (SELECT ref_id FROM search_doc) ORDER BY rowid""",
    REBUILD_0016,
)
# ---- end of frozen constants ---------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 12


def match_expression(user_text: str) -> str | None:
    """Turn what a user typed into a safe FTS5 query: every word must match, as a prefix.

    Each word is quoted, so FTS5 operators and column filters typed by a user are plain
    words. ``None`` when nothing searchable was typed.
    """
    words = _WORD.findall(user_text)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words[:MAX_WORDS])


_MATCHES = text(
    """
    SELECT d.source, d.ref_id, h.id AS household_id, h.label,
           COALESCE(v.id, o.visit_id) AS visit_id,
           COALESCE(v.visited_at, ov.visited_at) AS visited_at,
           snippet(search_index, 0, :hs, :he, '…', 14) AS snip
    FROM search_index
    JOIN search_doc d ON d.rowid = search_index.rowid
    LEFT JOIN visit v ON d.source = 'visit' AND v.id = d.ref_id
    LEFT JOIN signal_observation o ON d.source = 'signal' AND o.id = d.ref_id
    LEFT JOIN visit ov ON ov.id = o.visit_id
    JOIN household h ON h.id = COALESCE(v.household_id, o.household_id)
    WHERE search_index MATCH :q
    ORDER BY search_index.rowid DESC
    LIMIT :limit
    """
).columns(ref_id=RecordId, household_id=RecordId, visit_id=RecordId)


def matches(
    session: Session, expression: str, *, limit: int, highlight: tuple[str, str]
) -> Sequence[Row[str, str, str, str, str, Any, str]]:
    """Indexed texts matching ``expression``, newest first, at most ``limit``.

    Each row: ``source``, ``ref_id``, ``household_id``, the household label, the visit id
    (a signal's visit for a signal), ``visited_at`` and a snippet with the matched terms
    between ``highlight[0]`` and ``highlight[1]``.
    """
    start, end = highlight
    params = {"q": expression, "hs": start, "he": end, "limit": limit}
    return session.execute(_MATCHES, params).all()


# FTS5's own option (SQLite 3.42+, stored in ``search_index_config``): a 'delete' removes the
# entry from the index's pages at once, instead of adding a delete marker next to the old
# segment (where the word stays readable in ``search_index_data`` until a merge).
SECURE_DELETE: Final[str] = (
    "INSERT INTO search_index(search_index, rank) VALUES('secure-delete', 1)"
)


def ensure_secure_delete(engine: Engine) -> bool:
    """Switch on FTS5 ``secure-delete`` for the vault's index if it is off, and merge the
    index once so the entries deleted before leave its pages too. Run at every open (a
    vault migrated or made by an earlier build lacks it); True when it was switched on."""
    with engine.connect() as con:
        if con.exec_driver_sql(_HAS_CONFIG).first() is None:
            return False  # no index yet (an empty vault before its first migration)
        if con.exec_driver_sql(_SECURE_DELETE_ON).first() is not None:
            return False
    with engine.begin() as con:
        con.exec_driver_sql(SECURE_DELETE)
        con.exec_driver_sql(_OPTIMIZE)
    return True


_HAS_CONFIG = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_index_config'"
_SECURE_DELETE_ON = "SELECT 1 FROM search_index_config WHERE k = 'secure-delete' AND v = 1"
_OPTIMIZE = "INSERT INTO search_index(search_index) VALUES('optimize')"


def optimize(session: Session) -> None:
    """Rewrite the FTS5 index as one segment, so deleted terms leave its pages."""
    session.execute(text(_OPTIMIZE))


# Per indexed table: its insert trigger, the ``source`` it gets in ``search_doc``, the text.
_INSERT_TRIGGERS: Final[dict[str, tuple[str, str, str]]] = {
    "visit": ("visit_search_ai", "visit", "notes"),
    "signal_observation": ("observation_search_ai", "signal", "remark"),
}


@contextmanager
def indexed_once(cursor: Any, table: str) -> Iterator[None]:
    """Insert many rows into ``table`` (``visit`` or ``signal_observation``) inside the block
    and index them once at its end, as the insert trigger would have row by row.

    ``cursor`` is a DB-API cursor in the caller's transaction, on a vault at the head
    revision. The insert trigger is dropped for the block and recreated from its own SQL as
    stored in the vault; SQLite's DDL is transactional, so a rollback restores it with the
    rows. Rows inserted in the block are those with a rowid above the highest one before
    it; those with a text get ``search_doc`` rowids in the order they were inserted, as with
    the trigger (0021: no row for an empty text). Updates and deletes in the block still go
    through their own triggers.
    """
    trigger, source, column = _INSERT_TRIGGERS[table]
    cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [trigger])
    found = cursor.fetchone()
    if found is None:  # no index on this vault's table (a migration in progress): nothing to do
        yield
        return
    cursor.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}")
    (before,) = cursor.fetchone()
    cursor.execute(f"DROP TRIGGER {trigger}")
    try:
        yield
    finally:
        cursor.execute("SELECT coalesce(max(rowid), 0) FROM search_doc")
        (docs_before,) = cursor.fetchone()
        cursor.execute(
            "INSERT INTO search_doc (source, ref_id)"
            f" SELECT ?, id FROM {table} WHERE rowid > ? AND coalesce({column}, '') <> ''"
            # (a row updated in the block has its search row from the update trigger)
            " AND id NOT IN (SELECT ref_id FROM search_doc) ORDER BY rowid",
            [source, before],
        )
        cursor.execute(
            f"INSERT INTO search_index (rowid, body) SELECT d.rowid, t.{column}"
            f" FROM search_doc d JOIN {table} t ON t.id = d.ref_id"
            " WHERE d.rowid > ? ORDER BY d.rowid",
            [docs_before],
        )
        cursor.execute(found[0])

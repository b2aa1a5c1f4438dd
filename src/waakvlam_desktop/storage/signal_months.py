"""The month of each observed sign's visit, kept beside the sign for Overzicht (#16).

Overzicht's chart "signs per domain per month" counts the signs of the last twelve months.
Read through the visits, that is one index lookup per visit (420,000 at 50,000
households: 1.2-2.0 s) and a sort of every sign found. So ``signal_observation`` keeps
``visit_month``, its visit's year and month as the number ``YYYYMM`` (``202611``: the
first characters of ``visited_at``, stored as text ``'YYYY-MM-DD HH:MM:SS.ffffff'``; a
number takes 3 bytes where the text ``'2026-11'`` takes 8, in the row and in the index),
with the index ``(visit_month, item_id)``: the chart reads that index in order and
counts, without a visit or a sort (27-96 ms).

The column is derived, so nothing in the app writes it: the triggers below keep it equal
to the visit's month on every path, raw SQL included (the handover import, a restore, a
corrected visit date):

- a sign inserted, or its ``visit_id`` or ``visit_month`` changed: set from its visit;
- a visit inserted (a sign written before its visit, as an import may) or its
  ``visited_at`` changed: set on every sign of that visit.

Each trigger writes only when the value differs. The app writes no month, so every new
sign is written twice: inserted, then given its month (a lookup of the visit by its key
and an update of the row and the index). That is about 11 us a sign (20,000 signs in
memory: 68 ms without the triggers, 292 ms with them), 0.02 ms on a visit with two signs
and an estimated 6 s on the 50,000-household demo (552,000 signs).
``tests/unit/test_signal_months.py`` attacks this: wrong months written directly, visit
dates corrected, signs moved or written before their visit.

Frozen DDL (see ``storage/fts.py``): migration 0020 executes :data:`CREATE_0020` and
:data:`FILL_0020`; a published constant is never edited.
"""

from __future__ import annotations

from typing import Final

# ---- frozen: executed by migration 0020; never edit ----------------------------------------
CREATE_0020: Final[tuple[str, ...]] = (
    """CREATE TRIGGER observation_month_ai AFTER INSERT ON signal_observation
    WHEN new.visit_month IS NOT (
        SELECT CAST(substr(visited_at, 1, 4) || substr(visited_at, 6, 2) AS INTEGER)
        FROM visit WHERE id = new.visit_id
    )
    BEGIN
        UPDATE signal_observation SET visit_month = (
            SELECT CAST(substr(visited_at, 1, 4) || substr(visited_at, 6, 2) AS INTEGER)
            FROM visit WHERE id = new.visit_id
        )
        WHERE id = new.id;
    END""",
    """CREATE TRIGGER observation_month_au AFTER UPDATE OF visit_id, visit_month
    ON signal_observation
    WHEN new.visit_month IS NOT (
        SELECT CAST(substr(visited_at, 1, 4) || substr(visited_at, 6, 2) AS INTEGER)
        FROM visit WHERE id = new.visit_id
    )
    BEGIN
        UPDATE signal_observation SET visit_month = (
            SELECT CAST(substr(visited_at, 1, 4) || substr(visited_at, 6, 2) AS INTEGER)
            FROM visit WHERE id = new.visit_id
        )
        WHERE id = new.id;
    END""",
    """CREATE TRIGGER visit_month_ai AFTER INSERT ON visit BEGIN
        UPDATE signal_observation
        SET visit_month = CAST(substr(new.visited_at, 1, 4) || substr(new.visited_at, 6, 2)
            AS INTEGER)
        WHERE visit_id = new.id AND visit_month IS NOT
            CAST(substr(new.visited_at, 1, 4) || substr(new.visited_at, 6, 2) AS INTEGER);
    END""",
    """CREATE TRIGGER visit_month_au AFTER UPDATE OF visited_at ON visit BEGIN
        UPDATE signal_observation
        SET visit_month = CAST(substr(new.visited_at, 1, 4) || substr(new.visited_at, 6, 2)
            AS INTEGER)
        WHERE visit_id = new.id AND visit_month IS NOT
            CAST(substr(new.visited_at, 1, 4) || substr(new.visited_at, 6, 2) AS INTEGER);
    END""",
)
# Every sign written before 0020 gets its visit's month (after the column, before the index).
FILL_0020: Final[str] = """UPDATE signal_observation SET visit_month = (
    SELECT CAST(substr(visited_at, 1, 4) || substr(visited_at, 6, 2) AS INTEGER)
    FROM visit WHERE visit.id = signal_observation.visit_id
)"""
DROP_0020: Final[tuple[str, ...]] = (
    "DROP TRIGGER IF EXISTS visit_month_au",
    "DROP TRIGGER IF EXISTS visit_month_ai",
    "DROP TRIGGER IF EXISTS observation_month_au",
    "DROP TRIGGER IF EXISTS observation_month_ai",
)
# ---- end of frozen constants ---------------------------------------------------------------

"""Handover import: merge a verified ``handover`` bundle into this vault.

Records are matched by UUID. A new record is added; for a record on both sides the newer
``updated_at`` wins, and every record that differed is listed as a conflict (table, id,
which side won, the names of the differing fields — never their values). Link rows are
added when missing. Importing the same bundle again changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from waakvlam_desktop.bundles.collect import HANDOVER_TABLES, handover_select, raw_rows
from waakvlam_desktop.bundles.reader import OpenedBundle
from waakvlam_desktop.errors import BundleDamagedError, BundleError
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.batches import chunks
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

NOT_A_HANDOVER = Message(
    "handover.not_a_handover",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This is not a handover bundle; only a bundle with profile 'handover' can be read in.",
    ),
)
NO_READABLE_DATA = Message(
    "handover.no_readable_data",
    QT_TRANSLATE_NOOP("Errors", "The handover bundle has no readable data."),
)
DATA_DOES_NOT_FIT = Message(
    "handover.data_does_not_fit",
    QT_TRANSLATE_NOOP(
        "Errors", "The handover bundle holds data that does not fit; nothing was changed."
    ),
)
CLASHES_WITH_VAULT = Message(
    "handover.clashes_with_vault",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The handover does not fit into this vault (references or unique values clash);"
        " nothing was changed.",
    ),
)
UNKNOWN_TABLE = Message(
    "handover.unknown_table",
    QT_TRANSLATE_NOOP("Errors", "Unknown table in the handover bundle: {table}."),
)
UNEXPECTED_COLUMNS = Message(
    "handover.unexpected_columns",
    QT_TRANSLATE_NOOP(
        "Errors", "The table {table} in the handover bundle does not have the expected columns."
    ),
)
TABLE_DAMAGED = Message(
    "handover.table_damaged",
    QT_TRANSLATE_NOOP("Errors", "The table {table} in the handover bundle is damaged."),
)

# Unique columns: on an existing record the local value is kept; on a new record that
# would collide with another record, the value is dropped (nullable) or made unique.
_UNIQUE = {"complex": "code", "address": "vhe_code", "referral": "reference", "partner": "name"}
# Link tables and the two tables their columns point at.
_LINK_TABLES = {
    "visit_resident": ("visit", "resident"),
    "referral_signal": ("referral", "signal_observation"),
}


@dataclass(frozen=True, slots=True)
class ImportConflict:
    table: str
    id: str
    winner: str  # "bundel" or "kluis"
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ImportNote:
    table: str
    id: str
    note: str


@dataclass(frozen=True, slots=True)
class ImportReport:
    bundle_id: str
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    conflicts: list[ImportConflict] = field(default_factory=list)
    notes: list[ImportNote] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(self.added.values()) or any(self.updated.values())


class _Merger:
    def __init__(self, session: Session, bundle_id: str) -> None:
        self.session = session
        self.cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        self.report = ImportReport(bundle_id)
        self.partner_map: dict[str, str] = {}
        self.letters: dict[str, bytes] = {}
        self.item_ids: dict[str, str] = {}
        self.original_reference: dict[str, str] = {}

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Sequence[Any]]:
        self.cursor.execute(sql, params)
        return list(self.cursor.fetchall())

    def existing_ids(self, table: str, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0] for r in self.query(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk)
            )
        return found

    # -- per table ----------------------------------------------------------------------
    def merge_links(self, table: Table, columns: list[str], rows: list[list[Any]]) -> None:
        a, b = columns
        ref_a = {
            "visit_resident": ("visit", "resident"),
            "referral_signal": ("referral", "signal_observation"),
        }[table.name]
        ok_a = self.existing_ids(ref_a[0], sorted({r[0] for r in rows}))
        ok_b = self.existing_ids(ref_a[1], sorted({r[1] for r in rows}))
        have = {(x, y) for x, y in self.query(f"SELECT {a}, {b} FROM {table.name}")}
        new = [(x, y) for x, y in rows if (x, y) not in have and x in ok_a and y in ok_b]
        if new:
            self.cursor.executemany(f"INSERT INTO {table.name} ({a}, {b}) VALUES (?, ?)", new)
        self.report.added[table.name] = len(new)
        self.report.unchanged[table.name] = len(rows) - len(new)

    def transform(self, table: str, row: dict[str, Any]) -> dict[str, Any] | None:
        if table == "signal_observation":
            code = row.pop("item_code", None)
            item = self.item_ids.get(code) if isinstance(code, str) else None
            if item is None:
                self.report.notes.append(
                    ImportNote(table, row["id"], f"signaal '{code}' onbekend in deze kluis")
                )
                return None
            row["item_id"] = item
        elif table == "partner":
            secret = row.get("pseudonym_secret")
            if isinstance(secret, str):
                row["pseudonym_secret"] = bytes.fromhex(secret)
        elif table == "referral":
            row["partner_id"] = self.partner_map.get(row["partner_id"], row["partner_id"])
            self.original_reference[row["id"]] = str(row["reference"])
        return row

    def merge_records(self, table: Table, columns: list[str], rows: list[list[Any]]) -> None:
        name = table.name
        local_cols, _sql = handover_select(table)
        if name == "signal_observation":
            local_cols = [c for c in local_cols if c != "item_code"] + ["item_id"]
        incoming: list[dict[str, Any]] = []
        for values in rows:
            row = self.transform(name, dict(zip(columns, values, strict=True)))
            if row is not None:
                incoming.append(row)
        if name == "partner":
            self._map_partners(incoming)
        ids = [r["id"] for r in incoming]
        local: dict[str, dict[str, Any]] = {}
        cols_sql = ", ".join(local_cols)
        for chunk in chunks(ids):
            marks = ",".join("?" * len(chunk))
            for vals in self.query(f"SELECT {cols_sql} FROM {name} WHERE id IN ({marks})", chunk):
                found = dict(zip(local_cols, vals, strict=True))
                local[found["id"]] = found
        unique = _UNIQUE.get(name)
        added = updated = same = 0
        for row in incoming:
            mine = local.get(row["id"])
            if mine is None:
                if unique and row.get(unique) is not None:
                    self._make_unique(name, unique, row)
                self._insert(name, row)
                added += 1
                continue
            if unique:
                row[unique] = mine[unique]
            diff = tuple(
                sorted(
                    c
                    for c in row
                    if c not in ("updated_at", "updated_by") and _norm(row[c]) != _norm(mine.get(c))
                )
            )
            if not diff:
                same += 1
                continue
            if str(row["updated_at"]) > str(mine["updated_at"]):
                self._update(name, row)
                updated += 1
                self.report.conflicts.append(ImportConflict(name, row["id"], "bundel", diff))
            else:
                self.report.conflicts.append(ImportConflict(name, row["id"], "kluis", diff))
                same += 1
        self.report.added[name] = added
        self.report.updated[name] = updated
        self.report.unchanged[name] = same

    def _map_partners(self, incoming: list[dict[str, Any]]) -> None:
        by_name = {n: i for i, n in self.query("SELECT id, name FROM partner")}
        ids = set(by_name.values())
        keep = []
        for row in incoming:
            if row["id"] not in ids and row["name"] in by_name:
                self.partner_map[row["id"]] = by_name[row["name"]]
                self.report.notes.append(
                    ImportNote("partner", row["id"], "zelfde naam als een bestaande partner")
                )
                continue
            keep.append(row)
        incoming[:] = keep

    def _make_unique(self, table: str, column: str, row: dict[str, Any]) -> None:
        taken = self.query(f"SELECT id FROM {table} WHERE {column} = ?", [row[column]])
        if not taken:
            return
        if table == "referral":
            row[column] = f"{row[column]}-{row['id'][:4]}"
            note = "kenmerk bestond al; achtervoegsel toegevoegd"
        else:
            row[column] = None
            note = f"{column} was al in gebruik; weggelaten"
        self.report.notes.append(ImportNote(table, row["id"], note))

    def _insert(self, table: str, row: dict[str, Any]) -> None:
        self._with_letter(table, row)
        cols = list(row)
        self.cursor.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({','.join('?' * len(cols))})",
            [row[c] for c in cols],
        )

    def _with_letter(self, table: str, row: dict[str, Any]) -> None:
        if table == "referral":
            letter = self.letters.get(self.original_reference.get(row["id"], ""))
            if letter is not None:
                row["letter_pdf"] = letter

    def _update(self, table: str, row: dict[str, Any]) -> None:
        self._with_letter(table, row)
        cols = [c for c in row if c != "id"]
        self.cursor.execute(
            f"UPDATE {table} SET {', '.join(c + ' = ?' for c in cols)} WHERE id = ?",
            [*(row[c] for c in cols), row["id"]],
        )


def _norm(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def import_handover(session: Session, bundle: OpenedBundle) -> ImportReport:
    """Merge ``bundle`` (verified by the reader) into the vault behind ``session``."""
    if bundle.profile != "handover":
        raise BundleError(NOT_A_HANDOVER)
    try:
        doc = bundle.data()
        tables = doc["tables"]
    except (ValueError, KeyError, TypeError) as exc:
        raise BundleDamagedError(NO_READABLE_DATA) from exc
    try:
        return _import(session, bundle, tables)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise BundleDamagedError(DATA_DOES_NOT_FIT) from exc
    except Exception as exc:
        if type(exc).__name__ == "IntegrityError":  # sqlcipher3's own DB-API error
            raise BundleError(CLASHES_WITH_VAULT) from exc
        raise


def _import(session: Session, bundle: OpenedBundle, tables: Any) -> ImportReport:
    merger = _Merger(session, bundle.bundle_id)
    merger.item_ids = {
        code: iid
        for code, iid in raw_rows(
            session,
            "SELECT ci.code, ci.id FROM checklist_item ci JOIN checklist_template t"
            " ON t.id = ci.template_id ORDER BY t.active, t.created_at",
        )
    }
    merger.letters = {
        name[len("letters/") : -len(".pdf")]: data
        for name, data in bundle.members.items()
        if name.startswith("letters/")
    }
    known = {t.name: t for t in HANDOVER_TABLES}
    for name in tables:
        if name not in known:
            raise BundleDamagedError(UNKNOWN_TABLE, table=name[:40])
    for table in HANDOVER_TABLES:
        block = tables.get(table.name)
        if block is None:
            continue
        columns = block.get("columns")
        rows = block.get("rows")
        expected, _sql = handover_select(table)
        if columns != expected or not isinstance(rows, list):
            raise BundleDamagedError(UNEXPECTED_COLUMNS, table=table.name)
        if any(not isinstance(r, list) or len(r) != len(columns) for r in rows):
            raise BundleDamagedError(TABLE_DAMAGED, table=table.name)
        if table.name in _LINK_TABLES:
            merger.merge_links(table, columns, rows)
        else:
            merger.merge_records(table, columns, rows)
    report = merger.report
    totals = Counter({"toegevoegd": sum(report.added.values())})
    totals["bijgewerkt"] = sum(report.updated.values())
    audit.record(
        session,
        "import",
        "bundle",
        bundle.bundle_id,
        detail=(
            f"overdracht; toegevoegd: {totals['toegevoegd']}; bijgewerkt: {totals['bijgewerkt']};"
            f" conflicten: {len(report.conflicts)}; opmerkingen: {len(report.notes)}"
        ),
    )
    return report

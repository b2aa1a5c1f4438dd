"""The all-or-nothing import: read, map and validate every row, plan against the vault,
and only when nothing is wrong (and it is not a dry run) write it all.

Rows are written in bulk (SQLAlchemy Core), so the session hooks do not see them: this
module sets the timestamps and authors itself and records **one** audit event per import
with the counts (like the demo generator). See docs/import.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import utc_naive
from waakvlam_desktop.domain.address_import.mapping import resolve_mapping
from waakvlam_desktop.domain.address_import.planning import Plan, plan_import
from waakvlam_desktop.domain.address_import.reading import read_csv
from waakvlam_desktop.domain.address_import.report import ImportCounts, ImportReport
from waakvlam_desktop.domain.address_import.validation import (
    CANCELLED,
    CancelCheck,
    Problems,
    Progress,
    validate_rows,
)
from waakvlam_desktop.domain.types import ConcernLevel, HouseholdStatus
from waakvlam_desktop.errors import CancelledError
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.batches import chunks
from waakvlam_desktop.storage.ids import RecordId, stored_id
from waakvlam_desktop.storage.models import Address, Base, Complex, Household, Resident

_BATCH = 1000  # rows per executemany


def _insert(session: Session, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """A plain ``executemany`` INSERT: the rows hold only text, ints and None already, so
    SQLAlchemy's per-value processing (half the write time) is skipped; only the record
    ids are made what the vault stores (``storage/ids.py``)."""
    columns = list(rows[0])
    ids = {c.name for c in Base.metadata.tables[table].columns if isinstance(c.type, RecordId)}
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    session.connection().exec_driver_sql(
        sql,
        [
            tuple(stored_id(r[c]) if c in ids and r[c] is not None else r[c] for c in columns)
            for r in rows
        ],
    )


def import_addresses(
    session: Session,
    data: bytes,
    mapping: Mapping[str, str] | None = None,
    *,
    dry_run: bool = False,
    allow_bsn_like_codes: bool = False,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportReport:
    """Validate ``data`` (a CSV file's bytes) and, without errors and not ``dry_run``, write.

    ``mapping`` holds the user's choices on top of :func:`.mapping.default_mapping` (see
    :func:`.mapping.resolve_mapping`). ``progress(done, total)`` is called now and then;
    ``cancelled()`` returning True raises :class:`CancelledError` (the caller's session
    then rolls back, so nothing is changed). The caller commits the session.
    """
    digest = hashlib.sha256(data).hexdigest()
    table = read_csv(data)
    columns = resolve_mapping(table.columns, mapping)
    field_columns = {k: c for c, k in columns.items()}
    mapped = set(field_columns)
    problems = Problems(field_columns)
    total = len(table.rows) * 2
    valid = validate_rows(
        table, columns, problems, allow_bsn_like_codes, progress, cancelled, total=total
    )
    plan = plan_import(session, valid, mapped, problems, cancelled)
    counts = ImportCounts(
        rows=len(table.rows),
        addresses_new=len(plan.addresses_new),
        addresses_updated=len(plan.addresses_update),
        addresses_unchanged=plan.addresses_unchanged,
        complexes_new=len(plan.complexes_new),
        complexes_updated=len(plan.complexes_update),
        households_new=len(plan.households_new),
        residents_new=len(plan.residents_new),
    )
    written = False
    if not problems.errors and not dry_run:
        _write(session, plan, counts, digest, progress, cancelled, len(table.rows), total)
        written = True
    if progress is not None:
        progress(total, total)
    position = {c: i for i, c in enumerate(table.columns)}
    for found in (problems.errors, problems.warnings):
        found.sort(key=lambda p: (p.line, position.get(p.column, -1)))
    return ImportReport(
        encoding=table.encoding,
        delimiter=table.delimiter,
        mapping=columns,
        dry_run=dry_run,
        written=written,
        counts=counts,
        errors=tuple(problems.errors),
        warnings=tuple(problems.warnings),
        sha256=digest,
    )


def _write(
    session: Session,
    plan: Plan,
    counts: ImportCounts,
    digest: str,
    progress: Progress | None,
    cancelled: CancelCheck | None,
    done: int,
    total: int,
) -> None:
    now = utc_naive(session.info["clock"].now())
    # Rows go to the driver as they are (see _insert): the timestamp in the vault's own
    # text form, formatted once instead of once per row and column.
    dialect = session.get_bind().dialect
    to_text = Address.__table__.c.created_at.type.dialect_impl(dialect).bind_processor(dialect)
    if to_text is None:  # pragma: no cover - SQLite always has one
        raise RuntimeError("no text form for timestamps")
    stamp = to_text(now)
    actor = session.info.get("actor")
    new_stamp = {"created_at": stamp, "updated_at": stamp, "created_by": actor, "updated_by": actor}
    changed_stamp = {"updated_at": now, "updated_by": actor}
    steps: list[tuple[Any, str, list[dict[str, Any]]]] = [
        (Complex, "insert", [{**r, **new_stamp} for r in plan.complexes_new]),
        (Complex, "update", [{**r, **changed_stamp} for r in plan.complexes_update]),
        (Address, "insert", [{**r, **new_stamp} for r in plan.addresses_new]),
        (Address, "update", [{**r, **changed_stamp} for r in plan.addresses_update]),
        (
            Household,
            "insert",
            [
                {
                    **r,
                    "status": HouseholdStatus.OPEN.value,
                    "closed_on": None,
                    "review_on": None,
                    "concern_level": ConcernLevel.GEEN.value,
                    "next_check_in": None,
                    "last_visit_at": None,
                    **new_stamp,
                }
                for r in plan.households_new
            ],
        ),
        (
            Resident,
            "insert",
            [
                {**r, "birth_year": None, "birth_date": None, "phone": "", **new_stamp}
                for r in plan.residents_new
            ],
        ),
    ]
    writes = sum(len(rows) for _m, _k, rows in steps) or 1
    written = 0
    for model, kind, rows in steps:
        for chunk in chunks(rows, _BATCH):
            if cancelled is not None and cancelled():
                raise CancelledError(CANCELLED)
            if kind == "insert":
                _insert(session, model.__table__.name, chunk)
            else:
                session.execute(update(model), chunk)
            written += len(chunk)
            if progress is not None:
                progress(done + (total - done) * written // writes, total)
    c = counts
    audit.record(
        session,
        "import",
        "address",
        detail=(
            f"regels: {c.rows}; adressen nieuw: {c.addresses_new}, bijgewerkt:"
            f" {c.addresses_updated}, ongewijzigd: {c.addresses_unchanged}; complexen nieuw:"
            f" {c.complexes_new}, bijgewerkt: {c.complexes_updated}; huishoudens nieuw:"
            f" {c.households_new}; bewoners nieuw: {c.residents_new}; sha256: {digest}"
        ),
    )
    session.flush()

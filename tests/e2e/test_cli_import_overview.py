"""`waakvlam import addresses` and `waakvlam overview` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from tests.e2e.conftest import Cli, one_line_error
from tests.helpers import all_bytes

SAMPLE = Path(__file__).parents[2] / "docs" / "voorbeeld-adressen.csv"


def test_import_sample_twice(cli: Cli) -> None:
    first: Any = cli.json("import", "addresses", str(SAMPLE))
    assert first["ok"] and first["written"] and not first["dry_run"]
    assert first["counts"] == {
        "rows": 12,
        "addresses_new": 12,
        "addresses_updated": 0,
        "addresses_unchanged": 0,
        "complexes_new": 3,
        "complexes_updated": 0,
        "households_new": 9,
        "residents_new": 14,
    }
    assert (first["encoding"], first["delimiter"]) == ("utf-8-bom", ";")
    assert first["mapping"]["VHE-nummer"] == "vhe_code"
    assert first["errors"] == [] and first["warnings"] == []
    second: Any = cli.json("import", "addresses", str(SAMPLE))
    assert second["counts"]["addresses_unchanged"] == 12
    assert second["counts"]["addresses_new"] == second["counts"]["households_new"] == 0
    stats: Any = cli.json("stats")
    assert (stats["addresses"], stats["households"], stats["residents"]) == (12, 9, 14)
    text = cli.run("import", "addresses", str(SAMPLE), "--dry-run").stdout
    assert "12 regels zou inlezen" in text
    # Names from the file are only inside the encrypted vault.
    assert "Öztürk".encode() not in all_bytes(cli.data_dir)


def test_bad_file_imports_nothing_and_writes_a_report(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "adressen.csv"
    lines = SAMPLE.read_text(encoding="utf-8-sig").splitlines()
    lines[3] = lines[3].replace("3533 AB", "3533 SS")
    lines[5] = lines[5].replace(";8;", ";acht;")
    bad.write_text("\n".join(lines) + "\n", encoding="cp1252", errors="replace")
    report = tmp_path / "fouten.csv"
    proc = cli.run("import", "addresses", str(bad), "--errors-out", str(report), ok=False)
    message = one_line_error(proc, 1)
    assert "2 fout(en)" in message and "niets ingelezen" in message
    assert "regel 4, kolom 'Postcode': fout:" in proc.stdout
    rows = list(csv.reader(io.StringIO(report.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0] == ["regel", "kolom", "veld", "soort", "melding"]
    assert [r[:4] for r in rows[1:]] == [
        ["4", "Postcode", "Postcode", "fout"],
        ["6", "Huisnummer", "Huisnummer", "fout"],
    ]
    stats: Any = cli.json("stats")
    assert stats["addresses"] == 0 and stats["audit_events"] > 0
    dry = cli.run("import", "addresses", str(bad), "--dry-run", "--json", ok=False)
    assert dry.returncode == 1
    assert '"ok": false' in dry.stdout
    problems = json.loads(dry.stdout)["errors"]  # the shape docs/cli-json.md promises
    assert [(p["line"], p["column"], p["field"]) for p in problems] == [
        (4, "Postcode", "postcode"),
        (6, "Huisnummer", "number"),
    ]
    assert set(problems[0]) == {"line", "column", "field", "message"}
    assert "'3533 SS' is geen geldige postcode" in problems[0]["message"]
    assert cli.json("stats") == stats  # not even an audit event


def test_import_usage_errors(cli: Cli, tmp_path: Path) -> None:
    missing = cli.run("import", "addresses", str(tmp_path / "nope.csv"), ok=False)
    assert "bestaat niet" in one_line_error(missing, 2)
    mapping = cli.run("import", "addresses", str(SAMPLE), "--mapping", "Kleur=straat", ok=False)
    assert "staat niet in het bestand" in one_line_error(mapping, 2)
    field = cli.run("import", "addresses", str(SAMPLE), "--mapping", "Straat=kleur", ok=False)
    assert "Onbekend veld" in one_line_error(field, 2)
    excel = tmp_path / "adressen.xlsx"
    excel.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert "Excel" in one_line_error(cli.run("import", "addresses", str(excel), ok=False), 1)


def test_import_with_mapping(cli: Cli, tmp_path: Path) -> None:
    own = tmp_path / "eigen.csv"
    own.write_text(
        "Eenheid,Adres,Nr,PC,Stad,Buurt\nE-1,Molenweg,3,1234 AB,Ergens,Noord\n", encoding="utf-8"
    )
    out: Any = cli.json(
        "import", "addresses", str(own), "--mapping", "Adres=straat", "--mapping", "Stad=plaats"
    )
    assert out["counts"]["addresses_new"] == 1
    assert out["mapping"] == {
        "Eenheid": "vhe_code",
        "Adres": "street",
        "Nr": "number",
        "PC": "postcode",
        "Stad": "city",
    }


def test_overview_json_text_and_csv(cli: Cli, tmp_path: Path) -> None:
    cli.run("demo", "--households", "120")
    out: Any = cli.json("overview")
    assert sorted(out) == ["complex", "months", "reference_date", "tables", "totals", "wijk"]
    assert sorted(out["tables"]) == [
        "households_per_level",
        "overdue_per_complex",
        "referrals_per_partner_type",
        "signals_per_domain_month",
        "visits_per_month",
    ]
    levels = out["tables"]["households_per_level"]
    assert levels["columns"] == ["level", "households"]
    assert sum(n for _lv, n in levels["rows"]) == out["totals"]["households"] == 120
    assert len(out["months"]) == 12
    name = out["tables"]["overdue_per_complex"]["rows"][0][0]
    one: Any = cli.json("overview", "--complex", name)
    assert one["complex"] == name
    assert one["totals"]["households"] < 120
    wijk: Any = cli.json("overview", "--wijk", "Overvecht")
    assert 0 < wijk["totals"]["households"] < 120
    text = cli.run("overview").stdout
    assert "Huishoudens per zorgniveau" in text and "geen zorgen" in text
    folder = tmp_path / "csv"
    cli.run("overview", "--csv-dir", str(folder))
    files = sorted(p.name for p in folder.iterdir())
    assert files == [f"overzicht-{k}.csv" for k in sorted(out["tables"])]
    first = (folder / "overzicht-households_per_level.csv").read_bytes()
    assert first.startswith(b'\xef\xbb\xbf"Zorgniveau";"Huishoudens"\r\n')
    unknown = cli.run("overview", "--complex", "Bestaat Niet", ok=False)
    assert "bestaat niet" in one_line_error(unknown, 1)

"""`waakvlam referral …`, `letter`, `consent-form`, `resident-letter` as a user runs them."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.e2e.conftest import Cli, one_line_error

NOTE_MARKER = "RAUWENOTITIE4242"
PARTNER = "Sociaal Wijkteam Overvecht"


@pytest.fixture
def household(cli: Cli) -> str:
    hid = cli.run(
        "household",
        "add",
        "--label",
        "mw. Öztürk",
        "--street",
        "IJsselmeerstraat",
        "--number",
        "4",
        "--addition",
        "B",
        "--postcode",
        "3533ab",
        "--city",
        "Utrecht",
        "--resident",
        "Ayşe Öztürk",
        "--resident-as",
        "mw. A. Öztürk",
    ).stdout.strip()
    cli.run(
        "visit",
        "add",
        "--household",
        hid,
        "--kind",
        "regulier",
        "--note",
        f"{NOTE_MARKER} stapels post in de gang",
        "--signal",
        "financien.ongeopende_post=2",
        "--signal",
        "sociaal.eenzaamheid=1",
    )
    cli.run(
        "partner",
        "add",
        "--name",
        PARTNER,
        "--type",
        "wijkteam",
        "--contact",
        "Ingrid de Boer",
        "--address",
        "Zamenhofdreef 10",
        "--postcode",
        "3562JT",
        "--city",
        "Utrecht",
    )
    # The contact person in parts, set afterwards with `partner edit`.
    cli.run(
        "partner",
        "edit",
        PARTNER,
        "--contact-salutation",
        "mevrouw",
        "--contact-initials",
        "i",
        "--contact-prefix",
        "de",
        "--contact-surname",
        "Boer",
    )
    return hid


def _set_return_address(cli: Cli) -> None:
    cli.run(
        "org",
        "set",
        "--address",
        "Postbus 1234",
        "--postcode",
        "3500ab",
        "--city",
        "Utrecht",
        "--phone",
        "030-123 45 67",
    )


def _add(cli: Cli, household: str, *extra: str, ok: bool = True) -> Any:
    return cli.run(
        "referral",
        "add",
        "--household",
        household,
        "--partner",
        PARTNER,
        "--reason",
        "Zorgen over de post; mevrouw wil hulp.",
        "--signal",
        "financien.ongeopende_post",
        "--signal",
        "sociaal.eenzaamheid",
        "--context",
        "Haar dochter Zoë helpt soms; zij gaan samen naar het wĳkcentrum.",
        *extra,
        ok=ok,
    )


def _pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_referral_without_grondslag_is_refused_in_one_line(cli: Cli, household: str) -> None:
    line = one_line_error(_add(cli, household, ok=False), 1, "grondslag")
    assert line.startswith("waakvlam: ")
    # Consent without a date is refused too, and so is choosing both.
    proc = _add(cli, household, "--consent", "verbal", ok=False)
    assert proc.returncode == 1 and "datum" in proc.stderr
    proc = _add(
        cli,
        household,
        "--consent",
        "written",
        "--consent-date",
        "2026-11-20",
        "--basis",
        "meldcode",
        ok=False,
    )
    assert proc.returncode == 1 and "één grondslag" in proc.stderr
    assert cli.json("referral", "list") == []


def test_bad_dates_and_statuses_are_usage_errors(cli: Cli, household: str) -> None:
    proc = _add(cli, household, "--consent", "verbal", "--consent-date", "20-11-2026", ok=False)
    assert proc.returncode == 2 and "JJJJ-MM-DD" in proc.stderr
    added = _add(cli, household, "--consent", "verbal", "--consent-date", "2020-01-01", "--json")
    # The CLI runs on the computer's clock: the reference carries this year, not 2026.
    reference = json.loads(added.stdout)["reference"]
    proc = cli.run("referral", "status", reference, "gelezen", ok=False)
    assert proc.returncode == 2 and "Onbekende status" in proc.stderr
    proc = cli.run("referral", "status", reference, "afgesloten", ok=False)
    one_line_error(proc, 1, "kan niet")


def test_referral_flow_letters_and_json(cli: Cli, household: str, tmp_path: Path) -> None:
    added = _add(
        cli,
        household,
        "--consent",
        "verbal",
        "--consent-date",
        "2020-11-20",
        "--feedback-due",
        "2021-01-15",
        "--json",
    )
    created = json.loads(added.stdout)
    assert set(created) == {"id", "reference", "status", "concerns", "may_call"}
    assert len(created["concerns"]) == 1 and created["may_call"] is False  # the contact resident
    assert created["status"] == "concept"
    reference = created["reference"]
    assert reference.startswith("WV-")

    status = cli.json("referral", "status", reference, "verstuurd", "--note", "per post")
    assert status == {
        "id": created["id"],
        "reference": reference,
        "previous": "concept",
        "status": "verstuurd",
    }
    rows = cli.json("referral", "list")
    assert isinstance(rows, list) and len(rows) == 1
    row = rows[0]
    assert set(row) == {
        "id",
        "reference",
        "household_id",
        "household_label",
        "address",
        "city",
        "partner_id",
        "partner_name",
        "partner_type",
        "status",
        "grondslag",
        "created_at",
        "feedback_due",
        "has_letter",
    }
    assert row["household_label"] == "mw. Öztürk"
    assert row["address"] == "IJsselmeerstraat 4-B"
    assert row["grondslag"] == "toestemming"
    assert row["has_letter"] is False
    assert row["created_at"].endswith("Z")
    waiting = cli.json("referral", "list", "--waiting", "--overdue")
    assert isinstance(waiting, list) and len(waiting) == 1
    assert waiting[0]["reference"] == reference
    assert waiting[0]["feedback_due"] == "2021-01-15"
    assert waiting[0]["days_overdue"] > 0

    out_dir = tmp_path / "brieven"
    out_dir.mkdir()
    letter = out_dir / "verwijsbrief.pdf"
    # `init` left the organisation's address open: no window letter without a return address.
    proc = cli.run("letter", reference, "--out", str(letter), ok=False)
    one_line_error(proc, 1, "waakvlam org set --address")
    assert not letter.exists()
    _set_return_address(cli)
    saved = cli.json("letter", reference, "--out", str(letter))
    assert saved == {
        "referral_id": created["id"],
        "reference": reference,
        "kind": "verwijsbrief",
        "language": "nl",
        "path": str(letter),
        "bytes": letter.stat().st_size,
    }
    text = _pdf_text(letter)
    assert reference in text and "Ayşe Öztürk" in text and "Zoë" in text and "wĳkcentrum" in text
    assert "t.a.v. mevrouw I. de Boer" in text and "3562 JT UTRECHT" in text
    assert "Geachte mevrouw De Boer," in text and "Postbus 1234, 3500 AB Utrecht" in text
    assert NOTE_MARKER not in text
    # Only the PDF itself was written: no temp file left next to it.
    assert sorted(p.name for p in out_dir.iterdir()) == ["verwijsbrief.pdf"]
    assert cli.json("referral", "list")[0]["has_letter"] is True  # type: ignore[index]

    proc = cli.run("letter", reference, "--out", str(letter), ok=False)
    assert proc.returncode == 2 and "bestaat al" in proc.stderr
    cli.run("letter", created["id"], "--out", str(letter), "--force", "--lang", "en")
    assert "Our reference" in _pdf_text(letter)

    consent = out_dir / "toestemming.pdf"
    cli.run("consent-form", reference, "--out", str(consent))
    assert "Toestemming voor het delen van gegevens" in _pdf_text(consent)
    resident = out_dir / "bewoner.pdf"
    cli.run("resident-letter", reference, "--out", str(resident))
    assert "Geachte mevrouw Öztürk," in _pdf_text(resident)  # from --resident-as
    assert "Mevrouw A. Öztürk" in _pdf_text(resident)
    for path in (letter, consent, resident):
        assert NOTE_MARKER not in _pdf_text(path)

    proc = cli.run("letter", reference, "--out", str(tmp_path / "nergens" / "x.pdf"), ok=False)
    assert proc.returncode == 1 and "bestaat niet" in proc.stderr
    assert "in orde" in cli.run("audit", "verify").stdout


def test_other_basis_and_no_resident_letter(cli: Cli, household: str, tmp_path: Path) -> None:
    reference = _add(cli, household, "--basis", "Acuut gevaar: meldcode stap 5.").stdout.strip()
    _set_return_address(cli)
    letter = tmp_path / "brief.pdf"
    cli.run("letter", reference, "--out", str(letter))
    assert "Acuut gevaar: meldcode stap 5." in _pdf_text(letter)
    proc = cli.run("resident-letter", reference, "--out", str(tmp_path / "b.pdf"), ok=False)
    assert proc.returncode == 1 and "alleen bij een doorverwijzing met toestemming" in proc.stderr
    assert not (tmp_path / "b.pdf").exists()
    proc = cli.run("letter", "WV-1999-0001", "--out", str(tmp_path / "c.pdf"), ok=False)
    assert proc.returncode == 1 and "bestaat niet" in proc.stderr


def test_first_letter_from_a_fresh_vault(tmp_path: Path) -> None:
    """#15 E on the command line: `init` takes the return address and how to reach you; the
    vault holds Veilig Thuis and templates 'nog aanvullen'; a letter to a template is refused
    in one line and writes nothing; completing the partner makes the letter."""
    cli = Cli(tmp_path / "vault")
    cli.run(
        "init",
        "--organisation",
        "Woonstichting Voorbeeld",
        "--name",
        "Anouk de Vries",
        "--address",
        "Postbus 1234",
        "--postcode",
        "3500ab",
        "--city",
        "Utrecht",
        "--phone",
        "030-123 45 67",
        "--email",
        "info@voorbeeld.nl",
        "--staff-phone",
        "06-12 34 56 78",
        "--staff-email",
        "a.devries@voorbeeld.nl",
    )
    shipped = cli.json("partner", "list")
    assert isinstance(shipped, list)
    assert {(p["name"], p["type"], p["phone"], tuple(p["missing"])) for p in shipped} == {
        ("GGD", "ggd", "", ("address_line", "postcode", "city")),
        ("Schuldhulpverlening", "schuldhulpverlening", "", ("address_line", "postcode", "city")),
        ("Sociaal wijkteam", "wijkteam", "", ("address_line", "postcode", "city")),
        ("Veilig Thuis", "veilig_thuis", "0800-2000", ()),
    }
    listed = cli.run("partner", "list").stdout.splitlines()
    assert [line.split("  ")[-1] for line in listed if "GGD" in line] == [
        "nog aanvullen: adres, postcode en plaats"
    ]
    assert not any("nog aanvullen" in line for line in listed if "Veilig Thuis" in line)

    hid = cli.run(
        "household",
        "add",
        "--label",
        "fam. Jansen",
        "--street",
        "Kerkstraat",
        "--number",
        "12",
        "--postcode",
        "3511AB",
        "--city",
        "Utrecht",
        "--resident",
        "Anna Jansen",
    ).stdout.strip()
    reference = json.loads(
        cli.run(
            "referral",
            "add",
            "--household",
            hid,
            "--partner",
            "GGD",
            "--reason",
            "Zorgen over verwaarlozing.",
            "--consent",
            "verbal",
            "--consent-date",
            "2020-11-20",
            "--json",
        ).stdout
    )["reference"]
    out = tmp_path / "brief.pdf"
    line = one_line_error(cli.run("letter", reference, "--out", str(out), ok=False), 1)
    assert line == (
        "waakvlam: De verwijsbrief kan nog niet worden gemaakt: vul bij partner 'GGD' eerst"
        " adres, postcode en plaats in (onder Partners, of met 'waakvlam partner edit'); de"
        " doorverwijzing blijft bewaard."
    )
    assert not out.exists()
    assert [r["reference"] for r in cli.json("referral", "list")] == [reference]  # kept

    cli.run(
        "partner",
        "edit",
        "GGD",
        "--name",
        "GGD regio Utrecht",
        "--address",
        "Postbus 16200",
        "--postcode",
        "3500ce",
        "--city",
        "Utrecht",
    )
    cli.run("letter", reference, "--out", str(out))
    text = _pdf_text(out)
    assert "GGD regio Utrecht" in text and "Postbus 16200" in text
    assert "06-12 34 56 78" in text and "a.devries@voorbeeld.nl" in text
    assert "Postbus 1234" in text  # the return address given to init
    edited = cli.json("partner", "list")
    assert isinstance(edited, list)
    assert [p["missing"] for p in edited if p["name"] == "GGD regio Utrecht"] == [[]]

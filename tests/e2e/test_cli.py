"""The `waakvlam` command as a user runs it: real processes, real files."""

from __future__ import annotations

import json
from pathlib import Path

import pyrage

from tests.conftest import PASSPHRASE
from tests.e2e.conftest import Cli, one_line_error
from tests.helpers import all_bytes, write_around_the_app


def _household(cli: Cli) -> str:
    return cli.run(
        "household",
        "add",
        "--label",
        "fam. Öztürk",
        "--street",
        "Lindelaan",
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
    ).stdout.strip()


def test_full_flow(cli: Cli) -> None:
    hid = _household(cli)
    out = cli.run(
        "visit",
        "add",
        "--household",
        hid,
        "--kind",
        "signaal",
        "--note",
        "Stapels ongeopende post, geëmotioneerd",
        "--signal",
        "financien.ongeopende_post=2",
        "--signal",
        "veiligheid.kinderen=2",
    )
    assert "ACUUT" in out.stderr and "0800-2000" in out.stderr
    detail = cli.json("household", "show", hid)
    assert isinstance(detail, dict)
    assert detail["concern_level"] == "acuut"
    assert detail["address"] == "Lindelaan 4-B" and detail["postcode"] == "3533 AB"
    assert {o["code"] for o in detail["visits"][0]["observations"]} == {
        "financien.ongeopende_post",
        "veiligheid.kinderen",
    }
    rows = cli.json("household", "list")
    assert isinstance(rows, list) and rows[0]["id"] == hid
    hits = cli.json("search", "geemotioneerd")
    assert isinstance(hits, list) and hits[0]["household_id"] == hid
    assert "[geëmotioneerd]" in hits[0]["snippet"]
    stats = cli.json("stats")
    assert isinstance(stats, dict) and stats["visits"] == 1
    assert "keten is heel" in cli.run("audit", "verify").stdout
    assert "in orde" in cli.run("unlock-check").stdout


def test_checklist_show_json(cli: Cli) -> None:
    doc = cli.json("checklist", "show")
    assert isinstance(doc, dict)
    codes = {i["code"]: i for i in doc["items"]}
    assert codes["veiligheid.zelfdoding"]["acute"] is True
    assert "113" in codes["veiligheid.zelfdoding"]["guidance_nl"]
    assert {d["code"] for d in doc["domains"]} == {
        "woning",
        "financien",
        "gezondheid",
        "sociaal",
        "veiligheid",
        "zelfredzaamheid",
    }


def test_user_errors_are_one_line(cli: Cli, tmp_path: Path) -> None:
    hid = _household(cli)
    one_line_error(
        cli.run("stats", ok=False, WAAKVLAM_PASSPHRASE="dit is niet het wachtwoord"),
        1,
        "wachtwoord klopt niet",
    )
    one_line_error(cli.run("visit", "add", ok=False), 2, "--household")
    one_line_error(
        cli.run("visit", "add", "--household", hid, "--kind", "feestje", ok=False), 2, "soort"
    )
    one_line_error(
        cli.run(
            "visit",
            "add",
            "--household",
            hid,
            "--kind",
            "regulier",
            "--signal",
            "woning.geluid",
            ok=False,
        ),
        2,
        "CODE=ERNST",
    )
    one_line_error(
        cli.run(
            "visit",
            "add",
            "--household",
            hid,
            "--kind",
            "regulier",
            "--note",
            "bsn 111222333",
            ok=False,
        ),
        1,
        "BSN",
    )
    cli.run(
        "visit",
        "add",
        "--household",
        hid,
        "--kind",
        "regulier",
        "--note",
        "bsn 111222333",
        "--allow-bsn-like",
    )
    one_line_error(cli.run("household", "show", "nope", ok=False), 1, "bestaat niet")
    one_line_error(
        cli.run(
            "household",
            "add",
            "--label",
            "x",
            "--street",
            "s",
            "--number",
            "1",
            "--postcode",
            "12345",
            "--city",
            "c",
            ok=False,
        ),
        1,
        "postcode",
    )
    one_line_error(
        cli.run("stats", ok=False, WAAKVLAM_DATA_DIR=str(tmp_path / "leeg")), 1, "waakvlam init"
    )
    one_line_error(
        cli.run(
            "partner",
            "add",
            "--name",
            "X",
            "--type",
            "wijkteam",
            "--recipient",
            "age1xyz",
            ok=False,
        ),
        1,
        "sleutel van de partner",
    )
    one_line_error(
        cli.run("stats", ok=False, unset=["WAAKVLAM_PASSPHRASE"]), 2, "--passphrase-file"
    )


def test_damaged_vault_is_one_line(cli: Cli) -> None:
    hid = _household(cli)
    for i in range(30):
        cli.run(
            "visit", "add", "--household", hid, "--kind", "regulier", "--note", "x" * 900 + str(i)
        )
    db = cli.data_dir / "vault.db"
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0xFF
    db.write_bytes(bytes(data))
    one_line_error(cli.run("unlock-check", ok=False), 1, "beschadigd")


def test_a_row_pointing_at_nothing_fails_the_check_in_one_line(cli: Cli) -> None:
    hid = _household(cli)
    cli.run("visit", "add", "--household", hid, "--kind", "regulier", "--note", "koffie")
    assert "in orde" in cli.run("unlock-check").stdout
    write_around_the_app(
        cli.data_dir,
        PASSPHRASE,
        "DELETE FROM address WHERE id = (SELECT address_id FROM household)",
    )
    line = one_line_error(
        cli.run("unlock-check", ok=False), 1, "verwijzen naar iets dat er niet is"
    )
    assert line.endswith("household.address_id -> address: 1; visit.address_id -> address: 1.")


def test_passphrase_file_passwd_and_rekey(cli: Cli, tmp_path: Path) -> None:
    hid = _household(cli)
    new_file = tmp_path / "nieuw.txt"
    new_file.write_text("een nieuw lang wachtwoord\n")
    cli.run("passwd", "--new-passphrase-file", str(new_file))
    one_line_error(cli.run("stats", ok=False), 1, "wachtwoord klopt niet")
    cli.run("--passphrase-file", str(new_file), "rekey", WAAKVLAM_PASSPHRASE="")
    out = cli.run("--passphrase-file", str(new_file), "household", "list", "--json")
    assert json.loads(out.stdout)[0]["id"] == hid


def test_partners_and_demo_determinism(cli: Cli, tmp_path: Path) -> None:
    recipient = str(pyrage.x25519.Identity.generate().to_public())
    cli.run(
        "partner",
        "add",
        "--name",
        "GGD Regio",
        "--type",
        "ggd",
        "--recipient",
        recipient,
        "--schedule",
        "monthly",
    )
    partners = cli.json("partner", "list")
    assert isinstance(partners, list)
    # The partners a fresh vault starts with, and this one.
    assert [p["name"] for p in partners] == [
        "GGD",
        "GGD Regio",
        "Schuldhulpverlening",
        "Sociaal wijkteam",
        "Veilig Thuis",
    ]
    assert partners[1]["recipients"] == [recipient] and partners[1]["missing"] == []

    def demo_snapshot(folder: Path) -> object:
        other = Cli(folder).init(organisation="O", name="N")
        demo = other.run("demo", "--households", "30", "--seed", "7")
        assert "30/30" in demo.stderr
        return other.json("household", "list")

    first = demo_snapshot(tmp_path / "a")
    assert first == demo_snapshot(tmp_path / "b")
    assert isinstance(first, list) and len(first) == 30


def test_notes_never_in_plain_bytes(cli: Cli) -> None:
    hid = _household(cli)
    marker = "MARKER-Kwetsbaar-93X"
    cli.run("visit", "add", "--household", hid, "--kind", "regulier", "--note", marker)
    blob = all_bytes(cli.data_dir)
    assert marker.encode() not in blob and PASSPHRASE.encode() not in blob


def test_today_ranks_an_acute_sign_first(cli: Cli) -> None:
    """`visit add` with an acute sign and no --acute-response: an action due today, first in
    `waakvlam today`; with a response, nothing to do first."""
    assert "Nog geen huishoudens" in cli.run("today").stdout
    hid = _household(cli)
    fresh = cli.json("household", "show", hid)
    assert isinstance(fresh, dict)
    assert (fresh["visited"], fresh["level_text"]) == (False, "nog niet bezocht")
    out = cli.run(
        "visit", "add", "--household", hid, "--kind", "signaal",
        "--signal", "veiligheid.huiselijk_geweld=1",
    )  # fmt: skip
    assert "actie voor vandaag" in out.stderr
    rows = cli.json("today")
    assert isinstance(rows, list) and len(rows) == 1
    first = rows[0]
    assert first["rank"] == 1 and first["household_id"] == hid
    assert first["level"] == "acuut" and first["kind"] == "acuut_signaal"
    assert first["reason"].startswith("Signalen huiselijk geweld, licht, ")
    assert first["address"] == "Lindelaan 4-B" and first["label"] == "fam. Öztürk"
    text = cli.run("today").stdout
    assert text.startswith("1. acuut · Lindelaan 4-B · fam. Öztürk — Signalen huiselijk geweld")
    other = cli.run(
        "household", "add", "--label", "mw. Bakker", "--street", "Lindelaan", "--number", "6",
        "--postcode", "3533ab", "--city", "Utrecht",
    ).stdout.strip()  # fmt: skip
    cli.run(
        "visit", "add", "--household", other, "--kind", "signaal",
        "--signal", "veiligheid.kinderen=2", "--acute-response", "Veilig Thuis gebeld",
    )  # fmt: skip
    assert [r["household_id"] for r in cli.json("today")] == [hid]  # type: ignore[union-attr]


def test_visit_amend_keeps_the_original(cli: Cli) -> None:
    hid = _household(cli)
    vid = cli.run("visit", "add", "--household", hid, "--kind", "regulier", "--note", "Eerst")
    visit_id = vid.stdout.strip().splitlines()[0]
    out = cli.run("visit", "amend", visit_id, "--note", "Verbeterd")
    assert "gecorrigeerd" in out.stderr
    detail = cli.json("household", "show", hid)
    assert isinstance(detail, dict)
    assert detail["visits"][0]["notes"] == "Verbeterd"
    assert detail["visits"][0]["corrected_at"] is not None
    assert detail["level_text"] == "geen zorgen"  # visited now: a level, not "nog niet bezocht"

"""The `waakvlam` command as a user runs it: real processes, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyrage
import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import all_bytes


class Cli:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.env = {
            **os.environ,
            "WAAKVLAM_DATA_DIR": str(data_dir),
            "WAAKVLAM_PASSPHRASE": PASSPHRASE,
            "WAAKVLAM_KDF_TARGET_SECONDS": "0",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            # Logs and caches of test runs stay in the test's own folder.
            "XDG_STATE_HOME": str(data_dir.parent / "xdg-state"),
            "XDG_CACHE_HOME": str(data_dir.parent / "xdg-cache"),
        }

    def run(self, *args: str, ok: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "waakvlam_desktop.cli", *args],
            env={**self.env, **env},
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=300,
        )
        if ok:
            assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
        return proc

    def json(self, *args: str) -> object:
        return json.loads(self.run(*args, "--json").stdout)


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    c = Cli(tmp_path / "vault")
    c.run("init", "--organisation", "Woonstichting Voorbeeld", "--name", "A. de Vries")
    return c


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


def _one_line_error(proc: subprocess.CompletedProcess[str], code: int, text: str) -> None:
    assert proc.returncode == code
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert text in lines[0]


def test_user_errors_are_one_line(cli: Cli, tmp_path: Path) -> None:
    hid = _household(cli)
    _one_line_error(
        cli.run("stats", ok=False, WAAKVLAM_PASSPHRASE="dit is niet het wachtwoord"),
        1,
        "wachtwoord klopt niet",
    )
    _one_line_error(cli.run("visit", "add", ok=False), 2, "--household")
    _one_line_error(
        cli.run("visit", "add", "--household", hid, "--kind", "feestje", ok=False), 2, "soort"
    )
    _one_line_error(
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
    _one_line_error(
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
    _one_line_error(cli.run("household", "show", "nope", ok=False), 1, "bestaat niet")
    _one_line_error(
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
    _one_line_error(
        cli.run("stats", ok=False, WAAKVLAM_DATA_DIR=str(tmp_path / "leeg")), 1, "waakvlam init"
    )
    _one_line_error(
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
        "age-ontvanger",
    )
    env_without = {k: v for k, v in cli.env.items() if k != "WAAKVLAM_PASSPHRASE"}
    proc = subprocess.run(
        [sys.executable, "-m", "waakvlam_desktop.cli", "stats"],
        env=env_without,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    _one_line_error(proc, 2, "--passphrase-file")


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
    _one_line_error(cli.run("unlock-check", ok=False), 1, "beschadigd")


def test_passphrase_file_passwd_and_rekey(cli: Cli, tmp_path: Path) -> None:
    hid = _household(cli)
    new_file = tmp_path / "nieuw.txt"
    new_file.write_text("een nieuw lang wachtwoord\n")
    cli.run("passwd", "--new-passphrase-file", str(new_file))
    _one_line_error(cli.run("stats", ok=False), 1, "wachtwoord klopt niet")
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
    assert isinstance(partners, list) and partners[0]["recipients"] == [recipient]

    def demo_snapshot(folder: Path) -> object:
        other = Cli(folder)
        other.run("init", "--organisation", "O", "--name", "N")
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

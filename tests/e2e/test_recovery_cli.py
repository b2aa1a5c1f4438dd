"""#19 as ICT runs it: `waakvlam recovery create`, `org set --recovery-recipient`,
`backup --to-folder`, `recovery restore` — real processes, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import PASSPHRASE
from tests.e2e.conftest import Cli, one_line_error
from waakvlam_desktop.privacy.continuity import share_words_from_file
from waakvlam_desktop.storage import recovery
from waakvlam_desktop.storage.models import AuditEvent, Household, Visit
from waakvlam_desktop.storage.vault import Vault

NEW_PASSPHRASE = "de collega die het overneemt 2026"


def _counts(folder: Path, passphrase: str) -> tuple[int, int, list[str]]:
    with Vault.open(folder, passphrase) as v, v.session() as s:
        return (
            int(s.scalar(select(func.count(Household.id))) or 0),
            int(s.scalar(select(func.count(Visit.id))) or 0),
            sorted(s.scalars(select(Visit.notes))),
        )


def test_recovery_from_the_command_line(cli: Cli, tmp_path: Path) -> None:
    cli.run("demo", "--households", "8")
    key = tmp_path / "sleutel"
    made = cli.json(
        "recovery", "create", "--out-dir", str(key), "--organisation", "Woonstichting Voorbeeld"
    )
    assert isinstance(made, dict) and made["shares"] == 3 and made["threshold"] == 2
    assert len(made["share_pdfs"]) == 3 and Path(made["public_file"]).exists()

    show = cli.run("org", "show").stdout
    assert "De organisatie kan deze kluis niet herstellen" in show
    cli.run("org", "set", "--recovery-recipient", made["public_file"])
    show = cli.run("org", "show").stdout
    assert "De organisatie kan deze kluis herstellen" in show
    assert recovery.grouped(made["key_id"]) in show
    assert cli.json("org", "show")["recovery"]["key_id"] == made["key_id"]  # type: ignore[index]

    team = tmp_path / "teammap"
    team.mkdir()
    backup = cli.json("backup", "--to-folder", str(team))
    assert isinstance(backup, dict) and backup["removed"] == []
    path = backup["path"]
    shares = made["share_texts"]

    out = tmp_path / "overname"
    refused = cli.run(
        "recovery", "restore", path, "--share", shares[0], "--reason", "ziek",
        "--out-dir", str(out), ok=False, WAAKVLAM_NEW_PASSPHRASE=NEW_PASSPHRASE,
    )  # fmt: skip
    assert "Te weinig delen" in one_line_error(refused, 1)
    assert not out.exists()

    other = tmp_path / "andere"
    cli.run("recovery", "create", "--out-dir", str(other))
    foreign = [str(other / f"herstelsleutel-deel-{n}-van-3.txt") for n in (1, 2)]
    refused = cli.run(
        "recovery", "restore", path, "--share", foreign[0], "--share", foreign[1],
        "--reason", "ziek", "--out-dir", str(out), ok=False,
        WAAKVLAM_NEW_PASSPHRASE=NEW_PASSPHRASE,
    )  # fmt: skip
    assert "andere herstelsleutel" in one_line_error(refused, 1)
    assert not out.exists()
    assert sorted(p.suffix for p in team.iterdir()) == [".wvbackup"]

    proc = cli.run(
        "recovery", "restore", path, "--share", shares[0], "--share", shares[2],
        "--reason", "ziek sinds maandag", "--by", "ICT J. Smit", "--out-dir", str(out),
        "--json", WAAKVLAM_NEW_PASSPHRASE=NEW_PASSPHRASE,
    )  # fmt: skip
    result = json.loads(proc.stdout)
    assert Path(result["notice"]).parent == team and result["key_id"] == made["key_id"]
    assert _counts(out, NEW_PASSPHRASE) == _counts(cli.data_dir, PASSPHRASE)
    with Vault.open(out, NEW_PASSPHRASE) as v, v.session() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "recovery")).one()
        assert "reden=ziek sinds maandag" in event.detail and "door=ICT J. Smit" in event.detail
    listed = cli.run(
        "audit",
        "list",
        "--action",
        "recovery",
        WAAKVLAM_DATA_DIR=str(out),
        WAAKVLAM_PASSPHRASE=NEW_PASSPHRASE,
    )
    assert "hersteld met de organisatiesleutel" in listed.stdout

    # The key exists nowhere on disk: rebuilt here from two shares, searched in every file.
    identity = recovery.combine([Path(p).read_text() for p in shares[1:]])
    needles = [identity.secret_for_tests(), identity.age_text_for_tests().encode()]
    for file in (p for p in tmp_path.rglob("*") if p.is_file()):
        blob = file.read_bytes()
        assert not any(n in blob for n in needles), file


def test_init_sets_the_recovery_key_for_the_installer(tmp_path: Path) -> None:
    """The installer's configuration: `init --recovery-recipient FILE` on a new laptop."""
    key = tmp_path / "sleutel"
    made = Cli(tmp_path / "leeg").run("recovery", "create", "--out-dir", str(key), "--json")
    public = json.loads(made.stdout)
    cli = Cli(tmp_path / "vault")
    cli.run(
        "init", "--organisation", "W", "--name", "A",
        "--recovery-recipient", public["public_file"],
    )  # fmt: skip
    shown = cli.json("org", "show")
    assert isinstance(shown, dict) and shown["recovery"]["key_id"] == public["key_id"]
    listed = cli.run("audit", "list", "--action", "recovery_key").stdout
    assert "herstelsleutel van de organisatie ingesteld" in listed
    broken = tmp_path / "kapot.pub"
    broken.write_text("age1nietgeldig\n")
    refused = Cli(tmp_path / "ander").run(
        "init", "--organisation", "W", "--name", "A", "--recovery-recipient", str(broken),
        ok=False,
    )  # fmt: skip
    assert "geen geldige herstelsleutel" in one_line_error(refused, 1)
    assert not (tmp_path / "ander").exists()


def test_the_words_can_be_typed_at_the_terminal(cli: Cli, tmp_path: Path) -> None:
    """Without --share the holders type their words; it asks until the threshold is met."""
    key = tmp_path / "sleutel"
    made = json.loads(cli.run("recovery", "create", "--out-dir", str(key), "--json").stdout)
    cli.run("org", "set", "--recovery-recipient", made["public_file"])
    team = tmp_path / "team"
    team.mkdir()
    backup = json.loads(cli.run("backup", "--to-folder", str(team), "--json").stdout)["path"]
    typed = []
    for n in (1, 2):
        words = share_words_from_file(Path(made["share_texts"][n])).split()
        # As read from the paper: numbered, in capitals here and there.
        typed.append(" ".join(f"{i}. {w.upper() if i % 5 else w}" for i, w in enumerate(words, 1)))
    out = tmp_path / "overname"
    master, terminal = os.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "waakvlam_desktop.cli", "recovery", "restore", backup,
             "--reason", "ziek", "--out-dir", str(out)],
            stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**cli.env, "WAAKVLAM_NEW_PASSPHRASE": NEW_PASSPHRASE},
        )  # fmt: skip
        os.close(terminal)
        for line in typed:
            os.write(master, (line + "\n").encode())
        stdout, stderr = proc.communicate(timeout=240)
    finally:
        os.close(master)
    assert proc.returncode == 0, stderr
    assert stdout.count("Woorden van deel") == 2 and str(out) in stdout
    assert _counts(out, NEW_PASSPHRASE) == _counts(cli.data_dir, PASSPHRASE)

"""Attack: two writers at once. A key change or a restore beside an open vault would pull
the database out from under the other process (issue #12 B and G).

Only one process may change keys or replace the vault, and only while nobody else has it
open; the desktop app runs once per vault. Every refusal is one sentence, exit 1, and
nothing changed. A lock left by a crashed process never blocks: the kernel drops it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.e2e.conftest import Cli, one_line_error
from waakvlam_desktop.errors import VaultBusyError
from waakvlam_desktop.storage import keys
from waakvlam_desktop.storage.lock import FileLock
from waakvlam_desktop.storage.migrate import current_revision, head_revision
from waakvlam_desktop.storage.vault import DB_NAME, Vault, VaultPaths, make_engine

ROOT = Path(__file__).resolve().parents[2]
BUSY = "De kluis is geopend in een ander venster of een andere opdracht"


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "vault").init()


@pytest.mark.parametrize("command", ["rekey", "passwd"])
def test_key_change_refused_while_open_elsewhere(cli: Cli, command: str) -> None:
    before = VaultHeader(cli.data_dir)
    with Vault.open(cli.data_dir, PASSPHRASE):
        proc = cli.run(command, ok=False, WAAKVLAM_NEW_PASSPHRASE="een heel ander wachtwoord")
    one_line_error(proc, 1, BUSY)
    assert VaultHeader(cli.data_dir) == before
    cli.run("unlock-check")


def test_restore_refused_while_open_elsewhere(cli: Cli, tmp_path: Path) -> None:
    backup = tmp_path / "kluis.wkbak"
    cli.run("backup", "--out", str(backup))
    before = VaultHeader(cli.data_dir)
    with Vault.open(cli.data_dir, PASSPHRASE):
        proc = cli.run("restore", str(backup), "--replace", ok=False)
        one_line_error(proc, 1, BUSY)
        assert VaultHeader(cli.data_dir) == before
    assert not list(tmp_path.glob("vault.vervangen-*"))
    cli.run("restore", str(backup), "--replace")  # nobody has it open: now it goes


def test_a_second_app_window_is_refused(cli: Cli) -> None:
    with Vault.open(cli.data_dir, PASSPHRASE, app=True):
        with pytest.raises(VaultBusyError) as caught:
            Vault.open(cli.data_dir, PASSPHRASE, app=True)
        assert "al geopend in een ander venster" in str(caught.value)
        # Ordinary commands still run beside the app (SQLite serialises their writes).
        cli.run("household", "list")
        one_line_error(cli.run("rekey", ok=False), 1, BUSY)


def test_a_key_change_blocks_opening_until_it_ends(cli: Cli) -> None:
    with Vault.open(cli.data_dir, PASSPHRASE) as v, v._exclusive():
        one_line_error(cli.run("household", "list", ok=False), 1, BUSY)
    cli.run("household", "list")


def test_a_remembered_key_meeting_a_busy_vault_says_in_use(cli: Cli) -> None:
    """The key from the OS keyring opens the vault without a passphrase. When the vault is
    busy, that is the one line: not a question for the passphrase, which would not help."""
    header = Vault.read_header(VaultPaths(cli.data_dir))
    keyring = {
        "PYTHON_KEYRING_BACKEND": "bench.keyring_backend.BenchKeyring",
        "WAAKVLAM_BENCH_KEYRING": f"{header.vault_id}:{keys.unwrap_key(header, PASSPHRASE).hex()}",
        "PYTHONPATH": os.pathsep.join([str(ROOT), *sys.path]),
    }
    no_passphrase = ["WAAKVLAM_PASSPHRASE"]
    cli.run("household", "list", unset=no_passphrase, **keyring)  # the key alone opens it
    with Vault.open(cli.data_dir, PASSPHRASE) as v, v._exclusive():
        proc = cli.run("household", "list", ok=False, unset=no_passphrase, **keyring)
    one_line_error(proc, 1, BUSY)


def test_lock_of_a_killed_process_does_not_block(cli: Cli) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from waakvlam_desktop.storage.vault import Vault\n"
            f"v = Vault.open(sys.argv[1], {PASSPHRASE!r}, app=True)\n"
            "print('open', flush=True)\n"
            "time.sleep(600)\n",
            str(cli.data_dir),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**cli.env, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        one_line_error(cli.run("rekey", ok=False), 1, BUSY)
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    assert (cli.data_dir / "vault.lock").exists()  # the file stays; the lock is gone
    cli.run("rekey")
    with Vault.open(cli.data_dir, PASSPHRASE, app=True):
        pass


class VaultHeader:
    """The key header's bytes, for "nothing changed" comparisons."""

    def __init__(self, folder: Path) -> None:
        self.raw = (folder / "vault.key.json").read_bytes()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VaultHeader) and other.raw == self.raw

    __hash__ = None  # type: ignore[assignment]


def test_an_upgrade_waits_until_nobody_else_has_the_vault_open(tmp_path: Path) -> None:
    """0019 rewrites every id: a process of the previous version reading or writing
    meanwhile would read bytes as ids, or write ids this version never finds. So an old
    vault is upgraded only while nobody else has it open (here: another process's lock)."""
    old = Path(__file__).resolve().parents[1] / "data" / "vaults" / "0018"
    data = tmp_path / "vault"
    shutil.copytree(old, data)
    passphrase = json.loads((old / "manifest.json").read_text("utf-8"))["passphrase"]
    other = FileLock(data).acquire("shared")  # flock: per open file, as another process
    try:
        with pytest.raises(VaultBusyError) as caught:
            Vault.open(data, passphrase)
        assert BUSY in str(caught.value)
    finally:
        other.release()
    header = Vault.read_header(VaultPaths(data))
    engine = make_engine(data / DB_NAME, keys.unwrap_key(header, passphrase))
    try:
        assert current_revision(engine) == "0018"  # nothing was changed
    finally:
        engine.dispose()
    with Vault.open(data, passphrase) as vault:  # alone now: upgraded
        assert vault.engine is not None
        assert current_revision(vault.engine) == head_revision()


def test_a_command_upgrading_an_old_vault_says_so_once(tmp_path: Path) -> None:
    old = Path(__file__).resolve().parents[1] / "data" / "vaults" / "0018"
    data = tmp_path / "vault"
    shutil.copytree(old, data)
    passphrase = json.loads((old / "manifest.json").read_text("utf-8"))["passphrase"]
    cli = Cli(data, WAAKVLAM_PASSPHRASE=passphrase)
    first = cli.run("household", "list")
    assert "De kluis wordt bijgewerkt" in first.stderr
    assert "wordt bijgewerkt" not in cli.run("household", "list").stderr
    with Vault.open(data, passphrase):  # at the head now: another process may open it
        assert "wordt bijgewerkt" not in cli.run("household", "list").stderr

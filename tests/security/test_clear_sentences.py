"""Attack: feed the app what it does not expect and look for a traceback (issue #12 G, E).

Each case must end in one clear sentence on stderr with a non-zero exit, and nothing lost:
a backup of a damaged vault, a missing key header, a CSV field over 128 KiB, a key header
edited to ask for minutes of work and gigabytes of memory.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.e2e.conftest import Cli, one_line_error
from waakvlam_desktop.errors import VaultDamagedError
from waakvlam_desktop.storage import keys
from waakvlam_desktop.storage.vault import Vault

PAGE = 4096


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "vault").init()


def test_backup_of_a_damaged_vault(cli: Cli, tmp_path: Path) -> None:
    with Vault.open(cli.data_dir, PASSPHRASE) as v:
        for i in range(300):  # enough pages that damage can sit away from page 1
            with v.session() as s:
                s.connection().exec_driver_sql(
                    "INSERT INTO setting (key, value_json, updated_at) VALUES (?, ?, ?)",
                    (f"proef{i}", '"' + "x" * 900 + '"', "2026-11-27 10:00:00"),
                )
        v.checkpoint()
    db = cli.data_dir / "vault.db"
    data = bytearray(db.read_bytes())
    pages = len(data) // PAGE
    assert pages > 40
    for page in range(pages // 2, pages - 2):  # the back half of the file: table pages
        data[page * PAGE + 100] ^= 0xFF
    db.write_bytes(bytes(data))
    out = tmp_path / "kluis.wkbak"
    proc = cli.run("backup", "--out", str(out), ok=False)
    line = one_line_error(proc, 1)
    assert "beschadigd" in line
    assert not out.exists()
    assert not list(tmp_path.glob(".kluis.wkbak*"))


def test_missing_key_header_says_where_it_looked(cli: Cli) -> None:
    header = cli.data_dir / "vault.key.json"
    header.unlink()
    line = one_line_error(cli.run("household", "list", ok=False), 1, str(header))
    assert "waakvlam restore" in line and "waakvlam init" in line
    assert (cli.data_dir / "vault.db").exists()  # nothing deleted


def test_no_vault_at_all_says_where_it_looked(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "leeg")
    line = one_line_error(cli.run("household", "list", ok=False), 1, "vault.key.json")
    assert "waakvlam init" in line and "waakvlam restore" in line


def test_csv_field_over_128_kib(cli: Cli, tmp_path: Path) -> None:
    big = tmp_path / "adressen.csv"
    big.write_bytes(
        b"straat;huisnummer;postcode;plaats\n"
        b"Kerkstraat;1;3511 AB;Utrecht\n"
        b'Kerkstraat;2;3511 AB;"' + b"x" * (200 * 1024) + b'"\n'
    )
    line = one_line_error(cli.run("import", "addresses", str(big), ok=False), 1, "128 KiB")
    assert "regel 3" in line.lower()
    assert json.loads(cli.run("household", "list", "--json").stdout) == []


@pytest.mark.parametrize(
    ("memory_kib", "time_cost"),
    [
        (4 * 1024 * 1024, 40),  # the header from the issue: 2 minutes and 4 GB
        (4 * 1024 * 1024, 3),
        (keys.MIN_MEMORY_KIB, 41),
        (keys.MAX_MEMORY_KIB, 40),  # both under their own bound, but the work is not
        (keys.MAX_MEMORY_KIB + 1024, 3),
    ],
)
def test_costly_kdf_header_is_refused_at_once(cli: Cli, memory_kib: int, time_cost: int) -> None:
    header_path = cli.data_dir / "vault.key.json"
    doc = json.loads(header_path.read_text())
    doc["kdf"]["memory_kib"] = memory_kib
    doc["kdf"]["time_cost"] = time_cost
    doc.pop("checksum")
    doc["checksum"] = keys._checksum(doc)
    header_path.write_text(json.dumps(doc))
    start = time.monotonic()
    line = one_line_error(cli.run("household", "list", ok=False), 1, "ooit gebruikt")
    assert time.monotonic() - start < 20  # the process start, not an Argon2 run
    assert f"{memory_kib // 1024} MiB" in line
    with pytest.raises(VaultDamagedError) as caught:
        keys.KeyHeader.from_bytes(header_path.read_bytes())
    assert caught.value.code == "vault.key_file_too_costly"


def test_the_most_costly_header_this_app_writes_still_opens() -> None:
    params = keys.KdfParams(keys.MIN_MEMORY_KIB, keys.MAX_TIME_COST, keys.PARALLELISM, b"s" * 16)
    params.check_floor()

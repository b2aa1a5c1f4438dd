"""SIGKILL while writing: every committed visit survives and the file stays sound."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import PASSPHRASE
from tests.helpers import CLEAN_REPORT, add_household
from waakvlam_desktop.storage.models import Visit
from waakvlam_desktop.storage.vault import Vault

WRITER = r"""
import sys
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.domain.setup import default_staff
from waakvlam_desktop.domain.types import VisitKind
from waakvlam_desktop.domain.visits import VisitInput, record_visit

folder, passphrase, hid = sys.argv[1:4]
v = Vault.open(folder, passphrase)
with v.session() as s:
    v.actor = default_staff(s).id
for i in range(1000):
    with v.session() as s:
        vid = record_visit(s, VisitInput(hid, VisitKind.REGULIER, notes=f"bezoek {i}")).visit_id
    # Only after the commit returned is the visit reported as committed.
    print(vid, flush=True)
"""


def test_sigkill_during_writes_keeps_every_committed_visit(vault: Vault, vault_dir: Path) -> None:
    hid = add_household(vault)
    vault.close()
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(vault_dir), PASSPHRASE, hid],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    committed: list[str] = []
    deadline = time.monotonic() + 120
    while len(committed) < 150 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        committed.append(line.strip())
    os.kill(proc.pid, signal.SIGKILL)
    rest, err = proc.communicate()
    committed += [line.strip() for line in rest.splitlines() if line.strip()]
    assert proc.returncode == -signal.SIGKILL, err
    assert 150 <= len(committed) < 1000, "the writer must be killed mid-way"

    with Vault.open(vault_dir, PASSPHRASE) as again:
        report = again.integrity_report()
        assert report == CLEAN_REPORT
        with again.session() as s:
            stored = set(s.scalars(select(Visit.id)))
            assert set(committed) <= stored
            assert s.scalar(select(func.count(Visit.id))) in (len(committed), len(committed) + 1)

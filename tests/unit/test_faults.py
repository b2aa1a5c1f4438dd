"""A full disk, for real: a small tmpfs (root, as in CI). The write rolls back with one
clear sentence and every committed record survives."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import PASSPHRASE
from tests.helpers import CLEAN_REPORT, add_household
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.domain.types import VisitKind
from waakvlam_desktop.domain.visits import VisitInput, record_visit
from waakvlam_desktop.errors import BackupError, StorageWriteError
from waakvlam_desktop.privacy.backup import create_backup, restore_backup
from waakvlam_desktop.storage.models import Household, Visit
from waakvlam_desktop.storage.vault import Vault


def mount_small_disk(folder: Path, size: str) -> str | None:
    """Mount a tmpfs of ``size`` on ``folder``; None on success, else why not."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "mounting a small file system needs root (CI runs as root)"
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    return None if proc.returncode == 0 else f"mount failed: {proc.stderr.strip()}"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mnt = tmp_path / "klein"
    why = mount_small_disk(mnt, "4m")
    if why is not None:
        pytest.skip(why)
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def fill_disk(folder: Path) -> Path:
    """Write a filler file until the file system says ENOSPC."""
    filler = folder / "vulling.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 16, 4096, 1):
            while True:
                try:
                    os.write(fd, b"\xa5" * size)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
    finally:
        os.close(fd)
    return filler


def _visit_ids(vault: Vault) -> set[str]:
    with vault.session() as s:
        return set(s.scalars(select(Visit.id)))


def test_disk_full_rolls_back_and_keeps_every_committed_record(
    small_disk: Path, clock: FixedClock
) -> None:
    folder = small_disk / "vault"
    vault = Vault.create(folder, PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with vault.session() as s:
        vault.actor = initialise(s, organisation="W", staff_name="A. de Vries").id
    hid = add_household(vault)
    committed: set[str] = set()
    for i in range(5):
        with vault.session() as s:
            committed.add(record_visit(s, VisitInput(hid, VisitKind.REGULIER, f"v{i}")).visit_id)

    filler = fill_disk(small_disk)
    failure: StorageWriteError | None = None
    for i in range(200):  # the WAL may have room for a few more pages; then it must grow
        try:
            with vault.session() as s:
                vid = record_visit(s, VisitInput(hid, VisitKind.REGULIER, "x" * 19_000 + str(i)))
                vid_id = vid.visit_id
            committed.add(vid_id)
        except StorageWriteError as exc:
            failure = exc
            break
    assert failure is not None, "the disk never filled up"
    assert "schijf is vol" in str(failure) and "niets gewijzigd" in str(failure)
    # The app keeps working for reading, with exactly the committed records.
    assert _visit_ids(vault) == committed
    vault.close()

    # Still full: the vault opens and shows every committed record.
    with Vault.open(folder, PASSPHRASE) as again:
        assert _visit_ids(again) == committed
    filler.unlink()
    with Vault.open(folder, PASSPHRASE, clock=clock) as again:
        assert _visit_ids(again) == committed
        assert again.integrity_report() == CLEAN_REPORT
        with again.session() as s:
            again.actor = None
            record_visit(s, VisitInput(hid, VisitKind.NAZORG, "weer ruimte"))
        assert len(_visit_ids(again)) == len(committed) + 1


def test_opening_on_a_full_disk_says_so_not_damaged(small_disk: Path, clock: FixedClock) -> None:
    folder = small_disk / "vault"
    with Vault.create(folder, PASSPHRASE, kdf_target_seconds=0, clock=clock) as vault:
        with vault.session() as s:
            vault.actor = initialise(s, organisation="W", staff_name="A. de Vries").id
        hid = add_household(vault)
    assert not (folder / "vault.db-shm").exists()  # a clean close removes WAL and index
    filler = fill_disk(small_disk)
    with pytest.raises(StorageWriteError, match="schijf is vol"):
        Vault.open(folder, PASSPHRASE)
    filler.unlink()
    with Vault.open(folder, PASSPHRASE) as again, again.session() as s:
        assert s.get(Household, hid) is not None


def test_backup_and_restore_on_a_full_disk_leave_nothing_behind(
    small_disk: Path, vault: Vault, vault_dir: Path
) -> None:
    add_household(vault)
    good = vault_dir.parent / "goed.wvbackup"
    create_backup(vault, good)
    filler = fill_disk(small_disk)
    with pytest.raises(BackupError, match="schijf is vol"):
        create_backup(vault, small_disk / "b.wvbackup")
    with pytest.raises(BackupError, match="schijf is vol"):
        restore_backup(good, small_disk / "terug", PASSPHRASE)
    assert sorted(p.name for p in small_disk.iterdir()) == [filler.name]

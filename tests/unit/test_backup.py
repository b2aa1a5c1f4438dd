"""Encrypted backups: snapshot while writing, restore with the passphrase, clear refusals."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSPHRASE
from tests.helpers import CLEAN_REPORT, add_case, add_household
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.types import VisitKind
from waakvlam_desktop.domain.visits import VisitInput, record_visit
from waakvlam_desktop.errors import BackupError, VaultExistsError, WrongPassphraseError
from waakvlam_desktop.privacy.backup import (
    backup_reminder,
    create_backup,
    last_backup_at,
    read_backup_info,
    restore_backup,
    write_backup_file,
)
from waakvlam_desktop.storage.audit import verify_chain
from waakvlam_desktop.storage.models import AuditEvent, Visit
from waakvlam_desktop.storage.vault import Vault

MARKER = "Qzbackup5"


def _visits(vault: Vault) -> set[str]:
    with vault.session() as s:
        return set(s.scalars(select(Visit.id)))


def test_backup_is_encrypted_consistent_and_restores(
    vault: Vault, tmp_path: Path, clock: FixedClock
) -> None:
    ids = add_case(vault, MARKER)
    committed = _visits(vault)
    out = tmp_path / "kluis.wvbackup"
    # A write transaction is open while the backup runs: it must not be in the snapshot.
    with vault.session() as s:
        pending = record_visit(s, VisitInput(ids["household"], VisitKind.NAZORG, notes="open"))
        info = write_backup_file(vault, out)
    assert pending.visit_id in _visits(vault)
    blob = out.read_bytes()
    assert blob.startswith(b"WAAKVLAMBACKUP")
    assert MARKER.encode() not in blob and PASSPHRASE.encode() not in blob
    assert info.vault_id == vault.vault_id and read_backup_info(out).db_bytes == info.db_bytes
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    with vault.session() as s:
        assert last_backup_at(s) is None  # the bare file writer does no bookkeeping
    create_backup(vault, tmp_path / "tweede.wvbackup")
    with vault.session() as s:
        assert last_backup_at(s) == info.created_at

    target = tmp_path / "nieuwe-laptop" / "vault"
    result = restore_backup(out, target, PASSPHRASE)
    assert result.kept_aside is None and result.vault_id == vault.vault_id
    with Vault.open(target, PASSPHRASE) as restored:
        assert _visits(restored) == committed
        assert restored.integrity_report() == CLEAN_REPORT
        with restored.session() as s:
            assert verify_chain(s).ok
            assert (
                s.scalar(select(func.count(AuditEvent.seq)).where(AuditEvent.action == "restore"))
                == 1
            )


def test_wrong_passphrase_damaged_and_foreign_files_are_refused(
    vault: Vault, tmp_path: Path
) -> None:
    add_household(vault)
    out = tmp_path / "b.wvbackup"
    create_backup(vault, out)
    target = tmp_path / "doel"
    with pytest.raises(WrongPassphraseError, match="wachtwoord klopt niet"):
        restore_backup(out, target, "een heel ander wachtwoord")
    assert not target.exists()

    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged = tmp_path / "kapot.wvbackup"
    damaged.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="beschadigd"):
        restore_backup(damaged, target, PASSPHRASE)
    truncated = tmp_path / "half.wvbackup"
    truncated.write_bytes(bytes(out.read_bytes()[: len(data) // 3]))
    with pytest.raises(BackupError, match="beschadigd"):
        restore_backup(truncated, target, PASSPHRASE)
    foreign = tmp_path / "foto.jpg"
    foreign.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 100)
    with pytest.raises(BackupError, match="geen Waakvlam-back-up"):
        restore_backup(foreign, target, PASSPHRASE)
    with pytest.raises(BackupError, match="bestaat niet"):
        restore_backup(tmp_path / "nergens", target, PASSPHRASE)
    assert not target.exists()
    with pytest.raises(BackupError, match="bestaat al"):
        create_backup(vault, out)


def test_existing_vault_is_replaced_only_when_asked_and_kept_aside(
    vault: Vault, vault_dir: Path, tmp_path: Path
) -> None:
    add_household(vault)
    out = tmp_path / "b.wvbackup"
    create_backup(vault, out)
    other_dir = tmp_path / "andere"
    other = Vault.create(other_dir, "ander wachtwoord hier", kdf_target_seconds=0)
    other.close()
    before = sorted(p.name for p in other_dir.iterdir())
    with pytest.raises(VaultExistsError, match="--replace"):
        restore_backup(out, other_dir, PASSPHRASE)
    assert sorted(p.name for p in other_dir.iterdir()) == before
    result = restore_backup(out, other_dir, PASSPHRASE, replace=True)
    assert result.kept_aside is not None and result.kept_aside.name.startswith("andere.vervangen-")
    assert (result.kept_aside / "vault.key.json").exists()
    with Vault.open(result.kept_aside, "ander wachtwoord hier"):
        pass
    with Vault.open(other_dir, PASSPHRASE) as restored:
        assert restored.vault_id == vault.vault_id


def test_backup_reminder(vault: Vault, tmp_path: Path, clock: FixedClock) -> None:
    with vault.session() as s:
        assert backup_reminder(s) is None  # nothing to lose yet
    add_household(vault)
    with vault.session() as s:
        assert "nog geen back-up" in (backup_reminder(s) or "")
    create_backup(vault, tmp_path / "b.wvbackup")
    with vault.session() as s:
        assert backup_reminder(s) is None
    clock.advance(timedelta(days=7))
    with vault.session() as s:
        message = backup_reminder(s)
    assert message is not None and "7 dagen geleden" in message

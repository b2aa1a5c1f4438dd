"""The recovery field of the key header is not trusted (#19, review s23): someone with
write access to the vault folder can edit it and recompute the checksum. The vault keeps
the recovery key's public parts in its encrypted database and a MAC keyed from the
database key; every open repairs an edited, planted or removed field. Real vaults, real
age, real SLIP-39."""

from __future__ import annotations

import base64
import dataclasses
import json
from pathlib import Path

import pyrage
import pytest
from sqlalchemy import select

from tests.conftest import PASSPHRASE
from tests.helpers import add_case
from tests.unit.test_continuity import NEW_PASSPHRASE, _made, _shares
from waakvlam_desktop.errors import RecoveryError, VaultDamagedError
from waakvlam_desktop.privacy import continuity
from waakvlam_desktop.privacy.continuity import (
    acknowledge_recovery_notices,
    backup_to_folder,
    pending_recovery_notices,
    read_recovery_public,
    recover_backup,
    set_recovery_key,
)
from waakvlam_desktop.storage import keys, recovery
from waakvlam_desktop.storage.models import AuditEvent
from waakvlam_desktop.storage.vault import Vault


def _edit_header(vault_dir: Path, change: object) -> None:
    """What an attacker with write access to the folder can do: edit, recompute checksum."""
    path = vault_dir / "vault.key.json"
    doc = json.loads(path.read_text())
    doc.pop("checksum")
    change(doc)  # type: ignore[operator]
    doc["checksum"] = keys._checksum(doc)
    path.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n")


def _plant(identity: recovery.RecoveryIdentity) -> object:
    def change(doc: dict[str, dict[str, str]]) -> None:
        doc["recovery"]["recipient"] = identity.public.recipient
        doc["recovery"]["key_id"] = identity.public.key_id
        doc["recovery"]["notice_key"] = base64.b64encode(identity.public.notice_key).decode()

    return change


def _repairs(vault: Vault) -> list[str]:
    with vault.session() as s:
        return [
            e.detail or ""
            for e in s.scalars(select(AuditEvent).where(AuditEvent.action == "recovery_key"))
            if "sleutelbestand gewijzigd" in (e.detail or "")
        ]


def _header_recovery(vault_dir: Path) -> keys.RecoveryWrap | None:
    return keys.KeyHeader.from_bytes((vault_dir / "vault.key.json").read_bytes()).recovery


def _with_key(vault: Vault, tmp_path: Path) -> tuple[Path, recovery.RecoveryPublic]:
    add_case(vault, "Qzheader")
    key_folder = _made(tmp_path)
    public = read_recovery_public(key_folder / "recovery.pub")
    set_recovery_key(vault, PASSPHRASE, public)
    return key_folder, public


def test_a_planted_recipient_is_repaired_at_open_and_rekey_wraps_to_the_organisation(
    vault: Vault, tmp_path: Path
) -> None:
    key_folder, public = _with_key(vault, tmp_path)
    vault_dir = vault.paths.data_dir
    vault.close()
    attacker = recovery.new_identity()
    _edit_header(vault_dir, _plant(attacker))
    assert _header_recovery(vault_dir).recipient == attacker.public.recipient  # type: ignore[union-attr]

    with Vault.open(vault_dir, PASSPHRASE) as v:
        repaired = _header_recovery(vault_dir)
        assert repaired is not None and repaired.recipient == public.recipient
        assert repaired.key_id == public.key_id and repaired.notice_key == public.notice_key
        assert _repairs(v) == ["hersteld: sleutelbestand gewijzigd"]
        # Planted again while the vault is open: rekey and passwd still use the database copy.
        _edit_header(vault_dir, _plant(attacker))
        assert v.recovery_wrap() is None  # the header no longer names the trusted key
        v.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, kdf_target_seconds=0)
        assert _header_recovery(vault_dir).recipient == public.recipient  # type: ignore[union-attr]
        _edit_header(vault_dir, _plant(attacker))
        new_key = v.rekey(NEW_PASSPHRASE)
        wrap = v.recovery_wrap()
        assert wrap is not None and wrap.recipient == public.recipient
        assert wrap.verify(new_key)
        with pytest.raises(pyrage.DecryptError):
            attacker.decrypt(wrap.wrapped_key)
        assert recovery.combine(_shares(key_folder, 1, 3)).decrypt(wrap.wrapped_key) == new_key
        team = tmp_path / "team"
        team.mkdir()
        backup = backup_to_folder(v, team).info.path
    # The attacker's shares do not open the backup; the organisation's do.
    with pytest.raises(RecoveryError) as refused:
        recover_backup(
            backup,
            attacker.split(2, 2),
            tmp_path / "gestolen",
            NEW_PASSPHRASE,
            reason="r",
            by="x",
            kdf_target_seconds=0,
        )
    assert refused.value.code == "continuity.other_recovery_key"
    recover_backup(
        backup,
        _shares(key_folder, 2, 3),
        tmp_path / "hersteld",
        NEW_PASSPHRASE,
        reason="r",
        by="ICT",
        kdf_target_seconds=0,
    )


def test_an_edited_wrapped_key_or_mac_is_repaired(vault: Vault, tmp_path: Path) -> None:
    _key_folder, public = _with_key(vault, tmp_path)
    vault_dir = vault.paths.data_dir
    vault.close()
    other = recovery.encrypt_to(public.recipient, b"\0" * 32)

    def swap_bytes(doc: dict[str, dict[str, str]]) -> None:
        doc["recovery"]["wrapped_key"] = base64.b64encode(other).decode()

    _edit_header(vault_dir, swap_bytes)
    with Vault.open(vault_dir, PASSPHRASE) as v:
        wrap = _header_recovery(vault_dir)
        assert wrap is not None and wrap.wrapped_key != other
        assert len(_repairs(v)) == 1
        # Reopening a sound header changes nothing.
    with Vault.open(vault_dir, PASSPHRASE) as v:
        assert len(_repairs(v)) == 1
        assert _header_recovery(vault_dir) == wrap


def test_a_removed_field_is_put_back_and_a_planted_one_removed(
    vault: Vault, tmp_path: Path, vault_dir: Path
) -> None:
    _key_folder, public = _with_key(vault, tmp_path)
    vault.close()
    _edit_header(vault_dir, lambda doc: doc.pop("recovery"))
    with Vault.open(vault_dir, PASSPHRASE) as v:
        back = _header_recovery(vault_dir)
        assert back is not None and back.recipient == public.recipient
        assert _repairs(v) == ["hersteld: sleutelbestand gewijzigd"]

    # A vault that never set a recovery key: a planted field is removed at open.
    plain_dir = tmp_path / "zonder"
    attacker = recovery.new_identity()
    with Vault.create(plain_dir, PASSPHRASE, kdf_target_seconds=0) as plain:
        fake = recovery.make_wrap(attacker.public, b"\1" * 32)
    header = keys.KeyHeader.from_bytes((plain_dir / "vault.key.json").read_bytes())
    planted = dataclasses.replace(header, recovery=fake)  # the rest as it was
    (plain_dir / "vault.key.json").write_bytes(planted.to_bytes())
    with Vault.open(plain_dir, PASSPHRASE) as plain:
        assert _header_recovery(plain_dir) is None
        assert plain.recovery_wrap() is None
        assert _repairs(plain) == ["verwijderd: sleutelbestand gewijzigd"]
        new_key = plain.rekey(PASSPHRASE)
        assert _header_recovery(plain_dir) is None
        assert new_key


def test_a_key_id_that_does_not_fit_the_recipient_is_damage(vault: Vault, tmp_path: Path) -> None:
    _with_key(vault, tmp_path)
    vault_dir = vault.paths.data_dir
    vault.close()

    def change(doc: dict[str, dict[str, str]]) -> None:
        doc["recovery"]["key_id"] = "0" * 16

    _edit_header(vault_dir, change)
    with pytest.raises(VaultDamagedError) as damaged:
        Vault.open(vault_dir, PASSPHRASE)
    assert damaged.value.code == "vault.key_file_damaged"


def test_notices_are_checked_with_the_database_key_not_the_header(
    vault: Vault, tmp_path: Path
) -> None:
    key_folder, _public = _with_key(vault, tmp_path)
    team = tmp_path / "team"
    team.mkdir()
    backup = backup_to_folder(vault, team).info.path
    genuine = recover_backup(
        backup,
        _shares(key_folder, 1, 2),
        tmp_path / "hersteld",
        NEW_PASSPHRASE,
        reason="r",
        by="ICT \u202eevil\x1b[31m\u200b",
        kdf_target_seconds=0,
    ).notice
    attacker = recovery.new_identity()
    doc = json.loads(genuine.read_text())
    doc["by"] = "Helpdesk"
    doc["nonce"] = "f" * 16
    body = {k: v for k, v in doc.items() if k != "signature"}
    message = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    doc["signature"] = base64.b64encode(attacker.sign_notice(message)).decode()
    (team / f"waakvlam-herstel-{vault.vault_id}-vals.json").write_text(json.dumps(doc))
    # The attacker's key in the header file (while the vault is open: not repaired yet).
    _edit_header(vault.paths.data_dir, _plant(attacker))
    pending = pending_recovery_notices(team, vault)
    assert [n.by for n in pending] == ["ICT evil[31m"]  # control and bidi characters dropped
    with vault.session() as s:
        acknowledge_recovery_notices(s, pending)
    # The same notice re-formatted and copied under another name is not new.
    replay = team / f"waakvlam-herstel-{vault.vault_id}-kopie.json"
    replay.write_text(json.dumps(json.loads(genuine.read_text()), indent=4) + "\n\n")
    assert pending_recovery_notices(team, vault) == []


def test_the_notice_is_written_before_the_recovered_vault(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_folder, _public = _with_key(vault, tmp_path)
    team = tmp_path / "team"
    team.mkdir()
    backup = backup_to_folder(vault, team).info.path
    seen: list[list[str]] = []
    real_install = continuity.install_backup

    def killed(*args: object, **kwargs: object) -> None:
        seen.append([p.name for p in team.glob("waakvlam-herstel-*.json")])
        raise KeyboardInterrupt  # the process stops here (kill, power cut)

    monkeypatch.setattr(continuity, "install_backup", killed)
    out = tmp_path / "hersteld"
    with pytest.raises(KeyboardInterrupt):
        recover_backup(
            backup,
            _shares(key_folder, 1, 2),
            out,
            NEW_PASSPHRASE,
            reason="r",
            by="ICT",
            kdf_target_seconds=0,
        )
    assert len(seen) == 1 and len(seen[0]) == 1  # the notice existed before the vault
    assert not out.exists()
    assert len(list(team.glob("waakvlam-herstel-*.json"))) == 1  # and stays
    monkeypatch.setattr(continuity, "install_backup", real_install)
    recover_backup(
        backup,
        _shares(key_folder, 1, 2),
        out,
        NEW_PASSPHRASE,
        reason="r",
        by="ICT",
        kdf_target_seconds=0,
    )
    assert len(list(team.glob("waakvlam-herstel-*.json"))) == 2

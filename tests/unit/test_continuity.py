"""When a colleague is suddenly away (#19): the organisation recovery key on paper, backups
to a team folder, a recovery that leaves a trace. Real vaults, real age, real SLIP-39,
real PDFs read back."""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.conftest import PASSPHRASE
from tests.helpers import add_case
from tests.unit.test_faults import mount_small_disk
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.demo import generate_demo
from waakvlam_desktop.domain.settings import save_setting
from waakvlam_desktop.errors import (
    BackupError,
    RecoveryError,
    ValidationError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from waakvlam_desktop.privacy.backup import restore_backup
from waakvlam_desktop.privacy.continuity import (
    acknowledge_recovery_notices,
    backup_if_due,
    backup_to_folder,
    create_recovery_key,
    due_folder_backup,
    folder_backup_status,
    folder_backups,
    pending_recovery_notices,
    read_recovery_public,
    recover_backup,
    set_recovery_key,
    share_words_from_file,
)
from waakvlam_desktop.privacy.inzage import inzage_data, write_inzage
from waakvlam_desktop.storage import keys, recovery
from waakvlam_desktop.storage.audit import verify_chain
from waakvlam_desktop.storage.models import AuditEvent, Household, Visit
from waakvlam_desktop.storage.vault import Vault

NEW_PASSPHRASE = "een nieuw wachtwoord voor de collega 42"
ORG = "Woonstichting Voorbeeld"


def _contents(vault: Vault) -> tuple[set[str], set[tuple[str, str]]]:
    with vault.session() as s:
        households = set(s.scalars(select(Household.label)))
        visits = {(v.id, v.notes) for v in s.scalars(select(Visit))}
    return households, visits


def _made(tmp_path: Path, name: str = "sleutel", shares: int = 3, threshold: int = 2) -> Path:
    made = create_recovery_key(
        tmp_path / name,
        shares=shares,
        threshold=threshold,
        organisation=ORG,
        today=date(2026, 11, 27),
    )
    return made.folder


def _shares(folder: Path, *numbers: int, of: int = 3) -> list[str]:
    return [
        share_words_from_file(folder / f"herstelsleutel-deel-{n}-van-{of}.txt") for n in numbers
    ]


# ---- the key and its shares ----------------------------------------------------------------
def test_any_threshold_of_shares_rebuild_the_key_and_fewer_or_mixed_do_not() -> None:
    identity = recovery.new_identity()
    shares = identity.split(3, 2)
    assert len(shares) == 3 and all(len(s.split()) == 33 for s in shares)
    for pair in ((0, 1), (0, 2), (1, 2)):
        assert recovery.combine([shares[i] for i in pair]).public == identity.public
    with pytest.raises(RecoveryError) as one:
        recovery.combine(shares[:1])
    assert one.value.code == "recovery.too_few_shares"
    with pytest.raises(RecoveryError) as twice:
        recovery.combine([shares[0], shares[0]])  # the same paper twice is one share
    assert twice.value.code == "recovery.too_few_shares"
    other = recovery.new_identity().split(3, 2)
    with pytest.raises(RecoveryError) as mixed:
        recovery.combine([shares[0], other[1]])
    assert mixed.value.code == "recovery.shares_invalid"
    words = shares[1].split()
    words[10] = "academic" if words[10] != "academic" else "acid"  # one mistyped word
    with pytest.raises(RecoveryError) as typo:
        recovery.combine([shares[0], " ".join(words)])
    assert typo.value.code == "recovery.shares_invalid"
    with pytest.raises(RecoveryError):
        identity.split(3, 1)  # a threshold of 1 would make every share the whole key
    with pytest.raises(RecoveryError):
        identity.split(2, 3)


def test_the_age_identity_is_the_secret_and_decrypts_what_was_sent_to_its_recipient() -> None:
    identity = recovery.new_identity()
    text = identity.age_text_for_tests()
    assert text.startswith("AGE-SECRET-KEY-1") and len(text) == 74
    wrap = recovery.make_wrap(identity.public, b"k" * 32)
    assert wrap.key_id == recovery.key_id(identity.public.recipient)
    rebuilt = recovery.combine(identity.split(5, 3)[1:4])
    assert rebuilt.decrypt(wrap.wrapped_key) == b"k" * 32
    message = b"notice"
    assert identity.public.verify_notice(rebuilt.sign_notice(message), message)
    assert not recovery.new_identity().public.verify_notice(rebuilt.sign_notice(message), message)


def test_create_writes_the_public_key_and_printable_shares(tmp_path: Path) -> None:
    # The modes below are asked of open(2), which takes the umask off them (a user who sets
    # 077 shares nothing); the usual umask here, whatever the machine's.
    umask = os.umask(0o022)
    try:
        folder = _made(tmp_path)
    finally:
        os.umask(umask)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "herstelsleutel-deel-1-van-3.pdf",
        "herstelsleutel-deel-1-van-3.txt",
        "herstelsleutel-deel-2-van-3.pdf",
        "herstelsleutel-deel-2-van-3.txt",
        "herstelsleutel-deel-3-van-3.pdf",
        "herstelsleutel-deel-3-van-3.txt",
        "recovery.pub",
    ]
    public = read_recovery_public(folder / "recovery.pub")
    pub_text = (folder / "recovery.pub").read_text()
    assert ORG in pub_text and recovery.grouped(public.key_id) in pub_text
    assert [ln for ln in pub_text.splitlines() if not ln.startswith("#")] == [public.recipient]
    assert (folder / "recovery.pub").stat().st_mode & 0o777 == 0o644
    assert (folder / "herstelsleutel-deel-1-van-3.pdf").stat().st_mode & 0o777 == 0o600
    for n in (1, 2, 3):
        words = share_words_from_file(folder / f"herstelsleutel-deel-{n}-van-3.txt").split()
        assert len(words) == 33
        pdf = PdfReader(io.BytesIO((folder / f"herstelsleutel-deel-{n}-van-3.pdf").read_bytes()))
        # No computer time in the sheet's file (reportlab's "invariant" creation date).
        assert pdf.metadata is not None and pdf.metadata.creation_date is not None
        assert pdf.metadata.creation_date.year == 2000
        text = " ".join((page.extract_text() or "") for page in pdf.pages)
        assert len(pdf.pages) == 1
        assert f"deel {n} van 3" in text
        assert "2 van de 3 delen" in text and recovery.grouped(public.key_id) in text
        assert "Wat moet u doen?" in text and ORG in text
        for i, word in enumerate(words, 1):
            assert f"{i}." in text and word in text
    with pytest.raises(RecoveryError) as exists:
        _made(tmp_path)  # never into a folder that has files
    assert exists.value.code == "continuity.key_folder_not_empty"


# ---- end to end -----------------------------------------------------------------------------
def test_recovery_end_to_end_and_the_key_is_never_on_disk(
    vault: Vault, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The identity generated inside create_recovery_key, caught to scan for it afterwards.
    born: list[recovery.RecoveryIdentity] = []
    real_new = recovery.new_identity

    def catching() -> recovery.RecoveryIdentity:
        born.append(real_new())
        return born[-1]

    monkeypatch.setattr(recovery, "new_identity", catching)
    generate_demo(vault.session, 6, seed=3)
    ids = add_case(vault, "Qzherstel")
    key_folder = _made(tmp_path)
    assert len(born) == 1
    identity = born[0]
    public = read_recovery_public(key_folder / "recovery.pub")
    set_recovery_key(vault, PASSPHRASE, public)
    assert vault.recovery_wrap() is not None and vault.recovery_wrap().key_id == public.key_id  # type: ignore[union-attr]
    team = tmp_path / "teammap"
    team.mkdir()
    with vault.session() as s:
        save_setting(s, "team_folder", str(team))
        assert due_folder_backup(s, clock.now())
    made = backup_to_folder(vault, team)
    with vault.session() as s:
        assert not due_folder_backup(s, clock.now())
    before = _contents(vault)
    vault.close()

    out = tmp_path / "collega" / "vault"
    result = recover_backup(
        made.info.path,
        _shares(key_folder, 1, 3),
        out,
        NEW_PASSPHRASE,
        reason="ziek sinds maandag, zorg overgedragen",
        by="ICT J. Smit",
        kdf_target_seconds=0,
    )
    assert result.original_vault_id == made.info.vault_id and result.key_id == public.key_id
    assert result.vault_id != made.info.vault_id  # a vault of its own
    with pytest.raises(WrongPassphraseError):
        Vault.open(out, PASSPHRASE)  # the colleague's passphrase does not open the copy
    with Vault.open(out, NEW_PASSPHRASE) as new:
        assert _contents(new) == before
        with new.session() as s:
            assert verify_chain(s).ok
            events = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "recovery")))
            assert len(events) == 1
            detail = events[0].detail
            assert "door=ICT J. Smit" in detail and "reden=ziek sinds maandag" in detail
            assert f"backup={made.info.path.name}" in detail and public.key_id in detail
            assert f"kluis_van={made.info.vault_id}" in detail
            assert events[0].actor is None
            access = inzage_data(s, ids["resident"])["access_log"]
            listed = [a for a in access if a["action"] == "recovery"]
            assert listed and listed[0]["staff"] == "ICT J. Smit"
            report = write_inzage(s, ids["resident"], tmp_path / "inzage")
        pdf_text = " ".join(
            " ".join((page.extract_text() or "").split()) for page in PdfReader(report.pdf).pages
        )
        assert "hersteld met de organisatiesleutel" in pdf_text and "ICT J. Smit" in pdf_text
        # A new database key (rekey), still wrapped to the organisation.
        wrap = new.recovery_wrap()
        assert wrap is not None and wrap.key_id == public.key_id
        new_key = identity.decrypt(wrap.wrapped_key)
        assert new_key == keys.unwrap_key(new.read_header(new.paths), NEW_PASSPHRASE)
    original_header = keys.KeyHeader.from_bytes(
        (tmp_path / "vault" / "vault.key.json").read_bytes()
    )
    assert keys.unwrap_key(original_header, PASSPHRASE) != new_key

    # The original vault opens as before, and its backup also with its own passphrase.
    restore_backup(made.info.path, tmp_path / "eigen" / "vault", PASSPHRASE)

    # The recovered vault is a vault of its own: its backups in the same team folder do not
    # rotate the original's out, and the notice about the original is not shown to it.
    with Vault.open(out, NEW_PASSPHRASE) as new:
        assert backup_to_folder(new, team, keep=1).removed == ()
        assert pending_recovery_notices(team, new) == []
    assert made.info.path.exists()

    # The signed notice in the team folder reaches the original vault once.
    assert result.notice.parent == team
    with Vault.open(tmp_path / "vault", PASSPHRASE, clock=clock) as original:
        pending = pending_recovery_notices(team, original)
        assert [(n.by, n.backup_file) for n in pending] == [("ICT J. Smit", made.info.path.name)]
        with original.session() as s:
            acknowledge_recovery_notices(s, pending)
        assert pending_recovery_notices(team, original) == []
        with original.session() as s:
            seen = s.scalars(select(AuditEvent).where(AuditEvent.action == "recovery_notice"))
            assert len(list(seen)) == 1

    # Nowhere on disk: not the age identity, not its raw secret, not in any encoding.
    secret = identity.secret_for_tests()
    age_text = identity.age_text_for_tests()
    needles = [
        secret,
        secret.hex().encode(),
        base64.b64encode(secret),
        age_text.encode(),
        age_text.lower().encode(),
        age_text[16:].encode(),  # the bech32 data part alone
    ]
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) > 10
    for path in files:
        blob = path.read_bytes()
        for needle in needles:
            assert needle not in blob, path


def _forged(notice: Path, **changes: str) -> dict[str, object]:
    doc = json.loads(notice.read_text())
    doc.update(changes)
    return doc


def test_forged_or_foreign_notices_are_ignored(vault: Vault, tmp_path: Path) -> None:
    add_case(vault, "Qzvals")
    key_folder = _made(tmp_path)
    set_recovery_key(vault, PASSPHRASE, read_recovery_public(key_folder / "recovery.pub"))
    team = tmp_path / "team"
    team.mkdir()
    made = backup_to_folder(vault, team)
    result = recover_backup(
        made.info.path,
        _shares(key_folder, 2, 3),
        tmp_path / "nieuw",
        NEW_PASSPHRASE,
        reason="test",
        by="ICT",
        kdf_target_seconds=0,
    )
    genuine = result.notice
    forged_dir = tmp_path / "vervalst"
    forged_dir.mkdir()
    prefix = f"waakvlam-herstel-{vault.vault_id}"
    # Another name: the signature no longer matches.
    (forged_dir / f"{prefix}-1.json").write_text(json.dumps(_forged(genuine, by="Iemand anders")))
    # A notice signed by another recovery key.
    other = recovery.new_identity()
    doc = _forged(genuine)
    body = {k: v for k, v in doc.items() if k != "signature"}
    message = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    doc["signature"] = base64.b64encode(other.sign_notice(message)).decode()
    (forged_dir / f"{prefix}-2.json").write_text(json.dumps(doc))
    (forged_dir / f"{prefix}-3.json").write_bytes(b"\x00 geen json")
    assert pending_recovery_notices(forged_dir, vault) == []
    assert len(pending_recovery_notices(genuine.parent, vault)) == 1
    # The genuine notice copied under another vault's name is not about that vault.
    (forged_dir / f"waakvlam-herstel-{'0' * 8}-x.json").write_bytes(genuine.read_bytes())
    assert pending_recovery_notices(forged_dir, vault) == []


# ---- refusals: nothing written ------------------------------------------------------------
def _nothing_written(out: Path, team: Path, before: set[str]) -> None:
    assert not out.exists()
    assert {p.name for p in team.iterdir()} == before
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]


def test_one_share_another_keys_shares_or_a_weak_passphrase_are_refused(
    vault: Vault, tmp_path: Path
) -> None:
    add_case(vault, "Qzweiger")
    key_folder = _made(tmp_path)
    other_folder = _made(tmp_path, "andere-sleutel")
    set_recovery_key(vault, PASSPHRASE, read_recovery_public(key_folder / "recovery.pub"))
    team = tmp_path / "team"
    team.mkdir()
    backup = backup_to_folder(vault, team).info.path
    before = {p.name for p in team.iterdir()}
    out = tmp_path / "doel" / "vault"
    out.parent.mkdir()

    def attempt(shares: list[str], passphrase: str = NEW_PASSPHRASE) -> str:
        with pytest.raises((RecoveryError, WeakPassphraseError)) as refused:
            recover_backup(
                backup, shares, out, passphrase, reason="r", by="ICT", kdf_target_seconds=0
            )
        _nothing_written(out, team, before)
        assert len(str(refused.value).splitlines()) == 1
        return refused.value.code

    assert attempt(_shares(key_folder, 1)) == "recovery.too_few_shares"
    assert attempt(_shares(other_folder, 1, 2)) == "continuity.other_recovery_key"
    assert attempt(_shares(key_folder, 1) + _shares(other_folder, 2)) == "recovery.shares_invalid"
    assert attempt([]) == "recovery.no_shares"
    with pytest.raises(WeakPassphraseError):
        recover_backup(
            backup, _shares(key_folder, 1, 2), out, "kort", reason="r", by="I", kdf_target_seconds=0
        )
    _nothing_written(out, team, before)
    # No notice folder to write in: refused before anything is written.
    with pytest.raises(RecoveryError) as silent:
        recover_backup(
            backup,
            _shares(key_folder, 1, 2),
            out,
            NEW_PASSPHRASE,
            reason="r",
            by="ICT",
            notice_dir=tmp_path / "bestaat-niet",
            kdf_target_seconds=0,
        )
    assert silent.value.code == "continuity.notice_folder_not_writable"
    _nothing_written(out, team, before)
    with pytest.raises(RecoveryError) as no_reason:
        recover_backup(
            backup, _shares(key_folder, 1, 2), out, NEW_PASSPHRASE, reason="  ", by="ICT"
        )
    assert no_reason.value.code == "continuity.reason_required"


def test_a_vault_without_recovery_key_backs_up_and_restores_with_its_passphrase(
    vault: Vault, tmp_path: Path
) -> None:
    add_case(vault, "Qzzonder")
    team = tmp_path / "team"
    team.mkdir()
    assert vault.recovery_wrap() is None
    backup = backup_to_folder(vault, team).info.path
    before = _contents(vault)
    key_folder = _made(tmp_path)
    with pytest.raises(RecoveryError) as refused:
        recover_backup(
            backup,
            _shares(key_folder, 1, 2),
            tmp_path / "x",
            NEW_PASSPHRASE,
            reason="r",
            by="ICT",
            kdf_target_seconds=0,
        )
    assert refused.value.code == "continuity.no_recovery_wrap"
    assert not (tmp_path / "x").exists()
    restored = restore_backup(backup, tmp_path / "terug", PASSPHRASE)
    with Vault.open(restored.data_dir, PASSPHRASE) as v:
        assert _contents(v) == before


def test_passwd_and_rekey_keep_the_recovery_wrap_working(vault: Vault, tmp_path: Path) -> None:
    add_case(vault, "Qzsleutel")
    key_folder = _made(tmp_path)
    set_recovery_key(vault, PASSPHRASE, read_recovery_public(key_folder / "recovery.pub"))
    team = tmp_path / "team"
    team.mkdir()
    wrap_before = vault.recovery_wrap()
    first = backup_to_folder(vault, team).info.path

    vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, kdf_target_seconds=0)
    assert vault.recovery_wrap() == wrap_before  # same database key: same wrap
    vault.clock = FixedClock(vault.clock.now() + timedelta(minutes=1))
    second = backup_to_folder(vault, team).info.path

    new_key = vault.rekey(NEW_PASSPHRASE)
    wrap_after = vault.recovery_wrap()
    assert wrap_after is not None and wrap_before is not None
    assert wrap_after.key_id == wrap_before.key_id
    assert wrap_after.wrapped_key != wrap_before.wrapped_key
    identity = recovery.combine(_shares(key_folder, 2, 3))
    assert identity.decrypt(wrap_after.wrapped_key) == new_key
    vault.clock = FixedClock(vault.clock.now() + timedelta(minutes=2))
    third = backup_to_folder(vault, team).info.path
    before = _contents(vault)
    for n, backup in enumerate((first, second, third)):
        out = tmp_path / f"hersteld-{n}"
        recover_backup(
            backup,
            _shares(key_folder, 2, 3),
            out,
            NEW_PASSPHRASE,
            reason="test",
            by="ICT",
            kdf_target_seconds=0,
        )
        with Vault.open(out, NEW_PASSPHRASE) as v:
            assert _contents(v) == before


# ---- the team folder ----------------------------------------------------------------------
def test_team_folder_keeps_the_last_n_and_says_when_one_is_due(
    vault: Vault, tmp_path: Path, clock: FixedClock
) -> None:
    team = tmp_path / "team"
    team.mkdir()
    other = team / "waakvlam-00000000-0000-0000-0000-000000000000-20200101-000000.wvbackup"
    other.write_bytes(b"van een collega")
    unrelated = team / "notities.txt"
    unrelated.write_text("niet van ons")
    with vault.session() as s:
        assert not due_folder_backup(s, clock.now())  # no team folder set
    assert backup_if_due(vault) is None
    with vault.session() as s:
        save_setting(s, "team_folder", str(team))
        save_setting(s, "folder_backup_keep", 3)
        assert due_folder_backup(s, clock.now())
    made = []
    for hour in range(5):
        vault.clock = FixedClock(clock.now() + timedelta(hours=hour))
        made.append(backup_to_folder(vault, team))
    # Two in the same second get -2, and sort after the first.
    made.append(backup_to_folder(vault, team))
    kept = folder_backups(team, vault.vault_id)
    assert kept == [made[3].info.path, made[4].info.path, made[5].info.path]
    assert made[5].info.path.name.endswith("-2.wvbackup")
    assert other.exists() and unrelated.exists()
    assert [p.name for p in team.iterdir() if p.name.startswith(".")] == []
    assert backup_to_folder(vault, team, keep=1).removed  # an explicit keep wins
    assert len(folder_backups(team, vault.vault_id)) == 1
    assert backup_if_due(vault) is None  # just made one
    later = vault.clock.now() + timedelta(hours=25)
    vault.clock = FixedClock(later)
    due = backup_if_due(vault)
    assert due is not None and due.info.path.parent == team
    with vault.session() as s:
        status = folder_backup_status(s, vault.clock.now())
        assert status.folder == str(team) and status.keep == 3 and not status.due
        assert not due_folder_backup(s, vault.clock.now() + timedelta(hours=23))
        assert due_folder_backup(s, vault.clock.now() + timedelta(hours=24))
        with pytest.raises(ValidationError):
            save_setting(s, "folder_backup_keep", 0)
        with pytest.raises(ValidationError):
            save_setting(s, "folder_backup_hours", True)


def test_a_missing_or_unusable_team_folder_is_one_sentence(vault: Vault, tmp_path: Path) -> None:
    with pytest.raises(BackupError) as missing:
        backup_to_folder(vault, tmp_path / "niet-verbonden")
    assert missing.value.code == "continuity.team_folder_missing"
    assert "niet-verbonden" in str(missing.value) and len(str(missing.value).splitlines()) == 1
    a_file = tmp_path / "bestand"
    a_file.write_text("geen map")
    with pytest.raises(BackupError) as not_a_folder:
        backup_to_folder(vault, a_file)
    assert not_a_folder.value.code == "continuity.team_folder_missing"
    if os.geteuid() != 0:  # root may write anywhere: only a real user is refused
        locked = tmp_path / "alleen-lezen"
        locked.mkdir(mode=0o500)
        with pytest.raises(BackupError) as refused:
            backup_to_folder(vault, locked)
        assert refused.value.code == "continuity.team_folder_not_writable"
        assert list(locked.iterdir()) == []


def test_a_full_team_folder_is_one_sentence_and_leaves_nothing(
    vault: Vault, tmp_path: Path
) -> None:
    """The team folder on a file system too small for the backup (a real ENOSPC)."""
    generate_demo(vault.session, 10, seed=4)
    team = tmp_path / "klein"
    why = mount_small_disk(team, "4m")
    if why is not None:
        pytest.skip(why)
    try:
        with open(team / "vulling.bin", "wb") as fh:
            fh.write(b"\0" * (4 * 1024 * 1024 - 96 * 1024))
        with pytest.raises(BackupError) as full:
            backup_to_folder(vault, team)
        assert full.value.code == "continuity.team_folder_full"
        assert len(str(full.value).splitlines()) == 1
        assert sorted(p.name for p in team.iterdir()) == ["vulling.bin"]
        with vault.session() as s:
            assert folder_backup_status(s, vault.clock.now()).last_at is None
    finally:
        subprocess.run(["umount", "-l", str(team)], check=False)

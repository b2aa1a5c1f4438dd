"""The vault on real SQLCipher files: keys, passphrases, damage, keyring."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import PASSPHRASE, MemoryKeyring
from tests.helpers import (
    CLEAN_REPORT,
    CountedKdf,
    add_household,
    all_bytes,
    write_around_the_app,
)
from waakvlam_desktop import texts
from waakvlam_desktop.domain.types import VisitKind
from waakvlam_desktop.domain.visits import VisitInput, record_visit
from waakvlam_desktop.errors import (
    VaultDamagedError,
    VaultExistsError,
    VaultNotFoundError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from waakvlam_desktop.storage import keys, remember
from waakvlam_desktop.storage.models import Household, Visit
from waakvlam_desktop.storage.vault import Vault, VaultPaths
from waakvlam_desktop.texts import Message

MARKER = "MARKER-Zwanenburg-7Q2"


def _visit(vault: Vault, hid: str, notes: str) -> str:
    with vault.session() as s:
        return record_visit(s, VisitInput(hid, VisitKind.REGULIER, notes=notes)).visit_id


def test_create_open_roundtrip(vault: Vault, vault_dir: Path) -> None:
    hid = add_household(vault)
    vid = _visit(vault, hid, "Koffie gedronken")
    vault.close()
    with Vault.open(vault_dir, PASSPHRASE) as again, again.session() as s:
        assert s.get(Visit, vid) is not None


def test_database_is_not_plain_sqlite(vault: Vault, vault_dir: Path) -> None:
    vault.close()
    con = sqlite3.connect(vault_dir / "vault.db")
    with pytest.raises(sqlite3.DatabaseError):
        con.execute("SELECT count(*) FROM sqlite_master").fetchall()
    con.close()


def test_wrong_passphrase_is_clear_and_changes_nothing(vault: Vault, vault_dir: Path) -> None:
    add_household(vault)
    vault.close()
    before = {p.name: p.read_bytes() for p in VaultPaths(vault_dir).related_files()}
    with pytest.raises(WrongPassphraseError, match="wachtwoord klopt niet"):
        Vault.open(vault_dir, "not the passphrase at all")
    after = {p.name: p.read_bytes() for p in VaultPaths(vault_dir).related_files()}
    assert before == after


def test_missing_vault_and_existing_vault(tmp_path: Path, vault_dir: Path, vault: Vault) -> None:
    with pytest.raises(VaultNotFoundError, match="waakvlam init"):
        Vault.open(tmp_path / "nowhere", PASSPHRASE)
    with pytest.raises(VaultExistsError):
        Vault.create(vault_dir, PASSPHRASE, kdf_target_seconds=0)


@pytest.mark.parametrize("weak", ["kort", "aaaaaaaaaaaaaaaa", "            x"])
def test_weak_passphrase_refused(tmp_path: Path, weak: str) -> None:
    with pytest.raises(WeakPassphraseError):
        Vault.create(tmp_path / "v", weak, kdf_target_seconds=0)
    assert not (tmp_path / "v" / "vault.key.json").exists()


def test_marker_and_passphrase_never_in_any_file(vault: Vault, vault_dir: Path) -> None:
    """Checked while the session is open (WAL and SHM present) and after closing."""
    hid = add_household(vault)
    for i in range(30):
        _visit(vault, hid, f"{MARKER} bezoek {i} " + "tekst " * 50)
    with vault.session() as s:  # keep a read transaction open: the WAL stays
        s.execute(select(Visit.id)).all()
        files = VaultPaths(vault_dir).related_files()
        assert any(p.name.endswith("-wal") for p in files)
        blob = all_bytes(vault_dir)
        assert MARKER.encode() not in blob
        assert MARKER.encode("utf-16-le") not in blob
        assert PASSPHRASE.encode() not in blob
    vault.close()
    blob = all_bytes(vault_dir)
    assert MARKER.encode() not in blob
    assert PASSPHRASE.encode() not in blob


def test_kdf_floor_and_calibration(vault_dir: Path, vault: Vault) -> None:
    header = Vault.read_header(VaultPaths(vault_dir))
    assert header.kdf.memory_kib >= 64 * 1024
    assert header.kdf.time_cost >= keys.MIN_TIME_COST
    assert keys.calibrate_time_cost(0.0) == keys.MIN_TIME_COST
    assert keys.calibrate_time_cost(10.0) > keys.MIN_TIME_COST


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("offset", [20, 60, 150, 300, -40])
def test_flipped_byte_in_header_is_damage(vault: Vault, vault_dir: Path, offset: int) -> None:
    vault.close()
    header = vault_dir / "vault.key.json"
    _flip(header, offset % header.stat().st_size)
    with pytest.raises(VaultDamagedError, match="beschadigd"):
        Vault.open(vault_dir, PASSPHRASE)


def test_reading_a_sound_key_file_renders_no_error_sentence(vault: Vault, vault_dir: Path) -> None:
    """An error renders its sentence when it is made, and the first Dutch sentence reads the
    whole .ts catalog (7-18 ms at every start, before the KDF could begin: #16). A sound key
    file makes no error; a damaged one still says so."""
    vault.close()
    raw = (vault_dir / "vault.key.json").read_bytes()
    texts.use_language("nl")  # as the CLI: the catalog, no translator of the GUI's
    texts._catalog.cache_clear()
    keys.KeyHeader.from_bytes(raw)
    assert texts._catalog.cache_info().currsize == 0
    with pytest.raises(VaultDamagedError, match="beschadigd"):
        keys.KeyHeader.from_bytes(raw.replace(b'"argon2id"', b'"argon2i"'))


def test_edited_kdf_parameter_fails_cleanly(vault: Vault, vault_dir: Path) -> None:
    """Someone lowers the time cost and fixes the checksum: the AEAD binding catches it."""
    vault.close()
    path = vault_dir / "vault.key.json"
    doc = json.loads(path.read_text())
    doc["kdf"]["time_cost"] += 1
    doc.pop("checksum")
    doc["checksum"] = keys._checksum(doc)
    path.write_text(json.dumps(doc))
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_dir, PASSPHRASE)


@pytest.mark.parametrize("page", [0, 1, 3])
def test_flipped_byte_in_database_is_damage(vault: Vault, vault_dir: Path, page: int) -> None:
    hid = add_household(vault)
    for i in range(40):
        _visit(vault, hid, "notitie " * 80 + str(i))
    vault.close()
    db = vault_dir / "vault.db"
    _flip(db, page * 4096 + 2000)
    with pytest.raises(VaultDamagedError, match="beschadigd"):
        v = Vault.open(vault_dir, PASSPHRASE)
        try:
            report = v.integrity_report()
            if report["integrity_check"] or report["cipher_integrity_check"]:
                raise VaultDamagedError(Message("test.vault.1", "beschadigd"))
            with v.session() as s:
                s.execute(select(Visit.notes)).all()
        finally:
            v.close()


def test_the_check_finds_a_row_that_points_at_a_row_that_is_not_there(
    vault: Vault, vault_dir: Path
) -> None:
    """Foreign keys are enforced on every connection, and queries that join a row to what it
    points at rest on that. A row written around the app with the keys off is what the
    check's third part finds, by table and what it points at; the pages themselves are
    sound."""
    hid = add_household(vault)
    _visit(vault, hid, "notitie")
    assert vault.integrity_report() == CLEAN_REPORT
    vault.close()
    write_around_the_app(
        vault_dir, PASSPHRASE, "DELETE FROM address WHERE id = (SELECT address_id FROM household)"
    )
    with Vault.open(vault_dir, PASSPHRASE) as v:
        assert v.integrity_report() == {
            **CLEAN_REPORT,
            # the visit keeps the address it was made at, too
            "foreign_key_check": [
                "household.address_id -> address: 1",
                "visit.address_id -> address: 1",
            ],
        }


def test_change_passphrase_rewraps_only(vault: Vault, vault_dir: Path) -> None:
    hid = add_household(vault)
    vault.change_passphrase(PASSPHRASE, "een heel ander wachtwoord", kdf_target_seconds=0)
    vault.close()
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_dir, PASSPHRASE)
    with Vault.open(vault_dir, "een heel ander wachtwoord") as v, v.session() as s:
        assert s.get(Household, hid) is not None


def test_rekey_changes_database_key(vault: Vault, vault_dir: Path) -> None:
    hid = add_household(vault)
    vid = _visit(vault, hid, "voor de nieuwe sleutel")
    old_key = keys.unwrap_key(Vault.read_header(VaultPaths(vault_dir)), PASSPHRASE)
    new_key = vault.rekey(PASSPHRASE)
    assert new_key != old_key
    with vault.session() as s:
        assert s.get(Visit, vid) is not None
    vault.close()
    assert not (vault_dir / "vault.key.json.pending").exists()
    with pytest.raises(VaultDamagedError):
        Vault.open_with_key(vault_dir, old_key)
    with Vault.open(vault_dir, PASSPHRASE) as v, v.session() as s:
        assert s.get(Visit, vid) is not None


def _interrupt_rekey(vault: Vault, vault_dir: Path) -> tuple[VaultPaths, str]:
    """A key change a crash interrupted: the database has its new key, the new header is
    still pending and the old one in place. The folder's paths, and a visit recorded
    before."""
    hid = add_household(vault)
    vid = _visit(vault, hid, "tussen twee sleutels")
    paths = VaultPaths(vault_dir)
    old_header = paths.header.read_bytes()
    vault.rekey(PASSPHRASE)
    vault.close()
    paths.pending_header.write_bytes(paths.header.read_bytes())
    paths.header.write_bytes(old_header)
    return paths, vid


def test_interrupted_rekey_still_opens(vault: Vault, vault_dir: Path) -> None:
    """The database got its new key but the header was not yet replaced."""
    _paths, vid = _interrupt_rekey(vault, vault_dir)
    with Vault.open(vault_dir, PASSPHRASE) as v, v.session() as s:
        assert s.get(Visit, vid) is not None


def test_keyring_fail_backend_means_passphrase(vault: Vault) -> None:
    assert remember.backend_available() is False
    assert remember.remember(vault.vault_id, b"k" * 32) is False
    assert remember.recall(vault.vault_id) is None


def test_keyring_real_backend_unlocks_without_passphrase(
    vault: Vault, vault_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    key = keys.unwrap_key(Vault.read_header(VaultPaths(vault_dir)), PASSPHRASE)
    assert remember.remember(vault.vault_id, key) is True
    vault.close()
    recalled = remember.recall(Vault.read_header(VaultPaths(vault_dir)).vault_id)
    assert recalled == key
    with Vault.open_with_key(vault_dir, recalled):
        pass
    # A stale entry (e.g. after a rekey elsewhere) is refused by the database itself.
    memory_keyring.store[(remember.SERVICE, vault.vault_id)] = (b"x" * 32).hex()
    with pytest.raises(VaultDamagedError):
        Vault.open_with_key(vault_dir, remember.recall(vault.vault_id) or b"")


def test_plaintext_keyring_backend_is_refused() -> None:
    class PlaintextKeyring(MemoryKeyring):
        pass

    assert remember._is_real(PlaintextKeyring()) is False
    assert remember._is_real(MemoryKeyring()) is True


def test_pragmas_applied(vault: Vault) -> None:
    assert vault.engine is not None
    with vault.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert con.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert con.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY
        assert con.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert con.exec_driver_sql("PRAGMA cipher_version").scalar().startswith("4.")


def test_a_key_derived_ahead_is_not_derived_again(
    vault: Vault, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desktop derives the key while its vault code loads (#16); opening then finds it."""
    vault.close()
    kdf = CountedKdf(monkeypatch)
    header = Vault.read_header(VaultPaths(vault_dir))
    unwrap = keys.Unwrapper()
    key = unwrap(header, PASSPHRASE)
    assert key == keys.unwrap_key(header, PASSPHRASE) and kdf.runs == 2  # the check ran one
    with Vault.open(vault_dir, PASSPHRASE, unwrap=unwrap) as v:
        assert unwrap(Vault.read_header(v.paths), PASSPHRASE) == key
    assert kdf.runs == 2
    for _ in range(2):  # a wrong passphrase: the same error each time, one Argon2 run
        with pytest.raises(WrongPassphraseError):
            unwrap(header, "niet de goede zin")
    assert kdf.runs == 3
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_dir, "niet de goede zin", unwrap=unwrap)
    assert kdf.runs == 3


def test_a_header_changed_after_deriving_ahead_is_derived_anew(
    vault: Vault, vault_dir: Path
) -> None:
    """Between deriving ahead and opening, another process changed the passphrase: the
    old outcome does not open, nor refuse, the new header."""
    paths = VaultPaths(vault_dir)
    unwrap = keys.Unwrapper()
    unwrap(Vault.read_header(paths), PASSPHRASE)
    new = "een heel andere zin voor de kluis 42"
    vault.change_passphrase(PASSPHRASE, new)
    vault.close()
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_dir, PASSPHRASE, unwrap=unwrap)
    unwrap(Vault.read_header(paths), new)  # derived ahead with the new passphrase
    Vault.open(vault_dir, new, unwrap=unwrap).close()


def test_a_key_derived_ahead_for_the_old_header_still_settles_an_interrupted_rekey(
    vault: Vault, vault_dir: Path
) -> None:
    """Derived ahead from the header, which no longer opens the database after a crash in
    a key change: the pending header is derived and promoted, as without deriving ahead."""
    paths, vid = _interrupt_rekey(vault, vault_dir)
    unwrap = keys.Unwrapper()
    unwrap(Vault.read_header(paths), PASSPHRASE)
    with Vault.open(vault_dir, PASSPHRASE, unwrap=unwrap) as v, v.session() as s:
        assert s.get(Visit, vid) is not None
    assert not paths.pending_header.exists()

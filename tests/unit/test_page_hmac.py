"""The page HMAC: a vault opens with whichever of SHA-512 and SHA-256 it was made with.

Nothing in the file or the header names it (docs/vault.md); an open tries each. These tests
make a vault with each algorithm (by choosing what a new vault gets), open it with the other
one tried first, and attack what that could break: damage must still be found, a crash's
write-ahead log must not be lost by the failed first try, a key change and a restore must
keep the algorithm.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import shutil
import struct
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import select

from tests.conftest import PASSPHRASE
from tests.helpers import CLEAN_REPORT, add_household
from tests.unit.test_continuity import NEW_PASSPHRASE, _made, _shares
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.domain.types import VisitKind
from waakvlam_desktop.domain.visits import VisitInput, record_visit
from waakvlam_desktop.errors import BackupError, VaultDamagedError, WrongPassphraseError
from waakvlam_desktop.partnerstore import store as store_module
from waakvlam_desktop.partnerstore.store import PartnerStore
from waakvlam_desktop.privacy.backup import (
    DATABASE_DAMAGED,
    MAGIC,
    create_backup,
    restore_backup,
)
from waakvlam_desktop.privacy.continuity import (
    read_recovery_public,
    recover_backup,
    set_recovery_key,
)
from waakvlam_desktop.storage import keys
from waakvlam_desktop.storage import vault as vault_module
from waakvlam_desktop.storage.models import Visit
from waakvlam_desktop.storage.vault import (
    PAGE_HMACS,
    Vault,
    VaultPaths,
    connect_raw,
    page_hmac_of,
)

SHA512, SHA256 = PAGE_HMACS


def _choose(monkeypatch: pytest.MonkeyPatch, algorithm: str) -> None:
    """What a new vault (or partner store) gets, and which algorithm an open tries first:
    what earlier connections found is forgotten, as in a new process."""
    monkeypatch.setattr(vault_module, "preferred_page_hmac", lambda: algorithm)
    monkeypatch.setattr(store_module, "preferred_page_hmac", lambda: algorithm)
    monkeypatch.setattr(vault_module, "_page_hmac_found", {})


def _other(algorithm: str) -> str:
    return SHA256 if algorithm == SHA512 else SHA512


def _make(folder: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, made: str) -> Vault:
    _choose(monkeypatch, made)
    vault = Vault.create(folder, PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with vault.session() as s:
        vault.actor = initialise(
            s, organisation="Woonstichting Voorbeeld", staff_name="A. de Vries", staff_role=""
        ).id
    return vault


def _visit(vault: Vault, notes: str) -> str:
    hid = add_household(vault)
    with vault.session() as s:
        return record_visit(s, VisitInput(hid, VisitKind.REGULIER, notes=notes)).visit_id


def _key(folder: Path, passphrase: str = PASSPHRASE) -> bytes:
    return keys.unwrap_key(Vault.read_header(VaultPaths(folder)), passphrase)


def _algorithm_of(folder: Path, passphrase: str = PASSPHRASE) -> str:
    con = connect_raw(folder / "vault.db", _key(folder, passphrase))
    try:
        return page_hmac_of(con)
    finally:
        con.close()


def _refused_under(folder: Path, algorithm: str) -> bool:
    """True when the vault's first page does not authenticate under ``algorithm``."""
    return _refused_under_key(folder / "vault.db", _key(folder), algorithm)


def _refused_under_key(db: Path, key: bytes, algorithm: str) -> bool:
    """True when ``db``'s first page does not authenticate under ``algorithm``."""
    try:
        connect_raw(db, key, page_hmac=algorithm).close()
    except sqlcipher.DatabaseError as exc:
        return "not a database" in str(exc)
    return False


@pytest.mark.parametrize(("made", "tried_first"), list(itertools.product(PAGE_HMACS, repeat=2)))
def test_a_vault_opens_with_the_page_hmac_it_was_made_with(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, made: str, tried_first: str
) -> None:
    folder = tmp_path / "kluis"
    vault = _make(folder, clock, monkeypatch, made)
    vid = _visit(vault, "Koffie gedronken met mevrouw")
    vault.close()

    assert _refused_under(folder, _other(made))  # the file really is under `made`
    assert not _refused_under(folder, made)
    assert Vault.read_header(VaultPaths(folder)).page_hmac == made
    # SHA-512 keeps the key format every release reads; SHA-256 is version 2, which an
    # older release answers with "Update the app" instead of "damaged".
    doc = json.loads((folder / "vault.key.json").read_text())
    assert (doc["version"], doc.get("page_hmac")) == ((1, None) if made == SHA512 else (2, SHA256))
    _choose(monkeypatch, tried_first)
    with Vault.open(folder, PASSPHRASE) as again:
        assert again.integrity_report() == CLEAN_REPORT
        with again.session() as s:
            assert s.get(Visit, vid) is not None
        # Every connection of the pool, not only the first: three held at once.
        assert again.engine is not None
        with (
            again.engine.connect() as a,
            again.engine.connect() as b,
            again.engine.connect() as c,
        ):
            held = [x.connection.dbapi_connection for x in (a, b, c)]
            assert len({id(x) for x in held}) == 3
            assert {page_hmac_of(x) for x in held} == {made}  # type: ignore[arg-type]
        _visit(again, "Nog een bezoek, met de tweede poging geschreven")
        assert again.vacuum()  # a clean-up rewrites every page
        with again.session() as s:
            assert s.get(Visit, vid) is not None
    assert _algorithm_of(folder) == made
    assert _refused_under(folder, _other(made))


@pytest.mark.parametrize("made", PAGE_HMACS)
def test_a_flipped_byte_is_damage_under_either_page_hmac(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, made: str
) -> None:
    """The other algorithm tried after the right one failed must not let a page through."""
    folder = tmp_path / "kluis"
    vault = _make(folder, clock, monkeypatch, made)
    for i in range(30):
        _visit(vault, "notitie " * 80 + str(i))
    vault.close()
    db = folder / "vault.db"
    for page in (0, 3):
        data = bytearray(db.read_bytes())
        data[page * 4096 + 2000] ^= 0x01
        damaged = tmp_path / f"beschadigd-{page}"
        shutil.copytree(folder, damaged)
        (damaged / "vault.db").write_bytes(bytes(data))
        _choose(monkeypatch, _other(made))
        with pytest.raises(VaultDamagedError):
            v = Vault.open(damaged, PASSPHRASE)
            try:
                report = v.integrity_report()
                assert report["cipher_integrity_check"] or report["integrity_check"]
                raise VaultDamagedError(vault_module.DAMAGED_MESSAGE)
            finally:
                v.close()


def test_a_write_ahead_log_left_by_a_crash_survives_a_wrong_first_try(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app stopped with committed pages only in ``vault.db-wal``. The first try, under
    the wrong algorithm, opens that log and closes again: nothing of it may be lost."""
    folder = tmp_path / "kluis"
    vault = _make(folder, clock, monkeypatch, SHA512)
    vid = _visit(vault, "Alleen in het logboek van de schrijfvolgorde")
    crashed = tmp_path / "na-de-crash"
    crashed.mkdir()
    for name in ("vault.db", "vault.db-wal", "vault.key.json"):
        shutil.copy2(folder / name, crashed / name)  # as the files were when it stopped
    vault.close()
    assert (crashed / "vault.db-wal").stat().st_size > 0

    _choose(monkeypatch, SHA256)
    with Vault.open(crashed, PASSPHRASE) as again:
        assert again.integrity_report() == CLEAN_REPORT
        with again.session() as s:
            assert s.scalar(select(Visit.notes).where(Visit.id == vid)) is not None
    assert _algorithm_of(crashed) == SHA512


@pytest.mark.parametrize("made", PAGE_HMACS)
def test_a_key_change_and_a_restore_keep_the_page_hmac(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, made: str
) -> None:
    folder = tmp_path / "kluis"
    vault = _make(folder, clock, monkeypatch, made)
    vid = _visit(vault, "Voor de nieuwe sleutel")
    _choose(monkeypatch, _other(made))  # the machine now prefers the other one
    vault.rekey(PASSPHRASE)
    backup = tmp_path / "kluis.wvbackup"
    create_backup(vault, backup)
    vault.change_passphrase(PASSPHRASE, "een heel ander wachtwoord voor deze kluis")
    vault.close()
    assert _algorithm_of(folder, "een heel ander wachtwoord voor deze kluis") == made
    assert Vault.read_header(VaultPaths(folder)).page_hmac == made

    restored = tmp_path / "teruggezet"
    restore_backup(backup, restored, PASSPHRASE)
    assert _algorithm_of(restored) == made
    assert Vault.read_header(VaultPaths(restored)).page_hmac == made
    with Vault.open(restored, PASSPHRASE) as again, again.session() as s:
        assert s.get(Visit, vid) is not None


@pytest.mark.parametrize("made", PAGE_HMACS)
def test_an_open_tries_the_other_algorithm_once_not_at_every_connection(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, made: str
) -> None:
    """One open checks the key twice (the key files, then the vault) and connects the
    engine; a vault made with the algorithm this machine does not prefer costs one failed
    try in all, not one at each of them, and a second open none."""
    folder, other = tmp_path / "kluis", tmp_path / "ander"
    _make(other, clock, monkeypatch, _other(made)).close()
    _make(folder, clock, monkeypatch, made).close()
    _choose(monkeypatch, _other(made))  # a new process on a machine preferring the other
    tries: list[str] = []
    real = vault_module._connect

    def counted(db_path: Path, key: bytes | None, page_hmac: str | None) -> sqlcipher.Connection:
        tries.append(str(page_hmac))
        return real(db_path, key, page_hmac)

    monkeypatch.setattr(vault_module, "_connect", counted)
    with Vault.open(folder, PASSPHRASE) as vault, vault.session() as s:
        assert s.execute(select(Visit)).first() is None
    assert tries[0] == _other(made) and tries.count(_other(made)) == 1
    assert len(tries) >= 3 and set(tries[1:]) == {made}
    tries.clear()
    with Vault.open(folder, PASSPHRASE) as vault, vault.session() as s:
        assert s.execute(select(Visit)).first() is None
    assert tries and set(tries) == {made}
    # A wrong key fails under both and leaves what was found as it was.
    with pytest.raises(sqlcipher.DatabaseError, match="not a database"):
        connect_raw(folder / "vault.db", bytes(32))
    tries.clear()
    _algorithm_of(folder)
    assert tries == [made]
    # The file replaced by one of the other algorithm (a restore): one failed try, once.
    shutil.copyfile(other / "vault.db", folder / "vault.db")
    shutil.copyfile(other / "vault.key.json", folder / "vault.key.json")
    tries.clear()
    with Vault.open(folder, PASSPHRASE) as vault, vault.session() as s:
        assert s.execute(select(Visit)).first() is None
    assert tries.count(made) == 1 and tries[0] == made
    tries.clear()
    with Vault.open(folder, PASSPHRASE):
        assert tries and set(tries) == {_other(made)}


@pytest.mark.parametrize("preferred", PAGE_HMACS)
def test_a_new_file_where_another_was_found_gets_the_preferred_algorithm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, preferred: str
) -> None:
    """What was found in a file only orders the tries: a file made anew at that path (the
    old one deleted, or left empty) gets the algorithm this machine prefers."""
    _choose(monkeypatch, preferred)
    db = tmp_path / "vault.db"
    key = bytes(range(32))
    monkeypatch.setattr(vault_module, "_page_hmac_found", {str(db.absolute()): _other(preferred)})
    for start in ("absent", "empty"):
        if start == "empty":
            db.unlink()
            db.touch()
        con = connect_raw(db, key)
        try:
            con.execute("CREATE TABLE t (x)")
            con.commit()
            assert page_hmac_of(con) == preferred
        finally:
            con.close()
        assert not _refused_under_key(db, key, preferred)
        assert _refused_under_key(db, key, _other(preferred))


def test_work_after_work_gets_the_connection_that_did_it(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each connection keeps its own cache of decrypted pages. Once two were open at the same
    time (a background task beside another), the pool hands out the one returned last, so
    one task after another reads from one warm cache instead of alternating between two."""
    vault = _make(tmp_path / "kluis", clock, monkeypatch, SHA256)
    with vault.session() as first, vault.session() as second:
        one = first.connection().connection.dbapi_connection
        two = second.connection().connection.dbapi_connection
        assert one is not two
    # `second` was closed first, then `first`: `first`'s connection was returned last.
    handed_out = []
    for _ in range(4):
        with vault.session() as s:
            handed_out.append(s.connection().connection.dbapi_connection)
    vault.close()
    assert all(con is one for con in handed_out)


def test_a_failed_copy_leaves_sqlciphers_default_as_it_was(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = _make(tmp_path / "kluis", clock, monkeypatch, SHA256)
    assert vault.engine is not None
    raw = vault.engine.raw_connection()
    try:
        con = raw.driver_connection
        assert con is not None
        before = con.execute("PRAGMA cipher_default_hmac_algorithm").fetchone()[0]
        with pytest.raises(sqlcipher.Error):
            vault_module.vacuum_into(con, tmp_path / "bestaat-niet" / "kopie.db")
        assert con.execute("PRAGMA cipher_default_hmac_algorithm").fetchone()[0] == before
        vault_module.vacuum_into(con, tmp_path / "kopie.db")
        assert con.execute("PRAGMA cipher_default_hmac_algorithm").fetchone()[0] == before
    finally:
        raw.close()
        vault.close()
    assert before == SHA512  # SQLCipher's own default: what a plain VACUUM INTO would give
    copy = connect_raw(tmp_path / "kopie.db", _key(tmp_path / "kluis"))
    try:
        assert page_hmac_of(copy) == SHA256
    finally:
        copy.close()


def _header_doc(folder: Path) -> dict[str, object]:
    doc: dict[str, object] = json.loads((folder / "vault.key.json").read_text())
    doc.pop("checksum")
    return doc


def _write_header(folder: Path, doc: dict[str, object]) -> None:
    doc["checksum"] = keys._checksum(doc)
    (folder / "vault.key.json").write_text(json.dumps(doc))


_DAMAGED, _UNKNOWN = keys.KEY_FILE_DAMAGED, keys.KEY_FORMAT_UNKNOWN


@pytest.mark.parametrize(
    ("made", "edits", "refused_with"),
    [
        (SHA256, {"page_hmac": "HMAC_SHA1"}, _DAMAGED),  # no algorithm of ours
        (SHA256, {"page_hmac": SHA512}, _DAMAGED),  # version 2 names SHA-256
        (SHA256, {"page_hmac": ["HMAC_SHA256"]}, _DAMAGED),
        (SHA256, {"page_hmac": None}, _DAMAGED),  # left out
        (SHA256, {"version": 1}, _DAMAGED),  # version 1 names none
        (SHA512, {"page_hmac": SHA512}, _DAMAGED),  # ... not even the default
        (SHA512, {"page_hmac": SHA256}, _DAMAGED),
        (SHA256, {"version": 3}, _UNKNOWN),  # "Update the app"
        (SHA256, {"version": "2"}, _DAMAGED),  # not "Update the app" for a non-number
        (SHA512, {"version": True}, _DAMAGED),
        (SHA512, {"version": 1.0}, _DAMAGED),
        (SHA512, {"version": 10**4000}, _DAMAGED),
        # Consistent edits: the fields agree, so only the associated data can tell.
        (SHA256, {"version": 1, "page_hmac": None}, WrongPassphraseError),
        (SHA512, {"version": 2, "page_hmac": SHA256}, WrongPassphraseError),
    ],
)
def test_an_edited_page_hmac_in_the_header_is_refused(
    tmp_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    made: str,
    edits: dict[str, object],
    refused_with: object,
) -> None:
    """The checksum is fixed each time, so the checks on the fields themselves decide."""
    folder = tmp_path / "kluis"
    _make(folder, clock, monkeypatch, made).close()
    doc = _header_doc(folder)
    for field, value in edits.items():
        if value is None:
            doc.pop(field, None)
        else:
            doc[field] = value
    _write_header(folder, doc)
    if refused_with is WrongPassphraseError:
        with pytest.raises(WrongPassphraseError):
            Vault.open(folder, PASSPHRASE)
        return
    with pytest.raises(VaultDamagedError) as refused:
        Vault.open(folder, PASSPHRASE)
    assert refused.value.message is refused_with


def test_a_header_that_is_no_object_is_damage() -> None:
    for text in ("null", "3", '"kluis"', "[1, 2]"):
        with pytest.raises(VaultDamagedError) as refused:
            keys.KeyHeader.from_bytes(text.encode())
        assert refused.value.message is keys.KEY_FILE_DAMAGED


def test_a_key_derived_ahead_is_not_used_for_a_header_relabelled_since(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desktop derives the key while the vault code loads; the header may change in
    between. A relabelled page HMAC must be derived anew, and so refused."""
    folder = tmp_path / "kluis"
    _make(folder, clock, monkeypatch, SHA256).close()
    header = Vault.read_header(VaultPaths(folder))
    unwrap = keys.Unwrapper()
    assert unwrap(header, PASSPHRASE) == _key(folder)
    relabelled = dataclasses.replace(header, page_hmac=SHA512)
    with pytest.raises(WrongPassphraseError):
        unwrap(relabelled, PASSPHRASE)


def _relabel(backup: Path, out: Path) -> None:
    """A backup whose key header names the other page HMAC: what anyone who can write to
    the team folder can make (the header's checksum and the file's digest need no secret)."""
    raw = backup.read_bytes()[:-32]
    head = len(MAGIC) + 2
    (length,) = struct.unpack(">I", raw[head : head + 4])
    meta = json.loads(raw[head + 4 : head + 4 + length])
    doc = json.loads(meta["key_header"])
    doc.pop("checksum")
    if doc["version"] == 2:
        doc["version"] = 1
        doc.pop("page_hmac")
    else:
        doc["version"], doc["page_hmac"] = 2, SHA256
    doc["checksum"] = keys._checksum(doc)
    meta["key_header"] = json.dumps(doc, indent=2, sort_keys=True) + "\n"
    meta_bytes = json.dumps(meta, sort_keys=True).encode()
    body = raw[:head] + struct.pack(">I", len(meta_bytes)) + meta_bytes
    body += raw[head + 4 + length :]
    out.write_bytes(body + hashlib.sha256(body).digest())


@pytest.mark.parametrize("made", PAGE_HMACS)
def test_the_organisations_wrap_and_a_recovery_keep_the_page_hmac(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, made: str
) -> None:
    folder = tmp_path / "kluis"
    vault = _make(folder, clock, monkeypatch, made)
    vid = _visit(vault, "Voor de herstelsleutel")
    _choose(monkeypatch, _other(made))  # nothing below may take the machine's choice
    key_folder = _made(tmp_path)
    set_recovery_key(vault, PASSPHRASE, read_recovery_public(key_folder / "recovery.pub"))
    assert Vault.read_header(VaultPaths(folder)).page_hmac == made
    backup = tmp_path / "kluis.wvbackup"
    create_backup(vault, backup)
    vault.close()

    # The recovery field removed by someone: the open puts it back.
    doc = _header_doc(folder)
    doc.pop("recovery")
    _write_header(folder, doc)
    with Vault.open(folder, PASSPHRASE) as again, again.session() as s:
        assert s.get(Visit, vid) is not None
    header = Vault.read_header(VaultPaths(folder))
    assert header.recovery is not None and header.page_hmac == made

    shares = _shares(key_folder, 1, 2)
    recovered = tmp_path / "hersteld"
    recover_backup(
        backup, shares, recovered, NEW_PASSPHRASE, reason="ziek", by="ICT", kdf_target_seconds=0
    )
    assert Vault.read_header(VaultPaths(recovered)).page_hmac == made
    assert _algorithm_of(recovered, NEW_PASSPHRASE) == made

    # The same backup with the other label: refused, nothing installed.
    forged = tmp_path / "vervalst.wvbackup"
    _relabel(backup, forged)
    with pytest.raises(BackupError) as refused:
        recover_backup(
            forged, shares, tmp_path / "hersteld-2", NEW_PASSPHRASE, reason="ziek", by="ICT"
        )
    assert refused.value.message is DATABASE_DAMAGED
    assert not (tmp_path / "hersteld-2" / "vault.db").exists()


@pytest.mark.parametrize("made", PAGE_HMACS)
def test_a_partner_store_records_its_page_hmac_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made: str
) -> None:
    _choose(monkeypatch, made)
    folder = tmp_path / "partner"
    PartnerStore.create(folder, PASSPHRASE, kdf_target_seconds=0).close()
    header = keys.KeyHeader.from_bytes((folder / "partner.key.json").read_bytes())
    assert header.page_hmac == made
    _choose(monkeypatch, _other(made))
    PartnerStore.open(folder, PASSPHRASE).close()

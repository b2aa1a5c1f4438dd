"""Encrypted backups: one file with the database snapshot and its wrapped-key header.

The container (version 1), all integers big-endian::

    0   14 bytes  magic  b"WAAKVLAMBACKUP"
    14   2 bytes  format version (1)
    16   4 bytes  length N of the metadata
    20   N bytes  metadata, UTF-8 JSON: format, version, vault_id, created_at (UTC, Z),
                  app_version, schema (migration head), db_bytes, key_header (the text of
                  vault.key.json, byte for byte), audit_head ({seq, hash}: a witness of
                  the audit chain, docs/privacy.md)
    20+N          the database: a SQLCipher 4 file, encrypted with the vault's own key
    end-32        SHA-256 over every byte before it

Nothing in it is readable without the passphrase: the database is the encrypted file
SQLite's ``VACUUM INTO`` writes (a consistent snapshot taken in one read transaction, while
the app may keep working; compact, so no deleted pages travel along), and the key header
holds the key only wrapped under Argon2id + AES-256-GCM. The SHA-256 trailer tells a
damaged or truncated file apart from a wrong passphrase.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from waakvlam_desktop import __version__
from waakvlam_desktop.clock import from_utc_text, local_today, to_local, utc_naive, utc_text
from waakvlam_desktop.domain.settings import load_settings
from waakvlam_desktop.domain.setup import default_staff
from waakvlam_desktop.domain.tombstones import TombstoneRow
from waakvlam_desktop.errors import BackupError, VaultExistsError
from waakvlam_desktop.fileio import atomic_writer, fsync_folder, write_atomic
from waakvlam_desktop.privacy.retention import reapply_tombstones
from waakvlam_desktop.storage import audit, keys
from waakvlam_desktop.storage.ids import id_text
from waakvlam_desktop.storage.lock import FileLock
from waakvlam_desktop.storage.migrate import head_revision
from waakvlam_desktop.storage.models import Household, Setting
from waakvlam_desktop.storage.vault import (
    DB_NAME,
    HEADER_NAME,
    Vault,
    connect_raw,
    is_damage_error,
    is_disk_error,
    page_hmac_of,
    vacuum_into,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

MAGIC = b"WAAKVLAMBACKUP"
FORMAT = "waakvlam-backup"
VERSION = 1
TRAILER = 32
CHUNK = 1 << 20
LAST_BACKUP_KEY = "last_backup_at"
MAX_META = 1 << 20

_DAMAGED = Message(
    "backup.damaged",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The backup file is damaged or incomplete (the checksum does not match). Use another"
        " backup.",
    ),
)
FILE_EXISTS = Message(
    "backup.file_exists",
    QT_TRANSLATE_NOOP("Errors", "{path} already exists. Choose another file name."),
)
FOLDER_MISSING = Message(
    "backup.folder_missing", QT_TRANSLATE_NOOP("Errors", "The folder {folder} does not exist.")
)
DISK_FULL = Message(
    "backup.disk_full",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The backup could not be written: the disk is full. No partial file was left behind.",
    ),
)
SOURCE_DAMAGED = Message(
    "backup.source_damaged",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The vault is damaged, so a backup of it would be damaged too; nothing was written."
        " Keep your most recent backup safe and ask your administrator to restore it.",
    ),
)
WRITE_FAILED = Message(
    "backup.write_failed",
    QT_TRANSLATE_NOOP("Errors", "The backup could not be written to {path}."),
)
BACKUP_MISSING = Message(
    "backup.file_missing",
    QT_TRANSLATE_NOOP("Errors", "The backup file {path} does not exist."),
)
BACKUP_UNREADABLE = Message(
    "backup.file_unreadable",
    QT_TRANSLATE_NOOP("Errors", "The backup file {path} cannot be read."),
)
NOT_A_BACKUP = Message(
    "backup.not_a_backup", QT_TRANSLATE_NOOP("Errors", "{name} is not a Waakvlam backup.")
)
UNKNOWN_VERSION = Message(
    "backup.unknown_version",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This backup has version {version} of the format; this version of Waakvlam only knows"
        " version 1. Update the app.",
    ),
)
VAULT_EXISTS = Message(
    "backup.vault_exists",
    QT_TRANSLATE_NOOP(
        "Errors",
        "There is already a vault in {folder}. Use --replace to replace it; the current vault"
        " is then kept aside.",
    ),
)
RESTORE_DISK_FULL = Message(
    "backup.restore_disk_full",
    QT_TRANSLATE_NOOP("Errors", "Restoring failed: the disk is full. Nothing was changed."),
)
RESTORE_NOT_WRITABLE = Message(
    "backup.restore_not_writable",
    QT_TRANSLATE_NOOP("Errors", "Restoring failed: {folder} is not writable. Nothing was changed."),
)
DATABASE_UNOPENABLE = Message(
    "backup.database_unopenable",
    QT_TRANSLATE_NOOP(
        "Errors", "The database in the backup does not open or is damaged. Nothing was changed."
    ),
)
DATABASE_DAMAGED = Message(
    "backup.database_damaged",
    QT_TRANSLATE_NOOP("Errors", "The database in the backup is damaged. Nothing was changed."),
)


def _no_space(exc: OSError) -> bool:
    return exc.errno in (28, 122)  # ENOSPC, EDQUOT


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    vault_id: str
    created_at: datetime  # naive UTC
    db_bytes: int
    file_bytes: int
    schema: str
    app_version: str
    audit_head: audit.AuditHead | None = None  # None in backups made before it was added


# ---- writing -----------------------------------------------------------------------------


def create_backup(vault: Any, out: Path) -> BackupInfo:
    """Write a backup of the open ``vault`` to ``out`` (never overwrites a file), then
    record the time in the vault (``last_backup_at``) and an audit event."""
    info = write_backup_file(vault, out)
    with vault.session() as s:
        _set_last_backup(s, info.created_at)
        audit.record(s, "backup", "vault", vault.vault_id, detail=f"bytes={info.file_bytes}")
    return info


def write_backup_file(vault: Any, out: Path) -> BackupInfo:
    """The snapshot and the container file only; it reads, so it never waits for a writer.

    Temporary files live next to ``out`` (both encrypted) and are removed on any error.
    """
    out = Path(out)
    if out.exists():
        raise BackupError(FILE_EXISTS, path=out)
    if not out.parent.is_dir():
        raise BackupError(FOLDER_MISSING, folder=out.parent)
    assert vault.engine is not None
    tag = secrets.token_hex(4)
    snapshot = out.parent / f".{out.name}.{tag}.snapshot"
    created = utc_naive(vault.clock.now())
    try:
        raw = vault.engine.raw_connection()
        try:
            con = raw.driver_connection
            assert con is not None
            # The head just before the snapshot: a witness of the chain that the snapshot
            # extends (a write in between only adds events after it).
            audit_head = _chain_head(con)
            vacuum_into(con, snapshot)
        finally:
            raw.close()
        header_text = vault.paths.header.read_text(encoding="ascii")
        size = snapshot.stat().st_size
        meta = {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": vault.vault_id,
            "created_at": utc_text(created),
            "app_version": __version__,
            "schema": head_revision(),
            "db_bytes": size,
            "key_header": header_text,
            "audit_head": audit_head.as_dict(),
        }
        meta_bytes = json.dumps(meta, sort_keys=True).encode("utf-8")
        digest = hashlib.sha256()
        with atomic_writer(out) as fh:

            def put(data: bytes) -> None:
                digest.update(data)
                fh.write(data)

            put(MAGIC + struct.pack(">H", VERSION) + struct.pack(">I", len(meta_bytes)))
            put(meta_bytes)
            with open(snapshot, "rb") as db:
                while chunk := db.read(CHUNK):
                    put(chunk)
            fh.write(digest.digest())
    except OSError as exc:
        if _no_space(exc):
            raise BackupError(DISK_FULL) from exc
        raise BackupError(WRITE_FAILED, path=out) from exc
    except Exception as exc:
        if is_disk_error(exc):
            raise BackupError(DISK_FULL) from exc
        if is_damage_error(exc):
            raise BackupError(SOURCE_DAMAGED) from exc
        raise
    finally:
        for leftover in (snapshot,):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return BackupInfo(
        out,
        vault.vault_id,
        created,
        size,
        out.stat().st_size,
        str(meta["schema"]),
        __version__,
        audit_head,
    )


def _hex(value: Any) -> str:
    """A stored hash as hex: 32 bytes since revision 0016, 64 hex characters before."""
    return bytes(value).hex() if isinstance(value, bytes | memoryview) else str(value)


def _has_checkpoints(con: Any) -> bool:
    found = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_checkpoint'"
    ).fetchone()
    return found is not None


def _chain_head(con: Any) -> audit.AuditHead:
    """The audit head read over a raw (SQLCipher) connection, of any revision."""
    row = con.execute("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").fetchone()
    if row is None and _has_checkpoints(con):
        sql = "SELECT seq, hash FROM audit_checkpoint ORDER BY seq DESC LIMIT 1"
        row = con.execute(sql).fetchone()
    return (
        audit.AuditHead(0, audit.GENESIS) if row is None else audit.AuditHead(row[0], _hex(row[1]))
    )


def _hash_at(con: Any, seq: int) -> str | None:
    row = con.execute("SELECT hash FROM audit_event WHERE seq = ?", (seq,)).fetchone()
    if row is None and _has_checkpoints(con):
        sql = "SELECT hash FROM audit_checkpoint WHERE seq = ?"
        row = con.execute(sql, (seq,)).fetchone()
    return None if row is None else _hex(row[0])


def _rolled_back(restored: Any, data_dir: Path, keys_to_try: list[bytes], passphrase: str) -> str:
    """The restore event's detail about the vault it replaces: which events of its chain
    are no longer in the restored one (``teruggedraaid=FIRST-LAST``) and its head, so the
    kept-aside vault can still be checked against the witnesses."""
    new_head = _chain_head(restored)
    if not (data_dir / DB_NAME).exists():
        return f"kop={new_head.text()}"
    old_con = None
    candidates = list(keys_to_try)
    with contextlib.suppress(Exception):
        header = keys.KeyHeader.from_bytes((data_dir / HEADER_NAME).read_bytes())
        candidates.append(keys.unwrap_key(header, passphrase))
    old_head = new_head
    for key in candidates:
        con = None
        try:
            con = connect_raw(data_dir / DB_NAME, key)
            old_head = _chain_head(con)
            old_con = con
            break
        except Exception:  # wrong key, damaged: try the next, else say it is unknown
            if con is not None:
                con.close()
    if old_con is None:
        return f"kop={new_head.text()}; vervangen kluis niet te lezen: teruggedraaid onbekend"
    try:
        # Hash i equal on both sides means events 1..i are equal: search the last common one.
        low, high = 0, min(new_head.seq, old_head.seq)
        while low < high:
            mid = (low + high + 1) // 2
            if _hash_at(old_con, mid) == _hash_at(restored, mid):
                low = mid
            else:
                high = mid - 1
    finally:
        old_con.close()
    detail = f"kop={new_head.text()}; vervangen kop={old_head.text()}"
    if old_head.seq > low:
        detail += f"; teruggedraaid={low + 1}-{old_head.seq}"
    return detail


# ---- reading -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Parsed:
    meta: dict[str, Any]
    db_offset: int
    db_bytes: int


def _read_exact(fh: IO[bytes], n: int) -> bytes:
    data = fh.read(n)
    if len(data) != n:
        raise BackupError(_DAMAGED)
    return data


def _blocks(fh: IO[bytes], length: int) -> Iterator[bytes]:
    """The next ``length`` bytes of ``fh`` in blocks of at most :data:`CHUNK`; a file that
    ends before that is damaged."""
    left = length
    while left:
        chunk = fh.read(min(CHUNK, left))
        if not chunk:
            raise BackupError(_DAMAGED)
        yield chunk
        left -= len(chunk)


def _parse(path: Path) -> _Parsed:
    try:
        total = path.stat().st_size
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise BackupError(BACKUP_MISSING, path=path) from None
    except OSError as exc:
        raise BackupError(BACKUP_UNREADABLE, path=path) from exc
    with fh:
        start = fh.read(len(MAGIC))
        if start != MAGIC:
            raise BackupError(NOT_A_BACKUP, name=path.name)
        if total < len(MAGIC) + 6 + TRAILER:
            raise BackupError(_DAMAGED)
        # The checksum first: nothing else is trusted before it matches.
        fh.seek(0)
        digest = hashlib.sha256()
        for chunk in _blocks(fh, total - TRAILER):
            digest.update(chunk)
        if fh.read(TRAILER) != digest.digest():
            raise BackupError(_DAMAGED)
        fh.seek(len(MAGIC))
        (version,) = struct.unpack(">H", _read_exact(fh, 2))
        if version != VERSION:
            raise BackupError(UNKNOWN_VERSION, version=version)
        (meta_len,) = struct.unpack(">I", _read_exact(fh, 4))
        if meta_len > MAX_META:
            raise BackupError(_DAMAGED)
        try:
            meta = json.loads(_read_exact(fh, meta_len).decode("utf-8"))
            db_bytes = int(meta["db_bytes"])
            ok = meta["format"] == FORMAT and isinstance(meta["key_header"], str)
        except (ValueError, KeyError, TypeError) as exc:
            raise BackupError(_DAMAGED) from exc
        db_offset = len(MAGIC) + 6 + meta_len
        if not ok or db_offset + db_bytes + TRAILER != total:
            raise BackupError(_DAMAGED)
    return _Parsed(meta, db_offset, db_bytes)


def parse_backup(path: Path) -> _Parsed:
    """The checked metadata of a backup file and where its database lies (no passphrase)."""
    return _parse(Path(path))


def read_backup_info(path: Path) -> BackupInfo:
    """Check a backup file (checksum, format) without the passphrase."""
    parsed = _parse(Path(path))
    meta = parsed.meta
    return BackupInfo(
        Path(path),
        str(meta["vault_id"]),
        from_utc_text(str(meta["created_at"])),
        parsed.db_bytes,
        Path(path).stat().st_size,
        str(meta.get("schema", "")),
        str(meta.get("app_version", "")),
        audit.parse_head(meta.get("audit_head")),
    )


@dataclass(frozen=True, slots=True)
class RestoreResult:
    data_dir: Path
    kept_aside: Path | None  # the vault that was there before, renamed
    vault_id: str
    backup_created_at: datetime  # naive UTC
    # Erasures recorded in the replaced vault after the backup was made, erased again.
    reapplied: tuple[TombstoneRow, ...] = ()
    # The replaced vault's tombstones could not be read (another passphrase, damaged).
    tombstones_unreadable: bool = False


def _copy_range(src: Path, offset: int, length: int, dst: Path) -> None:
    with open(src, "rb") as fin, atomic_writer(dst) as fout:
        fin.seek(offset)
        for chunk in _blocks(fin, length):
            fout.write(chunk)
        fout.flush()
        os.fsync(fout.fileno())


def _has_content(folder: Path) -> bool:
    return folder.exists() and (not folder.is_dir() or any(folder.iterdir()))


def install_backup(
    path: Path,
    parsed: _Parsed,
    data_dir: Path,
    header_bytes: bytes,
    db_key: bytes,
    *,
    old_passphrase: str,
    now: datetime | None = None,
) -> tuple[Path | None, str]:
    """Put the database of a parsed backup into ``data_dir`` with ``header_bytes`` as its
    key header: staged beside it, checked (``quick_check``) with ``db_key``, then moved;
    an existing vault is kept aside. Returns that kept-aside folder and the detail of the
    restore event about the replaced vault's chain (see :func:`_rolled_back`)."""
    staging = data_dir.parent / f".{data_dir.name}.herstel-{secrets.token_hex(4)}"
    kept: Path | None = None
    # Nobody may have the vault open while it is replaced (VaultBusyError: one sentence).
    lock = FileLock(data_dir)
    if data_dir.is_dir() and _has_content(data_dir):
        lock.acquire("exclusive")
    try:
        try:
            data_dir.parent.mkdir(parents=True, exist_ok=True)
            staging.mkdir(mode=0o700)
            _copy_range(path, parsed.db_offset, parsed.db_bytes, staging / DB_NAME)
            write_atomic(staging / HEADER_NAME, header_bytes)
        except OSError as exc:
            if _no_space(exc):
                raise BackupError(RESTORE_DISK_FULL) from exc
            raise BackupError(RESTORE_NOT_WRITABLE, folder=data_dir.parent) from exc
        try:
            con = connect_raw(staging / DB_NAME, db_key)
            try:
                check = con.execute("PRAGMA quick_check").fetchone()
                con.execute("SELECT version_num FROM alembic_version").fetchone()
                # The key file's page HMAC is what an older release reads to refuse with
                # "Update the app": it must be the database's own. A recovery builds its key
                # file from the backup's without a passphrase to check that field with.
                labelled = keys.KeyHeader.from_bytes(header_bytes).page_hmac
                ok = check is not None and check[0] == "ok" and page_hmac_of(con) == labelled
                rolled_back = _rolled_back(con, data_dir, [db_key], old_passphrase) if ok else ""
            finally:
                con.close()
        except Exception as exc:
            raise BackupError(DATABASE_UNOPENABLE) from exc
        if not ok:
            raise BackupError(DATABASE_DAMAGED)
        moment = now or datetime.now(UTC)
        if data_dir.exists():
            if _has_content(data_dir):
                stamp = to_local(utc_naive(moment)).strftime("%Y%m%d-%H%M%S")
                kept = data_dir.with_name(f"{data_dir.name}.vervangen-{stamp}")
                os.replace(data_dir, kept)
            else:
                data_dir.rmdir()
        try:
            os.replace(staging, data_dir)
        except OSError:
            if kept is not None:
                os.replace(kept, data_dir)
            raise
        fsync_folder(data_dir.parent)
    finally:
        lock.release()
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return kept, rolled_back


def restore_backup(
    path: Path,
    data_dir: Path,
    passphrase: str,
    *,
    replace: bool = False,
    now: datetime | None = None,
) -> RestoreResult:
    """Restore a backup into ``data_dir``.

    Order: checksum, passphrase (unwraps the key), the database opens and passes
    ``quick_check`` in a staging folder beside ``data_dir``; only then is anything moved.
    An existing vault is replaced only with ``replace=True`` and is kept aside as
    ``<data_dir>.vervangen-YYYYMMDD-HHMMSS``.
    """
    path, data_dir = Path(path), Path(data_dir)
    parsed = _parse(path)
    header_bytes = str(parsed.meta["key_header"]).encode("ascii", errors="replace")
    header = keys.KeyHeader.from_bytes(header_bytes)
    db_key = keys.unwrap_key(header, passphrase)  # WrongPassphraseError: one clear line
    if _has_content(data_dir) and not replace:
        raise VaultExistsError(VAULT_EXISTS, folder=data_dir)
    # Erasures in the vault being replaced must survive the restore (tombstones).
    replaced_tombstones = _tombstones_of(data_dir, passphrase) if _has_content(data_dir) else []
    kept, rolled_back = install_backup(
        path, parsed, data_dir, header_bytes, db_key, old_passphrase=passphrase, now=now
    )
    created = from_utc_text(str(parsed.meta["created_at"]))
    later = [t for t in replaced_tombstones or [] if t.erased_at > created]
    reapplied = _record_restore(data_dir, db_key, header.vault_id, created, later, rolled_back)
    return RestoreResult(
        data_dir,
        kept,
        header.vault_id,
        created,
        reapplied=tuple(reapplied),
        tombstones_unreadable=replaced_tombstones is None,
    )


def _tombstones_of(data_dir: Path, passphrase: str) -> list[TombstoneRow] | None:
    """Every tombstone of the vault in ``data_dir`` (None: it cannot be read)."""
    try:
        header = keys.KeyHeader.from_bytes((data_dir / HEADER_NAME).read_bytes())
        key = keys.unwrap_key(header, passphrase)
        con = connect_raw(data_dir / DB_NAME, key)
        try:
            rows = con.execute(
                "SELECT entity, entity_id, what, erased_at, detail FROM tombstone"
            ).fetchall()
        finally:
            con.close()
    except Exception:  # another passphrase, an older schema, a damaged file: say so
        return None
    return [
        TombstoneRow(str(e), str(id_text(i)), str(w), datetime.fromisoformat(str(at)), str(d or ""))
        for e, i, w, at, d in rows
    ]


def _record_restore(
    data_dir: Path,
    db_key: bytes,
    vault_id: str,
    created: datetime,
    later: list[TombstoneRow],
    rolled_back: str = "",
) -> list[TombstoneRow]:
    """Open the restored vault once: migrations run, erasures recorded after the backup
    are applied again, and the restore is in its audit log."""
    with Vault.open_with_key(data_dir, db_key, vault_id=vault_id) as vault:
        with vault.session() as s:
            staff = default_staff(s)
            vault.actor = staff.id if staff else None
        with vault.session() as s:
            stamp = utc_text(created)
            detail = f"backup={stamp}" + (f"; {rolled_back}" if rolled_back else "")
            audit.record(s, "restore", "vault", vault_id, detail=detail)
            reapplied = reapply_tombstones(s, later)
            if reapplied:
                audit.record(
                    s,
                    "purge",
                    "vault",
                    vault_id,
                    detail=f"na herstel opnieuw gewist: {len(reapplied)} wissingen",
                )
        if reapplied:
            vault.vacuum()
    return reapplied


# ---- the reminder ------------------------------------------------------------------------
def _set_last_backup(session: Session, at: datetime) -> None:
    value = json.dumps(utc_text(at))
    row = session.get(Setting, LAST_BACKUP_KEY)
    if row is None:
        session.add(Setting(key=LAST_BACKUP_KEY, value_json=value))
    else:
        row.value_json = value


def last_backup_at(session: Session) -> datetime | None:
    """When the last backup of this vault was made (naive UTC), if ever."""
    row = session.get(Setting, LAST_BACKUP_KEY)
    if row is None:
        return None
    return from_utc_text(str(json.loads(row.value_json)))


def backup_reminder(session: Session, today: date | None = None) -> str | None:
    """A Dutch line for the status bar when a backup is due (setting
    ``backup_reminder_days``), else None. An empty vault needs no backup yet."""
    today = today or local_today(session.info["clock"])
    last = last_backup_at(session)
    if last is None:
        if not session.scalar(select(func.count(Household.id))):
            return None
        return "Er is nog geen back-up van deze kluis. Maak er nu een."
    days = (today - to_local(last).date()).days
    limit = load_settings(session).backup_reminder_days
    if days < limit:
        return None
    return (
        f"De laatste back-up is van {to_local(last):%d-%m-%Y} ({days} dagen geleden)."
        " Maak een nieuwe back-up."
    )

"""The vault: one SQLCipher 4 database and its key header, in one data folder.

``Vault.create`` and ``Vault.open`` are the only ways in. A vault holds the engine and
the session factory; ``close()`` disposes every connection and drops the key.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from waakvlam_desktop.clock import Clock, SystemClock
from waakvlam_desktop.errors import (
    StorageWriteError,
    VaultDamagedError,
    VaultExistsError,
    VaultNotFoundError,
    WrongPassphraseError,
)
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.storage import keys
from waakvlam_desktop.storage.hooks import install_session_hooks
from waakvlam_desktop.storage.migrate import upgrade_to_head
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

DB_NAME = "vault.db"
HEADER_NAME = "vault.key.json"
PENDING_SUFFIX = ".pending"

# Pragmas applied to every connection, after the key.
CONNECTION_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA secure_delete = ON",
    "PRAGMA synchronous = FULL",
    "PRAGMA cache_size = -131072",
    "PRAGMA busy_timeout = 5000",
)

VAULT_EXISTS = Message(
    "vault.exists",
    QT_TRANSLATE_NOOP(
        "Errors", "There is already a vault in {folder}. Choose another folder or open that vault."
    ),
)
DATABASE_MISSING = Message(
    "vault.database_missing",
    QT_TRANSLATE_NOOP(
        "Errors", "The vault's database file is missing in {folder}. Restore a backup."
    ),
)
DAMAGED_OR_WRONG_KEY = Message(
    "vault.damaged_or_wrong_key",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The vault is damaged or does not belong to this key file. Restore a backup or contact"
        " your administrator.",
    ),
)
VAULT_NOT_FOUND = Message(
    "vault.not_found",
    QT_TRANSLATE_NOOP(
        "Errors", "There is no vault in {folder} yet. Create one with 'waakvlam init'."
    ),
)
VAULT_LOCKED = Message("vault.locked", QT_TRANSLATE_NOOP("Errors", "The vault is locked."))
DISK_FULL_ON_SAVE = Message(
    "vault.disk_full_on_save",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Saving failed: the disk is full or unreachable. Nothing was changed; free up space"
        " and try again.",
    ),
)
DISK_FULL_ON_UPGRADE = Message(
    "vault.disk_full_on_upgrade",
    QT_TRANSLATE_NOOP("Errors", "The vault could not be upgraded: the disk is full."),
)
DISK_FULL_ON_CLEANUP = Message(
    "vault.disk_full_on_cleanup",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Cleaning up failed: the disk is full. The data has been removed; free up space and"
        " run the clean-up again.",
    ),
)
DAMAGED_MESSAGE = Message(
    "vault.damaged",
    QT_TRANSLATE_NOOP(
        "Errors", "The vault is damaged. Restore a backup or contact your administrator."
    ),
)
DISK_FULL_ON_OPEN = Message(
    "vault.disk_full_on_open",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The vault cannot be opened: the disk is full or unreachable. Nothing is lost; free up"
        " space and try again.",
    ),
)

_log_silenced = False


def _silence_sqlcipher_log() -> None:
    """SQLCipher logs to stderr by default; nothing of ours belongs there."""
    global _log_silenced
    if _log_silenced:
        return
    con = sqlcipher.connect(":memory:")
    try:
        for pragma in ("PRAGMA cipher_log = off", "PRAGMA cipher_log_level = NONE"):
            with contextlib.suppress(sqlcipher.Error):
                con.execute(pragma).fetchall()
    finally:
        con.close()
    _log_silenced = True


@dataclass(frozen=True, slots=True)
class VaultPaths:
    data_dir: Path

    @property
    def db(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def header(self) -> Path:
        return self.data_dir / HEADER_NAME

    @property
    def pending_header(self) -> Path:
        return self.data_dir / (HEADER_NAME + PENDING_SUFFIX)

    def exists(self) -> bool:
        return self.header.exists() or self.db.exists()

    def related_files(self) -> list[Path]:
        """Every file that belongs to the vault (database, WAL, SHM, headers)."""
        names = [DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", DB_NAME + "-journal"]
        names += [HEADER_NAME, HEADER_NAME + PENDING_SUFFIX]
        return [self.data_dir / n for n in names if (self.data_dir / n).exists()]


def _key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect_raw(db_path: Path, key: bytes | None) -> sqlcipher.Connection:
    """A DB-API connection with the key applied and checked, plus the standard pragmas."""
    _silence_sqlcipher_log()
    con = sqlcipher.connect(str(db_path), check_same_thread=False, timeout=5.0)
    try:
        if key is not None:
            con.execute(_key_pragma(key))
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for pragma in CONNECTION_PRAGMAS:
            con.execute(pragma)
        con.execute("PRAGMA journal_mode = WAL").fetchone()
    except sqlcipher.DatabaseError:
        con.close()
        raise
    return con


def make_engine(db_path: Path, key: bytes | None) -> Engine:
    """SQLAlchemy engine over SQLCipher (``key=None``: a plain database, for benchmarks)."""
    engine = create_engine(
        f"sqlite:///{db_path}",
        module=sqlcipher,
        creator=lambda: connect_raw(db_path, key),
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # The driver runs in autocommit mode; SQLAlchemy decides where transactions begin,
        # so DDL in migrations is transactional too (the documented pysqlite recipe).
        conn.exec_driver_sql("BEGIN")

    @event.listens_for(engine, "connect")
    def _autocommit_driver(dbapi_con: Any, _record: Any) -> None:
        dbapi_con.isolation_level = None  # SQLAlchemy's "begin" event emits BEGIN itself

    return engine


def is_damage_error(exc: BaseException) -> bool:
    msg = str(getattr(exc, "orig", exc)).lower()
    return any(s in msg for s in ("not a database", "malformed", "hmac", "corrupt"))


def is_busy_error(exc: BaseException) -> bool:
    msg = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in msg or "database is busy" in msg


def is_disk_error(exc: BaseException) -> bool:
    msg = str(getattr(exc, "orig", exc)).lower()
    return any(s in msg for s in ("disk is full", "disk i/o error", "database or disk is full"))


class Vault:
    """An open vault. Create with :meth:`create` or :meth:`open`; close when done."""

    def __init__(
        self,
        paths: VaultPaths,
        vault_id: str,
        engine: Engine,
        clock: Clock,
    ) -> None:
        self.paths = paths
        self.vault_id = vault_id
        self.engine: Engine | None = engine
        self.clock = clock
        self.actor: str | None = None
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        install_session_hooks(self._sessions)

    # ---- lifecycle -------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        data_dir: Path,
        passphrase: str,
        *,
        kdf_target_seconds: float = 0.5,
        clock: Clock | None = None,
    ) -> Vault:
        paths = VaultPaths(Path(data_dir))
        if paths.exists():
            raise VaultExistsError(VAULT_EXISTS, folder=paths.data_dir)
        keys.check_passphrase_policy(passphrase)
        paths.data_dir.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(paths.data_dir, 0o700)
        db_key = secrets.token_bytes(keys.KEY_BYTES)
        params = keys.KdfParams(
            memory_kib=keys.MIN_MEMORY_KIB,
            time_cost=keys.calibrate_time_cost(kdf_target_seconds),
            parallelism=keys.PARALLELISM,
            salt=secrets.token_bytes(16),
        )
        vault_id = str(uuid.uuid4())
        header = keys.wrap_key(db_key, passphrase, vault_id, params)
        write_atomic(paths.header, header.to_bytes(), overwrite=True)
        engine = make_engine(paths.db, db_key)
        vault = cls(paths, vault_id, engine, clock or SystemClock())
        vault.migrate()
        return vault

    @classmethod
    def open(cls, data_dir: Path, passphrase: str, *, clock: Clock | None = None) -> Vault:
        paths = VaultPaths(Path(data_dir))
        header = cls.read_header(paths)
        pending = cls._read_pending(paths)
        # Normally one candidate. After a rekey that was interrupted, the pending header
        # may hold the key that fits the database.
        candidates = [header] if pending is None else [header, pending]
        last_error: Exception | None = None
        for candidate in candidates:
            try:
                db_key = keys.unwrap_key(candidate, passphrase)
                return cls.open_with_key(data_dir, db_key, vault_id=candidate.vault_id, clock=clock)
            except (WrongPassphraseError, VaultDamagedError) as exc:
                last_error = exc
        assert last_error is not None
        raise last_error

    @classmethod
    def open_with_key(
        cls,
        data_dir: Path,
        db_key: bytes,
        *,
        vault_id: str | None = None,
        clock: Clock | None = None,
    ) -> Vault:
        paths = VaultPaths(Path(data_dir))
        if vault_id is None:
            vault_id = cls.read_header(paths).vault_id
        if not paths.db.exists():
            raise VaultDamagedError(DATABASE_MISSING, folder=paths.data_dir)
        try:
            connect_raw(paths.db, db_key).close()
        except sqlcipher.DatabaseError as exc:
            if is_disk_error(exc):
                # Opening needs a few KiB (the WAL index); "damaged" would send the user
                # to a backup for nothing.
                raise StorageWriteError(DISK_FULL_ON_OPEN) from exc
            raise VaultDamagedError(DAMAGED_OR_WRONG_KEY) from exc
        engine = make_engine(paths.db, db_key)
        vault = cls(paths, vault_id, engine, clock or SystemClock())
        try:
            vault.migrate()
        except DBAPIError as exc:
            vault.close()
            if is_disk_error(exc):
                raise StorageWriteError(DISK_FULL_ON_OPEN) from exc
            if is_damage_error(exc):
                raise VaultDamagedError(DAMAGED_MESSAGE) from exc
            raise
        except Exception:
            vault.close()
            raise
        return vault

    @staticmethod
    def read_header(paths: VaultPaths) -> keys.KeyHeader:
        if not paths.header.exists():
            raise VaultNotFoundError(VAULT_NOT_FOUND, folder=paths.data_dir)
        return keys.KeyHeader.from_bytes(paths.header.read_bytes())

    @staticmethod
    def _read_pending(paths: VaultPaths) -> keys.KeyHeader | None:
        if not paths.pending_header.exists():
            return None
        try:
            return keys.KeyHeader.from_bytes(paths.pending_header.read_bytes())
        except VaultDamagedError:
            return None

    def close(self) -> None:
        """Close every connection; the key is gone with them."""
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None

    @property
    def is_open(self) -> bool:
        return self.engine is not None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- sessions --------------------------------------------------------------------
    def new_session(self) -> Session:
        if self.engine is None:
            raise VaultDamagedError(VAULT_LOCKED)
        s = self._sessions()
        s.info["clock"] = self.clock
        s.info["actor"] = self.actor
        return s

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on any error."""
        s = self.new_session()
        try:
            yield s
            s.commit()
        except DBAPIError as exc:
            s.rollback()
            if is_disk_error(exc):
                raise StorageWriteError(DISK_FULL_ON_SAVE) from exc
            if is_damage_error(exc):
                raise VaultDamagedError(DAMAGED_MESSAGE) from exc
            raise
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    # ---- maintenance -----------------------------------------------------------------
    def migrate(self) -> None:
        assert self.engine is not None
        try:
            upgrade_to_head(self.engine)
        except OperationalError as exc:
            if is_disk_error(exc):
                raise StorageWriteError(DISK_FULL_ON_UPGRADE) from exc
            raise

    def vacuum(self) -> bool:
        """Rebuild the database file and empty the WAL, so deleted content leaves the disk.

        ``secure_delete`` already zeroes freed pages; VACUUM also drops the free pages and
        rewrites every table compactly, and the TRUNCATE checkpoint cuts the WAL to zero
        bytes. Runs outside any transaction (the driver is in autocommit mode).

        Returns False when another connection (the app, another command) keeps the
        database busy, so the rebuild or the checkpoint could not finish; run it again
        later. Raises :class:`StorageWriteError` when the disk is full.
        """
        assert self.engine is not None
        raw = self.engine.raw_connection()
        try:
            con = raw.driver_connection
            assert con is not None
            con.execute("VACUUM")
            return self._checkpoint(con)
        except sqlcipher.OperationalError as exc:
            if is_disk_error(exc):
                raise StorageWriteError(DISK_FULL_ON_CLEANUP) from exc
            if is_busy_error(exc):
                return False
            raise
        finally:
            raw.close()

    def checkpoint(self) -> bool:
        """Copy the WAL into the database and cut it to zero bytes (False: still in use)."""
        assert self.engine is not None
        raw = self.engine.raw_connection()
        try:
            con = raw.driver_connection
            assert con is not None
            return self._checkpoint(con)
        finally:
            raw.close()

    @staticmethod
    def _checkpoint(con: Any) -> bool:
        busy, _log, _done = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return int(busy) == 0

    def integrity_report(self) -> dict[str, list[str]]:
        """``PRAGMA integrity_check`` and ``cipher_integrity_check`` results (empty = clean)."""
        assert self.engine is not None
        try:
            with self.engine.connect() as con:
                integrity = [r[0] for r in con.exec_driver_sql("PRAGMA integrity_check")]
                cipher = [r[0] for r in con.exec_driver_sql("PRAGMA cipher_integrity_check")]
        except DBAPIError as exc:
            raise VaultDamagedError(DAMAGED_MESSAGE) from exc
        return {
            "integrity_check": [] if integrity == ["ok"] else integrity,
            "cipher_integrity_check": cipher,
        }

    def change_passphrase(self, old: str, new: str, *, kdf_target_seconds: float = 0.5) -> None:
        """Re-wrap the same database key under a new passphrase (the database is untouched)."""
        keys.check_passphrase_policy(new)
        header = self.read_header(self.paths)
        db_key = keys.unwrap_key(header, old)
        params = keys.KdfParams(
            memory_kib=header.kdf.memory_kib,
            time_cost=keys.calibrate_time_cost(kdf_target_seconds),
            parallelism=header.kdf.parallelism,
            salt=secrets.token_bytes(16),
        )
        new_header = keys.wrap_key(db_key, new, header.vault_id, params)
        write_atomic(self.paths.header, new_header.to_bytes(), overwrite=True)

    def rekey(self, passphrase: str) -> bytes:
        """Give the database a new random key and re-wrap it. Returns the new key.

        Crash-safe order: the new header is written aside first, then the database is
        re-encrypted, then the new header replaces the old one. ``open`` tries the pending
        header when the current one does not fit.
        """
        assert self.engine is not None
        header = self.read_header(self.paths)
        old_key = keys.unwrap_key(header, passphrase)  # proves the passphrase first
        new_key = secrets.token_bytes(keys.KEY_BYTES)
        pending = keys.wrap_key(new_key, passphrase, header.vault_id, header.kdf)
        write_atomic(self.paths.pending_header, pending.to_bytes(), overwrite=True)
        self.engine.dispose()
        con = connect_raw(self.paths.db, old_key)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            con.execute("PRAGMA journal_mode = DELETE").fetchall()
            con.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
            con.execute("PRAGMA journal_mode = WAL").fetchall()
        finally:
            con.close()
        os.replace(self.paths.pending_header, self.paths.header)
        self.engine = make_engine(self.paths.db, new_key)
        self._sessions.configure(bind=self.engine)
        return new_key

"""The vault: one SQLCipher 4 database and its key header, in one data folder.

``Vault.create`` and ``Vault.open`` are the only ways in. A vault holds the engine and
the session factory; ``close()`` disposes every connection and drops the key.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import functools
import hmac
import json
import os
import secrets
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
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
    VaultBusyError,
    VaultDamagedError,
    VaultExistsError,
    VaultNotFoundError,
    WaakvlamError,
    WrongPassphraseError,
)
from waakvlam_desktop.fileio import fsync_folder, write_atomic
from waakvlam_desktop.storage import audit, fts, keys, recovery
from waakvlam_desktop.storage.hooks import install_session_hooks
from waakvlam_desktop.storage.ids import COMPACT_IDS_REVISION
from waakvlam_desktop.storage.lock import APP_ALREADY_OPEN, APP_LOCK_NAME, FileLock
from waakvlam_desktop.storage.migrate import current_revision, head_revision, upgrade
from waakvlam_desktop.storage.models import Setting
from waakvlam_desktop.storage.paths import DB_NAME as DB_NAME
from waakvlam_desktop.storage.paths import HEADER_NAME as HEADER_NAME
from waakvlam_desktop.storage.paths import PENDING_SUFFIX as PENDING_SUFFIX
from waakvlam_desktop.storage.paths import VaultPaths as VaultPaths
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

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
        "Errors",
        "There is no vault in {folder} yet (looked for {path}). Create one with 'waakvlam"
        " init', or put a backup back with 'waakvlam restore FILE'.",
    ),
)
KEY_HEADER_MISSING = Message(
    "vault.key_header_missing",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The vault's key file is missing: looked for {path}, but only the database is there,"
        " and it cannot be opened without that file. Put a backup back with 'waakvlam restore"
        " FILE --replace', or start a new vault in another folder with 'waakvlam init'.",
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

PASSPHRASE_NOT_SAVED = Message(
    "vault.passphrase_not_saved",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The new passphrase could not be checked after saving. Try again with the old"
        " passphrase; if that fails too, the new one opens the vault.",
    ),
)
KEY_CHANGE_FAILED = Message(
    "vault.key_change_failed",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The new key could not be written (the disk is full or unreachable). The vault"
        " still opens with its passphrase; free up space and try again.",
    ),
)

# A seam for fault-injection tests (tests/security/test_key_change_faults.py): called
# with the name of each step of a key change. Production code never sets it.
fault_hook: Callable[[str], None] | None = None


# The organisation's recovery key as the vault trusts it: its public parts in the encrypted
# database (a settings row: audited, and in every backup). The key header's copy must match.
TRUSTED_RECOVERY_SETTING = "recovery_key_public"
RECOVERY_AUDIT_ACTION = "recovery_key"
RECOVERY_REPAIRED = "hersteld: sleutelbestand gewijzigd"
RECOVERY_REMOVED = "verwijderd: sleutelbestand gewijzigd"


def _step(name: str) -> None:
    if fault_hook is not None:
        fault_hook(name)


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


@contextlib.contextmanager
def unit_of_work(s: Session) -> Iterator[Session]:
    """Run ``s`` as one transaction: commit on success, roll back on any error, close.
    A full disk or a damaged file becomes its one-sentence error (the vault and the
    partner store share this)."""
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


def _key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


# SQLCipher checks every page it reads with an HMAC in the page's reserved bytes. SQLCipher
# 4's default, HMAC-SHA512, is what every vault made before 2026-12-04 has; HMAC-SHA256 is
# as strong for this use (a 256-bit tag under a key derived from the database key) and on a
# processor with SHA instructions takes under half the time, the larger part of what a page
# read from disk costs (docs/vault.md). The key header names it (version 2) so that an older
# release says "Update the app"; an open does not rely on that and tries each (a wrong one
# fails on the first page's HMAC, at once), also where only a key is at hand.
PAGE_HMACS = keys.PAGE_HMACS
_HASH_OF = {"HMAC_SHA512": "sha512", "HMAC_SHA256": "sha256"}


@functools.cache
def preferred_page_hmac() -> str:
    """The page HMAC a new vault gets: of :data:`PAGE_HMACS`, the one this machine computes
    fastest over a page (best of 3 short rounds each, a few milliseconds in all)."""
    page, key = bytes(4096), bytes(64)

    def cost(algorithm: str) -> float:
        start = time.perf_counter()
        for _ in range(32):
            hmac.digest(key, page, _HASH_OF[algorithm])
        return time.perf_counter() - start

    best = {a: min(cost(a) for _ in range(3)) for a in PAGE_HMACS}
    return min(PAGE_HMACS, key=best.__getitem__)


def page_hmac_of(con: sqlcipher.Connection) -> str:
    """The page HMAC of an open, keyed connection."""
    return str(con.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0])


_DEFAULT_PAGE_HMAC = threading.Lock()


def vacuum_into(con: sqlcipher.Connection, target: Path) -> None:
    """``VACUUM INTO target``: a compact, consistent copy under the same key and page HMAC.

    SQLCipher gives the file ``VACUUM INTO`` writes its process-wide *default* page HMAC,
    not the source's; so for this one statement the default is the source's (an in-place
    ``VACUUM`` keeps the algorithm by itself). Every connection of ours names its algorithm,
    so no other is affected meanwhile.
    """
    with _DEFAULT_PAGE_HMAC:
        before = con.execute("PRAGMA cipher_default_hmac_algorithm").fetchone()[0]
        con.execute(f"PRAGMA cipher_default_hmac_algorithm = {page_hmac_of(con)}")
        try:
            con.execute("VACUUM INTO ?", (str(target),))
        finally:
            # Never in place of the statement's own error (a full disk says so). Were the
            # default left changed, no connection of ours would notice: each names its own.
            with contextlib.suppress(sqlcipher.Error):
                con.execute(f"PRAGMA cipher_default_hmac_algorithm = {before}")


# Per database file (its absolute path): the page HMAC its last connection was made with.
# It only decides which algorithm is tried first: one open of a vault checks the key
# (settle_headers, _open_locked) and connects the engine, and each would otherwise try the
# preferred algorithm first, in vain on every vault made with the other (1-2 ms a try). A
# file replaced since (a restore) costs one try more, once.
_page_hmac_found: dict[str, str] = {}


def connect_raw(
    db_path: Path, key: bytes | None, page_hmac: str | None = None
) -> sqlcipher.Connection:
    """A DB-API connection with the key applied and checked, plus the standard pragmas.

    ``page_hmac`` (one of :data:`PAGE_HMACS`) when the caller knows it; otherwise an
    existing database is tried with each (first with the one found there last, else
    :func:`preferred_page_hmac`), and a new or empty file gets :func:`preferred_page_hmac`.
    """
    if key is None:
        return _connect(db_path, None, None)
    if page_hmac is not None:
        return _connect(db_path, key, page_hmac)
    preferred = preferred_page_hmac()
    if not db_path.exists() or db_path.stat().st_size == 0:
        return _connect(db_path, key, preferred)
    where = os.fspath(db_path.absolute())
    first = _page_hmac_found.get(where, preferred)
    failed: sqlcipher.DatabaseError | None = None
    for algorithm in sorted(PAGE_HMACS, key=lambda a: a != first):
        try:
            con = _connect(db_path, key, algorithm)
        except sqlcipher.DatabaseError as exc:
            if not _is_not_a_database(exc):
                raise  # a full disk, a busy file: the same under every algorithm
            failed = exc
        else:
            _page_hmac_found[where] = algorithm
            return con
    assert failed is not None
    raise failed


def _is_not_a_database(exc: BaseException) -> bool:
    return "not a database" in str(exc).lower()


def _connect(db_path: Path, key: bytes | None, page_hmac: str | None) -> sqlcipher.Connection:
    _silence_sqlcipher_log()
    con = sqlcipher.connect(str(db_path), check_same_thread=False, timeout=5.0)
    try:
        if key is not None:
            con.execute(_key_pragma(key))
            con.execute(f"PRAGMA cipher_hmac_algorithm = {page_hmac}")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for pragma in CONNECTION_PRAGMAS:
            con.execute(pragma)
        con.execute("PRAGMA journal_mode = WAL").fetchone()
    except sqlcipher.DatabaseError:
        con.close()
        raise
    return con


def make_engine(db_path: Path, key: bytes | None, page_hmac: str | None = None) -> Engine:
    """SQLAlchemy engine over SQLCipher (``key=None``: a plain database, for benchmarks).
    ``page_hmac``: the database's page HMAC when known (a new vault), else each connection
    finds it (:func:`connect_raw`, which tries the one found last first)."""

    def _pooled() -> sqlcipher.Connection:
        return connect_raw(db_path, key, page_hmac)

    engine = create_engine(
        f"sqlite:///{db_path}",
        module=sqlcipher,
        creator=_pooled,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        # The connection returned last is handed out next: each has its own page cache
        # (decrypted pages, cache_size above), so work that follows other work finds the
        # pages it read still there instead of decrypting them again in another connection.
        pool_use_lifo=True,
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
        lock: FileLock | None = None,
        app_lock: FileLock | None = None,
    ) -> None:
        self.paths = paths
        self.vault_id = vault_id
        self.engine: Engine | None = engine
        self.clock = clock
        self.actor: str | None = None
        self._lock = lock
        self._app_lock = app_lock
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
        app: bool = False,
        user_inputs: tuple[str, ...] = (),
    ) -> Vault:
        paths = VaultPaths(Path(data_dir))
        if paths.exists():
            raise VaultExistsError(VAULT_EXISTS, folder=paths.data_dir)
        keys.check_passphrase_policy(passphrase, user_inputs)
        paths.data_dir.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(paths.data_dir, 0o700)
        lock, app_lock = _take_locks(paths, app=app)
        try:
            return cls._create(paths, passphrase, kdf_target_seconds, clock, lock, app_lock)
        except BaseException:
            lock.release()
            if app_lock is not None:
                app_lock.release()
            raise

    @classmethod
    def _create(
        cls,
        paths: VaultPaths,
        passphrase: str,
        kdf_target_seconds: float,
        clock: Clock | None,
        lock: FileLock,
        app_lock: FileLock | None,
    ) -> Vault:
        if paths.exists():  # created by another process while we took the lock
            raise VaultExistsError(VAULT_EXISTS, folder=paths.data_dir)
        db_key = secrets.token_bytes(keys.KEY_BYTES)
        params = keys.KdfParams(
            memory_kib=keys.MIN_MEMORY_KIB,
            time_cost=keys.calibrate_time_cost(kdf_target_seconds),
            parallelism=keys.PARALLELISM,
            salt=secrets.token_bytes(16),
        )
        vault_id = str(uuid.uuid4())
        page_hmac = preferred_page_hmac()
        header = keys.wrap_key(db_key, passphrase, vault_id, params, page_hmac=page_hmac)
        write_atomic(paths.header, header.to_bytes(), overwrite=True)
        engine = make_engine(paths.db, db_key, page_hmac)
        vault = cls(paths, vault_id, engine, clock or SystemClock(), lock, app_lock)
        vault.migrate()
        return vault

    @classmethod
    def open(
        cls,
        data_dir: Path,
        passphrase: str,
        *,
        clock: Clock | None = None,
        app: bool = False,
        unwrap: Callable[[keys.KeyHeader, str], bytes] | None = None,
        on_upgrade: Callable[[], None] | None = None,
    ) -> Vault:
        """Open with the passphrase. A key change a crash interrupted is settled first.

        ``unwrap`` derives the database key from a header (a ``keys.Unwrapper`` may
        have done so already, while this code was loading). ``on_upgrade`` is called
        before a vault of an older version is upgraded (which can take a minute)."""
        paths = VaultPaths(Path(data_dir))
        cls.read_header(paths)  # a missing vault says so before any lock file is made
        lock, app_lock = _take_locks(paths, app=app)
        try:
            header, db_key = settle_headers(paths, passphrase, unwrap)
            return cls._open_locked(
                paths, db_key, header.vault_id, clock, lock, app_lock, on_upgrade
            )
        except BaseException:
            lock.release()
            if app_lock is not None:
                app_lock.release()
            raise

    @classmethod
    def open_with_key(
        cls,
        data_dir: Path,
        db_key: bytes,
        *,
        vault_id: str | None = None,
        clock: Clock | None = None,
        app: bool = False,
        on_upgrade: Callable[[], None] | None = None,
    ) -> Vault:
        """Open with the database key itself (the OS keyring); ``on_upgrade`` as in
        :meth:`open`."""
        paths = VaultPaths(Path(data_dir))
        if vault_id is None:
            vault_id = cls.read_header(paths).vault_id
        if not paths.db.exists():
            raise VaultDamagedError(DATABASE_MISSING, folder=paths.data_dir)
        lock, app_lock = _take_locks(paths, app=app)
        try:
            return cls._open_locked(paths, db_key, vault_id, clock, lock, app_lock, on_upgrade)
        except BaseException:
            lock.release()
            if app_lock is not None:
                app_lock.release()
            raise

    @classmethod
    def _open_locked(
        cls,
        paths: VaultPaths,
        db_key: bytes,
        vault_id: str,
        clock: Clock | None,
        lock: FileLock,
        app_lock: FileLock | None,
        on_upgrade: Callable[[], None] | None = None,
    ) -> Vault:
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
        vault = cls(paths, vault_id, engine, clock or SystemClock(), lock, app_lock)
        try:
            vault.migrate(on_upgrade)
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
        try:
            vault._check_recovery(db_key)
        except BaseException:
            vault.close()
            raise
        return vault

    @staticmethod
    def read_header(paths: VaultPaths) -> keys.KeyHeader:
        if not paths.header.exists():
            if paths.db.exists() or paths.pending_header.exists():
                raise VaultNotFoundError(KEY_HEADER_MISSING, path=paths.header)
            raise VaultNotFoundError(VAULT_NOT_FOUND, folder=paths.data_dir, path=paths.header)
        try:
            raw = paths.header.read_bytes()
        except OSError as exc:
            raise VaultDamagedError(keys.KEY_FILE_DAMAGED) from exc
        return keys.KeyHeader.from_bytes(raw)

    @staticmethod
    def _read_pending(paths: VaultPaths) -> keys.KeyHeader | None:
        if not paths.pending_header.exists():
            return None
        try:
            return keys.KeyHeader.from_bytes(paths.pending_header.read_bytes())
        except VaultDamagedError:
            return None

    def close(self) -> None:
        """Close every connection (the key is gone with them) and drop the locks."""
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None
        if self._lock is not None:
            self._lock.release()
        if self._app_lock is not None:
            self._app_lock.release()

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
        with unit_of_work(self.new_session()) as s:
            yield s

    # ---- maintenance -----------------------------------------------------------------
    def migrate(self, on_upgrade: Callable[[], None] | None = None) -> None:
        """Upgrade the database to this version's schema (``on_upgrade`` is called first
        when there is anything to do). After the upgrade that stores ids as 16 bytes
        (0019) the file is rebuilt at once, so it is a third smaller from then on.

        An upgrade holds the vault lock exclusively (:class:`VaultBusyError` while another
        window or command has the vault open): a process of this or an older version
        reading or writing during the rewrite would fail, or write ids in the old form
        that this version never finds."""
        assert self.engine is not None
        try:
            if current_revision(self.engine) != head_revision():
                with self._exclusive():
                    self._upgrade(on_upgrade)
            fts.ensure_secure_delete(self.engine)
        except OperationalError as exc:
            if is_disk_error(exc):
                raise StorageWriteError(DISK_FULL_ON_UPGRADE) from exc
            raise

    def _upgrade(self, on_upgrade: Callable[[], None] | None) -> None:
        assert self.engine is not None
        before = current_revision(self.engine)  # again: another process may have done it
        head = head_revision()
        if before == head:
            return
        if on_upgrade is not None and before is not None and before < head:
            on_upgrade()
        upgrade(self.engine, "head")
        if before is not None and before < COMPACT_IDS_REVISION:
            # A full disk leaves the file its size until the next VACUUM (a retention
            # run); the vault itself is upgraded and opens.
            with contextlib.suppress(StorageWriteError):
                self.vacuum()

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
        """What ``PRAGMA integrity_check``, ``cipher_integrity_check`` and
        ``foreign_key_check`` find (each list empty = clean).

        Foreign keys are enforced on every connection, so a row that points at a row that is
        not there was written around the app (``foreign_keys`` off) or by a fault. Queries
        that join a row to what it points at (Vandaag's referrals, docs/benchmarks.md) rest
        on there being none. Each finding reads ``table.column -> parent: count``, the count
        of rows whose ``column`` points at no row of ``parent``.
        """
        assert self.engine is not None
        try:
            with self.engine.connect() as con:
                integrity = [r[0] for r in con.exec_driver_sql("PRAGMA integrity_check")]
                cipher = [r[0] for r in con.exec_driver_sql("PRAGMA cipher_integrity_check")]
                broken = con.exec_driver_sql("PRAGMA foreign_key_check").all()
                columns = {
                    (table, fk_id): column
                    for table in {str(r[0]) for r in broken}
                    for fk_id, column in con.exec_driver_sql(
                        'SELECT id, "from" FROM pragma_foreign_key_list(?)', (table,)
                    )
                }
        except DBAPIError as exc:
            raise VaultDamagedError(DAMAGED_MESSAGE) from exc
        dangling = Counter(
            (f"{table}.{columns.get((str(table), fk_id), '?')}", str(parent))
            for table, _rowid, parent, fk_id in broken
        )
        return {
            "integrity_check": [] if integrity == ["ok"] else integrity,
            "cipher_integrity_check": cipher,
            "foreign_key_check": [f"{c} -> {p}: {n}" for (c, p), n in sorted(dangling.items())],
        }

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        """Hold the vault lock exclusively: no other process has the vault open."""
        if self._lock is None:
            self._lock = FileLock(self.paths.data_dir)
        previous = self._lock.mode
        self._lock.acquire("exclusive")
        try:
            yield
        finally:
            if previous is None:
                self._lock.release()
            else:
                with contextlib.suppress(WaakvlamError):
                    self._lock.acquire(previous)

    def change_passphrase(
        self,
        old: str,
        new: str,
        *,
        kdf_target_seconds: float = 0.5,
        user_inputs: tuple[str, ...] = (),
    ) -> None:
        """Re-wrap the same database key under a new passphrase (the database is untouched).

        One atomic replace of the header: a crash leaves the old header or the new one.
        The header is read back and must open the database with ``new`` before this
        returns; otherwise :data:`PASSPHRASE_NOT_SAVED`, never a silent success.
        """
        keys.check_passphrase_policy(new, user_inputs)
        with self._exclusive():
            header, db_key = settle_headers(self.paths, old)
            params = keys.KdfParams(
                memory_kib=header.kdf.memory_kib,
                time_cost=keys.calibrate_time_cost(kdf_target_seconds),
                parallelism=header.kdf.parallelism,
                salt=secrets.token_bytes(16),
            )
            wrap = self._trusted_wrap(header, db_key)
            new_header = keys.wrap_key(
                db_key, new, header.vault_id, params, wrap, page_hmac=header.page_hmac
            )
            _step("passwd:start")
            try:
                write_atomic(self.paths.header, new_header.to_bytes(), overwrite=True)
            except OSError as exc:
                raise StorageWriteError(KEY_CHANGE_FAILED) from exc
            _step("passwd:written")
            try:
                check = keys.unwrap_key(self.read_header(self.paths), new)
                fits = check == db_key and _key_fits(self.paths, check)
            except (WrongPassphraseError, VaultDamagedError, OSError):
                fits = False
            if not fits:
                raise VaultDamagedError(PASSPHRASE_NOT_SAVED)

    def set_recovery(self, passphrase: str, public: recovery.RecoveryPublic | None) -> None:
        """Add (or with ``None`` remove) the wrap of the database key to the organisation's
        recovery key; the passphrase wrap stays as it is. One atomic replace of the header,
        read back before this returns (like :meth:`change_passphrase`)."""
        with self._exclusive():
            header, db_key = settle_headers(self.paths, passphrase)
            wrap = recovery.make_wrap(public, db_key) if public is not None else None
            # The database copy first: a crash before the header is written leaves a header
            # the next open repairs from it (never a header the database does not confirm).
            self._store_trusted(public)
            new_header = dataclasses.replace(header, recovery=wrap)
            _step("recovery:start")
            try:
                write_atomic(self.paths.header, new_header.to_bytes(), overwrite=True)
            except OSError as exc:
                raise StorageWriteError(KEY_CHANGE_FAILED) from exc
            _step("recovery:written")
            try:
                check = self.read_header(self.paths)
                fits = keys.unwrap_key(check, passphrase) == db_key and check.recovery == wrap
            except (WrongPassphraseError, VaultDamagedError, OSError):
                fits = False
            if not fits:
                raise VaultDamagedError(PASSPHRASE_NOT_SAVED)

    def recovery_wrap(self) -> keys.RecoveryWrap | None:
        """The organisation's wrap in the key header when it is the one the database
        trusts (None: the organisation cannot recover this vault from its backups)."""
        wrap = self.read_header(self.paths).recovery
        trusted = self.trusted_recovery()
        if wrap is None or trusted is None or not _same_key(wrap, trusted):
            return None
        return wrap

    def trusted_recovery(self) -> recovery.RecoveryPublic | None:
        """The recovery key set with :meth:`set_recovery`, from the encrypted database."""
        with self.session() as s:
            row = s.get(Setting, TRUSTED_RECOVERY_SETTING)
            value = None if row is None else row.value_json
        if value is None:
            return None
        doc = json.loads(value)
        if not isinstance(doc, dict):
            return None
        public = recovery.RecoveryPublic(
            str(doc["recipient"]), base64.b64decode(str(doc["notice_key"]), validate=True)
        )
        if public.key_id != doc.get("key_id"):
            raise VaultDamagedError(DAMAGED_MESSAGE)
        return public

    def _store_trusted(self, public: recovery.RecoveryPublic | None) -> None:
        with self.session() as s:
            row = s.get(Setting, TRUSTED_RECOVERY_SETTING)
            if public is None:
                if row is not None:
                    s.delete(row)
                return
            value = json.dumps(
                {
                    "recipient": public.recipient,
                    "key_id": public.key_id,
                    "notice_key": base64.b64encode(public.notice_key).decode("ascii"),
                },
                sort_keys=True,
            )
            if row is None:
                s.add(Setting(key=TRUSTED_RECOVERY_SETTING, value_json=value))
            else:
                row.value_json = value

    def _trusted_wrap(self, header: keys.KeyHeader, db_key: bytes) -> keys.RecoveryWrap | None:
        """The recovery field a header wrapping ``db_key`` must carry: the header's own
        when it matches the database copy and its MAC verifies, else a fresh wrap to the
        trusted key (None when the vault has no recovery key)."""
        trusted = self.trusted_recovery()
        if trusted is None:
            return None
        wrap = header.recovery
        if wrap is not None and _same_key(wrap, trusted) and wrap.verify(db_key):
            return wrap
        return recovery.make_wrap(trusted, db_key)

    def _check_recovery(self, db_key: bytes) -> None:
        """At every open: the header's recovery field must be the one the database trusts,
        MAC'd with this database key. If not (someone with write access to the vault folder
        edited, planted or removed it), the header is rewritten from the database copy and
        the audit log says so. Skipped while a key change is unsettled or another process
        has the vault open (the next open repairs; key changes and notices use the
        database copy meanwhile)."""
        if self.paths.pending_header.exists():
            return
        header = self.read_header(self.paths)
        wrap = self._trusted_wrap(header, db_key)
        if wrap is header.recovery:
            return
        detail = RECOVERY_REMOVED if wrap is None else RECOVERY_REPAIRED
        try:
            with self._exclusive():
                header = self.read_header(self.paths)
                fixed = dataclasses.replace(header, recovery=wrap)
                write_atomic(self.paths.header, fixed.to_bytes(), overwrite=True)
        except (VaultBusyError, OSError):
            return
        with self.session() as s:
            audit.record(s, RECOVERY_AUDIT_ACTION, "vault", self.vault_id, detail=detail)

    def rekey(self, passphrase: str) -> bytes:
        """Give the database a new random key and re-wrap it. Returns the new key.

        Crash-safe order: the new header is written aside (``vault.key.json.pending``),
        the database is re-encrypted in one transaction (rollback journal), then the
        pending header replaces the old one. A crash at any point leaves a database that
        fits the header or the pending header; :func:`settle_headers` (every open with the
        passphrase) finds which, and promotes the pending header or removes it.
        """
        assert self.engine is not None
        with self._exclusive():
            header, old_key = settle_headers(self.paths, passphrase)
            new_key = secrets.token_bytes(keys.KEY_BYTES)
            # The organisation's wrap follows the new key: to the recovery key the database
            # trusts, never to whatever the header file names.
            trusted = self.trusted_recovery()
            wrap = recovery.make_wrap(trusted, new_key) if trusted is not None else None
            pending = keys.wrap_key(
                new_key, passphrase, header.vault_id, header.kdf, wrap, page_hmac=header.page_hmac
            )
            _step("rekey:start")
            try:
                write_atomic(self.paths.pending_header, pending.to_bytes(), overwrite=True)
            except OSError as exc:
                raise StorageWriteError(KEY_CHANGE_FAILED) from exc
            _step("rekey:pending-written")
            self.engine.dispose()
            self.engine = None
            try:
                self._reencrypt(old_key, new_key)
            except (sqlcipher.Error, OSError) as exc:
                self._undo_rekey(old_key)
                if is_disk_error(exc) or isinstance(exc, OSError):
                    raise StorageWriteError(KEY_CHANGE_FAILED) from exc
                raise VaultDamagedError(DAMAGED_MESSAGE) from exc
            _promote(self.paths)
            _step("rekey:promoted")
            self.engine = make_engine(self.paths.db, new_key)
            self._sessions.configure(bind=self.engine)
            return new_key

    def _reencrypt(self, old_key: bytes, new_key: bytes) -> None:
        con = connect_raw(self.paths.db, old_key)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            _step("rekey:checkpointed")
            # PRAGMA rekey needs a rollback journal: the journal holds the old pages under
            # the old key, so a crash mid-way rolls back on the next open with the old key.
            con.execute("PRAGMA journal_mode = DELETE").fetchall()
            _step("rekey:journal-delete")
            con.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
            _step("rekey:reencrypted")
            con.execute("PRAGMA journal_mode = WAL").fetchall()
            _step("rekey:journal-wal")
        finally:
            con.close()

    def _undo_rekey(self, old_key: bytes) -> None:
        """After a failed re-encryption: back to the old key, if the database still has it."""
        try:
            connect_raw(self.paths.db, old_key).close()
        except sqlcipher.Error:
            return  # leave the pending header: the next open settles it
        with contextlib.suppress(OSError):
            self.paths.pending_header.unlink()
        self.engine = make_engine(self.paths.db, old_key)
        self._sessions.configure(bind=self.engine)


def _same_key(wrap: keys.RecoveryWrap, trusted: recovery.RecoveryPublic) -> bool:
    return (
        wrap.recipient == trusted.recipient
        and wrap.key_id == trusted.key_id
        and wrap.notice_key == trusted.notice_key
    )


def _take_locks(paths: VaultPaths, *, app: bool) -> tuple[FileLock, FileLock | None]:
    """The shared vault lock, and for the desktop app also the one-window lock."""
    app_lock: FileLock | None = None
    if app:
        app_lock = FileLock(paths.data_dir, APP_LOCK_NAME, busy=APP_ALREADY_OPEN)
        app_lock.acquire("exclusive")
    try:
        lock = FileLock(paths.data_dir).acquire("shared")
    except BaseException:
        if app_lock is not None:
            app_lock.release()
        raise
    return lock, app_lock


def _key_fits(paths: VaultPaths, db_key: bytes) -> bool:
    """Does ``db_key`` open the database? (Reading page 1 also rolls back a hot journal.)"""
    try:
        connect_raw(paths.db, db_key).close()
    except sqlcipher.Error:
        return False
    return True


def _promote(paths: VaultPaths) -> None:
    """The pending header becomes the header (atomic replace, then the folder is synced)."""
    with contextlib.suppress(FileNotFoundError):  # another opener promoted it already
        os.replace(paths.pending_header, paths.header)
    fsync_folder(paths.data_dir)


def _remove_stale_temp_headers(paths: VaultPaths) -> None:
    """Temporary header files a crash left behind (see fileio.write_atomic)."""
    for tmp in paths.data_dir.glob(f".{HEADER_NAME}*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()


def settle_headers(
    paths: VaultPaths,
    passphrase: str,
    unwrap: Callable[[keys.KeyHeader, str], bytes] | None = None,
) -> tuple[keys.KeyHeader, bytes]:
    """The header that fits the database, and the database key it wraps.

    Normally that is ``vault.key.json``. After a key change a crash interrupted there may
    be a pending header as well; the caller holds the vault lock, so no key change is
    running, and the one whose key opens the database wins: a fitting pending header is
    promoted, a stale one removed. The current header is tried first: after a crash in
    the middle of the re-encryption its key rolls the journal back.
    """
    unwrap = unwrap or keys.unwrap_key
    header = Vault.read_header(paths)
    pending = Vault._read_pending(paths)
    if not paths.db.exists():
        raise VaultDamagedError(DATABASE_MISSING, folder=paths.data_dir)
    last_error: WaakvlamError | None = None
    for candidate in [header] if pending is None else [header, pending]:
        try:
            db_key = unwrap(candidate, passphrase)
        except (WrongPassphraseError, VaultDamagedError) as exc:
            last_error = exc
            continue
        try:
            connect_raw(paths.db, db_key).close()
        except sqlcipher.DatabaseError as exc:
            if is_disk_error(exc):
                raise StorageWriteError(DISK_FULL_ON_OPEN) from exc
            last_error = VaultDamagedError(DAMAGED_OR_WRONG_KEY)
            continue
        if candidate is pending:
            _promote(paths)
        elif pending is not None or paths.pending_header.exists():
            with contextlib.suppress(FileNotFoundError):
                paths.pending_header.unlink()
            fsync_folder(paths.data_dir)
        _remove_stale_temp_headers(paths)
        return candidate, db_key
    assert last_error is not None
    raise last_error

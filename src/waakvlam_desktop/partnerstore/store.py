"""The partner store: one SQLCipher file and its key header in the partner's data folder.

The same code as the corporation's vault (``storage/vault.py``: the SQLCipher engine and
its pragmas; ``storage/keys.py``: Argon2id wrap of a random database key; ``storage/
strength.py``: the passphrase policy; ``storage/lock.py``: one app at a time), over the
partner's own tables (:mod:`.schema`). The file names differ from the vault's, so a
partner store is never mistaken for a vault or the other way round.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from waakvlam_desktop.clock import Clock, SystemClock
from waakvlam_desktop.errors import (
    VaultDamagedError,
    VaultExistsError,
    VaultNotFoundError,
)
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.partnerstore import schema
from waakvlam_desktop.storage import keys
from waakvlam_desktop.storage.lock import FileLock
from waakvlam_desktop.storage.vault import (
    DAMAGED_OR_WRONG_KEY,
    VAULT_LOCKED,
    connect_raw,
    make_engine,
    preferred_page_hmac,
    unit_of_work,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

DB_NAME = "partner.db"
HEADER_NAME = "partner.key.json"
LOCK_NAME = "partner.lock"

STORE_EXISTS = Message(
    "partner_store.exists",
    QT_TRANSLATE_NOOP("Errors", "There is already a partner store in {folder}."),
)
STORE_NOT_FOUND = Message(
    "partner_store.not_found",
    QT_TRANSLATE_NOOP("Errors", "There is no partner store in {folder}."),
)
STORE_IN_USE = Message(
    "partner_store.in_use",
    QT_TRANSLATE_NOOP(
        "Errors", "The partner app is already open in another window. Close that one first."
    ),
)
STORE_NEWER = Message(
    "partner_store.newer",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This partner store was made by a newer Waakvlam (version {version}). Update the app.",
    ),
)


@dataclass(frozen=True, slots=True)
class StorePaths:
    data_dir: Path

    @property
    def db(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def header(self) -> Path:
        return self.data_dir / HEADER_NAME

    def exists(self) -> bool:
        return self.header.exists() or self.db.exists()


def _migrate(engine: Engine) -> None:
    with engine.begin() as con:
        version = int(con.execute(text("PRAGMA user_version")).scalar_one())
        if version > schema.VERSION:
            raise VaultDamagedError(STORE_NEWER, version=version)
        for number in range(version + 1, schema.VERSION + 1):
            schema.STEPS[number - 1](con)
            con.execute(text(f"PRAGMA user_version = {number}"))


class PartnerStore:
    """An open partner store. :meth:`create` or :meth:`open`; :meth:`close` when done."""

    def __init__(self, paths: StorePaths, engine: Engine, clock: Clock, lock: FileLock) -> None:
        self.paths = paths
        self.engine: Engine | None = engine
        self.clock = clock
        self._lock = lock
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return StorePaths(Path(data_dir)).exists()

    @classmethod
    def create(
        cls,
        data_dir: Path,
        passphrase: str,
        *,
        kdf_target_seconds: float = 0.5,
        clock: Clock | None = None,
    ) -> PartnerStore:
        """A new, empty store (the keys are made by ``service.first_run``)."""
        paths = StorePaths(Path(data_dir))
        if paths.exists():
            raise VaultExistsError(STORE_EXISTS, folder=paths.data_dir)
        keys.check_passphrase_policy(passphrase)
        paths.data_dir.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(paths.data_dir, 0o700)
        lock = FileLock(paths.data_dir, LOCK_NAME, busy=STORE_IN_USE).acquire("exclusive")
        try:
            db_key = secrets.token_bytes(keys.KEY_BYTES)
            params = keys.KdfParams(
                memory_kib=keys.MIN_MEMORY_KIB,
                time_cost=keys.calibrate_time_cost(kdf_target_seconds),
                parallelism=keys.PARALLELISM,
                salt=secrets.token_bytes(16),
            )
            page_hmac = preferred_page_hmac()
            header = keys.wrap_key(
                db_key, passphrase, str(uuid.uuid4()), params, page_hmac=page_hmac
            )
            write_atomic(paths.header, header.to_bytes())
            engine = make_engine(paths.db, db_key, page_hmac)
            _migrate(engine)
        except BaseException:
            lock.release()
            raise
        return cls(paths, engine, clock or SystemClock(), lock)

    @classmethod
    def open(cls, data_dir: Path, passphrase: str, *, clock: Clock | None = None) -> PartnerStore:
        paths = StorePaths(Path(data_dir))
        if not paths.header.exists() or not paths.db.exists():
            raise VaultNotFoundError(STORE_NOT_FOUND, folder=paths.data_dir)
        try:
            raw = paths.header.read_bytes()
        except OSError as exc:
            raise VaultDamagedError(keys.KEY_FILE_DAMAGED) from exc
        header = keys.KeyHeader.from_bytes(raw)
        lock = FileLock(paths.data_dir, LOCK_NAME, busy=STORE_IN_USE).acquire("exclusive")
        try:
            db_key = keys.unwrap_key(header, passphrase)
            try:
                connect_raw(paths.db, db_key).close()
            except sqlcipher.DatabaseError as exc:
                raise VaultDamagedError(DAMAGED_OR_WRONG_KEY) from exc
            engine = make_engine(paths.db, db_key)
            try:
                _migrate(engine)
            except BaseException:
                engine.dispose()
                raise
        except BaseException:
            lock.release()
            raise
        return cls(paths, engine, clock or SystemClock(), lock)

    def close(self) -> None:
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None
        self._lock.release()

    @property
    def is_open(self) -> bool:
        return self.engine is not None

    def __enter__(self) -> PartnerStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: commits on success, rolls back on any error."""
        if self.engine is None:
            raise VaultDamagedError(VAULT_LOCKED)
        s = self._sessions()
        s.info["clock"] = self.clock
        with unit_of_work(s):
            yield s

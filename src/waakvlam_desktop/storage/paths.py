"""Where a vault's files are: a data folder with the database and its key header.

Apart from :mod:`waakvlam_desktop.storage.vault` so that the desktop app can tell whether
a vault exists, and show its unlock screen, before the database code is loaded (#16).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from waakvlam_desktop.storage.lock import LOCK_NAME

DB_NAME = "vault.db"
HEADER_NAME = "vault.key.json"
PENDING_SUFFIX = ".pending"


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

    @property
    def lock(self) -> Path:
        return self.data_dir / LOCK_NAME

    def related_files(self) -> list[Path]:
        """Every file that belongs to the vault (database, WAL, SHM, headers)."""
        names = [DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", DB_NAME + "-journal"]
        names += [HEADER_NAME, HEADER_NAME + PENDING_SUFFIX]
        return [self.data_dir / n for n in names if (self.data_dir / n).exists()]

"""One writer at a time: advisory locks on lock files in the vault's data folder.

``vault.lock`` is held by every process that has the vault open: *shared* for ordinary
work (the app, a CLI command; SQLite already serialises their transactions), *exclusive*
for what must not run beside anything else: ``rekey``, ``passwd`` and ``restore``.
``vault.app.lock`` is held exclusively by the desktop app, so a second window on the same
vault is refused instead of fighting over it.

The locks are ``flock`` locks (POSIX) or byte-range locks (Windows): the kernel drops them
when the process ends, however it ends, so a crash never leaves a stale lock behind that
blocks the next start. The lock files themselves stay (deleting a lock file races with
another process opening it) and hold nothing. Locking never waits: a lock held elsewhere
is one clear sentence, at once.

Windows has no shared byte-range lock in ``msvcrt``: there a shared lock is not taken,
and only exclusive holders (key changes, restore, the app) exclude each other.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Literal

from waakvlam_desktop.errors import VaultBusyError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

_HAVE_FCNTL = sys.platform != "win32"

LOCK_NAME = "vault.lock"
APP_LOCK_NAME = "vault.app.lock"
Mode = Literal["shared", "exclusive"]

VAULT_IN_USE = Message(
    "vault.in_use",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The vault is open in another window or command. Close the app and wait for other"
        " commands to finish, then try again; nothing was changed.",
    ),
)
APP_ALREADY_OPEN = Message(
    "vault.app_already_open",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Waakvlam already has this vault open in another window. Use that window, or close it"
        " first.",
    ),
)


class FileLock:
    """A non-blocking advisory lock on ``folder / name``; ``release`` (or exit) drops it."""

    def __init__(self, folder: Path, name: str = LOCK_NAME, *, busy: Message = VAULT_IN_USE):
        self.path = Path(folder) / name
        self.busy = busy
        self.mode: Mode | None = None
        self._fd: int | None = None

    def acquire(self, mode: Mode = "shared") -> FileLock:
        """Take (or convert to) ``mode``; :class:`VaultBusyError` when held elsewhere."""
        if self._fd is None:
            flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
            self._fd = os.open(self.path, flags, 0o600)
        try:
            _lock(self._fd, mode, converting=self.mode is not None)
        except OSError:
            if self.mode is None:
                self._close()
            elif _HAVE_FCNTL:
                # A failed conversion can leave no lock at all: take back what we had.
                with contextlib.suppress(OSError):
                    _lock(self._fd, self.mode, converting=True)
            raise VaultBusyError(self.busy) from None
        self.mode = mode
        return self

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                _unlock(self._fd, self.mode)
            self._close()
        self.mode = None

    def _close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self.mode is not None

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - Windows
    import msvcrt

    def _lock(fd: int, mode: Mode, *, converting: bool) -> None:
        if converting:
            with contextlib.suppress(OSError):
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        if mode == "exclusive":
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int, mode: Mode | None) -> None:
        if mode == "exclusive":
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int, mode: Mode, *, converting: bool) -> None:
        kind = fcntl.LOCK_EX if mode == "exclusive" else fcntl.LOCK_SH
        fcntl.flock(fd, kind | fcntl.LOCK_NB)

    def _unlock(fd: int, mode: Mode | None) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

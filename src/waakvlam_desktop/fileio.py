"""The one way the app writes a file: atomic, private, durable.

Every file the app writes (key header, letters, CSV, reports, backups, bundles, inzage)
goes through :func:`write_atomic`:

- the bytes go to a temporary file with a unique name in the target's own folder, opened
  with ``O_CREAT | O_EXCL | O_NOFOLLOW`` (never through a link someone planted);
- mode 0600 unless the caller says otherwise (letters and CSV files hold personal data);
- the file and then its folder are fsynced, so a power cut leaves the old file or the new
  one, never half of either;
- an existing file is replaced only when the caller asks (``overwrite=True``); otherwise
  :class:`FileExistsError`, and nothing is written;
- on any failure the temporary file is removed: no half-written copy stays behind.

:func:`atomic_folder` does the same for a folder of files (an inzage report, an opened
bundle): built in a hidden temporary folder beside the target, renamed on success.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

PRIVATE = 0o600
PUBLIC = 0o644  # public keys only: nothing personal
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(
    path: Path | str, data: bytes, *, mode: int = PRIVATE, overwrite: bool = False
) -> Path:
    """Write ``data`` to ``path`` atomically and durably; returns the path written.

    Raises :class:`FileExistsError` when ``path`` exists and ``overwrite`` is false, and
    :class:`OSError` for a full disk, a missing folder or no permission; in every case the
    target is unchanged and no temporary file remains.
    """
    with atomic_writer(path, mode=mode, overwrite=overwrite) as fh:
        fh.write(data)
    return Path(path).expanduser()


@contextlib.contextmanager
def atomic_writer(
    path: Path | str, *, mode: int = PRIVATE, overwrite: bool = False
) -> Iterator[BinaryIO]:
    """:func:`write_atomic` for data written in pieces (a backup copied in chunks)."""
    target = Path(path).expanduser()
    if not overwrite and os.path.lexists(target):
        raise FileExistsError(target)
    tmp = _temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, target)
        else:
            _rename_no_replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_folder(target.parent)


def _rename_no_replace(tmp: Path, target: Path) -> None:
    """Move ``tmp`` to ``target`` unless ``target`` exists (then FileExistsError).

    A hard link is the atomic "create only if absent" on POSIX and NTFS; where links are
    not supported (FAT, some network shares) a check-then-rename is the best there is.
    """
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:
        if os.path.lexists(target):
            raise FileExistsError(target) from None
        os.replace(tmp, target)
        return
    tmp.unlink()


@contextlib.contextmanager
def atomic_folder(target: Path | str, *, mode: int = 0o700) -> Iterator[Path]:
    """Build a folder in a hidden temporary folder beside ``target``; rename it on success.

    Files written inside should use :func:`write_atomic` (private and fsynced). ``target``
    must not exist yet (FileExistsError); on any failure nothing remains.
    """
    final = Path(target).expanduser()
    if os.path.lexists(final):
        raise FileExistsError(final)
    tmp = final.with_name(f".{final.name}.{secrets.token_hex(6)}.tmp")
    tmp.mkdir(mode=mode)
    try:
        yield tmp
        fsync_folder(tmp)
        os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    with contextlib.suppress(OSError):
        os.chmod(final, mode)
    fsync_folder(final.parent)

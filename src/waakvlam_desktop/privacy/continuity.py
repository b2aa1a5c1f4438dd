"""Continuity when a colleague is suddenly away (docs/continuity.md).

- **Team-folder backups**: :func:`backup_to_folder` writes one backup (the format of
  :mod:`privacy.backup`) into the team folder under a name that sorts by time, and keeps
  the last N of this vault; :func:`due_folder_backup` says whether one is due (the app
  asks at lock and on its daily timer; :func:`backup_if_due` does both). Every backup
  carries the key header, so it opens with the staff passphrase or, when the vault has
  one, with the organisation's recovery key.
- **Recovery**: :func:`recover_backup` rebuilds the recovery key from SLIP-39 shares,
  opens a backup with it and writes a new vault under a new passphrase. The new vault
  gets its own vault id and a fresh database key (``rekey``) and records the recovery in
  its audit log (action ``recovery``, listed in inzage reports); a notice signed with the
  recovery key goes into the team folder.
- **Notices**: :func:`pending_recovery_notices` is what the original vault's app calls at
  unlock: the signed notices about *this* vault it has not acknowledged yet;
  :func:`acknowledge_recovery_notices` marks them seen.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyrage
from sqlalchemy.orm import Session

from waakvlam_desktop import config
from waakvlam_desktop.clock import from_utc_text, utc_naive, utc_text
from waakvlam_desktop.domain.settings import load_settings
from waakvlam_desktop.errors import BackupError, RecoveryError, VaultExistsError
from waakvlam_desktop.fileio import PUBLIC, atomic_folder, write_atomic
from waakvlam_desktop.privacy.backup import (
    VAULT_EXISTS,
    BackupInfo,
    create_backup,
    install_backup,
    parse_backup,
)
from waakvlam_desktop.storage import audit, keys, recovery
from waakvlam_desktop.storage.models import Setting
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

BACKUP_SUFFIX = ".wvbackup"
NOTICE_PREFIX = "waakvlam-herstel-"
NOTICE_FORMAT = "waakvlam-recovery-notice"
LAST_FOLDER_BACKUP_KEY = "last_folder_backup_at"
NOTICES_SEEN_KEY = "recovery_notices_seen"
RECOVERY_ACTION = "recovery"
MAX_NOTICE_BYTES = 64 * 1024

TEAM_FOLDER_MISSING = Message(
    "continuity.team_folder_missing",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The team folder {folder} cannot be found (is the network share connected?). No"
        " backup was made.",
    ),
)
TEAM_FOLDER_NOT_WRITABLE = Message(
    "continuity.team_folder_not_writable",
    QT_TRANSLATE_NOOP(
        "Errors", "Waakvlam may not write in the team folder {folder}. No backup was made."
    ),
)
TEAM_FOLDER_FULL = Message(
    "continuity.team_folder_full",
    QT_TRANSLATE_NOOP(
        "Errors", "The team folder {folder} is full. No backup was made; nothing was left behind."
    ),
)
NO_RECOVERY_WRAP = Message(
    "continuity.no_recovery_wrap",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This backup was made before the organisation's recovery key was set on the vault: it"
        " opens only with the staff member's passphrase. Nothing was written.",
    ),
)
OTHER_RECOVERY_KEY = Message(
    "continuity.other_recovery_key",
    QT_TRANSLATE_NOOP(
        "Errors",
        "These shares belong to another recovery key (key id {given}); this backup needs key"
        " id {needed}. Nothing was written.",
    ),
)
REASON_REQUIRED = Message(
    "continuity.reason_required",
    QT_TRANSLATE_NOOP(
        "Errors", "Give the reason for this recovery (--reason), without residents' data."
    ),
)
KEY_FOLDER_NOT_EMPTY = Message(
    "continuity.key_folder_not_empty",
    QT_TRANSLATE_NOOP(
        "Errors", "{folder} already exists and is not empty. Choose a new folder for the key."
    ),
)
KEY_FOLDER_NOT_WRITABLE = Message(
    "continuity.key_folder_not_writable",
    QT_TRANSLATE_NOOP("Errors", "The folder {folder} cannot be written. Nothing was written."),
)
NOTICE_FOLDER_NOT_WRITABLE = Message(
    "continuity.notice_folder_not_writable",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The notice about this recovery cannot be written in {folder}; a recovery is never"
        " silent, so nothing was written. Use --notice-dir with the team folder.",
    ),
)


# ---- making the recovery key ----------------------------------------------------------------
PUBLIC_FILE = "recovery.pub"


@dataclass(frozen=True, slots=True)
class RecoveryKeyFiles:
    folder: Path
    public_file: Path
    key_id: str
    recipient: str
    shares: int
    threshold: int
    pdfs: tuple[Path, ...]
    texts: tuple[Path, ...]


def create_recovery_key(
    out_dir: Path, *, shares: int, threshold: int, organisation: str, today: date
) -> RecoveryKeyFiles:
    """Make a new organisation recovery key: ``recovery.pub`` (public) and, per share, a
    printable PDF and a text file with its words, in a new folder ``out_dir`` (built aside
    and renamed, so a failure leaves nothing). The whole key exists only in memory."""
    # lazy: reportlab, loaded only when a recovery key is made (the app's start and every
    # backup use this module)
    from waakvlam_desktop.documents.recovery_share import (  # noqa: PLC0415 - lazy: reportlab
        ShareSheet,
        render_share_pdf,
        share_text,
    )

    out_dir = Path(out_dir).expanduser()
    if out_dir.exists():
        if not out_dir.is_dir() or any(out_dir.iterdir()):
            raise RecoveryError(KEY_FOLDER_NOT_EMPTY, folder=out_dir)
        out_dir.rmdir()
    identity = recovery.new_identity()
    mnemonics = identity.split(shares, threshold)  # checks the numbers first
    public = identity.public
    del identity
    pdfs, texts = [], []
    try:
        with atomic_folder(out_dir) as tmp:
            write_atomic(tmp / PUBLIC_FILE, public.file_text(organisation).encode(), mode=PUBLIC)
            for number, words in enumerate(mnemonics, 1):
                sheet = ShareSheet(
                    organisation=organisation,
                    key_id=recovery.grouped(public.key_id),
                    number=number,
                    shares=shares,
                    threshold=threshold,
                    words=tuple(words.split()),
                    made_on=today,
                )
                stem = f"herstelsleutel-deel-{number}-van-{shares}"
                write_atomic(tmp / f"{stem}.pdf", render_share_pdf(sheet))
                write_atomic(tmp / f"{stem}.txt", share_text(sheet).encode("utf-8"))
                pdfs.append(out_dir / f"{stem}.pdf")
                texts.append(out_dir / f"{stem}.txt")
    except OSError as exc:
        raise RecoveryError(KEY_FOLDER_NOT_WRITABLE, folder=out_dir) from exc
    return RecoveryKeyFiles(
        out_dir,
        out_dir / PUBLIC_FILE,
        public.key_id,
        public.recipient,
        shares,
        threshold,
        tuple(pdfs),
        tuple(texts),
    )


def read_recovery_public(path: Path) -> recovery.RecoveryPublic:
    """``recovery.pub`` (from :func:`create_recovery_key`) for ``org set``."""
    path = Path(path).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecoveryError(recovery.RECIPIENT_FILE_UNREADABLE, path=path) from exc
    return recovery.parse_public_file(text, path)


def set_recovery_key(vault: Vault, passphrase: str, public: recovery.RecoveryPublic) -> None:
    """Add (or replace) the organisation's wrap of the vault's key, and say so in the
    audit log. Every backup made from now on opens with the recovery key too."""
    vault.set_recovery(passphrase, public)
    with vault.session() as s:
        audit.record(s, "recovery_key", "vault", vault.vault_id, detail=f"sleutel={public.key_id}")


def share_words_from_file(path: Path) -> str:
    """The words of one share from its ``.txt`` file (comment lines and numbers ignored)."""
    path = Path(path).expanduser()
    try:
        return recovery.normalise_share(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RecoveryError(recovery.SHARE_UNREADABLE, path=path) from exc


# ---- team-folder backups ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FolderBackup:
    info: BackupInfo
    removed: tuple[Path, ...]  # older backups of this vault removed (keep the last N)


@dataclass(frozen=True, slots=True)
class FolderBackupStatus:
    """For the status bar and Instellingen › Voor ICT: plain data."""

    folder: str  # "" when no team folder is set
    last_at: datetime | None  # naive UTC of the last team-folder backup
    due: bool
    keep: int
    hours: int

    def age(self, now: datetime) -> timedelta | None:
        return None if self.last_at is None else utc_naive(now) - self.last_at


def backup_name(vault_id: str, created: datetime) -> str:
    """``waakvlam-<vault id>-YYYYMMDD-HHMMSS.wvbackup`` (UTC): names sort by time."""
    return f"waakvlam-{vault_id}-{created:%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"


def folder_backups(folder: Path, vault_id: str) -> list[Path]:
    """This vault's backups in ``folder``, oldest first (other vaults' files are left)."""
    stamp = r"(\d{8}-\d{6})(?:-(\d+))?"
    pattern = re.compile(rf"waakvlam-{re.escape(vault_id)}-{stamp}\.wvbackup")
    found: list[tuple[str, int, Path]] = []
    try:
        for p in Path(folder).iterdir():
            m = pattern.fullmatch(p.name)
            if m is not None:
                found.append((m.group(1), int(m.group(2) or 1), p))
    except OSError:
        return []
    return [p for _stamp, _n, p in sorted(found)]


def _check_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise BackupError(TEAM_FOLDER_MISSING, folder=folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BackupError(TEAM_FOLDER_NOT_WRITABLE, folder=folder)


def backup_to_folder(vault: Vault, folder: Path, keep: int | None = None) -> FolderBackup:
    """One backup of the open ``vault`` into ``folder`` now; then only the newest ``keep``
    (default: the setting ``folder_backup_keep``) of this vault's backups stay there.

    A missing, unwritable or full folder is one sentence (:class:`BackupError`) and leaves
    nothing behind; older backups are removed only after the new one is complete.
    """
    folder = Path(folder).expanduser()
    _check_folder(folder)
    with vault.session() as s:
        keep = keep if keep is not None else load_settings(s).folder_backup_keep
    keep = max(1, keep)
    created = utc_naive(vault.clock.now())
    target = folder / backup_name(vault.vault_id, created)
    n = 2
    while target.exists():  # two backups within one second: -2, -3 …
        stem = backup_name(vault.vault_id, created).removesuffix(BACKUP_SUFFIX)
        target = folder / f"{stem}-{n}{BACKUP_SUFFIX}"
        n += 1
    try:
        info = create_backup(vault, target)
    except BackupError as exc:
        if exc.code == "backup.disk_full":
            raise BackupError(TEAM_FOLDER_FULL, folder=folder) from exc
        if exc.code == "backup.write_failed":
            raise BackupError(TEAM_FOLDER_NOT_WRITABLE, folder=folder) from exc
        raise
    with vault.session() as s:
        _set_time(s, LAST_FOLDER_BACKUP_KEY, info.created_at)
    removed = []
    for old in folder_backups(folder, vault.vault_id)[:-keep]:
        if old == target:
            continue
        with contextlib.suppress(OSError):
            old.unlink()
            removed.append(old)
    return FolderBackup(info, tuple(removed))


def _set_time(session: Session, key: str, at: datetime) -> None:
    value = json.dumps(utc_text(at))
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value_json=value))
    else:
        row.value_json = value


def last_folder_backup_at(session: Session) -> datetime | None:
    row = session.get(Setting, LAST_FOLDER_BACKUP_KEY)
    return None if row is None else from_utc_text(str(json.loads(row.value_json)))


def folder_backup_status(session: Session, now: datetime) -> FolderBackupStatus:
    settings = load_settings(session)
    last = last_folder_backup_at(session)
    hours = settings.folder_backup_hours
    due = bool(settings.team_folder) and (
        last is None or utc_naive(now) - last >= timedelta(hours=hours)
    )
    return FolderBackupStatus(settings.team_folder, last, due, settings.folder_backup_keep, hours)


def due_folder_backup(session: Session, now: datetime) -> bool:
    """Is a team-folder backup due? Only when a team folder is set and the last backup
    there is older than ``folder_backup_hours`` (default 24: daily, and at lock)."""
    return folder_backup_status(session, now).due


def backup_if_due(vault: Vault, now: datetime | None = None) -> FolderBackup | None:
    """At lock and on the daily timer: a backup into the team folder when one is due
    (:func:`due_folder_backup`), else None. Raises :class:`BackupError` (one sentence)
    when the folder is missing, unwritable or full."""
    with vault.session() as s:
        status = folder_backup_status(s, now or vault.clock.now())
    if not status.due:
        return None
    return backup_to_folder(vault, Path(status.folder), keep=status.keep)


# ---- recovery with the organisation's key -------------------------------------------------
@dataclass(frozen=True, slots=True)
class RecoveryResult:
    data_dir: Path
    vault_id: str  # the new vault's own id
    original_vault_id: str  # the vault the backup was made of (the notice is about it)
    backup_created_at: datetime  # naive UTC
    key_id: str
    notice: Path


def _notice_message(doc: dict[str, Any]) -> bytes:
    body = {k: v for k, v in doc.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def recover_backup(
    backup: Path,
    shares: list[str],
    out_dir: Path,
    new_passphrase: str,
    *,
    reason: str,
    by: str,
    notice_dir: Path | None = None,
    now: datetime | None = None,
    kdf_target_seconds: float | None = None,
) -> RecoveryResult:
    """Open ``backup`` with the recovery key rebuilt from ``shares`` and write a new vault
    in ``out_dir`` under ``new_passphrase`` (the passphrase policy applies).

    Everything is checked before anything is written: the backup, the shares (at least the
    threshold, of the key this backup was wrapped to), the new passphrase, an empty
    ``out_dir``, a writable notice folder (``notice_dir``, default the backup's folder).
    Then the signed notice is written first (if it cannot be written nothing else is: a
    recovery is never silent); then the vault is installed, given a new database key (so
    a key remembered for the original vault does not open this copy) and its audit log
    records the recovery. If that fails the new vault is removed again and the notice
    stays (a notice of a recovery that failed does no harm).
    """
    backup, out_dir = Path(backup), Path(out_dir)
    notice_dir = Path(notice_dir) if notice_dir is not None else backup.parent
    reason = _clean(reason, 500)
    if not reason:
        raise RecoveryError(REASON_REQUIRED)
    parsed = parse_backup(backup)
    header = keys.KeyHeader.from_bytes(str(parsed.meta["key_header"]).encode("ascii"))
    if header.recovery is None:
        raise RecoveryError(NO_RECOVERY_WRAP)
    identity = recovery.combine(shares)
    given = identity.public.key_id
    if given != header.recovery.key_id:
        raise RecoveryError(
            OTHER_RECOVERY_KEY,
            given=recovery.grouped(given),
            needed=recovery.grouped(header.recovery.key_id),
        )
    try:
        db_key = identity.decrypt(header.recovery.wrapped_key)
    except pyrage.DecryptError as exc:
        raise RecoveryError(
            OTHER_RECOVERY_KEY, given=recovery.grouped(given), needed=recovery.grouped(given)
        ) from exc
    keys.check_passphrase_policy(new_passphrase)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise VaultExistsError(VAULT_EXISTS, folder=out_dir)
    if not notice_dir.is_dir() or not os.access(notice_dir, os.W_OK | os.X_OK):
        raise RecoveryError(NOTICE_FOLDER_NOT_WRITABLE, folder=notice_dir)
    target = kdf_target_seconds if kdf_target_seconds is not None else config.kdf_target_seconds()
    params = keys.KdfParams(
        memory_kib=keys.MIN_MEMORY_KIB,
        time_cost=keys.calibrate_time_cost(target),
        parallelism=keys.PARALLELISM,
        salt=secrets.token_bytes(16),
    )
    # A vault of its own: its team-folder backups, remembered key and notices never mix
    # with the original's (same folder, same computer).
    new_id = str(uuid.uuid4())
    new_header = keys.wrap_key(
        db_key, new_passphrase, new_id, params, header.recovery, page_hmac=header.page_hmac
    ).to_bytes()
    created = from_utc_text(str(parsed.meta["created_at"]))
    moment = utc_naive(now or datetime.now(UTC))
    # The signed notice first, before anything of the recovered vault exists: a process
    # killed half-way leaves at most a notice of a recovery that then failed (harmless),
    # never a recovered vault without a notice.
    doc: dict[str, Any] = {
        "format": NOTICE_FORMAT,
        "version": 1,
        "vault_id": header.vault_id,
        "recovered_at": utc_text(moment),
        "by": _clean(by),
        "backup_file": backup.name,
        "backup_created_at": utc_text(created),
        "key_id": header.recovery.key_id,
        "nonce": secrets.token_hex(8),
    }
    doc["signature"] = base64.b64encode(identity.sign_notice(_notice_message(doc))).decode()
    stamp = f"{moment:%Y%m%d-%H%M%S}"
    notice = notice_dir / f"{NOTICE_PREFIX}{header.vault_id}-{stamp}-{doc['nonce']}.json"
    blob = (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
    try:
        write_atomic(notice, blob, mode=0o644)
    except OSError as exc:
        raise RecoveryError(NOTICE_FOLDER_NOT_WRITABLE, folder=notice_dir) from exc
    existed = out_dir.exists()
    try:
        install_backup(backup, parsed, out_dir, new_header, db_key, old_passphrase="", now=now)
        with Vault.open(out_dir, new_passphrase) as vault:
            vault.rekey(new_passphrase)
            # Nobody of the vault did this: the actor stays empty, "door=" says who did.
            vault.actor = None
            with vault.session() as s:
                detail = (
                    f"door={_clean(by)}; reden={reason}; backup={backup.name};"
                    f" backup_van={utc_text(created)}; sleutel={header.recovery.key_id};"
                    f" kluis_van={header.vault_id}"
                )
                audit.record(s, RECOVERY_ACTION, "vault", new_id, detail=detail)
    except BaseException:
        # Nothing half-done stays: the new vault goes again (the backup is untouched; the
        # notice stays, a notice of a failed recovery does no harm).
        if existed:
            for child in out_dir.iterdir():
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
        else:
            shutil.rmtree(out_dir, ignore_errors=True)
        raise
    return RecoveryResult(out_dir, new_id, header.vault_id, created, header.recovery.key_id, notice)


def _clean(text: str, limit: int = 200) -> str:
    """One line for an audit detail (``;`` separates its parts), without control or
    format characters (no terminal escapes, no right-to-left overrides)."""
    text = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf")
    )
    return " ".join(text.replace(";", ",").split())[:limit]


# ---- notices, read by the original vault at unlock ------------------------------------------
@dataclass(frozen=True, slots=True)
class RecoveryNotice:
    notice_id: str  # SHA-256 of the signed content and signature, first 32 hex characters
    path: Path
    vault_id: str
    recovered_at: datetime  # naive UTC
    by: str
    backup_file: str
    backup_created_at: datetime  # naive UTC
    key_id: str


def _read_notice(
    path: Path, vault_id: str, public: recovery.RecoveryPublic
) -> RecoveryNotice | None:
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_NOTICE_BYTES + 1)
        if len(raw) > MAX_NOTICE_BYTES:
            return None
        doc = json.loads(raw.decode("utf-8"))
        if doc.get("format") != NOTICE_FORMAT or doc.get("vault_id") != vault_id:
            return None
        signature = base64.b64decode(str(doc["signature"]), validate=True)
        if not public.verify_notice(signature, _notice_message(doc)):
            return None
        # The id is of what was signed, not of the file's bytes: the same notice
        # re-formatted or copied under another name is the same notice.
        signed = _notice_message(doc) + b"\n" + signature
        return RecoveryNotice(
            notice_id=hashlib.sha256(signed).hexdigest()[:32],
            path=path,
            vault_id=vault_id,
            recovered_at=from_utc_text(str(doc["recovered_at"])),
            by=str(doc["by"]),
            backup_file=str(doc["backup_file"]),
            backup_created_at=from_utc_text(str(doc["backup_created_at"])),
            key_id=str(doc["key_id"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def recovery_notices(folder: Path, vault: Vault) -> list[RecoveryNotice]:
    """Every notice in ``folder`` about this vault whose signature the vault's recovery key
    (the copy in its encrypted database) confirms, oldest first. Unsigned, forged or
    foreign files are ignored (anyone can write in a team folder)."""
    # The key from the encrypted database, not the header file: whoever can write the
    # vault folder could otherwise swap in a key to hide real notices or show forged ones.
    public = vault.trusted_recovery()
    if public is None:
        return []
    try:
        candidates = sorted(Path(folder).glob(f"{NOTICE_PREFIX}{vault.vault_id}-*.json"))
    except OSError:
        return []
    found = [_read_notice(p, vault.vault_id, public) for p in candidates]
    return sorted((n for n in found if n is not None), key=lambda n: n.recovered_at)


def _seen(session: Session) -> list[str]:
    row = session.get(Setting, NOTICES_SEEN_KEY)
    return [] if row is None else [str(x) for x in json.loads(row.value_json)]


def pending_recovery_notices(folder: Path, vault: Vault) -> list[RecoveryNotice]:
    """What the app shows at unlock: verified notices about this vault not yet acknowledged."""
    notices = recovery_notices(folder, vault)
    if not notices:
        return []
    with vault.session() as s:
        seen = set(_seen(s))
    return [n for n in notices if n.notice_id not in seen]


def acknowledge_recovery_notices(session: Session, notices: list[RecoveryNotice]) -> None:
    """The staff member has seen these notices: not shown again, and in the audit log."""
    seen = _seen(session)
    new = [n.notice_id for n in notices if n.notice_id not in seen]
    if not new:
        return
    value = json.dumps(seen + new)
    row = session.get(Setting, NOTICES_SEEN_KEY)
    if row is None:
        session.add(Setting(key=NOTICES_SEEN_KEY, value_json=value))
    else:
        row.value_json = value
    for n in notices:
        if n.notice_id in new:
            audit.record(
                session,
                "recovery_notice",
                "vault",
                n.vault_id,
                detail=f"hersteld_op={utc_text(n.recovered_at)}; door={n.by}",
            )

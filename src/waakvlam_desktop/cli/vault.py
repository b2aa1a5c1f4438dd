"""The vault itself: ``init``, ``unlock-check``, ``passwd``, ``rekey``, ``backup``, ``restore``."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from waakvlam_desktop import config
from waakvlam_desktop.cli.common import (
    NEW_PASSPHRASE_ENV,
    Arguments,
    data_dir,
    info,
    json_flag,
    open_vault,
    print_json,
    read_new_passphrase,
    read_passphrase,
)
from waakvlam_desktop.errors import UsageError, WaakvlamError, WrongPassphraseError
from waakvlam_desktop.storage import remember
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

if TYPE_CHECKING:
    from waakvlam_desktop.storage.vault import Vault

BACKUP_PASSPHRASE = Message(
    "cli.backup_passphrase_prompt",
    QT_TRANSLATE_NOOP("Cli", "Passphrase of the backup"),
    context="Cli",
)

CHOOSE_PASSPHRASE = Message(
    "cli.choose_passphrase",
    QT_TRANSLATE_NOOP("Cli", "Choose a passphrase (at least 12 characters)"),
    context="Cli",
)
PASSPHRASE_AGAIN = Message(
    "cli.passphrase_again",
    QT_TRANSLATE_NOOP("Cli", "Passphrase (once more)"),
    context="Cli",
)
CURRENT_PASSPHRASE = Message(
    "cli.current_passphrase",
    QT_TRANSLATE_NOOP("Cli", "Current passphrase"),
    context="Cli",
)
KEY_REMEMBERED = Message(
    "cli.key_remembered",
    QT_TRANSLATE_NOOP("Cli", "Key remembered on this computer."),
    context="Cli",
)
KEY_FORGOTTEN = Message(
    "cli.key_forgotten",
    QT_TRANSLATE_NOOP("Cli", "The key is no longer remembered on this computer."),
    context="Cli",
)
NO_KEYRING = Message(
    "cli.no_keyring",
    QT_TRANSLATE_NOOP("Cli", "No secure keyring on this computer: the passphrase is still needed."),
    context="Cli",
)
CREATED = Message(
    "cli.vault_created",
    QT_TRANSLATE_NOOP("Cli", "Vault created in {folder}."),
    context="Cli",
)
IN_ORDER = Message(
    "cli.vault_in_order",
    QT_TRANSLATE_NOOP("Cli", "The vault opens and is in order."),
    context="Cli",
)
PASSPHRASE_CHANGED = Message(
    "cli.passphrase_changed",
    QT_TRANSLATE_NOOP("Cli", "Passphrase changed."),
    context="Cli",
)
ALREADY_CHANGED = Message(
    "cli.passphrase_already_changed",
    QT_TRANSLATE_NOOP("Cli", "The passphrase had already been changed."),
    context="Cli",
)
NEW_KEY = Message(
    "cli.vault_new_key",
    QT_TRANSLATE_NOOP("Cli", "The vault has a new key."),
    context="Cli",
)
BACKUP_MADE = Message(
    "cli.backup_made",
    QT_TRANSLATE_NOOP("Cli", "Backup made. The file is encrypted; keep the passphrase separately."),
    context="Cli",
)
OLDER_REMOVED = Message(
    "cli.backup_older_removed",
    QT_TRANSLATE_NOOP("Cli", "Older backups removed from the team folder: {count}."),
    context="Cli",
)
KEPT_ASIDE = Message(
    "cli.vault_kept_aside",
    QT_TRANSLATE_NOOP("Cli", "The previous vault was kept in {path}."),
    context="Cli",
)
RESTORED = Message(
    "cli.backup_restored",
    QT_TRANSLATE_NOOP("Cli", "Backup restored."),
    context="Cli",
)
ERASED_AGAIN = Message(
    "cli.restore_erased_again",
    QT_TRANSLATE_NOOP(
        "Cli", "Erased again (erased after the backup, on {date}): {entity} {id}, {what}."
    ),
    context="Cli",
)
TOMBSTONES_UNREADABLE = Message(
    "cli.restore_tombstones_unreadable",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Note: the replaced vault could not be read; what was erased there after the backup"
        " has not been erased again. Run 'waakvlam retention' again.",
    ),
    context="Cli",
)

PASSPHRASES_DIFFER = Message(
    "cli.passphrases_differ_not_created",
    QT_TRANSLATE_NOOP("Errors", "The two passphrases are not the same. Nothing was created."),
)
DAMAGED_PAGES = Message(
    "cli.vault_damaged_pages",
    QT_TRANSLATE_NOOP("Errors", "The vault opens, but the check finds damaged pages."),
)
DANGLING_REFERENCES = Message(
    "cli.vault_dangling_references",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The vault opens, but records point at something that is not there"
        " (table.column -> what it points at: how many): {where}.",
    ),
)


def cmd_init(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.setup import initialise  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.privacy.continuity import read_recovery_public, set_recovery_key  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.storage.keys import check_passphrase_policy  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.storage.vault import Vault  # noqa: PLC0415 - parsing stays light (cli/main.py)

    if getattr(args, "passphrase_file", None) or os.environ.get(config.PASSPHRASE_ENV) is not None:
        passphrase = read_passphrase(args)
    elif sys.stdin.isatty():
        passphrase = getpass.getpass(f"{CHOOSE_PASSPHRASE.render()}: ")
        check_passphrase_policy(passphrase, (args.organisation, args.name))
        if getpass.getpass(f"{PASSPHRASE_AGAIN.render()}: ") != passphrase:
            raise UsageError(PASSPHRASES_DIFFER)
    else:
        passphrase = read_passphrase(args)
    folder = data_dir(args)
    public = (
        read_recovery_public(Path(args.recovery_recipient)) if args.recovery_recipient else None
    )
    with Vault.create(
        folder,
        passphrase,
        kdf_target_seconds=config.kdf_target_seconds(),
        user_inputs=(args.organisation, args.name),
    ) as v:
        with v.session() as s:
            initialise(
                s,
                organisation=args.organisation,
                staff_name=args.name,
                staff_role=args.role,
                language=args.language,
                address_line=args.address,
                postcode=args.postcode,
                city=args.city,
                phone=args.phone,
                email=args.email,
                staff_phone=args.staff_phone,
                staff_email=args.staff_email,
            )
        if public is not None:  # the installer's configuration (docs/continuity.md)
            set_recovery_key(v, passphrase, public)
        if args.remember:
            assert v.engine is not None
            stored = remember.remember(v.vault_id, _current_key(v, passphrase))
            info((KEY_REMEMBERED if stored else NO_KEYRING).render())
    info(CREATED.render(folder=folder))
    return 0


def _current_key(vault: Any, passphrase: str) -> bytes:
    from waakvlam_desktop.storage.keys import unwrap_key  # noqa: PLC0415 - parsing stays light (cli/main.py)

    return unwrap_key(vault.read_header(vault.paths), passphrase)


def cmd_unlock_check(args: argparse.Namespace) -> int:
    with open_vault(args) as v:
        report = v.integrity_report()
    if report["integrity_check"] or report["cipher_integrity_check"]:
        raise WaakvlamError(DAMAGED_PAGES)
    if dangling := report["foreign_key_check"]:
        raise WaakvlamError(DANGLING_REFERENCES, where="; ".join(dangling))
    print(IN_ORDER.render())
    return 0


def _names(vault: Vault) -> tuple[str, ...]:
    """The organisation's and the user's names: words a passphrase must not lean on."""
    from waakvlam_desktop.domain.setup import default_staff, organisation  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with vault.session() as s:
        org, staff = organisation(s), default_staff(s)
        return tuple(n for n in (org.name if org else "", staff.name if staff else "") if n)


def _keyring_after_change(args: argparse.Namespace, vault_id: str, key: bytes) -> None:
    """``--remember`` stores the key, ``--forget`` removes it; else a stored key is replaced."""
    choice = getattr(args, "remember", None)
    if choice is False:
        remember.forget(vault_id)
        info(KEY_FORGOTTEN.render())
        return
    if choice is None and remember.recall(vault_id) is None:
        return
    if remember.remember(vault_id, key):
        info(KEY_REMEMBERED.render())
    else:
        remember.forget(vault_id)
        info(NO_KEYRING.render())


def cmd_passwd(args: argparse.Namespace) -> int:
    from waakvlam_desktop.storage.keys import check_passphrase_policy, unwrap_key  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.storage.vault import Vault  # noqa: PLC0415 - parsing stays light (cli/main.py)

    folder = data_dir(args)
    old = read_passphrase(args, f"{CURRENT_PASSPHRASE.render()}: ")
    try:
        vault = Vault.open(folder, old)
    except WrongPassphraseError:
        # A retry after a crash right after the new header was saved: the new passphrase
        # already opens the vault, which is what was asked. Only for a given new passphrase
        # (file or environment), never by asking for one after a wrong old one.
        new = _given_new_passphrase(args)
        if new is None:
            raise
        with Vault.open(folder, new):
            pass
        info(ALREADY_CHANGED.render())
        return 0
    with vault as v:
        names = _names(v)
        new = read_new_passphrase(args, lambda p: check_passphrase_policy(p, names))
        v.change_passphrase(
            old, new, kdf_target_seconds=config.kdf_target_seconds(), user_inputs=names
        )
        _keyring_after_change(args, v.vault_id, unwrap_key(v.read_header(v.paths), new))
    info(PASSPHRASE_CHANGED.render())
    return 0


def _given_new_passphrase(args: argparse.Namespace) -> str | None:
    if getattr(args, "new_passphrase_file", None) or os.environ.get(NEW_PASSPHRASE_ENV):
        return read_new_passphrase(args)
    return None


def cmd_rekey(args: argparse.Namespace) -> int:
    from waakvlam_desktop.storage.vault import Vault  # noqa: PLC0415 - parsing stays light (cli/main.py)

    passphrase = read_passphrase(args)
    with Vault.open(data_dir(args), passphrase) as v:
        new_key = v.rekey(passphrase)
        _keyring_after_change(args, v.vault_id, new_key)
    info(NEW_KEY.render())
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from waakvlam_desktop.privacy.backup import create_backup  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.privacy.continuity import backup_to_folder  # noqa: PLC0415 - parsing stays light (cli/main.py)

    removed: tuple[Path, ...] = ()
    with open_vault(args) as v:
        if args.to_folder:
            made = backup_to_folder(v, Path(args.to_folder), keep=args.keep)
            result, removed = made.info, made.removed
        else:
            result = create_backup(v, Path(args.out).expanduser())
    if args.json:
        doc = {
            "path": str(result.path),
            "vault_id": result.vault_id,
            "created_at": result.created_at,
            "db_bytes": result.db_bytes,
            "file_bytes": result.file_bytes,
            "schema": result.schema,
            "app_version": result.app_version,
        }
        if args.to_folder:
            doc["removed"] = [str(p) for p in removed]
        print_json(doc)
    else:
        print(result.path)
        info(BACKUP_MADE.render())
        if removed:
            info(OLDER_REMOVED.render(count=len(removed)))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from waakvlam_desktop.privacy.backup import restore_backup  # noqa: PLC0415 - parsing stays light (cli/main.py)

    target = Path(args.restore_data_dir).expanduser() if args.restore_data_dir else data_dir(args)
    passphrase = read_passphrase(args, f"{BACKUP_PASSPHRASE.render()}: ")
    result = restore_backup(Path(args.file).expanduser(), target, passphrase, replace=args.replace)
    if args.json:
        print_json(
            {
                "data_dir": str(result.data_dir),
                "kept_aside": str(result.kept_aside) if result.kept_aside else None,
                "vault_id": result.vault_id,
                "backup_created_at": result.backup_created_at,
                "reapplied": result.reapplied,
                "tombstones_unreadable": result.tombstones_unreadable,
            }
        )
    else:
        print(result.data_dir)
        if result.kept_aside:
            info(KEPT_ASIDE.render(path=result.kept_aside))
        info(RESTORED.render())
        for t in result.reapplied:
            info(
                ERASED_AGAIN.render(
                    date=f"{t.erased_at:%Y-%m-%d}", entity=t.entity, id=t.entity_id, what=t.what
                )
            )
        if result.tombstones_unreadable:
            info(TOMBSTONES_UNREADABLE.render())
    return 0


def _init(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_init)
    p.add_argument("--organisation", required=True, help="naam van de corporatie")
    p.add_argument("--name", required=True, help="je eigen naam")
    p.add_argument("--role", default="", help="je functie, bijvoorbeeld wijkbeheerder")
    p.add_argument("--language", choices=["nl", "en"], default="nl")
    # The organisation's postal address and how to reach it: optional now, needed before a
    # letter goes into a window envelope ('waakvlam org set' fills them in later).
    p.add_argument("--address", default="", help="straat en nummer of postbus van de organisatie")
    p.add_argument("--postcode", default="", help="postcode van de organisatie")
    p.add_argument("--city", default="", help="plaats van de organisatie")
    p.add_argument("--phone", default="", help="telefoonnummer van de organisatie")
    p.add_argument("--email", default="", help="e-mailadres van de organisatie")
    p.add_argument("--staff-phone", default="", help="je eigen telefoonnummer (in de brief)")
    p.add_argument("--staff-email", default="", help="je eigen e-mailadres (in de brief)")
    p.add_argument(
        "--remember",
        action="store_true",
        help="onthoud de sleutel in de sleutelbos van het systeem",
    )
    p.add_argument(
        "--recovery-recipient",
        metavar="FILE",
        help="recovery.pub van ICT: de organisatie kan de kluis herstellen (docs/continuity.md)",
    )


def _unlock_check(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_unlock_check)


def _remember_flags(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--remember",
        dest="remember",
        action="store_const",
        const=True,
        default=None,
        help="onthoud de sleutel in de sleutelbos (standaard: zoals het was)",
    )
    group.add_argument(
        "--forget",
        dest="remember",
        action="store_const",
        const=False,
        help="haal de onthouden sleutel weg van deze computer",
    )


def _passwd(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_passwd)
    p.add_argument("--new-passphrase-file")
    _remember_flags(p)


def _rekey(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_rekey)
    _remember_flags(p)


def _backup(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_backup)
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", help="het back-upbestand (bestaat nog niet)")
    where.add_argument(
        "--to-folder",
        help="de teammap: een back-up met datum en tijd in de naam; de oudste gaan weg",
    )
    p.add_argument(
        "--keep",
        type=int,
        help="met --to-folder: bewaar de laatste N back-ups (standaard de instelling, 7)",
    )
    json_flag(p)


def _restore(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_restore)
    p.add_argument("file")
    p.add_argument(
        "--data-dir",
        dest="restore_data_dir",
        help="map voor de teruggezette kluis (standaard: de gewone kluismap)",
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="vervang een bestaande kluis; die wordt apart bewaard (map.vervangen-datum)",
    )
    json_flag(p)


COMMANDS: dict[str, Arguments] = {
    "init": _init,
    "unlock-check": _unlock_check,
    "passwd": _passwd,
    "rekey": _rekey,
    "backup": _backup,
    "restore": _restore,
}

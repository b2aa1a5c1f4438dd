"""``waakvlam org set``: the organisation's name, postal address, phone and e-mail (the
letterhead and the return address), its recovery key and team folder (docs/continuity.md);
``waakvlam org show``: all of that, and whether the organisation can recover this vault;
``waakvlam org public-key``: its signing key, for partners to pin."""

from __future__ import annotations

import argparse
from pathlib import Path

from waakvlam_desktop.cli.common import (
    Arguments,
    info,
    json_flag,
    nl_date,
    open_vault,
    print_json,
    read_passphrase,
    subcommands,
)
from waakvlam_desktop.fileio import PUBLIC, write_atomic
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

KEY_WRITTEN = Message(
    "cli.org_key_written",
    QT_TRANSLATE_NOOP("Cli", "Public key written to {path}."),
    context="Cli",
)


ORG_SAVED = Message(
    "cli.org_saved",
    QT_TRANSLATE_NOOP("Cli", "Organisation saved: {name}, {address}."),
    context="Cli",
)
RECOVERY_ON = Message(
    "cli.org_recovery_on",
    QT_TRANSLATE_NOOP(
        "Cli",
        "The organisation can recover this vault (recovery key {key_id}): if you are suddenly"
        " away, ICT can open a backup with the shares of that key, which several people hold,"
        " so your residents keep their care. Every recovery is logged and you get a notice.",
    ),
    context="Cli",
)
RECOVERY_OFF = Message(
    "cli.org_recovery_off",
    QT_TRANSLATE_NOOP(
        "Cli",
        "The organisation cannot recover this vault: only your passphrase opens it and its"
        " backups.",
    ),
    context="Cli",
)
TEAM_FOLDER_LINE = Message(
    "cli.org_team_folder",
    QT_TRANSLATE_NOOP(
        "Cli", "Team folder: {folder} (keeps {keep} backups; last backup there: {last})."
    ),
    context="Cli",
)
NO_TEAM_FOLDER = Message(
    "cli.org_no_team_folder",
    QT_TRANSLATE_NOOP("Cli", "No team folder set: backups are made only by hand."),
    context="Cli",
)
NEVER = Message("cli.org_never", QT_TRANSLATE_NOOP("Cli", "never"), context="Cli")
NO_ADDRESS_YET = Message(
    "cli.org_no_address",
    QT_TRANSLATE_NOOP("Cli", "no postal address yet"),
    context="Cli",
)


def cmd_set(args: argparse.Namespace) -> int:
    """Change only the options given; the rest stays as it is."""
    from waakvlam_desktop.domain.settings import save_setting  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.staff import (  # noqa: PLC0415 - parsing stays light (cli/main.py)
        organisation_view,
        update_organisation,
    )
    from waakvlam_desktop.privacy.continuity import (  # noqa: PLC0415 - parsing stays light (cli/main.py)
        read_recovery_public,
        set_recovery_key,
    )

    public = (
        read_recovery_public(Path(args.recovery_recipient)) if args.recovery_recipient else None
    )
    with open_vault(args) as v:
        with v.session() as s:
            org = organisation_view(s)
            update_organisation(
                s,
                name=org.name if args.name is None else args.name,
                address_line=org.address_line if args.address is None else args.address,
                postcode=org.postcode if args.postcode is None else args.postcode,
                city=org.city if args.city is None else args.city,
                phone=org.phone if args.phone is None else args.phone,
                email=org.email if args.email is None else args.email,
            )
            if args.team_folder is not None:
                save_setting(s, "team_folder", args.team_folder)
            if args.folder_backup_keep is not None:
                save_setting(s, "folder_backup_keep", args.folder_backup_keep)
            s.flush()
            org = organisation_view(s)
        if public is not None:
            # The wrap needs the database key: from the passphrase, even when remembered.
            set_recovery_key(v, read_passphrase(args), public)
        wrap = v.recovery_wrap()
    if args.json:
        print_json(org)
    else:
        postal = ", ".join(p for p in (org.address_line, f"{org.postcode} {org.city}".strip()) if p)
        info(ORG_SAVED.render(name=org.name, address=postal or NO_ADDRESS_YET.render()))
        if public is not None and wrap is not None:
            info(_recovery_line(wrap.key_id))
    return 0


def _recovery_line(key_id: str | None) -> str:
    from waakvlam_desktop.storage.recovery import grouped  # noqa: PLC0415 - parsing stays light (cli/main.py)

    if key_id is None:
        return RECOVERY_OFF.render()
    return RECOVERY_ON.render(key_id=grouped(key_id))


def cmd_show(args: argparse.Namespace) -> int:
    from waakvlam_desktop.clock import to_local  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.staff import organisation_view  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.privacy.continuity import folder_backup_status  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v:
        with v.session() as s:
            org = organisation_view(s)
            status = folder_backup_status(s, v.clock.now())
        wrap = v.recovery_wrap()
    if args.json:
        print_json(
            {
                "organisation": org,
                "recovery": None
                if wrap is None
                else {"key_id": wrap.key_id, "recipient": wrap.recipient},
                "team_folder": status.folder,
                "folder_backup_keep": status.keep,
                "folder_backup_hours": status.hours,
                "last_folder_backup_at": status.last_at,
                "folder_backup_due": status.due,
            }
        )
        return 0
    postal = ", ".join(p for p in (org.address_line, f"{org.postcode} {org.city}".strip()) if p)
    print(org.name)
    print(postal or NO_ADDRESS_YET.render())
    print(_recovery_line(None if wrap is None else wrap.key_id))
    if status.folder:
        last = nl_date(to_local(status.last_at).date()) if status.last_at else NEVER.render()
        print(TEAM_FOLDER_LINE.render(folder=status.folder, keep=status.keep, last=last))
    else:
        print(NO_TEAM_FOLDER.render())
    return 0


def cmd_public_key(args: argparse.Namespace) -> int:
    from waakvlam_desktop.bundles.keys import org_public_key  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        key = org_public_key(s)
    if args.out:
        write_atomic(args.out, key.file_text().encode("utf-8"), mode=PUBLIC, overwrite=True)
        info(KEY_WRITTEN.render(path=args.out))
    if args.json:
        print_json(key)
    elif not args.out:
        print(key.file_text(), end="")
    return 0


def _org(p: argparse.ArgumentParser) -> None:
    og = subcommands(p, "org")
    c = og.add_parser("set", help="naam, postadres, telefoon en e-mail van de organisatie")
    c.add_argument("--name", help="naam van de organisatie")
    c.add_argument("--address", help="straat en nummer of postbus (retouradres in de brief)")
    c.add_argument("--postcode")
    c.add_argument("--city", help="plaats (ook de plaats boven de datum in de brief)")
    c.add_argument("--phone")
    c.add_argument("--email")
    c.add_argument(
        "--recovery-recipient",
        metavar="FILE",
        help="recovery.pub van 'waakvlam recovery create': de organisatie kan de kluis herstellen",
    )
    c.add_argument("--team-folder", help="teammap voor automatische back-ups ('' = geen)")
    c.add_argument("--folder-backup-keep", type=int, help="aantal back-ups in de teammap (7)")
    c.set_defaults(func=cmd_set)
    json_flag(c)
    c = og.add_parser("show", help="de organisatie, de herstelsleutel en de teammap")
    c.set_defaults(func=cmd_show)
    json_flag(c)
    c = og.add_parser("public-key", help="de publieke ondertekeningssleutel, voor partners")
    c.add_argument("--out", help="schrijf de sleutel naar dit bestand")
    c.set_defaults(func=cmd_public_key)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"org": _org}

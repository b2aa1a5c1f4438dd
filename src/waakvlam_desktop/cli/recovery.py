"""``waakvlam recovery create|restore``: the organisation recovery key (docs/continuity.md).

``create`` needs no vault: ICT makes the key once, prints the shares and hands them out.
``restore`` opens a backup with at least the threshold of shares and writes a new vault
for the colleague who takes over.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from waakvlam_desktop.cli.common import (
    Arguments,
    info,
    json_flag,
    print_json,
    read_new_passphrase,
    subcommands,
)
from waakvlam_desktop.errors import UsageError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

KEY_MADE = Message(
    "cli.recovery_key_made",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Recovery key {key_id} made: {shares} shares, any {threshold} of them open a vault."
        " Print each share, give each to a different person, then delete the share files."
        " Set {public_file} on each vault with 'waakvlam org set --recovery-recipient'.",
    ),
    context="Cli",
)
RECOVERED = Message(
    "cli.recovery_done",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Vault recovered in {folder} with a new passphrase; the recovery is in its audit log."
        " Notice for the colleague: {notice}.",
    ),
    context="Cli",
)
SHARE_PROMPT = Message(
    "cli.recovery_share_prompt",
    QT_TRANSLATE_NOOP("Cli", "Words of share {number} (on one line)"),
    context="Cli",
)
NO_SHARES_GIVEN = Message(
    "cli.recovery_no_shares",
    QT_TRANSLATE_NOOP(
        "Errors", "No shares: use --share FILE (once per share) or run the command in a terminal."
    ),
)


def cmd_create(args: argparse.Namespace) -> int:
    from waakvlam_desktop.clock import SystemClock, local_today  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.privacy.continuity import create_recovery_key  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.storage.recovery import grouped  # noqa: PLC0415 - parsing stays light (cli/main.py)

    made = create_recovery_key(
        Path(args.out_dir),
        shares=args.shares,
        threshold=args.threshold,
        organisation=args.organisation,
        today=local_today(SystemClock()),
    )
    if args.json:
        print_json(
            {
                "key_id": made.key_id,
                "recipient": made.recipient,
                "public_file": str(made.public_file),
                "shares": made.shares,
                "threshold": made.threshold,
                "share_pdfs": [str(p) for p in made.pdfs],
                "share_texts": [str(p) for p in made.texts],
            }
        )
        return 0
    print(made.public_file)
    for pdf in made.pdfs:
        print(pdf)
    info(
        KEY_MADE.render(
            key_id=grouped(made.key_id),
            shares=made.shares,
            threshold=made.threshold,
            public_file=made.public_file,
        )
    )
    return 0


def _typed_shares() -> list[str]:
    """Ask for shares at the terminal until the threshold the first one names is reached."""
    from waakvlam_desktop.storage.recovery import normalise_share, share_threshold  # noqa: PLC0415 - parsing stays light (cli/main.py)

    if not sys.stdin.isatty():
        raise UsageError(NO_SHARES_GIVEN)
    shares: list[str] = []
    needed = 2
    while len(shares) < needed:
        words = normalise_share(input(f"{SHARE_PROMPT.render(number=len(shares) + 1)}: "))
        if not words:
            break
        shares.append(words)
        needed = share_threshold(words) or needed
    return shares


def cmd_restore(args: argparse.Namespace) -> int:
    from waakvlam_desktop.privacy.continuity import recover_backup, share_words_from_file  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.storage.keys import check_passphrase_policy  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.storage.recovery import combine  # noqa: PLC0415 - parsing stays light (cli/main.py)

    shares = [share_words_from_file(Path(f)) for f in args.share or []]
    if not shares:
        shares = _typed_shares()
    combine(shares)  # wrong or too few shares: say so before asking for a passphrase
    new = read_new_passphrase(args, check_passphrase_policy)
    result = recover_backup(
        Path(args.backup).expanduser(),
        shares,
        Path(args.out_dir).expanduser(),
        new,
        reason=args.reason,
        by=args.by or getpass.getuser(),
        notice_dir=Path(args.notice_dir).expanduser() if args.notice_dir else None,
    )
    if args.json:
        print_json(
            {
                "data_dir": str(result.data_dir),
                "vault_id": result.vault_id,
                "original_vault_id": result.original_vault_id,
                "backup_created_at": result.backup_created_at,
                "key_id": result.key_id,
                "notice": str(result.notice),
            }
        )
        return 0
    print(result.data_dir)
    info(RECOVERED.render(folder=result.data_dir, notice=result.notice))
    return 0


def _recovery(p: argparse.ArgumentParser) -> None:
    rc = subcommands(p, "recovery")
    c = rc.add_parser("create", help="maak een nieuwe herstelsleutel, in delen op papier")
    c.add_argument("--shares", type=int, default=3, help="aantal delen (standaard 3)")
    c.add_argument(
        "--threshold", type=int, default=2, help="delen nodig om te herstellen (standaard 2)"
    )
    c.add_argument("--out-dir", required=True, help="nieuwe map voor recovery.pub en de delen")
    c.add_argument("--organisation", default="", help="naam van de organisatie (op de delen)")
    c.set_defaults(func=cmd_create)
    json_flag(c)
    c = rc.add_parser(
        "restore", help="open een back-up met de herstelsleutel en maak er een nieuwe kluis van"
    )
    c.add_argument("backup", help="het back-upbestand (.wvbackup)")
    c.add_argument(
        "--share",
        action="append",
        help="tekstbestand met de woorden van één deel (herhaal; zonder: typ de woorden in)",
    )
    c.add_argument(
        "--reason", required=True, help="waarom (komt in het logboek; geen bewonersgegevens)"
    )
    c.add_argument("--out-dir", required=True, help="lege map voor de nieuwe kluis")
    c.add_argument("--by", help="wie het herstel doet (standaard: de gebruikersnaam)")
    c.add_argument(
        "--notice-dir", help="map voor de melding aan de collega (standaard: map van de back-up)"
    )
    c.add_argument("--new-passphrase-file", help="wachtwoord van de nieuwe kluis")
    c.set_defaults(func=cmd_restore)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"recovery": _recovery}

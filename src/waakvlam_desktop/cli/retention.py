"""``waakvlam retention review|run``: delete or anonymise what is past its retention term."""

from __future__ import annotations

import argparse
from typing import Any

from waakvlam_desktop.cli.common import (
    Arguments,
    info,
    json_flag,
    nl_date,
    open_vault,
    parse_date,
    print_json,
    subcommands,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

NOTHING_DUE = Message(
    "cli.retention_nothing_due",
    QT_TRANSLATE_NOOP("Cli", "Nothing to remove: no retention period has passed."),
    context="Cli",
)
NAME_AND_ADDRESS = Message(
    "cli.retention_name_and_address",
    QT_TRANSLATE_NOOP("Cli", "name and address (anonymise)"),
    context="Cli",
)
ROW = Message(
    "cli.retention_row",
    QT_TRANSLATE_NOOP(
        "Cli", "{household}  {reason:<9} since {since}  expired {due}  {label}: {what}"
    ),
    context="Cli",
)
DRY_RUN = Message(
    "cli.retention_dry_run",
    QT_TRANSLATE_NOOP("Cli", "Dry run: {n} households would be purged."),
    context="Cli",
)
PURGED = Message(
    "cli.retention_purged",
    QT_TRANSLATE_NOOP("Cli", "Purged: {n} households, of which {anonymised} anonymised."),
    context="Cli",
)
REBUILT = Message(
    "cli.retention_rebuilt",
    QT_TRANSLATE_NOOP(
        "Cli", "The database has been rebuilt: removed text is no longer in the file."
    ),
    context="Cli",
)
NOT_YET_REBUILT = Message(
    "cli.retention_not_yet_rebuilt",
    QT_TRANSLATE_NOOP(
        "Cli",
        "The file could not be cleaned up yet because the vault is in use; close the app and run"
        " 'waakvlam retention run' again.",
    ),
    context="Cli",
)


AUDIT_CHECKPOINTED = Message(
    "cli.retention_audit_checkpointed",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Audit log: {n} events older than its retention period replaced by a signed"
        " checkpoint (up to event {seq}).",
    ),
    context="Cli",
)


def _print_rows(rows: Any) -> None:
    from waakvlam_desktop.privacy.retention import category_label  # noqa: PLC0415 - parsing stays light (cli/main.py)

    if not rows:
        print(NOTHING_DUE.render())
    for r in rows:
        what = ", ".join(category_label(c) for c in r.categories)
        if r.anonymise:
            what = (what + ", " if what else "") + NAME_AND_ADDRESS.render()
        print(
            ROW.render(
                household=r.household_id,
                reason=r.reason,
                since=nl_date(r.since),
                due=nl_date(r.due_on),
                label=r.label,
                what=what,
            )
        )


def cmd_retention_review(args: argparse.Namespace) -> int:
    from waakvlam_desktop.privacy.retention import retention_review  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        rows = retention_review(s, parse_date(args.date))
    if args.json:
        print_json(rows)
    else:
        _print_rows(rows)
    return 0


def cmd_retention_run(args: argparse.Namespace) -> int:
    from waakvlam_desktop.privacy.retention import run_retention  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v:
        result = run_retention(v, dry_run=args.dry_run)
    if args.json:
        print_json(
            {
                "dry_run": result.dry_run,
                "today": result.today,
                "vacuumed": result.vacuumed,
                "neighbourhood_notes": result.neighbourhood_notes,
                "audit_events_replaced": result.audit_events,
                "audit_checkpoint": result.audit_checkpoint,
                "totals": result.totals(),
                "households": list(result.rows),
            }
        )
        return 0
    _print_rows(result.rows)
    totals = result.totals()
    if result.dry_run:
        info(DRY_RUN.render(n=totals["households"]))
    elif result.rows:
        info(PURGED.render(n=totals["households"], anonymised=totals["anonymised"]))
    if result.audit_checkpoint is not None:
        info(AUDIT_CHECKPOINTED.render(n=result.audit_events, seq=result.audit_checkpoint))
    if not result.dry_run and (result.rows or result.vacuumed):
        info((REBUILT if result.vacuumed else NOT_YET_REBUILT).render())
    return 0


def _retention(p: argparse.ArgumentParser) -> None:
    rt = subcommands(p, "retention")
    c = rt.add_parser("review", help="wat is aan de beurt om te verwijderen")
    c.add_argument("--date", help="beoordeel op deze dag, JJJJ-MM-DD (standaard: vandaag)")
    c.set_defaults(func=cmd_retention_review)
    json_flag(c)
    c = rt.add_parser("run", help="verwijder of anonimiseer verlopen gegevens")
    c.add_argument("--dry-run", action="store_true", help="laat alleen zien wat er zou gebeuren")
    c.set_defaults(func=cmd_retention_run)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"retention": _retention}

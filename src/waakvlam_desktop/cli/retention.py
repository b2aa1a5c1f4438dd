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
from waakvlam_desktop.privacy.retention import CATEGORY_LABELS, retention_review, run_retention


def _print_rows(rows: Any) -> None:
    if not rows:
        print("Niets te verwijderen: geen bewaartermijn verstreken.")
    for r in rows:
        what = ", ".join(CATEGORY_LABELS[c][0] for c in r.categories)
        if r.anonymise:
            what = (what + ", " if what else "") + "naam en adres (anonimiseren)"
        print(
            f"{r.household_id}  {r.reason:<9} sinds {nl_date(r.since)}  verlopen"
            f" {nl_date(r.due_on)}  {r.label}: {what}"
        )


def cmd_retention_review(args: argparse.Namespace) -> int:
    with open_vault(args) as v, v.session() as s:
        rows = retention_review(s, parse_date(args.date))
    if args.json:
        print_json(rows)
    else:
        _print_rows(rows)
    return 0


def cmd_retention_run(args: argparse.Namespace) -> int:
    with open_vault(args) as v:
        result = run_retention(v, dry_run=args.dry_run)
    if args.json:
        print_json(
            {
                "dry_run": result.dry_run,
                "today": result.today,
                "vacuumed": result.vacuumed,
                "totals": result.totals(),
                "households": list(result.rows),
            }
        )
        return 0
    _print_rows(result.rows)
    totals = result.totals()
    if result.dry_run:
        info(f"Proefrun: {totals['households']} huishoudens zouden worden opgeschoond.")
    elif result.rows:
        info(
            f"Opgeschoond: {totals['households']} huishoudens, waarvan"
            f" {totals['anonymised']} geanonimiseerd."
        )
    if not result.dry_run and (result.rows or result.vacuumed):
        info(
            "De database is opnieuw opgebouwd: verwijderde tekst staat niet meer in het bestand."
            if result.vacuumed
            else "Het bestand kon nog niet worden opgeschoond omdat de kluis in gebruik is;"
            " sluit de app en voer 'waakvlam retention run' opnieuw uit."
        )
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

"""Privacy commands: retention, inzage, consent, audit list, backup and restore."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from waakvlam_desktop.cli.common import (
    add_command,
    add_group,
    data_dir,
    info,
    json_flag,
    nl_date,
    open_vault,
    print_json,
    read_passphrase,
)
from waakvlam_desktop.errors import UsageError


def _date(text: str | None, what: str = "--date") -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{what} moet de vorm JJJJ-MM-DD hebben, bijvoorbeeld 2026-11-27."
        ) from None


# ---- households: close / reopen (registered in core's household group) --------------------
def cmd_household_close(args: argparse.Namespace) -> int:
    from waakvlam_desktop.clock import local_today
    from waakvlam_desktop.privacy.retention import close_household

    with open_vault(args) as v, v.session() as s:
        closed = _date(args.date) or local_today(s.info["clock"])
        review = close_household(s, args.id, closed)
    if args.json:
        print_json({"id": args.id, "closed_on": closed, "review_on": review})
    else:
        print(
            f"Dossier gesloten; de bewaartermijn loopt. Eerste herbeoordeling: {nl_date(review)}."
        )
    return 0


def cmd_household_reopen(args: argparse.Namespace) -> int:
    from waakvlam_desktop.privacy.retention import reopen_household

    with open_vault(args) as v, v.session() as s:
        reopen_household(s, args.id)
    info("Dossier heropend.")
    return 0


# ---- retention -----------------------------------------------------------------------------
def _print_rows(rows: Any) -> None:
    from waakvlam_desktop.privacy.retention import CATEGORY_LABELS

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
    from waakvlam_desktop.privacy.retention import retention_review

    with open_vault(args) as v, v.session() as s:
        rows = retention_review(s, _date(args.date))
    if args.json:
        print_json(rows)
    else:
        _print_rows(rows)
    return 0


def cmd_retention_run(args: argparse.Namespace) -> int:
    from waakvlam_desktop.privacy.retention import run_retention

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


# ---- inzage ----------------------------------------------------------------------------------
def cmd_inzage(args: argparse.Namespace) -> int:
    from waakvlam_desktop.privacy.inzage import write_inzage

    with open_vault(args) as v, v.session() as s:
        result = write_inzage(s, args.resident_id, Path(args.out).expanduser())
    if args.json:
        print_json({"folder": str(result.folder), "pdf": str(result.pdf), "json": str(result.json)})
    else:
        print(result.folder)
        info("Controleer het overzicht voordat u het aan de bewoner geeft.")
    return 0


# ---- consent ---------------------------------------------------------------------------------
def cmd_consent_withdraw(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.consent import withdraw_consent

    with open_vault(args) as v, v.session() as s:
        state = withdraw_consent(s, args.referral_id, _date(args.date), args.note)
    if args.json:
        print_json(state)
    else:
        print(
            f"Toestemming voor {state.reference} ({state.partner_name}) ingetrokken op"
            f" {nl_date(state.withdrawn_on)}. Exports en brieven aan deze partner slaan dit"
            " huishouden nu over."
        )
    return 0


def cmd_consent_partners(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.consent import partners_that_received_data
    from waakvlam_desktop.domain.households import get_household

    with open_vault(args) as v, v.session() as s:
        get_household(s, args.household_id)
        receipts = partners_that_received_data(s, args.household_id)
    if args.json:
        print_json(receipts)
        return 0
    if not receipts:
        print("Nog geen gegevens gedeeld met partners.")
    for r in receipts:
        withdrawn = "  (toestemming ingetrokken)" if r.consent_withdrawn else ""
        print(
            f"{r.partner_name:<32} {nl_date(r.first_on)} – {nl_date(r.last_on)}"
            f"  {', '.join(r.via)}{withdrawn}"
        )
    return 0


# ---- audit list (registered in core's audit group) --------------------------------------------
def cmd_audit_list(args: argparse.Namespace) -> int:
    from waakvlam_desktop.storage.audit import action_label, audit_rows, entity_label

    with open_vault(args) as v, v.session() as s:
        rows = audit_rows(
            s,
            household_id=args.household,
            staff_id=args.staff,
            action=args.action,
            since=_date(args.since, "--from"),
            until=_date(args.until, "--to"),
            limit=args.limit,
        )
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        print(
            f"{r.seq:>6}  {r.at:%d-%m-%Y %H:%M}  {r.staff_name or '-':<20}"
            f" {action_label(r.action):<24} {entity_label(r.entity):<18} {r.entity_id or ''}"
        )
    return 0


# ---- backup and restore ------------------------------------------------------------------------
def cmd_backup(args: argparse.Namespace) -> int:
    from waakvlam_desktop.privacy.backup import create_backup

    with open_vault(args) as v:
        result = create_backup(v, Path(args.out).expanduser())
    if args.json:
        print_json(
            {
                "path": str(result.path),
                "vault_id": result.vault_id,
                "created_at": result.created_at,
                "db_bytes": result.db_bytes,
                "file_bytes": result.file_bytes,
                "schema": result.schema,
                "app_version": result.app_version,
            }
        )
    else:
        print(result.path)
        info("Back-up gemaakt. Het bestand is versleuteld; bewaar het wachtwoord apart.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from waakvlam_desktop.privacy.backup import restore_backup

    target = Path(args.restore_data_dir).expanduser() if args.restore_data_dir else data_dir(args)
    passphrase = read_passphrase(args, "Wachtwoord van de back-up: ")
    result = restore_backup(Path(args.file).expanduser(), target, passphrase, replace=args.replace)
    if args.json:
        print_json(
            {
                "data_dir": str(result.data_dir),
                "kept_aside": str(result.kept_aside) if result.kept_aside else None,
                "vault_id": result.vault_id,
                "backup_created_at": result.backup_created_at,
            }
        )
    else:
        print(result.data_dir)
        if result.kept_aside:
            info(f"De vorige kluis is bewaard in {result.kept_aside}.")
        info("Back-up teruggezet.")
    return 0


# ---- registration ------------------------------------------------------------------------------
def register_household_commands(hh: Any) -> None:
    """``household close`` and ``household reopen``, added to core's household group."""
    p = hh.add_parser("close", help="sluit het dossier; de bewaartermijn gaat lopen")
    p.add_argument("id")
    p.add_argument("--date", help="datum van afsluiten, JJJJ-MM-DD (standaard: vandaag)")
    p.set_defaults(func=cmd_household_close)
    json_flag(p)
    p = hh.add_parser("reopen", help="heropen een gesloten dossier")
    p.add_argument("id")
    p.set_defaults(func=cmd_household_reopen)


def register_audit_commands(au: Any) -> None:
    """``audit list``, added to core's audit group."""
    p = au.add_parser("list", help="toon gebeurtenissen uit het auditlog, met filters")
    p.add_argument("--household", help="alleen dit huishouden (id)")
    p.add_argument("--staff", help="alleen deze medewerker (id)")
    p.add_argument("--action", help="alleen deze handeling, bijvoorbeeld view of export")
    p.add_argument("--from", dest="since", help="vanaf deze dag, JJJJ-MM-DD")
    p.add_argument("--to", dest="until", help="tot en met deze dag, JJJJ-MM-DD")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(func=cmd_audit_list)
    json_flag(p)


def register(sub: Any) -> None:
    rt = add_group(sub, "retention", "bewaartermijnen")
    p = rt.add_parser("review", help="wat is aan de beurt om te verwijderen")
    p.add_argument("--date", help="beoordeel op deze dag, JJJJ-MM-DD (standaard: vandaag)")
    p.set_defaults(func=cmd_retention_review)
    json_flag(p)
    p = rt.add_parser("run", help="verwijder of anonimiseer verlopen gegevens")
    p.add_argument("--dry-run", action="store_true", help="laat alleen zien wat er zou gebeuren")
    p.set_defaults(func=cmd_retention_run)
    json_flag(p)

    p = add_command(sub, "inzage", cmd_inzage, "inzageverzoek: PDF en JSON over één bewoner")
    p.add_argument("resident_id")
    p.add_argument("--out", required=True, help="map waarin het overzicht komt")
    json_flag(p)

    cs = add_group(sub, "consent", "toestemming")
    p = cs.add_parser("withdraw", help="leg vast dat de bewoner de toestemming intrekt")
    p.add_argument("referral_id", help="id of kenmerk (WV-…) van de doorverwijzing")
    p.add_argument("--date", help="datum van intrekken, JJJJ-MM-DD (standaard: vandaag)")
    p.add_argument("--note", default="", help="korte toelichting")
    p.set_defaults(func=cmd_consent_withdraw)
    json_flag(p)
    p = cs.add_parser("partners", help="welke partners gegevens van dit huishouden kregen")
    p.add_argument("household_id")
    p.set_defaults(func=cmd_consent_partners)
    json_flag(p)

    p = add_command(sub, "backup", cmd_backup, "maak een versleutelde back-up van de kluis")
    p.add_argument("--out", required=True, help="het back-upbestand (bestaat nog niet)")
    json_flag(p)
    p = add_command(sub, "restore", cmd_restore, "zet een back-up terug")
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

"""The core commands: vault, households, visits, checklist, partners, demo, search, audit."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from waakvlam_desktop import config
from waakvlam_desktop.cli.common import (
    add_command,
    add_group,
    data_dir,
    info,
    json_flag,
    nl_date,
    open_vault,
    print_json,
    read_new_passphrase,
    read_passphrase,
)
from waakvlam_desktop.errors import UsageError, WaakvlamError


def cmd_init(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.setup import initialise
    from waakvlam_desktop.storage import remember
    from waakvlam_desktop.storage.keys import check_passphrase_policy
    from waakvlam_desktop.storage.vault import Vault

    if getattr(args, "passphrase_file", None) or os.environ.get(config.PASSPHRASE_ENV) is not None:
        passphrase = read_passphrase(args)
    elif sys.stdin.isatty():
        passphrase = getpass.getpass("Kies een wachtwoord (minstens 12 tekens): ")
        check_passphrase_policy(passphrase)
        if getpass.getpass("Wachtwoord (nog een keer): ") != passphrase:
            raise UsageError("De twee wachtwoorden zijn niet gelijk. Er is niets aangemaakt.")
    else:
        passphrase = read_passphrase(args)
    folder = data_dir(args)
    with Vault.create(folder, passphrase, kdf_target_seconds=config.kdf_target_seconds()) as v:
        with v.session() as s:
            initialise(
                s,
                organisation=args.organisation,
                staff_name=args.name,
                staff_role=args.role,
                language=args.language,
            )
        if args.remember:
            assert v.engine is not None
            stored = remember.remember(v.vault_id, _current_key(v, passphrase))
            info(
                "Sleutel onthouden op deze computer."
                if stored
                else "Geen veilige sleutelbos op deze computer: het wachtwoord blijft nodig."
            )
    info(f"Kluis aangemaakt in {folder}.")
    return 0


def _current_key(vault: Any, passphrase: str) -> bytes:
    from waakvlam_desktop.storage.keys import unwrap_key

    return unwrap_key(vault.read_header(vault.paths), passphrase)


def cmd_unlock_check(args: argparse.Namespace) -> int:
    with open_vault(args) as v:
        report = v.integrity_report()
    if report["integrity_check"] or report["cipher_integrity_check"]:
        raise WaakvlamError("De kluis opent, maar de controle vindt beschadigde pagina's.")
    print("De kluis opent en is in orde.")
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    from waakvlam_desktop.storage.vault import Vault

    old = read_passphrase(args, "Huidig wachtwoord: ")
    with Vault.open(data_dir(args), old) as v:
        new = read_new_passphrase(args)
        v.change_passphrase(old, new, kdf_target_seconds=config.kdf_target_seconds())
    info("Wachtwoord gewijzigd.")
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    from waakvlam_desktop.storage import remember
    from waakvlam_desktop.storage.vault import Vault

    passphrase = read_passphrase(args)
    with Vault.open(data_dir(args), passphrase) as v:
        had_key = remember.recall(v.vault_id) is not None
        new_key = v.rekey(passphrase)
        if had_key:
            remember.remember(v.vault_id, new_key)
    info("De kluis heeft een nieuwe sleutel.")
    return 0


def cmd_household_add(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain import households

    with open_vault(args) as v, v.session() as s:
        addr = households.add_address(
            s,
            street=args.street,
            number=args.number,
            addition=args.addition,
            postcode=args.postcode,
            city=args.city,
            wijk=args.wijk,
            vhe_code=args.vhe,
        )
        hh = households.add_household(s, addr.id, args.label)
        for name in args.resident:
            households.add_resident(s, hh.id, name)
        hid = hh.id
    if args.json:
        print_json({"id": hid})
    else:
        print(hid)
    return 0


def cmd_household_list(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.households import list_households

    with open_vault(args) as v, v.session() as s:
        rows = list_households(s)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("Nog geen huishoudens. Voeg er een toe met 'waakvlam household add'.")
    for r in rows:
        print(
            f"{r.id}  {r.concern_level.value:<9} {nl_date(r.next_check_in):<10}  "
            f"{r.address:<28} {r.label}"
        )
    return 0


def cmd_household_show(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.households import view_household

    with open_vault(args) as v, v.session() as s:
        detail = view_household(s, args.id, via="cli")
    if args.json:
        print_json(detail)
        return 0
    print(f"{detail.label} — {detail.address}, {detail.postcode} {detail.city}")
    print(
        f"Zorgniveau: {detail.concern_level.value}; volgend bezoek uiterlijk"
        f" {nl_date(detail.next_check_in)}"
    )
    print("Bewoners: " + (", ".join(r.name for r in detail.residents) or "-"))
    for visit in detail.visits:
        print(f"\n{visit.visited_at:%d-%m-%Y %H:%M}  {visit.kind}  {visit.staff_name}")
        if visit.notes:
            print(f"  {visit.notes}")
        for o in visit.observations:
            print(f"  • {o.label_nl} (ernst {o.severity}){' — ' + o.remark if o.remark else ''}")
    return 0


def _parse_signal(text: str) -> tuple[str, int]:
    code, sep, sev = text.partition("=")
    if not sep or not sev.strip().isdigit():
        raise UsageError(
            f"Signaal '{text}' moet de vorm CODE=ERNST hebben,"
            " bijvoorbeeld financien.huurachterstand=2."
        )
    return code.strip(), int(sev)


def cmd_visit_add(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.types import VisitKind
    from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit

    try:
        kind = VisitKind(args.kind)
    except ValueError:
        raise UsageError(
            f"Onbekende soort bezoek '{args.kind}'. Kies uit: "
            + ", ".join(k.value for k in VisitKind)
        ) from None
    signals = [SignalInput(*_parse_signal(s)) for s in args.signal]
    with open_vault(args) as v, v.session() as s:
        result = record_visit(
            s,
            VisitInput(
                household_id=args.household,
                kind=kind,
                notes=args.note,
                signals=signals,
                allow_bsn_like=args.allow_bsn_like,
            ),
        )
    if args.json:
        print_json(result)
    else:
        print(result.visit_id)
        info(
            f"Zorgniveau: {result.level.value}; volgend bezoek uiterlijk"
            f" {nl_date(result.next_check_in)}."
        )
        for item in result.acute_items:
            info(f"ACUUT — {item.label_nl}: {item.guidance_nl}")
    return 0


def cmd_checklist_show(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.checklist import load_checklist

    definition = load_checklist()
    if args.json:
        print_json(
            {
                "name": definition.name,
                "version": definition.version,
                "domains": definition.domains,
                "items": definition.items,
            }
        )
        return 0
    for d in definition.domains:
        print(f"\n{d.label_nl}")
        for i in definition.items:
            if i.domain == d.code:
                print(f"  {i.code:<34} {i.label_nl}{'  [ACUUT]' if i.acute else ''}")
    return 0


def cmd_partner_add(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.partners import add_partner
    from waakvlam_desktop.domain.types import DataProfile, ExportSchedule, PartnerType

    try:
        ptype = PartnerType(args.type)
    except ValueError:
        raise UsageError(
            f"Onbekend soort partner '{args.type}'. Kies uit: "
            + ", ".join(t.value for t in PartnerType)
        ) from None
    with open_vault(args) as v, v.session() as s:
        view = add_partner(
            s,
            name=args.name,
            type=ptype,
            recipients=args.recipient,
            profile=DataProfile(args.profile),
            schedule=ExportSchedule(args.schedule),
            contact_name=args.contact,
            address_line=args.address,
            postcode=args.postcode,
            city=args.city,
            email=args.email,
            phone=args.phone,
        )
    if args.json:
        print_json(view)
    else:
        print(view.id)
    return 0


def cmd_partner_list(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.partners import list_partners

    with open_vault(args) as v, v.session() as s:
        partners = list_partners(s)
    if args.json:
        print_json(partners)
        return 0
    for p in partners:
        print(f"{p.name:<36} {p.type.value:<22} {p.profile.value:<10} {p.schedule.value}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.demo import generate_demo

    if args.households < 1:
        raise UsageError("--households moet minstens 1 zijn.")

    def progress(done: int, total: int) -> None:
        info(f"demo: {done}/{total} huishoudens")

    with open_vault(args) as v:
        counts = generate_demo(v.session, args.households, seed=args.seed, progress=progress)
    if args.json:
        print_json(counts)
    else:
        print(", ".join(f"{k}: {n}" for k, n in counts.items()))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.stats import vault_stats

    with open_vault(args) as v, v.session() as s:
        stats = vault_stats(s)
    if args.json:
        print_json(stats)
        return 0
    for key, value in stats.items():
        print(f"{key}: {value}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.search import plain_snippet, search

    with open_vault(args) as v, v.session() as s:
        hits = search(s, args.query, limit=args.limit)
    if args.json:
        print_json(
            [
                {
                    "source": h.source,
                    "ref_id": h.ref_id,
                    "household_id": h.household_id,
                    "visit_id": h.visit_id,
                    "visited_at": h.visited_at,
                    "snippet": plain_snippet(h.snippet),
                }
                for h in hits
            ]
        )
        return 0
    if not hits:
        print("Niets gevonden.")
    for h in hits:
        print(f"{h.visited_at:%d-%m-%Y}  {h.household_label:<22} {plain_snippet(h.snippet)}")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from waakvlam_desktop.storage.audit import verify_chain

    with open_vault(args) as v, v.session() as s:
        verdict = verify_chain(s)
    if verdict.ok:
        print(verdict.message())
        return 0
    raise WaakvlamError(verdict.message())


def register(sub: Any) -> None:
    p = add_command(sub, "init", cmd_init, "maak een nieuwe kluis")
    p.add_argument("--organisation", required=True, help="naam van de corporatie")
    p.add_argument("--name", required=True, help="je eigen naam")
    p.add_argument("--role", default="", help="je functie, bijvoorbeeld wijkbeheerder")
    p.add_argument("--language", choices=["nl", "en"], default="nl")
    p.add_argument(
        "--remember",
        action="store_true",
        help="onthoud de sleutel in de sleutelbos van het systeem",
    )

    add_command(sub, "unlock-check", cmd_unlock_check, "controleer wachtwoord en kluis")
    p = add_command(sub, "passwd", cmd_passwd, "wijzig het wachtwoord")
    p.add_argument("--new-passphrase-file")
    add_command(sub, "rekey", cmd_rekey, "geef de database een nieuwe sleutel")

    hh = add_group(sub, "household", "huishoudens")
    p = hh.add_parser("list", help="alle huishoudens")
    p.set_defaults(func=cmd_household_list)
    json_flag(p)
    p = hh.add_parser("show", help="één huishouden met bezoeken en signalen")
    p.add_argument("id")
    p.set_defaults(func=cmd_household_show)
    json_flag(p)
    p = hh.add_parser("add", help="nieuw adres met huishouden")
    p.add_argument("--label", required=True, help="bijvoorbeeld 'fam. Jansen'")
    p.add_argument("--street", required=True)
    p.add_argument("--number", required=True, type=int)
    p.add_argument("--addition", default="")
    p.add_argument("--postcode", required=True)
    p.add_argument("--city", required=True)
    p.add_argument("--wijk", default="")
    p.add_argument("--vhe", default=None, help="VHE-code (verhuureenheid)")
    p.add_argument(
        "--resident", action="append", default=[], help="naam van een bewoner (herhaalbaar)"
    )
    p.set_defaults(func=cmd_household_add)
    json_flag(p)
    from waakvlam_desktop.cli.privacy import register_audit_commands, register_household_commands

    register_household_commands(hh)

    vs = add_group(sub, "visit", "huisbezoeken")
    p = vs.add_parser("add", help="leg een huisbezoek vast")
    p.add_argument("--household", required=True)
    p.add_argument("--kind", required=True, help="regulier, signaal, informeel, nazorg, overlast")
    p.add_argument("--note", default="")
    p.add_argument("--signal", action="append", default=[], metavar="CODE=ERNST")
    p.add_argument(
        "--allow-bsn-like", action="store_true", help="sla op, ook als de tekst op een BSN lijkt"
    )
    p.set_defaults(func=cmd_visit_add)
    json_flag(p)

    cl = add_group(sub, "checklist", "signalenlijst")
    p = cl.add_parser("show", help="toon codes, labels, domeinen en acute signalen")
    p.set_defaults(func=cmd_checklist_show)
    json_flag(p)

    pt = add_group(sub, "partner", "partners")
    p = pt.add_parser("add", help="nieuwe partner")
    p.add_argument("--name", required=True)
    p.add_argument("--type", required=True)
    p.add_argument(
        "--recipient", action="append", default=[], help="age-ontvanger (age1…), herhaalbaar"
    )
    p.add_argument("--profile", choices=["case", "aggregate", "handover"], default="case")
    p.add_argument("--schedule", choices=["monthly", "quarterly", "none"], default="none")
    p.add_argument("--contact", default="", help="contactpersoon (aanhef en t.a.v. in de brief)")
    p.add_argument("--address", default="", help="straat en nummer of postbus (voor de brief)")
    p.add_argument("--postcode", default="")
    p.add_argument("--city", default="")
    p.add_argument("--email", default="")
    p.add_argument("--phone", default="")
    p.set_defaults(func=cmd_partner_add)
    json_flag(p)
    p = pt.add_parser("list", help="alle partners")
    p.set_defaults(func=cmd_partner_list)
    json_flag(p)

    p = add_command(sub, "demo", cmd_demo, "vul de kluis met verzonnen voorbeeldgegevens")
    p.add_argument("--households", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    json_flag(p)

    p = add_command(sub, "stats", cmd_stats, "aantallen in de kluis")
    json_flag(p)

    p = add_command(sub, "search", cmd_search, "zoek in notities en opmerkingen")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=50)
    json_flag(p)

    au = add_group(sub, "audit", "auditlog")
    p = au.add_parser("verify", help="controleer de keten van het auditlog")
    p.set_defaults(func=cmd_audit_verify)
    register_audit_commands(au)

"""``waakvlam partner add|list``: the organisations households are referred to."""

from __future__ import annotations

import argparse

from waakvlam_desktop.cli.common import Arguments, json_flag, open_vault, print_json, subcommands
from waakvlam_desktop.domain.types import DataProfile, ExportSchedule, PartnerType
from waakvlam_desktop.errors import UsageError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

UNKNOWN_TYPE = Message(
    "cli.unknown_partner_type",
    QT_TRANSLATE_NOOP("Errors", "Unknown kind of partner '{value}'. Choose from: {choices}"),
)


def cmd_partner_add(args: argparse.Namespace) -> int:
    try:
        ptype = PartnerType(args.type)
    except ValueError:
        choices = ", ".join(t.value for t in PartnerType)
        raise UsageError(UNKNOWN_TYPE, value=args.type, choices=choices) from None
    from waakvlam_desktop.domain.partners import add_partner  # noqa: PLC0415 - parsing stays light (cli/main.py)

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
    from waakvlam_desktop.domain.partners import list_partners  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        partners = list_partners(s)
    if args.json:
        print_json(partners)
        return 0
    for p in partners:
        print(f"{p.name:<36} {p.type.value:<22} {p.profile.value:<10} {p.schedule.value}")
    return 0


def _partner(p: argparse.ArgumentParser) -> None:
    pt = subcommands(p, "partner")
    c = pt.add_parser("add", help="nieuwe partner")
    c.add_argument("--name", required=True)
    c.add_argument("--type", required=True)
    c.add_argument(
        "--recipient", action="append", default=[], help="age-ontvanger (age1…), herhaalbaar"
    )
    c.add_argument("--profile", choices=["case", "aggregate", "handover"], default="case")
    c.add_argument("--schedule", choices=["monthly", "quarterly", "none"], default="none")
    c.add_argument("--contact", default="", help="contactpersoon (aanhef en t.a.v. in de brief)")
    c.add_argument("--address", default="", help="straat en nummer of postbus (voor de brief)")
    c.add_argument("--postcode", default="")
    c.add_argument("--city", default="")
    c.add_argument("--email", default="")
    c.add_argument("--phone", default="")
    c.set_defaults(func=cmd_partner_add)
    json_flag(c)
    c = pt.add_parser("list", help="alle partners")
    c.set_defaults(func=cmd_partner_list)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"partner": _partner}

"""``waakvlam partner add|edit|list``: the organisations households are referred to."""

from __future__ import annotations

import argparse
import dataclasses
from typing import TYPE_CHECKING

from waakvlam_desktop.cli.common import (
    Arguments,
    info,
    json_flag,
    open_vault,
    print_json,
    subcommands,
)
from waakvlam_desktop.domain.names import NO_NAME, PersonName, person_name
from waakvlam_desktop.domain.types import DataProfile, ExportSchedule, PartnerType
from waakvlam_desktop.errors import UsageError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from waakvlam_desktop.bundles.keys import SenderKey
    from waakvlam_desktop.domain.partners import PartnerView

TO_COMPLETE = Message(
    "cli.partner_to_complete",
    QT_TRANSLATE_NOOP("Cli", "to complete: {missing}"),
    context="Cli",
)
UNKNOWN_TYPE = Message(
    "cli.unknown_partner_type",
    QT_TRANSLATE_NOOP("Errors", "Unknown kind of partner '{value}'. Choose from: {choices}"),
)


SIGNING_KEY_PINNED = Message(
    "cli.partner_signing_key_pinned",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Signing key of {partner} pinned (key ID {fingerprint}): feedback replies from"
        " {partner} are read in only with this key.",
    ),
    context="Cli",
)


def _signing_key(args: argparse.Namespace) -> SenderKey | None:
    """The key file of --signing-key, read before the vault is opened."""
    if not args.signing_key:
        return None
    from waakvlam_desktop.bundles.keys import load_sender  # noqa: PLC0415 - parsing stays light (cli/main.py)

    return load_sender(args.signing_key)


def _pin(s: Session, view: PartnerView, key: SenderKey | None) -> PartnerView:
    if key is None:
        return view
    from waakvlam_desktop.bundles.keys import grouped  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.partners import pin_signing_key  # noqa: PLC0415 - parsing stays light (cli/main.py)

    pin_signing_key(s, view.id, key.public_key, key.key_id)
    info(SIGNING_KEY_PINNED.render(partner=view.name, fingerprint=grouped(key.key_id)))
    return dataclasses.replace(view, signing_key_id=key.key_id)


def _type(value: str) -> PartnerType:
    try:
        return PartnerType(value)
    except ValueError:
        choices = ", ".join(t.value for t in PartnerType)
        raise UsageError(UNKNOWN_TYPE, value=value, choices=choices) from None


def _contact(args: argparse.Namespace, old: PersonName = NO_NAME) -> PersonName | None:
    """The contact person's parts from --contact-*; None when no such option was given."""
    given = [
        args.contact_salutation,
        args.contact_initials,
        args.contact_prefix,
        args.contact_surname,
    ]
    if all(g is None for g in given):
        return None
    sal, initials, prefix, surname = given
    return person_name(
        (old.salutation.value if old.salutation else "") if sal is None else sal,
        old.initials if initials is None else initials,
        old.prefix if prefix is None else prefix,
        old.surname if surname is None else surname,
    )


def _show(args: argparse.Namespace, view: PartnerView) -> None:
    if args.json:
        print_json(view)
    else:
        print(view.id)


def cmd_partner_add(args: argparse.Namespace) -> int:
    ptype = _type(args.type)
    from waakvlam_desktop.domain.partners import add_partner  # noqa: PLC0415 - parsing stays light (cli/main.py)

    key = _signing_key(args)
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
            contact=_contact(args),
        )
        view = _pin(s, view, key)
    _show(args, view)
    return 0


def cmd_partner_edit(args: argparse.Namespace) -> int:
    """Change only the options given."""
    from waakvlam_desktop.domain.partners import (  # noqa: PLC0415 - parsing stays light (cli/main.py)
        get_partner,
        list_partners,
        update_partner,
    )

    key = _signing_key(args)
    with open_vault(args) as v, v.session() as s:
        partner = get_partner(s, args.partner)
        old = next(p for p in list_partners(s) if p.id == partner.id)

        def pick(value: str | None, current: str) -> str:
            return current if value is None else value

        view = update_partner(
            s,
            old.id,
            name=pick(args.name, old.name),
            type=old.type if args.type is None else _type(args.type),
            recipients=list(old.recipients) if not args.recipient else args.recipient,
            profile=old.profile if args.profile is None else DataProfile(args.profile),
            schedule=old.schedule if args.schedule is None else ExportSchedule(args.schedule),
            contact_name=pick(args.contact, old.contact_name),
            address_line=pick(args.address, old.address_line),
            postcode=pick(args.postcode, old.postcode),
            city=pick(args.city, old.city),
            email=pick(args.email, old.email),
            phone=pick(args.phone, old.phone),
            contact=_contact(args, old.contact),
        )
        view = _pin(s, view, key)
    _show(args, view)
    return 0


def cmd_partner_list(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.partners import list_partners, missing_words  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        partners = list_partners(s)
    if args.json:
        print_json(partners)
        return 0
    for p in partners:
        line = f"{p.name:<36} {p.type.value:<22} {p.profile.value:<10} {p.schedule.value}"
        if p.missing:
            line += "  " + TO_COMPLETE.render(missing=missing_words(p.missing))
        print(line)
    return 0


def _partner(p: argparse.ArgumentParser) -> None:
    pt = subcommands(p, "partner")
    c = pt.add_parser("add", help="nieuwe partner")
    c.add_argument("--name", required=True)
    c.add_argument("--type", required=True)
    c.add_argument(
        "--recipient",
        action="append",
        default=[],
        help="sleutel van de partner (age1…), herhaalbaar",
    )
    c.add_argument("--profile", choices=["case", "aggregate", "handover"], default="case")
    c.add_argument("--schedule", choices=["monthly", "quarterly", "none"], default="none")
    _details(c, default="")
    c.set_defaults(func=cmd_partner_add)
    json_flag(c)

    c = pt.add_parser("edit", help="gegevens van een partner wijzigen (alleen wat je opgeeft)")
    c.add_argument("partner", help="naam of id van de partner")
    c.add_argument("--name")
    c.add_argument("--type")
    c.add_argument(
        "--recipient",
        action="append",
        default=[],
        help="vervangt de sleutels van de partner, herhaalbaar",
    )
    c.add_argument("--profile", choices=["case", "aggregate", "handover"])
    c.add_argument("--schedule", choices=["monthly", "quarterly", "none"])
    _details(c, default=None)
    c.set_defaults(func=cmd_partner_edit)
    json_flag(c)
    c = pt.add_parser("list", help="alle partners")
    c.set_defaults(func=cmd_partner_list)
    json_flag(c)


def _details(c: argparse.ArgumentParser, default: str | None) -> None:
    """Contact person and postal address (for the letter)."""
    c.add_argument(
        "--contact",
        default=default,
        help="contactpersoon zoals getypt (alleen als de delen hieronder ontbreken)",
    )
    c.add_argument(
        "--contact-salutation",
        choices=["heer", "mevrouw", "neutraal", ""],
        help="aanhef in de brief: heer (de heer …), mevrouw of neutraal (alleen de naam)",
    )
    c.add_argument("--contact-initials", help="voorletters, bijvoorbeeld J.")
    c.add_argument("--contact-prefix", help="tussenvoegsel, bijvoorbeeld de of van der")
    c.add_argument("--contact-surname", help="achternaam, bijvoorbeeld Groot")
    c.add_argument("--address", default=default, help="straat en nummer of postbus (voor de brief)")
    c.add_argument("--postcode", default=default)
    c.add_argument("--city", default=default)
    c.add_argument("--email", default=default)
    c.add_argument("--phone", default=default)
    c.add_argument(
        "--signing-key",
        help="bestand (of regel waakvlam-ed25519:…) met de publieke ondertekensleutel van de"
        " partner, voor terugkoppeling; vergelijk eerst de sleutel-id per telefoon",
    )


COMMANDS: dict[str, Arguments] = {"partner": _partner}

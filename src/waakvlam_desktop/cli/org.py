"""``waakvlam org set``: the organisation's name, postal address, phone and e-mail (the
letterhead and the return address); ``waakvlam org public-key``: its signing key, for
partners to pin."""

from __future__ import annotations

import argparse

from waakvlam_desktop.cli.common import (
    Arguments,
    info,
    json_flag,
    open_vault,
    print_json,
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
NO_ADDRESS_YET = Message(
    "cli.org_no_address",
    QT_TRANSLATE_NOOP("Cli", "no postal address yet"),
    context="Cli",
)


def cmd_set(args: argparse.Namespace) -> int:
    """Change only the options given; the rest stays as it is."""
    from waakvlam_desktop.domain.staff import (  # noqa: PLC0415 - parsing stays light (cli/main.py)
        organisation_view,
        update_organisation,
    )

    with open_vault(args) as v, v.session() as s:
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
        s.flush()
        org = organisation_view(s)
    if args.json:
        print_json(org)
    else:
        postal = ", ".join(p for p in (org.address_line, f"{org.postcode} {org.city}".strip()) if p)
        info(ORG_SAVED.render(name=org.name, address=postal or NO_ADDRESS_YET.render()))
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
    c.set_defaults(func=cmd_set)
    json_flag(c)
    c = og.add_parser("public-key", help="de publieke ondertekeningssleutel, voor partners")
    c.add_argument("--out", help="schrijf de sleutel naar dit bestand")
    c.set_defaults(func=cmd_public_key)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"org": _org}

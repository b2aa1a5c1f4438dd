"""``waakvlam consent withdraw|partners``: a resident's consent and who received data."""

from __future__ import annotations

import argparse

from waakvlam_desktop.cli.common import (
    Arguments,
    json_flag,
    nl_date,
    open_vault,
    parse_date,
    print_json,
    subcommands,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

WITHDRAWN = Message(
    "cli.consent_withdrawn",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Consent for {reference} ({partner}) withdrawn on {date}. Exports and letters to this"
        " partner now skip this household.",
    ),
    context="Cli",
)
NOTHING_SHARED = Message(
    "cli.consent_nothing_shared",
    QT_TRANSLATE_NOOP("Cli", "No data shared with partners yet."),
    context="Cli",
)
WITHDRAWN_MARK = Message(
    "cli.consent_withdrawn_mark",
    QT_TRANSLATE_NOOP("Cli", "(consent withdrawn)"),
    context="Cli",
)
BUNDLES_ON = Message(
    "cli.consent_bundles_on",
    QT_TRANSLATE_NOOP("Cli", "bundles on: {days}"),
    context="Cli",
)


def cmd_consent_withdraw(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.consent import withdraw_consent  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        state = withdraw_consent(s, args.referral_id, parse_date(args.date), args.note)
    if args.json:
        print_json(state)
    else:
        print(
            WITHDRAWN.render(
                reference=state.reference,
                partner=state.partner_name,
                date=nl_date(state.withdrawn_on),
            )
        )
    return 0


def cmd_consent_partners(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.consent import partners_that_received_data  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.households import get_household  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        get_household(s, args.household_id)
        receipts = partners_that_received_data(s, args.household_id)
    if args.json:
        print_json(receipts)
        return 0
    if not receipts:
        print(NOTHING_SHARED.render())
    for r in receipts:
        withdrawn = f"  {WITHDRAWN_MARK.render()}" if r.consent_withdrawn else ""
        print(
            f"{r.partner_name:<32} {nl_date(r.first_on)} – {nl_date(r.last_on)}"
            f"  {', '.join(r.via)}{withdrawn}"
        )
        if r.exported_on:
            days = ", ".join(nl_date(d) for d in r.exported_on)
            print(f"{'':<32} {BUNDLES_ON.render(days=days)}")
    return 0


def _consent(p: argparse.ArgumentParser) -> None:
    cs = subcommands(p, "consent")
    c = cs.add_parser("withdraw", help="leg vast dat de bewoner de toestemming intrekt")
    c.add_argument("referral_id", help="id of kenmerk (WV-…) van de doorverwijzing")
    c.add_argument("--date", help="datum van intrekken, JJJJ-MM-DD (standaard: vandaag)")
    c.add_argument("--note", default="", help="korte toelichting")
    c.set_defaults(func=cmd_consent_withdraw)
    json_flag(c)
    c = cs.add_parser("partners", help="welke partners gegevens van dit huishouden kregen")
    c.add_argument("household_id")
    c.set_defaults(func=cmd_consent_partners)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"consent": _consent}

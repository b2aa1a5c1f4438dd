"""``waakvlam household list|show|add|close|reopen``: households and their case files."""

from __future__ import annotations

import argparse

from waakvlam_desktop.cli.common import (
    Arguments,
    info,
    json_flag,
    jsonable,
    nl_date,
    open_vault,
    parse_date,
    print_json,
    subcommands,
)
from waakvlam_desktop.clock import local_today
from waakvlam_desktop.domain.names import parse_formal_name
from waakvlam_desktop.domain.types import household_level_label
from waakvlam_desktop.errors import UsageError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

NO_HOUSEHOLDS = Message(
    "cli.household_none",
    QT_TRANSLATE_NOOP("Cli", "No households yet. Add one with 'waakvlam household add'."),
    context="Cli",
)
LEVEL_AND_NEXT = Message(
    "cli.household_level_next",
    QT_TRANSLATE_NOOP("Cli", "Concern level: {level}; next visit by {date}"),
    context="Cli",
)
RESIDENTS = Message(
    "cli.household_residents",
    QT_TRANSLATE_NOOP("Cli", "Residents: {names}"),
    context="Cli",
)
SEVERITY = Message(
    "cli.household_severity",
    QT_TRANSLATE_NOOP("Cli", "severity {severity}"),
    context="Cli",
)
CLOSED = Message(
    "cli.household_closed",
    QT_TRANSLATE_NOOP("Cli", "Case closed; the retention period is running. First review: {date}."),
    context="Cli",
)
TOO_MANY_ADDRESSED = Message(
    "cli.household_too_many_addressed",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Give --resident-as at most once per --resident, in the same order"
        " (e.g. --resident 'Anna Jansen' --resident-as 'mevrouw A. Jansen').",
    ),
)
REOPENED = Message(
    "cli.household_reopened",
    QT_TRANSLATE_NOOP("Cli", "Case reopened."),
    context="Cli",
)


def cmd_household_add(args: argparse.Namespace) -> int:
    if len(args.resident_as) > len(args.resident):
        raise UsageError(TOO_MANY_ADDRESSED)
    addressed = [*args.resident_as, *[""] * (len(args.resident) - len(args.resident_as))]
    from waakvlam_desktop.domain import households  # noqa: PLC0415 - parsing stays light (cli/main.py)

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
        for name, formal in zip(args.resident, addressed, strict=True):
            households.add_resident(s, hh.id, name, parts=parse_formal_name(formal))
        hid = hh.id
    if args.json:
        print_json({"id": hid})
    else:
        print(hid)
    return 0


def cmd_household_list(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain import households  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        rows = households.list_households(s)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(NO_HOUSEHOLDS.render())
    for r in rows:
        print(
            f"{r.id}  {r.concern_level.value:<9} {nl_date(r.next_check_in):<10}  "
            f"{r.address:<28} {r.label}"
        )
    return 0


def cmd_household_show(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain import households  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        detail = households.view_household(s, args.id, via="cli")
    level = household_level_label(detail.concern_level, detail.visited)
    if args.json:
        print_json({**jsonable(detail), "level_text": level})
        return 0
    print(f"{detail.label} — {detail.address}, {detail.postcode} {detail.city}")
    print(LEVEL_AND_NEXT.render(level=level, date=nl_date(detail.next_check_in)))
    print(RESIDENTS.render(names=", ".join(r.name for r in detail.residents) or "-"))
    for visit in detail.visits:
        print(f"\n{visit.visited_at:%d-%m-%Y %H:%M}  {visit.kind}  {visit.staff_name}")
        if visit.notes:
            print(f"  {visit.notes}")
        for o in visit.observations:
            remark = f" — {o.remark}" if o.remark else ""
            print(f"  • {o.label_nl} ({SEVERITY.render(severity=o.severity)}){remark}")
    return 0


def cmd_household_close(args: argparse.Namespace) -> int:
    from waakvlam_desktop.privacy.retention import close_household  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        closed = parse_date(args.date) or local_today(s.info["clock"])
        review = close_household(s, args.id, closed)
    if args.json:
        print_json({"id": args.id, "closed_on": closed, "review_on": review})
    else:
        print(CLOSED.render(date=nl_date(review)))
    return 0


def cmd_household_reopen(args: argparse.Namespace) -> int:
    from waakvlam_desktop.privacy.retention import reopen_household  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        reopen_household(s, args.id)
    info(REOPENED.render())
    return 0


def _household(p: argparse.ArgumentParser) -> None:
    hh = subcommands(p, "household")
    c = hh.add_parser("list", help="alle huishoudens")
    c.set_defaults(func=cmd_household_list)
    json_flag(c)
    c = hh.add_parser("show", help="één huishouden met bezoeken en signalen")
    c.add_argument("id")
    c.set_defaults(func=cmd_household_show)
    json_flag(c)
    c = hh.add_parser("add", help="nieuw adres met huishouden")
    c.add_argument("--label", required=True, help="bijvoorbeeld 'fam. Jansen'")
    c.add_argument("--street", required=True)
    c.add_argument("--number", required=True, type=int)
    c.add_argument("--addition", default="")
    c.add_argument("--postcode", required=True)
    c.add_argument("--city", required=True)
    c.add_argument("--wijk", default="")
    c.add_argument("--vhe", default=None, help="VHE-code (verhuureenheid)")
    c.add_argument(
        "--resident", action="append", default=[], help="naam van een bewoner (herhaalbaar)"
    )
    c.add_argument(
        "--resident-as",
        action="append",
        default=[],
        help="hoe brieven die bewoner aanspreken, bijvoorbeeld 'mevrouw A. Jansen'"
        " (herhaalbaar, in de volgorde van --resident)",
    )
    c.set_defaults(func=cmd_household_add)
    json_flag(c)
    c = hh.add_parser("close", help="sluit het dossier; de bewaartermijn gaat lopen")
    c.add_argument("id")
    c.add_argument("--date", help="datum van afsluiten, JJJJ-MM-DD (standaard: vandaag)")
    c.set_defaults(func=cmd_household_close)
    json_flag(c)
    c = hh.add_parser("reopen", help="heropen een gesloten dossier")
    c.add_argument("id")
    c.set_defaults(func=cmd_household_reopen)


COMMANDS: dict[str, Arguments] = {"household": _household}

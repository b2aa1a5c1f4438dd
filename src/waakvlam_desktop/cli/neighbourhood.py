"""``waakvlam neighbourhood``: the log per complex (Buurt): events, complex signs, actions."""

from __future__ import annotations

import argparse

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
from waakvlam_desktop.domain.types import FollowUpStatus, concern_label
from waakvlam_desktop.errors import UsageError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message, current_language

SIGNAL_FORM = Message(
    "cli.complex_signal_form",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Complex signal '{text}' must have the form CODE=SEVERITY, for example"
        " buurt.vervuiling_portiek=2.",
    ),
)
DUE_WITHOUT_ACTION = Message(
    "cli.due_without_action",
    QT_TRANSLATE_NOOP("Errors", "--due needs --action: the date is the action's due date."),
)
EVENT_SAVED = Message(
    "cli.neighbourhood_event_saved",
    QT_TRANSLATE_NOOP(
        "Cli", "Event recorded in {complex}: {signals} complex signal(s), {actions} action(s)."
    ),
    context="Cli",
)
NO_EVENTS = Message(
    "cli.neighbourhood_no_events",
    QT_TRANSLATE_NOOP("Cli", "No events recorded for this complex yet."),
    context="Cli",
)
OPEN_ACTIONS = Message(
    "cli.neighbourhood_open_actions", QT_TRANSLATE_NOOP("Cli", "Open actions:"), context="Cli"
)
HOUSEHOLDS = Message(
    "cli.neighbourhood_households", QT_TRANSLATE_NOOP("Cli", "Households:"), context="Cli"
)
ACTION_CLOSED = Message(
    "cli.neighbourhood_action_closed",
    QT_TRANSLATE_NOOP("Cli", "Action closed ({status})."),
    context="Cli",
)


def _parse_signal(text: str) -> tuple[str, int]:
    code, sep, sev = text.partition("=")
    if not sep or not sev.strip().isdigit():
        raise UsageError(SIGNAL_FORM, text=text)
    return code.strip(), int(sev)


def cmd_event_add(args: argparse.Namespace) -> int:
    signals = [_parse_signal(s) for s in args.signal]
    if args.due and not args.action:
        raise UsageError(DUE_WITHOUT_ACTION)
    occurred_on = parse_date(args.date)
    due = parse_date(args.due, "--due")
    from waakvlam_desktop.domain.neighbourhood import (  # noqa: PLC0415 - parsing stays light (cli/main.py)
        ActionInput,
        EventInput,
        add_event,
        find_complex_option,
    )

    with open_vault(args) as v, v.session() as s:
        cpx = find_complex_option(s, args.complex)
        result = add_event(
            s,
            EventInput(
                complex_id=cpx.id,
                kind=args.kind,
                note=args.note,
                occurred_on=occurred_on,
                signals=signals,
                partners=args.partner,
                actions=[ActionInput(args.action, due)] if args.action else [],
                allow_bsn_like=args.allow_bsn_like,
            ),
        )
    if args.json:
        print_json(result)
    else:
        print(result.event_id)
        info(
            EVENT_SAVED.render(
                complex=cpx.name, signals=len(result.signal_ids), actions=len(result.action_ids)
            )
        )
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.neighbourhood import complex_log  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        log = complex_log(s, args.complex)
    if args.json:
        print_json(log)
        return 0
    english = current_language() == "en"
    code = f" ({log.complex.code})" if log.complex.code else ""
    print(f"{log.complex.name}{code}")
    if not log.events:
        print(NO_EVENTS.render())
    for ev in log.events:
        kind = ev.kind_en if english else ev.kind_nl
        print(f"{nl_date(ev.occurred_on)}  {kind}: {ev.note}")
        if ev.partners:
            print(f"    + {', '.join(ev.partners)}")
        for sig in ev.signals:
            print(f"    ! {sig.label_en if english else sig.label_nl} ({sig.severity})")
    if log.open_actions:
        print(OPEN_ACTIONS.render())
        for a in log.open_actions:
            print(f"  {nl_date(a.due_on)}  {a.description}  [{a.id}]")
    if log.households:
        print(HOUSEHOLDS.render())
        for h in log.households:
            print(f"  {concern_label(h.level)} · {h.address} · {h.label}")
    return 0


def cmd_action_done(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.neighbourhood import set_action_status  # noqa: PLC0415 - parsing stays light (cli/main.py)

    status = FollowUpStatus.CANCELLED if args.drop else FollowUpStatus.DONE
    with open_vault(args) as v, v.session() as s:
        set_action_status(s, args.action, status)
    info(ACTION_CLOSED.render(status=status.value))
    return 0


def _neighbourhood(p: argparse.ArgumentParser) -> None:
    ns = subcommands(p, "neighbourhood")
    ev = ns.add_parser("event", help="buurtgebeurtenissen")
    evs = subcommands(ev, "neighbourhood_event")
    c = evs.add_parser("add", help="leg een gebeurtenis in een complex vast")
    c.add_argument("--complex", required=True, help="naam of code van het complex")
    c.add_argument(
        "--kind",
        required=True,
        help="incident, overlast, bewonersbijeenkomst, activiteit, schoonmaakactie,"
        " buurtgesprek (resources/neighbourhood/neighbourhood.json)",
    )
    c.add_argument(
        "--note", required=True, help="korte tekst over het complex; geen namen van bewoners"
    )
    c.add_argument("--date", help="datum, JJJJ-MM-DD (standaard: vandaag)")
    c.add_argument(
        "--signal",
        action="append",
        default=[],
        metavar="CODE=ERNST",
        help="buurtsignaal (resources/checklist/buurtsignalen.json), ernst 1-3 (herhaalbaar)",
    )
    c.add_argument(
        "--partner", action="append", default=[], metavar="NAAM", help="betrokken partner"
    )
    c.add_argument("--action", metavar="TEKST", help="vervolgactie voor het complex")
    c.add_argument("--due", metavar="JJJJ-MM-DD", help="uiterste datum van de actie")
    c.add_argument(
        "--allow-bsn-like", action="store_true", help="sla op, ook als de tekst op een BSN lijkt"
    )
    c.set_defaults(func=cmd_event_add)
    json_flag(c)
    c = ns.add_parser("log", help="het logboek van een complex")
    c.add_argument("--complex", required=True, help="naam of code van het complex")
    c.set_defaults(func=cmd_log)
    json_flag(c)
    c = ns.add_parser("done", help="vink een actie van een complex af")
    c.add_argument("action", metavar="ACTIE_ID")
    c.add_argument("--drop", action="store_true", help="laat de actie vervallen")
    c.set_defaults(func=cmd_action_done)


COMMANDS: dict[str, Arguments] = {"neighbourhood": _neighbourhood}

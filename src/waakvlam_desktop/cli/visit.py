"""``waakvlam visit add``: record a home visit with its signals."""

from __future__ import annotations

import argparse

from waakvlam_desktop.cli.common import (
    Arguments,
    info,
    json_flag,
    nl_date,
    open_vault,
    print_json,
    subcommands,
)
from waakvlam_desktop.domain.types import VisitKind
from waakvlam_desktop.errors import UsageError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

LEVEL_AND_NEXT = Message(
    "cli.visit_level_next",
    QT_TRANSLATE_NOOP("Cli", "Concern level: {level}; next visit by {date}."),
    context="Cli",
)
ACUTE = Message(
    "cli.visit_acute",
    QT_TRANSLATE_NOOP("Cli", "ACUTE — {label}: {guidance}"),
    context="Cli",
)
ACUTE_ACTION_MADE = Message(
    "cli.visit_acute_action",
    QT_TRANSLATE_NOOP(
        "Cli",
        "No --acute-response given: an action due today was added; it stays first in"
        " 'waakvlam today' until it is ticked off.",
    ),
    context="Cli",
)
AMENDED = Message(
    "cli.visit_amended",
    QT_TRANSLATE_NOOP(
        "Cli", "Note corrected. The note as it was is kept; the timeline shows 'corrected'."
    ),
    context="Cli",
)

SIGNAL_FORM = Message(
    "cli.signal_form",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Signal '{text}' must have the form CODE=SEVERITY, for example"
        " financien.huurachterstand=2.",
    ),
)
UNKNOWN_KIND = Message(
    "cli.unknown_visit_kind",
    QT_TRANSLATE_NOOP("Errors", "Unknown kind of visit '{value}'. Choose from: {choices}"),
)


def _parse_signal(text: str) -> tuple[str, int]:
    code, sep, sev = text.partition("=")
    if not sep or not sev.strip().isdigit():
        raise UsageError(SIGNAL_FORM, text=text)
    return code.strip(), int(sev)


def cmd_visit_add(args: argparse.Namespace) -> int:
    try:
        kind = VisitKind(args.kind)
    except ValueError:
        choices = ", ".join(k.value for k in VisitKind)
        raise UsageError(UNKNOWN_KIND, value=args.kind, choices=choices) from None
    signals = [_parse_signal(s) for s in args.signal]
    from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        result = record_visit(
            s,
            VisitInput(
                household_id=args.household,
                kind=kind,
                notes=args.note,
                signals=[SignalInput(*s) for s in signals],
                allow_bsn_like=args.allow_bsn_like,
                acute_response=args.acute_response,
            ),
        )
    if args.json:
        print_json(result)
    else:
        print(result.visit_id)
        info(LEVEL_AND_NEXT.render(level=result.level.value, date=nl_date(result.next_check_in)))
        for item in result.acute_items:
            info(ACUTE.render(label=item.label_nl, guidance=item.guidance_nl))
        if result.acute_items and not (args.acute_response or "").strip():
            info(ACUTE_ACTION_MADE.render())
    return 0


def cmd_visit_amend(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.visits import amend_visit  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        correction = amend_visit(s, args.visit, args.note, allow_bsn_like=args.allow_bsn_like)
        result = {"visit_id": args.visit, "correction_id": correction.id}
    if args.json:
        print_json(result)
    else:
        info(AMENDED.render())
    return 0


def _visit(p: argparse.ArgumentParser) -> None:
    vs = subcommands(p, "visit")
    c = vs.add_parser("add", help="leg een huisbezoek vast")
    c.add_argument("--household", required=True)
    c.add_argument("--kind", required=True, help="regulier, signaal, informeel, nazorg, overlast")
    c.add_argument("--note", default="")
    c.add_argument("--signal", action="append", default=[], metavar="CODE=ERNST")
    c.add_argument(
        "--acute-response",
        metavar="TEKST",
        help="bij een acuut signaal: wat je gedaan hebt (bijv. 'Veilig Thuis gebeld');"
        " zonder: een actie voor vandaag",
    )
    c.add_argument(
        "--allow-bsn-like", action="store_true", help="sla op, ook als de tekst op een BSN lijkt"
    )
    c.set_defaults(func=cmd_visit_add)
    json_flag(c)
    c = vs.add_parser("amend", help="corrigeer de notitie van een opgeslagen huisbezoek")
    c.add_argument("visit", metavar="VISIT_ID")
    c.add_argument("--note", required=True, help="de verbeterde notitie (de oude blijft bewaard)")
    c.add_argument(
        "--allow-bsn-like", action="store_true", help="sla op, ook als de tekst op een BSN lijkt"
    )
    c.set_defaults(func=cmd_visit_amend)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"visit": _visit}

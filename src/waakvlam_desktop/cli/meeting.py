"""``waakvlam meeting``: the case conference (casusoverleg) — plan, agenda, agreements,
solved, and the agenda and minutes per participant as PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

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
from waakvlam_desktop.errors import UsageError, WaakvlamError
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

PLANNED = Message(
    "cli.meeting_planned",
    QT_TRANSLATE_NOOP("Cli", "Meeting planned on {date}; {count} household(s) carried over."),
    context="Cli",
)
ON_AGENDA = Message(
    "cli.meeting_on_agenda",
    QT_TRANSLATE_NOOP("Cli", "On the agenda of {count} meeting(s)."),
    context="Cli",
)
AGREED = Message(
    "cli.meeting_agreed", QT_TRANSLATE_NOOP("Cli", "Agreement recorded."), context="Cli"
)
DECIDED = Message(
    "cli.meeting_decided", QT_TRANSLATE_NOOP("Cli", "Decision recorded."), context="Cli"
)
SOLVED = Message(
    "cli.meeting_solved",
    QT_TRANSLATE_NOOP("Cli", "Marked solved; off {count} later agenda(s)."),
    context="Cli",
)
DONE = Message("cli.meeting_done", QT_TRANSLATE_NOOP("Cli", "Agreement done."), context="Cli")
SAVED = Message(
    "cli.meeting_saved",
    QT_TRANSLATE_NOOP("Cli", "{what} for {partner} saved in {path}."),
    context="Cli",
)
SENT = Message(
    "cli.meeting_sent",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Agenda for {partner} encrypted in {path}: {households} household(s) on it,"
        " {left_out} not shown.",
    ),
    context="Cli",
)
NO_MEETINGS = Message(
    "cli.meeting_none", QT_TRANSLATE_NOOP("Cli", "No meetings yet."), context="Cli"
)
LIST_LINE = Message(
    "cli.meeting_line",
    QT_TRANSLATE_NOOP(
        "Cli",
        "{date} {place}: {partners}; {households} household(s), {solved} solved,"
        " {open} open agreement(s)",
    ),
    context="Cli",
)
FILE_EXISTS = Message(
    "cli.meeting_file_exists",
    QT_TRANSLATE_NOOP("Errors", "{path} already exists. Choose another name or use --force."),
)
FOLDER_MISSING = Message(
    "cli.meeting_folder_missing",
    QT_TRANSLATE_NOOP("Errors", "The folder {folder} does not exist; nothing was saved."),
)
NOT_SAVED = Message(
    "cli.meeting_not_saved", QT_TRANSLATE_NOOP("Errors", "{path} cannot be saved (write error).")
)


def cmd_add(args: argparse.Namespace) -> int:
    held_on = parse_date(args.date)
    assert held_on is not None  # required by argparse
    from waakvlam_desktop.domain.meetings import add_meeting  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        result = add_meeting(s, held_on, args.partner, place=args.place)
    if args.json:
        print_json({"id": result.id, "carried": list(result.carried)})
    else:
        print(result.id)
        info(PLANNED.render(date=nl_date(held_on), count=len(result.carried)))
    return 0


def cmd_agenda_add(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.meetings import add_to_agenda  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        added = add_to_agenda(s, args.meeting, args.household)
    if args.json:
        print_json({"meetings": added})
    else:
        info(ON_AGENDA.render(count=len(added)))
    return 0


def cmd_agree(args: argparse.Namespace) -> int:
    due = parse_date(args.due, "--due")
    from waakvlam_desktop.domain.meetings import agree  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        action_id = agree(
            s,
            args.meeting,
            args.household,
            args.owner,
            args.action,
            due,
            allow_bsn_like=args.allow_bsn_like,
        )
    if args.json:
        print_json({"id": action_id})
    else:
        print(action_id)
        info(AGREED.render())
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.meetings import decide  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        decide(s, args.meeting, args.household, args.text, allow_bsn_like=args.allow_bsn_like)
    info(DECIDED.render())
    return 0


def cmd_solved(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.meetings import mark_solved  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        removed = mark_solved(s, args.meeting, args.household)
    if args.json:
        print_json({"removed_from_later": removed})
    else:
        info(SOLVED.render(count=removed))
    return 0


def cmd_done(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.agreements import set_agreement_status  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.types import FollowUpStatus  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        set_agreement_status(s, args.agreement, FollowUpStatus.DONE)
    info(DONE.render())
    return 0


def _document(args: argparse.Namespace, kind: str) -> int:
    out = Path(args.out).expanduser()
    if out.exists() and not args.force:
        raise UsageError(FILE_EXISTS, path=out)
    if not out.parent.is_dir():
        raise WaakvlamError(FOLDER_MISSING, folder=out.parent)
    from waakvlam_desktop.documents.meeting import WORDS, render_meeting  # noqa: PLC0415 - reportlab only for these two commands
    from waakvlam_desktop.domain.meetings import participant_view, record_printed  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.texts import translate  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        view = participant_view(s, args.meeting, args.partner)
        pdf = render_meeting(view, kind, args.language)
        record_printed(s, view, kind)  # rolled back when the file cannot be written
        try:
            write_atomic(out, pdf, overwrite=True)
        except OSError:
            raise WaakvlamError(NOT_SAVED, path=out) from None
    what = translate("Meeting", WORDS["agenda" if kind == "agenda" else "minutes"])
    if args.json:
        print_json(
            {
                "path": str(out),
                "partner": view.partner_name,
                "households": len(view.items),
                "pseudonymised": sum(1 for i in view.items if not i.view.identified),
                "left_out": view.left_out,
            }
        )
    else:
        info(SAVED.render(what=what, partner=view.partner_name, path=out))
    return 0


def cmd_agenda(args: argparse.Namespace) -> int:
    return _document(args, "agenda")


def cmd_minutes(args: argparse.Namespace) -> int:
    return _document(args, "verslag")


def cmd_send(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    from waakvlam_desktop.bundles.meeting import send_meeting  # noqa: PLC0415 - reportlab and age only for this command

    with open_vault(args) as v, v.session() as s:
        result = send_meeting(s, args.meeting, args.partner, out, language=args.language)
    if args.json:
        print_json(result)
    else:
        info(
            SENT.render(
                partner=result.partner_name,
                path=result.path,
                households=result.households,
                left_out=result.left_out,
            )
        )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.meetings import list_meetings  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        rows = list_meetings(s)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(NO_MEETINGS.render())
    for r in rows:
        print(
            f"{r.id} "
            + LIST_LINE.render(
                date=nl_date(r.held_on),
                place=r.place,
                partners=", ".join(r.partners),
                households=r.households,
                solved=r.solved,
                open=r.open_actions,
            )
        )
    return 0


def _bsn_flag(c: argparse.ArgumentParser) -> None:
    c.add_argument(
        "--allow-bsn-like", action="store_true", help="sla op, ook als de tekst op een BSN lijkt"
    )


def _meeting_arg(c: argparse.ArgumentParser) -> None:
    c.add_argument("meeting", metavar="OVERLEG", help="id van het overleg, of de datum JJJJ-MM-DD")


def _meeting(p: argparse.ArgumentParser) -> None:
    cs = subcommands(p, "meeting")
    c = cs.add_parser("add", help="plan een casusoverleg (open huishoudens schuiven door)")
    c.add_argument("--date", required=True, metavar="JJJJ-MM-DD")
    c.add_argument(
        "--partner", required=True, nargs="+", metavar="NAAM", help="deelnemende partner(s)"
    )
    c.add_argument("--place", default="", metavar="TEKST")
    c.set_defaults(func=cmd_add)
    json_flag(c)
    c = cs.add_parser("agenda-add", help="zet een huishouden op de agenda")
    _meeting_arg(c)
    c.add_argument("--household", required=True, metavar="ID")
    c.set_defaults(func=cmd_agenda_add)
    json_flag(c)
    c = cs.add_parser("agree", help="leg een afspraak vast (wie doet wat, wanneer)")
    _meeting_arg(c)
    c.add_argument("--household", required=True, metavar="ID")
    c.add_argument("--owner", required=True, metavar="NAAM", help="medewerker of partner")
    c.add_argument("--action", required=True, metavar="TEKST")
    c.add_argument("--due", metavar="JJJJ-MM-DD", help="uiterlijk op")
    _bsn_flag(c)
    c.set_defaults(func=cmd_agree)
    json_flag(c)
    c = cs.add_parser("decide", help="leg een besluit over een huishouden vast")
    _meeting_arg(c)
    c.add_argument("--household", required=True, metavar="ID")
    c.add_argument("--text", required=True, metavar="TEKST")
    _bsn_flag(c)
    c.set_defaults(func=cmd_decide)
    c = cs.add_parser("solved", help="markeer een huishouden als opgelost")
    _meeting_arg(c)
    c.add_argument("--household", required=True, metavar="ID")
    c.set_defaults(func=cmd_solved)
    json_flag(c)
    c = cs.add_parser("done", help="vink een afspraak af")
    c.add_argument("agreement", metavar="AFSPRAAK_ID")
    c.set_defaults(func=cmd_done)
    for name, func, what in (
        ("agenda", cmd_agenda, "de agenda"),
        ("minutes", cmd_minutes, "het verslag"),
    ):
        c = cs.add_parser(name, help=f"{what} voor één deelnemer als PDF")
        _meeting_arg(c)
        c.add_argument("--for", dest="partner", required=True, metavar="PARTNER")
        c.add_argument("--out", required=True, metavar="FILE.pdf")
        c.add_argument("--force", action="store_true", help="overschrijf een bestaand bestand")
        c.add_argument("--language", default="nl", choices=["nl", "en"])
        c.set_defaults(func=func)
        json_flag(c)
    c = cs.add_parser("send", help="de agenda voor één deelnemer als versleutelde bundel (.age)")
    _meeting_arg(c)
    c.add_argument("--for", dest="partner", required=True, metavar="PARTNER")
    c.add_argument(
        "--out", required=True, metavar="FILE.age", help="nooit over een bestaand bestand"
    )
    c.add_argument("--language", default="nl", choices=["nl", "en"])
    c.set_defaults(func=cmd_send)
    json_flag(c)
    c = cs.add_parser("list", help="alle overleggen")
    c.set_defaults(func=cmd_list)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"meeting": _meeting}

"""``waakvlam connect``: connecting residents (verbinden) — offers, suggestions, introductions."""

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
from waakvlam_desktop.domain.types import ConsentForm
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message, current_language

OFFER_SAVED = Message(
    "cli.connect_offer_saved",
    QT_TRANSLATE_NOOP("Cli", "Recorded with consent of {date}."),
    context="Cli",
)
NO_SUGGESTIONS = Message(
    "cli.connect_no_suggestions",
    QT_TRANSLATE_NOOP("Cli", "No suggestions: no offer and wish of the same kind nearby."),
    context="Cli",
)
INTRODUCED = Message(
    "cli.connect_introduced",
    QT_TRANSLATE_NOOP("Cli", "Introduction recorded; follow-up on {date}."),
    context="Cli",
)
OUTCOME_SAVED = Message(
    "cli.connect_outcome_saved",
    QT_TRANSLATE_NOOP("Cli", "Recorded how it went; the follow-up is done."),
    context="Cli",
)
OUTCOME_SAVED_AGAIN = Message(
    "cli.connect_outcome_saved_again",
    QT_TRANSLATE_NOOP("Cli", "Recorded how it went; asking again on {date}."),
    context="Cli",
)
WITHDRAWN = Message(
    "cli.connect_withdrawn",
    QT_TRANSLATE_NOOP("Cli", "Consent withdrawn: {count} offer(s) and wish(es) removed."),
    context="Cli",
)


def cmd_offer(args: argparse.Namespace) -> int:
    consent_date = parse_date(args.consent_date, "--consent-date")
    assert consent_date is not None  # required by argparse
    from waakvlam_desktop.domain.connect import OFFER, WISH, add_offer  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        offer_id = add_offer(
            s,
            args.resident,
            args.kind,
            consent_date=consent_date,
            consent_form=ConsentForm(args.consent_form),
            direction=WISH if args.wish else OFFER,
            approach=args.approach,
            allow_bsn_like=args.allow_bsn_like,
        )
    if args.json:
        print_json({"offer_id": offer_id})
    else:
        print(offer_id)
        info(OFFER_SAVED.render(date=nl_date(consent_date)))
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.connect import suggestions  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.neighbourhood import find_complex_option  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        cpx = find_complex_option(s, args.complex)
        found = suggestions(s, cpx.id)
    if args.json:
        print_json(found)
        return 0
    if not found:
        print(NO_SUGGESTIONS.render())
    english = current_language() == "en"
    for sug in found:
        kind = sug.offer.kind_en if english else sug.offer.kind_nl
        print(
            f"{kind} ({sug.where}): {sug.offer.resident_name}, {sug.offer.address}"
            f" [{sug.offer.resident_id}] -> {sug.wish.resident_name}, {sug.wish.address}"
            f" [{sug.wish.resident_id}]"
        )
    return 0


def cmd_introduce(args: argparse.Namespace) -> int:
    on = parse_date(args.date)
    due = parse_date(args.follow_up, "--follow-up")
    from waakvlam_desktop.domain.connect import introduce  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.storage.models import FollowUp  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        result = introduce(
            s,
            args.resident,
            args.other,
            kind=args.kind,
            on=on,
            outcome=args.outcome,
            follow_up_due=due,
            allow_bsn_like=args.allow_bsn_like,
        )
        follow_up = s.get(FollowUp, result.follow_up_id) if result.follow_up_id else None
        follow_up_on = follow_up.due_on if follow_up else None
    if args.json:
        print_json(result)
    else:
        print(result.id)
        info(INTRODUCED.render(date=nl_date(follow_up_on)))
    return 0


def cmd_outcome(args: argparse.Namespace) -> int:
    on = parse_date(args.date)
    due = parse_date(args.follow_up, "--follow-up")
    from waakvlam_desktop.domain.connect import record_outcome  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        row = record_outcome(
            s,
            args.introduction,
            args.note,
            on=on,
            follow_up_due=due,
            allow_bsn_like=args.allow_bsn_like,
        )
    if args.json:
        print_json(row)
    elif due is not None:
        info(OUTCOME_SAVED_AGAIN.render(date=nl_date(due)))
    else:
        info(OUTCOME_SAVED.render())
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.connect import withdraw_consent  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        count = withdraw_consent(s, args.resident)
    if args.json:
        print_json({"removed": count})
    else:
        info(WITHDRAWN.render(count=count))
    return 0


def _bsn_flag(c: argparse.ArgumentParser) -> None:
    c.add_argument(
        "--allow-bsn-like", action="store_true", help="sla op, ook als de tekst op een BSN lijkt"
    )


def _connect(p: argparse.ArgumentParser) -> None:
    cs = subcommands(p, "connect")
    c = cs.add_parser("offer", help="wat een bewoner kan bieden of zou willen (met toestemming)")
    c.add_argument("resident", metavar="BEWONER_ID")
    c.add_argument(
        "--kind",
        required=True,
        help="boodschappen, gezelschap, klusjes, taal, vervoer"
        " (resources/neighbourhood/neighbourhood.json)",
    )
    c.add_argument("--consent-date", required=True, metavar="JJJJ-MM-DD")
    c.add_argument(
        "--consent-form",
        default=ConsentForm.VERBAL.value,
        choices=[f.value for f in ConsentForm],
        help="mondeling (standaard) of schriftelijk",
    )
    c.add_argument("--wish", action="store_true", help="een wens, geen aanbod")
    c.add_argument("--approach", default="", metavar="TEKST", help="hoe de bewoner te benaderen")
    _bsn_flag(c)
    c.set_defaults(func=cmd_offer)
    json_flag(c)
    c = cs.add_parser("suggest", help="mogelijke kennismakingen in een complex of straat")
    c.add_argument("--complex", required=True, help="naam of code van het complex")
    c.set_defaults(func=cmd_suggest)
    json_flag(c)
    c = cs.add_parser("introduce", help="leg een kennismaking tussen twee bewoners vast")
    c.add_argument("resident", metavar="BEWONER_A")
    c.add_argument("other", metavar="BEWONER_B")
    c.add_argument("--kind", help="soort (standaard: wat ze gemeen hebben)")
    c.add_argument("--date", help="datum van de kennismaking, JJJJ-MM-DD (standaard: vandaag)")
    c.add_argument("--outcome", default="", metavar="TEKST", help="hoe het ging")
    c.add_argument(
        "--follow-up", metavar="JJJJ-MM-DD", help="navragen op (standaard: twee weken later)"
    )
    _bsn_flag(c)
    c.set_defaults(func=cmd_introduce)
    json_flag(c)
    c = cs.add_parser("outcome", help="leg later vast hoe een kennismaking ging")
    c.add_argument("introduction", metavar="KENNISMAKING_ID")
    c.add_argument("--note", required=True, metavar="TEKST", help="hoe het ging")
    c.add_argument("--date", help="datum, JJJJ-MM-DD (standaard: vandaag)")
    c.add_argument(
        "--follow-up", metavar="JJJJ-MM-DD", help="nog eens navragen op (standaard: niet)"
    )
    _bsn_flag(c)
    c.set_defaults(func=cmd_outcome)
    json_flag(c)
    c = cs.add_parser(
        "withdraw", help="de bewoner trekt de toestemming in: aanbod en wensen verdwijnen"
    )
    c.add_argument("resident", metavar="BEWONER_ID")
    c.set_defaults(func=cmd_withdraw)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"connect": _connect}

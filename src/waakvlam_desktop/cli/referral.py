"""``waakvlam referral add|status|list``: referrals to partners and their status."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from waakvlam_desktop.cli.common import (
    Arguments,
    info,
    json_flag,
    nl_date,
    open_vault,
    print_json,
    subcommands,
)
from waakvlam_desktop.clock import local_today
from waakvlam_desktop.domain.types import ConsentForm, ReferralStatus
from waakvlam_desktop.errors import UsageError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

RECORDED = Message(
    "cli.referral_recorded",
    QT_TRANSLATE_NOOP("Cli", "Referral {reference} recorded (status: concept)."),
    context="Cli",
)
NONE_WAITING = Message(
    "cli.referral_none_waiting",
    QT_TRANSLATE_NOOP("Cli", "No referrals waiting for feedback."),
    context="Cli",
)
DAYS_LATE = Message(
    "cli.referral_days_late",
    QT_TRANSLATE_NOOP("Cli", "{days} days late"),
    context="Cli",
)
NO_REFERRALS = Message(
    "cli.referral_none",
    QT_TRANSLATE_NOOP("Cli", "No referrals yet. Make one with 'waakvlam referral add'."),
    context="Cli",
)

BAD_CONSENT_DATE = Message(
    "cli.bad_consent_date",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The date of the consent '{text}' is wrong; use YYYY-MM-DD, for example 2026-11-28.",
    ),
)
BAD_FEEDBACK_DATE = Message(
    "cli.bad_feedback_date",
    QT_TRANSLATE_NOOP(
        "Errors", "The date for feedback '{text}' is wrong; use YYYY-MM-DD, for example 2026-11-28."
    ),
)
UNKNOWN_STATUS = Message(
    "cli.unknown_referral_status",
    QT_TRANSLATE_NOOP("Errors", "Unknown status '{value}'. Choose from: {choices}"),
)

CONSENT_CHOICES = {
    "verbal": "mondeling",
    "written": "schriftelijk",
    "mondeling": "mondeling",
    "schriftelijk": "schriftelijk",
}


def _date(text: str | None, wrong: Message) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(wrong, text=text) from None


def _status(text: str) -> Any:
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return ReferralStatus(key)
    except ValueError:
        choices = ", ".join(s.value for s in ReferralStatus)
        raise UsageError(UNKNOWN_STATUS, value=text, choices=choices) from None


def cmd_referral_add(args: argparse.Namespace) -> int:
    consent = ConsentForm(CONSENT_CHOICES[args.consent]) if args.consent else None
    consent_date = _date(args.consent_date, BAD_CONSENT_DATE)
    feedback_due = _date(args.feedback_due, BAD_FEEDBACK_DATE)
    from waakvlam_desktop.domain.partners import partner_by_name  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.referrals import ReferralInput, create_referral  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        partner = partner_by_name(s, args.partner)
        ref = create_referral(
            s,
            ReferralInput(
                household_id=args.household,
                partner_id=partner.id,
                reason=args.reason,
                letter_context=args.context,
                signal_codes=list(args.signal),
                consent_form=consent,
                consent_date=consent_date,
                basis_text=args.basis or "",
                feedback_due=feedback_due,
                allow_bsn_like=args.allow_bsn_like,
                concerns=list(args.concerns),
                may_call=args.may_call,
            ),
        )
        result = {
            "id": ref.id,
            "reference": ref.reference,
            "status": ref.status,
            "concerns": [r.id for r in ref.concerns],
            "may_call": ref.consent_may_call,
        }
    if args.json:
        print_json(result)
    else:
        print(result["reference"])
        info(RECORDED.render(reference=result["reference"]))
    return 0


def cmd_referral_status(args: argparse.Namespace) -> int:
    new_status = _status(args.new_status)
    from waakvlam_desktop.domain.referrals import change_status, get_referral  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        previous = get_referral(s, args.id).status
        ref = change_status(s, args.id, new_status, note=args.note)
        result = {
            "id": ref.id,
            "reference": ref.reference,
            "previous": previous,
            "status": ref.status,
        }
    if args.json:
        print_json(result)
    else:
        print(f"{result['reference']}: {previous} → {result['status']}")
    return 0


def cmd_referral_list(args: argparse.Namespace) -> int:
    status = _status(args.status) if args.status else None
    from waakvlam_desktop.domain.referrals import (  # noqa: PLC0415 - parsing stays light (cli/main.py)
        list_referrals,
        referrals_waiting_for_feedback,
    )

    with open_vault(args) as v, v.session() as s:
        if args.waiting:
            waiting = referrals_waiting_for_feedback(
                s, local_today(s.info["clock"]), overdue=True if args.overdue else None
            )
        else:
            rows = list_referrals(s, household_id=args.household, status=status)
    if args.waiting:
        if args.json:
            print_json(waiting)
            return 0
        if not waiting:
            print(NONE_WAITING.render())
        for w in waiting:
            late = DAYS_LATE.render(days=w.days_overdue) if w.days_overdue else ""
            print(
                f"{w.reference:<16} {w.status.value:<15} {nl_date(w.feedback_due):<10}  "
                f"{w.address:<26} {w.partner_name}  {late}".rstrip()
            )
        return 0
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(NO_REFERRALS.render())
    for r in rows:
        print(
            f"{r.reference:<16} {r.status.value:<15} {nl_date(r.feedback_due):<10}  "
            f"{r.address:<26} {r.household_label:<20} {r.partner_name}"
        )
    return 0


def _referral(p: argparse.ArgumentParser) -> None:
    rf = subcommands(p, "referral")
    c = rf.add_parser("add", help="leg een doorverwijzing vast (grondslag verplicht)")
    c.add_argument("--household", required=True, help="id van het huishouden")
    c.add_argument("--partner", required=True, help="naam van de partner")
    c.add_argument("--reason", required=True, help="reden van de doorverwijzing")
    c.add_argument(
        "--signal",
        action="append",
        default=[],
        metavar="CODE",
        help="signaalcode uit de signalenlijst (herhaalbaar)",
    )
    c.add_argument("--context", default="", help="toelichting voor de brief aan de partner")
    c.add_argument(
        "--consent",
        choices=sorted(CONSENT_CHOICES),
        help="toestemming van de bewoner: verbal (mondeling) of written (schriftelijk)",
    )
    c.add_argument("--consent-date", metavar="JJJJ-MM-DD", help="datum van de toestemming")
    c.add_argument("--basis", help="andere grondslag met uitleg (acuut gevaar, meldcode …)")
    c.add_argument("--feedback-due", metavar="JJJJ-MM-DD", help="terugkoppeling uiterlijk")
    c.add_argument(
        "--concerns",
        nargs="+",
        default=[],
        metavar="RESIDENT_ID",
        help="de betrokken bewoners (standaard: de eerste volwassen bewoner); alleen zij worden"
        " gedeeld",
    )
    c.add_argument(
        "--may-call",
        action="store_true",
        help="de bewoner wil door de partner gebeld worden (anders gaat geen telefoonnummer mee)",
    )
    c.add_argument(
        "--allow-bsn-like", action="store_true", help="sla op, ook als de tekst op een BSN lijkt"
    )
    c.set_defaults(func=cmd_referral_add)
    json_flag(c)

    c = rf.add_parser("status", help="zet een doorverwijzing in een nieuwe status")
    c.add_argument("id", help="id of kenmerk (WV-2026-0001)")
    c.add_argument(
        "new_status",
        metavar="NEW_STATUS",
        help="verstuurd, ontvangen, in_behandeling, afgesloten of geannuleerd",
    )
    c.add_argument("--note", default="", help="bijvoorbeeld de terugkoppeling van de partner")
    c.set_defaults(func=cmd_referral_status)
    json_flag(c)

    c = rf.add_parser("list", help="alle doorverwijzingen, nieuwste eerst")
    c.add_argument("--household", help="alleen van dit huishouden")
    c.add_argument("--status", help="alleen in deze status")
    c.add_argument("--waiting", action="store_true", help="alleen die wachten op terugkoppeling")
    c.add_argument("--overdue", action="store_true", help="met --waiting: alleen die te laat zijn")
    c.set_defaults(func=cmd_referral_list)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"referral": _referral}

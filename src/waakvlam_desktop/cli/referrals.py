"""Referrals and their letters: ``referral add|status|list``, ``letter``, ``consent-form``,
``resident-letter``."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from waakvlam_desktop.cli.common import (
    add_command,
    add_group,
    data_dir,
    info,
    json_flag,
    nl_date,
    open_vault,
    print_json,
)
from waakvlam_desktop.errors import UsageError, WaakvlamError

CONSENT_CHOICES = {
    "verbal": "mondeling",
    "written": "schriftelijk",
    "mondeling": "mondeling",
    "schriftelijk": "schriftelijk",
}


def _date(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"{what} '{text}' klopt niet; gebruik JJJJ-MM-DD, bijvoorbeeld 2026-11-28."
        ) from None


def _status(text: str) -> Any:
    from waakvlam_desktop.domain.types import ReferralStatus

    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return ReferralStatus(key)
    except ValueError:
        raise UsageError(
            f"Onbekende status '{text}'. Kies uit: " + ", ".join(s.value for s in ReferralStatus)
        ) from None


def cmd_referral_add(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.partners import partner_by_name
    from waakvlam_desktop.domain.referrals import ReferralInput, create_referral
    from waakvlam_desktop.domain.types import ConsentForm

    consent = ConsentForm(CONSENT_CHOICES[args.consent]) if args.consent else None
    consent_date = _date(args.consent_date, "De datum van de toestemming")
    feedback_due = _date(args.feedback_due, "De datum voor terugkoppeling")
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
            ),
        )
        result = {"id": ref.id, "reference": ref.reference, "status": ref.status}
    if args.json:
        print_json(result)
    else:
        print(result["reference"])
        info(f"Doorverwijzing {result['reference']} vastgelegd (status: concept).")
    return 0


def cmd_referral_status(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.referrals import change_status, get_referral

    new_status = _status(args.new_status)
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
    from waakvlam_desktop.clock import local_today
    from waakvlam_desktop.domain.referrals import list_referrals, referrals_waiting_for_feedback

    status = _status(args.status) if args.status else None
    with open_vault(args) as v, v.session() as s:
        if args.waiting:
            waiting = referrals_waiting_for_feedback(
                s, local_today(s.info["clock"]), overdue_only=args.overdue
            )
        else:
            rows = list_referrals(s, household_id=args.household, status=status)
    if args.waiting:
        if args.json:
            print_json(waiting)
            return 0
        if not waiting:
            print("Geen doorverwijzingen die wachten op terugkoppeling.")
        for w in waiting:
            late = f"{w.days_overdue} dagen te laat" if w.days_overdue else ""
            print(
                f"{w.reference:<16} {w.status.value:<15} {nl_date(w.feedback_due):<10}  "
                f"{w.address:<26} {w.partner_name}  {late}".rstrip()
            )
        return 0
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("Nog geen doorverwijzingen. Maak er een met 'waakvlam referral add'.")
    for r in rows:
        print(
            f"{r.reference:<16} {r.status.value:<15} {nl_date(r.feedback_due):<10}  "
            f"{r.address:<26} {r.household_label:<20} {r.partner_name}"
        )
    return 0


def _write_out(path: Path, pdf: bytes, force: bool) -> None:
    from waakvlam_desktop.fileio import write_atomic

    if path.exists() and not force:
        raise UsageError(f"{path} bestaat al. Kies een andere naam of gebruik --force.")
    if not path.parent.is_dir():
        raise WaakvlamError(f"De map {path.parent} bestaat niet; er is niets opgeslagen.")
    try:
        write_atomic(path, pdf, overwrite=True)
    except OSError as exc:
        raise WaakvlamError(
            f"{path} kan niet worden opgeslagen ({exc.strerror or 'schrijffout'})."
        ) from None


def _document(args: argparse.Namespace, kind: str) -> int:
    from waakvlam_desktop.documents.referral_documents import GENERATORS
    from waakvlam_desktop.domain.letters import check_language, record_letter_saved

    language = check_language(args.lang)
    out = Path(args.out).expanduser()
    if out.is_dir():
        raise UsageError(f"--out {out} is een map; geef een bestandsnaam, bijvoorbeeld brief.pdf.")
    if out.exists() and not args.force:
        raise UsageError(f"{out} bestaat al. Kies een andere naam of gebruik --force.")
    with open_vault(args) as v, v.session() as s:
        pdf = GENERATORS[kind](s, args.referral_id, language, vault_folder=data_dir(args))
        from waakvlam_desktop.domain.referrals import get_referral

        ref = get_referral(s, args.referral_id)
        reference, ref_id = ref.reference, ref.id
        # Written inside the transaction: if writing fails, the audit events roll back too.
        _write_out(out, pdf, args.force)
        record_letter_saved(s, ref_id, kind)
    if args.json:
        print_json(
            {
                "referral_id": ref_id,
                "reference": reference,
                "kind": kind,
                "language": language,
                "path": str(out),
                "bytes": len(pdf),
            }
        )
    else:
        info(f"{kind.capitalize()} {reference} opgeslagen in {out}.")
    return 0


def cmd_letter(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.letters import LetterKind

    return _document(args, LetterKind.REFERRAL)


def cmd_consent_form(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.letters import LetterKind

    return _document(args, LetterKind.CONSENT)


def cmd_resident_letter(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.letters import LetterKind

    return _document(args, LetterKind.RESIDENT)


def _document_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("referral_id", metavar="REFERRAL_ID", help="id of kenmerk (WV-2026-0001)")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="het PDF-bestand")
    p.add_argument("--lang", default="nl", choices=["nl", "en"], help="taal (standaard nl)")
    p.add_argument("--force", action="store_true", help="overschrijf een bestaand bestand")
    json_flag(p)


def register(sub: Any) -> None:
    rf = add_group(sub, "referral", "doorverwijzingen")
    p = rf.add_parser("add", help="leg een doorverwijzing vast (grondslag verplicht)")
    p.add_argument("--household", required=True, help="id van het huishouden")
    p.add_argument("--partner", required=True, help="naam van de partner")
    p.add_argument("--reason", required=True, help="reden van de doorverwijzing")
    p.add_argument(
        "--signal",
        action="append",
        default=[],
        metavar="CODE",
        help="signaalcode uit de signalenlijst (herhaalbaar)",
    )
    p.add_argument("--context", default="", help="toelichting voor de brief aan de partner")
    p.add_argument(
        "--consent",
        choices=sorted(CONSENT_CHOICES),
        help="toestemming van de bewoner: verbal (mondeling) of written (schriftelijk)",
    )
    p.add_argument("--consent-date", metavar="JJJJ-MM-DD", help="datum van de toestemming")
    p.add_argument("--basis", help="andere grondslag met uitleg (acuut gevaar, meldcode …)")
    p.add_argument("--feedback-due", metavar="JJJJ-MM-DD", help="terugkoppeling uiterlijk")
    p.add_argument(
        "--allow-bsn-like", action="store_true", help="sla op, ook als de tekst op een BSN lijkt"
    )
    p.set_defaults(func=cmd_referral_add)
    json_flag(p)

    p = rf.add_parser("status", help="zet een doorverwijzing in een nieuwe status")
    p.add_argument("id", help="id of kenmerk (WV-2026-0001)")
    p.add_argument(
        "new_status",
        metavar="NEW_STATUS",
        help="verstuurd, ontvangen, in_behandeling, afgesloten of geannuleerd",
    )
    p.add_argument("--note", default="", help="bijvoorbeeld de terugkoppeling van de partner")
    p.set_defaults(func=cmd_referral_status)
    json_flag(p)

    p = rf.add_parser("list", help="alle doorverwijzingen, nieuwste eerst")
    p.add_argument("--household", help="alleen van dit huishouden")
    p.add_argument("--status", help="alleen in deze status")
    p.add_argument("--waiting", action="store_true", help="alleen die wachten op terugkoppeling")
    p.add_argument("--overdue", action="store_true", help="met --waiting: alleen die te laat zijn")
    p.set_defaults(func=cmd_referral_list)
    json_flag(p)

    p = add_command(sub, "letter", cmd_letter, "maak de verwijsbrief van een doorverwijzing")
    _document_args(p)
    p = add_command(
        sub, "consent-form", cmd_consent_form, "maak het toestemmingsformulier voor de bewoner"
    )
    _document_args(p)
    p = add_command(sub, "resident-letter", cmd_resident_letter, "maak de brief aan de bewoner")
    _document_args(p)

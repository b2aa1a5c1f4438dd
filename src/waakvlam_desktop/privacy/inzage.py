"""Inzage (subject access, AVG art. 15): everything stored about one resident.

:func:`inzage_data` gathers it as plain JSON-ready data: the resident, the household and
its address, every visit (with the signs and remarks), concern levels, follow-ups,
referrals with their grondslag, consent and status history, the partners that received
data, the retention terms, and every audit event about the resident or the household
(who viewed, changed, printed, exported or shared it, and when). Other residents of the
household appear only as a count: their data is theirs.

:func:`write_inzage` writes a readable PDF and the JSON into a new folder inside the
chosen folder, atomically (built in a hidden temp folder there, renamed on success), and
records an audit event. The texts around the data are in resources/privacy/inzage.json.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from waakvlam_desktop import __version__
from waakvlam_desktop.clock import local_today, utc_naive, utc_text
from waakvlam_desktop.documents.inzage_report import render_inzage_pdf
from waakvlam_desktop.domain.connect import introductions_of, offers_of
from waakvlam_desktop.domain.consent import partners_that_received_data
from waakvlam_desktop.domain.meetings import meetings_of
from waakvlam_desktop.domain.setup import organisation
from waakvlam_desktop.domain.signals import observed_items
from waakvlam_desktop.errors import NotFoundError, WaakvlamError
from waakvlam_desktop.fileio import atomic_folder, write_atomic
from waakvlam_desktop.privacy.retention import retention_terms
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.models import (
    AuditEvent,
    ConcernLevelEntry,
    Draft,
    FollowUp,
    Household,
    Partner,
    Referral,
    ReferralSignal,
    ReferralStatusEvent,
    Resident,
    SignalObservation,
    StaffMember,
    Visit,
    VisitCorrection,
    VisitResident,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

RESIDENT_NOT_FOUND = Message(
    "inzage.resident_not_found",
    QT_TRANSLATE_NOOP("Errors", "Resident {resident_id} does not exist."),
)
WRITE_FAILED = Message(
    "inzage.write_failed",
    QT_TRANSLATE_NOOP("Errors", "The inzage report could not be written in {folder}."),
)
WRITE_FAILED_DISK_FULL = Message(
    "inzage.write_failed_disk_full",
    QT_TRANSLATE_NOOP(
        "Errors", "The inzage report could not be written in {folder}: the disk is full."
    ),
)


def _iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return utc_text(value)
    return value.isoformat()


def _detail_value(detail: str, key: str) -> str:
    """One ``key=value`` of an audit event's detail (``a=1; b=2``)."""
    for part in detail.split(";"):
        name, _, value = part.strip().partition("=")
        if name == key:
            return value.strip()
    return ""


def inzage_data(session: Session, resident_id: str) -> dict[str, Any]:
    """Everything stored about this resident, as JSON-ready plain data."""
    res = session.get(Resident, resident_id)
    if res is None:
        raise NotFoundError(RESIDENT_NOT_FOUND, resident_id=resident_id)
    hh = session.get(Household, res.household_id)
    assert hh is not None
    hid = hh.id
    staff = dict(session.execute(select(StaffMember.id, StaffMember.name)).all())
    partners = dict(session.execute(select(Partner.id, Partner.name)).all())
    items = observed_items(session, hid)

    def who(staff_id: str | None) -> str:
        return staff.get(staff_id, "") if staff_id else ""

    present = set(
        session.scalars(select(VisitResident.visit_id).where(VisitResident.resident_id == res.id))
    )
    visits = []
    for v in session.scalars(
        select(Visit).where(Visit.household_id == hid).order_by(Visit.visited_at)
    ):
        visits.append(
            {
                "id": v.id,
                "visited_at": _iso(v.visited_at),
                "kind": v.kind,
                "staff": who(v.staff_id),
                "notes": v.notes,
                "resident_present": v.id in present,
                # A corrected note keeps the note as it was: stored data too.
                "corrections": [
                    {"corrected_at": _iso(c.corrected_at), "notes_before": c.notes_before}
                    for c in session.scalars(
                        select(VisitCorrection)
                        .where(VisitCorrection.visit_id == v.id)
                        .order_by(VisitCorrection.corrected_at)
                    )
                ],
                "signals": [
                    {
                        "code": items[o.item_id].code,
                        "label": items[o.item_id].label_nl,
                        "severity": o.severity,
                        "remark": o.remark,
                        "acute_response": o.acute_response,
                    }
                    for o in sorted(v.observations, key=lambda o: items[o.item_id].position)
                ],
            }
        )
    concern = [
        {
            "level": c.level,
            "suggested_level": c.suggested_level,
            "set_at": _iso(c.set_at),
            "next_check_in": _iso(c.next_check_in),
            "staff": who(c.staff_id),
        }
        for c in session.scalars(
            select(ConcernLevelEntry)
            .where(ConcernLevelEntry.household_id == hid)
            .order_by(ConcernLevelEntry.set_at)
        )
    ]
    follow_ups = [
        {
            "description": f.description,
            "due_on": _iso(f.due_on),
            "status": f.status,
            "created_at": _iso(f.created_at),
        }
        for f in session.scalars(
            select(FollowUp).where(FollowUp.household_id == hid).order_by(FollowUp.created_at)
        )
    ]
    referrals = []
    for r in session.scalars(
        select(Referral).where(Referral.household_id == hid).order_by(Referral.created_at)
    ):
        signal_labels = [
            items[o.item_id].label_nl if o.item_id in items else ""
            for o in session.scalars(
                select(SignalObservation)
                .join(ReferralSignal, ReferralSignal.observation_id == SignalObservation.id)
                .where(ReferralSignal.referral_id == r.id)
            )
        ]
        history = [
            {"at": _iso(e.at), "from": e.from_status, "to": e.to_status, "note": e.note}
            for e in session.scalars(
                select(ReferralStatusEvent)
                .where(ReferralStatusEvent.referral_id == r.id)
                .order_by(ReferralStatusEvent.at)
            )
        ]
        referrals.append(
            {
                "reference": r.reference,
                "partner": partners.get(r.partner_id, ""),
                "status": r.status,
                "created_at": _iso(r.created_at),
                "reason": r.reason,
                "letter_context": r.letter_context,
                "signals": signal_labels,
                "grondslag": r.grondslag,
                "consent_form": r.consent_form,
                "consent_date": _iso(r.consent_date),
                "consent_withdrawn_on": _iso(r.consent_withdrawn_on),
                "consent_withdrawal_note": r.consent_withdrawal_note,
                "basis_text": r.basis_text,
                "feedback_due": _iso(r.feedback_due),
                "letter_stored": r.letter_pdf is not None,
                "history": history,
            }
        )
    # A recovery with the organisation key opened every household at once: it is access to
    # this resident's data too (privacy/continuity.py).
    events = session.execute(
        select(AuditEvent)
        .where(
            or_(
                AuditEvent.household_id == hid,
                AuditEvent.entity_id == res.id,
                AuditEvent.action == "recovery",
            )
        )
        .order_by(AuditEvent.seq)
    ).scalars()
    ref_partner = dict(
        session.execute(
            select(Referral.id, Referral.partner_id).where(Referral.household_id == hid)
        ).all()
    )
    access = []
    for ev in events:
        partner = ""
        if ev.entity == "partner":
            partner = partners.get(ev.entity_id or "", "")
        elif ev.entity == "referral":
            partner = partners.get(ref_partner.get(ev.entity_id or "", ""), "")
        staff_name = who(ev.actor)
        if ev.action == "recovery":  # ICT, not a staff member of the vault: "door=…"
            staff_name = _detail_value(ev.detail, "door") or staff_name
        access.append(
            {
                "at": _iso(ev.at),
                "staff": staff_name,
                "action": ev.action,
                "entity": ev.entity,
                "partner": partner,
                "detail": ev.detail,
            }
        )
    drafts = []
    # Unsaved editor content is stored data too.
    for draft in session.scalars(select(Draft).where(Draft.household_id == hid)):
        drafts.append(
            {
                "kind": draft.kind,
                "saved_at": _iso(draft.updated_at),
                "content": draft.payload_json,
            }
        )
    addr = hh.address
    org = organisation(session)
    return {
        "format": "waakvlam-inzage",
        "version": 1,
        "generated_at": _iso(utc_naive(session.info["clock"].now())),
        "app_version": __version__,
        "organisation": org.name if org else "",
        "resident": {
            "id": res.id,
            "name": res.name,
            "birth_year": res.birth_year,
            "birth_date": _iso(res.birth_date),
            "phone": res.phone,
            "recorded_at": _iso(res.created_at),
            "recorded_by": who(res.created_by),
            "changed_at": _iso(res.updated_at),
        },
        "household": {
            "id": hid,
            "label": hh.label,
            "status": hh.status,
            "closed_on": _iso(hh.closed_on),
            "review_on": _iso(hh.review_on),
            "concern_level": hh.concern_level,
            "next_check_in": _iso(hh.next_check_in),
            "address": addr.line,
            "postcode": addr.postcode,
            "city": addr.city,
            "wijk": addr.wijk,
            "complex": addr.complex.name if addr.complex else "",
            "other_residents": sum(1 for r in hh.residents if r.id != res.id),
        },
        "visits": visits,
        "concern_history": concern,
        "follow_ups": follow_ups,
        "referrals": referrals,
        "drafts": drafts,
        # Verbinden: the resident's offers and wishes (with the consent they rest on) and
        # the introductions naming them; the other resident is not named (third party).
        "connect_offers": [
            {
                "kind": o.kind,
                "label": o.kind_nl,
                "direction": o.direction,
                "approach": o.approach,
                "consent_form": o.consent_form,
                "consent_date": _iso(o.consent_date),
            }
            for o in offers_of(session, res.id)
        ],
        "introductions": [
            {"kind": i.kind, "introduced_on": _iso(i.introduced_on), "outcome": i.outcome}
            for i in introductions_of(session, res.id)
        ],
        # Casusoverleg: every meeting whose agenda named the household, what was decided,
        # whether it was solved and the agreements made about it.
        "meetings": [
            {
                "held_on": _iso(m.held_on),
                "place": m.place,
                "partners": list(m.partners),
                "decision": m.decision,
                "solved_on": _iso(m.solved_on),
                "agreements": [
                    {
                        "owner": a.owner,
                        "action": a.description,
                        "due_on": _iso(a.due_on),
                        "status": a.status,
                    }
                    for a in m.agreements
                ],
            }
            for m in meetings_of(session, hid)
        ],
        "partners_that_received_data": [
            {
                "partner": p.partner_name,
                "first_on": _iso(p.first_on),
                "last_on": _iso(p.last_on),
                "via": list(p.via),
                "bundles_on": [_iso(d) for d in p.exported_on],
                "consent_withdrawn": p.consent_withdrawn,
            }
            for p in partners_that_received_data(session, hid)
        ],
        "retention_months": retention_terms(session),
        "access_log": access,
    }


# ---- writing -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class InzageResult:
    folder: Path
    pdf: Path
    json: Path


def write_inzage(session: Session, resident_id: str, out_dir: Path) -> InzageResult:
    """Write ``inzage.pdf`` and ``inzage.json`` into a new folder inside ``out_dir``."""
    out_dir = Path(out_dir)
    data = inzage_data(session, resident_id)
    pdf = render_inzage_pdf(data)
    blob = (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        base = f"inzage-{local_today(session.info['clock']):%Y%m%d}-{resident_id[:8]}"
        final = out_dir / base
        n = 2
        while final.exists():
            final = out_dir / f"{base}-{n}"
            n += 1
        with atomic_folder(final) as tmp:
            write_atomic(tmp / "inzage.pdf", pdf)
            write_atomic(tmp / "inzage.json", blob)
    except OSError as exc:
        message = WRITE_FAILED_DISK_FULL if exc.errno == 28 else WRITE_FAILED
        raise WaakvlamError(message, folder=out_dir) from exc
    audit.record(
        session,
        "inzage",
        "resident",
        resident_id,
        household_id=data["household"]["id"],
        detail="pdf,json",
    )
    return InzageResult(final, final / "inzage.pdf", final / "inzage.json")

"""Consent (toestemming) and grondslag: the one place that decides what may be shared.

"Valid grondslag" for a partner on a date: the household has a referral to that partner
that carries a grondslag — the resident's consent with form and a date on or before that
day, or another grondslag with its explanation — and that referral is not cancelled.
Exports (``bundles/``) ask only :func:`grondslag_report` / :func:`households_with_grondslag`;
consent withdrawal belongs in :func:`exclusion_reason`, nowhere else.

A referral with grondslag "toestemming" records the resident's consent (form and date).
The resident may withdraw it; the withdrawal is stored on that referral with its date and
an optional note. From then on the household has no consent for that partner, until a
newer referral records fresh consent. Exports and letters ask :func:`consent_withdrawn`
(one pair) or :func:`withdrawn_households` (a whole partner at once).
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import local_today, utc_naive
from waakvlam_desktop.domain import tombstones
from waakvlam_desktop.domain.bsn import guard
from waakvlam_desktop.domain.referrals import get_referral
from waakvlam_desktop.domain.types import GrondslagKind, ReferralStatus
from waakvlam_desktop.errors import ConsentWithdrawnError, ValidationError
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.models import (
    AuditEvent,
    ErasureRequest,
    ExportHousehold,
    ExportRecord,
    ExportReferral,
    Partner,
    Referral,
    ReferralStatusEvent,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message, translate

NOT_CONSENT_BASED = Message(
    "consent.not_consent_based",
    QT_TRANSLATE_NOOP(
        "Errors", "This referral does not rest on consent; there is no consent to withdraw."
    ),
)
ALREADY_WITHDRAWN = Message(
    "consent.already_withdrawn",
    QT_TRANSLATE_NOOP("Errors", "The consent was already withdrawn on {day:%d-%m-%Y}."),
)
WITHDRAWAL_IN_FUTURE = Message(
    "consent.withdrawal_in_future",
    QT_TRANSLATE_NOOP("Errors", "The date of withdrawal is in the future."),
)
WITHDRAWAL_BEFORE_CONSENT = Message(
    "consent.withdrawal_before_consent",
    QT_TRANSLATE_NOOP("Errors", "The date of withdrawal is before the date of the consent."),
)
NO_LONGER_SHAREABLE = Message(
    "consent.no_longer_shareable",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The resident withdrew the consent for {reference}; this referral may no longer be shared.",
    ),
)

# Reasons a household is left out, as they appear (with counts only) in an export report.
CANCELLED = "geannuleerd"
NO_VALID_GRONDSLAG = "geen_geldige_grondslag"
CONSENT_WITHDRAWN = "toestemming_ingetrokken"
CLOSED = "afgesloten"  # every referral to the partner ended and its final row went out
ERASED = "gewist"  # retention anonymised the household; the partner was asked to erase it

EXCLUSION_LABELS: dict[str, str] = {
    CANCELLED: QT_TRANSLATE_NOOP("Labels", "all referrals to this partner were cancelled"),
    NO_VALID_GRONDSLAG: QT_TRANSLATE_NOOP(
        "Labels",
        "no usable legal basis (consent without form or date, or given later, or another legal"
        " basis without explanation)",
    ),
    CONSENT_WITHDRAWN: QT_TRANSLATE_NOOP("Labels", "the resident withdrew consent"),
    CLOSED: QT_TRANSLATE_NOOP(
        "Labels", "the referrals to this partner have ended (their final state was shared)"
    ),
    ERASED: QT_TRANSLATE_NOOP(
        "Labels", "the retention period has passed; the partner was asked to erase the data"
    ),
}


def exclusion_label(reason: str, language: str | None = None) -> str:
    """Why households were left out of an export, in ``language``; unknown: as it is."""
    source = EXCLUSION_LABELS.get(reason)
    return reason if source is None else translate("Labels", source, language)


def exclusion_reason(
    *,
    status: str,
    grondslag: str | None,
    consent_form: str | None,
    consent_date: date | None,
    basis_text: str | None,
    on_date: date,
    consent_withdrawn: bool = False,
) -> str | None:
    """Why one referral does not give a grondslag on ``on_date``; ``None`` when it does.

    ``consent_withdrawn``: the resident withdrew consent for this partner on or before
    ``on_date`` (see :func:`withdrawn_households`); it only affects referrals
    that rest on consent.
    """
    if status == ReferralStatus.GEANNULEERD.value:
        return CANCELLED
    if grondslag == GrondslagKind.CONSENT.value:
        if not consent_form or consent_date is None or consent_date > on_date:
            return NO_VALID_GRONDSLAG
        if consent_withdrawn:
            return CONSENT_WITHDRAWN
        return None
    if grondslag == GrondslagKind.OTHER.value:
        return None if (basis_text or "").strip() else NO_VALID_GRONDSLAG
    return NO_VALID_GRONDSLAG


@dataclass(frozen=True, slots=True)
class GrondslagReport:
    """Households that may be shared with a partner, and how many may not (and why)."""

    valid: frozenset[str]
    valid_referrals: frozenset[str]
    excluded: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)  # excluded household -> reason

    @property
    def excluded_total(self) -> int:
        return sum(self.excluded.values())


def grondslag_report(
    session: Session,
    partner_id: str,
    on_date: date,
    *,
    judged_on: date | None = None,
    ignore_status: bool = False,
) -> GrondslagReport:
    """Valid households and referrals for ``partner_id`` on ``on_date``; exclusions counted.

    Only referrals created on or before ``on_date`` count. A household with at least one
    valid referral is valid; otherwise it is counted once, under the reason of its most
    recent referral.

    ``judged_on``: the day consent and its withdrawal are judged (default ``on_date``).
    Exports pass the day of export, so a withdrawal stops every later bundle, of any
    period. ``ignore_status``: judge the grondslag alone (a cancelled referral's final row).
    """
    rows = session.execute(
        select(
            Referral.id,
            Referral.household_id,
            Referral.status,
            Referral.grondslag,
            Referral.consent_form,
            Referral.consent_date,
            Referral.basis_text,
            Referral.created_at,
            Referral.consent_withdrawn_on,
        )
        .where(Referral.partner_id == partner_id)
        .order_by(Referral.created_at)
    ).all()
    judge = judged_on or on_date
    withdrawn = withdrawn_households(session, partner_id, on=judge)
    valid: set[str] = set()
    valid_refs: set[str] = set()
    last_reason: dict[str, str] = {}
    for rid, hid, status, kind, form, consent_on, basis, created, withdrawn_on in rows:
        if created is not None and created.date() > on_date:
            continue
        reason = exclusion_reason(
            status=ReferralStatus.CONCEPT.value if ignore_status else status,
            grondslag=kind,
            consent_form=form,
            consent_date=consent_on,
            basis_text=basis,
            on_date=judge,
            # Withdrawn for the household, or for this referral itself: new consent for a
            # later referral does not bring back one whose consent was withdrawn (its
            # erasure request went out; the partner must not get it again).
            consent_withdrawn=hid in withdrawn
            or (withdrawn_on is not None and withdrawn_on <= judge),
        )
        if reason is None:
            valid.add(hid)
            valid_refs.add(rid)
        else:
            last_reason[hid] = reason
    reasons = {hid: r for hid, r in last_reason.items() if hid not in valid}
    excluded = Counter(reasons.values())
    return GrondslagReport(
        frozenset(valid), frozenset(valid_refs), dict(sorted(excluded.items())), reasons
    )


def households_with_grondslag(session: Session, partner_id: str, on_date: date) -> set[str]:
    """The ids of households that may be shared with ``partner_id`` on ``on_date``."""
    return set(grondslag_report(session, partner_id, on_date).valid)


# Audit actions that mean "data about this household left the vault".
SHARE_ACTIONS = ("export", "share", "print")


@dataclass(frozen=True, slots=True)
class ConsentState:
    referral_id: str
    reference: str
    household_id: str
    partner_id: str
    partner_name: str
    consent_form: str | None
    consent_date: date | None
    withdrawn_on: date | None
    withdrawal_note: str


def _state(ref: Referral, partner_name: str) -> ConsentState:
    return ConsentState(
        referral_id=ref.id,
        reference=ref.reference,
        household_id=ref.household_id,
        partner_id=ref.partner_id,
        partner_name=partner_name,
        consent_form=ref.consent_form,
        consent_date=ref.consent_date,
        withdrawn_on=ref.consent_withdrawn_on,
        withdrawal_note=ref.consent_withdrawal_note,
    )


def withdraw_consent(
    session: Session, referral_id: str, on: date | None = None, note: str = ""
) -> ConsentState:
    """Record that the resident withdrew the consent given for this referral."""
    ref = get_referral(session, referral_id)
    today = local_today(session.info["clock"])
    day = on or today
    if ref.grondslag != GrondslagKind.CONSENT.value:
        raise ValidationError(NOT_CONSENT_BASED, field="consent")
    if ref.consent_withdrawn_on is not None:
        raise ValidationError(ALREADY_WITHDRAWN, field="consent", day=ref.consent_withdrawn_on)
    if day > today:
        raise ValidationError(WITHDRAWAL_IN_FUTURE, field="date")
    if ref.consent_date is not None and day < ref.consent_date:
        raise ValidationError(WITHDRAWAL_BEFORE_CONSENT, field="date")
    guard("note", note)
    ref.consent_withdrawn_on = day
    ref.consent_withdrawal_note = note.strip()
    session.flush()
    # A tombstone, so a handover or a restored backup never brings the consent back.
    tombstones.record(
        session,
        [
            tombstones.TombstoneRow(
                "referral",
                ref.id,
                tombstones.CONSENT_WITHDRAWN,
                utc_naive(session.info["clock"].now()),
                day.isoformat(),
            )
        ],
    )
    audit.record(
        session,
        "consent_withdrawn",
        "referral",
        ref.id,
        household_id=ref.household_id,
        detail=f"partner={ref.partner_id}",
    )
    if ref.household_id not in grondslag_report(session, ref.partner_id, today).valid:
        queue_erasure_requests(
            session, ref.household_id, ErasureReason.WITHDRAWN, day, partner_ids={ref.partner_id}
        )
    partner = session.get(Partner, ref.partner_id)
    return _state(ref, partner.name if partner else "")


def _consent_events(
    session: Session, partner_id: str, household_id: str | None, on: date | None
) -> dict[tuple[str, str], tuple[date, bool]]:
    """Per (household, partner): the newest consent event (its day, withdrawn?)."""
    stmt = select(
        Referral.household_id,
        Referral.partner_id,
        Referral.consent_date,
        Referral.consent_withdrawn_on,
        Referral.created_at,
    ).where(Referral.grondslag == GrondslagKind.CONSENT.value, Referral.partner_id == partner_id)
    if household_id is not None:
        stmt = stmt.where(Referral.household_id == household_id)
    newest: dict[tuple[str, str], tuple[date, bool]] = {}
    for hid, pid, given, withdrawn, created in session.execute(stmt).all():
        events = [(given or created.date(), False)]
        if withdrawn is not None:
            events.append((withdrawn, True))
        for day, is_withdrawal in events:
            if on is not None and day > on:
                continue
            current = newest.get((hid, pid))
            # On the same day a withdrawal wins over consent.
            if current is None or (day, is_withdrawal) > current:
                newest[(hid, pid)] = (day, is_withdrawal)
    return newest


# ---- erasure requests (AVG art. 17 and 19) ---------------------------------------------------
class ErasureReason:
    """Why a partner is asked to erase a household; stored, and shown to the partner."""

    WITHDRAWN = "toestemming ingetrokken"
    RETENTION = "bewaartermijn verstreken"


def household_pseudonym(secret: bytes, household_id: str) -> str:
    """HMAC-SHA256(partner secret, household UUID) as hex: stable per partner, differs between."""
    return hmac.new(secret, household_id.encode("utf-8"), hashlib.sha256).hexdigest()


def recipients_of_household(session: Session, household_id: str) -> set[str]:
    """Partners whose bundles ever carried this household (per-household export records)."""
    return set(
        session.scalars(
            select(ExportRecord.partner_id)
            .join(ExportHousehold, ExportHousehold.export_id == ExportRecord.id)
            .where(ExportHousehold.household_id == household_id)
        )
    )


def queue_erasure_requests(
    session: Session,
    household_id: str,
    reason: str,
    on: date,
    partner_ids: set[str] | None = None,
) -> list[ErasureRequest]:
    """One request per partner that received the household (limited to ``partner_ids``),
    unless one is already waiting to go out. It travels in the next bundle to that partner."""
    made: list[ErasureRequest] = []
    for pid in sorted(recipients_of_household(session, household_id)):
        if partner_ids is not None and pid not in partner_ids:
            continue
        waiting = session.scalar(
            select(ErasureRequest.id).where(
                ErasureRequest.partner_id == pid,
                ErasureRequest.household_id == household_id,
                ErasureRequest.export_id.is_(None),
            )
        )
        if waiting is not None:
            continue
        partner = session.get(Partner, pid)
        if partner is None:
            continue
        references = sorted(
            set(
                session.scalars(
                    select(Referral.reference)
                    .join(ExportReferral, ExportReferral.referral_id == Referral.id)
                    .join(ExportRecord, ExportRecord.id == ExportReferral.export_id)
                    .where(Referral.household_id == household_id, ExportRecord.partner_id == pid)
                )
            )
        )
        request = ErasureRequest(
            partner_id=pid,
            household_id=household_id,
            pseudonym=household_pseudonym(partner.pseudonym_secret, household_id),
            kenmerken=",".join(references),
            requested_on=on,
            reason=reason,
        )
        session.add(request)
        made.append(request)
    session.flush()
    return made


def erased_households(session: Session, partner_id: str) -> set[str]:
    """Households this partner was asked to erase because retention anonymised them: they
    never travel to it again (withdrawals are judged by consent, which a new referral may
    give afresh)."""
    return set(
        session.scalars(
            select(ErasureRequest.household_id).where(
                ErasureRequest.partner_id == partner_id,
                ErasureRequest.reason == ErasureReason.RETENTION,
            )
        )
    )


def consent_withdrawn(
    session: Session, household_id: str, partner_id: str, on: date | None = None
) -> bool:
    """True when this household's newest consent for this partner has been withdrawn.

    A later referral with fresh consent makes it False again. A household that never gave
    consent to this partner is not "withdrawn" (its grondslag is another question).
    ``on``: judge as of that day (default: every recorded event).
    """
    state = _consent_events(session, partner_id, household_id, on).get((household_id, partner_id))
    return state is not None and state[1]


def withdrawn_households(session: Session, partner_id: str, on: date | None = None) -> set[str]:
    """Every household whose consent for ``partner_id`` is withdrawn (one query)."""
    return {
        hid
        for (hid, _pid), (_d, withdrawn) in _consent_events(session, partner_id, None, on).items()
        if withdrawn
    }


def require_consent_in_force(session: Session, referral_id: str) -> None:
    """For letters: refuse to print or send a referral whose consent was withdrawn."""
    ref = get_referral(session, referral_id)
    if ref.grondslag == GrondslagKind.CONSENT.value and (
        ref.consent_withdrawn_on is not None
        or consent_withdrawn(session, ref.household_id, ref.partner_id)
    ):
        raise ConsentWithdrawnError(NO_LONGER_SHAREABLE, reference=ref.reference)


@dataclass(frozen=True, slots=True)
class PartnerReceipt:
    """A partner that received data about a household (for the household page)."""

    partner_id: str
    partner_name: str
    first_on: date
    last_on: date
    via: tuple[str, ...]  # "doorverwijzing", "export", "print", "share"
    references: tuple[str, ...]  # referral references
    consent_withdrawn: bool
    exported_on: tuple[date, ...] = ()  # the days bundles to this partner carried the household


def partners_that_received_data(session: Session, household_id: str) -> list[PartnerReceipt]:
    """Partners that got data about this household: referrals that left the concept stage
    (the day they were sent) and audit events of exports/prints/shares naming the partner
    (``entity='partner'``) or a referral (``entity='referral'``)."""
    partners = dict(session.execute(select(Partner.id, Partner.name)).all())
    refs = session.execute(
        select(Referral.id, Referral.partner_id, Referral.reference, Referral.status).where(
            Referral.household_id == household_id
        )
    ).all()
    partner_of_ref = {rid: pid for rid, pid, _ref, _st in refs}
    reference_of = {rid: ref for rid, _pid, ref, _st in refs}
    seen: dict[str, list[tuple[date, str, str | None]]] = {}
    sent = session.execute(
        select(ReferralStatusEvent.referral_id, ReferralStatusEvent.at).where(
            ReferralStatusEvent.referral_id.in_(partner_of_ref),
            ReferralStatusEvent.to_status == ReferralStatus.VERSTUURD.value,
        )
    ).all()
    for rid, at in sent:
        seen.setdefault(partner_of_ref[rid], []).append(
            (_day(at), "doorverwijzing", reference_of[rid])
        )
    events = session.execute(
        select(AuditEvent.action, AuditEvent.entity, AuditEvent.entity_id, AuditEvent.at).where(
            AuditEvent.household_id == household_id, AuditEvent.action.in_(SHARE_ACTIONS)
        )
    ).all()
    exported_days: dict[str, set[date]] = {}
    exported = session.execute(
        select(ExportRecord.partner_id, ExportRecord.exported_at)
        .join(ExportHousehold, ExportHousehold.export_id == ExportRecord.id)
        .where(ExportHousehold.household_id == household_id)
    ).all()
    for pid, at in exported:
        seen.setdefault(pid, []).append((_day(at), "export", None))
        exported_days.setdefault(pid, set()).add(_day(at))
    for action, entity, entity_id, at in events:
        if entity == "partner" and entity_id in partners:
            seen.setdefault(entity_id, []).append((_day(at), action, None))
        elif entity == "referral" and entity_id in partner_of_ref:
            pid = partner_of_ref[entity_id]
            seen.setdefault(pid, []).append((_day(at), action, reference_of[entity_id]))
    receipts = [
        PartnerReceipt(
            partner_id=pid,
            partner_name=partners.get(pid, ""),
            first_on=min(d for d, _v, _r in items),
            last_on=max(d for d, _v, _r in items),
            via=tuple(sorted({v for _d, v, _r in items})),
            references=tuple(sorted({r for _d, _v, r in items if r})),
            consent_withdrawn=consent_withdrawn(session, household_id, pid),
            exported_on=tuple(sorted(exported_days.get(pid, ()))),
        )
        for pid, items in seen.items()
    ]
    receipts.sort(key=lambda r: (r.first_on, r.partner_name))
    return receipts


def consent_states(session: Session, household_id: str) -> list[ConsentState]:
    """Every consent-based referral of a household, newest first (for the household page)."""
    rows = session.execute(
        select(Referral, Partner.name)
        .join(Partner, Partner.id == Referral.partner_id)
        .where(
            Referral.household_id == household_id,
            Referral.grondslag == GrondslagKind.CONSENT.value,
        )
        .order_by(Referral.created_at.desc())
    ).all()
    return [_state(ref, name) for ref, name in rows]


def _day(at: datetime | date) -> date:
    return at.date() if isinstance(at, datetime) else at

"""Referrals (doorverwijzingen): grondslag required, status loop until terugkoppeling.

Also here: the referral lists the GUI and CLI show (all referrals, and those waiting for
terugkoppeling), as plain rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, func, literal_column, or_, select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import local_today, utc_naive
from waakvlam_desktop.domain import tombstones
from waakvlam_desktop.domain.bsn import guard, guard_fields
from waakvlam_desktop.domain.households import get_household
from waakvlam_desktop.domain.types import (
    REFERRAL_TRANSITIONS,
    ConcernLevel,
    ConsentForm,
    GrondslagKind,
    HouseholdStatus,
    PartnerType,
    ReferralStatus,
    referral_status_label,
)
from waakvlam_desktop.domain.validation import require_text
from waakvlam_desktop.errors import NotFoundError, TransitionError, ValidationError
from waakvlam_desktop.storage.models import (
    Address,
    ChecklistItem,
    Household,
    Partner,
    Referral,
    ReferralStatusEvent,
    Resident,
    SignalObservation,
    street_line,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

REASON = Message("field.reason", QT_TRANSLATE_NOOP("Errors", "The reason"))
TWO_GRONDSLAGEN = Message(
    "referrals.two_grondslagen",
    QT_TRANSLATE_NOOP(
        "Errors", "Choose one legal basis: the resident's consent or another legal basis."
    ),
)
CONSENT_INCOMPLETE = Message(
    "referrals.consent_incomplete",
    QT_TRANSLATE_NOOP("Errors", "Consent needs its form (verbal or written) and its date."),
)
CONSENT_IN_FUTURE = Message(
    "referrals.consent_in_future",
    QT_TRANSLATE_NOOP("Errors", "The date of the consent is in the future."),
)
NO_GRONDSLAG = Message(
    "referrals.no_grondslag",
    QT_TRANSLATE_NOOP(
        "Errors",
        "A referral needs a legal basis: the resident's consent (verbal or written, with a"
        " date) or another legal basis, such as acute danger or the reporting code, with an"
        " explanation.",
    ),
)
NO_SUCH_PARTNER = Message(
    "referrals.no_such_partner", QT_TRANSLATE_NOOP("Errors", "This partner does not exist.")
)
SIGNAL_NOT_RECORDED = Message(
    "referrals.signal_not_recorded",
    QT_TRANSLATE_NOOP("Errors", "Signal '{code}' has not been recorded for this household."),
)
NO_SUCH_REFERRAL = Message(
    "referrals.no_such_referral",
    QT_TRANSLATE_NOOP("Errors", "Referral {ident} does not exist."),
)
TRANSITION_NOT_ALLOWED = Message(
    "referrals.transition_not_allowed",
    QT_TRANSLATE_NOOP(
        "Errors", "From '{current}' to '{new}' is not possible. Possible: {allowed}."
    ),
)
TRANSITION_FROM_FINISHED = Message(
    "referrals.transition_from_finished",
    QT_TRANSLATE_NOOP(
        "Errors", "From '{current}' to '{new}' is not possible. This referral is finished."
    ),
)


@dataclass(frozen=True, slots=True)
class _StatusNames:
    """Statuses as a message parameter: their labels in the message's language."""

    statuses: tuple[ReferralStatus, ...]

    def render(self, language: str | None = None) -> str:
        return ", ".join(referral_status_label(s, language) for s in self.statuses)


NOT_IN_HOUSEHOLD = Message(
    "referral.resident_not_in_household",
    QT_TRANSLATE_NOOP(
        "Errors", "Resident {resident} does not live in this household; choose one who does."
    ),
)


@dataclass(slots=True)
class ReferralInput:
    household_id: str
    partner_id: str
    reason: str
    letter_context: str = ""
    signal_codes: list[str] = field(default_factory=list)
    consent_form: ConsentForm | None = None
    consent_date: date | None = None
    basis_text: str = ""
    feedback_due: date | None = None
    contact_staff_id: str | None = None
    allow_bsn_like: bool = False
    # "Betrokken bewoners": resident ids the referral is about (empty: the contact resident).
    concerns: list[str] = field(default_factory=list)
    # Part of the consent: the resident agreed to be phoned by the partner.
    may_call: bool = False


def _grondslag(data: ReferralInput, today: date) -> GrondslagKind:
    has_consent = data.consent_form is not None or data.consent_date is not None
    has_basis = bool(data.basis_text.strip())
    if has_consent and has_basis:
        raise ValidationError(TWO_GRONDSLAGEN, field="grondslag")
    if has_consent:
        if data.consent_form is None or data.consent_date is None:
            raise ValidationError(CONSENT_INCOMPLETE, field="grondslag")
        if data.consent_date > today:
            raise ValidationError(CONSENT_IN_FUTURE, field="grondslag")
        return GrondslagKind.CONSENT
    if has_basis:
        return GrondslagKind.OTHER
    raise ValidationError(NO_GRONDSLAG, field="grondslag")


ADULT_AGE = 18


def is_minor(birth_year: int | None, birth_date: date | None, today: date) -> bool:
    """Under 18 on ``today``; with only a birth year, when 18 is not yet reached this year."""
    if birth_date is not None:
        had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
        return today.year - birth_date.year - (0 if had_birthday else 1) < ADULT_AGE
    if birth_year is not None:
        return today.year - birth_year < ADULT_AGE
    return False


def contact_resident(session: Session, household_id: str, today: date) -> Resident | None:
    """The default "betrokken bewoner": the household's first adult, in the order they were
    entered. Never a child by default: a referral about a child names that child."""
    residents = list(
        session.scalars(
            select(Resident)
            .where(Resident.household_id == household_id)
            # rowid: the order of entry, also between residents entered in the same second.
            .order_by(Resident.created_at, literal_column("resident.rowid"))
        )
    )
    adults = [r for r in residents if not is_minor(r.birth_year, r.birth_date, today)]
    return adults[0] if adults else None


def _concerned(session: Session, household_id: str, ids: list[str], today: date) -> list[Resident]:
    if not ids:
        default = contact_resident(session, household_id, today)
        return [default] if default is not None else []
    chosen: list[Resident] = []
    for ident in dict.fromkeys(ids):
        resident = session.get(Resident, ident)
        if resident is None or resident.household_id != household_id:
            raise ValidationError(NOT_IN_HOUSEHOLD, field="concerns", resident=ident)
        chosen.append(resident)
    return chosen


def _next_reference(session: Session, year: int) -> str:
    prefix = f"WV-{year}-"
    count = session.scalar(
        select(func.count(Referral.id)).where(Referral.reference.like(prefix + "%"))
    )
    return f"{prefix}{(count or 0) + 1:04d}"


def create_referral(session: Session, data: ReferralInput) -> Referral:
    clock = session.info["clock"]
    today = local_today(clock)
    household = get_household(session, data.household_id)
    tombstones.refuse_if_anonymised(session, household.id)
    partner = session.get(Partner, data.partner_id)
    if partner is None:
        raise NotFoundError(NO_SUCH_PARTNER)
    reason = require_text(data.reason, REASON, "reason", 2000, allow_bsn_like=data.allow_bsn_like)
    kind = _grondslag(data, today)
    guard_fields(
        {"letter_context": data.letter_context, "basis_text": data.basis_text},
        allow=data.allow_bsn_like,
    )
    # The newest observation of each chosen sign in this household.
    signals: list[SignalObservation] = []
    for code in dict.fromkeys(data.signal_codes):
        obs = session.scalar(
            select(SignalObservation)
            .join(ChecklistItem, ChecklistItem.id == SignalObservation.item_id)
            .where(SignalObservation.household_id == household.id, ChecklistItem.code == code)
            .order_by(SignalObservation.created_at.desc())
            .limit(1)
        )
        if obs is None:
            raise ValidationError(SIGNAL_NOT_RECORDED, field="signals", code=code)
        signals.append(obs)
    ref = Referral(
        reference=_next_reference(session, today.year),
        household_id=household.id,
        partner_id=partner.id,
        reason=reason,
        letter_context=data.letter_context.strip(),
        grondslag=kind.value,
        consent_form=data.consent_form.value if data.consent_form else None,
        consent_date=data.consent_date,
        basis_text=data.basis_text.strip(),
        contact_staff_id=data.contact_staff_id or session.info.get("actor"),
        feedback_due=data.feedback_due,
        status=ReferralStatus.CONCEPT.value,
        consent_may_call=data.may_call,
    )
    ref.signals = signals
    ref.concerns = _concerned(session, household.id, data.concerns, today)
    session.add(ref)
    session.flush()
    session.add(
        ReferralStatusEvent(
            referral_id=ref.id,
            from_status=None,
            to_status=ReferralStatus.CONCEPT.value,
            at=utc_naive(clock.now()),
        )
    )
    session.flush()
    return ref


def get_referral(session: Session, ident: str) -> Referral:
    ref = session.get(Referral, ident) or session.scalar(
        select(Referral).where(Referral.reference == ident)
    )
    if ref is None:
        raise NotFoundError(NO_SUCH_REFERRAL, ident=ident)
    return ref


def change_status(
    session: Session,
    ident: str,
    new_status: ReferralStatus,
    note: str = "",
    *,
    allow_bsn_like: bool = False,
) -> Referral:
    guard("note", note, allow=allow_bsn_like)
    ref = get_referral(session, ident)
    current = ReferralStatus(ref.status)
    if new_status not in REFERRAL_TRANSITIONS[current]:
        allowed = tuple(sorted(REFERRAL_TRANSITIONS[current]))
        raise TransitionError(
            TRANSITION_NOT_ALLOWED if allowed else TRANSITION_FROM_FINISHED,
            current=_StatusNames((current,)),
            new=_StatusNames((new_status,)),
            allowed=_StatusNames(allowed),
        )
    ref.status = new_status.value
    session.add(
        ReferralStatusEvent(
            referral_id=ref.id,
            from_status=current.value,
            to_status=new_status.value,
            at=utc_naive(session.info["clock"].now()),
            note=note.strip(),
        )
    )
    session.flush()
    return ref


# ---- lists for the GUI -------------------------------------------------------------------
def select_referrals(*columns: Any, among: Subquery | None = None) -> Select[Any]:
    """``columns`` of every referral with its household, the household's address and the
    partner joined: the base of every referral list and of the letter data. ``among``:
    only the referrals of this subquery's ``id`` column, read from it first."""
    start = (
        select(*columns).select_from(Referral)
        if among is None
        else select(*columns).select_from(among).join(Referral, Referral.id == among.c.id)
    )
    return (
        start.join(Household, Household.id == Referral.household_id)
        .join(Address, Address.id == Household.address_id)
        .join(Partner, Partner.id == Referral.partner_id)
    )


WAITING_STATUSES = (
    ReferralStatus.VERSTUURD.value,
    ReferralStatus.ONTVANGEN.value,
    ReferralStatus.IN_BEHANDELING.value,
)


@dataclass(frozen=True, slots=True)
class ReferralRow:
    """One line in the referrals list: plain data, safe to hand to another thread."""

    id: str
    reference: str
    household_id: str
    household_label: str
    address: str
    city: str
    partner_id: str
    partner_name: str
    partner_type: PartnerType
    status: ReferralStatus
    grondslag: GrondslagKind
    created_at: datetime
    feedback_due: date | None
    has_letter: bool


@dataclass(frozen=True, slots=True)
class FeedbackRow:
    """A referral waiting for terugkoppeling (Vandaag: "Wacht op terugkoppeling")."""

    id: str
    reference: str
    household_id: str
    household_label: str
    address: str
    partner_name: str
    status: ReferralStatus
    feedback_due: date | None
    days_overdue: int  # 0 when not (yet) overdue or no due date
    level: ConcernLevel  # the household's concern level; none (GEEN) once it is closed


def list_referrals(
    session: Session,
    *,
    household_id: str | None = None,
    status: ReferralStatus | None = None,
) -> list[ReferralRow]:
    """All referrals, newest first (optionally of one household or in one status)."""
    query = select_referrals(
        Referral.id,
        Referral.reference,
        Referral.household_id,
        Household.label,
        Address.street,
        Address.number,
        Address.addition,
        Address.city,
        Partner.id,
        Partner.name,
        Partner.type,
        Referral.status,
        Referral.grondslag,
        Referral.created_at,
        Referral.feedback_due,
        Referral.letter_pdf.is_not(None),
    ).order_by(Referral.created_at.desc(), Referral.reference.desc())
    if household_id is not None:
        query = query.where(Referral.household_id == household_id)
    if status is not None:
        query = query.where(Referral.status == status.value)
    return [
        ReferralRow(
            id=r[0],
            reference=r[1],
            household_id=r[2],
            household_label=r[3],
            address=street_line(r[4], r[5], r[6]),
            city=r[7],
            partner_id=r[8],
            partner_name=r[9],
            partner_type=PartnerType(r[10]),
            status=ReferralStatus(r[11]),
            grondslag=GrondslagKind(r[12]),
            created_at=r[13],
            feedback_due=r[14],
            has_letter=bool(r[15]),
        )
        for r in session.execute(query)
    ]


def _waiting(
    today: date, overdue: bool | None, where: tuple[ColumnElement[bool], ...], *columns: Any
) -> Select[Any]:
    return select_referrals(*columns).where(
        Referral.status.in_(WAITING_STATUSES), *_due(today, overdue), *where
    )


def _due(today: date, overdue: bool | None) -> tuple[ColumnElement[bool], ...]:
    return () if overdue is None else (_overdue(today, overdue),)


def _overdue(today: date, overdue: bool) -> ColumnElement[bool]:
    """The feedback date has passed (True), or not or there is none (False)."""
    if overdue:
        return Referral.feedback_due < today
    return or_(Referral.feedback_due.is_(None), Referral.feedback_due >= today)


def referrals_waiting_for_feedback(
    session: Session,
    today: date,
    *where: ColumnElement[bool],
    overdue: bool | None = None,
    limit: int | None = None,
) -> list[FeedbackRow]:
    """Referrals sent but not closed, most overdue first, then by due date (none last).

    ``overdue``: True only those whose feedback date has passed, False only the others,
    None all. ``where``: conditions on the referral, its household or its address.
    ``limit``: the first ones only (Vandaag, #16)."""
    order = (Referral.feedback_due.is_(None), Referral.feedback_due, Referral.reference)
    columns = (
        Referral.id,
        Referral.reference,
        Referral.household_id,
        Household.label,
        Address.street,
        Address.number,
        Address.addition,
        Partner.name,
        Referral.status,
        Referral.feedback_due,
        Household.status,
        Household.concern_level,
    )
    if limit is None or where:
        query = _waiting(today, overdue, where, *columns).order_by(*order).limit(limit)
    else:
        # The first ``limit`` chosen and sorted from the referrals alone, and only those
        # joined: the joins (which leave none out, every key is required) made SQLite
        # read the household, address and partner of all 11,000 waiting referrals of a
        # 50,000-household vault before the sort (Vandaag's first read after an unlock).
        first = (
            select(Referral.id)
            .where(Referral.status.in_(WAITING_STATUSES), *_due(today, overdue))
            .order_by(*order)
            .limit(limit)
            .subquery()
        )
        query = select_referrals(*columns, among=first).order_by(*order)
    return [
        FeedbackRow(
            id=r[0],
            reference=r[1],
            household_id=r[2],
            household_label=r[3],
            address=street_line(r[4], r[5], r[6]),
            partner_name=r[7],
            status=ReferralStatus(r[8]),
            feedback_due=r[9],
            days_overdue=max(0, (today - r[9]).days) if r[9] else 0,
            level=ConcernLevel(r[11]) if r[10] == HouseholdStatus.OPEN.value else ConcernLevel.GEEN,
        )
        for r in session.execute(query)
    ]


def count_waiting_for_feedback(
    session: Session, today: date, *where: ColumnElement[bool]
) -> tuple[int, int]:
    """How many :func:`referrals_waiting_for_feedback` would return without a limit:
    overdue, and not, in one read (without ``where``, from the referrals alone: the joins
    leave none out)."""
    counts = (
        func.count().filter(_overdue(today, True)),
        func.count().filter(_overdue(today, False)),
    )
    if where:
        overdue, not_overdue = session.execute(_waiting(today, None, where, *counts)).one()
    else:
        waiting = Referral.status.in_(WAITING_STATUSES)
        overdue, not_overdue = session.execute(select(*counts).where(waiting)).one()
    return overdue or 0, not_overdue or 0

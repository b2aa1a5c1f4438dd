"""What goes into a letter, gathered from the vault as plain frozen dataclasses.

The letter renderers in ``waakvlam_desktop.documents`` get a :class:`LetterData` and nothing
else: no session, no ORM object. By construction a letter can only show what is here,
and what is here is the domain rule for letters: the selected signals and the letter
context written for the partner. Never the raw visit notes, never the signal remarks.

Also here: the audit events for letters (generated, printed, saved). The referral lists
(all referrals, waiting for terugkoppeling) live with referrals in
:mod:`waakvlam_desktop.domain.referrals`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import local_today
from waakvlam_desktop.domain.names import NO_NAME, PersonName, from_columns
from waakvlam_desktop.domain.referrals import NO_SUCH_REFERRAL, get_referral, select_referrals
from waakvlam_desktop.domain.setup import default_staff
from waakvlam_desktop.domain.types import (
    ConsentForm,
    DataProfile,
    GrondslagKind,
    PartnerType,
    Severity,
    severity_label,
)
from waakvlam_desktop.errors import NotFoundError, UsageError
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.models import (
    Address,
    ChecklistDomain,
    ChecklistItem,
    Household,
    Organisation,
    Partner,
    Referral,
    ReferralResident,
    ReferralSignal,
    Resident,
    Setting,
    SignalObservation,
    StaffMember,
    street_line,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

LANGUAGES = ("nl", "en")

UNKNOWN_LANGUAGE = Message(
    "letters.unknown_language",
    QT_TRANSLATE_NOOP(
        "Errors", "Unknown language '{language}'. Choose nl (Dutch) or en (English)."
    ),
)
NO_SENDER = Message(
    "letters.no_sender",
    QT_TRANSLATE_NOOP("Errors", "No organisation has been set up yet; the letter needs a sender."),
)


class LetterKind:
    """The documents made for a referral (values appear in audit details)."""

    REFERRAL = "verwijsbrief"
    CONSENT = "toestemmingsformulier"
    RESIDENT = "bewonersbrief"

    ALL = (REFERRAL, CONSENT, RESIDENT)


@dataclass(frozen=True, slots=True)
class OrganisationInfo:
    name: str
    address_line: str
    postcode: str
    city: str
    phone: str
    email: str
    logo_png: bytes | None = None


@dataclass(frozen=True, slots=True)
class RecipientInfo:
    """The partner the referral goes to (the address block in the envelope window)."""

    name: str
    type: PartnerType
    contact_name: str  # as typed before the parts existed; used when ``contact`` is unknown
    address_line: str
    postcode: str
    city: str
    contact: PersonName = NO_NAME


@dataclass(frozen=True, slots=True)
class HouseholdInfo:
    label: str
    residents: tuple[str, ...]
    street_line: str
    postcode: str
    city: str
    #: Each resident's name in parts, in the order of ``residents`` (unknown parts empty).
    people: tuple[PersonName, ...] = ()


@dataclass(frozen=True, slots=True)
class SignalLine:
    code: str
    label: str
    severity: int
    severity_label: str


@dataclass(frozen=True, slots=True)
class SignalGroup:
    """The selected signals of one checklist domain, in checklist order."""

    domain: str
    label: str
    signals: tuple[SignalLine, ...]


@dataclass(frozen=True, slots=True)
class GrondslagInfo:
    kind: GrondslagKind
    consent_form: ConsentForm | None
    consent_date: date | None
    basis_text: str


@dataclass(frozen=True, slots=True)
class StaffInfo:
    name: str
    role: str
    phone: str
    email: str


@dataclass(frozen=True, slots=True)
class LetterData:
    """Everything a referral letter, consent form or resident letter may show."""

    referral_id: str
    reference: str
    language: str
    letter_date: date
    place: str
    organisation: OrganisationInfo
    recipient: RecipientInfo
    household: HouseholdInfo
    reason: str
    context: str
    signals: tuple[SignalGroup, ...]
    grondslag: GrondslagInfo
    feedback_due: date | None
    staff: StaffInfo
    # What the partner's bundles carry (resources/disclosure/disclosure.json): its profile,
    # and whether the resident agreed to be phoned (the phone number travels only then).
    profile: DataProfile = DataProfile.CASE
    may_call: bool = False
    #: The organisation's choice (setting ``letter_greeting``): "Beste …" instead of
    #: "Geachte …".
    informal: bool = False


def organisation_info(session: Session) -> OrganisationInfo:
    """The sender of letters and documents: the organisation (one sentence when there is none)."""
    org = session.execute(_ORGANISATION).first()
    if org is None:
        raise NotFoundError(NO_SENDER)
    return OrganisationInfo(*org)


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise UsageError(UNKNOWN_LANGUAGE, language=language)
    return language


# Statements built once at import: building a select() costs more than running it here.
_SIGNALS = (
    select(
        ChecklistItem.code,
        ChecklistItem.domain,
        ChecklistItem.label_nl,
        ChecklistItem.label_en,
        ChecklistDomain.label_nl,
        ChecklistDomain.label_en,
        SignalObservation.severity,
    )
    .select_from(ReferralSignal)
    .join(SignalObservation, SignalObservation.id == ReferralSignal.observation_id)
    .join(ChecklistItem, ChecklistItem.id == SignalObservation.item_id)
    .outerjoin(
        ChecklistDomain,
        (ChecklistDomain.template_id == ChecklistItem.template_id)
        & (ChecklistDomain.code == ChecklistItem.domain),
    )
    .where(ReferralSignal.referral_id == bindparam("rid"))
    .order_by(ChecklistDomain.position, ChecklistItem.position, ChecklistItem.code)
)
_STAFF = select(StaffMember.name, StaffMember.role, StaffMember.phone, StaffMember.email).where(
    StaffMember.id == bindparam("sid")
)
_LETTER = (
    select_referrals(
        Referral.id,
        Referral.reference,
        Referral.reason,
        Referral.letter_context,
        Referral.grondslag,
        Referral.consent_form,
        Referral.consent_date,
        Referral.basis_text,
        Referral.feedback_due,
        Referral.contact_staff_id,
        Referral.created_by,
        Household.id,
        Household.label,
        Address.street,
        Address.number,
        Address.addition,
        Address.postcode,
        Address.city,
        Partner.name,
        Partner.type,
        Partner.contact_name,
        Partner.contact_salutation,
        Partner.contact_initials,
        Partner.contact_prefix,
        Partner.contact_surname,
        Partner.address_line,
        Partner.postcode,
        Partner.city,
        Partner.profile,
        Referral.consent_may_call,
    )
    .where(or_(Referral.id == bindparam("ref"), Referral.reference == bindparam("ref")))
    .limit(1)
)
_ORGANISATION = (
    select(
        Organisation.name,
        Organisation.address_line,
        Organisation.postcode,
        Organisation.city,
        Organisation.phone,
        Organisation.email,
        Organisation.logo_png,
    )
    .order_by(Organisation.created_at)
    .limit(1)
)
_GREETING = select(Setting.value_json).where(Setting.key == "letter_greeting")
# Only the residents the referral concerns ("betrokken bewoners") are named.
_CONCERNED = (
    select(Resident.name, Resident.salutation, Resident.initials, Resident.prefix, Resident.surname)
    .join(ReferralResident, ReferralResident.resident_id == Resident.id)
    .where(ReferralResident.referral_id == bindparam("rid"))
    .order_by(Resident.created_at, Resident.name)
)


def _signal_groups(session: Session, referral_id: str, language: str) -> tuple[SignalGroup, ...]:
    rows = session.execute(_SIGNALS, {"rid": referral_id}).all()
    en = language == "en"
    groups: dict[str, tuple[str, list[SignalLine]]] = {}
    for code, domain, label_nl, label_en, dom_nl, dom_en, severity in rows:
        dom_label = (dom_en if en else dom_nl) or domain
        line = SignalLine(
            code=code,
            label=label_en if en else label_nl,
            severity=severity,
            severity_label=severity_label(Severity(severity), language),
        )
        groups.setdefault(domain, (dom_label, []))[1].append(line)
    return tuple(
        SignalGroup(domain=d, label=label, signals=tuple(lines))
        for d, (label, lines) in groups.items()
    )


def _staff(session: Session, *candidates: str | None) -> StaffInfo:
    """The referral's contact person, else whoever made it, else the default staff member."""
    for ident in candidates:
        if ident:
            row = session.execute(_STAFF, {"sid": ident}).first()
            if row is not None:
                return StaffInfo(*row)
    member = default_staff(session)
    if member is None:
        return StaffInfo("", "", "", "")
    return StaffInfo(member.name, member.role, member.phone, member.email)


def letter_data(session: Session, referral: str, language: str = "nl") -> LetterData:
    """Gather the data of one referral's letters (by id or by reference ``WV-2026-0001``).

    A handful of column queries (no ORM objects, and never the stored letter PDF itself).
    """
    check_language(language)
    row = session.execute(_LETTER, {"ref": referral}).first()
    if row is None:
        raise NotFoundError(NO_SUCH_REFERRAL, ident=referral)
    (
        ref_id,
        reference,
        reason,
        context,
        grondslag,
        consent_form,
        consent_date,
        basis_text,
        feedback_due,
        contact_staff_id,
        created_by,
        _household_id,
        household_label,
        street,
        number,
        addition,
        postcode,
        city,
        partner_name,
        partner_type,
        contact_name,
        contact_salutation,
        contact_initials,
        contact_prefix,
        contact_surname,
        partner_address,
        partner_postcode,
        partner_city,
        partner_profile,
        may_call,
    ) = row
    org = session.execute(_ORGANISATION).first()
    if org is None:
        raise NotFoundError(NO_SENDER)
    resident_rows = session.execute(_CONCERNED, {"rid": ref_id}).all()
    return LetterData(
        referral_id=ref_id,
        reference=reference,
        language=language,
        letter_date=local_today(session.info["clock"]),
        place=org.city,
        organisation=OrganisationInfo(*org),
        recipient=RecipientInfo(
            name=partner_name,
            type=PartnerType(partner_type),
            contact_name=contact_name,
            address_line=partner_address,
            postcode=partner_postcode,
            city=partner_city,
            contact=from_columns(
                contact_salutation, contact_initials, contact_prefix, contact_surname
            ),
        ),
        household=HouseholdInfo(
            label=household_label,
            residents=tuple(r[0] for r in resident_rows),
            street_line=street_line(street, number, addition),
            postcode=postcode,
            city=city,
            people=tuple(from_columns(*r[1:]) for r in resident_rows),
        ),
        reason=reason,
        context=context,
        signals=_signal_groups(session, ref_id, language),
        grondslag=GrondslagInfo(
            kind=GrondslagKind(grondslag),
            consent_form=ConsentForm(consent_form) if consent_form else None,
            consent_date=consent_date,
            basis_text=basis_text,
        ),
        feedback_due=feedback_due,
        staff=_staff(session, contact_staff_id, created_by),
        profile=DataProfile(partner_profile),
        may_call=bool(may_call),
        informal=session.scalar(_GREETING) == '"beste"',
    )


# ---- storage and audit -------------------------------------------------------------------
def store_letter(session: Session, referral: str, pdf: bytes, *, language: str = "nl") -> None:
    """Keep the referral letter in the vault with its referral (replacing an older one)."""
    ref = get_referral(session, referral)
    ref.letter_pdf = pdf
    audit.record(
        session,
        "letter_generated",
        "referral",
        ref.id,
        household_id=ref.household_id,
        detail=f"soort: {LetterKind.REFERRAL}; taal: {language}; bytes: {len(pdf)}",
    )
    session.flush()


def stored_letter(session: Session, referral: str) -> bytes | None:
    """The referral letter kept in the vault, or None when none was generated yet."""
    return get_referral(session, referral).letter_pdf


def _letter_event(session: Session, action: str, referral: str, kind: str, extra: str) -> None:
    if kind not in LetterKind.ALL:
        raise ValueError(f"unknown letter kind {kind!r}")
    ref = get_referral(session, referral)
    detail = f"soort: {kind}" + (f"; {extra}" if extra else "")
    audit.record(session, action, "referral", ref.id, household_id=ref.household_id, detail=detail)


def record_letter_generated(
    session: Session, referral: str, kind: str, language: str = "nl"
) -> None:
    """Audit event for a document made but not stored (consent form, resident letter)."""
    _letter_event(session, "letter_generated", referral, kind, f"taal: {language}")


def record_letter_printed(
    session: Session, referral: str, kind: str = LetterKind.REFERRAL, copies: int = 1
) -> None:
    """Call after the print dialog was accepted and the document went to the printer."""
    _letter_event(session, "letter_printed", referral, kind, f"exemplaren: {copies}")


def record_letter_saved(session: Session, referral: str, kind: str = LetterKind.REFERRAL) -> None:
    """Call after the user explicitly saved a document as a PDF file ("Opslaan als PDF").

    The file name is left out of the audit detail: it may carry a resident's name.
    """
    _letter_event(session, "letter_saved", referral, kind, "")

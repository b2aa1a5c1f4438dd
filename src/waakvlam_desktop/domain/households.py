"""Complexes, addresses, households and residents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import local_today
from waakvlam_desktop.domain import tombstones
from waakvlam_desktop.domain.bsn import guard, guard_fields
from waakvlam_desktop.domain.names import PersonName, formal_text, from_columns, stored
from waakvlam_desktop.domain.signals import observed_items
from waakvlam_desktop.domain.types import ConcernLevel
from waakvlam_desktop.domain.validation import (
    normalise_postcode,
    require_text,
    validate_birth_year,
)
from waakvlam_desktop.errors import NotFoundError, ValidationError
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.models import (
    Address,
    Complex,
    ConnectIntroduction,
    ConnectOffer,
    Household,
    Partner,
    Referral,
    Resident,
    StaffMember,
    VisitCorrection,
    street_line,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

COMPLEX_NAME = Message("field.complex_name", QT_TRANSLATE_NOOP("Errors", "The name of the complex"))
STREET = Message("field.street", QT_TRANSLATE_NOOP("Errors", "The street"))
CITY = Message("field.city", QT_TRANSLATE_NOOP("Errors", "The town"))
HOUSEHOLD_NAME = Message(
    "field.household_name", QT_TRANSLATE_NOOP("Errors", "The name of the household")
)
RESIDENT_NAME = Message("field.resident_name", QT_TRANSLATE_NOOP("Errors", "The resident's name"))
NUMBER_NOT_POSITIVE = Message(
    "households.number_not_positive",
    QT_TRANSLATE_NOOP("Errors", "The house number must be a positive number."),
)
VHE_CODE_EXISTS = Message(
    "households.vhe_code_exists", QT_TRANSLATE_NOOP("Errors", "VHE code {vhe_code} already exists.")
)
NO_SUCH_ADDRESS = Message(
    "households.no_such_address",
    QT_TRANSLATE_NOOP("Errors", "Address {address_id} does not exist."),
)
NO_SUCH_HOUSEHOLD = Message(
    "households.no_such_household",
    QT_TRANSLATE_NOOP("Errors", "Household {household_id} does not exist."),
)
ADDRESS_GONE = Message(
    "households.address_gone", QT_TRANSLATE_NOOP("Errors", "This address does not exist.")
)
RESIDENT_GONE = Message(
    "households.resident_gone", QT_TRANSLATE_NOOP("Errors", "This resident does not exist.")
)


def add_complex(session: Session, name: str, *, code: str | None = None, wijk: str = "") -> Complex:
    guard("wijk", wijk, confirmable=False)
    cpx = Complex(name=require_text(name, COMPLEX_NAME, "name"), code=code, wijk=wijk)
    session.add(cpx)
    session.flush()
    return cpx


def add_address(
    session: Session,
    *,
    street: str,
    number: int,
    postcode: str,
    city: str,
    addition: str = "",
    wijk: str = "",
    vhe_code: str | None = None,
    complex_id: str | None = None,
) -> Address:
    if number <= 0:
        raise ValidationError(NUMBER_NOT_POSITIVE, field="number")
    guard_fields({"addition": addition, "wijk": wijk}, confirmable=False)
    if vhe_code:
        clash = session.scalar(select(Address.id).where(Address.vhe_code == vhe_code))
        if clash is not None:
            raise ValidationError(VHE_CODE_EXISTS, field="vhe_code", vhe_code=vhe_code)
    addr = Address(
        street=require_text(street, STREET, "street"),
        number=number,
        addition=addition.strip(),
        postcode=normalise_postcode(postcode),
        city=require_text(city, CITY, "city"),
        wijk=wijk.strip(),
        vhe_code=vhe_code or None,
        complex_id=complex_id,
    )
    session.add(addr)
    session.flush()
    return addr


def add_household(session: Session, address_id: str, label: str) -> Household:
    if session.get(Address, address_id) is None:
        raise NotFoundError(NO_SUCH_ADDRESS, address_id=address_id)
    hh = Household(
        address_id=address_id,
        label=require_text(label, HOUSEHOLD_NAME, "label", 200),
        concern_level=ConcernLevel.GEEN.value,
    )
    session.add(hh)
    session.flush()
    return hh


def add_resident(
    session: Session,
    household_id: str,
    name: str,
    *,
    birth_year: int | None = None,
    birth_date: date | None = None,
    phone: str = "",
    parts: PersonName | None = None,
) -> Resident:
    """``parts``: how a letter addresses the resident (aanhef, voorletters, tussenvoegsel,
    achternaam); without them a letter uses ``name`` and a neutral salutation."""
    get_household(session, household_id)
    tombstones.refuse_if_anonymised(session, household_id)
    guard("phone", phone, confirmable=False)
    this_year = local_today(session.info["clock"]).year
    res = Resident(
        household_id=household_id,
        name=require_text(name, RESIDENT_NAME, "name", 200),
        birth_year=validate_birth_year(birth_year, this_year),
        birth_date=birth_date,
        phone=phone.strip(),
    )
    if parts is not None:
        res.salutation, res.initials, res.prefix, res.surname = stored(parts)
    session.add(res)
    session.flush()
    return res


def get_household(session: Session, household_id: str) -> Household:
    hh = session.get(Household, household_id)
    if hh is None:
        raise NotFoundError(NO_SUCH_HOUSEHOLD, household_id=household_id)
    return hh


def view_household(session: Session, household_id: str, via: str = "app") -> HouseholdDetail:
    """What the household page shows; opening it is an audit event (``view``)."""
    detail = household_detail(session, household_id)
    audit.record(session, "view", "household", detail.id, household_id=detail.id, detail=via)
    return detail


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    """One line in the households list: plain data, safe to hand to another thread."""

    id: str
    label: str
    address: str
    postcode: str
    city: str
    wijk: str
    complex_name: str
    concern_level: ConcernLevel
    next_check_in: date | None
    last_visit_at: datetime | None
    residents: int


def list_households(session: Session) -> list[HouseholdRow]:
    resident_counts = (
        select(Resident.household_id, func.count(Resident.id).label("n"))
        .group_by(Resident.household_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Household.id,
            Household.label,
            Address.street,
            Address.number,
            Address.addition,
            Address.postcode,
            Address.city,
            Address.wijk,
            Complex.name,
            Household.concern_level,
            Household.next_check_in,
            Household.last_visit_at,
            func.coalesce(resident_counts.c.n, 0),
        )
        .join(Address, Address.id == Household.address_id)
        .outerjoin(Complex, Complex.id == Address.complex_id)
        .outerjoin(resident_counts, resident_counts.c.household_id == Household.id)
        .order_by(Address.street, Address.number, Address.addition)
    ).all()
    return [
        HouseholdRow(
            id=r[0],
            label=r[1],
            address=street_line(r[2], r[3], r[4]),
            postcode=r[5],
            city=r[6],
            wijk=r[7],
            complex_name=r[8] or "",
            concern_level=ConcernLevel(r[9]),
            next_check_in=r[10],
            last_visit_at=r[11],
            residents=r[12],
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class ResidentView:
    id: str
    name: str
    birth_year: int | None
    phone: str
    #: How letters address the resident, as one line ("mevrouw A. Öztürk"); "" unknown.
    addressed_as: str = ""


@dataclass(frozen=True, slots=True)
class ObservationView:
    code: str
    domain: str
    label_nl: str
    label_en: str
    severity: int
    remark: str
    acute: bool
    acute_response: str | None = None  # what was done ("" not yet; None never asked)


@dataclass(frozen=True, slots=True)
class VisitView:
    id: str
    visited_at: datetime
    kind: str
    staff_name: str
    notes: str
    residents_present: tuple[str, ...]
    observations: tuple[ObservationView, ...]
    corrected_at: datetime | None = None  # the last correction of the note, if any


@dataclass(frozen=True, slots=True)
class ConcernView:
    level: ConcernLevel
    suggested_level: ConcernLevel | None
    set_at: datetime
    next_check_in: date


@dataclass(frozen=True, slots=True)
class FollowUpView:
    id: str
    description: str
    due_on: date | None
    status: str


@dataclass(frozen=True, slots=True)
class ReferralSummary:
    id: str
    reference: str
    partner_name: str
    status: str
    created_at: datetime
    feedback_due: date | None


@dataclass(frozen=True, slots=True)
class HouseholdDetail:
    id: str
    label: str
    status: str
    address: str
    postcode: str
    city: str
    wijk: str
    complex_name: str
    vhe_code: str | None
    concern_level: ConcernLevel
    next_check_in: date | None
    residents: tuple[ResidentView, ...]
    visits: tuple[VisitView, ...]  # newest first
    concern_history: tuple[ConcernView, ...]  # newest first
    follow_ups: tuple[FollowUpView, ...]
    referrals: tuple[ReferralSummary, ...]
    visited: bool = True  # False: nobody has visited yet ("nog niet bezocht", not "geen zorgen")
    # Retention anonymised it: its visits, signs and levels are months (0022); nothing new
    # (a visit, a follow-up) can be added.
    anonymised: bool = False


def household_detail(session: Session, household_id: str) -> HouseholdDetail:
    """Everything the household page shows, as plain data."""
    hh = get_household(session, household_id)
    addr = hh.address
    staff = dict(session.execute(select(StaffMember.id, StaffMember.name)).all())
    items = observed_items(session, hh.id)
    corrections: dict[str, datetime] = {}
    for vid, at in session.execute(
        select(VisitCorrection.visit_id, VisitCorrection.corrected_at)
        .where(VisitCorrection.household_id == hh.id)
        .order_by(VisitCorrection.corrected_at)
    ):
        corrections[vid] = at
    visits = []
    for v in sorted(hh.visits, key=lambda v: v.visited_at, reverse=True):
        obs = tuple(
            ObservationView(
                code=items[o.item_id].code,
                domain=items[o.item_id].domain,
                label_nl=items[o.item_id].label_nl,
                label_en=items[o.item_id].label_en,
                severity=o.severity,
                remark=o.remark,
                acute=items[o.item_id].acute,
                acute_response=o.acute_response,
            )
            for o in sorted(v.observations, key=lambda o: items[o.item_id].position)
        )
        visits.append(
            VisitView(
                id=v.id,
                visited_at=v.visited_at,
                kind=v.kind,
                staff_name=staff.get(v.staff_id, "") if v.staff_id else "",
                notes=v.notes,
                residents_present=tuple(r.name for r in v.residents_present),
                observations=obs,
                corrected_at=corrections.get(v.id),
            )
        )
    referrals = session.execute(
        select(Referral, Partner.name)
        .join(Partner, Partner.id == Referral.partner_id)
        .where(Referral.household_id == hh.id)
        .order_by(Referral.created_at.desc())
    ).all()
    return HouseholdDetail(
        id=hh.id,
        label=hh.label,
        status=hh.status,
        address=addr.line,
        postcode=addr.postcode,
        city=addr.city,
        wijk=addr.wijk,
        complex_name=addr.complex.name if addr.complex else "",
        vhe_code=addr.vhe_code,
        concern_level=ConcernLevel(hh.concern_level),
        next_check_in=hh.next_check_in,
        residents=tuple(
            ResidentView(
                r.id,
                r.name,
                r.birth_year,
                r.phone,
                formal_text(from_columns(r.salutation, r.initials, r.prefix, r.surname)),
            )
            for r in hh.residents
        ),
        visits=tuple(visits),
        concern_history=tuple(
            ConcernView(
                ConcernLevel(c.level),
                ConcernLevel(c.suggested_level) if c.suggested_level else None,
                c.set_at,
                c.next_check_in,
            )
            for c in reversed(hh.concern_history)
        ),
        follow_ups=tuple(
            FollowUpView(f.id, f.description, f.due_on, f.status) for f in hh.follow_ups
        ),
        referrals=tuple(
            ReferralSummary(r.id, r.reference, name, r.status, r.created_at, r.feedback_due)
            for r, name in referrals
        ),
        visited=bool(visits) or hh.last_visit_at is not None,
        anonymised=tombstones.is_anonymised(session, hh.id),
    )


def update_household(session: Session, household_id: str, *, label: str) -> None:
    hh = get_household(session, household_id)
    tombstones.refuse_if_anonymised(session, household_id)
    hh.label = require_text(label, HOUSEHOLD_NAME, "label", 200)


def update_address(
    session: Session,
    address_id: str,
    *,
    street: str,
    number: int,
    addition: str,
    postcode: str,
    city: str,
    wijk: str,
) -> None:
    addr = session.get(Address, address_id)
    if addr is None:
        raise NotFoundError(ADDRESS_GONE)
    # An anonymised household's address is shared by every one of its complex and area.
    for hid in session.scalars(select(Household.id).where(Household.address_id == address_id)):
        tombstones.refuse_if_anonymised(session, hid)
    if number <= 0:
        raise ValidationError(NUMBER_NOT_POSITIVE, field="number")
    guard_fields({"addition": addition, "wijk": wijk}, confirmable=False)
    addr.street = require_text(street, STREET, "street")
    addr.number = number
    addr.addition = addition.strip()
    addr.postcode = normalise_postcode(postcode)
    addr.city = require_text(city, CITY, "city")
    addr.wijk = wijk.strip()


def update_resident(
    session: Session,
    resident_id: str,
    *,
    name: str,
    birth_year: int | None,
    phone: str,
    parts: PersonName | None = None,
) -> None:
    """``parts=None`` keeps the stored name parts."""
    res = session.get(Resident, resident_id)
    if res is None:
        raise NotFoundError(RESIDENT_GONE)
    guard("phone", phone, confirmable=False)
    this_year = local_today(session.info["clock"]).year
    res.name = require_text(name, RESIDENT_NAME, "name", 200)
    res.birth_year = validate_birth_year(birth_year, this_year)
    res.phone = phone.strip()
    if parts is not None:
        res.salutation, res.initials, res.prefix, res.surname = stored(parts)


def remove_resident(session: Session, resident_id: str) -> None:
    res = session.get(Resident, resident_id)
    if res is None:
        raise NotFoundError(RESIDENT_GONE)
    # What names the resident in "verbinden" goes with them (each deletion audited).
    for row in session.scalars(
        select(ConnectOffer).where(ConnectOffer.resident_id == resident_id)
    ).all():
        session.delete(row)
    for intro in session.scalars(
        select(ConnectIntroduction).where(
            or_(
                ConnectIntroduction.resident_id == resident_id,
                ConnectIntroduction.other_resident_id == resident_id,
            )
        )
    ).all():
        session.delete(intro)
    session.flush()
    session.delete(res)


@dataclass(frozen=True, slots=True)
class AddressView:
    id: str
    street: str
    number: int
    addition: str
    postcode: str
    city: str
    wijk: str
    vhe_code: str | None


def address_of(session: Session, household_id: str) -> AddressView:
    a = get_household(session, household_id).address
    return AddressView(a.id, a.street, a.number, a.addition, a.postcode, a.city, a.wijk, a.vhe_code)

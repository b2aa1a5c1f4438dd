"""Staff members and the organisation's own details (letterhead)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.domain.setup import ORGANISATION_NAME, organisation
from waakvlam_desktop.domain.validation import normalise_postcode, require_text
from waakvlam_desktop.errors import NotFoundError
from waakvlam_desktop.storage.models import Complex, Organisation, StaffComplex, StaffMember
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

STAFF_NAME = Message("field.staff_name", QT_TRANSLATE_NOOP("Errors", "The name"))
STAFF_GONE = Message(
    "staff.staff_gone", QT_TRANSLATE_NOOP("Errors", "This staff member does not exist.")
)
NO_ORGANISATION = Message(
    "staff.no_organisation",
    QT_TRANSLATE_NOOP("Errors", "The organisation has not been set up yet."),
)


@dataclass(frozen=True, slots=True)
class StaffView:
    id: str
    name: str
    role: str
    email: str
    phone: str
    active: bool


@dataclass(frozen=True, slots=True)
class OrganisationView:
    id: str
    name: str
    address_line: str
    postcode: str
    city: str
    phone: str
    email: str
    has_logo: bool


def list_staff(session: Session) -> list[StaffView]:
    return [
        StaffView(s.id, s.name, s.role, s.email, s.phone, s.active)
        for s in session.scalars(select(StaffMember).order_by(StaffMember.name))
    ]


def add_staff(session: Session, name: str, role: str = "", email: str = "") -> StaffView:
    member = StaffMember(
        name=require_text(name, STAFF_NAME, "name", 200), role=role.strip(), email=email.strip()
    )
    session.add(member)
    session.flush()
    return StaffView(member.id, member.name, member.role, member.email, member.phone, True)


def update_staff(session: Session, staff_id: str, *, name: str, role: str, email: str) -> None:
    member = session.get(StaffMember, staff_id)
    if member is None:
        raise NotFoundError(STAFF_GONE)
    member.name = require_text(name, STAFF_NAME, "name", 200)
    member.role = role.strip()
    member.email = email.strip()


def organisation_view(session: Session) -> OrganisationView:
    org = organisation(session)
    if org is None:
        raise NotFoundError(NO_ORGANISATION)
    return OrganisationView(
        org.id,
        org.name,
        org.address_line,
        org.postcode,
        org.city,
        org.phone,
        org.email,
        org.logo_png is not None,
    )


def update_organisation(
    session: Session,
    *,
    name: str,
    address_line: str = "",
    postcode: str = "",
    city: str = "",
    phone: str = "",
    email: str = "",
    logo_png: bytes | None = None,
    clear_logo: bool = False,
) -> None:
    org: Organisation | None = organisation(session)
    if org is None:
        raise NotFoundError(NO_ORGANISATION)
    org.name = require_text(name, ORGANISATION_NAME, "name", 200)
    org.address_line = address_line.strip()
    org.postcode = normalise_postcode(postcode) if postcode.strip() else ""
    org.city = city.strip()
    org.phone = phone.strip()
    org.email = email.strip()
    if logo_png is not None:
        org.logo_png = logo_png
    elif clear_logo:
        org.logo_png = None


@dataclass(frozen=True, slots=True)
class ComplexChoice:
    id: str
    name: str
    wijk: str
    mine: bool  # looked after by the staff member asked about


def complexes_of(session: Session, staff_id: str) -> frozenset[str]:
    """The complexes a staff member looks after (Vandaag: "Mijn complexen")."""
    return frozenset(
        session.scalars(select(StaffComplex.complex_id).where(StaffComplex.staff_id == staff_id))
    )


def complex_choices(session: Session, staff_id: str) -> list[ComplexChoice]:
    mine = complexes_of(session, staff_id)
    return [
        ComplexChoice(c.id, c.name, c.wijk, c.id in mine)
        for c in session.scalars(select(Complex).order_by(Complex.name))
    ]


def set_complexes(session: Session, staff_id: str, complex_ids: Iterable[str]) -> None:
    """Assign exactly ``complex_ids`` to a staff member (each change is an audit event)."""
    if session.get(StaffMember, staff_id) is None:
        raise NotFoundError(STAFF_GONE)
    wanted = set(complex_ids)
    current = complexes_of(session, staff_id)
    gone = current - wanted
    if gone:
        for link in session.scalars(
            select(StaffComplex).where(
                StaffComplex.staff_id == staff_id, StaffComplex.complex_id.in_(gone)
            )
        ):
            session.delete(link)
    for cid in sorted(wanted - current):
        session.add(StaffComplex(staff_id=staff_id, complex_id=cid))
    session.flush()

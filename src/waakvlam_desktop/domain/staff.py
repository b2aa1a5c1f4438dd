"""Staff members and the organisation's own details (letterhead)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.domain.address_import.reading import normalise_header, read_csv
from waakvlam_desktop.domain.setup import ORGANISATION_NAME, organisation
from waakvlam_desktop.domain.validation import normalise_postcode, require_text
from waakvlam_desktop.errors import ImportFileError, NotFoundError, ValidationError
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


def add_staff(
    session: Session, name: str, role: str = "", email: str = "", phone: str = ""
) -> StaffView:
    member = StaffMember(
        name=require_text(name, STAFF_NAME, "name", 200),
        role=role.strip(),
        email=email.strip(),
        phone=phone.strip(),
    )
    session.add(member)
    session.flush()
    return StaffView(member.id, member.name, member.role, member.email, member.phone, True)


def update_staff(
    session: Session,
    staff_id: str,
    *,
    name: str,
    role: str,
    email: str,
    phone: str | None = None,
) -> None:
    """``phone=None`` keeps the stored phone number."""
    member = session.get(StaffMember, staff_id)
    if member is None:
        raise NotFoundError(STAFF_GONE)
    member.name = require_text(name, STAFF_NAME, "name", 200)
    member.role = role.strip()
    member.email = email.strip()
    if phone is not None:
        member.phone = phone.strip()


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


STAFF_COLUMNS = ("medewerker", "beheerder", "naam", "staff", "staff member")
COMPLEX_COLUMNS = ("complexnummer", "complexcode", "complex code", "complex")
COLUMNS_MISSING = Message(
    "staff.import_columns_missing",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The file needs a column 'medewerker' (the name as under Settings) and a column"
        " 'complex' (its code or name).",
    ),
)
UNKNOWN_STAFF_LINE = Message(
    "staff.import_unknown_staff",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Line {line}: there is no staff member '{name}' (add them under Settings first)."
        " Nothing was imported.",
    ),
)
UNKNOWN_COMPLEX_LINE = Message(
    "staff.import_unknown_complex",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Line {line}: there is no complex '{name}' (import the addresses first). Nothing was"
        " imported.",
    ),
)


@dataclass(frozen=True, slots=True)
class AssignmentImport:
    rows: int
    added: int  # assignments that were not there yet


def import_staff_complexes(
    session: Session, data: bytes, *, dry_run: bool = False
) -> AssignmentImport:
    """Who looks after which complex, from a CSV file (columns "medewerker" and "complex":
    its code or name). Adds to what is there; all or nothing."""
    table = read_csv(data)
    heads = [normalise_header(c) for c in table.columns]

    def column(names: tuple[str, ...]) -> int | None:
        for name in names:
            if normalise_header(name) in heads:
                return heads.index(normalise_header(name))
        return None

    who, which = column(STAFF_COLUMNS), column(COMPLEX_COLUMNS)
    if who is None or which is None or who == which:
        raise ImportFileError(COLUMNS_MISSING)
    members = {m.name.casefold(): m.id for m in session.scalars(select(StaffMember))}
    complexes: dict[str, str] = {}
    for c in session.scalars(select(Complex)):
        complexes[c.name.casefold()] = c.id
        if c.code:
            complexes[c.code.casefold()] = c.id
    wanted: set[tuple[str, str]] = set()
    for line, cells in table.rows:
        name = cells[who] if who < len(cells) else ""
        cpx = cells[which] if which < len(cells) else ""
        if not name and not cpx:
            continue
        if name.casefold() not in members:
            raise ValidationError(UNKNOWN_STAFF_LINE, field="medewerker", line=line, name=name)
        if cpx.casefold() not in complexes:
            raise ValidationError(UNKNOWN_COMPLEX_LINE, field="complex", line=line, name=cpx)
        wanted.add((members[name.casefold()], complexes[cpx.casefold()]))
    existing = set(session.execute(select(StaffComplex.staff_id, StaffComplex.complex_id)).all())
    new = sorted(wanted - existing)
    if not dry_run:
        for staff_id, complex_id in new:
            session.add(StaffComplex(staff_id=staff_id, complex_id=complex_id))
        session.flush()
    return AssignmentImport(rows=len(wanted), added=len(new))

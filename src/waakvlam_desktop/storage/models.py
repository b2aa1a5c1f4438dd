"""SQLAlchemy 2 models of the vault.

Every record has a UUID key (text in Python, 16 bytes in the vault since 0019:
``storage/ids.py``), created/updated timestamps (UTC) and the staff member who created or
last changed it. There is deliberately no BSN field anywhere.

Unlike the other modules this one has no ``from __future__ import annotations``: with it
every ``Mapped[...]`` is a string that SQLAlchemy evaluates when it maps the class, which
made importing this module and configuring its mappers 16 ms slower, on the start's
longest path (#16). A relationship names its target in quotes (``Mapped["Household"]``,
``Mapped[list["Visit"]]``), the only form that works for a class defined further down.
"""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql.util import find_tables

from waakvlam_desktop.storage.ids import RecordId

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def street_line(street: str, number: int, addition: str) -> str:
    """``Kerkstraat 12-B`` style street line (the one way an address is written on a line)."""
    extra = f"-{addition}" if addition else ""
    return f"{street} {number}{extra}"


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Record(Base):
    """Columns every domain record carries. Timestamps and authors are set on flush."""

    __abstract__ = True

    id: Mapped[str] = mapped_column(RecordId, primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str | None] = mapped_column(RecordId)
    updated_by: Mapped[str | None] = mapped_column(RecordId)


class Setting(Base):
    """Key/value settings stored inside the vault (organisation-wide). Values are JSON."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Organisation(Record):
    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(200))
    address_line: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(7), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary)


class StaffMember(Record):
    __tablename__ = "staff_member"

    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class StaffComplex(Base):
    """A complex a staff member looks after: Vandaag's "Mijn complexen"."""

    __tablename__ = "staff_complex"

    staff_id: Mapped[str] = mapped_column(
        ForeignKey("staff_member.id", ondelete="CASCADE"), primary_key=True
    )
    complex_id: Mapped[str] = mapped_column(
        ForeignKey("complex.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Complex(Record):
    __tablename__ = "complex"

    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str | None] = mapped_column(String(50), unique=True)
    wijk: Mapped[str] = mapped_column(String(100), default="")

    addresses: Mapped[list["Address"]] = relationship(back_populates="complex")


class Address(Record):
    __tablename__ = "address"
    __table_args__ = (Index("ix_address_postcode_number", "postcode", "number"),)

    complex_id: Mapped[str | None] = mapped_column(ForeignKey("complex.id"), index=True)
    vhe_code: Mapped[str | None] = mapped_column(String(50), unique=True)
    street: Mapped[str] = mapped_column(String(200))
    number: Mapped[int] = mapped_column(Integer)
    addition: Mapped[str] = mapped_column(String(20), default="")
    postcode: Mapped[str] = mapped_column(String(7))
    city: Mapped[str] = mapped_column(String(100))
    wijk: Mapped[str] = mapped_column(String(100), default="")

    complex: Mapped["Complex | None"] = relationship(back_populates="addresses")
    households: Mapped[list["Household"]] = relationship(back_populates="address")

    @property
    def line(self) -> str:
        """``Kerkstraat 12-B`` style street line."""
        return street_line(self.street, self.number, self.addition)


def names_address(*clauses: ColumnElement[Any]) -> bool:
    """Whether any of ``clauses`` refers to the address table. A query over households
    (or their follow-ups) joins the addresses only then: every household has one, so a
    count whose conditions do not name it needs no join, which saves a lookup per row
    (#16)."""
    return any(Address.__table__ in find_tables(c, check_columns=True) for c in clauses)


class Household(Record):
    __tablename__ = "household"
    # Vandaag's overdue check-ins, one level at a time in date order: the first rows are
    # read without sorting every overdue household, and counted from the index (#16). It
    # starts with the level, so the check-ins due soon (a date range of every level) keep
    # ix_household_next_check_in; and it serves what an index on the level alone did.
    __table_args__ = (Index("ix_household_level_due", "concern_level", "next_check_in", "status"),)

    address_id: Mapped[str] = mapped_column(ForeignKey("address.id"), index=True)
    label: Mapped[str] = mapped_column(String(200))  # "fam. Jansen", "mw. Öztürk"
    status: Mapped[str] = mapped_column(String(20), default="open")
    closed_on: Mapped[date | None] = mapped_column(Date)
    review_on: Mapped[date | None] = mapped_column(Date)
    # Denormalised from the newest ConcernLevelEntry, for fast lists and the Vandaag view.
    concern_level: Mapped[str] = mapped_column(String(20), default="geen")
    next_check_in: Mapped[date | None] = mapped_column(Date, index=True)
    last_visit_at: Mapped[datetime | None] = mapped_column(DateTime)

    address: Mapped["Address"] = relationship(back_populates="households")
    residents: Mapped[list["Resident"]] = relationship(
        back_populates="household", cascade="all, delete-orphan", order_by="Resident.name"
    )
    visits: Mapped[list["Visit"]] = relationship(
        back_populates="household", cascade="all, delete-orphan", order_by="Visit.visited_at"
    )
    concern_history: Mapped[list["ConcernLevelEntry"]] = relationship(
        back_populates="household",
        cascade="all, delete-orphan",
        order_by="ConcernLevelEntry.set_at",
    )
    follow_ups: Mapped[list["FollowUp"]] = relationship(
        back_populates="household", cascade="all, delete-orphan", order_by="FollowUp.due_on"
    )


class Resident(Record):
    __tablename__ = "resident"

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    birth_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(50), default="")
    # How a letter addresses the resident (0010): aanhef, voorletters, tussenvoegsel,
    # achternaam; empty parts fall back to the name as typed.
    salutation: Mapped[str] = mapped_column(String(10), default="", server_default="")
    initials: Mapped[str] = mapped_column(String(20), default="", server_default="")
    prefix: Mapped[str] = mapped_column(String(30), default="", server_default="")
    surname: Mapped[str] = mapped_column(String(200), default="", server_default="")

    household: Mapped["Household"] = relationship(back_populates="residents")


class VisitResident(Base):
    __tablename__ = "visit_resident"
    # Only its key: without a rowid the table is its primary-key index (since 0016).
    __table_args__ = {"sqlite_with_rowid": False}

    visit_id: Mapped[str] = mapped_column(
        ForeignKey("visit.id", ondelete="CASCADE"), primary_key=True
    )
    resident_id: Mapped[str] = mapped_column(
        ForeignKey("resident.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Visit(Record):
    __tablename__ = "visit"
    # Covering index for the Overzicht (visits and signals per month, per complex/wijk):
    # a 12-month window is read from the index alone, without the wide visit rows.
    __table_args__ = (
        Index("ix_visit_visited_at_cover", "visited_at", "address_id", "household_id", "id"),
    )

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    address_id: Mapped[str] = mapped_column(ForeignKey("address.id"), index=True)
    # No index (dropped in 0016): no query looks rows up by staff member, and staff members
    # are never deleted (so no foreign-key check needs one either).
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff_member.id"))
    # Not indexed on its own: ix_visit_visited_at_cover starts with it (dropped in 0016).
    visited_at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(20))
    notes: Mapped[str] = mapped_column(Text, default="")

    household: Mapped["Household"] = relationship(back_populates="visits")
    observations: Mapped[list["SignalObservation"]] = relationship(
        back_populates="visit", cascade="all, delete-orphan"
    )
    residents_present: Mapped[list["Resident"]] = relationship(secondary="visit_resident")


class VisitCorrection(Record):
    """A correction of a saved visit's note: the note as it was is kept here."""

    __tablename__ = "visit_correction"

    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), index=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    notes_before: Mapped[str] = mapped_column(Text)
    notes_after: Mapped[str] = mapped_column(Text)
    corrected_at: Mapped[datetime] = mapped_column(DateTime)
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff_member.id"), index=True)


class ChecklistTemplate(Record):
    __tablename__ = "checklist_template"
    __table_args__ = (UniqueConstraint("name", "version"),)

    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(50))
    source_sha256: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    domains: Mapped[list["ChecklistDomain"]] = relationship(
        back_populates="template", order_by="ChecklistDomain.position"
    )
    items: Mapped[list["ChecklistItem"]] = relationship(
        back_populates="template", order_by="ChecklistItem.position"
    )


class ChecklistDomain(Record):
    __tablename__ = "checklist_domain"
    __table_args__ = (UniqueConstraint("template_id", "code"),)

    template_id: Mapped[str] = mapped_column(ForeignKey("checklist_template.id"), index=True)
    code: Mapped[str] = mapped_column(String(50))
    label_nl: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)

    template: Mapped["ChecklistTemplate"] = relationship(back_populates="domains")


class ChecklistItem(Record):
    __tablename__ = "checklist_item"
    __table_args__ = (UniqueConstraint("template_id", "code"),)

    template_id: Mapped[str] = mapped_column(ForeignKey("checklist_template.id"), index=True)
    code: Mapped[str] = mapped_column(String(100))
    domain: Mapped[str] = mapped_column(String(50))
    label_nl: Mapped[str] = mapped_column(String(300))
    label_en: Mapped[str] = mapped_column(String(300))
    guidance_nl: Mapped[str] = mapped_column(Text, default="")
    guidance_en: Mapped[str] = mapped_column(Text, default="")
    acute: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer)

    template: Mapped["ChecklistTemplate"] = relationship(back_populates="items")


class SignalObservation(Record):
    __tablename__ = "signal_observation"
    # Covering index for signals per domain: visit → checklist item without the rows.
    __table_args__ = (
        Index("ix_signal_observation_visit_item", "visit_id", "item_id"),
        # Vandaag looks for acute signs never answered (recorded before 0011): with this
        # partial index it reads only those, not every observation of an acute item.
        Index(
            "ix_signal_observation_unanswered",
            "item_id",
            sqlite_where=text("acute_response IS NULL"),
        ),
        # Overzicht's signs per domain per month, counted from this index alone (0020).
        Index("ix_signal_observation_month_item", "visit_month", "item_id"),
    )

    # visit_id: ix_signal_observation_visit_item starts with it (its own index dropped in 0016).
    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"))
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("checklist_item.id"), index=True)
    severity: Mapped[int] = mapped_column(Integer)
    remark: Mapped[str] = mapped_column(Text, default="")
    # What was done about an acute sign ("Veilig Thuis gebeld"); "" = not yet (an action
    # due today was made); None = never asked (recorded before revision 0011).
    acute_response: Mapped[str | None] = mapped_column(Text)
    # The visit's year and month as YYYYMM (202611): derived, kept by triggers on every
    # path; the app never writes it (storage/signal_months.py).
    visit_month: Mapped[int | None] = mapped_column(Integer)

    visit: Mapped["Visit"] = relationship(back_populates="observations")
    item: Mapped["ChecklistItem"] = relationship()


class ConcernLevelEntry(Record):
    __tablename__ = "concern_level_entry"

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"), index=True)
    level: Mapped[str] = mapped_column(String(20))
    suggested_level: Mapped[str | None] = mapped_column(String(20))
    set_at: Mapped[datetime] = mapped_column(DateTime)
    next_check_in: Mapped[date] = mapped_column(Date)
    # No index (dropped in 0016): no query looks rows up by staff member, and staff members
    # are never deleted (so no foreign-key check needs one either).
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff_member.id"))

    household: Mapped["Household"] = relationship(back_populates="concern_history")


class AnonymisedVisits(Base):
    """What an anonymised household's visits leave behind (0022, #16): how many there were
    in each month. The month is Dutch time, as the aggregate export's periods are."""

    __tablename__ = "anonymised_visits"
    __audit__ = False  # written by retention's Core statements; its purge event has the counts
    # Only its key: read per month (every statistic asks for a range of months).
    __table_args__ = {"sqlite_with_rowid": False}

    month: Mapped[int] = mapped_column(Integer, primary_key=True)  # YYYYMM
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), primary_key=True)
    visits: Mapped[int] = mapped_column(Integer)


class AnonymisedSigns(Base):
    """What an anonymised household's observed signs leave behind (0022, #16): how many
    there were per month (of their visit, Dutch time) and checklist domain."""

    __tablename__ = "anonymised_signs"
    __audit__ = False  # written by retention's Core statements; its purge event has the counts
    __table_args__ = {"sqlite_with_rowid": False}

    month: Mapped[int] = mapped_column(Integer, primary_key=True)  # YYYYMM
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), primary_key=True)
    domain: Mapped[str] = mapped_column(String(50), primary_key=True)
    signs: Mapped[int] = mapped_column(Integer)


class AnonymisedLevels(Base):
    """What an anonymised household's concern-level history leaves behind (0022, #16): its
    level at the end of each month (Dutch time) in which it was set, for the first month
    and each month the level changed."""

    __tablename__ = "anonymised_levels"
    __audit__ = False  # written by retention's Core statements; its purge event has the counts
    __table_args__ = {"sqlite_with_rowid": False}

    month: Mapped[int] = mapped_column(Integer, primary_key=True)  # YYYYMM
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), primary_key=True)
    level: Mapped[str] = mapped_column(String(20))


class FollowUp(Record):
    __tablename__ = "follow_up"
    # Vandaag's open actions (#16): those not tied to a sign in date order, so the first
    # rows are read without sorting every open action, and counted without reading the
    # rows; those tied to an acute sign found by status and sign. It serves what an index
    # on the status alone did.
    __table_args__ = (Index("ix_follow_up_open", "status", "signal_id", "due_on", "household_id"),)

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="open")
    assignee_id: Mapped[str | None] = mapped_column(ForeignKey("staff_member.id"), index=True)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Set when the action follows up an acute sign: it stays first on Vandaag until done.
    signal_id: Mapped[str | None] = mapped_column(RecordId, index=True)

    household: Mapped["Household"] = relationship(back_populates="follow_ups")


class NeighbourhoodEventPartner(Base):
    """A partner involved in a neighbourhood event (0014)."""

    __tablename__ = "neighbourhood_event_partner"

    event_id: Mapped[str] = mapped_column(
        ForeignKey("neighbourhood_event.id", ondelete="CASCADE"), primary_key=True
    )
    partner_id: Mapped[str] = mapped_column(
        ForeignKey("partner.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class NeighbourhoodEvent(Record):
    """Something that happened at the level of a complex ("Buurt", 0014): an incident, a
    residents' evening, a clean-up. The note is free text about the complex, never about a
    named resident; the kind is a code of ``resources/neighbourhood/neighbourhood.json``."""

    __tablename__ = "neighbourhood_event"
    __table_args__ = (Index("ix_neighbourhood_event_complex_day", "complex_id", "occurred_on"),)

    complex_id: Mapped[str] = mapped_column(ForeignKey("complex.id"))
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff_member.id"), index=True)

    # Read only: links are written as NeighbourhoodEventPartner rows, so each is audited.
    partners: Mapped[list["Partner"]] = relationship(
        secondary="neighbourhood_event_partner", order_by="Partner.name", viewonly=True
    )
    signals: Mapped[list["NeighbourhoodSignal"]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )
    actions: Mapped[list["NeighbourhoodAction"]] = relationship(back_populates="event")


class NeighbourhoodSignal(Record):
    """A complex-level sign (``resources/checklist/buurtsignalen.json``) noted with an event."""

    __tablename__ = "neighbourhood_signal"

    event_id: Mapped[str] = mapped_column(ForeignKey("neighbourhood_event.id"), index=True)
    complex_id: Mapped[str] = mapped_column(ForeignKey("complex.id"), index=True)
    code: Mapped[str] = mapped_column(String(100))
    severity: Mapped[int] = mapped_column(Integer)

    event: Mapped["NeighbourhoodEvent"] = relationship(back_populates="signals")


class NeighbourhoodAction(Record):
    """A follow-up at complex level. Its own table, not ``follow_up``: a follow-up belongs
    to a household everywhere it is read (Vandaag, retention, inzage, handover)."""

    __tablename__ = "neighbourhood_action"

    complex_id: Mapped[str] = mapped_column(ForeignKey("complex.id"), index=True)
    event_id: Mapped[str | None] = mapped_column(ForeignKey("neighbourhood_event.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    assignee_id: Mapped[str | None] = mapped_column(ForeignKey("staff_member.id"), index=True)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)

    event: Mapped["NeighbourhoodEvent | None"] = relationship(back_populates="actions")


class ConnectOffer(Record):
    """What a resident could offer or would like ("verbinden", 0014), kept only with their
    consent (recorded like a referral's: verbal or written, with its date). Withdrawing the
    consent deletes the resident's offers at once."""

    __tablename__ = "connect_offer"

    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    direction: Mapped[str] = mapped_column(String(10))  # "aanbod" or "wens"
    approach: Mapped[str] = mapped_column(Text, default="")  # how to approach them
    consent_form: Mapped[str] = mapped_column(String(20))  # ConsentForm
    consent_date: Mapped[date] = mapped_column(Date)


class ConnectIntroduction(Record):
    """Two residents introduced to each other: who, when, how it went (0014)."""

    __tablename__ = "connect_introduction"

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    other_household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    other_resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    introduced_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(Text, default="")
    # The follow-up made to ask how it went (a household's ``follow_up``), if any.
    follow_up_id: Mapped[str | None] = mapped_column(RecordId, index=True)


class MeetingPartner(Base):
    """A partner taking part in a case conference (0015)."""

    __tablename__ = "meeting_partner"

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True
    )
    partner_id: Mapped[str] = mapped_column(
        ForeignKey("partner.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Meeting(Record):
    """A case conference (casusoverleg, 0015): a day, a place and the partners at the
    table. Names no household: its agenda items and agreements do."""

    __tablename__ = "meeting"

    held_on: Mapped[date] = mapped_column(Date, index=True)
    place: Mapped[str] = mapped_column(Text, default="")
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff_member.id"), index=True)

    # Read only: links are written as MeetingPartner rows, so each is audited.
    partners: Mapped[list["Partner"]] = relationship(
        secondary="meeting_partner", order_by="Partner.name", viewonly=True
    )


class MeetingHousehold(Record):
    """A household on a meeting's agenda (0015): what was decided about it, and whether it
    was marked solved there. It comes back on every next agenda until it is solved."""

    __tablename__ = "meeting_household"
    __table_args__ = (UniqueConstraint("meeting_id", "household_id"),)

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    decision: Mapped[str] = mapped_column(Text, default="")
    solved_on: Mapped[date | None] = mapped_column(Date)


class MeetingAction(Record):
    """An agreement made at a meeting about a household (0015): who does what by when.
    The owner is a staff member or a partner (exactly one of the two)."""

    __tablename__ = "meeting_action"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    owner_staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff_member.id"), index=True)
    owner_partner_id: Mapped[str | None] = mapped_column(ForeignKey("partner.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)


class Partner(Record):
    __tablename__ = "partner"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(50))
    # The contact person as typed before 0010; letters use it only when the parts are empty.
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    # The contact person in parts (0010): aanhef (heer, mevrouw, neutraal or ""),
    # voorletters, tussenvoegsel, achternaam.
    contact_salutation: Mapped[str] = mapped_column(String(10), default="", server_default="")
    contact_initials: Mapped[str] = mapped_column(String(20), default="", server_default="")
    contact_prefix: Mapped[str] = mapped_column(String(30), default="", server_default="")
    contact_surname: Mapped[str] = mapped_column(String(200), default="", server_default="")
    address_line: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(7), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    age_recipients: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of age1…
    profile: Mapped[str] = mapped_column(String(20), default="case")
    schedule: Mapped[str] = mapped_column(String(20), default="none")
    # Per-partner secret for HMAC pseudonyms of household ids in exports.
    pseudonym_secret: Mapped[bytes] = mapped_column(LargeBinary)


class ReferralSignal(Base):
    __tablename__ = "referral_signal"

    referral_id: Mapped[str] = mapped_column(
        ForeignKey("referral.id", ondelete="CASCADE"), primary_key=True
    )
    observation_id: Mapped[str] = mapped_column(
        ForeignKey("signal_observation.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ReferralResident(Base):
    """A resident the referral concerns ("betrokken bewoner")."""

    __tablename__ = "referral_resident"

    referral_id: Mapped[str] = mapped_column(
        ForeignKey("referral.id", ondelete="CASCADE"), primary_key=True
    )
    resident_id: Mapped[str] = mapped_column(
        ForeignKey("resident.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Referral(Record):
    __tablename__ = "referral"

    reference: Mapped[str] = mapped_column(String(30), unique=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    partner_id: Mapped[str] = mapped_column(ForeignKey("partner.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    letter_context: Mapped[str] = mapped_column(Text, default="")
    grondslag: Mapped[str] = mapped_column(String(30))  # GrondslagKind
    consent_form: Mapped[str | None] = mapped_column(String(20))  # ConsentForm
    consent_date: Mapped[date | None] = mapped_column(Date)
    basis_text: Mapped[str] = mapped_column(Text, default="")
    contact_staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff_member.id"))
    feedback_due: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="concept", index=True)
    letter_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Withdrawal of the resident's consent (only for grondslag "toestemming").
    consent_withdrawn_on: Mapped[date | None] = mapped_column(Date)
    consent_withdrawal_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Part of the consent: the resident agreed to be phoned by the partner. Without it the
    # phone number never leaves the vault.
    consent_may_call: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    household: Mapped["Household"] = relationship()
    partner: Mapped["Partner"] = relationship()
    signals: Mapped[list["SignalObservation"]] = relationship(secondary="referral_signal")
    # "Betrokken bewoners": the residents this referral is about (only they are shared).
    concerns: Mapped[list["Resident"]] = relationship(secondary="referral_resident")
    history: Mapped[list["ReferralStatusEvent"]] = relationship(
        back_populates="referral", cascade="all, delete-orphan", order_by="ReferralStatusEvent.at"
    )


class ReferralStatusEvent(Record):
    __tablename__ = "referral_status_event"

    referral_id: Mapped[str] = mapped_column(ForeignKey("referral.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")

    referral: Mapped["Referral"] = relationship(back_populates="history")


class HashBytes(TypeDecorator[str]):
    """A SHA-256 hash: 32 bytes in the vault (since 0016), 64 hex characters everywhere else.

    Reads text too: a hash written as hex by raw SQL is returned as it is, so the chain
    checks it like any other (and a changed one still fails)."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Any) -> bytes | None:
        return None if value is None else bytes.fromhex(value)

    def process_result_value(self, value: Any, dialect: Any) -> str | None:
        if value is None or isinstance(value, str):
            return value
        return bytes(value).hex()


class AuditEvent(Base):
    """Append-only, hash-chained log. ``detail`` never holds personal data.

    Only ``household_id`` is indexed (the inzage and the consent history look events up by
    household); the viewer's other filters walk the log from its newest event (0016)."""

    __tablename__ = "audit_event"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str | None] = mapped_column(RecordId)
    action: Mapped[str] = mapped_column(String(30))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str | None] = mapped_column(RecordId)
    household_id: Mapped[str | None] = mapped_column(RecordId, index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(HashBytes)
    hash: Mapped[str] = mapped_column(HashBytes)


class AuditCheckpoint(Base):
    """Events 1..``seq`` replaced at the end of the audit term (since 0016): the head they
    ended in, how many there were per action (cumulative over earlier checkpoints), signed
    with the vault's Ed25519 key (``signing_key``). Append-only like the log."""

    __tablename__ = "audit_checkpoint"
    __audit__ = False  # written with the "checkpoint" event of storage/audit.py instead

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    made_at: Mapped[datetime] = mapped_column(DateTime)
    before: Mapped[datetime] = mapped_column(DateTime)  # events before this were replaced
    hash: Mapped[str] = mapped_column(HashBytes)  # the hash of event ``seq``
    counts: Mapped[str] = mapped_column(Text)  # JSON {action: events}
    key_id: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class Draft(Record):
    """An unsaved editor (a home visit, a referral or partner form) kept safe in the vault,
    not in memory.

    Autosaved every few seconds, so changes to drafts are not audit events; the visit that
    is finally recorded is.
    """

    __tablename__ = "draft"
    __audit__ = False

    kind: Mapped[str] = mapped_column(String(20))  # "visit", "referral", "partner"
    # None: a form about no household (a new partner), since revision 0011.
    household_id: Mapped[str | None] = mapped_column(ForeignKey("household.id"), index=True)
    payload_json: Mapped[str] = mapped_column(Text)


class SigningKey(Record):
    """The organisation's Ed25519 signing key for export bundles (kept only in the vault)."""

    __tablename__ = "signing_key"

    algorithm: Mapped[str] = mapped_column(String(20), default="ed25519")
    key_id: Mapped[str] = mapped_column(String(64), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    private_key: Mapped[bytes] = mapped_column(LargeBinary)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ExportRecord(Record):
    """One export bundle made: the history behind 'due exports' and the sequence numbers."""

    __tablename__ = "export_record"
    __table_args__ = (UniqueConstraint("partner_id", "sequence"),)

    partner_id: Mapped[str] = mapped_column(ForeignKey("partner.id"), index=True)
    partner_name: Mapped[str] = mapped_column(String(200))
    profile: Mapped[str] = mapped_column(String(20))
    period_label: Mapped[str] = mapped_column(String(10), index=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    sequence: Mapped[int] = mapped_column(Integer)
    bundle_id: Mapped[str] = mapped_column(RecordId, unique=True)
    bundle_sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    signing_key_id: Mapped[str] = mapped_column(String(64))
    counts_json: Mapped[str] = mapped_column(Text, default="{}")
    exclusions_json: Mapped[str] = mapped_column(Text, default="{}")
    exported_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class Colleague(Record):
    """A colleague whose handover bundles this vault accepts: their pinned signing key."""

    __tablename__ = "colleague"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    key_id: Mapped[str] = mapped_column(String(64), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    last_import_at: Mapped[datetime | None] = mapped_column(DateTime)


class Tombstone(Base):
    """What an erasure removed: the record's id, what was erased and when. No personal data.

    ``entity`` is ``household`` or ``referral``; ``what`` is ``anonymised``, a retention
    category (``visit_notes``, ``signals``, ``referrals``) or ``consent_withdrawn``.
    Since 0023 keyed by what it covers, without rowid or other index (#16): every lookup
    is by ``entity_id``.
    """

    __tablename__ = "tombstone"
    __table_args__ = {"sqlite_with_rowid": False}

    entity_id: Mapped[str] = mapped_column(RecordId, primary_key=True)
    what: Mapped[str] = mapped_column(String(30), primary_key=True)
    entity: Mapped[str] = mapped_column(String(30), primary_key=True)
    erased_at: Mapped[datetime] = mapped_column(DateTime)
    # Never personal data: for ``consent_withdrawn`` the withdrawal day (YYYY-MM-DD).
    detail: Mapped[str] = mapped_column(String(30), default="")


class ImportBase(Base):
    """Per colleague and row: a digest of the row as last imported from that colleague
    (the common ancestor of a three-way merge). No personal data: a truncated SHA-256."""

    __tablename__ = "import_base"
    __audit__ = False

    colleague_id: Mapped[str] = mapped_column(
        ForeignKey("colleague.id", ondelete="CASCADE"), primary_key=True
    )
    row_id: Mapped[str] = mapped_column(RecordId, primary_key=True)
    digest: Mapped[str] = mapped_column(String(32))


class ExportHousehold(Base):
    """A household whose data one case bundle carried (AVG art. 15: the recipients)."""

    __tablename__ = "export_household"
    __audit__ = False  # the export itself is one audit event; these rows are its detail

    export_id: Mapped[str] = mapped_column(
        ForeignKey("export_record.id", ondelete="CASCADE"), primary_key=True
    )
    household_id: Mapped[str] = mapped_column(
        ForeignKey("household.id"), primary_key=True, index=True
    )


class ExportReferral(Base):
    """A referral one case bundle carried, with the status it carried (final rows once)."""

    __tablename__ = "export_referral"
    __audit__ = False

    export_id: Mapped[str] = mapped_column(
        ForeignKey("export_record.id", ondelete="CASCADE"), primary_key=True
    )
    referral_id: Mapped[str] = mapped_column(
        ForeignKey("referral.id"), primary_key=True, index=True
    )
    status: Mapped[str] = mapped_column(String(20))


class ErasureRequest(Record):
    """A request to a partner to erase what it received about a household (AVG art. 17/19).

    Made when consent is withdrawn or retention anonymises the household; it travels in the
    next bundle to that partner (``export_id`` then names that bundle) and never again.
    """

    __tablename__ = "erasure_request"

    partner_id: Mapped[str] = mapped_column(ForeignKey("partner.id"), index=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    pseudonym: Mapped[str] = mapped_column(String(64))
    kenmerken: Mapped[str] = mapped_column(Text, default="")  # references, comma-separated
    requested_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(40))  # ErasureReason
    export_id: Mapped[str | None] = mapped_column(ForeignKey("export_record.id"), index=True)


class ReplyIdentity(Record):
    """The age identity partners encrypt their feedback replies to (0013). Its recipient
    (``age1…``) travels in every export bundle's manifest; the secret never leaves the
    vault."""

    __tablename__ = "reply_identity"

    recipient: Mapped[str] = mapped_column(String(100), unique=True)
    identity: Mapped[str] = mapped_column(Text)  # AGE-SECRET-KEY-1…
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PartnerSigningKey(Record):
    """A partner's pinned Ed25519 key: feedback replies must be signed with it (0013)."""

    __tablename__ = "partner_signing_key"

    partner_id: Mapped[str] = mapped_column(ForeignKey("partner.id"), unique=True)
    key_id: Mapped[str] = mapped_column(String(64))
    public_key: Mapped[bytes] = mapped_column(LargeBinary)


class FeedbackReply(Record):
    """A feedback reply read in (0013): its id is accepted once (replay)."""

    __tablename__ = "feedback_reply"

    reply_id: Mapped[str] = mapped_column(RecordId, unique=True)
    partner_id: Mapped[str] = mapped_column(ForeignKey("partner.id"), index=True)
    bundle_id: Mapped[str] = mapped_column(RecordId, index=True)
    replied_at: Mapped[datetime] = mapped_column(DateTime)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    items: Mapped[int] = mapped_column(Integer)

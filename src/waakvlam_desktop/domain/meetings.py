"""The case conference (casusoverleg, issue #18 C): "we gaan niet uit elkaar voordat we een
oplossing gevonden hebben".

A meeting has a day, a place and the partners at the table. Households go on its agenda;
during the meeting agreements are made as actions (who — a staff member or a partner —
does what, by when, for which household), decisions are written down as text, and a
household can be marked solved ("opgelost"). A household stays on every next agenda until
it is solved: planning a meeting carries over every household still open on an earlier
one, and adding a household to a meeting adds it to the later meetings already planned.

What each participant sees of a household is decided in one place: the grondslag is
judged by ``domain/consent.py`` (as for a case bundle, on the day of the meeting) and what
follows from it by ``domain/disclosure.py`` (``Disclosure.meeting_view``): with a
grondslag the name and address as the case profile shares them for the partner's type;
without one a code (``meeting_pseudonym``, the partner's own, not the bundle pseudonym)
with the signals in words, or nothing. With a grondslag the signals and residents are
those of the partner's valid referrals, as in a case bundle. :func:`participant_view`
applies it; the agenda and the minutes PDFs (``documents/meeting.py``) print only what it
returns.

Every change is audited by the session hooks (the tables); every agenda and minutes
printed is an audit event per household it shows (:func:`record_printed`).

Everything returned is plain data (frozen dataclasses): the GUI reads it in a worker.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import local_today
from waakvlam_desktop.domain.bsn import find_bsn_like
from waakvlam_desktop.domain.consent import GrondslagReport, grondslag_report
from waakvlam_desktop.domain.disclosure import MEETING_FULL, MeetingView, load_disclosure
from waakvlam_desktop.domain.households import NO_SUCH_HOUSEHOLD
from waakvlam_desktop.domain.letters import OrganisationInfo, organisation_info
from waakvlam_desktop.domain.partners import partner_by_name
from waakvlam_desktop.domain.types import FollowUpStatus, Severity, severity_label
from waakvlam_desktop.domain.validation import require_text
from waakvlam_desktop.errors import NotFoundError, TransitionError, ValidationError
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.models import (
    Address,
    ChecklistItem,
    Household,
    Meeting,
    MeetingAction,
    MeetingHousehold,
    MeetingPartner,
    Partner,
    Referral,
    ReferralResident,
    ReferralSignal,
    Resident,
    SignalObservation,
    StaffMember,
    street_line,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

PLACE = Message("field.meeting_place", QT_TRANSLATE_NOOP("Errors", "The place"))
AGREEMENT = Message("field.agreement", QT_TRANSLATE_NOOP("Errors", "The agreement"))
DECISION = Message("field.decision", QT_TRANSLATE_NOOP("Errors", "The decision"))
NO_SUCH_MEETING = Message(
    "meeting.not_found", QT_TRANSLATE_NOOP("Errors", "There is no meeting {meeting}.")
)
AMBIGUOUS_MEETING = Message(
    "meeting.ambiguous",
    QT_TRANSLATE_NOOP("Errors", "There are several meetings on {meeting}: use the meeting's id."),
)
NO_PARTNERS = Message(
    "meeting.no_partners",
    QT_TRANSLATE_NOOP("Errors", "A meeting needs at least one participating partner."),
)
NOT_ON_AGENDA = Message(
    "meeting.not_on_agenda",
    QT_TRANSLATE_NOOP("Errors", "Household {id} is not on the agenda of this meeting."),
)
NOT_A_PARTICIPANT = Message(
    "meeting.not_a_participant",
    QT_TRANSLATE_NOOP("Errors", "{name} does not take part in this meeting."),
)
NO_SUCH_OWNER = Message(
    "meeting.no_such_owner",
    QT_TRANSLATE_NOOP("Errors", "{name} is neither a staff member nor a partner at this meeting."),
)
ALREADY_SOLVED = Message(
    "meeting.already_solved",
    QT_TRANSLATE_NOOP("Errors", "Household {id} was already marked solved at this meeting."),
)

TEXT_MAX = 2000
SIGNAL_MONTHS = 12  # the signals "in words" on an agenda: those of the last year

AGENDA = "agenda"
MINUTES = "verslag"
# The audit actions of printing (module-level names: tests/unit/test_audit_labels.py).
AGENDA_ACTION = "meeting_agenda"
MINUTES_ACTION = "meeting_minutes"


# ---- finding -------------------------------------------------------------------------------
def get_meeting(session: Session, ident: str) -> Meeting:
    """A meeting by id, or by its day (YYYY-MM-DD) when only one meeting is on that day."""
    key = ident.strip()
    meeting = session.get(Meeting, key)
    if meeting is not None:
        return meeting
    try:
        day = date.fromisoformat(key)
    except ValueError:
        raise NotFoundError(NO_SUCH_MEETING, meeting=ident) from None
    found = list(session.scalars(select(Meeting).where(Meeting.held_on == day)))
    if not found:
        raise NotFoundError(NO_SUCH_MEETING, meeting=ident)
    if len(found) > 1:
        raise ValidationError(AMBIGUOUS_MEETING, field="meeting", meeting=ident)
    return found[0]


def _household(session: Session, household_id: str) -> Household:
    hh = session.get(Household, household_id.strip())
    if hh is None:
        raise NotFoundError(NO_SUCH_HOUSEHOLD, household_id=household_id)
    return hh


def _item(session: Session, meeting_id: str, household_id: str) -> MeetingHousehold:
    item = session.scalar(
        select(MeetingHousehold).where(
            MeetingHousehold.meeting_id == meeting_id,
            MeetingHousehold.household_id == household_id,
        )
    )
    if item is None:
        raise ValidationError(NOT_ON_AGENDA, field="household_id", id=household_id)
    return item


# ---- what is still open ---------------------------------------------------------------------
def open_households(session: Session, before: date | None = None) -> list[str]:
    """Households on an agenda and not solved since: the latest agenda item of each (of the
    meetings held before ``before``, or all) has no ``solved_on``. In order of first
    appearance."""
    query = (
        select(MeetingHousehold.household_id, MeetingHousehold.solved_on, Meeting.held_on)
        .join(Meeting, Meeting.id == MeetingHousehold.meeting_id)
        .order_by(Meeting.held_on, Meeting.created_at, MeetingHousehold.created_at)
    )
    if before is not None:
        query = query.where(Meeting.held_on < before)
    state: dict[str, bool] = {}
    for hid, solved_on, _held in session.execute(query):
        state[hid] = solved_on is None
    return [hid for hid, still_open in state.items() if still_open]


# ---- writing -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MeetingResult:
    id: str
    carried: tuple[str, ...]  # households carried over from earlier meetings


def add_meeting(
    session: Session,
    held_on: date,
    partners: Iterable[str],
    *,
    place: str = "",
) -> MeetingResult:
    """Plan a meeting with its partners (by name); every household still open on an earlier
    meeting's agenda goes on this one at once."""
    chosen: list[Partner] = []
    for name in partners:
        partner = partner_by_name(session, name)
        if partner not in chosen:
            chosen.append(partner)
    if not chosen:
        raise ValidationError(NO_PARTNERS, field="partners")
    where = place.strip()
    if where:
        where = require_text(where, PLACE, "place", 300)
    meeting = Meeting(held_on=held_on, place=where, staff_id=session.info.get("actor"))
    session.add(meeting)
    session.flush()
    session.add_all(MeetingPartner(meeting_id=meeting.id, partner_id=p.id) for p in chosen)
    carried = open_households(session, before=held_on)
    session.add_all(MeetingHousehold(meeting_id=meeting.id, household_id=h) for h in carried)
    session.flush()
    return MeetingResult(meeting.id, tuple(carried))


def add_to_agenda(session: Session, meeting_id: str, household_id: str) -> list[str]:
    """Put a household on a meeting's agenda, and on every later meeting already planned
    (it stays on until solved). Returns the ids of the meetings it was added to."""
    meeting = get_meeting(session, meeting_id)
    hh = _household(session, household_id)
    later = session.scalars(
        select(Meeting).where(Meeting.held_on > meeting.held_on).order_by(Meeting.held_on)
    )
    added: list[str] = []
    for m in [meeting, *later]:
        exists = session.scalar(
            select(MeetingHousehold.id).where(
                MeetingHousehold.meeting_id == m.id, MeetingHousehold.household_id == hh.id
            )
        )
        if exists is None:
            session.add(MeetingHousehold(meeting_id=m.id, household_id=hh.id))
            added.append(m.id)
    session.flush()
    return added


def _owner(session: Session, meeting: Meeting, name: str) -> tuple[str | None, str | None]:
    """(staff id, partner id) of the owner named: a staff member, else a participating partner."""
    key = name.strip()
    staff = session.scalar(select(StaffMember.id).where(StaffMember.name == key))
    if staff is not None:
        return staff, None
    for p in meeting.partners:
        if p.name == key:
            return None, p.id
    raise ValidationError(NO_SUCH_OWNER, field="owner", name=name)


def agree(
    session: Session,
    meeting_id: str,
    household_id: str,
    owner: str,
    action: str,
    due_on: date | None = None,
    *,
    allow_bsn_like: bool = False,
) -> str:
    """Record an agreement about a household on the agenda; its id."""
    meeting = get_meeting(session, meeting_id)
    hh = _household(session, household_id)
    _item(session, meeting.id, hh.id)
    staff_id, partner_id = _owner(session, meeting, owner)
    row = MeetingAction(
        meeting_id=meeting.id,
        household_id=hh.id,
        description=require_text(
            action, AGREEMENT, "action", TEXT_MAX, allow_bsn_like=allow_bsn_like
        ),
        due_on=due_on,
        owner_staff_id=staff_id,
        owner_partner_id=partner_id,
        status=FollowUpStatus.OPEN.value,
    )
    session.add(row)
    session.flush()
    return row.id


def decide(
    session: Session,
    meeting_id: str,
    household_id: str,
    text: str,
    *,
    allow_bsn_like: bool = False,
) -> None:
    """Write down what was decided about a household (replaces an earlier text)."""
    meeting = get_meeting(session, meeting_id)
    item = _item(session, meeting.id, _household(session, household_id).id)
    item.decision = require_text(
        text, DECISION, "decision", TEXT_MAX, allow_bsn_like=allow_bsn_like
    )
    session.flush()


def mark_solved(session: Session, meeting_id: str, household_id: str) -> int:
    """Mark a household solved at this meeting: it leaves every later agenda on which
    nothing was recorded about it yet. Returns how many later agendas it left."""
    meeting = get_meeting(session, meeting_id)
    hh = _household(session, household_id)
    item = _item(session, meeting.id, hh.id)
    if item.solved_on is not None:
        raise TransitionError(ALREADY_SOLVED, id=household_id)
    item.solved_on = meeting.held_on
    later = session.scalars(
        select(MeetingHousehold)
        .join(Meeting, Meeting.id == MeetingHousehold.meeting_id)
        .where(
            Meeting.held_on > meeting.held_on,
            MeetingHousehold.household_id == hh.id,
            MeetingHousehold.decision == "",
            MeetingHousehold.solved_on.is_(None),
        )
    )
    removed = 0
    for row in later:
        has_actions = session.scalar(
            select(func.count())
            .select_from(MeetingAction)
            .where(MeetingAction.meeting_id == row.meeting_id, MeetingAction.household_id == hh.id)
        )
        if not has_actions:
            session.delete(row)
            removed += 1
    session.flush()
    return removed


# ---- reading -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MeetingRow:
    id: str
    held_on: date
    place: str
    partners: tuple[str, ...]
    households: int
    solved: int
    open_actions: int


def list_meetings(session: Session) -> list[MeetingRow]:
    """Every meeting, newest first, with its partners and counts."""
    items: dict[str, tuple[int, int]] = {}
    for mid, total, solved in session.execute(
        select(
            MeetingHousehold.meeting_id,
            func.count(),
            func.count(MeetingHousehold.solved_on),
        ).group_by(MeetingHousehold.meeting_id)
    ):
        items[mid] = (total, solved)
    actions = dict(
        session.execute(
            select(MeetingAction.meeting_id, func.count())
            .where(MeetingAction.status == FollowUpStatus.OPEN.value)
            .group_by(MeetingAction.meeting_id)
        ).all()
    )
    out = []
    for m in session.scalars(select(Meeting).order_by(Meeting.held_on.desc(), Meeting.created_at)):
        total, solved = items.get(m.id, (0, 0))
        out.append(
            MeetingRow(
                m.id,
                m.held_on,
                m.place,
                tuple(p.name for p in m.partners),
                total,
                solved,
                int(actions.get(m.id, 0)),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class AgreementRow:
    id: str
    meeting_id: str
    household_id: str
    description: str
    due_on: date | None
    owner: str
    owner_is_partner: bool
    owner_partner_id: str | None
    status: str


@dataclass(frozen=True, slots=True)
class SignalWords:
    label_nl: str
    label_en: str
    severity: int

    def text(self, language: str) -> str:
        label = self.label_en if language == "en" else self.label_nl
        return f"{label} ({severity_label(Severity(self.severity), language)})"


@dataclass(frozen=True, slots=True)
class AgendaItem:
    household_id: str
    label: str  # the household's label (staff view)
    address: str
    residents: tuple[str, ...]
    decision: str
    solved_on: date | None
    carried: bool  # on an earlier agenda too
    signals: tuple[SignalWords, ...]
    agreements: tuple[AgreementRow, ...]
    # Agreements about this household made at earlier meetings and still open: what keeps
    # the table going ("wat is er gedaan met…").
    earlier_agreements: tuple[AgreementRow, ...] = ()


@dataclass(frozen=True, slots=True)
class MeetingDetail:
    id: str
    held_on: date
    place: str
    partners: tuple[tuple[str, str], ...]  # (id, name)
    items: tuple[AgendaItem, ...]


def _agreements(session: Session, meeting_id: str) -> list[AgreementRow]:
    staff = dict(session.execute(select(StaffMember.id, StaffMember.name)).all())
    partners = dict(session.execute(select(Partner.id, Partner.name)).all())
    rows = session.scalars(
        select(MeetingAction)
        .where(MeetingAction.meeting_id == meeting_id)
        .order_by(MeetingAction.created_at)
    )
    return [_agreement_row(a, staff, partners) for a in rows]


def _agreement_row(
    a: MeetingAction, staff: dict[str, str], partners: dict[str, str]
) -> AgreementRow:
    owner = (
        partners.get(a.owner_partner_id, "")
        if a.owner_partner_id
        else staff.get(a.owner_staff_id or "", "")
    )
    return AgreementRow(
        a.id,
        a.meeting_id,
        a.household_id,
        a.description,
        a.due_on,
        owner,
        a.owner_partner_id is not None,
        a.owner_partner_id,
        a.status,
    )


def _earlier_open(
    session: Session, meeting: Meeting, household_ids: list[str]
) -> dict[str, list[AgreementRow]]:
    """Per household: the agreements made at meetings before this one that are still open."""
    staff = dict(session.execute(select(StaffMember.id, StaffMember.name)).all())
    partners = dict(session.execute(select(Partner.id, Partner.name)).all())
    out: dict[str, list[AgreementRow]] = {}
    for a in session.scalars(
        select(MeetingAction)
        .join(Meeting, Meeting.id == MeetingAction.meeting_id)
        .where(
            Meeting.held_on < meeting.held_on,
            MeetingAction.household_id.in_(household_ids),
            MeetingAction.status == FollowUpStatus.OPEN.value,
        )
        .order_by(Meeting.held_on, MeetingAction.created_at)
    ):
        out.setdefault(a.household_id, []).append(_agreement_row(a, staff, partners))
    return out


def _signals(
    session: Session,
    household_id: str,
    until: date,
    referrals: frozenset[str] | None = None,
) -> tuple[SignalWords, ...]:
    """The household's signals of the last year in words: each sign once, at its highest
    severity, most serious first. ``referrals``: only the signals linked to these referrals
    (what a case bundle to that partner carries)."""
    since = until - timedelta(days=SIGNAL_MONTHS * 31)
    best: dict[str, SignalWords] = {}
    query = (
        select(
            ChecklistItem.label_nl,
            ChecklistItem.label_en,
            func.max(SignalObservation.severity),
            ChecklistItem.position,
        )
        .join(ChecklistItem, ChecklistItem.id == SignalObservation.item_id)
        .where(
            SignalObservation.household_id == household_id,
            func.date(SignalObservation.created_at) >= since.isoformat(),
        )
    )
    if referrals is not None:
        query = query.where(
            SignalObservation.id.in_(
                select(ReferralSignal.observation_id).where(
                    ReferralSignal.referral_id.in_(referrals)
                )
            )
        )
    for nl, en, sev, _pos in session.execute(
        query.group_by(ChecklistItem.id).order_by(
            func.max(SignalObservation.severity).desc(), ChecklistItem.position
        )
    ):
        best.setdefault(nl, SignalWords(nl, en, int(sev)))
    return tuple(best.values())


def meeting_detail(session: Session, meeting_id: str) -> MeetingDetail:
    """A meeting as the staff member sees it: every household in full."""
    meeting = get_meeting(session, meeting_id)
    earlier = set(
        session.scalars(
            select(MeetingHousehold.household_id)
            .join(Meeting, Meeting.id == MeetingHousehold.meeting_id)
            .where(Meeting.held_on < meeting.held_on)
        )
    )
    agreements = _agreements(session, meeting.id)
    on_agenda = list(
        session.scalars(
            select(MeetingHousehold.household_id).where(MeetingHousehold.meeting_id == meeting.id)
        )
    )
    earlier_open = _earlier_open(session, meeting, on_agenda)
    rows = session.execute(
        select(MeetingHousehold, Household.label, Address.street, Address.number, Address.addition)
        .join(Household, Household.id == MeetingHousehold.household_id)
        .join(Address, Address.id == Household.address_id)
        .where(MeetingHousehold.meeting_id == meeting.id)
        .order_by(MeetingHousehold.created_at, Address.street, Address.number)
    ).all()
    items = []
    for item, label, street, number, addition in rows:
        residents = tuple(
            session.scalars(
                select(Resident.name)
                .where(Resident.household_id == item.household_id)
                .order_by(Resident.name)
            )
        )
        items.append(
            AgendaItem(
                household_id=item.household_id,
                label=label,
                address=street_line(street, number, addition),
                residents=residents,
                decision=item.decision,
                solved_on=item.solved_on,
                carried=item.household_id in earlier,
                signals=_signals(session, item.household_id, meeting.held_on),
                agreements=tuple(a for a in agreements if a.household_id == item.household_id),
                earlier_agreements=tuple(earlier_open.get(item.household_id, ())),
            )
        )
    return MeetingDetail(
        meeting.id,
        meeting.held_on,
        meeting.place,
        tuple((p.id, p.name) for p in meeting.partners),
        tuple(items),
    )


@dataclass(frozen=True, slots=True)
class ParticipantItem:
    """One agenda item as one participant may see it."""

    view: MeetingView
    household_id: str  # never printed; for the audit event
    title: str  # the household's label and address, or its pseudonym
    residents: tuple[str, ...]  # empty unless the view shows names
    address: str  # empty unless the view shows the address
    pseudonym: str
    carried: bool
    signals: tuple[SignalWords, ...]
    decision: str  # empty unless the household is identified
    solved_on: date | None
    # this meeting's agreements, and those of earlier meetings still open, that this
    # participant may read: all of them for an identified household, else only its own
    agreements: tuple[AgreementRow, ...]
    earlier_agreements: tuple[AgreementRow, ...]
    # Under a code: the agreements whose text names the household (a resident's name, the
    # household's name, its street) or holds a BSN-like number — printed without the text.
    unprintable: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ParticipantView:
    meeting: MeetingDetail
    partner_id: str
    partner_name: str
    items: tuple[ParticipantItem, ...]
    left_out: int  # households this participant does not see at all
    organisation: OrganisationInfo
    earlier_meetings: dict[str, date]  # id -> day of the meetings earlier agreements come from


def short_pseudonym(code: str) -> str:
    """A pseudonym (hex) as a readable code on paper: its first twelve characters in groups
    of four."""
    head = code[:12].upper()
    return "-".join(head[i : i + 4] for i in range(0, 12, 4))


MEETING_PSEUDONYM_CONTEXT = b"waakvlam casusoverleg\x00"


def meeting_pseudonym(secret: bytes, household_id: str) -> str:
    """The code under which a partner without a grondslag sees a household at case
    conferences: HMAC-SHA256 with the partner's pseudonym secret, like
    ``household_pseudonym``, but over a message of its own. Stable for that partner from
    meeting to meeting (the household can be followed on the agenda), and it does not
    match the pseudonym of that household in the partner's bundles: a partner that once
    received the household by name (consent since withdrawn) cannot look the code up."""
    message = MEETING_PSEUDONYM_CONTEXT + household_id.encode("utf-8")
    return short_pseudonym(hmac.new(secret, message, hashlib.sha256).hexdigest())


# Words of a name or address that say nothing on their own.
_COMMON_WORDS = frozenset(
    {"fam", "familie", "mw", "mevr", "mevrouw", "dhr", "heer", "van", "der", "den", "het", "ter"}
)


def _identifying_words(session: Session, household_id: str) -> frozenset[str]:
    """The words that would name the household in free text: its name, its residents'
    names and its street (lower case, three letters or more)."""
    texts: list[str] = []
    row = session.execute(
        select(Household.label, Address.street)
        .join(Address, Address.id == Household.address_id)
        .where(Household.id == household_id)
    ).first()
    if row is not None:
        texts += [row.label, row.street]
    for name, surname in session.execute(
        select(Resident.name, Resident.surname).where(Resident.household_id == household_id)
    ):
        texts += [name, surname]
    return frozenset(
        w.lower()
        for t in texts
        for w in re.findall(r"[^\W\d_]{3,}", t or "")
        if w.lower() not in _COMMON_WORDS
    )


def names_household(text: str, words: frozenset[str]) -> bool:
    """True when ``text`` holds one of ``words`` (a name, a street) or a BSN-like number."""
    if find_bsn_like(text):
        return True
    found = {w.lower() for w in re.findall(r"[^\W\d_]{3,}", text)}
    return bool(found & words)


def _concerned(session: Session, referrals: frozenset[str]) -> set[str]:
    """The residents these referrals concern ("betrokken bewoners")."""
    if not referrals:
        return set()
    return set(
        session.scalars(
            select(ReferralResident.resident_id).where(ReferralResident.referral_id.in_(referrals))
        )
    )


def _participant_item(
    session: Session,
    item: AgendaItem,
    view: MeetingView,
    partner_id: str,
    code: str,
    referrals: frozenset[str],
    held_on: date,
) -> ParticipantItem:
    if view.mode != MEETING_FULL:
        own = partner_id
        mine = [
            a for a in (*item.agreements, *item.earlier_agreements) if a.owner_partner_id == own
        ]
        words = _identifying_words(session, item.household_id) if mine else frozenset()
        return ParticipantItem(
            view,
            item.household_id,
            code,
            (),
            "",
            code,
            item.carried,
            item.signals,
            "",
            item.solved_on,
            tuple(a for a in item.agreements if a.owner_partner_id == own),
            tuple(a for a in item.earlier_agreements if a.owner_partner_id == own),
            frozenset(a.id for a in mine if names_household(a.description, words)),
        )
    address = item.address if view.address else ""
    title = ", ".join(part for part in (item.label if view.label else "", address) if part)
    residents: tuple[str, ...] = ()
    if view.name:
        concerned = _concerned(session, referrals)
        residents = tuple(
            session.scalars(
                select(Resident.name)
                .where(Resident.household_id == item.household_id, Resident.id.in_(concerned))
                .order_by(Resident.name)
            )
        )
    signals = _signals(session, item.household_id, held_on, referrals) if view.signals else ()
    return ParticipantItem(
        view,
        item.household_id,
        title or code,
        residents,
        address,
        code,
        item.carried,
        signals,
        item.decision,
        item.solved_on,
        item.agreements,
        item.earlier_agreements,
    )


def participant_view(session: Session, meeting_id: str, partner: str) -> ParticipantView:
    """The meeting as ``partner`` (id or name, a participant) may see it: per household the
    grondslag (``domain/consent.py``) and what follows from it (``Disclosure.meeting_view``).
    A household counts as having one only when it had one on the day of the meeting and
    still has one today, the day the paper is made: a withdrawal stops later papers."""
    detail = meeting_detail(session, meeting_id)
    found = session.get(Partner, partner) or partner_by_name(session, partner)
    if found.id not in {pid for pid, _name in detail.partners}:
        raise ValidationError(NOT_A_PARTICIPANT, field="partner", name=found.name)
    on_day = grondslag_report(session, found.id, detail.held_on)
    # Judged again today, like a case export (``bundles/collect.py``): a paper made after a
    # withdrawal never names the household, even for a meeting held before it.
    now = grondslag_report(
        session, found.id, detail.held_on, judged_on=local_today(session.info["clock"])
    )
    report = GrondslagReport(on_day.valid & now.valid, on_day.valid_referrals & now.valid_referrals)
    spec = load_disclosure()
    items: list[ParticipantItem] = []
    hidden = 0
    for item in detail.items:
        view = spec.meeting_view(found.type, grondslag=item.household_id in report.valid)
        if not view.shown:
            hidden += 1
            continue
        code = meeting_pseudonym(found.pseudonym_secret, item.household_id)
        # the valid referrals of this household to this partner: their signals and residents
        # are what a case bundle carries
        referrals = frozenset(
            session.scalars(
                select(Referral.id).where(
                    Referral.household_id == item.household_id,
                    Referral.id.in_(report.valid_referrals),
                )
            )
        )
        items.append(
            _participant_item(session, item, view, found.id, code, referrals, detail.held_on)
        )
    earlier_ids = {a.meeting_id for i in items for a in i.earlier_agreements}
    earlier: dict[str, date] = {
        mid: held
        for mid, held in session.execute(
            select(Meeting.id, Meeting.held_on).where(Meeting.id.in_(earlier_ids))
        )
    }
    return ParticipantView(
        detail, found.id, found.name, tuple(items), hidden, organisation_info(session), earlier
    )


def record_printed(session: Session, view: ParticipantView, kind: str) -> None:
    """The audit events of one agenda or minutes made for a participant: one per household
    it shows (with how it was shown), one for the meeting when it shows none."""
    for hid, detail in _printed_events(view):
        if kind == AGENDA:
            audit.record(
                session, AGENDA_ACTION, "meeting", view.meeting.id, household_id=hid, detail=detail
            )
        else:
            audit.record(
                session, MINUTES_ACTION, "meeting", view.meeting.id, household_id=hid, detail=detail
            )


def _printed_events(view: ParticipantView) -> list[tuple[str | None, str]]:
    events: list[tuple[str | None, str]] = [
        (item.household_id, f"partner: {view.partner_id}; weergave: {item.view.mode}")
        for item in view.items
    ]
    return events or [(None, f"partner: {view.partner_id}")]


# ---- partner actions for Vandaag, and per household ---------------------------------------
@dataclass(frozen=True, slots=True)
class HouseholdMeetingRow:
    """A meeting record naming a household (inzage)."""

    meeting_id: str
    held_on: date
    place: str
    partners: tuple[str, ...]
    decision: str
    solved_on: date | None
    agreements: tuple[AgreementRow, ...]


def meetings_of(session: Session, household_id: str) -> list[HouseholdMeetingRow]:
    """Every meeting whose agenda named this household, oldest first, with what was
    decided and agreed about it."""
    staff = dict(session.execute(select(StaffMember.id, StaffMember.name)).all())
    partners = dict(session.execute(select(Partner.id, Partner.name)).all())
    out = []
    for item, meeting in session.execute(
        select(MeetingHousehold, Meeting)
        .join(Meeting, Meeting.id == MeetingHousehold.meeting_id)
        .where(MeetingHousehold.household_id == household_id)
        .order_by(Meeting.held_on)
    ):
        agreements = session.scalars(
            select(MeetingAction)
            .where(
                MeetingAction.meeting_id == meeting.id,
                MeetingAction.household_id == household_id,
            )
            .order_by(MeetingAction.created_at)
        )
        out.append(
            HouseholdMeetingRow(
                meeting.id,
                meeting.held_on,
                meeting.place,
                tuple(p.name for p in meeting.partners),
                item.decision,
                item.solved_on,
                tuple(_agreement_row(a, staff, partners) for a in agreements),
            )
        )
    return out

"""A case conference's open agreements (afspraken, ``MeetingAction``): those a partner owns,
for Vandaag, and ticking one off or dropping it.

Apart from ``domain/meetings.py`` (the meetings themselves, what each participant sees,
the agenda and the minutes) so that Vandaag, the first screen, loads without the meeting
code and what it needs (letters, consent, disclosure): #16, the start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import utc_naive
from waakvlam_desktop.domain.types import FollowUpStatus
from waakvlam_desktop.errors import NotFoundError, TransitionError
from waakvlam_desktop.storage.models import (
    Address,
    Household,
    Meeting,
    MeetingAction,
    Partner,
    street_line,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

NO_SUCH_AGREEMENT = Message(
    "meeting.no_such_agreement", QT_TRANSLATE_NOOP("Errors", "There is no agreement {id}.")
)
AGREEMENT_CLOSED = Message(
    "meeting.agreement_closed", QT_TRANSLATE_NOOP("Errors", "This agreement is already closed.")
)


def set_agreement_status(session: Session, action_id: str, status: FollowUpStatus) -> None:
    """Tick off (``gedaan``) or drop (``vervallen``) an open agreement."""
    row = session.get(MeetingAction, action_id)
    if row is None:
        raise NotFoundError(NO_SUCH_AGREEMENT, id=action_id)
    if row.status != FollowUpStatus.OPEN.value:
        raise TransitionError(AGREEMENT_CLOSED)
    row.status = status.value
    if status is FollowUpStatus.DONE:
        row.done_at = utc_naive(session.info["clock"].now())
    session.flush()


@dataclass(frozen=True, slots=True)
class PartnerAgreementRow:
    id: str
    meeting_id: str
    held_on: date
    household_id: str
    household_label: str
    address: str
    partner_name: str
    description: str
    due_on: date | None


def open_partner_agreements(session: Session) -> list[PartnerAgreementRow]:
    """Open agreements owned by a partner (Vandaag, under feedback), earliest due first."""
    rows = session.execute(
        select(
            MeetingAction,
            Meeting.held_on,
            Household.label,
            Address.street,
            Address.number,
            Address.addition,
            Partner.name,
        )
        .join(Meeting, Meeting.id == MeetingAction.meeting_id)
        .join(Household, Household.id == MeetingAction.household_id)
        .join(Address, Address.id == Household.address_id)
        .join(Partner, Partner.id == MeetingAction.owner_partner_id)
        .where(MeetingAction.status == FollowUpStatus.OPEN.value)
    ).all()
    out = [
        PartnerAgreementRow(
            a.id,
            a.meeting_id,
            held_on,
            a.household_id,
            label,
            street_line(street, number, addition),
            pname,
            a.description,
            a.due_on,
        )
        for a, held_on, label, street, number, addition, pname in rows
    ]
    out.sort(key=lambda r: (r.due_on or date.max, r.partner_name, r.address))
    return out

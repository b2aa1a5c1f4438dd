"""What the Vandaag (today) screen shows, in one read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.domain.followups import OpenFollowUp, open_follow_ups
from waakvlam_desktop.domain.settings import Settings
from waakvlam_desktop.domain.types import ReferralStatus
from waakvlam_desktop.domain.waakvlam import CheckIn, check_ins
from waakvlam_desktop.storage.models import Address, Household, Partner, Referral

WAITING = (ReferralStatus.VERSTUURD, ReferralStatus.ONTVANGEN, ReferralStatus.IN_BEHANDELING)


@dataclass(frozen=True, slots=True)
class WaitingReferral:
    id: str
    reference: str
    household_id: str
    household_label: str
    address: str
    partner_name: str
    status: ReferralStatus
    feedback_due: date | None
    days_late: int  # > 0 when the feedback is overdue


@dataclass(frozen=True, slots=True)
class TodayOverview:
    today: date
    overdue: list[CheckIn]
    due: list[CheckIn]
    follow_ups: list[OpenFollowUp]
    waiting: list[WaitingReferral]

    @property
    def attention_count(self) -> int:
        """The number next to "Vandaag" in the navigation."""
        return len(self.overdue) + sum(1 for w in self.waiting if w.days_late > 0)


def waiting_for_feedback(session: Session, today: date) -> list[WaitingReferral]:
    rows = session.execute(
        select(
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
        )
        .join(Household, Household.id == Referral.household_id)
        .join(Address, Address.id == Household.address_id)
        .join(Partner, Partner.id == Referral.partner_id)
        .where(Referral.status.in_([s.value for s in WAITING]))
        .order_by(Referral.feedback_due.is_(None), Referral.feedback_due)
    ).all()
    return [
        WaitingReferral(
            id=r[0],
            reference=r[1],
            household_id=r[2],
            household_label=r[3],
            address=f"{r[4]} {r[5]}{'-' + r[6] if r[6] else ''}",
            partner_name=r[7],
            status=ReferralStatus(r[8]),
            feedback_due=r[9],
            days_late=(today - r[9]).days if r[9] else 0,
        )
        for r in rows
    ]


def today_overview(session: Session, today: date, settings: Settings) -> TodayOverview:
    overdue, due = check_ins(session, today, settings)
    return TodayOverview(
        today=today,
        overdue=overdue,
        due=due,
        follow_ups=open_follow_ups(session),
        waiting=waiting_for_feedback(session, today),
    )

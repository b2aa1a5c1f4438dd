"""What the Vandaag (today) screen shows, in one read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from waakvlam_desktop.domain.exports import DueExport, due_exports
from waakvlam_desktop.domain.followups import OpenFollowUp, open_follow_ups
from waakvlam_desktop.domain.referrals import FeedbackRow, referrals_waiting_for_feedback
from waakvlam_desktop.domain.settings import Settings
from waakvlam_desktop.domain.waakvlam import CheckIn, check_ins


@dataclass(frozen=True, slots=True)
class TodayOverview:
    today: date
    overdue: list[CheckIn]
    due: list[CheckIn]
    follow_ups: list[OpenFollowUp]
    waiting: list[FeedbackRow]
    exports_due: list[DueExport]

    @property
    def attention_count(self) -> int:
        """The number next to "Vandaag" in the navigation."""
        return len(self.overdue) + sum(1 for w in self.waiting if w.days_overdue > 0)


def today_overview(session: Session, today: date, settings: Settings) -> TodayOverview:
    overdue, due = check_ins(session, today, settings)
    return TodayOverview(
        today=today,
        overdue=overdue,
        due=due,
        follow_ups=open_follow_ups(session),
        waiting=referrals_waiting_for_feedback(session, today),
        exports_due=due_exports(session, today),
    )

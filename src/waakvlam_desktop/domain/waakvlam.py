"""The waakvlam (pilot light): suggested concern level and the check-in rhythm.

The rule for the suggested level is documented in docs/concern-levels.md; keep both in step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.domain.settings import Settings
from waakvlam_desktop.domain.types import ConcernLevel, HouseholdStatus
from waakvlam_desktop.storage.models import Address, Household, street_line


@dataclass(frozen=True, slots=True)
class ObservedSign:
    """One recent observation, as far as the suggestion rule needs to know it."""

    code: str
    domain: str
    severity: int
    acute: bool


def suggest_level(signs: Iterable[ObservedSign]) -> ConcernLevel:
    """Suggest a concern level from the signals of the last weeks.

    - **acuut**: any acute sign (whatever its severity: its guidance says to act now), or
      any sign in Veiligheid with severity 3;
    - **zorg**: any sign with severity 3; signs of severity 2 or more in at least two
      domains; or three or more signs of severity 2 or more;
    - **aandacht**: any other sign;
    - **geen zorgen**: no signs.

    Per sign code only the highest severity counts, so the same sign seen on three visits
    is one sign.
    """
    strongest: dict[str, ObservedSign] = {}
    for sign in signs:
        known = strongest.get(sign.code)
        if known is None or sign.severity > known.severity:
            strongest[sign.code] = sign
    if not strongest:
        return ConcernLevel.GEEN
    unique = list(strongest.values())
    if any(s.acute for s in unique) or any(
        s.domain == "veiligheid" and s.severity >= 3 for s in unique
    ):
        return ConcernLevel.ACUUT
    serious = [s for s in unique if s.severity >= 2]
    if (
        any(s.severity >= 3 for s in unique)
        or len({s.domain for s in serious}) >= 2
        or len(serious) >= 3
    ):
        return ConcernLevel.ZORG
    return ConcernLevel.AANDACHT


def next_check_in(level: ConcernLevel, from_day: date, settings: Settings) -> date:
    return from_day + timedelta(days=settings.rhythm_for(level))


@dataclass(frozen=True, slots=True)
class CheckIn:
    household_id: str
    label: str
    address: str
    level: ConcernLevel
    due: date
    days_late: int  # > 0 overdue, 0 today, < 0 days left


def check_ins(
    session: Session, today: date, settings: Settings
) -> tuple[list[CheckIn], list[CheckIn]]:
    """(overdue, due within ``settings.due_soon_days``), most urgent first."""
    horizon = today + timedelta(days=settings.due_soon_days)
    rows = session.execute(
        select(
            Household.id,
            Household.label,
            Household.concern_level,
            Household.next_check_in,
            Address.street,
            Address.number,
            Address.addition,
        )
        .join(Address, Address.id == Household.address_id)
        .where(Household.status == HouseholdStatus.OPEN.value)
        .where(Household.next_check_in.is_not(None))
        .where(Household.next_check_in <= horizon)
    ).all()
    overdue: list[CheckIn] = []
    due: list[CheckIn] = []
    for hid, label, level, when, street, number, addition in rows:
        assert when is not None  # filtered in SQL
        item = CheckIn(
            household_id=hid,
            label=label,
            address=street_line(street, number, addition),
            level=ConcernLevel(level),
            due=when,
            days_late=(today - when).days,
        )
        (overdue if item.days_late > 0 else due).append(item)
    overdue.sort(key=lambda c: (-c.level.rank, -c.days_late, c.address))
    due.sort(key=lambda c: (c.due, -c.level.rank, c.address))
    return overdue, due

"""The waakvlam (pilot light): suggested concern level and the check-in rhythm.

The rule for the suggested level is documented in docs/concern-levels.md; keep both in step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import String, case, cast, func, literal_column, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from waakvlam_desktop.domain.settings import Settings
from waakvlam_desktop.domain.types import ConcernLevel, HouseholdStatus
from waakvlam_desktop.storage.models import Address, Household, names_address, street_line


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
    page = check_ins_page(session, today, settings)
    return page.overdue, page.due


@dataclass(frozen=True, slots=True)
class CheckInPage:
    """The first ``limit`` check-ins of each list, and how many there are in all."""

    overdue: list[CheckIn]
    overdue_total: int
    due: list[CheckIn]
    due_total: int


# Concern levels, most serious first (``-ConcernLevel.rank`` in SQL).
_LEVEL_ORDER = case(
    {level.value: -level.rank for level in ConcernLevel}, value=Household.concern_level
)
# ``street_line(street, number, addition)`` in SQL, to sort on as Python does (the binary
# collation of SQLite orders UTF-8 text as Python orders str).
_STREET_LINE = (
    Address.street
    + " "
    + cast(Address.number, String)
    + case((func.coalesce(Address.addition, "") != "", "-" + Address.addition), else_="")
)
_LEVELS = {level.value: level for level in ConcernLevel}
# Households at one address, equally late: in the order they were added (as the index on
# next_check_in gave them before the sort moved into SQL).
_ROWID: ColumnElement[Any] = literal_column("household.rowid")


def count_households(session: Session, *conditions: ColumnElement[bool]) -> int:
    """How many households meet ``conditions``, their addresses joined only when a
    condition names them (``names_address``)."""
    counted = select(func.count()).select_from(Household)
    if names_address(*conditions):
        counted = counted.join(Address, Address.id == Household.address_id)
    return session.scalar(counted.where(*conditions)) or 0


def check_ins_page(
    session: Session,
    today: date,
    settings: Settings,
    *,
    complex_ids: frozenset[str] | None = None,
    limit: int | None = None,
) -> CheckInPage:
    """Open households' check-ins, overdue (by level, then days late, then address) and due
    within ``settings.due_soon_days`` (by date, level, address): sorted, counted and cut to
    ``limit`` in SQL, so a caseload of thousands of overdue visits costs no Python objects
    beyond those shown. ``complex_ids``: only households in these complexes. ``limit`` is
    not negative."""
    if limit is not None and limit < 0:
        raise ValueError("limit must not be negative")
    horizon = today + timedelta(days=settings.due_soon_days)
    # Open households with a check-in date (in the chosen complexes).
    scheduled: tuple[ColumnElement[bool], ...] = (
        Household.status == HouseholdStatus.OPEN.value,
        Household.next_check_in.is_not(None),
    )
    if complex_ids is not None:
        scheduled += (Address.complex_id.in_(complex_ids),)
    late = (Household.next_check_in < today,)
    soon = (Household.next_check_in >= today, Household.next_check_in <= horizon)

    def fetch(
        where: tuple[ColumnElement[bool], ...], *order: Any, at_most: int | None = limit
    ) -> tuple[list[CheckIn], int]:
        query: Any = (  # (Any: next_check_in is never None in these rows)
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
            .where(*scheduled, *where)
            .order_by(*order, _ROWID)
            .limit(at_most)
        )
        items = [
            CheckIn(
                household_id=hid,
                label=label,
                address=street_line(street, number, addition),
                level=_LEVELS[level],
                due=when,
                days_late=(today - when).days,
            )
            for hid, label, level, when, street, number, addition in session.execute(query)
        ]
        if at_most is None or len(items) < at_most:
            return items, len(items)
        # The levels named (every row has one of them: ``_LEVELS`` reads it above), so that
        # SQLite counts along ix_household_level_due alone, one seek per level, also for
        # a date range over every level, instead of reading each household's row (the
        # check-ins due soon at 50,000 households: 0.2 s on the first start after a reboot).
        known = Household.concern_level.in_(list(_LEVELS))
        return items, count_households(session, *scheduled, *where, known)

    # Overdue: one level at a time, most serious first, each in date order along
    # ``ix_household_level_due``: only the rows shown are read and sorted, and the counts
    # come from the index alone (with complexes, with the addresses). One query over every
    # level sorted all overdue households: 0.1-0.2 s at 50,000, 0.8-1.6 s on the first
    # start after a reboot.
    overdue: list[CheckIn] = []
    overdue_total = 0
    for level in sorted(ConcernLevel, key=lambda lv: lv.rank, reverse=True):
        items, total = fetch(
            (*late, Household.concern_level == level.value),
            Household.next_check_in,
            _STREET_LINE,
            at_most=None if limit is None else limit - len(overdue),
        )
        overdue += items
        overdue_total += total
    due, due_total = fetch(soon, Household.next_check_in, _LEVEL_ORDER, _STREET_LINE)
    return CheckInPage(overdue, overdue_total, due, due_total)

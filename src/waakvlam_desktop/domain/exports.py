"""Export periods, the export history and which periodic exports are due.

The bundles themselves are built in ``waakvlam_desktop.bundles``; this module only knows
dates and the ``export_record`` table, so the Vandaag and Exports screens can use it.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import Clock
from waakvlam_desktop.domain.types import DataProfile, ExportSchedule
from waakvlam_desktop.errors import ExportError, UsageError
from waakvlam_desktop.storage.models import ExportRecord, Partner
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

BAD_PERIOD = Message(
    "exports.bad_period",
    QT_TRANSLATE_NOOP(
        "Errors",
        "I do not understand period '{period}'. Use YYYY-MM (for example 2026-10) or YYYY-Qn"
        " (for example 2026-Q4).",
    ),
)
NO_RECIPIENT = Message(
    "exports.no_recipient",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Partner '{partner}' has no age recipient yet. Ask the partner for 'waakvlam bundle"
        " keygen' and add the recipient (age1…) under Partners.",
    ),
)

# Period boundaries are Dutch calendar days, whatever the computer's time zone says.
PERIOD_ZONE = ZoneInfo("Europe/Amsterdam")

PERIOD_FUTURE = Message(
    "export.period_future",
    QT_TRANSLATE_NOOP(
        "Errors", "Period {period} has not started yet; choose a period that has ended."
    ),
)
PERIOD_UNFINISHED = Message(
    "export.period_unfinished",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Period {period} is not over yet (it runs until {end}); figures for it can be exported"
        " from {first_day}.",
    ),
)
PERIOD_NEEDS_MONTH = Message(
    "export.period_needs_month",
    QT_TRANSLATE_NOOP(
        "Errors",
        "{partner} receives figures per month; {period} is not a month. Choose a month (for"
        " example {example}).",
    ),
)
PERIOD_NEEDS_QUARTER = Message(
    "export.period_needs_quarter",
    QT_TRANSLATE_NOOP(
        "Errors",
        "{partner} receives figures per quarter; {period} is not a quarter. Choose a quarter"
        " (for example {example}).",
    ),
)
PERIOD_OVERLAPS = Message(
    "export.period_overlaps",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Period {period} overlaps with {other}, already sent to {partner}; figures over"
        " overlapping periods can be subtracted from each other, so this is not possible.",
    ),
)

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")


@dataclass(frozen=True, slots=True)
class Period:
    """A month (``2026-10``) or a quarter (``2026-Q4``); ``start``/``end`` inclusive."""

    label: str
    start: date
    end: date

    @classmethod
    def parse(cls, text: str) -> Period:
        value = text.strip()
        if m := _MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            if 1 <= month <= 12 and 2000 <= year <= 2100:
                return cls.month(year, month)
        elif m := _QUARTER.match(value):
            year, q = int(m[1]), int(m[2])
            if 2000 <= year <= 2100:
                return cls.quarter(year, q)
        raise UsageError(BAD_PERIOD, period=text)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(f"{year:04d}-{month:02d}", date(year, month, 1), date(year, month, last))

    @classmethod
    def quarter(cls, year: int, q: int) -> Period:
        first = 3 * (q - 1) + 1
        last = calendar.monthrange(year, first + 2)[1]
        return cls(f"{year:04d}-Q{q}", date(year, first, 1), date(year, first + 2, last))

    @property
    def is_quarter(self) -> bool:
        return "Q" in self.label

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        if self.is_quarter:
            q = (self.start.month - 1) // 3 + 1
            return (
                Period.quarter(self.start.year, q - 1)
                if q > 1
                else Period.quarter(self.start.year - 1, 4)
            )
        if self.start.month > 1:
            return Period.month(self.start.year, self.start.month - 1)
        return Period.month(self.start.year - 1, 12)

    def overlaps(self, start: date, end: date) -> bool:
        return self.start <= end and start <= self.end

    @classmethod
    def last_complete(cls, schedule: ExportSchedule, today: date) -> Period | None:
        """The newest period of this kind that ended before ``today``."""
        if schedule is ExportSchedule.MONTHLY:
            year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
            return cls.month(year, month)
        if schedule is ExportSchedule.QUARTERLY:
            q = (today.month - 1) // 3  # the previous quarter, 0 = last year's Q4
            return cls.quarter(today.year, q) if q else cls.quarter(today.year - 1, 4)
        return None


def period_today(clock: Clock) -> date:
    """Today's date in the Netherlands: the day that decides whether a period is over."""
    return clock.now().astimezone(PERIOD_ZONE).date()


def period_bounds_utc(period: Period) -> tuple[datetime, datetime]:
    """The period as naive UTC moments (how the vault stores time): from local midnight on
    its first day up to, not including, local midnight after its last day."""

    def midnight(day: date) -> datetime:
        local = datetime.combine(day, time(), tzinfo=PERIOD_ZONE)
        return local.astimezone(UTC).replace(tzinfo=None)

    return midnight(period.start), midnight(period.end + timedelta(days=1))


def stored_month(moment: datetime) -> int:
    """The month (``YYYYMM``, Dutch time) of a moment as the vault stores it (naive UTC):
    the month whose period holds it."""
    local = moment.replace(tzinfo=UTC).astimezone(PERIOD_ZONE)
    return local.year * 100 + local.month


def period_months(period: Period) -> tuple[int, int]:
    """The first and last month of ``period`` as ``YYYYMM`` numbers (both included)."""
    return (
        period.start.year * 100 + period.start.month,
        period.end.year * 100 + period.end.month,
    )


def check_period(session: Session, partner: Partner, period: Period) -> None:
    """Refuse a period this partner may not get (ExportError with one sentence).

    Case bundles: a period that has not started (a case bundle may cover the running month:
    a referral cannot wait for the month to end). Aggregate bundles, whose figures could be
    subtracted from each other, also: a period that is not over, one off the partner's grid
    (a quarter for a monthly partner, a month for a quarterly one) and one that overlaps a
    period already sent to them (the same period again included). A handover carries the
    whole vault as it is; its period is only a label.
    """
    profile = DataProfile(partner.profile)
    if profile is DataProfile.HANDOVER:
        return
    today = period_today(session.info["clock"])
    if period.start > today:
        raise ExportError(PERIOD_FUTURE, period=period.label)
    if profile is not DataProfile.AGGREGATE:
        return
    if period.end >= today:
        raise ExportError(
            PERIOD_UNFINISHED,
            period=period.label,
            end=f"{period.end:%d-%m-%Y}",
            first_day=f"{period.end + timedelta(days=1):%d-%m-%Y}",
        )
    schedule = ExportSchedule(partner.schedule)
    wants_quarter = {ExportSchedule.MONTHLY: False, ExportSchedule.QUARTERLY: True}.get(schedule)
    if wants_quarter is not None and wants_quarter != period.is_quarter:
        example = Period.last_complete(schedule, today)
        raise ExportError(
            PERIOD_NEEDS_QUARTER if wants_quarter else PERIOD_NEEDS_MONTH,
            partner=partner.name,
            period=period.label,
            example=example.label if example else "",
        )
    other = _overlapping(session, partner.id, period)
    if other is not None:
        raise ExportError(PERIOD_OVERLAPS, period=period.label, other=other, partner=partner.name)


def _overlapping(session: Session, partner_id: str, period: Period) -> str | None:
    return session.scalar(
        select(ExportRecord.period_label)
        .where(
            ExportRecord.partner_id == partner_id,
            ExportRecord.period_start <= period.end,
            ExportRecord.period_end >= period.start,
        )
        .order_by(ExportRecord.period_start)
        .limit(1)
    )


def offered_periods(session: Session, partner: Partner, count: int = 12) -> list[Period]:
    """The periods the Exports screen offers for a partner, newest first.

    From the partner's grid (months, quarters; both for a partner without a schedule), over
    and not yet sent (for aggregate partners); other profiles may also take the running
    period.
    """
    today = period_today(session.info["clock"])
    schedule = ExportSchedule(partner.schedule)
    aggregate = DataProfile(partner.profile) is DataProfile.AGGREGATE
    kinds = {
        ExportSchedule.MONTHLY: (False,),
        ExportSchedule.QUARTERLY: (True,),
    }.get(schedule, (False, True))
    candidates: list[Period] = []
    for quarter in kinds:
        current = (
            Period.quarter(today.year, (today.month - 1) // 3 + 1)
            if quarter
            else Period.month(today.year, today.month)
        )
        if aggregate:
            current = current.previous()
        for _ in range(count):
            candidates.append(current)
            current = current.previous()
    sent: list[tuple[date, date]] = []
    if aggregate:
        sent = [
            (a, b)
            for a, b in session.execute(
                select(ExportRecord.period_start, ExportRecord.period_end).where(
                    ExportRecord.partner_id == partner.id
                )
            ).all()
        ]
    offered = [p for p in candidates if not any(p.overlaps(a, b) for a, b in sent)]
    # Newest first; a quarter before its own last month.
    offered.sort(key=lambda p: (p.end, p.is_quarter), reverse=True)
    return offered[:count] if len(kinds) == 1 else offered[: 2 * count]


@dataclass(frozen=True, slots=True)
class ExportHistoryRow:
    id: str
    exported_at: datetime
    partner_id: str
    partner_name: str
    profile: DataProfile
    period: str
    sequence: int
    bundle_id: str
    bundle_sha256: str
    size_bytes: int
    counts: dict[str, int]
    exclusions: dict[str, int]


@dataclass(frozen=True, slots=True)
class DueExport:
    partner_id: str
    partner_name: str
    profile: DataProfile
    schedule: ExportSchedule
    period: Period
    last_exported_at: datetime | None
    has_recipients: bool


def export_history(
    session: Session, partner_id: str | None = None, limit: int | None = None
) -> list[ExportHistoryRow]:
    """Bundles made, newest first (optionally for one partner)."""
    query = select(ExportRecord).order_by(
        ExportRecord.exported_at.desc(), ExportRecord.sequence.desc()
    )
    if partner_id is not None:
        query = query.where(ExportRecord.partner_id == partner_id)
    if limit is not None:
        query = query.limit(limit)
    return [
        ExportHistoryRow(
            id=r.id,
            exported_at=r.exported_at,
            partner_id=r.partner_id,
            partner_name=r.partner_name,
            profile=DataProfile(r.profile),
            period=r.period_label,
            sequence=r.sequence,
            bundle_id=r.bundle_id,
            bundle_sha256=r.bundle_sha256,
            size_bytes=r.size_bytes,
            counts=json.loads(r.counts_json),
            exclusions=json.loads(r.exclusions_json),
        )
        for r in session.scalars(query)
    ]


def next_sequence(session: Session, partner_id: str) -> int:
    current = session.scalar(
        select(func.max(ExportRecord.sequence)).where(ExportRecord.partner_id == partner_id)
    )
    return int(current or 0) + 1


def due_exports(session: Session, today: date | None = None) -> list[DueExport]:
    """Periodic exports whose last complete period has no bundle yet (for Vandaag).

    Only the newest complete period counts: a partner that missed several months gets one
    line, for the last one.
    """
    day = today or period_today(session.info["clock"])
    partners = session.execute(
        select(Partner.id, Partner.name, Partner.profile, Partner.schedule, Partner.age_recipients)
        .where(Partner.schedule != ExportSchedule.NONE.value)
        .order_by(Partner.name)
    ).all()
    due: list[DueExport] = []
    for pid, name, profile, schedule, recipients in partners:
        period = Period.last_complete(ExportSchedule(schedule), day)
        if period is None:
            continue
        done = session.scalar(
            select(func.count(ExportRecord.id)).where(
                ExportRecord.partner_id == pid, ExportRecord.period_label == period.label
            )
        )
        if done:
            continue
        if DataProfile(profile) is DataProfile.AGGREGATE and _overlapping(session, pid, period):
            continue  # figures over an overlapping period were sent: check_period refuses it
        last = session.scalar(
            select(func.max(ExportRecord.exported_at)).where(ExportRecord.partner_id == pid)
        )
        due.append(
            DueExport(
                partner_id=pid,
                partner_name=name,
                profile=DataProfile(profile),
                schedule=ExportSchedule(schedule),
                period=period,
                last_exported_at=last,
                has_recipients=bool(json.loads(recipients or "[]")),
            )
        )
    return due


def require_recipients(partner: Partner) -> list[str]:
    recipients: list[str] = json.loads(partner.age_recipients or "[]")
    if not recipients:
        raise ExportError(NO_RECIPIENT, partner=partner.name)
    return recipients

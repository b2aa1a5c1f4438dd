"""Export periods, the export history and which periodic exports are due.

The bundles themselves are built in ``waakvlam_desktop.bundles``; this module only knows
dates and the ``export_record`` table, so the Vandaag and Exports screens can use it.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import local_today
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
    day = today or local_today(session.info["clock"])
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

"""Recording a home visit: the visit, its signals, follow-ups and the new concern level,
all in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import local_today, utc_naive
from waakvlam_desktop.domain.bsn import guard
from waakvlam_desktop.domain.households import get_household
from waakvlam_desktop.domain.settings import Settings, load_settings
from waakvlam_desktop.domain.signals import ChecklistItemView, items_by_code
from waakvlam_desktop.domain.types import ConcernLevel, FollowUpStatus, Severity, VisitKind
from waakvlam_desktop.domain.waakvlam import ObservedSign, next_check_in, suggest_level
from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.storage.models import (
    ChecklistItem,
    ConcernLevelEntry,
    FollowUp,
    Resident,
    SignalObservation,
    Visit,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

MAX_NOTES = 20_000

NOTES_TOO_LONG = Message(
    "visits.notes_too_long",
    QT_TRANSLATE_NOOP("Errors", "The notes are too long (at most {max_length} characters)."),
)
UNKNOWN_SIGNAL = Message(
    "visits.unknown_signal",
    QT_TRANSLATE_NOOP(
        "Errors", "Unknown signal '{code}'. 'waakvlam checklist show' shows the codes."
    ),
)
SIGNAL_TWICE = Message(
    "visits.signal_twice", QT_TRANSLATE_NOOP("Errors", "Signal '{code}' is listed twice.")
)
BAD_SEVERITY = Message(
    "visits.bad_severity",
    QT_TRANSLATE_NOOP(
        "Errors", "The severity of '{code}' must be 1, 2 or 3 (mild, worrying, serious)."
    ),
)
FOLLOW_UP_WITHOUT_DESCRIPTION = Message(
    "visits.follow_up_without_description",
    QT_TRANSLATE_NOOP("Errors", "A follow-up needs a description."),
)
NEXT_VISIT_IN_PAST = Message(
    "visits.next_visit_in_past",
    QT_TRANSLATE_NOOP(
        "Errors", "The date for the next visit is in the past. Choose today or later."
    ),
)
RESIDENT_NOT_IN_HOUSEHOLD = Message(
    "visits.resident_not_in_household",
    QT_TRANSLATE_NOOP("Errors", "A resident who was present does not belong to this household."),
)


@dataclass(frozen=True, slots=True)
class SignalInput:
    code: str
    severity: int
    remark: str = ""


@dataclass(frozen=True, slots=True)
class FollowUpInput:
    description: str
    due_on: date | None = None
    assignee_id: str | None = None


@dataclass(slots=True)
class VisitInput:
    household_id: str
    kind: VisitKind
    notes: str = ""
    visited_at: datetime | None = None  # aware, or naive UTC; None = now
    signals: list[SignalInput] = field(default_factory=list)
    resident_ids: list[str] = field(default_factory=list)
    follow_ups: list[FollowUpInput] = field(default_factory=list)
    concern_level: ConcernLevel | None = None  # None: take the suggestion
    next_check_in: date | None = None  # None: from the rhythm
    allow_bsn_like: bool = False


@dataclass(frozen=True, slots=True)
class VisitResult:
    visit_id: str
    suggested_level: ConcernLevel
    level: ConcernLevel
    next_check_in: date
    acute_items: tuple[ChecklistItemView, ...]


def check_bsn(texts: list[str], allow: bool) -> None:
    """Kept for callers of the earlier API: every text through the one guard in domain/bsn."""
    for text in texts:
        guard("notes", text, allow=allow)


def recent_signs(session: Session, household_id: str, since: datetime) -> list[ObservedSign]:
    rows = session.execute(
        select(
            ChecklistItem.code,
            ChecklistItem.domain,
            SignalObservation.severity,
            ChecklistItem.acute,
        )
        .join(ChecklistItem, ChecklistItem.id == SignalObservation.item_id)
        .join(Visit, Visit.id == SignalObservation.visit_id)
        .where(SignalObservation.household_id == household_id, Visit.visited_at >= since)
    ).all()
    return [ObservedSign(code, domain, sev, acute) for code, domain, sev, acute in rows]


def suggested_level_for(
    session: Session,
    household_id: str,
    new_signals: list[ObservedSign],
    settings: Settings,
    at: datetime,
) -> ConcernLevel:
    since = at - timedelta(days=settings.suggestion_lookback_days)
    return suggest_level([*recent_signs(session, household_id, since), *new_signals])


def _validate(data: VisitInput, catalogue: dict[str, ChecklistItemView]) -> None:
    if len(data.notes) > MAX_NOTES:
        raise ValidationError(NOTES_TOO_LONG, field="notes", max_length=MAX_NOTES)
    seen: set[str] = set()
    for sig in data.signals:
        if sig.code not in catalogue:
            raise ValidationError(UNKNOWN_SIGNAL, field="signals", code=sig.code)
        if sig.code in seen:
            raise ValidationError(SIGNAL_TWICE, field="signals", code=sig.code)
        seen.add(sig.code)
        if sig.severity not in (s.value for s in Severity):
            raise ValidationError(BAD_SEVERITY, field="signals", code=sig.code)
    for fu in data.follow_ups:
        if not fu.description.strip():
            raise ValidationError(FOLLOW_UP_WITHOUT_DESCRIPTION, field="follow_ups")
    guard("notes", data.notes, allow=data.allow_bsn_like)
    for sig in data.signals:
        guard("signals", sig.remark, allow=data.allow_bsn_like)
    for fu in data.follow_ups:
        guard("follow_ups", fu.description, allow=data.allow_bsn_like)


def record_visit(session: Session, data: VisitInput) -> VisitResult:
    """Record a visit with its observations, follow-ups and concern level.

    Runs inside the caller's transaction; nothing is stored when any part is invalid.
    """
    clock = session.info["clock"]
    household = get_household(session, data.household_id)
    settings = load_settings(session)
    catalogue = items_by_code(session)
    _validate(data, catalogue)
    at = utc_naive(data.visited_at) if data.visited_at is not None else utc_naive(clock.now())
    today = local_today(clock)
    if data.next_check_in is not None and data.next_check_in < today:
        raise ValidationError(NEXT_VISIT_IN_PAST, field="next_check_in")
    residents = []
    for rid in data.resident_ids:
        res = session.get(Resident, rid)
        if res is None or res.household_id != household.id:
            raise ValidationError(RESIDENT_NOT_IN_HOUSEHOLD, field="resident_ids")
        residents.append(res)

    visit = Visit(
        household_id=household.id,
        address_id=household.address_id,
        staff_id=session.info.get("actor"),
        visited_at=at,
        kind=VisitKind(data.kind).value,
        notes=data.notes.strip(),
    )
    visit.residents_present = residents
    session.add(visit)
    session.flush()

    new_signs = [
        ObservedSign(sig.code, catalogue[sig.code].domain, sig.severity, catalogue[sig.code].acute)
        for sig in data.signals
    ]
    # Before the new observations are added, so each is counted exactly once.
    suggestion = suggested_level_for(session, household.id, new_signs, settings, at)
    acute = [catalogue[sig.code] for sig in data.signals if catalogue[sig.code].acute]
    for sig in data.signals:
        item = catalogue[sig.code]
        session.add(
            SignalObservation(
                visit_id=visit.id,
                household_id=household.id,
                item_id=item.id,
                severity=sig.severity,
                remark=sig.remark.strip(),
            )
        )
    for fu in data.follow_ups:
        session.add(
            FollowUp(
                household_id=household.id,
                visit_id=visit.id,
                description=fu.description.strip(),
                due_on=fu.due_on,
                status=FollowUpStatus.OPEN.value,
                assignee_id=fu.assignee_id or session.info.get("actor"),
            )
        )
    level = data.concern_level or suggestion
    visit_day = at.date() if data.visited_at is not None else today
    check_in = data.next_check_in or max(next_check_in(level, visit_day, settings), today)
    session.add(
        ConcernLevelEntry(
            household_id=household.id,
            visit_id=visit.id,
            level=level.value,
            suggested_level=suggestion.value,
            set_at=utc_naive(clock.now()),
            next_check_in=check_in,
            staff_id=session.info.get("actor"),
        )
    )
    household.concern_level = level.value
    household.next_check_in = check_in
    if household.last_visit_at is None or at > household.last_visit_at:
        household.last_visit_at = at
    session.flush()
    return VisitResult(visit.id, suggestion, level, check_in, tuple(acute))

"""Recording a home visit: the visit, its signals, follow-ups and the new concern level,
all in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import local_today, utc_naive
from waakvlam_desktop.domain import tombstones
from waakvlam_desktop.domain.bsn import guard
from waakvlam_desktop.domain.households import get_household
from waakvlam_desktop.domain.settings import Settings, load_settings
from waakvlam_desktop.domain.signals import ChecklistItemView, items_by_code
from waakvlam_desktop.domain.types import ConcernLevel, FollowUpStatus, Severity, VisitKind
from waakvlam_desktop.domain.waakvlam import ObservedSign, next_check_in, suggest_level
from waakvlam_desktop.errors import NotFoundError, TransitionError, ValidationError
from waakvlam_desktop.storage.models import (
    ChecklistItem,
    ConcernLevelEntry,
    FollowUp,
    Resident,
    SignalObservation,
    Visit,
    VisitCorrection,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message, translate

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
NO_SUCH_OBSERVATION = Message(
    "visits.no_such_observation",
    QT_TRANSLATE_NOOP("Errors", "Signal {observation_id} does not exist."),
)
NOT_ACUTE = Message(
    "visits.not_acute",
    QT_TRANSLATE_NOOP("Errors", "This signal is not an acute sign: there is nothing to follow up."),
)
ALREADY_FOLLOWED_UP = Message(
    "visits.already_followed_up",
    QT_TRANSLATE_NOOP("Errors", "What was done about this acute sign has already been recorded."),
)
CORRECTION_TOO_LATE = Message(
    "visits.correction_too_late",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This visit can no longer be corrected: a note can be corrected up to {days} days after"
        " the visit. Record what changed in a new visit.",
    ),
)
CORRECTION_UNCHANGED = Message(
    "visits.correction_unchanged",
    QT_TRANSLATE_NOOP("Errors", "The note is the same as before: nothing to correct."),
)
NO_SUCH_VISIT = Message(
    "visits.no_such_visit", QT_TRANSLATE_NOOP("Errors", "Visit {visit_id} does not exist.")
)
# The action an acute sign gets when nothing was done yet; stored in the vault's language.
ACUTE_ACTION = QT_TRANSLATE_NOOP("Labels", "Follow up acute sign: {sign}")
MAX_RESPONSE = 500
RESIDENT_NOT_IN_HOUSEHOLD = Message(
    "visits.resident_not_in_household",
    QT_TRANSLATE_NOOP("Errors", "A resident who was present does not belong to this household."),
)


@dataclass(frozen=True, slots=True)
class SignalInput:
    code: str
    severity: int
    remark: str = ""
    # For an acute sign: what was done ("Veilig Thuis gebeld"). None or empty: nothing
    # yet, and an action due today is made that stays first on Vandaag until ticked off.
    acute_response: str | None = None


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
    # What was done about every acute sign that has no response of its own (CLI).
    acute_response: str | None = None


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
        guard("signals", sig.acute_response or "", allow=data.allow_bsn_like)
    guard("signals", data.acute_response or "", allow=data.allow_bsn_like)
    for fu in data.follow_ups:
        guard("follow_ups", fu.description, allow=data.allow_bsn_like)


def record_visit(session: Session, data: VisitInput) -> VisitResult:
    """Record a visit with its observations, follow-ups and concern level.

    Runs inside the caller's transaction; nothing is stored when any part is invalid.
    """
    clock = session.info["clock"]
    household = get_household(session, data.household_id)
    tombstones.refuse_if_anonymised(session, household.id)  # its visits are months (0022)
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
        observation = SignalObservation(
            visit_id=visit.id,
            household_id=household.id,
            item_id=item.id,
            severity=sig.severity,
            remark=sig.remark.strip(),
        )
        session.add(observation)
        if item.acute:
            session.flush()
            response = sig.acute_response if sig.acute_response is not None else data.acute_response
            _follow_up_acute(session, observation, item, response, today, settings)
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


def _follow_up_acute(
    session: Session,
    observation: SignalObservation,
    item: ChecklistItemView | ChecklistItem,
    response: str | None,
    today: date,
    settings: Settings,
) -> None:
    """Record what was done about an acute sign; nothing yet: an action due today."""
    text = (response or "").strip()[:MAX_RESPONSE]
    observation.acute_response = text
    if text:
        return
    language = settings.language
    sign = item.label_nl if language == "nl" else item.label_en
    session.add(
        FollowUp(
            household_id=observation.household_id,
            visit_id=observation.visit_id,
            description=translate("Labels", ACUTE_ACTION, language).format(sign=sign),
            due_on=today,
            status=FollowUpStatus.OPEN.value,
            assignee_id=session.info.get("actor"),
            signal_id=observation.id,
        )
    )


def record_acute_response(
    session: Session, observation_id: str, response: str | None, *, allow_bsn_like: bool = False
) -> None:
    """What was done about an acute sign recorded earlier without an answer (a vault from
    before the question was asked). Nothing yet: an action due today, as at a visit."""
    observation = session.get(SignalObservation, observation_id)
    if observation is None:
        raise NotFoundError(NO_SUCH_OBSERVATION, observation_id=observation_id)
    item = observation.item
    if not item.acute:
        raise ValidationError(NOT_ACUTE, field="observation")
    tied = session.scalar(select(FollowUp.id).where(FollowUp.signal_id == observation.id))
    if observation.acute_response is not None or tied is not None:
        raise TransitionError(ALREADY_FOLLOWED_UP)
    guard("signals", response or "", allow=allow_bsn_like)
    clock = session.info["clock"]
    _follow_up_acute(
        session, observation, item, response, local_today(clock), load_settings(session)
    )
    session.flush()


def acute_guidance(session: Session, observation_id: str) -> tuple[str, str]:
    """(Dutch, English) guidance of an observed acute sign: its own checklist version's,
    else the active version's."""
    observation = session.get(SignalObservation, observation_id)
    if observation is None:
        raise NotFoundError(NO_SUCH_OBSERVATION, observation_id=observation_id)
    item = observation.item
    if item.guidance_nl or item.guidance_en:
        return (item.guidance_nl, item.guidance_en)
    current = items_by_code(session).get(item.code)
    return (current.guidance_nl, current.guidance_en) if current else ("", "")


def correctable_until(visited_at: datetime, settings: Settings) -> date:
    """The last day a visit's note can be corrected (``visit_correction_days``)."""
    return visited_at.date() + timedelta(days=settings.visit_correction_days)


def amend_visit(
    session: Session, visit_id: str, notes: str, *, allow_bsn_like: bool = False
) -> VisitCorrection:
    """Correct a saved visit's note within the organisation's period. The note as it was is
    kept in a :class:`VisitCorrection`; both writes are audit events."""
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise NotFoundError(NO_SUCH_VISIT, visit_id=visit_id)
    settings = load_settings(session)
    clock = session.info["clock"]
    if local_today(clock) > correctable_until(visit.visited_at, settings):
        raise ValidationError(
            CORRECTION_TOO_LATE, field="notes", days=settings.visit_correction_days
        )
    if len(notes) > MAX_NOTES:
        raise ValidationError(NOTES_TOO_LONG, field="notes", max_length=MAX_NOTES)
    guard("notes", notes, allow=allow_bsn_like)
    new = notes.strip()
    if new == visit.notes:
        raise ValidationError(CORRECTION_UNCHANGED, field="notes")
    correction = VisitCorrection(
        visit_id=visit.id,
        household_id=visit.household_id,
        notes_before=visit.notes,
        notes_after=new,
        corrected_at=utc_naive(clock.now()),
        staff_id=session.info.get("actor"),
    )
    session.add(correction)
    visit.notes = new
    session.flush()
    return correction

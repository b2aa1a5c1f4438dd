"""What the Vandaag (today) screen shows, in one read: "Eerst doen", one ranked list.

The order (the GUI, ``waakvlam today`` and the navigation count all use it):

1. acute signs not yet followed up: an open action tied to an acute sign (made when
   "Wat heb je gedaan?" was answered "nog niet"), and acute signs recorded before that
   question existed, never answered, seen within ``suggestion_lookback_days``;
2. check-ins that are overdue, by concern level, then days late;
3. actions due today or earlier, oldest first;
4. referrals whose feedback date has passed, most overdue first.

Each row says why in words (:func:`reason`) and which step comes next (:class:`NextStep`).
What is not urgent (check-ins due this week, later actions, feedback not yet overdue,
exports, drafts) sits in the smaller lists of :class:`TodayOverview`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, exists, null, or_, select
from sqlalchemy.orm import Session

from waakvlam_desktop.domain.agreements import PartnerAgreementRow, open_partner_agreements
from waakvlam_desktop.domain.drafts import VISIT, drafts_for
from waakvlam_desktop.domain.exports import DueExport, due_exports
from waakvlam_desktop.domain.followups import (
    OpenFollowUp,
    count_open_follow_ups,
    open_follow_ups,
)
from waakvlam_desktop.domain.referrals import (
    FeedbackRow,
    count_waiting_for_feedback,
    referrals_waiting_for_feedback,
)
from waakvlam_desktop.domain.settings import Settings
from waakvlam_desktop.domain.types import (
    ConcernLevel,
    FollowUpStatus,
    HouseholdStatus,
    Severity,
    severity_label,
)
from waakvlam_desktop.domain.waakvlam import CheckIn, check_ins_page, count_households
from waakvlam_desktop.storage.models import (
    Address,
    ChecklistItem,
    FollowUp,
    Household,
    SignalObservation,
    Visit,
    street_line,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, current_language, translate


class TodayKind(StrEnum):
    """Why a row is in "Eerst doen" (stable: ``waakvlam today --json`` prints it)."""

    ACUTE = "acuut_signaal"
    CHECK_IN = "bezoek_te_laat"
    ACTION = "actie"
    FEEDBACK = "terugkoppeling"


class NextStep(StrEnum):
    """The step a row offers in place (stable: ``--json`` prints it)."""

    RECORD_VISIT = "huisbezoek_vastleggen"
    TICK_OFF = "actie_afvinken"
    PROCESS_FEEDBACK = "terugkoppeling_verwerken"
    RECORD_RESPONSE = "opvolging_vastleggen"


NEXT_STEP_LABELS: dict[NextStep, str] = {
    NextStep.RECORD_VISIT: QT_TRANSLATE_NOOP("Labels", "Record home visit"),
    NextStep.TICK_OFF: QT_TRANSLATE_NOOP("Labels", "Tick off follow-up"),
    NextStep.PROCESS_FEEDBACK: QT_TRANSLATE_NOOP("Labels", "Process feedback"),
    NextStep.RECORD_RESPONSE: QT_TRANSLATE_NOOP("Labels", "What did you do?"),
}


def next_step_label(step: NextStep, language: str | None = None) -> str:
    return translate("Labels", NEXT_STEP_LABELS[step], language)


@dataclass(frozen=True, slots=True)
class TodayItem:
    """One row of "Eerst doen"."""

    rank: int
    kind: TodayKind
    step: NextStep
    household_id: str
    label: str
    address: str
    level: ConcernLevel
    due: date | None  # the date it was due (check-in, action, feedback) or the sign's day
    days_late: int = 0
    follow_up_id: str | None = None
    referral_id: str | None = None
    observation_id: str | None = None
    sign_nl: str = ""
    sign_en: str = ""
    severity: int = 0
    description: str = ""
    partner_name: str = ""


@dataclass(frozen=True, slots=True)
class DraftRow:
    """A visit started but not saved."""

    id: str
    household_id: str
    label: str
    address: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class TodayOverview:
    today: date
    first: list[TodayItem]  # "Eerst doen", ranked
    due: list[CheckIn]  # check-ins due this week, not yet late
    later: list[OpenFollowUp]  # open actions not yet due
    waiting: list[FeedbackRow]  # feedback not yet overdue
    exports_due: list[DueExport]
    drafts: list[DraftRow]
    households: int  # open households: 0 means a new vault (say what to do first)
    # Open agreements of a case conference owned by a partner (domain/meetings.py): shown
    # under feedback until done.
    partner_agreements: list[PartnerAgreementRow] = field(default_factory=list)
    # How long each list is in all when ``today_overview`` cut it to a ``limit`` (None: not
    # cut, the list is whole).
    first_total: int | None = None
    due_total: int | None = None
    later_total: int | None = None
    waiting_total: int | None = None

    @property
    def attention_count(self) -> int:
        """The number next to "Vandaag" in the navigation: the length of "Eerst doen"."""
        return len(self.first) if self.first_total is None else self.first_total

    @property
    def due_count(self) -> int:
        return len(self.due) if self.due_total is None else self.due_total

    @property
    def later_count(self) -> int:
        return len(self.later) if self.later_total is None else self.later_total

    @property
    def waiting_count(self) -> int:
        return len(self.waiting) if self.waiting_total is None else self.waiting_total


_REASONS = {
    # e.g. "Signalen huiselijk geweld, ernstig, 1 dec: nog niet opgevolgd"
    "acute": QT_TRANSLATE_NOOP("Today", "{sign}, {severity}, {date}: not followed up yet"),
    "late1": QT_TRANSLATE_NOOP("Today", "visit 1 day late"),
    "late": QT_TRANSLATE_NOOP("Today", "visit {n} days late"),
    "action_today": QT_TRANSLATE_NOOP("Today", "follow-up due today: {description}"),
    "action_late": QT_TRANSLATE_NOOP("Today", "follow-up due {date}: {description}"),
    "feedback1": QT_TRANSLATE_NOOP("Today", "feedback from {partner} 1 day late"),
    "feedback": QT_TRANSLATE_NOOP("Today", "feedback from {partner} {n} days late"),
}


def _numeric(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def reason(
    item: TodayItem,
    language: str | None = None,
    date_text: Callable[[date], str] = _numeric,
) -> str:
    """Why ``item`` is in the list, in words, in ``language`` (default: the current one).

    ``date_text`` writes a date: the GUI passes its locale's short form ("1 dec"), the CLI
    keeps the numeric Dutch form.
    """

    def tr(source: str) -> str:
        return translate("Today", source, language)

    if item.kind is TodayKind.ACUTE:
        lang = language or current_language()
        sign = item.sign_nl if lang == "nl" else item.sign_en
        severity = severity_label(Severity(item.severity), language) if item.severity else ""
        day = date_text(item.due) if item.due else ""
        return tr(_REASONS["acute"]).format(sign=sign, severity=severity, date=day)
    if item.kind is TodayKind.CHECK_IN:
        if item.days_late == 1:
            return tr(_REASONS["late1"])
        return tr(_REASONS["late"]).format(n=item.days_late)
    if item.kind is TodayKind.ACTION:
        if item.days_late <= 0 or item.due is None:
            return tr(_REASONS["action_today"]).format(description=item.description)
        return tr(_REASONS["action_late"]).format(
            date=date_text(item.due), description=item.description
        )
    if item.days_late == 1:
        return tr(_REASONS["feedback1"]).format(partner=item.partner_name)
    return tr(_REASONS["feedback"]).format(partner=item.partner_name, n=item.days_late)


def _acute_items(session: Session, today: date, settings: Settings) -> list[TodayItem]:
    """Open actions tied to an acute sign, and acute signs never answered (old vaults)."""
    rows: list[TodayItem] = []
    base = (
        select(
            SignalObservation.id,
            SignalObservation.severity,
            Visit.visited_at,
            ChecklistItem.label_nl,
            ChecklistItem.label_en,
            Household.id,
            Household.label,
            Household.concern_level,
            Address.street,
            Address.number,
            Address.addition,
        )
        .join(ChecklistItem, ChecklistItem.id == SignalObservation.item_id)
        .join(Visit, Visit.id == SignalObservation.visit_id)
        .join(Household, Household.id == SignalObservation.household_id)
        .join(Address, Address.id == Household.address_id)
        .where(Household.status == HouseholdStatus.OPEN.value)
    )
    # Start from the few open actions tied to a sign (indexed), not from every observation.
    with_action = (
        base.add_columns(FollowUp.id)
        .join(FollowUp, FollowUp.signal_id == SignalObservation.id)
        .where(
            # The index on signal_id holds the few tied actions (NULL for the rest).
            SignalObservation.id.in_(
                select(FollowUp.signal_id).where(FollowUp.signal_id.is_not(None))
            )
        )
        .where(FollowUp.status == FollowUpStatus.OPEN.value)
    )
    since = datetime.combine(
        today - timedelta(days=settings.suggestion_lookback_days), datetime.min.time()
    )
    # Acute signs never answered (vaults from before 0011): the partial index
    # ix_signal_observation_unanswered (acute_response IS NULL) probed for the few acute
    # items, then the look-back window; a 10,000-household vault has 100,000+ observations.
    acute_ids = list(session.scalars(select(ChecklistItem.id).where(ChecklistItem.acute)))
    unanswered = (
        base.add_columns(null())  # no follow-up id: the same shape as ``with_action``
        .where(SignalObservation.item_id.in_(acute_ids))
        .where(Visit.visited_at >= since)
        .where(SignalObservation.acute_response.is_(None))
        .where(~exists().where(FollowUp.signal_id == SignalObservation.id))
    )
    for query in (with_action, unanswered):
        for row in session.execute(query):
            obs, sev, at, nl, en, hid, label, level, street, number, addition, fu = row
            rows.append(
                TodayItem(
                    rank=0,
                    kind=TodayKind.ACUTE,
                    step=NextStep.TICK_OFF if isinstance(fu, str) else NextStep.RECORD_RESPONSE,
                    household_id=hid,
                    label=label,
                    address=street_line(street, number, addition),
                    level=ConcernLevel(level),
                    due=at.date(),
                    days_late=(today - at.date()).days,
                    follow_up_id=fu if isinstance(fu, str) else None,
                    observation_id=obs,
                    sign_nl=nl,
                    sign_en=en,
                    severity=sev,
                )
            )
    rows.sort(key=lambda r: (-r.severity, r.due or today, r.address))
    return rows


def _shown(complex_ids: frozenset[str] | None) -> tuple[ColumnElement[bool], ...]:
    """The households Vandaag is about: the open ones, in ``complex_ids`` when given
    (conditions on Household and its Address, joined)."""
    if complex_ids is None:
        return (Household.status == HouseholdStatus.OPEN.value,)
    return (Household.status == HouseholdStatus.OPEN.value, Address.complex_id.in_(complex_ids))


def _shown_among(
    session: Session, household_ids: set[str], complex_ids: frozenset[str] | None
) -> set[str]:
    """Which of a few ``household_ids`` Vandaag shows (for its short lists)."""
    if not household_ids:
        return set()
    return set(
        session.scalars(
            select(Household.id)
            .join(Address, Address.id == Household.address_id)
            .where(Household.id.in_(household_ids), *_shown(complex_ids))
        )
    )


def today_overview(
    session: Session,
    today: date,
    settings: Settings,
    complex_ids: frozenset[str] | None = None,
    limit: int | None = None,
) -> TodayOverview:
    """Everything Vandaag shows. ``complex_ids``: only households in these complexes
    ("Mijn complexen"); None: all. ``limit``: each list holds at most its first ``limit``
    rows (the ranks and the ``*_total`` counts are those of the whole lists): a screen
    that shows 150 rows does not read the 8,000 overdue check-ins or the 20,000 open
    actions of a large caseload, the database counts them (#16); None: every row (the
    CLI)."""
    shown = _shown(complex_ids)
    page = check_ins_page(session, today, settings, complex_ids=complex_ids, limit=limit)
    overdue, due = page.overdue, page.due
    # (Without complexes, no address join: the count reads ix_household_level_due alone,
    # 87 ms -> 3 ms at 50,000 households.)
    households = count_households(session, *shown)
    found = _acute_items(session, today, settings)
    in_view = _shown_among(session, {a.household_id for a in found}, complex_ids)
    acute = [a for a in found if a.household_id in in_view]
    # Actions tied to a sign are in ``acute`` when the sign is acute; a closed household's
    # actions are not shown.
    actions = (FollowUp.signal_id.is_(None), *shown)
    due_by = FollowUp.due_on <= today
    not_due = or_(FollowUp.due_on.is_(None), FollowUp.due_on > today)
    due_actions = open_follow_ups(session, *actions, due_by, limit=limit)
    later = open_follow_ups(session, *actions, not_due, limit=limit)
    # Feedback is shown for closed households too, unless only some complexes are.
    waiting_where = () if complex_ids is None else shown
    late_feedback = referrals_waiting_for_feedback(
        session, today, *waiting_where, overdue=True, limit=limit
    )
    not_late = referrals_waiting_for_feedback(
        session, today, *waiting_where, overdue=False, limit=limit
    )
    if limit is None:
        due_actions_total, late_total = len(due_actions), len(late_feedback)
        later_total, not_late_total = len(later), len(not_late)
    else:
        due_actions_total, later_total = count_open_follow_ups(
            session, *actions, each=(due_by, not_due)
        )
        late_total, not_late_total = count_waiting_for_feedback(session, today, *waiting_where)
    # Ranked as they are made, in this order (``dataclasses.replace`` afterwards cost 0.17 s
    # for the 8,000 overdue check-ins of a 10,000-household vault).
    rank = itertools.count(1)
    first: list[TodayItem] = [replace(a, rank=next(rank)) for a in acute]
    first += [
        TodayItem(
            rank=next(rank),
            kind=TodayKind.CHECK_IN,
            step=NextStep.RECORD_VISIT,
            household_id=c.household_id,
            label=c.label,
            address=c.address,
            level=c.level,
            due=c.due,
            days_late=c.days_late,
        )
        for c in overdue
    ]
    rank = itertools.count(len(acute) + page.overdue_total + 1)  # after every overdue one
    first += [
        TodayItem(
            rank=next(rank),
            kind=TodayKind.ACTION,
            step=NextStep.TICK_OFF,
            household_id=f.household_id,
            label=f.household_label,
            address=f.address,
            level=f.level,
            due=f.due_on,
            days_late=(today - f.due_on).days if f.due_on else 0,
            follow_up_id=f.id,
            description=f.description,
        )
        for f in due_actions
    ]
    rank = itertools.count(len(acute) + page.overdue_total + due_actions_total + 1)
    first += [
        TodayItem(
            rank=next(rank),
            kind=TodayKind.FEEDBACK,
            step=NextStep.PROCESS_FEEDBACK,
            household_id=w.household_id,
            label=w.household_label,
            address=w.address,
            level=w.level,
            due=w.feedback_due,
            days_late=w.days_overdue,
            referral_id=w.id,
            partner_name=w.partner_name,
        )
        for w in late_feedback
    ]
    # Drafts and partners' agreements of every household, unless only some complexes.
    drafts = _drafts(session)
    agreements = open_partner_agreements(session)
    if complex_ids is not None:
        ids = {d.household_id for d in drafts} | {a.household_id for a in agreements}
        in_view = _shown_among(session, ids, complex_ids)
        drafts = [d for d in drafts if d.household_id in in_view]
        agreements = [a for a in agreements if a.household_id in in_view]
    first_total = len(acute) + page.overdue_total + due_actions_total + late_total
    return TodayOverview(
        today=today,
        first=first[:limit],
        due=due,
        later=later,
        waiting=not_late,
        first_total=None if limit is None else first_total,
        due_total=None if limit is None else page.due_total,
        later_total=None if limit is None else later_total,
        waiting_total=None if limit is None else not_late_total,
        exports_due=due_exports(session, today),
        drafts=drafts,
        households=households,
        partner_agreements=agreements,
    )


def _drafts(session: Session) -> list[DraftRow]:
    found = drafts_for(session, kind=VISIT)
    if not found:
        return []
    places = {
        hid: (label, street_line(street, number, addition))
        for hid, label, street, number, addition in session.execute(
            select(Household.id, Household.label, Address.street, Address.number, Address.addition)
            .join(Address, Address.id == Household.address_id)
            .where(Household.id.in_({d.household_id for d in found}))
        )
    }
    return [
        DraftRow(d.id, d.household_id, *places[d.household_id], d.updated_at)
        for d in found
        if d.household_id in places
    ]

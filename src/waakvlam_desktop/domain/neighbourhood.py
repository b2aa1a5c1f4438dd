"""Buurt: what happens at the level of a complex (issue #18 A).

An event (incident, overlast, bewonersbijeenkomst, …) belongs to a complex, has a day, a
kind, a short note, the partners involved, complex-level signs and follow-up actions. The
kinds and the complex signs are data (``resources/neighbourhood/neighbourhood.json``,
``resources/checklist/buurtsignalen.json``): an organisation changes them without code;
their codes are stored, so a code is never renamed.

The note is free text about the complex. It passes the BSN guard as a visit note does
(refused unless the user confirmed); it should not name residents — residents are never
linked to an event here, so a name in the note is the user's responsibility (the GUI and
``docs/neighbourhood.md`` say so).

Actions have a table of their own (``neighbourhood_action``) rather than ``follow_up``:
a follow-up belongs to a household wherever it is read (Vandaag, retention, inzage,
handover bundles); a complex action belongs to no household.

Everything returned is plain data (frozen dataclasses): the GUI reads it in a worker.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from waakvlam_desktop.clock import local_today, utc_naive
from waakvlam_desktop.domain.overview import (
    Column,
    ComplexOption,
    OverviewFilter,
    Table,
    find_complex,
    month_window,
)
from waakvlam_desktop.domain.partners import partner_by_name
from waakvlam_desktop.domain.types import ConcernLevel, FollowUpStatus, HouseholdStatus
from waakvlam_desktop.domain.validation import require_text
from waakvlam_desktop.errors import NotFoundError, TransitionError, ValidationError
from waakvlam_desktop.storage.models import (
    Address,
    Complex,
    Household,
    NeighbourhoodAction,
    NeighbourhoodEvent,
    NeighbourhoodEventPartner,
    NeighbourhoodSignal,
    Partner,
    street_line,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message, current_language

NOTE = Message("field.event_note", QT_TRANSLATE_NOOP("Errors", "The note"))
ACTION = Message("field.action", QT_TRANSLATE_NOOP("Errors", "The action"))
UNKNOWN_EVENT_KIND = Message(
    "neighbourhood.unknown_kind",
    QT_TRANSLATE_NOOP("Errors", "Unknown kind of event '{value}'. Choose from: {choices}"),
)
UNKNOWN_COMPLEX_SIGNAL = Message(
    "neighbourhood.unknown_signal",
    QT_TRANSLATE_NOOP("Errors", "Unknown complex signal '{value}'. Choose from: {choices}"),
)
BAD_SEVERITY = Message(
    "neighbourhood.bad_severity",
    QT_TRANSLATE_NOOP(
        "Errors", "The severity of '{code}' must be 1 (light), 2 (worrying) or 3 (serious)."
    ),
)
NO_SUCH_ACTION = Message(
    "neighbourhood.no_such_action",
    QT_TRANSLATE_NOOP("Errors", "Complex action {action_id} does not exist."),
)
ACTION_CLOSED = Message(
    "neighbourhood.action_closed",
    QT_TRANSLATE_NOOP("Errors", "This action has already been done or dropped."),
)

NOTE_MAX = 2000


# ---- the data: kinds and complex signs -----------------------------------------------------
@dataclass(frozen=True, slots=True)
class CodeLabel:
    """A code kept as data with its Dutch and English label."""

    code: str
    label_nl: str
    label_en: str

    def label(self, language: str | None = None) -> str:
        return self.label_en if (language or current_language()) == "en" else self.label_nl


def _resource_json(path: str) -> dict[str, Any]:
    raw = resources.files("waakvlam_desktop.resources").joinpath(path).read_bytes()
    doc: dict[str, Any] = json.loads(raw.decode("utf-8"))
    return doc


def _code_labels(items: list[dict[str, Any]]) -> tuple[CodeLabel, ...]:
    return tuple(CodeLabel(i["code"], i["label_nl"], i["label_en"]) for i in items)


@cache
def event_kinds() -> tuple[CodeLabel, ...]:
    """The kinds of neighbourhood event, in the order of the data file."""
    return _code_labels(_resource_json("neighbourhood/neighbourhood.json")["event_kinds"])


@cache
def connect_kinds() -> tuple[CodeLabel, ...]:
    """What residents can offer or wish for (verbinden), in the order of the data file."""
    return _code_labels(_resource_json("neighbourhood/neighbourhood.json")["connect_kinds"])


@cache
def complex_signals() -> tuple[CodeLabel, ...]:
    """The second, small checklist: signs at the level of a complex."""
    return _code_labels(_resource_json("checklist/buurtsignalen.json")["items"])


def _by_code(items: tuple[CodeLabel, ...], code: str, unknown: Message) -> CodeLabel:
    for item in items:
        if item.code == code:
            return item
    choices = ", ".join(i.code for i in items)
    raise ValidationError(unknown, field="kind", value=code, choices=choices)


def event_kind(code: str) -> CodeLabel:
    """The kind with this code; :class:`ValidationError` naming the choices otherwise."""
    return _by_code(event_kinds(), code, UNKNOWN_EVENT_KIND)


def complex_signal(code: str) -> CodeLabel:
    return _by_code(complex_signals(), code, UNKNOWN_COMPLEX_SIGNAL)


def _label_of(items: tuple[CodeLabel, ...], code: str, language: str | None) -> str:
    """A stored code's label; a code the data no longer has reads as itself."""
    for item in items:
        if item.code == code:
            return item.label(language)
    return code


# ---- writing ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ActionInput:
    description: str
    due_on: date | None = None


@dataclass(frozen=True, slots=True)
class EventInput:
    complex_id: str
    kind: str
    note: str
    occurred_on: date | None = None  # default: today
    signals: list[tuple[str, int]] = field(default_factory=list)  # (code, severity 1-3)
    partners: list[str] = field(default_factory=list)  # partner names
    actions: list[ActionInput] = field(default_factory=list)
    allow_bsn_like: bool = False


@dataclass(frozen=True, slots=True)
class EventResult:
    event_id: str
    complex_id: str
    signal_ids: tuple[str, ...]
    action_ids: tuple[str, ...]


def find_complex_option(session: Session, name_or_code: str) -> ComplexOption:
    """The complex with this code or name (one sentence when there is none)."""
    return find_complex(session, name_or_code)


def _require_complex(session: Session, complex_id: str) -> Complex:
    cpx = session.get(Complex, complex_id)
    if cpx is None:
        return session.get_one(Complex, find_complex(session, complex_id).id)
    return cpx


def add_event(session: Session, inp: EventInput) -> EventResult:
    """Record an event with its signs, partners and actions; everything is checked before
    anything is written, so a refusal leaves the vault as it was."""
    cpx = _require_complex(session, inp.complex_id)
    kind = event_kind(inp.kind)
    note = require_text(inp.note, NOTE, "note", NOTE_MAX, allow_bsn_like=inp.allow_bsn_like)
    signals = []
    for code, severity in inp.signals:
        item = complex_signal(code)
        if severity not in (1, 2, 3):
            raise ValidationError(BAD_SEVERITY, field="signals", code=code)
        signals.append((item.code, severity))
    partners: list[Partner] = []
    for name in inp.partners:
        partner = partner_by_name(session, name)
        if partner not in partners:
            partners.append(partner)
    actions = [
        (
            require_text(
                a.description, ACTION, "action", NOTE_MAX, allow_bsn_like=inp.allow_bsn_like
            ),
            a.due_on,
        )
        for a in inp.actions
    ]
    actor = session.info.get("actor")
    event = NeighbourhoodEvent(
        complex_id=cpx.id,
        occurred_on=inp.occurred_on or local_today(session.info["clock"]),
        kind=kind.code,
        note=note,
        staff_id=actor,
    )
    session.add(event)
    session.flush()
    links = [NeighbourhoodEventPartner(event_id=event.id, partner_id=p.id) for p in partners]
    sig_rows = [
        NeighbourhoodSignal(event_id=event.id, complex_id=cpx.id, code=code, severity=sev)
        for code, sev in signals
    ]
    act_rows = [
        NeighbourhoodAction(
            complex_id=cpx.id,
            event_id=event.id,
            description=text,
            due_on=due,
            status=FollowUpStatus.OPEN.value,
            assignee_id=actor,
        )
        for text, due in actions
    ]
    session.add_all([*links, *sig_rows, *act_rows])
    session.flush()
    return EventResult(
        event.id, cpx.id, tuple(r.id for r in sig_rows), tuple(r.id for r in act_rows)
    )


def add_action(
    session: Session,
    complex_id: str,
    description: str,
    due_on: date | None = None,
    *,
    event_id: str | None = None,
    allow_bsn_like: bool = False,
) -> str:
    """An action for a complex (optionally following up one of its events); its id."""
    cpx = _require_complex(session, complex_id)
    action = NeighbourhoodAction(
        complex_id=cpx.id,
        event_id=event_id,
        description=require_text(
            description, ACTION, "action", NOTE_MAX, allow_bsn_like=allow_bsn_like
        ),
        due_on=due_on,
        status=FollowUpStatus.OPEN.value,
        assignee_id=session.info.get("actor"),
    )
    session.add(action)
    session.flush()
    return action.id


def set_action_status(session: Session, action_id: str, status: FollowUpStatus) -> None:
    """Tick off (``gedaan``) or drop (``vervallen``) an open complex action."""
    action = session.get(NeighbourhoodAction, action_id)
    if action is None:
        raise NotFoundError(NO_SUCH_ACTION, action_id=action_id)
    if action.status != FollowUpStatus.OPEN.value:
        raise TransitionError(ACTION_CLOSED)
    action.status = status.value
    if status is FollowUpStatus.DONE:
        action.done_at = utc_naive(session.info["clock"].now())


# ---- reading ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SignalRow:
    code: str
    label_nl: str
    label_en: str
    severity: int


@dataclass(frozen=True, slots=True)
class ActionRow:
    id: str
    event_id: str | None
    description: str
    due_on: date | None
    status: str


@dataclass(frozen=True, slots=True)
class EventRow:
    id: str
    occurred_on: date
    kind: str
    kind_nl: str
    kind_en: str
    note: str
    partners: tuple[str, ...]
    signals: tuple[SignalRow, ...]
    actions: tuple[ActionRow, ...]


@dataclass(frozen=True, slots=True)
class HouseholdLevelRow:
    """One household in the complex, compact: not a second Huishoudens list."""

    id: str
    label: str
    address: str
    level: ConcernLevel
    next_check_in: date | None


@dataclass(frozen=True, slots=True)
class ComplexLog:
    complex: ComplexOption
    events: tuple[EventRow, ...]  # newest first
    open_actions: tuple[ActionRow, ...]  # by due date, undated last
    households: tuple[HouseholdLevelRow, ...]  # most concern first
    figures: dict[str, int]


def _action_row(a: NeighbourhoodAction) -> ActionRow:
    return ActionRow(a.id, a.event_id, a.description, a.due_on, a.status)


def timeline(session: Session, complex_id: str, limit: int | None = None) -> list[EventRow]:
    """The complex's events, newest first, each with its partners, signs and actions."""
    q = (
        select(NeighbourhoodEvent)
        .where(NeighbourhoodEvent.complex_id == complex_id)
        .options(
            selectinload(NeighbourhoodEvent.partners),
            selectinload(NeighbourhoodEvent.signals),
            selectinload(NeighbourhoodEvent.actions),
        )
        .order_by(NeighbourhoodEvent.occurred_on.desc(), NeighbourhoodEvent.created_at.desc())
    )
    if limit is not None:
        q = q.limit(limit)
    kinds = event_kinds()
    signs = complex_signals()
    rows = []
    for ev in session.scalars(q):
        rows.append(
            EventRow(
                id=ev.id,
                occurred_on=ev.occurred_on,
                kind=ev.kind,
                kind_nl=_label_of(kinds, ev.kind, "nl"),
                kind_en=_label_of(kinds, ev.kind, "en"),
                note=ev.note,
                partners=tuple(p.name for p in ev.partners),
                signals=tuple(
                    SignalRow(
                        s.code,
                        _label_of(signs, s.code, "nl"),
                        _label_of(signs, s.code, "en"),
                        s.severity,
                    )
                    for s in sorted(ev.signals, key=lambda s: s.code)
                ),
                actions=tuple(
                    _action_row(a)
                    for a in sorted(ev.actions, key=lambda a: (a.due_on is None, a.due_on))
                ),
            )
        )
    return rows


def open_actions(session: Session, complex_id: str) -> list[ActionRow]:
    rows = session.scalars(
        select(NeighbourhoodAction)
        .where(
            NeighbourhoodAction.complex_id == complex_id,
            NeighbourhoodAction.status == FollowUpStatus.OPEN.value,
        )
        .order_by(NeighbourhoodAction.due_on.is_(None), NeighbourhoodAction.due_on)
    )
    return [_action_row(a) for a in rows]


def households_in_complex(session: Session, complex_id: str) -> list[HouseholdLevelRow]:
    """The open households at the complex's addresses, most concern first, then by address."""
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
        .where(Address.complex_id == complex_id, Household.status == HouseholdStatus.OPEN.value)
    ).all()
    out = [
        HouseholdLevelRow(hid, label, street_line(st, nr, add), ConcernLevel(level), nxt)
        for hid, label, level, nxt, st, nr, add in rows
    ]
    out.sort(key=lambda r: (-r.level.rank, r.address, r.label))
    return out


def complex_log(session: Session, name_or_id: str, *, today: date | None = None) -> ComplexLog:
    """Everything the Buurt screen shows of one complex (by id, code or name)."""
    cpx = _require_complex(session, name_or_id)
    option = ComplexOption(cpx.id, cpx.name, cpx.code, cpx.wijk)
    events = timeline(session, cpx.id)
    actions = open_actions(session, cpx.id)
    households = households_in_complex(session, cpx.id)
    day = today or local_today(session.info["clock"])
    _months, start, _end = month_window(day)
    recent = [e for e in events if e.occurred_on >= start.date()]
    figures = {
        "events_12_months": len(recent),
        "signals_12_months": sum(len(e.signals) for e in recent),
        "open_actions": len(actions),
        "households": len(households),
        **{f"households_{lvl.value}": 0 for lvl in ConcernLevel},
    }
    for h in households:
        figures[f"households_{h.level.value}"] += 1
    return ComplexLog(option, tuple(events), tuple(actions), tuple(households), figures)


def neighbourhood_per_month(
    session: Session, scope: OverviewFilter | None = None, today: date | None = None
) -> Table:
    """For the Overzicht: neighbourhood events and complex signs per month, 12 months,
    within a complex and/or wijk (the complex's wijk)."""
    scope = scope or OverviewFilter()
    day = today or local_today(session.info["clock"])
    months, start, end = month_window(day)
    lo, hi = start.date(), end.date()

    def scoped(q: Any) -> Any:
        if scope.complex_id:
            q = q.where(NeighbourhoodEvent.complex_id == scope.complex_id)
        if scope.wijk:
            q = q.where(
                NeighbourhoodEvent.complex_id.in_(
                    select(Complex.id).where(Complex.wijk == scope.wijk)
                )
            )
        return q.where(NeighbourhoodEvent.occurred_on >= lo, NeighbourhoodEvent.occurred_on < hi)

    month = func.substr(NeighbourhoodEvent.occurred_on, 1, 7)
    events = dict(
        session.execute(
            scoped(select(month, func.count()).select_from(NeighbourhoodEvent).group_by(month))
        ).all()
    )
    signals = dict(
        session.execute(
            scoped(
                select(month, func.count())
                .select_from(NeighbourhoodSignal)
                .join(NeighbourhoodEvent, NeighbourhoodEvent.id == NeighbourhoodSignal.event_id)
                .group_by(month)
            )
        ).all()
    )
    return Table(
        key="neighbourhood_per_month",
        title_nl="Buurtgebeurtenissen en buurtsignalen per maand",
        title_en="Neighbourhood events and complex signals per month",
        columns=(
            Column("month", "Maand", "Month"),
            Column("events", "Gebeurtenissen", "Events"),
            Column("signals", "Buurtsignalen", "Complex signals"),
        ),
        rows=tuple((m, int(events.get(m, 0)), int(signals.get(m, 0))) for m in months),
    )

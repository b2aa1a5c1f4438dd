"""The Overzicht (overview) dashboard: aggregates per complex and wijk, computed in SQL.

Every figure is one ``GROUP BY`` query; Python only fills in empty months and turns a
handful of grouped rows into a wide table. The result is plain data (frozen dataclasses,
tuples, strings and ints): a chart can draw it, :func:`to_csv` writes it for Excel, and
it can cross threads (the GUI computes it in a background worker).

Filters: a complex (by id) and/or a wijk. The wijk of an address is its own ``wijk``, or
its complex's when the address has none. Months are calendar months of the stored
(UTC) timestamps; the window is the reference month and the 11 before it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import local_today
from waakvlam_desktop.domain.spreadsheet_csv import excel_csv
from waakvlam_desktop.domain.types import (
    ConcernLevel,
    HouseholdStatus,
    PartnerType,
    ReferralStatus,
    concern_label,
    partner_type_label,
    referral_status_label,
)
from waakvlam_desktop.errors import NotFoundError
from waakvlam_desktop.storage.models import (
    Address,
    AnonymisedSigns,
    AnonymisedVisits,
    ChecklistDomain,
    ChecklistItem,
    ChecklistTemplate,
    Complex,
    Household,
    Partner,
    Referral,
    SignalObservation,
    Visit,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message, translate

AMBIGUOUS_COMPLEX = Message(
    "overview.ambiguous_complex",
    QT_TRANSLATE_NOOP(
        "Errors", "There are {count} complexes named '{name}'; use the complex code."
    ),
)
NO_SUCH_COMPLEX = Message(
    "overview.no_such_complex", QT_TRANSLATE_NOOP("Errors", "Complex '{name}' does not exist.")
)

MONTHS = 12
NO_COMPLEX = QT_TRANSLATE_NOOP("Labels", "(no complex)")

TOTAL_LABELS: dict[str, str] = {
    "households": QT_TRANSLATE_NOOP("Labels", "Households (open)"),
    "overdue": QT_TRANSLATE_NOOP("Labels", "Check-in overdue"),
    "visits_12_months": QT_TRANSLATE_NOOP("Labels", "Visits, 12 months"),
    "signals_12_months": QT_TRANSLATE_NOOP("Labels", "Signals, 12 months"),
    "referrals_open": QT_TRANSLATE_NOOP("Labels", "Referrals in progress"),
}


def total_label(key: str, language: str | None = None) -> str:
    """The name of an overview total in ``language`` (default: the current one)."""
    return translate("Labels", TOTAL_LABELS[key], language)


def no_complex_label(language: str | None = None) -> str:
    """The row name for households without a complex."""
    return translate("Labels", NO_COMPLEX, language)


_K = TypeVar("_K")


def _both(label: Callable[[_K, str], str], key: _K) -> tuple[str, str]:
    """A label in Dutch and English, for the tables' (nl, en) pairs."""
    return label(key, "nl"), label(key, "en")


# ---- plain tables --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label_nl: str
    label_en: str

    def label(self, language: str = "nl") -> str:
        return self.label_en if language == "en" else self.label_nl


Cell = str | int


@dataclass(frozen=True, slots=True)
class Table:
    """A small table for one chart: a category column first, then the counts."""

    key: str
    title_nl: str
    title_en: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    # Labels for the codes in the first column (levels, partner types); empty: as they are.
    category_labels: dict[str, tuple[str, str]] = field(default_factory=dict)

    def title(self, language: str = "nl") -> str:
        return self.title_en if language == "en" else self.title_nl

    def category(self, code: Cell, language: str = "nl") -> str:
        labels = self.category_labels.get(str(code))
        if labels is None:
            return str(code)
        return labels[1] if language == "en" else labels[0]

    def column(self, key: str) -> list[Cell]:
        index = [c.key for c in self.columns].index(key)
        return [row[index] for row in self.rows]

    def total(self, key: str) -> int:
        return sum(int(v) for v in self.column(key))


def to_csv(table: Table, language: str = "nl") -> str:
    """The table for Dutch Excel: UTF-8 with BOM (the caller encodes), ``;``, CRLF."""
    return excel_csv(
        [c.label(language) for c in table.columns],
        ([table.category(row[0], language), *row[1:]] for row in table.rows),
    )


# ---- filters -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class OverviewFilter:
    complex_id: str | None = None
    wijk: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.complex_id or self.wijk)


@dataclass(frozen=True, slots=True)
class ComplexOption:
    id: str
    name: str
    code: str | None
    wijk: str


@dataclass(frozen=True, slots=True)
class FilterOptions:
    """What the filter drop-downs offer."""

    complexes: tuple[ComplexOption, ...]  # by name
    wijken: tuple[str, ...]  # sorted, without the empty wijk


def _wijk_expr() -> ColumnElement[str]:
    return func.coalesce(func.nullif(Address.wijk, ""), Complex.wijk, "")


def filter_options(session: Session) -> FilterOptions:
    complexes = session.execute(
        select(Complex.id, Complex.name, Complex.code, Complex.wijk).order_by(
            Complex.name, Complex.code
        )
    ).all()
    wijk = _wijk_expr()
    wijken = session.scalars(
        select(wijk)
        .select_from(Address)
        .outerjoin(Complex, Complex.id == Address.complex_id)
        .where(wijk != "")
        .distinct()
        .order_by(wijk)
    ).all()
    return FilterOptions(
        complexes=tuple(ComplexOption(*row) for row in complexes), wijken=tuple(wijken)
    )


def find_complex(session: Session, name_or_code: str) -> ComplexOption:
    """The complex with this code, or else with this name (case-insensitive)."""
    text = name_or_code.strip()
    row = session.execute(
        select(Complex.id, Complex.name, Complex.code, Complex.wijk).where(Complex.code == text)
    ).first()
    if row is None:
        rows = session.execute(
            select(Complex.id, Complex.name, Complex.code, Complex.wijk).where(
                func.lower(Complex.name) == text.lower()
            )
        ).all()
        if len(rows) > 1:
            raise NotFoundError(AMBIGUOUS_COMPLEX, count=len(rows), name=text)
        row = rows[0] if rows else None
    if row is None:
        raise NotFoundError(NO_SUCH_COMPLEX, name=text)
    return ComplexOption(*row)


def _scoped_addresses(scope: OverviewFilter) -> Select[str] | None:
    """The ids of the addresses inside the filter, or None when nothing is filtered."""
    if not scope.active:
        return None
    q = select(Address.id).outerjoin(Complex, Complex.id == Address.complex_id)
    if scope.complex_id:
        q = q.where(Address.complex_id == scope.complex_id)
    if scope.wijk:
        q = q.where(_wijk_expr() == scope.wijk)
    return q


_S = TypeVar("_S", bound="Select[*tuple[Any, ...]]")


def _in_scope(q: _S, address_col: Any, scope: OverviewFilter) -> _S:
    sub = _scoped_addresses(scope)
    return q if sub is None else q.where(address_col.in_(sub))


def _anonymised(q: _S, model: Any, months: list[str], scope: OverviewFilter) -> _S:
    """``q`` over an ``anonymised_*`` table (0022) limited to ``months`` and, through the
    household's anonymous address, to ``scope``."""
    q = q.where(model.month.between(_yyyymm(months[0]), _yyyymm(months[-1])))
    if not scope.active:
        return q
    return _in_scope(
        q.join(Household, Household.id == model.household_id), Household.address_id, scope
    )


# ---- months --------------------------------------------------------------------------------
def month_window(reference: date, months: int = MONTHS) -> tuple[list[str], datetime, datetime]:
    """(["2025-12", …, "2026-11"], start, end): ``months`` months up to the reference month."""
    index = reference.year * 12 + reference.month - 1
    keys = []
    for i in range(index - months + 1, index + 1):
        keys.append(f"{i // 12:04d}-{i % 12 + 1:02d}")
    first = index - months + 1
    start = datetime(first // 12, first % 12 + 1, 1)
    end = datetime((index + 1) // 12, (index + 1) % 12 + 1, 1)
    return keys, start, end


def _month(col: Any) -> ColumnElement[str]:
    # Timestamps are stored as text 'YYYY-MM-DD HH:MM:SS.ffffff' (SQLAlchemy's SQLite
    # form): the first 7 characters are the month, without strftime's date parsing.
    return func.substr(col, 1, 7)


def _month_text(number: int) -> str:
    """202611 -> '2026-11'."""
    return f"{number // 100:04d}-{number % 100:02d}"


def _yyyymm(month: str) -> int:
    """'2026-11' -> 202611, as ``signal_observation.visit_month`` holds it."""
    return int(month[:4]) * 100 + int(month[5:7])


# ---- the tables ----------------------------------------------------------------------------
def households_per_level(session: Session, scope: OverviewFilter) -> Table:
    """Open households per concern level (all four levels, zeros included)."""
    # count(*), not count(id): the index on (concern_level, next_check_in, status) answers
    # it alone, without reading the rows (22-38 -> 2.5-5 ms at 50,000 households).
    q = (
        select(Household.concern_level, func.count())
        .select_from(Household)
        .where(Household.status == HouseholdStatus.OPEN.value)
        .group_by(Household.concern_level)
    )
    counts = dict(session.execute(_in_scope(q, Household.address_id, scope)).all())
    return Table(
        key="households_per_level",
        title_nl="Huishoudens per zorgniveau",
        title_en="Households per concern level",
        columns=(
            Column("level", "Zorgniveau", "Concern level"),
            Column("households", "Huishoudens", "Households"),
        ),
        rows=tuple((lv.value, int(counts.get(lv.value, 0))) for lv in ConcernLevel),
        category_labels={lv.value: _both(concern_label, lv) for lv in ConcernLevel},
    )


def overdue_per_complex(session: Session, scope: OverviewFilter, today: date) -> Table:
    """Open households whose check-in date has passed, per complex and level, most first."""
    levels = list(ConcernLevel)
    total = func.count(Household.id)
    q = (
        select(
            Complex.name,
            Complex.code,
            *[func.sum(case((Household.concern_level == lv.value, 1), else_=0)) for lv in levels],
            total,
        )
        .select_from(Household)
        .join(Address, Address.id == Household.address_id)
        .outerjoin(Complex, Complex.id == Address.complex_id)
        .where(Household.status == HouseholdStatus.OPEN.value)
        .where(Household.next_check_in.is_not(None))
        .where(Household.next_check_in < today)
        .group_by(Address.complex_id)
        .order_by(total.desc(), Complex.name)
    )
    rows = session.execute(_in_scope(q, Household.address_id, scope)).all()
    no_complex = no_complex_label("nl")  # the row's code, as in the CSV
    return Table(
        key="overdue_per_complex",
        title_nl="Te late bezoeken per complex",
        title_en="Overdue check-ins per complex",
        columns=(
            Column("complex", "Complex", "Complex"),
            Column("code", "Complexnummer", "Complex code"),
            *[Column(lv.value, *_both(concern_label, lv)) for lv in levels],
            Column("total", "Totaal", "Total"),
        ),
        rows=tuple(
            (r[0] if r[0] is not None else no_complex, r[1] or "", *[int(v) for v in r[2:]])
            for r in rows
        ),
        category_labels={no_complex: (no_complex, no_complex_label("en"))},
    )


def _domains(session: Session) -> list[tuple[str, str, str]]:
    """(code, label_nl, label_en) of the active checklist's domains, in order."""
    return [
        (code, nl, en)
        for code, nl, en in session.execute(
            select(ChecklistDomain.code, ChecklistDomain.label_nl, ChecklistDomain.label_en)
            .join(ChecklistTemplate, ChecklistTemplate.id == ChecklistDomain.template_id)
            .where(ChecklistTemplate.active)
            .order_by(ChecklistDomain.position)
        )
    ]


def signals_per_domain_month(session: Session, scope: OverviewFilter, today: date) -> Table:
    """Signals observed per month (of the visit) and checklist domain, last 12 months."""
    months, start, end = month_window(today)
    counts: dict[tuple[str, str], int] = {}
    if scope.active:  # through the visits inside the filter: they give the address
        month = _month(Visit.visited_at)
        q = (
            select(month, ChecklistItem.domain, func.count())
            .select_from(SignalObservation)
            .join(Visit, Visit.id == SignalObservation.visit_id)
            .join(ChecklistItem, ChecklistItem.id == SignalObservation.item_id)
            .where(Visit.visited_at >= start, Visit.visited_at < end)
            .group_by(month, ChecklistItem.domain)
        )
        counts = {
            (m, d): int(n) for m, d, n in session.execute(_in_scope(q, Visit.address_id, scope))
        }
    else:
        # Every sign: counted per month and item from ix_signal_observation_month_item
        # alone, in its order (no visit read, no sort; storage/signal_months.py), then per
        # domain here.
        items = session.execute(select(ChecklistItem.id, ChecklistItem.domain))
        domain_of = {item: domain for item, domain in items}
        per_item = (
            select(SignalObservation.visit_month, SignalObservation.item_id, func.count())
            .where(
                SignalObservation.visit_month >= _yyyymm(months[0]),
                SignalObservation.visit_month <= _yyyymm(months[-1]),
            )
            .group_by(SignalObservation.visit_month, SignalObservation.item_id)
        )
        for number, item, n in session.execute(per_item):
            domain = domain_of.get(item)
            if number is not None and domain is not None:
                m = _month_text(number)
                counts[m, domain] = counts.get((m, domain), 0) + int(n)
    # Anonymised households' signs: counts per month and domain (0022).
    archived = _anonymised(
        select(
            AnonymisedSigns.month, AnonymisedSigns.domain, func.sum(AnonymisedSigns.signs)
        ).group_by(AnonymisedSigns.month, AnonymisedSigns.domain),
        AnonymisedSigns,
        months,
        scope,
    )
    for number, domain, n in session.execute(archived):
        m = _month_text(number)
        counts[m, domain] = counts.get((m, domain), 0) + int(n)
    domains = _domains(session)
    known = {code for code, _nl, _en in domains}
    domains += [(d, d, d) for d in sorted({d for _m, d in counts} - known)]  # older checklists
    return Table(
        key="signals_per_domain_month",
        title_nl="Signalen per domein per maand",
        title_en="Signals per domain per month",
        columns=(
            Column("month", "Maand", "Month"),
            *[Column(code, nl, en) for code, nl, en in domains],
        ),
        rows=tuple((m, *[counts.get((m, code), 0) for code, _nl, _en in domains]) for m in months),
    )


def referrals_per_partner_type(session: Session, scope: OverviewFilter) -> Table:
    """All referrals per partner type and current status."""
    q = (
        select(Partner.type, Referral.status, func.count(Referral.id))
        .select_from(Referral)
        .join(Partner, Partner.id == Referral.partner_id)
        .join(Household, Household.id == Referral.household_id)
        .group_by(Partner.type, Referral.status)
    )
    counts = {
        (t, st): int(n) for t, st, n in session.execute(_in_scope(q, Household.address_id, scope))
    }
    statuses = [s.value for s in ReferralStatus]
    statuses += sorted({st for _t, st in counts} - set(statuses))
    order = [t.value for t in PartnerType]
    types = sorted(
        {t for t, _st in counts}, key=lambda t: (order.index(t) if t in order else 99, t)
    )
    status_labels = {st.value: _both(referral_status_label, st) for st in ReferralStatus}
    return Table(
        key="referrals_per_partner_type",
        title_nl="Doorverwijzingen per soort partner en status",
        title_en="Referrals per partner type and status",
        columns=(
            Column("partner_type", "Soort partner", "Partner type"),
            *[Column(st, *status_labels.get(st, (st, st))) for st in statuses],
            Column("total", "Totaal", "Total"),
        ),
        rows=tuple(
            (
                t,
                *[counts.get((t, st), 0) for st in statuses],
                sum(counts.get((t, st), 0) for st in statuses),
            )
            for t in types
        ),
        category_labels={str(t): _both(partner_type_label, t) for t in PartnerType},
    )


def visits_per_month(session: Session, scope: OverviewFilter, today: date) -> Table:
    """Visits and distinct households visited per month, last 12 months."""
    months, start, end = month_window(today)
    month = _month(Visit.visited_at)
    q = (
        select(month, func.count(), func.count(func.distinct(Visit.household_id)))
        .select_from(Visit)
        .where(Visit.visited_at >= start, Visit.visited_at < end)
        .group_by(month)
    )
    counts = {
        m: (int(v), int(h)) for m, v, h in session.execute(_in_scope(q, Visit.address_id, scope))
    }
    # Anonymised households' visits: counts per month (0022). An anonymised household has
    # no visit left, so the households visited add up.
    archived = _anonymised(
        select(AnonymisedVisits.month, func.sum(AnonymisedVisits.visits), func.count()).group_by(
            AnonymisedVisits.month
        ),
        AnonymisedVisits,
        months,
        scope,
    )
    for number, v, h in session.execute(archived):
        m = _month_text(number)
        live_v, live_h = counts.get(m, (0, 0))
        counts[m] = (live_v + int(v), live_h + int(h))
    return Table(
        key="visits_per_month",
        title_nl="Huisbezoeken per maand",
        title_en="Home visits per month",
        columns=(
            Column("month", "Maand", "Month"),
            Column("visits", "Bezoeken", "Visits"),
            Column("households", "Bezochte huishoudens", "Households visited"),
        ),
        rows=tuple((m, *counts.get(m, (0, 0))) for m in months),
    )


# ---- everything at once --------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Overview:
    reference_date: date
    filter: OverviewFilter
    months: tuple[str, ...]
    households_per_level: Table
    overdue_per_complex: Table
    signals_per_domain_month: Table
    referrals_per_partner_type: Table
    visits_per_month: Table
    timings_ms: dict[str, float]  # per table, for benchmarks; not part of the CLI JSON

    @property
    def tables(self) -> tuple[Table, ...]:
        return (
            self.households_per_level,
            self.overdue_per_complex,
            self.signals_per_domain_month,
            self.referrals_per_partner_type,
            self.visits_per_month,
        )

    def totals(self) -> dict[str, int]:
        """Figures for the tiles above the charts."""
        open_statuses = (
            ReferralStatus.VERSTUURD,
            ReferralStatus.ONTVANGEN,
            ReferralStatus.IN_BEHANDELING,
        )
        signals = self.signals_per_domain_month
        return {
            "households": self.households_per_level.total("households"),
            "overdue": self.overdue_per_complex.total("total"),
            "visits_12_months": self.visits_per_month.total("visits"),
            "signals_12_months": sum(int(v) for row in signals.rows for v in row[1:]),
            "referrals_open": sum(
                self.referrals_per_partner_type.total(st.value) for st in open_statuses
            ),
        }


def compute_overview(
    session: Session,
    scope: OverviewFilter | None = None,
    *,
    today: date | None = None,
) -> Overview:
    """All five tables for ``scope`` (default: everything), as of ``today`` (default: clock)."""
    scope = scope or OverviewFilter()
    day = today or local_today(session.info["clock"])
    timings: dict[str, float] = {}

    def timed(key: str, fn: Callable[[], Table]) -> Table:
        start = time.perf_counter()
        table = fn()
        timings[key] = (time.perf_counter() - start) * 1000
        return table

    months, _start, _end = month_window(day)
    return Overview(
        reference_date=day,
        filter=scope,
        months=tuple(months),
        households_per_level=timed(
            "households_per_level", lambda: households_per_level(session, scope)
        ),
        overdue_per_complex=timed(
            "overdue_per_complex", lambda: overdue_per_complex(session, scope, day)
        ),
        signals_per_domain_month=timed(
            "signals_per_domain_month", lambda: signals_per_domain_month(session, scope, day)
        ),
        referrals_per_partner_type=timed(
            "referrals_per_partner_type", lambda: referrals_per_partner_type(session, scope)
        ),
        visits_per_month=timed("visits_per_month", lambda: visits_per_month(session, scope, day)),
        timings_ms=timings,
    )

"""Bewaartermijnen: what is removed when, and the purge itself.

Every household has a *reference date*: the day its case was closed (``closed_on``) or,
while it is still open, the day of its last activity (newest visit, referral status
change, or its creation). Each data category has its own term in months
(settings ``retention_months``):

- ``visit_notes``: the free text of visits and follow-ups;
- ``signals``: the remarks written with observed signs;
- ``referrals``: referral reasons, letter contexts, other-basis texts, stored letters,
  status notes and consent notes.

When a category's term has passed, its free text is blanked. When *every* term has
passed, the household is anonymised: residents (names, birth years, phone numbers) are
deleted, the label becomes "geanonimiseerd" and the household moves to an anonymous
address for its place: complex, wijk and city, as coarse as at least five of the
corporation's homes share it (``_anonymous_places``, no postcode). What survives is only
what statistics need: its visits, signs and concern levels as months (0022: how many
visits per month, how many signs per month and domain, the level at the end of each
month it changed; ``_count_away`` deletes the rows and the follow-ups), referral
partners and statuses.
Afterwards the FTS index is merged and the database vacuumed, so the removed
text is gone from the file, not just unreachable. See docs/privacy.md.

The audit log has a term of its own (setting ``audit_retention_months``, default 60): a run
replaces the events older than it by a signed checkpoint (``storage/audit.py``), from which
the chain still verifies.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Table,
    and_,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import local_today, utc_naive
from waakvlam_desktop.domain import tombstones
from waakvlam_desktop.domain.consent import ErasureReason, queue_erasure_requests
from waakvlam_desktop.domain.exports import PERIOD_ZONE, stored_month
from waakvlam_desktop.domain.households import get_household
from waakvlam_desktop.domain.settings import MIN_CELL_FLOOR, WHOLE_NUMBERS, load_settings
from waakvlam_desktop.domain.types import HouseholdStatus
from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.storage import audit, fts
from waakvlam_desktop.storage.batches import chunks
from waakvlam_desktop.storage.models import (
    Address,
    AnonymisedLevels,
    AnonymisedSigns,
    AnonymisedVisits,
    ChecklistItem,
    Colleague,
    Complex,
    ConcernLevelEntry,
    ConnectIntroduction,
    ConnectOffer,
    Draft,
    FollowUp,
    Household,
    ImportBase,
    MeetingAction,
    MeetingHousehold,
    NeighbourhoodAction,
    NeighbourhoodEvent,
    Referral,
    ReferralStatusEvent,
    Resident,
    Setting,
    SignalObservation,
    Tombstone,
    Visit,
    VisitCorrection,
    new_id,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message, translate

CLOSED_IN_FUTURE = Message(
    "retention.closed_in_future",
    QT_TRANSLATE_NOOP("Errors", "The closing date is in the future."),
)
ALREADY_ANONYMISED = Message(
    "retention.already_anonymised",
    QT_TRANSLATE_NOOP("Errors", "This household has already been anonymised."),
)
REOPEN_ANONYMISED = Message(
    "retention.reopen_anonymised",
    QT_TRANSLATE_NOOP("Errors", "An anonymised household cannot be reopened."),
)

CATEGORIES = ("visit_notes", "signals", "referrals")
ANONYMOUS_LABEL = "geanonimiseerd"
ANONYMOUS_STREET = tombstones.ANONYMOUS_STREET

CATEGORY_LABELS: dict[str, str] = {
    "visit_notes": QT_TRANSLATE_NOOP("Labels", "visit notes and follow-ups"),
    "signals": QT_TRANSLATE_NOOP("Labels", "signal remarks"),
    "referrals": QT_TRANSLATE_NOOP("Labels", "referrals and letters"),
}


def category_label(category: str, language: str | None = None) -> str:
    """A retention category in ``language`` (default: the current one)."""
    return translate("Labels", CATEGORY_LABELS[category], language)


# Every table that references a household or a resident, and what retention does with it.
# A new table with a household_id or resident_id column must be added here (and handled in
# purge_households and privacy/inzage.py): tests/unit/test_retention.py guards this.
HOUSEHOLD_TABLES: dict[str, str] = {
    "household": "label -> geanonimiseerd, moved to the anonymous address of its place (all"
    " terms passed)",
    "resident": "deleted (all terms passed)",
    "visit_resident": "deleted with the residents",
    "visit": "notes blanked (visit_notes); anonymised: counted per month, then deleted",
    "follow_up": "description blanked (visit_notes); deleted (anonymised)",
    "draft": "deleted (visit_notes): unsaved editor content",
    "visit_correction": "deleted (visit_notes): the notes as they were before a correction",
    "signal_observation": "remark and acute_response blanked (signals); anonymised: counted"
    " per month and domain, then deleted",
    "anonymised_visits": "made at anonymisation: visits per month; kept (no personal data)",
    "anonymised_signs": "made at anonymisation: signs per month and domain; kept",
    "concern_level_entry": "kept; anonymised: the level at the end of the first month and"
    " of each month it changed is kept (anonymised_levels), then deleted",
    "anonymised_levels": "made at anonymisation: the level per month it changed; kept",
    "referral": "reason, contexts, letter PDF, withdrawal note removed (referrals)",
    "audit_event": "kept: ids, actions and field names only",
    "referral_resident": "deleted with the residents (which residents a referral concerns)",
    "export_household": "kept: which partner received the household and when (AVG art. 15)",
    "erasure_request": "made for every partner that received the household (anonymised);"
    " kept: pseudonym, kenmerk, date, reason",
    "connect_offer": "approach blanked (visit_notes); deleted (anonymised) — and at once"
    " when the resident withdraws consent (domain/connect.py)",
    "connect_introduction": "outcome blanked (visit_notes, either household); deleted when"
    " either household is anonymised",
    "meeting_household": "decision blanked (visit_notes); deleted (anonymised): the household"
    " leaves the case conference's agenda and minutes",
    "meeting_action": "agreement text blanked (visit_notes); deleted (anonymised)",
}
# Buurt (neighbourhood_event, _signal, _action, _event_partner) names no household or
# resident: its notes have a term of their own (setting neighbourhood_retention_months),
# applied by purge_neighbourhood on every retention run.


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (31 Jan + 1 = 28/29 Feb)."""
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retention_terms(session: Session) -> dict[str, int]:
    """The term in months per category (settings, defaults shipped as data)."""
    configured = load_settings(session).retention_months
    return {c: int(configured[c]) for c in CATEGORIES}


# ---- closing a case ----------------------------------------------------------------------
def close_household(session: Session, household_id: str, on: date | None = None) -> date:
    """Close a household's case. Returns the review date (the first term that ends)."""
    hh = get_household(session, household_id)
    today = local_today(session.info["clock"])
    closed = on or today
    if closed > today:
        raise ValidationError(CLOSED_IN_FUTURE, field="closed_on")
    if hh.label == ANONYMOUS_LABEL and not hh.residents:
        raise ValidationError(ALREADY_ANONYMISED, field="status")
    terms = retention_terms(session)
    hh.status = HouseholdStatus.CLOSED.value
    hh.closed_on = closed
    hh.review_on = add_months(max(closed, last_activity(session, hh.id)), min(terms.values()))
    hh.next_check_in = None  # a closed case has no check-in rhythm
    session.flush()
    return hh.review_on


def reopen_household(session: Session, household_id: str) -> None:
    """Open a closed case again: the retention clock runs from its activity again."""
    hh = get_household(session, household_id)
    if tombstones.is_anonymised(session, hh.id) or (
        hh.label == ANONYMOUS_LABEL and not hh.residents
    ):
        raise ValidationError(REOPEN_ANONYMISED, field="status")
    hh.status = HouseholdStatus.OPEN.value
    hh.closed_on = None
    hh.review_on = None
    hh.next_check_in = local_today(session.info["clock"])
    session.flush()


def last_activity(session: Session, household_id: str) -> date:
    """The day of the household's newest activity: creation, visit, referral status."""
    hh = session.get(Household, household_id)
    assert hh is not None
    status_at = session.scalar(
        select(func.max(ReferralStatusEvent.at))
        .join(Referral, Referral.id == ReferralStatusEvent.referral_id)
        .where(Referral.household_id == household_id)
    )
    dates = [_as_date(hh.created_at), _as_date(hh.last_visit_at), _as_date(status_at)]
    return max(d for d in dates if d is not None)


# ---- the review list ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RetentionRow:
    """One household in the "Te verwijderen" list: plain data for the GUI and the CLI."""

    household_id: str
    label: str
    complex_name: str
    wijk: str
    status: str  # open | gesloten
    reason: str  # "gesloten" (case closed) | "inactief" (open, no activity)
    since: date  # closed_on, or the day of the last activity
    due_on: date  # the earliest expired term among ``categories``
    categories: tuple[str, ...]  # expired categories that still hold something
    anonymise: bool  # every term has passed: the household itself is anonymised
    visit_notes: int  # visits whose notes are removed
    follow_ups: int  # follow-ups whose description is removed
    signal_remarks: int
    referrals: int  # referrals whose texts are removed
    letters: int  # stored letter PDFs removed
    residents: int  # residents deleted
    drafts: int = 0  # unsaved editor drafts deleted


def _as_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(str(value)).date()


def _counts(session: Session, stmt: Any) -> dict[str, int]:
    return {hid: int(n) for hid, n in session.execute(stmt).all()}


def _counts_any(session: Session, stmt: Any) -> dict[str, Any]:
    return {k: v for k, v in session.execute(stmt).all()}


def _referral_text_filter() -> Any:
    return or_(
        Referral.reason != "",
        Referral.letter_context != "",
        Referral.basis_text != "",
        Referral.letter_pdf.is_not(None),
        Referral.consent_withdrawal_note != "",
    )


def _chunked_counts(session: Session, stmt_for: Any, ids: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for chunk in chunks(ids):
        counts.update(_counts(session, stmt_for(chunk)))
    return counts


def _rows_per_household(
    session: Session, model: Any, ids: list[str], *conditions: Any
) -> dict[str, int]:
    """Rows of ``model`` per household among ``ids`` that meet ``conditions``."""
    return _chunked_counts(
        session,
        lambda chunk: (
            select(model.household_id, func.count(model.id))
            .where(model.household_id.in_(chunk), *conditions)
            .group_by(model.household_id)
        ),
        ids,
    )


def retention_review(session: Session, today: date | None = None) -> list[RetentionRow]:
    """Every household with personal data whose term has passed, oldest first.

    Two steps, so the everyday case stays fast on a large vault: reference dates come from
    the household table and referral history alone; only the households with an expired
    term are counted (by their indexed household_id)."""
    today = today or local_today(session.info["clock"])
    terms = retention_terms(session)
    last_status = _counts_any(
        session,
        select(Referral.household_id, func.max(ReferralStatusEvent.at))
        .join(Referral, Referral.id == ReferralStatusEvent.referral_id)
        .group_by(Referral.household_id),
    )
    households = session.execute(
        select(
            Household.id,
            Household.label,
            Household.status,
            Household.closed_on,
            Household.created_at,
            Household.last_visit_at,
            Complex.name,
            Address.wijk,
            _is_anonymous_address(),
        )
        .join(Address, Address.id == Household.address_id)
        .outerjoin(Complex, Complex.id == Address.complex_id)
    ).all()
    candidates: list[tuple[Any, date, str, dict[str, date]]] = []
    for h in households:
        hid, status, closed_on = h[0], h[2], h[3]
        # Activity after a (back-dated) closing date still counts: never purge earlier than
        # the term after the last thing that happened.
        dates = [_as_date(h[4]), _as_date(h[5]), _as_date(last_status.get(hid))]
        closed = status == HouseholdStatus.CLOSED.value and closed_on is not None
        if closed:
            dates.append(_as_date(closed_on))
        since = max(d for d in dates if d is not None)
        expired = {
            c: add_months(since, m) for c, m in terms.items() if add_months(since, m) <= today
        }
        if expired:
            candidates.append((h, since, "gesloten" if closed else "inactief", expired))
    ids = [c[0][0] for c in candidates]
    notes = _rows_per_household(session, Visit, ids, Visit.notes != "")
    follow_ups = _rows_per_household(session, FollowUp, ids, FollowUp.description != "")
    remarks = _rows_per_household(session, SignalObservation, ids, SignalObservation.remark != "")
    referral_texts = _rows_per_household(session, Referral, ids, _referral_text_filter())
    status_notes = _chunked_counts(
        session,
        lambda chunk: (
            select(Referral.household_id, func.count(ReferralStatusEvent.id))
            .join(Referral, Referral.id == ReferralStatusEvent.referral_id)
            .where(Referral.household_id.in_(chunk), ReferralStatusEvent.note != "")
            .group_by(Referral.household_id)
        ),
        ids,
    )
    letters = _rows_per_household(session, Referral, ids, Referral.letter_pdf.is_not(None))
    residents = _rows_per_household(session, Resident, ids)
    drafts = _rows_per_household(session, Draft, ids)
    corrections = _rows_per_household(session, VisitCorrection, ids)
    responses = _rows_per_household(
        session,
        SignalObservation,
        ids,
        SignalObservation.acute_response.is_not(None) & (SignalObservation.acute_response != ""),
    )
    rows: list[RetentionRow] = []
    for (
        hid,
        label,
        status,
        _c,
        _cr,
        _lv,
        cpx,
        wijk,
        at_anonymous,
    ), since, reason, expired in candidates:
        left = {
            "visit_notes": notes.get(hid, 0)
            + follow_ups.get(hid, 0)
            + drafts.get(hid, 0)
            + corrections.get(hid, 0),
            "signals": remarks.get(hid, 0) + responses.get(hid, 0),
            "referrals": referral_texts.get(hid, 0) + status_notes.get(hid, 0),
        }
        categories = tuple(c for c in CATEGORIES if c in expired and left[c])
        anonymise = len(expired) == len(CATEGORIES) and (
            residents.get(hid, 0) > 0 or label != ANONYMOUS_LABEL or not at_anonymous
        )
        if not categories and not anonymise:
            continue
        due = [expired[c] for c in categories]
        if anonymise:
            due.append(max(expired.values()))
        rows.append(
            RetentionRow(
                household_id=hid,
                label=label,
                complex_name=cpx or "",
                wijk=wijk or "",
                status=status,
                reason=reason,
                since=since,
                due_on=min(due),
                categories=categories,
                anonymise=anonymise,
                visit_notes=notes.get(hid, 0) if "visit_notes" in expired else 0,
                follow_ups=follow_ups.get(hid, 0) if "visit_notes" in expired else 0,
                signal_remarks=remarks.get(hid, 0) if "signals" in expired else 0,
                referrals=referral_texts.get(hid, 0) if "referrals" in expired else 0,
                letters=letters.get(hid, 0) if "referrals" in expired else 0,
                residents=residents.get(hid, 0) if anonymise else 0,
                drafts=drafts.get(hid, 0) if "visit_notes" in expired else 0,
            )
        )
    rows.sort(key=lambda r: (r.due_on, r.label))
    return rows


# ---- the purge ---------------------------------------------------------------------------
AnonymousPlace = tuple[str | None, str, str]  # complex id, city, wijk
NOWHERE: AnonymousPlace = (None, "", "")


def _is_anonymous_address() -> ColumnElement[bool]:
    """An anonymous address: the street marker and number 0 (a real one has a number of 1
    or more, ``add_address`` and the import refuse 0, so a real street that happens to be
    spelled "(geanonimiseerd)" is never taken for one)."""
    return and_(Address.street == ANONYMOUS_STREET, Address.number == 0)


def _wijk_of_address() -> ColumnElement[str]:
    """An address's wijk, else its complex's (as the aggregate export reads it): a place
    that drops the complex keeps the wijk. The query must outer-join ``Complex``."""
    return func.coalesce(func.nullif(Address.wijk, ""), Complex.wijk, "")


def _level(place: AnonymousPlace) -> int:
    """0 complex, 1 wijk, 2 city, 3 nowhere."""
    cpx, city, wijk = place
    return 0 if cpx is not None else 1 if wijk else 2 if city else 3


def _coarser(place: AnonymousPlace) -> AnonymousPlace:
    """The next coarser place: complex -> wijk -> city -> nowhere."""
    _cpx, city, wijk = place
    if _level(place) == 0 and wijk:
        return (None, city, wijk)
    if _level(place) < 2:
        return (None, city, "")
    return NOWHERE


def _settle_places(homes: Counter[AnonymousPlace], k: int) -> dict[AnonymousPlace, AnonymousPlace]:
    """Each home's finest place -> the place its households are given, such that every
    place holds at least ``k`` of the homes (or every home is nowhere).

    The real homes stay in the vault, so anyone can apply this rule to them: a household
    given a place can only come from a home given that place. So the rule counts the homes
    that *end* at a place, not those that lie in it (a city that keeps a complex of its
    own has fewer homes left for the city's place). Level by level, finest first, a place
    with fewer than ``k`` goes one step coarser (it only adds to coarser places, which are
    counted after it); if "nowhere" then holds 1 to ``k - 1`` homes, the smallest places
    join it until it holds ``k``."""
    at = {home: home for home in homes}

    def counts() -> Counter[AnonymousPlace]:
        found: Counter[AnonymousPlace] = Counter()
        for home, n in homes.items():
            found[at[home]] += n
        return found

    for level in (0, 1, 2):
        found = counts()
        for home, place in at.items():
            if _level(place) == level and found[place] < k:
                at[home] = _coarser(place)
    found = counts()
    while 0 < found[NOWHERE] < k and len(found) > 1:
        smallest = min((p for p in found if p != NOWHERE), key=lambda p: (found[p], repr(p)))
        for home, place in at.items():
            if place == smallest:
                at[home] = NOWHERE
        found = counts()
    return at


def _anonymous_places(
    session: Session,
) -> Callable[[str | None, str, str], AnonymousPlace]:
    """Where an anonymised household may be said to have lived: its complex, wijk and city,
    but only as finely as at least ``min_cell`` (the aggregate export's smallest cell, 5
    or more) of the corporation's own homes end up sharing it (:func:`_settle_places`);
    else its wijk and city, else its city, else nothing. Until this version the anonymous
    address also kept the 4-digit postcode, and a complex with a single home in one
    postcode area gave that household away.

    The function returned takes the household's address (complex, city, wijk): a real
    home's or the anonymous address of an earlier anonymisation."""
    k = max(MIN_CELL_FLOOR, load_settings(session).aggregate_min_cell)
    wijk_of = _wijk_of_address()
    homes: Counter[AnonymousPlace] = Counter()
    for cpx, city, wijk, n in session.execute(
        select(Address.complex_id, Address.city, wijk_of, func.count())
        .outerjoin(Complex, Complex.id == Address.complex_id)
        .where(~_is_anonymous_address())
        .group_by(Address.complex_id, Address.city, wijk_of)
    ).all():
        homes[(cpx, city, wijk)] += n
    return place_finder(homes, k)


def place_finder(
    homes: Counter[AnonymousPlace], k: int
) -> Callable[[str | None, str, str], AnonymousPlace]:
    """The place of an address (complex, city, wijk) among ``homes`` (see
    :func:`_anonymous_places`)."""
    settled = _settle_places(homes, k)
    held = set(settled.values())

    def place(cpx: str | None, city: str, wijk: str) -> AnonymousPlace:
        # A real home: where the rule sent it. An anonymous address of an earlier rule
        # that is not also some home's finest place: the first of it and its coarser
        # places that homes end at.
        start: AnonymousPlace = (cpx, city, wijk)
        if start in settled:
            return settled[start]
        while start != NOWHERE and start not in held:
            start = _coarser(start)
        return start

    return place


def _anonymous_addresses(
    session: Session, household_ids: list[str], now: datetime
) -> dict[str, str]:
    """Household id -> the shared anonymous address it belongs at (created when missing):
    one per place of :func:`_anonymous_places`, without street, number or postcode. For a
    household already at an anonymous address the place is computed from that one. Only
    the households not at theirs yet are in the result."""
    current: list[tuple[str, str, str | None, str, str]] = []
    for chunk in chunks(household_ids):
        current += session.execute(
            select(
                Household.id,
                Household.address_id,
                Address.complex_id,
                Address.city,
                _wijk_of_address(),
            )
            .join(Address, Address.id == Household.address_id)
            .outerjoin(Complex, Complex.id == Address.complex_id)
            .where(Household.id.in_(chunk))
        ).all()
    place = _anonymous_places(session)
    existing: dict[AnonymousPlace, str] = {
        (cpx, city, wijk): aid
        for aid, cpx, city, wijk in session.execute(
            select(Address.id, Address.complex_id, Address.city, Address.wijk).where(
                _is_anonymous_address(), Address.postcode == ""
            )
        ).all()
    }
    actor = session.info.get("actor")
    result: dict[str, str] = {}
    new_rows: list[dict[str, Any]] = []
    for hid, at, cpx, city, wijk in current:
        key = place(cpx, city, wijk)
        if key not in existing:
            existing[key] = new_id()
            new_rows.append(
                {
                    "id": existing[key],
                    "created_at": now,
                    "updated_at": now,
                    "created_by": actor,
                    "updated_by": actor,
                    "complex_id": key[0],
                    "vhe_code": None,
                    "street": ANONYMOUS_STREET,
                    "number": 0,
                    "addition": "",
                    "postcode": "",
                    "city": key[1],
                    "wijk": key[2],
                }
            )
        if existing[key] != at:
            result[hid] = existing[key]
    if new_rows:
        session.connection().execute(insert(_table(Address)), new_rows)
    return result


def _move_to_anonymous_addresses(session: Session, household_ids: list[str], now: datetime) -> int:
    """Move each household to the anonymous address :func:`_anonymous_addresses` gives it,
    then delete the anonymous addresses nobody is at any more. Returns how many moved."""
    moves = _anonymous_addresses(session, household_ids, now)
    _update_households(
        session,
        [{"hid": hid, "aid": aid} for hid, aid in moves.items()],
        address_id=bindparam("aid"),
    )
    session.execute(  # a visit of an earlier version's anonymisation may still point
        delete(Address).where(
            _is_anonymous_address(),
            Address.id.not_in(select(Household.address_id)),
            Address.id.not_in(select(Visit.address_id)),
        ),
        execution_options={"synchronize_session": False},
    )
    return len(moves)


def _blur_creation(session: Session, household_ids: Sequence[str]) -> None:
    """An anonymised household keeps the month it was created in (Dutch time: whether it
    was known at the end of a period is all the aggregate export asks, and its periods are
    whole months), not the moment, nor who created it. The moment matched its real
    address's when both were made in one go (the "new household" dialog, ``household
    add``), and so named its home (review of 0023)."""
    blurred = []
    for hid, created, creator in session.execute(
        select(Household.id, Household.created_at, Household.created_by).where(
            Household.id.in_(household_ids)
        )
    ).all():
        month = stored_month(created)
        first = utc_naive(datetime(month // 100, month % 100, 1, tzinfo=PERIOD_ZONE))
        if created != first or creator is not None:  # a whole run sees every one again
            blurred.append({"hid": hid, "at": first})
    _update_households(session, blurred, created_at=bindparam("at"), created_by=None)


def _update_households(session: Session, rows: list[dict[str, Any]], **values: Any) -> None:
    """One UPDATE of ``household`` run for each of ``rows`` (its id as ``hid``), setting
    ``values`` (bound parameters name the rows' other keys)."""
    if rows:
        household_t = _table(Household)
        session.connection().execute(
            update(household_t).where(household_t.c.id == bindparam("hid")).values(**values),
            rows,
        )


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


@dataclass(slots=True)
class CountedAway:
    """Per household: the rows ``_count_away`` turned into counts per month, and the
    follow-ups it deleted."""

    visits: Counter[str] = field(default_factory=Counter)
    signs: Counter[str] = field(default_factory=Counter)
    levels: Counter[str] = field(default_factory=Counter)
    follow_ups: Counter[str] = field(default_factory=Counter)

    def update(self, other: CountedAway) -> None:
        for name in ("visits", "signs", "levels", "follow_ups"):
            getattr(self, name).update(getattr(other, name))

    def detail(self, household_id: str) -> str:
        """The part of the purge's audit detail that says what went, for one household."""
        return (
            f"zorgniveaus_geteld={self.levels[household_id]}"
            f";bezoeken_geteld={self.visits[household_id]}"
            f";signalen_geteld={self.signs[household_id]}"
            f";acties_verwijderd={self.follow_ups[household_id]}"
        )

    def totals(self) -> tuple[int, int, int, int]:
        return (
            self.levels.total(),
            self.visits.total(),
            self.signs.total(),
            self.follow_ups.total(),
        )


def _add_counts(
    session: Session, model: Any, rows: dict[tuple[Any, ...], Any], *, add: bool = True
) -> None:
    """Insert ``rows`` (primary key -> value) into an ``anonymised_*`` table. A key that is
    there already gets the sum (``add``: a count) or the new value (a level)."""
    if not rows:
        return
    table = _table(model)
    keys = list(table.primary_key.columns)
    (value,) = [c for c in table.columns if not c.primary_key]
    upsert = sqlite_insert(table)
    new = upsert.excluded[value.name]
    session.connection().execute(
        upsert.on_conflict_do_update(
            index_elements=keys, set_={value.name: value + new if add else new}
        ),
        [
            {**{c.name: k for c, k in zip(keys, key, strict=True)}, value.name: v}
            for key, v in rows.items()
        ],
    )


def _level_months(session: Session, household_ids: Sequence[str]) -> dict[tuple[int, str], str]:
    """(month, household) -> the level at the end of that month, for the first month of
    each household and each month its level changed. Of two entries at one moment the one
    written last counts, as in the aggregate export."""
    entry = ConcernLevelEntry
    last_of_month: dict[tuple[str, int], str] = {}  # in time order per household
    for hid, at, level in session.execute(
        select(entry.household_id, entry.set_at, entry.level)
        .where(entry.household_id.in_(household_ids))
        .order_by(entry.household_id, entry.set_at, literal_column("concern_level_entry.rowid"))
    ):
        last_of_month[hid, stored_month(at)] = level
    changes: dict[tuple[int, str], str] = {}
    before: tuple[str, str] | None = None
    for (hid, month), level in last_of_month.items():
        if before != (hid, level):
            changes[month, hid] = level
        before = (hid, level)
    return changes


def _forget_digests(session: Session, row_ids: Iterable[Any]) -> None:
    """Delete a colleague's digests (``import_base``, a three-way merge's base) of the rows
    that ``row_ids`` (selects of ids) name: a digest of a whole row would let a guessed row
    be confirmed. Looked up by the table's key (colleague, row), not by a scan; nothing
    to do in a vault that never imported."""
    if session.scalar(select(ImportBase.row_id).limit(1)) is None:
        return
    colleagues = select(Colleague.id)
    for rows in row_ids:
        session.execute(
            delete(ImportBase).where(
                ImportBase.colleague_id.in_(colleagues), ImportBase.row_id.in_(rows)
            ),
            execution_options={"synchronize_session": False},
        )


def _forget_household_digests(session: Session, household_ids: Sequence[str]) -> None:
    """A colleague's digests of the anonymised households' rows, taken before they changed:
    the household and its residents, referrals, agreements and meeting rows (what
    ``_count_away`` removes forgets its own)."""
    referrals = select(Referral.id).where(Referral.household_id.in_(household_ids))
    _forget_digests(
        session,
        (
            select(Household.id).where(Household.id.in_(household_ids)),
            select(Resident.id).where(Resident.household_id.in_(household_ids)),
            referrals,
            select(ReferralStatusEvent.id).where(ReferralStatusEvent.referral_id.in_(referrals)),
            select(ConnectOffer.id).where(ConnectOffer.household_id.in_(household_ids)),
            select(ConnectIntroduction.id).where(
                or_(
                    ConnectIntroduction.household_id.in_(household_ids),
                    ConnectIntroduction.other_household_id.in_(household_ids),
                )
            ),
            select(MeetingHousehold.id).where(MeetingHousehold.household_id.in_(household_ids)),
            select(MeetingAction.id).where(MeetingAction.household_id.in_(household_ids)),
            select(VisitCorrection.id).where(VisitCorrection.household_id.in_(household_ids)),
        ),
    )


def _count_away(session: Session, household_ids: Sequence[str]) -> CountedAway:
    """Replace the visits, observed signs and concern-level entries of the anonymised
    ``household_ids`` by what the statistics ask of them, per month (0022, #16):

    - ``anonymised_visits``: how many visits a household had in a month (Dutch time);
    - ``anonymised_signs``: how many signs per month (of their visit) and checklist domain;
    - ``anonymised_levels``: the level at the end of the first month and of each month in
      which it changed (the aggregate export asks for it at the end of a period).

    That answers every statistic (visits and households visited per month, signs per
    domain, which households had a visit or a sign of a domain in a period, the level at
    the end of a period). The rows themselves go, with their moments, kinds, staff
    members, items, severities and suggested levels; and the household's follow-ups (no
    statistic reads them, and nobody can do them any more). A sign of another household on
    one of these visits goes too and is counted under its own household; a pointer from
    another household's row to what goes is cleared."""
    plain = {"synchronize_session": False}
    their_visits = select(Visit.id).where(Visit.household_id.in_(household_ids))
    their_signs = select(SignalObservation.id).where(
        or_(
            SignalObservation.household_id.in_(household_ids),
            SignalObservation.visit_id.in_(their_visits),
        )
    )
    their_entries = select(ConcernLevelEntry.id).where(
        ConcernLevelEntry.household_id.in_(household_ids)
    )
    their_follow_ups = select(FollowUp.id).where(FollowUp.household_id.in_(household_ids))

    visits: Counter[tuple[int, str]] = Counter()
    for hid, at in session.execute(
        select(Visit.household_id, Visit.visited_at).where(Visit.household_id.in_(household_ids))
    ):
        visits[stored_month(at), hid] += 1
    signs: Counter[tuple[int, str, str]] = Counter()
    for hid, at, domain in session.execute(
        select(SignalObservation.household_id, Visit.visited_at, ChecklistItem.domain)
        .join(Visit, Visit.id == SignalObservation.visit_id)
        .join(ChecklistItem, ChecklistItem.id == SignalObservation.item_id)
        .where(SignalObservation.id.in_(their_signs))
    ):
        signs[stored_month(at), hid, domain] += 1
    _add_counts(session, AnonymisedVisits, visits)
    _add_counts(session, AnonymisedSigns, signs)
    _add_counts(session, AnonymisedLevels, _level_months(session, household_ids), add=False)

    # Pointers to what goes, from rows that stay (a linked sign of a referral goes with
    # the sign: ON DELETE CASCADE).
    for model in (FollowUp, ConcernLevelEntry, Referral):
        session.execute(
            update(model).where(model.visit_id.in_(their_visits)).values(visit_id=None),
            execution_options=plain,
        )
    session.execute(
        update(FollowUp).where(FollowUp.signal_id.in_(their_signs)).values(signal_id=None),
        execution_options=plain,
    )
    _forget_digests(session, (their_visits, their_signs, their_entries, their_follow_ups))
    session.execute(
        delete(VisitCorrection).where(VisitCorrection.visit_id.in_(their_visits)),
        execution_options=plain,
    )

    def gone(model: Any, rows: Any) -> Counter[str]:
        return Counter(
            session.scalars(
                delete(model).where(model.id.in_(rows)).returning(model.household_id),
                execution_options=plain,
            )
        )

    counted = CountedAway()
    counted.signs = gone(SignalObservation, their_signs)
    counted.levels = gone(ConcernLevelEntry, their_entries)
    counted.follow_ups = gone(FollowUp, their_follow_ups)
    counted.visits = gone(Visit, their_visits)
    return counted


def purge_households(session: Session, rows: list[RetentionRow]) -> None:
    """Remove what ``rows`` list, with set-based Core statements (no ORM objects are
    loaded or left stale), and record one audit event and a tombstone per household and
    erased category, or the one ``anonymised`` tombstone that covers them all
    (``domain/tombstones.py``: a handover or a backup never brings it back)."""
    now = utc_naive(session.info["clock"].now())
    stamp = {"updated_at": now, "updated_by": session.info.get("actor")}
    plain = {"synchronize_session": False}

    def ids_for(category: str) -> list[str]:
        return [r.household_id for r in rows if category in r.categories]

    for chunk in chunks(ids_for("visit_notes")):
        session.execute(
            update(Visit)
            .where(Visit.household_id.in_(chunk), Visit.notes != "")
            .values(notes="", **stamp),
            execution_options=plain,
        )
        session.execute(
            update(FollowUp)
            .where(FollowUp.household_id.in_(chunk), FollowUp.description != "")
            .values(description="", **stamp),
            execution_options=plain,
        )
        session.execute(delete(Draft).where(Draft.household_id.in_(chunk)), execution_options=plain)
        session.execute(
            update(ConnectOffer)
            .where(ConnectOffer.household_id.in_(chunk), ConnectOffer.approach != "")
            .values(approach="", **stamp),
            execution_options=plain,
        )
        session.execute(
            update(ConnectIntroduction)
            .where(
                or_(
                    ConnectIntroduction.household_id.in_(chunk),
                    ConnectIntroduction.other_household_id.in_(chunk),
                ),
                ConnectIntroduction.outcome != "",
            )
            .values(outcome="", **stamp),
            execution_options=plain,
        )
        session.execute(
            delete(VisitCorrection).where(VisitCorrection.household_id.in_(chunk)),
            execution_options=plain,
        )
        session.execute(
            update(MeetingHousehold)
            .where(MeetingHousehold.household_id.in_(chunk), MeetingHousehold.decision != "")
            .values(decision="", **stamp),
            execution_options=plain,
        )
        session.execute(
            update(MeetingAction)
            .where(MeetingAction.household_id.in_(chunk), MeetingAction.description != "")
            .values(description="", **stamp),
            execution_options=plain,
        )
    for chunk in chunks(ids_for("signals")):
        session.execute(
            update(SignalObservation)
            .where(SignalObservation.household_id.in_(chunk), SignalObservation.remark != "")
            .values(remark="", **stamp),
            execution_options=plain,
        )
        session.execute(  # what was done about an acute sign: free text too
            update(SignalObservation)
            .where(
                SignalObservation.household_id.in_(chunk),
                SignalObservation.acute_response.is_not(None),
                SignalObservation.acute_response != "",
            )
            .values(acute_response="", **stamp),
            execution_options=plain,
        )
    for chunk in chunks(ids_for("referrals")):
        session.execute(
            update(Referral)
            .where(Referral.household_id.in_(chunk), _referral_text_filter())
            .values(
                reason="",
                letter_context="",
                basis_text="",
                letter_pdf=None,
                consent_withdrawal_note="",
                **stamp,
            ),
            execution_options=plain,
        )
        session.execute(
            update(ReferralStatusEvent)
            .where(
                ReferralStatusEvent.referral_id.in_(
                    select(Referral.id).where(Referral.household_id.in_(chunk))
                ),
                ReferralStatusEvent.note != "",
            )
            .values(note="", **stamp),
            execution_options=plain,
        )
    anonymise = [r for r in rows if r.anonymise]
    anon_ids = [r.household_id for r in anonymise]
    # The visits need no move: they are counted away below (``_count_away``).
    _move_to_anonymous_addresses(session, anon_ids, now)
    counted = CountedAway()  # what became counts per month, per household
    today = local_today(session.info["clock"])
    for hid in anon_ids:
        # Every partner that ever received the household is asked to erase it (AVG art. 19).
        queue_erasure_requests(session, hid, ErasureReason.RETENTION, today)
    for chunk in chunks(anon_ids):
        _forget_household_digests(session, chunk)
        # Offers and introductions name residents: they go before the residents do.
        session.execute(
            delete(ConnectOffer).where(ConnectOffer.household_id.in_(chunk)),
            execution_options=plain,
        )
        session.execute(
            delete(ConnectIntroduction).where(
                or_(
                    ConnectIntroduction.household_id.in_(chunk),
                    ConnectIntroduction.other_household_id.in_(chunk),
                )
            ),
            execution_options=plain,
        )
        # The case conference's records of the household: off its agenda and minutes.
        session.execute(
            delete(MeetingAction).where(MeetingAction.household_id.in_(chunk)),
            execution_options=plain,
        )
        session.execute(
            delete(MeetingHousehold).where(MeetingHousehold.household_id.in_(chunk)),
            execution_options=plain,
        )
        # visit_resident rows go with the residents (ON DELETE CASCADE).
        session.execute(
            delete(Resident).where(Resident.household_id.in_(chunk)), execution_options=plain
        )
        _blur_creation(session, chunk)
        counted.update(_count_away(session, chunk))
        session.execute(
            update(Household)
            .where(Household.id.in_(chunk))
            .values(
                label=ANONYMOUS_LABEL,
                status=HouseholdStatus.CLOSED.value,
                review_on=None,
                next_check_in=None,
                **stamp,
            ),
            execution_options=plain,
        )
    never_closed: dict[date, list[str]] = {}
    for r in anonymise:
        if r.reason != "gesloten":
            never_closed.setdefault(r.since, []).append(r.household_id)
    for since, hids in never_closed.items():
        for chunk in chunks(hids):
            session.execute(
                update(Household)
                .where(Household.id.in_(chunk), Household.closed_on.is_(None))
                .values(closed_on=since),
                execution_options=plain,
            )
    stones: list[tombstones.TombstoneRow] = []
    for row in rows:
        # "anonymised" covers every category (nothing of the household comes back, and a
        # restore erases every category again): one tombstone, not four (#16).
        kinds = (tombstones.ANONYMISED,) if row.anonymise else row.categories
        stones += [tombstones.TombstoneRow("household", row.household_id, k, now) for k in kinds]
    tombstones.record(session, stones)
    for row in rows:
        counts = (
            f"notities={row.visit_notes},acties={row.follow_ups},"
            f"opmerkingen={row.signal_remarks},verwijzingen={row.referrals},"
            f"brieven={row.letters},bewoners={row.residents},concepten={row.drafts}"
        )
        detail = (
            "categorieen="
            + ",".join(row.categories)
            + ";"
            + counts
            + (f";geanonimiseerd;{counted.detail(row.household_id)}" if row.anonymise else "")
        )
        audit.record(
            session,
            "purge",
            "household",
            row.household_id,
            household_id=row.household_id,
            detail=detail,
        )


def purge_household(session: Session, row: RetentionRow) -> None:
    """Remove what one review row lists (see :func:`purge_households`)."""
    purge_households(session, [row])


def purge_neighbourhood(session: Session, today: date) -> int:
    """Blank the notes of complex events older than the Buurt term (and the texts of their
    actions that are closed); kind, day and complex signs stay for the counts. Returns the
    number of events blanked (one audit event for all of them, no personal data)."""
    months = load_settings(session).neighbourhood_retention_months
    cutoff = add_months(today, -months)
    now = utc_naive(session.info["clock"].now())
    stamp = {"updated_at": now, "updated_by": session.info.get("actor")}
    plain = {"synchronize_session": False}
    old = select(NeighbourhoodEvent.id).where(NeighbourhoodEvent.occurred_on < cutoff)
    stale = (NeighbourhoodEvent.occurred_on < cutoff, NeighbourhoodEvent.note != "")
    blanked = session.scalar(select(func.count()).select_from(NeighbourhoodEvent).where(*stale))
    if blanked:
        session.execute(
            update(NeighbourhoodEvent).where(*stale).values(note="", **stamp),
            execution_options=plain,
        )
    session.execute(
        update(NeighbourhoodAction)
        .where(
            NeighbourhoodAction.event_id.in_(old),
            NeighbourhoodAction.status != "open",
            NeighbourhoodAction.description != "",
        )
        .values(description="", **stamp),
        execution_options=plain,
    )
    if blanked:
        audit.record(
            session,
            "purge",
            "neighbourhood_event",
            None,
            detail=f"buurt_notities={blanked};voor={cutoff.isoformat()}",
        )
    return int(blanked or 0)


@dataclass(frozen=True, slots=True)
class RetentionResult:
    dry_run: bool
    today: date
    rows: tuple[RetentionRow, ...]
    vacuumed: bool
    neighbourhood_notes: int = 0  # complex events whose note was blanked
    audit_events: int = 0  # audit events past the audit term, replaced by a checkpoint
    audit_checkpoint: int | None = None  # the last event the new checkpoint replaced

    @property
    def households(self) -> int:
        return len(self.rows)

    def totals(self) -> dict[str, int]:
        return {
            "households": len(self.rows),
            "anonymised": sum(r.anonymise for r in self.rows),
            "visit_notes": sum(r.visit_notes for r in self.rows),
            "follow_ups": sum(r.follow_ups for r in self.rows),
            "signal_remarks": sum(r.signal_remarks for r in self.rows),
            "referrals": sum(r.referrals for r in self.rows),
            "letters": sum(r.letters for r in self.rows),
            "residents": sum(r.residents for r in self.rows),
            "drafts": sum(r.drafts for r in self.rows),
        }


VACUUM_PENDING_KEY = "retention_vacuum_pending"


def _vacuum_pending(session: Session) -> bool:
    return session.get(Setting, VACUUM_PENDING_KEY) is not None


def _set_vacuum_pending(session: Session, pending: bool) -> None:
    row = session.get(Setting, VACUUM_PENDING_KEY)
    if pending and row is None:
        session.add(Setting(key=VACUUM_PENDING_KEY, value_json="true"))
    elif not pending and row is not None:
        session.delete(row)


def thin_anonymised(session: Session) -> tuple[int, int, int, int, int, int]:
    """What anonymisation leaves since this version, for households anonymised by an
    earlier one (they are never anonymised again): their visits, signs and concern-level
    entries become counts per month and their follow-ups go (``_count_away``, 0022), the
    category tombstones beside their "anonymised" one go, and each moves to the anonymous
    address its place gives now (:func:`_anonymous_places`: no postcode, and as coarse as
    the corporation's addresses require; the emptied ones are deleted). Returns (entries,
    visits, signs, follow-ups, tombstones, moved); one audit event when anything changed."""
    plain = {"synchronize_session": False}
    anonymised = list(
        session.scalars(
            select(Tombstone.entity_id).where(
                Tombstone.entity == "household", Tombstone.what == tombstones.ANONYMISED
            )
        )
    )
    counted = CountedAway()
    stones = 0
    for chunk in chunks(anonymised):
        _forget_household_digests(session, chunk)
        _blur_creation(session, chunk)
        counted.update(_count_away(session, chunk))
        gone = session.execute(
            delete(Tombstone).where(
                Tombstone.entity == "household",
                Tombstone.entity_id.in_(chunk),
                Tombstone.what.in_(CATEGORIES),
            ),
            execution_options=plain,
        )
        stones += cast(CursorResult[Any], gone).rowcount
    # After the counting: an earlier version's visits pointed at the anonymous address too.
    moved = _move_to_anonymous_addresses(
        session, anonymised, utc_naive(session.info["clock"].now())
    )
    entries, visits, signs, follow_ups = counted.totals()
    if entries or visits or signs or follow_ups or stones or moved:
        audit.record(
            session,
            "purge",
            "concern_level_entry",
            detail=f"zorgniveaus_geteld={entries};bezoeken_geteld={visits}"
            f";signalen_geteld={signs};acties_verwijderd={follow_ups};grafstenen={stones}"
            f";verhuisd={moved}",
        )
    return entries, visits, signs, follow_ups, stones, moved


def run_retention(
    vault: Any,
    today: date | None = None,
    *,
    dry_run: bool = False,
    only: Iterable[str] = (),
    whole_run: bool | None = None,
) -> RetentionResult:
    """Purge what the review list shows (or only the households in ``only``), then vacuum.

    ``whole_run``: also blank the old neighbourhood notes and replace the audit events past
    the audit term by a signed checkpoint. By default only when ``only`` is empty; the GUI
    passes the list it showed and confirmed (never a household that expired since) and
    ``whole_run=True``, as its "clean up" is the organisation's retention run.

    ``vault`` is an open :class:`~waakvlam_desktop.storage.vault.Vault`; the purge is one
    transaction, the VACUUM runs after it on the same vault. When the database is busy
    (the app holds it), the purge stands and the VACUUM is marked pending: the next run
    finishes it, even when nothing new has expired (``vacuumed`` tells which happened).
    """
    wanted = set(only)
    whole = not wanted if whole_run is None else whole_run
    with vault.session() as s:
        day = today or local_today(s.info["clock"])
        rows = [r for r in retention_review(s, day) if not wanted or r.household_id in wanted]
        pending = _vacuum_pending(s)
        if dry_run:
            return RetentionResult(dry_run, day, tuple(rows), vacuumed=False)
        blanked = purge_neighbourhood(s, day) if whole else 0
        if rows:
            purge_households(s, rows)
            fts.optimize(s)
        thinned = any(thin_anonymised(s)) if whole else False
        # The audit log's own term; not when purging chosen households only.
        replaced = audit.checkpoint_before(s, audit_term_start(s, day)) if whole else None
        if not rows and not pending and not blanked and not thinned and replaced is None:
            return RetentionResult(dry_run, day, tuple(rows), vacuumed=False)
        _set_vacuum_pending(s, True)
    done = vault.vacuum()
    if done:
        with vault.session() as s:
            _set_vacuum_pending(s, False)
        vault.checkpoint()
    return RetentionResult(
        False,
        day,
        tuple(rows),
        vacuumed=done,
        neighbourhood_notes=blanked,
        audit_events=replaced.replaced if replaced else 0,
        audit_checkpoint=replaced.seq if replaced else None,
    )


def audit_term_start(session: Session, today: date) -> datetime:
    """The moment (naive UTC) before which audit events are past the audit term: local
    midnight ``audit_retention_months`` months before ``today``. A value outside the
    setting's range (written into the vault behind the app's back) is held to it."""
    low, high, _ = WHOLE_NUMBERS["audit_retention_months"]
    months = load_settings(session).audit_retention_months
    months = min(max(months, low), high) if isinstance(months, int) else high
    first_kept = add_months(today, -months)
    return utc_naive(datetime.combine(first_kept, datetime.min.time()).astimezone())


# ---- tombstones after a restore ------------------------------------------------------------
def reapply_tombstones(
    session: Session, stones: Iterable[tombstones.TombstoneRow]
) -> list[tombstones.TombstoneRow]:
    """Erase again what ``stones`` say was erased (a restored backup predates them).

    Tombstones this vault already has are skipped; the rest are stored with their original
    dates, then the purge and the consent withdrawal are repeated. Returns what was
    re-applied (no personal data: ids, kinds, dates)."""
    wanted = list(stones)
    have = tombstones.tombstones_for(session, [t.entity_id for t in wanted])
    present: dict[str, set[str]] = {"household": set(), "referral": set(), "resident": set()}
    ids = sorted({t.entity_id for t in wanted})
    for chunk in chunks(ids):
        present["household"].update(
            session.scalars(select(Household.id).where(Household.id.in_(chunk)))
        )
        present["referral"].update(
            session.scalars(select(Referral.id).where(Referral.id.in_(chunk)))
        )
        present["resident"].update(
            session.scalars(select(Resident.id).where(Resident.id.in_(chunk)))
        )
    new = [
        t
        for t in wanted
        if t.what not in have.get(t.entity_id, {}) and t.entity_id in present.get(t.entity, set())
    ]
    if not new:
        return []
    tombstones.record(session, new)  # first: the original dates stay
    kinds: dict[str, set[str]] = {}
    since: dict[str, date] = {}
    for t in new:
        if t.entity == "household":
            kinds.setdefault(t.entity_id, set()).add(t.what)
            since[t.entity_id] = min(since.get(t.entity_id, t.erased_at.date()), t.erased_at.date())
    hids = sorted(kinds)
    notes = _rows_per_household(session, Visit, hids, Visit.notes != "")
    follow_ups = _rows_per_household(session, FollowUp, hids, FollowUp.description != "")
    remarks = _rows_per_household(session, SignalObservation, hids, SignalObservation.remark != "")
    referral_texts = _rows_per_household(session, Referral, hids, _referral_text_filter())
    letters = _rows_per_household(session, Referral, hids, Referral.letter_pdf.is_not(None))
    residents = _rows_per_household(session, Resident, hids)
    drafts = _rows_per_household(session, Draft, hids)
    rows = []
    for hid in hids:
        anonymise = tombstones.ANONYMISED in kinds[hid]
        categories = tuple(c for c in CATEGORIES if anonymise or c in kinds[hid])
        rows.append(
            RetentionRow(
                household_id=hid,
                label="",
                complex_name="",
                wijk="",
                status=HouseholdStatus.CLOSED.value,
                reason="tombstone",
                since=since[hid],
                due_on=since[hid],
                categories=categories,
                anonymise=anonymise,
                visit_notes=notes.get(hid, 0) if "visit_notes" in categories else 0,
                follow_ups=follow_ups.get(hid, 0) if "visit_notes" in categories else 0,
                signal_remarks=remarks.get(hid, 0) if "signals" in categories else 0,
                referrals=referral_texts.get(hid, 0) if "referrals" in categories else 0,
                letters=letters.get(hid, 0) if "referrals" in categories else 0,
                residents=residents.get(hid, 0) if anonymise else 0,
                drafts=drafts.get(hid, 0) if "visit_notes" in categories else 0,
            )
        )
    purge_households(session, rows)
    for t in new:
        if t.entity == "resident" and t.what == tombstones.CONNECT_WITHDRAWN:
            session.execute(
                delete(ConnectOffer).where(
                    ConnectOffer.resident_id == t.entity_id,
                    ConnectOffer.created_at <= t.erased_at,
                ),
                execution_options={"synchronize_session": False},
            )
            audit.record(
                session,
                "consent_withdrawn",
                "connect_offer",
                None,
                detail="opnieuw toegepast na het terugzetten van een back-up",
            )
        if t.entity == "referral" and t.what == tombstones.CONSENT_WITHDRAWN:
            session.execute(
                update(Referral)
                .where(Referral.id == t.entity_id, Referral.consent_withdrawn_on.is_(None))
                .values(consent_withdrawn_on=date.fromisoformat(t.detail) if t.detail else None),
                execution_options={"synchronize_session": False},
            )
            audit.record(
                session,
                "consent_withdrawn",
                "referral",
                t.entity_id,
                detail="opnieuw toegepast na het terugzetten van een back-up",
            )
    return new

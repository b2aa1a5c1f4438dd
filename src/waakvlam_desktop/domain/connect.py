"""Verbinden: connecting residents (issue #18 B).

With a resident's consent (recorded as a referral's consent is: verbal or written, with its
date) staff note what the resident could offer (``aanbod``) or would like (``wens``) —
boodschappen, gezelschap, klusjes, taal, vervoer (data: ``connect_kinds`` in
``resources/neighbourhood/neighbourhood.json``) — and how to approach them. The app
suggests an offer and a wish of the same kind within the same complex or street; an
introduction made is recorded (who, when, how it went) with a follow-up on the first
resident's household to ask how it went; how it went can be recorded later too
(``record_outcome``: a dated line added to the outcome, the follow-up done, a next one if
asked).

Withdrawing the consent deletes the resident's offers and wishes at once; suggestions
are computed from them, so they are gone with them. Introductions already made stay (a
fact of the past, with the households' retention terms); the inzage lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from waakvlam_desktop.clock import local_today, utc_naive
from waakvlam_desktop.domain import tombstones
from waakvlam_desktop.domain.followups import add_follow_up
from waakvlam_desktop.domain.neighbourhood import CodeLabel, connect_kinds
from waakvlam_desktop.domain.types import ConsentForm, FollowUpStatus
from waakvlam_desktop.domain.validation import require_text
from waakvlam_desktop.errors import NotFoundError, ValidationError
from waakvlam_desktop.storage.models import (
    Address,
    ConnectIntroduction,
    ConnectOffer,
    FollowUp,
    Household,
    Resident,
    street_line,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

OFFER = "aanbod"
WISH = "wens"
DIRECTIONS = (OFFER, WISH)

APPROACH = Message("field.approach", QT_TRANSLATE_NOOP("Errors", "How to approach them"))
OUTCOME = Message("field.outcome", QT_TRANSLATE_NOOP("Errors", "How it went"))
NO_SUCH_RESIDENT = Message(
    "connect.no_such_resident",
    QT_TRANSLATE_NOOP("Errors", "Resident {resident_id} does not exist."),
)
UNKNOWN_CONNECT_KIND = Message(
    "connect.unknown_kind",
    QT_TRANSLATE_NOOP("Errors", "Unknown kind of offer or wish '{value}'. Choose from: {choices}"),
)
CONSENT_IN_FUTURE = Message(
    "connect.consent_in_future",
    QT_TRANSLATE_NOOP("Errors", "The consent date {date} lies in the future."),
)
NO_CONSENT = Message(
    "connect.no_consent",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Resident {resident_id} has no offer or wish with consent: record one first"
        " ('waakvlam connect offer').",
    ),
)
SAME_HOUSEHOLD = Message(
    "connect.same_household",
    QT_TRANSLATE_NOOP("Errors", "These residents live in the same household."),
)
NO_SUCH_INTRODUCTION = Message(
    "connect.no_such_introduction",
    QT_TRANSLATE_NOOP("Errors", "Introduction {introduction_id} does not exist."),
)
OUTCOME_BEFORE_INTRODUCTION = Message(
    "connect.outcome_date",
    QT_TRANSLATE_NOOP(
        "Errors", "The date {date} lies in the future or before the introduction ({introduced_on})."
    ),
)
ASK_HOW_IT_WENT = Message(
    "connect.ask_how_it_went",
    QT_TRANSLATE_NOOP("Labels", "Ask how the introduction went ({kind})"),
    context="Labels",
)

FOLLOW_UP_DAYS = 14


def connect_kind(code: str) -> CodeLabel:
    for item in connect_kinds():
        if item.code == code:
            return item
    choices = ", ".join(i.code for i in connect_kinds())
    raise ValidationError(UNKNOWN_CONNECT_KIND, field="kind", value=code, choices=choices)


@dataclass(frozen=True, slots=True)
class OfferRow:
    id: str
    resident_id: str
    resident_name: str
    household_id: str
    household_label: str
    address: str
    complex_id: str | None
    kind: str
    kind_nl: str
    kind_en: str
    direction: str  # aanbod / wens
    approach: str
    consent_form: str
    consent_date: date


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An offer and a wish of the same kind, near each other (same complex or street)."""

    kind: str
    offer: OfferRow
    wish: OfferRow
    where: str  # "complex" or "straat"


@dataclass(frozen=True, slots=True)
class IntroductionRow:
    id: str
    resident_id: str
    other_resident_id: str
    kind: str
    introduced_on: date
    outcome: str
    follow_up_id: str | None


def _resident(session: Session, resident_id: str) -> Resident:
    res = session.get(Resident, resident_id)
    if res is None:
        raise NotFoundError(NO_SUCH_RESIDENT, resident_id=resident_id)
    return res


def add_offer(
    session: Session,
    resident_id: str,
    kind: str,
    *,
    consent_date: date,
    consent_form: ConsentForm = ConsentForm.VERBAL,
    direction: str = OFFER,
    approach: str = "",
    allow_bsn_like: bool = False,
) -> str:
    """Record what a resident offers or wishes, with the consent it rests on; its id."""
    res = _resident(session, resident_id)
    item = connect_kind(kind)
    if direction not in DIRECTIONS:
        raise ValueError(direction)
    if consent_date > local_today(session.info["clock"]):
        raise ValidationError(CONSENT_IN_FUTURE, field="consent_date", date=consent_date)
    text = approach.strip()
    if text:
        text = require_text(text, APPROACH, "approach", 1000, allow_bsn_like=allow_bsn_like)
    offer = ConnectOffer(
        resident_id=res.id,
        household_id=res.household_id,
        kind=item.code,
        direction=direction,
        approach=text,
        consent_form=consent_form.value,
        consent_date=consent_date,
    )
    session.add(offer)
    session.flush()
    return offer.id


def withdraw_consent(session: Session, resident_id: str) -> int:
    """The resident withdrew their consent: their offers and wishes go at once (each
    deletion an audit event); the suggestions built on them with them. A tombstone keeps
    them gone when an older backup is restored. Returns how many were removed."""
    _resident(session, resident_id)
    offers = session.scalars(select(ConnectOffer).where(ConnectOffer.resident_id == resident_id))
    count = 0
    for offer in offers:
        session.delete(offer)
        count += 1
    clock = session.info["clock"]
    now = utc_naive(clock.now())
    tombstones.replace(
        session,
        tombstones.TombstoneRow(
            "resident",
            resident_id,
            tombstones.CONNECT_WITHDRAWN,
            now,
            local_today(clock).isoformat(),
        ),
    )
    session.flush()
    return count


def _offer_rows(session: Session, *where: object) -> list[OfferRow]:
    rows = session.execute(
        select(
            ConnectOffer,
            Resident.name,
            Household.label,
            Address.street,
            Address.number,
            Address.addition,
            Address.complex_id,
        )
        .join(Resident, Resident.id == ConnectOffer.resident_id)
        .join(Household, Household.id == ConnectOffer.household_id)
        .join(Address, Address.id == Household.address_id)
        .where(*where)  # type: ignore[arg-type]
        .order_by(ConnectOffer.kind, Address.street, Address.number, Resident.name)
    ).all()
    labels = {k.code: k for k in connect_kinds()}
    out = []
    for o, name, label, street, number, addition, complex_id in rows:
        kind = labels.get(o.kind)
        out.append(
            OfferRow(
                id=o.id,
                resident_id=o.resident_id,
                resident_name=name,
                household_id=o.household_id,
                household_label=label,
                address=street_line(street, number, addition),
                complex_id=complex_id,
                kind=o.kind,
                kind_nl=kind.label_nl if kind else o.kind,
                kind_en=kind.label_en if kind else o.kind,
                direction=o.direction,
                approach=o.approach,
                consent_form=o.consent_form,
                consent_date=o.consent_date,
            )
        )
    return out


def offers_of(session: Session, resident_id: str) -> list[OfferRow]:
    return _offer_rows(session, ConnectOffer.resident_id == resident_id)


def _street(row: OfferRow) -> str:
    return row.address.rsplit(" ", 1)[0]


def suggestions(session: Session, complex_id: str | None = None) -> list[Suggestion]:
    """Offers and wishes of the same kind in the same complex or street, from different
    households, not yet introduced to each other. With ``complex_id``: the pairs where at
    least one of the two lives in that complex."""
    rows = _offer_rows(session)
    introduced = {
        frozenset((a, b))
        for a, b in session.execute(
            select(ConnectIntroduction.resident_id, ConnectIntroduction.other_resident_id)
        )
    }
    out: list[Suggestion] = []
    offers = [r for r in rows if r.direction == OFFER]
    wishes = [r for r in rows if r.direction == WISH]
    for offer in offers:
        for wish in wishes:
            if offer.kind != wish.kind or offer.household_id == wish.household_id:
                continue
            if frozenset((offer.resident_id, wish.resident_id)) in introduced:
                continue
            if complex_id and complex_id not in (offer.complex_id, wish.complex_id):
                continue
            if offer.complex_id and offer.complex_id == wish.complex_id:
                where = "complex"
            elif _street(offer) == _street(wish):
                where = "straat"
            else:
                continue
            out.append(Suggestion(offer.kind, offer, wish, where))
    return out


@dataclass(frozen=True, slots=True)
class IntroductionResult:
    id: str
    follow_up_id: str | None


def introduce(
    session: Session,
    resident_id: str,
    other_resident_id: str,
    *,
    kind: str | None = None,
    on: date | None = None,
    outcome: str = "",
    follow_up_due: date | None = None,
    allow_bsn_like: bool = False,
) -> IntroductionResult:
    """Record that two residents were introduced. Both need an offer or wish with consent;
    the kind defaults to one they share. A follow-up on the first resident's household asks
    how it went (due ``follow_up_due``, default two weeks after the introduction)."""
    a, b = _resident(session, resident_id), _resident(session, other_resident_id)
    if a.household_id == b.household_id:
        raise ValidationError(SAME_HOUSEHOLD, field="other_resident_id")
    kinds = []
    for res in (a, b):
        mine = set(
            session.scalars(select(ConnectOffer.kind).where(ConnectOffer.resident_id == res.id))
        )
        if not mine:
            raise ValidationError(NO_CONSENT, field="resident_id", resident_id=res.id)
        kinds.append(mine)
    if kind is None:
        shared = sorted(kinds[0] & kinds[1]) or sorted(kinds[0])
        kind = shared[0]
    item = connect_kind(kind)
    day = on or local_today(session.info["clock"])
    text = outcome.strip()
    if text:
        text = require_text(text, OUTCOME, "outcome", 1000, allow_bsn_like=allow_bsn_like)
    follow_up = add_follow_up(
        session,
        a.household_id,
        ASK_HOW_IT_WENT.render(kind=item.label()),
        follow_up_due or day + timedelta(days=FOLLOW_UP_DAYS),
    )
    intro = ConnectIntroduction(
        household_id=a.household_id,
        resident_id=a.id,
        other_household_id=b.household_id,
        other_resident_id=b.id,
        kind=item.code,
        introduced_on=day,
        outcome=text,
        follow_up_id=follow_up.id,
    )
    session.add(intro)
    session.flush()
    return IntroductionResult(intro.id, follow_up.id)


def introductions_of(session: Session, resident_id: str) -> list[IntroductionRow]:
    """The introductions naming this resident (either side), oldest first."""
    rows = session.scalars(
        select(ConnectIntroduction)
        .where(
            or_(
                ConnectIntroduction.resident_id == resident_id,
                ConnectIntroduction.other_resident_id == resident_id,
            )
        )
        .order_by(ConnectIntroduction.introduced_on)
    )
    return [_introduction_row(i) for i in rows]


def record_outcome(
    session: Session,
    introduction_id: str,
    note: str,
    *,
    on: date | None = None,
    follow_up_due: date | None = None,
    allow_bsn_like: bool = False,
) -> IntroductionRow:
    """Record later how an introduction went: a line ``JJJJ-MM-DD: note`` added to its
    outcome (what was said at the introduction stays above it), the follow-up that asked
    how it went done, and with ``follow_up_due`` a next follow-up to ask again. The changes
    are audit events (the session hooks); the BSN guard is the events' one."""
    intro = session.get(ConnectIntroduction, introduction_id)
    if intro is None:
        raise NotFoundError(NO_SUCH_INTRODUCTION, introduction_id=introduction_id)
    today = local_today(session.info["clock"])
    day = on or today
    if day > today or day < intro.introduced_on:
        raise ValidationError(
            OUTCOME_BEFORE_INTRODUCTION, field="date", date=day, introduced_on=intro.introduced_on
        )
    text = require_text(note, OUTCOME, "note", 1000, allow_bsn_like=allow_bsn_like)
    line = f"{day.isoformat()}: {text}"
    intro.outcome = f"{intro.outcome}\n{line}" if intro.outcome else line
    if intro.follow_up_id:
        fu = session.get(FollowUp, intro.follow_up_id)
        if fu is not None and fu.status == FollowUpStatus.OPEN.value:
            fu.status = FollowUpStatus.DONE.value
            fu.done_at = utc_naive(session.info["clock"].now())
    if follow_up_due is not None:
        item = connect_kind(intro.kind)
        follow_up = add_follow_up(
            session, intro.household_id, ASK_HOW_IT_WENT.render(kind=item.label()), follow_up_due
        )
        intro.follow_up_id = follow_up.id
    session.flush()
    return _introduction_row(intro)


def _introduction_row(i: ConnectIntroduction) -> IntroductionRow:
    return IntroductionRow(
        i.id, i.resident_id, i.other_resident_id, i.kind, i.introduced_on, i.outcome, i.follow_up_id
    )


@dataclass(frozen=True, slots=True)
class IntroductionView:
    """An introduction as the Verbinden tab lists it: who, when, how it went, and the
    follow-up still open (its due date) if any."""

    id: str
    resident_name: str
    address: str
    other_resident_name: str
    other_address: str
    kind_nl: str
    kind_en: str
    introduced_on: date
    outcome: str
    follow_up_due: date | None


def introductions_in(session: Session, complex_id: str) -> list[IntroductionView]:
    """The introductions where at least one of the two lives in this complex, newest first."""
    other_res = aliased(Resident)
    other_hh = aliased(Household)
    other_addr = aliased(Address)
    rows = session.execute(
        select(
            ConnectIntroduction,
            Resident.name,
            Address.street,
            Address.number,
            Address.addition,
            other_res.name,
            other_addr.street,
            other_addr.number,
            other_addr.addition,
            FollowUp.status,
            FollowUp.due_on,
        )
        .join(Resident, Resident.id == ConnectIntroduction.resident_id)
        .join(Household, Household.id == ConnectIntroduction.household_id)
        .join(Address, Address.id == Household.address_id)
        .join(other_res, other_res.id == ConnectIntroduction.other_resident_id)
        .join(other_hh, other_hh.id == ConnectIntroduction.other_household_id)
        .join(other_addr, other_addr.id == other_hh.address_id)
        .outerjoin(FollowUp, FollowUp.id == ConnectIntroduction.follow_up_id)
        .where(or_(Address.complex_id == complex_id, other_addr.complex_id == complex_id))
        .order_by(ConnectIntroduction.introduced_on.desc(), ConnectIntroduction.created_at.desc())
    ).all()
    labels = {k.code: k for k in connect_kinds()}
    out = []
    for i, name, st, nr, add, oname, ost, onr, oadd, fu_status, fu_due in rows:
        kind = labels.get(i.kind)
        out.append(
            IntroductionView(
                id=i.id,
                resident_name=name,
                address=street_line(st, nr, add),
                other_resident_name=oname,
                other_address=street_line(ost, onr, oadd),
                kind_nl=kind.label_nl if kind else i.kind,
                kind_en=kind.label_en if kind else i.kind,
                introduced_on=i.introduced_on,
                outcome=i.outcome,
                follow_up_due=fu_due if fu_status == FollowUpStatus.OPEN.value else None,
            )
        )
    return out

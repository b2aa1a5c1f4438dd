"""Tombstones: erasure that sticks (issue #12 A).

Retention purge, anonymisation and consent withdrawal each leave a tombstone: the id of
the household or referral, what was erased (``anonymised``, a retention category, or
``consent_withdrawn``) and when. No personal data. Handover import asks
:func:`tombstones_for` and never brings back what one covers; restoring a backup re-applies
the tombstones recorded after the backup was made (``privacy/backup.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.storage.batches import chunks
from waakvlam_desktop.storage.models import Tombstone
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

ANONYMISED = "anonymised"
# The street of the shared anonymous addresses anonymised households move to (with number
# 0, which no real address has; privacy/retention.py).
ANONYMOUS_STREET = "(geanonimiseerd)"
CONSENT_WITHDRAWN = "consent_withdrawn"
# Verbinden: a resident withdrew the consent for their offers and wishes (entity "resident";
# the offers made up to ``erased_at`` are gone; domain/connect.py).
CONNECT_WITHDRAWN = "connect_withdrawn"
# The retention categories (privacy/retention.py CATEGORIES) are tombstone kinds too.
CATEGORIES = ("visit_notes", "signals", "referrals")
HOUSEHOLD_KINDS = (ANONYMISED, *CATEGORIES)

ANONYMISED_HOUSEHOLD = Message(
    "tombstones.anonymised_household",
    QT_TRANSLATE_NOOP(
        "Errors", "You cannot add or change anything: this household has been anonymised."
    ),
)


@dataclass(frozen=True, slots=True)
class TombstoneRow:
    entity: str  # household | referral | resident
    entity_id: str
    what: str
    erased_at: datetime
    detail: str = ""


def record(session: Session, rows: Iterable[TombstoneRow]) -> int:
    """Store tombstones (one per entity and kind: an existing one keeps its first date)."""
    values = [
        {
            "entity": r.entity,
            "entity_id": r.entity_id,
            "what": r.what,
            "erased_at": r.erased_at,
            "detail": r.detail,
        }
        for r in rows
    ]
    if values:
        session.execute(insert(Tombstone).prefix_with("OR IGNORE"), values)
    return len(values)


def replace(session: Session, row: TombstoneRow) -> None:
    """Store ``row``, replacing an older tombstone of the same entity and kind (a withdrawal
    that can happen again: the newest date counts)."""
    session.execute(
        delete(Tombstone).where(
            Tombstone.entity == row.entity,
            Tombstone.entity_id == row.entity_id,
            Tombstone.what == row.what,
        )
    )
    record(session, [row])


def _rows(result: Iterable[Tombstone]) -> list[TombstoneRow]:
    return [TombstoneRow(t.entity, t.entity_id, t.what, t.erased_at, t.detail) for t in result]


def tombstones_for(
    session: Session, entity_ids: Iterable[str]
) -> dict[str, dict[str, TombstoneRow]]:
    """entity id -> kind -> tombstone, for the ids given."""
    found: dict[str, dict[str, TombstoneRow]] = {}
    for chunk in chunks(sorted(set(entity_ids))):
        for row in _rows(session.scalars(select(Tombstone).where(Tombstone.entity_id.in_(chunk)))):
            found.setdefault(row.entity_id, {})[row.what] = row
    return found


def is_anonymised(session: Session, household_id: str) -> bool:
    """Whether retention anonymised the household (its tombstone ``anonymised``): its
    visits, signs and levels are months since 0022, and nothing new is added to it."""
    return (
        session.scalar(
            select(Tombstone.entity_id).where(
                Tombstone.entity_id == household_id, Tombstone.what == ANONYMISED
            )
        )
        is not None
    )


def refuse_if_anonymised(session: Session, household_id: str) -> None:
    """Nothing is added to an anonymised household or changed in it: a visit or a sign
    would be counted away unseen, a follow-up or a draft deleted, and a name, resident or
    address would make it recognisable again (its anonymous address is shared)."""
    if is_anonymised(session, household_id):
        raise ValidationError(ANONYMISED_HOUSEHOLD, field="household_id")


def all_tombstones(session: Session) -> list[TombstoneRow]:
    return _rows(session.scalars(select(Tombstone).order_by(Tombstone.erased_at)))


def tombstones_after(session: Session, moment: datetime) -> list[TombstoneRow]:
    """Every tombstone recorded after ``moment`` (naive UTC), oldest first."""
    return _rows(
        session.scalars(
            select(Tombstone).where(Tombstone.erased_at > moment).order_by(Tombstone.erased_at)
        )
    )

"""Append-only, hash-chained audit log.

Each row stores the hash of the previous row and a SHA-256 over its own fields plus that
previous hash. Changing or deleting any row breaks the chain from there on, which
:func:`verify_chain` reports. ``detail`` never contains personal data: only field names,
counts and codes. Two triggers (:data:`APPEND_ONLY_0001`, created by migration 0001)
refuse UPDATE and DELETE on ``audit_event``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import Clock, utc_naive
from waakvlam_desktop.storage.models import AuditEvent, Household, StaffMember
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message, translate

GENESIS = "0" * 64

CHAIN_INTACT = Message(
    "audit.chain_intact",
    QT_TRANSLATE_NOOP("Audit", "The audit log is in order: {events} events, the chain is intact."),
    "Audit",
)
CHAIN_BROKEN_MISSING = Message(
    "audit.chain_broken_missing",
    QT_TRANSLATE_NOOP(
        "Audit",
        "The audit log was changed: the chain is broken at event {seq} (an event is missing).",
    ),
    "Audit",
)
CHAIN_BROKEN_LINK = Message(
    "audit.chain_broken_link",
    QT_TRANSLATE_NOOP(
        "Audit",
        "The audit log was changed: the chain is broken at event {seq} (the link to the"
        " previous one does not match).",
    ),
    "Audit",
)
CHAIN_BROKEN_CONTENT = Message(
    "audit.chain_broken_content",
    QT_TRANSLATE_NOOP(
        "Audit",
        "The audit log was changed: the chain is broken at event {seq} (content changed).",
    ),
    "Audit",
)
# The reasons verify_chain gives (the privacy screen maps them too) and their sentences.
_CHAIN_BROKEN = {
    "een gebeurtenis ontbreekt": CHAIN_BROKEN_MISSING,
    "verwijzing naar de vorige klopt niet": CHAIN_BROKEN_LINK,
    "inhoud gewijzigd": CHAIN_BROKEN_CONTENT,
}

# ---- frozen: executed by migration 0001; never edit -----------------------------------------
# The rule of storage/fts.py holds here too: a published constant keeps its meaning, a new
# migration that changes these triggers adds APPEND_ONLY_NNNN / APPEND_ONLY_DROP_NNNN.
APPEND_ONLY_0001: Final[tuple[str, ...]] = (
    # The audit log is append-only for the application; raw SQL that removes these
    # triggers is still caught by the hash chain.
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event BEGIN
        SELECT RAISE(ABORT, 'audit_event is append-only');
    END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN
        SELECT RAISE(ABORT, 'audit_event is append-only');
    END""",
)

APPEND_ONLY_DROP_0001: Final[tuple[str, ...]] = (
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    "DROP TRIGGER IF EXISTS audit_event_no_update",
)
# ---- end of frozen constants ---------------------------------------------------------------


def _row_hash(
    seq: int,
    at: datetime,
    actor: str | None,
    action: str,
    entity: str,
    entity_id: str | None,
    household_id: str | None,
    detail: str,
    prev_hash: str,
) -> str:
    payload = json.dumps(
        [seq, at.isoformat(), actor, action, entity, entity_id, household_id, detail, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _head(session: Session) -> tuple[int, str]:
    pending = session.info.get("audit_head")
    if pending is not None:
        return pending  # type: ignore[no-any-return]
    row = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    return (0, GENESIS) if row is None else (row[0], row[1])


def record(
    session: Session,
    action: str,
    entity: str,
    entity_id: str | None = None,
    *,
    household_id: str | None = None,
    detail: str = "",
) -> AuditEvent:
    """Append one event to the chain in the session's transaction."""
    clock: Clock = session.info["clock"]
    seq, prev = _head(session)
    seq += 1
    at = utc_naive(clock.now())
    actor = session.info.get("actor")
    digest = _row_hash(seq, at, actor, action, entity, entity_id, household_id, detail, prev)
    event = AuditEvent(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        household_id=household_id,
        detail=detail,
        prev_hash=prev,
        hash=digest,
    )
    session.add(event)
    session.info["audit_head"] = (seq, digest)
    return event


def forget_pending_head(session: Session) -> None:
    """Called after commit/rollback: the next event reads the head from the database."""
    session.info.pop("audit_head", None)


@dataclass(frozen=True, slots=True)
class ChainVerdict:
    ok: bool
    events: int
    first_bad_seq: int | None
    reason: str

    @property
    def text(self) -> Message:
        """The verdict as a Message; its parameters are ``events`` and ``seq``."""
        return CHAIN_INTACT if self.ok else _CHAIN_BROKEN[self.reason]

    def message(self, language: str | None = None) -> str:
        return self.text.render(language, events=self.events, seq=self.first_bad_seq)


def verify_chain(session: Session) -> ChainVerdict:
    prev = GENESIS
    expected_seq = 1
    count = 0
    rows = session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()
    for ev in rows:
        count += 1
        if ev.seq != expected_seq:
            return ChainVerdict(False, count, expected_seq, "een gebeurtenis ontbreekt")
        if ev.prev_hash != prev:
            return ChainVerdict(False, count, ev.seq, "verwijzing naar de vorige klopt niet")
        digest = _row_hash(
            ev.seq,
            ev.at,
            ev.actor,
            ev.action,
            ev.entity,
            ev.entity_id,
            ev.household_id,
            ev.detail,
            ev.prev_hash,
        )
        if digest != ev.hash:
            return ChainVerdict(False, count, ev.seq, "inhoud gewijzigd")
        prev = ev.hash
        expected_seq += 1
    return ChainVerdict(True, count, None, "")


# ---- the audit viewer ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AuditRow:
    """One event for the audit viewer, with the staff member's name: plain data."""

    seq: int
    at: datetime  # naive UTC, as stored
    actor_id: str | None
    staff_name: str
    action: str
    entity: str
    entity_id: str | None
    household_id: str | None
    household_label: str
    detail: str


def _local_midnight_utc(day: date) -> datetime:
    return utc_naive(datetime.combine(day, time()).astimezone())


def audit_rows(
    session: Session,
    *,
    household_id: str | None = None,
    staff_id: str | None = None,
    action: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = 1000,
    newest_first: bool = True,
) -> list[AuditRow]:
    """Events filtered by household, staff member, action and period (local days,
    ``since`` and ``until`` both inclusive)."""
    stmt = (
        select(AuditEvent, StaffMember.name, Household.label)
        .outerjoin(StaffMember, StaffMember.id == AuditEvent.actor)
        .outerjoin(Household, Household.id == AuditEvent.household_id)
    )
    if household_id is not None:
        stmt = stmt.where(AuditEvent.household_id == household_id)
    if staff_id is not None:
        stmt = stmt.where(AuditEvent.actor == staff_id)
    if action is not None:
        stmt = stmt.where(AuditEvent.action == action)
    if since is not None:
        stmt = stmt.where(AuditEvent.at >= _local_midnight_utc(since))
    if until is not None:
        stmt = stmt.where(AuditEvent.at < _local_midnight_utc(until + timedelta(days=1)))
    stmt = stmt.order_by(AuditEvent.seq.desc() if newest_first else AuditEvent.seq)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [
        AuditRow(
            seq=ev.seq,
            at=ev.at,
            actor_id=ev.actor,
            staff_name=name or "",
            action=ev.action,
            entity=ev.entity,
            entity_id=ev.entity_id,
            household_id=ev.household_id,
            household_label=label or "",
            detail=ev.detail,
        )
        for ev, name, label in session.execute(stmt).all()
    ]


def audit_actions(session: Session) -> list[str]:
    """The actions that occur in the log, for the viewer's filter."""
    return sorted(session.scalars(select(AuditEvent.action).distinct()))


# Labels for the viewer and the inzage PDF (English source; Dutch in the catalog).
ACTION_LABELS: dict[str, str] = {
    "create": QT_TRANSLATE_NOOP("Labels", "created"),
    "update": QT_TRANSLATE_NOOP("Labels", "changed"),
    "delete": QT_TRANSLATE_NOOP("Labels", "deleted"),
    "view": QT_TRANSLATE_NOOP("Labels", "viewed"),
    "print": QT_TRANSLATE_NOOP("Labels", "printed"),
    "export": QT_TRANSLATE_NOOP("Labels", "exported"),
    "share": QT_TRANSLATE_NOOP("Labels", "shared"),
    "inzage": QT_TRANSLATE_NOOP("Labels", "subject access report"),
    "consent_withdrawn": QT_TRANSLATE_NOOP("Labels", "consent withdrawn"),
    "purge": QT_TRANSLATE_NOOP("Labels", "purged (retention)"),
    "backup": QT_TRANSLATE_NOOP("Labels", "backup made"),
    "restore": QT_TRANSLATE_NOOP("Labels", "backup restored"),
}

ENTITY_LABELS: dict[str, str] = {
    "household": QT_TRANSLATE_NOOP("Labels", "household"),
    "resident": QT_TRANSLATE_NOOP("Labels", "resident"),
    "address": QT_TRANSLATE_NOOP("Labels", "address"),
    "complex": QT_TRANSLATE_NOOP("Labels", "complex"),
    "visit": QT_TRANSLATE_NOOP("Labels", "visit"),
    "visit_resident": QT_TRANSLATE_NOOP("Labels", "resident present"),
    "signal_observation": QT_TRANSLATE_NOOP("Labels", "signal"),
    "concern_level_entry": QT_TRANSLATE_NOOP("Labels", "concern level"),
    "follow_up": QT_TRANSLATE_NOOP("Labels", "follow-up"),
    "referral": QT_TRANSLATE_NOOP("Labels", "referral"),
    "referral_signal": QT_TRANSLATE_NOOP("Labels", "signal in referral"),
    "referral_status_event": QT_TRANSLATE_NOOP("Labels", "referral status"),
    "partner": QT_TRANSLATE_NOOP("Labels", "partner"),
    "setting": QT_TRANSLATE_NOOP("Labels", "setting"),
    "staff_member": QT_TRANSLATE_NOOP("Labels", "staff member"),
    "vault": QT_TRANSLATE_NOOP("Labels", "vault"),
}


def action_label(action: str, language: str | None = None) -> str:
    """An audit action in ``language`` (default: the current one); unknown: as it is."""
    source = ACTION_LABELS.get(action)
    return action if source is None else translate("Labels", source, language)


def entity_label(entity: str, language: str | None = None) -> str:
    """What an audit event is about, in ``language`` (default: the current one)."""
    source = ENTITY_LABELS.get(entity)
    return entity if source is None else translate("Labels", source, language)

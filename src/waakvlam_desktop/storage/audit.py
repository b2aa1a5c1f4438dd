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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

from sqlalchemy import func, insert, select
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


def record_many(
    session: Session,
    events: Iterable[tuple[str, str, str | None, str | None, str]],
) -> int:
    """Append many events at once, chained exactly as :func:`record` chains them, with one
    bulk INSERT (a handover import audits every row it writes). Each event is ``(action,
    entity, entity_id, household_id, detail)``; all get the same time and actor."""
    clock: Clock = session.info["clock"]
    seq, prev = _head(session)
    at = utc_naive(clock.now())
    actor = session.info.get("actor")
    rows: list[dict[str, object]] = []
    for action, entity, entity_id, household_id, detail in events:
        seq += 1
        digest = _row_hash(seq, at, actor, action, entity, entity_id, household_id, detail, prev)
        rows.append(
            {
                "seq": seq,
                "at": at,
                "actor": actor,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "household_id": household_id,
                "detail": detail,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    if rows:
        session.flush()  # events recorded before these go in first
        session.execute(insert(AuditEvent), rows)
        session.info["audit_head"] = (seq, prev)
    return len(rows)


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

    @property
    def params(self) -> dict[str, object]:
        return {"events": self.events, "seq": self.first_bad_seq}


# The columns the hashes cover, read as plain tuples: ORM objects would cost ~5x as much on
# a log of 100,000 events.
_CHAIN_COLUMNS = (
    AuditEvent.seq,
    AuditEvent.at,
    AuditEvent.actor,
    AuditEvent.action,
    AuditEvent.entity,
    AuditEvent.entity_id,
    AuditEvent.household_id,
    AuditEvent.detail,
    AuditEvent.prev_hash,
    AuditEvent.hash,
)


def verify_chain(session: Session) -> ChainVerdict:
    prev = GENESIS
    expected_seq = 1
    count = 0
    rows = session.execute(select(*_CHAIN_COLUMNS).order_by(AuditEvent.seq))
    for seq, at, actor, action, entity, entity_id, household_id, detail, prev_hash, digest in rows:
        count += 1
        if seq != expected_seq:
            return ChainVerdict(False, count, expected_seq, "een gebeurtenis ontbreekt")
        if prev_hash != prev:
            return ChainVerdict(False, count, seq, "verwijzing naar de vorige klopt niet")
        expected = _row_hash(
            seq, at, actor, action, entity, entity_id, household_id, detail, prev_hash
        )
        if expected != digest:
            return ChainVerdict(False, count, seq, "inhoud gewijzigd")
        prev = digest
        expected_seq += 1
    return ChainVerdict(True, count, None, "")


# ---- witnesses: the head of the chain and what still extends it ----------------------------
# The chain alone is unkeyed: whoever holds the passphrase can drop the triggers, delete
# events and rechain. A *witness* is a copy of the head (sequence number and hash) kept
# outside the vault: in every bundle manifest, every backup, and a signed anchor file
# (bundles/witness.py). Because each hash covers every event before it, the chain still
# "extends" a witnessed head exactly when the event at that sequence number has that hash
# and the chain verifies; no rewrite of events 1..seq can keep that hash.
DIGEST_BYTES = 8  # per-event content digests in an anchor: they only locate a difference


@dataclass(frozen=True, slots=True)
class AuditHead:
    """The last event of the chain: its sequence number and hash (0 and GENESIS if empty)."""

    seq: int
    hash: str

    def as_dict(self) -> dict[str, object]:
        return {"seq": self.seq, "hash": self.hash}

    def text(self) -> str:
        """``seq:hash``, the form ``audit verify --head`` takes."""
        return f"{self.seq}:{self.hash}"


def audit_head(session: Session) -> AuditHead:
    """The head as this session sees it (including its own unflushed events)."""
    seq, digest = _head(session)
    return AuditHead(seq, digest)


def parse_head(value: object) -> AuditHead | None:
    """A head from a manifest, a backup or ``seq:hash`` text; None if it is not one."""
    seq: object
    digest: object
    if isinstance(value, dict):
        seq, digest = value.get("seq"), value.get("hash")
    elif isinstance(value, str) and value.count(":") == 1:
        left, digest = value.strip().split(":")
        seq = int(left) if left.isdecimal() and len(left) <= 12 else None
    else:
        return None
    if type(seq) is not int or seq < 0 or not isinstance(digest, str):
        return None
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        return None
    if (seq == 0) != (digest == GENESIS):
        return None
    return AuditHead(seq, digest)


def _content_digest(
    at: datetime,
    actor: str | None,
    action: str,
    entity: str,
    entity_id: str | None,
    household_id: str | None,
    detail: str,
) -> bytes:
    payload = json.dumps(
        [at.isoformat(), actor, action, entity, entity_id, household_id, detail],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).digest()[:DIGEST_BYTES]


def content_digest(ev: AuditEvent) -> bytes:
    """What an event says, without its place in the chain (no seq, no link): a deleted
    event shifts the digests after it, so a verifier can tell "missing" from "changed"."""
    return _content_digest(
        ev.at, ev.actor, ev.action, ev.entity, ev.entity_id, ev.household_id, ev.detail
    )


def _all_digests(session: Session, upto: int | None = None) -> list[bytes]:
    stmt = select(*_CHAIN_COLUMNS[1:8]).order_by(AuditEvent.seq)
    if upto is not None:
        stmt = stmt.where(AuditEvent.seq <= upto)
    return [_content_digest(*row) for row in session.execute(stmt)]


def content_digests(session: Session, upto: int) -> bytes:
    """The concatenated :func:`content_digest` of events 1..``upto`` in chain order."""
    return b"".join(_all_digests(session, upto))


WITNESS_OK = Message(
    "audit.witness_ok",
    QT_TRANSLATE_NOOP(
        "Audit",
        "The audit log still contains the witnessed state (event {seq}) unchanged;"
        " {added} events were added since. The chain is intact.",
    ),
    "Audit",
)
WITNESS_MISSING = Message(
    "audit.witness_missing",
    QT_TRANSLATE_NOOP(
        "Audit",
        "The audit log was rewritten: event {first} to {last} of the witnessed state are missing.",
    ),
    "Audit",
)
WITNESS_CHANGED = Message(
    "audit.witness_changed",
    QT_TRANSLATE_NOOP(
        "Audit",
        "The audit log was rewritten: event {first} is no longer what was witnessed (changed"
        " or replaced).",
    ),
    "Audit",
)
WITNESS_SHORTER = Message(
    "audit.witness_shorter",
    QT_TRANSLATE_NOOP(
        "Audit",
        "The audit log was rewritten or rolled back: it ends at event {events}, but event"
        " {seq} was witnessed.",
    ),
    "Audit",
)
WITNESS_DIFFERENT = Message(
    "audit.witness_different",
    QT_TRANSLATE_NOOP(
        "Audit",
        "The audit log was rewritten: event {seq} no longer has the witnessed hash, so an"
        " event at or before {seq} was deleted or changed.",
    ),
    "Audit",
)
WITNESS_ROLLED_BACK = Message(
    "audit.witness_rolled_back",
    QT_TRANSLATE_NOOP(
        "Audit",
        "The witnessed event {seq} is no longer in the audit log: restoring a backup (event"
        " {restore}) rolled back events {first} to {last}.",
    ),
    "Audit",
)


@dataclass(frozen=True, slots=True)
class WitnessVerdict:
    """Whether the chain still extends a witnessed head, and if not, where it differs.

    ``text`` is None when the witnessed part holds but the chain after it is broken: the
    chain's own verdict then says where."""

    ok: bool
    head: AuditHead
    events: int  # events in the chain now
    first_bad_seq: int | None
    last_bad_seq: int | None
    text: Message | None
    chain: ChainVerdict
    restore_seq: int | None = None

    @property
    def sentence(self) -> tuple[Message, dict[str, object]]:
        """The Message and its parameters (for ``WaakvlamError(message, **params)``)."""
        if self.text is None:
            return self.chain.text, {"events": self.chain.events, "seq": self.chain.first_bad_seq}
        return self.text, {
            "seq": self.head.seq,
            "added": self.events - self.head.seq,
            "events": self.events,
            "first": self.first_bad_seq,
            "last": self.last_bad_seq,
            "restore": self.restore_seq,
        }

    def message(self, language: str | None = None) -> str:
        text, params = self.sentence
        return text.render(language, **params)


def _rolled_back(session: Session, seq: int) -> tuple[int, int, int] | None:
    """A restore event whose rolled-back range covers ``seq``: (event, first, last)."""
    rows = session.execute(
        select(AuditEvent.seq, AuditEvent.detail).where(AuditEvent.action == "restore")
    ).all()
    for event_seq, detail in rows:
        for part in detail.split(";"):
            key, _, value = part.strip().partition("=")
            if key == "teruggedraaid" and "-" in value:
                first, _, last = value.partition("-")
                if first.isdecimal() and last.isdecimal() and int(first) <= seq <= int(last):
                    return event_seq, int(first), int(last)
    return None


def _first_difference(witnessed: list[bytes], current: list[bytes]) -> tuple[int, int] | None:
    """The first witnessed events (0-based first, last) no longer in ``current``; last is
    -1 when event ``first`` was changed rather than removed. None when all are there."""
    for i, expected in enumerate(witnessed):
        if i < len(current) and current[i] == expected:
            continue
        if i >= len(current):
            return i, len(witnessed) - 1
        # Missing events: from i on, the current chain continues with a later witnessed
        # event. Compare a run, not one digest: events can be identical (same second).
        for k in range(1, len(witnessed) - i):
            run = min(8, len(current) - i, len(witnessed) - i - k)
            if current[i : i + run] == witnessed[i + k : i + k + run]:
                return i, i + k - 1
        return i, -1
    return None


def verify_witness(
    session: Session, head: AuditHead, digests: bytes | None = None
) -> WitnessVerdict:
    """Does the chain still extend ``head``? With an anchor's ``digests`` (one
    :data:`DIGEST_BYTES` digest per event 1..head.seq) a difference is located exactly."""
    chain = verify_chain(session)
    total = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
    at_head = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == head.seq))
    if head.seq == 0 or at_head == head.hash:
        # Each hash covers everything before it: the witnessed part is unchanged.
        text = WITNESS_OK if chain.ok else None
        return WitnessVerdict(chain.ok, head, total, None, None, text, chain)

    def bad(
        text: Message, first: int | None = None, last: int | None = None, restore: int | None = None
    ) -> WitnessVerdict:
        return WitnessVerdict(False, head, total, first, last, text, chain, restore)

    rolled = _rolled_back(session, head.seq)
    if digests is not None and len(digests) == head.seq * DIGEST_BYTES:
        witnessed = [digests[i : i + DIGEST_BYTES] for i in range(0, len(digests), DIGEST_BYTES)]
        current = _all_digests(session)
        found = _first_difference(witnessed, current)
        # A restore explains the difference only when everything before its range holds:
        # a restore event of its own does not hide a rewrite before it.
        if found is not None and not (rolled is not None and found[0] + 1 >= rolled[1]):
            first, last = found
            if last < 0:
                return bad(WITNESS_CHANGED, first + 1)
            return bad(WITNESS_MISSING, first + 1, last + 1)
    if rolled is not None:
        return bad(WITNESS_ROLLED_BACK, rolled[1], rolled[2], rolled[0])
    if total < head.seq:
        return bad(WITNESS_SHORTER)
    return bad(WITNESS_DIFFERENT)


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
    "search": QT_TRANSLATE_NOOP("Labels", "searched notes"),
    "anchor": QT_TRANSLATE_NOOP("Labels", "anchor made"),
    "recovery": QT_TRANSLATE_NOOP("Labels", "restored with the organisation key"),
    "recovery_key": QT_TRANSLATE_NOOP("Labels", "organisation recovery key set"),
    "recovery_notice": QT_TRANSLATE_NOOP("Labels", "recovery notice seen"),
}

ENTITY_LABELS: dict[str, str] = {
    "household": QT_TRANSLATE_NOOP("Labels", "household"),
    "resident": QT_TRANSLATE_NOOP("Labels", "resident"),
    "address": QT_TRANSLATE_NOOP("Labels", "address"),
    "complex": QT_TRANSLATE_NOOP("Labels", "complex"),
    "visit": QT_TRANSLATE_NOOP("Labels", "visit"),
    "visit_resident": QT_TRANSLATE_NOOP("Labels", "resident present"),
    "visit_correction": QT_TRANSLATE_NOOP("Labels", "visit corrected"),
    "staff_complex": QT_TRANSLATE_NOOP("Labels", "complex assigned"),
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

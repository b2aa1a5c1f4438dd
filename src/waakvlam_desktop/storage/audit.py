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

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import Clock, utc_naive
from waakvlam_desktop.errors import VaultError
from waakvlam_desktop.storage import audit_labels
from waakvlam_desktop.storage.models import (
    AuditCheckpoint,
    AuditEvent,
    Household,
    SigningKey,
    StaffMember,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

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
CHAIN_BROKEN_CHECKPOINT = Message(
    "audit.chain_broken_checkpoint",
    QT_TRANSLATE_NOOP(
        "Audit",
        "The audit log was changed: the signed checkpoint at event {seq} (where older events"
        " were replaced at the end of the audit term) does not verify.",
    ),
    "Audit",
)
CHECKPOINT_REFUSED = Message(
    "audit.checkpoint_refused",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Old audit events were not replaced by a checkpoint: the audit log is not in order"
        " (event {seq}). Check it with 'waakvlam audit verify' first.",
    ),
)
CHECKPOINT_TOO_RECENT = Message(
    "audit.checkpoint_too_recent",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Audit events younger than 12 months cannot be replaced by a checkpoint. Nothing was"
        " replaced; check the audit term and the computer's date.",
    ),
)
# The reasons verify_chain gives (the privacy screen maps them too) and their sentences.
_CHAIN_BROKEN = {
    "een gebeurtenis ontbreekt": CHAIN_BROKEN_MISSING,
    "verwijzing naar de vorige klopt niet": CHAIN_BROKEN_LINK,
    "inhoud gewijzigd": CHAIN_BROKEN_CONTENT,
    "controlepunt klopt niet": CHAIN_BROKEN_CHECKPOINT,
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

# ---- frozen: executed by migration 0016; never edit ----------------------------------------
# Events up to the newest checkpoint may be deleted (retention of the audit log itself);
# later ones, and the checkpoints, may not.
APPEND_ONLY_0016: Final[tuple[str, ...]] = (
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event BEGIN
        SELECT RAISE(ABORT, 'audit_event is append-only');
    END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    WHEN old.seq > (SELECT coalesce(max(seq), 0) FROM audit_checkpoint) BEGIN
        SELECT RAISE(ABORT, 'audit_event is append-only');
    END""",
    """CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint BEGIN
        SELECT RAISE(ABORT, 'audit_checkpoint is append-only');
    END""",
    """CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint BEGIN
        SELECT RAISE(ABORT, 'audit_checkpoint is append-only');
    END""",
)
APPEND_ONLY_DROP_0016: Final[tuple[str, ...]] = (
    "DROP TRIGGER IF EXISTS audit_checkpoint_no_delete",
    "DROP TRIGGER IF EXISTS audit_checkpoint_no_update",
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
    if row is None:  # every event replaced by a checkpoint: the chain goes on from it
        row = session.execute(
            select(AuditCheckpoint.seq, AuditCheckpoint.hash)
            .order_by(AuditCheckpoint.seq.desc())
            .limit(1)
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
    """Check every event from the start, or from the newest signed checkpoint: every
    checkpoint's signature, then each event's link to the one before it and its hash."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    previous: AuditCheckpoint | None = None
    for cp in session.scalars(select(AuditCheckpoint).order_by(AuditCheckpoint.seq)):
        if not checkpoint_valid(session, cp, previous):
            return ChainVerdict(False, 0, cp.seq, "controlepunt klopt niet")
        prev, expected_seq, previous = cp.hash, cp.seq + 1, cp
    rows = session.execute(
        select(*_CHAIN_COLUMNS).where(AuditEvent.seq >= expected_seq).order_by(AuditEvent.seq)
    )
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


# ---- the audit term: old events replaced by a signed checkpoint ----------------------------
# Events older than the organisation's audit term are deleted; a checkpoint keeps what a
# verifier needs to go on: the sequence number and hash of the last event it replaces (the
# next event links to that hash), how many events there were per action, and an Ed25519
# signature by the vault's signing key (the key export bundles are signed with).
CHECKPOINT_DOMAIN = "waakvlam-audit-checkpoint/1"
# The shortest audit term (``audit_retention_months`` is 12-240, domain/settings.py): a
# checkpoint's cut-off lies at least this long before the moment it was made. 364 days,
# not 365: the term starts at a local midnight, the moment is UTC.
MIN_TERM: Final = timedelta(days=364)
# A checkpoint made later than now (by this much) was made with the clock set ahead.
CLOCK_SLACK: Final = timedelta(days=1)


def _checkpoint_message(
    seq: int, made_at: datetime, before: datetime, digest: str, counts: str, key_id: str
) -> bytes:
    payload = [CHECKPOINT_DOMAIN, seq, made_at.isoformat(), before.isoformat(), digest, counts]
    return json.dumps([*payload, key_id], separators=(",", ":")).encode("utf-8")


def _signing_key(session: Session) -> SigningKey:
    """The vault's active Ed25519 signing key, made on first use as ``bundles/keys.py``
    makes it (key id: the first 32 hex characters of SHA-256 of the public key)."""
    row = session.scalar(
        select(SigningKey).where(SigningKey.active).order_by(SigningKey.created_at).limit(1)
    )
    if row is not None:
        return row
    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes_raw()
    row = SigningKey(
        algorithm="ed25519",
        key_id=hashlib.sha256(public).hexdigest()[:32],
        public_key=public,
        private_key=private.private_bytes_raw(),
        active=True,
    )
    session.add(row)
    session.flush()
    return row


def _counts(cp: AuditCheckpoint) -> dict[str, int] | None:
    try:
        counts = json.loads(cp.counts)
    except ValueError:
        return None
    if not isinstance(counts, dict) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in counts.values()
    ):
        return None
    return counts


def checkpoint_valid(
    session: Session, cp: AuditCheckpoint, previous: AuditCheckpoint | None = None
) -> bool:
    """Is ``cp`` signed by a signing key of this vault, over exactly what it says, and does
    what it says fit a checkpoint the app could have made?

    Its cut-off lies at least :data:`MIN_TERM` before the moment it was made, and that
    moment not in the future; its counts (cumulative) add up to its sequence number; after
    ``previous`` (the checkpoint before it) it goes on: a higher sequence number, a cut-off
    and a moment not earlier, no action counted less. The signature alone proves nothing
    against someone who opened the vault (the key is in it); these rules hold them to the
    term, and witnesses outside the vault (:func:`verify_witness`) to the cut-off.
    """
    key = session.scalar(select(SigningKey.public_key).where(SigningKey.key_id == cp.key_id))
    if key is None:
        return False
    message = _checkpoint_message(cp.seq, cp.made_at, cp.before, cp.hash, cp.counts, cp.key_id)
    try:
        Ed25519PublicKey.from_public_bytes(key).verify(cp.signature, message)
    except (InvalidSignature, ValueError):
        return False
    now = utc_naive(session.info["clock"].now())
    counts = _counts(cp)
    if counts is None or sum(counts.values()) != cp.seq:
        return False
    if cp.made_at - cp.before < MIN_TERM or cp.made_at > now + CLOCK_SLACK:
        return False
    if previous is not None:
        before = _counts(previous) or {}
        if (
            cp.seq <= previous.seq
            or cp.before < previous.before
            or cp.made_at < previous.made_at
            or any(counts.get(action, 0) < n for action, n in before.items())
        ):
            return False
    return True


@dataclass(frozen=True, slots=True)
class CheckpointResult:
    seq: int  # the last event replaced
    replaced: int  # events deleted now
    counts: dict[str, int]  # per action, over every checkpoint so far


def latest_checkpoint(session: Session) -> AuditCheckpoint | None:
    return session.scalar(select(AuditCheckpoint).order_by(AuditCheckpoint.seq.desc()).limit(1))


def checkpoint_before(session: Session, before: datetime) -> CheckpointResult | None:
    """Replace the events recorded before ``before`` (naive UTC) by a signed checkpoint.

    Only a run from the start of what is left: the first event at or after ``before`` and
    everything after it stay, even if a later one is older (a clock set back). The chain is
    verified first, so a checkpoint never covers a change. None when nothing is old enough.
    """
    made_at = utc_naive(session.info["clock"].now())
    if made_at - before < MIN_TERM:  # also with the setting changed behind the app's back
        raise VaultError(CHECKPOINT_TOO_RECENT)
    previous = latest_checkpoint(session)
    start = previous.seq if previous is not None else 0
    session.flush()
    young = session.scalar(
        select(func.min(AuditEvent.seq)).where(AuditEvent.seq > start, AuditEvent.at >= before)
    )
    upto = (young - 1) if young is not None else _head(session)[0]
    if upto <= start:
        return None
    verdict = verify_chain(session)
    if not verdict.ok:
        raise VaultError(CHECKPOINT_REFUSED, seq=verdict.first_bad_seq)
    counts: dict[str, int] = json.loads(previous.counts) if previous is not None else {}
    for action, n in session.execute(
        select(AuditEvent.action, func.count())
        .where(AuditEvent.seq > start, AuditEvent.seq <= upto)
        .group_by(AuditEvent.action)
    ):
        counts[action] = counts.get(action, 0) + n
    counts_text = json.dumps(dict(sorted(counts.items())), separators=(",", ":"))
    digest = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == upto))
    if digest is None:  # cannot happen on a verified chain
        raise VaultError(CHECKPOINT_REFUSED, seq=upto)
    key = _signing_key(session)
    message = _checkpoint_message(upto, made_at, before, digest, counts_text, key.key_id)
    signature = Ed25519PrivateKey.from_private_bytes(key.private_key).sign(message)
    session.execute(
        insert(AuditCheckpoint).values(
            seq=upto,
            made_at=made_at,
            before=before,
            hash=digest,
            counts=counts_text,
            key_id=key.key_id,
            signature=signature,
        )
    )
    replaced = session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.seq <= upto)
    )
    session.execute(delete(AuditEvent).where(AuditEvent.seq <= upto))
    session.info.pop("audit_head", None)
    record(session, "checkpoint", "audit_event", detail=f"tot={upto}; aantal={replaced}")
    return CheckpointResult(upto, replaced or 0, counts)


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
    """The concatenated :func:`content_digest` of events 1..``upto`` in chain order; an
    event replaced by a checkpoint (the audit term) counts as :data:`DIGEST_BYTES` zeros,
    so the anchor format stays one digest per event."""
    cp = latest_checkpoint(session)
    replaced = min(cp.seq, upto) if cp is not None else 0
    return bytes(DIGEST_BYTES * replaced) + b"".join(_all_digests(session, upto))


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
WITNESS_BEFORE_CHECKPOINT = Message(
    "audit.witness_before_checkpoint",
    QT_TRANSLATE_NOOP(
        "Audit",
        "The witnessed state (event {seq}) is older than the audit term: those events were"
        " replaced by a signed checkpoint, which verifies. The chain is intact.",
    ),
    "Audit",
)
WITNESS_CHECKPOINT_TOO_NEW = Message(
    "audit.witness_checkpoint_too_new",
    QT_TRANSLATE_NOOP(
        "Audit",
        "The audit log was rewritten: event {seq} was witnessed after the cut-off of the"
        " signed checkpoint that now replaces it, so that checkpoint hides events that were"
        " not yet past the audit term.",
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
    session: Session,
    head: AuditHead,
    digests: bytes | None = None,
    witnessed_at: datetime | None = None,
) -> WitnessVerdict:
    """Does the chain still extend ``head``? With an anchor's ``digests`` (one
    :data:`DIGEST_BYTES` digest per event 1..head.seq) a difference is located exactly.

    A head that a checkpoint replaced can no longer be compared event by event. With
    ``witnessed_at`` (naive UTC: when the anchor, backup or bundle was made) it is checked
    against the cut-off of the checkpoint that replaced the events after it: those events
    came after the witness, so an honest cut-off lies after it too. A checkpoint made to
    hide events younger than the term has a cut-off before the witness, and is reported
    (:data:`WITNESS_CHECKPOINT_TOO_NEW`)."""
    chain = verify_chain(session)
    cp = latest_checkpoint(session)
    replaced = cp.seq if cp is not None else 0  # events 1..replaced: only the checkpoint
    total = replaced + (session.scalar(select(func.count()).select_from(AuditEvent)) or 0)
    at_head = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == head.seq))
    if cp is not None and head.seq == cp.seq:
        at_head = cp.hash
    if head.seq == 0 or at_head == head.hash:
        # Each hash covers everything before it: the witnessed part is unchanged.
        text = WITNESS_OK if chain.ok else None
        return WitnessVerdict(chain.ok, head, total, None, None, text, chain)
    if head.seq < replaced:
        # Witnessed before the audit term ended: those events are now the signed checkpoint.
        covering = session.scalar(
            select(AuditCheckpoint.before)
            .where(AuditCheckpoint.seq > head.seq)
            .order_by(AuditCheckpoint.seq)
            .limit(1)
        )
        if witnessed_at is not None and covering is not None and witnessed_at >= covering:
            return WitnessVerdict(False, head, total, None, None, WITNESS_CHECKPOINT_TOO_NEW, chain)
        text = WITNESS_BEFORE_CHECKPOINT if chain.ok else None
        return WitnessVerdict(chain.ok, head, total, None, None, text, chain)

    def bad(
        text: Message, first: int | None = None, last: int | None = None, restore: int | None = None
    ) -> WitnessVerdict:
        return WitnessVerdict(False, head, total, first, last, text, chain, restore)

    rolled = _rolled_back(session, head.seq)
    if digests is not None and len(digests) == head.seq * DIGEST_BYTES:
        witnessed = [digests[i : i + DIGEST_BYTES] for i in range(0, len(digests), DIGEST_BYTES)]
        current = _all_digests(session)  # from the checkpoint on, when there is one
        found = _first_difference(witnessed[replaced:], current)
        if found is not None:
            found = (found[0] + replaced, found[1] + replaced if found[1] >= 0 else -1)
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


# Labels for the viewer and the inzage PDF: storage/audit_labels.py (English source; Dutch
# in the catalog).
ACTION_LABELS = audit_labels.ACTION_LABELS
ENTITY_LABELS = audit_labels.ENTITY_LABELS
action_label = audit_labels.action_label
entity_label = audit_labels.entity_label
detail_text = audit_labels.detail_text

"""Reading a partner's feedback reply into the vault (``waakvlam feedback import``).

Everything is checked before anything is written, each refusal one sentence
(:class:`FeedbackRefusedError`):

1. recipient: the reply decrypts with one of this vault's reply identities;
2. signature: ``reply.sig`` matches the key pinned for the partner the reply names
   (``partner add|edit --signing-key``);
3. format, then replay: a reply id is read in once;
4. the bundle it answers went to that partner (and, when the reply names them, with that
   sequence number and sender key), and every kenmerk in it went to that partner in that
   bundle;
5. every item holds to the partner side's rules (:func:`reply.check_item`), with a day's
   tolerance for clocks: its date and the reply's ``created_at`` lie no later than
   tomorrow; ``created_at`` no earlier than the day before the bundle was made; an item
   date not before 2000 (a partner may have had contact before the monthly bundle
   arrived); a declined referral carries a reason; a note is one line of visible text
   without a BSN-like number.

Then each item moves its referral's status through :func:`domain.referrals.change_status`
(status history and audit events), and the reply id is stored.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles import reply as rp
from waakvlam_desktop.bundles.keys import grouped, parse_public_key, reply_identities
from waakvlam_desktop.clock import from_utc_text, local_today, to_local, utc_naive
from waakvlam_desktop.domain.bsn import find_bsn_like
from waakvlam_desktop.domain.partners import pin_signing_key
from waakvlam_desktop.domain.referrals import change_status
from waakvlam_desktop.domain.types import (
    FEEDBACK_REFERRAL_STATUS,
    REFERRAL_TRANSITIONS,
    FeedbackStatus,
    ReferralStatus,
    feedback_status_label,
)
from waakvlam_desktop.errors import BsnLikeError, FeedbackRefusedError, KeyFileError
from waakvlam_desktop.storage.models import (
    ExportRecord,
    ExportReferral,
    FeedbackReply,
    Partner,
    PartnerSigningKey,
    Referral,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

NOT_A_REPLY = Message(
    "feedback.not_a_reply",
    QT_TRANSLATE_NOOP(
        "Errors", "This file is not a Waakvlam feedback reply (not an age-encrypted file)."
    ),
)
NOT_FOR_THIS_VAULT = Message(
    "feedback.not_for_this_vault",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This reply was not encrypted for this vault: it answers a bundle from another vault"
        " (or the file is damaged). Nothing was read in.",
    ),
)
DAMAGED = Message(
    "feedback.damaged",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The reply is damaged or changed. Nothing was read in; ask the partner to send it again.",
    ),
)
UNKNOWN_PARTNER = Message(
    "feedback.unknown_partner",
    QT_TRANSLATE_NOOP(
        "Errors", "This reply names a partner this vault does not know. Nothing was read in."
    ),
)
NO_PINNED_KEY = Message(
    "feedback.no_pinned_key",
    QT_TRANSLATE_NOOP(
        "Errors",
        "No signing key is pinned for {partner} (the reply is signed with key id {key_id})."
        " Compare the key id with the partner by phone, then run: waakvlam partner edit"
        ' "{partner}" --signing-key FILE, or read this reply in with --pin-key and that key'
        " id. Nothing was read in.",
    ),
)
PIN_MISMATCH = Message(
    "feedback.pin_mismatch",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The key id you confirmed ({given}) is not the key id of this reply ({key_id}). Do not"
        " trust it; call the partner. Nothing was read in.",
    ),
)
OTHER_KEY = Message(
    "feedback.other_key",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This reply is signed with key id {key_id}, but key id {pinned} is pinned for"
        " {partner}. Do not trust it; call the partner. Nothing was read in.",
    ),
)
BAD_SIGNATURE = Message(
    "feedback.bad_signature",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The signature of this reply does not match the key pinned for {partner}: the reply"
        " was forged or changed. Nothing was read in.",
    ),
)
UNKNOWN_FORMAT = Message(
    "feedback.unknown_format",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This reply has a newer or unknown format (version {version}). Update Waakvlam to"
        " read it in.",
    ),
)
REPLAYED = Message(
    "feedback.replayed",
    QT_TRANSLATE_NOOP(
        "Errors", "This reply was already read in on {day}. Nothing was read in again."
    ),
)
BUNDLE_NOT_SENT = Message(
    "feedback.bundle_not_sent",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This reply answers bundle {bundle}, which this vault did not send to {partner}."
        " Nothing was read in.",
    ),
)
KENMERK_NOT_SENT = Message(
    "feedback.kenmerk_not_sent",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Referral {kenmerk} was not sent to {partner} in the bundle this reply answers."
        " Nothing was read in.",
    ),
)
BSN_IN_NOTE = Message(
    "feedback.bsn_in_note",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The note for referral {kenmerk} seems to contain a BSN. Nothing was read in; ask"
        " {partner} to send the feedback again without the number.",
    ),
)
FEEDBACK_NOTE = Message(
    "feedback.note",
    QT_TRANSLATE_NOOP("Labels", "Feedback from {partner}: {status} on {day}"),
    context="Labels",
)
FEEDBACK_STEP_NOTE = Message(
    "feedback.step_note",
    QT_TRANSLATE_NOOP("Labels", "Feedback from {partner} (in between)"),
    context="Labels",
)


@dataclass(frozen=True, slots=True)
class FeedbackChange:
    """One item of a reply as read in (plain data, no vault objects)."""

    kenmerk: str
    referral_id: str
    feedback: str  # FeedbackStatus value
    date: str
    note: str
    from_status: str
    to_status: str

    @property
    def changed(self) -> bool:
        return self.from_status != self.to_status


@dataclass(frozen=True, slots=True)
class FeedbackReport:
    reply_id: str
    bundle_id: str
    partner_id: str
    partner: str
    key_id: str
    created_at: str
    changes: list[FeedbackChange] = field(default_factory=list)


def _refuse(message: Message, **params: object) -> FeedbackRefusedError:
    return FeedbackRefusedError(message, **params)


def _decrypt(data: bytes, identities: list[Any]) -> bytes:
    if not data.startswith(fmt.AGE_MAGIC):
        raise _refuse(NOT_A_REPLY)
    if len(data) > rp.MAX_REPLY_BYTES:
        raise _refuse(DAMAGED)
    if not identities:
        raise _refuse(NOT_FOR_THIS_VAULT)
    try:
        plaintext: bytes = pyrage.decrypt(data, identities)
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise _refuse(NOT_FOR_THIS_VAULT) from exc
        raise _refuse(DAMAGED) from exc
    except Exception as exc:  # anything else pyrage raises on hostile input
        raise _refuse(DAMAGED) from exc
    return plaintext


def _members(plaintext: bytes) -> tuple[bytes, bytes]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(plaintext))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise _refuse(DAMAGED) from exc
    with zf:
        names = [i.filename for i in zf.infolist()]
        if sorted(names) != sorted((rp.REPLY_MANIFEST, rp.REPLY_SIGNATURE)):
            raise _refuse(DAMAGED)
        try:
            raw = fmt.read_member(zf, rp.REPLY_MANIFEST, rp.MAX_REPLY_MANIFEST)
            signature = fmt.read_member(zf, rp.REPLY_SIGNATURE, 1024)
        except Exception as exc:  # BundleDamagedError: worded for replies here
            raise _refuse(DAMAGED) from exc
    return raw, signature


def _json(raw: bytes) -> dict[str, Any]:
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _refuse(DAMAGED) from exc
    if not isinstance(doc, dict):
        raise _refuse(DAMAGED)
    return doc


def _text(doc: Any, *path: str, limit: int = 200) -> str:
    node = doc
    try:
        for key in path:
            node = node[key]
    except (KeyError, TypeError) as exc:
        raise _refuse(DAMAGED) from exc
    if not isinstance(node, str) or len(node) > limit:
        raise _refuse(DAMAGED)
    return node


#: No reply, and no item date, lies before this day.
EARLIEST = date(2000, 1, 1)
#: Clocks (and time zones) of the partner and of this computer may differ this much.
TOLERANCE = timedelta(days=1)


def _items(doc: dict[str, Any], latest: date) -> list[rp.ReplyItem]:
    """The items, each holding to :func:`reply.check_item` with its date from
    :data:`EARLIEST` to ``latest``."""
    items = doc.get("items")
    if not isinstance(items, list) or not 0 < len(items) <= rp.MAX_ITEMS:
        raise _refuse(DAMAGED)
    out: list[rp.ReplyItem] = []
    for entry in items:
        try:
            out.append(
                rp.ReplyItem(
                    kenmerk=_text(entry, "kenmerk", limit=30),
                    status=FeedbackStatus(_text(entry, "status", limit=20)),
                    day=date.fromisoformat(_text(entry, "date", limit=10)),
                    note=_text(entry, "note", limit=rp.MAX_NOTE),
                )
            )
        except ValueError as exc:
            raise _refuse(DAMAGED) from exc
        item = out[-1]
        if not EARLIEST <= item.day <= latest:
            raise _refuse(DAMAGED)
        if item.status is FeedbackStatus.DECLINED and not item.note.strip():
            raise _refuse(DAMAGED)
        if not rp.plain_note(item.note):
            raise _refuse(DAMAGED)
    if len({i.kenmerk for i in out}) != len(out):
        raise _refuse(DAMAGED)
    return out


def _path(current: ReferralStatus, target: ReferralStatus) -> list[ReferralStatus]:
    """The shortest way from ``current`` to ``target`` through the allowed transitions,
    never through "geannuleerd"; empty when there is none (already there or further)."""
    previous: dict[ReferralStatus, ReferralStatus] = {}
    queue = deque([current])
    while queue:
        status = queue.popleft()
        if status is target:
            steps = [status]
            while steps[-1] in previous:
                steps.append(previous[steps[-1]])
            return list(reversed(steps))[1:]
        for nxt in sorted(REFERRAL_TRANSITIONS[status]):
            if nxt is ReferralStatus.GEANNULEERD or nxt in previous or nxt is current:
                continue
            previous[nxt] = status
            queue.append(nxt)
    return []


def _first_key(claim: dict[str, Any], partner: Partner, pin_key_id: str) -> PartnerSigningKey:
    """The key a first reply carries, when its key id is the one confirmed by phone."""
    try:
        key = parse_public_key(_text(claim, "partner", "public_key", limit=100))
    except KeyFileError as exc:
        raise _refuse(DAMAGED) from exc
    given = "".join(pin_key_id.split()).lower()
    if given != key.key_id:
        raise _refuse(PIN_MISMATCH, given=pin_key_id.strip()[:40], key_id=grouped(key.key_id))
    return PartnerSigningKey(partner_id=partner.id, key_id=key.key_id, public_key=key.public_key)


def import_feedback(
    session: Session, data: bytes, *, pin_key_id: str | None = None
) -> FeedbackReport:
    """Check a reply completely, then apply it. Raises before writing anything.

    ``pin_key_id``: for a partner without a pinned key, the key id compared by phone; the
    key the reply carries is pinned when its id is that one and the reply is valid.
    """
    raw, signature = _members(_decrypt(data, reply_identities(session)))
    # Unsigned until the signature is checked: only used to choose the key.
    claim = _json(raw)
    partner = session.get(Partner, _text(claim, "partner", "id", limit=36))
    if partner is None:
        raise _refuse(UNKNOWN_PARTNER)
    claimed_key = _text(claim, "partner", "key_id", limit=64)
    pinned = session.scalar(
        select(PartnerSigningKey).where(PartnerSigningKey.partner_id == partner.id)
    )
    first = pinned is None
    if pinned is None:
        if not pin_key_id:
            raise _refuse(NO_PINNED_KEY, partner=partner.name, key_id=grouped(claimed_key[:32]))
        pinned = _first_key(claim, partner, pin_key_id)
    try:
        Ed25519PublicKey.from_public_bytes(pinned.public_key).verify(signature, raw)
    except InvalidSignature:
        if claimed_key != pinned.key_id:
            raise _refuse(
                OTHER_KEY,
                key_id=grouped(claimed_key[:32]),
                pinned=grouped(pinned.key_id),
                partner=partner.name,
            ) from None
        raise _refuse(BAD_SIGNATURE, partner=partner.name) from None
    # From here on the manifest is the partner's own word.
    doc = claim
    version = doc.get("format_version")
    if doc.get("format") != rp.REPLY_FORMAT or type(version) is not int or version != 1:
        raise _refuse(UNKNOWN_FORMAT, version=str(version)[:10])
    if _text(doc, "partner", "key_id", limit=64) != pinned.key_id:
        raise _refuse(DAMAGED)
    reply_id = _text(doc, "reply_id", limit=36)
    bundle_id = _text(doc, "answers", "bundle_id", limit=36)
    created_text = _text(doc, "created_at", limit=40)
    try:
        replied_at = utc_naive(from_utc_text(created_text))
    except ValueError as exc:
        raise _refuse(DAMAGED) from exc
    clock = session.info["clock"]
    now = utc_naive(clock.now())
    if not datetime.combine(EARLIEST, datetime.min.time()) <= replied_at <= now + TOLERANCE:
        raise _refuse(DAMAGED)
    latest = min(local_today(clock), replied_at.date()) + TOLERANCE
    items = _items(doc, latest)
    earlier = session.scalar(select(FeedbackReply).where(FeedbackReply.reply_id == reply_id))
    if earlier is not None:
        raise _refuse(REPLAYED, day=f"{to_local(earlier.imported_at):%d-%m-%Y}")
    record = session.scalar(
        select(ExportRecord).where(
            ExportRecord.bundle_id == bundle_id, ExportRecord.partner_id == partner.id
        )
    )
    if record is None:
        raise _refuse(BUNDLE_NOT_SENT, bundle=bundle_id[:8], partner=partner.name)
    if replied_at < record.exported_at - TOLERANCE:
        raise _refuse(DAMAGED)  # made before the bundle it answers
    answers = doc["answers"]  # a dict: _text read bundle_id from it
    if "sequence" in answers and (
        type(answers["sequence"]) is not int or answers["sequence"] != record.sequence
    ):
        raise _refuse(DAMAGED)
    if "sender_key_id" in answers and answers["sender_key_id"] != record.signing_key_id:
        raise _refuse(DAMAGED)
    carried = {
        ref.reference: ref
        for ref in session.scalars(
            select(Referral)
            .join(ExportReferral, ExportReferral.referral_id == Referral.id)
            .where(ExportReferral.export_id == record.id, Referral.partner_id == partner.id)
        )
    }
    notes: dict[str, str] = {}
    for item in items:
        if item.kenmerk not in carried:
            raise _refuse(KENMERK_NOT_SENT, kenmerk=item.kenmerk, partner=partner.name)
        note = FEEDBACK_NOTE.render(
            partner=partner.name,
            status=feedback_status_label(item.status),
            day=f"{item.day:%d-%m-%Y}",
        )
        notes[item.kenmerk] = f"{note}. {item.note}" if item.note else note
        # A signed reply cannot be "confirmed": the partner must send it again.
        if find_bsn_like(notes[item.kenmerk]):
            raise _refuse(BSN_IN_NOTE, kenmerk=item.kenmerk, partner=partner.name)

    # Everything checked: apply.
    if first:
        pin_signing_key(session, partner.id, pinned.public_key, pinned.key_id)
    changes: list[FeedbackChange] = []
    for item in items:
        ref = carried[item.kenmerk]
        before = ReferralStatus(ref.status)
        steps = _path(before, FEEDBACK_REFERRAL_STATUS[item.status])
        for i, step in enumerate(steps):
            last = i == len(steps) - 1
            text = notes[item.kenmerk] if last else FEEDBACK_STEP_NOTE.render(partner=partner.name)
            try:
                change_status(session, ref.id, step, text, allow_bsn_like=False)
            except BsnLikeError as exc:  # checked above; the caller's session rolls back
                raise _refuse(BSN_IN_NOTE, kenmerk=item.kenmerk, partner=partner.name) from exc
        changes.append(
            FeedbackChange(
                kenmerk=item.kenmerk,
                referral_id=ref.id,
                feedback=item.status.value,
                date=item.day.isoformat(),
                note=item.note,
                from_status=before.value,
                to_status=ref.status,
            )
        )
    session.add(
        FeedbackReply(
            reply_id=reply_id,
            partner_id=partner.id,
            bundle_id=bundle_id,
            replied_at=replied_at,
            imported_at=now,
            items=len(items),
        )
    )
    session.flush()
    return FeedbackReport(
        reply_id=reply_id,
        bundle_id=bundle_id,
        partner_id=partner.id,
        partner=partner.name,
        key_id=pinned.key_id,
        created_at=created_text,
        changes=changes,
    )

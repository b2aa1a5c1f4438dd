"""Feedback replies (docs/bundle-format.md, "Reply files"): the partner side makes them,
no vault and no Qt.

A reply is a zip of ``reply.json`` (the manifest: which bundle it answers, the partner and
its key id, the items) and ``reply.sig`` (Ed25519 over the manifest's exact bytes, by the
partner's signing key), age-encrypted to the ``reply_recipient`` the bundle carried.
"""

from __future__ import annotations

import io
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles.keys import SenderKey, public_key_text, public_of
from waakvlam_desktop.bundles.reader import OpenedBundle
from waakvlam_desktop.clock import utc_text
from waakvlam_desktop.domain.bsn import find_bsn_like
from waakvlam_desktop.domain.types import FeedbackStatus
from waakvlam_desktop.errors import BundleError, UsageError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

REPLY_FORMAT = "waakvlam-reply"
REPLY_VERSION = 1
REPLY_MANIFEST = "reply.json"
REPLY_SIGNATURE = "reply.sig"
MAX_REPLY_BYTES = 1024 * 1024
MAX_REPLY_MANIFEST = 512 * 1024
MAX_ITEMS = 1000
MAX_NOTE = 500

NO_REPLY_ADDRESS = Message(
    "reply.no_reply_address",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This bundle carries no reply address (it was made by an older Waakvlam). Ask the"
        " sender for a new bundle to reply to.",
    ),
)
NOT_A_CASE_BUNDLE = Message(
    "reply.not_a_case_bundle",
    QT_TRANSLATE_NOOP("Errors", "Only a bundle with referrals can be answered."),
)
KENMERK_NOT_IN_BUNDLE = Message(
    "reply.kenmerk_not_in_bundle",
    QT_TRANSLATE_NOOP("Errors", "Reference {kenmerk} is not in this bundle."),
)
BAD_STATUS_ARGUMENT = Message(
    "reply.bad_status_argument",
    QT_TRANSLATE_NOOP(
        "Errors",
        "'{value}' is not a status line. Write REFERENCE=STATUS[:YYYY-MM-DD[:NOTE]], with"
        " STATUS one of: {choices}.",
    ),
)
REASON_REQUIRED = Message(
    "reply.reason_required",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Reference {kenmerk} is declined: give the reason as a note"
        " (REFERENCE=afgewezen:YYYY-MM-DD:REASON).",
    ),
)
NOTE_TOO_LONG = Message(
    "reply.note_too_long",
    QT_TRANSLATE_NOOP(
        "Errors", "The note for {kenmerk} is longer than {limit} characters; make it shorter."
    ),
)
DATE_IN_FUTURE = Message(
    "reply.date_in_future",
    QT_TRANSLATE_NOOP("Errors", "The date for {kenmerk} ({day}) lies in the future."),
)
NOTE_NOT_PLAIN = Message(
    "reply.note_not_plain",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The note for {kenmerk} holds a line break or another invisible character; write it"
        " as one line of plain text.",
    ),
)
NOTE_BSN_LIKE = Message(
    "reply.note_bsn_like",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The note for {kenmerk} seems to contain a BSN; a reply never carries one. Leave the"
        " number out.",
    ),
)
TWICE = Message(
    "reply.twice",
    QT_TRANSLATE_NOOP("Errors", "Reference {kenmerk} is given more than once."),
)
NO_ITEMS = Message(
    "reply.no_items",
    QT_TRANSLATE_NOOP("Errors", "A reply needs the status of at least one referral."),
)
TOO_LARGE = Message(
    "reply.too_large",
    QT_TRANSLATE_NOOP(
        "Errors",
        "These statuses do not fit in one reply (at most {limit} referrals, and at most"
        " {size} KB of text together). Split them over two or more replies.",
    ),
)


@dataclass(frozen=True, slots=True)
class ReplyItem:
    kenmerk: str
    status: FeedbackStatus
    day: date
    note: str = ""

    def as_dict(self) -> dict[str, str]:
        return {
            "kenmerk": self.kenmerk,
            "status": self.status.value,
            "date": self.day.isoformat(),
            "note": self.note,
        }


def parse_status(value: str, today: date) -> ReplyItem:
    """``KENMERK=STATUS[:YYYY-MM-DD[:NOTE]]`` (the date defaults to ``today``)."""
    choices = ", ".join(s.value for s in FeedbackStatus)
    kenmerk, sep, rest = value.partition("=")
    parts = rest.split(":", 2)
    try:
        if not sep or not kenmerk.strip():
            raise ValueError
        status = FeedbackStatus(parts[0].strip())
        day = date.fromisoformat(parts[1].strip()) if len(parts) > 1 else today
    except ValueError:
        raise UsageError(BAD_STATUS_ARGUMENT, value=value[:80], choices=choices) from None
    note = parts[2].strip() if len(parts) > 2 else ""
    item = ReplyItem(kenmerk.strip(), status, day, note)
    check_item(item, today)
    return item


def plain_note(note: str) -> bool:
    """A note is one line of visible text: no control or format characters (Unicode
    categories Cc and Cf: line breaks, escape sequences, NUL, bidi overrides)."""
    return not any(unicodedata.category(ch) in ("Cc", "Cf") for ch in note)


def check_item(item: ReplyItem, today: date) -> None:
    """The partner side's rules for one item; the vault applies the same ones when it
    reads a reply in (:mod:`waakvlam_desktop.bundles.feedback`)."""
    if item.status is FeedbackStatus.DECLINED and not item.note.strip():
        raise UsageError(REASON_REQUIRED, kenmerk=item.kenmerk)
    if len(item.note) > MAX_NOTE:
        raise UsageError(NOTE_TOO_LONG, kenmerk=item.kenmerk, limit=MAX_NOTE)
    if not plain_note(item.note):
        raise UsageError(NOTE_NOT_PLAIN, kenmerk=item.kenmerk)
    if find_bsn_like(item.note):
        raise UsageError(NOTE_BSN_LIKE, kenmerk=item.kenmerk)
    if item.day > today:
        raise UsageError(DATE_IN_FUTURE, kenmerk=item.kenmerk, day=item.day.isoformat())


def bundle_kenmerken(bundle: OpenedBundle) -> set[str]:
    """The referral references (kenmerken) a case bundle carries."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "referrals" and isinstance(value, list):
                    found.update(
                        str(r["reference"])
                        for r in value
                        if isinstance(r, dict) and isinstance(r.get("reference"), str)
                    )
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(bundle.data())
    return found


def reply_zip(manifest_raw: bytes, signature: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in ((REPLY_MANIFEST, manifest_raw), (REPLY_SIGNATURE, signature)):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.external_attr = 0o600 << 16
            zf.writestr(info, data, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def seal(manifest: dict[str, Any], signing_key: Ed25519PrivateKey, recipient: str) -> bytes:
    """Sign ``manifest`` and encrypt the reply zip to ``recipient``. No checks: that is
    :func:`make_reply`'s work (tests craft hostile replies with this)."""
    raw = fmt.manifest_bytes(manifest)
    plaintext = reply_zip(raw, signing_key.sign(raw))
    return bytes(pyrage.encrypt(plaintext, [pyrage.x25519.Recipient.from_str(recipient)]))


def _manifest(
    bundle: OpenedBundle, public: SenderKey, items: list[ReplyItem], moment: datetime
) -> dict[str, Any]:
    m = bundle.manifest
    return {
        "format": REPLY_FORMAT,
        "format_version": REPLY_VERSION,
        "reply_id": str(uuid.uuid4()),
        "created_at": utc_text(moment),
        "answers": {
            "bundle_id": bundle.bundle_id,
            "sequence": bundle.sequence,
            "sender_key_id": str(m["sender"]["key_id"]),
        },
        "partner": {
            "id": str(m["partner"]["id"]),
            "name": str(m["partner"].get("name", "")),
            "key_id": public.key_id,
            # Lets the corporation pin the key on a first reply, after comparing the key id.
            "public_key": public_key_text(public.public_key),
        },
        "items": [i.as_dict() for i in items],
    }


def _fits(manifest: dict[str, Any]) -> bool:
    """Whether the vault's reader (:mod:`waakvlam_desktop.bundles.feedback`) takes a
    reply with this manifest: at most :data:`MAX_ITEMS` items, a manifest of at most
    :data:`MAX_REPLY_MANIFEST` bytes. (The encrypted file's own limit is checked on the
    sealed bytes.)"""
    items = manifest["items"]
    return len(items) <= MAX_ITEMS and len(fmt.manifest_bytes(manifest)) <= MAX_REPLY_MANIFEST


def _checked(bundle: OpenedBundle, items: list[ReplyItem]) -> None:
    m = bundle.manifest
    recipient = m.get("reply_recipient")
    if not isinstance(recipient, str) or not recipient.startswith("age1"):
        raise BundleError(NO_REPLY_ADDRESS)
    if bundle.profile != "case":
        raise BundleError(NOT_A_CASE_BUNDLE)
    if not items:
        raise UsageError(NO_ITEMS)
    known = bundle_kenmerken(bundle)
    seen: set[str] = set()
    for item in items:
        if item.kenmerk not in known:
            raise BundleError(KENMERK_NOT_IN_BUNDLE, kenmerk=item.kenmerk)
        if item.kenmerk in seen:
            raise UsageError(TWICE, kenmerk=item.kenmerk)
        seen.add(item.kenmerk)


def make_reply(
    bundle: OpenedBundle,
    signing_key: Ed25519PrivateKey,
    items: list[ReplyItem],
    now: datetime | None = None,
) -> tuple[bytes, dict[str, Any]]:
    """The encrypted reply to a verified ``bundle`` and its manifest. Refused, before
    anything is signed, when the vault's reader would refuse it for its size."""
    _checked(bundle, items)
    return _sealed(bundle, signing_key, items, now or datetime.now(UTC))


def _sealed(
    bundle: OpenedBundle, signing_key: Ed25519PrivateKey, items: list[ReplyItem], moment: datetime
) -> tuple[bytes, dict[str, Any]]:
    """:func:`make_reply` after its checks of the bundle and the items."""
    manifest = _manifest(bundle, public_of(signing_key), items, moment)
    if _fits(manifest):
        data = seal(manifest, signing_key, str(bundle.manifest["reply_recipient"]))
        if len(data) <= MAX_REPLY_BYTES:
            return data, manifest
    raise UsageError(TOO_LARGE, limit=MAX_ITEMS, size=MAX_REPLY_MANIFEST // 1024)


def make_replies(
    bundle: OpenedBundle,
    signing_key: Ed25519PrivateKey,
    items: list[ReplyItem],
    now: datetime | None = None,
) -> list[tuple[bytes, dict[str, Any], list[ReplyItem]]]:
    """The replies that carry all ``items`` in their order: one when they fit in one
    reply, else as few as the reader's limits allow, each with the items it carries."""
    _checked(bundle, items)
    moment = now or datetime.now(UTC)
    public = public_of(signing_key)
    parts: list[list[ReplyItem]] = []
    rest = items
    while rest:
        # The longest prefix that fits (the manifest grows with every item; one item is
        # always far under the limits: a note is at most MAX_NOTE characters).
        low, high = 1, min(len(rest), MAX_ITEMS)
        while low < high:
            middle = (low + high + 1) // 2
            if _fits(_manifest(bundle, public, rest[:middle], moment)):
                low = middle
            else:
                high = middle - 1
        parts.append(rest[:low])
        rest = rest[low:]
    return [(*_sealed(bundle, signing_key, part, moment), part) for part in parts]

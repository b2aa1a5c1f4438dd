"""Witnesses of the audit chain outside the vault: signed anchors and the heads partners saw.

An **anchor** (``waakvlam audit anchor --out FILE``) is a small text file::

    # comment lines (organisation, date, event number): informational, not signed
    {"created_at":…,"digests":…,"format":"waakvlam-audit-anchor","head":{…},…}
    waakvlam-ed25519-sig:<base64 of 64 bytes>

The JSON line is signed exactly as it stands, with the organisation's Ed25519 signing key,
over ``ANCHOR_CONTEXT + line`` (so an anchor signature can never pass as a bundle
manifest's, and the other way round). ``digests`` holds 8 bytes per event 1..head.seq
(``storage.audit.content_digest``), base64: they let ``audit verify --anchor`` name the
first missing or changed event; the verdict itself rests on the full 256-bit head hash.

Every bundle manifest carries ``audit_head`` too (bundles/export.py); the partner's reader
keeps the heads it saw per sender key (:func:`remember_head`) and notices a sender whose
chain forked (the same event number with another hash).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop import fileio
from waakvlam_desktop.bundles.keys import SenderKey, ensure_signing_key, grouped, sign
from waakvlam_desktop.clock import from_utc_text, to_local, utc_naive, utc_text
from waakvlam_desktop.errors import UsageError, WaakvlamError
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.audit import AuditHead, WitnessVerdict
from waakvlam_desktop.storage.models import SigningKey
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

ANCHOR_FORMAT = "waakvlam-audit-anchor"
ANCHOR_VERSION = 1
ANCHOR_CONTEXT = b"waakvlam-audit-anchor-v1\n"
SIGNATURE_PREFIX = "waakvlam-ed25519-sig:"
MAX_ANCHOR_BYTES = 64 * 1024 * 1024  # 8 bytes per event: millions of events

ANCHOR_EXISTS = Message(
    "anchor.file_exists",
    QT_TRANSLATE_NOOP(
        "Errors",
        "{path} already exists. Choose another name for the anchor; nothing is overwritten.",
    ),
)
ANCHOR_NOT_WRITABLE = Message(
    "anchor.not_writable",
    QT_TRANSLATE_NOOP("Errors", "The anchor could not be written to {path}. Nothing was saved."),
)
ANCHOR_UNREADABLE = Message(
    "anchor.unreadable", QT_TRANSLATE_NOOP("Errors", "The anchor file {path} cannot be read.")
)
NOT_AN_ANCHOR = Message(
    "anchor.not_an_anchor",
    QT_TRANSLATE_NOOP(
        "Errors",
        "{name} is not an audit anchor (from 'waakvlam audit anchor'), or it was cut off.",
    ),
)
ANCHOR_UNKNOWN_KEY = Message(
    "anchor.unknown_key",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The anchor was signed with key {key_id}, which is not this organisation's signing key."
        " Do not trust it.",
    ),
)
ANCHOR_BAD_SIGNATURE = Message(
    "anchor.bad_signature",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The signature of the anchor does not match: the anchor was forged or changed. Do not"
        " trust it.",
    ),
)
ANCHOR_OTHER_VAULT = Message(
    "anchor.other_vault",
    QT_TRANSLATE_NOOP("Errors", "This anchor belongs to another vault ({vault_id})."),
)
ANCHOR_UNKNOWN_VERSION = Message(
    "anchor.unknown_version",
    QT_TRANSLATE_NOOP(
        "Errors", "This anchor has an unknown format (version {version}). Update Waakvlam."
    ),
)
BACKUP_OTHER_VAULT = Message(
    "anchor.backup_other_vault",
    QT_TRANSLATE_NOOP("Errors", "This backup belongs to another vault ({vault_id})."),
)
BACKUP_NO_HEAD = Message(
    "anchor.backup_no_head",
    QT_TRANSLATE_NOOP(
        "Errors", "This backup was made before backups carried the audit head: it cannot witness."
    ),
)
SENDER_CHAIN_FORKED = Message(
    "anchor.sender_chain_forked",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Warning: the sender's audit log was rewritten or rolled back. Bundle {bundle} (of"
        " {created}) witnessed event {seq} with another hash. Tell the sender's privacy"
        " officer.",
    ),
)
KEY_NEEDS_ANCHOR = Message(
    "anchor.key_needs_anchor",
    QT_TRANSLATE_NOOP("Errors", "--key belongs with --anchor: it checks the anchor's signature."),
)
SEEN_NEEDS_HEAD = Message(
    "anchor.seen_needs_head",
    QT_TRANSLATE_NOOP(
        "Errors", "--seen belongs with --head: it is the day that head was witnessed."
    ),
)
HEAD_INVALID = Message(
    "anchor.head_invalid",
    QT_TRANSLATE_NOOP(
        "Errors",
        "'{value}' is not an audit head. Give the event number and hash as NUMBER:HASH (64"
        " hex characters), as in a bundle manifest's audit_head.",
    ),
)


@dataclass(frozen=True, slots=True)
class Anchor:
    """A signed head statement, as read from a file (signature already checked)."""

    vault_id: str
    organisation: str
    created_at: datetime  # naive UTC
    key_id: str
    head: AuditHead
    digests: bytes


# ---- writing -----------------------------------------------------------------------------
def anchor_text(session: Session, vault_id: str) -> tuple[str, AuditHead]:
    """The signed anchor file for the chain as it stands in ``session`` (an ``anchor``
    event is recorded first, so the anchor covers its own making)."""
    # Imported on use, as bundles.keys does: domain.setup loads checklist and settings.
    from waakvlam_desktop.domain.setup import organisation  # noqa: PLC0415

    signing = ensure_signing_key(session)
    audit.record(session, "anchor", "vault", vault_id, detail=f"sleutel: {signing.key_id}")
    session.flush()
    head = audit.audit_head(session)
    org = organisation(session)
    org_name = org.name if org else ""
    created = utc_naive(session.info["clock"].now())
    statement = {
        "format": ANCHOR_FORMAT,
        "version": ANCHOR_VERSION,
        "vault_id": vault_id,
        "organisation": org_name,
        "created_at": utc_text(created),
        "key_id": signing.key_id,
        "head": head.as_dict(),
        "digests": base64.b64encode(audit.content_digests(session, head.seq)).decode("ascii"),
    }
    line = json.dumps(statement, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    signature = sign(signing, ANCHOR_CONTEXT + line.encode("ascii"))
    flat = org_name.replace("\n", " ").replace("\r", " ")
    text = (
        f"# Waakvlam: ankerpunt van het auditlog van {flat}\n"
        f"# gebeurtenis {head.seq}, {to_local(created):%d-%m-%Y %H:%M}\n"
        f"# sleutel-id: {grouped(signing.key_id)}\n"
        f"{line}\n"
        f"{SIGNATURE_PREFIX}{base64.b64encode(signature).decode('ascii')}\n"
    )
    return text, head


def write_anchor(session: Session, vault_id: str, path: Path) -> AuditHead:
    """Write the anchor (0600, never overwrites); the ``anchor`` event rolls back with the
    caller's session if the file cannot be written."""
    target = path.expanduser()
    if target.exists():
        raise UsageError(ANCHOR_EXISTS, path=target)
    text, head = anchor_text(session, vault_id)
    try:
        fileio.write_atomic(target, text.encode("utf-8"))
    except FileExistsError as exc:
        raise UsageError(ANCHOR_EXISTS, path=target) from exc
    except OSError as exc:
        raise WaakvlamError(ANCHOR_NOT_WRITABLE, path=target) from exc
    return head


# ---- reading -----------------------------------------------------------------------------
def _not_an_anchor(path: Path) -> WaakvlamError:
    return WaakvlamError(NOT_AN_ANCHOR, name=path.name)


def _parse(path: Path) -> tuple[str, bytes, dict[str, Any]]:
    try:
        if path.stat().st_size > MAX_ANCHOR_BYTES:
            raise _not_an_anchor(path)
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WaakvlamError(ANCHOR_UNREADABLE, path=path) from exc
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    if len(lines) != 2 or not lines[1].startswith(SIGNATURE_PREFIX):
        raise _not_an_anchor(path)
    line = lines[0]
    try:
        signature = base64.b64decode(lines[1][len(SIGNATURE_PREFIX) :], validate=True)
        statement = json.loads(line)
    except (binascii.Error, ValueError) as exc:
        raise _not_an_anchor(path) from exc
    if len(signature) != 64 or not isinstance(statement, dict):
        raise _not_an_anchor(path)
    return line, signature, statement


def vault_keys(session: Session) -> dict[str, bytes]:
    """Every signing key this vault has had (key id → raw public key)."""
    return {
        row.key_id: row.public_key
        for row in session.scalars(select(SigningKey).order_by(SigningKey.created_at))
    }


def read_anchor(path: Path, trusted: dict[str, bytes], vault_id: str | None) -> Anchor:
    """Parse and check an anchor file: a trusted key, a valid signature, a known format,
    this vault. Raises a one-sentence :class:`WaakvlamError` otherwise."""
    path = path.expanduser()
    line, signature, statement = _parse(path)
    key_id = str(statement.get("key_id", ""))[:64]
    public = trusted.get(key_id)
    if public is None:
        raise WaakvlamError(ANCHOR_UNKNOWN_KEY, key_id=grouped(key_id) or "?")
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(
            signature, ANCHOR_CONTEXT + line.encode("utf-8")
        )
    except InvalidSignature as exc:
        raise WaakvlamError(ANCHOR_BAD_SIGNATURE) from exc
    version = statement.get("version")
    if statement.get("format") != ANCHOR_FORMAT or version != ANCHOR_VERSION:
        raise WaakvlamError(ANCHOR_UNKNOWN_VERSION, version=str(version)[:10])
    head = audit.parse_head(statement.get("head"))
    try:
        digests = base64.b64decode(str(statement.get("digests", "")), validate=True)
        created = from_utc_text(str(statement["created_at"]))
    except (binascii.Error, ValueError, KeyError) as exc:
        raise _not_an_anchor(path) from exc
    if head is None or len(digests) != head.seq * audit.DIGEST_BYTES:
        raise _not_an_anchor(path)
    anchor_vault = str(statement.get("vault_id", ""))
    if vault_id is not None and anchor_vault != vault_id:
        raise WaakvlamError(ANCHOR_OTHER_VAULT, vault_id=anchor_vault[:40])
    return Anchor(
        vault_id=anchor_vault,
        organisation=str(statement.get("organisation", ""))[:200],
        created_at=created,
        key_id=key_id,
        head=head,
        digests=digests,
    )


def verify_anchor(
    session: Session, path: Path, vault_id: str, sender: SenderKey | None = None
) -> tuple[Anchor, WitnessVerdict]:
    """Check the anchor (with the vault's own signing keys, or only ``sender`` when given:
    a key kept outside the vault) and whether the chain still extends its head."""
    trusted = {sender.key_id: sender.public_key} if sender else vault_keys(session)
    anchor = read_anchor(path, trusted, vault_id)
    return anchor, audit.verify_witness(session, anchor.head, anchor.digests, anchor.created_at)


def parse_head_text(value: str) -> AuditHead:
    """``NUMBER:HASH`` from the command line (as printed by ``bundle heads``)."""
    head = audit.parse_head(value.strip())
    if head is None:
        raise UsageError(HEAD_INVALID, value=value.strip()[:80])
    return head


def seen_moment(day: date) -> datetime:
    """The moment (naive UTC) a head seen on ``day`` (``audit verify --head … --seen``, the
    date ``bundle heads`` prints) is taken to be witnessed: that day's local midnight, the
    earliest it can have been, so an honest checkpoint is never reported."""
    return utc_naive(datetime.combine(day, time.min).astimezone())


# ---- the partner side: heads seen per sender -----------------------------------------------
# Kept in the partner's state file (bundles/partner_state.py) under its own top-level key,
# "audit_heads": {sender key id: [{seq, hash, bundle_id, created_at}, …]}. The reader adds
# a bundle's head in the same write that records it as opened (reader.remember).
HEADS_KEY = "audit_heads"
MAX_HEADS_PER_SENDER = 1000


def manifest_head(manifest: dict[str, Any]) -> AuditHead | None:
    """The signed ``audit_head`` of a manifest (absent in bundles from before it existed)."""
    return audit.parse_head(manifest.get("audit_head"))


def seen_heads(state: dict[str, Any], sender_key_id: str) -> list[dict[str, Any]]:
    heads = state.get(HEADS_KEY)
    if not isinstance(heads, dict):
        return []
    entries = heads.get(sender_key_id)
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def head_conflict(state: dict[str, Any], manifest: dict[str, Any]) -> dict[str, Any] | None:
    """A head seen before with the same event number and another hash: the sender's chain
    was rewritten between the two bundles (or one of them was restored from a backup)."""
    head = manifest_head(manifest)
    sender = manifest.get("sender")
    if head is None or not isinstance(sender, dict):
        return None
    for entry in seen_heads(state, str(sender.get("key_id", ""))):
        if entry.get("seq") == head.seq and entry.get("hash") != head.hash:
            return entry
    return None


def remember_head(state: dict[str, Any], manifest: dict[str, Any]) -> None:
    """Add the manifest's head to ``state`` (in place) under :data:`HEADS_KEY`."""
    head = manifest_head(manifest)
    sender = manifest.get("sender")
    if head is None or not isinstance(sender, dict):
        return
    heads = state.get(HEADS_KEY)
    if not isinstance(heads, dict):
        heads = state[HEADS_KEY] = {}
    key = str(sender.get("key_id", ""))
    entries = seen_heads(state, key)
    entry = {
        **head.as_dict(),
        "bundle_id": str(manifest.get("bundle_id", ""))[:64],
        "created_at": str(manifest.get("created_at", ""))[:40],
    }
    if entry not in entries:
        entries.append(entry)
    heads[key] = entries[-MAX_HEADS_PER_SENDER:]

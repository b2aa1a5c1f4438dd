"""Keys around bundles: the organisation's Ed25519 signing key (in the vault), key ids,
recipient fingerprints, and the partner's age identity file.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import utc_text
from waakvlam_desktop.errors import KeyFileError, UsageError
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.storage.models import ReplyIdentity, SigningKey
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

PUBLIC_KEY_PREFIX = "waakvlam-ed25519:"
SECRET_KEY_PREFIX = "WAAKVLAM-ED25519-SECRET-KEY-1:"
SIGNING_SUFFIX = ".sign"  # KEY.sign beside the age identity file KEY
KEY_ID_HEX = 32  # 128 bits of SHA-256

SENDER_KEY_UNREADABLE = Message(
    "bundle_key.sender_key_unreadable",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The sender's key cannot be read. One line 'waakvlam-ed25519:…' is expected (from"
        " 'waakvlam org public-key').",
    ),
)
SENDER_FILE_UNREADABLE = Message(
    "bundle_key.sender_file_unreadable",
    QT_TRANSLATE_NOOP("Errors", "The sender's key file {path} cannot be read."),
)
KEY_FILE_UNREADABLE = Message(
    "bundle_key.key_file_unreadable",
    QT_TRANSLATE_NOOP("Errors", "The key file {path} cannot be read."),
)
KEY_INVALID = Message(
    "bundle_key.key_invalid",
    QT_TRANSLATE_NOOP("Errors", "The key file {path} does not hold a valid key."),
)
NO_AGE_KEY = Message(
    "bundle_key.no_age_key",
    QT_TRANSLATE_NOOP(
        "Errors", "The key file {path} does not hold an age key (AGE-SECRET-KEY-1…)."
    ),
)
KEY_FILE_EXISTS = Message(
    "bundle_key.key_file_exists",
    QT_TRANSLATE_NOOP(
        "Errors", "{path} already exists. Choose another name; an existing key is not overwritten."
    ),
)
NO_SIGNING_KEY = Message(
    "bundle_key.no_signing_key",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The signing key file {path} cannot be read or holds no signing key"
        " (WAAKVLAM-ED25519-SECRET-KEY-1:…). It is made by 'waakvlam bundle keygen' beside"
        " the age key.",
    ),
)
KEY_FILE_NOT_WRITABLE = Message(
    "bundle_key.key_file_not_writable",
    QT_TRANSLATE_NOOP("Errors", "{path} cannot be written."),
)


def key_id(public_key: bytes) -> str:
    """Sender key id: the first 32 hex characters of SHA-256(raw 32-byte public key)."""
    return hashlib.sha256(public_key).hexdigest()[:KEY_ID_HEX]


def grouped(hex_text: str) -> str:
    """``3f2a9c01…`` as ``3f2a 9c01 …`` for reading aloud."""
    return " ".join(hex_text[i : i + 4] for i in range(0, len(hex_text), 4))


def recipient_fingerprint(recipient: str) -> str:
    """First 32 hex characters of SHA-256 over the canonical ``age1…`` string."""
    return hashlib.sha256(recipient.strip().lower().encode("utf-8")).hexdigest()[:KEY_ID_HEX]


def public_key_text(public_key: bytes) -> str:
    return PUBLIC_KEY_PREFIX + base64.b64encode(public_key).decode("ascii")


# ---- the organisation's signing key (export side, inside the vault) -----------------------
@dataclass(frozen=True, slots=True)
class OrgPublicKey:
    """What Instellingen shows and partners pin."""

    key_id: str
    fingerprint: str  # key id grouped per four characters
    public_key: str  # ``waakvlam-ed25519:…``
    created_at: datetime
    organisation: str

    def file_text(self) -> str:
        return (
            f"# Waakvlam: publieke ondertekensleutel van {self.organisation}\n"
            f"# sleutel-id: {self.fingerprint}\n"
            f"{self.public_key}\n"
        )


def _active_key(session: Session) -> SigningKey | None:
    return session.scalar(
        select(SigningKey).where(SigningKey.active).order_by(SigningKey.created_at).limit(1)
    )


def ensure_signing_key(session: Session) -> SigningKey:
    """The active signing key; generated (and stored in the vault) on first use."""
    row = _active_key(session)
    if row is not None:
        return row
    private = Ed25519PrivateKey.generate()
    raw_public = private.public_key().public_bytes_raw()
    row = SigningKey(
        algorithm="ed25519",
        key_id=key_id(raw_public),
        public_key=raw_public,
        private_key=private.private_bytes_raw(),
        active=True,
    )
    session.add(row)
    session.flush()
    return row


def org_public_key(session: Session) -> OrgPublicKey:
    # Imported on use: the partner-side `waakvlam bundle verify|open` loads this module and
    # would pay ~9 ms for domain.setup (checklist, settings) it never needs.
    from waakvlam_desktop.domain.setup import organisation  # noqa: PLC0415

    row = ensure_signing_key(session)
    org = organisation(session)
    return OrgPublicKey(
        key_id=row.key_id,
        fingerprint=grouped(row.key_id),
        public_key=public_key_text(row.public_key),
        created_at=row.created_at,
        organisation=org.name if org else "",
    )


def sign(row: SigningKey, message: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(row.private_key).sign(message)


# ---- the partner side: pinned sender key and own age identity -----------------------------
@dataclass(frozen=True, slots=True)
class SenderKey:
    public_key: bytes

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)

    def verifier(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.public_key)


def parse_public_key(text: str) -> SenderKey:
    """``waakvlam-ed25519:…`` (possibly among ``#`` comment lines) as a :class:`SenderKey`."""
    for line in text.splitlines():
        token = line.strip()
        if not token or token.startswith("#"):
            continue
        if token.startswith(PUBLIC_KEY_PREFIX):
            try:
                raw = base64.b64decode(token[len(PUBLIC_KEY_PREFIX) :], validate=True)
            except (binascii.Error, ValueError):
                break
            if len(raw) == 32:
                return SenderKey(raw)
        break
    raise KeyFileError(SENDER_KEY_UNREADABLE)


def load_sender(value: str) -> SenderKey:
    """``colleague add --key``: the key text itself or a file that holds it."""
    if value.strip().startswith(PUBLIC_KEY_PREFIX):
        return parse_public_key(value)
    path = Path(value).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileError(SENDER_FILE_UNREADABLE, path=path) from exc
    return parse_public_key(text)


def load_identity(path: Path) -> Any:
    """An age identity file (``AGE-SECRET-KEY-1…``, ``#`` lines ignored)."""
    try:
        text = path.expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileError(KEY_FILE_UNREADABLE, path=path) from exc
    for line in text.splitlines():
        token = line.strip()
        if token.upper().startswith("AGE-SECRET-KEY-1"):
            try:
                return pyrage.x25519.Identity.from_str(token)
            except Exception as exc:  # pyrage.IdentityError and friends
                raise KeyFileError(KEY_INVALID, path=path) from exc
    raise KeyFileError(NO_AGE_KEY, path=path)


def identity_recipient(identity: Any) -> str:
    return str(identity.to_public())


def write_identity(path: Path) -> str:
    """Create a new age identity file (mode 600, never overwrites). Returns the recipient."""
    identity = pyrage.x25519.Identity.generate()
    recipient = str(identity.to_public())
    created = utc_text(datetime.now(UTC))
    body = f"# created: {created}\n# public key: {recipient}\n{identity}\n"
    target = path.expanduser()
    try:
        write_atomic(target, body.encode("utf-8"))
    except FileExistsError as exc:
        raise UsageError(KEY_FILE_EXISTS, path=target) from exc
    except OSError as exc:
        raise KeyFileError(KEY_FILE_NOT_WRITABLE, path=target) from exc
    return recipient


# ---- the partner's signing key (feedback replies) -------------------------------------------
def signing_key_path(identity_path: Path) -> Path:
    """Where ``bundle keygen --out KEY`` puts the signing key: ``KEY.sign``.

    A file of its own, so that ``KEY`` stays an ordinary age identity file (the ``age``
    tool refuses lines it does not know)."""
    target = identity_path.expanduser()
    return target.with_name(target.name + SIGNING_SUFFIX)


def write_signing_key(path: Path) -> SenderKey:
    """Create a new Ed25519 signing key file (mode 600, never overwrites); its public key."""
    private = Ed25519PrivateKey.generate()
    public = SenderKey(private.public_key().public_bytes_raw())
    secret = private.private_bytes_raw()
    created = utc_text(datetime.now(UTC))
    body = (
        f"# created: {created}\n"
        f"# public key: {public_key_text(public.public_key)}\n"
        f"# key id: {grouped(public.key_id)}\n"
        f"{SECRET_KEY_PREFIX}{base64.b64encode(secret).decode('ascii')}\n"
    )
    target = path.expanduser()
    try:
        write_atomic(target, body.encode("utf-8"))
    except FileExistsError as exc:
        raise UsageError(KEY_FILE_EXISTS, path=target) from exc
    except OSError as exc:
        raise KeyFileError(KEY_FILE_NOT_WRITABLE, path=target) from exc
    return public


def load_signing_key(path: Path) -> Ed25519PrivateKey:
    """The signing key in ``path`` (``#`` lines ignored)."""
    try:
        text = path.expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileError(NO_SIGNING_KEY, path=path) from exc
    for line in text.splitlines():
        token = line.strip()
        if token.startswith(SECRET_KEY_PREFIX):
            try:
                raw = base64.b64decode(token[len(SECRET_KEY_PREFIX) :], validate=True)
                return Ed25519PrivateKey.from_private_bytes(raw)
            except (binascii.Error, ValueError) as exc:
                raise KeyFileError(NO_SIGNING_KEY, path=path) from exc
    raise KeyFileError(NO_SIGNING_KEY, path=path)


def public_of(private: Ed25519PrivateKey) -> SenderKey:
    return SenderKey(private.public_key().public_bytes_raw())


def partner_key_file_text(public: SenderKey) -> str:
    """What a partner gives the corporation to pin (``partner edit --signing-key FILE``)."""
    return (
        f"# Waakvlam: publieke ondertekensleutel voor terugkoppeling\n"
        f"# sleutel-id: {grouped(public.key_id)}\n"
        f"{public_key_text(public.public_key)}\n"
    )


# ---- the vault's reply identity (feedback replies are encrypted to it) ----------------------
def reply_identity_row(session: Session) -> ReplyIdentity | None:
    return session.scalar(
        select(ReplyIdentity)
        .where(ReplyIdentity.active)
        .order_by(ReplyIdentity.created_at)
        .limit(1)
    )


def ensure_reply_identity(session: Session) -> ReplyIdentity:
    """The active reply identity; generated (and kept in the vault) on first use."""
    row = reply_identity_row(session)
    if row is not None:
        return row
    identity = pyrage.x25519.Identity.generate()
    row = ReplyIdentity(recipient=str(identity.to_public()), identity=str(identity), active=True)
    session.add(row)
    session.flush()
    return row


def reply_identities(session: Session) -> list[Any]:
    """Every reply identity this vault has had (a reply to an old bundle still opens)."""
    return [
        pyrage.x25519.Identity.from_str(row.identity)
        for row in session.scalars(select(ReplyIdentity).order_by(ReplyIdentity.created_at))
    ]

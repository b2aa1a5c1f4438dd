"""Colleagues whose handover bundles this vault accepts (issue #12 A).

A colleague is a name and the Ed25519 public key of their vault (``waakvlam org
public-key``), pinned here before any bundle of theirs is read. ``bundle import`` looks
the bundle's sender key id up in this list and refuses a bundle from any other key. The
key id (the first 32 hex characters of SHA-256 over the raw key, as in
docs/bundle-format.md) is what two people compare by phone before pinning.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.errors import NotFoundError, ValidationError
from waakvlam_desktop.storage.models import Colleague, SigningKey
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

NAME_REQUIRED = Message(
    "colleague.name_required",
    QT_TRANSLATE_NOOP("Errors", "Fill in the colleague's name."),
)
NAME_TOO_LONG = Message(
    "colleague.name_too_long",
    QT_TRANSLATE_NOOP("Errors", "The colleague's name is too long (at most 200 characters)."),
)
NAME_TAKEN = Message(
    "colleague.name_taken",
    QT_TRANSLATE_NOOP("Errors", "There is already a colleague called '{name}'."),
)
KEY_TAKEN = Message(
    "colleague.key_taken",
    QT_TRANSLATE_NOOP(
        "Errors", "This key is already pinned for colleague '{name}' (key id {key_id})."
    ),
)
OWN_KEY = Message(
    "colleague.own_key",
    QT_TRANSLATE_NOOP(
        "Errors", "This is this vault's own signing key, not a colleague's; nothing was added."
    ),
)
KEY_WRONG_SIZE = Message(
    "colleague.key_wrong_size",
    QT_TRANSLATE_NOOP("Errors", "A colleague's key is 32 bytes; this one is not."),
)
NOT_FOUND = Message(
    "colleague.not_found",
    QT_TRANSLATE_NOOP("Errors", "There is no colleague called '{name}'."),
)

KEY_ID_HEX = 32


def key_id(public_key: bytes) -> str:
    """The sender key id of docs/bundle-format.md (same as ``bundles.keys.key_id``)."""
    return hashlib.sha256(public_key).hexdigest()[:KEY_ID_HEX]


def grouped(hex_text: str) -> str:
    """``3f2a9c01…`` as ``3f2a 9c01 …`` for reading aloud."""
    return " ".join(hex_text[i : i + 4] for i in range(0, len(hex_text), 4))


@dataclass(frozen=True, slots=True)
class ColleagueView:
    """A pinned colleague as the CLI and the GUI show it (no secrets: a public key id)."""

    id: str
    name: str
    key_id: str
    fingerprint: str  # the key id grouped per four characters
    added_at: datetime
    last_import_at: datetime | None


def _view(row: Colleague) -> ColleagueView:
    return ColleagueView(
        id=row.id,
        name=row.name,
        key_id=row.key_id,
        fingerprint=grouped(row.key_id),
        added_at=row.created_at,
        last_import_at=row.last_import_at,
    )


def _clean_name(name: str) -> str:
    text = " ".join((name or "").split())
    if not text:
        raise ValidationError(NAME_REQUIRED, field="name")
    if len(text) > 200:
        raise ValidationError(NAME_TOO_LONG, field="name")
    return text


def add_colleague(session: Session, name: str, public_key: bytes) -> ColleagueView:
    """Pin ``public_key`` (32 raw Ed25519 bytes) for ``name``. Audited by the session hook."""
    clean = _clean_name(name)
    if len(public_key) != 32:
        raise ValidationError(KEY_WRONG_SIZE, field="key")
    kid = key_id(public_key)
    if session.scalar(select(SigningKey.id).where(SigningKey.key_id == kid)) is not None:
        raise ValidationError(OWN_KEY, field="key")
    same_key = session.scalar(select(Colleague).where(Colleague.key_id == kid))
    if same_key is not None:
        raise ValidationError(KEY_TAKEN, field="key", name=same_key.name, key_id=grouped(kid))
    if session.scalar(select(Colleague.id).where(Colleague.name == clean)) is not None:
        raise ValidationError(NAME_TAKEN, field="name", name=clean)
    row = Colleague(name=clean, key_id=kid, public_key=bytes(public_key))
    session.add(row)
    session.flush()
    return _view(row)


def list_colleagues(session: Session) -> list[ColleagueView]:
    return [_view(r) for r in session.scalars(select(Colleague).order_by(Colleague.name))]


def remove_colleague(session: Session, name: str) -> ColleagueView:
    """Unpin a colleague: their bundles are refused from now on (their import state goes)."""
    clean = " ".join((name or "").split())
    row = session.scalar(select(Colleague).where(Colleague.name == clean))
    if row is None:
        raise NotFoundError(NOT_FOUND, name=clean[:200])
    view = _view(row)
    session.delete(row)
    session.flush()
    return view


def pinned(session: Session, kid: str) -> Colleague | None:
    """The colleague whose pinned key has this key id, if any."""
    return session.scalar(select(Colleague).where(Colleague.key_id == kid))

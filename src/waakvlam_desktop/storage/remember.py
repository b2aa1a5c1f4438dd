"""'Onthoud op deze computer': the database key in the OS keyring, and nowhere else.

Only a real keyring backend is used (Windows Credential Manager, macOS Keychain, Secret
Service, KWallet). Fail, null and plaintext-file backends are refused, so there is never
a key file on disk. Any keyring trouble means: ask for the passphrase.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

log = logging.getLogger(__name__)

SERVICE = "Waakvlam Desktop"
_REFUSED_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def _is_real(backend: Any) -> bool:
    module = type(backend).__module__
    if any(module.startswith(m) for m in _REFUSED_MODULES):
        return False
    if "plaintext" in type(backend).__name__.lower() or "file" in module.lower():
        return False
    if type(backend).__name__ == "ChainerBackend":
        return any(_is_real(b) for b in getattr(backend, "backends", []))
    try:
        return float(backend.priority) >= 1
    except Exception:
        return False


def _keyring() -> Any | None:
    """The ``keyring`` module when a real backend is there, else None."""
    try:
        # Imported here, not at the top: a keyring package that cannot even be imported (a
        # frozen build without one of its dependencies) is keyring trouble too: passphrase.
        import keyring  # noqa: PLC0415

        return keyring if _is_real(keyring.get_keyring()) else None
    except Exception:
        return None


def backend_available() -> bool:
    """True when a real OS keyring can hold the key."""
    return _keyring() is not None


def remember(vault_id: str, db_key: bytes) -> bool:
    """Store the key; False (and nothing stored) when no real keyring is there."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(SERVICE, vault_id, db_key.hex())
    except Exception:
        log.warning("keyring refused to store the vault key")
        return False
    return True


def recall(vault_id: str) -> bytes | None:
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        stored = keyring.get_password(SERVICE, vault_id)
    except Exception:
        log.info("keyring unavailable; the passphrase is needed")
        return None
    if not stored:
        return None
    try:
        key = bytes.fromhex(stored)
    except ValueError:
        return None
    return key if len(key) == 32 else None


def forget(vault_id: str) -> None:
    keyring = _keyring()
    if keyring is None:
        return
    with contextlib.suppress(Exception):
        keyring.delete_password(SERVICE, vault_id)

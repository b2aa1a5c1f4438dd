"""Passphrase -> key-encryption key (Argon2id) and the wrapped database key header.

The database key is 32 random bytes used as a raw SQLCipher key. It is stored only
wrapped with AES-256-GCM under a key derived from the passphrase with Argon2id. The
header file holds the format version, KDF parameters, salt, nonce and the wrapped key
(and from version 2 the database's page HMAC: docs/vault.md, "The page HMAC");
every header field except the nonce and the ciphertext is bound as associated data, so
editing a parameter makes unwrapping fail cleanly instead of silently weakening it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from waakvlam_desktop.errors import VaultDamagedError, WeakPassphraseError, WrongPassphraseError
from waakvlam_desktop.storage import strength
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

HEADER_FORMAT = "waakvlam-vault-header"
HEADER_VERSION = 1  # the newest is HEADER_VERSIONS[-1]
# Version 2 adds the page HMAC (below), bound like every other field; a vault whose pages
# use SQLCipher's default, SHA-512, keeps version 1, so that every release opens it.
HEADER_VERSIONS = (1, 2)
MAX_HEADER_VERSION = 99  # a version beyond this is damage, not a newer app
# SQLCipher's HMAC over each page (docs/vault.md, "The page HMAC"): its default first.
PAGE_HMACS = ("HMAC_SHA512", "HMAC_SHA256")
DEFAULT_PAGE_HMAC = PAGE_HMACS[0]
KEY_BYTES = 32

# Floor for every vault, whatever the calibration says: 64 MiB, t=3, 2 lanes.
MIN_MEMORY_KIB = 64 * 1024
MIN_TIME_COST = 3
PARALLELISM = 2
MAX_TIME_COST = 40
# Ceilings for a header read from disk. This app writes 64 MiB and at most 40 passes; a
# header asking for more was edited, and deriving from it would hold the unlock screen for
# minutes and take gigabytes (t=40 at 4 GiB: two minutes, 4 GB). The work bound is the most
# this app ever writes: 40 passes over 64 MiB.
MAX_MEMORY_KIB = 256 * 1024
MAX_PARALLELISM = 8
MAX_WORK_KIB_PASSES = MAX_TIME_COST * MIN_MEMORY_KIB
MIN_PASSPHRASE_LENGTH = strength.MIN_LENGTH

IMPOSSIBLE_SETTINGS = Message(
    "vault.key_file_impossible_settings",
    QT_TRANSLATE_NOOP("Errors", "The vault's key file is damaged (impossible settings)."),
)
KDF_TOO_COSTLY = Message(
    "vault.key_file_too_costly",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The vault's key file asks for {memory_mib} MiB and {passes} passes to unlock, more"
        " than Waakvlam ever uses (at most {max_memory_mib} MiB and {max_passes} passes): it"
        " was changed. Nothing was tried; restore a backup or contact your administrator.",
    ),
)
KEY_FILE_DAMAGED = Message(
    "vault.key_file_damaged",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The vault's key file is damaged or not a Waakvlam file. Restore a backup or contact"
        " your administrator.",
    ),
)
KEY_FORMAT_UNKNOWN = Message(
    "vault.key_format_unknown",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The vault has version {version} of the key format; this version of Waakvlam only"
        " knows versions 1 and 2. Update the app.",
    ),
)


@dataclass(frozen=True, slots=True)
class KdfParams:
    memory_kib: int
    time_cost: int
    parallelism: int
    salt: bytes

    def check_floor(self) -> None:
        """Refuse parameters below the floor or above the ceilings, before any derivation."""
        if (
            self.memory_kib < MIN_MEMORY_KIB
            or self.time_cost < MIN_TIME_COST
            or not 1 <= self.parallelism <= MAX_PARALLELISM
            or len(self.salt) < 16
            or len(self.salt) > 64
        ):
            raise VaultDamagedError(IMPOSSIBLE_SETTINGS)
        if (
            self.time_cost > MAX_TIME_COST
            or self.memory_kib > MAX_MEMORY_KIB
            or self.time_cost * self.memory_kib > MAX_WORK_KIB_PASSES
        ):
            raise VaultDamagedError(
                KDF_TOO_COSTLY,
                memory_mib=self.memory_kib // 1024,
                passes=self.time_cost,
                max_memory_mib=MAX_MEMORY_KIB // 1024,
                max_passes=MAX_TIME_COST,
            )


WRONG_PASSPHRASE = Message(
    "vault.wrong_passphrase",
    QT_TRANSLATE_NOOP(
        "Errors", "The passphrase is wrong (or the key file was changed). Try again."
    ),
)


def derive_kek(passphrase: str, params: KdfParams) -> bytes:
    return bytes(
        hash_secret_raw(
            secret=passphrase.encode("utf-8"),
            salt=params.salt,
            time_cost=params.time_cost,
            memory_cost=params.memory_kib,
            parallelism=params.parallelism,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )
    )


def calibrate_time_cost(target_seconds: float, memory_kib: int = MIN_MEMORY_KIB) -> int:
    """Pick the Argon2 time cost that takes about ``target_seconds`` here (never below floor).

    A warm-up run first (the first 64 MiB allocation is slow), then a measurement at the
    floor gives the cost per pass; one check at the estimate corrects it once.
    """
    if target_seconds <= 0:
        return MIN_TIME_COST

    def measure(t: int) -> float:
        probe = KdfParams(memory_kib, t, PARALLELISM, secrets.token_bytes(16))
        start = time.perf_counter()
        derive_kek("calibration", probe)
        return max(time.perf_counter() - start, 1e-4)

    def clamp(t: float) -> int:
        return max(MIN_TIME_COST, min(MAX_TIME_COST, round(t)))

    measure(1)
    estimate = clamp(target_seconds / (measure(MIN_TIME_COST) / MIN_TIME_COST))
    if estimate == MIN_TIME_COST:
        return estimate
    return clamp(estimate * target_seconds / measure(estimate))


def check_passphrase_policy(passphrase: str, user_inputs: tuple[str, ...] = ()) -> None:
    """Refuse a passphrase that is easy to guess (see :mod:`storage.strength`)."""
    verdict = strength.assess(passphrase, user_inputs)
    if not verdict.acceptable:
        raise WeakPassphraseError(verdict.advice, **verdict.params)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text, validate=True)


def _checksum(doc: dict[str, Any]) -> str:
    # Not a secret: tells accidental damage apart from a wrong passphrase.
    canonical = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode("ascii")
    return hashlib.sha256(canonical).hexdigest()


RECOVERY_KEY_ID_HEX = 16
RECOVERY_MAC_INFO = b"waakvlam recovery wrap v1"


def recovery_key_id(recipient: str) -> str:
    """The recovery key's id: 16 hex characters of SHA-256 over the ``age1…`` recipient."""
    digest = hashlib.sha256(recipient.strip().lower().encode("ascii")).hexdigest()
    return digest[:RECOVERY_KEY_ID_HEX]


@dataclass(frozen=True, slots=True)
class RecoveryWrap:
    """The database key a second time, encrypted with age to the organisation's recovery
    key (``storage/recovery.py``), with that key's public parts and a MAC over all of it
    keyed with the database key (HKDF, :data:`RECOVERY_MAC_INFO`). Not bound into the
    passphrase wrap's associated data: adding or renewing it needs no Argon2 run.

    The header file itself is not trusted: whoever can write the vault folder can edit
    this field and recompute the checksum (a checksum, not a secret). The vault keeps the
    public parts in its encrypted database as well (``Vault.trusted_recovery``); at every
    open the field must match them and its MAC must verify, otherwise the vault rewrites
    it to the organisation's key (audit event ``recovery_key``). Key changes and notices
    use the database copy, never this field (docs/vault.md)."""

    recipient: str  # age1…
    key_id: str
    notice_key: bytes  # Ed25519 public key that signs recovery notices
    wrapped_key: bytes  # age ciphertext of the database key
    mac: bytes = b""  # HMAC-SHA256 keyed from the database key (empty: not authenticated)

    def _mac_input(self) -> bytes:
        doc = {k: v for k, v in self.as_dict().items() if k != "mac"}
        return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode("ascii")

    def compute_mac(self, db_key: bytes) -> bytes:
        mac_key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=RECOVERY_MAC_INFO
        ).derive(db_key)
        return hmac.new(mac_key, self._mac_input(), hashlib.sha256).digest()

    def with_mac(self, db_key: bytes) -> RecoveryWrap:
        return RecoveryWrap(
            self.recipient, self.key_id, self.notice_key, self.wrapped_key, self.compute_mac(db_key)
        )

    def verify(self, db_key: bytes) -> bool:
        """Was this field written by someone holding the database key?"""
        return bool(self.mac) and hmac.compare_digest(self.mac, self.compute_mac(db_key))

    def as_dict(self) -> dict[str, str]:
        doc = {
            "recipient": self.recipient,
            "key_id": self.key_id,
            "notice_key": _b64(self.notice_key),
            "wrapped_key": _b64(self.wrapped_key),
            "encryption": "age-x25519",
        }
        if self.mac:
            doc["mac"] = _b64(self.mac)
        return doc

    @classmethod
    def from_dict(cls, doc: Any) -> RecoveryWrap:
        if not isinstance(doc, dict) or doc.get("encryption") != "age-x25519":
            raise ValueError("not a recovery wrap")
        wrap = cls(
            recipient=str(doc["recipient"]),
            key_id=str(doc["key_id"]),
            notice_key=_unb64(doc["notice_key"]),
            wrapped_key=_unb64(doc["wrapped_key"]),
            mac=_unb64(doc["mac"]) if "mac" in doc else b"",
        )
        if (
            len(wrap.notice_key) != 32
            or not wrap.recipient.startswith("age1")
            or not wrap.recipient.isascii()
            or wrap.key_id != recovery_key_id(wrap.recipient)
            or len(wrap.mac) not in (0, 32)
        ):
            raise ValueError("not a recovery wrap")
        return wrap


def _version_for(page_hmac: str) -> int:
    return HEADER_VERSION if page_hmac == DEFAULT_PAGE_HMAC else 2


@dataclass(frozen=True, slots=True)
class KeyHeader:
    vault_id: str
    kdf: KdfParams
    nonce: bytes
    wrapped_key: bytes
    recovery: RecoveryWrap | None = None  # the organisation can recover this vault
    page_hmac: str = DEFAULT_PAGE_HMAC  # how SQLCipher authenticates the database's pages

    @property
    def version(self) -> int:
        return _version_for(self.page_hmac)

    def associated_data(self) -> bytes:
        bound: dict[str, Any] = {
            "format": HEADER_FORMAT,
            "version": self.version,
            "vault_id": self.vault_id,
            "kdf": {
                "name": "argon2id",
                "memory_kib": self.kdf.memory_kib,
                "time_cost": self.kdf.time_cost,
                "parallelism": self.kdf.parallelism,
                "salt": _b64(self.kdf.salt),
            },
            "aead": "AES-256-GCM",
        }
        if self.version >= 2:
            bound["page_hmac"] = self.page_hmac
        return json.dumps(bound, sort_keys=True, separators=(",", ":")).encode("ascii")

    def to_bytes(self) -> bytes:
        doc = json.loads(self.associated_data())
        doc["nonce"] = _b64(self.nonce)
        doc["wrapped_key"] = _b64(self.wrapped_key)
        if self.recovery is not None:
            doc["recovery"] = self.recovery.as_dict()
        doc["checksum"] = _checksum(doc)
        return (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode("ascii")

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyHeader:
        try:
            doc = json.loads(raw.decode("ascii"))
            if not isinstance(doc, dict) or doc.pop("checksum") != _checksum(doc):
                raise _damaged()
            if doc["format"] != HEADER_FORMAT or doc["aead"] != "AES-256-GCM":
                raise _damaged()
            version = doc["version"]
            if type(version) is not int or not 1 <= version <= MAX_HEADER_VERSION:
                raise _damaged()  # "Update the app" only for a plausible later version
            if version not in HEADER_VERSIONS:
                raise VaultDamagedError(KEY_FORMAT_UNKNOWN, version=version)
            if version == HEADER_VERSION:
                if "page_hmac" in doc:
                    raise _damaged()  # version 1 names none: its pages are SQLCipher's default
                page_hmac: str = DEFAULT_PAGE_HMAC
            else:
                page_hmac = doc.get("page_hmac", "")
                if page_hmac not in PAGE_HMACS or _version_for(page_hmac) != version:
                    raise _damaged()  # version 2 names SHA-256
            kdf = doc["kdf"]
            if kdf["name"] != "argon2id":
                raise _damaged()
            params = KdfParams(
                memory_kib=int(kdf["memory_kib"]),
                time_cost=int(kdf["time_cost"]),
                parallelism=int(kdf["parallelism"]),
                salt=_unb64(kdf["salt"]),
            )
            header = cls(
                vault_id=str(doc["vault_id"]),
                kdf=params,
                nonce=_unb64(doc["nonce"]),
                wrapped_key=_unb64(doc["wrapped_key"]),
                recovery=RecoveryWrap.from_dict(doc["recovery"]) if "recovery" in doc else None,
                page_hmac=page_hmac,
            )
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise _damaged() from exc
        params.check_floor()
        if len(header.nonce) != 12 or len(header.wrapped_key) != KEY_BYTES + 16:
            raise _damaged()
        return header


def _damaged() -> VaultDamagedError:
    """Made when raised: an error renders its sentence when made, and the first sentence
    reads the language's catalog, which a sound key file never needs (#16)."""
    return VaultDamagedError(KEY_FILE_DAMAGED)


def wrap_key(
    db_key: bytes,
    passphrase: str,
    vault_id: str,
    params: KdfParams,
    recovery: RecoveryWrap | None = None,
    page_hmac: str = DEFAULT_PAGE_HMAC,
) -> KeyHeader:
    """The passphrase wrap of ``db_key``; ``recovery`` must wrap the same key (or None);
    ``page_hmac`` is the database's (a new key for a database keeps its algorithm)."""
    kek = derive_kek(passphrase, params)
    nonce = os.urandom(12)
    header = KeyHeader(vault_id, params, nonce, b"\0" * (KEY_BYTES + 16), None, page_hmac)
    wrapped = AESGCM(kek).encrypt(nonce, db_key, header.associated_data())
    return KeyHeader(vault_id, params, nonce, wrapped, recovery, page_hmac)


def unwrap_key(header: KeyHeader, passphrase: str) -> bytes:
    kek = derive_kek(passphrase, header.kdf)
    try:
        return AESGCM(kek).decrypt(header.nonce, header.wrapped_key, header.associated_data())
    except InvalidTag:
        # A wrong passphrase and an edited header are indistinguishable by design.
        raise WrongPassphraseError(WRONG_PASSPHRASE) from None


class Unwrapper:
    """:func:`unwrap_key` that remembers each outcome (the key, or that it was wrong).

    For one unlock (#16): the desktop derives the key while the vault code is still
    loading (Argon2 releases the interpreter lock), then hands this to ``Vault.open``; and
    the same key, when it goes to the OS keyring, is not derived a second time. Kept per
    passphrase and per what :func:`unwrap_key` reads of a header (its associated data,
    nonce and wrapped key; not its recovery field, which the vault may rewrite at open): a
    header whose passphrase wrap or bound fields changed (a key change in between) is
    derived anew. It holds the keys it derived: let it go with the
    unlock. A wrong passphrase is remembered as a mark, not as the exception (whose
    traceback would keep the passphrase and the derived key alive in a reference cycle).
    """

    def __init__(self) -> None:
        self._outcomes: dict[tuple[object, ...], bytes | None] = {}

    def __call__(self, header: KeyHeader, passphrase: str) -> bytes:
        wrap = (header.associated_data(), header.nonce, header.wrapped_key, passphrase)
        if wrap not in self._outcomes:
            try:
                self._outcomes[wrap] = unwrap_key(header, passphrase)
            except WrongPassphraseError:
                self._outcomes[wrap] = None
        key = self._outcomes[wrap]
        if key is None:
            raise WrongPassphraseError(WRONG_PASSPHRASE)
        return key

"""The organisation recovery key: an age identity split into SLIP-39 shares.

The secret is 32 random bytes. It *is* the age X25519 identity (the bytes behind
``AGE-SECRET-KEY-1…``, bech32-encoded here), and through HKDF it also gives an Ed25519
key that signs recovery notices. Only the public side is ever written: the recipient
(``age1…``) in ``recovery.pub`` and in each vault's key header, next to the vault's
database key encrypted to it (:class:`waakvlam_desktop.storage.keys.RecoveryWrap`), and
the notice key's public half, so a vault can check that a notice came from a holder of the
recovery key.

The secret is split with SLIP-39 (``shamir-mnemonic``, the reference implementation):
one group, N shares, any T of them rebuild it. There is no SLIP-39 passphrase: it would be
one more secret that one person must remember (the very thing this key removes), and
SLIP-39 accepts any passphrase without complaint, so a mistyped one would silently give
another key. The threshold is the protection.

Nothing here writes a file; the secret lives in memory only.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from waakvlam_desktop.errors import RecoveryError
from waakvlam_desktop.storage.keys import RecoveryWrap, recovery_key_id
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

SECRET_BYTES = 32
KEY_ID_HEX = 16
MAX_SHARES = 16
NOTICE_INFO = b"waakvlam recovery notice signing key v1"
PUBLIC_FILE_HEADER = "# Waakvlam: publieke herstelsleutel van de organisatie"

TOO_FEW_SHARES = Message(
    "recovery.too_few_shares",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Not enough shares: this recovery key needs {threshold} shares, {given} were given."
        " Nothing was written.",
    ),
)
SHARES_INVALID = Message(
    "recovery.shares_invalid",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The shares do not fit together (a word is wrong, or they belong to different"
        " recovery keys). Check the words against the paper. Nothing was written.",
    ),
)
NO_SHARES = Message(
    "recovery.no_shares",
    QT_TRANSLATE_NOOP("Errors", "No shares given. Nothing was written."),
)
SHARE_UNREADABLE = Message(
    "recovery.share_unreadable",
    QT_TRANSLATE_NOOP("Errors", "The share file {path} cannot be read."),
)
SHARES_OUT_OF_RANGE = Message(
    "recovery.shares_out_of_range",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Choose between 2 and {max} shares, and a threshold from 2 up to the number of shares.",
    ),
)
RECIPIENT_FILE_UNREADABLE = Message(
    "recovery.recipient_file_unreadable",
    QT_TRANSLATE_NOOP("Errors", "The recovery key file {path} cannot be read."),
)
RECIPIENT_INVALID = Message(
    "recovery.recipient_invalid",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The recovery key file {path} holds no valid recovery key (one line 'age1…' and a"
        " line '# waakvlam-notice: …', from 'waakvlam recovery create').",
    ),
)

_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def _bech32_encode(hrp: str, data: bytes) -> str:
    """BIP-173 bech32 (the encoding of age keys), without the 90-character limit."""
    acc, bits, five = 0, 0, []
    for byte in data:
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            five.append((acc >> bits) & 31)
    if bits:
        five.append((acc << (5 - bits)) & 31)
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    poly = _polymod(expanded + five + [0] * 6) ^ 1
    checksum = [(poly >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_BECH32[d] for d in five + checksum)


def key_id(recipient: str) -> str:
    """The recovery key's id: 16 hex characters of SHA-256 over the ``age1…`` recipient."""
    return recovery_key_id(recipient)


def grouped(text: str) -> str:
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def _notice_private(secret: bytes) -> Ed25519PrivateKey:
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=NOTICE_INFO).derive(secret)
    return Ed25519PrivateKey.from_private_bytes(seed)


@dataclass(frozen=True, slots=True)
class RecoveryPublic:
    """What a vault stores about the recovery key: nothing secret."""

    recipient: str  # age1…
    notice_key: bytes  # raw Ed25519 public key that signs recovery notices

    @property
    def key_id(self) -> str:
        return key_id(self.recipient)

    def file_text(self, organisation: str) -> str:
        """``recovery.pub``: the recipient line with comments (organisation, key id)."""
        notice = base64.b64encode(self.notice_key).decode("ascii")
        return (
            f"{PUBLIC_FILE_HEADER} {organisation}\n"
            f"# sleutel-id: {grouped(self.key_id)}\n"
            f"# waakvlam-notice: {notice}\n"
            f"{self.recipient}\n"
        )

    def verify_notice(self, signature: bytes, message: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.notice_key).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True


class RecoveryIdentity:
    """The whole recovery key, in memory only (from :func:`new_secret` or the shares)."""

    __slots__ = ("_secret",)

    def __init__(self, secret: bytes) -> None:
        if len(secret) != SECRET_BYTES:
            raise ValueError("a recovery secret is 32 bytes")
        self._secret = secret

    def _age(self) -> pyrage.x25519.Identity:
        text = _bech32_encode("age-secret-key-", self._secret).upper()
        return pyrage.x25519.Identity.from_str(text)

    @property
    def public(self) -> RecoveryPublic:
        recipient = str(self._age().to_public())
        notice = _notice_private(self._secret).public_key().public_bytes_raw()
        return RecoveryPublic(recipient, notice)

    def decrypt(self, ciphertext: bytes) -> bytes:
        """Raises ``pyrage.DecryptError`` when it was not encrypted to this key."""
        return bytes(pyrage.decrypt(ciphertext, [self._age()]))

    def sign_notice(self, message: bytes) -> bytes:
        return _notice_private(self._secret).sign(message)

    def split(self, shares: int, threshold: int) -> list[str]:
        """The secret as ``shares`` SLIP-39 mnemonics, any ``threshold`` of which rebuild it."""
        if not 2 <= threshold <= shares <= MAX_SHARES:
            raise RecoveryError(SHARES_OUT_OF_RANGE, max=MAX_SHARES)
        from shamir_mnemonic import generate_mnemonics  # noqa: PLC0415 - lazy: not at the start (#16)

        groups = generate_mnemonics(1, [(threshold, shares)], self._secret)
        return list(groups[0])

    def secret_for_tests(self) -> bytes:
        """The raw secret (tests check it never reaches a file)."""
        return self._secret

    def age_text_for_tests(self) -> str:
        return str(self._age())


def new_identity() -> RecoveryIdentity:
    return RecoveryIdentity(secrets.token_bytes(SECRET_BYTES))


def normalise_share(text: str) -> str:
    """Words as typed or read from a share's text file: lower case, single spaces; lines
    starting with ``#`` and the numbering from the paper ("1.", "12)") are left out."""
    words = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        for raw in line.replace(",", " ").split():
            word = raw.strip().lower()
            if word.rstrip(".):").isdecimal():
                continue
            words.append(word.strip(".,"))
    return " ".join(w for w in words if w)


def share_threshold(mnemonic: str) -> int | None:
    """The member threshold a share says it needs (None: not a readable share)."""
    # Imported here: the share decoder is internal to shamir_mnemonic; and SLIP-39 is not
    # needed at the start (#16).
    from shamir_mnemonic import MnemonicError  # noqa: PLC0415 - lazy: not at the start
    from shamir_mnemonic.share import Share  # noqa: PLC0415 - one call site

    try:
        return int(Share.from_mnemonic(mnemonic).member_threshold)
    except (MnemonicError, ValueError, IndexError, KeyError):
        return None


def combine(mnemonics: list[str]) -> RecoveryIdentity:
    """Rebuild the recovery key from at least the threshold of shares (one sentence else)."""
    shares = [m for m in (normalise_share(x) for x in mnemonics) if m]
    if not shares:
        raise RecoveryError(NO_SHARES)
    thresholds = {share_threshold(m) for m in shares}
    if None in thresholds or len(thresholds) != 1:
        raise RecoveryError(SHARES_INVALID)
    threshold = thresholds.pop()
    assert threshold is not None
    distinct = len(set(shares))
    if distinct < threshold:
        raise RecoveryError(TOO_FEW_SHARES, threshold=threshold, given=distinct)
    from shamir_mnemonic import MnemonicError, combine_mnemonics  # noqa: PLC0415 - lazy: not at the start (#16)

    try:
        secret = combine_mnemonics(shares)
    except (MnemonicError, ValueError) as exc:
        raise RecoveryError(SHARES_INVALID) from exc
    if len(secret) != SECRET_BYTES:
        raise RecoveryError(SHARES_INVALID)
    return RecoveryIdentity(secret)


def encrypt_to(recipient: str, data: bytes) -> bytes:
    return bytes(pyrage.encrypt(data, [pyrage.x25519.Recipient.from_str(recipient)]))


def parse_public_file(text: str, path: object = "") -> RecoveryPublic:
    """``recovery.pub`` as written by :meth:`RecoveryPublic.file_text`."""
    recipient, notice = "", b""
    for line in text.splitlines():
        token = line.strip()
        if token.startswith("# waakvlam-notice:"):
            try:
                notice = base64.b64decode(token.partition(":")[2].strip(), validate=True)
            except ValueError:
                notice = b""
        elif token.startswith("age1") and not recipient:
            recipient = token
    if not recipient or len(notice) != 32:
        raise RecoveryError(RECIPIENT_INVALID, path=path)
    try:
        pyrage.x25519.Recipient.from_str(recipient)
        Ed25519PublicKey.from_public_bytes(notice)
    except Exception as exc:  # pyrage raises its own error types
        raise RecoveryError(RECIPIENT_INVALID, path=path) from exc
    return RecoveryPublic(recipient, notice)


def make_wrap(public: RecoveryPublic, db_key: bytes) -> RecoveryWrap:
    """The database key encrypted to the recovery key, for the vault's key header, with
    its MAC keyed from ``db_key`` (``RecoveryWrap.verify``)."""
    return RecoveryWrap(
        recipient=public.recipient,
        key_id=public.key_id,
        notice_key=public.notice_key,
        wrapped_key=encrypt_to(public.recipient, db_key),
    ).with_mac(db_key)


def public_of(wrap: RecoveryWrap) -> RecoveryPublic:
    return RecoveryPublic(wrap.recipient, wrap.notice_key)

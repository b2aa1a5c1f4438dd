"""The partner side: decrypt in memory, check everything, then (and only then) write.

No vault and no Qt. Every refusal is one specific :class:`BundleError` subclass.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
import pyrage
from cryptography.exceptions import InvalidSignature

from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles.keys import SenderKey, identity_recipient, recipient_fingerprint
from waakvlam_desktop.clock import utc_text
from waakvlam_desktop.config import APP_AUTHOR, APP_NAME
from waakvlam_desktop.errors import (
    BadSignatureError,
    BundleDamagedError,
    BundleError,
    BundleNotForYouError,
    NotABundleError,
    NotAddressedToYouError,
    ReplayError,
    UnknownFormatError,
    UnknownSenderError,
)
from waakvlam_desktop.fileio import atomic_folder, write_atomic
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

STATE_ENV = "WAAKVLAM_BUNDLE_STATE"
MAX_BUNDLE_BYTES = fmt.MAX_TOTAL + 64 * 1024 * 1024

NOT_A_BUNDLE = Message(
    "bundle.not_a_bundle",
    QT_TRANSLATE_NOOP("Errors", "This file is not a Waakvlam bundle (not an age-encrypted file)."),
)
NOT_FOR_YOUR_KEY = Message(
    "bundle.not_for_your_key",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This bundle was not encrypted for your key (or the header of the file is damaged)."
        " Check that you are using the right key.",
    ),
)
UNKNOWN_SENDER = Message(
    "bundle.unknown_sender",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This bundle comes from an unknown sender: it was not signed with the key you gave"
        " (--sender).",
    ),
)
BAD_SIGNATURE = Message(
    "bundle.bad_signature",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The signature of this bundle does not match: the bundle was forged or changed. Do not"
        " open it and contact the sender.",
    ),
)
UNKNOWN_FORMAT = Message(
    "bundle.unknown_format",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This bundle has a newer or unknown format (version {version}). Update Waakvlam to"
        " open it.",
    ),
)
NOT_ADDRESSED_TO_YOU = Message(
    "bundle.not_addressed_to_you",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This bundle is not addressed to you: your key is not in the list of recipients. Ask"
        " the sender for a bundle of your own.",
    ),
)
STATE_UNREADABLE = Message(
    "bundle.state_unreadable",
    QT_TRANSLATE_NOOP("Errors", "The file of opened bundles {path} is unreadable."),
)
STATE_UNREADABLE_REPAIR = Message(
    "bundle.state_unreadable_repair",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The file of opened bundles {path} is unreadable. Repair it or delete it deliberately.",
    ),
)
ALREADY_OPENED = Message(
    "bundle.already_opened",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This bundle (number {sequence}) was opened before or is older than the last one"
        " opened (number {last}) from this sender.",
    ),
)
FILE_UNREADABLE = Message(
    "bundle.file_unreadable", QT_TRANSLATE_NOOP("Errors", "The file {path} cannot be read.")
)
TARGET_EXISTS = Message(
    "bundle.target_exists",
    QT_TRANSLATE_NOOP("Errors", "{path} already exists; nothing is overwritten."),
)
UNPACK_FAILED = Message(
    "bundle.unpack_failed",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The bundle could not be unpacked in {folder} (disk full or no write permission)."
        " Nothing was left behind.",
    ),
)
SEQUENCE_NOT_SAVED = Message(
    "bundle.sequence_not_saved",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The bundle was unpacked in {path}, but its number could not be saved in {state};"
        " a repeat of this bundle will then not be recognised.",
    ),
)


@dataclass(frozen=True, slots=True)
class OpenedBundle:
    """A verified bundle, still only in memory."""

    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: bytes
    members: dict[str, bytes]

    @property
    def bundle_id(self) -> str:
        return str(self.manifest["bundle_id"])

    @property
    def sequence(self) -> int:
        return int(self.manifest["sequence"])

    @property
    def profile(self) -> str:
        return str(self.manifest["profile"])

    @property
    def state_key(self) -> str:
        return f"{self.manifest['sender']['key_id']}/{self.manifest['partner']['id']}"

    def data(self) -> dict[str, Any]:
        doc: dict[str, Any] = json.loads(self.members[fmt.DATA])
        return doc


@dataclass(frozen=True, slots=True)
class BundleSummary:
    """What ``verify``/``open`` report (plain data, no personal data)."""

    bundle_id: str
    sequence: int
    profile: str
    period: str
    organisation: str
    sender_key_id: str
    partner: str
    created_at: str
    counts: dict[str, int]
    exclusions: dict[str, int]
    files: int
    path: str | None = None


def _int_map(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, int)}


def summarise(bundle: OpenedBundle, path: Path | None = None) -> BundleSummary:
    m = bundle.manifest
    return BundleSummary(
        bundle_id=bundle.bundle_id,
        sequence=bundle.sequence,
        profile=bundle.profile,
        period=str(m["period"]["label"]),
        organisation=str(m["sender"].get("organisation", ""))[:200],
        sender_key_id=str(m["sender"]["key_id"]),
        partner=str(m["partner"].get("name", ""))[:200],
        created_at=str(m.get("created_at", ""))[:40],
        counts=_int_map(m.get("counts")),
        exclusions=_int_map(m.get("exclusions")),
        files=len(bundle.members),
        path=str(path) if path else None,
    )


def _damaged() -> BundleDamagedError:
    return BundleDamagedError(fmt.DAMAGED)


def decrypt(data: bytes, identity: Any) -> bytes:
    if not data.startswith(fmt.AGE_MAGIC):
        raise NotABundleError(NOT_A_BUNDLE)
    if len(data) > MAX_BUNDLE_BYTES:
        raise _damaged()
    try:
        plaintext: bytes = pyrage.decrypt(data, [identity])
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise BundleNotForYouError(NOT_FOR_YOUR_KEY) from exc
        raise _damaged() from exc
    except Exception as exc:  # anything else pyrage raises on hostile input
        raise _damaged() from exc
    return plaintext


def _check_manifest_shape(manifest: Any) -> dict[str, Any]:
    if not isinstance(manifest, dict):
        raise _damaged()
    try:
        files = manifest["files"]
        ok = (
            isinstance(manifest["sequence"], int)
            and not isinstance(manifest["sequence"], bool)
            and isinstance(manifest["bundle_id"], str)
            and isinstance(manifest["partner"]["id"], str)
            and isinstance(manifest["recipients"], list)
            and isinstance(files, dict)
            and all(
                isinstance(v, dict) and isinstance(v.get("sha256"), str) for v in files.values()
            )
            and isinstance(manifest["period"]["label"], str)
        )
    except (KeyError, TypeError):
        ok = False
    if not ok:
        raise _damaged()
    return manifest


def verify_bytes(
    data: bytes, identity: Any, sender: SenderKey | Callable[[str], SenderKey]
) -> OpenedBundle:
    """Decrypt and check everything except replay. Raises a specific BundleError.

    ``sender`` is the pinned key, or a function from the manifest's sender key id to the
    pinned key (handover import: one of several pinned colleagues); it raises when that key
    id is not pinned."""
    members = fmt.read_zip(decrypt(data, identity))
    raw = members.pop(fmt.MANIFEST, None)
    signature = members.pop(fmt.SIGNATURE, None)
    if raw is None or signature is None:
        raise _damaged()
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _damaged() from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("sender"), dict):
        raise _damaged()
    if not isinstance(sender, SenderKey):
        sender = sender(str(manifest["sender"].get("key_id", ""))[:64])
    if manifest["sender"].get("key_id") != sender.key_id:
        raise UnknownSenderError(UNKNOWN_SENDER)
    try:
        sender.verifier().verify(signature, raw)
    except InvalidSignature as exc:
        raise BadSignatureError(BAD_SIGNATURE) from exc
    version = manifest.get("format_version")
    if (
        manifest.get("format") != fmt.FORMAT_NAME
        or type(version) is not int
        or version != fmt.FORMAT_VERSION
    ):
        raise UnknownFormatError(UNKNOWN_FORMAT, version=str(manifest.get("format_version"))[:10])
    manifest = _check_manifest_shape(manifest)
    own = recipient_fingerprint(identity_recipient(identity))
    if own not in manifest["recipients"]:
        raise NotAddressedToYouError(NOT_ADDRESSED_TO_YOU)
    files = manifest["files"]
    if set(files) != set(members) or fmt.DATA not in files or fmt.SUMMARY not in files:
        raise _damaged()
    for name, entry in files.items():
        data_member = members[name]
        if entry.get("size") != len(data_member) or entry["sha256"] != fmt.sha256_hex(data_member):
            raise _damaged()
    if manifest.get("profile") not in ("case", "aggregate", "handover"):
        raise _damaged()
    return OpenedBundle(manifest=manifest, manifest_bytes=raw, signature=signature, members=members)


# ---- replay state --------------------------------------------------------------------------
def default_state_path() -> Path:
    env = os.environ.get(STATE_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_state_dir(APP_NAME, APP_AUTHOR)) / "bundle-state.json"


class ReplayState:
    """The highest sequence opened per sender key and partner (no personal data)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, Any]:
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"version": 1, "senders": {}}
        except (OSError, ValueError) as exc:
            raise BundleError(STATE_UNREADABLE_REPAIR, path=self.path) from exc
        if not isinstance(doc, dict) or not isinstance(doc.get("senders"), dict):
            raise BundleError(STATE_UNREADABLE, path=self.path)
        return doc

    def last(self, key: str) -> int:
        entry = self._load()["senders"].get(key)
        return int(entry["sequence"]) if isinstance(entry, dict) else 0

    def check(self, bundle: OpenedBundle) -> None:
        last = self.last(bundle.state_key)
        if bundle.sequence <= last:
            raise ReplayError(ALREADY_OPENED, sequence=bundle.sequence, last=last)

    def remember(self, bundle: OpenedBundle) -> None:
        doc = self._load()
        doc["senders"][bundle.state_key] = {
            "sequence": bundle.sequence,
            "bundle_id": bundle.bundle_id,
            "opened_at": utc_text(datetime.now(UTC)),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(
            self.path, (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode(), overwrite=True
        )


def read_bundle_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BUNDLE_BYTES:
            raise _damaged()
        return path.read_bytes()
    except OSError as exc:
        raise NotABundleError(FILE_UNREADABLE, path=path) from exc


def verify_file(path: Path, identity: Any, sender: SenderKey, state: ReplayState) -> OpenedBundle:
    bundle = verify_bytes(read_bundle_file(path), identity, sender)
    state.check(bundle)
    return bundle


def open_file(
    path: Path, identity: Any, sender: SenderKey, out_dir: Path, state: ReplayState
) -> tuple[OpenedBundle, Path]:
    """Verify fully, then write the members to ``out_dir/<period>-<seq>-<id8>/``.

    The members go into a temporary folder inside ``out_dir`` first and are renamed at the
    end; after a refusal or an error nothing is left in ``out_dir``.
    """
    bundle = verify_file(path, identity, sender, state)
    name = f"{bundle.manifest['period']['label']}-{bundle.sequence:04d}-{bundle.bundle_id[:8]}"
    safe = "".join(c for c in name if c.isalnum() or c in "-_") or "bundel"
    target = out_dir / safe
    if target.exists():
        raise BundleError(TARGET_EXISTS, path=target)
    created_dir = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        files = {
            fmt.MANIFEST: bundle.manifest_bytes,
            fmt.SIGNATURE: bundle.signature,
            **bundle.members,
        }
        with atomic_folder(target) as tmp:
            for member, data in files.items():
                dest = tmp / member
                dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                write_atomic(dest, data)
    except OSError as exc:
        if created_dir:
            with contextlib.suppress(OSError):
                out_dir.rmdir()
        raise BundleError(UNPACK_FAILED, folder=out_dir) from exc
    try:
        state.remember(bundle)
    except OSError as exc:
        raise BundleError(SEQUENCE_NOT_SAVED, path=target, state=state.path) from exc
    return bundle, target

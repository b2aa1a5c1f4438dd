"""The partner side: decrypt in memory, check everything, then (and only then) write.

No vault and no Qt. Every refusal is one specific :class:`BundleError` subclass.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature

from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles import witness
from waakvlam_desktop.bundles.keys import (
    SenderKey,
    grouped,
    identity_recipient,
    recipient_fingerprint,
)
from waakvlam_desktop.bundles.partner_state import PartnerState, clean_label
from waakvlam_desktop.errors import (
    BadSignatureError,
    BundleDamagedError,
    BundleError,
    BundleNotForYouError,
    NotABundleError,
    NotAddressedToYouError,
    SenderKeyChangedError,
    SenderNotTrustedError,
    UnknownFormatError,
    UnknownSenderError,
)
from waakvlam_desktop.fileio import atomic_folder, write_atomic
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

# The size limits of a bundle are in bundles/format.py: the export checks them too.
MAX_SIGNATURE = 1024

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
        "This bundle comes from an unknown sender: it was not signed with the expected key.",
    ),
)
NOT_TRUSTED = Message(
    "bundle.not_trusted",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This bundle says it comes from {organisation} (key id {key_id}), but you do not trust"
        " a key of that sender yet. Ask the sender for their public key file, compare the key"
        " id by phone and run: waakvlam bundle trust FILE.pub",
    ),
)
KEY_CHANGED = Message(
    "bundle.key_changed",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The sender uses a different key than before: you trust key id {pinned} for"
        " {organisation}, this bundle was signed with key id {key_id}. Do not open it; call"
        " the sender. If they changed their key, run: waakvlam bundle trust --replace FILE.pub",
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
    trusted_organisation: str = ""  # the name its key is pinned under (partner side)

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
    trusted_organisation: str = ""
    sender_fingerprint: str = ""


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
        trusted_organisation=bundle.trusted_organisation,
        sender_fingerprint=grouped(str(m["sender"]["key_id"])),
    )


def _damaged() -> BundleDamagedError:
    return BundleDamagedError(fmt.DAMAGED)


def decrypt(data: bytes, identity: Any) -> bytes:
    if not data.startswith(fmt.AGE_MAGIC):
        raise NotABundleError(NOT_A_BUNDLE)
    if len(data) > fmt.MAX_BUNDLE_BYTES:
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
                isinstance(v, dict)
                and isinstance(v.get("sha256"), str)
                and type(v.get("size")) is int
                and 0 <= v["size"] <= fmt.MAX_MEMBER
                for v in files.values()
            )
            and sum(v["size"] for v in files.values()) <= fmt.MAX_TOTAL
            and isinstance(manifest["period"]["label"], str)
        )
    except (KeyError, TypeError):
        ok = False
    if not ok:
        raise _damaged()
    return manifest


class _Claim:
    """What an unsigned manifest claims about its sender: only to choose the key its
    signature must match (handover import: one of several pinned colleagues) and to word
    a refusal. Parsed once, when first asked for; once the signature holds, the same
    parsed document is the manifest (:func:`_verify`), not parsed again.

    The manifest may be as large as :data:`fmt.MAX_MANIFEST` (``read_member`` has already
    held it to that): a handover lists every stored letter, and with a 64 KiB limit here
    one of about 450 letters or more was refused as damaged. A hostile 4 MiB manifest
    costs up to about half a second and 100 MB to parse (a review's measurement), on top of
    the decryption and inflation the reader already does for anyone who has the
    recipient's public key.
    """

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self._document: tuple[Any] | None = None  # (the parsed JSON,) once parsed
        self._parsed: tuple[str, str] | None = None

    def document(self) -> Any:
        """The manifest's JSON as parsed (any JSON value); damaged when it is not JSON."""
        if self._document is None:
            try:
                self._document = (json.loads(self.raw.decode("utf-8")),)
            except (UnicodeDecodeError, ValueError, RecursionError) as exc:
                raise _damaged() from exc
        return self._document[0]

    def _parse(self) -> tuple[str, str]:
        if self._parsed is None:
            claim = self.document()
            try:
                sender = claim["sender"]
                key = sender["key_id"]
            except (KeyError, TypeError) as exc:
                raise _damaged() from exc
            if not isinstance(key, str):
                raise _damaged()
            self._parsed = (clean_label(sender.get("organisation", ""), 120), clean_label(key, 64))
        return self._parsed

    @property
    def organisation(self) -> str:
        return self._parse()[0]

    @property
    def key_id(self) -> str:
        return self._parse()[1]


def _signed_by(raw: bytes, signature: bytes, keys: list[SenderKey]) -> SenderKey | None:
    for key in keys:
        try:
            key.verifier().verify(signature, raw)
        except InvalidSignature:
            continue
        return key
    return None


def _verify(
    data: bytes,
    identity: Any,
    keys: Callable[[_Claim], list[SenderKey]],
    refuse: Callable[[_Claim, list[SenderKey]], BundleError],
) -> tuple[OpenedBundle, SenderKey]:
    """Decrypt, then check the signature and the manifest before any other member is
    decompressed; then read each member with the manifest's size as its limit.

    ``keys(claim)`` gives the keys that may have signed (it may raise a refusal itself);
    ``refuse(claim, keys)`` words the refusal when none of them did.
    """
    with fmt.open_zip(decrypt(data, identity)) as zf:
        raw = fmt.read_member(zf, fmt.MANIFEST, fmt.MAX_MANIFEST)
        signature = fmt.read_member(zf, fmt.SIGNATURE, MAX_SIGNATURE)
        claim = _Claim(raw)
        candidates = keys(claim)
        signer = _signed_by(raw, signature, candidates)
        if signer is None:
            raise refuse(claim, candidates)
        # From here on the manifest is the trusted sender's own word.
        manifest = claim.document()
        if not isinstance(manifest, dict) or not isinstance(manifest.get("sender"), dict):
            raise _damaged()
        if manifest["sender"].get("key_id") != signer.key_id:
            raise _damaged()
        version = manifest.get("format_version")
        if (
            manifest.get("format") != fmt.FORMAT_NAME
            or type(version) is not int
            or version not in fmt.READABLE_VERSIONS
        ):
            raise UnknownFormatError(
                UNKNOWN_FORMAT, version=str(manifest.get("format_version"))[:10]
            )
        manifest = _check_manifest_shape(manifest)
        own = recipient_fingerprint(identity_recipient(identity))
        if own not in manifest["recipients"]:
            raise NotAddressedToYouError(NOT_ADDRESSED_TO_YOU)
        files: dict[str, dict[str, Any]] = manifest["files"]
        in_zip = set(zf.namelist()) - {fmt.MANIFEST, fmt.SIGNATURE}
        if set(files) != in_zip or fmt.DATA not in files or fmt.SUMMARY not in files:
            raise _damaged()
        if manifest.get("profile") not in ("case", "aggregate", "handover", "meeting"):
            raise _damaged()
        members: dict[str, bytes] = {}
        for name, entry in sorted(files.items()):
            member = fmt.read_member(zf, name, entry["size"])
            if entry["sha256"] != fmt.sha256_hex(member):
                raise _damaged()
            members[name] = member
    opened = OpenedBundle(
        manifest=manifest, manifest_bytes=raw, signature=signature, members=members
    )
    return opened, signer


def verify_bytes(
    data: bytes, identity: Any, sender: SenderKey | Callable[[str], SenderKey]
) -> OpenedBundle:
    """Decrypt and check everything except replay, against one sender key.

    ``sender`` is the key itself (the organisation's own tools: the Exports screen's check,
    the self-test), or a function from the key id the manifest claims to the pinned key
    (handover import: one of several pinned colleagues), which raises when that key id is
    not pinned. The claim is unsigned and only chooses the key the signature must match.
    The partner side uses :func:`verify_trusted`.
    """

    def keys(claim: _Claim) -> list[SenderKey]:
        return [sender if isinstance(sender, SenderKey) else sender(claim.key_id)]

    def refuse(claim: _Claim, candidates: list[SenderKey]) -> BundleError:
        if claim.key_id != candidates[0].key_id:
            return UnknownSenderError(UNKNOWN_SENDER)
        return BadSignatureError(BAD_SIGNATURE)

    return _verify(data, identity, keys, refuse)[0]


def verify_trusted(data: bytes, identity: Any, state: PartnerState) -> OpenedBundle:
    """The partner side: the bundle must be signed by a key pinned with ``bundle trust``.

    A bundle from an organisation without a pinned key, or signed with another key than
    the one pinned for its organisation, is refused with what to do. Replay is not checked
    here (see :func:`verify_file`).
    """
    pins = state.trusted()

    def refuse(claim: _Claim, _keys: list[SenderKey]) -> BundleError:
        organisation, claimed = claim.organisation, claim.key_id
        if any(p.key_id == claimed for p in pins):
            return BadSignatureError(BAD_SIGNATURE)
        pinned = state.pinned_for(organisation) if organisation else None
        if pinned is not None:
            return SenderKeyChangedError(
                KEY_CHANGED,
                organisation=pinned.organisation,
                pinned=pinned.fingerprint,
                key_id=grouped(claimed),
            )
        return SenderNotTrustedError(
            NOT_TRUSTED, organisation=organisation or "?", key_id=grouped(claimed)
        )

    bundle, signer = _verify(data, identity, lambda _claim: [p.key for p in pins], refuse)
    trusted = next(p for p in pins if p.key_id == signer.key_id)
    return dataclasses.replace(bundle, trusted_organisation=trusted.organisation)


# ---- replay ----------------------------------------------------------------------------------
def read_bundle_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > fmt.MAX_BUNDLE_BYTES:
            raise _damaged()
        return path.read_bytes()
    except OSError as exc:
        raise NotABundleError(FILE_UNREADABLE, path=path) from exc


def verify_file(path: Path, identity: Any, state: PartnerState) -> OpenedBundle:
    """Verify against the pinned keys and refuse a bundle opened before."""
    bundle = verify_trusted(read_bundle_file(path), identity, state)
    state.check_not_opened(bundle.state_key, bundle.bundle_id, bundle.sequence)
    return bundle


def remember(state: PartnerState, bundle: OpenedBundle) -> None:
    """Record ``bundle`` as opened, and the sender's audit head it carried
    (bundles/witness.py), in one write of the state file."""
    state.remember_opened(
        bundle.state_key,
        bundle.bundle_id,
        bundle.sequence,
        also=lambda doc: witness.remember_head(doc, bundle.manifest),
    )


def open_file(
    path: Path, identity: Any, out_dir: Path, state: PartnerState
) -> tuple[OpenedBundle, Path]:
    """Verify fully, then write the members to ``out_dir/<period>-<seq>-<id8>/``.

    The members go into a temporary folder inside ``out_dir`` first and are renamed at the
    end; after a refusal or an error nothing is left in ``out_dir``.
    """
    bundle = verify_file(path, identity, state)
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
        remember(state, bundle)
    except (OSError, BundleError) as exc:
        raise BundleError(SEQUENCE_NOT_SAVED, path=target, state=state.path) from exc
    return bundle, target

"""The partner side's own file: which organisation keys are trusted, and which bundles were
opened. No vault and no Qt.

One small JSON file (default: the user's state folder, or ``$WAAKVLAM_BUNDLE_STATE``),
written through :mod:`waakvlam_desktop.fileio` (0600, atomic). It holds no personal data:
organisation names, public keys and their key ids, partner ids, bundle ids, sequence
numbers, times and the senders' audit heads (event numbers and hashes). It is therefore
not encrypted; its integrity rests on the user's own account (whoever can write it could
as well replace the program). See docs/bundle-format.md, "The partner's state file".

Version 2 (this module)::

    {
      "version": 2,
      "trusted": {                      # one pinned key per organisation
        "<normalised organisation name>": {
          "organisation": "Woonstichting De Linde",
          "public_key": "waakvlam-ed25519:…", "key_id": "3f2a…",
          "trusted_at": "2026-…Z",
          "replaced": [{"key_id": "…", "trusted_at": "…", "replaced_at": "…"}]
        }
      },
      "opened": {                        # every bundle ever opened, per sender key / partner
        "<key id>/<partner id>": {"<bundle id>": {"sequence": 7, "opened_at": "…"}}
      },
      "legacy_high_water": {"<key id>/<partner id>": 6},   # from a version 1 file
      "audit_heads": {                   # audit heads seen per sender key (bundles/witness.py)
        "<key id>": [{"seq": 41, "hash": "…", "bundle_id": "…", "created_at": "…"}]
      }
    }

Version 1 kept only the highest sequence per sender key and partner. It is read as: that
bundle opened, and every bundle of that sender and partner at or below that number treated
as possibly opened (we cannot know which ones were); newer bundles are remembered by id.
Top-level fields this module does not know are kept as they are.
"""

from __future__ import annotations

import copy
import json
import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

from waakvlam_desktop.bundles.keys import (
    KEY_FILE_UNREADABLE,
    SenderKey,
    grouped,
    parse_public_key,
    public_key_text,
)
from waakvlam_desktop.clock import utc_text
from waakvlam_desktop.config import APP_AUTHOR, APP_NAME
from waakvlam_desktop.errors import BundleError, KeyFileError, ReplayError, UsageError
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

STATE_ENV = "WAAKVLAM_BUNDLE_STATE"
STATE_VERSION = 2
ORG_COMMENT = "# Waakvlam: publieke ondertekensleutel van "
MAX_STATE_BYTES = 16 * 1024 * 1024

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
STATE_NOT_WRITABLE = Message(
    "bundle.state_not_writable",
    QT_TRANSLATE_NOOP(
        "Errors", "The file of trusted keys and opened bundles {path} cannot be written."
    ),
)
ALREADY_OPENED = Message(
    "bundle.already_opened_at",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This bundle (number {sequence}) was opened before, on {opened_at}. A bundle is opened"
        " only once; ask the sender if you expected a new one.",
    ),
)
MAYBE_OPENED = Message(
    "bundle.maybe_opened",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This bundle (number {sequence}) may have been opened before: the file of opened"
        " bundles from an earlier version only remembers that bundles up to number {last}"
        " from this sender were opened.",
    ),
)
KEY_FILE_NO_ORGANISATION = Message(
    "bundle_trust.no_organisation",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The key file {path} does not say which organisation it belongs to. Give the name"
        " with --organisation.",
    ),
)
TRUST_OTHER_KEY = Message(
    "bundle_trust.other_key",
    QT_TRANSLATE_NOOP(
        "Errors",
        "You already trust another key for {organisation} (key id {pinned}). Compare the new"
        " key id with the sender by phone; if it is right, run the command again with"
        " --replace.",
    ),
)
ORGANISATION_EMPTY = Message(
    "bundle_trust.organisation_empty",
    QT_TRANSLATE_NOOP("Errors", "Give the name of the organisation whose key you trust."),
)
TRUST_DECLINED = Message(
    "bundle_trust.declined",
    QT_TRANSLATE_NOOP("Errors", "Nothing was trusted: the key id was not confirmed."),
)


def default_state_path() -> Path:
    env = os.environ.get(STATE_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_state_dir(APP_NAME, APP_AUTHOR)) / "bundle-state.json"


def organisation_key(name: str) -> str:
    """The name an organisation is pinned under: NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def clean_label(text: Any, limit: int = 120) -> str:
    """A name from a file or a manifest, safe to print on one line."""
    value = "".join(c for c in str(text) if c.isprintable())
    return " ".join(value.split())[:limit]


@dataclass(frozen=True, slots=True)
class TrustedKey:
    organisation: str
    key: SenderKey
    trusted_at: str

    @property
    def key_id(self) -> str:
        return self.key.key_id

    @property
    def fingerprint(self) -> str:
        return grouped(self.key_id)


@dataclass(frozen=True, slots=True)
class KeyFile:
    """An organisation's public key file (``waakvlam org public-key``), parsed."""

    key: SenderKey
    organisation: str  # from the file's comment line; may be empty


def read_key_file(path: Path) -> KeyFile:
    try:
        text = path.expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileError(KEY_FILE_UNREADABLE, path=path) from exc
    key = parse_public_key(text)
    organisation = ""
    for line in text.splitlines():
        if line.startswith(ORG_COMMENT):
            organisation = clean_label(line[len(ORG_COMMENT) :])
            break
    return KeyFile(key, organisation)


def _empty() -> dict[str, Any]:
    return {
        "version": STATE_VERSION,
        "trusted": {},
        "opened": {},
        "legacy_high_water": {},
        "audit_heads": {},
    }


def _upgrade_v1(doc: dict[str, Any]) -> dict[str, Any]:
    new = _empty()
    for key, entry in doc["senders"].items():
        if not isinstance(entry, dict) or type(entry.get("sequence")) is not int:
            continue
        new["legacy_high_water"][str(key)] = entry["sequence"]
        if isinstance(entry.get("bundle_id"), str):
            new["opened"].setdefault(str(key), {})[entry["bundle_id"]] = {
                "sequence": entry["sequence"],
                "opened_at": str(entry.get("opened_at", "")),
            }
    return new


def _valid(doc: Any) -> bool:
    return (
        isinstance(doc, dict)
        and doc.get("version") == STATE_VERSION
        and all(isinstance(doc.get(k), dict) for k in ("trusted", "opened", "legacy_high_water"))
        and all(isinstance(v, dict) for v in doc["opened"].values())
        and all(
            isinstance(v, dict)
            and isinstance(v.get("public_key"), str)
            and isinstance(v.get("organisation"), str)
            for v in doc["trusted"].values()
        )
    )


class PartnerState:
    """Trusted organisation keys and opened bundles, in one file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    # ---- the file --------------------------------------------------------------------------
    def load(self) -> dict[str, Any]:
        try:
            with self.path.open("rb") as fh:
                if os.fstat(fh.fileno()).st_size > MAX_STATE_BYTES:
                    raise BundleError(STATE_UNREADABLE_REPAIR, path=self.path)
                raw = fh.read()
        except FileNotFoundError:
            return _empty()
        except OSError as exc:
            raise BundleError(STATE_UNREADABLE_REPAIR, path=self.path) from exc
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError) as exc:
            raise BundleError(STATE_UNREADABLE_REPAIR, path=self.path) from exc
        if (
            isinstance(doc, dict)
            and doc.get("version", 1) == 1
            and isinstance(doc.get("senders"), dict)
        ):
            doc = _upgrade_v1(doc)
        if not _valid(doc):
            raise BundleError(STATE_UNREADABLE, path=self.path)
        doc.setdefault("audit_heads", {})
        return dict(doc)

    def save(self, doc: dict[str, Any]) -> None:
        body = (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomic(self.path, body, overwrite=True)
        except OSError as exc:
            raise BundleError(STATE_NOT_WRITABLE, path=self.path) from exc

    # ---- trusted keys ----------------------------------------------------------------------
    def trusted(self) -> list[TrustedKey]:
        out: list[TrustedKey] = []
        for entry in self.load()["trusted"].values():
            try:
                key = parse_public_key(entry["public_key"])
            except KeyFileError:
                raise BundleError(STATE_UNREADABLE, path=self.path) from None
            out.append(TrustedKey(entry["organisation"], key, str(entry.get("trusted_at", ""))))
        return sorted(out, key=lambda t: organisation_key(t.organisation))

    def pinned_for(self, organisation: str) -> TrustedKey | None:
        wanted = organisation_key(organisation)
        for item in self.trusted():
            if organisation_key(item.organisation) == wanted:
                return item
        return None

    def trust(self, organisation: str, key: SenderKey, *, replace: bool = False) -> bool:
        """Pin ``key`` for ``organisation``. Returns False if it was already pinned.

        A different key for an organisation that already has one is refused unless
        ``replace``; the replaced key id is kept (for the record, not trusted).
        """
        name = clean_label(organisation)
        if not name:
            raise UsageError(ORGANISATION_EMPTY)
        doc = self.load()
        slot = organisation_key(name)
        now = utc_text(datetime.now(UTC))
        current = doc["trusted"].get(slot)
        replaced: list[Any] = []
        if current is not None:
            if current["public_key"] == public_key_text(key.public_key):
                return False
            if not replace:
                old = parse_public_key(current["public_key"])
                raise UsageError(
                    TRUST_OTHER_KEY,
                    organisation=current["organisation"],
                    pinned=grouped(old.key_id),
                )
            replaced = list(current.get("replaced", []))
            replaced.append(
                {
                    "key_id": current.get("key_id", ""),
                    "trusted_at": current.get("trusted_at", ""),
                    "replaced_at": now,
                }
            )
        doc["trusted"][slot] = {
            "organisation": name,
            "public_key": public_key_text(key.public_key),
            "key_id": key.key_id,
            "trusted_at": now,
            "replaced": replaced,
        }
        self.save(doc)
        return True

    # ---- opened bundles --------------------------------------------------------------------
    def check_not_opened(self, state_key: str, bundle_id: str, sequence: int) -> None:
        doc = self.load()
        for opened in doc["opened"].values():
            entry = opened.get(bundle_id)
            if isinstance(entry, dict):
                raise ReplayError(
                    ALREADY_OPENED,
                    sequence=sequence,
                    opened_at=clean_label(entry.get("opened_at", "?"), 40),
                )
        last = doc["legacy_high_water"].get(state_key)
        if type(last) is int and sequence <= last:
            raise ReplayError(MAYBE_OPENED, sequence=sequence, last=last)

    def remember_opened(
        self,
        state_key: str,
        bundle_id: str,
        sequence: int,
        *,
        also: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        """Record the bundle as opened. ``also`` changes the same document before the one
        write (the reader adds the sender's audit head: bundles/witness.remember_head)."""
        doc = copy.deepcopy(self.load())
        doc["opened"].setdefault(state_key, {})[bundle_id] = {
            "sequence": sequence,
            "opened_at": utc_text(datetime.now(UTC)),
        }
        if also is not None:
            also(doc)
        self.save(doc)

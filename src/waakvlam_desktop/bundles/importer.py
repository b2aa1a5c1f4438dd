"""Handover import: merge a verified ``handover`` bundle from a pinned colleague.

What a handover may and may not do (issue #12 A, docs/bundle-format.md):

- Only a colleague whose key is pinned in this vault (``domain/colleagues.py``) is heard:
  the manifest signature is checked again here against that pinned key.
- A handover never changes the organisation or partners' routing. Staff members, settings,
  signing keys and partners are never imported. Partners referred to by the bundle's
  referrals are matched by name and type to local partners; an unmatched one is added
  without recipients, with profile ``case`` and schedule ``none`` (so nothing is ever sent
  to it until someone here sets it up). The mapping is shown for confirmation first.
- Every value is validated as typed input is (enums, dates, numbers, lengths, ids,
  postcodes, the BSN guard). One invalid value refuses the whole bundle, naming the table,
  row and field; nothing is written.
- Three-way merge per row against what was last imported from the same colleague
  (``import_base``): a row only the colleague changed is taken; a row only changed here is
  kept; a row changed on both sides is a conflict, listed per field and resolved only by an
  explicit choice (keep mine / take theirs). Without a choice nothing is written.
- Tombstones (``domain/tombstones.py``) are honoured: nothing of an anonymised household
  comes back, erased texts stay erased, a withdrawn consent stays withdrawn.
- Every row added or changed is an audit event.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from functools import partial
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Boolean, Date, DateTime, Integer, LargeBinary, String, Table, Text
from sqlalchemy.orm import Session

from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles.collect import HANDOVER_TABLES, handover_select, is_id_column
from waakvlam_desktop.bundles.keys import SenderKey, grouped
from waakvlam_desktop.bundles.reader import OpenedBundle
from waakvlam_desktop.clock import local_today, utc_naive
from waakvlam_desktop.domain import tombstones
from waakvlam_desktop.domain.bsn import find_bsn_like
from waakvlam_desktop.domain.colleagues import pinned
from waakvlam_desktop.domain.types import (
    ConcernLevel,
    ConsentForm,
    DataProfile,
    ExportSchedule,
    FollowUpStatus,
    GrondslagKind,
    HouseholdStatus,
    PartnerType,
    ReferralStatus,
    Severity,
    VisitKind,
)
from waakvlam_desktop.domain.visits import MAX_NOTES
from waakvlam_desktop.errors import (
    BadSignatureError,
    BundleDamagedError,
    BundleError,
    HandoverInvalidError,
    UnknownSenderError,
)
from waakvlam_desktop.storage import audit, fts
from waakvlam_desktop.storage.batches import chunks
from waakvlam_desktop.storage.ids import RecordId, dashed_hex, id_text, stored_id
from waakvlam_desktop.storage.models import Colleague
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

NOT_A_HANDOVER = Message(
    "handover.not_a_handover",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This is not a handover bundle; only a bundle with profile 'handover' can be read in.",
    ),
)
NO_READABLE_DATA = Message(
    "handover.no_readable_data",
    QT_TRANSLATE_NOOP("Errors", "The handover bundle has no readable data."),
)
DATA_DOES_NOT_FIT = Message(
    "handover.data_does_not_fit",
    QT_TRANSLATE_NOOP(
        "Errors", "The handover bundle holds data that does not fit; nothing was changed."
    ),
)
CLASHES_WITH_VAULT = Message(
    "handover.clashes_with_vault",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The handover does not fit into this vault (references or unique values clash);"
        " nothing was changed.",
    ),
)
UNKNOWN_TABLE = Message(
    "handover.unknown_table",
    QT_TRANSLATE_NOOP("Errors", "Unknown table in the handover bundle: {table}."),
)
UNEXPECTED_COLUMNS = Message(
    "handover.unexpected_columns",
    QT_TRANSLATE_NOOP(
        "Errors", "The table {table} in the handover bundle does not have the expected columns."
    ),
)
TABLE_DAMAGED = Message(
    "handover.table_damaged",
    QT_TRANSLATE_NOOP("Errors", "The table {table} in the handover bundle is damaged."),
)
NOT_PINNED = Message(
    "handover.not_pinned",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This handover was signed with a key that belongs to no colleague in this vault (key id"
        " {key_id}); nothing was changed. Add the colleague first with 'waakvlam colleague add'"
        " after comparing the key id by phone.",
    ),
)
SIGNATURE_NOT_PINNED = Message(
    "handover.signature_not_pinned",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The handover's signature does not match the key pinned for colleague {name};"
        " nothing was changed.",
    ),
)
# One message per kind of invalid value: the table, the row's id and the field are always
# named; a value is shown only where it cannot be personal data (an enumeration).
VALUE_MISSING = Message(
    "handover.value_missing",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The handover was refused, nothing was changed: table {table}, row {row}, field {field}"
        " is empty but required.",
    ),
)
VALUE_UNKNOWN = Message(
    "handover.value_unknown",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The handover was refused, nothing was changed: table {table}, row {row}, field {field}"
        " holds the unknown value '{value}'.",
    ),
)
VALUE_NOT_TEXT = Message(
    "handover.value_not_text",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The handover was refused, nothing was changed: table {table}, row {row}, field {field}"
        " is not text.",
    ),
)
VALUE_TOO_LONG = Message(
    "handover.value_too_long",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The handover was refused, nothing was changed: table {table}, row {row}, field {field}"
        " is too long (at most {max} characters).",
    ),
)
VALUE_NOT_NUMBER = Message(
    "handover.value_not_number",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The handover was refused, nothing was changed: table {table}, row {row}, field {field}"
        " is not a whole number in the allowed range.",
    ),
)
VALUE_NOT_DATE = Message(
    "handover.value_not_date",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The handover was refused, nothing was changed: table {table}, row {row}, field {field}"
        " is not a valid date.",
    ),
)
VALUE_IN_FUTURE = Message(
    "handover.value_in_future",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The handover was refused, nothing was changed: table {table}, row {row}, field {field}"
        " lies in the future.",
    ),
)
VALUE_NOT_ID = Message(
    "handover.value_not_id",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The handover was refused, nothing was changed: table {table}, row {row}, field {field}"
        " is not a valid id.",
    ),
)
VALUE_NOT_POSTCODE = Message(
    "handover.value_not_postcode",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The handover was refused, nothing was changed: table {table}, row {row}, field {field}"
        " is not a valid postcode.",
    ),
)
VALUE_BSN_LIKE = Message(
    "handover.value_bsn_like",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The handover was refused, nothing was changed: table {table}, row {row}, field {field}"
        " holds a number that looks like a BSN. Ask the colleague to remove it, or confirm that"
        " it is no BSN.",
    ),
)
VALUE_UNKNOWN_REFERENCE = Message(
    "handover.value_unknown_reference",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The handover was refused, nothing was changed: table {table}, row {row}, field {field}"
        " refers to a partner the handover does not contain.",
    ),
)
DUPLICATE_ROW = Message(
    "handover.duplicate_row",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The handover was refused, nothing was changed: table {table} holds row {row} twice.",
    ),
)

# Unique columns: on an existing record the local value is kept; on a new record that
# would collide with another record, the value is dropped (nullable) or made unique.
_UNIQUE = {"complex": "code", "address": "vhe_code", "referral": "reference"}
_SEARCHED = ("visit", "signal_observation")  # tables with a full-text index (storage/fts.py)
# Link tables and the two tables their columns point at.
_LINK_TABLES = {
    "visit_resident": ("visit", "resident"),
    "referral_signal": ("referral", "signal_observation"),
}
# Never merged as rows: the organisation's people and partners' routing stay local.
_NEVER_MERGED = ("staff_member", "partner")
_STAFF_COLUMNS = {
    ("visit", "staff_id"),
    ("concern_level_entry", "staff_id"),
    ("follow_up", "assignee_id"),
    ("referral", "contact_staff_id"),
}
_ENUMS: dict[tuple[str, str], type[Enum]] = {
    ("household", "status"): HouseholdStatus,
    ("household", "concern_level"): ConcernLevel,
    ("visit", "kind"): VisitKind,
    ("signal_observation", "severity"): Severity,
    ("concern_level_entry", "level"): ConcernLevel,
    ("concern_level_entry", "suggested_level"): ConcernLevel,
    ("follow_up", "status"): FollowUpStatus,
    ("partner", "type"): PartnerType,
    ("partner", "profile"): DataProfile,
    ("partner", "schedule"): ExportSchedule,
    ("referral", "status"): ReferralStatus,
    ("referral", "grondslag"): GrondslagKind,
    ("referral", "consent_form"): ConsentForm,
    ("referral_status_event", "from_status"): ReferralStatus,
    ("referral_status_event", "to_status"): ReferralStatus,
}
# Free text staff type: the BSN guard applies, as it does when typed.
_FREE_TEXT = {
    ("staff_member", "name"),
    ("complex", "name"),
    ("address", "street"),
    ("household", "label"),
    ("resident", "name"),
    ("visit", "notes"),
    ("signal_observation", "remark"),
    ("follow_up", "description"),
    ("partner", "name"),
    ("partner", "contact_name"),
    ("referral", "reason"),
    ("referral", "letter_context"),
    ("referral", "basis_text"),
    ("referral", "consent_withdrawal_note"),
    ("referral_status_event", "note"),
}
# Dates that record something that happened: never after today.
_PAST_DATES = {
    ("household", "closed_on"),
    ("resident", "birth_date"),
    ("referral", "consent_date"),
    ("referral", "consent_withdrawn_on"),
}
_INT_RANGES = {
    ("address", "number"): (0, 99_999),
    ("resident", "birth_year"): (1900, 9999),  # upper bound: this year (checked below)
}
_POSTCODES = {("address", "postcode"), ("partner", "postcode")}
_POSTCODE = re.compile(r"^[1-9][0-9]{3}( [A-Z]{2})?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HEX_ID = re.compile(r"[0-9a-f]{32}")  # format 2: an id's 32 hex digits, no dashes
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$")
_SKEW = timedelta(days=1)  # a colleague's clock may run a little ahead; 2099 does not
# Pointers from a row that stays to a visit or sign of an anonymised household (which this
# vault counted away and deleted, 0022): cleared on import, as retention clears them.
_POINTERS_TO_DROPPED: dict[str, tuple[tuple[str, str], ...]] = {
    "concern_level_entry": (("visit_id", "visit"),),
    "follow_up": (("visit_id", "visit"), ("signal_id", "signal_observation")),
    "referral": (("visit_id", "visit"),),
}
# Texts erased per retention category (tombstone kind) and table.
_ERASED_TEXT: dict[str, dict[str, tuple[str, ...]]] = {
    "visit_notes": {"visit": ("notes",), "follow_up": ("description",)},
    "signals": {"signal_observation": ("remark",)},
    "referrals": {
        "referral": ("reason", "letter_context", "basis_text", "consent_withdrawal_note"),
        "referral_status_event": ("note",),
    },
}
_HOUSEHOLD_TABLES = (
    "household",
    "resident",
    "visit",
    "signal_observation",
    "concern_level_entry",
    "follow_up",
    "referral",
    "referral_status_event",
)


@dataclass(frozen=True, slots=True)
class ImportConflict:
    """A row changed here and by the colleague since the last import from them."""

    table: str
    id: str
    fields: tuple[str, ...]  # names only, never values
    winner: str = ""  # "kluis" (kept mine), "bundel" (took theirs) or "" (undecided)


@dataclass(frozen=True, slots=True)
class ImportNote:
    table: str
    id: str
    note: str


@dataclass(frozen=True, slots=True)
class PartnerMatch:
    """A partner the bundle's referrals point at, and what it becomes here."""

    name: str
    type: str
    local_id: str
    local_name: str
    new: bool  # True: added here without recipients or schedule


@dataclass(frozen=True, slots=True)
class ImportReport:
    bundle_id: str
    colleague: str = ""
    applied: bool = False
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    conflicts: list[ImportConflict] = field(default_factory=list)
    notes: list[ImportNote] = field(default_factory=list)
    partners: list[PartnerMatch] = field(default_factory=list)
    erased: dict[str, int] = field(default_factory=dict)  # rows or texts not brought back

    @property
    def changed(self) -> bool:
        return any(self.added.values()) or any(self.updated.values())

    @property
    def undecided(self) -> list[ImportConflict]:
        return [c for c in self.conflicts if not c.winner]


# ---- pinning -------------------------------------------------------------------------------
def pinned_sender(session: Session) -> Callable[[str], SenderKey]:
    """For ``verify_bytes``: the pinned key of the colleague with this key id, or a refusal."""

    def resolve(kid: str) -> SenderKey:
        colleague = pinned(session, kid)
        if colleague is None:
            raise UnknownSenderError(NOT_PINNED, key_id=grouped(kid[:32]) or "?")
        return SenderKey(colleague.public_key)

    return resolve


def _colleague_of(session: Session, bundle: OpenedBundle) -> Colleague:
    sender = bundle.manifest.get("sender")
    kid = str(sender.get("key_id", "")) if isinstance(sender, dict) else ""
    colleague = pinned(session, kid)
    if colleague is None:
        raise UnknownSenderError(NOT_PINNED, key_id=grouped(kid[:32]) or "?")
    try:
        Ed25519PublicKey.from_public_bytes(colleague.public_key).verify(
            bundle.signature, bundle.manifest_bytes
        )
    except (InvalidSignature, ValueError) as exc:
        raise BadSignatureError(SIGNATURE_NOT_PINNED, name=colleague.name) from exc
    return colleague


# ---- validation ----------------------------------------------------------------------------
class _Validator:
    """Checks every value of a table as typed input is checked. Raises on the first.

    A bundle may write a moment with fewer than six digits after the seconds, or none
    (``_DATETIME``); each is rewritten in the vault's one form (``_stored``), because the
    queries compare moments as text: ``2026-01-01 00:00:00`` sorts before the window
    ``2026-01-01 00:00:00.000000`` that should hold it.

    From format 2 on (``hex_ids``) an id may come as its 32 hex digits; it is rewritten in
    the dashed form before anything else looks at it, so that both forms of one id are one
    id (a duplicate row, a reference). Format 1 has the dashed form only."""

    def __init__(
        self, now: datetime, today: date, allow_bsn_like: bool, hex_ids: bool = False
    ) -> None:
        self.now_limit = _stored(now + _SKEW)
        self.today = today
        self.allow_bsn_like = allow_bsn_like
        self.hex_ids = hex_ids

    def table(self, table: Table, columns: list[str], rows: list[list[Any]]) -> None:
        checks = [self._check_for(table, name) for name in columns]
        id_columns = (
            [i for i, name in enumerate(columns) if is_id_column(name)] if self.hex_ids else []
        )
        moments = [
            i
            for i, name in enumerate(columns)
            if name in table.columns and isinstance(table.columns[name].type, DateTime)
        ]
        id_at = columns.index("id") if "id" in columns else None
        seen: set[str] = set()
        for n, values in enumerate(rows):
            row_name = f"#{n + 1}"
            for i in id_columns:
                value = values[i]
                if isinstance(value, str) and _HEX_ID.fullmatch(value):
                    values[i] = dashed_hex(value)
            if id_at is not None:
                rid = values[id_at]
                if isinstance(rid, str) and len(rid) <= 36:
                    row_name = rid
                    if rid in seen:
                        raise HandoverInvalidError(DUPLICATE_ROW, table=table.name, row=rid)
                    seen.add(rid)
            for check, name, value in zip(checks, columns, values, strict=True):
                problem = check(value)
                if problem is not None:
                    message, extra = problem
                    raise HandoverInvalidError(
                        message,
                        table=table.name,
                        row=row_name,
                        field=name,
                        **extra,
                    )
            for i in moments:
                if values[i] is not None:
                    values[i] = _stored(datetime.fromisoformat(values[i]))

    def _check_for(
        self, table: Table, name: str
    ) -> Callable[[Any], tuple[Message, dict[str, object]] | None]:
        key = (table.name, name)
        if name == "item_code":  # signal_observation: the checklist item by its code
            return self._text(nullable=False, max_length=100, free=False)
        col = table.columns[name]
        nullable = bool(col.nullable)
        ctype = col.type
        if key in _ENUMS:
            return self._enum(_ENUMS[key], nullable)
        if is_id_column(name):
            return self._uuid(nullable)
        if key in _POSTCODES:
            return self._postcode(table.name == "partner")
        if isinstance(ctype, Boolean):
            return self._bool(nullable)
        if isinstance(ctype, Integer):
            low, high = _INT_RANGES.get(key, (-(2**31), 2**31 - 1))
            if key == ("resident", "birth_year"):
                high = self.today.year
            return self._int(nullable, low, high)
        if isinstance(ctype, DateTime):
            return self._datetime(nullable)
        if isinstance(ctype, Date):
            return self._date(nullable, key in _PAST_DATES)
        if isinstance(ctype, Text):  # before String: Text is a String without a length
            return self._text(nullable, MAX_NOTES, key in _FREE_TEXT)
        if isinstance(ctype, String):
            return self._text(nullable, ctype.length or 200, key in _FREE_TEXT)
        if isinstance(ctype, LargeBinary):  # partner.pseudonym_secret (hex): never imported
            return self._text(nullable, 128, free=False)
        return lambda _v: (VALUE_NOT_TEXT, {})

    def _enum(self, enum: type[Enum], nullable: bool) -> Callable[[Any], Any]:
        allowed = {e.value for e in enum}

        def check(value: Any) -> Any:
            if value is None:
                return None if nullable else (VALUE_MISSING, {})
            if isinstance(value, bool) or value not in allowed:
                return (VALUE_UNKNOWN, {"value": str(value)[:30]})
            return None

        return check

    @staticmethod
    def _uuid(nullable: bool) -> Callable[[Any], Any]:
        def check(value: Any) -> Any:
            if value is None:
                return None if nullable else (VALUE_MISSING, {})
            if not isinstance(value, str) or not _UUID.fullmatch(value):
                return (VALUE_NOT_ID, {})
            return None

        return check

    @staticmethod
    def _postcode(may_be_empty: bool) -> Callable[[Any], Any]:
        def check(value: Any) -> Any:
            if not isinstance(value, str):
                return (VALUE_NOT_POSTCODE, {})
            if value == "" and may_be_empty:
                return None
            if not _POSTCODE.match(value) or value[-2:] in ("SA", "SD", "SS"):
                return (VALUE_NOT_POSTCODE, {})
            return None

        return check

    @staticmethod
    def _bool(nullable: bool) -> Callable[[Any], Any]:
        def check(value: Any) -> Any:
            if value is None:
                return None if nullable else (VALUE_MISSING, {})
            if type(value) is not int or value not in (0, 1):
                return (VALUE_NOT_NUMBER, {})
            return None

        return check

    @staticmethod
    def _int(nullable: bool, low: int, high: int) -> Callable[[Any], Any]:
        def check(value: Any) -> Any:
            if value is None:
                return None if nullable else (VALUE_MISSING, {})
            if type(value) is not int or not low <= value <= high:
                return (VALUE_NOT_NUMBER, {})
            return None

        return check

    def _datetime(self, nullable: bool) -> Callable[[Any], Any]:
        limit = self.now_limit

        def check(value: Any) -> Any:
            if value is None:
                return None if nullable else (VALUE_MISSING, {})
            if not isinstance(value, str) or not _DATETIME.match(value):
                return (VALUE_NOT_DATE, {})
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                return (VALUE_NOT_DATE, {})
            if moment.year < 1900:  # as dates (_date): nothing in the vault is older
                return (VALUE_NOT_DATE, {})
            if value[:26] > limit:
                return (VALUE_IN_FUTURE, {})
            return None

        return check

    def _date(self, nullable: bool, past: bool) -> Callable[[Any], Any]:
        today = self.today

        def check(value: Any) -> Any:
            if value is None:
                return None if nullable else (VALUE_MISSING, {})
            if not isinstance(value, str) or not _DATE.match(value):
                return (VALUE_NOT_DATE, {})
            try:
                day = date.fromisoformat(value)
            except ValueError:
                return (VALUE_NOT_DATE, {})
            if day.year < 1900 or day.year > 2200:
                return (VALUE_NOT_DATE, {})
            if past and day > today:
                return (VALUE_IN_FUTURE, {})
            return None

        return check

    def _text(self, nullable: bool, max_length: int, free: bool) -> Callable[[Any], Any]:
        allow_bsn = self.allow_bsn_like

        def check(value: Any) -> Any:
            if value is None:
                return None if nullable else (VALUE_MISSING, {})
            if not isinstance(value, str):
                return (VALUE_NOT_TEXT, {})
            if len(value) > max_length:
                return (VALUE_TOO_LONG, {"max": max_length})
            if free and not allow_bsn and value and find_bsn_like(value):
                return (VALUE_BSN_LIKE, {})
            return None

        return check


# ---- the merge ---------------------------------------------------------------------------
_NOT_COMPARED = ("updated_at", "updated_by")


def _stored(moment: datetime) -> str:
    """A naive UTC datetime as the vault stores it (and a handover carries it), the year
    in four digits (``strftime("%Y")`` writes 999 for 999 on Linux, which sorts last)."""
    return moment.isoformat(" ", "microseconds")


def _stored_ids(ids: Iterable[str]) -> list[bytes | str]:
    """Record ids as the vault stores them (for a raw cursor's parameters)."""
    return [stored_id(i) for i in ids]


def _digest(values: tuple[Any, ...]) -> str:
    """A row's compared values (str, int, float or None after validation), in column
    order, as a truncated SHA-256: what ``import_base`` keeps. No personal data."""
    return hashlib.sha256(repr(values).encode("utf-8")).hexdigest()[:32]


@dataclass
class _TablePlan:
    table: str
    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[tuple[dict[str, Any], tuple[str, ...]]] = field(default_factory=list)
    conflicts: list[tuple[dict[str, Any], tuple[str, ...]]] = field(default_factory=list)
    unchanged: int = 0
    links: list[tuple[str, str]] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)


class _Merger:
    def __init__(
        self, session: Session, bundle: OpenedBundle, colleague: Colleague, tables: Any
    ) -> None:
        self.session = session
        self.bundle = bundle
        self.colleague = colleague
        self.tables = tables
        self.cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        self.clock = session.info["clock"]
        self.now = utc_naive(self.clock.now())
        self.partner_map: dict[str, str] = {}
        self.new_partners: list[dict[str, Any]] = []
        self.partner_matches: list[PartnerMatch] = []
        self.staff_map: dict[str, str | None] = {}
        self.item_ids: dict[str, str] = {}
        self.id_columns = {
            t.name: {c.name for c in t.columns if isinstance(c.type, RecordId)}
            for t in HANDOVER_TABLES
        }
        self.letters: dict[str, bytes] = {}
        self.original_reference: dict[str, str] = {}
        self.no_letter: set[str] = set()
        self.notes: list[ImportNote] = []
        self.erased: dict[str, int] = {}
        self.household_of: dict[str, str] = {}  # referral id -> household id
        self.tombs: dict[str, dict[str, tombstones.TombstoneRow]] = {}
        # Visits and signs of anonymised households, dropped by their tombstone: a row of
        # another household must not point at them (this vault deleted them, 0022).
        self.dropped: dict[str, set[str]] = {"visit": set(), "signal_observation": set()}
        self.plans: list[_TablePlan] = []
        self.events: list[tuple[str, str, str | None, str | None, str]] = []

    def query(
        self, sql: str, params: Sequence[Any] = (), ids: Sequence[int] = ()
    ) -> list[Sequence[Any]]:
        """Raw rows of ``sql``; the columns at the positions ``ids`` are record ids, read
        back as their text (the cursor bypasses the models' types: ``storage/ids.py``).
        Ids among ``params`` must be given as ``stored_id`` makes them."""
        self.cursor.execute(sql, params)
        rows = self.cursor.fetchall()
        if not ids:
            return list(rows)
        out: list[Sequence[Any]] = []
        for row in rows:
            values = list(row)
            for i in ids:
                values[i] = id_text(values[i])
            out.append(values)
        return out

    def existing_ids(self, table: str, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(sorted(set(ids))):
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0]
                for r in self.query(
                    f"SELECT id FROM {table} WHERE id IN ({marks})", _stored_ids(chunk), ids=[0]
                )
            )
        return found

    def stored_row(self, table: str, row: Mapping[str, Any]) -> dict[str, Any]:
        """``row`` with its record ids as the vault stores them."""
        id_columns = self.id_columns[table]
        return {c: stored_id(v) if c in id_columns and v is not None else v for c, v in row.items()}

    def rows_of(self, name: str) -> list[dict[str, Any]]:
        block = self.tables.get(name)
        if not block:
            return []
        columns = block["columns"]
        return [dict(zip(columns, values, strict=True)) for values in block["rows"]]

    # -- what stays local: staff and partners ------------------------------------------------
    def map_staff(self) -> None:
        theirs = self.rows_of("staff_member")
        local_ids = self.existing_ids("staff_member", [r["id"] for r in theirs])
        by_name: dict[str, str] = {}
        for sid, name in self.query(
            "SELECT id, name FROM staff_member ORDER BY created_at", ids=[0]
        ):
            by_name.setdefault(name, sid)
        for row in theirs:
            rid = row["id"]
            self.staff_map[rid] = rid if rid in local_ids else by_name.get(row["name"])

    def map_partners(self, referrals: list[dict[str, Any]]) -> None:
        theirs = {r["id"]: r for r in self.rows_of("partner")}
        used = sorted({r["partner_id"] for r in referrals})
        local = self.query("SELECT id, name, type FROM partner", ids=[0])
        by_key = {(name, ptype): pid for pid, name, ptype in local}
        names = {name for _pid, name, _t in local}
        for n, pid in enumerate(used):
            row = theirs.get(pid)
            if row is None:
                raise HandoverInvalidError(
                    VALUE_UNKNOWN_REFERENCE,
                    table="referral",
                    row=next(r["id"] for r in referrals if r["partner_id"] == pid),
                    field="partner_id",
                )
            match = by_key.get((row["name"], row["type"]))
            if match is not None:
                self.partner_map[pid] = match
                self.partner_matches.append(
                    PartnerMatch(row["name"], row["type"], match, row["name"], new=False)
                )
                continue
            name = row["name"]
            if name in names:  # same name, other type: never the local partner
                name = f"{name[:180]} (overdracht {n + 1})"
            names.add(name)
            new_id = str(uuid.uuid4())
            self.partner_map[pid] = new_id
            by_key[(row["name"], row["type"])] = new_id
            self.new_partners.append(
                {
                    "id": new_id,
                    "created_at": _stored(self.now),
                    "updated_at": _stored(self.now),
                    "created_by": self.session.info.get("actor"),
                    "updated_by": self.session.info.get("actor"),
                    "name": name,
                    "type": row["type"],
                    "contact_name": row["contact_name"],
                    "address_line": row["address_line"],
                    "postcode": row["postcode"],
                    "city": row["city"],
                    "email": row["email"],
                    "phone": row["phone"],
                    # Routing is never imported: no recipients, nothing scheduled.
                    "age_recipients": "[]",
                    "profile": DataProfile.CASE.value,
                    "schedule": ExportSchedule.NONE.value,
                    "pseudonym_secret": os.urandom(32),
                }
            )
            self.partner_matches.append(PartnerMatch(row["name"], row["type"], new_id, name, True))

    # -- tombstones ------------------------------------------------------------------------
    def _erase(self, what: str, n: int = 1) -> None:
        self.erased[what] = self.erased.get(what, 0) + n

    def apply_tombstones(self, name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        kept: list[dict[str, Any]] = []
        for row in rows:
            hid = row["id"] if name == "household" else row.get("household_id")
            if name == "referral_status_event":
                hid = self.household_of.get(row["referral_id"])
            tomb = self.tombs.get(hid or "", {})
            if tombstones.ANONYMISED in tomb or (
                name == "signal_observation" and row.get("visit_id") in self.dropped["visit"]
            ):
                if name == "referral":
                    self.no_letter.add(row["id"])
                if name in self.dropped:
                    self.dropped[name].add(row["id"])
                self._erase(name)
                continue  # nothing of an anonymised household comes back
            for column, target in _POINTERS_TO_DROPPED.get(name, ()):
                if row.get(column) in self.dropped[target]:
                    row[column] = None  # what it pointed at is counted away here
                    self._erase(f"{name}.{column}")
            for what, stone in tomb.items():
                fields = _ERASED_TEXT.get(what, {}).get(name, ())
                if not fields or str(row.get("created_at", "")) > _stored(stone.erased_at):
                    continue  # written after the erasure: new data, not a resurrection
                for f in fields:
                    if row.get(f):
                        row[f] = ""
                        self._erase(f"{name}.{f}")
                if name == "referral":
                    self.no_letter.add(row["id"])
            if name == "referral":
                consent = self.tombs.get(row["id"], {}).get(tombstones.CONSENT_WITHDRAWN)
                if consent is not None and row.get("consent_withdrawn_on") is None:
                    row["consent_withdrawn_on"] = consent.detail or None
                    self._erase("referral.consent_withdrawn_on")
            kept.append(row)
        return kept

    # -- per table -------------------------------------------------------------------------
    def transform(self, name: str, row: dict[str, Any]) -> dict[str, Any] | None:
        for table, column in _STAFF_COLUMNS:
            if table == name and row.get(column) is not None:
                row[column] = self.staff_map.get(row[column])
        if name == "signal_observation":
            code = row.pop("item_code", None)
            item = self.item_ids.get(code) if isinstance(code, str) else None
            if item is None:
                self.notes.append(
                    ImportNote(
                        name, row["id"], f"signaal '{str(code)[:100]}' onbekend in deze kluis"
                    )
                )
                return None
            row["item_id"] = item
        elif name == "referral":
            row["partner_id"] = self.partner_map[row["partner_id"]]
            self.original_reference[row["id"]] = str(row["reference"])
        return row

    def plan_links(self, name: str, rows: list[list[Any]]) -> _TablePlan:
        plan = _TablePlan(name)
        plan.links = [(str(a), str(b)) for a, b in rows]
        return plan

    def plan_records(self, name: str, rows: list[dict[str, Any]]) -> _TablePlan:
        plan = _TablePlan(name)
        incoming = [r for r in (self.transform(name, row) for row in rows) if r is not None]
        cols = list(incoming[0]) if incoming else []
        local: dict[str, dict[str, Any]] = {}
        if incoming:
            cols_sql = ", ".join(cols)
            id_at = [i for i, c in enumerate(cols) if c in self.id_columns[name]]
            for chunk in chunks([r["id"] for r in incoming]):
                marks = ",".join("?" * len(chunk))
                for vals in self.query(
                    f"SELECT {cols_sql} FROM {name} WHERE id IN ({marks})",
                    _stored_ids(chunk),
                    ids=id_at,
                ):
                    found = dict(zip(cols, vals, strict=True))
                    local[found["id"]] = found
        base = self.bases([r["id"] for r in incoming if r["id"] in local])
        unique = _UNIQUE.get(name)
        compared = [c for c in cols if c not in _NOT_COMPARED]
        for row in incoming:
            rid = row["id"]
            mine = local.get(rid)
            if mine is None:
                plan.inserts.append(row)
                plan.digests[rid] = _digest(tuple(row[c] for c in compared))
                continue
            if unique:
                row[unique] = mine[unique]
            theirs_values = tuple(row[c] for c in compared)
            mine_values = tuple(mine[c] for c in compared)
            theirs_digest = _digest(theirs_values)
            if base.get(rid) != theirs_digest:
                plan.digests[rid] = theirs_digest  # a new or changed base: store it
            if theirs_values == mine_values:
                plan.unchanged += 1
                continue
            diff = tuple(
                sorted(
                    c
                    for c, a, b in zip(compared, theirs_values, mine_values, strict=True)
                    if a != b
                )
            )
            if base.get(rid) == theirs_digest:
                plan.unchanged += 1  # the colleague did not change it since: keep mine
            elif base.get(rid) == _digest(mine_values):
                plan.updates.append((row, diff))  # only the colleague changed it
            else:
                plan.conflicts.append((row, diff))
        return plan

    def bases(self, ids: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in chunks(ids):
            marks = ",".join("?" * len(chunk))
            found.update(
                (rid, digest)
                for rid, digest in self.query(
                    f"SELECT row_id, digest FROM import_base WHERE colleague_id = ?"
                    f" AND row_id IN ({marks})",
                    _stored_ids([self.colleague.id, *chunk]),
                    ids=[0],
                )
            )
        return found

    # -- writing ---------------------------------------------------------------------------
    def _audit(self, table: str, row_id: str, household_id: str | None, detail: str) -> None:
        self.events.append(
            (
                "import",
                table,
                row_id,
                household_id,
                f"overdracht van collega {self.colleague.id}; {detail}",
            )
        )

    def _household(self, table: str, row: Mapping[str, Any]) -> str | None:
        if table == "household":
            return str(row["id"])
        if table == "referral_status_event":
            return self.household_of.get(str(row["referral_id"]))
        hid = row.get("household_id")
        return str(hid) if hid else None

    def _make_unique(self, table: str, column: str, row: dict[str, Any]) -> None:
        taken = self.query(f"SELECT id FROM {table} WHERE {column} = ?", [row[column]])
        if not taken:
            return
        if table == "referral":
            row[column] = f"{row[column]}-{row['id'][:4]}"
            note = "kenmerk bestond al; achtervoegsel toegevoegd"
        else:
            row[column] = None
            note = f"{column} was al in gebruik; weggelaten"
        self.notes.append(ImportNote(table, row["id"], note))

    def _with_letter(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        if table == "referral" and row["id"] not in self.no_letter:
            letter = self.letters.get(self.original_reference.get(row["id"], ""))
            if letter is not None:
                return {**row, "letter_pdf": letter}
        return row

    def insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Add new rows (all of one table, with the same columns) in one executemany."""
        if not rows:
            return
        unique = _UNIQUE.get(table)
        full_rows = []
        for row in rows:
            if unique and row.get(unique) is not None:
                self._make_unique(table, unique, row)
            full = dict(row)
            if table == "referral":
                full["letter_pdf"] = None
            full_rows.append(self._with_letter(table, full))
            self._audit(table, row["id"], self._household(table, row), "toegevoegd")
        cols = list(full_rows[0])
        # Visits and observations are indexed for search once, after the last row, instead
        # of by the insert trigger row by row (same index, about half the insert time).
        indexing: AbstractContextManager[None] = (
            fts.indexed_once(self.cursor, table) if table in _SEARCHED else nullcontext()
        )
        with indexing:
            self.cursor.executemany(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                [[r[c] for c in cols] for r in map(partial(self.stored_row, table), full_rows)],
            )

    def update(self, table: str, row: dict[str, Any], diff: tuple[str, ...]) -> None:
        full = self.stored_row(table, self._with_letter(table, row))
        cols = [c for c in full if c != "id"]
        self.cursor.execute(
            f"UPDATE {table} SET {', '.join(c + ' = ?' for c in cols)} WHERE id = ?",
            [*(full[c] for c in cols), full["id"]],
        )
        self._audit(
            table, row["id"], self._household(table, row), "bijgewerkt; velden: " + ",".join(diff)
        )

    def add_links(self, plan: _TablePlan) -> int:
        a_table, b_table = _LINK_TABLES[plan.table]
        a, b = handover_select(next(t for t in HANDOVER_TABLES if t.name == plan.table))[0]
        ok_a = self.existing_ids(a_table, {x for x, _ in plan.links})
        ok_b = self.existing_ids(b_table, {y for _, y in plan.links})
        have = {(x, y) for x, y in self.query(f"SELECT {a}, {b} FROM {plan.table}", ids=[0, 1])}
        new = sorted(
            {(x, y) for x, y in plan.links if (x, y) not in have and x in ok_a and y in ok_b}
        )
        if new:
            self.cursor.executemany(
                f"INSERT INTO {plan.table} ({a}, {b}) VALUES (?, ?)", [_stored_ids(p) for p in new]
            )
        for x, y in new:
            self._audit(plan.table, x, None, f"koppeling toegevoegd aan {y}")
        return len(new)

    def save_bases(self) -> None:
        pairs = [
            (stored_id(self.colleague.id), stored_id(rid), digest)
            for plan in self.plans
            for rid, digest in plan.digests.items()
        ]
        self.cursor.executemany(
            "INSERT OR REPLACE INTO import_base (colleague_id, row_id, digest) VALUES (?, ?, ?)",
            pairs,
        )


def _check_shape(tables: Any) -> None:
    if not isinstance(tables, dict):
        raise BundleDamagedError(NO_READABLE_DATA)
    known = {t.name: t for t in HANDOVER_TABLES}
    for name in tables:
        if name not in known:
            raise BundleDamagedError(UNKNOWN_TABLE, table=str(name)[:40])
    for table in HANDOVER_TABLES:
        block = tables.get(table.name)
        if block is None:
            continue
        if not isinstance(block, dict):
            raise BundleDamagedError(TABLE_DAMAGED, table=table.name)
        columns = block.get("columns")
        rows = block.get("rows")
        expected, _sql = handover_select(table)
        if columns != expected or not isinstance(rows, list):
            raise BundleDamagedError(UNEXPECTED_COLUMNS, table=table.name)
        if any(not isinstance(r, list) or len(r) != len(columns) for r in rows):
            raise BundleDamagedError(TABLE_DAMAGED, table=table.name)


def import_handover(
    session: Session,
    bundle: OpenedBundle,
    *,
    confirm_partners: bool = False,
    resolve: str | None = None,
    choices: Mapping[str, str] | None = None,
    allow_bsn_like: bool = False,
) -> ImportReport:
    """Merge ``bundle`` (verified by the reader) into the vault behind ``session``.

    Nothing is written (``applied`` is False) while the partner mapping is not confirmed
    (``confirm_partners``) or a conflict has no decision: ``choices`` maps a row id to
    ``"mine"`` or ``"theirs"``; ``resolve`` decides the rest the same way.
    """
    if bundle.profile != "handover":
        raise BundleError(NOT_A_HANDOVER)
    colleague = _colleague_of(session, bundle)
    try:
        doc = bundle.data()
        tables = doc["tables"]
    except (ValueError, KeyError, TypeError) as exc:
        raise BundleDamagedError(NO_READABLE_DATA) from exc
    # The ids' form follows the manifest's version; data.json must say the same.
    if doc.get("format_version") != bundle.manifest.get("format_version"):
        raise BundleDamagedError(DATA_DOES_NOT_FIT)
    _check_shape(tables)
    try:
        return _import(
            session,
            bundle,
            colleague,
            tables,
            confirm_partners,
            resolve,
            choices or {},
            allow_bsn_like,
        )
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise BundleDamagedError(DATA_DOES_NOT_FIT) from exc
    except Exception as exc:
        if type(exc).__name__ == "IntegrityError":  # sqlcipher3's own DB-API error
            raise BundleError(CLASHES_WITH_VAULT) from exc
        raise


def _import(
    session: Session,
    bundle: OpenedBundle,
    colleague: Colleague,
    tables: dict[str, Any],
    confirm_partners: bool,
    resolve: str | None,
    choices: Mapping[str, str],
    allow_bsn_like: bool,
) -> ImportReport:
    merger = _Merger(session, bundle, colleague, tables)
    validator = _Validator(
        merger.now,
        local_today(session.info["clock"]),
        allow_bsn_like,
        hex_ids=bundle.manifest.get("format_version", 1) >= fmt.HANDOVER_FORMAT_VERSION,
    )
    for table in HANDOVER_TABLES:
        block = tables.get(table.name)
        if block is not None:
            validator.table(table, block["columns"], block["rows"])
    merger.item_ids = {
        code: iid
        for code, iid in merger.query(
            "SELECT ci.code, ci.id FROM checklist_item ci JOIN checklist_template t"
            " ON t.id = ci.template_id ORDER BY t.active, t.created_at",
            ids=[1],
        )
    }
    merger.letters = {
        name[len("letters/") : -len(".pdf")]: data
        for name, data in bundle.members.items()
        if name.startswith("letters/")
    }
    merger.map_staff()
    # Which household each referral belongs to (bundle first, then this vault).
    bundle_referrals = merger.rows_of("referral")
    merger.household_of = {r["id"]: r["household_id"] for r in bundle_referrals}
    event_refs = {r["referral_id"] for r in merger.rows_of("referral_status_event")}
    missing = sorted(event_refs - set(merger.household_of))
    for chunk in chunks(missing):
        marks = ",".join("?" * len(chunk))
        merger.household_of.update(
            (rid, hid)
            for rid, hid in merger.query(
                f"SELECT id, household_id FROM referral WHERE id IN ({marks})",
                _stored_ids(chunk),
                ids=[0, 1],
            )
        )
    household_ids = {r["id"] for r in merger.rows_of("household")}
    for name in _HOUSEHOLD_TABLES[1:]:
        household_ids.update(
            str(r["household_id"]) for r in merger.rows_of(name) if r.get("household_id")
        )
    household_ids.update(merger.household_of.values())
    merger.tombs = tombstones.tombstones_for(
        session, household_ids | {r["id"] for r in bundle_referrals}
    )
    filtered: dict[str, list[dict[str, Any]]] = {}
    for table in HANDOVER_TABLES:
        if table.name in _NEVER_MERGED or table.name in _LINK_TABLES:
            continue
        rows = merger.rows_of(table.name)
        if table.name in _HOUSEHOLD_TABLES:
            rows = merger.apply_tombstones(table.name, rows)
        filtered[table.name] = rows
    merger.map_partners(filtered.get("referral", []))
    for table in HANDOVER_TABLES:
        if table.name in _NEVER_MERGED:
            continue
        block = tables.get(table.name)
        if table.name in _LINK_TABLES:
            merger.plans.append(merger.plan_links(table.name, block["rows"] if block else []))
        else:
            merger.plans.append(merger.plan_records(table.name, filtered[table.name]))
    conflicts: list[ImportConflict] = []
    decisions: dict[str, str] = {}
    for plan in merger.plans:
        for row, diff in plan.conflicts:
            choice = choices.get(row["id"], resolve or "")
            winner = {"mine": "kluis", "theirs": "bundel"}.get(choice, "")
            decisions[row["id"]] = winner
            conflicts.append(ImportConflict(plan.table, row["id"], diff, winner))
    undecided = any(not c.winner for c in conflicts)
    needs_confirmation = bool(merger.partner_matches) and not confirm_partners
    report = ImportReport(
        bundle_id=bundle.bundle_id,
        colleague=colleague.name,
        conflicts=conflicts,
        notes=merger.notes,
        partners=merger.partner_matches,
        erased=merger.erased,
    )
    if undecided or needs_confirmation:
        for plan in merger.plans:
            report.added[plan.table] = len(plan.inserts) + len(plan.links)
            report.updated[plan.table] = len(plan.updates)
            report.unchanged[plan.table] = plan.unchanged
        return report
    # ---- apply: one transaction (the caller's session) ----
    merger.insert("partner", merger.new_partners)
    for plan in merger.plans:
        if plan.table in _LINK_TABLES:
            report.added[plan.table] = merger.add_links(plan)
            report.unchanged[plan.table] = len(plan.links) - report.added[plan.table]
            continue
        merger.insert(plan.table, plan.inserts)
        updated = 0
        for row, diff in plan.updates:
            merger.update(plan.table, row, diff)
            updated += 1
        kept = 0
        for row, diff in plan.conflicts:
            if decisions[row["id"]] == "bundel":
                merger.update(plan.table, row, diff)
                updated += 1
            else:
                kept += 1
        report.added[plan.table] = len(plan.inserts)
        report.updated[plan.table] = updated
        report.unchanged[plan.table] = plan.unchanged + kept
    merger.save_bases()
    audit.record_many(session, merger.events)
    merger.cursor.execute(
        "UPDATE colleague SET last_import_at = ? WHERE id = ?",
        [_stored(merger.now), stored_id(colleague.id)],
    )
    audit.record(
        session,
        "import",
        "bundle",
        bundle.bundle_id,
        detail=(
            f"overdracht van collega {colleague.id}; toegevoegd: {sum(report.added.values())};"
            f" bijgewerkt: {sum(report.updated.values())}; conflicten: {len(conflicts)};"
            f" niet teruggebracht (gewist): {sum(merger.erased.values())};"
            f" opmerkingen: {len(merger.notes)}"
        ),
    )
    return ImportReport(
        bundle_id=report.bundle_id,
        colleague=report.colleague,
        applied=True,
        added=report.added,
        updated=report.updated,
        unchanged=report.unchanged,
        conflicts=conflicts,
        notes=merger.notes,
        partners=merger.partner_matches,
        erased=merger.erased,
    )

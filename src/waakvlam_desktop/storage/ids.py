"""Record ids: a UUID's 16 bytes in the vault (since 0019), its 36-character text elsewhere.

Every record has a UUID key. The app, bundles, the audit chain and the screens all see the
canonical text (``1ab1c42f-c52f-4fbe-8d19-821f947810d8``); the vault stores its 16 bytes,
in every id column and every index over one: about a third of the file (#16).

An id that is not a canonical UUID (upper case, another shape: only an old or a crafted
file holds one) is stored as the text it is. Every string maps to exactly one stored value
and back, so equality holds; and 16 bytes sort as their lower-case hex does, so ordering by
id is unchanged for UUIDs.

Code that reads the vault around SQLAlchemy's types (a raw DB-API cursor, SQL that builds
JSON) converts with ``stored_id`` and ``id_text``, or ``id_text_sql`` inside SQL.
"""

from __future__ import annotations

import re
from typing import Any, Final

from sqlalchemy import String, TypeDecorator

COMPACT_IDS_REVISION: Final = "0019"
"""The migration from which the vault stores ids as 16 bytes."""

_CANONICAL = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


def stored_id(value: str) -> bytes | str:
    """How the vault stores the id ``value``: 16 bytes for a canonical UUID, else the text.

    Only text is an id here: bytes (an id read around the models, still in its stored
    form) raise :class:`TypeError` instead of passing through as if converted."""
    if not isinstance(value, str):
        raise TypeError(f"a record id is text, not {type(value).__name__}")
    if len(value) == 36 and _CANONICAL.match(value):
        return bytes.fromhex(value.replace("-", ""))
    return value


def dashed_hex(h: str) -> str:
    """The UUID text of 32 hex digits ``h`` (a handover of format 2 sends ids so)."""
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def id_text(value: bytes | str | None) -> str | None:
    """The id as the app sees it, from what the vault stores (``stored_id``'s inverse)."""
    if value is None or isinstance(value, str):
        return value
    h = bytes(value).hex()
    if len(h) != 32:  # not written by this app: shown as hex, never equal to a UUID
        return h
    return dashed_hex(h)


def id_hex_sql(expr: str) -> str:
    """SQL giving the lower-case hex of the stored id ``expr`` when it is bytes, else NULL.

    For :func:`id_text_sql`'s ``hexed``: computed once per row in a subquery."""
    return f"(CASE WHEN typeof({expr}) = 'blob' THEN lower(hex({expr})) END)"


def id_text_sql(expr: str, hexed: str | None = None) -> str:
    """SQL giving ``id_text`` of the stored id ``expr`` (for SQL that builds text or JSON).

    ``hexed`` names a column that holds ``id_hex_sql(expr)`` for the same row. SQLite
    evaluates an expression wherever it appears, and the dashed form needs the hex five
    times: over many rows, compute it once in a subquery (half the time; #16's handover
    export).
    """
    h = hexed or id_hex_sql(expr)
    # One printf, each part cut by its precision ("%.4s": at most 4 characters), instead of
    # five substrings joined by four concatenations: 14-19 % less time per id (#16).
    parts = (
        f"printf('%.8s-%.4s-%.4s-%.4s-%s', {h}, substr({h}, 9), substr({h}, 13),"
        f" substr({h}, 17), substr({h}, 21))"
    )
    return f"(CASE WHEN {h} IS NULL THEN {expr} WHEN length({h}) = 32 THEN {parts} ELSE {h} END)"


# ---- frozen constants: used by migration 0019; never edit, add new ones ----------------------
TO_BYTES_0019 = (
    "CASE WHEN typeof({0}) = 'text' AND length({0}) = 36 AND {0} = lower({0})"
    " AND {0} LIKE '________-____-____-____-____________'"
    " AND length(replace({0}, '-', '')) = 32"
    " AND unhex(replace({0}, '-', '')) IS NOT NULL"
    " THEN unhex(replace({0}, '-', '')) ELSE {0} END"
)
"""SQL that turns the stored text id ``{0}`` into 16 bytes exactly when ``stored_id`` would."""
TO_TEXT_0019 = (
    "CASE WHEN typeof({0}) = 'blob' AND length({0}) = 16 THEN lower("
    "substr(hex({0}), 1, 8) || '-' || substr(hex({0}), 9, 4) || '-' || substr(hex({0}), 13, 4)"
    " || '-' || substr(hex({0}), 17, 4) || '-' || substr(hex({0}), 21, 12)) ELSE {0} END"
)
"""Its inverse (the downgrade)."""
ID_COLUMNS_0019: Final[dict[str, tuple[str, ...]]] = {
    "address": ("complex_id", "id", "created_by", "updated_by"),
    "audit_event": ("actor", "entity_id", "household_id"),
    "checklist_domain": ("template_id", "id", "created_by", "updated_by"),
    "checklist_item": ("template_id", "id", "created_by", "updated_by"),
    "checklist_template": ("id", "created_by", "updated_by"),
    "colleague": ("id", "created_by", "updated_by"),
    "complex": ("id", "created_by", "updated_by"),
    "concern_level_entry": (
        "household_id",
        "visit_id",
        "staff_id",
        "id",
        "created_by",
        "updated_by",
    ),
    "connect_introduction": (
        "household_id",
        "resident_id",
        "other_household_id",
        "other_resident_id",
        "follow_up_id",
        "id",
        "created_by",
        "updated_by",
    ),
    "connect_offer": ("resident_id", "household_id", "id", "created_by", "updated_by"),
    "draft": ("household_id", "id", "created_by", "updated_by"),
    "erasure_request": (
        "partner_id",
        "household_id",
        "export_id",
        "id",
        "created_by",
        "updated_by",
    ),
    "export_household": ("export_id", "household_id"),
    "export_record": ("partner_id", "bundle_id", "id", "created_by", "updated_by"),
    "export_referral": ("export_id", "referral_id"),
    "feedback_reply": ("reply_id", "partner_id", "bundle_id", "id", "created_by", "updated_by"),
    "follow_up": (
        "household_id",
        "visit_id",
        "assignee_id",
        "signal_id",
        "id",
        "created_by",
        "updated_by",
    ),
    "household": ("address_id", "id", "created_by", "updated_by"),
    "import_base": ("colleague_id", "row_id"),
    "meeting": ("staff_id", "id", "created_by", "updated_by"),
    "meeting_action": (
        "meeting_id",
        "household_id",
        "owner_staff_id",
        "owner_partner_id",
        "id",
        "created_by",
        "updated_by",
    ),
    "meeting_household": ("meeting_id", "household_id", "id", "created_by", "updated_by"),
    "meeting_partner": ("meeting_id", "partner_id"),
    "neighbourhood_action": (
        "complex_id",
        "event_id",
        "assignee_id",
        "id",
        "created_by",
        "updated_by",
    ),
    "neighbourhood_event": ("complex_id", "staff_id", "id", "created_by", "updated_by"),
    "neighbourhood_event_partner": ("event_id", "partner_id"),
    "neighbourhood_signal": ("event_id", "complex_id", "id", "created_by", "updated_by"),
    "organisation": ("id", "created_by", "updated_by"),
    "partner": ("id", "created_by", "updated_by"),
    "partner_signing_key": ("partner_id", "id", "created_by", "updated_by"),
    "referral": (
        "household_id",
        "partner_id",
        "visit_id",
        "contact_staff_id",
        "id",
        "created_by",
        "updated_by",
    ),
    "referral_resident": ("referral_id", "resident_id"),
    "referral_signal": ("referral_id", "observation_id"),
    "referral_status_event": ("referral_id", "id", "created_by", "updated_by"),
    "reply_identity": ("id", "created_by", "updated_by"),
    "resident": ("household_id", "id", "created_by", "updated_by"),
    "search_doc": ("ref_id",),
    "signal_observation": ("visit_id", "household_id", "item_id", "id", "created_by", "updated_by"),
    "signing_key": ("id", "created_by", "updated_by"),
    "staff_complex": ("staff_id", "complex_id"),
    "staff_member": ("id", "created_by", "updated_by"),
    "tombstone": ("id", "entity_id"),
    "visit": ("household_id", "address_id", "staff_id", "id", "created_by", "updated_by"),
    "visit_correction": ("visit_id", "household_id", "staff_id", "id", "created_by", "updated_by"),
    "visit_resident": ("visit_id", "resident_id"),
}
"""Every id column at 0019 (the models' ``RecordId`` columns, and the search map's)."""
# ---- end of frozen constants ---------------------------------------------------------------

# Id columns of tables made after 0019: they never held text, so nothing converts them.
BORN_AS_BYTES: Final[dict[str, tuple[str, ...]]] = {
    "anonymised_visits": ("household_id",),  # 0022
    "anonymised_signs": ("household_id",),  # 0022
    "anonymised_levels": ("household_id",),  # 0022
}

# Id columns of 0019 that a later migration dropped (the tables no longer have them).
DROPPED_AFTER_0019: Final[dict[str, tuple[str, ...]]] = {
    "tombstone": ("id",),  # 0023: keyed by what it covers
}


class RecordId(TypeDecorator[str]):
    """A record's id or a reference to one (see the module's docstring).

    The column's declared type stays ``VARCHAR(36)``: SQLite keeps a BLOB in a column of
    text affinity as it is, and no table had to be rebuilt."""

    impl = String(36)
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Any) -> bytes | str | None:
        return None if value is None else stored_id(value)

    def process_result_value(self, value: Any, dialect: Any) -> str | None:
        return id_text(value)

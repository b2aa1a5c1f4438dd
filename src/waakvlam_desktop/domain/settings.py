"""Organisation settings: defaults shipped as data, overrides stored in the vault."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from sqlalchemy.orm import Session

from waakvlam_desktop.domain.partners import validate_age_recipient
from waakvlam_desktop.domain.types import ConcernLevel
from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.storage.models import Setting
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

RHYTHM_INCOMPLETE = Message(
    "settings.rhythm_incomplete",
    QT_TRANSLATE_NOOP("Errors", "Give a rhythm in days for every care level."),
)
RHYTHM_OUT_OF_RANGE = Message(
    "settings.rhythm_out_of_range",
    QT_TRANSLATE_NOOP("Errors", "The rhythm for '{level}' must be between 1 and 730 days."),
)
AUTO_LOCK_OUT_OF_RANGE = Message(
    "settings.auto_lock_out_of_range",
    QT_TRANSLATE_NOOP("Errors", "Automatic locking: choose between 1 and 120 minutes."),
)
CORRECTION_DAYS_OUT_OF_RANGE = Message(
    "settings.correction_days_out_of_range",
    QT_TRANSLATE_NOOP("Errors", "Correcting a visit: choose between 0 and 90 days."),
)
UNKNOWN_LANGUAGE = Message(
    "settings.unknown_language", QT_TRANSLATE_NOOP("Errors", "Choose Dutch (nl) or English (en).")
)
RETENTION_INCOMPLETE = Message(
    "settings.retention_incomplete",
    QT_TRANSLATE_NOOP("Errors", "Give a retention period for visit notes, signals and referrals."),
)
RETENTION_OUT_OF_RANGE = Message(
    "settings.retention_out_of_range",
    QT_TRANSLATE_NOOP(
        "Errors", "The retention period for '{category}' must be between 1 and 240 months."
    ),
)
BACKUP_REMINDER_OUT_OF_RANGE = Message(
    "settings.backup_reminder_out_of_range",
    QT_TRANSLATE_NOOP("Errors", "Backup reminder: choose between 1 and 365 days."),
)
ARCHIVE_RECIPIENT_NOT_TEXT = Message(
    "settings.archive_recipient_not_text",
    QT_TRANSLATE_NOOP("Errors", "Give an age recipient (age1…) or leave it empty."),
)
UNKNOWN_GREETING = Message(
    "settings.unknown_greeting",
    QT_TRANSLATE_NOOP("Errors", "Choose how letters greet: geachte or beste."),
)
TEAM_FOLDER_NOT_TEXT = Message(
    "settings.team_folder_not_text",
    QT_TRANSLATE_NOOP("Errors", "Give the team folder as a folder path, or leave it empty."),
)
FOLDER_BACKUP_KEEP_OUT_OF_RANGE = Message(
    "settings.folder_backup_keep_out_of_range",
    QT_TRANSLATE_NOOP("Errors", "Backups kept in the team folder: choose between 1 and 100."),
)
FOLDER_BACKUP_HOURS_OUT_OF_RANGE = Message(
    "settings.folder_backup_hours_out_of_range",
    QT_TRANSLATE_NOOP("Errors", "Backup to the team folder: choose every 1 to 168 hours (a week)."),
)
AUDIT_TERM_OUT_OF_RANGE = Message(
    "settings.audit_term_out_of_range",
    QT_TRANSLATE_NOOP(
        "Errors", "The retention period of the audit log must be between 12 and 240 months."
    ),
)
UNKNOWN_SETTING = Message(
    "settings.unknown_setting", QT_TRANSLATE_NOOP("Errors", "Unknown setting '{key}'.")
)
# Aggregate bundles: the smallest number of households a published count may stand for.
# Organisations may set a higher threshold (statistical offices often use 10), not a lower.
MIN_CELL_FLOOR = 5
MIN_CELL_RANGE = Message(
    "settings.aggregate_min_cell",
    QT_TRANSLATE_NOOP(
        "Errors", "The threshold for small counts must be a whole number from {low} to {high}."
    ),
)
AGGREGATE_LEVEL = Message(
    "settings.aggregate_level",
    QT_TRANSLATE_NOOP(
        "Errors", "Aggregate figures go per wijk or per complex: choose 'wijk' or 'complex'."
    ),
)


def default_settings_doc() -> dict[str, Any]:
    raw = (
        resources.files("waakvlam_desktop.resources")
        .joinpath("settings/defaults.json")
        .read_text(encoding="utf-8")
    )
    doc: dict[str, Any] = json.loads(raw)
    return doc


@dataclass(frozen=True, slots=True)
class Settings:
    rhythm_days: dict[str, int]
    suggestion_lookback_days: int
    due_soon_days: int
    auto_lock_minutes: int
    language: str
    retention_months: dict[str, int] = field(default_factory=dict)
    backup_reminder_days: int = 7
    aggregate_min_cell: int = 5
    aggregate_level: str = "wijk"
    export_archive_recipient: str = ""
    #: How letters greet their reader: "geachte" ("Geachte heer De Groot,") or "beste".
    letter_greeting: str = "geachte"
    visit_correction_days: int = 7  # a saved visit's note can be corrected this long
    #: Buurt: the note of a complex event (and its actions' texts) is blanked after this
    #: many months; its kind, day and complex signs stay for the counts.
    neighbourhood_retention_months: int = 36
    #: A network share or synced folder for automatic backups ("": none; privacy/continuity).
    team_folder: str = ""
    folder_backup_keep: int = 7  # the last N backups of this vault stay in the team folder
    folder_backup_hours: int = 24  # a team-folder backup is due after this many hours
    #: The audit log's own term: events older than this many months are replaced by a
    #: signed checkpoint when retention runs (storage/audit.py checkpoint_before).
    audit_retention_months: int = 60

    def rhythm_for(self, level: ConcernLevel) -> int:
        return self.rhythm_days[level.value]


SETTING_KEYS = (
    "rhythm_days",
    "suggestion_lookback_days",
    "due_soon_days",
    "auto_lock_minutes",
    "language",
    "retention_months",
    "backup_reminder_days",
    "aggregate_min_cell",
    "aggregate_level",
    "export_archive_recipient",
    "letter_greeting",
    "visit_correction_days",
    "neighbourhood_retention_months",
    "team_folder",
    "folder_backup_keep",
    "folder_backup_hours",
    "audit_retention_months",
)
GREETINGS = ("geachte", "beste")


# Settings that take one of a fixed set of words, and the sentence when they do not.
CHOICES: dict[str, tuple[Collection[str], Message]] = {
    "language": (("nl", "en"), UNKNOWN_LANGUAGE),
    "aggregate_level": (("wijk", "complex"), AGGREGATE_LEVEL),
    "letter_greeting": (GREETINGS, UNKNOWN_GREETING),
}


# Settings that are a whole number in a range, and the sentence when they are not.
WHOLE_NUMBERS: dict[str, tuple[int, int, Message]] = {
    "auto_lock_minutes": (1, 120, AUTO_LOCK_OUT_OF_RANGE),
    "backup_reminder_days": (1, 365, BACKUP_REMINDER_OUT_OF_RANGE),
    "visit_correction_days": (0, 90, CORRECTION_DAYS_OUT_OF_RANGE),
    "folder_backup_keep": (1, 100, FOLDER_BACKUP_KEEP_OUT_OF_RANGE),
    "folder_backup_hours": (1, 168, FOLDER_BACKUP_HOURS_OUT_OF_RANGE),
    "audit_retention_months": (12, 240, AUDIT_TERM_OUT_OF_RANGE),
}


def _validated(key: str, value: Any) -> Any:
    if key in WHOLE_NUMBERS:
        low, high, refusal = WHOLE_NUMBERS[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValidationError(refusal, field=key)
    elif key in CHOICES:
        allowed, refusal = CHOICES[key]
        if value not in allowed:
            raise ValidationError(refusal, field=key)
    elif key == "rhythm_days":
        if not isinstance(value, dict) or set(value) != {lv.value for lv in ConcernLevel}:
            raise ValidationError(RHYTHM_INCOMPLETE, field=key)
        for level, days in value.items():
            if not isinstance(days, int) or not 1 <= days <= 730:
                raise ValidationError(RHYTHM_OUT_OF_RANGE, field=key, level=level)
    elif key == "retention_months":
        categories = {"visit_notes", "signals", "referrals"}
        if not isinstance(value, dict) or set(value) != categories:
            raise ValidationError(RETENTION_INCOMPLETE, field=key)
        for category, months in value.items():
            if not isinstance(months, int) or not 1 <= months <= 240:
                raise ValidationError(RETENTION_OUT_OF_RANGE, field=key, category=category)
    elif key == "neighbourhood_retention_months":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 240:
            raise ValidationError(RETENTION_OUT_OF_RANGE, field=key, category="buurt")
    elif key == "aggregate_min_cell":
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not (MIN_CELL_FLOOR <= value <= 100)
        ):
            raise ValidationError(MIN_CELL_RANGE, field=key, low=MIN_CELL_FLOOR, high=100)
    elif key == "export_archive_recipient":
        if not isinstance(value, str):
            raise ValidationError(ARCHIVE_RECIPIENT_NOT_TEXT, field=key)
        if value.strip():
            value = validate_age_recipient(value)
    elif key == "team_folder":
        if not isinstance(value, str):
            raise ValidationError(TEAM_FOLDER_NOT_TEXT, field=key)
        value = value.strip()
    elif key not in SETTING_KEYS:
        raise ValidationError(UNKNOWN_SETTING, field=key, key=key)
    return value


def load_settings(session: Session) -> Settings:
    doc = default_settings_doc()
    for row in session.query(Setting).filter(Setting.key.in_(SETTING_KEYS)):
        doc[row.key] = json.loads(row.value_json)
    return Settings(**{k: doc[k] for k in SETTING_KEYS if k in doc})


def save_setting(session: Session, key: str, value: Any) -> None:
    value = _validated(key, value)
    row = session.get(Setting, key)
    encoded = json.dumps(value, sort_keys=True)
    if row is None:
        session.add(Setting(key=key, value_json=encoded))
    elif row.value_json != encoded:
        row.value_json = encoded

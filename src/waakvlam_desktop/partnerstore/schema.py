"""The partner store's tables: their own metadata, their own schema version.

The corporation vault's schema is an Alembic chain over ``storage/models.py``. The partner
store shares none of it: these tables have their own ``DeclarativeBase`` and the store
keeps its version in SQLite's ``PRAGMA user_version``. :data:`STEPS` are the migrations,
in order; step *n* brings the store from version *n-1* to *n*. Step 1 is frozen DDL once
a version is released: a later change appends a step (``ALTER TABLE …``) and never edits
an earlier one.

Kenmerken and pseudonyms are a corporation's own: two corporations may use the same. So
every referral, household, sighting and feedback row is keyed by the sender's key id
(``Bundle.sender_key_id``, the key the bundle was signed with) together with them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import Connection, ForeignKey, LargeBinary, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class PartnerBase(DeclarativeBase):
    """Not the vault's ``Base``: the partner store's tables only."""


class Identity(PartnerBase):
    """The partner's own keys: one row, made on first run, never written to a file."""

    __tablename__ = "identity"
    id: Mapped[int] = mapped_column(primary_key=True)
    age_identity: Mapped[str] = mapped_column(Text)  # AGE-SECRET-KEY-1…
    signing_key: Mapped[bytes] = mapped_column(LargeBinary)  # raw Ed25519 private key
    created_at: Mapped[datetime]


class Setting(PartnerBase):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Bundle(PartnerBase):
    """A bundle that was opened: its manifest (no personal data) and what it carried."""

    __tablename__ = "bundle"
    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    organisation: Mapped[str] = mapped_column(String(200))
    sender_key_id: Mapped[str] = mapped_column(String(64))
    profile: Mapped[str] = mapped_column(String(16))
    period: Mapped[str] = mapped_column(String(40))
    sequence: Mapped[int]
    created_at: Mapped[str] = mapped_column(String(40))
    opened_at: Mapped[datetime]
    manifest: Mapped[bytes] = mapped_column(LargeBinary)  # the signed bytes
    # A case or aggregate bundle's cover sheet (counts, no names: documents/cover_sheet.py);
    # a meeting bundle's agenda, with names and signals: b"" once retention or an erasure
    # request dropped it (service.apply_retention, service.confirm_erasure).
    summary_pdf: Mapped[bytes] = mapped_column(LargeBinary)
    aggregate: Mapped[str | None] = mapped_column(Text)  # data.json of an aggregate bundle


class ErasureRequest(PartnerBase):
    __tablename__ = "erasure_request"
    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[str] = mapped_column(ForeignKey("bundle.bundle_id"))
    sender_key_id: Mapped[str] = mapped_column(String(64))  # it erases that sender's only
    pseudonym: Mapped[str] = mapped_column(String(64))
    references: Mapped[str] = mapped_column(Text)  # comma separated kenmerken
    requested_on: Mapped[date]
    reason: Mapped[str] = mapped_column(String(200))
    done_at: Mapped[datetime | None]
    removed: Mapped[int] = mapped_column(default=0)  # referrals removed when confirmed


class Household(PartnerBase):
    """The newest word on a household, by its pseudonym (stable across that sender's
    bundles to this partner)."""

    __tablename__ = "household"
    sender_key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(64), primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    address: Mapped[str] = mapped_column(Text)  # one line
    residents: Mapped[str] = mapped_column(Text)  # JSON list of {name, phone, birth_year}
    # Always "": the raw JSON of a bundle is not kept (only the cleaned, capped fields
    # above). The column stays because step 1's DDL has it.
    data: Mapped[str] = mapped_column(Text, default="")
    last_bundle_id: Mapped[str] = mapped_column(ForeignKey("bundle.bundle_id"))


class Referral(PartnerBase):
    __tablename__ = "referral"
    sender_key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kenmerk: Mapped[str] = mapped_column(String(40), primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(64))  # the household of the same sender
    reason: Mapped[str] = mapped_column(Text)
    context: Mapped[str] = mapped_column(Text)
    signals: Mapped[str] = mapped_column(Text)  # JSON list
    sender_status: Mapped[str] = mapped_column(String(40))
    final: Mapped[bool]
    feedback_due: Mapped[date | None]
    letter: Mapped[bytes | None] = mapped_column(LargeBinary)  # letters/<kenmerk>.pdf
    data: Mapped[str] = mapped_column(Text, default="")  # always "", as Household.data
    last_bundle_id: Mapped[str] = mapped_column(ForeignKey("bundle.bundle_id"))
    closed_on: Mapped[date | None]  # the partner closed it (retention counts from here)


class Sighting(PartnerBase):
    """History across bundles: each bundle that carried a referral, with its status."""

    __tablename__ = "sighting"
    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[str] = mapped_column(ForeignKey("bundle.bundle_id"))
    sender_key_id: Mapped[str] = mapped_column(String(64))
    pseudonym: Mapped[str] = mapped_column(String(64))
    kenmerk: Mapped[str] = mapped_column(String(40))
    sender_status: Mapped[str] = mapped_column(String(40))
    final: Mapped[bool]


class Feedback(PartnerBase):
    """What the partner recorded about a referral; ``reply_id`` once it was sent."""

    __tablename__ = "feedback"
    id: Mapped[int] = mapped_column(primary_key=True)
    sender_key_id: Mapped[str] = mapped_column(String(64))
    kenmerk: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    day: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime]
    reply_id: Mapped[str | None] = mapped_column(String(36))


def _step_1(con: Connection) -> None:
    """Version 1 (frozen)."""
    for ddl in VERSION_1_DDL:
        con.execute(text(ddl))


VERSION_1_DDL = (
    """CREATE TABLE identity (id INTEGER NOT NULL PRIMARY KEY, age_identity TEXT NOT NULL,
    signing_key BLOB NOT NULL, created_at DATETIME NOT NULL)""",
    """CREATE TABLE setting (key VARCHAR(64) NOT NULL PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE bundle (bundle_id VARCHAR(36) NOT NULL PRIMARY KEY,
    organisation VARCHAR(200) NOT NULL, sender_key_id VARCHAR(64) NOT NULL,
    profile VARCHAR(16) NOT NULL, period VARCHAR(40) NOT NULL, sequence INTEGER NOT NULL,
    created_at VARCHAR(40) NOT NULL, opened_at DATETIME NOT NULL, manifest BLOB NOT NULL,
    summary_pdf BLOB NOT NULL, aggregate TEXT)""",
    """CREATE TABLE erasure_request (id INTEGER NOT NULL PRIMARY KEY,
    bundle_id VARCHAR(36) NOT NULL REFERENCES bundle (bundle_id),
    sender_key_id VARCHAR(64) NOT NULL,
    pseudonym VARCHAR(64) NOT NULL, "references" TEXT NOT NULL, requested_on DATE NOT NULL,
    reason VARCHAR(200) NOT NULL, done_at DATETIME, removed INTEGER NOT NULL)""",
    """CREATE TABLE household (sender_key_id VARCHAR(64) NOT NULL,
    pseudonym VARCHAR(64) NOT NULL, label TEXT NOT NULL, address TEXT NOT NULL,
    residents TEXT NOT NULL, data TEXT NOT NULL,
    last_bundle_id VARCHAR(36) NOT NULL REFERENCES bundle (bundle_id),
    PRIMARY KEY (sender_key_id, pseudonym))""",
    """CREATE TABLE referral (sender_key_id VARCHAR(64) NOT NULL,
    kenmerk VARCHAR(40) NOT NULL, pseudonym VARCHAR(64) NOT NULL, reason TEXT NOT NULL,
    context TEXT NOT NULL, signals TEXT NOT NULL, sender_status VARCHAR(40) NOT NULL,
    final BOOLEAN NOT NULL, feedback_due DATE, letter BLOB, data TEXT NOT NULL,
    last_bundle_id VARCHAR(36) NOT NULL REFERENCES bundle (bundle_id), closed_on DATE,
    PRIMARY KEY (sender_key_id, kenmerk))""",
    """CREATE TABLE sighting (id INTEGER NOT NULL PRIMARY KEY,
    bundle_id VARCHAR(36) NOT NULL REFERENCES bundle (bundle_id),
    sender_key_id VARCHAR(64) NOT NULL,
    pseudonym VARCHAR(64) NOT NULL, kenmerk VARCHAR(40) NOT NULL,
    sender_status VARCHAR(40) NOT NULL, final BOOLEAN NOT NULL)""",
    "CREATE INDEX ix_sighting_pseudonym ON sighting (sender_key_id, pseudonym)",
    """CREATE TABLE feedback (id INTEGER NOT NULL PRIMARY KEY,
    sender_key_id VARCHAR(64) NOT NULL, kenmerk VARCHAR(40) NOT NULL,
    status VARCHAR(20) NOT NULL, day DATE NOT NULL, note TEXT NOT NULL,
    recorded_at DATETIME NOT NULL, reply_id VARCHAR(36))""",
    "CREATE INDEX ix_feedback_kenmerk ON feedback (sender_key_id, kenmerk)",
)

#: The migrations, in order: ``STEPS[n - 1]`` brings the store from version n-1 to n.
STEPS: tuple[Callable[[Connection], None], ...] = (_step_1,)
VERSION = len(STEPS)

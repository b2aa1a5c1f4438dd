"""Small builders used by several test modules."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic import command
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from sqlalchemy import Engine

from waakvlam_desktop.clock import local_today
from waakvlam_desktop.domain import households, partners, referrals
from waakvlam_desktop.domain.households import HouseholdRow
from waakvlam_desktop.domain.types import ConcernLevel, ConsentForm, PartnerType, VisitKind
from waakvlam_desktop.domain.visits import (
    FollowUpInput,
    SignalInput,
    VisitInput,
    record_visit,
)
from waakvlam_desktop.storage import keys
from waakvlam_desktop.storage.migrate import alembic_config
from waakvlam_desktop.storage.vault import DB_NAME, Vault, VaultPaths, connect_raw, make_engine

# The committed vaults of every schema revision (tests/data/vaults/make_vaults.py).
COMMITTED_VAULTS = Path(__file__).resolve().parent / "data" / "vaults"


# What Vault.integrity_report gives for a vault in order.
CLEAN_REPORT: dict[str, list[str]] = {
    "integrity_check": [],
    "cipher_integrity_check": [],
    "foreign_key_check": [],
}


def write_around_the_app(vault_dir: Path, passphrase: str, sql: str) -> None:
    """Run ``sql`` on the closed vault with foreign keys off: what the app never does, and
    what a tool with the key (or a fault) could."""
    key = keys.unwrap_key(Vault.read_header(VaultPaths(vault_dir)), passphrase)
    con = connect_raw(vault_dir / DB_NAME, key)
    try:
        con.execute("PRAGMA foreign_keys = OFF")
        con.execute(sql)
        con.commit()
    finally:
        con.close()


def household_row(
    i: int, level: ConcernLevel, complex_name: str = "De Linde", wijk: str = "Overvecht"
) -> HouseholdRow:
    """A households-list row (no vault): ``fam. Naam{i}`` at ``Kerkstraat {i}``, visited."""
    return HouseholdRow(
        id=f"id-{i}",
        label=f"fam. Naam{i}",
        address=f"Kerkstraat {i}",
        postcode="3511 AB",
        city="Utrecht",
        wijk=wijk,
        complex_name=complex_name,
        concern_level=level,
        next_check_in=date(2026, 12, 1 + i % 28),
        last_visit_at=datetime(2026, 11, 1, 10, 0),  # visited: the level is known
        residents=i % 4,
    )


def add_household(vault: Vault, label: str = "fam. Jansen", number: int = 12) -> str:
    with vault.session() as s:
        addr = households.add_address(
            s,
            street="Kerkstraat",
            number=number,
            postcode="3511 AB",
            city="Utrecht",
            wijk="Binnenstad",
        )
        hh = households.add_household(s, addr.id, label)
        households.add_resident(s, hh.id, "Anna Jansen", birth_year=1950)
        return hh.id


def all_bytes(folder: Path) -> bytes:
    """Every byte of every file below ``folder``."""
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def add_case(vault: Vault, marker: str, number: int = 40) -> dict[str, str]:
    """A household with a marker string in every free-text field and a referral letter.

    Returns the ids: household, resident, visit, partner, referral.
    """
    with vault.session() as s:
        addr = households.add_address(
            s, street="Lindelaan", number=number, postcode="3533 AB", city="Utrecht", wijk="West"
        )
        hh = households.add_household(s, addr.id, f"fam. {marker}naam")
        res = households.add_resident(
            s, hh.id, f"Bewoner {marker}", birth_year=1961, phone=f"06-{marker}"
        )
        visit = record_visit(
            s,
            VisitInput(
                hh.id,
                VisitKind.SIGNAAL,
                notes=f"Notitie {marker} over de gezondheid",
                signals=[SignalInput("financien.huurachterstand", 2, f"opmerking {marker}")],
                follow_ups=[FollowUpInput(f"actie {marker}")],
                resident_ids=[res.id],
            ),
        )
        partner = partners.add_partner(s, name=f"Wijkteam {number}", type=PartnerType.WIJKTEAM)
        ref = referrals.create_referral(
            s,
            referrals.ReferralInput(
                hh.id,
                partner.id,
                f"reden {marker}",
                letter_context=f"context {marker}",
                signal_codes=["financien.huurachterstand"],
                consent_form=ConsentForm.VERBAL,
                consent_date=local_today(s.info["clock"]),
            ),
        )
        ref.letter_pdf = b"%PDF-1.4 brief " + marker.encode()
        return {
            "household": hh.id,
            "resident": res.id,
            "visit": visit.visit_id,
            "partner": partner.id,
            "referral": ref.id,
        }


def decrypted_pages(vault_dir: Path, key: bytes, page_size: int = 4096) -> bytes:
    """Decrypt every page of ``vault.db`` and every frame of its WAL (SQLCipher 4 defaults:
    AES-256-CBC, 80 reserved bytes per page: 16-byte IV + 64-byte HMAC). Free pages and old
    WAL frames included: what an attacker with the key would find in the files."""
    reserve = 80

    def page_plain(page: bytes, first: bool) -> bytes:
        if len(page) < page_size:
            return b""
        start = 16 if first else 0
        iv = page[page_size - reserve : page_size - reserve + 16]
        dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        return dec.update(page[start : page_size - reserve]) + dec.finalize()

    out = []
    db = (vault_dir / "vault.db").read_bytes()
    for n in range(len(db) // page_size):
        out.append(page_plain(db[n * page_size : (n + 1) * page_size], n == 0))
    wal_path = vault_dir / "vault.db-wal"
    if wal_path.exists():
        wal = wal_path.read_bytes()
        pos = 32
        while pos + 24 + page_size <= len(wal):
            pgno = int.from_bytes(wal[pos : pos + 4], "big")
            out.append(page_plain(wal[pos + 24 : pos + 24 + page_size], pgno == 1))
            pos += 24 + page_size
    return b"".join(out)


def every_stored_value(vault: Vault) -> str:
    """Every value of every table (FTS shadow tables included), as one big string."""
    assert vault.engine is not None
    parts: list[str] = []
    with vault.engine.connect() as con:
        tables = [
            r[0] for r in con.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        for table in tables:
            for row in con.exec_driver_sql(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, bytes):
                        parts.append(value.decode("latin-1"))
                    else:
                        parts.append(str(value))
    return "\n".join(parts)


class CountedKdf:
    """Counts Argon2 runs (``keys.derive_kek``); each still runs the real KDF."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.runs = 0
        real = keys.derive_kek

        def counted(passphrase: str, params: keys.KdfParams) -> bytes:
            self.runs += 1
            return real(passphrase, params)

        monkeypatch.setattr(keys, "derive_kek", counted)


def committed_engine(revision: str, folder: Path) -> Engine:
    """A copy of the committed vault of ``revision`` in ``folder``, opened as it is: no
    upgrade (``Vault.open`` would upgrade it to the head)."""
    shutil.copytree(COMMITTED_VAULTS / revision, folder)
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    header = Vault.read_header(VaultPaths(folder))
    return make_engine(folder / DB_NAME, keys.unwrap_key(header, manifest["passphrase"]))


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate the database down to ``revision`` (the app itself only upgrades)."""
    cfg = alembic_config()
    with engine.begin() as con:
        cfg.attributes["connection"] = con
        command.downgrade(cfg, revision)

"""Build the old-schema test vaults in this folder: one per migration revision, synthetic data.

Run from the repository root::

    PYTHONPATH=$PWD/src .venv/bin/python tests/data/vaults/make_vaults.py [REVISION ...]

Without arguments it builds every revision that has no folder here yet. It never
overwrites a vault: a committed vault is the record of what a real vault of its revision
looked like, and ``tests/unit/test_vault_upgrade.py`` upgrades each one to the head and
looks for its data. Every schema change adds a vault at its new revision:

1. write migration ``NNNN`` (the next number after the head; see
   ``src/waakvlam_desktop/storage/migrations/versions/README.md``);
2. add ``step_NNNN`` to :data:`STEPS`: rows written with SQL valid at ``NNNN``, at least
   in every table the migration adds or changes, plus one visit whose note holds a new
   word for search to find (also for a migration that only adds indexes);
3. run this script and commit ``tests/data/vaults/NNNN/`` with the migration. If the
   migration is renumbered before it is merged, delete that folder and build it again
   (the revision id is stored inside the vault).

How a vault is made: the key header is written as ``Vault.create`` writes it (the
passphrase :data:`PASSPHRASE`, the KDF at its floor, 64 MiB and t=3, so tests unlock it in
about 0.1 s), then the database lives through its history: it is migrated to 0001 and gets
the 0001 rows, is migrated to 0002 and gets the 0002 rows, and so on up to the target
revision. So each step's SQL runs against exactly the schema it was written for, and the
vault of revision NNNN holds the data of every earlier step too, as a real vault would.

Rows are written with plain SQL (not the ORM, whose models describe only the head) in the
formats SQLAlchemy uses on SQLite; each insert also appends the ``create`` audit event the
app's session hook would write, with the hash chain computed here from its definition
(``storage/audit.py``), so an old vault also pins the chain format. Ids, texts and times
are fixed; the key, salt and SQLCipher's page IVs are random, so the bytes differ per run
while the content does not.

Next to ``vault.db`` and ``vault.key.json`` each folder gets ``manifest.json``: the
revision, the passphrase, every row written (the test finds each one after the upgrade),
the row count of every table and the words search must find.

All data is invented: no real person, address or case.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import secrets
import shutil
import sys
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from alembic.script import ScriptDirectory
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, text

from waakvlam_desktop.storage import keys
from waakvlam_desktop.storage.ids import BORN_AS_BYTES, ID_COLUMNS_0019, stored_id
from waakvlam_desktop.storage.migrate import alembic_config, current_revision, upgrade
from waakvlam_desktop.storage.vault import DB_NAME, HEADER_NAME, make_engine

HERE = Path(__file__).resolve().parent
PASSPHRASE = "oude kluis voor de upgradetest"
MANIFEST_NAME = "manifest.json"
_NAMESPACE = uuid.UUID("6f0c3a52-2d4e-4c1e-9a51-0b7e5d3c1a00")
GENESIS = "0" * 64


def ident(name: str) -> str:
    """A fixed UUID per synthetic record, so every vault uses the same ids."""
    return str(uuid.uuid5(_NAMESPACE, name))


def ts(moment: datetime) -> str:
    """A naive UTC datetime as SQLAlchemy's SQLite ``DateTime`` stores it."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def day(value: date) -> str:
    return value.isoformat()


def _chain_hash(row: dict[str, Any], at: datetime) -> str:
    """The audit chain's row hash, written out from its definition in storage/audit.py."""
    payload = json.dumps(
        [
            row["seq"],
            at.isoformat(),
            row["actor"],
            row["action"],
            row["entity"],
            row["entity_id"],
            row["household_id"],
            row["detail"],
            row["prev_hash"],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _manifest_value(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"hex": value.hex()}
    return value


class Writer:
    """Writes rows at one revision and keeps what it wrote for the manifest."""

    def __init__(self, con: Connection, rows: dict[str, list[dict[str, Any]]]) -> None:
        self.con = con
        self.rows = rows
        self.search: dict[str, list[list[str]]] = {}
        self.actor: str | None = None
        self.now = datetime(2026, 1, 1, 9, 0)

    def at(self, moment: datetime) -> None:
        """From now on rows are written at ``moment`` (naive UTC), a second apart."""
        self.now = moment

    def _tick(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now

    def record(self, table: str, name: str, household: str | None = None, /, **values: Any) -> str:
        """Insert a record (UUID key, timestamps, authors) and its audit event; its id."""
        rid = ident(name)
        moment = self._tick()
        row = {
            "id": rid,
            **values,
            "created_at": ts(moment),
            "updated_at": ts(moment),
            "created_by": self.actor,
            "updated_by": self.actor,
        }
        self.insert(table, row)
        self.audit("create", table, rid, household)
        return rid

    def link(self, table: str, /, **values: Any) -> None:
        """Insert a row of a link table (no id of its own) and its audit event."""
        self.insert(table, values)
        self.audit("create", table, ":".join(str(v) for v in values.values()))

    def ids_as_bytes(self) -> bool:
        """Since 0019 record ids are stored as 16 bytes (storage/ids.py)."""
        version = self.con.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        return str(version) >= "0019"

    def stored(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        """``row`` as the vault stores it at this revision; the manifest keeps the text ids."""
        if not self.ids_as_bytes():
            return row
        columns = ID_COLUMNS_0019.get(table, ()) + BORN_AS_BYTES.get(table, ())
        return {
            k: stored_id(v) if k in columns and isinstance(v, str) else v for k, v in row.items()
        }

    def insert(self, table: str, row: dict[str, Any]) -> None:
        cols = ", ".join(row)
        params = ", ".join(f":{c}" for c in row)
        self.con.execute(
            text(f"INSERT INTO {table} ({cols}) VALUES ({params})"), self.stored(table, row)
        )
        self.rows.setdefault(table, []).append({k: _manifest_value(v) for k, v in row.items()})

    def update(self, table: str, rid: str, household: str | None = None, **values: Any) -> None:
        """Change fields of a record, as the app would (audit ``update`` with field names)."""
        moment = self._tick()
        values = {**values, "updated_at": ts(moment), "updated_by": self.actor}
        sets = ", ".join(f"{c} = :{c}" for c in values)
        self.con.execute(
            text(f"UPDATE {table} SET {sets} WHERE id = :id"),
            self.stored(table, {**values, "id": rid}),
        )
        for row in self.rows[table]:
            if row["id"] == rid:
                row.update({k: _manifest_value(v) for k, v in values.items()})
        changed = sorted(c for c in values if c not in ("updated_at", "updated_by"))
        self.audit("update", table, rid, household, "velden: " + ",".join(changed))

    def hashes_as_bytes(self) -> bool:
        """Since 0016 the chain's hashes are stored as 32 bytes (64 hex characters before)."""
        kind = self.con.execute(
            text("SELECT type FROM pragma_table_info('audit_event') WHERE name = 'hash'")
        ).scalar_one()
        return str(kind).upper() == "BLOB"

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: str | None,
        household: str | None = None,
        detail: str = "",
    ) -> None:
        head = self.con.execute(
            text("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1")
        ).first()
        seq, prev = (0, GENESIS) if head is None else (head[0], head[1])
        if isinstance(prev, bytes):
            prev = prev.hex()
        at = self.now
        row: dict[str, Any] = {
            "seq": seq + 1,
            "at": ts(at),
            "actor": self.actor,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "household_id": household,
            "detail": detail,
            "prev_hash": prev,
        }
        row["hash"] = _chain_hash(row, at)
        if self.hashes_as_bytes():
            row["prev_hash"] = bytes.fromhex(row["prev_hash"])
            row["hash"] = bytes.fromhex(row["hash"])
        self.insert("audit_event", row)

    def checkpoint(self, before: datetime) -> None:
        """Replace the events before ``before`` by a signed checkpoint, as the audit term
        does (0016), written out from its definition in storage/audit.py; the replaced
        events leave the manifest too."""
        events = self.con.execute(
            text("SELECT seq, at, action, hash FROM audit_event ORDER BY seq")
        ).all()
        old = [e for e in events if datetime.fromisoformat(str(e[1])) < before]
        upto = old[-1][0]
        assert [e[0] for e in old] == list(range(1, upto + 1)), "old events must come first"
        counts: dict[str, int] = {}
        for e in old:
            counts[e[2]] = counts.get(e[2], 0) + 1
        counts_text = json.dumps(dict(sorted(counts.items())), separators=(",", ":"))
        key_id, private = self.con.execute(
            text("SELECT key_id, private_key FROM signing_key WHERE active ORDER BY created_at")
        ).first()
        made_at = self._tick()
        digest = bytes(old[-1][3]).hex()
        message = json.dumps(
            [
                "waakvlam-audit-checkpoint/1",
                upto,
                made_at.isoformat(),
                before.isoformat(),
                digest,
                counts_text,
                key_id,
            ],
            separators=(",", ":"),
        ).encode("utf-8")
        self.insert(
            "audit_checkpoint",
            {
                "seq": upto,
                "made_at": ts(made_at),
                "before": ts(before),
                "hash": bytes.fromhex(digest),
                "counts": counts_text,
                "key_id": key_id,
                "signature": Ed25519PrivateKey.from_private_bytes(private).sign(message),
            },
        )
        self.con.execute(text("DELETE FROM audit_event WHERE seq <= :s"), {"s": upto})
        self.rows["audit_event"] = [r for r in self.rows["audit_event"] if r["seq"] > upto]
        self.audit("checkpoint", "audit_event", None, None, f"tot={upto}; aantal={len(old)}")

    def findable(self, word: str, source: str, ref_id: str) -> None:
        """Search for ``word`` must find this visit note or signal remark."""
        self.search.setdefault(word, []).append([source, ref_id])


# ---- the steps: rows written at each revision; never change a step once its vault exists ----
def step_0001(w: Writer) -> None:
    """The first schema: everything a field worker's vault holds after a few visits."""
    w.at(datetime(2026, 1, 12, 8, 0))
    staff = w.record(
        "staff_member",
        "staff:1",
        name="T. Testmedewerker",
        role="wijkbeheerder",
        email="",
        phone="",
        active=1,
    )
    w.actor = staff
    w.record(
        "organisation",
        "organisation",
        name="Woonstichting Testkluis",
        address_line="Postbus 1",
        postcode="1000 AA",
        city="Voorbeeldstad",
        phone="",
        email="",
        logo_png=None,
    )
    w.insert("setting", {"key": "language", "value_json": '"nl"', "updated_at": ts(w.now)})
    w.audit("create", "setting", "language")
    template = w.record(
        "checklist_template",
        "template",
        name="Signalenlijst (testkluis)",
        version="1",
        source_sha256=hashlib.sha256(b"signalenlijst testkluis").hexdigest(),
        active=1,
    )
    for pos, (code, nl, en) in enumerate(
        [("woning", "Woning", "Home"), ("financien", "Financiën", "Money")]
    ):
        w.record(
            "checklist_domain",
            f"domain:{code}",
            template_id=template,
            code=code,
            label_nl=nl,
            label_en=en,
            position=pos,
        )
    items = {}
    for pos, (code, dom, nl, en, acute) in enumerate(
        [
            ("woning.vervuiling", "woning", "Vervuiling van de woning", "Neglected home", 0),
            ("financien.huurachterstand", "financien", "Huurachterstand", "Rent arrears", 0),
            ("financien.afsluiting", "financien", "Dreigende afsluiting", "Cut-off", 1),
        ]
    ):
        items[code] = w.record(
            "checklist_item",
            f"item:{code}",
            template_id=template,
            code=code,
            domain=dom,
            label_nl=nl,
            label_en=en,
            guidance_nl="",
            guidance_en="",
            acute=acute,
            position=pos,
        )
    cpx = w.record("complex", "complex:1", name="Complex Lindenhof", code="LH-T1", wijk="Noord")
    addr = {}
    for n, (number, addition) in enumerate([(12, ""), (14, "B")], start=1):
        addr[n] = w.record(
            "address",
            f"address:{n}",
            complex_id=cpx,
            vhe_code=f"VHE-T-{n:04d}",
            street="Lindenlaan",
            number=number,
            addition=addition,
            postcode="9999 XX",
            city="Voorbeeldstad",
            wijk="Noord",
        )
    hh1 = ident("household:1")
    hh2 = ident("household:2")
    w.record(
        "household",
        "household:1",
        hh1,
        address_id=addr[1],
        label="fam. Testmans",
        status="open",
        closed_on=None,
        review_on=None,
        concern_level="aandacht",
        next_check_in=day(date(2026, 2, 12)),
        last_visit_at=ts(datetime(2026, 1, 12, 10, 0)),
    )
    w.record(
        "household",
        "household:2",
        hh2,
        address_id=addr[2],
        label="mw. Voorbeeld-Öztürk",
        status="open",
        closed_on=None,
        review_on=None,
        concern_level="geen",
        next_check_in=None,
        last_visit_at=ts(datetime(2026, 1, 13, 14, 0)),
    )
    jan = w.record(
        "resident",
        "resident:1",
        hh1,
        household_id=hh1,
        name="Jan Testmans",
        birth_year=1961,
        birth_date=None,
        phone="",
    )
    w.record(
        "resident",
        "resident:2",
        hh1,
        household_id=hh1,
        name="Els Testmans",
        birth_year=1964,
        birth_date=None,
        phone="",
    )
    w.record(
        "resident",
        "resident:3",
        hh2,
        household_id=hh2,
        name="Ayşe Voorbeeld-Öztürk",
        birth_year=1950,
        birth_date=day(date(1950, 4, 1)),
        phone="",
    )
    v1 = w.record(
        "visit",
        "visit:1",
        hh1,
        household_id=hh1,
        address_id=addr[1],
        staff_id=staff,
        visited_at=ts(datetime(2026, 1, 12, 10, 0)),
        kind="regulier",
        notes="Schimmel in de badkamer, de ramen blijven dicht. Huur twee maanden achter;"
        " gesproken over een betalingsregeling.",
    )
    w.findable("schimmel", "visit", v1)
    w.link("visit_resident", visit_id=v1, resident_id=jan)
    obs = w.record(
        "signal_observation",
        "observation:1",
        hh1,
        visit_id=v1,
        household_id=hh1,
        item_id=items["financien.huurachterstand"],
        severity=2,
        remark="Brief van de deurwaarder op tafel.",
    )
    w.findable("deurwaarder", "signal", obs)
    w.record(
        "concern_level_entry",
        "concern:1",
        hh1,
        household_id=hh1,
        visit_id=v1,
        level="aandacht",
        suggested_level="aandacht",
        set_at=ts(datetime(2026, 1, 12, 10, 0)),
        next_check_in=day(date(2026, 2, 12)),
        staff_id=staff,
    )
    w.record(
        "follow_up",
        "follow_up:1",
        hh1,
        household_id=hh1,
        visit_id=v1,
        description="Schuldhulp bellen over de betalingsregeling.",
        due_on=day(date(2026, 1, 26)),
        status="open",
        assignee_id=staff,
        done_at=None,
    )
    v2 = w.record(
        "visit",
        "visit:2",
        hh2,
        household_id=hh2,
        address_id=addr[2],
        staff_id=staff,
        visited_at=ts(datetime(2026, 1, 13, 14, 0)),
        kind="informeel",
        notes="Kop koffie. Mevrouw voelt zich geïsoleerd sinds de buurvrouw verhuisde.",
    )
    w.findable("geisoleerd", "visit", v2)  # diacritics folded
    partner = w.record(
        "partner",
        "partner:1",
        name="Wijkteam Noord (test)",
        type="wijkteam",
        contact_name="",
        address_line="",
        postcode="",
        city="",
        email="",
        phone="",
        age_recipients="[]",
        profile="case",
        schedule="none",
        pseudonym_secret=hashlib.sha256(b"pseudoniemen wijkteam noord test").digest(),
    )
    ref = w.record(
        "referral",
        "referral:1",
        hh1,
        reference="WV-2026-0001",
        household_id=hh1,
        partner_id=partner,
        visit_id=v1,
        reason="Huurachterstand loopt op.",
        letter_context="",
        grondslag="toestemming",
        consent_form="mondeling",
        consent_date=day(date(2026, 1, 12)),
        basis_text="",
        contact_staff_id=staff,
        feedback_due=day(date(2026, 2, 9)),
        status="verstuurd",
        letter_pdf=None,
    )
    w.link("referral_signal", referral_id=ref, observation_id=obs)
    for n, (old, new) in enumerate([(None, "concept"), ("concept", "verstuurd")], start=1):
        w.record(
            "referral_status_event",
            f"referral_status:{n}",
            referral_id=ref,
            from_status=old,
            to_status=new,
            at=ts(datetime(2026, 1, 12, 11, n)),
            note="",
        )


def step_0002(w: Writer) -> None:
    """0002 adds drafts: an unsaved visit editor (drafts are not audited)."""
    w.at(datetime(2026, 2, 3, 9, 0))
    w.actor = ident("staff:1")
    hh1, hh2 = ident("household:1"), ident("household:2")
    v3 = w.record(
        "visit",
        "visit:3",
        hh1,
        household_id=hh1,
        address_id=ident("address:1"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 2, 3, 9, 30)),
        kind="nazorg",
        notes="Lekkage onder het aanrecht gemeld bij onderhoud.",
    )
    w.findable("lekkage", "visit", v3)
    payload: dict[str, Any] = {
        "kind": "regulier",
        "visited_at": "2026-02-04T10:00:00",
        "present": [ident("resident:3")],
        "notes": "Nog niet opgeslagen: mevrouw vraagt naar de huurtoeslag.",
        "signals": {},
        "acknowledged": [],
        "follow_ups": [],
        "level": "geen",
        "next_check_in": None,
    }
    moment = w._tick()
    w.insert(
        "draft",
        {
            "id": ident("draft:1"),
            "kind": "visit",
            "household_id": hh2,
            "payload_json": json.dumps(payload, ensure_ascii=False, sort_keys=True),
            "created_at": ts(moment),
            "updated_at": ts(moment),
            "created_by": w.actor,
            "updated_by": w.actor,
        },
    )


def step_0005(w: Writer) -> None:
    """0005 adds consent withdrawal on referrals: a second referral, consent withdrawn."""
    w.at(datetime(2026, 3, 2, 13, 0))
    w.actor = ident("staff:1")
    hh2 = ident("household:2")
    v4 = w.record(
        "visit",
        "visit:4",
        hh2,
        household_id=hh2,
        address_id=ident("address:2"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 3, 2, 13, 30)),
        kind="overlast",
        notes="Buurtbemiddeling voorgesteld na klachten over geluid.",
    )
    w.findable("buurtbemiddeling", "visit", v4)
    ref = w.record(
        "referral",
        "referral:2",
        hh2,
        reference="WV-2026-0002",
        household_id=hh2,
        partner_id=ident("partner:1"),
        visit_id=v4,
        reason="Eenzaamheid, wil graag contact met de buurt.",
        letter_context="",
        grondslag="toestemming",
        consent_form="schriftelijk",
        consent_date=day(date(2026, 3, 2)),
        basis_text="",
        contact_staff_id=w.actor,
        feedback_due=day(date(2026, 3, 30)),
        status="verstuurd",
        letter_pdf=None,
        consent_withdrawn_on=None,
        consent_withdrawal_note="",
    )
    w.update(
        "referral",
        ref,
        hh2,
        consent_withdrawn_on=day(date(2026, 3, 9)),
        consent_withdrawal_note="Mevrouw wil geen contact meer met het wijkteam.",
    )
    w.audit("consent_withdrawn", "referral", ref, hh2, f"partner={ident('partner:1')}")


def step_0006(w: Writer) -> None:
    """0006 adds covering indexes only: one more visit with a signal, found through them."""
    w.at(datetime(2026, 4, 6, 10, 0))
    w.actor = ident("staff:1")
    hh1 = ident("household:1")
    v5 = w.record(
        "visit",
        "visit:5",
        hh1,
        household_id=hh1,
        address_id=ident("address:1"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 4, 6, 10, 30)),
        kind="regulier",
        notes="Trapleuning zit los; doorgegeven aan onderhoud.",
    )
    w.findable("trapleuning", "visit", v5)
    w.record(
        "signal_observation",
        "observation:2",
        hh1,
        visit_id=v5,
        household_id=hh1,
        item_id=ident("item:woning.vervuiling"),
        severity=1,
        remark="Gang staat vol met dozen.",
    )


def step_0007(w: Writer) -> None:
    """0007 adds export bundles: the organisation's signing key and one export made."""
    w.at(datetime(2026, 5, 4, 9, 0))
    w.actor = ident("staff:1")
    hh1 = ident("household:1")
    v6 = w.record(
        "visit",
        "visit:6",
        hh1,
        household_id=hh1,
        address_id=ident("address:1"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 5, 4, 9, 30)),
        kind="regulier",
        notes="Rookmelder in de gang vervangen.",
    )
    w.findable("rookmelder", "visit", v6)
    private = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"testkluis signing").digest())
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    key_id = hashlib.sha256(public).hexdigest()[:32]
    w.record(
        "signing_key",
        "signing_key:1",
        algorithm="ed25519",
        key_id=key_id,
        public_key=public,
        private_key=private.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        ),
        active=1,
    )
    partner = ident("partner:1")
    w.record(
        "export_record",
        "export:1",
        partner_id=partner,
        partner_name="Wijkteam Noord (test)",
        profile="case",
        period_label="2026-04",
        period_start=day(date(2026, 4, 1)),
        period_end=day(date(2026, 4, 30)),
        sequence=1,
        bundle_id=ident("bundle:1"),
        bundle_sha256=hashlib.sha256(b"bundle 1").hexdigest(),
        size_bytes=4096,
        signing_key_id=key_id,
        counts_json='{"households": 1}',
        exclusions_json="{}",
        exported_at=ts(datetime(2026, 5, 4, 9, 45)),
    )
    w.audit("export", "partner", partner, None, "profiel: case; periode: 2026-04; huishoudens: 1")


def step_0008(w: Writer) -> None:
    """0008 adds handover trust: a pinned colleague, a tombstone and per-colleague import
    state (the digest of a row as last imported from that colleague)."""
    w.at(datetime(2026, 6, 1, 9, 0))
    w.actor = ident("staff:1")
    hh1 = ident("household:1")
    v7 = w.record(
        "visit",
        "visit:7",
        hh1,
        household_id=hh1,
        address_id=ident("address:1"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 6, 1, 9, 30)),
        kind="regulier",
        notes="Overdracht besproken bij de voordeur.",
    )
    w.findable("voordeur", "visit", v7)
    public = hashlib.sha256(b"testkluis colleague").digest()
    colleague = w.record(
        "colleague",
        "colleague:1",
        name="C. Testcollega",
        key_id=hashlib.sha256(public).hexdigest()[:32],
        public_key=public,
        last_import_at=ts(datetime(2026, 6, 1, 9, 40)),
    )
    w.insert(
        "tombstone",
        {
            "id": ident("tombstone:1"),
            "entity": "household",
            "entity_id": ident("household:2"),
            "what": "visit_notes",
            "erased_at": ts(datetime(2026, 6, 1, 9, 45)),
            "detail": "",
        },
    )
    w.insert(
        "import_base",
        {
            "colleague_id": colleague,
            "row_id": v7,
            "digest": hashlib.sha256(b"visit 7").hexdigest()[:32],
        },
    )


def step_0009(w: Writer) -> None:
    """0009 adds disclosure: concerned residents and may-call on a referral, the households
    and referrals a bundle carried, and an erasure request waiting to go out."""
    w.at(datetime(2026, 6, 2, 10, 0))
    w.actor = ident("staff:1")
    hh1, hh2 = ident("household:1"), ident("household:2")
    partner = ident("partner:1")
    v7 = w.record(
        "visit",
        "visit:9",
        hh1,
        household_id=hh1,
        address_id=ident("address:1"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 6, 2, 10, 30)),
        kind="nazorg",
        notes="Schuldhulpmaatje komt voortaan elke dinsdag.",
    )
    w.findable("schuldhulpmaatje", "visit", v7)
    ref = w.record(
        "referral",
        "referral:3",
        hh1,
        reference="WV-2026-0003",
        household_id=hh1,
        partner_id=partner,
        visit_id=v7,
        reason="Els wil hulp bij de administratie.",
        letter_context="",
        grondslag="toestemming",
        consent_form="mondeling",
        consent_date=day(date(2026, 6, 1)),
        basis_text="",
        contact_staff_id=w.actor,
        feedback_due=day(date(2026, 6, 29)),
        status="concept",
        letter_pdf=None,
        consent_withdrawn_on=None,
        consent_withdrawal_note="",
        consent_may_call=1,
    )
    # Link rows written through relationships or by the export: no audit event of their own
    # (the referral's and the export's events cover them), as in the app.
    w.insert("referral_resident", {"referral_id": ref, "resident_id": ident("resident:2")})
    w.insert("export_household", {"export_id": ident("export:1"), "household_id": hh1})
    w.insert(
        "export_referral",
        {"export_id": ident("export:1"), "referral_id": ident("referral:1"), "status": "verstuurd"},
    )
    secret = hashlib.sha256(b"pseudoniemen wijkteam noord test").digest()
    w.record(
        "erasure_request",
        "erasure:1",
        hh2,
        partner_id=partner,
        household_id=hh2,
        pseudonym=hmac.new(secret, hh2.encode(), hashlib.sha256).hexdigest(),
        kenmerken="WV-2026-0002",
        requested_on=day(date(2026, 6, 1)),
        reason="toestemming ingetrokken",
        export_id=None,
    )


def step_0010(w: Writer) -> None:
    """0010 adds name parts: a partner's contact person and a resident, as letters use them."""
    w.at(datetime(2026, 12, 1, 9, 0))
    w.actor = ident("staff:1")
    hh1 = ident("household:1")
    w.update(
        "partner",
        ident("partner:1"),
        contact_name="J. de Groot",
        contact_salutation="heer",
        contact_initials="J.",
        contact_prefix="de",
        contact_surname="Groot",
    )
    w.update(
        "resident",
        ident("resident:3"),
        ident("household:2"),
        salutation="mevrouw",
        initials="A.",
        prefix="",
        surname="Voorbeeld-Öztürk",
    )
    w.record(
        "resident",
        "resident:4",
        hh1,
        household_id=hh1,
        name="Fatma van der Heijden",
        birth_year=1970,
        birth_date=None,
        phone="",
        salutation="mevrouw",
        initials="F.",
        prefix="van der",
        surname="Heijden",
    )
    v7 = w.record(
        "visit",
        "visit:10",
        hh1,
        household_id=hh1,
        address_id=ident("address:1"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 12, 1, 9, 30)),
        kind="regulier",
        notes="Brievenbus klemt; samen de vensterenvelop van de gemeente gelezen.",
    )
    w.findable("vensterenvelop", "visit", v7)


def step_0011(w: Writer) -> None:
    """0011: an acute sign with what was done, one not yet followed up and its action due
    today, a corrected visit note, a complex the staff member looks after, and a draft that
    belongs to no household (a partner form kept through a lock)."""
    w.at(datetime(2026, 12, 2, 9, 0))
    w.actor = ident("staff:1")
    hh2 = ident("household:2")
    v7 = w.record(
        "visit",
        "visit:11",
        hh2,
        household_id=hh2,
        address_id=ident("address:2"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 12, 2, 9, 30)),
        kind="signaal",
        notes="Energiebedrijf dreigt af te sluiten; brief met einddatum gezien. Waterkoker.",
    )
    w.findable("energiebedrijf", "visit", v7)
    w.record(
        "signal_observation",
        "observation:11",
        hh2,
        visit_id=v7,
        household_id=hh2,
        item_id=ident("item:financien.afsluiting"),
        severity=2,
        remark="Afsluitdatum over twee weken.",
        acute_response="",
    )
    w.record(
        "follow_up",
        "follow_up:11",
        hh2,
        household_id=hh2,
        visit_id=v7,
        description="Opvolgen: Dreigende afsluiting",
        due_on=day(date(2026, 12, 2)),
        status="open",
        assignee_id=w.actor,
        done_at=None,
        signal_id=ident("observation:11"),
    )
    v8 = w.record(
        "visit",
        "visit:12",
        hh2,
        household_id=hh2,
        address_id=ident("address:2"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 6, 2, 10, 0)),
        kind="regulier",
        notes="Eerste versie van het verslag.",
    )
    w.record(
        "signal_observation",
        "observation:12",
        hh2,
        visit_id=v8,
        household_id=hh2,
        item_id=ident("item:financien.afsluiting"),
        severity=1,
        remark="",
        acute_response="Schuldhulp gebeld, afspraak gemaakt.",
    )
    w.update("visit", v8, hh2, notes="Verbeterd verslag: budgetcoach komt langs.")
    w.findable("budgetcoach", "visit", v8)
    w.record(
        "visit_correction",
        "correction:1",
        hh2,
        visit_id=v8,
        household_id=hh2,
        notes_before="Eerste versie van het verslag.",
        notes_after="Verbeterd verslag: budgetcoach komt langs.",
        corrected_at=ts(datetime(2026, 6, 2, 11, 0)),
        staff_id=w.actor,
    )
    w.link("staff_complex", staff_id=w.actor, complex_id=ident("complex:1"))
    moment = w._tick()
    w.insert(
        "draft",
        {
            "id": ident("draft:partner"),
            "kind": "partner",
            "household_id": None,
            "payload_json": json.dumps({"name": "Buurtteam (concept)"}, sort_keys=True),
            "created_at": ts(moment),
            "updated_at": ts(moment),
            "created_by": w.actor,
            "updated_by": w.actor,
        },
    )


def step_0013(w: Writer) -> None:
    """0013 adds partner feedback: the vault's reply identity, the Wijkteam's pinned signing
    key and one reply read in (bundle 1), which moved referral 1 to "ontvangen"."""
    w.at(datetime(2026, 12, 3, 9, 0))
    w.actor = ident("staff:1")
    hh1 = ident("household:1")
    partner = ident("partner:1")
    # A synthetic identity for this test vault only.
    w.record(
        "reply_identity",
        "reply_identity:1",
        recipient="age1zgqmg5k98m9r7wzpu4y4mqmc9xeq8gvdygekqyrwsac7anufu5fqlae09w",
        identity="AGE-SECRET-KEY-1QVFH75HE2RJ54PMD9345XZTYFNK7T44U9J2DYN5JPLGC4XQVCM3QZX902R",
        active=1,
    )
    private = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"wijkteam feedback").digest())
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    w.record(
        "partner_signing_key",
        "partner_signing_key:1",
        partner_id=partner,
        key_id=hashlib.sha256(public).hexdigest()[:32],
        public_key=public,
    )
    ref = ident("referral:1")
    w.record(
        "referral_status_event",
        "referral_status:13",
        referral_id=ref,
        from_status="verstuurd",
        to_status="ontvangen",
        at=ts(datetime(2026, 12, 3, 9, 5)),
        note="Terugkoppeling van Wijkteam Noord (test): contact gehad op 01-12-2026",
    )
    w.update("referral", ref, hh1, status="ontvangen")
    w.record(
        "feedback_reply",
        "feedback_reply:1",
        reply_id=ident("reply:1"),
        partner_id=partner,
        bundle_id=ident("bundle:1"),
        replied_at=ts(datetime(2026, 12, 2, 16, 0)),
        imported_at=ts(datetime(2026, 12, 3, 9, 5)),
        items=1,
    )
    v13 = w.record(
        "visit",
        "visit:13",
        hh1,
        household_id=hh1,
        address_id=ident("address:1"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 12, 3, 10, 0)),
        kind="regulier",
        notes="Wijkteam belde terug; samen de thuisadministratie geordend.",
    )
    w.findable("thuisadministratie", "visit", v13)


def step_0014(w: Writer) -> None:
    """0014: a neighbourhood event in complex 1 with a partner involved, a complex-level
    sign and an open action; a resident's offer (with consent) and an introduction of two
    residents with its follow-up, and one visit whose note mentions the clean-up."""
    w.at(datetime(2026, 12, 3, 9, 0))
    w.actor = ident("staff:1")
    hh1, hh2 = ident("household:1"), ident("household:2")
    cpx = ident("complex:1")
    event = w.record(
        "neighbourhood_event",
        "neighbourhood_event:1",
        complex_id=cpx,
        occurred_on=day(date(2026, 12, 2)),
        kind="schoonmaakactie",
        note="Portiek samen opgeruimd; grofvuil bij de kelder weggehaald.",
        staff_id=w.actor,
    )
    w.link("neighbourhood_event_partner", event_id=event, partner_id=ident("partner:1"))
    w.record(
        "neighbourhood_signal",
        "neighbourhood_signal:1",
        event_id=event,
        complex_id=cpx,
        code="buurt.vervuiling_portiek",
        severity=2,
    )
    w.record(
        "neighbourhood_action",
        "neighbourhood_action:1",
        complex_id=cpx,
        event_id=event,
        description="Containerplaats laten opknappen",
        due_on=day(date(2026, 12, 16)),
        status="open",
        assignee_id=w.actor,
        done_at=None,
    )
    w.record(
        "connect_offer",
        "connect_offer:1",
        hh1,
        resident_id=ident("resident:1"),
        household_id=hh1,
        kind="klusjes",
        direction="aanbod",
        approach="Even aanbellen na vijven.",
        consent_form="mondeling",
        consent_date=day(date(2026, 12, 2)),
    )
    follow_up = w.record(
        "follow_up",
        "follow_up:14",
        hh1,
        household_id=hh1,
        visit_id=None,
        description="Navragen hoe de kennismaking ging",
        due_on=day(date(2026, 12, 17)),
        status="open",
        assignee_id=w.actor,
        done_at=None,
        signal_id=None,
    )
    w.record(
        "connect_introduction",
        "connect_introduction:1",
        hh1,
        household_id=hh1,
        resident_id=ident("resident:1"),
        other_household_id=hh2,
        other_resident_id=ident("resident:3"),
        kind="klusjes",
        introduced_on=day(date(2026, 12, 3)),
        outcome="Goed: lamp samen opgehangen.",
        follow_up_id=follow_up,
    )
    v = w.record(
        "visit",
        "visit:14",
        hh2,
        household_id=hh2,
        address_id=ident("address:2"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 12, 3, 10, 0)),
        kind="informeel",
        notes="Blij met de opruimochtend in het portiek.",
    )
    w.findable("opruimochtend", "visit", v)


def step_0015(w: Writer) -> None:
    """0015: a case conference with the first partner at the table, household 1 on its
    agenda with a decision and an agreement owned by the partner, household 2 marked
    solved, and one visit whose note mentions the meeting."""
    w.at(datetime(2026, 12, 4, 9, 0))
    w.actor = ident("staff:1")
    hh1, hh2 = ident("household:1"), ident("household:2")
    meeting = w.record(
        "meeting",
        "meeting:1",
        held_on=day(date(2026, 12, 4)),
        place="Wijkhuis De Brug",
        staff_id=w.actor,
    )
    w.link("meeting_partner", meeting_id=meeting, partner_id=ident("partner:1"))
    w.record(
        "meeting_household",
        "meeting_household:1",
        hh1,
        meeting_id=meeting,
        household_id=hh1,
        decision="Samen met het wijkteam op huisbezoek.",
        solved_on=None,
    )
    w.record(
        "meeting_household",
        "meeting_household:2",
        hh2,
        meeting_id=meeting,
        household_id=hh2,
        decision="",
        solved_on=day(date(2026, 12, 4)),
    )
    w.record(
        "meeting_action",
        "meeting_action:1",
        hh1,
        meeting_id=meeting,
        household_id=hh1,
        description="Huisbezoek plannen met de bewoner",
        due_on=day(date(2026, 12, 18)),
        owner_staff_id=None,
        owner_partner_id=ident("partner:1"),
        status="open",
        done_at=None,
    )
    v = w.record(
        "visit",
        "visit:15",
        hh1,
        household_id=hh1,
        address_id=ident("address:1"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 12, 4, 14, 0)),
        kind="regulier",
        notes="Uitkomst van het casusoverleg besproken.",
    )
    w.findable("casusoverleg", "visit", v)


def step_0016(w: Writer) -> None:
    """0016 stores less: hashes as bytes, search without a copy of the text, visit_resident
    without a rowid (the audit checkpoint table stays empty: see the note at the end). A
    visit with a resident present and a signal remark, both findable."""
    w.at(datetime(2026, 12, 5, 9, 0))
    w.actor = ident("staff:1")
    hh1 = ident("household:1")
    v = w.record(
        "visit",
        "visit:16",
        hh1,
        household_id=hh1,
        address_id=ident("address:1"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 12, 5, 10, 0)),
        kind="regulier",
        notes="Kozijn in de slaapkamer laat tocht door; melding bij onderhoud gedaan.",
    )
    w.findable("kozijn", "visit", v)
    w.link("visit_resident", visit_id=v, resident_id=ident("resident:1"))
    obs = w.record(
        "signal_observation",
        "observation:16",
        hh1,
        visit_id=v,
        household_id=hh1,
        item_id=ident("item:financien.huurachterstand"),
        severity=1,
        remark="Regeling loopt, nog één termijn open.",
        acute_response="",
    )
    w.findable("termijn", "signal", obs)
    # No audit checkpoint here: a valid one needs its cut-off 364 days before it was made
    # and that moment not in the future, and this history starts in January 2026
    # (tests/security/test_audit_term.py makes and attacks real checkpoints).


def step_0017(w: Writer) -> None:
    """0017 only adds ``ix_household_level_due``: a household overdue at the level
    "zorg" (the index's rows), and a visit there whose note holds a new word."""
    w.at(datetime(2026, 12, 6, 9, 0))
    w.actor = ident("staff:1")
    hh = ident("household:17")
    w.record(
        "household",
        "household:17",
        hh,
        address_id=ident("address:2"),
        label="dhr. Steekproef",
        status="open",
        closed_on=None,
        review_on=None,
        concern_level="zorg",
        next_check_in=day(date(2026, 12, 1)),
        last_visit_at=ts(datetime(2026, 12, 6, 11, 0)),
    )
    v = w.record(
        "visit",
        "visit:17",
        hh,
        household_id=hh,
        address_id=ident("address:2"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 12, 6, 11, 0)),
        kind="regulier",
        notes="Deurbel doet het niet; samen de ongeopende enveloppen gesorteerd.",
    )
    w.findable("deurbel", "visit", v)


def step_0018(w: Writer) -> None:
    """0018 only changes the indexes of ``follow_up`` (``ix_follow_up_open``): an open
    action with a date, one without, and a visit whose note holds a new word."""
    w.at(datetime(2026, 12, 7, 9, 0))
    w.actor = ident("staff:1")
    hh = ident("household:17")
    v = w.record(
        "visit",
        "visit:18",
        hh,
        household_id=hh,
        address_id=ident("address:2"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 12, 7, 10, 0)),
        kind="regulier",
        notes="Kapstok van de muur gevallen; samen opgehangen.",
    )
    w.findable("kapstok", "visit", v)
    for n, due in ((1, date(2026, 12, 10)), (2, None)):
        w.record(
            "follow_up",
            f"follow_up:18.{n}",
            hh,
            household_id=hh,
            visit_id=v,
            description=f"Nabellen over de kapstok ({n})",
            due_on=day(due) if due else None,
            status="open",
            assignee_id=w.actor,
            done_at=None,
            signal_id=None,
        )


def step_0019(w: Writer) -> None:
    """0019 stores every record id as 16 bytes (``Writer.stored``): a resident, a visit
    with that resident present, a sign and an action for it, a concern level set at the
    visit, and a note and a remark holding new words."""
    w.at(datetime(2026, 12, 8, 9, 0))
    w.actor = ident("staff:1")
    hh = ident("household:17")
    resident = w.record(
        "resident",
        "resident:19",
        hh,
        household_id=hh,
        name="Wim Steekproef",
        birth_year=1958,
        birth_date=None,
        phone="",
    )
    v = w.record(
        "visit",
        "visit:19",
        hh,
        household_id=hh,
        address_id=ident("address:2"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 12, 8, 10, 0)),
        kind="regulier",
        notes="Dakgoot lekt boven de voordeur; foto's gemaakt voor onderhoud.",
    )
    w.findable("dakgoot", "visit", v)
    w.link("visit_resident", visit_id=v, resident_id=resident)
    obs = w.record(
        "signal_observation",
        "observation:19",
        hh,
        visit_id=v,
        household_id=hh,
        item_id=ident("item:financien.huurachterstand"),
        severity=2,
        remark="Aanmaning van de waterleverancier op tafel.",
        acute_response=None,
    )
    w.findable("waterleverancier", "signal", obs)
    w.record(
        "concern_level_entry",
        "concern:19",
        hh,
        household_id=hh,
        visit_id=v,
        level="zorg",
        suggested_level="zorg",
        set_at=ts(datetime(2026, 12, 8, 10, 0)),
        next_check_in=day(date(2026, 12, 22)),
        staff_id=w.actor,
    )
    w.record(
        "follow_up",
        "follow_up:19",
        hh,
        household_id=hh,
        visit_id=v,
        description="Samen de waterleverancier bellen",
        due_on=day(date(2026, 12, 15)),
        status="open",
        assignee_id=w.actor,
        done_at=None,
        signal_id=obs,
    )


def step_0020(w: Writer) -> None:
    """0020 gives every sign its visit's month (``signal_observation.visit_month``, kept by
    triggers): a visit with a sign written without the month, and a note
    and a remark holding new words."""
    w.at(datetime(2026, 12, 9, 9, 0))
    w.actor = ident("staff:1")
    hh = ident("household:17")
    v = w.record(
        "visit",
        "visit:20",
        hh,
        household_id=hh,
        address_id=ident("address:2"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 12, 9, 10, 0)),
        kind="regulier",
        notes="Vorstschade aan de buitenkraan; huurder weet de hoofdkraan niet.",
    )
    w.findable("buitenkraan", "visit", v)
    obs = w.record(
        "signal_observation",
        "observation:20",
        hh,
        visit_id=v,
        household_id=hh,
        item_id=ident("item:financien.huurachterstand"),
        severity=1,
        remark="Nieuwjaarsbrief van de deurwaarder nog dicht.",
        acute_response=None,
    )
    w.findable("nieuwjaarsbrief", "signal", obs)


def step_0021(w: Writer) -> None:
    """0021 indexes texts only: a visit without notes and a sign without a remark (no search
    row), a visit whose notes were written afterwards (findable), and a sign whose remark
    was emptied (its row gone)."""
    w.at(datetime(2026, 12, 10, 9, 0))
    w.actor = ident("staff:1")
    hh = ident("household:17")
    quiet = w.record(
        "visit",
        "visit:21",
        hh,
        household_id=hh,
        address_id=ident("address:2"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 12, 10, 10, 0)),
        kind="regulier",
        notes="",
    )
    w.record(
        "signal_observation",
        "observation:21",
        hh,
        visit_id=quiet,
        household_id=hh,
        item_id=ident("item:financien.huurachterstand"),
        severity=1,
        remark="",
        acute_response=None,
    )
    later = w.record(
        "visit",
        "visit:21b",
        hh,
        household_id=hh,
        address_id=ident("address:2"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 12, 10, 11, 0)),
        kind="regulier",
        notes="",
    )
    w.update("visit", later, hh, notes="Achteraf genoteerd: de dakgoot lekt boven de voordeur.")
    w.findable("dakgoot", "visit", later)
    emptied = w.record(
        "signal_observation",
        "observation:21b",
        hh,
        visit_id=later,
        household_id=hh,
        item_id=ident("item:financien.huurachterstand"),
        severity=1,
        remark="Per vergissing hier gezet.",
        acute_response=None,
    )
    w.update("signal_observation", emptied, hh, remark="")


def step_0022(w: Writer) -> None:
    """0022 keeps an anonymised household's visits, signs and levels per month: rows as
    retention writes them (Core statements, no audit event of their own), two months, two
    domains, two levels."""
    hh = ident("household:17")
    for month, visits in ((202511, 2), (202512, 1)):
        w.insert("anonymised_visits", {"month": month, "household_id": hh, "visits": visits})
    for month, domain, signs in ((202511, "financien", 3), (202512, "sociaal", 1)):
        w.insert(
            "anonymised_signs",
            {"month": month, "household_id": hh, "domain": domain, "signs": signs},
        )
    for month, level in ((202511, "aandacht"), (202512, "zorg")):
        w.insert("anonymised_levels", {"month": month, "household_id": hh, "level": level})


def step_0023(w: Writer) -> None:
    """0023 keys a tombstone by what it covers (no id of its own): a second kind for the
    household of 0008's tombstone, and a visit with a new word to find."""
    w.at(datetime(2026, 12, 12, 9, 0))
    w.actor = ident("staff:1")
    w.insert(
        "tombstone",
        {
            "entity_id": ident("household:2"),
            "what": "signals",
            "entity": "household",
            "erased_at": ts(datetime(2026, 12, 12, 9, 5)),
            "detail": "",
        },
    )
    hh = ident("household:1")
    visit = w.record(
        "visit",
        "visit:23",
        hh,
        household_id=hh,
        address_id=ident("address:1"),
        staff_id=w.actor,
        visited_at=ts(datetime(2026, 12, 12, 10, 0)),
        kind="regulier",
        notes="De regenpijp aan de achterkant is los.",
    )
    w.findable("regenpijp", "visit", visit)


STEPS: dict[str, Callable[[Writer], None]] = {
    "0001": step_0001,
    "0002": step_0002,
    "0005": step_0005,
    "0006": step_0006,
    "0007": step_0007,
    "0008": step_0008,
    "0009": step_0009,
    "0010": step_0010,
    "0011": step_0011,
    "0013": step_0013,
    "0014": step_0014,
    "0015": step_0015,
    "0016": step_0016,
    "0017": step_0017,
    "0018": step_0018,
    "0019": step_0019,
    "0020": step_0020,
    "0021": step_0021,
    "0022": step_0022,
    "0023": step_0023,
}


# ---- building -------------------------------------------------------------------------------
def history() -> list[str]:
    """Every revision id, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def _table_counts(con: Connection) -> dict[str, int]:
    names = con.execute(
        text(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'"
            " AND name != 'alembic_version' ORDER BY name"
        )
    ).scalars()
    return {n: con.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one() for n in names}


def build(revision: str, folder: Path) -> None:
    """Make the vault of ``revision`` in ``folder`` (which must not exist yet)."""
    chain = history()
    if revision not in chain:
        raise SystemExit(f"{revision} is not a migration revision ({', '.join(chain)})")
    chain = chain[: chain.index(revision) + 1]
    missing = [r for r in chain if r not in STEPS]
    if missing:
        raise SystemExit(f"No step for {', '.join(missing)}: add STEPS[...] in {__file__}")
    work = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    db_key = secrets.token_bytes(keys.KEY_BYTES)
    params = keys.KdfParams(
        memory_kib=keys.MIN_MEMORY_KIB,
        time_cost=keys.MIN_TIME_COST,
        parallelism=keys.PARALLELISM,
        salt=secrets.token_bytes(16),
    )
    header = keys.wrap_key(db_key, PASSPHRASE, ident(f"vault:{revision}"), params)
    (work / HEADER_NAME).write_bytes(header.to_bytes())
    # SHA-512 pages, as every release before the page HMAC choice made them (docs/vault.md)
    engine = make_engine(work / DB_NAME, db_key, keys.DEFAULT_PAGE_HMAC)
    rows: dict[str, list[dict[str, Any]]] = {}
    search: dict[str, list[list[str]]] = {}
    try:
        for rev in chain:
            upgrade(engine, rev)
            with engine.begin() as con:
                writer = Writer(con, rows)
                STEPS[rev](writer)
                for word, refs in writer.search.items():
                    search.setdefault(word, []).extend(refs)
        assert current_revision(engine) == revision
        with engine.connect() as con:
            counts = _table_counts(con)
        raw = engine.raw_connection()
        try:
            driver = raw.driver_connection
            assert driver is not None
            driver.execute("VACUUM")
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            raw.close()
    finally:
        engine.dispose()
    for leftover in (DB_NAME + "-wal", DB_NAME + "-shm"):
        (work / leftover).unlink(missing_ok=True)
    manifest = {
        "revision": revision,
        "passphrase": PASSPHRASE,
        "made_by": "tests/data/vaults/make_vaults.py",
        "counts": counts,
        "search": search,
        "rows": rows,
    }
    text_out = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (work / MANIFEST_NAME).write_text(text_out, encoding="utf-8")
    work.rename(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revisions", nargs="*", help="revisions to build (default: missing)")
    args = parser.parse_args(argv)
    wanted = args.revisions or [r for r in history() if not (HERE / r).exists()]
    for revision in wanted:
        folder = HERE / revision
        if folder.exists():
            print(f"{revision}: {folder} exists; committed vaults are never rebuilt")
            return 1
        build(revision, folder)
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(f"{revision}: {folder} ({size // 1024} KiB)")
    if not wanted:
        print("every revision has its vault")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Vaults of every older schema open with their passphrase, upgrade to the head, keep their data.

``tests/data/vaults/NNNN/`` holds a real vault (SQLCipher database and key header) made at
revision ``NNNN`` with synthetic data by ``tests/data/vaults/make_vaults.py``, and its
``manifest.json``: the passphrase, every row written, the row count of every table and
the words search must find. As Electrum keeps wallets of old releases
(``tests/test_storage_upgrade/``) and KeePassXC ``share/demo.old.kdbx``: a migration that
loses, mangles or hides old data fails here, not in a field worker's vault.

When a later migration renames or drops a column that a manifest names, teach
:func:`_expected_rows` the change; never rebuild a committed vault to make this pass.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.households import household_detail
from waakvlam_desktop.domain.search import search
from waakvlam_desktop.domain.types import VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.storage import audit, fts, keys, signal_months
from waakvlam_desktop.storage.ids import (
    BORN_AS_BYTES,
    DROPPED_AFTER_0019,
    ID_COLUMNS_0019,
    stored_id,
)
from waakvlam_desktop.storage.migrate import alembic_config, current_revision, head_revision
from waakvlam_desktop.storage.models import Referral
from waakvlam_desktop.storage.vault import DB_NAME, Vault, VaultPaths, make_engine

VAULTS = Path(__file__).resolve().parents[1] / "data" / "vaults"
_SCRIPT = ScriptDirectory.from_config(alembic_config())
REVISIONS = [r.revision for r in reversed(list(_SCRIPT.walk_revisions()))]  # oldest first


def _manifest(revision: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((VAULTS / revision / "manifest.json").read_text("utf-8"))
    return doc


def _copy(revision: str, tmp_path: Path) -> Path:
    """A scratch copy: opening migrates, and the committed files must stay as they are."""
    target = tmp_path / f"vault-{revision}"
    target.mkdir()
    for name in (DB_NAME, "vault.key.json"):
        shutil.copyfile(VAULTS / revision / name, target / name)
    return target


def _normalised(sql: str) -> str:
    return " ".join(sql.split())


def _frozen_ddl() -> dict[str, list[str]]:
    """Every published ``<WHAT>_NNNN`` CREATE constant of the modules owning hand-written DDL."""
    found: dict[str, list[str]] = {}
    for module in (fts, audit, signal_months):
        for name, value in vars(module).items():
            match = re.fullmatch(r"[A-Z][A-Z_]*_(\d{4})", name)
            if match and isinstance(value, tuple) and str(value[0]).startswith("CREATE"):
                found.setdefault(match[1], []).extend(value)
    return found


# Since 0016 the audit chain's hashes are stored as their 32 bytes; a vault made before
# wrote them as 64 hex characters, which the upgrade converts (the same hash). The
# manifests keep record ids as text; since 0019 the vault stores a UUID's 16 bytes.
_HASH_COLUMNS = {("audit_event", "hash"), ("audit_event", "prev_hash")}


def _expected_rows(manifest: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    rows = []
    for table, written in manifest["rows"].items():
        for row in written:
            values = {  # without the columns a later migration dropped
                col: bytes.fromhex(v["hex"]) if isinstance(v, dict) else v
                for col, v in row.items()
                if col not in DROPPED_AFTER_0019.get(table, ())
            }
            for col, v in values.items():
                if (table, col) in _HASH_COLUMNS and isinstance(v, str):
                    values[col] = bytes.fromhex(v)
                elif col in (
                    ID_COLUMNS_0019.get(table, ()) + BORN_AS_BYTES.get(table, ())
                ) and isinstance(v, str):
                    values[col] = stored_id(v)  # 16 bytes since 0019, text before
            rows.append((table, values))
    return rows


_FTS_INTEGRITY = "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)"


def _texts(manifest: dict[str, Any]) -> int:
    """How many search rows the vault has at the head: since 0021 one per visit note and
    per sign remark that is not empty, and none for an empty one."""
    rows = manifest["rows"]
    notes = [v["notes"] for v in rows.get("visit", [])]
    remarks = [o["remark"] for o in rows.get("signal_observation", [])]
    return sum(1 for t in notes + remarks if t)


def _has_row(con: Connection, table: str, values: dict[str, Any]) -> bool:
    where = " AND ".join(f'"{col}" IS :{col}' for col in values)
    found: int = con.execute(
        text(f'SELECT count(*) FROM "{table}" WHERE {where}'), values
    ).scalar_one()
    return found == 1


def test_every_revision_has_a_committed_vault() -> None:
    """Every schema change adds a vault at its revision (run make_vaults.py)."""
    folders = sorted(p.name for p in VAULTS.iterdir() if p.is_dir())
    assert folders == REVISIONS, (
        "tests/data/vaults/ needs one vault per migration revision: run"
        " PYTHONPATH=$PWD/src .venv/bin/python tests/data/vaults/make_vaults.py"
    )
    assert REVISIONS[-1] == head_revision()


@pytest.mark.parametrize("revision", REVISIONS)
def test_committed_vault_is_at_its_revision_with_its_frozen_ddl(
    revision: str, tmp_path: Path
) -> None:
    """The file is what its folder says, and published DDL constants were never edited."""
    manifest = _manifest(revision)
    assert manifest["revision"] == revision
    data = _copy(revision, tmp_path)
    header = Vault.read_header(VaultPaths(data))
    engine = make_engine(data / DB_NAME, keys.unwrap_key(header, manifest["passphrase"]))
    try:
        assert current_revision(engine) == revision
        with engine.connect() as con:
            stored = {
                _normalised(sql)
                for (sql,) in con.exec_driver_sql(
                    "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"
                )
            }
    finally:
        engine.dispose()
    frozen = _frozen_ddl()
    assert "0001" in frozen  # the discovery itself works
    for statement in frozen.get(revision, []):
        assert _normalised(statement) in stored, (
            f"A published DDL constant of revision {revision} was edited; add a new one"
            " with a new migration instead (see storage/fts.py)."
        )


@pytest.mark.parametrize("revision", REVISIONS)
def test_old_vault_upgrades_to_head_and_keeps_its_data(
    revision: str, tmp_path: Path, clock: FixedClock
) -> None:
    manifest = _manifest(revision)
    data = _copy(revision, tmp_path)
    with Vault.open(data, manifest["passphrase"], clock=clock) as vault:
        assert vault.engine is not None
        assert current_revision(vault.engine) == head_revision()

        # Every table keeps its rows, and every row written at an older revision is there.
        with vault.engine.connect() as con:
            counts = {
                table: con.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
                for table in manifest["counts"]
            }
            assert counts == {**manifest["counts"], "search_doc": _texts(manifest)}
            # FTS5's own check: the index holds exactly the terms of the rows it maps.
            con.execute(text(_FTS_INTEGRITY))
            # ... and keeps the size of no other row (that check does not look at sizes).
            sizes = con.execute(text("SELECT count(*) FROM search_index_docsize")).scalar_one()
            assert sizes == counts["search_doc"]
            missing = [
                (table, values.get("id", values))
                for table, values in _expected_rows(manifest)
                if not _has_row(con, table, values)
            ]
        assert missing == []

        rows = manifest["rows"]
        staff_id = rows["staff_member"][0]["id"]
        vault.actor = staff_id
        with vault.session() as s:
            # Search finds the notes and remarks of every era.
            for word, refs in manifest["search"].items():
                hits = {(h.source, h.ref_id) for h in search(s, word)}
                assert {tuple(r) for r in refs} <= hits, word
            # The app's own read path reads the old rows.
            for hh in rows["household"]:
                detail = household_detail(s, hh["id"])
                assert detail.label == hh["label"]
                notes = {v["notes"] for v in rows["visit"] if v["household_id"] == hh["id"]}
                assert {v.notes for v in detail.visits} == notes
            verdict = audit.verify_chain(s)
            assert verdict.ok, verdict.message()
            # The old events, plus one "search" event per search above (each found notes).
            assert verdict.events == manifest["counts"]["audit_event"] + len(manifest["search"])

        # And it takes new work: a visit is indexed, the chain goes on from the old head.
        household_id = rows["household"][0]["id"]
        with vault.session() as s:
            record_visit(
                s,
                VisitInput(
                    household_id,
                    VisitKind.REGULIER,
                    notes="Na de upgrade: vensterbank hersteld.",
                    signals=[SignalInput("financien.huurachterstand", 1, "nog één maand")],
                ),
            )
        with vault.session() as s:
            assert [h.household_id for h in search(s, "vensterbank")] == [household_id]
            verdict = audit.verify_chain(s)
            assert verdict.ok, verdict.message()
            assert verdict.events > manifest["counts"]["audit_event"]


def test_0009_gives_old_referrals_their_contact_resident(tmp_path: Path, clock: FixedClock) -> None:
    """Referrals made before 0009 concern the household's first adult (what the dialog
    offers), so an upgraded vault's bundles carry that resident and nobody else."""
    data = _copy("0007", tmp_path)
    with (
        Vault.open(data, _manifest("0007")["passphrase"], clock=clock) as vault,
        vault.session() as s,
    ):
        concerned = {
            ref.reference: [r.name for r in ref.concerns] for ref in s.query(Referral).all()
        }
        assert all(not ref.consent_may_call for ref in s.query(Referral).all())
    assert concerned == {
        "WV-2026-0001": ["Jan Testmans"],
        "WV-2026-0002": ["Ayşe Voorbeeld-Öztürk"],
    }

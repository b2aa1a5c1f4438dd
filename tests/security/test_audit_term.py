"""The compact audit log (0016) and its retention term, attacked.

After the upgrade the chain's hashes are stored as 32 bytes; what users, bundles and
anchors see stays the same hex, and a changed event is still caught. At the end of the
audit term old events are replaced by a signed checkpoint; a checkpoint whose counts, head
hash or signature was changed, a checkpoint removed, or old events removed without one,
all break the chain.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from tests.helpers import add_household
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.settings import save_setting
from waakvlam_desktop.domain.types import VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.errors import ValidationError, VaultError
from waakvlam_desktop.privacy.retention import run_retention
from waakvlam_desktop.storage import audit, keys
from waakvlam_desktop.storage.audit import audit_head, verify_chain, verify_witness
from waakvlam_desktop.storage.models import AuditCheckpoint, AuditEvent
from waakvlam_desktop.storage.vault import DB_NAME, Vault, VaultPaths, connect_raw

VAULTS = Path(__file__).resolve().parents[1] / "data" / "vaults"


def _raw(vault: Vault, *sql: str) -> None:
    assert vault.engine is not None
    with vault.engine.begin() as con:
        for statement in sql:
            con.execute(text(statement))


# ---- the upgrade ----------------------------------------------------------------------------
def _old_vault(tmp_path: Path, revision: str = "0014") -> tuple[Path, dict[str, object]]:
    target = tmp_path / f"vault-{revision}"
    target.mkdir()
    for name in (DB_NAME, "vault.key.json"):
        shutil.copyfile(VAULTS / revision / name, target / name)
    manifest = json.loads((VAULTS / revision / "manifest.json").read_text("utf-8"))
    return target, manifest


def test_upgrade_stores_hashes_as_bytes_and_shows_the_same_hex(
    tmp_path: Path, clock: FixedClock
) -> None:
    data, manifest = _old_vault(tmp_path)
    events = manifest["rows"]["audit_event"]  # type: ignore[index]
    last = max(events, key=lambda e: e["seq"])
    with Vault.open(data, str(manifest["passphrase"]), clock=clock) as v, v.session() as s:
        head = audit_head(s)
        assert (head.seq, head.hash) == (last["seq"], last["hash"])  # same hex as before
        stored = s.execute(
            text("SELECT typeof(hash), length(hash), typeof(prev_hash) FROM audit_event")
        ).all()
        assert set(stored) == {("blob", 32, "blob")}
        # A witness of the old head (a bundle or backup made before) still holds.
        assert verify_witness(s, head).ok


def test_upgraded_vault_audit_verify_still_detects_a_changed_event(
    tmp_path: Path, clock: FixedClock
) -> None:
    data, manifest = _old_vault(tmp_path)
    passphrase = str(manifest["passphrase"])
    with Vault.open(data, passphrase, clock=clock) as v, v.session() as s:
        assert verify_chain(s).ok
    paths = VaultPaths(data)
    key = keys.unwrap_key(keys.KeyHeader.from_bytes(paths.header.read_bytes()), passphrase)
    con = connect_raw(paths.db, key)
    try:
        con.execute("DROP TRIGGER audit_event_no_update")
        con.execute("UPDATE audit_event SET detail = 'via=app' WHERE seq = 3")
        con.commit()
    finally:
        con.close()
    env = {
        **os.environ,
        "WAAKVLAM_DATA_DIR": str(data),
        "WAAKVLAM_PASSPHRASE": passphrase,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "XDG_STATE_HOME": str(tmp_path / "xdg-state"),
        "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "waakvlam_desktop.cli", "audit", "verify"],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    assert proc.returncode != 0
    assert "gebeurtenis 3 (inhoud gewijzigd)" in proc.stdout + proc.stderr


# ---- the audit term -------------------------------------------------------------------------
def _visits(vault: Vault, n: int) -> str:
    hid = add_household(vault)
    for i in range(n):
        with vault.session() as s:
            record_visit(
                s,
                VisitInput(
                    hid,
                    VisitKind.REGULIER,
                    notes=f"Bezoek {i}",
                    signals=[SignalInput("financien.huurachterstand", 1)],
                ),
            )
    return hid


def _checkpointed(vault: Vault, clock: FixedClock) -> tuple[int, int]:
    """Old events, then six years later a few new ones and a retention run: the events
    before the five-year term are replaced. (last replaced event, events left)."""
    _visits(vault, 3)
    with vault.session() as s:
        old_head = audit_head(s).seq
    clock.advance(timedelta(days=6 * 366))
    _visits(vault, 1)
    result = run_retention(vault)
    assert result.audit_checkpoint == old_head
    assert result.audit_events == old_head
    with vault.session() as s:
        left = s.scalar(select(func.count()).select_from(AuditEvent)) or 0
    return old_head, left


def test_old_events_become_a_signed_checkpoint_and_the_chain_goes_on(
    vault: Vault, clock: FixedClock
) -> None:
    upto, left = _checkpointed(vault, clock)
    with vault.session() as s:
        verdict = verify_chain(s)
        assert verdict.ok, verdict.message()
        assert verdict.events == left
        first = s.scalar(select(func.min(AuditEvent.seq)))
        assert first == upto + 1
        cp = s.scalars(select(AuditCheckpoint)).one()
        counts = json.loads(cp.counts)
        assert counts["create"] > 0 and sum(counts.values()) == upto
        assert audit.checkpoint_valid(s, cp)
        # The checkpoint is itself an event, with words in the viewer.
        rows = audit.audit_rows(s, action="checkpoint")
        assert [r.detail for r in rows] == [f"tot={upto}; aantal={upto}"]
    _visits(vault, 1)  # new events link on
    with vault.session() as s:
        assert verify_chain(s).ok
    # A second run a day later has nothing old enough: no second checkpoint.
    clock.advance(timedelta(days=1))
    assert run_retention(vault).audit_checkpoint is None


def test_audit_term_is_a_setting(vault: Vault, clock: FixedClock) -> None:
    _visits(vault, 2)
    with vault.session() as s:
        save_setting(s, "audit_retention_months", 120)
        with pytest.raises(ValidationError):
            save_setting(s, "audit_retention_months", 6)
    clock.advance(timedelta(days=6 * 366))
    assert run_retention(vault).audit_checkpoint is None  # ten years: nothing yet
    clock.advance(timedelta(days=5 * 366))
    assert run_retention(vault).audit_checkpoint is not None


@pytest.mark.parametrize(
    "tamper",
    [
        "counts = replace(counts, '\"create\"', '\"view\"')",
        "hash = randomblob(32)",
        "signature = randomblob(64)",
        "key_id = 'ffffffffffffffffffffffffffffffff'",
        "before = '2030-01-01 00:00:00.000000'",
    ],
)
def test_a_tampered_checkpoint_is_detected(vault: Vault, clock: FixedClock, tamper: str) -> None:
    upto, _ = _checkpointed(vault, clock)
    with pytest.raises(DatabaseError):  # the app cannot change it
        _raw(vault, f"UPDATE audit_checkpoint SET {tamper}")
    _raw(vault, "DROP TRIGGER audit_checkpoint_no_update", f"UPDATE audit_checkpoint SET {tamper}")
    with vault.session() as s:
        verdict = verify_chain(s)
    assert not verdict.ok
    assert verdict.first_bad_seq == upto
    assert verdict.text is audit.CHAIN_BROKEN_CHECKPOINT


def test_a_checkpoint_removed_is_detected(vault: Vault, clock: FixedClock) -> None:
    _checkpointed(vault, clock)
    with pytest.raises(DatabaseError):
        _raw(vault, "DELETE FROM audit_checkpoint")
    _raw(vault, "DROP TRIGGER audit_checkpoint_no_delete", "DELETE FROM audit_checkpoint")
    with vault.session() as s:
        verdict = verify_chain(s)
    assert not verdict.ok
    assert verdict.first_bad_seq == 1  # the log starts later than event 1
    assert verdict.text is audit.CHAIN_BROKEN_MISSING


def test_events_deleted_without_a_checkpoint_are_detected(vault: Vault, clock: FixedClock) -> None:
    _visits(vault, 2)
    with pytest.raises(DatabaseError):  # no checkpoint covers them
        _raw(vault, "DELETE FROM audit_event WHERE seq <= 4")
    _raw(vault, "DROP TRIGGER audit_event_no_delete", "DELETE FROM audit_event WHERE seq <= 4")
    with vault.session() as s:
        verdict = verify_chain(s)
    assert not verdict.ok and verdict.first_bad_seq == 1


def test_events_after_the_checkpoint_stay_append_only(vault: Vault, clock: FixedClock) -> None:
    upto, _ = _checkpointed(vault, clock)
    with pytest.raises(DatabaseError):
        _raw(vault, f"DELETE FROM audit_event WHERE seq = {upto + 1}")
    _raw(
        vault,
        "DROP TRIGGER audit_event_no_delete",
        f"DELETE FROM audit_event WHERE seq = {upto + 2}",
    )
    with vault.session() as s:
        verdict = verify_chain(s)
    assert not verdict.ok and verdict.first_bad_seq == upto + 2


def test_a_broken_chain_is_not_checkpointed(vault: Vault, clock: FixedClock) -> None:
    """A checkpoint never launders a change: the chain is verified first."""
    _visits(vault, 2)
    _raw(
        vault,
        "DROP TRIGGER audit_event_no_update",
        "UPDATE audit_event SET detail = 'x' WHERE seq = 2",
    )
    clock.advance(timedelta(days=6 * 366))
    with pytest.raises(VaultError) as refused:
        run_retention(vault)
    assert refused.value.message is audit.CHECKPOINT_REFUSED
    with vault.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditCheckpoint)) == 0
        assert s.scalar(select(func.min(AuditEvent.seq))) == 1


def test_witnesses_from_before_and_after_the_checkpoint(vault: Vault, clock: FixedClock) -> None:
    _visits(vault, 1)
    with vault.session() as s:
        early = audit_head(s)
        early_digests = audit.content_digests(s, early.seq)
    _visits(vault, 2)
    with vault.session() as s:
        at_term = audit_head(s)
    clock.advance(timedelta(days=6 * 366))
    _visits(vault, 1)
    with vault.session() as s:
        later = audit_head(s)
        later_digests = audit.content_digests(s, later.seq)
    run_retention(vault)
    with vault.session() as s:
        before = verify_witness(s, early, early_digests)
        assert before.ok and before.text is audit.WITNESS_BEFORE_CHECKPOINT
        assert verify_witness(s, at_term).ok  # the checkpoint's own head
        after = verify_witness(s, later, later_digests)
        assert after.ok and after.text is audit.WITNESS_OK
        # The anchor format stays one digest per event: zeros for the replaced ones.
        digests = audit.content_digests(s, later.seq)
        assert len(digests) == later.seq * audit.DIGEST_BYTES
        assert digests[: at_term.seq * audit.DIGEST_BYTES] == bytes(
            at_term.seq * audit.DIGEST_BYTES
        )
    # A rewritten event after the checkpoint is still located through the anchor.
    _raw(
        vault,
        "DROP TRIGGER audit_event_no_update",
        f"UPDATE audit_event SET detail = 'x' WHERE seq = {at_term.seq + 2}",
    )
    with vault.session() as s:
        verdict = verify_witness(s, later, later_digests)
    assert not verdict.ok

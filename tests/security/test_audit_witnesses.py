"""The attacker holds the passphrase and rewrites the audit log; the witnesses catch it.

The rewrite is what a passphrase holder can do with any SQLCipher shell: open the real
vault file with its key, drop the append-only triggers, delete events, renumber and
rechain everything after them with SHA-256 (the algorithm is public), and put the
triggers back. ``audit verify`` (the chain alone) then says "in orde"; every witness kept
outside the vault must not.

Claims in docs/privacy.md ("Witnesses of the audit log") name these tests.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.bundle_helpers import World, build_world
from tests.conftest import PASSPHRASE
from tests.e2e.conftest import Cli, one_line_error
from waakvlam_desktop.bundles import witness
from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.bundles.keys import ensure_signing_key, public_key_text, sign
from waakvlam_desktop.bundles.partner_state import PartnerState
from waakvlam_desktop.bundles.reader import remember, verify_bytes
from waakvlam_desktop.cli.bundle import _audit_head as show_audit_head
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.households import view_household
from waakvlam_desktop.domain.search import search
from waakvlam_desktop.domain.setup import default_staff
from waakvlam_desktop.errors import WaakvlamError
from waakvlam_desktop.privacy.backup import create_backup, read_backup_info, restore_backup
from waakvlam_desktop.storage import audit, keys
from waakvlam_desktop.storage.audit import AuditHead, audit_head, verify_chain, verify_witness
from waakvlam_desktop.storage.ids import id_text
from waakvlam_desktop.storage.vault import Vault, VaultPaths, connect_raw

PERIOD = Period.parse("2026-11")
AUDIT_TRIGGERS = audit.APPEND_ONLY_0001


# ---- the attacker ---------------------------------------------------------------------------
def _attacker_hash(row: list[object]) -> str:
    payload = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def rewrite(data_dir: Path, delete: set[int] | None = None, edit: int | None = None) -> None:
    """Delete events ``delete`` (or change the detail of event ``edit``), renumber and
    rechain the rest, with raw SQL on the vault file (the app is closed)."""
    paths = VaultPaths(data_dir)
    key = keys.unwrap_key(keys.KeyHeader.from_bytes(paths.header.read_bytes()), PASSPHRASE)
    con = connect_raw(paths.db, key)
    try:
        con.execute("DROP TRIGGER audit_event_no_update")
        con.execute("DROP TRIGGER audit_event_no_delete")
        rows = con.execute(
            "SELECT seq, at, actor, action, entity, entity_id, household_id, detail"
            " FROM audit_event ORDER BY seq"
        ).fetchall()
        con.execute("DELETE FROM audit_event")
        prev, seq = "0" * 64, 0
        for old_seq, at, actor, action, entity, entity_id, household_id, detail in rows:
            if delete and old_seq in delete:
                continue
            if old_seq == edit:
                detail = "via=app"
            seq += 1
            when = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
            digest = _attacker_hash(
                [
                    seq,
                    when.isoformat(),
                    id_text(actor),  # the chain hashes the ids' text (16 bytes stored)
                    action,
                    entity,
                    id_text(entity_id),
                    id_text(household_id),
                    detail,
                    prev,
                ]
            )
            con.execute(
                "INSERT INTO audit_event (seq, at, actor, action, entity, entity_id,"
                " household_id, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (seq, at, actor, action, entity, entity_id, household_id, detail, prev, digest),
            )
            prev = digest
        for statement in AUDIT_TRIGGERS:
            con.execute(statement)
        con.commit()
    finally:
        con.close()


def _open(data_dir: Path, clock: FixedClock | None = None) -> Vault:
    v = Vault.open(data_dir, PASSPHRASE, clock=clock)
    with v.session() as s:
        staff = default_staff(s)
        v.actor = staff.id if staff else None
    return v


def _view_seqs(v: Vault, household_id: str, times: int) -> list[int]:
    """Open the household page ``times`` times: the "ingezien" events to be hidden."""
    seqs = []
    for _ in range(times):
        with v.session() as s:
            view_household(s, household_id)
            seqs.append(audit_head(s).seq)
    return seqs


# ---- rewrite caught by a signed anchor (the CLI, as the privacy officer runs it) -----------
def test_rewrite_caught_by_anchor(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "vault").init()
    cli.run("demo", "--households", "2")
    with _open(cli.data_dir) as v, v.session() as s:
        household = search(s, "de")[0].household_id
    with _open(cli.data_dir) as v:
        viewed = _view_seqs(v, household, 3)
    anchor = tmp_path / "anker.txt"
    cli.run("audit", "anchor", "--out", str(anchor))
    assert anchor.stat().st_mode & 0o777 == 0o600
    cli.run("search", "huur")  # the log keeps growing after the anchor

    rewrite(cli.data_dir, delete=set(viewed))

    # The chain alone is fooled (the attack of issue #12) ...
    assert "in orde" in cli.run("audit", "verify").stdout
    # ... the anchor is not, and names the first missing event and the range.
    proc = cli.run("audit", "verify", "--anchor", str(anchor), ok=False)
    line = one_line_error(proc, 1, "herschreven")
    assert f"gebeurtenis {viewed[0]} t/m {viewed[-1]}" in line
    proc = cli.run("audit", "verify", "--anchor", str(anchor), "--json", ok=False)
    assert proc.returncode == 1
    verdict = json.loads(proc.stdout)
    assert not verdict["ok"] and verdict["code"] == "audit.witness_missing"
    assert (verdict["first_bad_seq"], verdict["last_bad_seq"]) == (viewed[0], viewed[-1])


def test_deleting_a_run_of_views_is_named_as_that_range(vault: Vault, tmp_path: Path) -> None:
    hid = build_world(vault).households["fam. Jansen"]
    first = _view_seqs(vault, hid, 1)[0]
    with vault.session() as s:
        search(s, "buren")  # something different between the views and the rest
    viewed = _view_seqs(vault, hid, 3)
    anchor = tmp_path / "anker.txt"
    with vault.session() as s:
        witness.write_anchor(s, vault.vault_id, anchor)
    vault.close()
    rewrite(vault.paths.data_dir, delete=set(viewed))
    with _open(vault.paths.data_dir) as v, v.session() as s:
        assert verify_chain(s).ok
        _, verdict = witness.verify_anchor(s, anchor, v.vault_id)
    assert not verdict.ok
    assert (verdict.first_bad_seq, verdict.last_bad_seq) == (viewed[0], viewed[-1])
    assert first < viewed[0]


def test_changed_event_is_named(vault: Vault, tmp_path: Path) -> None:
    hid = build_world(vault).households["fam. Jansen"]
    viewed = _view_seqs(vault, hid, 1)
    with vault.session() as s:
        search(s, "buren")
    anchor = tmp_path / "anker.txt"
    with vault.session() as s:
        witness.write_anchor(s, vault.vault_id, anchor)
    vault.close()
    rewrite(vault.paths.data_dir, edit=viewed[0] - 3)
    with _open(vault.paths.data_dir) as v, v.session() as s:
        _, verdict = witness.verify_anchor(s, anchor, v.vault_id)
    assert not verdict.ok and verdict.first_bad_seq == viewed[0] - 3
    assert verdict.text is audit.WITNESS_CHANGED
    assert f"gebeurtenis {viewed[0] - 3} " in verdict.message("nl")


# ---- rewrite caught by a bundle manifest's head (kept by the partner) ----------------------
def _deliver(world: World, state: PartnerState, out: Path) -> dict[str, object]:
    """Export to the Wijkteam and let the partner's reader open it and keep its head."""
    with world.vault.session() as s:
        result = export_bundle(s, world.partners["Wijkteam"], PERIOD, out)
    bundle = verify_bytes(result.path.read_bytes(), world.identity, world.sender)
    remember(state, bundle)
    return bundle.manifest


def test_rewrite_caught_by_bundle_manifest_head(vault: Vault, tmp_path: Path) -> None:
    world = build_world(vault)
    viewed = _view_seqs(vault, world.households["fam. Jansen"], 3)
    state = PartnerState(tmp_path / "bundle-state.json")
    manifest = _deliver(world, state, tmp_path / "b1.age")
    head = witness.manifest_head(manifest)
    assert head is not None and head.seq >= viewed[-1]
    # The partner keeps it, under its own key in the partner's state file.
    seen = witness.seen_heads(state.load(), world.sender.key_id)
    assert [(e["seq"], e["hash"]) for e in seen] == [(head.seq, head.hash)]
    with vault.session() as s:
        assert verify_witness(s, head).ok
    vault.close()

    rewrite(vault.paths.data_dir, delete=set(viewed))

    cli = Cli(vault.paths.data_dir)
    assert "in orde" in cli.run("audit", "verify").stdout
    proc = cli.run("audit", "verify", "--head", head.text(), ok=False)
    one_line_error(proc, 1, f"gebeurtenis {head.seq}")


def test_rewrite_caught_by_backup_head(vault: Vault, tmp_path: Path) -> None:
    build_world(vault)
    with vault.session() as s:
        household = search(s, "buren")[0].household_id
    viewed = _view_seqs(vault, household, 3)
    backup = tmp_path / "kluis.bak"
    create_backup(vault, backup)
    info = read_backup_info(backup)  # no passphrase needed
    assert info.audit_head is not None and info.audit_head.seq >= viewed[-1]
    vault.close()
    rewrite(vault.paths.data_dir, delete={viewed[1]})
    cli = Cli(vault.paths.data_dir)
    assert "in orde" in cli.run("audit", "verify").stdout
    proc = cli.run("audit", "verify", "--backup", str(backup), ok=False)
    one_line_error(proc, 1, "herschreven")


def test_partner_notices_a_forked_chain(
    vault: Vault, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two genuine bundles whose heads disagree on the same event: the sender rewrote."""
    world = build_world(vault)
    state = PartnerState(tmp_path / "bundle-state.json")
    first = witness.manifest_head(_deliver(world, state, tmp_path / "b1.age"))
    assert first is not None
    with vault.session() as s:
        now = audit_head(s).seq
    vault.close()
    # Delete enough so that one new event lands on the witnessed number again.
    rewrite(vault.paths.data_dir, delete=set(range(first.seq - 2, now + 1)))
    with _open(vault.paths.data_dir) as v, v.session() as s:
        while audit_head(s).seq < first.seq:
            view_household(s, world.households["fam. Jansen"])
    with _open(vault.paths.data_dir) as v:
        world.vault = v
        manifest = _deliver(world, PartnerState(tmp_path / "x.json"), tmp_path / "b2.age")
    second = witness.manifest_head(manifest)
    assert second is not None and second.seq == first.seq and second.hash != first.hash
    conflict = witness.head_conflict(state.load(), manifest)
    assert conflict is not None and conflict["hash"] == first.hash
    # `bundle verify/open` say so on the partner's side, and the state keeps both heads.
    opened = verify_bytes((tmp_path / "b2.age").read_bytes(), world.identity, world.sender)
    show_audit_head(opened, state, quiet=False)
    err = capsys.readouterr().err
    assert "Let op: het logboek van de afzender is herschreven" in err
    assert f"gebeurtenis {first.seq}" in err
    remember(state, opened)
    assert len(witness.seen_heads(state.load(), world.sender.key_id)) == 2
    # The partner reads them out for the sender's privacy officer (no vault needed).
    listed = Cli(tmp_path / "geen-kluis").run("bundle", "heads", "--state", str(state.path))
    assert f"{first.seq}:{first.hash}" in listed.stdout
    assert f"{second.seq}:{second.hash}" in listed.stdout


# ---- forged anchors are refused ---------------------------------------------------------------
def _anchor(vault: Vault, path: Path) -> Path:
    with vault.session() as s:
        witness.write_anchor(s, vault.vault_id, path)
    return path


def _lines(path: Path) -> tuple[list[str], dict[str, object], str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines, json.loads(lines[3]), lines[4]


def test_anchor_signed_with_another_key_is_refused(vault: Vault, tmp_path: Path) -> None:
    """The attacker signs a statement of the rewritten head with a key of their own."""
    real = _anchor(vault, tmp_path / "echt.txt")
    lines, statement, _ = _lines(real)
    own = Ed25519PrivateKey.generate()
    raw = own.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    statement["key_id"] = hashlib.sha256(raw).hexdigest()[:32]
    line = json.dumps(statement, sort_keys=True, separators=(",", ":"))
    forged = tmp_path / "vals.txt"
    sig = base64.b64encode(own.sign(witness.ANCHOR_CONTEXT + line.encode())).decode()
    forged.write_text("\n".join([*lines[:3], line, witness.SIGNATURE_PREFIX + sig]) + "\n")
    with vault.session() as s, pytest.raises(WaakvlamError, match="niet de ondertekeningssleutel"):
        witness.verify_anchor(s, forged, vault.vault_id)
    # Given the attacker's public key as --key, a real anchor is refused too.
    pub = tmp_path / "vals.pub"
    pub.write_text(public_key_text(raw) + "\n")
    vault.close()
    cli = Cli(vault.paths.data_dir)
    proc = cli.run("audit", "verify", "--anchor", str(real), "--key", str(pub), ok=False)
    one_line_error(proc, 1, "niet de ondertekeningssleutel")


@pytest.mark.parametrize("edit", ["seq", "hash", "digests", "vault", "signature", "manifest_sig"])
def test_edited_anchor_is_refused(vault: Vault, tmp_path: Path, edit: str) -> None:
    real = _anchor(vault, tmp_path / "echt.txt")
    lines, statement, sig_line = _lines(real)
    head = statement["head"]
    assert isinstance(head, dict)
    if edit == "seq":
        head["seq"] = int(head["seq"]) - 3
    elif edit == "hash":
        head["hash"] = "ab" * 32
    elif edit == "digests":
        statement["digests"] = base64.b64encode(b"\0" * 8 * int(head["seq"])).decode()
    elif edit == "vault":
        statement["vault_id"] = "00000000-0000-0000-0000-000000000000"
    line = json.dumps(statement, sort_keys=True, separators=(",", ":"))
    if edit == "signature":
        raw = bytearray(base64.b64decode(sig_line[len(witness.SIGNATURE_PREFIX) :]))
        raw[10] ^= 1
        sig_line = witness.SIGNATURE_PREFIX + base64.b64encode(bytes(raw)).decode()
    if edit == "manifest_sig":
        # The same key's signature over the bare line (as over a bundle manifest) is no
        # anchor signature: the context prefix separates the two.
        with vault.session() as s:
            sig = sign(ensure_signing_key(s), line.encode())
        sig_line = witness.SIGNATURE_PREFIX + base64.b64encode(sig).decode()
    forged = tmp_path / "vals.txt"
    forged.write_text("\n".join([*lines[:3], line, sig_line]) + "\n")
    with vault.session() as s, pytest.raises(WaakvlamError, match="vervalst of gewijzigd"):
        witness.verify_anchor(s, forged, vault.vault_id)


def test_cut_or_foreign_anchor_files_get_one_sentence(vault: Vault, tmp_path: Path) -> None:
    real = _anchor(vault, tmp_path / "echt.txt")
    cut = tmp_path / "half.txt"
    cut.write_bytes(real.read_bytes()[:-40])
    other = tmp_path / "ander.txt"
    other.write_text("hallo\n")
    vault.close()
    cli = Cli(vault.paths.data_dir)
    for path in (cut, other, tmp_path / "bestaat-niet.txt"):
        proc = cli.run("audit", "verify", "--anchor", str(path), ok=False)
        one_line_error(proc, 1)
    proc = cli.run("audit", "verify", "--head", "12:xyz", ok=False)
    one_line_error(proc, 2, "NUMMER:HASH")
    proc = cli.run("audit", "anchor", "--out", str(real), ok=False)
    one_line_error(proc, 2, "bestaat al")


def test_anchor_of_another_vault_is_refused(vault: Vault, tmp_path: Path) -> None:
    other = Vault.create(tmp_path / "ander", PASSPHRASE, kdf_target_seconds=0, clock=vault.clock)
    with other:
        anchor = _anchor(other, tmp_path / "ander.txt")
        with other.session() as s:
            trusted = witness.vault_keys(s)
    with pytest.raises(WaakvlamError, match="andere kluis"):
        witness.read_anchor(anchor, trusted, vault.vault_id)


# ---- a chain that only grew verifies ------------------------------------------------------------
def test_a_chain_that_only_grew_verifies(vault: Vault, tmp_path: Path) -> None:
    world = build_world(vault)
    anchor = _anchor(vault, tmp_path / "anker.txt")
    state = PartnerState(tmp_path / "bundle-state.json")
    manifest = _deliver(world, state, tmp_path / "b1.age")
    backup = tmp_path / "kluis.bak"
    create_backup(vault, backup)
    _view_seqs(vault, world.households["fam. Jansen"], 2)
    with vault.session() as s:
        search(s, "buren")
    vault.close()
    cli = Cli(vault.paths.data_dir)
    out = cli.run("audit", "verify", "--anchor", str(anchor)).stdout
    assert "ongewijzigd" in out and "keten is heel" in out
    head = witness.manifest_head(manifest)
    assert head is not None
    cli.run("audit", "verify", "--head", head.text())
    cli.run("audit", "verify", "--backup", str(backup))
    # A new anchor the attacker could make is also valid: it says nothing about the past.
    cli.run("audit", "anchor", "--out", str(tmp_path / "nieuw.txt"))
    cli.run("audit", "verify", "--anchor", str(tmp_path / "nieuw.txt"))


def test_anchor_the_attacker_signs_after_the_rewrite_does_not_clear_the_old_one(
    vault: Vault, tmp_path: Path
) -> None:
    """The honest limit: with the passphrase the attacker has the signing key too, so a
    fresh anchor of the rewritten chain verifies; only an anchor kept elsewhere catches it."""
    hid = build_world(vault).households["fam. Jansen"]
    viewed = _view_seqs(vault, hid, 3)
    old = _anchor(vault, tmp_path / "bij-de-fg.txt")
    vault.close()
    rewrite(vault.paths.data_dir, delete=set(viewed))
    with _open(vault.paths.data_dir) as v:
        fresh = _anchor(v, tmp_path / "vers.txt")
        with v.session() as s:
            assert witness.verify_anchor(s, fresh, v.vault_id)[1].ok
            assert not witness.verify_anchor(s, old, v.vault_id)[1].ok


# ---- restoring a backup says what it rolled back ---------------------------------------------
def test_restore_records_the_range_it_rolled_back(vault: Vault, tmp_path: Path) -> None:
    build_world(vault)
    backup = tmp_path / "kluis.bak"
    create_backup(vault, backup)
    info = read_backup_info(backup)
    assert info.audit_head is not None
    with vault.session() as s:
        search(s, "buren")
    anchor = _anchor(vault, tmp_path / "anker.txt")
    with vault.session() as s:
        replaced = audit_head(s)
    vault.close()
    when = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    restore_backup(backup, vault.paths.data_dir, PASSPHRASE, replace=True, now=when)
    with _open(vault.paths.data_dir) as v, v.session() as s:
        event = audit.audit_rows(s, action="restore", limit=1)[0]
        restored_head = read_backup_info(backup).audit_head
        assert restored_head is not None
        # The restored chain ends just before the restore event: from there on, the events
        # of the replaced vault are gone.
        assert f"kop={restored_head.text()}" in event.detail
        assert f"vervangen kop={replaced.text()}" in event.detail
        assert f"teruggedraaid={event.seq}-{replaced.seq}" in event.detail
        _, verdict = witness.verify_anchor(s, anchor, v.vault_id)
    assert not verdict.ok and verdict.text is audit.WITNESS_ROLLED_BACK
    text = verdict.message("nl")
    assert "terugzetten van een back-up" in text and f"(gebeurtenis {event.seq})" in text


def test_head_of_a_fresh_vault_is_genesis(vault: Vault) -> None:
    with vault.session() as s:
        assert verify_witness(s, AuditHead(0, audit.GENESIS)).ok

"""The audit term's checkpoint, attacked by someone who can open the vault.

Such a person holds the vault's signing key (it is stored in the vault), so a signature
alone proves nothing against them. What must hold anyway: no checkpoint through the app
with a cut-off younger than the shortest audit term (12 months), also with the setting
lowered behind the app's back; ``audit verify`` rejects a checkpoint whose cut-off is
younger than that before its own time, whose time lies in the future, whose counts do
not add up to the events it replaced, or that goes back on an earlier one; and a witness
(an anchor) made after a checkpoint's cut-off but now hidden behind it is reported.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import delete, func, insert, select

from tests.e2e.conftest import Cli, one_line_error
from tests.helpers import add_household
from waakvlam_desktop.bundles import witness
from waakvlam_desktop.clock import FixedClock, utc_naive
from waakvlam_desktop.domain.types import VisitKind
from waakvlam_desktop.domain.visits import VisitInput, record_visit
from waakvlam_desktop.errors import VaultError
from waakvlam_desktop.privacy.retention import run_retention
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.audit import audit_head, verify_chain
from waakvlam_desktop.storage.models import AuditCheckpoint, AuditEvent, Setting
from waakvlam_desktop.storage.vault import Vault


def _visits(vault: Vault, hid: str, n: int) -> None:
    for i in range(n):
        with vault.session() as s:
            record_visit(s, VisitInput(hid, VisitKind.REGULIER, notes=f"Bezoek {i}"))


def _now(vault: Vault) -> datetime:
    with vault.session() as s:
        return utc_naive(s.info["clock"].now())


def _forge(
    vault: Vault,
    upto: int,
    *,
    made_at: datetime,
    before: datetime,
    counts: dict[str, int] | None = None,
) -> None:
    """What a person with the vault open can do without the app: sign a checkpoint with
    the vault's own key, insert it and delete the events it claims (the triggers let
    them, since it is the newest checkpoint)."""
    with vault.session() as s:
        if counts is None:
            counts = dict(
                s.execute(
                    select(AuditEvent.action, func.count())
                    .where(AuditEvent.seq <= upto)
                    .group_by(AuditEvent.action)
                ).all()
            )
        counts_text = json.dumps(dict(sorted(counts.items())), separators=(",", ":"))
        digest = s.scalar(select(AuditEvent.hash).where(AuditEvent.seq == upto))
        assert digest is not None
        key = audit._signing_key(s)
        message = audit._checkpoint_message(upto, made_at, before, digest, counts_text, key.key_id)
        signature = Ed25519PrivateKey.from_private_bytes(key.private_key).sign(message)
        s.execute(
            insert(AuditCheckpoint).values(
                seq=upto,
                made_at=made_at,
                before=before,
                hash=digest,
                counts=counts_text,
                key_id=key.key_id,
                signature=signature,
            )
        )
        s.execute(delete(AuditEvent).where(AuditEvent.seq <= upto))


def _head(vault: Vault) -> int:
    with vault.session() as s:
        return audit_head(s).seq


def _bad_checkpoint(vault: Vault, seq: int) -> None:
    with vault.session() as s:
        verdict = verify_chain(s)
    assert not verdict.ok
    assert verdict.first_bad_seq == seq
    assert verdict.text is audit.CHAIN_BROKEN_CHECKPOINT


# ---- through the app ------------------------------------------------------------------------
def test_the_app_makes_no_checkpoint_younger_than_the_shortest_term(vault: Vault) -> None:
    _visits(vault, add_household(vault), 3)
    now = _now(vault)
    with vault.session() as s, pytest.raises(VaultError) as refused:
        audit.checkpoint_before(s, now - timedelta(days=30))
    assert refused.value.message is audit.CHECKPOINT_TOO_RECENT
    with vault.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditCheckpoint)) == 0
        assert s.scalar(select(func.min(AuditEvent.seq))) == 1


def test_a_term_lowered_in_the_database_does_not_shorten_it(
    vault: Vault, clock: FixedClock
) -> None:
    """The setting's range (12-240) is checked when it is saved through the app; a value
    written into the settings table directly is held to it when it is used."""
    _visits(vault, add_household(vault), 2)
    with vault.session() as s:
        s.merge(Setting(key="audit_retention_months", value_json="0"))  # not save_setting
    clock.advance(timedelta(days=60))
    assert run_retention(vault).audit_checkpoint is None
    with vault.session() as s:
        assert s.scalar(select(func.min(AuditEvent.seq))) == 1
        assert verify_chain(s).ok


# ---- with raw SQL and the vault's own key ---------------------------------------------------
def test_a_forged_checkpoint_hiding_recent_events_is_detected(vault: Vault) -> None:
    _visits(vault, add_household(vault), 3)
    upto = _head(vault) - 1
    now = _now(vault)
    _forge(vault, upto, made_at=now, before=now)
    _bad_checkpoint(vault, upto)


def test_a_forged_checkpoint_dated_in_the_future_is_detected(vault: Vault) -> None:
    """Cut-off now and 'made' thirteen months from now: the term looks kept, the date
    cannot be."""
    _visits(vault, add_household(vault), 3)
    upto = _head(vault) - 1
    now = _now(vault)
    _forge(vault, upto, made_at=now + timedelta(days=400), before=now)
    _bad_checkpoint(vault, upto)


def test_a_checkpoint_made_with_the_clock_set_ahead_is_detected_later(
    vault: Vault, clock: FixedClock
) -> None:
    """The machine's clock set six years ahead for one retention run: everything is
    'old'. Once the clock is right again, the checkpoint lies in the future."""
    _visits(vault, add_household(vault), 3)
    clock.advance(timedelta(days=6 * 366))
    upto = run_retention(vault).audit_checkpoint
    assert upto is not None
    with vault.session() as s:
        assert verify_chain(s).ok  # at the false time it holds
    clock.advance(-timedelta(days=6 * 366))
    _bad_checkpoint(vault, upto)


def test_a_forged_checkpoint_whose_counts_do_not_add_up_is_detected(
    vault: Vault, clock: FixedClock
) -> None:
    _visits(vault, add_household(vault), 3)
    upto = _head(vault)
    clock.advance(timedelta(days=6 * 366))
    _visits(vault, add_household(vault, "fam. Later", 14), 1)
    now = _now(vault)
    _forge(vault, upto, made_at=now, before=now - timedelta(days=5 * 366), counts={"create": 1})
    _bad_checkpoint(vault, upto)


def test_a_second_checkpoint_that_goes_back_on_the_first_is_detected(
    vault: Vault, clock: FixedClock
) -> None:
    """Counts are cumulative: a later checkpoint that drops actions counted by an earlier
    one (to make what was deleted look smaller) is caught, even with a valid signature."""
    hid = add_household(vault)
    _visits(vault, hid, 3)
    clock.advance(timedelta(days=6 * 366))
    first = run_retention(vault).audit_checkpoint
    assert first is not None
    # That run anonymised the household (six years without activity): the visits since
    # are another's (an anonymised household takes no visit, 0022).
    hid = add_household(vault, "fam. de Vries", number=14)
    _visits(vault, hid, 2)
    upto = _head(vault)
    clock.advance(timedelta(days=6 * 366))
    _visits(vault, hid, 1)
    now = _now(vault)
    with vault.session() as s:
        kept = dict(
            s.execute(
                select(AuditEvent.action, func.count())
                .where(AuditEvent.seq <= upto)
                .group_by(AuditEvent.action)
            ).all()
        )
    # Only the actions since the first checkpoint, padded so the sum still matches.
    kept["view"] = kept.get("view", 0) + first
    _forge(vault, upto, made_at=now, before=now - timedelta(days=5 * 366), counts=kept)
    _bad_checkpoint(vault, upto)


# ---- witnesses ------------------------------------------------------------------------------
def test_an_anchor_made_after_the_cut_off_of_a_checkpoint_that_hides_it_is_reported(
    vault: Vault, clock: FixedClock, tmp_path: Path
) -> None:
    """Two years of events, an anchor a month ago, then a checkpoint (signed with the
    vault's key, cut-off exactly twelve months back, made now) that replaces everything
    up to today: the chain verifies, but the anchor shows the cut-off is a lie."""
    hid = add_household(vault)
    _visits(vault, hid, 2)
    clock.advance(timedelta(days=700))
    _visits(vault, hid, 2)
    anchor = tmp_path / "anchor.txt"
    with vault.session() as s:
        witness.write_anchor(s, "vault-1", anchor)
    clock.advance(timedelta(days=30))
    _visits(vault, hid, 2)
    upto = _head(vault) - 1
    now = _now(vault)
    _forge(vault, upto, made_at=now, before=now - timedelta(days=366))
    with vault.session() as s:
        assert verify_chain(s).ok  # nothing in the vault itself can tell
        _, verdict = witness.verify_anchor(s, anchor, "vault-1")
    assert not verdict.ok
    assert verdict.text is audit.WITNESS_CHECKPOINT_TOO_NEW


def test_an_anchor_older_than_an_honest_checkpoint_still_holds(
    vault: Vault, clock: FixedClock, tmp_path: Path
) -> None:
    hid = add_household(vault)
    _visits(vault, hid, 2)
    anchor = tmp_path / "anchor.txt"
    with vault.session() as s:
        witness.write_anchor(s, "vault-1", anchor)
    _visits(vault, hid, 1)
    clock.advance(timedelta(days=6 * 366))
    _visits(vault, hid, 1)
    assert run_retention(vault).audit_checkpoint is not None
    with vault.session() as s:
        _, verdict = witness.verify_anchor(s, anchor, "vault-1")
    assert verdict.ok and verdict.text is audit.WITNESS_BEFORE_CHECKPOINT


def test_a_bundle_head_seen_after_the_cut_off_is_reported_with_its_day(
    vault: Vault, clock: FixedClock
) -> None:
    """A head from a partner's ``bundle heads`` has no signed time, only the day it lists:
    ``audit verify --head N:HASH --seen DAY`` holds the checkpoint to that day."""
    hid = add_household(vault)
    _visits(vault, hid, 2)
    clock.advance(timedelta(days=700))
    _visits(vault, hid, 2)
    with vault.session() as s:
        head = audit_head(s)
    seen_on = clock.now().date()
    clock.advance(timedelta(days=30))
    _visits(vault, hid, 2)
    upto = _head(vault) - 1
    now = _now(vault)
    _forge(vault, upto, made_at=now, before=now - timedelta(days=366))
    with vault.session() as s:
        assert audit.verify_witness(s, head).ok  # without a day: only "replaced"
        verdict = audit.verify_witness(s, head, witnessed_at=witness.seen_moment(seen_on))
    assert not verdict.ok and verdict.text is audit.WITNESS_CHECKPOINT_TOO_NEW
    assert "vastgelegd na de grensdatum" in verdict.message("nl")


def test_seen_belongs_with_head(vault: Vault) -> None:
    _visits(vault, add_household(vault), 1)
    with vault.session() as s:
        head = audit_head(s)
    vault.close()
    cli = Cli(vault.paths.data_dir)
    one_line_error(cli.run("audit", "verify", "--seen", "2026-11-27", ok=False), 2, "--head")
    one_line_error(
        cli.run("audit", "verify", "--head", head.text(), "--seen", "gisteren", ok=False),
        2,
        "--seen",
    )
    assert (
        "De keten is heel"
        in cli.run("audit", "verify", "--head", head.text(), "--seen", "2026-11-27").stdout
    )

"""Feedback as users run it (#17): the partner's `bundle keygen` and `bundle reply` in
their own folder, the corporation's `partner edit --signing-key` and `feedback import` on
its vault. Real processes, real files, real keys."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from tests.bundle_helpers import build_world
from tests.conftest import PASSPHRASE
from tests.e2e.conftest import Cli, one_line_error
from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.referrals import change_status
from waakvlam_desktop.domain.types import ReferralStatus
from waakvlam_desktop.storage.models import Partner
from waakvlam_desktop.storage.vault import Vault


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """The partner's trust state lives in the partner's folder."""
    return {"WAAKVLAM_BUNDLE_STATE": str(tmp_path / "partner" / "state.json")}


def test_keygen_reply_and_import(cli: Cli, tmp_path: Path) -> None:
    partner_dir = tmp_path / "partner"
    partner_dir.mkdir()
    key = partner_dir / "sleutel.txt"
    made = cli.run("bundle", "keygen", "--out", str(key))
    recipient = made.stdout.strip()
    assert recipient.startswith("age1") and "\n" not in recipient  # stdout: one line
    signing_line = next(ln for ln in made.stderr.splitlines() if ln.startswith("waakvlam-ed25519:"))
    assert (partner_dir / "sleutel.txt.sign").exists()
    assert "sleutel-id" in made.stderr
    # keygen refuses when either file exists, and then writes nothing.
    (partner_dir / "tweede.txt.sign").write_text("bestaat al\n")
    cli.run("bundle", "keygen", "--out", str(partner_dir / "tweede.txt"), ok=False)
    assert not (partner_dir / "tweede.txt").exists()

    # The corporation: partners, referrals sent to the Wijkteam, a bundle to its key.
    vault = Vault.open(
        cli.data_dir, PASSPHRASE, clock=FixedClock(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))
    )
    try:
        world = build_world(vault)
        jansen, ozturk = world.referrals["fam. Jansen"], world.referrals["mw. Öztürk"]
        with vault.session() as s:
            s.execute(
                update(Partner)
                .where(Partner.id == world.partners["Wijkteam"])
                .values(age_recipients=json.dumps([recipient]))
            )
            for ref in (jansen, ozturk):
                change_status(s, ref, ReferralStatus.VERSTUURD)
            bundle = export_bundle(
                s, world.partners["Wijkteam"], Period.parse("2026-11"), partner_dir
            ).path
    finally:
        vault.close()

    pub = partner_dir / "signing.pub"
    pub.write_text(signing_line + "\n")
    pinned = cli.run("partner", "edit", "Wijkteam", "--signing-key", str(pub), "--json")
    assert "vastgelegd" in pinned.stderr
    key_id = json.loads(pinned.stdout)["signing_key_id"]
    assert len(key_id) == 32 and " ".join(key_id[i : i + 4] for i in range(0, 32, 4)) in made.stderr
    partners = cli.json("partner", "list")
    assert isinstance(partners, list)
    assert {p["name"]: p["signing_key_id"] for p in partners}["Wijkteam"] == key_id
    assert {p["name"]: p["signing_key_id"] for p in partners}["GGD"] is None
    org = partner_dir / "corporatie.pub"
    cli.run("org", "public-key", "--out", str(org))
    cli.run("bundle", "trust", str(org), "--yes")

    # The partner answers; an unknown kenmerk is refused and writes nothing.
    reply = partner_dir / "terugkoppeling.age"
    refused = cli.run(
        "bundle", "reply", str(bundle), "--identity", str(key),
        "--status", "WV-2026-9999=contact", "--out", str(reply), ok=False,
    )  # fmt: skip
    one_line_error(refused, 1, "WV-2026-9999")
    assert not reply.exists()
    written = cli.run(
        "bundle", "reply", str(bundle), "--identity", str(key),
        "--status", f"{jansen}=afgesloten:2026-11-20:Budgetcoach loopt",
        "--status", f"{ozturk}=afgewezen:2026-11-21:Buiten ons gebied",
        "--out", str(reply),
    )  # fmt: skip
    assert str(reply) in written.stdout and "afgesloten" in written.stdout
    assert reply.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert b"Budgetcoach" not in reply.read_bytes()

    waiting = cli.json("referral", "list", "--waiting")
    assert isinstance(waiting, list)
    assert {jansen, ozturk} <= {w["reference"] for w in waiting}
    report = cli.json("feedback", "import", str(reply))
    assert isinstance(report, dict) and report["partner"] == "Wijkteam"
    changes = {c["kenmerk"]: c for c in report["changes"]}
    assert changes[jansen]["to_status"] == "afgesloten" and changes[jansen]["changed"]
    assert changes[ozturk]["feedback"] == "afgewezen"
    assert changes[ozturk]["note"] == "Buiten ons gebied"
    waiting = cli.json("referral", "list", "--waiting")
    assert isinstance(waiting, list)
    assert not {jansen, ozturk} & {w["reference"] for w in waiting}

    # Replayed: one sentence, exit 1, nothing written (the audit log is as it was).
    head = cli.json("audit", "list", "--limit", "1")
    one_line_error(cli.run("feedback", "import", str(reply), ok=False), 1, "al ingelezen")
    assert cli.json("audit", "list", "--limit", "1") == head

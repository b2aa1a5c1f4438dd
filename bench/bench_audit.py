"""Audit witnesses benchmark: a signed anchor and its verification on a long audit log.

Workload: a vault with one household and ``events`` "view" events (a busy office logs a
few hundred thousand over the years). Figures: chain verification, anchor writing (file
size: 8 bytes per event), verification against the anchor, and locating a rewrite.
"""

from __future__ import annotations

import shutil
from typing import Any

from bench import common
from bench.common import save, table, timed
from waakvlam_desktop.bundles.witness import verify_anchor, write_anchor
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.demo import fixed_demo_now
from waakvlam_desktop.domain.households import add_address, add_household, view_household
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.storage.audit import verify_chain
from waakvlam_desktop.storage.vault import Vault

PASSPHRASE = "benchmark passphrase for waakvlam"
BATCH = 5_000


def run(events: int = 100_000) -> dict[str, Any]:
    work = common.WORK / "audit"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    clock = FixedClock(fixed_demo_now())
    vault = Vault.create(work / "vault", PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with vault.session() as s:
        vault.actor = initialise(s, organisation="Bench", staff_name="Bench").id
        address = add_address(s, street="Lindelaan", number=1, postcode="3533 AB", city="Utrecht")
        hid = add_household(s, address.id, "fam. Bench").id
    done = 0
    while done < events:
        with vault.session() as s:
            for _ in range(min(BATCH, events - done)):
                view_household(s, hid)
                done += 1
    figures: dict[str, Any] = {"events": events}
    with vault.session() as s:
        figures["verify_chain_seconds"] = timed(lambda: verify_chain(s))[0]
    anchor = work / "anker.txt"
    with vault.session() as s:
        secs, head = timed(lambda: write_anchor(s, vault.vault_id, anchor))
    figures["anchor_write_seconds"] = secs
    figures["anchor_kb"] = anchor.stat().st_size / 1024
    with vault.session() as s:
        secs, (_a, verdict) = timed(lambda: verify_anchor(s, anchor, vault.vault_id))
    assert verdict.ok, verdict.message()
    figures["anchor_verify_seconds"] = secs
    figures["head_seq"] = head.seq
    vault.close()
    shutil.rmtree(work, ignore_errors=True)
    save("audit", figures)
    table(
        "audit",
        figures,
        {
            "anchor_write_seconds": "CLI: once a month",
            "anchor_verify_seconds": "goal < 5 s at 100k events",
        },
    )
    return figures


if __name__ == "__main__":
    import sys

    run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)

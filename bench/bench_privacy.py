"""Privacy benchmark: retention review and purge (+ VACUUM), backup, restore, inzage.

Workload: ``demo --households N``; the retention figures are the worst case — every
household expired at once (judged six years after the demo date).
"""

from __future__ import annotations

import shutil
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from bench import common
from bench.common import median, save, table, timed
from waakvlam_desktop.clock import FixedClock, local_today
from waakvlam_desktop.domain.demo import fixed_demo_now, generate_demo
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.privacy.backup import create_backup, restore_backup
from waakvlam_desktop.privacy.inzage import write_inzage
from waakvlam_desktop.privacy.retention import retention_review, run_retention
from waakvlam_desktop.storage.models import Resident
from waakvlam_desktop.storage.vault import Vault

PASSPHRASE = "benchmark passphrase for waakvlam"


def run(households: int = 10_000) -> dict[str, Any]:
    work = common.WORK / "privacy"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    clock = FixedClock(fixed_demo_now())
    vault = Vault.create(work / "vault", PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with vault.session() as s:
        vault.actor = initialise(s, organisation="Bench", staff_name="Bench").id
    generate_demo(vault.session, households, seed=1)
    figures: dict[str, Any] = {"households": households}
    figures["db_size_mb"] = (work / "vault" / "vault.db").stat().st_size / 1e6

    with vault.session() as s:
        residents = list(s.scalars(select(Resident.id).limit(5)))
    inzage = []
    for rid in residents:
        with vault.session() as s:
            inzage.append(timed(lambda s=s, rid=rid: write_inzage(s, rid, work / "inzage"))[0])
    figures["inzage_ms"] = median(inzage) * 1000

    # The floor for backup and restore: a plain copy of the same bytes.
    secs, _ = timed(lambda: shutil.copyfile(work / "vault" / "vault.db", work / "copy.db"))
    figures["plain_copy_seconds"] = secs
    (work / "copy.db").unlink()
    secs, info = timed(lambda: create_backup(vault, work / "b.wvbackup"))
    figures["backup_seconds"] = secs
    figures["backup_size_mb"] = info.file_bytes / 1e6
    secs, _ = timed(lambda: restore_backup(work / "b.wvbackup", work / "restored", PASSPHRASE))
    figures["restore_seconds"] = secs
    copy = figures["plain_copy_seconds"] or 1e-9
    figures["backup_to_copy_ratio"] = figures["backup_seconds"] / copy
    figures["restore_to_copy_ratio"] = secs / copy

    # Everyday: the demo's own date, when (almost) nothing has expired.
    with vault.session() as s:
        secs, rows = timed(lambda: retention_review(s))
    figures["retention_review_everyday_seconds"] = secs
    figures["retention_review_everyday_rows"] = len(rows)
    later = local_today(clock) + timedelta(days=6 * 366)
    with vault.session() as s:
        secs, rows = timed(lambda: retention_review(s, later))
    figures["retention_review_seconds"] = secs
    figures["retention_rows"] = len(rows)
    # The run happens on that day: the vault's clock moves there too, as the computer's
    # would (the audit checkpoint is dated by the clock and must be past the audit term).
    clock.set(datetime.combine(later, time(12, 0)).astimezone())
    secs, result = timed(lambda: run_retention(vault, later))
    figures["retention_run_seconds"] = secs
    figures["retention_anonymised"] = result.totals()["anonymised"]
    figures["db_size_after_purge_mb"] = (work / "vault" / "vault.db").stat().st_size / 1e6
    figures["size_after_purge_share"] = figures["db_size_after_purge_mb"] / figures["db_size_mb"]
    vault.close()
    shutil.rmtree(work, ignore_errors=True)
    save("privacy", figures)
    table(
        "privacy",
        figures,
        {
            "inzage_ms": "goal < 1 s",
            "retention_review_everyday_seconds": "goal < 1 s (GUI list)",
            "retention_review_seconds": "worst case: every household expired",
            "backup_seconds": "background task",
            "size_after_purge_share": "goal <= 0.10 (#16)",
        },
    )
    return figures


if __name__ == "__main__":
    import sys

    run(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)

"""Continuity benchmark (#19): a team-folder backup, and a recovery with the organisation
key from 2 of 3 shares (combine, age, install, check, rekey, audit event, notice).

Workload: ``demo --households N`` with the recovery key set. The recovery's Argon2 runs
at the production target (0.5 s) for the new passphrase, as ICT would see it.
"""

from __future__ import annotations

import shutil
from datetime import date
from typing import Any

from bench import common
from bench.common import save, table, timed
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.demo import fixed_demo_now, generate_demo
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.privacy.continuity import (
    backup_to_folder,
    create_recovery_key,
    read_recovery_public,
    recover_backup,
    set_recovery_key,
    share_words_from_file,
)
from waakvlam_desktop.storage.vault import Vault

PASSPHRASE = "benchmark passphrase for waakvlam"
NEW_PASSPHRASE = "the colleague who takes over 2026"


def run(households: int = 10_000) -> dict[str, Any]:
    work = common.WORK / "continuity"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    clock = FixedClock(fixed_demo_now())
    vault = Vault.create(work / "vault", PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with vault.session() as s:
        vault.actor = initialise(s, organisation="Bench", staff_name="Bench").id
    generate_demo(vault.session, households, seed=1)
    figures: dict[str, Any] = {"households": households}
    figures["db_size_mb"] = (work / "vault" / "vault.db").stat().st_size / 1e6

    secs, made = timed(
        lambda: create_recovery_key(
            work / "key", shares=3, threshold=2, organisation="Bench", today=date(2026, 1, 1)
        )
    )
    figures["create_key_seconds"] = secs
    public = read_recovery_public(made.public_file)
    secs, _ = timed(lambda: set_recovery_key(vault, PASSPHRASE, public))
    figures["set_recovery_seconds"] = secs
    team = work / "team"
    team.mkdir()
    secs, backup = timed(lambda: backup_to_folder(vault, team))
    figures["folder_backup_seconds"] = secs
    figures["backup_size_mb"] = backup.info.file_bytes / 1e6
    vault.close()

    shares = [share_words_from_file(p) for p in made.texts[:2]]
    secs, _ = timed(
        lambda: recover_backup(
            backup.info.path,
            shares,
            work / "recovered",
            NEW_PASSPHRASE,
            reason="benchmark",
            by="bench",
            kdf_target_seconds=0.5,
        )
    )
    figures["recover_seconds"] = secs
    shutil.rmtree(work, ignore_errors=True)
    save("continuity", figures)
    table(
        "continuity",
        figures,
        {
            "folder_backup_seconds": "background task (at lock, daily)",
            "recover_seconds": "ICT, once; includes a rekey and Argon2 at 0.5 s",
        },
    )
    return figures


if __name__ == "__main__":
    import sys

    run(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)

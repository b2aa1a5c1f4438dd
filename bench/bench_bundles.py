"""Bundle benchmark: handover export of the demo vault, per stage, against a floor; open;
and the handover import into a colleague's empty vault (first import, then the same bundle
again: every row unchanged) with every value validated and every row audited.

Workload: ``demo --households N`` (default 10,000, about 100k visits) and one partner with
the handover profile. Export = ``export_bundle`` (query, serialise, summary, sign, zip,
encrypt, write, history). Floor, measured in the same run: one plain ``SELECT *`` per
handover table (DB-API, no processing) plus ``pyrage.encrypt`` of the same zip plaintext.
Open = ``open_file`` of that bundle (decrypt, checks, write the members).
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from pathlib import Path
from typing import Any

import pyrage
from sqlalchemy import func, select

from bench import common
from bench.common import median, save, table
from waakvlam_desktop.bundles.collect import HANDOVER_TABLES
from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.bundles.importer import import_handover, pinned_sender
from waakvlam_desktop.bundles.keys import (
    load_identity,
    org_public_key,
    parse_public_key,
    write_identity,
)
from waakvlam_desktop.bundles.partner_state import PartnerState
from waakvlam_desktop.bundles.reader import open_file, verify_bytes
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.colleagues import add_colleague
from waakvlam_desktop.domain.demo import fixed_demo_now, generate_demo
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.partners import add_partner, get_partner
from waakvlam_desktop.domain.setup import default_staff, initialise
from waakvlam_desktop.domain.types import DataProfile, PartnerType
from waakvlam_desktop.errors import ExportError
from waakvlam_desktop.storage.models import AuditEvent, Household
from waakvlam_desktop.storage.vault import Vault

PASSPHRASE = "benchmark passphrase for waakvlam"
ROUNDS = 3


def _floor_select(vault: Vault) -> float:
    with vault.session() as s:
        cursor = s.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        start = time.perf_counter()
        for t in HANDOVER_TABLES:
            cursor.execute(f"SELECT * FROM {t.name}")
            cursor.fetchall()
        took = time.perf_counter() - start
        cursor.close()
    return took


def _prepare(base: Path, households: int) -> tuple[Vault, str, Any, Any]:
    """The demo vault with a handover partner. ``WAAKVLAM_BENCH_KEEP=1`` keeps it for the
    next run (the opened bundles, plaintext demo data, are always removed)."""
    clock = FixedClock(fixed_demo_now())
    key_file = base / "identity.txt"
    if os.environ.get("WAAKVLAM_BENCH_KEEP") and key_file.exists():
        vault = Vault.open(base / "vault", PASSPHRASE, clock=clock)
        with vault.session() as s:
            vault.actor = default_staff(s).id  # type: ignore[union-attr]
            pid = get_partner(s, "Collega").id
            sender = parse_public_key(org_public_key(s).file_text())
            count = s.scalar(select(func.count(Household.id)))
        if count == households:
            return vault, pid, load_identity(key_file), sender
        vault.close()
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    vault = Vault.create(base / "vault", PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with vault.session() as s:
        vault.actor = initialise(s, organisation="Bench", staff_name="Bench").id
    generate_demo(vault.session, households, seed=1)
    recipient = write_identity(key_file)
    with vault.session() as s:
        pid = add_partner(
            s,
            name="Collega",
            type=PartnerType.COLLEGA,
            recipients=[recipient],
            profile=DataProfile.HANDOVER,
        ).id
        sender = parse_public_key(org_public_key(s).file_text())
    return vault, pid, load_identity(key_file), sender


def _import_figures(base: Path, data: bytes, identity: Any, sender: Any) -> dict[str, float]:
    """``bundle import`` of the handover into a new colleague's vault, twice."""
    clock = FixedClock(fixed_demo_now())
    target = Vault.create(base / "colleague", PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with target.session() as s:
        target.actor = initialise(s, organisation="Bench", staff_name="Collega").id
        add_colleague(s, "Bron", sender.public_key)
    times = []
    rows = 0
    for _ in range(2):
        start = time.perf_counter()
        with target.session() as s:
            bundle = verify_bytes(data, identity, pinned_sender(s))
            report = import_handover(s, bundle, confirm_partners=True)
        times.append(time.perf_counter() - start)
        rows = max(rows, sum(report.added.values()))
    with target.session() as s:
        audit_events = s.scalar(select(func.count(AuditEvent.seq))) or 0
    target.close()
    shutil.rmtree(base / "colleague", ignore_errors=True)
    return {
        "handover_import_seconds": times[0],
        "handover_reimport_seconds": times[1],
        "handover_import_rows": float(rows),
        "handover_import_audit_events": float(audit_events),
    }


def _aggregate_export(vault: Vault, recipient: str, period: Period, base: Path) -> float:
    """Median time of an aggregate export (a new partner each round: no period twice)."""
    times = []
    for i in range(ROUNDS):
        with vault.session() as s:
            aid = add_partner(
                s,
                name=f"Gemeente bench {uuid.uuid4().hex[:8]}",
                type=PartnerType.GEMEENTE,
                recipients=[recipient],
                profile=DataProfile.AGGREGATE,
            ).id
        folder = base / f"export-aggregate{i}"
        folder.mkdir()
        start = time.perf_counter()
        with vault.session() as s:
            export_bundle(s, aid, period, folder)
        times.append(time.perf_counter() - start)
    return median(times)


def _refused(
    base: Path, vault: Vault, households: int, seconds: float, exc: ExportError
) -> dict[str, Any]:
    """The handover refused before anything is written (a bundle a reader would refuse for
    its size is never made): what the user waited for the refusal, and its message."""
    vault.close()
    if not os.environ.get("WAAKVLAM_BENCH_KEEP"):
        shutil.rmtree(base, ignore_errors=True)
    figures: dict[str, Any] = {
        "households": households,
        "handover_refused_after_seconds": seconds,
        "handover_refused": str(exc),
    }
    save("bundles", figures)
    table("export bundles (handover)", figures, {})
    return figures


def run(households: int = 10_000) -> dict[str, Any]:
    base = common.WORK / "bundles"
    base.mkdir(parents=True, exist_ok=True)
    for old in base.glob("export*"):
        shutil.rmtree(old)
    vault, pid, identity, sender = _prepare(base, households)
    recipient = identity.to_public()
    period = Period.parse("2026-10")

    runs: list[tuple[float, dict[str, float], Path]] = []
    for i in range(ROUNDS):
        folder = base / f"export{i}"
        folder.mkdir()
        start = time.perf_counter()
        try:
            with vault.session() as s:
                result = export_bundle(s, pid, period, folder)
        except ExportError as exc:  # too large for one bundle (50,000 households): refused
            return _refused(base, vault, households, time.perf_counter() - start, exc)
        runs.append((time.perf_counter() - start, result.timings, result.path))
    runs.sort(key=lambda r: r[0])
    total, stages, path = runs[len(runs) // 2]
    figures: dict[str, Any] = {"households": households}
    figures["handover_export_seconds"] = total
    for stage, secs in stages.items():
        figures[f"stage_{stage}_seconds"] = secs
    data = path.read_bytes()
    plaintext = pyrage.decrypt(data, [identity])
    figures["bundle_mb"] = len(data) / 1e6
    figures["plaintext_zip_mb"] = len(plaintext) / 1e6

    selects = [_floor_select(vault) for _ in range(ROUNDS)]
    encrypts = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        pyrage.encrypt(plaintext, [recipient])
        encrypts.append(time.perf_counter() - start)
    figures["floor_select_seconds"] = median(selects)
    figures["floor_encrypt_seconds"] = median(encrypts)
    floor = figures["floor_select_seconds"] + figures["floor_encrypt_seconds"]
    figures["floor_seconds"] = floor
    figures["ratio_export_to_floor"] = total / floor if floor else 0.0
    figures["aggregate_export_seconds"] = _aggregate_export(vault, str(recipient), period, base)
    vault.close()

    opens = []
    for i in range(ROUNDS):
        out = base / f"open{i}"
        start = time.perf_counter()
        state = PartnerState(base / f"state{i}.json")
        state.trust("Bench", sender)
        open_file(path, identity, out, state)
        opens.append(time.perf_counter() - start)
    figures["bundle_open_seconds"] = median(opens)
    figures.update(_import_figures(base, data, identity, sender))
    for i in range(ROUNDS):  # the opened folders are plaintext (demo) data: never keep them
        shutil.rmtree(base / f"open{i}", ignore_errors=True)
        (base / f"state{i}.json").unlink(missing_ok=True)
    if not os.environ.get("WAAKVLAM_BENCH_KEEP"):
        shutil.rmtree(base, ignore_errors=True)
    save("bundles", figures)
    table(
        "export bundles (handover)",
        figures,
        {
            "handover_export_seconds": "goal < 5 s",
            "ratio_export_to_floor": "goal <= 3",
            "bundle_open_seconds": "goal < 3 s",
            "handover_import_seconds": "10k households, validated and audited per row",
        },
    )
    return figures


if __name__ == "__main__":
    import sys

    run(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)

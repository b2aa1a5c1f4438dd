"""Foundation benchmark: demo generation, KDF, open, search, record-visit, key changes;
SQLCipher vs plain.

Workload: ``demo --households N`` (default 10,000, about 100k visits). The same workload on
a plain SQLite file (same schema, no key) gives the encryption overhead as a ratio.

Search and record-visit are measured once both demos are built, in both vaults opened
afresh (as the app has it), one sample in each in turn (each vault first every other
time), so that whatever slows the machine
or the disk meanwhile (a visit's commit waits for the disk: ``synchronous = FULL``) slows
both alike. Measured one vault after the other, each in the connection that had just
written its demo, the ratios at 1,000 households came out 1.24 and 0.56 (search), 1.13 and
0.65 (a visit) in two runs; in turn, 1.04-1.16 and 1.04-1.07 in three
(docs/benchmarks.md).
"""

from __future__ import annotations

import ctypes
import mmap
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench import common
from bench.common import median, percentile, save, table, timed
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.demo import fixed_demo_now, generate_demo
from waakvlam_desktop.domain.search import search
from waakvlam_desktop.domain.setup import default_staff, initialise
from waakvlam_desktop.domain.types import VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.storage import keys
from waakvlam_desktop.storage.models import Household, Visit
from waakvlam_desktop.storage.vault import Vault, VaultPaths, make_engine

PASSPHRASE = "benchmark passphrase for waakvlam"
QUERIES = [
    "post",
    "ongeopende post",
    "schulden",
    "energieleverancier",
    "somber",
    "vergeetachtig",
    "buurthuis",
    "geluid bovenburen",
    "huisarts",
    "wijkteam",
    "formulieren gemeente",
    "badkamer vervuild",
    "kinderen",
    "zoon",
    "huurverhoging",
    "afspraak",
    "koffie",
    "voordeur",
    "buurvrouw",
    "zorgen",
]


def _use(vaults: list[Vault]) -> list[dict[str, float]]:
    """Search and record-visit in each vault, opened afresh, sample by sample in turn: a
    disk busy writing back one demo, or the machine busy otherwise, slows all alike."""
    for vault in vaults:
        with vault.session() as s:
            vault.actor = default_staff(s).id
    searches: list[list[float]] = [[] for _ in vaults]
    for n, q in enumerate(QUERIES * 3):
        for at in _turns(len(vaults), n):
            with vaults[at].session() as s:
                t, _hits = timed(lambda q=q, s=s: search(s, q, limit=50))
            searches[at].append(t * 1000)
    with vaults[0].session() as s:  # the same households in each: one demo, one seed
        hids = list(
            s.scalars(Household.__table__.select().with_only_columns(Household.id).limit(200))
        )
    visits: list[list[float]] = [[] for _ in vaults]
    for i, hid in enumerate(hids):
        data = VisitInput(
            hid,
            VisitKind.REGULIER,
            notes=f"Benchmarkbezoek {i}: koffie gedronken.",
            signals=[SignalInput("sociaal.eenzaamheid", 1)],
        )
        for at in _turns(len(vaults), i):
            start = time.perf_counter()
            with vaults[at].session() as s:
                record_visit(s, data)
            visits[at].append((time.perf_counter() - start) * 1000)
    return [
        {
            "search_p50_ms": percentile(samples, 50),
            "search_p95_ms": percentile(samples, 95),
            "record_visit_p50_ms": median(lat),
            "record_visit_p95_ms": percentile(lat, 95),
        }
        for samples, lat in zip(searches, visits, strict=True)
    ]


def _turns(count: int, n: int) -> list[int]:
    """The order of the vaults for sample ``n``: each goes first every other time, so
    neither always follows the other's commit (or its reads into the caches)."""
    order = list(range(count))
    return order if n % 2 == 0 else order[::-1]


def _into_os_cache(folders: list[Path]) -> None:
    """Read every file of each vault once, so both start the use phase with their pages
    in the operating system's cache. Built one after the other, at 50,000 households the
    file built first had only 488 of its 913 MB still cached when the use phase began
    (the plain one 862 of 889 MB): its first reads went to the disk, and the SQLCipher/
    plain ratios measured the order of building (search p95 1.66, a visit 1.33) as much
    as the encryption. ``os_cached_share`` records what is cached when the use begins."""
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.is_file():
                with path.open("rb") as fh:
                    while fh.read(1 << 20):
                        pass


def os_cached_share(path: Path) -> float | None:
    """The share of ``path``'s pages in the operating system's cache (``mincore``), or
    None where that cannot be asked (not Linux, no libc or ``mincore``, an empty file)."""
    size = path.stat().st_size
    if not sys.platform.startswith("linux") or size == 0:
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.mincore  # noqa: B018 - present, or AttributeError
    except (OSError, AttributeError):
        return None
    libc.mmap.restype = ctypes.c_void_p
    libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int]
    libc.mmap.argtypes += [ctypes.c_int, ctypes.c_long]
    page = mmap.PAGESIZE
    pages = (size + page - 1) // page
    with path.open("rb") as fh:
        address = libc.mmap(None, size, mmap.PROT_READ, mmap.MAP_SHARED, fh.fileno(), 0)
    if address in (None, ctypes.c_void_p(-1).value):
        return None
    try:
        vector = (ctypes.c_ubyte * pages)()
        if libc.mincore(ctypes.c_void_p(address), ctypes.c_size_t(size), vector) != 0:
            return None
        return sum(b & 1 for b in vector) / pages
    finally:
        libc.munmap(ctypes.c_void_p(address), ctypes.c_size_t(size))


def _demo(vault: Vault, households: int) -> float:
    secs, _ = timed(lambda: generate_demo(vault.session, households, seed=1))
    return secs


def _plain(folder: Path, clock: FixedClock) -> Vault:
    """The plain SQLite file in ``folder`` as a vault: same schema and code, no key."""
    return Vault(VaultPaths(folder), "plain", make_engine(folder / "vault.db", None), clock)


def key_changes(folder: Path, clock: FixedClock) -> dict[str, float]:
    """`rekey` (new database key: every page re-encrypted) and `passwd` (header only), each
    from an open vault, KDF at the product's 0.5 s target, as the CLI runs them."""
    with Vault.open(folder, PASSPHRASE, clock=clock) as v:
        rekey, _ = timed(lambda: v.rekey(PASSPHRASE))
        other = PASSPHRASE + " (tijdelijk)"
        passwd, _ = timed(lambda: v.change_passphrase(PASSPHRASE, other, kdf_target_seconds=0.5))
        v.change_passphrase(other, PASSPHRASE, kdf_target_seconds=0.5)
    return {"rekey_seconds": rekey, "passwd_seconds": passwd}


def _audit_cost(db: Path) -> dict[str, float]:
    """What an audit event costs in the file (its row and index pages) and how many the
    visits recorded through the app wrote each: the demo itself writes one event per batch,
    so ``bytes_per_visit`` leaves out most of what real use adds. Read from the plain copy
    of the workload with the standard library's SQLite (the SQLCipher build has no dbstat).
    """
    con = sqlite3.connect(db)
    try:
        (events,) = con.execute("SELECT count(*) FROM audit_event").fetchone()
        (pages,) = con.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name = 'audit_event'"
            " OR name LIKE 'ix_audit_event%'"
        ).fetchone()
        marks = ", ".join("?" for _ in _VISIT_ROWS)
        (per_visit,) = con.execute(
            "SELECT count(*) FROM audit_event WHERE action IN ('create', 'update')"
            f" AND entity IN ({marks})",
            _VISIT_ROWS,
        ).fetchone()
        (recorded,) = con.execute(
            "SELECT count(*) FROM audit_event WHERE action = 'create' AND entity = 'visit'"
        ).fetchone()
    except sqlite3.OperationalError:  # no dbstat in this SQLite
        return {}
    finally:
        con.close()
    return {
        "audit_bytes_per_event": (pages or 0) / max(events, 1),
        # the visits of the record-visit figure (the demo writes none of these)
        "audit_events_per_recorded_visit": per_visit / max(recorded, 1),
    }


_VISIT_ROWS = ("visit", "signal_observation", "concern_level_entry", "household", "follow_up")


def _setup(vault: Vault) -> None:
    with vault.session() as s:
        staff = initialise(s, organisation="Bench", staff_name="Bench", staff_role="")
        vault.actor = staff.id


def run(households: int = 10_000) -> dict[str, Any]:
    shutil.rmtree(common.WORK, ignore_errors=True)
    common.WORK.mkdir(parents=True)
    clock = FixedClock(fixed_demo_now())
    figures: dict[str, Any] = {"households": households}

    # SQLCipher vault, KDF calibrated to the product's 0.5 s target.
    enc_dir = common.WORK / "encrypted"
    vault = Vault.create(enc_dir, PASSPHRASE, kdf_target_seconds=0.5, clock=clock)
    _setup(vault)
    enc = {"demo_seconds": _demo(vault, households)}
    vault.close()
    # The same on a plain SQLite file: same schema and code, no key.
    plain_dir = common.WORK / "plain"
    plain_dir.mkdir()
    plain = _plain(plain_dir, clock)
    plain.migrate()
    _setup(plain)
    pl = {"demo_seconds": _demo(plain, households)}
    plain.close()
    header = Vault.read_header(VaultPaths(enc_dir))
    _into_os_cache([enc_dir, plain_dir])
    for name, folder in (("sqlcipher", enc_dir), ("plain", plain_dir)):
        figures[f"{name}_os_cached_share"] = os_cached_share(folder / "vault.db")
    with (
        Vault.open_with_key(enc_dir, keys.unwrap_key(header, PASSPHRASE), clock=clock) as v,
        _plain(plain_dir, clock) as p,
    ):
        enc_use, plain_use = _use([v, p])
    enc.update(enc_use)
    pl.update(plain_use)
    figures["kdf_time_cost"] = header.kdf.time_cost
    figures["kdf_memory_mib"] = header.kdf.memory_kib // 1024
    kdf_samples = [timed(lambda: keys.unwrap_key(header, PASSPHRASE))[0] for _ in range(3)]
    figures["kdf_seconds"] = median(kdf_samples)
    key = keys.unwrap_key(header, PASSPHRASE)
    open_samples = []
    for _ in range(7):
        start = time.perf_counter()
        v = Vault.open_with_key(enc_dir, key, clock=clock)
        with v.session() as s:  # up to the first real query: the vault is usable
            default_staff(s)
        open_samples.append((time.perf_counter() - start) * 1000)
        v.close()
    figures["open_after_kdf_ms"] = median(open_samples)
    with Vault.open_with_key(enc_dir, key, clock=clock) as v, v.session() as s:
        visits = s.scalar(select(func.count()).select_from(Visit)) or 1
    figures.update(key_changes(enc_dir, clock))
    figures.update({f"sqlcipher_{k}": v for k, v in enc.items()})
    figures["db_size_mb"] = (enc_dir / "vault.db").stat().st_size / 1e6
    figures["visits"] = visits
    # Everything the vault holds (FTS, indexes, audit) per visit: the #16 size figure.
    figures["bytes_per_visit"] = (enc_dir / "vault.db").stat().st_size / visits

    figures.update({f"plain_{k}": v for k, v in pl.items()})
    figures.update(_audit_cost(plain_dir / "vault.db"))
    for k in ("demo_seconds", "search_p95_ms", "record_visit_p50_ms"):
        figures[f"ratio_{k}"] = enc[k] / pl[k] if pl[k] else 0.0
    if not os.environ.get("WAAKVLAM_BENCH_KEEP"):
        shutil.rmtree(plain_dir, ignore_errors=True)
    save("vault", figures)
    table(
        "vault (foundation)",
        figures,
        {
            "open_after_kdf_ms": "goal < 150 ms",
            "sqlcipher_search_p95_ms": "goal < 20 ms",
            "ratio_demo_seconds": "goal <= 1.3",
            "ratio_search_p95_ms": "goal <= 1.3",
            "ratio_record_visit_p50_ms": "goal <= 1.3",
            "kdf_seconds": "target ~0.5 s",
            "rekey_seconds": "whole database re-encrypted",
        },
    )
    return figures


if __name__ == "__main__":
    import sys

    run(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)

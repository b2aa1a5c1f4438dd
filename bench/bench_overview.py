"""Address import and Overzicht benchmarks.

- Import: a CSV of 10,000 addresses (complexes, households and residents included) into a
  fresh encrypted vault; then the same file again (all unchanged) and a dry run.
  Goal: < 3 s for the first import.
- Overview: the five dashboard tables on the ``demo --households N`` vault (default
  10,000), cold (a freshly opened vault: empty page cache) and warm, unfiltered and with a
  complex and a wijk filter. Goal: all tables well under 2 s; the first table (the first
  chart to paint) in well under 500 ms.
"""

from __future__ import annotations

import csv
import io
import shutil
import time
from typing import Any

from bench import common
from bench.common import median, save, table, timed
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.address_import.writing import import_addresses
from waakvlam_desktop.domain.demo import fixed_demo_now, generate_demo
from waakvlam_desktop.domain.overview import OverviewFilter, compute_overview, filter_options
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.storage import keys
from waakvlam_desktop.storage.vault import Vault, VaultPaths

PASSPHRASE = "benchmark passphrase for waakvlam"
HEADER = ["VHE-nummer", "Complexnummer", "Complex", "Straat", "Huisnummer", "Toevoeging"]
HEADER += ["Postcode", "Woonplaats", "Wijk", "Huishouden", "Bewoners"]
WIJKEN = ["Overvecht", "Kanaleneiland", "Tarwewijk", "Bloemhof", "Selwerd"]
STREETS = ["Kerkstraat", "Lindelaan", "Molenweg", "Zonnebloemstraat", "Van 't Hoffstraat"]


def address_csv(n: int) -> bytes:
    """``n`` addresses in 40-unit complexes, as a Dutch Excel export (UTF-8 BOM, ';')."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for i in range(n):
        c = i // 40
        writer.writerow(
            [
                f"VHE{i + 1:07d}",
                f"C{c + 1:04d}",
                f"Complex {c + 1}",
                STREETS[c % len(STREETS)],
                str(i % 40 + 1),
                "" if i % 3 else "A",
                f"{3500 + c % 400} {'ABCEGHJKLMNP'[c % 12]}{'RSTVWX'[c % 6]}",
                "Utrecht",
                WIJKEN[c % len(WIJKEN)],
                f"fam. Jansen-{i}",
                f"Anna Jansen-{i}|Piet Jansen-{i}",
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _new_vault(name: str, clock: FixedClock) -> Vault:
    folder = common.WORK / name
    shutil.rmtree(folder, ignore_errors=True)
    vault = Vault.create(folder, PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with vault.session() as s:
        vault.actor = initialise(s, organisation="Bench", staff_name="Bench").id
    return vault


def bench_import(clock: FixedClock, n: int = 10_000) -> dict[str, Any]:
    data = address_csv(n)
    vault = _new_vault("import", clock)
    figures: dict[str, Any] = {"import_rows": n, "import_file_mb": len(data) / 1e6}

    def once(dry_run: bool = False) -> Any:
        with vault.session() as s:  # the commit is part of the time
            return import_addresses(s, data, dry_run=dry_run)

    secs, report = timed(once)
    assert report.ok and report.counts.addresses_new == n, report.errors[:3]
    figures["import_new_seconds"] = secs
    secs, report = timed(once)
    assert report.counts.addresses_unchanged == n
    figures["reimport_unchanged_seconds"] = secs
    figures["dry_run_seconds"] = timed(lambda: once(dry_run=True))[0]
    vault.close()
    return figures


def _overview_times(vault: Vault, scope: OverviewFilter) -> dict[str, float]:
    with vault.session() as s:
        start = time.perf_counter()
        ov = compute_overview(s, scope)
        total = (time.perf_counter() - start) * 1000
    return {"total_ms": total, **ov.timings_ms}


def bench_overview(clock: FixedClock, households: int) -> dict[str, Any]:
    vault = _new_vault("overview", clock)
    figures: dict[str, Any] = {"households": households}
    figures["demo_seconds"] = timed(lambda: generate_demo(vault.session, households, seed=1))[0]
    with vault.session() as s:
        options = filter_options(s)
    folder = vault.paths.data_dir
    key = keys.unwrap_key(Vault.read_header(VaultPaths(folder)), PASSPHRASE)
    vault.close()

    # Cold: a freshly opened vault (new connection, empty page cache), as when the
    # dashboard is the first screen after unlocking.
    cold: list[dict[str, float]] = []
    for _ in range(3):
        v = Vault.open_with_key(folder, key, clock=clock)
        cold.append(_overview_times(v, OverviewFilter()))
        v.close()
    v = Vault.open_with_key(folder, key, clock=clock)
    scopes = {
        "all": OverviewFilter(),
        "wijk": OverviewFilter(wijk=options.wijken[0]),
        "complex": OverviewFilter(complex_id=options.complexes[0].id),
    }
    warm: dict[str, list[dict[str, float]]] = {k: [] for k in scopes}
    for _ in range(5):
        for name, scope in scopes.items():
            warm[name].append(_overview_times(v, scope))
    with v.session() as s:
        filter_ms = timed(lambda: filter_options(s))[0] * 1000
    v.close()

    figures["cold_total_ms"] = median([c["total_ms"] for c in cold])
    for key_ in cold[0]:
        if key_ != "total_ms":
            figures[f"cold_{key_}_ms"] = median([c[key_] for c in cold])
    for name, samples in warm.items():
        figures[f"warm_{name}_total_ms"] = median([x["total_ms"] for x in samples])
    for key_ in warm["all"][0]:
        if key_ != "total_ms":
            figures[f"warm_all_{key_}_ms"] = median([x[key_] for x in warm["all"]])
    figures["filter_options_ms"] = filter_ms
    return figures


def run(households: int = 10_000) -> dict[str, Any]:
    common.WORK.mkdir(parents=True, exist_ok=True)
    clock = FixedClock(fixed_demo_now())
    figures = bench_import(clock, 10_000)
    figures.update(bench_overview(clock, households))
    for name in ("import", "overview"):
        shutil.rmtree(common.WORK / name, ignore_errors=True)
    save("overview", figures)
    table(
        "import and overview",
        figures,
        {
            "import_new_seconds": "goal < 3 s",
            "cold_total_ms": "goal < 2000 ms (all charts)",
            "cold_households_per_level_ms": "first chart; goal < 500 ms",
            "warm_all_total_ms": "goal < 2000 ms",
        },
    )
    return figures


if __name__ == "__main__":
    import sys

    run(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)

"""`make bench`: every benchmark, figures to bench/results.json and a table on stdout.

The caseload-dependent benchmarks run at each size of ``WAAKVLAM_BENCH_SIZES`` (default
``1000,10000,50000`` households); then :mod:`bench.curves` draws every figure against size
(``docs/benchmarks-curves.png``) and writes the table in ``docs/benchmarks.md``.
``WAAKVLAM_BENCH_HOUSEHOLDS=N`` is the old single-size run (one size, no curves).
"""

from __future__ import annotations

import os

from bench import (
    bench_audit,
    bench_bundles,
    bench_continuity,
    bench_gui,
    bench_letters,
    bench_overview,
    bench_overview_gui,
    bench_privacy,
    bench_vault,
    common,
    curves,
)

DEFAULT_SIZES = "1000,10000,50000"
SIZED = (
    bench_vault,
    bench_gui,
    bench_overview,
    bench_overview_gui,
    bench_privacy,
    bench_bundles,
    bench_continuity,
)


def sizes() -> list[int]:
    single = os.environ.get("WAAKVLAM_BENCH_HOUSEHOLDS")
    text = single or os.environ.get("WAAKVLAM_BENCH_SIZES", DEFAULT_SIZES)
    try:
        found = sorted({int(part) for part in text.replace(" ", "").split(",") if part})
    except ValueError:
        raise SystemExit(
            f"WAAKVLAM_BENCH_SIZES: whole numbers separated by commas, not {text!r}"
        ) from None
    if not found or min(found) < 1:
        raise SystemExit("WAAKVLAM_BENCH_SIZES: at least one size of 1 household or more")
    return found


def run_sizes(chosen: list[int]) -> None:
    for size in chosen:
        common.SIZE = size
        print(f"\n######## {size:,} households ########")
        for module in SIZED:
            module.run(size)
    common.SIZE = None


def main() -> None:
    chosen = sizes()
    run_sizes(chosen)
    bench_letters.run(int(os.environ.get("WAAKVLAM_BENCH_REFERRALS", "1000")))
    bench_audit.run(int(os.environ.get("WAAKVLAM_BENCH_AUDIT_EVENTS", "100000")))
    if len(chosen) > 1:
        curves.main()


if __name__ == "__main__":
    main()

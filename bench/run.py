"""`make bench`: every benchmark, figures to bench/results.json and a table on stdout.

``WAAKVLAM_BENCH_HOUSEHOLDS`` shrinks the workload for a quick look (default 10,000).
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
)


def main() -> None:
    households = int(os.environ.get("WAAKVLAM_BENCH_HOUSEHOLDS", "10000"))
    bench_vault.run(households)
    bench_gui.run(households)
    bench_overview.run(households)
    bench_overview_gui.run(households)
    bench_letters.run(int(os.environ.get("WAAKVLAM_BENCH_REFERRALS", "1000")))
    bench_privacy.run(households)
    bench_bundles.run(households)
    bench_continuity.run(households)
    bench_audit.run(int(os.environ.get("WAAKVLAM_BENCH_AUDIT_EVENTS", "100000")))


if __name__ == "__main__":
    main()

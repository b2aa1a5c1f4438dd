"""`make bench`: every benchmark, figures to bench/results.json and a table on stdout.

``WAAKVLAM_BENCH_HOUSEHOLDS`` shrinks the workload for a quick look (default 10,000).
"""

from __future__ import annotations

import os

from bench import bench_bundles, bench_vault


def main() -> None:
    households = int(os.environ.get("WAAKVLAM_BENCH_HOUSEHOLDS", "10000"))
    bench_vault.run(households)
    bench_bundles.run(households)


if __name__ == "__main__":
    main()

"""Helpers shared by the benchmarks: timing, percentiles, results file."""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).with_name("results.json")
WORK = Path(__file__).with_name(".work")
# The caseload of the run in progress (set by bench.run for each of WAAKVLAM_BENCH_SIZES):
# figures of a size-dependent benchmark are kept per size, so the curves can be drawn.
SIZE: int | None = None
# How often the slow whole-process measurements (start-up) are repeated; the median counts.
REPEATS = int(os.environ.get("WAAKVLAM_BENCH_REPEATS", "3"))


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(samples: list[float]) -> float:
    return statistics.median(samples) if samples else 0.0


def load_results() -> dict[str, Any]:
    return json.loads(RESULTS.read_text()) if RESULTS.exists() else {}


def save(section: str, figures: dict[str, Any]) -> None:
    """Keep ``figures`` in the results file: under ``sizes/<SIZE>`` during a sized run, else
    at the top level (benchmarks that do not depend on the caseload)."""
    doc = load_results()
    if SIZE is None:
        doc[section] = figures
    else:
        doc.setdefault("sizes", {}).setdefault(str(SIZE), {})[section] = figures
    RESULTS.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n")


def table(section: str, figures: dict[str, Any], goals: dict[str, str]) -> None:
    print(f"\n== {section} ==")
    for key, value in figures.items():
        shown = f"{value:.4g}" if isinstance(value, float) else str(value)
        goal = goals.get(key, "")
        print(f"  {key:<42} {shown:>12}  {goal}")

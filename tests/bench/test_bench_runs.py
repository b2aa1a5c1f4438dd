"""Every benchmark still runs (at a tiny caseload), and the cost curves are drawn from what
they measured. Figures are not judged here: speed lives in `make bench`, never in tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from bench import curves
from bench import run as bench_run

ROOT = Path(__file__).resolve().parents[2]


# The benchmarks and the curves build windows, worker threads and timers of their own (the
# curves draw in-process): they run in a child process, so nothing of theirs is left in
# this process's QApplication for the GUI tests that follow.
CHILD = """
import json, sys
from pathlib import Path
from bench import bench_audit, bench_letters, common, curves
from bench import run as bench_run
home = Path(sys.argv[1])
common.WORK, common.RESULTS = home / "work", home / "results.json"
common.SIZE, common.REPEATS = None, 1
bench_run.run_sizes([12, 24])
bench_letters.run(4)
bench_audit.run(60)
size_after = common.SIZE
markdown = home / "benchmarks.md"
markdown.write_text(
    "# Benchmarks\\n\\nintro\\n\\n<!-- curves:start -->STALE TABLE<!-- curves:end -->\\nend\\n"
)
curves.main(["--png", str(home / "curves.png"), "--markdown", str(markdown)])
print(json.dumps({"size_after": size_after}))
"""


@pytest.mark.slow
def test_every_benchmark_runs_per_size_and_the_curves_are_drawn(tmp_path: Path) -> None:
    bench_home = tmp_path
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(bench_home)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads((bench_home / "results.json").read_text())
    assert sorted(results["sizes"]) == ["12", "24"]
    for size in ("12", "24"):
        sections = results["sizes"][size]
        assert {m.__name__.split("_", 1)[1] for m in bench_run.SIZED} <= set(sections)
        assert sections["vault"]["households"] == int(size)
        assert sections["vault"]["bytes_per_visit"] > 0
        assert sections["privacy"]["backup_to_copy_ratio"] > 0
        # measured in a process of its own, which reports back
        assert sections["overview_gui"]["cold_first_paint_ms"] > 0
        # the cold open is once per process: a median of REPEATS processes (1 here)
        assert len(sections["overview_gui"]["cold_first_paint_ms_samples"]) == 1
    assert "letters" in results and "audit" in results
    # a later single run is not filed under the last size
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"size_after": None}

    png, markdown = bench_home / "curves.png", bench_home / "benchmarks.md"
    image = QImage(str(png))
    assert not image.isNull() and image.width() >= 4 * 360
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 20  # charts, not a blank sheet
    text = markdown.read_text()
    assert "STALE TABLE" not in text and text.startswith("# Benchmarks") and text.endswith("end\n")
    assert "| search p95 (ms) |" in text and "| figure | 12 | 24 |" in text
    assert "benchmarks-curves.png" not in text and "curves.png" in text


def test_sizes_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WAAKVLAM_BENCH_HOUSEHOLDS", raising=False)
    monkeypatch.setenv("WAAKVLAM_BENCH_SIZES", "50000, 1000,10000,1000")
    assert bench_run.sizes() == [1000, 10000, 50000]
    monkeypatch.setenv("WAAKVLAM_BENCH_HOUSEHOLDS", "300")
    assert bench_run.sizes() == [300]
    monkeypatch.setenv("WAAKVLAM_BENCH_HOUSEHOLDS", "veel")
    with pytest.raises(SystemExit, match="whole numbers"):
        bench_run.sizes()


def test_the_table_marks_figures_that_must_stay_flat() -> None:
    results = {
        "sizes": {
            "1000": {
                "vault": {"sqlcipher_record_visit_p50_ms": 10.0, "sqlcipher_search_p95_ms": 3.0},
                "gui": {"first_paint_unlock_screen_s": 0.3},
            },
            "10000": {"gui": {"first_paint_unlock_screen_s": 0.1}},
            "50000": {
                "vault": {"sqlcipher_record_visit_p50_ms": 20.0},
                "gui": {"first_paint_unlock_screen_s": 0.2},
            },
        }
    }
    table = curves.markdown_table(results)
    assert "| record visit p50 (ms) | 10 | – | 20 | 2.00× | 2.00× (≤ 1.5) |" in table
    assert "| search p95 (ms) | 3 | – | – | – | – | < 20 ms |" in table
    # Judged by its spread: 0.67× from the smallest to the largest size, but 3× in between.
    assert (
        "| window painted (unlock screen) (s) | 0.3 | 0.1 | 0.2 | 0.67× | 3.00× (≤ 1.5) |" in table
    )
    assert "start-up" not in table  # no figure, no row

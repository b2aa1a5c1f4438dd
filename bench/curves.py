"""Cost curves: every sized figure of ``bench/results.json`` against the caseload.

    python -m bench.curves [--png PATH] [--markdown PATH]

Draws one PNG with a small chart per figure (QtCharts, rendered offscreen; the x axis is
logarithmic, 1k to 50k households) and writes the same figures as a Markdown table between
the ``curves`` markers of ``docs/benchmarks.md``. Two ratios per figure: the figure at the
largest size divided by the one at the smallest (how it grows), and its largest value over
all sizes divided by its smallest (the spread). A figure that must stay flat is judged by
the spread: one that falls from 140 to 37 ms is not flat either, it only grew the other way.
"""

from __future__ import annotations

import argparse
import html
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import common

ROOT = Path(__file__).resolve().parents[1]
PNG = ROOT / "docs" / "benchmarks-curves.png"
MARKDOWN = ROOT / "docs" / "benchmarks.md"
START_MARK = "<!-- curves:start -->"
END_MARK = "<!-- curves:end -->"


@dataclass(frozen=True)
class Curve:
    section: str
    key: str
    title: str
    unit: str
    goal: str
    flat: bool = False  # must stay within 1.5x from the smallest to the largest size
    limit: float | None = None  # drawn as a dashed line


CURVES = (
    Curve(
        "gui",
        "start_to_unlocked_window_excl_kdf_s",
        "start-up (excl. KDF)",
        "s",
        "< 1 s",
        True,
        1.0,
    ),
    Curve("gui", "first_paint_unlock_screen_s", "window painted (unlock screen)", "s", "", True),
    Curve(
        "gui",
        "start_passphrase_typed_excl_kdf_s",
        "start-up, typed after 1 s (excl. KDF, typing)",
        "s",
        "(< 1 s applies at once)",
    ),
    Curve(
        "overview_gui", "cold_first_paint_ms", "Overzicht first paint", "ms", "< 500 ms", True, 500
    ),
    Curve("gui", "filter_keystroke_ms_max", "filter keystroke (max)", "ms", "< 50 ms", True, 50),
    Curve("gui", "filter_complete_ms_max", "filter, every row in (max)", "ms", ""),
    Curve("vault", "sqlcipher_record_visit_p50_ms", "record visit p50", "ms", "", True),
    Curve("vault", "sqlcipher_search_p95_ms", "search p95", "ms", "< 20 ms", limit=20),
    Curve("gui", "longest_stall_use_ms", "longest GUI stall", "ms", "< 100 ms", limit=100),
    Curve("gui", "rss_after_open_mb", "RSS after opening", "MB", "< 300 MB", limit=300),
    Curve("vault", "ratio_search_p95_ms", "SQLCipher/plain: search", "x", "<= 1.15", limit=1.15),
    Curve(
        "vault",
        "ratio_record_visit_p50_ms",
        "SQLCipher/plain: record visit",
        "x",
        "<= 1.15",
        limit=1.15,
    ),
    Curve("vault", "bytes_per_visit", "vault bytes per visit", "B", "<= 2048", limit=2048),
    Curve("privacy", "size_after_purge_share", "after a full purge", "share", "<= 0.10", limit=0.1),
    Curve("privacy", "backup_seconds", "backup", "s", ""),
    Curve("privacy", "restore_seconds", "restore", "s", ""),
    Curve("bundles", "handover_export_seconds", "handover export", "s", "< 5 s at 10k"),
    Curve("overview_gui", "cold_all_charts_ms", "Overzicht all charts", "ms", "< 2 s", limit=2000),
)


def series(results: dict[str, Any], curve: Curve) -> list[tuple[int, float]]:
    """(size, value) pairs of one figure, smallest size first; sizes without it are skipped."""
    points = []
    for size, sections in results.get("sizes", {}).items():
        value = sections.get(curve.section, {}).get(curve.key)
        if isinstance(value, (int, float)):
            points.append((int(size), float(value)))
    return sorted(points)


def flatness(points: list[tuple[int, float]]) -> float | None:
    """The figure at the largest size over the one at the smallest."""
    if len(points) < 2 or points[0][1] <= 0:
        return None
    return points[-1][1] / points[0][1]


def spread(points: list[tuple[int, float]]) -> float | None:
    """The largest value over the smallest, whatever their sizes: what "flat" judges."""
    values = [v for _size, v in points]
    if len(values) < 2 or min(values) <= 0:
        return None
    return max(values) / min(values)


def markdown_table(results: dict[str, Any]) -> str:
    sizes = sorted(int(s) for s in results.get("sizes", {}))
    head = (
        "| figure | "
        + " | ".join(f"{s:,}" for s in sizes)
        + " | largest/smallest size | max/min | goal |"
    )
    rows = [head, "|---" * (len(sizes) + 4) + "|"]
    for curve in CURVES:
        points = dict(series(results, curve))
        if not points:
            continue
        cells = [_shown(points[s]) if s in points else "–" for s in sizes]
        ratio = flatness(sorted(points.items()))
        grows = f"{ratio:.2f}×" if ratio is not None else "–"
        width = spread(sorted(points.items()))
        flat = f"{width:.2f}×" if width is not None else "–"
        if curve.flat and width is not None:
            flat += " (≤ 1.5)"
        rows.append(
            f"| {curve.title} ({curve.unit}) | "
            + " | ".join(cells)
            + f" | {grows} | {flat} | {curve.goal} |"
        )
    return "\n".join(rows)


def _shown(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def write_markdown(results: dict[str, Any], path: Path, png_name: str) -> None:
    """Replace the text between the curves markers of ``path`` (added at the end if absent)."""
    block = (
        f"{START_MARK}\n![Cost curves: each figure against the number of households]"
        f"({png_name})\n\n{markdown_table(results)}\n{END_MARK}"
    )
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if START_MARK in text and END_MARK in text:
        before, rest = text.split(START_MARK, 1)
        after = rest.split(END_MARK, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n## Cost curves\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def draw(results: dict[str, Any], png: Path, columns: int = 4) -> int:
    """Render one chart per figure into ``png``; returns the number of charts drawn."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCharts import (  # noqa: PLC0415 - only the curves need Qt
        QCategoryAxis,
        QChart,
        QChartView,
        QLineSeries,
        QScatterSeries,
        QValueAxis,
    )
    from PySide6.QtCore import Qt  # noqa: PLC0415 - only the curves need Qt
    from PySide6.QtGui import QColor, QPainter, QPen  # noqa: PLC0415 - only the curves need Qt
    from PySide6.QtWidgets import QApplication, QGridLayout, QWidget  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv[:1])
    sheet = QWidget()
    sheet.setStyleSheet("background: white;")
    grid = QGridLayout(sheet)
    drawn = 0
    for curve in CURVES:
        points = series(results, curve)
        if not points:
            continue
        chart = QChart()
        chart.legend().hide()
        goal_text = f" — goal {curve.goal}" if curve.goal else ""
        chart.setTitle(html.escape(f"{curve.title} ({curve.unit}){goal_text}"))
        line, dots = QLineSeries(), QScatterSeries()
        dots.setMarkerSize(7)
        for size, value in points:
            line.append(math.log10(size), value)
            dots.append(math.log10(size), value)
        series_drawn = [line, dots]
        top = max(v for _s, v in points)
        low, high = math.log10(points[0][0]) - 0.15, math.log10(points[-1][0]) + 0.15
        if curve.limit is not None:
            goal = QLineSeries()
            goal.setPen(QPen(QColor("#b3261e"), 1.5, Qt.PenStyle.DashLine))
            goal.append(low, curve.limit)
            goal.append(high, curve.limit)
            series_drawn.append(goal)
            top = max(top, curve.limit)
        for each in series_drawn:
            chart.addSeries(each)
        x_axis = QCategoryAxis()  # a log scale labelled with the measured sizes
        x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for size, _value in points:
            x_axis.append(f"{size:,}", math.log10(size))
        x_axis.setRange(low, high)
        x_axis.setTitleText("households (log scale)")
        y_axis = QValueAxis()
        y_axis.setRange(0, top * 1.15 if top > 0 else 1)
        y_axis.setLabelFormat("%.0f" if top >= 100 else "%.3g")
        for axis, side in (
            (x_axis, Qt.AlignmentFlag.AlignBottom),
            (y_axis, Qt.AlignmentFlag.AlignLeft),
        ):
            chart.addAxis(axis, side)
            for each in series_drawn:
                each.attachAxis(axis)
        view = QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumSize(360, 240)
        grid.addWidget(view, drawn // columns, drawn % columns)
        drawn += 1
    if drawn:
        sheet.resize(columns * 380, ((drawn + columns - 1) // columns) * 260)
        sheet.ensurePolished()
        sheet.show()
        app.processEvents()
        png.parent.mkdir(parents=True, exist_ok=True)
        if not sheet.grab().save(str(png), "PNG"):
            raise SystemExit(f"could not write {png}")
    sheet.close()
    return drawn


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.curves")
    parser.add_argument("--png", type=Path, default=PNG)
    parser.add_argument("--markdown", type=Path, default=MARKDOWN)
    args = parser.parse_args(argv)
    results = common.load_results()
    drawn = draw(results, args.png)
    write_markdown(results, args.markdown, args.png.name)
    print(f"\n== cost curves: {drawn} figures in {args.png} ==")
    for curve in CURVES:
        width = spread(series(results, curve))
        if curve.flat and width is not None:
            verdict = "flat" if width <= 1.5 else "NOT flat"
            print(f"  {curve.title:<32} max/min {width:5.2f}x  {verdict}")


if __name__ == "__main__":
    main()

"""The ``.xlsx`` workbook beside the CSVs of a case or aggregate bundle.

Partners work in Excel, and Excel guesses types when it opens a CSV: ``06 12345678`` loses
its leading zero, ``3533 AB`` stays text but ``1012`` becomes a number, ``2026-11-10``
becomes whatever the local settings make of it, and text that starts with ``=`` runs as a
formula. The workbook removes the guessing: every column has the type that
``resources/exports/workbook.json`` gives its CSV header (text, date or number), headers are
Dutch words, the header row is frozen, and a last sheet explains the codes (ernst 1–3,
statuses, levels, suppressed counts).

Text is written with ``write_string`` (never ``write``, which would make ``=…`` a formula),
so a hostile name stays text here without the CSV apostrophe. XlsxWriter runs with
``in_memory``: it writes no temporary files (the plaintext never touches disk).
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

import xlsxwriter

DUTCH = ZoneInfo("Europe/Amsterdam")  # dates in the workbook are Dutch calendar days

Table = tuple[Sequence[str], Sequence[Sequence[Any]]]


@dataclass(frozen=True, slots=True)
class WorkbookSpec:
    sheets: dict[str, str]  # CSV table name -> sheet name
    columns: dict[str, str]  # CSV header -> "text" | "date" | "number"
    legend_sheet: str
    legend_title: str
    legend: list[list[str]]


@cache
def workbook_spec() -> WorkbookSpec:
    raw = resources.files("waakvlam_desktop.resources").joinpath("exports/workbook.json")
    doc = json.loads(raw.read_text(encoding="utf-8"))
    return WorkbookSpec(
        sheets=doc["sheets"],
        columns=doc["columns"],
        legend_sheet=doc["legend_sheet"],
        legend_title=doc["legend_title"],
        legend=doc["legend"],
    )


def header_label(header: str) -> str:
    """``toestemming_datum`` → ``Toestemming datum``."""
    words = header.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def column_kind(header: str, values: Sequence[Any], spec: WorkbookSpec) -> str:
    if header in spec.columns:
        return spec.columns[header]
    present = [v for v in values if v not in (None, "")]
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "number"
    return "text"


def _as_date(value: Any) -> date | None:
    """A day as the partner knows it: a stored moment (UTC) becomes the Dutch date."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        return value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        if len(value) == 10:  # a plain day: no time zone to convert
            return moment.date()
    else:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(DUTCH).date()


def legend_lines(tables: Mapping[str, Table], spec: WorkbookSpec) -> list[list[str]]:
    """The legend's lines for these tables: a line whose first field names a column they
    have (``Zorgniveau`` for ``zorgniveau``), or whose code is a text in one of their cells
    (an aggregate's ``categorie`` holds the levels ``aandacht``, ``acuut`` …). A partner
    that gets no concern levels is not told what they are called."""
    present = {header_label(h) for header, _rows in tables.values() for h in header}
    codes = {line[1] for line in spec.legend if line[1]}
    # Only the legend's codes are kept, not every text of every row (a case workbook can
    # hold hundreds of thousands of cells).
    used = {
        v
        for _header, rows in tables.values()
        for row in rows
        for v in row
        if isinstance(v, str) and v in codes
    }
    return [line for line in spec.legend if line[0] in present or line[1] in used]


def workbook_bytes(tables: Mapping[str, Table], *, created: datetime) -> bytes:
    """One sheet per table (in the given order), then the legend sheet, which explains the
    codes the tables use (:func:`legend_lines`).

    ``created`` is the workbook's own creation time (its document properties), given by the
    caller's clock: XlsxWriter would otherwise write the computer's time, which then differs
    from the bundle's ``created_at`` and, compressed, changes the workbook's size with the
    second it was made in. A naive time is UTC, as the vault stores it."""
    spec = workbook_spec()
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    moment = created if created.tzinfo else created.replace(tzinfo=UTC)
    book.set_properties({"created": moment.astimezone(UTC)})
    bold = book.add_format({"bold": True, "bg_color": "#E8E8E8", "bottom": 1})
    as_text = book.add_format({"num_format": "@"})
    as_date = book.add_format({"num_format": "dd-mm-yyyy"})
    used: set[str] = set()
    for name, (header, rows) in tables.items():
        title = base = spec.sheets.get(name, header_label(name))[:31]
        suffix = len(used)
        while title in used:  # Excel refuses two sheets with one name
            title = f"{base[:28]} {suffix}"[:31]
            suffix += 1  # a numbered name taken too: the next number, never the same again
        used.add(title)
        sheet = book.add_worksheet(title)
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in header]
        kinds = [column_kind(h, col, spec) for h, col in zip(header, columns, strict=True)]
        widths = [len(header_label(h)) for h in header]
        for c, h in enumerate(header):
            sheet.write_string(0, c, header_label(h), bold)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                _write_cell(sheet, r, c, value, kinds[c], as_text, as_date)
                widths[c] = max(widths[c], min(len(str(value)), 60))
        for c, (kind, width) in enumerate(zip(kinds, widths, strict=True)):
            sheet.set_column(
                c,
                c,
                max(width, 10 if kind == "date" else 4) + 2,
                as_text if kind == "text" else None,
            )
        sheet.freeze_panes(1, 0)
        if rows:
            sheet.autofilter(0, 0, len(rows), len(header) - 1)
    legend = book.add_worksheet(spec.legend_sheet[:31])
    legend.write_string(0, 0, spec.legend_title, book.add_format({"bold": True}))
    lines = legend_lines(tables, spec)
    for r, line in enumerate(lines, start=2):
        for c, text in enumerate(line):
            legend.write_string(r, c, text)
    legend.set_column(0, 0, 14)
    legend.set_column(1, 1, 16)
    legend.set_column(2, 2, 80)
    book.close()
    return out.getvalue()


def _write_cell(
    sheet: Any, r: int, c: int, value: Any, kind: str, as_text: Any, as_date: Any
) -> None:
    if value is None or value == "":
        return
    if kind == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        sheet.write_number(r, c, value)
        return
    if kind == "date":
        day = _as_date(value)
        if day is not None:
            sheet.write_datetime(r, c, day, as_date)
            return
    sheet.write_string(r, c, str(value), as_text)

"""``waakvlam overview``: the Overzicht figures, as text, JSON or one CSV file per table."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from waakvlam_desktop.cli.common import (
    Arguments,
    info,
    json_flag,
    open_vault,
    print_json,
    write_beside,
)
from waakvlam_desktop.errors import UsageError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

CSV_WRITTEN = Message(
    "cli.overview_csv_written",
    QT_TRANSLATE_NOOP("Cli", "{n} CSV files written in {folder}."),
    context="Cli",
)
HEADING = Message(
    "cli.overview_heading",
    QT_TRANSLATE_NOOP("Cli", "Overview as of {date:%d-%m-%Y}"),
    context="Cli",
)
HEADING_SCOPE = Message(
    "cli.overview_heading_scope",
    QT_TRANSLATE_NOOP("Cli", "Overview as of {date:%d-%m-%Y} ({scope})"),
    context="Cli",
)

NOT_A_FOLDER = Message(
    "cli.not_a_folder",
    QT_TRANSLATE_NOOP("Errors", "{path} is not a folder."),
)


def overview_json(ov: Any, complex_name: str | None) -> dict[str, Any]:
    return {
        "reference_date": ov.reference_date,
        "complex": complex_name,
        "wijk": ov.filter.wijk,
        "months": list(ov.months),
        "totals": ov.totals(),
        "tables": {
            t.key: {
                "title": t.title_nl,
                "columns": [c.key for c in t.columns],
                "rows": [list(r) for r in t.rows],
            }
            for t in ov.tables
        },
    }


def cmd_overview(args: argparse.Namespace) -> int:
    out_dir = Path(args.csv_dir) if args.csv_dir else None
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise UsageError(NOT_A_FOLDER, path=out_dir)
    from waakvlam_desktop.domain.overview import (  # noqa: PLC0415 - parsing stays light (cli/main.py)
        OverviewFilter,
        compute_overview,
        find_complex,
        to_csv,
        total_label,
    )

    with open_vault(args) as v, v.session() as s:
        complex_name = None
        complex_id = None
        if args.complex:
            found = find_complex(s, args.complex)
            complex_id, complex_name = found.id, found.name
        ov = compute_overview(s, OverviewFilter(complex_id, args.wijk or None))
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        for table in ov.tables:
            write_beside(out_dir / f"overzicht-{table.key}.csv", to_csv(table, args.language))
        info(CSV_WRITTEN.render(n=len(ov.tables), folder=out_dir))
    if args.json:
        print_json(overview_json(ov, complex_name))
        return 0
    scope = ", ".join(
        p for p in (f"complex {complex_name}" if complex_name else "", args.wijk or "") if p
    )
    if scope:
        print(HEADING_SCOPE.render(date=ov.reference_date, scope=scope))
    else:
        print(HEADING.render(date=ov.reference_date))
    for key, value in ov.totals().items():
        print(f"  {total_label(key, args.language)}: {value}")
    for table in ov.tables:
        print(f"\n{table.title(args.language)}")
        print("  " + " | ".join(c.label(args.language) for c in table.columns))
        if not table.rows:
            print("  -")
        for row in table.rows:
            cells = [table.category(row[0], args.language), *map(str, row[1:])]
            print("  " + " | ".join(cells))
    return 0


def _overview(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_overview)
    p.add_argument("--complex", help="alleen dit complex (naam of complexnummer)")
    p.add_argument("--wijk", help="alleen deze wijk")
    p.add_argument("--csv-dir", metavar="MAP", help="schrijf elke tabel als CSV in deze map")
    p.add_argument("--language", choices=["nl", "en"], default="nl", help="taal van de koppen")
    json_flag(p)


COMMANDS: dict[str, Arguments] = {"overview": _overview}

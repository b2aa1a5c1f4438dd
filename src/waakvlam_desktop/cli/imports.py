"""``waakvlam import addresses FILE.csv``: complexes, addresses, households from a CSV file;
``waakvlam import staff-complexes FILE.csv``: who looks after which complex.

(The noun is ``import``, a Python keyword, hence the module name ``imports``.)
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from waakvlam_desktop.cli.common import (
    Arguments,
    json_flag,
    jsonable,
    open_vault,
    print_json,
    subcommands,
    write_beside,
)
from waakvlam_desktop.errors import ImportFileError, UsageError, WaakvlamError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

FILE_MISSING = Message(
    "cli.file_missing",
    QT_TRANSLATE_NOOP("Errors", "The file {path} does not exist."),
)
IS_A_FOLDER = Message(
    "cli.is_a_folder",
    QT_TRANSLATE_NOOP("Errors", "{path} is a folder, not a file."),
)
FILE_UNREADABLE = Message(
    "cli.file_unreadable",
    QT_TRANSLATE_NOOP("Errors", "The file {path} cannot be read."),
)

STAFF_COMPLEXES_DONE = Message(
    "cli.staff_complexes_done",
    QT_TRANSLATE_NOOP("Cli", "{rows} assignments read; {added} new."),
    context="Cli",
)
STAFF_COMPLEXES_CHECKED = Message(
    "cli.staff_complexes_checked",
    QT_TRANSLATE_NOOP("Cli", "{rows} assignments checked; {added} would be new (nothing saved)."),
    context="Cli",
)

PROBLEM_ERROR = Message(
    "cli.import_error",
    QT_TRANSLATE_NOOP("Cli", "error"),
    context="Cli",
)
PROBLEM_WARNING = Message(
    "cli.import_warning",
    QT_TRANSLATE_NOOP("Cli", "note"),
    context="Cli",
)
AT_LINE = Message(
    "cli.import_at_line",
    QT_TRANSLATE_NOOP("Cli", "line {line}"),
    context="Cli",
)
AT_LINE_COLUMN = Message(
    "cli.import_at_line_column",
    QT_TRANSLATE_NOOP("Cli", "line {line}, column '{column}'"),
    context="Cli",
)
MORE_PROBLEMS = Message(
    "cli.import_more_problems",
    QT_TRANSLATE_NOOP("Cli", "… and {hidden} more messages (see --errors-out)."),
    context="Cli",
)


def read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UsageError(FILE_MISSING, path=path) from None
    except IsADirectoryError:
        raise UsageError(IS_A_FOLDER, path=path) from None
    except OSError as exc:
        raise ImportFileError(FILE_UNREADABLE, path=path) from exc


def _report_json(report: Any) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "dry_run": report.dry_run,
        "written": report.written,
        "encoding": report.encoding,
        "delimiter": report.delimiter,
        "sha256": report.sha256,
        "mapping": report.mapping,
        "counts": report.counts,
        "errors": [p.as_dict() for p in report.errors],
        "warnings": [p.as_dict() for p in report.warnings],
    }


def cmd_import_addresses(args: argparse.Namespace) -> int:
    data = read_input(Path(args.file))
    from waakvlam_desktop.domain.address_import.mapping import parse_mapping_args  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.address_import.report import NOT_IMPORTED, report_to_csv  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.address_import.writing import import_addresses  # noqa: PLC0415 - parsing stays light (cli/main.py)

    mapping = parse_mapping_args(args.mapping)
    with open_vault(args) as v, v.session() as s:
        report = import_addresses(
            s,
            data,
            mapping,
            dry_run=args.dry_run,
            allow_bsn_like_codes=args.allow_bsn_like_codes,
        )
    if args.errors_out:  # also without problems: an old report must not linger
        write_beside(Path(args.errors_out), report_to_csv(report))
    if args.json:
        print_json(_report_json(report))
    else:
        for p in [*report.errors, *report.warnings][:50]:
            kind = (PROBLEM_ERROR if p in report.errors else PROBLEM_WARNING).render()
            if p.column:
                where = AT_LINE_COLUMN.render(line=p.line, column=p.column)
            else:
                where = AT_LINE.render(line=p.line)
            print(f"{where}: {kind}: {p.message}")
        hidden = len(report.errors) + len(report.warnings) - 50
        if hidden > 0:
            print(MORE_PROBLEMS.render(hidden=hidden))
        if report.ok:
            print(report.summary())
    if not report.ok:
        raise WaakvlamError(NOT_IMPORTED, errors=len(report.errors), rows=report.counts.rows)
    return 0


def cmd_import_staff_complexes(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.staff import import_staff_complexes  # noqa: PLC0415 - parsing stays light (cli/main.py)

    data = read_input(Path(args.file))
    with open_vault(args) as v, v.session() as s:
        result = import_staff_complexes(s, data, dry_run=args.dry_run)
    if args.json:
        print_json({"dry_run": args.dry_run, **jsonable(result)})
    else:
        print(
            (STAFF_COMPLEXES_CHECKED if args.dry_run else STAFF_COMPLEXES_DONE).render(
                rows=result.rows, added=result.added
            )
        )
    return 0


def _import(p: argparse.ArgumentParser) -> None:
    imp = subcommands(p, "import")
    c = imp.add_parser(
        "addresses",
        help="complexen, adressen en huishoudens uit een CSV-bestand (zie docs/import.md)",
        description="Lees complexen, adressen en (optioneel) huishoudens en bewoners in uit een"
        " CSV-bestand. Alles of niets: bij één fout wordt niets ingelezen.",
    )
    c.add_argument("file", help="het CSV-bestand (; of , als scheidingsteken)")
    c.add_argument("--dry-run", action="store_true", help="alleen controleren, niets opslaan")
    c.add_argument(
        "--mapping",
        action="append",
        default=[],
        metavar="KOLOM=VELD",
        help="koppel een kolom aan een veld (herhaalbaar); KOLOM= slaat een kolom over",
    )
    c.add_argument("--errors-out", metavar="RAPPORT.csv", help="schrijf de meldingen als CSV")
    c.add_argument(
        "--allow-bsn-like-codes",
        action="store_true",
        help="VHE- en complexcodes van 9 cijfers niet als BSN weigeren",
    )
    c.set_defaults(func=cmd_import_addresses)
    json_flag(c)
    c = imp.add_parser(
        "staff-complexes",
        help="wie voor welk complex zorgt, uit een CSV-bestand (kolommen medewerker; complex)",
        description="Wijs complexen toe aan medewerkers (Vandaag: 'Alleen mijn complexen')."
        " Kolommen: medewerker (de naam zoals bij Instellingen) en complex (nummer of naam)."
        " Alles of niets; wat er al is, blijft.",
    )
    c.add_argument("file", help="het CSV-bestand (; of , als scheidingsteken)")
    c.add_argument("--dry-run", action="store_true", help="alleen controleren, niets opslaan")
    c.set_defaults(func=cmd_import_staff_complexes)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"import": _import}

"""The import report: the problems row by row, the counts, and the report as CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from waakvlam_desktop.domain.address_import.mapping import FIELD_BY_KEY


@dataclass(frozen=True, slots=True)
class ImportProblem:
    line: int  # line in the file; the header is line 1
    column: str  # CSV column name, "" for the whole row
    field: str  # field key, "" for the whole row
    message: str  # one Dutch sentence; never repeats a name or a BSN-like number


@dataclass(frozen=True, slots=True)
class ImportCounts:
    rows: int = 0
    addresses_new: int = 0
    addresses_updated: int = 0
    addresses_unchanged: int = 0
    complexes_new: int = 0
    complexes_updated: int = 0
    households_new: int = 0
    residents_new: int = 0


@dataclass(frozen=True, slots=True)
class ImportReport:
    encoding: str
    delimiter: str
    mapping: dict[str, str]  # column → field key
    dry_run: bool
    written: bool  # True only when the vault was changed
    counts: ImportCounts  # with errors: what the valid rows would have done
    errors: tuple[ImportProblem, ...]
    warnings: tuple[ImportProblem, ...]
    sha256: str  # of the file's bytes, also in the audit event

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        c = self.counts
        if self.errors:
            return (
                f"Het bestand bevat {len(self.errors)} fout(en) in {c.rows} regels;"
                " er is niets ingelezen."
            )
        verb = "zou inlezen" if self.dry_run else "ingelezen"
        return (
            f"{c.rows} regels {verb}: {c.addresses_new} nieuwe adressen,"
            f" {c.addresses_updated} bijgewerkt, {c.addresses_unchanged} ongewijzigd;"
            f" {c.complexes_new} nieuwe complexen, {c.households_new} nieuwe huishoudens,"
            f" {c.residents_new} nieuwe bewoners."
        )


def report_to_csv(report: ImportReport) -> str:
    """The problems as CSV for Dutch Excel: UTF-8 with BOM, ``;``, CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["regel", "kolom", "veld", "soort", "melding"])
    problems = [(p, "fout") for p in report.errors] + [(p, "waarschuwing") for p in report.warnings]
    problems.sort(key=lambda pk: (pk[0].line, pk[1]))
    for p, kind in problems:
        label = FIELD_BY_KEY[p.field].label_nl if p.field in FIELD_BY_KEY else ""
        writer.writerow([p.line, p.column, label, kind, p.message])
    return "\ufeff" + out.getvalue()

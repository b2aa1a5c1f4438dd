"""The import report: the problems row by row, the counts, and the report as CSV."""

from __future__ import annotations

from dataclasses import dataclass

from waakvlam_desktop.domain.address_import.mapping import FIELD_BY_KEY
from waakvlam_desktop.domain.spreadsheet_csv import excel_csv
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

NOT_IMPORTED = Message(
    "address_import.not_imported",
    QT_TRANSLATE_NOOP(
        "Import", "The file contains {errors} error(s) in {rows} lines; nothing was imported."
    ),
    "Import",
)
WOULD_IMPORT = Message(
    "address_import.would_import",
    QT_TRANSLATE_NOOP(
        "Import",
        "{rows} lines would be imported: {addresses_new} new addresses, {addresses_updated}"
        " updated, {addresses_unchanged} unchanged; {complexes_new} new complexes,"
        " {households_new} new households, {residents_new} new residents.",
    ),
    "Import",
)
IMPORTED = Message(
    "address_import.imported",
    QT_TRANSLATE_NOOP(
        "Import",
        "{rows} lines imported: {addresses_new} new addresses, {addresses_updated} updated,"
        " {addresses_unchanged} unchanged; {complexes_new} new complexes, {households_new} new"
        " households, {residents_new} new residents.",
    ),
    "Import",
)


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One problem with one line of the file (or with the file as a whole).

    The sentence is a :class:`Message` with its parameters, rendered when it is shown, in
    the current language (Dutch by default). It never repeats a name or a BSN-like number.
    """

    line: int  # line in the file; the header is line 1
    column: str  # CSV column name, "" for the whole row
    field: str  # field key, "" for the whole row
    text: Message
    params: tuple[tuple[str, object], ...] = ()

    @property
    def code(self) -> str:
        return self.text.code

    def render(self, language: str | None = None) -> str:
        """The sentence in ``language`` (default: the current language)."""
        return self.text.render(language, **dict(self.params))

    @property
    def message(self) -> str:
        """The sentence in the current language."""
        return self.render()

    def as_dict(self) -> dict[str, object]:
        """``{"line", "column", "field", "message"}`` as ``--json`` prints it."""
        return {
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }


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

    def summary(self, language: str | None = None) -> str:
        """One sentence in ``language`` (default: the current language)."""
        c = self.counts
        if self.errors:
            return NOT_IMPORTED.render(language, errors=len(self.errors), rows=c.rows)
        return (WOULD_IMPORT if self.dry_run else IMPORTED).render(
            language,
            rows=c.rows,
            addresses_new=c.addresses_new,
            addresses_updated=c.addresses_updated,
            addresses_unchanged=c.addresses_unchanged,
            complexes_new=c.complexes_new,
            households_new=c.households_new,
            residents_new=c.residents_new,
        )


def report_to_csv(report: ImportReport) -> str:
    """The problems as CSV for Dutch Excel: UTF-8 with BOM, ``;``, CRLF."""
    problems = [(p, "fout") for p in report.errors] + [(p, "waarschuwing") for p in report.warnings]
    problems.sort(key=lambda pk: (pk[0].line, pk[1]))
    rows = []
    for p, kind in problems:
        label = FIELD_BY_KEY[p.field].label_nl if p.field in FIELD_BY_KEY else ""
        rows.append([p.line, p.column, label, kind, p.message])
    return excel_csv(["regel", "kolom", "veld", "soort", "melding"], rows)

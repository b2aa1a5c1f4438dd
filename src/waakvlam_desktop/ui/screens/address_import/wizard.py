"""Adressen inlezen: a wizard over ``domain/address_import.py``.

Steps: choose a file → map its columns (a preview with a drop-down per column) → check
(a dry run in the background, with progress and cancel; the row-by-row report, saveable
as CSV) → import (all or nothing) → summary. The file is read on the worker thread and
kept in memory only; nothing of it is written anywhere except the vault (and the report,
when the user saves it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop.domain.address_import.mapping import (
    FIELD_BY_KEY,
    FIELDS,
    IGNORE,
    CsvPreview,
    read_preview,
)
from waakvlam_desktop.domain.address_import.report import ImportReport, report_to_csv
from waakvlam_desktop.domain.address_import.writing import import_addresses
from waakvlam_desktop.errors import ImportFileError
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import (
    QueryOp,
    TaskContext,
    TaskHandle,
    WriteOp,
    show_failure,
)
from waakvlam_desktop.ui.sizing import fit_dialog
from waakvlam_desktop.ui.widgets.common import InlineMessage, Lang, user_message
from waakvlam_desktop.ui.widgets.table import set_row_height

FILE_NOT_OPENED = Message(
    "import.file_not_opened",
    QT_TRANSLATE_NOOP("Errors", "The file cannot be opened."),
)

STEP_FILE, STEP_MAPPING, STEP_CHECK, STEP_DONE = range(4)


def _read(path: Path) -> tuple[bytes, CsvPreview]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(FILE_NOT_OPENED) from exc
    return data, read_preview(data)


class ImportWizard(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: bytes | None = None
        self.preview: CsvPreview | None = None
        self.report: ImportReport | None = None  # of the last check or import
        self.imported = False
        self.task: TaskHandle | None = None
        self.setWindowTitle(self.tr("Import addresses"))
        fit_dialog(self, QSize(1000, 640))
        lay = QVBoxLayout(self)
        self.step_label = QLabel()
        self.step_label.setStyleSheet("font-size: 13pt; font-weight: 600;")
        lay.addWidget(self.step_label)
        self.pages = QStackedWidget()
        lay.addWidget(self.pages, 1)
        self.message = InlineMessage()
        lay.addWidget(self.message)
        self._file_page()
        self._mapping_page()
        self._check_page()
        self._done_page()
        buttons = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Back"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setDefault(True)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.next_button)
        lay.addLayout(buttons)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.cancel_button.clicked.connect(self._cancel)
        self._go(STEP_FILE)

    # ---- the pages -------------------------------------------------------------------------
    def _file_page(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        intro = QLabel(
            self.tr(
                "Choose a CSV file exported from your corporation’s system: one row per"
                " address (VHE), with street, house number, postcode and city, and"
                " optionally wijk, complex, household and residents. Semicolons or commas,"
                " UTF-8 or Windows encoding. The file is only read; delete it when you are"
                " done, it holds personal data."
            )
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("CSV file"))
        self.path.setPlaceholderText(self.tr("No file chosen"))
        self.choose_button = QPushButton(self.tr("Choose file…"))
        row.addWidget(self.path, 1)
        row.addWidget(self.choose_button)
        lay.addLayout(row)
        lay.addStretch(1)
        self.choose_button.clicked.connect(self._choose)
        self.path.textChanged.connect(lambda _t: self._update_buttons())
        self.pages.addWidget(page)

    def _mapping_page(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        self.file_info = QLabel()
        self.file_info.setWordWrap(True)
        lay.addWidget(self.file_info)
        hint = QLabel(
            self.tr(
                "Check which field each column is. The first row holds a drop-down per"
                " column; below it, the first rows of the file."
            )
        )
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.mapping_table = QTableWidget()
        self.mapping_table.setAccessibleName(self.tr("Column mapping and preview"))
        set_row_height(self.mapping_table)
        self.mapping_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        lay.addWidget(self.mapping_table, 1)
        self.combos: dict[str, QComboBox] = {}
        self.pages.addWidget(page)

    def _check_page(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.summary)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.stop_button = QPushButton(self.tr("Stop"))
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.stop_button)
        lay.addLayout(progress_row)
        self.problems = QTableWidget(0, 4)
        self.problems.setAccessibleName(self.tr("Report per row"))
        self.problems.setHorizontalHeaderLabels(
            [self.tr("Line"), self.tr("Column"), self.tr("Kind"), self.tr("Problem")]
        )
        self.problems.verticalHeader().hide()
        set_row_height(self.problems)
        self.problems.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems.setWordWrap(True)
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.problems, 1)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        self.save_report_button = QPushButton(self.tr("Save report as CSV…"))
        save_row.addWidget(self.save_report_button)
        lay.addLayout(save_row)
        self.stop_button.clicked.connect(self._stop)
        self.save_report_button.clicked.connect(self._ask_save_report)
        self.pages.addWidget(page)

    def _done_page(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        self.done_text = QLabel()
        self.done_text.setWordWrap(True)
        self.done_text.setStyleSheet("font-size: 11pt;")
        self.done_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.done_text)
        lay.addStretch(1)
        self.pages.addWidget(page)

    # ---- navigation ------------------------------------------------------------------------
    @property
    def step(self) -> int:
        return self.pages.currentIndex()

    def _go(self, step: int) -> None:
        titles = {
            STEP_FILE: self.tr("Step 1 of 4 · Choose a file"),
            STEP_MAPPING: self.tr("Step 2 of 4 · Columns"),
            STEP_CHECK: self.tr("Step 3 of 4 · Check"),
            STEP_DONE: self.tr("Step 4 of 4 · Done"),
        }
        self.pages.setCurrentIndex(step)
        self.step_label.setText(titles[step])
        self._update_buttons()

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.finished

    def _update_buttons(self) -> None:
        busy = self.busy
        step = self.step
        self.back_button.setEnabled(not busy and step in (STEP_MAPPING, STEP_CHECK))
        self.back_button.setVisible(step != STEP_DONE)
        self.cancel_button.setVisible(step != STEP_DONE)
        self.cancel_button.setEnabled(not busy)
        self.stop_button.setVisible(busy)
        self.progress.setVisible(busy)
        self.save_report_button.setEnabled(not busy and self.report is not None)
        if step == STEP_FILE:
            self.next_button.setText(self.tr("Next"))
            self.next_button.setEnabled(not busy and bool(self.path.text().strip()))
        elif step == STEP_MAPPING:
            self.next_button.setText(self.tr("Check"))
            self.next_button.setEnabled(not busy)
        elif step == STEP_CHECK:
            self.next_button.setText(self.tr("Import"))
            ok = self.report is not None and self.report.ok and self.report.dry_run
            self.next_button.setEnabled(not busy and ok)
        else:
            self.next_button.setText(self.tr("Close"))
            self.next_button.setEnabled(True)

    def back(self) -> None:
        if self.busy:
            return
        self.message.clear_message()
        if self.step == STEP_CHECK:
            self._go(STEP_MAPPING)
        elif self.step == STEP_MAPPING:
            self._go(STEP_FILE)

    def next(self) -> None:
        if self.busy or not self.next_button.isEnabled():
            return
        self.message.clear_message()
        if self.step == STEP_FILE:
            self.load_file(Path(self.path.text().strip()))
        elif self.step == STEP_MAPPING:
            self.check()
        elif self.step == STEP_CHECK:
            self.run_import()
        else:
            self.accept()

    def _cancel(self) -> None:
        if not self.busy:
            self.reject()

    def reject(self) -> None:
        if self.task is not None and not self.task.finished:
            self.task.cancel()  # the import rolls back; nothing is changed
        super().reject()

    # ---- step 1: the file ------------------------------------------------------------------
    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a CSV file"),
            "",
            self.tr("CSV files (*.csv *.txt);;All files (*)"),
        )
        if path:
            self.path.setText(path)

    def load_file(self, path: Path) -> None:
        """Read and preview the file on the worker thread."""

        def work(_t: TaskContext) -> tuple[bytes, CsvPreview]:
            return _read(path)

        self.task = (
            QueryOp.without_vault(self.ctx, self, work, self._loaded, message=self.message)
            .always(self._update_buttons)
            .run()
        )
        self._update_buttons()

    def _loaded(self, result: tuple[bytes, CsvPreview]) -> None:
        self.data, self.preview = result
        self.report = None
        self._show_preview(self.preview)
        self._go(STEP_MAPPING)

    def _show_preview(self, preview: CsvPreview) -> None:
        separators = {";": self.tr("semicolon"), ",": self.tr("comma"), "\t": self.tr("tab")}
        self.file_info.setText(
            self.tr("{rows} rows · separator: {sep} · encoding: {enc}").format(
                rows=preview.total_rows,
                sep=separators.get(preview.delimiter, preview.delimiter),
                enc=preview.encoding,
            )
        )
        table = self.mapping_table
        table.clear()
        table.setColumnCount(len(preview.columns))
        table.setRowCount(len(preview.rows) + 1)
        table.setHorizontalHeaderLabels(list(preview.columns))
        table.setVerticalHeaderLabels(
            [self.tr("Field")] + [str(i + 1) for i in range(len(preview.rows))]
        )
        self.combos = {}
        for col, name in enumerate(preview.columns):
            combo = QComboBox()
            combo.setAccessibleName(self.tr("Field for column {name}").format(name=name))
            if name in preview.refused_columns:
                combo.addItem(self.tr("never imported (BSN)"), IGNORE)
                combo.setEnabled(False)
            else:
                combo.addItem(self.tr("— do not import —"), IGNORE)
                for f in FIELDS:
                    label = Lang.pick((f.label_nl, f.label_en))
                    combo.addItem(label + (" *" if f.required else ""), f.key)
                combo.setCurrentIndex(max(combo.findData(preview.mapping.get(name, IGNORE)), 0))
            table.setCellWidget(0, col, combo)
            self.combos[name] = combo
            for row, cells in enumerate(preview.rows):
                table.setItem(row + 1, col, QTableWidgetItem(cells[col]))
        table.resizeColumnsToContents()
        for col in range(table.columnCount()):
            table.setColumnWidth(col, max(140, min(table.columnWidth(col), 260)))

    def mapping(self) -> dict[str, str]:
        """Column → field key ('' = not imported), as the drop-downs say."""
        return {name: str(combo.currentData() or IGNORE) for name, combo in self.combos.items()}

    def set_field(self, column: str, key: str) -> None:
        combo = self.combos[column]
        combo.setCurrentIndex(max(combo.findData(key), 0))

    # ---- step 3: check, step 4: import -----------------------------------------------------
    def check(self) -> None:
        """A dry run: the same report as the import, nothing written."""
        self._run(dry_run=True)

    def run_import(self) -> None:
        self._run(dry_run=False)

    def _run(self, dry_run: bool) -> None:
        if self.data is None:
            return
        data, overrides = self.data, self.mapping()
        missing = [
            FIELD_BY_KEY[f.key] for f in FIELDS if f.required and f.key not in overrides.values()
        ]
        if missing:
            self.message.error(
                self.tr("Choose a column for: {fields}.").format(
                    fields=", ".join(Lang.pick((f.label_nl, f.label_en)) for f in missing)
                )
            )
            return

        def work(vault: Vault, t: TaskContext) -> ImportReport:
            with vault.session() as s:
                return import_addresses(
                    s,
                    data,
                    overrides,
                    dry_run=dry_run,
                    progress=lambda done, total: t.progress(done, total),
                    cancelled=lambda: t.cancelled,
                )

        self.report = None
        self.problems.setRowCount(0)
        self.progress.setRange(0, 0)
        self.summary.setText(self.tr("Checking…") if dry_run else self.tr("Importing…"))
        if self.step != STEP_CHECK:
            self._go(STEP_CHECK)
        if dry_run:
            op = QueryOp.on_vault(self.ctx, self, work, self._finished)
        else:  # an import that was refused (errors) changed nothing; announced all the same
            op = WriteOp.on_vault(
                self.ctx, self, work, self._finished, changes=Changes(households=True)
            )
        self.task = op.failure(self._run_failed).with_progress(self._progress).run()
        self._update_buttons()

    def _progress(self, done: int, total: int, _label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _stop(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _run_failed(self, exc: BaseException) -> None:
        self.task = None
        self.summary.setText(user_message(exc))
        self._update_buttons()

    def _finished(self, report: ImportReport) -> None:
        self.task = None
        self.report = report
        self._show_report(report)
        if report.written:
            self.imported = True
            c = report.counts
            self.done_text.setText(
                self.tr(
                    "The addresses have been imported.\n\n"
                    "Addresses: {new} new, {updated} updated, {unchanged} unchanged.\n"
                    "Complexes: {cnew} new, {cupdated} updated.\n"
                    "Households: {hnew} new · residents: {rnew} new."
                ).format(
                    new=c.addresses_new,
                    updated=c.addresses_updated,
                    unchanged=c.addresses_unchanged,
                    cnew=c.complexes_new,
                    cupdated=c.complexes_updated,
                    hnew=c.households_new,
                    rnew=c.residents_new,
                )
                + (
                    "\n\n"
                    + self.tr("{n} warning(s): see the report.").format(n=len(report.warnings))
                    if report.warnings
                    else ""
                )
            )
            self._go(STEP_DONE)
        self._update_buttons()

    def _show_report(self, report: ImportReport) -> None:
        c = report.counts
        if report.errors:
            text = self.tr(
                "The file has {n} problem(s) in {rows} rows. Nothing will be imported until"
                " they are fixed: correct the file (or the columns) and check again."
            ).format(n=len(report.errors), rows=c.rows)
        else:
            text = self.tr(
                "No problems in {rows} rows. Importing will add {new} and update {updated}"
                " addresses; {unchanged} stay unchanged. Complexes: {cnew} new. Households:"
                " {hnew} new, residents: {rnew} new."
            ).format(
                rows=c.rows,
                new=c.addresses_new,
                updated=c.addresses_updated,
                unchanged=c.addresses_unchanged,
                cnew=c.complexes_new,
                hnew=c.households_new,
                rnew=c.residents_new,
            )
        self.summary.setText(text)
        rows: list[tuple[Any, str, str, str]] = [
            (p.line, p.column, self.tr("error"), p.message) for p in report.errors
        ] + [(p.line, p.column, self.tr("warning"), p.message) for p in report.warnings]
        rows.sort(key=lambda r: r[0])
        self.problems.setRowCount(len(rows))
        for i, values in enumerate(rows):
            for j, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if j == 0:
                    item.setData(Qt.ItemDataRole.DisplayRole, int(value))
                self.problems.setItem(i, j, item)
        self.problems.resizeColumnToContents(0)
        self.problems.resizeColumnToContents(1)
        self.problems.resizeColumnToContents(2)
        self.problems.resizeRowsToContents()

    # ---- the report as CSV -----------------------------------------------------------------
    def _ask_save_report(self) -> None:
        if self.report is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save report"), "importrapport.csv", "CSV (*.csv)"
        )
        if path:
            self.save_report(Path(path))

    def save_report(self, path: Path) -> None:
        """Write the report as CSV on the worker."""
        assert self.report is not None
        report = self.report

        def work(_t: TaskContext) -> None:
            write_atomic(Path(path), report_to_csv(report).encode("utf-8"), overwrite=True)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OSError):
                self.message.error(self.tr("The report could not be saved. Choose another folder."))
            else:
                show_failure(self, exc, self.message)

        QueryOp.without_vault(self.ctx, self, work).failure(failed).run()

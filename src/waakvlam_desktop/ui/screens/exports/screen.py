"""Exports: per partner and period, a preview of what may be shared, the encrypted export
with progress and cancel, the history, due periodic exports and handover import."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop.bundles.keys import load_identity
from waakvlam_desktop.domain.consent import exclusion_label
from waakvlam_desktop.domain.exports import (
    DueExport,
    ExportHistoryRow,
    Period,
    due_exports,
    export_history,
    offered_periods,
)
from waakvlam_desktop.domain.partners import PartnerView, get_partner, list_partners
from waakvlam_desktop.domain.types import profile_description
from waakvlam_desktop.storage.audit_labels import count_phrases, field_label
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp, TaskContext, WriteOp
from waakvlam_desktop.ui.screen import Screen
from waakvlam_desktop.ui.widgets.common import Card, InlineMessage, Lang, user_message
from waakvlam_desktop.ui.widgets.table import (
    Column,
    RowModel,
    RowView,
    number_column,
    set_row_height,
    stamp_column,
)

# The bundle code loads when the screen is used: bundles.export, .importer and .reader add
# ~80 ms to start-up (measured with -X importtime after the main window's own imports).
if TYPE_CHECKING:
    from waakvlam_desktop.bundles.export import ExportPreview, ExportResult
    from waakvlam_desktop.bundles.importer import ImportReport

STAGES = ("query", "serialise", "summary", "sign", "zip", "encrypt", "write")


def households_in(h: ExportHistoryRow) -> int | None:
    """The number of households in an export (older bundles counted them in Dutch)."""
    return h.counts.get("households", h.counts.get("huishoudens"))


def count_lines(counts: dict[str, int]) -> str:
    """``11 huishoudens, 33 signalen``: what is counted in words, never a table name."""
    return count_phrases(counts, Lang.current)


class ExportsView(Screen):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.partners: list[PartnerView] = []
        self.preview: ExportPreview | None = None
        self.last_result: ExportResult | None = None
        outer = QVBoxLayout(self)
        title = QLabel(self.tr("Exports"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        outer.addWidget(title)
        grid = QGridLayout()

        make = Card(self.tr("New export"))
        form = QFormLayout()
        self.partner = QComboBox()
        self.partner.setAccessibleName(self.tr("Partner"))
        # Only the periods this partner may get: from its schedule, over (for figures), and
        # not overlapping what it already received (domain.exports.offered_periods).
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Period"))
        self.period.setToolTip(
            self.tr(
                "The periods this partner can receive: from its schedule, and for figures"
                " only periods that are over and not yet sent"
            )
        )
        form.addRow(self.tr("Partner"), self.partner)
        form.addRow(self.tr("Period"), self.period)
        make.layout_.addLayout(form)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # What may leave can be long (at 200 % more than fits): it scrolls, never cut off.
        self.summary_area = QScrollArea()
        self.summary_area.setWidgetResizable(True)
        self.summary_area.setFrameShape(QFrame.Shape.NoFrame)
        self.summary_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.summary_area.setWidget(self.summary)
        self.summary_area.viewport().setAutoFillBackground(False)  # the card's own colour
        self.summary.setAutoFillBackground(False)
        make.layout_.addWidget(self.summary_area, 1)
        self.message = InlineMessage()
        make.layout_.addWidget(self.message)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("Preview"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setEnabled(False)
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.export_button)
        make.layout_.addLayout(buttons)

        due = Card(self.tr("Due periodic exports"))
        due_columns: tuple[Column[DueExport], ...] = (
            Column(self.tr("Partner"), lambda d: d.partner_name),
            Column(self.tr("Period"), lambda d: d.period.label),
            stamp_column(self.tr("Last export"), lambda d: d.last_exported_at),
        )
        self.due = RowView(RowModel(due_columns), self.tr("Due periodic exports"))
        due.layout_.addWidget(self.due)
        self.import_button = QPushButton(self.tr("Read in a handover…"))
        self.import_button.setToolTip(
            self.tr("Merge a colleague's handover bundle into this vault")
        )
        self.colleagues_button = QPushButton(self.tr("Colleagues…"))
        self.colleagues_button.setToolTip(
            self.tr("Only handovers from colleagues listed here are read in")
        )
        handover_row = QHBoxLayout()
        handover_row.addStretch(1)
        handover_row.addWidget(self.colleagues_button)
        handover_row.addWidget(self.import_button)
        due.layout_.addLayout(handover_row)

        history = Card(self.tr("Export history"))
        history_columns: tuple[Column[ExportHistoryRow], ...] = (
            stamp_column(self.tr("When"), lambda h: h.exported_at),
            Column(self.tr("Partner"), lambda h: h.partner_name),
            Column(self.tr("Period"), lambda h: h.period),
            number_column(self.tr("No."), lambda h: h.sequence),
            number_column(self.tr("Households"), households_in),
        )
        # The check value of each bundle is for ICT: in the row's tooltip, not a column.
        history_columns = tuple(
            replace(
                column,
                tooltip=lambda h: self.tr("For ICT: SHA-256 of the bundle {sha}").format(
                    sha=h.bundle_sha256
                ),
            )
            for column in history_columns
        )
        self.history = RowView(RowModel(history_columns), self.tr("Export history"))
        history.layout_.addWidget(self.history)

        grid.addWidget(make, 0, 0)
        grid.addWidget(due, 0, 1)
        grid.addWidget(history, 1, 0, 1, 2)
        grid.setRowStretch(1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        outer.addLayout(grid, 1)

        self.partner.currentIndexChanged.connect(lambda _i: self.load_periods())
        self.period.currentIndexChanged.connect(lambda _i: self.run_preview())
        self.preview_button.clicked.connect(self.run_preview)
        self.export_button.clicked.connect(self.export_dialog)
        self.due.row_activated.connect(self._due_chosen)
        self.import_button.clicked.connect(self.import_dialog)
        self.colleagues_button.clicked.connect(self.colleagues_dialog)

    # ---- loading -------------------------------------------------------------------------
    def nav_title(self) -> str:
        return self.tr("Exports")

    def affected_by(self, changes: Changes) -> bool:
        return changes.exports or changes.partners or changes.households

    def refresh(self) -> None:
        today = self.ctx.today()

        def load(s: Any) -> tuple[list[PartnerView], list[Any], list[ExportHistoryRow]]:
            return list_partners(s), due_exports(s, today), export_history(s, limit=200)

        QueryOp(self.ctx, self, load, self._loaded, message=self.message).run()

    def _loaded(self, data: tuple[list[PartnerView], list[Any], list[ExportHistoryRow]]) -> None:
        partners, due, history = data
        # Keep the choice; at first a partner that can receive a bundle (has a key).
        current = self.partner.currentData() or next((p.id for p in partners if p.recipients), None)
        self.partners = partners
        self.partner.blockSignals(True)
        self.partner.clear()
        for p in partners:
            self.partner.addItem(p.name, p.id)
        self.partner.setCurrentIndex(max(0, self.partner.findData(current)))
        self.partner.blockSignals(False)
        self.due.set_rows(due)
        self.history.set_rows(history)
        if not partners:
            self.message.notice(self.tr("Add a partner with their key first (Partners)."))
        else:
            self.load_periods()

    def load_periods(self, choose: str | None = None) -> None:
        """Fill the period list for the chosen partner, then preview."""
        partner_id = self.partner.currentData()
        self.export_button.setEnabled(False)
        if not partner_id:
            return
        wanted = choose or self.period.currentData()

        def load(s: Any) -> list[Period]:
            return offered_periods(s, get_partner(s, str(partner_id)))

        def loaded(periods: list[Period]) -> None:
            self.period.blockSignals(True)
            self.period.clear()
            for period in periods:
                self.period.addItem(period.label, period.label)
            self.period.setCurrentIndex(max(0, self.period.findData(wanted)))
            self.period.blockSignals(False)
            if not periods:
                self.summary.clear()
                self.message.notice(self.tr("There is no period this partner can receive yet."))
                return
            self.run_preview()

        QueryOp(self.ctx, self, load, loaded, message=self.message).run()

    def _due_chosen(self, due: DueExport) -> None:
        self.partner.blockSignals(True)
        self.partner.setCurrentIndex(max(0, self.partner.findData(due.partner_id)))
        self.partner.blockSignals(False)
        self.load_periods(choose=due.period.label)

    # ---- preview -------------------------------------------------------------------------
    def chosen_period(self) -> Period | None:
        label = self.period.currentData()
        if not label:
            return None
        try:
            return Period.parse(str(label))
        except Exception as exc:  # the domain raises a typed, Dutch error
            self.message.error(user_message(exc))
            return None

    def run_preview(self) -> None:
        partner_id = self.partner.currentData()
        period = self.chosen_period()
        self.export_button.setEnabled(False)
        if not partner_id or period is None:
            return
        from waakvlam_desktop.bundles.export import preview_export  # noqa: PLC0415 - first use, see top

        self.message.clear_message()
        QueryOp(
            self.ctx,
            self,
            lambda s: preview_export(s, str(partner_id), period),
            self.show_preview,
            message=self.message,
        ).run()

    def show_preview(self, preview: ExportPreview) -> None:
        self.preview = preview
        lines = [
            *preview.changes,  # what changed since the previous bundle to this partner
            self.tr("Kind of export: {kind} · bundle number {n}").format(
                kind=profile_description(preview.profile, Lang.current), n=preview.next_sequence
            ),
            self.tr("Contains: {counts}").format(counts=count_lines(preview.counts)),
        ]
        erasures = preview.counts.get("erasure_requests", 0)
        if erasures:
            lines.insert(
                0,
                self.tr("First: {n} request(s) to the partner to erase a household's data.").format(
                    n=erasures
                ),
            )
        if preview.shared:
            lines.append(
                self.tr("What may leave: {fields}").format(fields="; ".join(preview.shared))
            )
        if preview.exclusions:
            left_out = "; ".join(
                f"{n}× {exclusion_label(reason)}" for reason, n in preview.exclusions.items()
            )
            lines.append(self.tr("Left out (no names): {why}").format(why=left_out))
        keys = len(preview.recipient_fingerprints)
        if keys:
            lines.append(
                self.tr("Locked with the partner's key: only {name} can open it.").format(
                    name=preview.partner_name
                )
                if keys == 1
                else self.tr("Locked with the partner's {n} keys: only {name} can open it.").format(
                    n=keys, name=preview.partner_name
                )
            )
        self.summary.setText("\n".join(lines))
        self.summary.setToolTip(
            self.tr("For ICT: profile {profile}; age recipients (fingerprints): {fps}").format(
                profile=preview.profile.value, fps=", ".join(preview.recipient_fingerprints) or "–"
            )
        )
        if preview.problem:
            self.message.error(preview.problem)
        self.export_button.setEnabled(preview.ready)

    # ---- export --------------------------------------------------------------------------
    def export_dialog(self) -> None:
        if self.preview is None or not self.preview.ready:
            return
        from waakvlam_desktop.bundles.export import default_file_name  # noqa: PLC0415 - first use, see top

        name = default_file_name(
            self.preview.partner_name, self.preview.period, self.preview.next_sequence
        )
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save export"), str(Path.home() / name), "age (*.age)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Export in the background with a progress dialog that can cancel it."""
        preview = self.preview
        if preview is None:
            return
        partner_id, period = preview.partner_id, preview.period
        progress = QProgressDialog(self.tr("Exporting…"), self.tr("Cancel"), 0, len(STAGES), self)
        progress.setWindowTitle(self.tr("Export"))
        progress.setMinimumDuration(300)
        progress.setWindowModality(Qt.WindowModality.WindowModal)

        def work(vault: Vault, task: TaskContext) -> ExportResult:
            from waakvlam_desktop.bundles.export import export_bundle  # noqa: PLC0415 - first use, see top

            def report(stage: str, _done: int, _total: int) -> None:
                step = STAGES.index(stage) + 1 if stage in STAGES else 0
                task.progress(step, len(STAGES), stage)

            with vault.session() as s:
                return export_bundle(
                    s, partner_id, period, path, progress=report, cancel=lambda: task.cancelled
                )

        def step(done: int, _total: int, _stage: str) -> None:
            progress.setValue(done)

        def finished(result: ExportResult) -> None:
            self.last_result = result
            self.message.notice(self.tr("Exported to {name}.").format(name=result.path.name))

        handle = (
            WriteOp.on_vault(
                self.ctx, self, work, finished, changes=Changes(exports=True), message=self.message
            )
            .always(progress.close)
            .with_progress(step)
            .run()
        )
        progress.canceled.connect(handle.cancel)

    # ---- handover import -----------------------------------------------------------------
    def import_dialog(self) -> None:
        HandoverDialog(self.ctx, self).exec()  # a handover read in announces itself

    def colleagues_dialog(self) -> None:
        from waakvlam_desktop.ui.screens.exports.colleagues import (  # noqa: PLC0415 - first use
            ColleaguesDialog,
        )

        ColleaguesDialog(self.ctx, self).exec()


class HandoverDialog(QDialog):
    """Read in a colleague's handover bundle: file and own identity. The sender must be a
    colleague in this vault. First run: what would happen (partners, conflicts); nothing is
    written until the user confirms the partners and chooses per conflict."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: ImportReport | None = None
        self.choices: dict[str, QComboBox] = {}
        self.setWindowTitle(self.tr("Read in a handover"))
        self.setMinimumWidth(640)
        form = QFormLayout()
        self.bundle = QLineEdit()
        self.identity = QLineEdit()
        for label, field, filt in (
            (self.tr("Handover file"), self.bundle, "age (*.age)"),
            (self.tr("Your key file"), self.identity, "*.txt"),
        ):
            row = QHBoxLayout()
            row.addWidget(field, 1)
            browse = QPushButton(self.tr("Choose…"))
            browse.clicked.connect(lambda _c=False, f=field, x=filt: self._browse(f, x))
            row.addWidget(browse)
            field.setAccessibleName(label)
            form.addRow(label, row)
        self.colleagues_button = QPushButton(self.tr("Colleagues…"))
        self.colleagues_button.setToolTip(
            self.tr("Only handovers from colleagues listed here are read in")
        )
        self.colleagues_button.clicked.connect(self.colleagues_dialog)
        self.review = QTableWidget(0, 3)
        self.review.setHorizontalHeaderLabels(
            [self.tr("What"), self.tr("Changed on both sides"), self.tr("Keep")]
        )
        self.review.horizontalHeader().setStretchLastSection(True)
        set_row_height(self.review)
        self.review.setAccessibleName(self.tr("Conflicts"))
        self.review.hide()
        self.result_text = QPlainTextEdit()
        self.result_text.setTabChangesFocus(True)  # Tab goes to the next field
        self.result_text.setReadOnly(True)
        self.result_text.setMaximumHeight(160)
        self.message = InlineMessage()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.run_button = buttons.addButton(
            self.tr("Check"), QDialogButtonBox.ButtonRole.ActionRole
        )
        buttons.rejected.connect(self.reject)
        self.run_button.clicked.connect(self.run)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.colleagues_button, alignment=Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.message)
        lay.addWidget(self.result_text)
        lay.addWidget(self.review, 1)
        lay.addWidget(buttons)

    def _browse(self, field: QLineEdit, filt: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose file"), "", filt)
        if path:
            field.setText(path)

    def colleagues_dialog(self) -> None:
        from waakvlam_desktop.ui.screens.exports.colleagues import (  # noqa: PLC0415 - first use
            ColleaguesDialog,
        )

        ColleaguesDialog(self.ctx, self).exec()

    def _decisions(self) -> dict[str, str] | None:
        decided: dict[str, str] = {}
        for row_id, box in self.choices.items():
            value = box.currentData()
            if value not in ("mine", "theirs"):
                return None
            decided[row_id] = value
        return decided

    def run(self) -> None:
        """Check (first click) or read in (after the review, with the choices made)."""
        bundle, identity = Path(self.bundle.text()), Path(self.identity.text())
        self.message.clear_message()
        confirm = self.report is not None and not self.report.applied
        choices = self._decisions() if confirm else {}
        if choices is None:
            self.message.error(self.tr("Choose for every conflict which version to keep."))
            return

        def work(s: Any) -> ImportReport:
            from waakvlam_desktop.bundles.importer import (  # noqa: PLC0415 - first use
                import_handover,
                pinned_sender,
            )
            from waakvlam_desktop.bundles.reader import read_bundle_file, verify_bytes  # noqa: PLC0415

            opened = verify_bytes(
                read_bundle_file(bundle), load_identity(identity), pinned_sender(s)
            )
            return import_handover(s, opened, confirm_partners=confirm, choices=choices)

        changes = Changes(households=True, referrals=True, partners=True)
        WriteOp(self.ctx, self, work, self.show_report, changes=changes, message=self.message).run()

    def _what(self, table: str) -> str:
        labels = {
            "household": self.tr("Household"),
            "resident": self.tr("Resident"),
            "visit": self.tr("Visit"),
            "signal_observation": self.tr("Signal"),
            "concern_level_entry": self.tr("Concern level"),
            "follow_up": self.tr("Follow-up"),
            "referral": self.tr("Referral"),
            "referral_status_event": self.tr("Referral status"),
            "complex": self.tr("Complex"),
            "address": self.tr("Address"),
        }
        return labels.get(table, table)

    def show_report(self, report: ImportReport) -> None:
        self.report = report
        lines = [self.tr("From colleague: {name}").format(name=report.colleague)]
        for p in report.partners:
            lines.append(
                self.tr("Partner {name}: new here, without key or schedule").format(
                    name=p.local_name
                )
                if p.new
                else self.tr("Partner {name}: linked to the partner here").format(name=p.name)
            )
        erased = sum(report.erased.values())
        if erased:
            lines.append(self.tr("Erased here, not brought back: {n}").format(n=erased))
        if report.applied:
            lines += [
                self.tr("Added: {counts}").format(counts=count_lines(report.added)),
                self.tr("Updated: {counts}").format(counts=count_lines(report.updated)),
                self.tr("Unchanged: {counts}").format(counts=count_lines(report.unchanged)),
            ]
            if report.conflicts:
                lines.append(self.tr("Conflicts decided: {n}").format(n=len(report.conflicts)))
        self.result_text.setPlainText("\n".join(lines))
        self._fill_review(report)
        if report.applied:
            self.run_button.setEnabled(False)
            self.message.notice(
                self.tr("Handover read in.")
                if report.changed
                else self.tr("Nothing new in this bundle.")
            )
        else:
            self.run_button.setText(self.tr("Confirm and read in"))
            self.message.notice(
                self.tr(
                    "Nothing has been read in yet. Check the partners and choose for every"
                    " conflict, then confirm."
                )
            )

    def _fill_review(self, report: ImportReport) -> None:
        self.choices = {}
        conflicts = [] if report.applied else report.conflicts
        self.review.setRowCount(len(conflicts))
        self.review.setVisible(bool(conflicts))
        for n, c in enumerate(conflicts):
            what = QTableWidgetItem(self._what(c.table))
            what.setToolTip(self.tr("For ICT: {table} {id}").format(table=c.table, id=c.id))
            self.review.setItem(n, 0, what)
            fields = ", ".join(field_label(f, Lang.current) for f in c.fields)
            self.review.setItem(n, 1, QTableWidgetItem(fields))
            box = QComboBox()
            box.addItem(self.tr("Choose…"), None)
            box.addItem(self.tr("Keep mine"), "mine")
            box.addItem(self.tr("Take theirs"), "theirs")
            box.setAccessibleName(self.tr("Keep"))
            self.review.setCellWidget(n, 2, box)
            self.choices[c.id] = box

"""The Privacy screen: retention review and purge, the audit viewer with chain check,
backup and restore. The backup reminder in the status bar and the restore runner belong
to the main window: restore.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop.bundles import witness
from waakvlam_desktop.clock import to_local
from waakvlam_desktop.domain import staff
from waakvlam_desktop.domain.households import list_households
from waakvlam_desktop.privacy import backup, retention
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.ui import palette
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.operations import QueryOp, TaskContext, WriteOp
from waakvlam_desktop.ui.screen import Screen
from waakvlam_desktop.ui.screens.privacy.restore import (
    BACKUP_SUFFIX,
    RestoreRequest,
    ask_restore,
    vault_folder_has_content,
)
from waakvlam_desktop.ui.widgets.common import (
    Card,
    InlineMessage,
    Lang,
    count_text,
    qdate,
    stamp,
    to_date,
)
from waakvlam_desktop.ui.widgets.table import (
    Column,
    RowModel,
    RowView,
    date_column,
    number_column,
    stamp_column,
)

GREEN = palette.GOOD
RED = palette.BAD


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class PrivacyData:
    """Everything the screen shows at open: one background read."""

    review: tuple[retention.RetentionRow, ...]
    terms: dict[str, int]
    households: tuple[Choice, ...]
    staff: tuple[Choice, ...]
    actions: tuple[str, ...]
    last_backup: datetime | None  # naive UTC


def load_privacy(s: Any, today: date) -> PrivacyData:
    return PrivacyData(
        review=tuple(retention.retention_review(s, today)),
        terms=retention.retention_terms(s),
        households=tuple(
            Choice(h.id, f"{h.label} · {h.address}, {h.city}") for h in list_households(s)
        ),
        staff=tuple(Choice(m.id, m.name) for m in staff.list_staff(s)),
        actions=tuple(audit.audit_actions(s)),
        last_backup=backup.last_backup_at(s),
    )


@dataclass(frozen=True, slots=True)
class AuditFilter:
    household_id: str | None = None
    staff_id: str | None = None
    action: str | None = None
    since: date | None = None
    until: date | None = None


AUDIT_LIMIT = 1000


# ---- the screen ------------------------------------------------------------------------------
class PrivacyView(Screen):
    restore_requested = Signal(object)  # RestoreRequest: the main window locks and restores

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.data: PrivacyData | None = None
        self.audit_result: list[audit.AuditRow] | None = None
        self.verdict: audit.ChainVerdict | None = None
        self.witness_verdict: audit.WitnessVerdict | None = None
        self.retention_result: retention.RetentionResult | None = None
        self.backup_info: backup.BackupInfo | None = None
        self.busy = False
        outer = QVBoxLayout(self)
        title = QLabel(self.tr("Privacy"))
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        outer.addWidget(title)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_retention(), self.tr("To be deleted"))
        self.tabs.addTab(self._build_audit(), self.tr("Audit log"))
        self.backup_tab = self.tabs.addTab(self._build_backup(), self.tr("Backup"))

    # ---- building ------------------------------------------------------------------------
    def _build_retention(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        self.terms_label = QLabel()
        self.terms_label.setWordWrap(True)
        lay.addWidget(self.terms_label)
        review_columns: tuple[Column[retention.RetentionRow], ...] = (
            Column(self.tr("Household"), lambda r: r.label),
            Column(
                self.tr("Complex / wijk"),
                lambda r: " · ".join(x for x in (r.complex_name, r.wijk) if x),
            ),
            Column(
                self.tr("Reason"),
                lambda r: self.tr("case closed") if r.reason == "gesloten" else self.tr("inactive"),
            ),
            date_column(self.tr("Since"), lambda r: r.since),
            date_column(self.tr("Expired on"), lambda r: r.due_on),
            Column(self.tr("What is removed"), self.what_goes, stretch=True),
            Column(
                self.tr("Anonymised"), lambda r: self.tr("yes") if r.anonymise else self.tr("no")
            ),
        )
        self.review = RowView(
            RowModel(
                review_columns,
                empty=self.tr("Nothing has passed its retention term."),
                empty_column=2,
            ),
            self.tr("To be deleted"),
        )
        lay.addWidget(self.review, 1)
        self.retention_message = InlineMessage()
        lay.addWidget(self.retention_message)
        row = QHBoxLayout()
        self.retention_progress = QProgressBar()
        self.retention_progress.setRange(0, 0)
        self.retention_progress.setMaximumWidth(220)
        self.retention_progress.setAccessibleName(self.tr("Busy"))
        self.retention_progress.hide()
        self.dry_run_button = QPushButton(self.tr("Dry run"))
        self.dry_run_button.setToolTip(self.tr("Show what would be removed; nothing changes"))
        self.purge_button = QPushButton(self.tr("Clean up now…"))
        row.addWidget(self.retention_progress)
        row.addStretch(1)
        row.addWidget(self.dry_run_button)
        row.addWidget(self.purge_button)
        lay.addLayout(row)
        self.dry_run_button.clicked.connect(self.dry_run)
        self.purge_button.clicked.connect(self.ask_purge)
        return w

    def _build_audit(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        filters = QGridLayout()
        self.f_household = QComboBox()
        self.f_household.setEditable(True)
        self.f_household.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.f_household.setAccessibleName(self.tr("Household"))
        self.f_household.setMinimumWidth(280)
        completer = self.f_household.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.f_staff = QComboBox()
        self.f_staff.setAccessibleName(self.tr("Staff member"))
        self.f_action = QComboBox()
        self.f_action.setAccessibleName(self.tr("Action"))
        self.f_period = QCheckBox(self.tr("Period"))
        self.f_since = QDateEdit()
        self.f_until = QDateEdit()
        for edit, name in ((self.f_since, self.tr("From")), (self.f_until, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
            edit.setAccessibleName(name)
            edit.setEnabled(False)
        filters.addWidget(QLabel(self.tr("Household")), 0, 0)
        filters.addWidget(self.f_household, 0, 1)
        filters.addWidget(QLabel(self.tr("Staff member")), 0, 2)
        filters.addWidget(self.f_staff, 0, 3)
        filters.addWidget(QLabel(self.tr("Action")), 0, 4)
        filters.addWidget(self.f_action, 0, 5)
        filters.addWidget(self.f_period, 1, 0)
        period = QHBoxLayout()
        period.addWidget(self.f_since)
        period.addWidget(QLabel("–"))
        period.addWidget(self.f_until)
        period.addStretch(1)
        filters.addLayout(period, 1, 1)
        self.audit_search = QPushButton(self.tr("Show"))
        filters.addWidget(self.audit_search, 1, 5, alignment=Qt.AlignmentFlag.AlignRight)
        filters.setColumnStretch(1, 2)
        filters.setColumnStretch(3, 1)
        filters.setColumnStretch(5, 1)
        lay.addLayout(filters)
        audit_columns: tuple[Column[audit.AuditRow], ...] = (
            number_column(self.tr("No."), lambda r: r.seq),
            stamp_column(self.tr("When"), lambda r: r.at),
            Column(self.tr("Staff member"), lambda r: r.staff_name or "–"),
            Column(self.tr("Action"), lambda r: audit.action_label(r.action, Lang.current)),
            Column(self.tr("About"), lambda r: audit.entity_label(r.entity, Lang.current)),
            Column(self.tr("Household"), lambda r: r.household_label),
            Column(
                self.tr("Details"),
                lambda r: audit.detail_text(r.action, r.detail, Lang.current),
                tooltip=lambda r: self.tr("For ICT: {action} {entity} {id}: {detail}").format(
                    action=r.action, entity=r.entity, id=r.entity_id or "", detail=r.detail
                ),
            ),
        )
        self.audit_table = RowView(RowModel(audit_columns), self.tr("Audit log"))
        lay.addWidget(self.audit_table, 1)
        self.audit_count = QLabel()
        self.audit_message = InlineMessage()
        lay.addWidget(self.audit_message)
        bottom = QHBoxLayout()
        bottom.addWidget(self.audit_count)
        bottom.addStretch(1)
        self.verify_button = QPushButton(self.tr("Check the chain"))
        self.verify_button.setToolTip(
            self.tr("Checks that no event was changed, removed or inserted afterwards")
        )
        bottom.addWidget(self.verify_button)
        self.anchor_button = QPushButton(self.tr("Check against an anchor…"))
        self.anchor_button.setToolTip(
            self.tr(
                "For ICT and the privacy officer: checks that the audit log still contains,"
                " unchanged, the state recorded in a signed anchor file ('waakvlam audit"
                " anchor'), and names the first event that was removed or changed"
            )
        )
        bottom.addWidget(self.anchor_button)
        lay.addLayout(bottom)
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setContentsMargins(8, 6, 8, 6)
        self.verdict_label.setAccessibleName(self.tr("Verdict"))
        self.verdict_label.hide()
        lay.addWidget(self.verdict_label)
        self.f_period.toggled.connect(self.f_since.setEnabled)
        self.f_period.toggled.connect(self.f_until.setEnabled)
        self.audit_search.clicked.connect(self.load_audit)
        self.f_staff.activated.connect(lambda _i: self.load_audit())
        self.f_action.activated.connect(lambda _i: self.load_audit())
        self.f_household.activated.connect(lambda _i: self.load_audit())
        self.verify_button.clicked.connect(self.verify)
        self.anchor_button.clicked.connect(self.ask_anchor)
        return w

    def _build_backup(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        make = Card(self.tr("Make a backup"))
        self.last_backup_label = QLabel()
        self.last_backup_label.setWordWrap(True)
        make.layout_.addWidget(self.last_backup_label)
        explain = QLabel(
            self.tr(
                "A backup is one file with the whole vault, still encrypted: without the"
                " passphrase nobody can read it. Keep it on a USB stick or network drive that"
                " is not this laptop. It can be made while you keep working."
            )
        )
        explain.setWordWrap(True)
        make.layout_.addWidget(explain)
        self.backup_message = InlineMessage()
        make.layout_.addWidget(self.backup_message)
        row = QHBoxLayout()
        self.backup_progress = QProgressBar()
        self.backup_progress.setRange(0, 0)
        self.backup_progress.setMaximumWidth(220)
        self.backup_progress.setAccessibleName(self.tr("Busy"))
        self.backup_progress.hide()
        self.backup_button = QPushButton(self.tr("Make backup…"))
        row.addWidget(self.backup_progress)
        row.addStretch(1)
        row.addWidget(self.backup_button)
        make.layout_.addLayout(row)
        lay.addWidget(make)

        restore = Card(self.tr("Restore a backup"))
        explain2 = QLabel(
            self.tr(
                "Restoring puts a backup in the place of this vault, for example on a new"
                " laptop or after a damaged disk. The vault is closed first; the current vault"
                " is never overwritten but kept aside in a folder next to it. You need the"
                " passphrase of the backup."
            )
        )
        explain2.setWordWrap(True)
        restore.layout_.addWidget(explain2)
        self.restore_message = InlineMessage()
        restore.layout_.addWidget(self.restore_message)
        self.restore_button = QPushButton(self.tr("Restore backup…"))
        restore.layout_.addWidget(self.restore_button, alignment=Qt.AlignmentFlag.AlignRight)
        lay.addWidget(restore)
        lay.addStretch(1)
        self.backup_button.clicked.connect(self.choose_backup_file)
        self.restore_button.clicked.connect(self.choose_restore_file)
        return w

    def what_goes(self, row: retention.RetentionRow) -> str:
        parts = []
        for n, label in (
            (row.visit_notes, self.tr("visit notes: {n}")),
            (row.follow_ups, self.tr("follow-ups: {n}")),
            (row.signal_remarks, self.tr("remarks: {n}")),
            (row.referrals, self.tr("referral texts: {n}")),
            (row.letters, self.tr("letters: {n}")),
            (row.residents, self.tr("residents: {n}")),
            (row.drafts, self.tr("drafts: {n}")),
        ):
            if n:
                parts.append(label.format(n=n))
        return ", ".join(parts) or "–"

    # ---- loading -------------------------------------------------------------------------
    def nav_title(self) -> str:
        return self.tr("Privacy")

    def affected_by(self, changes: Changes) -> bool:
        return changes.households or changes.staff

    def refresh(self) -> None:
        today = self.ctx.today()
        QueryOp(
            self.ctx,
            self,
            lambda s: load_privacy(s, today),
            self.show_data,
            message=self.retention_message,
        ).run()

    def show_data(self, data: PrivacyData) -> None:
        self.data = data
        t = data.terms
        self.terms_label.setText(
            self.tr(
                "Retention terms, counted from the end of a case or the last activity: visit"
                " notes {notes} months, signal remarks {signals} months, referrals and letters"
                " {referrals} months. When all have passed the household is anonymised; the"
                " anonymous counts stay."
            ).format(
                notes=t.get("visit_notes", 0),
                signals=t.get("signals", 0),
                referrals=t.get("referrals", 0),
            )
        )
        self._fill_review(data.review)
        self._fill_filters(data)
        self._show_last_backup(data.last_backup)
        self.load_audit()

    def _fill_review(self, rows: tuple[retention.RetentionRow, ...]) -> None:
        self.review.set_rows(rows)
        self.purge_button.setEnabled(bool(rows) and not self.busy)
        self.dry_run_button.setEnabled(not self.busy)

    def review_ids(self) -> list[str]:
        return [r.household_id for r in (self.data.review if self.data else ())]

    def _fill_filters(self, data: PrivacyData) -> None:
        keep_h, keep_s, keep_a = (
            self.f_household.currentData(),
            self.f_staff.currentData(),
            self.f_action.currentData(),
        )
        self.f_household.clear()
        self.f_household.addItem(self.tr("All households"), None)
        for h in data.households:
            self.f_household.addItem(h.label, h.id)
        self.f_staff.clear()
        self.f_staff.addItem(self.tr("All staff"), None)
        for m in data.staff:
            self.f_staff.addItem(m.label, m.id)
        self.f_action.clear()
        self.f_action.addItem(self.tr("All actions"), None)
        for a in data.actions:
            self.f_action.addItem(audit.action_label(a, Lang.current), a)
        for combo, value in (
            (self.f_household, keep_h),
            (self.f_staff, keep_s),
            (self.f_action, keep_a),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        today = self.ctx.today()
        if not self.f_period.isChecked():
            self.f_since.setDate(qdate(today - timedelta(days=30)))
            self.f_until.setDate(qdate(today))

    # ---- audit ---------------------------------------------------------------------------
    def current_filter(self) -> AuditFilter:
        def data(combo: QComboBox) -> str | None:
            # An edited household text that matches no entry means "all", shown as such.
            if combo.isEditable() and combo.findText(combo.currentText()) < 0:
                combo.setCurrentIndex(0)
            value = combo.currentData()
            return str(value) if value else None

        since = until = None
        if self.f_period.isChecked():
            since = to_date(self.f_since.date().toPython())
            until = to_date(self.f_until.date().toPython())
        return AuditFilter(
            data(self.f_household), data(self.f_staff), data(self.f_action), since, until
        )

    def set_filter(self, f: AuditFilter) -> None:
        """Set the filters (also for tests) and load the matching events."""
        for combo, value in (
            (self.f_household, f.household_id),
            (self.f_staff, f.staff_id),
            (self.f_action, f.action),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.f_period.setChecked(f.since is not None or f.until is not None)
        self.f_since.setDate(qdate(f.since or date(2000, 1, 1)))
        self.f_until.setDate(qdate(f.until or max(self.ctx.today(), f.since or date.min)))
        self.load_audit()

    def load_audit(self) -> None:
        f = self.current_filter()
        if f.since and f.until and f.since > f.until:
            self.audit_message.error(self.tr("The period starts after it ends."))
            return
        self.audit_message.clear_message()

        def work(s: Any) -> list[audit.AuditRow]:
            return audit.audit_rows(
                s,
                household_id=f.household_id,
                staff_id=f.staff_id,
                action=f.action,
                since=f.since,
                until=f.until,
                limit=AUDIT_LIMIT,
            )

        QueryOp(self.ctx, self, work, self.show_audit, message=self.audit_message).run()

    def show_audit(self, rows: list[audit.AuditRow]) -> None:
        self.audit_result = rows
        self.audit_table.set_rows(rows)
        if len(rows) >= AUDIT_LIMIT:
            self.audit_count.setText(
                self.tr("The newest {n} events; narrow the filters to see older ones.").format(
                    n=count_text(len(rows))
                )
            )
        else:
            self.audit_count.setText(self.tr("{n} events").format(n=count_text(len(rows))))

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.verdict_label.hide()
        QueryOp(
            self.ctx,
            self,
            lambda s: audit.verify_chain(s),
            self.show_verdict,
            message=self.audit_message,
        ).always(lambda: self.verify_button.setEnabled(True)).run()

    def ask_anchor(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose an anchor file"),
            str(Path.home()),
            self.tr("Anchor file (*.txt);;All files (*)"),
        )
        if path:
            self.verify_anchor(Path(path))

    def verify_anchor(self, path: Path) -> None:
        """Check the log against a signed anchor file (bundles/witness.py) in the background;
        a forged or unreadable anchor is one sentence in the inline message."""
        self.anchor_button.setEnabled(False)
        self.verdict_label.hide()

        def check(vault: Vault, _task: TaskContext) -> audit.WitnessVerdict:
            with vault.session() as s:
                return witness.verify_anchor(s, path, vault.vault_id)[1]

        QueryOp.on_vault(
            self.ctx, self, check, self.show_witness_verdict, message=self.audit_message
        ).always(lambda: self.anchor_button.setEnabled(True)).run()

    def show_witness_verdict(self, verdict: audit.WitnessVerdict) -> None:
        self.witness_verdict = verdict
        text = verdict.message(Lang.current)
        if verdict.ok:
            self._show_verdict_text("✔ " + text, GREEN)
        else:
            self._show_verdict_text("✖ " + text + " " + self.tr("Tell your privacy officer."), RED)

    def _show_verdict_text(self, text: str, colours: tuple[str, str]) -> None:
        fg, bg = colours
        self.verdict_label.setText(text)
        self.verdict_label.setStyleSheet(
            f"QLabel {{ color: {fg}; background: {bg}; border: 1px solid {fg};"
            " border-radius: 4px; font-weight: 600; }"
        )
        self.verdict_label.show()

    def show_verdict(self, verdict: audit.ChainVerdict) -> None:
        self.verdict = verdict
        if verdict.ok:
            text = "✔ " + self.tr(
                "The audit log is intact: {n} events, the chain is unbroken."
            ).format(n=count_text(verdict.events))
            fg, bg = GREEN
        else:
            reasons = {
                "een gebeurtenis ontbreekt": self.tr("an event is missing"),
                "verwijzing naar de vorige klopt niet": self.tr(
                    "the link to the previous event is wrong"
                ),
                "inhoud gewijzigd": self.tr("its content was changed"),
            }
            text = "✖ " + self.tr(
                "The audit log was tampered with: the chain breaks at event {seq} ({reason})."
                " Tell your privacy officer."
            ).format(seq=verdict.first_bad_seq, reason=reasons.get(verdict.reason, verdict.reason))
            fg, bg = RED
        self.verdict_label.setText(text)
        self.verdict_label.setStyleSheet(
            f"QLabel {{ color: {fg}; background: {bg}; border: 1px solid {fg};"
            " border-radius: 4px; font-weight: 600; }"
        )
        self.verdict_label.show()

    # ---- retention -----------------------------------------------------------------------
    def _set_busy(self, busy: bool, progress: QProgressBar) -> None:
        self.busy = busy
        progress.setVisible(busy)
        for button in (self.dry_run_button, self.purge_button, self.backup_button):
            button.setEnabled(not busy)
        if not busy and self.data is not None:
            self.purge_button.setEnabled(bool(self.data.review))

    def dry_run(self) -> None:
        self._run_retention(dry_run=True)

    def ask_purge(self) -> None:
        n = len(self.review_ids())
        if not n:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Clean up now"),
            self.tr(
                "Remove the personal data of {n} households listed here for good? This cannot"
                " be undone (a backup made earlier still holds it). Anonymous counts stay."
            ).format(n=n),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.purge()

    def purge(self) -> None:
        """Purge exactly the households on the list (after confirmation)."""
        self._run_retention(dry_run=False, only=tuple(self.review_ids()))

    def _run_retention(self, dry_run: bool, only: tuple[str, ...] = ()) -> None:
        if self.busy:
            return
        if not dry_run and not only:
            return
        today = self.ctx.today()
        self._set_busy(True, self.retention_progress)
        self.retention_message.notice(
            self.tr("Checking…") if dry_run else self.tr("Cleaning up and compacting the vault…")
        )

        def work(vault: Vault, _c: TaskContext) -> retention.RetentionResult:
            # The organisation's retention run: with the neighbourhood notes and the audit
            # checkpoint; ``only`` keeps it to the households the user confirmed.
            return retention.run_retention(vault, today, dry_run=dry_run, only=only, whole_run=True)

        if dry_run:
            op = QueryOp.on_vault(
                self.ctx, self, work, self._retention_done, message=self.retention_message
            )
        else:  # the announcement reloads this screen (and the others showing households)
            everything = Changes(households=True, referrals=True, drafts=True)
            op = WriteOp.on_vault(
                self.ctx,
                self,
                work,
                self._retention_done,
                changes=everything,
                message=self.retention_message,
            )
        op.always(lambda: self._set_busy(False, self.retention_progress)).run()

    def _retention_done(self, result: retention.RetentionResult) -> None:
        self.retention_result = result
        t = result.totals()
        counts = self.tr(
            "{households} households ({anonymised} anonymised): {notes} visit notes,"
            " {followups} follow-ups, {remarks} remarks, {referrals} referral texts,"
            " {letters} letters, {residents} residents"
        ).format(
            households=t["households"],
            anonymised=t["anonymised"],
            notes=t["visit_notes"],
            followups=t["follow_ups"],
            remarks=t["signal_remarks"],
            referrals=t["referrals"],
            letters=t["letters"],
            residents=t["residents"],
        )
        if result.dry_run:
            self.retention_message.notice(
                self.tr("Dry run, nothing changed. Would be removed: {counts}.").format(
                    counts=counts
                )
            )
            return
        text = self.tr("Cleaned up: {counts}.").format(counts=counts)
        if not result.vacuumed:
            text += " " + self.tr(
                "The vault could not be compacted yet (it is in use); that happens at the next"
                " clean-up."
            )
        self.retention_message.notice(text)

    # ---- backup --------------------------------------------------------------------------
    def _show_last_backup(self, last: datetime | None) -> None:
        if last is None:
            self.last_backup_label.setText(self.tr("No backup of this vault has been made yet."))
            return
        days = (self.ctx.today() - to_local(last).date()).days
        ago = (
            self.tr("today")
            if days <= 0
            else self.tr("1 day ago")
            if days == 1
            else self.tr("{n} days ago").format(n=days)
        )
        self.last_backup_label.setText(
            self.tr("Last backup: {when} ({ago}).").format(when=stamp(last), ago=ago)
        )

    def choose_backup_file(self) -> None:
        today = self.ctx.today()
        suggested = str(Path.home() / f"waakvlam-{today:%Y%m%d}{BACKUP_SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save backup"),
            suggested,
            self.tr("Waakvlam backup (*{suffix})").format(suffix=BACKUP_SUFFIX),
        )
        if path:
            self.make_backup(Path(path))

    def make_backup(self, path: Path) -> None:
        if self.busy:
            return
        self._set_busy(True, self.backup_progress)
        self.backup_message.notice(self.tr("Making the backup…"))
        WriteOp.on_vault(
            self.ctx,
            self,
            lambda v, _c: backup.create_backup(v, path),
            self._backup_done,
            changes=Changes(backups=True),  # the status-bar reminder refreshes
            message=self.backup_message,
        ).always(lambda: self._set_busy(False, self.backup_progress)).run()

    def _backup_done(self, info: backup.BackupInfo) -> None:
        self.backup_info = info
        self.backup_message.notice(
            self.tr("Backup saved: {path} ({size} MB).").format(
                path=str(info.path), size=f"{info.file_bytes / 1_000_000:.1f}"
            )
        )
        self._show_last_backup(info.created_at)

    # ---- restore -------------------------------------------------------------------------
    def choose_restore_file(self) -> None:
        request = ask_restore(self, self.ctx.data_dir, self.restore_message)
        if request is not None:
            self.restore(request.backup_file, request.passphrase, replace=request.replace)

    def restore(
        self, path: Path, passphrase: str, target: Path | None = None, replace: bool = False
    ) -> bool:
        """Ask the main window to lock and restore ``path`` into ``target`` (default: this
        vault's folder). Refused here, before anything closes, when a vault is there and
        replacing it was not confirmed."""
        folder = Path(target) if target is not None else self.ctx.data_dir
        if vault_folder_has_content(folder) and not replace:
            self.restore_message.error(
                self.tr(
                    "There is a vault in {path} already; confirm that it may be replaced."
                ).format(path=str(folder))
            )
            return False
        if not passphrase:
            self.restore_message.error(self.tr("Enter the passphrase of the backup."))
            return False
        self.restore_requested.emit(RestoreRequest(Path(path), folder, passphrase, replace))
        return True

"""The Privacy screen, the household Privacy tab, the clipboard guard and the locked
window: offscreen, real vault files, file dialogs bypassed by calling the methods."""

from __future__ import annotations

import json
import sys
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QTextEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from tests.conftest import PASSPHRASE
from tests.helpers import add_case, every_stored_value
from tests.security.test_audit_witnesses import rewrite
from tests.ui.conftest import NewVault, UnlockedWindow
from waakvlam_desktop.bundles import witness
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain import referrals, staff
from waakvlam_desktop.domain.households import view_household
from waakvlam_desktop.domain.types import ReferralStatus
from waakvlam_desktop.privacy.retention import close_household
from waakvlam_desktop.storage.audit import audit_head
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.main_window import NAV_PRIVACY, MainWindow, Workspace
from waakvlam_desktop.ui.operations import QueryOp, WriteOp
from waakvlam_desktop.ui.screens.privacy.screen import GREEN, RED, AuditFilter
from waakvlam_desktop.ui.widgets.clipboard import ClipboardGuard

TIMEOUT = 20_000
GONE = "Qzvergeet7"  # closed in 2020: purged
KEPT = "Qzblijft4"  # active: stays


def _vault(new_vault: NewVault, clock: FixedClock) -> dict[str, dict[str, str]]:
    """An old closed case and a current one; returns their ids."""
    now = clock.now()
    vault = new_vault()
    clock.set(datetime(2020, 5, 1, 10, 0, tzinfo=UTC))
    old = add_case(vault, GONE, number=1)
    clock.set(datetime(2020, 6, 1, 10, 0, tzinfo=UTC))
    with vault.session() as s:
        close_household(s, old["household"])
    clock.set(now)
    kept = add_case(vault, KEPT, number=2)
    vault.close()
    return {"old": old, "kept": kept}


def _privacy(qtbot: QtBot, ws: Workspace) -> None:
    ws.privacy.data = None
    ws.nav.setCurrentRow(NAV_PRIVACY)
    assert ws.stack.currentWidget() is ws.privacy
    qtbot.waitUntil(lambda: ws.privacy.data is not None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not ws.ctx.background.busy, timeout=TIMEOUT)


def _stored(qtbot: QtBot, ctx: AppContext) -> str:
    """Every value in the open vault, read on the worker thread."""
    box: list[str] = []
    QueryOp.on_vault(ctx, ctx, lambda v, _c: every_stored_value(v), box.append).run()
    qtbot.waitUntil(lambda: bool(box), timeout=TIMEOUT)
    return box[0]


def test_retention_dry_run_then_purge_through_the_screen(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    clock: FixedClock,
) -> None:
    ids = _vault(new_vault, clock)
    _w, ws = unlocked_window()
    _privacy(qtbot, ws)
    view = ws.privacy
    assert view.review_ids() == [ids["old"]["household"]]
    assert view.review.model().rowCount() == 1
    assert view.review.cell(0, 0) == f"fam. {GONE}naam"
    assert view.review.cell(0, 2) == "zaak gesloten" and view.review.cell(0, 3) == "01-06-2020"
    assert "notities: 1" in view.review.cell(0, 5) and view.review.cell(0, 6) == "ja"
    assert view.purge_button.isEnabled()

    view.dry_run()
    qtbot.waitUntil(lambda: view.retention_result is not None, timeout=TIMEOUT)
    assert view.retention_result is not None and view.retention_result.dry_run
    assert "Eerst bekeken" in view.retention_message.text()
    assert GONE in _stored(qtbot, ctx)  # nothing changed

    view.retention_result = None
    view.purge()
    assert view.busy and view.retention_progress.isVisible()
    assert not view.purge_button.isEnabled()
    qtbot.waitUntil(lambda: view.retention_result is not None, timeout=TIMEOUT)
    result = view.retention_result
    assert result is not None and not result.dry_run and result.vacuumed
    assert result.totals()["anonymised"] == 1
    qtbot.waitUntil(lambda: view.review_ids() == [], timeout=TIMEOUT)
    assert "Opgeschoond" in view.retention_message.text()
    assert view.review.model().rowCount() == 1 and view.review.shown_rows() == []
    assert "verlopen" in view.review.cell(0, 2)  # "nothing has passed"
    assert not view.purge_button.isEnabled() and not view.busy
    stored = _stored(qtbot, ctx)
    assert GONE not in stored and KEPT in stored


def test_the_screens_clean_up_also_checkpoints_old_audit_events(
    qtbot: QtBot,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    clock: FixedClock,
) -> None:
    """The GUI's "clean up" is the organisation's retention run (docs/privacy.md): besides
    the confirmed households, the audit events past the audit term become a signed
    checkpoint, as with `waakvlam retention run`."""
    now = clock.now()
    clock.set(datetime(2020, 5, 1, 10, 0, tzinfo=UTC))  # the vault itself dates from 2020
    vault = new_vault()
    old = add_case(vault, GONE, number=1)
    clock.set(datetime(2020, 6, 1, 10, 0, tzinfo=UTC))
    with vault.session() as s:
        close_household(s, old["household"])
    clock.set(now)
    add_case(vault, KEPT, number=2)
    vault.close()
    _w, ws = unlocked_window()
    _privacy(qtbot, ws)
    view = ws.privacy
    assert view.review_ids() == [old["household"]]
    view.retention_result = None
    view.purge()
    qtbot.waitUntil(lambda: view.retention_result is not None, timeout=TIMEOUT)
    result = view.retention_result
    assert result is not None and not result.dry_run
    assert result.totals()["anonymised"] == 1
    assert result.audit_checkpoint is not None and result.audit_events > 0
    qtbot.waitUntil(lambda: not view.busy, timeout=TIMEOUT)


def test_audit_viewer_filters_and_chain_verdict(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    clock: FixedClock,
) -> None:
    ids = _vault(new_vault, clock)
    old, kept = ids["old"]["household"], ids["kept"]["household"]
    _w, ws = unlocked_window()
    ws.open_household(kept)  # a "view" event
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    box: list[str] = []
    WriteOp(
        ctx,
        ctx,
        lambda s: staff.add_staff(s, "B. Tweede", "wijkbeheerder").id,
        box.append,
        changes=Changes(),  # behind the screens' back
    ).run()
    qtbot.waitUntil(lambda: bool(box), timeout=TIMEOUT)
    _privacy(qtbot, ws)
    view = ws.privacy
    everything = view.audit_result
    assert everything is not None and len(everything) > 10
    assert view.audit_table.model().rowCount() == len(everything)
    assert view.f_action.findData("view") > 0 and view.f_staff.count() == 3

    def shown(f: AuditFilter) -> list[int]:
        view.audit_result = None
        view.set_filter(f)
        qtbot.waitUntil(lambda: view.audit_result is not None, timeout=TIMEOUT)
        assert view.audit_result is not None
        return [r.seq for r in view.audit_result]

    for_old = shown(AuditFilter(household_id=old))
    assert for_old and all(r.household_id == old for r in view.audit_result or [])
    assert view.audit_table.cell(0, 5) == f"fam. {GONE}naam"
    viewed = shown(AuditFilter(action="view"))
    assert len(viewed) == 1 and view.audit_table.cell(0, 3) == "ingezien"
    assert shown(AuditFilter(action="view", household_id=old)) == []
    assert shown(AuditFilter(staff_id=box[0])) == []
    first_staff = view.f_staff.itemData(1) if view.f_staff.itemText(1) == "A" else None
    assert first_staff is not None
    by_a = [r.seq for r in everything if r.actor_id == first_staff]
    assert 10 < len(by_a) < len(everything)  # the set-up before an actor has none
    assert shown(AuditFilter(staff_id=str(first_staff))) == by_a
    # Period: the old case happened in 2020 only.
    in_2020 = shown(AuditFilter(since=date(2020, 1, 1), until=date(2020, 12, 31)))
    assert set(in_2020) & set(for_old) and len(in_2020) < len(everything)
    assert all(r.at.year == 2020 for r in view.audit_result or [])
    assert shown(AuditFilter(since=clock.now().date() + timedelta(days=1))) == []
    view.set_filter(AuditFilter(since=date(2026, 2, 1), until=date(2026, 1, 1)))
    assert "begint na" in view.audit_message.text()

    view.verify()
    qtbot.waitUntil(lambda: view.verdict is not None, timeout=TIMEOUT)
    assert view.verdict is not None and view.verdict.ok
    assert view.verdict_label.text().startswith("✔ Het logboek is in orde")
    assert GREEN[0] in view.verdict_label.styleSheet()

    def tamper(v: Vault, _c: object) -> None:
        assert v.engine is not None
        with v.engine.begin() as con:
            con.execute(text("DROP TRIGGER audit_event_no_update"))
            con.execute(text("UPDATE audit_event SET detail = 'niets' WHERE seq = 4"))

    done: list[object] = []
    WriteOp.on_vault(ctx, ctx, tamper, done.append, changes=Changes()).run()
    qtbot.waitUntil(lambda: bool(done), timeout=TIMEOUT)
    view.verdict = None
    view.verify()
    qtbot.waitUntil(lambda: view.verdict is not None, timeout=TIMEOUT)
    assert view.verdict is not None and not view.verdict.ok
    assert view.verdict_label.text().startswith("✖ Het logboek is gewijzigd")
    assert "gebeurtenis 4" in view.verdict_label.text()
    assert "inhoud is gewijzigd" in view.verdict_label.text()
    assert RED[0] in view.verdict_label.styleSheet()


def test_backup_then_restore_into_another_folder(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    clock: FixedClock,
    tmp_path: Path,
) -> None:
    ids = _vault(new_vault, clock)
    original = ctx.data_dir
    window, ws = unlocked_window()
    qtbot.waitUntil(lambda: "nog geen back-up" in window.backup_reminder.text(), timeout=TIMEOUT)
    # The reminder is a link to Privacy › Back-up, not a dead end.
    window.backup_reminder.linkActivated.emit("backup")
    assert ws.nav.currentRow() == NAV_PRIVACY
    assert ws.privacy.tabs.currentIndex() == ws.privacy.backup_tab
    _privacy(qtbot, ws)
    view = ws.privacy
    assert "Er is nog geen back-up" in view.last_backup_label.text()
    target = tmp_path / "usb" / "kluis.wvbackup"
    target.parent.mkdir()
    view.make_backup(target)
    qtbot.waitUntil(lambda: view.backup_info is not None, timeout=TIMEOUT)
    assert target.exists() and target.read_bytes().startswith(b"WAAKVLAMBACKUP")
    assert GONE.encode() not in target.read_bytes()  # still encrypted
    assert "Back-up opgeslagen" in view.backup_message.text()
    assert "vandaag" in view.last_backup_label.text()
    qtbot.waitUntil(lambda: window.backup_reminder.text() == "", timeout=TIMEOUT)
    clock.advance(timedelta(days=8))  # past backup_reminder_days (7)
    window.backup_reminder.refresh()
    qtbot.waitUntil(lambda: "8 dagen geleden" in window.backup_reminder.text(), timeout=TIMEOUT)

    # A second backup to the same file is refused: never overwritten.
    view.backup_info = None
    view.make_backup(target)
    qtbot.waitUntil(lambda: not view.busy, timeout=TIMEOUT)
    assert view.backup_info is None and view.backup_message.text()

    # Restoring over the open vault without confirming is refused before anything closes.
    assert not view.restore(target, PASSPHRASE)
    assert "vervangen" in view.restore_message.text() and window.workspace is not None

    # A wrong passphrase: the window locked, the restore says so, the vault is unchanged.
    other = tmp_path / "nieuwe-laptop" / "vault"
    assert view.restore(target, "niet het wachtwoord", target=other)
    assert window.workspace is None
    qtbot.waitUntil(lambda: "klopt niet" in window.unlock_page.message.text(), timeout=TIMEOUT)
    assert not other.exists() and ctx.data_dir == original

    # The right one: restored into the other folder, which the unlock screen then opens.
    ws = unlocked_window.unlock(window)
    _privacy(qtbot, ws)
    assert ws.privacy.restore(target, PASSPHRASE, target=other)
    qtbot.waitUntil(lambda: window.restore_runner.result is not None, timeout=TIMEOUT)
    assert "is teruggezet. Ontgrendel" in window.unlock_page.message.text()
    assert ctx.data_dir == other and (other / "vault.db").exists()
    assert window.restore_runner.result is not None
    assert window.restore_runner.result.kept_aside is None
    ws = unlocked_window.unlock(window)
    assert GONE in _stored(qtbot, ctx) and KEPT in _stored(qtbot, ctx)
    ws.open_household(ids["kept"]["household"])
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)

    # Replace the current vault after confirming: the old one is kept aside.
    _privacy(qtbot, ws)
    assert ws.privacy.restore(target, PASSPHRASE, replace=True)
    qtbot.waitUntil(
        lambda: (
            window.restore_runner.result is not None
            and window.restore_runner.result.kept_aside is not None
        ),
        timeout=TIMEOUT,
    )
    kept_aside = window.restore_runner.result.kept_aside
    assert kept_aside is not None and (kept_aside / "vault.db").exists()
    assert kept_aside.name.startswith("vault.vervangen-")
    assert str(kept_aside) in window.unlock_page.message.text()


def test_restore_on_a_new_laptop_from_the_first_run_page(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
) -> None:
    from waakvlam_desktop.privacy.backup import create_backup
    from waakvlam_desktop.ui.screens.privacy.screen import RestoreRequest

    vault = new_vault(data_dir=tmp_path / "oude-laptop")
    add_case(vault, KEPT)
    file = tmp_path / "kluis.wvbackup"
    create_backup(vault, file)
    vault.close()

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.pages.currentWidget() is window.first_run
    assert window.first_run.restore_button.isVisible()
    window.start_restore(RestoreRequest(file, ctx.data_dir, "niet het wachtwoord", False))
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.first_run, timeout=TIMEOUT)
    assert "klopt niet" in window.first_run.message.text() and not ctx.vault_exists()
    window.start_restore(RestoreRequest(file, ctx.data_dir, PASSPHRASE, False))
    assert window.unlock_page.message.text() == "De back-up wordt teruggezet…"
    qtbot.waitUntil(lambda: window.restore_runner.result is not None, timeout=TIMEOUT)
    assert "Ontgrendel met het wachtwoord" in window.unlock_page.message.text()
    assert window.pages.currentWidget() is window.unlock_page and ctx.vault_exists()
    unlocked_window.unlock(window)
    assert KEPT in _stored(qtbot, ctx)


def test_household_privacy_tab_inzage_partners_and_consent(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    clock: FixedClock,
    tmp_path: Path,
) -> None:
    ids = _vault(new_vault, clock)
    kept = ids["kept"]
    _w, ws = unlocked_window()
    done: list[object] = []
    WriteOp(
        ctx,
        ctx,
        lambda s: referrals.change_status(s, kept["referral"], ReferralStatus.VERSTUURD).id,
        done.append,
        changes=Changes(),
    ).run()
    qtbot.waitUntil(lambda: bool(done), timeout=TIMEOUT)
    ws.open_household(kept["household"])
    tab = ws.household.privacy
    qtbot.waitUntil(lambda: tab.data is not None, timeout=TIMEOUT)
    assert tab.data is not None
    assert [r.partner_id for r in tab.data.receipts] == [kept["partner"]]
    assert tab.receipts.cell(0, 3) == "doorverwijzing"
    assert tab.consents.cell(0, 4) == "van kracht"
    assert tab.withdraw_button.isEnabled()

    # Inzage for the resident: PDF and JSON in a new folder inside the chosen one.
    out = tmp_path / "inzage"
    tab.make_inzage(kept["resident"], out)
    qtbot.waitUntil(lambda: tab.inzage_result is not None, timeout=TIMEOUT)
    result = tab.inzage_result
    assert result is not None and result.folder.parent == out
    assert result.pdf.read_bytes().startswith(b"%PDF")
    pdf_text = "".join(page.extract_text() for page in PdfReader(result.pdf).pages)
    assert f"Bewoner {KEPT}" in pdf_text
    data = json.loads(result.json.read_text())
    assert KEPT in json.dumps(data, ensure_ascii=False)
    assert "geschreven" in tab.message.text()

    # Withdraw consent: a future date is refused, today is recorded and shown.
    today = clock.now().date()
    tab.data = None
    tab.withdraw(kept["referral"], today + timedelta(days=3))
    qtbot.waitUntil(lambda: "toekomst" in tab.message.text(), timeout=TIMEOUT)
    tab.withdraw(kept["referral"], today, "telefonisch")
    qtbot.waitUntil(
        lambda: tab.data is not None and tab.data.consents[0].withdrawn_on == today,
        timeout=TIMEOUT,
    )
    assert tab.consents.cell(0, 4) == today.strftime("%d-%m-%Y")
    assert tab.consents.cell(0, 5) == "telefonisch"
    assert tab.receipts.cell(0, 5) == "ingetrokken"
    assert not tab.withdraw_button.isEnabled()
    assert "ingetrokken" in tab.message.text()


def test_clipboard_guard_clears_only_its_own_text(qtbot: QtBot, qapp: object) -> None:
    clipboard = QGuiApplication.clipboard()
    ours = [True]
    guard = ClipboardGuard(clipboard, interval_ms=30, is_ours=lambda: ours[0])
    try:
        assert guard.timer.interval() == 30
        clipboard.setText("Anna Jansen, Kerkstraat 12")
        assert guard.watching and guard.timer.isActive()
        qtbot.waitUntil(lambda: clipboard.text() == "", timeout=5_000)
        assert not guard.watching

        # Copied from another program: never cleared.
        ours[0] = False
        clipboard.setText("boodschappenlijst")
        assert not guard.watching
        guard.expire()
        assert clipboard.text() == "boodschappenlijst"

        # Ours, then replaced by another program before the time is up: left alone.
        ours[0] = True
        clipboard.setText("06-12345678")
        ours[0] = False
        clipboard.setText("iets anders")
        guard.expire()
        assert clipboard.text() == "iets anders"
    finally:
        guard.timer.stop()
        clipboard.dataChanged.disconnect(guard._changed)
        clipboard.clear()
    assert ClipboardGuard(clipboard).timer.interval() == 30_000


def _texts(widget: QWidget) -> str:
    """Every text a widget tree shows: labels, fields, item views, tooltips."""
    parts = [widget.windowTitle(), widget.toolTip()]
    for w in widget.findChildren(QWidget):
        parts.append(w.toolTip())
        if isinstance(w, QLabel | QLineEdit):
            parts.append(w.text())
        elif isinstance(w, QTextEdit):
            parts.append(w.toPlainText())
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            for row in range(m.rowCount(QModelIndex())):
                col = 0
                while (index := m.index(row, col)).isValid():
                    parts.append(str(m.data(index) or ""))
                    col += 1
    return "\n".join(parts)


def test_locked_window_shows_nothing_personal_and_crash_handler_is_installed(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = _vault(new_vault, clock)
    window, ws = unlocked_window()
    window.clipboard_guard = ClipboardGuard(
        QGuiApplication.clipboard(), is_ours=lambda: True, parent=window
    )
    ws.open_household(ids["kept"]["household"])
    qtbot.waitUntil(lambda: ws.household.privacy.data is not None, timeout=TIMEOUT)
    assert KEPT in _texts(window)  # the check can see it while unlocked
    QGuiApplication.clipboard().setText(f"Bewoner {KEPT}")
    window.lock()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(lambda: not ctx.background.busy, timeout=TIMEOUT)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.workspace is None and window.findChildren(Workspace) == []
    shown = _texts(window)
    assert KEPT not in shown and "Kerkstraat" not in shown and "Lindelaan" not in shown
    assert window.windowTitle() == "Waakvlam"
    assert window.statusBar().currentMessage() == ""
    assert window.status_note.text() == window.idle_label.text() == ""
    assert window.backup_reminder.text() == ""
    assert QGuiApplication.clipboard().text() == ""

    # The crash handler the app installs: a report without the message, a Dutch dialog.
    from waakvlam_desktop.ui import app

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    shown_dialogs: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.warning",
        lambda _p, _t, message: shown_dialogs.append(message),
    )
    app.install_excepthook(window)
    assert sys.excepthook is not sys.__excepthook__
    try:
        raise RuntimeError(f"geheim {KEPT}")
    except RuntimeError as exc:
        sys.excepthook(RuntimeError, exc, exc.__traceback__)
    reports = list((tmp_path / "state").rglob("crash-*.txt"))
    assert len(reports) == 1 and KEPT not in reports[0].read_text()
    assert len(shown_dialogs) == 1 and "Er ging iets mis" in shown_dialogs[0]


def test_audit_log_checked_against_an_anchor(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    clock: FixedClock,
    tmp_path: Path,
) -> None:
    """Privacy › Logboek › "Controleren met ankerpunt…": green for a log that only grew,
    red naming the missing events after a rewrite, one sentence for a forged anchor."""
    vault = new_vault()
    hid = add_case(vault, KEPT, number=2)["household"]
    anchor = tmp_path / "anker.txt"
    with vault.session() as s:
        witness.write_anchor(s, vault.vault_id, anchor)
    views = []
    for _ in range(2):
        with vault.session() as s:
            view_household(s, hid)
            views.append(audit_head(s).seq)
    vault.close()
    forged = tmp_path / "vals.txt"
    forged.write_text(anchor.read_text(encoding="utf-8").replace('"seq":', '"seq":1'))

    window, ws = unlocked_window()
    _privacy(qtbot, ws)
    view = ws.privacy
    view.verify_anchor(anchor)
    qtbot.waitUntil(lambda: view.witness_verdict is not None, timeout=TIMEOUT)
    assert view.witness_verdict is not None and view.witness_verdict.ok
    assert view.verdict_label.text().startswith("✔ Het logboek bevat de vastgelegde stand")
    assert GREEN[0] in view.verdict_label.styleSheet()

    view.verify_anchor(forged)
    qtbot.waitUntil(lambda: "vervalst of gewijzigd" in view.audit_message.text(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: view.anchor_button.isEnabled(), timeout=TIMEOUT)

    # The passphrase holder deletes events before the anchor and rechains, app closed.
    window.close()
    ctx.lock()
    ctx.background.wait_idle(30)
    with Vault.open(ctx.data_dir, PASSPHRASE, clock=clock) as v, v.session() as s:
        first_seq = audit_head(s).seq - len(views) - 5
    rewrite(ctx.data_dir, delete={first_seq, first_seq + 1})
    _window, ws = unlocked_window()
    _privacy(qtbot, ws)
    view = ws.privacy
    view.verify_anchor(anchor)
    qtbot.waitUntil(lambda: view.witness_verdict is not None, timeout=TIMEOUT)
    assert view.witness_verdict is not None and not view.witness_verdict.ok
    text = view.verdict_label.text()
    assert text.startswith("✖ Het logboek is herschreven")
    assert f"gebeurtenis {first_seq} t/m {first_seq + 1}" in text
    assert RED[0] in view.verdict_label.styleSheet()

"""The whole day in the window: first run to lock and unlock, offscreen, real vault."""

from __future__ import annotations

from datetime import timedelta

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.ui.conftest import FakeMonotonic, UnlockedWindow
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain import staff
from waakvlam_desktop.domain.drafts import drafts_for
from waakvlam_desktop.domain.today import TodayKind
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import NAV_HOUSEHOLDS, NAV_TODAY, MainWindow
from waakvlam_desktop.ui.screens.household.screen import CorrectNoteDialog
from waakvlam_desktop.ui.screens.households.screen import AddHouseholdDialog
from waakvlam_desktop.ui.widgets.acute_response import NOT_YET, AcuteResponseDialog

TIMEOUT = 20_000


def _create(qtbot: QtBot, window: MainWindow) -> None:
    page = window.first_run
    page.passphrase.setText(PASSPHRASE)
    page.repeat.setText(PASSPHRASE)
    page.organisation.setText("Woonstichting Voorbeeld")
    page.staff_name.setText("Anouk de Vries")
    page.staff_role.setText("wijkbeheerder")
    page.org_address.setText("Postbus 1234")
    page.org_postcode.setText("3500ab")
    page.org_city.setText("Utrecht")
    page.staff_phone.setText("06-12 34 56 78")
    page.submit()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=TIMEOUT)


def _idle(qtbot: QtBot, ctx: AppContext) -> None:
    qtbot.waitUntil(lambda: not ctx.background.busy, timeout=TIMEOUT)
    qtbot.wait(20)


def test_first_run_visit_today_lock_unlock(
    qtbot: QtBot,
    ctx: AppContext,
    clock: FixedClock,
    monotonic: FakeMonotonic,
    unlocked_window: UnlockedWindow,
) -> None:
    window = MainWindow(ctx, idle_now=monotonic)
    qtbot.addWidget(window)
    window.show()
    assert window.pages.currentWidget() is window.first_run
    assert window.first_run.remember.isHidden()  # no real keyring here: not offered
    _create(qtbot, window)
    ws = window.workspace
    assert ws is not None and ws.stack.currentWidget() is ws.today

    # Add a household through the dialog, as a user would.
    dialog = AddHouseholdDialog(ctx, window)
    dialog.label.setText("fam. Öztürk")
    dialog.street.setText("Lindelaan")
    dialog.number.setValue(4)
    dialog.addition.setText("B")
    dialog.postcode.setText("12345")
    dialog.city.setText("Utrecht")
    dialog.resident.setText("Ayşe Öztürk")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.message.isHidden(), timeout=TIMEOUT)
    assert "postcode" in dialog.message.text()  # inline, no dialog box
    dialog.postcode.setText("3533 AB")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.household_id is not None, timeout=TIMEOUT)
    hid = dialog.household_id
    assert hid is not None

    ws.open_household(hid)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    assert "Lindelaan 4-B" in ws.household.title.text()
    assert ws.household.badge.text() == "● nog niet bezocht"  # never "geen zorgen" (#15 C)

    # Record a visit with two signals; the acute one shows its guidance at once, under it.
    ws.open_editor(hid, None)
    qtbot.waitUntil(lambda: ws.editor.data is not None, timeout=TIMEOUT)
    editor = ws.editor
    editor.notes.setPlainText("Stapels post in de gang. MARKER-ONTWERP")
    editor.rows["financien.ongeopende_post"].set_state(2, "aanmaningen")
    sign = editor.rows["veiligheid.huiselijk_geweld"]
    assert sign.guidance.isHidden()
    sign.set_state(1, "")  # even at severity 1 an acute sign suggests acuut
    assert sign.guidance.isVisible() and "0800-2000" in sign.guidance_text.text()
    assert "acuut" in editor.suggested.text()
    assert editor.next_visit.date().toPython() == clock.now().date() + timedelta(days=7)

    def answer_not_yet() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AcuteResponseDialog)
        dialog.choose(NOT_YET)
        dialog.accept()

    QTimer.singleShot(0, answer_not_yet)  # "Wat heb je gedaan?" — "nog niet"
    sign.ack_button.click()
    assert sign.ack_button.isHidden() and "Nog niet" in sign.guidance_text.text()
    assert editor.responses == {"veiligheid.huiselijk_geweld": None}
    editor.save()
    qtbot.waitUntil(
        lambda: (
            ws.stack.currentWidget() is ws.household
            and ws.household.data is not None
            and ws.household.data.detail.visits != ()
        ),
        timeout=TIMEOUT,
    )
    detail = ws.household.data.detail  # type: ignore[union-attr]
    assert detail.concern_level.value == "acuut"
    assert ws.household.badge.text() == "● acuut"
    timeline = ws.household.timeline  # the visit on top, its two signals under it
    assert timeline.cell(0, 1).startswith("Huisbezoek") and timeline.cell(0, 2) == "Anouk de Vries"
    visit = timeline.model().index(0, 0)
    assert timeline.model().rowCount(visit) == 2
    signals = [timeline.model().index(r, 3, visit).data() for r in range(2)]
    assert any("(zorgelijk)" in s and "aanmaningen" in s for s in signals)
    # The reading pane: the whole note, signals in words, the acute sign marked.
    reading = ws.household.reading.toPlainText()
    assert "MARKER-ONTWERP" in reading and "zorgelijk" in reading
    assert "acuut" in reading and "nog niet opgevolgd" in reading
    # The signals chart is drawn when its tab shows, not for every household opened.
    page = ws.household
    assert page.chart.series() == []
    page.tabs.setCurrentWidget(page.signals_tab)
    (stacked,) = page.chart.series()
    assert sum(b.at(i) for b in stacked.barSets() for i in range(b.count())) == 2
    page.tabs.setCurrentIndex(0)

    def correct() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CorrectNoteDialog)
        dialog.text.setPlainText("Stapels post in de gang, ook in de keuken. MARKER-ONTWERP")
        dialog.accept()

    QTimer.singleShot(0, correct)  # a saved visit can be corrected; the original is kept
    ws.household.correct_button.click()
    qtbot.waitUntil(lambda: "gecorrigeerd" in ws.household.timeline.cell(0, 1), timeout=TIMEOUT)
    assert "ook in de keuken" in ws.household.reading.toPlainText()
    # The page reloaded on the timeline tab: the Signals tab draws the new data when shown.
    assert shiboken6.isValid(stacked)
    page.tabs.setCurrentWidget(page.signals_tab)
    assert not shiboken6.isValid(stacked)  # replaced
    (stacked,) = page.chart.series()
    assert sum(b.at(i) for b in stacked.barSets() for i in range(b.count())) == 2
    page.tabs.setCurrentIndex(0)

    # Vandaag: the acute sign is first, with its reason in words, until it is ticked off.
    # (Ctrl+1 from the household page: the navigation still has Vandaag selected.)
    window.go_to(NAV_TODAY)
    assert ws.current() is ws.today
    qtbot.waitUntil(
        lambda: ws.today.overview is not None and bool(ws.today.overview.first), timeout=TIMEOUT
    )
    assert ws.today.overview is not None
    first = ws.today.overview.first[0]
    assert (first.kind, first.household_id) == (TodayKind.ACUTE, hid)
    assert ws.today.first.cell(0, 4).startswith("Signalen huiselijk geweld, licht, ")
    assert ws.today.first.cell(0, 5) == "Actie afvinken ›"
    assert ws.nav.item(NAV_TODAY).text().endswith("1")  # the navigation agrees
    ws.today.do_step(first)  # Actie afvinken, in place
    qtbot.waitUntil(
        lambda: ws.today.overview is not None and ws.today.overview.first == [], timeout=TIMEOUT
    )
    assert ws.nav.item(NAV_TODAY).text() == "Vandaag"

    # A week later the check-in is due: it shows in Vandaag.
    clock.advance(timedelta(days=8))
    ws.nav.setCurrentRow(NAV_HOUSEHOLDS)
    ws.nav.setCurrentRow(NAV_TODAY)
    qtbot.waitUntil(
        lambda: (
            ws.today.overview is not None
            and any(i.kind is TodayKind.CHECK_IN for i in ws.today.overview.first)
        ),
        timeout=TIMEOUT,
    )
    assert ws.today.overview is not None
    assert [(i.kind, i.household_id) for i in ws.today.overview.first] == [
        (TodayKind.CHECK_IN, hid)
    ]
    assert ws.today.first.cell(0, 2) == "Lindelaan 4-B"

    # Start another visit, type, lock before saving: the draft survives in the vault.
    ws.open_editor(hid, None)
    qtbot.waitUntil(lambda: ws.editor.data is not None, timeout=TIMEOUT)
    ws.editor.notes.setPlainText("Half afgemaakt verslag")
    window.lock()
    assert window.workspace is None
    assert window.pages.currentWidget() is window.unlock_page
    _idle(qtbot, ctx)
    vault_paths = ctx.data_dir
    with Vault.open(vault_paths, PASSPHRASE) as v, v.session() as s:
        saved = drafts_for(s, hid)
        # The sender details from the first run: the letters' return address and contact.
        org = staff.organisation_view(s)
        members = staff.list_staff(s)
    assert [d.payload["notes"] for d in saved] == ["Half afgemaakt verslag"]
    assert (org.address_line, org.postcode, org.city) == ("Postbus 1234", "3500 AB", "Utrecht")
    assert [m.phone for m in members] == ["06-12 34 56 78"]

    # Wrong passphrase: a clear Dutch message, still locked.
    window.unlock_page.passphrase.setText("dit is het niet")
    window.unlock_page.submit()
    qtbot.waitUntil(lambda: "klopt niet" in window.unlock_page.message.text(), timeout=TIMEOUT)
    assert window.workspace is None

    ws = unlocked_window.unlock(window)
    ws.open_household(hid)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    assert ws.household.resume_button.isVisible()
    ws.household.resume_button.click()
    qtbot.waitUntil(lambda: ws.editor.data is not None, timeout=TIMEOUT)
    assert ws.editor.notes.toPlainText() == "Half afgemaakt verslag"
    assert len(ws.household.data.detail.visits) == 1  # type: ignore[union-attr]


def test_idle_lock_with_fake_clock(qtbot: QtBot, ctx: AppContext, monotonic: FakeMonotonic) -> None:
    window = MainWindow(ctx, idle_now=monotonic)
    qtbot.addWidget(window)
    window.show()
    _create(qtbot, window)
    assert window.idle.active
    monotonic.advance(4 * 60)
    window.idle.tick()
    assert window.workspace is not None
    assert "1:00" in window.idle_label.text()
    monotonic.advance(61)
    window.idle.tick()
    assert window.workspace is None
    assert window.pages.currentWidget() is window.unlock_page
    _idle(qtbot, ctx)
    assert ctx.profile is None


def test_input_through_the_window_system_resets_the_countdown(
    qtbot: QtBot, ctx: AppContext, monotonic: FakeMonotonic
) -> None:
    """Keys and the mouse arrive at the window (``QWindow``) first: the main window's and a
    dialog's both count; other events (a paint) do not (ui/idle.py)."""
    window = MainWindow(ctx, idle_now=monotonic)
    qtbot.addWidget(window)
    window.show()
    _create(qtbot, window)
    full = window.idle.minutes * 60

    monotonic.advance(4 * 60)
    assert window.idle.remaining() == full - 4 * 60
    handle = window.windowHandle()
    assert handle is not None
    QTest.keyClick(handle, Qt.Key.Key_Shift)
    assert window.idle.remaining() == full

    monotonic.advance(4 * 60)
    QApplication.sendEvent(window, QPaintEvent(window.rect()))
    QApplication.sendEvent(handle, QEvent(QEvent.Type.UpdateRequest))
    assert window.idle.remaining() == full - 4 * 60  # no input, no reset
    QTest.mouseMove(handle, QPoint(40, 40))
    QTest.mouseMove(handle, QPoint(60, 50))
    assert window.idle.remaining() == full

    dialog = QDialog(window)
    QVBoxLayout(dialog).addWidget(QLineEdit())
    dialog.show()
    qtbot.waitExposed(dialog)
    monotonic.advance(4 * 60)
    dialog_handle = dialog.windowHandle()
    assert dialog_handle is not None and dialog_handle is not handle
    qtbot.waitUntil(lambda: QApplication.focusWindow() is dialog_handle, timeout=TIMEOUT)
    QTest.keyClick(dialog_handle, Qt.Key.Key_A)  # typing in a dialog is activity too
    assert window.idle.remaining() == full
    dialog.reject()

    # A key the window system hands to a shortcut reaches the window only as the question
    # whether the focus widget wants it first (no KeyPress follows): that is activity too.
    monotonic.advance(4 * 60)
    ctrl = Qt.KeyboardModifier.ControlModifier
    QApplication.sendEvent(handle, QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_F, ctrl))
    assert window.idle.remaining() == full


def test_unlock_waits_after_five_wrong_attempts(
    qtbot: QtBot, ctx: AppContext, monotonic: FakeMonotonic
) -> None:
    window = MainWindow(ctx, idle_now=monotonic)
    qtbot.addWidget(window)
    _create(qtbot, window)
    window.lock()
    page = window.unlock_page
    page._now = monotonic
    for i in range(5):
        page.passphrase.setText(f"fout wachtwoord {i}")
        page.submit()
        qtbot.waitUntil(lambda: page.button.isEnabled() or page.wait_until > 0, timeout=TIMEOUT)
        _idle(qtbot, ctx)
    assert "30" in page.message.text() and not page.button.isEnabled()
    page.passphrase.setText(PASSPHRASE)
    page.submit()  # refused while waiting
    assert window.workspace is None
    monotonic.advance(31)
    page._tick_wait()
    assert page.button.isEnabled()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_screen_renders(tmp_path: object, language: str, qapp: object) -> None:
    from pathlib import Path

    from waakvlam_desktop.ui.devtools.screenshots import make_screenshots

    out = Path(str(tmp_path)) / language
    assert make_screenshots(out, language, households=40) == 0
    pngs = sorted(p.name for p in out.glob("*.png"))
    assert len(pngs) == 27  # 12b/12c: a template completed from Doorverwijzen; 04e/04f/04g: Buurt
    refer = "12c-partner-aanvullen.png" if language == "nl" else "12c-complete-partner.png"
    assert refer in pngs
    overview = "04b-overzicht.png" if language == "nl" else "04b-overview.png"
    wizard = "04d-adressen-controle.png" if language == "nl" else "04d-import-check.png"
    buurt = "04e-buurt.png" if language == "nl" else "04e-neighbourhood.png"
    assert overview in pngs and wizard in pngs and buurt in pngs
    for p in out.glob("*.png"):
        assert p.stat().st_size > 5_000

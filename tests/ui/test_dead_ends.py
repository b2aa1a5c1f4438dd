"""Nothing is lost, nowhere is a dead end (#15 D): one draft per household, unlock returns
where you were, Ctrl+L from a dialog keeps the form, the current navigation item goes to
the top of its screen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.helpers import add_case, add_household
from tests.ui.conftest import NewVault, UnlockedWindow
from waakvlam_desktop.domain import drafts, partners, referrals
from waakvlam_desktop.domain.today import TodayKind, reason
from waakvlam_desktop.domain.types import PartnerType, ReferralStatus
from waakvlam_desktop.storage.models import Referral
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import NAV_HOUSEHOLDS, MainWindow, Workspace
from waakvlam_desktop.ui.screens.partners.screen import PartnerDialog
from waakvlam_desktop.ui.screens.referrals.screen import ReferralDialog

TIMEOUT = 20_000


def _idle(qtbot: QtBot, ctx: AppContext) -> None:
    qtbot.waitUntil(lambda: not ctx.background.busy, timeout=TIMEOUT)
    qtbot.wait(20)


def _open(
    new_vault: NewVault, unlocked_window: UnlockedWindow
) -> tuple[MainWindow, Workspace, str]:
    vault = new_vault()
    with vault.session() as s:
        partners.add_partner(s, name="Wijkteam Noord", type=PartnerType.WIJKTEAM)
    hid = add_household(vault)
    vault.close()
    window, ws = unlocked_window()
    return window, ws, hid


def test_one_draft_per_household_and_unlock_returns_to_the_visit(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    window, ws, hid = _open(new_vault, unlocked_window)
    ws.open_household(hid)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    ws.new_visit_shortcut()  # Ctrl+N
    qtbot.waitUntil(lambda: ws.editor.data is not None, timeout=TIMEOUT)
    ws.editor.notes.setPlainText("Eerste begin")
    ws.editor.close_editor()  # keeps the draft
    qtbot.waitUntil(lambda: ws.household.resume_button.isVisible(), timeout=TIMEOUT)
    ws.new_visit_shortcut()  # Ctrl+N again: goes on with the draft, no second one
    qtbot.waitUntil(lambda: ws.editor.data is not None, timeout=TIMEOUT)
    assert ws.editor.notes.toPlainText() == "Eerste begin"
    assert "Verder met het concept" in ws.editor.draft_label.text()
    ws.editor.notes.setPlainText("Eerste begin, verder")

    window.lock()
    _idle(qtbot, ctx)
    with Vault.open(ctx.data_dir, PASSPHRASE) as v, v.session() as s:
        kept = drafts.drafts_for(s, hid)
    assert [d.payload["notes"] for d in kept] == ["Eerste begin, verder"]  # one draft

    ws = unlocked_window.unlock(window)  # back in the visit, not on Vandaag
    qtbot.waitUntil(lambda: ws.editor.data is not None, timeout=TIMEOUT)
    assert ws.stack.currentWidget() is ws.editor
    assert ws.editor.notes.toPlainText() == "Eerste begin, verder"


def test_unlock_returns_to_the_household_and_the_nav_item_goes_to_the_top(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    window, ws, hid = _open(new_vault, unlocked_window)
    ws.nav.setCurrentRow(NAV_HOUSEHOLDS)
    ws.open_household(hid)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    window.lock()
    _idle(qtbot, ctx)
    ws = unlocked_window.unlock(window)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    assert ws.stack.currentWidget() is ws.household and ws.household.household_id == hid
    # Clicking the highlighted "Huishoudens" (the household page came from it): the list.
    assert ws.nav.currentRow() == NAV_HOUSEHOLDS
    ws.nav.itemClicked.emit(ws.nav.item(NAV_HOUSEHOLDS))
    assert ws.stack.currentWidget() is ws.households


def test_ctrl_l_in_the_referral_dialog_locks_and_keeps_the_form(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    window, ws, hid = _open(new_vault, unlocked_window)
    ws.open_household(hid)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    assert ws.household.data is not None
    dialog = ReferralDialog(ctx, ws.household.data.detail, ws.household)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.partner.count() == 5, timeout=TIMEOUT)  # 4 shipped
    dialog.reason.setText("Huur loopt achter")
    dialog.context.setPlainText("Mevrouw wil hulp bij de post.")
    dialog.consent.setChecked(True)
    dialog.activateWindow()
    QTest.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.workspace is None, timeout=TIMEOUT)
    _idle(qtbot, ctx)

    ws = unlocked_window.unlock(window)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    assert ws.household.data is not None
    again = ReferralDialog(ctx, ws.household.data.detail, ws.household)
    qtbot.waitUntil(lambda: again.reason.text() == "Huur loopt achter", timeout=TIMEOUT)
    assert again.context.toPlainText() == "Mevrouw wil hulp bij de post."
    assert again.consent.isChecked()
    again.reject()  # cancelled on purpose: the draft goes
    _idle(qtbot, ctx)
    window.lock()
    _idle(qtbot, ctx)
    with Vault.open(ctx.data_dir, PASSPHRASE) as v, v.session() as s:
        assert drafts.drafts_for(s, hid) == []


def test_a_new_partner_form_survives_the_lock(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    window, ws, _hid = _open(new_vault, unlocked_window)
    dialog = PartnerDialog(ctx, ws.partners)
    dialog.show()
    _idle(qtbot, ctx)
    dialog.name.setText("Veilig Thuis Utrecht")
    dialog.city.setText("Utrecht")
    window.lock()  # the idle lock does the same
    assert window.workspace is None
    _idle(qtbot, ctx)
    ws = unlocked_window.unlock(window)
    again = PartnerDialog(ctx, ws.partners)
    qtbot.waitUntil(lambda: again.name.text() == "Veilig Thuis Utrecht", timeout=TIMEOUT)
    assert again.city.text() == "Utrecht" and "terug" in again.message.text()


def test_process_feedback_from_today_opens_the_referral(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    """Vandaag's "Terugkoppeling verwerken": Doorverwijzingen with that referral chosen and
    the cursor in the note, ready for the partner's feedback."""
    vault = new_vault()
    ids = add_case(vault, "Terugkoppeling")
    with vault.session() as s:
        ref = s.get(Referral, ids["referral"])
        assert ref is not None
        ref.feedback_due = date(2026, 11, 20)  # a week late on the test's today (27 nov)
        referrals.change_status(s, ids["referral"], ReferralStatus.VERSTUURD)
    vault.close()
    _window, ws = unlocked_window()
    qtbot.waitUntil(lambda: ws.today.overview is not None, timeout=TIMEOUT)
    assert ws.today.overview is not None
    item = next(i for i in ws.today.overview.first if i.kind is TodayKind.FEEDBACK)
    assert "7 dagen te laat" in reason(item, "nl")
    ws.today.do_step(item)
    qtbot.waitUntil(lambda: ws.referrals.selected() is not None, timeout=TIMEOUT)
    assert ws.stack.currentWidget() is ws.referrals
    selected = ws.referrals.selected()
    assert selected is not None and selected.id == ids["referral"]

"""From first run to first letter without help (#15 E), in the window, offscreen, on a real
vault: the shipped partners, a partner added in place from the referral dialog (the typed
referral is kept), a template completed from the letter preview, the letter read back."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.helpers import add_household
from tests.ui.conftest import NewVault, UnlockedWindow
from waakvlam_desktop.domain import partners, referrals
from waakvlam_desktop.domain.types import PartnerType, VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.storage.models import Referral
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import NAV_PARTNERS, MainWindow, Workspace
from waakvlam_desktop.ui.operations import QueryOp
from waakvlam_desktop.ui.screens.households.screen import AddHouseholdDialog
from waakvlam_desktop.ui.screens.partners.screen import PartnerDialog
from waakvlam_desktop.ui.screens.referrals.screen import LetterPreview, ReferralDialog

TIMEOUT = 20_000
SHIPPED = 4  # Veilig Thuis, sociaal wijkteam, schuldhulpverlening, GGD


def _query(qtbot: QtBot, ctx: AppContext, op: Any) -> Any:
    """Read the vault on the app's own worker, as the screens do."""
    box: list[Any] = []
    QueryOp(ctx, ctx, op, box.append).run()
    qtbot.waitUntil(lambda: bool(box), timeout=TIMEOUT)
    return box[0]


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def _household_with_visit(new_vault: NewVault) -> str:
    vault = new_vault(staff_name="Zoë")
    hid = add_household(vault, "fam. Öztürk")
    with vault.session() as s:
        record_visit(
            s,
            VisitInput(
                hid,
                VisitKind.REGULIER,
                notes="Stapels post.",
                signals=[SignalInput("financien.huurachterstand", 2)],
            ),
        )
    vault.close()
    return hid


def _referral_dialog(qtbot: QtBot, ctx: AppContext, ws: Workspace, hid: str) -> ReferralDialog:
    ws.open_household(hid)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    assert ws.household.data is not None
    dialog = ReferralDialog(ctx, ws.household.data.detail, ws)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.partner.count() == SHIPPED, timeout=TIMEOUT)
    return dialog


def _type_referral(dialog: ReferralDialog) -> None:
    dialog.reason.setText("Huurachterstand loopt op")
    dialog.context.setPlainText("Mevrouw wil graag hulp bij de post.")
    dialog.signs.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.consent.setChecked(True)
    dialog.basis_text.setText("")


def _typed(dialog: ReferralDialog) -> tuple[str, str, list[str], bool]:
    return (
        dialog.reason.text(),
        dialog.context.toPlainText(),
        dialog.chosen_codes(),
        dialog.consent.isChecked(),
    )


def test_the_referral_dialog_adds_a_partner_in_place(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    hid = _household_with_visit(new_vault)
    _window, ws = unlocked_window()
    dialog = _referral_dialog(qtbot, ctx, ws, hid)
    labels = [dialog.partner.itemText(i) for i in range(dialog.partner.count())]
    assert "Sociaal wijkteam (nog aanvullen)" in labels and "Veilig Thuis" in labels
    _type_referral(dialog)
    typed = _typed(dialog)

    dialog.new_partner_button.click()
    partner_dialog = dialog.partner_dialog
    assert partner_dialog is not None and not partner_dialog.isHidden()
    partner_dialog.name.setText("Wijkteam Noord")
    partner_dialog.type.setCurrentIndex(partner_dialog.type.findData(PartnerType.WIJKTEAM.value))
    partner_dialog.address.setText("Zamenhofdreef 10")
    partner_dialog.postcode.setText("3562jt")
    partner_dialog.city.setText("Utrecht")
    partner_dialog.save()
    qtbot.waitUntil(lambda: dialog.partner.currentText() == "Wijkteam Noord", timeout=TIMEOUT)
    assert dialog.partner.count() == SHIPPED + 1
    assert _typed(dialog) == typed  # the half-filled referral is kept
    assert dialog.complete_button.isHidden() and dialog.partner_missing.isHidden()

    dialog.save()
    qtbot.waitUntil(lambda: dialog.referral_id is not None, timeout=TIMEOUT)
    rid = dialog.referral_id
    assert rid is not None

    def stored(s: Any) -> tuple[str, str]:
        ref = s.get(Referral, rid)
        return ref.partner.name, ref.reason

    assert _query(qtbot, ctx, stored) == ("Wijkteam Noord", "Huurachterstand loopt op")


def test_a_template_is_completed_from_the_referral_dialog(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    hid = _household_with_visit(new_vault)
    _window, ws = unlocked_window()
    dialog = _referral_dialog(qtbot, ctx, ws, hid)
    _type_referral(dialog)
    typed = _typed(dialog)
    dialog.partner.setCurrentIndex(dialog.partner.findText("GGD (nog aanvullen)"))
    assert not dialog.complete_button.isHidden()
    assert "adres, postcode en plaats" in dialog.partner_missing.text()

    dialog.complete_button.click()
    partner_dialog = dialog.partner_dialog
    assert partner_dialog is not None
    assert partner_dialog.name.text() == "GGD"
    assert "adres, postcode en plaats" in partner_dialog.to_complete.text()
    partner_dialog.address.setText("Postbus 16200")
    partner_dialog.postcode.setText("3500 CE")
    partner_dialog.city.setText("Utrecht")
    partner_dialog.save()
    qtbot.waitUntil(lambda: dialog.partner.currentText() == "GGD", timeout=TIMEOUT)
    assert dialog.complete_button.isHidden() and dialog.partner_missing.isHidden()
    assert _typed(dialog) == typed


def test_first_run_to_first_letter(
    qtbot: QtBot, ctx: AppContext, unlocked_window: UnlockedWindow
) -> None:
    """First run asks the letter's return address and how to reach you; the vault has its
    partners; a letter to a template is refused with the sentence and made once the
    partner is completed, all without leaving the window."""
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.first_run
    page.passphrase.setText(PASSPHRASE)
    page.repeat.setText(PASSPHRASE)
    page.organisation.setText("Woonstichting Voorbeeld")
    page.staff_name.setText("Anouk de Vries")
    page.org_address.setText("Postbus 1234")
    page.org_postcode.setText("3500ab")
    page.org_city.setText("Utrecht")
    page.org_phone.setText("030-123 45 67")
    page.org_email.setText("info@voorbeeld.nl")
    page.staff_phone.setText("06-12 34 56 78")
    page.staff_email.setText("a.devries@voorbeeld.nl")
    page.submit()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=TIMEOUT)
    ws = window.workspace
    assert ws is not None
    qtbot.waitUntil(lambda: window.pages.currentWidget() is ws, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: ws.today.first_empty.text() != "", timeout=TIMEOUT)
    assert ws.today.first_empty.isVisible()
    steps = ws.today.first_empty.text().splitlines()
    assert steps[1].startswith("1. Voeg een huishouden toe")
    assert steps[3].startswith("3. Vul je partners aan onder Partners: Veilig Thuis staat klaar")

    ws.nav.setCurrentRow(NAV_PARTNERS)
    qtbot.waitUntil(lambda: ws.partners.table.model().rowCount() == SHIPPED, timeout=TIMEOUT)
    table = ws.partners.table
    headers = [table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Naam", "Soort", "Telefoon", "Nog aanvullen"]
    rows = {table.cell(r, 0): (table.cell(r, 2), table.cell(r, 3)) for r in range(SHIPPED)}
    assert rows == {
        "GGD": ("", "adres, postcode en plaats"),
        "Schuldhulpverlening": ("", "adres, postcode en plaats"),
        "Sociaal wijkteam": ("", "adres, postcode en plaats"),
        "Veilig Thuis": ("0800-2000", ""),
    }

    add = AddHouseholdDialog(ctx, window)
    add.label.setText("fam. Öztürk")
    add.street.setText("Lindelaan")
    add.number.setValue(4)
    add.postcode.setText("3533 AB")
    add.city.setText("Utrecht")
    add.resident.setText("Ayşe Öztürk")
    add.save()
    qtbot.waitUntil(lambda: add.household_id is not None, timeout=TIMEOUT)
    assert add.household_id is not None
    dialog = _referral_dialog(qtbot, ctx, ws, add.household_id)
    dialog.partner.setCurrentIndex(dialog.partner.findText("Schuldhulpverlening (nog aanvullen)"))
    dialog.reason.setText("Huurachterstand loopt op")
    dialog.consent.setChecked(True)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.referral_id is not None, timeout=TIMEOUT)
    rid = dialog.referral_id
    assert rid is not None

    preview = LetterPreview(ctx, rid, window)
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: not preview.complete_button.isHidden(), timeout=TIMEOUT)
    assert preview.message.text() == (
        "De verwijsbrief kan nog niet worden gemaakt: vul bij partner 'Schuldhulpverlening'"
        " eerst adres, postcode en plaats in (onder Partners, of met 'waakvlam partner edit');"
        " de doorverwijzing blijft bewaard."
    )
    assert preview.pdf is None and not preview.print_button.isEnabled()
    letter = _query(qtbot, ctx, lambda s: [referrals.get_referral(s, rid).letter_pdf])
    assert letter == [None]  # nothing written

    preview.complete_button.click()
    qtbot.waitUntil(lambda: preview.partner_dialog is not None, timeout=TIMEOUT)
    partner_dialog = preview.partner_dialog
    assert partner_dialog is not None
    partner_dialog.address.setText("Vredenburg 40")
    partner_dialog.postcode.setText("3511 BD")
    partner_dialog.city.setText("Utrecht")
    partner_dialog.save()
    qtbot.waitUntil(lambda: preview.pdf is not None, timeout=TIMEOUT)
    assert preview.complete_button.isHidden()
    text = _pdf_text(preview.pdf)
    assert "Schuldhulpverlening" in text and "Vredenburg 40" in text
    assert "06-12 34 56 78" in text and "a.devries@voorbeeld.nl" in text
    assert "Postbus 1234" in text  # the return address from the first run
    assert _query(qtbot, ctx, lambda s: referrals.get_referral(s, rid).letter_pdf) == preview.pdf


def test_a_lock_during_a_partner_added_in_place_keeps_both_forms(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    hid = _household_with_visit(new_vault)
    window, ws = unlocked_window()
    ws.open_household(hid)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    assert ws.household.data is not None
    dialog = ReferralDialog(ctx, ws.household.data.detail, ws.household)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.partner.count() == SHIPPED, timeout=TIMEOUT)
    dialog.reason.setText("Huur loopt achter")
    dialog.new_partner_button.click()
    partner_dialog = dialog.partner_dialog
    assert partner_dialog is not None
    partner_dialog.name.setText("Wijkteam Zuid")
    window.lock()  # the idle lock does the same
    assert window.workspace is None
    qtbot.waitUntil(lambda: not ctx.background.busy, timeout=TIMEOUT)

    ws = unlocked_window.unlock(window)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    assert ws.household.data is not None
    again = ReferralDialog(ctx, ws.household.data.detail, ws.household)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.reason.text() == "Huur loopt achter", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: again.partner.count() == SHIPPED, timeout=TIMEOUT)
    again.new_partner_button.click()
    restored = again.partner_dialog
    assert restored is not None
    qtbot.waitUntil(lambda: restored.name.text() == "Wijkteam Zuid", timeout=TIMEOUT)


def test_the_partner_dialog_keeps_veilig_thuis_phone(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    """The dialog shows and saves the phone (it used to drop it on every save)."""
    new_vault().close()
    _window, ws = unlocked_window()
    ws.nav.setCurrentRow(NAV_PARTNERS)
    qtbot.waitUntil(lambda: ws.partners.table.model().rowCount() == SHIPPED, timeout=TIMEOUT)
    [vt] = [p for p in ws.partners.table.shown_rows() if p.name == "Veilig Thuis"]
    dialog = PartnerDialog(ctx, ws.partners, vt)
    qtbot.addWidget(dialog)
    assert dialog.phone.text() == "0800-2000" and dialog.to_complete.isHidden()
    dialog.city.setText("Utrecht")
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.save()
    saved = _query(qtbot, ctx, lambda s: partners.partner_view(s, vt.id))
    assert (saved.phone, saved.city, saved.missing) == ("0800-2000", "Utrecht", ())

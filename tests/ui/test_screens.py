"""Single screens with a real vault: partners, settings, search, households."""

from __future__ import annotations

import os
from pathlib import Path

import pyrage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.helpers import add_household
from tests.ui.conftest import NewVault, UnlockedWindow
from waakvlam_desktop.domain import partners
from waakvlam_desktop.domain.names import PersonName
from waakvlam_desktop.domain.partners import PartnerView
from waakvlam_desktop.domain.types import PartnerType, Salutation, VisitKind
from waakvlam_desktop.domain.visits import VisitInput, record_visit
from waakvlam_desktop.ui import i18n
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import (
    NAV_PARTNERS,
    NAV_SEARCH,
    NAV_SETTINGS,
    MainWindow,
    Workspace,
)
from waakvlam_desktop.ui.screens.partners.screen import PartnerDialog

TIMEOUT = 20_000


def _open(new_vault: NewVault, unlocked_window: UnlockedWindow) -> tuple[MainWindow, Workspace]:
    vault = new_vault()
    hid = add_household(vault, "fam. Reünie")
    with vault.session() as s:
        record_visit(s, VisitInput(hid, VisitKind.REGULIER, notes="Na de reünie erg geëmotioneerd"))
    vault.close()
    return unlocked_window()


def test_partner_dialog_validates_and_edits(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    _window, ws = _open(new_vault, unlocked_window)
    ws.nav.setCurrentRow(NAV_PARTNERS)
    dialog = PartnerDialog(ctx, ws.partners)
    dialog.name.setText("GGD Regio Utrecht")
    dialog.recipients.setPlainText("age1geenechteontvanger")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.message.isHidden(), timeout=TIMEOUT)
    assert "sleutel van de partner" in dialog.message.text()
    good = str(pyrage.x25519.Identity.generate().to_public())
    dialog.recipients.setPlainText(good)
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        dialog.save()
    ws.partners.refresh()
    # The four partners a fresh vault starts with, and this one.
    qtbot.waitUntil(lambda: ws.partners.table.model().rowCount() == 5, timeout=TIMEOUT)
    [existing] = [p for p in ws.partners.table.shown_rows() if p.name == "GGD Regio Utrecht"]
    edit = PartnerDialog(ctx, ws.partners, existing)
    assert edit.recipients.toPlainText() == good
    edit.name.setText("GGD Regio Utrecht-West")
    # The contact person in parts, for "t.a.v. de heer J. de Groot" in the letter.
    edit.salutation.setCurrentIndex(edit.salutation.findData("heer"))
    edit.initials.setText("j")
    edit.prefix.setText("De")
    edit.surname.setText("Groot")
    with qtbot.waitSignal(edit.accepted, timeout=TIMEOUT):
        edit.save()
    ws.partners.refresh()

    def edited() -> list[PartnerView]:
        return [p for p in ws.partners.table.shown_rows() if p.name == "GGD Regio Utrecht-West"]

    qtbot.waitUntil(lambda: bool(edited()) and edited()[0].contact.known, timeout=TIMEOUT)
    [changed] = edited()
    assert changed.contact == PersonName(Salutation.HEER, "J.", "de", "Groot")
    assert changed.contact_name == "J. de Groot"
    again = PartnerDialog(ctx, ws.partners, changed)
    assert again.surname.text() == "Groot" and again.salutation.currentData() == "heer"
    ws.partners.refresh()
    qtbot.waitUntil(
        lambda: ws.partners.table.cell(1, 0) == "GGD Regio Utrecht-West",  # after "GGD"
        timeout=TIMEOUT,
    )


def test_search_finds_without_accents_and_opens(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    _window, ws = _open(new_vault, unlocked_window)
    ws.nav.setCurrentRow(NAV_SEARCH)
    ws.search.set_query("reunie geemotioneerd")
    qtbot.waitUntil(lambda: ws.search.count() == 1, timeout=TIMEOUT)
    assert "reünie" in ws.search.results.toPlainText()
    from PySide6.QtCore import QUrl

    ws.search._activated(QUrl("hit:0"))
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    assert ws.household.data.detail.label == "fam. Reünie"  # type: ignore[union-attr]


def test_settings_save_rhythm_and_auto_lock(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    window, ws = _open(new_vault, unlocked_window)
    ws.nav.setCurrentRow(NAV_SETTINGS)
    ws.settings.auto_lock.setValue(9)
    ws.settings.save_work()
    qtbot.waitUntil(lambda: ctx.settings.auto_lock_minutes == 9, timeout=TIMEOUT)
    assert window.idle.minutes == 9
    ws.settings.org_postcode.setText("99")
    ws.settings.save_organisation()
    qtbot.waitUntil(lambda: not ws.settings.org_message.isHidden(), timeout=TIMEOUT)
    assert "postcode" in ws.settings.org_message.text()


def test_a_language_chosen_in_settings_reaches_the_menus_and_the_status_bar(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    """The menus were built once, in the language of the start: after choosing English
    in Instellingen (or unlocking a vault set to English) they stayed Dutch beside an
    English workspace."""
    window, ws = _open(new_vault, unlocked_window)

    def menus(w: MainWindow) -> list[str]:
        return [a.text() for a in w.menuBar().actions()]

    def words(w: MainWindow) -> tuple[str, str, str, str]:
        first_screen = w.nav_actions[0].text()
        return w.lock_action.text(), w.about_action.text(), w.status_note.text(), first_screen

    english = ["&File", "&Edit", "&View", "&Help"]
    assert menus(window) == ["&Bestand", "Be&werken", "Bee&ld", "&Help"]
    ws.nav.setCurrentRow(NAV_SETTINGS)
    ws.settings.language.setCurrentIndex(ws.settings.language.findData("en"))
    ws.settings.save_work()
    qtbot.waitUntil(lambda: window.workspace is not ws, timeout=TIMEOUT)
    assert menus(window) == english
    assert words(window) == ("&Lock", "&About Waakvlam", "Vault open", "Today")
    assert window.status_note.toolTip().startswith("For ICT: the vault is in")
    window.lock()  # the unlock page, built with the window, speaks it too
    page = window.unlock_page
    assert (page.panel.heading.text(), page.button.text()) == ("Waakvlam is locked", "Unlock")
    # A new start speaks it before the unlock too: the setting is inside the vault, and a
    # copy beside it (two letters) is what the start reads; --lang still wins.
    window.close()
    assert ctx.background.wait_idle()
    assert (ctx.data_dir / i18n.LANGUAGE_FILE).read_bytes() == b"en"
    assert i18n.start_language(None, ctx.data_dir) == "en"
    assert i18n.start_language("nl", ctx.data_dir) == "nl"
    app = QApplication.instance()
    assert app is not None
    i18n.install(app, "nl")  # as the test session was; the start installs its language
    i18n.install(app, i18n.start_language(None, ctx.data_dir))
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    again.show()
    assert menus(again) == english
    assert again.unlock_page.button.text() == "Unlock"
    unlocked_window.unlock(again)
    assert menus(again) == english
    assert words(again) == ("&Lock", "&About Waakvlam", "Vault open", "Today")
    # Back to Dutch in Instellingen: the next start is Dutch again.
    ws = again.workspace
    assert ws is not None
    ws.nav.setCurrentRow(NAV_SETTINGS)
    ws.settings.language.setCurrentIndex(ws.settings.language.findData("nl"))
    ws.settings.save_work()
    qtbot.waitUntil(lambda: again.workspace is not ws, timeout=TIMEOUT)
    assert ctx.background.wait_idle()
    assert i18n.start_language(None, ctx.data_dir) == "nl"


def test_the_language_kept_beside_the_vault_is_only_a_language(tmp_path: Path) -> None:
    """The file beside the vault is read at every start: what is not one of our languages
    (damaged, edited, far too long, a folder) is ignored, and the start is Dutch."""
    assert i18n.remembered_language(tmp_path) is None
    for content in (b"de", b"", b"\xff\xfe", b"en" * 10_000, b"../../etc"):
        (tmp_path / i18n.LANGUAGE_FILE).write_bytes(content)
        assert i18n.remembered_language(tmp_path) is None, content
        assert i18n.start_language(None, tmp_path) == "nl"
    (tmp_path / i18n.LANGUAGE_FILE).write_bytes(b"en\n")
    assert i18n.start_language(None, tmp_path) == "en"
    (tmp_path / i18n.LANGUAGE_FILE).write_bytes("\ufeffen\r\n".encode())  # Notepad's
    assert i18n.start_language(None, tmp_path) == "en"
    (tmp_path / i18n.LANGUAGE_FILE).unlink()
    os.mkfifo(tmp_path / i18n.LANGUAGE_FILE)  # (review) a FIFO hung the start
    assert i18n.start_language(None, tmp_path) == "nl"
    (tmp_path / i18n.LANGUAGE_FILE).unlink()
    (tmp_path / i18n.LANGUAGE_FILE).mkdir()
    assert i18n.start_language(None, tmp_path) == "nl"
    i18n.remember_language(tmp_path, "en")  # cannot write over a folder: no error
    i18n.remember_language(tmp_path / "nowhere", "en")
    assert not (tmp_path / "nowhere").exists()


def test_a_language_given_at_the_start_wins_over_the_setting(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    """``--lang nl`` (ctx.language_override): choosing English in Instellingen saves the
    setting, and the window stays Dutch, as it does at unlock."""
    ctx.language_override = "nl"
    window, ws = _open(new_vault, unlocked_window)
    ws.nav.setCurrentRow(NAV_SETTINGS)
    ws.settings.language.setCurrentIndex(ws.settings.language.findData("en"))
    ws.settings.save_work()
    qtbot.waitUntil(lambda: window.workspace is not ws, timeout=TIMEOUT)
    assert ctx.settings.language == "en"
    assert window.menuBar().actions()[0].text() == "&Bestand"
    assert window.nav_actions[0].text() == "Vandaag"


def test_settings_add_and_change_a_staff_members_phone_and_email(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    _window, ws = _open(new_vault, unlocked_window)
    ws.nav.setCurrentRow(NAV_SETTINGS)
    page = ws.settings
    qtbot.waitUntil(lambda: page.staff_list.model().rowCount() == 1, timeout=TIMEOUT)
    page.staff_name.setText("B. Tweede")
    page.staff_role.setText("huismeester")
    page.staff_phone.setText("06-11 22 33 44")
    page.staff_email.setText("b.tweede@voorbeeld.nl")
    page.add_staff()
    qtbot.waitUntil(lambda: page.staff_list.model().rowCount() == 2, timeout=TIMEOUT)
    rows = {m.name: m for m in page.staff_list.shown_rows()}
    assert rows["B. Tweede"].phone == "06-11 22 33 44"
    assert rows["B. Tweede"].email == "b.tweede@voorbeeld.nl"
    # Choosing a member puts their details in the fields; Save changes stores them.
    row = [m.name for m in page.staff_list.shown_rows()].index("A")
    page.staff_list.setCurrentIndex(page.staff_list.model().index(row, 0))
    assert page.staff_save.isEnabled() and page.staff_name.text() == "A"
    page.staff_phone.setText("030-765 43 21")
    page.save_staff()
    qtbot.waitUntil(
        lambda: any(m.phone == "030-765 43 21" for m in page.staff_list.shown_rows()),
        timeout=TIMEOUT,
    )


def test_household_page_keeps_how_letters_address_a_resident(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    vault = new_vault()
    hid = add_household(vault, "fam. Groot")
    vault.close()
    _window, ws = unlocked_window()
    ws.open_household(hid)
    page = ws.household
    qtbot.waitUntil(lambda: page.data is not None, timeout=TIMEOUT)
    page.r_name.setText("Jan de Groot")
    page.r_addressed.setText("dhr. j de groot")
    before = page.residents.rowCount()
    page._add_resident()
    qtbot.waitUntil(lambda: page.residents.rowCount() == before + 1, timeout=TIMEOUT)
    rows = {
        page.residents.item(r, 0).text(): page.residents.item(r, 3).text()  # type: ignore[union-attr]
        for r in range(page.residents.rowCount())
    }
    assert rows["Jan de Groot"] == "de heer J. de Groot"
    # Changing the line in the table and saving stores the new parts.
    row = list(rows).index("Jan de Groot")
    page.residents.item(row, 3).setText("mevrouw A. de Groot")  # type: ignore[union-attr]
    page._save_residents()
    qtbot.waitUntil(
        lambda: any(
            page.residents.item(r, 3).text() == "mevrouw A. de Groot"  # type: ignore[union-attr]
            for r in range(page.residents.rowCount())
        ),
        timeout=TIMEOUT,
    )


def test_partner_dialog_suggests_parts_for_a_contact_typed_before(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    vault = new_vault()
    with vault.session() as s:
        partners.add_partner(
            s, name="GGD Utrecht", type=PartnerType.GGD, contact_name="Dhr. J. de Groot"
        )
        partners.add_partner(s, name="Wijkteam", type=PartnerType.WIJKTEAM, contact_name="Kees")
        views = {p.name: p for p in partners.list_partners(s)}
    vault.close()
    _window, ws = unlocked_window()
    suggested = PartnerDialog(ctx, ws.partners, views["GGD Utrecht"])
    assert suggested.salutation.currentData() == "heer"
    assert (suggested.initials.text(), suggested.prefix.text(), suggested.surname.text()) == (
        "J.",
        "de",
        "Groot",
    )
    assert "Dhr. J. de Groot" in suggested.legacy_contact.text()  # saved only when saved
    bare = PartnerDialog(ctx, ws.partners, views["Wijkteam"])
    assert bare.surname.text() == "" and "Kees" in bare.legacy_contact.text()

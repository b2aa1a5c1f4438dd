"""Referral flow in the window: grondslag required, letter preview and print from memory."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QDir, QIODevice, Qt
from PySide6.QtGui import QPdfWriter
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.helpers import add_household
from tests.ui.conftest import NewVault, UnlockedWindow
from waakvlam_desktop.domain import households, partners
from waakvlam_desktop.domain.types import PartnerType, ReferralStatus, VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.models import Referral
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.main_window import NAV_REFERRALS, MainWindow, Workspace
from waakvlam_desktop.ui.operations import WriteOp
from waakvlam_desktop.ui.screens.referrals.screen import ID_ROLE, LetterPreview, ReferralDialog

TIMEOUT = 20_000
NOTE_MARKER = "GEHEIMENOTITIE-4711"


def _files(folder: str) -> set[str]:
    found = set()
    for root, _dirs, files in os.walk(folder):
        for name in files:
            found.add(os.path.join(root, name))
    return found


def _open(
    new_vault: NewVault, unlocked_window: UnlockedWindow
) -> tuple[MainWindow, Workspace, str]:
    vault = new_vault(staff_name="Zoë")
    with vault.session() as s:
        partners.add_partner(
            s,
            name="Schuldhulp Utrecht",
            type=PartnerType.SCHULDHULP,
            contact_name="J. IJsselmeer",
            address_line="Postbus 12",
            postcode="3500 AA",
            city="Utrecht",
        )
    hid = add_household(vault, "fam. Öztürk")
    with vault.session() as s:
        record_visit(
            s,
            VisitInput(
                hid,
                VisitKind.REGULIER,
                notes=f"Privé: {NOTE_MARKER}",
                signals=[SignalInput("financien.huurachterstand", 2, "opmerking")],
            ),
        )
    vault.close()
    window, ws = unlocked_window()
    return window, ws, hid


def test_refer_preview_print_without_temp_files(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
    monkeypatch: object,
) -> None:
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))  # type: ignore[attr-defined]
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))  # type: ignore[attr-defined]
    window, ws, hid = _open(new_vault, unlocked_window)
    ws.open_household(hid)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    assert ws.household.data is not None
    temp_dirs = {tempfile.gettempdir(), QDir.tempPath()}
    assert temp_dirs == {str(private_tmp)}
    before = {d: _files(d) for d in temp_dirs}

    dialog = ReferralDialog(ctx, ws.household.data.detail, window)
    qtbot.addWidget(dialog)
    # The four partners a fresh vault starts with, and Schuldhulp Utrecht.
    qtbot.waitUntil(lambda: dialog.partner.count() == 5, timeout=TIMEOUT)
    dialog.partner.setCurrentIndex(dialog.partner.findText("Schuldhulp Utrecht"))
    dialog.reason.setText("Huurachterstand loopt op")
    dialog.context.setPlainText("Mevrouw is overdag thuis; ĳverig met de post.")
    dialog.signs.item(0).setCheckState(dialog.signs.item(0).checkState().Checked)
    dialog.save()  # no grondslag chosen: refused inline, nothing stored
    qtbot.waitUntil(lambda: not dialog.message.isHidden(), timeout=TIMEOUT)
    assert "grondslag" in dialog.message.text()
    assert dialog.referral_id is None
    dialog.consent.setChecked(True)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.referral_id is not None, timeout=TIMEOUT)
    rid = dialog.referral_id
    assert rid is not None

    preview = LetterPreview(ctx, rid, window)
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.pdf is not None, timeout=TIMEOUT)
    assert preview.document.pageCount() >= 1
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)  # stands in for a printer: paged device, in memory
    assert preview.print_to(writer) == preview.document.pageCount()
    del writer
    assert bytes(buffer.data().data()).startswith(b"%PDF")
    text = "".join(
        page.extract_text() for page in PdfReader(__import__("io").BytesIO(preview.pdf)).pages
    )  # type: ignore[arg-type]
    assert "Huurachterstand" in text and "ĳverig" in text
    assert NOTE_MARKER not in text and "opmerking" not in text
    out = tmp_path / "gekozen" / "brief.pdf"  # an explicit "Opslaan als PDF" choice
    out.parent.mkdir()
    preview.save_to(out)  # written on the worker, then the audit entry
    qtbot.waitUntil(lambda: "Opgeslagen als" in preview.message.text(), timeout=TIMEOUT)
    assert out.read_bytes() == preview.pdf
    preview.mark_sent()
    qtbot.waitUntil(lambda: "verstuurd" in preview.message.text(), timeout=TIMEOUT)
    preview.close()
    ctx.background.wait_idle(20)
    qtbot.wait(50)
    for d in temp_dirs:  # nothing written behind the user's back
        assert _files(d) - before[d] == set(), d

    window.lock()
    ctx.background.wait_idle(20)
    with Vault.open(ctx.data_dir, PASSPHRASE) as v, v.session() as s:
        ref = s.get(Referral, rid)
        assert ref is not None and ref.status == ReferralStatus.VERSTUURD.value
        assert ref.letter_pdf is not None
        actions = [e.action for e in audit.audit_rows(s)]
    assert {"letter_generated", "letter_printed", "letter_saved"} <= set(actions)


def test_referrals_screen_changes_status(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    _window, ws, hid = _open(new_vault, unlocked_window)
    from waakvlam_desktop.domain import referrals
    from waakvlam_desktop.domain.types import ConsentForm

    def make(s: object) -> str:
        pid = partners.partner_by_name(s, "Schuldhulp Utrecht").id  # type: ignore[arg-type]
        ref = referrals.create_referral(
            s,  # type: ignore[arg-type]
            referrals.ReferralInput(
                hid, pid, "reden", consent_form=ConsentForm.VERBAL, consent_date=date(2026, 11, 27)
            ),
        )
        return ref.id

    made: list[str] = []
    WriteOp(ctx, ctx, make, made.append, changes=Changes()).run()
    qtbot.waitUntil(lambda: bool(made), timeout=TIMEOUT)
    ws.nav.setCurrentRow(NAV_REFERRALS)
    qtbot.waitUntil(lambda: ws.referrals.table.model().rowCount() == 1, timeout=TIMEOUT)
    ws.referrals.table.setCurrentIndex(ws.referrals.table.model().index(0, 0))
    assert ws.referrals.next_status.count() == 2  # verstuurd, geannuleerd
    ws.referrals.change_status()
    qtbot.waitUntil(
        lambda: ws.referrals.table.cell(0, 5) == "verstuurd",
        timeout=TIMEOUT,
    )


def test_dialog_chooses_the_residents_concerned_and_consent_to_call(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
) -> None:
    vault = new_vault(staff_name="Zoë")
    with vault.session() as s:
        partners.add_partner(s, name="Wijkteam", type=PartnerType.WIJKTEAM)
    hid = add_household(vault, "fam. Jansen")  # Anna Jansen, 1950
    with vault.session() as s:
        child = households.add_resident(s, hid, "Kees Jansen", birth_year=2015).id
    vault.close()
    window, ws = unlocked_window()
    ws.open_household(hid)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    assert ws.household.data is not None
    dialog = ReferralDialog(ctx, ws.household.data.detail, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.partner.count() == 5, timeout=TIMEOUT)  # 4 shipped
    dialog.partner.setCurrentIndex(dialog.partner.findText("Wijkteam"))
    # Default: the first adult, never the child.
    states = {
        dialog.concerns.item(i).text(): dialog.concerns.item(i).checkState()
        for i in range(dialog.concerns.count())
    }
    assert states == {
        "Anna Jansen": Qt.CheckState.Checked,
        "Kees Jansen": Qt.CheckState.Unchecked,
    }
    assert not dialog.may_call.isEnabled()  # part of the consent
    dialog.consent.setChecked(True)
    assert dialog.may_call.isEnabled()
    dialog.may_call.setChecked(True)
    dialog.concerns.item(1).setCheckState(Qt.CheckState.Checked)  # about the child too
    dialog.reason.setText("Zorgen om Kees")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.referral_id is not None, timeout=TIMEOUT)
    window.lock()
    ctx.background.wait_idle(20)
    with Vault.open(ctx.data_dir, PASSPHRASE) as v, v.session() as s:
        ref = s.get(Referral, dialog.referral_id)
        assert ref is not None and ref.consent_may_call
        assert sorted(r.name for r in ref.concerns) == ["Anna Jansen", "Kees Jansen"]
        assert child in {r.id for r in ref.concerns}


def test_refer_suggests_the_partner_a_signs_guidance_names(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    vault = new_vault()
    with vault.session() as s:
        partners.add_partner(s, name="Wijkteam Noord", type=PartnerType.WIJKTEAM)
        partners.add_partner(
            s,
            name="Schuldhulp Utrecht",
            type=PartnerType.SCHULDHULP,
            address_line="Postbus 12",
            postcode="3500 AA",
            city="Utrecht",
        )
    hid = add_household(vault)
    with vault.session() as s:
        record_visit(
            s,
            VisitInput(
                hid,
                VisitKind.SIGNAAL,
                signals=[
                    SignalInput("financien.huurachterstand", 2),
                    SignalInput("veiligheid.huiselijk_geweld", 2, acute_response="gebeld"),
                ],
            ),
        )
    vault.close()
    window, ws = unlocked_window()
    ws.open_household(hid)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    assert ws.household.data is not None
    dialog = ReferralDialog(ctx, ws.household.data.detail, window)
    qtbot.addWidget(dialog)
    # The four partners a fresh vault starts with, and these two.
    qtbot.waitUntil(lambda: dialog.partner.count() == 6, timeout=TIMEOUT)
    assert dialog.partner_hint.isHidden()
    rows = {dialog.signs.item(i).data(ID_ROLE): dialog.signs.item(i) for i in range(2)}
    rows["financien.huurachterstand"].setCheckState(Qt.CheckState.Checked)
    # Its guidance names schuldhulpverlening: the partner ready for a letter, not the
    # shipped template "Schuldhulpverlening (nog aanvullen)".
    assert dialog.partner.currentText() == "Schuldhulp Utrecht"
    rows["veiligheid.huiselijk_geweld"].setCheckState(Qt.CheckState.Checked)
    assert dialog.partner.currentText() == "Veilig Thuis"  # the acute sign's guidance first
    assert "Signalen huiselijk geweld" in dialog.partner_hint.text()

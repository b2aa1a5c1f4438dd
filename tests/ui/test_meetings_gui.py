"""Casusoverleg (#18 C) in the Buurt screen, offscreen on a small real vault: the agenda
with signals and status, "Opgelost" on the worker, the agenda PDF of a participant without
a grondslag (read back: pseudonym only), and the planning form's refusal."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pyrage
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import NewVault, UnlockedWindow
from waakvlam_desktop.domain import households, meetings, partners
from waakvlam_desktop.domain.types import PartnerType, VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import NAV_NEIGHBOURHOOD, NAV_TODAY
from waakvlam_desktop.ui.screens.neighbourhood.meetings import PlanDialog

TIMEOUT = 30_000


def _vault(new_vault: NewVault) -> dict[str, str]:
    vault = new_vault()
    with vault.session() as s:
        cpx = households.add_complex(s, "De Linde", code="C-LIN", wijk="Noord")
        addr = households.add_address(
            s, street="Lindelaan", number=1, postcode="3511 AB", city="Utrecht", complex_id=cpx.id
        )
        hid = households.add_household(s, addr.id, "fam. Qzbakker").id
        pid = partners.add_partner(s, name="Wijkteam Noord", type=PartnerType.WIJKTEAM).id
        identity = pyrage.x25519.Identity.generate()
        ggd = partners.add_partner(
            s, name="GGD Noord", type=PartnerType.GGD, recipients=[str(identity.to_public())]
        ).id
    with vault.session() as s:
        record_visit(
            s, VisitInput(hid, VisitKind.REGULIER, signals=[SignalInput("woning.vervuiling", 3)])
        )
        mid = meetings.add_meeting(
            s, date(2026, 12, 3), ["Wijkteam Noord", "GGD Noord"], place="Wijkhuis"
        ).id
        meetings.add_to_agenda(s, mid, hid)
        meetings.agree(s, mid, hid, "Wijkteam Noord", "Samen op huisbezoek", date(2026, 12, 10))
        later = meetings.add_meeting(s, date(2026, 12, 17), ["Wijkteam Noord"], place="Wijkhuis")
    vault.close()
    return {
        "household": hid,
        "partner": pid,
        "meeting": mid,
        "ggd": ggd,
        "ggd_identity": str(identity),
        "later": later.id,
    }


def test_the_case_conference_tab(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
) -> None:
    ids = _vault(new_vault)
    _window, ws = unlocked_window()
    ws.nav.setCurrentRow(NAV_NEIGHBOURHOOD)
    view = ws.neighbourhood
    panel = view.meetings
    assert view.tabs.tabText(view.tabs.indexOf(panel)) == "Casusoverleg"
    view.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(
        lambda: panel.data is not None and panel.data.detail is not None, timeout=TIMEOUT
    )
    assert panel.chooser.currentText() == "03-12-2026, Wijkhuis"
    assert panel.agenda.cell(0, 0) == "fam. Qzbakker"
    assert "Vervuiling / verwaarlozing van de woning (ernstig)" in panel.agenda.cell(0, 2)
    assert panel.agenda.cell(0, 3) == "Wijkteam Noord: Samen op huisbezoek"
    assert panel.agenda.cell(0, 4) == ""  # nothing open from earlier meetings
    assert panel.agenda.cell(0, 5) == "open"
    # The next meeting: the household carried over, with the agreement still open.
    panel.meeting_id = ids["later"]
    panel.refresh()
    qtbot.waitUntil(lambda: panel.chooser.currentText() == "17-12-2026, Wijkhuis", timeout=TIMEOUT)
    assert panel.agenda.cell(0, 3) == ""  # none made at this meeting yet
    assert panel.agenda.cell(0, 4) == "Wijkteam Noord: Samen op huisbezoek"
    assert panel.agenda.cell(0, 5) == "open, doorgeschoven"
    tip = panel.model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert "Samen op huisbezoek (uiterlijk 10-12-2026)" in tip
    panel.meeting_id = ids["meeting"]
    panel.refresh()
    qtbot.waitUntil(lambda: panel.chooser.currentText() == "03-12-2026, Wijkhuis", timeout=TIMEOUT)
    assert not panel.solved_button.isEnabled()  # nothing chosen yet
    assert panel.agenda.select(lambda item: item.household_id == ids["household"])
    assert panel.solved_button.isEnabled()
    panel.mark_solved()
    qtbot.waitUntil(lambda: panel.agenda.cell(0, 5) == "opgelost", timeout=TIMEOUT)

    # the wijkteam has no grondslag for this household: its agenda carries the pseudonym
    out = tmp_path / "agenda.pdf"
    panel.save_pdf_to(meetings.AGENDA, ids["partner"], out)
    qtbot.waitUntil(out.exists, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "agenda.pdf" in panel.message.text(), timeout=TIMEOUT)
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Agenda casusoverleg" in text and "Huishouden " in text
    assert "Qzbakker" not in text and "Lindelaan" not in text

    # "Agenda als bundel versturen": refused in one sentence for a participant without a key
    # line; for one with a key, the agenda it may see, encrypted to it.
    assert panel.agenda_bundle.isEnabled()
    refused = tmp_path / "wijkteam.age"
    panel.send_bundle_to(ids["partner"], refused)
    qtbot.waitUntil(lambda: "nog geen sleutel" in panel.message.text(), timeout=TIMEOUT)
    assert not refused.exists()
    sent = tmp_path / "ggd.age"
    panel.send_bundle_to(ids["ggd"], sent)
    qtbot.waitUntil(lambda: "ggd.age" in panel.message.text(), timeout=TIMEOUT)
    identity = pyrage.x25519.Identity.from_str(ids["ggd_identity"])
    with zipfile.ZipFile(io.BytesIO(pyrage.decrypt(sent.read_bytes(), [identity]))) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        agenda = "".join(
            p.extract_text() for p in PdfReader(io.BytesIO(zf.read("summary.pdf"))).pages
        )
        assert sorted(zf.namelist()) == [
            "data.json",
            "manifest.json",
            "manifest.sig",
            "summary.pdf",
        ]
    assert (manifest["profile"], manifest["partner"]["name"]) == ("meeting", "GGD Noord")
    assert "Agenda casusoverleg" in agenda and "Voor GGD Noord" in agenda
    assert "Qzbakker" not in agenda


def test_the_planning_form_needs_a_partner(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = PlanDialog(("GGD Regio", "Wijkteam Noord"), date(2026, 11, 27))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._accept()
    assert dialog.isVisible() and "partner" in dialog.message.text()
    dialog.partners.item(1).setCheckState(Qt.CheckState.Checked)
    dialog.place.setText("Wijkhuis")
    assert dialog.values() == (date(2026, 12, 4), "Wijkhuis", ["Wijkteam Noord"])


def test_a_partner_agreement_waits_on_vandaag_until_ticked_off(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    _vault(new_vault)
    _window, ws = unlocked_window()
    ws.nav.setCurrentRow(NAV_TODAY)
    today = ws.today
    rows = today.partner_agreements
    qtbot.waitUntil(lambda: len(rows.source.rows) == 1, timeout=TIMEOUT)
    assert rows.cell(0, 1) == "Wijkteam Noord" and rows.cell(0, 2) == "Samen op huisbezoek"
    assert not today.agreement_done_button.isEnabled()
    assert rows.select(lambda a: a.description == "Samen op huisbezoek")
    assert today.agreement_done_button.isEnabled()
    today.tick_off_agreement()
    qtbot.waitUntil(lambda: rows.source.rows == [], timeout=TIMEOUT)
    assert not today.agreement_done_button.isVisible()


def test_the_case_conference_without_complexes(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    """A vault whose households have no complex still holds meetings: Buurt shows the
    Casusoverleg tab (and says why the rest is missing)."""
    vault = new_vault()
    with vault.session() as s:
        addr = households.add_address(
            s, street="Lindelaan", number=1, postcode="3511 AB", city="Utrecht"
        )
        hid = households.add_household(s, addr.id, "fam. Qzbakker").id
        partners.add_partner(s, name="Wijkteam Noord", type=PartnerType.WIJKTEAM)
    with vault.session() as s:
        mid = meetings.add_meeting(s, date(2026, 12, 3), ["Wijkteam Noord"]).id
        meetings.add_to_agenda(s, mid, hid)
    vault.close()
    _window, ws = unlocked_window()
    ws.nav.setCurrentRow(NAV_NEIGHBOURHOOD)
    view = ws.neighbourhood
    panel = view.meetings
    qtbot.waitUntil(lambda: view.data is not None, timeout=TIMEOUT)
    assert view.data is not None and view.data.log is None  # no complex
    assert view.empty.isVisible() and "casusoverleg" in view.empty.text()
    assert panel.isVisible() and view.tabs.currentWidget() is panel
    assert not view.tabs.isTabVisible(view.tabs.indexOf(view.events))
    assert not view.actions_card.isVisible() and not view.households_card.isVisible()
    qtbot.waitUntil(
        lambda: panel.data is not None and panel.data.detail is not None, timeout=TIMEOUT
    )
    assert panel.agenda.cell(0, 0) == "fam. Qzbakker"

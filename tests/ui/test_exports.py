"""The Exports screen on a real vault: preview with exclusions, export with progress,
history, the bundle opens for the partner; handover import through the dialog."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.bundle_helpers import NOTE_MARKER, build_world
from tests.security.handover_forge import handover_bytes, public_text
from tests.ui.conftest import NewVault, UnlockedWindow
from waakvlam_desktop.bundles.keys import load_sender
from waakvlam_desktop.bundles.reader import read_bundle_file, verify_bytes
from waakvlam_desktop.domain.partners import add_partner
from waakvlam_desktop.domain.types import PartnerType
from waakvlam_desktop.storage.models import Partner
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import NAV_EXPORTS
from waakvlam_desktop.ui.screens.exports.colleagues import AddColleagueDialog, ColleaguesDialog
from waakvlam_desktop.ui.screens.exports.screen import HandoverDialog

TIMEOUT = 30_000


def test_export_screen_preview_export_and_history(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow, tmp_path: Path
) -> None:
    vault = new_vault()
    world = build_world(vault)
    vault.close()
    _window, ws = unlocked_window()
    ws.nav.setCurrentRow(NAV_EXPORTS)
    view = ws.exports
    # The world's four (its GGD is the shipped template, taken over) and the Sociaal
    # wijkteam, Schuldhulpverlening and Veilig Thuis a fresh vault holds.
    qtbot.waitUntil(lambda: view.partner.count() == 7, timeout=TIMEOUT)
    view.partner.setCurrentIndex(view.partner.findData(world.partners["Wijkteam"]))
    qtbot.waitUntil(lambda: view.period.findData("2026-11") >= 0, timeout=TIMEOUT)
    # A case partner may take the running month, never a future one.
    assert view.period.findData("2026-12") < 0
    view.period.setCurrentIndex(view.period.findData("2026-11"))
    view.run_preview()
    qtbot.waitUntil(
        lambda: (
            view.preview is not None
            and view.preview.partner_name == "Wijkteam"
            and view.preview.period.label == "2026-11"
        ),
        timeout=TIMEOUT,
    )
    assert "geannuleerd" in view.summary.text()  # the cancelled referral is counted, no name
    assert "Bakker" not in view.summary.text()
    assert view.export_button.isEnabled()
    target = tmp_path / "out" / "wijkteam.age"
    target.parent.mkdir()
    view.export_to(target)
    qtbot.waitUntil(lambda: view.last_result is not None, timeout=TIMEOUT)
    assert target.exists()
    opened = verify_bytes(read_bundle_file(target), world.identity, world.sender)
    assert opened.sequence == 1
    assert all(NOTE_MARKER.encode() not in content for content in opened.members.values())
    qtbot.waitUntil(lambda: view.history.model().rowCount() == 1, timeout=TIMEOUT)
    assert view.history.cell(0, 1) == "Wijkteam"


def test_export_screen_offers_only_periods_the_partner_may_get(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    vault = new_vault()
    world = build_world(vault)
    vault.close()
    _window, ws = unlocked_window()
    ws.nav.setCurrentRow(NAV_EXPORTS)
    view = ws.exports
    # The world's four (its GGD is the shipped template, taken over) and the Sociaal
    # wijkteam, Schuldhulpverlening and Veilig Thuis a fresh vault holds.
    qtbot.waitUntil(lambda: view.partner.count() == 7, timeout=TIMEOUT)
    view.partner.setCurrentIndex(view.partner.findData(world.partners["Gemeente"]))
    # Quarterly figures on 27 November 2026: Q4 is not over, months are off its grid.
    qtbot.waitUntil(lambda: view.period.itemData(0) == "2026-Q3", timeout=TIMEOUT)
    offered = [view.period.itemData(i) for i in range(view.period.count())]
    assert offered[:3] == ["2026-Q3", "2026-Q2", "2026-Q1"]
    assert all("Q" in label for label in offered)
    qtbot.waitUntil(
        lambda: view.preview is not None and view.preview.period.label == "2026-Q3",
        timeout=TIMEOUT,
    )


def test_handover_dialog_refuses_wrong_key_clearly(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
) -> None:
    new_vault(organisation="O").close()
    window, _ws = unlocked_window()
    bogus = tmp_path / "x.age"
    bogus.write_bytes(b"dit is geen bundel")
    key = tmp_path / "key.txt"
    key.write_text("AGE-SECRET-KEY-1XXXX\n")
    dialog = HandoverDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.bundle.setText(str(bogus))
    dialog.identity.setText(str(key))
    dialog.run()
    qtbot.waitUntil(lambda: not dialog.message.isHidden(), timeout=TIMEOUT)
    assert dialog.message.text() and "Traceback" not in dialog.message.text()
    assert dialog.report is None


def test_colleagues_and_a_handover_through_the_dialogs(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
) -> None:
    source = new_vault(organisation="Bron", data_dir=tmp_path / "source")
    world = build_world(source)
    data = handover_bytes(source, world.partners["Collega"], tmp_path / "out")
    pub = tmp_path / "bron.pub"
    pub.write_text(public_text(source))
    source.close()
    bundle = tmp_path / "overdracht.age"
    bundle.write_bytes(data)
    key = tmp_path / "key.txt"
    key.write_text(str(world.identity) + "\n")
    own = new_vault(organisation="O")
    with own.session() as s:
        add_partner(s, name="Wijkteam", type=PartnerType.WIJKTEAM)
        # The shipped GGD renamed here, so the colleague's GGD comes in as a new partner
        # (a partner of the same name and type would be matched).
        s.scalars(select(Partner).where(Partner.name == "GGD")).one().name = "GGD Utrecht"
    own.close()
    window, _ws = unlocked_window()

    # Not yet a colleague: refused with one clear sentence, nothing read in.
    dialog = HandoverDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.bundle.setText(str(bundle))
    dialog.identity.setText(str(key))
    dialog.run()
    qtbot.waitUntil(lambda: not dialog.message.isHidden(), timeout=TIMEOUT)
    assert "geen collega" in dialog.message.text() and dialog.report is None

    # Add the colleague: the key id is shown first, to compare by phone.
    add = AddColleagueDialog(window)
    qtbot.addWidget(add)
    add.name.setText("A. Bron")
    add.key_file.setText(str(pub))
    add.next_step()
    fingerprint = load_sender(str(pub)).key_id
    assert fingerprint[:4] in add.compare.text() and add.key is not None
    colleagues = ColleaguesDialog(ctx, window)
    qtbot.addWidget(colleagues)
    colleagues.add(add.name.text(), add.key)
    qtbot.waitUntil(lambda: len(colleagues.colleagues) == 1, timeout=TIMEOUT)
    assert colleagues.table.cell(0, 0) == "A. Bron"

    # First run: partners shown, nothing written; confirm: read in.
    dialog.run()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=TIMEOUT)
    assert dialog.report is not None and not dialog.report.applied
    assert "Wijkteam" in dialog.result_text.toPlainText()
    dialog.run()
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.applied, timeout=TIMEOUT)
    assert dialog.report.added["household"] == 7
    assert {(p.name, p.new) for p in dialog.report.partners} == {("GGD", True), ("Wijkteam", False)}

    # Removed: refused again.
    colleagues.remove("A. Bron")
    qtbot.waitUntil(lambda: colleagues.colleagues == [], timeout=TIMEOUT)
    again = HandoverDialog(ctx, window)
    qtbot.addWidget(again)
    again.bundle.setText(str(bundle))
    again.identity.setText(str(key))
    again.run()
    qtbot.waitUntil(lambda: not again.message.isHidden(), timeout=TIMEOUT)
    assert "geen collega" in again.message.text()

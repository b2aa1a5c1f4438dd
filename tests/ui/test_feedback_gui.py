"""Terugkoppeling inlezen in the window (#17): a real case bundle exported from a real
vault, a real signed and age-encrypted reply made by the partner's side, read in through
Doorverwijzingen; the partner dialog pins a partner's signing key from its file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.bundle_helpers import World, build_world
from tests.ui.conftest import NewVault, UnlockedWindow
from tests.unit.test_feedback import JANSEN, NOW, OZTURK, Partner, _items, _partner
from waakvlam_desktop.bundles import reply as rp
from waakvlam_desktop.bundles.feedback import DAMAGED
from waakvlam_desktop.bundles.keys import (
    grouped,
    partner_key_file_text,
    public_key_text,
    public_of,
    write_signing_key,
)
from waakvlam_desktop.domain.partners import PartnerView, list_partners, signing_key_id
from waakvlam_desktop.domain.referrals import (
    change_status,
    get_referral,
    referrals_waiting_for_feedback,
)
from waakvlam_desktop.domain.types import FeedbackStatus, ReferralStatus
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import NAV_REFERRALS, Workspace
from waakvlam_desktop.ui.operations import QueryOp
from waakvlam_desktop.ui.screens.partners.screen import PartnerDialog

TIMEOUT = 30_000
TODAY = date(2026, 11, 27)
T = TypeVar("T")


def _world(new_vault: NewVault) -> World:
    """The bundle world of tests/unit/test_feedback.py: the Wijkteam's two referrals sent,
    their feedback overdue."""
    vault = new_vault()
    world = build_world(vault)
    with vault.session() as s:
        for label in (JANSEN, OZTURK):
            ref = change_status(s, world.referrals[label], ReferralStatus.VERSTUURD)
            ref.feedback_due = date(2026, 11, 20)
    return world


def _reply(partner: Partner, world: World, folder: Path) -> Path:
    data, _manifest = rp.make_reply(
        partner.bundle,
        partner.signing,
        _items((world.referrals[JANSEN], FeedbackStatus.CLOSED), note="Budgetcoach loopt"),
        now=NOW,
    )
    path = folder / "terugkoppeling.age"
    path.write_bytes(data)
    return path


def _query(qtbot: QtBot, ctx: AppContext, ws: Workspace, op: Callable[[Any], T]) -> T:
    """Read the open vault as the window does: on the worker."""
    found: list[T] = []
    QueryOp(ctx, ws, op, found.append).run()
    qtbot.waitUntil(lambda: bool(found), timeout=TIMEOUT)
    return found[0]


def _window(world: World, unlocked_window: UnlockedWindow) -> Workspace:
    """The vault closed by the test, opened by the window; Doorverwijzingen shown."""
    world.vault.close()
    _main, ws = unlocked_window()  # qtbot keeps the window
    ws.nav.setCurrentRow(NAV_REFERRALS)
    return ws


def _on_today(ws: Workspace) -> set[str]:
    """The referrals Vandaag lists (Eerst doen and Wacht op terugkoppeling)."""
    first = {i.referral_id for i in ws.today.first.source.rows if i.referral_id}
    return first | {w.id for w in ws.today.feedback.source.rows}


def _waiting(s: Any) -> set[str]:
    return {w.reference for w in referrals_waiting_for_feedback(s, TODAY)}


def test_reading_in_feedback_updates_the_referral(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
) -> None:
    world = _world(new_vault)
    wijkteam = _partner(world, tmp_path, "Wijkteam")
    reply = _reply(wijkteam, world, tmp_path)
    jansen = world.referrals[JANSEN]
    ws = _window(world, unlocked_window)
    view = ws.referrals
    assert jansen in _query(qtbot, ctx, ws, _waiting)
    referral_id = _query(qtbot, ctx, ws, lambda s: get_referral(s, jansen).id)
    # Vandaag lists it before: its feedback is overdue.
    ws.nav.setCurrentRow(0)
    qtbot.waitUntil(lambda: referral_id in _on_today(ws), timeout=TIMEOUT)
    ws.nav.setCurrentRow(NAV_REFERRALS)

    view.import_feedback_file(reply)
    qtbot.waitUntil(view.feedback_result.isVisible, timeout=TIMEOUT)
    text = view.feedback_result.text()
    assert "Terugkoppeling van Wijkteam ingelezen" in text
    assert f"{jansen} · {JANSEN}:" in text
    assert "verstuurd → afgesloten" in text
    assert view.message.text() and "ingelezen" in view.message.text()
    status = _query(qtbot, ctx, ws, lambda s: get_referral(s, jansen).status)
    assert status == ReferralStatus.AFGESLOTEN.value
    waiting = _query(qtbot, ctx, ws, _waiting)
    assert jansen not in waiting and world.referrals[OZTURK] in waiting
    # The lists refresh: the referrals table, and Vandaag no longer waits for it.
    qtbot.waitUntil(
        lambda: any(
            "afgesloten" in str(view.table.model().index(r, 5).data())
            for r in range(view.table.model().rowCount())
        ),
        timeout=TIMEOUT,
    )
    ws.nav.setCurrentRow(0)
    qtbot.waitUntil(lambda: referral_id not in _on_today(ws), timeout=TIMEOUT)
    assert _on_today(ws), "Vandaag still lists the other overdue referral"


def test_a_tampered_reply_shows_its_sentence_and_changes_nothing(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
) -> None:
    world = _world(new_vault)
    wijkteam = _partner(world, tmp_path, "Wijkteam")
    reply = _reply(wijkteam, world, tmp_path)
    data = bytearray(reply.read_bytes())
    data[-20] ^= 0x01  # one bit in the encrypted payload
    reply.write_bytes(bytes(data))
    jansen = world.referrals[JANSEN]
    ws = _window(world, unlocked_window)
    view = ws.referrals

    view.import_feedback_file(reply)
    qtbot.waitUntil(lambda: bool(view.message.text()), timeout=TIMEOUT)
    sentence = view.message.text()
    assert sentence == DAMAGED.render("nl")
    assert view.feedback_result.isHidden()
    assert view.pin_dialog is None
    assert _query(qtbot, ctx, ws, lambda s: get_referral(s, jansen).status) == "verstuurd"
    assert jansen in _query(qtbot, ctx, ws, _waiting)


def test_a_first_reply_pins_the_key_after_the_code_is_confirmed(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
) -> None:
    world = _world(new_vault)
    wijkteam = _partner(world, tmp_path, "Wijkteam", pin=False)
    reply = _reply(wijkteam, world, tmp_path)
    key_id = public_of(wijkteam.signing).key_id
    partner_id = world.partners["Wijkteam"]
    jansen = world.referrals[JANSEN]
    ws = _window(world, unlocked_window)
    view = ws.referrals

    # Cancelled: nothing pinned, nothing read in.
    view.import_feedback_file(reply)
    qtbot.waitUntil(lambda: view.pin_dialog is not None, timeout=TIMEOUT)
    dialog = view.pin_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.code.text() == grouped(key_id)
    assert "Wijkteam" in " ".join(w.text() for w in dialog.findChildren(type(dialog.code)))
    dialog.reject()
    assert view.pin_dialog is None and view.feedback_result.isHidden()
    assert _query(qtbot, ctx, ws, lambda s: signing_key_id(s, partner_id)) is None
    assert _query(qtbot, ctx, ws, lambda s: get_referral(s, jansen).status) == "verstuurd"

    # Confirmed: the key is pinned and the reply read in.
    view.import_feedback_file(reply)
    qtbot.waitUntil(lambda: view.pin_dialog is not None, timeout=TIMEOUT)
    view.pin_dialog.confirm_button.click()
    qtbot.waitUntil(view.feedback_result.isVisible, timeout=TIMEOUT)
    assert "verstuurd → afgesloten" in view.feedback_result.text()
    assert _query(qtbot, ctx, ws, lambda s: signing_key_id(s, partner_id)) == key_id
    assert _query(qtbot, ctx, ws, lambda s: get_referral(s, jansen).status) == "afgesloten"


def test_the_partner_dialog_pins_a_key_from_its_file(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
) -> None:
    world = _world(new_vault)
    public = write_signing_key(tmp_path / "wijkteam.sign")
    key_file = tmp_path / "wijkteam.pub"
    key_file.write_text(partner_key_file_text(public), encoding="utf-8")
    partner_id = world.partners["Wijkteam"]
    ws = _window(world, unlocked_window)
    partner: PartnerView = _query(
        qtbot, ctx, ws, lambda s: next(p for p in list_partners(s) if p.id == partner_id)
    )
    dialog = PartnerDialog(ctx, ws, partner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.feedback_key_status.text() == "Nog geen sleutel voor terugkoppeling"
    assert dialog.feedback_key_status.toolTip() == ""

    dialog.load_feedback_key(str(key_file))
    qtbot.waitUntil(lambda: dialog.feedback_key is not None, timeout=TIMEOUT)
    assert "Voor ICT" in dialog.feedback_key_status.toolTip()
    assert grouped(public.key_id) in dialog.feedback_key_status.toolTip()
    assert public.key_id[:8] not in dialog.feedback_key_status.text()
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=TIMEOUT)
    assert _query(qtbot, ctx, ws, lambda s: signing_key_id(s, partner_id)) == public.key_id

    # Opened again: the plain status, the key id only for ICT.
    pinned: PartnerView = _query(
        qtbot, ctx, ws, lambda s: next(p for p in list_partners(s) if p.id == partner_id)
    )
    again = PartnerDialog(ctx, ws, pinned)
    qtbot.addWidget(again)
    assert again.feedback_key_status.text() == "Terugkoppeling kan worden ingelezen"
    assert grouped(public.key_id) in again.feedback_key_status.toolTip()


def test_a_pasted_line_is_pinned_and_one_that_is_no_key_refused_inline(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
) -> None:
    world = _world(new_vault)
    partner_id = world.partners["GGD"]
    ws = _window(world, unlocked_window)
    partner: PartnerView = _query(
        qtbot, ctx, ws, lambda s: next(p for p in list_partners(s) if p.id == partner_id)
    )
    dialog = PartnerDialog(ctx, ws, partner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.feedback_key_text.setText("waakvlam-ed25519:nietgoed")
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=TIMEOUT)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert _query(qtbot, ctx, ws, lambda s: signing_key_id(s, partner_id)) is None

    # The line itself, pasted: pinned with the partner.
    public = write_signing_key(tmp_path / "ggd.sign")
    dialog.feedback_key_text.setText(public_key_text(public.public_key))
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=TIMEOUT)
    assert _query(qtbot, ctx, ws, lambda s: signing_key_id(s, partner_id)) == public.key_id

"""Plain Dutch on everyday screens (#15 F): a walk over every screen of a demo vault reads
each visible text (labels, buttons, tabs, table cells and headers, the status bar) and finds
no age recipient, hash, fingerprint, file path or snake_case code. Instellingen › Voor ICT is
the one place they may be (docs/words.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pyrage
from PySide6.QtWidgets import QTabWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import NewVault, UnlockedWindow
from tests.ui.plain_words import forbidden, offences, visible_texts
from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.domain.demo import generate_demo
from waakvlam_desktop.domain.exports import offered_periods
from waakvlam_desktop.domain.partners import get_partner, list_partners, update_partner
from waakvlam_desktop.domain.referrals import list_referrals
from waakvlam_desktop.domain.types import DataProfile
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import MainWindow, Workspace


def _settle(qtbot: QtBot, ctx: AppContext) -> None:
    for _ in range(4):
        ctx.background.wait_idle(30)
        qtbot.wait(30)


def _demo(new_vault: NewVault, tmp_path: Path) -> str:
    """A demo vault with a partner that has its key and one export made (a history row);
    returns a household with a referral."""
    vault = new_vault(staff_name="Anouk de Vries")
    generate_demo(vault.session, 40, seed=3)
    key = str(pyrage.x25519.Identity.generate().to_public())
    with vault.session() as s:
        # a case partner the demo referred households to (not a shipped template: #15 E)
        referred_to = {r.partner_id for r in list_referrals(s)}
        first = next(
            p for p in list_partners(s) if p.profile == DataProfile.CASE and p.id in referred_to
        )
        update_partner(
            s,
            first.id,
            name=first.name,
            type=first.type,
            profile=first.profile,
            schedule=first.schedule,
            contact_name=first.contact_name,
            address_line=first.address_line,
            postcode=first.postcode,
            city=first.city,
            recipients=[key],
        )
        period = offered_periods(s, get_partner(s, first.id))[0]
        referred = list_referrals(s)[0].household_id
    out = tmp_path / "out"
    out.mkdir()
    with vault.session() as s:
        export_bundle(s, first.id, period, out / "bundel.age")
    vault.close()
    return referred


def _walk(
    qtbot: QtBot, ctx: AppContext, window: MainWindow, ws: Workspace, hid: str
) -> dict[str, list[tuple[str, str]]]:
    seen: dict[str, list[tuple[str, str]]] = {}
    ict = ws.settings.ict_card
    for row, screen in enumerate(ws.sections):
        ws.nav.setCurrentRow(row)
        _settle(qtbot, ctx)
        tabs = screen.findChildren(QTabWidget)
        for tab in tabs or [None]:
            for i in range(tab.count() if tab else 1):
                if tab is not None:
                    tab.setCurrentIndex(i)
                    _settle(qtbot, ctx)
                name = screen.nav_title() + (f" › {tab.tabText(i)}" if tab else "")
                seen[name] = visible_texts(window, skip=[ict])
    ws.open_household(hid)
    _settle(qtbot, ctx)
    for i in range(ws.household.tabs.count()):
        ws.household.tabs.setCurrentIndex(i)
        _settle(qtbot, ctx)
        seen[f"Huishouden › {ws.household.tabs.tabText(i)}"] = visible_texts(window)
    return seen


def test_everyday_screens_show_no_technical_details(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
) -> None:
    hid = _demo(new_vault, tmp_path)
    window, ws = unlocked_window()
    window.resize(1366, 768)
    seen = _walk(qtbot, ctx, window, ws, hid)
    found = [o for where, texts in seen.items() for o in offences(texts, where, ctx.data_dir)]
    assert found == [], "\n".join(found)
    # the walk really read the screens (a collector that reads nothing passes anything)
    assert len(seen) >= 12
    everything = " ".join(t for texts in seen.values() for _c, t in texts)
    for expected in ("Eerst doen", "Exportgeschiedenis", "Logboek", "Soort export", "Kluis"):
        assert expected in everything, expected
    assert re.search(r"\d+ huishoudens", everything), "export counts are phrases"


def test_voor_ict_holds_the_technical_facts(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    """The one allowed place: the walk's check finds the path and fingerprint there."""
    new_vault().close()
    window, ws = unlocked_window()
    ws.nav.setCurrentRow(ws.sections.index(ws.settings))
    ict = ws.settings.ict_card
    qtbot.waitUntil(lambda: str(ctx.data_dir) in ws.settings.vault_label.text(), timeout=30_000)
    qtbot.waitUntil(lambda: "vingerafdruk" in ws.settings.key_label.text(), timeout=30_000)
    names = {name for name, _p in forbidden(ctx.data_dir)}
    found = offences(visible_texts(ict), "Voor ICT", ctx.data_dir)
    assert {n for n in names if any(f" · {n}: " in o for o in found)} >= {
        "vault path",
        "fingerprint",
        "SHA-256",
    }
    assert window.status_note.text() == "Kluis geopend"
    assert str(ctx.data_dir) in window.status_note.toolTip()

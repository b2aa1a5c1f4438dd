"""Buurt (#18 A): the screen of one complex on a small real vault, offscreen — its events,
open actions and households; the event form (with the BSN guard); ticking off an action;
a household row opening the household page; Verbinden's introduction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from tests.ui.conftest import NewVault, UnlockedWindow
from waakvlam_desktop.domain import connect, households, neighbourhood, partners
from waakvlam_desktop.domain.neighbourhood import ActionInput, EventInput
from waakvlam_desktop.domain.staff import set_complexes
from waakvlam_desktop.domain.types import ConcernLevel, PartnerType, VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.ui import palette
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import NAV_NEIGHBOURHOOD, NAV_OVERVIEW, Workspace
from waakvlam_desktop.ui.operations import QueryOp
from waakvlam_desktop.ui.screens.neighbourhood.screen import BuurtView, IntroductionDialog

TIMEOUT = 30_000
T = TypeVar("T")


def _vault(new_vault: NewVault) -> dict[str, str]:
    """Three complexes; the staff member looks after "De Linde" (not the first by name),
    which has two households, an incident with an open action, and two residents who could
    be introduced."""
    vault = new_vault()
    with vault.session() as s:
        other = households.add_complex(s, "Aan de Gracht", wijk="Centrum")
        cpx = households.add_complex(s, "De Linde", code="C-LIN", wijk="Noord")
        ids = {"complex": cpx.id, "other": other.id}
        for number, label in ((1, "fam. Bakker"), (2, "mw. Smit")):
            addr = households.add_address(
                s,
                street="Lindelaan",
                number=number,
                postcode="3511 AB",
                city="Utrecht",
                complex_id=cpx.id,
            )
            ids[label] = households.add_household(s, addr.id, label).id
            ids[f"resident {label}"] = households.add_resident(s, ids[label], label[4:]).id
        partners.add_partner(s, name="Wijkteam Noord", type=PartnerType.WIJKTEAM)
        assert vault.actor is not None
        set_complexes(s, vault.actor, [cpx.id])
    with vault.session() as s:
        record_visit(
            s,
            VisitInput(
                ids["mw. Smit"], VisitKind.REGULIER, signals=[SignalInput("woning.vervuiling", 3)]
            ),
        )
        result = neighbourhood.add_event(
            s,
            EventInput(
                cpx.id,
                "incident",
                "Lekkage in het trappenhuis",
                occurred_on=date(2026, 11, 20),
                signals=[("buurt.onveilige_situatie", 2)],
                actions=[ActionInput("Huismeester laten kijken", date(2026, 12, 10))],
            ),
        )
        ids["action"] = result.action_ids[0]
        consent = date(2026, 11, 1)
        connect.add_offer(s, ids["resident fam. Bakker"], kind="boodschappen", consent_date=consent)
        connect.add_offer(
            s,
            ids["resident mw. Smit"],
            kind="boodschappen",
            consent_date=consent,
            direction=connect.WISH,
        )
    vault.close()
    return ids


def _read(qtbot: QtBot, ctx: AppContext, ws: Workspace, op: Callable[[Session], T]) -> T:
    """Read the vault the way the screens do (on the worker), and wait for the answer."""
    got: list[T] = []
    QueryOp(ctx, ws, op, got.append).run()
    qtbot.waitUntil(lambda: bool(got), timeout=TIMEOUT)
    return got[0]


def _show(qtbot: QtBot, ws: Workspace) -> BuurtView:
    ws.nav.setCurrentRow(NAV_NEIGHBOURHOOD)
    view = ws.neighbourhood
    assert ws.stack.currentWidget() is view
    qtbot.waitUntil(lambda: view.data is not None, timeout=TIMEOUT)
    return view


def _texts(view: Any, column: int) -> list[str]:
    return [view.cell(i, column) for i in range(view.proxy.rowCount())]


def test_buurt_shows_my_complex_with_its_events_actions_and_households(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    ids = _vault(new_vault)
    _window, ws = unlocked_window()
    assert ws.nav.item(NAV_NEIGHBOURHOOD).text() == "Buurt"
    view = _show(qtbot, ws)
    # "mijn complex" first, though "Aan de Gracht" comes first by name
    assert view.complex_id == ids["complex"]
    assert view.chooser.currentText() == "De Linde (mijn complex)"
    assert _texts(view.events, 0) == ["20-11-2026"]
    assert _texts(view.events, 1) == ["Incident"]  # the kind in words, not its code
    assert _texts(view.events, 4) == ["Onveilige situatie (zorgelijk)"]
    assert _texts(view.action_list, 1) == ["Huismeester laten kijken"]
    assert _texts(view.households, 2) == ["mw. Smit", "fam. Bakker"]  # most concern first
    assert view.households.cell(0, 0) == "● zorg"
    colour = view.households.proxy.index(0, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert colour.color().name() == palette.level_colour(ConcernLevel.ZORG)  # and in colour
    assert "1 gebeurtenissen, 1 buurtsignalen" in view.figures.text()
    assert view.tabs.tabText(1) == "Verbinden (1)"

    other = view.chooser.findText("Aan de Gracht")
    view.chooser.setCurrentIndex(other)
    view.chooser.activated.emit(other)
    qtbot.waitUntil(lambda: view.events.source.rows == [], timeout=TIMEOUT)
    assert view.events.cell(0, 2) == "Nog geen gebeurtenissen vastgelegd voor dit complex."
    assert view.households.source.rows == []


def test_an_event_recorded_in_the_form_is_in_the_timeline_and_the_log(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    ids = _vault(new_vault)
    _window, ws = unlocked_window()
    view = _show(qtbot, ws)
    dialog = view.event_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind.setCurrentIndex(dialog.kind.findData("bewonersbijeenkomst"))
    dialog.note.setPlainText("Bewonersavond over de tuin")
    # by name: a fresh vault also holds the shipped partners (#15 E), GGD sorts first
    wijkteam = dialog.partners.findItems("Wijkteam Noord", Qt.MatchFlag.MatchStartsWith)
    assert len(wijkteam) == 1
    wijkteam[0].setCheckState(Qt.CheckState.Checked)
    box = dialog.signal_boxes["buurt.eenzaamheid"]
    box.setCurrentIndex(box.findData(3))
    dialog.action.setText("Koffieochtend plannen")
    dialog.has_due.setChecked(True)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.event_id is not None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: view.events.source.rowCount() == 2, timeout=TIMEOUT)
    assert "Bewonersbijeenkomst" in _texts(view.events, 1)
    assert "Eenzaamheid in het complex (ernstig)" in _texts(view.events, 4)
    assert "Koffieochtend plannen" in _texts(view.action_list, 1)

    log = _read(qtbot, ctx, ws, lambda s: neighbourhood.complex_log(s, ids["complex"]))
    added = next(e for e in log.events if e.id == dialog.event_id)
    assert added.kind == "bewonersbijeenkomst" and added.note == "Bewonersavond over de tuin"
    assert added.partners == ("Wijkteam Noord",)
    assert [(s.code, s.severity) for s in added.signals] == [("buurt.eenzaamheid", 3)]
    due = ctx.today() + timedelta(days=14)  # the form's default, when "Uiterlijk op" is ticked
    assert [(a.description, a.due_on) for a in added.actions] == [("Koffieochtend plannen", due)]


def test_a_bsn_like_note_asks_for_confirmation_and_nothing_is_lost(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    ids = _vault(new_vault)
    _window, ws = unlocked_window()
    view = _show(qtbot, ws)
    dialog = view.event_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.bsn_confirm.isVisible()
    dialog.note.setPlainText("Melding nummer 111222333 bij de gemeente")
    assert dialog.bsn_confirm.isVisible()  # pointed out while typing
    assert "BSN" in dialog.bsn_message.text()
    dialog.save()
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=TIMEOUT)
    assert "BSN" in dialog.message.text()
    assert dialog.event_id is None and dialog.isVisible()
    assert dialog.note.toPlainText() == "Melding nummer 111222333 bij de gemeente"  # kept
    count = _read(qtbot, ctx, ws, lambda s: len(neighbourhood.timeline(s, ids["complex"])))
    assert count == 1  # nothing written
    dialog.bsn_confirm.setChecked(True)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.event_id is not None, timeout=TIMEOUT)
    count = _read(qtbot, ctx, ws, lambda s: len(neighbourhood.timeline(s, ids["complex"])))
    assert count == 2


def test_ticking_off_an_action_removes_it_from_open_actions(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    ids = _vault(new_vault)
    _window, ws = unlocked_window()
    view = _show(qtbot, ws)
    assert not view.done_button.isEnabled()  # nothing chosen yet
    assert view.action_list.select(lambda a: a.id == ids["action"])
    assert view.done_button.isEnabled()
    view.done_button.click()
    qtbot.waitUntil(lambda: view.action_list.source.rows == [], timeout=TIMEOUT)
    assert view.action_list.cell(0, 1) == "Geen open acties."
    still_open = _read(qtbot, ctx, ws, lambda s: neighbourhood.open_actions(s, ids["complex"]))
    assert still_open == []
    events = _read(qtbot, ctx, ws, lambda s: neighbourhood.timeline(s, ids["complex"]))
    assert [a.status for a in events[0].actions] == ["gedaan"]


def test_a_household_row_opens_the_household_page(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    ids = _vault(new_vault)
    _window, ws = unlocked_window()
    view = _show(qtbot, ws)
    table = view.households
    index = table.proxy.index(1, 1)  # fam. Bakker
    rect = table.visualRect(index)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: ws.stack.currentWidget() is ws.household, timeout=TIMEOUT)
    assert ws.household.household_id == ids["fam. Bakker"]
    ws.go_back()  # Esc: back on Buurt
    assert ws.stack.currentWidget() is view


def test_an_introduction_recorded_from_a_suggestion(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    ids = _vault(new_vault)
    _window, ws = unlocked_window()
    view = _show(qtbot, ws)
    view.tabs.setCurrentIndex(1)
    assert view.suggestions.cell(0, 0).startswith("Bakker")
    assert view.suggestions.cell(0, 3) == "zelfde complex"
    assert view.suggestions.select(lambda s: True)
    suggestion = view.suggestions.current()
    assert suggestion is not None
    dialog = IntroductionDialog(ctx, suggestion, view)
    qtbot.addWidget(dialog)
    dialog.outcome.setText("Klikte meteen")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: view.suggestions.source.rows == [], timeout=TIMEOUT)
    assert view.tabs.tabText(1) == "Verbinden"
    made = _read(qtbot, ctx, ws, lambda s: connect.introductions_of(s, ids["resident fam. Bakker"]))
    assert [(i.other_resident_id, i.outcome) for i in made] == [
        (ids["resident mw. Smit"], "Klikte meteen")
    ]

    # How it went, later: the introduction is listed under the suggestions, with its
    # follow-up; recording it answers the follow-up and shows the newest line.
    qtbot.waitUntil(lambda: len(view.introductions.source.rows) == 1, timeout=TIMEOUT)
    assert view.introductions.cell(0, 3) == "Klikte meteen"
    assert view.introductions.cell(0, 4) not in ("", "–")  # asking again in two weeks
    assert view.outcome_dialog() is None  # nothing selected yet
    assert view.introductions.select(lambda i: True)
    assert view.outcome_button.isEnabled()
    later = view.outcome_dialog()
    assert later is not None
    qtbot.addWidget(later)
    later.show()
    later.note.setText("111222333 gebeld")
    later.save()
    qtbot.waitUntil(lambda: later.message.isVisible(), timeout=TIMEOUT)
    assert "BSN" in later.message.text() and later.result() == 0
    later.note.setText("Ze doen samen boodschappen")
    later.save()
    qtbot.waitUntil(lambda: later.result() == 1, timeout=TIMEOUT)
    qtbot.waitUntil(
        lambda: view.introductions.cell(0, 3).endswith("Ze doen samen boodschappen"),
        timeout=TIMEOUT,
    )
    assert view.introductions.cell(0, 4) == "–"  # the follow-up is answered


def test_the_overview_charts_events_and_complex_signals_per_month(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    ids = _vault(new_vault)
    _window, ws = unlocked_window()
    ws.nav.setCurrentRow(NAV_OVERVIEW)
    view = ws.overview
    qtbot.waitUntil(lambda: view.complete, timeout=TIMEOUT)
    expected = _read(qtbot, ctx, ws, lambda s: neighbourhood.neighbourhood_per_month(s))
    shown = view.tables["neighbourhood_per_month"]
    assert shown == expected
    assert shown.total("events") == 1 and shown.total("signals") == 1
    card = view.cards["neighbourhood_per_month"]
    (series,) = card.chart.series()
    bars = {b.label(): sum(b.at(i) for i in range(b.count())) for b in series.barSets()}
    assert bars == {"Gebeurtenissen": 1, "Buurtsignalen": 1}

    view.set_filter(complex_id=ids["other"])  # a complex without events
    qtbot.waitUntil(lambda: view.complete, timeout=TIMEOUT)
    assert view.tables["neighbourhood_per_month"].total("events") == 0


def test_buurt_and_privacy_have_their_keys_in_the_beeld_menu(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    new_vault().close()
    window, ws = unlocked_window()
    keys = {a.text(): a.shortcut().toString() for a in window.nav_actions}
    assert keys["Buurt"] == "Ctrl+4"
    assert keys["Privacy"] == "Ctrl+0"  # the tenth screen
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert ws.nav.currentRow() == ws.sections.index(ws.privacy)
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert ws.current() is ws.neighbourhood


def test_without_complexes_buurt_says_where_they_come_from(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    new_vault().close()
    _window, ws = unlocked_window()
    view = _show(qtbot, ws)
    assert view.empty.isVisible() and "Adressen inlezen" in view.empty.text()
    # Without a complex only the case conference remains (it needs no complex): the
    # complex log, Verbinden, actions and households are hidden.
    assert view.tabs.currentWidget() is view.meetings
    assert not view.tabs.isTabVisible(view.tabs.indexOf(view.events))
    assert not view.actions_card.isVisible() and not view.households_card.isVisible()
    assert not view.add_button.isEnabled() and view.event_dialog() is None

"""No GUI stall over 100 ms (#16), kept by what the screens do rather than by timing.

The visit editor builds its signalenlijst one domain per event-loop turn, once per
workspace: a visit waits for the last domain, a draft's signs come back whichever domain
they are in, the keyboard goes through the signs in the checklist's order, and the next
visit starts from cleared rows. An unlock builds the workspace on one turn of the event
loop, builds the screen to return to in it on a later one, and shows it on a turn after
that (so Vandaag is not shown on the way). A turn is counted by a timer that fires in
between: a step "split" with a zero timer is a queued call in Qt 6 and can run in the
same turn (ui/turns.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.helpers import add_household
from tests.ui.conftest import NewVault, UnlockedWindow
from waakvlam_desktop.domain import drafts
from waakvlam_desktop.domain.signals import active_checklist
from waakvlam_desktop.ui.main_window import (
    NAV_HOUSEHOLDS,
    NAV_PARTNERS,
    NAV_SETTINGS,
    NAV_TODAY,
    MainWindow,
    Place,
    Workspace,
)

TIMEOUT = 20_000


def _open_editor(qtbot: QtBot, ws: Workspace, hid: str) -> None:
    ws.open_household(hid)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    ws.open_editor(hid, None)
    qtbot.waitUntil(lambda: ws.editor.data is not None, timeout=TIMEOUT)


def _focus_order(first: QWidget, wanted: list[QWidget]) -> list[QWidget]:
    """``wanted`` in the order Tab reaches them, starting at ``first``."""
    seen: list[QWidget] = []
    widget = first
    for _ in range(5000):
        if widget in wanted and widget not in seen:
            seen.append(widget)
        widget = widget.nextInFocusChain()
        if widget is first:
            break
    return seen


def test_checklist_is_built_a_domain_per_turn_in_keyboard_order(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    vault = new_vault()
    hid = add_household(vault)
    vault.close()
    _window, ws = unlocked_window()
    checklist = ws.ctx.profile.checklist if ws.ctx.profile else ()
    domains = list(dict.fromkeys(item.domain for item in checklist))
    assert len(domains) > 2
    ws.open_household(hid)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    ws.open_editor(hid, None)
    editor = ws.editor
    # open() returns before the signs are built: the first paint is not held up by them
    assert not editor.checklist_ready
    assert len(editor.rows) < len(checklist)
    qtbot.waitUntil(lambda: editor.data is not None, timeout=TIMEOUT)
    assert editor.checklist_ready
    assert list(editor.rows) == [item.code for item in checklist]
    checks = [row.check for row in editor.rows.values()]
    order = _focus_order(editor.notes, [editor.notes, editor.save_button, *checks])
    # the notes, then the buttons below, then the signs top to bottom (as before #16)
    assert order == [editor.notes, editor.save_button, *checks]
    # the guidance text is selectable once it is shown
    row = next(r for r in editor.rows.values() if r.item.guidance_nl and not r.item.acute)
    row.info.setChecked(True)
    flags = row.guidance_text.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    editor.discard()


def test_a_drafts_signs_come_back_and_the_next_visit_starts_clear(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    vault = new_vault()
    hid = add_household(vault)
    other = add_household(vault, "fam. de Vries", number=14)
    with vault.session() as s:
        checklist = active_checklist(s)
        first, last = checklist[0].code, checklist[-1].code  # the first and the last domain
        payload = {
            "notes": "Concept met signalen",
            "signals": {
                first: {"severity": 3, "remark": ""},
                last: {"severity": 2, "remark": "x"},
            },
        }
        drafts.save_draft(s, drafts.VISIT, hid, payload, None)
    vault.close()
    _window, ws = unlocked_window()
    assert checklist[0].domain != checklist[-1].domain
    _open_editor(qtbot, ws, hid)
    editor = ws.editor
    rows = dict(editor.rows)
    assert editor.notes.toPlainText() == "Concept met signalen"
    assert {v.code: v.severity for v in (r.value for r in rows.values()) if v} == {
        first: 3,
        last: 2,
    }
    assert editor.rows[last].remark.text() == "x"
    editor.close_editor()
    qtbot.waitUntil(lambda: not ws.ctx.background.busy, timeout=TIMEOUT)
    _open_editor(qtbot, ws, other)
    assert editor.rows == rows  # the same rows, not built again
    assert all(row.value is None for row in editor.rows.values())
    assert editor.notes.toPlainText() == ""
    editor.discard()


def test_the_screen_to_return_to_is_not_built_over_another_nor_after_a_lock(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    vault = new_vault()
    hid = add_household(vault)
    vault.close()
    window, ws = unlocked_window()
    ws.open_household(hid)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    # A screen chosen meanwhile (a shortcut reaches the workspace before it shows) stays.
    ws.returning_to = Place(NAV_PARTNERS)
    MainWindow._return_to(ws, Place(NAV_PARTNERS))
    assert ws.current() is ws.household and ws.returning_to is None
    ws.go_to(NAV_TODAY)
    MainWindow._return_to(ws, Place(NAV_PARTNERS))
    assert ws.current() is ws._sections.get(NAV_PARTNERS)
    ws.go_to(NAV_TODAY)
    window.ctx.lock()
    qtbot.waitUntil(lambda: not window.ctx.background.busy, timeout=TIMEOUT)
    MainWindow._return_to(ws, Place(NAV_SETTINGS))
    assert NAV_SETTINGS not in ws._sections  # not built (it would read the locked profile)


def _locked_with_a_household(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> tuple[MainWindow, str]:
    """A vault with one household, unlocked in a window and locked again (the vault
    closed): the window and the household's id."""
    vault = new_vault()
    hid = add_household(vault)
    vault.close()
    window, _ws = unlocked_window()
    window.lock()
    qtbot.waitUntil(lambda: not window.ctx.background.busy, timeout=TIMEOUT)
    return window, hid


class _Turns:
    """A timer of 1 ms that writes down, each time it fires (once per turn of the event
    loop at most), what ``state`` says then."""

    def __init__(self, state: Callable[[], tuple[bool, ...]]) -> None:
        self.seen: list[tuple[bool, ...]] = []
        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(lambda: self.seen.append(state()))
        self.timer.start()


def test_unlock_builds_returns_and_shows_on_turns_of_their_own(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    window, hid = _locked_with_a_household(qtbot, new_vault, unlocked_window)
    window.resume_at = Place(NAV_HOUSEHOLDS, hid)

    def state() -> tuple[bool, ...]:
        built = window.workspace
        back = built is not None and built.current() is built._household
        shown = built is not None and window.pages.currentWidget() is built
        return (built is not None, back, shown)

    turns = _Turns(state)
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.submit()
    qtbot.waitUntil(lambda: state() == (True, True, True), timeout=TIMEOUT)
    turns.timer.stop()
    assert (False, False, False) in turns.seen  # the unlock page, while the key is derived
    assert (True, False, False) in turns.seen  # built, on Vandaag, hidden: a turn between
    assert (True, True, False) in turns.seen  # back on the household page, hidden: a turn
    assert (True, False, True) not in turns.seen  # never shown on Vandaag on the way
    ws = window.workspace
    assert ws is not None
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    assert ws.household.household_id == hid


def test_a_lock_before_the_workspace_is_shown_leaves_none_behind(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    """A lock between building a workspace and showing it (the idle lock, Ctrl+L); also
    the one a language change was replacing, still shown until then."""
    new_vault().close()
    window, ws = unlocked_window()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is ws, timeout=TIMEOUT)
    window._language_changed("en")
    new = window.workspace
    assert new is not None and new is not ws
    assert window.pages.currentWidget() is ws  # the old one until the new one's turn
    window.lock()
    assert window.pages.currentWidget() is window.unlock_page
    qtbot.wait(50)  # the new one's turn has come and gone; the deletions are done

    def workspaces() -> list[Workspace]:
        return window.pages.findChildren(Workspace)

    qtbot.waitUntil(lambda: not workspaces(), timeout=TIMEOUT)
    assert window.pages.currentWidget() is window.unlock_page
    assert window.workspace is None and not window.ctx.is_unlocked


def test_two_workspaces_built_before_either_is_shown_leave_one(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    """Two language changes in one turn: the second workspace's turn skips the first's, and
    the one shown before goes too (none left holding Vandaag's data until the next lock)."""
    new_vault().close()
    window, ws = unlocked_window()
    window._language_changed("en")
    window._language_changed("nl")
    final = window.workspace
    assert final is not None and final is not ws
    qtbot.waitUntil(lambda: window.pages.currentWidget() is final, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.pages.findChildren(Workspace) == [final], timeout=TIMEOUT)


def test_a_lock_before_the_workspace_got_there_keeps_the_place_to_return_to(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    """Ctrl+L or the idle lock straight after an unlock, before the screen the user was on
    is back: the next unlock still returns there, not to Vandaag."""
    window, hid = _locked_with_a_household(qtbot, new_vault, unlocked_window)
    place = Place(NAV_HOUSEHOLDS, hid)
    window.resume_at = place
    locked: list[Place | None] = []

    def lock_at_once() -> None:  # in the unlock's own turn, after the workspace is built
        assert window.workspace is not None
        window.lock()
        locked.append(window.resume_at)

    window.unlock_page.unlocked.connect(lock_at_once)
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.submit()
    qtbot.waitUntil(lambda: bool(locked), timeout=TIMEOUT)
    window.unlock_page.unlocked.disconnect(lock_at_once)
    assert locked == [place]
    qtbot.waitUntil(lambda: not window.ctx.background.busy, timeout=TIMEOUT)
    # And once the workspace did get there, the lock keeps where the user is.
    ws = UnlockedWindow(qtbot, window.ctx).unlock(window)
    qtbot.waitUntil(lambda: ws.current() is ws._household, timeout=TIMEOUT)
    assert ws.returning_to is None
    ws.nav.setCurrentRow(NAV_PARTNERS)
    window.lock()
    assert window.resume_at == Place(NAV_PARTNERS)


def test_a_lock_while_the_visit_to_return_to_is_loading_keeps_it(
    qtbot: QtBot,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Locked mid-visit, unlocked, and locked again once the visit editor is back on top
    but before its draft has come back (the checklist is built a domain per turn first):
    the next unlock still returns to the visit."""
    window, hid = _locked_with_a_household(qtbot, new_vault, unlocked_window)
    place = Place(NAV_HOUSEHOLDS, hid, editor=True)
    window.resume_at = place
    locked: list[Place | None] = []
    return_to = MainWindow._return_to

    def return_then_lock(ws: Workspace, where: Place) -> None:
        return_to(ws, where)
        assert ws.current() is ws._editor and ws.editor.data is None
        window.lock()
        locked.append(window.resume_at)

    monkeypatch.setattr(MainWindow, "_return_to", staticmethod(return_then_lock))
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.submit()
    qtbot.waitUntil(lambda: bool(locked), timeout=TIMEOUT)
    assert locked == [place]
    monkeypatch.undo()
    qtbot.waitUntil(lambda: not window.ctx.background.busy, timeout=TIMEOUT)
    ws = UnlockedWindow(qtbot, window.ctx).unlock(window)
    qtbot.waitUntil(lambda: ws.editor.data is not None, timeout=TIMEOUT)
    assert ws.current() is ws._editor and ws.editor.data.household_id == hid
    ws.editor.discard()

"""Passphrase strength at first run, and "Onthouden op deze computer" switched off from the
unlock page and from Instellingen (issue #12 E)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import keyring
import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, MemoryKeyring
from tests.ui.conftest import NewVault, UnlockedWindow
from waakvlam_desktop.storage import remember
from waakvlam_desktop.storage.keys import unwrap_key
from waakvlam_desktop.storage.vault import Vault, VaultPaths
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import NAV_SETTINGS, MainWindow

TIMEOUT = 20_000


def test_first_run_meter_and_refusals(qtbot: QtBot, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.first_run
    page.organisation.setText("Woonstichting Voorbeeld")
    page.staff_name.setText("Anouk de Vries")
    for weak in ("wachtwoord123", "Welkom2026!!", "123456789012", "qwertyuiop12"):
        page.passphrase.setText(weak)
        assert page.meter.value() <= 1, weak
        assert page.advice.text() and "Sterk genoeg" not in page.advice.text()
        page.repeat.setText(weak)
        page.submit()
        assert window.workspace is None
        assert page.message.text() == page.advice.text()
    # The organisation's name is a word an attacker tries: refused live.
    page.passphrase.setText("Woonstichting Voorbeeld 2026")
    assert page.meter.value() <= 1
    assert "organisatie" in page.advice.text()
    page.passphrase.setText("paars olifant fietst snel")
    assert page.meter.value() == 3
    assert page.advice.text() == "Sterk genoeg. Onthoud het goed."


def _remember(ctx: AppContext) -> str:
    header = Vault.read_header(VaultPaths(ctx.data_dir))
    assert remember.remember(header.vault_id, unwrap_key(header, PASSPHRASE))
    return header.vault_id


def test_unlock_page_can_switch_remembering_off(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    memory_keyring: MemoryKeyring,
) -> None:
    new_vault().close()
    vault_id = _remember(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()  # the keyring is asked after the first paint
    # The remembered key opens the vault silently at start; the person then locks, and on
    # the unlock page switches remembering off (waiting first: the silent unlock would
    # otherwise race the passphrase and the test would look before the key is forgotten).
    qtbot.waitUntil(lambda: ctx.profile is not None, timeout=TIMEOUT)
    window.lock()
    page = window.unlock_page
    page.reset()  # asks the keyring on the worker: the check box shows with the answer
    qtbot.waitUntil(lambda: page.keyring_known, timeout=TIMEOUT)
    assert page.remember.isVisibleTo(page) and page.remember.isChecked()
    page.remember.setChecked(False)
    page.passphrase.setText(PASSPHRASE)
    page.submit()
    qtbot.waitUntil(lambda: ctx.profile is not None, timeout=TIMEOUT)
    assert remember.recall(vault_id) is None
    assert not memory_keyring.store


def test_settings_forget_the_key(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    memory_keyring: MemoryKeyring,
) -> None:
    new_vault().close()
    vault_id = _remember(ctx)
    _window, ws = unlocked_window()
    ws.nav.setCurrentRow(NAV_SETTINGS)
    ws.settings.refresh()
    assert ws.settings.forget_button.isVisibleTo(ws.settings)
    ws.settings.forget_button.click()
    assert remember.recall(vault_id) is None
    assert not ws.settings.forget_button.isVisibleTo(ws.settings)
    assert "Uit" in ws.settings.remembered_label.text()


class SlowKeyring(MemoryKeyring):
    """An OS keyring that answers only when the test says so (a slow D-Bus, or the first
    import of the keyring's backends): ``answer`` lets every question through, ``one``
    one question at a time."""

    def __init__(self) -> None:
        super().__init__()
        self.answer = threading.Event()
        self.one = threading.Semaphore(0)
        self.asked = 0
        self.answered = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.asked += 1
        deadline = time.monotonic() + 30  # a failing test must not leave a thread hanging
        while not self.answer.is_set() and not self.one.acquire(timeout=0.01):
            if time.monotonic() > deadline:
                break
        found = super().get_password(service, username)
        self.answered += 1
        return found


@pytest.fixture
def slow_keyring(memory_keyring: MemoryKeyring) -> Iterator[SlowKeyring]:
    backend = SlowKeyring()
    backend.store = memory_keyring.store
    keyring.set_keyring(backend)
    yield backend
    backend.answer.set()  # whatever the test left waiting


def test_a_passphrase_typed_at_once_opens_before_the_keyring_is_asked(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    slow_keyring: SlowKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A passphrase submitted before the window's first paint opens the vault without the
    keyring being asked meanwhile (#16: importing the keyring slowed the key derivation
    and the vault code's import, on both cores). The page asks when it is shown again,
    and the answer, a remembered key, opens nothing then."""
    new_vault().close()
    _remember(ctx)
    opened: list[str | None] = []
    unlock = ctx.unlock

    def counted(passphrase: str | None, *args: object, **kwargs: object) -> object:
        opened.append(passphrase)
        return unlock(passphrase, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ctx, "unlock", counted)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.unlock_page
    page.passphrase.setText(PASSPHRASE)
    page.submit()  # before any event: before the first paint
    qtbot.waitUntil(lambda: ctx.profile is not None, timeout=TIMEOUT)
    assert window._painted  # the paint came while the vault opened
    assert slow_keyring.asked == 0 and not page.keyring_known
    slow_keyring.answer.set()
    window._after_first_paint()  # as the window's "at the latest" timer calls it
    ctx.background.wait_idle(30)
    assert slow_keyring.asked == 0  # the question was dropped as the vault opened
    window.lock()
    qtbot.waitUntil(lambda: page.keyring_known, timeout=TIMEOUT)
    assert page.remember.isChecked()
    ctx.background.wait_idle(30)
    assert opened == [PASSPHRASE] and ctx.profile is None


def test_a_wrong_passphrase_typed_at_once_then_asks_the_keyring(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, memory_keyring: MemoryKeyring
) -> None:
    """The page is needed again after a failed attempt: the keyring is asked then, so that
    "Onthouden op deze computer" shows for the next attempt."""
    new_vault().close()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.unlock_page
    page.passphrase.setText("niet de goede wachtzin")
    page.submit()
    assert page.question_waits
    qtbot.waitUntil(lambda: page.button.isEnabled(), timeout=TIMEOUT)  # refused
    qtbot.waitUntil(lambda: window._painted, timeout=TIMEOUT)
    qtbot.wait(50)  # the turn after the first paint; the window's 2-s fallback is far off
    assert not page.question_waits  # asked when the attempt failed (or at that turn)
    qtbot.waitUntil(lambda: page.keyring_known, timeout=TIMEOUT)
    assert page.remember.isVisibleTo(page)


def test_a_remembered_key_opens_when_the_keyring_answers(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, slow_keyring: SlowKeyring
) -> None:
    new_vault().close()
    _remember(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()  # the keyring is asked after the first paint
    qtbot.wait(200)
    assert ctx.profile is None  # nothing typed; the keyring has not answered
    slow_keyring.answer.set()
    qtbot.waitUntil(lambda: ctx.profile is not None, timeout=TIMEOUT)


def test_an_answer_to_an_earlier_question_is_ignored(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, slow_keyring: SlowKeyring
) -> None:
    """The page asked the keyring, then was reset (the app locked again) and asked again.
    The first answer, which says the key is remembered, arrives late, after the key was
    forgotten: it must not tick "Onthouden" (submitting would store the key again)."""
    new_vault().close()
    vault_id = _remember(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()  # the first question, after the window's first paint
    page = window.unlock_page
    qtbot.waitUntil(lambda: not page.question_waits, timeout=TIMEOUT)
    page.reset()  # the second question, queued behind the first
    slow_keyring.one.release()  # the first answer: remembered
    qtbot.waitUntil(lambda: slow_keyring.answered == 1, timeout=TIMEOUT)
    qtbot.wait(200)
    assert not page.keyring_known and not page.remember.isChecked()
    remember.forget(vault_id)
    slow_keyring.one.release()
    qtbot.waitUntil(lambda: page.keyring_known, timeout=TIMEOUT)
    assert page.remember.isVisibleTo(page) and not page.remember.isChecked()
    assert ctx.profile is None  # and nothing opened the vault


def test_the_passphrase_waits_while_the_remembered_key_opens(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    memory_keyring: MemoryKeyring,
    held_back: threading.Event,
) -> None:
    """A passphrase submitted while the remembered key opens the vault would queue a second
    unlock that closes the vault the first one opened: the page takes none meanwhile."""
    new_vault().close()
    _remember(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()  # the keyring is asked after the first paint
    page = window.unlock_page
    qtbot.waitUntil(lambda: page.keyring_known, timeout=TIMEOUT)
    qtbot.wait(100)  # the silent unlock waits for the vault code (held back)
    assert ctx.profile is None
    assert not page.passphrase.isEnabled() and not page.button.isEnabled()
    held_back.set()
    qtbot.waitUntil(lambda: ctx.profile is not None, timeout=TIMEOUT)

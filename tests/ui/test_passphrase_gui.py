"""Passphrase strength at first run, and "Onthouden op deze computer" switched off from the
unlock page and from Instellingen (issue #12 E)."""

from __future__ import annotations

import threading

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
    import of the keyring's backends)."""

    def __init__(self) -> None:
        super().__init__()
        self.answer = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.answer.wait(30)
        return super().get_password(service, username)


@pytest.fixture
def slow_keyring(memory_keyring: MemoryKeyring) -> SlowKeyring:
    backend = SlowKeyring()
    backend.store = memory_keyring.store
    keyring.set_keyring(backend)
    return backend


def test_a_typed_passphrase_does_not_wait_for_the_keyring(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    slow_keyring: SlowKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The keyring is asked beside the vault work (#16): the passphrase opens the vault
    while it has not answered; its answer, a remembered key, then opens nothing again."""
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
    page = window.unlock_page
    page.passphrase.setText(PASSPHRASE)
    page.submit()
    qtbot.waitUntil(lambda: ctx.profile is not None, timeout=TIMEOUT)
    assert not page.keyring_known  # the keyring has still not answered
    slow_keyring.answer.set()
    qtbot.waitUntil(lambda: page.keyring_known, timeout=TIMEOUT)
    ctx.background.wait_idle(30)
    assert opened == [PASSPHRASE]


def test_a_remembered_key_opens_when_the_keyring_answers(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, slow_keyring: SlowKeyring
) -> None:
    new_vault().close()
    _remember(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    qtbot.wait(200)
    assert ctx.profile is None  # nothing typed; the keyring has not answered
    slow_keyring.answer.set()
    qtbot.waitUntil(lambda: ctx.profile is not None, timeout=TIMEOUT)

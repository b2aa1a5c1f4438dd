"""GUI fixtures: a real AppContext on a real vault folder, offscreen; a vault to open and
the main window unlocked on it as a user would."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from tests.conftest import PASSPHRASE
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.ui import preload
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import MainWindow, Workspace
from waakvlam_desktop.ui.widgets.common import Lang
from waakvlam_desktop.ui.worker import Background

TIMEOUT = 30_000


class FakeMonotonic:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread(qapp: object) -> Iterator[None]:
    """As in the app (ui/collector.py): no cyclic collection on a worker thread during a
    GUI test; the test's cycles are collected here, on the GUI thread, after it."""
    gc.disable()
    yield
    # The background imports (ui/preload.py) end first: with automatic collection on
    # again, they could collect a cycle holding a Qt object on their thread.
    preload.join(60)
    gc.collect()
    gc.enable()


@pytest.fixture(autouse=True)
def dutch(qapp: object) -> Iterator[None]:
    """Every GUI test starts in Dutch, whatever the previous test switched to."""
    from PySide6.QtCore import QCoreApplication

    from waakvlam_desktop.ui import i18n

    app = QCoreApplication.instance()
    assert app is not None
    i18n.install(app, "nl")
    Lang.current = "nl"
    yield
    i18n.install(app, "nl")
    Lang.current = "nl"


@pytest.fixture
def monotonic() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def ctx(qapp: object, tmp_path: Path, clock: FixedClock) -> Iterator[AppContext]:
    os.environ["WAAKVLAM_KDF_TARGET_SECONDS"] = "0"
    background = Background()
    context = AppContext(tmp_path / "vault", clock, background)
    yield context
    context.lock()
    background.wait_idle(30)


class NewVault:
    """Creates and initialises a vault (the test passphrase, the context's clock) with its
    first staff member acting; the test adds its data and closes it before the window opens."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def __call__(
        self,
        organisation: str = "Woonstichting Voorbeeld",
        staff_name: str = "A",
        data_dir: Path | None = None,
    ) -> Vault:
        vault = Vault.create(
            data_dir or self.ctx.data_dir, PASSPHRASE, kdf_target_seconds=0, clock=self.ctx.clock
        )
        with vault.session() as s:
            vault.actor = initialise(
                s,
                organisation=organisation,
                staff_name=staff_name,
                address_line="Postbus 1234",
                postcode="3500 AB",
                city="Utrecht",
            ).id
        return vault


@pytest.fixture
def new_vault(ctx: AppContext) -> NewVault:
    return NewVault(ctx)


class UnlockedWindow:
    """Opens the main window on the context's existing vault and unlocks it as a user would:
    the passphrase typed on the unlock page, then wait for the workspace."""

    def __init__(self, qtbot: QtBot, ctx: AppContext) -> None:
        self.qtbot = qtbot
        self.ctx = ctx

    def __call__(self) -> tuple[MainWindow, Workspace]:
        window = MainWindow(self.ctx)
        self.qtbot.addWidget(window)
        window.show()
        return window, self.unlock(window)

    def unlock(self, window: MainWindow) -> Workspace:
        """Unlock a window showing its unlock page; returns the new workspace."""
        window.unlock_page.passphrase.setText(PASSPHRASE)
        window.unlock_page.submit()
        self.qtbot.waitUntil(lambda: window.workspace is not None, timeout=TIMEOUT)
        ws = window.workspace
        assert ws is not None
        # Built at once, shown on a later turn of the event loop (_install_workspace).
        self.qtbot.waitUntil(lambda: window.pages.currentWidget() is ws, timeout=TIMEOUT)
        return ws


@pytest.fixture
def unlocked_window(qtbot: QtBot, ctx: AppContext) -> UnlockedWindow:
    return UnlockedWindow(qtbot, ctx)


@pytest.fixture
def held_back(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The vault code "still loading" (ui/preload.py): started, not done, until the test
    sets the event."""
    gate = threading.Event()
    monkeypatch.setattr(preload, "_vault_started", True)
    monkeypatch.setattr(preload, "_vault_done", gate)
    return gate

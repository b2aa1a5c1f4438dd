"""GUI fixtures: a real AppContext on a real vault folder, offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.widgets.common import Lang
from waakvlam_desktop.ui.worker import Background


class FakeMonotonic:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


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

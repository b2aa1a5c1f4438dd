"""Unlocking a vault of an older version says that it is being updated (0019 rewrites
every id: about 20 s at 10,000 households), and unlocking an up-to-date one does not."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from tests.ui.conftest import TIMEOUT
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import MainWindow

OLD = Path(__file__).resolve().parents[1] / "data" / "vaults" / "0018"


def test_an_old_vault_is_updated_with_a_notice(
    qtbot: QtBot, ctx: AppContext, monkeypatch: MonkeyPatch
) -> None:
    shutil.copytree(OLD, ctx.data_dir)
    passphrase = json.loads((OLD / "manifest.json").read_text("utf-8"))["passphrase"]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.unlock_page
    notices: list[str] = []
    shown = page.message.notice

    def notice(text: str) -> None:
        notices.append(text)
        shown(text)

    monkeypatch.setattr(page.message, "notice", notice)
    qtbot.waitUntil(lambda: page.passphrase.isEnabled(), timeout=TIMEOUT)
    page.passphrase.setText(passphrase)
    page.submit()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=TIMEOUT)
    assert any("wordt bijgewerkt" in n for n in notices), notices

    # Up to date now (the upgrade was kept): the next unlock only opens.
    qtbot.waitUntil(lambda: not ctx.background.busy, timeout=TIMEOUT)
    window.lock()
    notices.clear()
    page.passphrase.setText(passphrase)
    page.submit()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=TIMEOUT)
    assert notices and not any("bijgewerkt" in n for n in notices), notices

"""Start-up loads only what the first screen needs (#16): every other screen is built, and
its heavy libraries imported, the first time it is shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.ui import child_app
from tests.ui.conftest import TIMEOUT, NewVault, UnlockedWindow
from waakvlam_desktop import __version__
from waakvlam_desktop.ui import i18n, preload
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import (
    NAV_HOUSEHOLDS,
    NAV_OVERVIEW,
    NAV_TODAY,
    NAVIGATION,
)

# What a start must not load: the libraries and code behind the other screens.
HEAVY = (
    "reportlab",
    "alembic",
    "PySide6.QtCharts",
    "PySide6.QtPdf",
    "waakvlam_desktop.bundles",
    "waakvlam_desktop.documents",
    "zxcvbn",  # passphrase strength: first run and a passphrase change only
    "waakvlam_desktop.domain.meetings",  # Vandaag needs its agreements only (agreements.py)
    "waakvlam_desktop.domain.letters",
)
# The screens a start must not import (Vandaag is the first one shown).
OTHER_SCREENS = (
    "households",
    "household",
    "overview",
    "neighbourhood",
    "referrals",
    "exports",
    "search",
    "partners",
    "settings",
    "address_import",
)


def _heavy(modules: list[str]) -> list[str]:
    screens = tuple(f"waakvlam_desktop.ui.screens.{name}." for name in OTHER_SCREENS)
    found = {m for m in modules if m.startswith(screens)}
    found |= {m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)}
    found |= {m for m in modules if m == "waakvlam_desktop.ui.screens.privacy.screen"}
    return sorted(found)


def test_importing_the_app_loads_no_other_screen_nor_heavy_library() -> None:
    modules = child_app.run(
        "import json, sys\nimport waakvlam_desktop.ui.app\nprint(json.dumps(sorted(sys.modules)))\n"
    )
    assert "waakvlam_desktop.ui.main_window" in modules  # the test looks at the real thing
    assert _heavy(modules) == []
    assert "sqlalchemy" not in modules and "waakvlam_desktop.storage.vault" not in modules
    assert "importlib.metadata" not in modules  # the About dialog's versions: 16 ms


def test_the_app_shows_its_window_without_the_package_metadata(
    ctx: AppContext, new_vault: NewVault
) -> None:
    """As ``waakvlam-desktop`` starts (its arguments, then ui/app.py ``start``, which the
    start benchmark goes through too) up to the window shown: ``importlib.metadata``
    (13-50 ms) is read only for ``--version`` and the About dialog."""
    new_vault().close()
    code = f"""
import json, sys
from waakvlam_desktop.__main__ import parse_args
from waakvlam_desktop.ui.app import start
parse_args(["--data-dir", {str(ctx.data_dir)!r}])
started = start(data_dir={str(ctx.data_dir)!r}, lang=None, crash_dialog=False)
started.app.processEvents()
loaded = "importlib.metadata" in sys.modules
started.window.close()
print(json.dumps([loaded, started.app.applicationVersion()]))
"""
    loaded, version = child_app.run(code)
    assert not loaded
    assert version == __version__


def test_unlocking_to_vandaag_loads_no_other_screen_nor_heavy_library(
    ctx: AppContext, new_vault: NewVault
) -> None:
    """The whole start: window (in Dutch, as the app installs it), unlock, Vandaag with its
    data; then what was imported. Once Vandaag has its data the other screens' modules
    load in the background on purpose (``preload.preload_screens``), and the unlock's
    backup lines and recovery notices follow (``MainWindow._unlocked_later``), each on a
    later turn: held back here, so that what is listed is the start's own imports,
    whenever that turn comes."""
    new_vault().close()
    hold_back = """
screens_asked = []
preload.preload_screens = lambda: screens_asked.append(True)
MainWindow._unlocked_later = lambda self: None
"""
    dutch = "from waakvlam_desktop.ui import i18n\ni18n.install(app, 'nl')\n"
    code = (
        child_app.window_script(ctx.data_dir, before_app=hold_back, after_app=dutch)
        + child_app.unlock_to_vandaag(PASSPHRASE)
        + """
modules = sorted(sys.modules)
window.lock()
ctx.background.wait_idle(30)
print(json.dumps(modules))
"""
    )
    modules = child_app.run(code)
    assert "waakvlam_desktop.ui.screens.today.screen" in modules
    assert _heavy(modules) == []
    # Nor what Vandaag does not need (#16): the .ts catalog's XML (Qt's translator answers
    # the core's texts, and a sound key file renders no error), html (the About dialog, a
    # backup reminder's link), the SLIP-39 shares, the key serialisation of cryptography,
    # the About dialog, the backup and continuity code (after Vandaag).
    later = (
        "xml.etree.ElementTree",
        "html",
        "shamir_mnemonic",
        "cryptography.hazmat.primitives.serialization",
        "waakvlam_desktop.ui.widgets.about",
        "waakvlam_desktop.privacy.backup",
        "waakvlam_desktop.privacy.continuity",
    )
    assert [m for m in later if m in modules] == []


def test_the_unlock_screen_paints_without_the_vault_code(
    ctx: AppContext, new_vault: NewVault
) -> None:
    """The window with its unlock screen needs neither SQLAlchemy nor the models: they load
    in the background while the user types (ui/preload.py). Here the preload is held back:
    the window must paint, and ask the keyring, without them; then, released, the unlock
    waits for it and reaches Vandaag."""
    new_vault().close()
    hold_back = """
asked = []
real = preload.start_vault_code
preload.start_vault_code = lambda: asked.append(window._painted)  # painted by then?
"""
    code = (
        child_app.window_script(ctx.data_dir, before_app=hold_back)
        + """
for _ in range(20):
    app.processEvents()
    time.sleep(0.01)
ctx.background.wait_idle(30)  # the keyring has been asked
app.processEvents()
keyring_asked = window.unlock_page.keyring_known
shown = window.pages.currentWidget() is window.unlock_page and window.unlock_page.isVisible()
before = sorted(sys.modules)
preload.start_vault_code = real
"""
        + child_app.unlock_to_vandaag(PASSPHRASE)
        + """
after = sorted(sys.modules)
window.lock()
ctx.background.wait_idle(30)
print(json.dumps([shown, len(asked) if all(asked) else -1, keyring_asked, before, after]))
"""
    )
    shown, asked, keyring_asked, before, after = child_app.run(code)
    assert shown and asked >= 1  # the window asked for the vault code, after its first paint
    assert keyring_asked  # without the vault code
    assert "waakvlam_desktop.ui.main_window" in before
    assert [m for m in before if m == "sqlalchemy" or m.startswith("sqlalchemy.")] == []
    assert "waakvlam_desktop.storage.models" not in before
    assert "waakvlam_desktop.ui.screens.today.screen" not in before
    assert set(preload.VAULT_CODE) <= set(after)


def test_only_vandaag_is_built_until_another_screen_is_shown(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    new_vault().close()
    _window, ws = unlocked_window()
    assert ws.is_built(NAV_TODAY)
    assert not any(ws.is_built(row) for row in range(1, len(NAVIGATION)))
    assert ws.stack.count() == 1
    ws.nav.setCurrentRow(NAV_HOUSEHOLDS)
    assert ws.is_built(NAV_HOUSEHOLDS) and ws.current() is ws.households
    qtbot.waitUntil(lambda: ws.households.count.text() == "0 van 0", timeout=TIMEOUT)
    assert not ws.is_built(NAV_OVERVIEW)
    assert ws.stack.count() == 2


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_navigation_names_each_screen_as_the_screen_does(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow, language: str
) -> None:
    """The names come from a table (the screens are not built yet): they must stay the
    names the screens give themselves."""
    new_vault().close()
    _window, ws = unlocked_window()
    app = QCoreApplication.instance()
    assert app is not None
    i18n.install(app, language)
    labels = [entry.label() for entry in NAVIGATION]
    titles = [screen.nav_title() for screen in ws.sections]  # builds every screen
    assert labels == titles
    if language == "nl":
        assert labels[NAV_HOUSEHOLDS] == "Huishoudens"

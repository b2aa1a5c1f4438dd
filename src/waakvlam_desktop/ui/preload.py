"""Imports in the background, so that no screen waits for its code (#16).

Two moments:

- **When the window first paints** (its unlock screen; 2 s at the latest, or as soon as
  a task needs it, such as a key remembered in the OS keyring): the vault code
  (SQLAlchemy, the models, the domain) and Vandaag's module, and the models' mappers are
  configured (what the first query would do); meanwhile the collector collects
  nothing (``ui/collector.py``). The unlock screen needs none
  of it, and the user is typing a passphrase meanwhile. Every task that opens, creates
  or restores the vault waits for this first (:func:`wait_vault_code`). Then, before any
  vault is open, the collector freezes what exists (``ui/collector.py``): modules,
  classes and the window, no vault data.
- **After Vandaag shows its data:** the other screens' modules (:func:`preload_screens`),
  so the first visit to a screen does not wait for its module.

Imports only: nothing of the vault is touched, and widgets are built on the GUI thread.
Other threads may import some of the same modules at the same time (the worker asks the
keyring and reads the key header meanwhile); Python's per-module import locks make that
safe when the modules imported on two threads at once have no import cycles.
``tests/unit/test_import_cycles.py`` checks the app's own modules; the libraries' are not
checked. A module that fails to import here is logged and imported again where it is
used, which says what fails.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable

from waakvlam_desktop.ui import collector

log = logging.getLogger(__name__)

# What unlocking and the first screen need, in the order they need it.
VAULT_CODE = (
    "waakvlam_desktop.storage.vault",
    "waakvlam_desktop.domain.settings",
    "waakvlam_desktop.domain.setup",
    "waakvlam_desktop.domain.signals",
    "waakvlam_desktop.ui.screens.today.screen",
)
# What comes after Vandaag: the unlock's backup lines and recovery notices, then the
# screens not built at start, most used first.
SCREENS = (
    "waakvlam_desktop.privacy.backup",
    "waakvlam_desktop.privacy.continuity",
    "waakvlam_desktop.ui.screens.households.screen",
    "waakvlam_desktop.ui.screens.household.screen",
    "waakvlam_desktop.ui.screens.household.visit_editor",
    "waakvlam_desktop.ui.screens.search.screen",
    "waakvlam_desktop.ui.screens.overview.screen",
    "waakvlam_desktop.ui.screens.referrals.screen",
    "waakvlam_desktop.ui.screens.neighbourhood.screen",
    "waakvlam_desktop.ui.screens.exports.screen",
    "waakvlam_desktop.ui.screens.partners.screen",
    "waakvlam_desktop.ui.screens.settings.screen",
    "waakvlam_desktop.ui.screens.privacy.screen",
)

_lock = threading.Lock()
_vault_started = False
_vault_done = threading.Event()
_screens_started = False
_threads: list[threading.Thread] = []


def _import_all(
    names: tuple[str, ...],
    done: threading.Event | None = None,
    then: Callable[[], None] | None = None,
    always: Callable[[], None] | None = None,
) -> None:
    try:
        for name in names:
            try:
                importlib.import_module(name)
            except Exception:  # imported again where it is used, which says what fails
                log.warning("preloading %s failed", name, exc_info=True)
        if then is not None:
            then()
    finally:
        if always is not None:
            always()
        if done is not None:
            done.set()


def _start(
    names: tuple[str, ...],
    thread_name: str,
    done: threading.Event | None,
    then: Callable[[], None] | None = None,
    always: Callable[[], None] | None = None,
) -> None:
    args = (names, done, then, always)
    thread = threading.Thread(target=_import_all, args=args, name=thread_name, daemon=True)
    try:
        thread.start()
    except BaseException:  # no thread: this caller fails, later ones import where used
        if done is not None:
            done.set()
        raise
    _threads.append(thread)


def _vault_code_loaded() -> None:
    """After the vault code's import: the models' mappers configured, then the freeze.

    SQLAlchemy configures the mappers (their relationships, loaders and instrumentation)
    at the first query; at unlock that was the worker, between the KDF and Vandaag's data
    (~80 ms on the development machine). Here it runs while the user types, or beside the
    KDF, and what it builds is frozen with the modules. A failure is logged here, and
    every query raises it again (SQLAlchemy keeps a mapper's failure), which says what
    fails."""
    try:
        from sqlalchemy.orm import configure_mappers  # noqa: PLC0415 - imported by the vault code

        configure_mappers()
    except Exception:
        log.warning("configuring the models failed", exc_info=True)
    collector.after_start_up()


def start_vault_code() -> None:
    """Import the vault code on a thread of its own, once per process."""
    global _vault_started
    with _lock:
        if _vault_started:
            return
        _vault_started = True
    # No collection until the vault code is in (_vault_code_loaded), or the import ends
    # any other way (always): a hold left in place would collect nothing all session.
    collector.hold_for_start_up()
    try:
        _start(
            VAULT_CODE,
            "waakvlam-preload-vault",
            _vault_done,
            then=_vault_code_loaded,
            always=collector.release_hold,
        )
    except BaseException:
        collector.release_hold()  # no import: collect as before
        raise


def wait_vault_code() -> None:
    """Before a task uses the vault code: started if it was not, and finished."""
    start_vault_code()
    _vault_done.wait()


def preload_screens() -> None:
    """Import the other screens' modules in the background, once per process."""
    global _screens_started
    with _lock:
        if _screens_started:
            return
        _screens_started = True
    _start(SCREENS, "waakvlam-preload", None)


def join(timeout: float) -> None:
    """Wait for the preload threads started so far (the GUI tests, before they let the
    collector run on any thread again)."""
    for thread in list(_threads):
        thread.join(timeout)

"""The background imports of ui/preload.py: every task that opens, creates or restores the
vault waits for the vault code; a failing import or thread does not hang anything."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, MemoryKeyring
from tests.helpers import CountedKdf
from tests.ui import child_app
from tests.ui.conftest import TIMEOUT, NewVault
from waakvlam_desktop.storage import remember
from waakvlam_desktop.ui import preload
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.context import NewVault as NewVaultParams
from waakvlam_desktop.ui.screens.privacy.restore import RestoreRequest, RestoreRunner


def _waits_then_runs(qtbot: QtBot, gate: threading.Event, finished: list[object]) -> None:
    qtbot.wait(300)
    assert finished == []  # the task waits for the vault code
    gate.set()
    qtbot.waitUntil(lambda: finished != [], timeout=TIMEOUT)


def test_unlocking_waits_for_the_vault_code(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, held_back: threading.Event
) -> None:
    new_vault().close()
    finished: list[object] = []
    ctx.unlock(PASSPHRASE, finished.append, finished.append)
    _waits_then_runs(qtbot, held_back, finished)
    assert ctx.is_unlocked
    ctx.lock()
    ctx.background.wait_idle(30)


def test_unlocking_derives_the_key_while_the_vault_code_loads(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    held_back: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
) -> None:
    """Argon2 runs before the wait, once: opening and remembering the key use that run."""
    vault = new_vault()
    vault_id = vault.vault_id
    vault.close()
    kdf = CountedKdf(monkeypatch)
    finished: list[object] = []
    ctx.unlock(PASSPHRASE, finished.append, finished.append, remember_key=True)
    qtbot.waitUntil(lambda: kdf.runs > 0, timeout=TIMEOUT)
    qtbot.wait(100)
    assert finished == []  # derived, and still waiting for the vault code
    held_back.set()
    qtbot.waitUntil(lambda: finished != [], timeout=TIMEOUT)
    assert ctx.is_unlocked and kdf.runs == 1
    assert remember.recall(vault_id) is not None
    ctx.lock()
    ctx.background.wait_idle(30)


def test_creating_a_vault_waits_for_the_vault_code(
    qtbot: QtBot, ctx: AppContext, held_back: threading.Event
) -> None:
    params = NewVaultParams(
        passphrase=PASSPHRASE,
        organisation="Woonstichting Voorbeeld",
        staff_name="A",
        staff_role="wijkbeheerder",
        language="nl",
        remember=False,
        kdf_target_seconds=0,
    )
    finished: list[object] = []
    ctx.create_vault(params, finished.append, finished.append)
    _waits_then_runs(qtbot, held_back, finished)
    assert ctx.is_unlocked
    ctx.lock()
    ctx.background.wait_idle(30)


def test_restoring_waits_for_the_vault_code(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, held_back: threading.Event
) -> None:
    runner = RestoreRunner(ctx)
    finished: list[object] = []
    runner.finished.connect(finished.append)
    runner.failed.connect(finished.append)
    request = RestoreRequest(tmp_path / "geen.wvbackup", tmp_path / "kluis", PASSPHRASE, False)
    runner.start(request)
    _waits_then_runs(qtbot, held_back, finished)  # then it says the file is not there


def test_a_module_that_fails_is_logged_and_the_rest_still_imported(
    caplog: pytest.LogCaptureFixture,
) -> None:
    sys.modules.pop("colorsys", None)
    done = threading.Event()
    after: list[bool] = []
    with caplog.at_level(logging.WARNING, logger=preload.__name__):
        preload._import_all(
            ("waakvlam_desktop.bestaat_niet", "colorsys"), done, lambda: after.append(True)
        )
    # Logged with its exception; in the suite the app's privacy filter (logs.py) may already
    # have replaced the module name and the traceback by a summary without personal data.
    (record,) = [r for r in caplog.records if r.name == preload.__name__]
    raw = record.exc_info is not None and isinstance(record.exc_info[1], ModuleNotFoundError)
    assert raw or "ModuleNotFoundError" in record.getMessage()
    assert "colorsys" in sys.modules and after == [True] and done.is_set()


def test_a_thread_that_cannot_start_does_not_leave_the_worker_waiting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(_thread: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    done = threading.Event()
    with pytest.raises(RuntimeError):
        preload._start(("colorsys",), "waakvlam-preload-test", done)
    assert done.is_set()  # wait_vault_code() returns; the caller imports where it uses it


def test_the_preload_configures_the_models_before_the_first_query() -> None:
    """SQLAlchemy configures the mappers at the first query: at unlock that was the worker,
    between the KDF and Vandaag's data. The preload does it (a fresh interpreter: in the
    suite some test has queried already)."""
    code = """
import json
from waakvlam_desktop.ui import preload
preload.wait_vault_code()
from waakvlam_desktop.storage.models import Base
mappers = list(Base.registry.mappers)
print(json.dumps([len(mappers), sorted(m.class_.__name__ for m in mappers if not m.configured)]))
"""
    count, not_configured = child_app.run(code)
    assert count > 20 and not_configured == []

"""ui/operations.py with real Qt (offscreen) and a real vault: where an operation runs, how
its result, failure, progress and cancellation arrive, and what a write announces."""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPdfWriter
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import PASSPHRASE
from tests.helpers import add_case
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain import households
from waakvlam_desktop.domain.overview import OverviewFilter, Table, households_per_level
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.errors import CancelledError, VaultError
from waakvlam_desktop.storage.models import AuditEvent, Household
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.texts import Message
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.main_window import (
    NAV_EXPORTS,
    NAV_HOUSEHOLDS,
    NAV_REFERRALS,
    NAV_SEARCH,
    NAV_TODAY,
    MainWindow,
    Workspace,
)
from waakvlam_desktop.ui.operations import QueryOp, TaskContext, WriteOp
from waakvlam_desktop.ui.screens.overview import screen as overview_screen
from waakvlam_desktop.ui.screens.referrals import screen as referrals_screen
from waakvlam_desktop.ui.widgets import common
from waakvlam_desktop.ui.widgets.common import InlineMessage
from waakvlam_desktop.ui.worker import SWITCH_INTERVAL_SECONDS, Background

TIMEOUT = 20_000
GUI = threading.get_ident()  # pytest-qt runs the tests on the Qt (GUI) thread


@pytest.fixture
def case(ctx: AppContext, clock: FixedClock, qtbot: QtBot) -> Iterator[dict[str, str]]:
    """An unlocked context on a vault with one household and its referral."""
    vault = Vault.create(ctx.data_dir, PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with vault.session() as s:
        vault.actor = initialise(  # a return address: letters are refused without one
            s,
            organisation="Woonstichting Voorbeeld",
            staff_name="A",
            address_line="Postbus 1234",
            postcode="3500 AB",
            city="Utrecht",
        ).id
    ids = add_case(vault, "Qzop", number=3)
    vault.close()
    opened: list[object] = []
    ctx.unlock(PASSPHRASE, opened.append, pytest.fail)
    qtbot.waitUntil(lambda: bool(opened), timeout=TIMEOUT)
    yield ids


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _households(s: Session) -> int:
    return int(s.scalar(select(func.count(Household.id))) or 0)


def _boxes(widget: QWidget) -> list[QMessageBox]:
    return widget.findChildren(QMessageBox)


# ---- where it runs, what comes back ------------------------------------------------------------


def test_a_background_makes_python_hand_the_gui_thread_the_interpreter_sooner(
    qapp: object,
) -> None:
    """#16: the GUI thread takes the interpreter lock again for every call into Python
    while a worker runs Python beside it; the switch interval bounds each wait (the stall
    figures are in docs/benchmarks.md, not in a timed test)."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)  # Python's default
    try:
        Background()
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_SECONDS)
    finally:
        sys.setswitchinterval(before)


def test_the_op_runs_on_the_worker_and_success_on_the_gui_thread(
    qtbot: QtBot, ctx: AppContext, case: dict[str, str], parent: QWidget
) -> None:
    ran: list[int] = []
    got: list[tuple[int, int]] = []

    def op(s: Session) -> int:
        ran.append(threading.get_ident())
        return _households(s)

    handle = QueryOp(ctx, parent, op, lambda n: got.append((threading.get_ident(), n))).run()
    qtbot.waitUntil(lambda: bool(got), timeout=TIMEOUT)
    assert ran[0] != GUI
    assert got == [(GUI, 1)]
    assert handle.finished


def test_a_failure_is_shown_in_the_screen_message_by_default(
    qtbot: QtBot, ctx: AppContext, case: dict[str, str], parent: QWidget
) -> None:
    message = InlineMessage(parent)
    called: list[object] = []

    def op(_s: Session) -> None:
        raise VaultError(Message("test.operations.1", "De kluis kon dit niet opslaan."))

    QueryOp(ctx, parent, op, called.append, message=message).run()
    qtbot.waitUntil(lambda: not message.isHidden(), timeout=TIMEOUT)
    assert message.text() == "De kluis kon dit niet opslaan."
    assert called == [] and _boxes(parent) == []


def test_without_a_message_a_failure_opens_a_warning_over_the_parent(
    qtbot: QtBot, ctx: AppContext, case: dict[str, str], parent: QWidget
) -> None:
    def op(_s: Session) -> None:
        raise VaultError(Message("test.operations.2", "De schijf is vol."))

    WriteOp(ctx, parent, op, changes=Changes()).run()  # no handler at all
    qtbot.waitUntil(lambda: bool(_boxes(parent)), timeout=TIMEOUT)
    (box,) = _boxes(parent)
    assert box.text() == "De schijf is vol."
    assert box.isVisible()  # opened, not exec'd: the test (and the app) is not blocked
    box.accept()


def test_an_unexpected_error_is_shown_in_general_words_with_a_crash_report(
    qtbot: QtBot,
    ctx: AppContext,
    case: dict[str, str],
    parent: QWidget,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reports: list[tuple[str, str]] = []
    monkeypatch.setattr(
        common, "write_crash_report", lambda exc, where: reports.append((type(exc).__name__, where))
    )
    message = InlineMessage(parent)

    def op(_s: Session) -> None:
        raise RuntimeError("persoonlijk: fam. Qzopnaam")

    QueryOp(ctx, parent, op, message=message).run()
    qtbot.waitUntil(lambda: not message.isHidden(), timeout=TIMEOUT)
    assert "RuntimeError" in message.text() and "Qzop" not in message.text()
    assert reports == [("RuntimeError", "gui")]


def test_failure_and_always_replace_and_follow_the_default(
    qtbot: QtBot, ctx: AppContext, case: dict[str, str], parent: QWidget
) -> None:
    message = InlineMessage(parent)
    events: list[str] = []

    def op(_s: Session) -> None:
        raise VaultError(Message("test.operations.3", "nee"))

    QueryOp(ctx, parent, op, message=message).failure(
        lambda exc: events.append(f"failure: {exc}")
    ).always(lambda: events.append("always")).run()
    qtbot.waitUntil(lambda: len(events) == 2, timeout=TIMEOUT)
    assert events == ["always", "failure: nee"]
    assert message.isHidden()  # the caller's handler replaced the default


def test_a_locked_vault_is_a_failure_not_a_crash(
    qtbot: QtBot, ctx: AppContext, parent: QWidget
) -> None:
    message = InlineMessage(parent)
    QueryOp(ctx, parent, _households, message=message).run()  # no vault open
    qtbot.waitUntil(lambda: not message.isHidden(), timeout=TIMEOUT)
    assert message.text() == "De kluis is vergrendeld."


def test_results_for_a_deleted_parent_are_dropped_but_a_write_is_announced(
    qtbot: QtBot, ctx: AppContext, case: dict[str, str]
) -> None:
    gone = QWidget()
    gate = threading.Event()
    announced: list[Changes] = []
    ctx.changed.connect(announced.append)
    called: list[object] = []

    def op(s: Session) -> str:
        gate.wait(10)
        return households.add_address(
            s, street="Nieuwstraat", number=1, postcode="3511 AA", city="Utrecht"
        ).id

    changes = Changes(households=True)
    handle = (
        WriteOp(ctx, gone, op, called.append, changes=changes)
        .always(lambda: called.append("always"))
        .run()
    )
    shiboken6.delete(gone)  # say, the workspace after a lock
    gate.set()
    qtbot.waitUntil(lambda: handle.finished, timeout=TIMEOUT)
    qtbot.wait(20)
    assert called == []  # nothing touched the deleted widget
    assert announced == [changes]  # but the vault changed, and the screens hear of it


# ---- progress and cancel -----------------------------------------------------------------------
def test_progress_arrives_in_order_on_the_gui_thread(
    qtbot: QtBot, ctx: AppContext, case: dict[str, str], parent: QWidget
) -> None:
    steps: list[tuple[int, int, int, str]] = []
    result: list[int] = []

    def op(vault: Vault, task: TaskContext) -> int:
        for i in range(1, 4):
            task.progress(i, 3, f"stap {i}")
        with vault.session() as s:
            return _households(s)

    QueryOp.on_vault(ctx, parent, op, result.append).with_progress(
        lambda d, t, label: steps.append((threading.get_ident(), d, t, label))
    ).run()
    qtbot.waitUntil(lambda: bool(result), timeout=TIMEOUT)
    assert steps == [(GUI, 1, 3, "stap 1"), (GUI, 2, 3, "stap 2"), (GUI, 3, 3, "stap 3")]
    assert result == [1]


def test_a_cancelled_op_that_is_still_queued_never_starts(
    qtbot: QtBot, ctx: AppContext, case: dict[str, str], parent: QWidget
) -> None:
    gate = threading.Event()
    ran: list[str] = []
    called: list[object] = []
    first = QueryOp.without_vault(ctx, parent, lambda _t: gate.wait(10), called.append).run()
    second = (
        QueryOp(ctx, parent, lambda s: ran.append("second") or 0, called.append)
        .failure(called.append)
        .always(lambda: called.append("always"))
        .run()
    )
    second.cancel()
    gate.set()
    qtbot.waitUntil(lambda: first.finished and second.finished, timeout=TIMEOUT)
    qtbot.wait(20)
    assert ran == []
    assert called == [True]  # only the first one's result


def test_a_running_op_sees_the_cancel(
    qtbot: QtBot, ctx: AppContext, case: dict[str, str], parent: QWidget
) -> None:
    started = threading.Event()
    message = InlineMessage(parent)

    def op(_vault: Vault, task: TaskContext) -> None:
        started.set()
        deadline = time.monotonic() + 10
        while not task.cancelled and time.monotonic() < deadline:
            time.sleep(0.005)
        if task.cancelled:
            raise CancelledError(Message("test.operations.4", "Gestopt; er is niets veranderd."))

    handle = QueryOp.on_vault(ctx, parent, op, message=message).run()
    assert started.wait(10)
    handle.cancel()
    qtbot.waitUntil(lambda: not message.isHidden(), timeout=TIMEOUT)
    assert message.text() == "Gestopt; er is niets veranderd."


# ---- the announcement --------------------------------------------------------------------------
def test_a_write_announces_its_changes_before_success_and_a_read_does_not(
    qtbot: QtBot, ctx: AppContext, case: dict[str, str], parent: QWidget
) -> None:
    events: list[object] = []
    ctx.changed.connect(lambda changes: events.append(changes))
    QueryOp(ctx, parent, _households, lambda n: events.append(("read", n))).run()
    changes = Changes(households=True, household_id=case["household"])
    WriteOp(
        ctx,
        parent,
        lambda s: households.update_household(s, case["household"], label="fam. Anders"),
        lambda _r: events.append("written"),
        changes=changes,
    ).run()

    def refused(_s: Session) -> None:
        raise VaultError(Message("test.operations.5", "nee"))

    WriteOp(ctx, parent, refused, changes=Changes(referrals=True)).failure(events.append).run()
    qtbot.waitUntil(lambda: len(events) == 4, timeout=TIMEOUT)
    assert events[:3] == [("read", 1), changes, "written"]
    assert isinstance(events[3], VaultError)  # a failed write announces nothing


def _window(qtbot: QtBot, ctx: AppContext) -> tuple[MainWindow, Workspace]:
    ctx.lock()  # the window unlocks itself
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.submit()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=TIMEOUT)
    assert window.workspace is not None
    return window, window.workspace


def test_the_announcement_refreshes_the_screen_on_top_and_marks_hidden_ones(
    qtbot: QtBot, ctx: AppContext, case: dict[str, str]
) -> None:
    _w, ws = _window(qtbot, ctx)
    ws.nav.setCurrentRow(NAV_HOUSEHOLDS)
    qtbot.waitUntil(lambda: ws.households.model.rowCount() == 1, timeout=TIMEOUT)
    hid = case["household"]
    ws.open_household(hid)
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    ws.go_back()  # to the list: the household page is hidden now
    assert ws.stack.currentWidget() is ws.households
    qtbot.waitUntil(lambda: not ws.ctx.background.busy, timeout=TIMEOUT)
    # Screens are built when first shown (a screen not built yet loads then anyway): build
    # two hidden ones now, so the announcement has screens to mark or leave alone.
    assert not ws.overview.stale and not ws.partners.stale

    def add(s: Session) -> str:
        address = households.add_address(
            s, street="Nieuwstraat", number=9, postcode="3511 AA", city="Utrecht"
        )
        return households.add_household(s, address.id, "fam. Nieuw").id

    # No refresh() here: the write's announcement refreshes the list on top.
    WriteOp(ctx, ws, add, changes=Changes(households=True)).run()
    qtbot.waitUntil(lambda: ws.households.model.rowCount() == 2, timeout=TIMEOUT)
    # Hidden screens that show households are marked; the household page (not refreshed
    # on every show) reloads when it is shown again.
    assert ws.household.stale and ws.overview.stale and not ws.partners.stale
    ws.household.data = None
    ws.history.append(ws.household)
    ws.go_back()
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    assert not ws.household.stale

    # A change to another household leaves the page on top alone; Vandaag (its count is
    # in the navigation) reloads even while hidden, but renders only that number: its
    # lists when it is shown (#16: rendering them stalled the screen in use).
    counts: list[int] = []
    ws.today.count_changed.connect(counts.append)
    ws.today.overview = None
    ws.household.data = None
    WriteOp(
        ctx,
        ws,
        lambda s: households.update_household(s, hid, label="fam. Qzop"),
        changes=Changes(households=True, household_id="een-ander"),
    ).run()
    qtbot.waitUntil(lambda: counts != [], timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not ctx.background.busy, timeout=TIMEOUT)
    qtbot.wait(50)
    assert ws.stack.currentWidget() is ws.household and ws.household.data is None
    assert ws.today.overview is None  # not rendered behind the household page
    ws.nav.setCurrentRow(NAV_TODAY)
    qtbot.waitUntil(lambda: ws.today.overview is not None, timeout=TIMEOUT)


@pytest.mark.parametrize("route", ["menu", "search bar", "referral", "feedback", "exports"])
def test_every_route_to_a_screen_shows_it_over_a_household_page(
    qtbot: QtBot,
    ctx: AppContext,
    case: dict[str, str],
    route: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A household page opened from a screen leaves that screen selected in the
    navigation; a route to the same screen must still show it (``setCurrentRow`` of the
    selected row changes nothing: the search ran, the referral was selected, behind the
    household page)."""
    window, ws = _window(qtbot, ctx)
    row = {
        "menu": NAV_SEARCH,
        "search bar": NAV_SEARCH,
        "referral": NAV_REFERRALS,
        "feedback": NAV_REFERRALS,
        "exports": NAV_EXPORTS,
    }[route]
    ws.nav.setCurrentRow(row)
    ws.open_household(case["household"])
    qtbot.waitUntil(lambda: ws.household.data is not None, timeout=TIMEOUT)
    assert ws.nav.currentRow() == row and ws.current() is ws.household
    if route == "menu":
        window.go_to(row)
    elif route == "search bar":
        ws.search_box.setText("Qzop")
        ws.search_box.returnPressed.emit()
    elif route == "referral":
        ws.open_referral(case["referral"])
    elif route == "feedback":
        monkeypatch.setattr(ws.referrals, "choose_feedback_file", lambda: None)  # no file dialog
        ws.read_feedback()
    else:
        ws.today.open_exports.emit()
    assert ws.current() is ws.section(row)


# ---- no silent failures, no files written on the GUI thread -------------------------------------
def _preview(
    qtbot: QtBot, ctx: AppContext, case: dict[str, str], parent: QWidget
) -> referrals_screen.LetterPreview:
    preview = referrals_screen.LetterPreview(ctx, case["referral"], parent)
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.pdf is not None, timeout=TIMEOUT)
    return preview


def test_the_audit_entry_of_a_printed_letter_is_not_lost_silently(
    qtbot: QtBot,
    ctx: AppContext,
    case: dict[str, str],
    parent: QWidget,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 11: a WaakvlamError without a handler used to be dropped (a full disk)."""
    preview = _preview(qtbot, ctx, case, parent)

    def full_disk(_s: Session, _rid: str, _kind: str) -> None:
        raise VaultError(
            Message("test.operations.6", "De schijf is vol: het afdrukken is niet vastgelegd.")
        )

    monkeypatch.setattr(referrals_screen, "record_letter_printed", full_disk)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    assert preview.print_to(writer) >= 1
    del writer
    qtbot.waitUntil(lambda: not preview.message.isHidden(), timeout=TIMEOUT)
    assert preview.message.text() == "De schijf is vol: het afdrukken is niet vastgelegd."


def test_saving_a_letter_writes_on_the_worker_then_records_it(
    qtbot: QtBot,
    ctx: AppContext,
    case: dict[str, str],
    parent: QWidget,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    preview = _preview(qtbot, ctx, case, parent)
    threads: list[int] = []
    real = referrals_screen.write_atomic

    def spy(path: Path, data: bytes, **kw: object) -> Path:
        threads.append(threading.get_ident())
        return real(path, data, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(referrals_screen, "write_atomic", spy)
    out = tmp_path / "brief.pdf"
    preview.save_to(out)
    qtbot.waitUntil(lambda: "Opgeslagen als" in preview.message.text(), timeout=TIMEOUT)
    assert threads and threads[0] != GUI
    assert out.read_bytes() == preview.pdf
    saved: list[int] = []
    QueryOp(
        ctx,
        parent,
        lambda s: int(
            s.scalar(select(func.count(AuditEvent.seq)).where(AuditEvent.action == "letter_saved"))
            or 0
        ),
        saved.append,
    ).run()
    qtbot.waitUntil(lambda: bool(saved), timeout=TIMEOUT)
    assert saved == [1]

    # A place that cannot be written: said inline, nothing recorded.
    preview.message.clear_message()
    preview.save_to(tmp_path / "weg" / "brief.pdf")
    qtbot.waitUntil(lambda: not preview.message.isHidden(), timeout=TIMEOUT)
    assert preview.message.text() == "Het bestand kon niet worden geschreven. Kies een andere plek."


def test_chart_exports_write_on_the_worker(
    qtbot: QtBot,
    ctx: AppContext,
    case: dict[str, str],
    parent: QWidget,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tables: list[Table] = []
    QueryOp(ctx, parent, lambda s: households_per_level(s, OverviewFilter()), tables.append).run()
    qtbot.waitUntil(lambda: bool(tables), timeout=TIMEOUT)
    card = overview_screen.ChartCard(ctx, "households_per_level", "Niveaus", parent)
    card.show_table(tables[0], overview_screen.BUILDERS["households_per_level"])
    threads: list[int] = []
    real = overview_screen.write_atomic

    def spy(path: Path, data: bytes, **kw: object) -> Path:
        threads.append(threading.get_ident())
        return real(path, data, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(overview_screen, "write_atomic", spy)
    card.save_csv(tmp_path / "niveaus.csv")
    card.save_png(tmp_path / "niveaus.png")
    qtbot.waitUntil(lambda: len(threads) == 2, timeout=TIMEOUT)
    qtbot.waitUntil((tmp_path / "niveaus.png").exists, timeout=TIMEOUT)
    assert GUI not in threads
    assert (tmp_path / "niveaus.csv").read_bytes().startswith(b"\xef\xbb\xbf")


class _Held:
    """Records the thread that frees it (stands in for a session or a SQLCipher connection)."""

    freed_on: list[int] = []

    def __del__(self) -> None:
        _Held.freed_on.append(threading.get_ident())


def test_a_failed_task_frees_its_locals_on_the_worker_thread(ctx: AppContext, qtbot: QtBot) -> None:
    """A failing task's traceback used to carry its locals to the GUI thread, where the
    garbage collector freed them whenever it ran — a session or connection closed on the
    wrong thread while the worker used the vault."""
    _Held.freed_on.clear()
    errors: list[BaseException] = []

    def inner(held: _Held) -> None:
        raise ValueError("in an inner frame")

    def task(_c: TaskContext) -> None:
        held = _Held()
        try:
            inner(held)
        except ValueError as first:
            raise RuntimeError("chained") from first

    ctx.background.run(task, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=TIMEOUT)
    assert isinstance(errors[0], RuntimeError)
    assert _Held.freed_on and _Held.freed_on[0] != GUI  # freed before it reached us
    summary = "".join(traceback.format_exception(errors[0]))
    assert "inner" in summary and "chained" in summary  # a crash report still has the frames


def test_a_task_signals_object_is_deleted_later_on_the_gui_thread(
    ctx: AppContext, qtbot: QtBot
) -> None:
    """The QObject carrying a task's result is deleted by Qt on the GUI thread after its
    result was delivered, never mid-dispatch nor by the worker dropping the last reference
    (a rare segfault in the GUI tests)."""
    results: list[int] = []
    handle = ctx.background.run(lambda _c: 7, results.append)
    signals = handle.signals
    qtbot.waitUntil(lambda: results == [7], timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not shiboken6.isValid(signals), timeout=TIMEOUT)
    assert not ctx.background._retired  # and nothing kept once it is gone

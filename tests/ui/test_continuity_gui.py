"""Continuity in the GUI (#19): the recovery key set from Instellingen › Voor ICT, the
team-folder backup at lock and on the hourly check with its age in the status bar, a
failing team folder as one sentence, and the recovery notice shown once after unlock."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.ui.conftest import TIMEOUT, NewVault, UnlockedWindow
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.settings import save_setting
from waakvlam_desktop.privacy.continuity import (
    backup_to_folder,
    create_recovery_key,
    folder_backups,
    pending_recovery_notices,
    read_recovery_public,
    recover_backup,
    set_recovery_key,
    share_words_from_file,
)
from waakvlam_desktop.storage.recovery import grouped
from waakvlam_desktop.storage.vault import Vault, VaultPaths
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import (
    NAV_HOUSEHOLDS,
    NAV_SETTINGS,
    NAV_TODAY,
    MainWindow,
    Workspace,
)
from waakvlam_desktop.ui.operations import QueryOp
from waakvlam_desktop.ui.screens.privacy.continuity import RecoveryNotices, TeamBackupStatus
from waakvlam_desktop.ui.screens.privacy.restore import BackupReminder

NEW_PASSPHRASE = "nieuwe wachtzin voor de collega die het overneemt"


def _recovery_key(tmp_path: Path) -> Path:
    return create_recovery_key(
        tmp_path / "sleutel",
        shares=3,
        threshold=2,
        organisation="Woonstichting Voorbeeld",
        today=date(2026, 11, 27),
    ).folder


def _header_recovery(ctx: AppContext) -> object:
    return Vault.read_header(VaultPaths(ctx.data_dir)).recovery


def _settings(ws: Workspace) -> None:
    ws.nav.setCurrentRow(NAV_SETTINGS)


def _set_team_folder(qtbot: QtBot, ctx: AppContext, ws: Workspace, folder: Path) -> None:
    """Through Voor ICT, as ICT would: the folder field, then "Teammap opslaan"."""
    _settings(ws)
    view = ws.settings
    view.team_folder.setText(str(folder))
    view.team_keep.setValue(3)
    view.team_save.click()
    qtbot.waitUntil(
        lambda: ctx.is_unlocked and ctx.settings.team_folder == str(folder), timeout=TIMEOUT
    )
    assert ctx.settings.folder_backup_keep == 3


def _settled(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> None:
    """Every operation queued before this one has delivered its result (one worker, in order)."""
    marker: list[bool] = []
    QueryOp(ctx, window, lambda _s: True, marker.append).run()
    qtbot.waitUntil(lambda: marker == [True], timeout=TIMEOUT)


def test_the_recovery_key_is_set_from_voor_ict_and_the_lines_say_so(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    new_vault().close()
    key_folder = _recovery_key(tmp_path)
    window, ws = unlocked_window()
    _settings(ws)
    view = ws.settings
    qtbot.waitUntil(
        lambda: view.recovery_label.text() == "De organisatie kan deze kluis niet herstellen",
        timeout=TIMEOUT,
    )
    assert view.recovery_plain.text().startswith("Uit: alleen jouw wachtwoord")

    # A wrong passphrase: one sentence in the card, the header unchanged.
    monkeypatch.setattr(view, "ask_passphrase", lambda: "dit is niet het wachtwoord")
    view.set_recovery_key_from(key_folder / "recovery.pub")
    qtbot.waitUntil(lambda: "wachtwoord klopt niet" in view.ict_message.text(), timeout=TIMEOUT)
    assert _header_recovery(ctx) is None

    # Not a recovery.pub: refused before the passphrase is asked.
    asked: list[bool] = []
    monkeypatch.setattr(view, "ask_passphrase", lambda: asked.append(True) or PASSPHRASE)
    (tmp_path / "ander.pub").write_text("geen sleutel\n")
    view.set_recovery_key_from(tmp_path / "ander.pub")
    qtbot.waitUntil(
        lambda: (
            "wachtwoord klopt niet" not in view.ict_message.text() and view.ict_message.text() != ""
        ),
        timeout=TIMEOUT,
    )
    assert asked == [] and _header_recovery(ctx) is None

    view.set_recovery_key_from(key_folder / "recovery.pub")
    public = read_recovery_public(key_folder / "recovery.pub")
    qtbot.waitUntil(
        lambda: (
            view.recovery_label.text()
            == f"De organisatie kan deze kluis herstellen (sleutel-id {grouped(public.key_id)})"
        ),
        timeout=TIMEOUT,
    )
    assert asked == [True]
    wrap = _header_recovery(ctx)
    assert wrap is not None and getattr(wrap, "key_id", None) == public.key_id
    assert view.recovery_plain.text().startswith("Aan: je organisatie kan een back-up")
    # The plain line is in the Werken card, for everyone, not only in Voor ICT.
    assert not view.ict_card.isAncestorOf(view.recovery_plain)
    assert window.workspace is ws


def test_the_unlock_s_backup_lines_and_notices_wait_for_vandaag_s_data(
    qtbot: QtBot,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The backup reminder, the team-folder line and the recovery notices of an unlock are
    asked once Vandaag has its data: their modules and queries, beside Vandaag's first
    render, made the start later (#16). They are still asked, once each."""
    asked: list[tuple[str, bool]] = []

    def spy(cls: type, name: str) -> None:
        original = getattr(cls, name)

        def call(self: object, *args: object) -> None:
            window = self.window if isinstance(self, RecoveryNotices) else self.window()  # type: ignore[attr-defined]
            ws = window.workspace
            asked.append((name, ws is not None and ws.today.overview is not None))
            original(self, *args)

        monkeypatch.setattr(cls, name, call)

    spy(BackupReminder, "refresh")
    spy(TeamBackupStatus, "start")
    spy(RecoveryNotices, "check")
    new_vault().close()
    window, ws = unlocked_window()
    qtbot.waitUntil(lambda: len(asked) == 3, timeout=TIMEOUT)
    assert asked == [("refresh", True), ("start", True), ("check", True)]
    assert window.team_backup.timer.isActive()  # the hourly check while unlocked
    # Once: Vandaag answers again each time it is shown, and asks nothing of these (the
    # hourly timer would start over each time, the notices show again).
    answers: list[bool] = []
    ws.today.answered.connect(lambda: answers.append(True))
    for shown in (1, 2):
        ws.nav.setCurrentRow(NAV_HOUSEHOLDS)
        ws.nav.setCurrentRow(NAV_TODAY)
        qtbot.waitUntil(lambda shown=shown: len(answers) >= shown, timeout=TIMEOUT)
    qtbot.wait(50)  # a later turn
    assert len(asked) == 3


def test_a_language_chosen_before_vandaag_answers_keeps_the_unlock_s_later_work(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Instellingen builds the workspace again for another language; done before Vandaag's
    first answer, the new workspace's answer still brings the backup lines, the hourly
    check and the notices, once."""
    started: list[bool] = []
    original = TeamBackupStatus.start

    def start(self: TeamBackupStatus) -> None:
        started.append(True)
        original(self)

    monkeypatch.setattr(TeamBackupStatus, "start", start)
    new_vault().close()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    first: list[Workspace] = []

    def choose_english() -> None:
        # Right after the unlock built its workspace, in the same emission: Vandaag cannot
        # have answered yet (its answer comes through the event loop).
        assert window.workspace is not None and window.workspace.today.overview is None
        first.append(window.workspace)
        window.workspace.language_changed.emit("en")

    window.unlock_page.unlocked.connect(choose_english)
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.submit()
    qtbot.waitUntil(lambda: bool(started), timeout=TIMEOUT)
    assert first and window.workspace is not first[0]  # built again, in English
    assert window.team_backup.timer.isActive()
    qtbot.wait(200)
    assert started == [True]


def test_lock_writes_a_team_folder_backup_and_the_status_bar_shows_its_age(
    qtbot: QtBot,
    ctx: AppContext,
    clock: FixedClock,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
) -> None:
    vault = new_vault()
    vault_id = vault.vault_id
    vault.close()
    team = tmp_path / "team"
    team.mkdir()
    window, ws = unlocked_window()
    assert window.team_backup.text() == ""  # no team folder: nothing in the status bar
    _set_team_folder(qtbot, ctx, ws, team)
    qtbot.waitUntil(
        lambda: window.team_backup.text() == "Teammap-back-up: nog geen", timeout=TIMEOUT
    )
    assert window.team_backup.timer.isActive()  # the hourly check while unlocked
    assert folder_backups(team, vault_id) == []

    window.lock()
    qtbot.waitUntil(lambda: len(folder_backups(team, vault_id)) == 1, timeout=TIMEOUT)
    made = folder_backups(team, vault_id)[0]
    assert made.read_bytes().startswith(b"WAAKVLAMBACKUP")
    qtbot.waitUntil(
        lambda: window.team_backup.text() == "Teammap-back-up: vandaag", timeout=TIMEOUT
    )
    assert not window.team_backup.timer.isActive()

    # Two days later: the age in words; the hourly check makes a new one (it is due).
    clock.advance(timedelta(days=2))
    unlocked_window.unlock(window)
    qtbot.waitUntil(
        lambda: window.team_backup.text() == "Teammap-back-up: 2 dagen geleden", timeout=TIMEOUT
    )
    assert len(folder_backups(team, vault_id)) == 1  # unlocking itself makes none
    window.team_backup.timer.timeout.emit()
    qtbot.waitUntil(lambda: len(folder_backups(team, vault_id)) == 2, timeout=TIMEOUT)
    qtbot.waitUntil(
        lambda: window.team_backup.text() == "Teammap-back-up: vandaag", timeout=TIMEOUT
    )

    # Locking again within the day: not due, no third backup; the lock completes.
    window.lock()
    ctx.background.wait_idle(30)
    assert len(folder_backups(team, vault_id)) == 2
    assert window.workspace is None


def test_a_missing_team_folder_is_one_sentence_and_the_lock_completes(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
) -> None:
    new_vault().close()
    missing = tmp_path / "netwerkschijf" / "team"
    window, ws = unlocked_window()
    _set_team_folder(qtbot, ctx, ws, missing)
    window.lock()
    sentence = (
        f"⚠ De teammap {missing} is niet te vinden (is de netwerkmap verbonden?)."
        " Er is geen back-up gemaakt."
    )
    qtbot.waitUntil(lambda: window.team_backup.text() == sentence, timeout=TIMEOUT)
    assert window.workspace is None
    assert window.pages.currentWidget() is window.unlock_page
    ctx.background.wait_idle(30)
    assert not missing.exists()
    # The vault closed after the failed backup: it opens again, nothing lost.
    unlocked_window.unlock(window)
    assert ctx.settings.team_folder == str(missing)


def test_a_recovery_notice_is_shown_once_after_unlock(
    qtbot: QtBot,
    ctx: AppContext,
    clock: FixedClock,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
) -> None:
    key_folder = _recovery_key(tmp_path)
    team = tmp_path / "team"
    team.mkdir()
    vault = new_vault()
    set_recovery_key(vault, PASSPHRASE, read_recovery_public(key_folder / "recovery.pub"))
    with vault.session() as s:
        save_setting(s, "team_folder", str(team))
    made = backup_to_folder(vault, team)
    shares = [
        share_words_from_file(key_folder / f"herstelsleutel-deel-{n}-van-3.txt") for n in (1, 3)
    ]
    vault.close()
    recover_backup(
        made.info.path,
        shares,
        tmp_path / "overgenomen",
        NEW_PASSPHRASE,
        reason="ziek",
        by="Jan de Vries (ICT)",
        now=clock.now(),
        kdf_target_seconds=0,
    )

    window, _ws = unlocked_window()
    qtbot.waitUntil(lambda: window.recovery_notices.box is not None, timeout=TIMEOUT)
    box = window.recovery_notices.box
    assert box is not None
    assert box.windowTitle() == "Je kluis is hersteld"
    text = box.text()
    assert "Jan de Vries (ICT)" in text
    assert "om 11:00 door" in text or "door Jan de Vries" in text
    assert "ziek" not in text  # the reason is not in the notice
    ok = box.button(QMessageBox.StandardButton.Ok)
    assert ok is not None
    ok.click()
    qtbot.waitUntil(lambda: window.recovery_notices.box is None, timeout=TIMEOUT)
    _settled(qtbot, window, ctx)  # the acknowledgement is written

    window.lock()
    ctx.background.wait_idle(30)
    with Vault.open(ctx.data_dir, PASSPHRASE) as v:
        assert pending_recovery_notices(team, v) == []
    unlocked_window.unlock(window)
    _settled(qtbot, window, ctx)  # the check at unlock has answered
    assert window.recovery_notices.box is None
    assert not any(
        isinstance(w, QMessageBox) and w.isVisible() for w in window.findChildren(QMessageBox)
    )


def test_a_notice_closed_by_the_lock_comes_back(
    qtbot: QtBot,
    ctx: AppContext,
    clock: FixedClock,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
) -> None:
    key_folder = _recovery_key(tmp_path)
    team = tmp_path / "team"
    team.mkdir()
    vault = new_vault()
    set_recovery_key(vault, PASSPHRASE, read_recovery_public(key_folder / "recovery.pub"))
    with vault.session() as s:
        save_setting(s, "team_folder", str(team))
    made = backup_to_folder(vault, team)
    vault.close()
    recover_backup(
        made.info.path,
        [share_words_from_file(key_folder / f"herstelsleutel-deel-{n}-van-3.txt") for n in (2, 3)],
        tmp_path / "overgenomen",
        NEW_PASSPHRASE,
        reason="ziek",
        by="ICT",
        now=clock.now(),
        kdf_target_seconds=0,
    )
    window, _ws = unlocked_window()
    qtbot.waitUntil(lambda: window.recovery_notices.box is not None, timeout=TIMEOUT)
    window.lock()  # not read: not acknowledged
    assert window.recovery_notices.box is None
    unlocked_window.unlock(window)
    qtbot.waitUntil(lambda: window.recovery_notices.box is not None, timeout=TIMEOUT)

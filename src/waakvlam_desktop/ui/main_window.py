"""The main window: first run / unlock / workspace, navigation, lock and idle countdown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from waakvlam_desktop import texts
from waakvlam_desktop.ui import i18n, palette, preload
from waakvlam_desktop.ui.access.unlock import UnlockPage
from waakvlam_desktop.ui.context import AppContext, Changes
from waakvlam_desktop.ui.idle import IdleWatcher
from waakvlam_desktop.ui.screen import Screen
from waakvlam_desktop.ui.screens.privacy.continuity import RecoveryNotices, TeamBackupStatus
from waakvlam_desktop.ui.screens.privacy.restore import (
    BackupReminder,
    RestoreRequest,
    RestoreRunner,
    ask_restore,
)
from waakvlam_desktop.ui.sizing import fit_to_screen
from waakvlam_desktop.ui.turns import on_a_later_turn
from waakvlam_desktop.ui.widgets.clipboard import ClipboardGuard
from waakvlam_desktop.ui.widgets.common import count_text
from waakvlam_desktop.ui.widgets.help import HelpWindow

if TYPE_CHECKING:
    from waakvlam_desktop.ui.access.first_run import FirstRunPage
    from waakvlam_desktop.ui.screens.exports.screen import ExportsView
    from waakvlam_desktop.ui.screens.household.screen import HouseholdPage
    from waakvlam_desktop.ui.screens.household.visit_editor import VisitEditor
    from waakvlam_desktop.ui.screens.households.screen import HouseholdsView
    from waakvlam_desktop.ui.screens.neighbourhood.screen import BuurtView
    from waakvlam_desktop.ui.screens.overview.screen import OverviewView
    from waakvlam_desktop.ui.screens.partners.screen import PartnersView
    from waakvlam_desktop.ui.screens.privacy.screen import PrivacyView
    from waakvlam_desktop.ui.screens.referrals.screen import ReferralsView
    from waakvlam_desktop.ui.screens.search.screen import SearchView
    from waakvlam_desktop.ui.screens.settings.screen import SettingsView

(
    NAV_TODAY,
    NAV_HOUSEHOLDS,
    NAV_OVERVIEW,
    NAV_NEIGHBOURHOOD,
    NAV_REFERRALS,
    NAV_EXPORTS,
    NAV_SEARCH,
    NAV_PARTNERS,
    NAV_SETTINGS,
) = range(9)
NAV_PRIVACY = 9


# The vault code is imported from the window's first paint, or after this long at the latest.
PRELOAD_AT_THE_LATEST_MS = 2000


@dataclass(frozen=True, slots=True)
class Place:
    """Where the user was when the vault locked: unlocking returns there."""

    nav_row: int = NAV_TODAY
    household_id: str | None = None
    editor: bool = False


# ---- the screens, built on first show --------------------------------------------------------
# Each builder imports its screen's module when the screen is first shown (Vandaag is the only
# one a start needs), builds it and connects it to the workspace. The screens' modules pull in
# the heavy parts (QtCharts, QtPdf, reportlab, the bundle code): a start pays for none of them.
def _build_households(ws: Workspace) -> Screen:
    from waakvlam_desktop.ui.screens.households.screen import HouseholdsView  # noqa: PLC0415 - lazy: built on first show

    view = HouseholdsView(ws.ctx)
    view.open_household.connect(ws.open_household)
    return view


def _build_overview(ws: Workspace) -> Screen:
    from waakvlam_desktop.ui.screens.overview.screen import OverviewView  # noqa: PLC0415 - lazy: QtCharts

    return OverviewView(ws.ctx)


def _build_neighbourhood(ws: Workspace) -> Screen:
    from waakvlam_desktop.ui.screens.neighbourhood.screen import BuurtView  # noqa: PLC0415 - lazy: built on first show

    view = BuurtView(ws.ctx)
    view.open_household.connect(ws.open_household)
    return view


def _build_referrals(ws: Workspace) -> Screen:
    from waakvlam_desktop.ui.screens.referrals.screen import ReferralsView  # noqa: PLC0415 - lazy: letters, reportlab

    view = ReferralsView(ws.ctx)
    view.open_household.connect(ws.open_household)
    return view


def _build_exports(ws: Workspace) -> Screen:
    from waakvlam_desktop.ui.screens.exports.screen import ExportsView  # noqa: PLC0415 - lazy: bundle code

    return ExportsView(ws.ctx)


def _build_search(ws: Workspace) -> Screen:
    from waakvlam_desktop.ui.screens.search.screen import SearchView  # noqa: PLC0415 - lazy: built on first show

    view = SearchView(ws.ctx)
    view.open_household.connect(ws.open_household)
    return view


def _build_partners(ws: Workspace) -> Screen:
    from waakvlam_desktop.ui.screens.partners.screen import PartnersView  # noqa: PLC0415 - lazy: built on first show

    return PartnersView(ws.ctx)


def _build_settings(ws: Workspace) -> Screen:
    from waakvlam_desktop.ui.screens.settings.screen import SettingsView  # noqa: PLC0415 - lazy: built on first show

    view = SettingsView(ws.ctx)
    view.language_changed.connect(ws.language_changed)
    return view


def _build_privacy(ws: Workspace) -> Screen:
    from waakvlam_desktop.ui.screens.privacy.screen import PrivacyView  # noqa: PLC0415 - lazy: retention, audit

    view = PrivacyView(ws.ctx)
    view.restore_requested.connect(ws.restore_requested)
    return view


def _build_household(ws: Workspace) -> Screen:
    from waakvlam_desktop.ui.screens.household.screen import HouseholdPage  # noqa: PLC0415 - lazy: reportlab (inzage)

    page = HouseholdPage(ws.ctx)
    page.open_letter.connect(ws.open_letter)
    page.back.connect(ws.go_back)
    page.new_visit.connect(lambda hid: ws.open_editor(hid, None))
    page.resume_draft.connect(ws.open_editor)
    return page


def _build_editor(ws: Workspace) -> Screen:
    from waakvlam_desktop.ui.screens.household.visit_editor import VisitEditor  # noqa: PLC0415 - lazy: built on first use

    editor = VisitEditor(ws.ctx)
    editor.saved.connect(ws.editor_done)
    editor.cancelled.connect(ws.editor_done)
    return editor


@dataclass(frozen=True, slots=True)
class NavEntry:
    """A screen of the navigation: its name there without building it, and its builder."""

    context: str  # the screen's class: the catalog context of its ``nav_title()``
    title: str  # the English source of its ``nav_title()``
    build: Callable[[Workspace], Screen] | None  # None: Vandaag, built with the workspace

    def label(self) -> str:
        return QCoreApplication.translate(self.context, self.title)


# The navigation, in order; the NAV_* indexes follow it. Each title is the one the screen's
# nav_title() gives (tests/ui/test_lazy_screens.py holds them together).
NAVIGATION: tuple[NavEntry, ...] = (
    NavEntry("TodayView", "Today", None),
    NavEntry("HouseholdsView", "Households", _build_households),
    NavEntry("OverviewView", "Overview", _build_overview),
    NavEntry("BuurtView", "Neighbourhood", _build_neighbourhood),
    NavEntry("ReferralsView", "Referrals", _build_referrals),
    NavEntry("ExportsView", "Exports", _build_exports),
    NavEntry("SearchView", "Search", _build_search),
    NavEntry("PartnersView", "Partners", _build_partners),
    NavEntry("SettingsView", "Settings", _build_settings),
    NavEntry("PrivacyView", "Privacy", _build_privacy),
)


class Workspace(QWidget):
    """Everything behind the lock. Built fresh at every unlock, dropped at every lock.

    Only Vandaag is built with it; every other screen is built the first time it is shown
    (or asked for: ``ws.households`` builds the households screen)."""

    language_changed = Signal(str)  # Instellingen changed the language
    restore_requested = Signal(object)  # RestoreRequest from Privacy

    def __init__(self, ctx: AppContext, on_lock: Callable[[], None]) -> None:
        super().__init__()
        self.ctx = ctx
        self.history: list[Screen] = []
        # The screen an unlock returns to, until it is built (MainWindow._return_to).
        self.returning_to: Place | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)

        bar = QWidget()
        bar.setObjectName("topbar")
        bar.setStyleSheet(
            f"QWidget#topbar {{ background: {palette.TOP_BAR}; }}"
            f" QLabel {{ color: {palette.WHITE}; }}"
        )
        top = QHBoxLayout(bar)
        top.setContentsMargins(12, 6, 12, 6)
        profile = ctx.profile
        assert profile is not None
        self.org_label = QLabel(f"Waakvlam · {profile.organisation}")
        self.org_label.setStyleSheet("font-weight: 600; font-size: 12pt;")
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search in notes…"))
        self.search_box.setAccessibleName(self.tr("Search in notes"))
        self.search_box.setMaximumWidth(320)
        self.search_box.setToolTip(self.tr("Search in notes (Ctrl+F)"))
        self.staff_label = QLabel(profile.staff_name)
        self.lock_button = QToolButton()
        self.lock_button.setText(self.tr("Lock"))
        self.lock_button.setToolTip(self.tr("Lock now (Ctrl+L)"))
        self.lock_button.setAccessibleName(self.tr("Lock"))
        top.addWidget(self.org_label)
        top.addStretch(1)
        top.addWidget(self.search_box)
        top.addSpacing(12)
        top.addWidget(self.staff_label)
        top.addWidget(self.lock_button)
        lay.addWidget(bar)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setFixedWidth(190)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 11pt; } QListWidget::item { padding: 6px; }"
        )
        self.stack = QStackedWidget()
        # The screens built so far: per navigation row, and the household page and editor.
        self._sections: dict[int, Screen] = {}
        self._household: Screen | None = None
        self._editor: Screen | None = None
        self.nav_labels = [entry.label() for entry in NAVIGATION]
        for label in self.nav_labels:
            self.nav.addItem(QListWidgetItem(label))
        body.addWidget(self.nav)
        from waakvlam_desktop.ui.screens.today.screen import TodayView  # noqa: PLC0415 - lazy: ui/preload.py

        self.today = TodayView(ctx)
        self._add_section(NAV_TODAY, self.today)
        self.today.open_household.connect(self.open_household)
        self.today.open_exports.connect(lambda: self.show_section(NAV_EXPORTS))
        self.today.record_visit.connect(lambda hid: self.open_editor(hid, None))
        self.today.resume_draft.connect(self.open_editor)
        self.today.open_referral.connect(self.open_referral)
        self.today.read_feedback.connect(self.read_feedback)
        # Vandaag has its data (its count arrives with it): then the other screens' modules
        # load in the background, on a later turn (ui/turns.py). Posted at once, in the same
        # pass, they were imported beside Vandaag's layout and paint, which waited for the
        # interpreter lock: the window stalled twice in a row, 100-140 ms each, as Vandaag
        # appeared (1,000 households, 6 runs each; once, 67-110 ms, since:
        # docs/benchmarks.md).
        self.today.count_changed.connect(lambda _n: on_a_later_turn(self, preload.preload_screens))
        body.addWidget(self.stack, 1)
        lay.addLayout(body, 1)

        self.nav.currentRowChanged.connect(self._nav_changed)
        self.lock_button.clicked.connect(on_lock)
        self.search_box.returnPressed.connect(self._search_from_bar)
        self.nav.itemClicked.connect(self._nav_clicked)
        ctx.changed.connect(self._data_changed)
        self.nav.setCurrentRow(NAV_TODAY)

    # ---- the screens ---------------------------------------------------------------------
    def _add_section(self, row: int, screen: Screen) -> None:
        self._sections[row] = screen
        self.stack.addWidget(screen)
        screen.count_changed.connect(partial(self._set_count, row))

    def section(self, row: int) -> Screen:
        """The screen of navigation row ``row``, built now if it was not yet."""
        screen = self._sections.get(row)
        if screen is None:
            build = NAVIGATION[row].build
            assert build is not None  # Vandaag is built with the workspace
            screen = build(self)
            self._add_section(row, screen)
        return screen

    def is_built(self, row: int) -> bool:
        return row in self._sections

    def built_screens(self) -> list[Screen]:
        """The screens built so far (the others have nothing to refresh)."""
        extra = [s for s in (self._household, self._editor) if s is not None]
        return [*self._sections.values(), *extra]

    @property
    def sections(self) -> list[Screen]:
        """Every screen of the navigation, in order (builds the ones not built yet)."""
        return [self.section(row) for row in range(len(NAVIGATION))]

    @property
    def screens(self) -> list[Screen]:
        """Every page of the stack: the sections, the household page and the editor."""
        return [*self.sections, self.household, self.editor]

    @property
    def households(self) -> HouseholdsView:
        return cast("HouseholdsView", self.section(NAV_HOUSEHOLDS))

    @property
    def overview(self) -> OverviewView:
        return cast("OverviewView", self.section(NAV_OVERVIEW))

    @property
    def neighbourhood(self) -> BuurtView:
        return cast("BuurtView", self.section(NAV_NEIGHBOURHOOD))

    @property
    def referrals(self) -> ReferralsView:
        return cast("ReferralsView", self.section(NAV_REFERRALS))

    @property
    def exports(self) -> ExportsView:
        return cast("ExportsView", self.section(NAV_EXPORTS))

    @property
    def search(self) -> SearchView:
        return cast("SearchView", self.section(NAV_SEARCH))

    @property
    def partners(self) -> PartnersView:
        return cast("PartnersView", self.section(NAV_PARTNERS))

    @property
    def settings(self) -> SettingsView:
        return cast("SettingsView", self.section(NAV_SETTINGS))

    @property
    def privacy(self) -> PrivacyView:
        return cast("PrivacyView", self.section(NAV_PRIVACY))

    @property
    def household(self) -> HouseholdPage:
        if self._household is None:
            self._household = _build_household(self)
            self.stack.addWidget(self._household)
        return cast("HouseholdPage", self._household)

    @property
    def editor(self) -> VisitEditor:
        if self._editor is None:
            self._editor = _build_editor(self)
            self.stack.addWidget(self._editor)
        return cast("VisitEditor", self._editor)

    # ---- navigation ----------------------------------------------------------------------
    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        self.history.clear()
        self._show(self.section(row))

    def place(self) -> Place:
        """Where the user is: the screen, and the household or visit being worked on."""
        page = self.current()
        row = self.nav.currentRow()
        editor, household = self._editor, self._household
        if page is not None and page is editor and self.editor.data is not None:
            return Place(row, self.editor.data.household_id, editor=True)
        if page is not None and page is editor and self.editor.opening:  # data on the way
            return Place(row, self.editor.opening, editor=True)
        if page is not None and page is household and self.household.household_id:
            return Place(row, self.household.household_id)
        for section_row, section in self._sections.items():
            if page is section:
                return Place(section_row)
        return Place(row)

    def restore(self, place: Place) -> None:
        """Back where :meth:`place` was (after an unlock). A visit in progress comes back
        from its draft, which the lock saved."""
        if 0 <= place.nav_row < len(NAVIGATION):
            self.nav.setCurrentRow(place.nav_row)
        if place.household_id and place.editor:
            self.open_household(place.household_id)
            self.open_editor(place.household_id, None)  # finds the household's draft
        elif place.household_id:
            self.open_household(place.household_id)

    def _nav_clicked(self, item: QListWidgetItem) -> None:
        """The highlighted item clicked again: back to that screen and to its top."""
        self.go_to(self.nav.row(item))

    def go_to(self, row: int) -> None:
        """The screen of navigation row ``row`` on top (from wherever), at its top."""
        if row >= 0:
            self.show_section(row).scroll_to_top()

    def show_section(self, row: int) -> Screen:
        """The screen of navigation row ``row`` on top, also when the navigation already
        has that row selected under a household page (``setCurrentRow`` alone would then
        change nothing)."""
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # shows it (_nav_changed)
        section = self.section(row)
        if self.current() is not section:
            self.history.clear()
            self._show(section)
        return section

    def read_feedback(self) -> None:
        """Terugkoppeling inlezen (menu Bestand, Vandaag): on Doorverwijzingen."""
        self.show_section(NAV_REFERRALS)
        self.referrals.choose_feedback_file()

    def open_referral(self, referral_id: str) -> None:
        """Doorverwijzingen with one referral selected, ready to record the feedback."""
        self.show_section(NAV_REFERRALS)
        self.referrals.show_referral(referral_id)

    def _show(self, page: Screen) -> None:
        self.stack.setCurrentWidget(page)
        if page.refresh_on_show or page.stale:
            self._refresh(page)

    @staticmethod
    def _refresh(page: Screen) -> None:
        page.stale = False
        page.refresh()

    def current(self) -> Screen | None:
        page = self.stack.currentWidget()
        return page if isinstance(page, Screen) else None

    def open_household(self, household_id: str) -> None:
        current = self.current()
        if current is not None and current is not self.household:
            self.history.append(current)
        self.household.open(household_id)
        self.stack.setCurrentWidget(self.household)

    def open_editor(self, household_id: str, draft_id: str | None) -> None:
        current = self.current()
        if current is not None:
            self.history.append(current)
        self.editor.open(household_id, draft_id)
        self.stack.setCurrentWidget(self.editor)

    def open_letter(self, referral_id: str) -> None:
        from waakvlam_desktop.ui.screens.referrals.screen import LetterPreview  # noqa: PLC0415 - lazy: QtPdf, letters

        LetterPreview(self.ctx, referral_id, self).exec()  # "sent" refreshes the page

    def editor_done(self, household_id: str) -> None:
        if self.history and self.history[-1] is self.household:
            self.history.pop()
        self.household.open(household_id)
        self.stack.setCurrentWidget(self.household)

    def go_back(self) -> None:
        current = self.stack.currentWidget()
        if current is not None and current is self._editor:
            self.editor.close_editor()
            return
        if self.history:
            page = self.history.pop()
            self._show(page)
        elif current is not None and current is self._household:
            self._show(self.today)
            self.nav.setCurrentRow(NAV_TODAY)

    def _search_from_bar(self) -> None:
        text = self.search_box.text()
        self.show_section(NAV_SEARCH)
        self.search.set_query(text)

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def new_visit_shortcut(self) -> None:
        page = self.stack.currentWidget()
        if (
            page is not None
            and page is self._household
            and self.household.household_id
            and self.household.can_record_visit()
        ):
            self.open_editor(self.household.household_id, None)

    def save_shortcut(self) -> None:
        page = self.stack.currentWidget()
        if page is not None and page is self._editor:
            self.editor.save()

    def _set_count(self, row: int, n: int) -> None:
        label = self.nav_labels[row]
        self.nav.item(row).setText(f"{label}   {count_text(n)}" if n else label)

    def _data_changed(self, changes: Changes) -> None:
        """A write announced ``changes``: the screen on top (and the ones that keep a number
        in the navigation) refresh now; the others when they are shown next."""
        if not self.ctx.is_unlocked:  # a write that ended after the lock: this is going away
            return
        current = self.current()
        for screen in self.built_screens():
            if not screen.affected_by(changes):
                continue
            if screen is current or screen.refresh_when_hidden:
                self._refresh(screen)
            else:
                screen.stale = True


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, idle_now: Callable[[], float] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("Waakvlam")
        fit_to_screen(self)  # from the screen's available area (ui/sizing.py)
        self.pages = QStackedWidget()
        self.setCentralWidget(self.pages)
        self._first_run: FirstRunPage | None = None  # built only when there is no vault yet
        self._painted = False
        self.unlock_page = UnlockPage(ctx)
        self.pages.addWidget(self.unlock_page)
        self.workspace: Workspace | None = None
        self.resume_at: Place | None = None  # where to return after the next unlock
        self._unlock_pending = False  # the unlock's later work not yet done (_unlocked_later)
        # Owned by the window (not by a Python reference): a Python-owned filter was freed by
        # the garbage collector while the application still called it, mid-dispatch (a
        # segfault in the GUI suite, gdb: sendThroughApplicationEventFilters -> dealloc).
        self.idle = IdleWatcher(5, idle_now, self) if idle_now else IdleWatcher(5, parent=self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.idle.watch(app)  # the input of the app's windows (ui/idle.py)
        self.idle_label = QLabel()
        self.statusBar().addPermanentWidget(self.idle_label)
        # privacy: backup reminder, clipboard guard, restore (screens/privacy, widgets/clipboard)
        self.backup_reminder = BackupReminder(ctx)
        self.backup_reminder.open_backup.connect(self.open_backup)
        self.statusBar().addPermanentWidget(self.backup_reminder)
        # continuity (#19): team-folder backup age, scheduled backups, recovery notices
        self.team_backup = TeamBackupStatus(ctx)
        self.statusBar().addPermanentWidget(self.team_backup)
        self.recovery_notices = RecoveryNotices(ctx, self)
        self.clipboard_guard = ClipboardGuard.for_app(self)
        self.restore_runner = RestoreRunner(ctx, self)
        self.restore_runner.finished.connect(self.unlock_page.message.notice)
        self.restore_runner.failed.connect(self._restore_failed)
        self.status_note = QLabel()
        self.statusBar().addWidget(self.status_note)

        self.unlock_page.unlocked.connect(self._unlocked)
        self.idle.idle.connect(self.lock)
        self.idle.remaining_changed.connect(self._show_remaining)
        ctx.profile_changed.connect(self._profile_changed)
        ctx.changed.connect(self._data_changed)
        self.help_window: HelpWindow | None = None
        self._build_menus()

        if ctx.vault_exists():
            self.pages.setCurrentWidget(self.unlock_page)
            self.unlock_page.reset()
            self.unlock_page.try_keyring()
        else:
            self.pages.setCurrentWidget(self.first_run)
        # The vault code loads while the user types (ui/preload.py), and the keyring is
        # asked (UnlockPage.reset), from the window's first paint (paintEvent); a window
        # that is not painted soon starts both all the same.
        QTimer.singleShot(PRELOAD_AT_THE_LATEST_MS, self, self._after_first_paint)

    @property
    def first_run(self) -> FirstRunPage:
        if self._first_run is None:
            from waakvlam_desktop.ui.access.first_run import FirstRunPage  # noqa: PLC0415 - lazy: zxcvbn, first run only

            self._first_run = FirstRunPage(self.ctx)
            self._first_run.created.connect(self._unlocked)
            self._first_run.restore_requested.connect(self._restore_first_run)
            self.pages.addWidget(self._first_run)
        return self._first_run

    # ---- the menu bar: every action with its shortcut -------------------------------------
    def _build_menus(self) -> None:
        """Bestand, Bewerken, Beeld, Help. Every shortcut of the window is an action in one
        of them, so the menus show them all; actions that need the vault are disabled while
        it is locked."""
        bar = self.menuBar()
        self.file_menu = file_menu = bar.addMenu("")
        self.new_visit_action = self._action(
            file_menu, "Ctrl+N", lambda: self._in_workspace(Workspace.new_visit_shortcut)
        )
        self.save_action = self._action(
            file_menu,
            QKeySequence.StandardKey.Save,
            lambda: self._in_workspace(Workspace.save_shortcut),
        )
        self.feedback_action = self._action(
            file_menu, "", partial(self._in_workspace, Workspace.read_feedback)
        )
        file_menu.addSeparator()
        # Ctrl+L locks from anywhere, a dialog included (its draft is kept: see lock()).
        self.lock_action = self._action(file_menu, "Ctrl+L", self.lock)
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, "Ctrl+Q", self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.edit_menu = edit_menu = bar.addMenu("")
        self.find_action = self._action(edit_menu, QKeySequence.StandardKey.Find, self._find)
        self.settings_action = self._action(edit_menu, "", lambda: self.go_to(NAV_SETTINGS))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)

        self.view_menu = bar.addMenu("")
        self.back_action = self._action(
            self.view_menu, "Esc", lambda: self._in_workspace(Workspace.go_back)
        )
        self.view_menu.addSeparator()
        self.nav_actions: list[QAction] = []  # one per screen, filled at each unlock

        self.help_menu = help_menu = bar.addMenu("")
        self.help_action = self._action(
            help_menu, QKeySequence.StandardKey.HelpContents, self.show_help
        )
        help_menu.addSeparator()
        self.about_action = self._action(help_menu, "", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self._name_menus()
        self.vault_actions = [
            self.new_visit_action,
            self.save_action,
            self.feedback_action,
            self.lock_action,
            self.find_action,
            self.settings_action,
            self.back_action,
        ]
        self._enable_vault_actions(False)

    def _name_menus(self) -> None:
        """The menus' and actions' words in the GUI's language: at the start, and again when
        the language changes (at unlock, from the vault's setting, or in Instellingen)."""
        for item, text in (
            (self.file_menu, self.tr("&File")),
            (self.new_visit_action, self.tr("&New home visit")),
            (self.save_action, self.tr("&Save home visit")),
            (self.feedback_action, self.tr("Read in &feedback…")),
            (self.lock_action, self.tr("&Lock")),
            (self.quit_action, self.tr("&Quit")),
            (self.edit_menu, self.tr("&Edit")),
            (self.find_action, self.tr("&Search in notes")),
            (self.settings_action, self.tr("Se&ttings")),
            (self.view_menu, self.tr("&View")),
            (self.back_action, self.tr("&Back")),
            (self.help_menu, self.tr("&Help")),
            (self.help_action, self.tr("Waakvlam &help")),
            (self.about_action, self.tr("&About Waakvlam")),
        ):
            if isinstance(item, QMenu):
                item.setTitle(text)
            else:
                item.setText(text)

    def _action(
        self,
        menu: QMenu,
        key: str | QKeySequence.StandardKey,
        fn: Callable[[], object],
        text: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False: fn())
        menu.addAction(action)
        self.addAction(action)  # the shortcut works while the menu bar is hidden too
        return action

    def _enable_vault_actions(self, on: bool) -> None:
        for action in self.vault_actions:
            action.setEnabled(on)

    def _fill_view_menu(self) -> None:
        """One action per screen of the navigation, Ctrl+1 … Ctrl+9 and Ctrl+0, in its order."""
        for action in self.nav_actions:
            self.view_menu.removeAction(action)
            self.removeAction(action)
            action.deleteLater()
        self.nav_actions = []
        if self.workspace is None:
            return
        for row, label in enumerate(self.workspace.nav_labels):
            key = f"Ctrl+{(row + 1) % 10}" if row < 10 else ""
            self.nav_actions.append(
                self._action(self.view_menu, key, partial(self.go_to, row), label)
            )

    def go_to(self, nav_row: int) -> None:
        """A screen from the menu or its shortcut: as clicking it in the navigation, also
        when the navigation already has it selected under a household page."""
        if self.workspace is not None:
            self.workspace.go_to(nav_row)

    def open_backup(self) -> None:
        """Privacy › Back-up (from the backup reminder in the status bar)."""
        if self.workspace is not None:
            self.go_to(NAV_PRIVACY)
            self.workspace.privacy.tabs.setCurrentIndex(self.workspace.privacy.backup_tab)

    def _in_workspace(self, method: Callable[[Workspace], None]) -> None:
        if self.workspace is not None:
            method(self.workspace)

    def show_about(self) -> None:
        from waakvlam_desktop.ui.widgets.about import AboutDialog  # noqa: PLC0415 - lazy: not at the start (#16)

        AboutDialog(self).exec()

    def show_help(self) -> None:
        """F1: the help beside the window (one at a time), in the GUI's language."""
        if self.help_window is None:
            self.help_window = HelpWindow(self)
            self.help_window.destroyed.connect(self._help_closed)
            self.help_window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()

    def _help_closed(self) -> None:
        self.help_window = None

    def _find(self) -> None:
        if self.workspace is not None:
            self.workspace.focus_search()

    def _unlocked(self) -> None:
        if self.ctx.profile is None:
            return
        self._use_language(self.ctx.language_override or self.ctx.profile.settings.language)
        self._keep_language(self.ctx.profile.settings.language)
        place, self.resume_at = self.resume_at, None
        self._unlock_pending = True  # _unlocked_later, after Vandaag's first answer
        self._install_workspace(place)
        self.idle.set_minutes(self.ctx.profile.settings.auto_lock_minutes)
        self.idle.start()
        self._say_vault_open()

    def _unlocked_later(self) -> None:
        """The rest of an unlock, once per unlock, after the first answer of Vandaag in the
        workspace shown (:meth:`_install_workspace`): the backup lines in the status bar and
        the recovery notices. Their modules and queries ran beside Vandaag's first render
        and made it later (#16)."""
        if not self._unlock_pending or self.ctx.profile is None:
            return
        self._unlock_pending = False
        self.backup_reminder.refresh()
        self.team_backup.start()
        self.recovery_notices.check()

    @staticmethod
    def _return_to(ws: Workspace, place: Place) -> None:
        """The screen the user was on, in a workspace built for an unlock and not yet shown
        (so Vandaag is never laid out or painted for it). Not after a lock meanwhile (the
        workspace is going away), nor over a screen chosen in the meantime (a shortcut
        reaches the workspace before it shows)."""
        ws.returning_to = None
        if ws.ctx.is_unlocked and ws.current() is ws.today and not ws.history:
            ws.restore(place)

    def _install_workspace(self, place: Place | None = None) -> None:
        """A new workspace in three turns of the event loop: built now; the screen to return
        to (``place``) built in it on a later turn; shown on a turn after that. Building
        the workspace (Vandaag, the menus), the screen to return to, and the first layout
        and paint are each some tens of milliseconds; in one turn they kept the GUI thread
        over 100 ms at an unlock (#16, docs/benchmarks.md). Until it is shown the window
        keeps the page it had (the unlock page, or the workspace being replaced)."""
        ws = Workspace(self.ctx, self.lock)
        self.workspace = ws
        if self._unlock_pending:  # also a workspace built again before Vandaag answered
            ws.today.answered.connect(
                lambda: on_a_later_turn(ws, self._unlocked_later),
                Qt.ConnectionType.SingleShotConnection,
            )
        returning = place is not None and place != Place()
        if returning:
            ws.returning_to = place  # a lock before then keeps it (lock)
        ws.language_changed.connect(self._language_changed)
        ws.restore_requested.connect(self.restore)
        self.pages.addWidget(ws)
        self._fill_view_menu()
        self._enable_vault_actions(True)
        profile = self.ctx.profile
        assert profile is not None
        self.setWindowTitle(f"Waakvlam · {profile.organisation}")

        def show() -> None:
            if self.workspace is not ws:  # locked (or built again) meanwhile
                return
            self.pages.setCurrentWidget(ws)
            self._drop_workspaces(keep=ws)

        def return_then_show() -> None:
            if self.workspace is not ws:
                return
            assert place is not None
            self._return_to(ws, place)
            on_a_later_turn(ws, show)

        on_a_later_turn(ws, return_then_show if returning else show)

    def _drop_workspaces(self, keep: Workspace | None = None) -> None:
        """Every workspace but ``keep`` out of the window, deleted: the one shown until now,
        and any built after it whose turn to be shown never came (built again, locked)."""
        for ws in self.pages.findChildren(
            Workspace, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            if ws is not keep:
                self.pages.removeWidget(ws)
                ws.deleteLater()

    def _profile_changed(self) -> None:
        profile = self.ctx.profile
        if profile is None or self.workspace is None:
            return
        self.idle.set_minutes(profile.settings.auto_lock_minutes)
        self.setWindowTitle(f"Waakvlam · {profile.organisation}")
        self.workspace.org_label.setText(f"Waakvlam · {profile.organisation}")
        self.team_backup.refresh()  # the team folder may have changed

    def _data_changed(self, changes: Changes) -> None:
        if changes.backups:
            self.backup_reminder.refresh()
            self.team_backup.refresh()

    def _use_language(self, language: str) -> None:
        """The GUI's language: Qt's translators, QLocale and the core's texts together."""
        if language == texts.current_language():
            return
        app = QCoreApplication.instance()
        if app is not None:
            i18n.install(app, language)
        else:
            texts.use_language(language)
        # Built with the window: its menus and unlock page (the caller builds the workspace).
        self._name_menus()
        self.unlock_page.name_words()

    def _keep_language(self, language: str) -> None:
        """The vault's language setting (not ``--lang``), beside the vault for the next
        start's unlock page; written on the second thread, away from the GUI thread."""
        folder = self.ctx.data_dir
        self.ctx.background.run(
            lambda _task: i18n.remember_language(folder, language), beside=True, owners=()
        )

    def _say_vault_open(self) -> None:
        # No file path on an everyday screen (#15 F): the location is in Instellingen › Voor
        # ICT and in this tooltip.
        self.status_note.setText(self.tr("Vault open"))
        self.status_note.setToolTip(
            self.tr("For ICT: the vault is in {path}").format(path=str(self.ctx.data_dir))
        )

    def _language_changed(self, language: str) -> None:
        """Instellingen saved another language; ``--lang`` still wins, as at unlock."""
        self._use_language(self.ctx.language_override or language)
        self._keep_language(language)
        self._install_workspace()
        # The status bar's words, as the unlock sets them (_unlocked).
        self._say_vault_open()
        self.backup_reminder.refresh()
        self.team_backup.refresh()
        assert self.workspace is not None
        self.workspace.nav.setCurrentRow(NAV_SETTINGS)

    def _show_remaining(self, seconds: int) -> None:
        self.idle_label.setText(
            self.tr("Locks in {m}:{s:02d} without activity").format(m=seconds // 60, s=seconds % 60)
        )

    def lock(self) -> None:
        """Hide everything, save drafts, close the vault, show the unlock screen."""
        if self.workspace is None:
            return
        # Where the user is; or, locked before the workspace got there, where they were.
        self.resume_at = self.workspace.returning_to or self.workspace.place()
        self._unlock_pending = False
        for dialog in self.findChildren(QDialog):
            keep = getattr(dialog, "keep_draft", None)
            if callable(keep) and dialog.isVisible():  # an open form saves its draft first
                keep()
            dialog.reject()
        self.idle.stop()
        self.idle_label.setText("")
        self.status_note.setText("")
        self.status_note.setToolTip("")
        self.backup_reminder.clear()
        self.team_backup.stop()
        self.team_backup.clear()  # the backup at lock (ctx.closing) shows its own result
        if self.clipboard_guard is not None:
            self.clipboard_guard.clear_now()
        self.ctx.lock()  # editors queue their drafts first (about_to_lock)
        self.pages.setCurrentWidget(self.unlock_page)
        # The workspace, and one a language change was about to replace (still shown until
        # the new one's turn came, _install_workspace).
        self._drop_workspaces()
        self.workspace = None
        self._fill_view_menu()
        self._enable_vault_actions(False)
        self.setWindowTitle("Waakvlam")
        self.unlock_page.reset()

    def restore(self, request: RestoreRequest) -> None:
        """Lock (the vault closes on the worker), then restore on the same worker."""
        self.lock()
        self.start_restore(request)

    def _restore_first_run(self) -> None:
        """No vault yet (a new laptop): restore a backup instead of creating one."""
        request = ask_restore(self, self.ctx.data_dir, self.first_run.message)
        if request is not None:
            self.start_restore(request)

    def start_restore(self, request: RestoreRequest) -> None:
        self.resume_at = None  # another vault's contents: start on Vandaag
        self.pages.setCurrentWidget(self.unlock_page)
        self.unlock_page.reset()
        self.unlock_page.message.notice(self.tr("Restoring the backup…"))
        self.restore_runner.start(request)

    def _restore_failed(self, message: str) -> None:
        if self.ctx.vault_exists():
            self.unlock_page.message.error(message)
        else:  # nothing to unlock: back to the first-run page, which says what went wrong
            self.pages.setCurrentWidget(self.first_run)
            self.first_run.message.error(message)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._after_first_paint)  # after this paint is shown

    def _after_first_paint(self) -> None:
        self.unlock_page.allow_keyring_question()  # first: it needs no vault code
        preload.start_vault_code()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.workspace is not None:
            self.lock()
        self.ctx.background.wait_idle(10)
        self.idle.unwatch()  # a closed window no longer watches activity
        super().closeEvent(event)

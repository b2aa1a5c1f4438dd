"""The shared list view and the lists on the screens: header clicks sort, Enter and
double-click open, the current row survives new data, columns fit what arrives, and Vandaag
shows its 150 most urgent rows under titles with the full count."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QHeaderView
from pytestqt.qtbot import QtBot

from waakvlam_desktop.domain.exports import DueExport, Period
from waakvlam_desktop.domain.followups import OpenFollowUp
from waakvlam_desktop.domain.referrals import FeedbackRow, ReferralRow
from waakvlam_desktop.domain.today import NextStep, TodayItem, TodayKind, TodayOverview
from waakvlam_desktop.domain.types import (
    ConcernLevel,
    DataProfile,
    ExportSchedule,
    GrondslagKind,
    PartnerType,
    ReferralStatus,
)
from waakvlam_desktop.domain.waakvlam import CheckIn
from waakvlam_desktop.ui import i18n
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.screens.referrals.screen import ReferralsView
from waakvlam_desktop.ui.screens.today.screen import MAX_ROWS, TodayView
from waakvlam_desktop.ui.widgets.common import level_colour
from waakvlam_desktop.ui.widgets.table import MIN_COLUMN, Column, RowModel, RowView, date_column


@dataclass(frozen=True, slots=True)
class Item:
    name: str
    due: date
    note: str = ""


ITEMS = [
    Item("beta", date(2026, 12, 2)),
    Item("alfa", date(2027, 1, 10)),
    Item("gamma", date(2026, 11, 30)),
]


def _view(qtbot: QtBot, *, stretch: bool = False, empty: str = "") -> RowView[Item]:
    columns = (
        Column("Name", lambda i: i.name, stretch=stretch),
        date_column("Due", lambda i: i.due),
        Column("Note", lambda i: i.note),
    )
    view = RowView(RowModel(columns, empty=empty), "Items")
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def _names(view: RowView[Item]) -> list[str]:
    return [i.name for i in view.shown_rows()]


def _click_header(qtbot: QtBot, view: RowView[Item], section: int) -> None:
    header = view.header()
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_header_clicks_sort_reverse_and_return_to_the_given_order(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.set_rows(ITEMS)
    assert view.accessibleName() == "Items"
    assert [view.model().headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Name",
        "Due",
        "Note",
    ]
    assert _names(view) == ["beta", "alfa", "gamma"]  # as given, no sort arrow
    assert view.header().sortIndicatorSection() == -1
    _click_header(qtbot, view, 1)
    assert _names(view) == ["gamma", "beta", "alfa"]  # by date
    _click_header(qtbot, view, 1)
    assert _names(view) == ["alfa", "beta", "gamma"]
    _click_header(qtbot, view, 1)
    assert _names(view) == ["beta", "alfa", "gamma"]
    _click_header(qtbot, view, 0)
    view.set_rows(reversed(ITEMS))  # a refresh keeps the sort the user chose
    assert _names(view) == ["alfa", "beta", "gamma"]
    assert view.header().sortIndicatorSection() == 0


def test_enter_and_double_click_open_the_row_and_selection_follows_sorting(
    qtbot: QtBot,
) -> None:
    view = _view(qtbot)
    view.set_rows(ITEMS)
    opened: list[Item] = []
    current: list[Item | None] = []
    view.row_activated.connect(opened.append)
    view.current_changed.connect(current.append)
    assert view.current() is None
    assert view.select(lambda i: i.name == "alfa")
    assert view.current() is ITEMS[1] and current[-1] is ITEMS[1]
    assert view.selectionModel().isRowSelected(1)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == [ITEMS[1]]
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # alfa moves to the top, still current
    assert view.current() is ITEMS[1] and view.currentIndex().row() == 0
    where = view.visualRect(view.model().index(2, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)  # press first,
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)  # as a hand does
    assert opened == [ITEMS[1], ITEMS[2]]
    assert not view.select(lambda i: i.name == "omega")


def test_placeholder_row_says_empty_and_opens_nothing(qtbot: QtBot) -> None:
    view = _view(qtbot, empty="Nothing here yet.")
    opened: list[Item] = []
    view.row_activated.connect(opened.append)
    view.set_rows([])
    assert view.model().rowCount() == 1 and view.cell(0, 0) == "Nothing here yet."
    assert view.shown_rows() == []
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == [] and view.current() is None


def test_columns_fit_their_contents_when_rows_arrive(qtbot: QtBot) -> None:
    view = _view(qtbot)
    narrow = view.columnWidth(0)
    long_name = "Woonstichting met een bijzonder lange naam"
    view.set_rows([Item(long_name, date(2026, 1, 1))])
    assert view.columnWidth(0) > narrow
    assert view.columnWidth(0) >= view.fontMetrics().horizontalAdvance(long_name)
    assert view.header().stretchLastSection()

    stretching = _view(qtbot, stretch=True)
    header = stretching.header()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Interactive
    assert not header.stretchLastSection()


def _check_in(i: int) -> CheckIn:
    level = ConcernLevel.ACUUT if i % 2 else ConcernLevel.ZORG
    return CheckIn(f"hh-{i}", f"fam. {i}", f"Kerkstraat {i}", level, date(2026, 11, 1), 300 - i)


def _first(i: int) -> TodayItem:
    c = _check_in(i)
    return TodayItem(
        i + 2,
        TodayKind.CHECK_IN,
        NextStep.RECORD_VISIT,
        c.household_id,
        c.label,
        c.address,
        c.level,
        c.due,
        c.days_late,
    )


def _waiting(n: int, status: ReferralStatus, due: date, days: int) -> FeedbackRow:
    """A referral waiting for the Wijkteam's feedback, for Vandaag's card."""
    return FeedbackRow(
        f"r-{n}",
        f"WV-{n}",
        f"hh-{n}",
        f"fam. {n}",
        "Kerkstraat 1",
        "Wijkteam",
        status,
        due,
        days,
        ConcernLevel.ZORG,
    )


def test_today_shows_the_most_urgent_rows_with_full_counts(qtbot: QtBot, ctx: AppContext) -> None:
    view = TodayView(ctx)
    qtbot.addWidget(view)
    acute = TodayItem(
        1,
        TodayKind.ACUTE,
        NextStep.TICK_OFF,
        "hh-acuut",
        "mw. Acuut",
        "Lindelaan 4",
        ConcernLevel.ACUUT,
        date(2026, 12, 1),
        follow_up_id="f-acuut",
        sign_nl="Signalen huiselijk geweld",
        sign_en="Signs of domestic violence",
        severity=3,
    )
    first = [acute, *(_first(i) for i in range(MAX_ROWS + 50))]
    waiting = [
        _waiting(n, ReferralStatus.VERSTUURD, date(2026, 11, 20), days)
        for n, days in ((1, 7), (2, 0))
    ]
    due = [
        DueExport(
            "p-1",
            "Wijkteam",
            DataProfile.CASE,
            ExportSchedule.MONTHLY,
            Period.month(2026, 10),
            None,
            True,
        )
    ]
    follow_up = OpenFollowUp(
        "f-1", "hh-3", "fam. 3", "Kerkstraat 3", "Bellen", date(2026, 12, 1), ConcernLevel.ZORG
    )
    checks = [_check_in(i) for i in range(3)]
    view.show_overview(
        TodayOverview(date(2026, 11, 27), first, checks, [follow_up], waiting, due, [], 400)
    )
    assert view.first.model().rowCount() == MAX_ROWS
    assert view.first_card.title.text() == f"Eerst doen ({MAX_ROWS + 51})"
    assert view.first.cell(0, 4) == "Signalen huiselijk geweld, ernstig, 1 dec: nog niet opgevolgd"
    assert view.first.cell(0, 5) == "Actie afvinken ›"
    assert view.first.cell(1, 4) == "bezoek 300 dagen te laat"
    assert view.first.cell(1, 5) == "Huisbezoek vastleggen ›"
    assert view.first.cell(MAX_ROWS - 1, 2) == f"Kerkstraat {MAX_ROWS - 2}"  # ranked, not sorted
    for lst, column in ((view.first, 1), (view.week, 1)):  # colour and word, both lists
        index = lst.model().index(0 if lst is view.first else 1, column)
        assert index.data() == "● acuut"
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        assert brush.color().name() == level_colour(ConcernLevel.ACUUT)
    assert view.week_card.title.text() == "Deze week (3)"
    assert view.later_card.title.text() == "Acties later (1)"
    assert view.later.cell(0, 0) == "01-12-2026"
    assert view.drafts_card.isHidden()  # no drafts: no card
    late = view.feedback.model().index(0, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert late is not None and late.color().name() == "#a61b1b"
    assert view.feedback.model().index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert view.feedback.cell(0, 3) == "verstuurd"
    assert view.exports_card.title.text() == "Gegevens naar partners sturen (1)"

    with qtbot.waitSignal(view.count_changed) as counted:  # the navigation: the same number
        view.show_overview(
            TodayOverview(date(2026, 11, 27), first, checks, [follow_up], waiting, due, [], 400)
        )
    assert counted.args == [MAX_ROWS + 51]
    # The worker sends the lists cut to MAX_ROWS (#16) with the whole lists' counts: the
    # titles and the navigation count say how many there are, not how many came.
    cut = TodayOverview(
        date(2026, 11, 27), first[:MAX_ROWS], checks[:1], [follow_up], waiting, due, [], 9000,
        first_total=8333, due_total=700, later_total=1200, waiting_total=1500,
    )  # fmt: skip
    with qtbot.waitSignal(view.count_changed) as counted:
        view.show_overview(cut)
    assert counted.args == [8333]
    assert view.first.model().rowCount() == MAX_ROWS
    assert view.first_card.title.text() == "Eerst doen (8.333)"
    assert view.week_card.title.text() == "Deze week (700)"
    assert view.later_card.title.text() == "Acties later (1.200)"
    assert view.feedback_card.title.text() == "Wacht op terugkoppeling (1.500)"
    # and in English with its own separator (the autouse fixture switches back)
    app = QApplication.instance()
    assert app is not None
    i18n.install(app, "en")
    view.show_overview(cut)
    assert view.first_card.title.text() == "Do first (8,333)"
    view.show_overview(
        TodayOverview(date(2026, 11, 27), first, checks, [follow_up], waiting, due, [], 400)
    )
    with qtbot.waitSignal(view.open_household) as opened:
        view.first.row_activated.emit(view.first.shown_rows()[4])
    assert opened.args == ["hh-3"]
    with qtbot.waitSignal(view.record_visit) as asked:  # the step, in place
        view.do_step(view.first.shown_rows()[1])
    assert asked.args == ["hh-0"]
    with qtbot.waitSignal(view.open_household) as opened:
        view.feedback.row_activated.emit(waiting[1])
    assert opened.args == ["hh-2"]
    with qtbot.waitSignal(view.open_exports):
        view.exports.row_activated.emit(due[0])


def test_today_says_who_received_a_referral_and_what_is_due_in_plain_words(
    qtbot: QtBot, ctx: AppContext
) -> None:
    """A review as a wijkbeheerder: "ontvangen" under "Wacht op terugkoppeling" read as if
    the answer had come (it is the partner that received the referral), and "Exports te
    maken" was jargon for "data is due to go to a partner". Both languages."""
    view = TodayView(ctx)
    qtbot.addWidget(view)
    waiting = [
        _waiting(n, status, date(2026, 12, 4), 0)
        for n, status in enumerate(
            (ReferralStatus.VERSTUURD, ReferralStatus.ONTVANGEN, ReferralStatus.IN_BEHANDELING)
        )
    ]
    due = [
        DueExport(
            "p-1",
            "GGD",
            DataProfile.CASE,
            ExportSchedule.MONTHLY,
            Period.month(2026, 10),
            None,
            True,
        )
    ]
    overview = TodayOverview(date(2026, 11, 27), [], [], [], waiting, due, [], 10)
    view.show_overview(overview)
    assert view.feedback_card.title.text() == "Wacht op terugkoppeling (3)"
    assert [view.feedback.cell(i, 3) for i in range(3)] == [
        "verstuurd",
        "door de partner ontvangen",
        "in behandeling bij de partner",
    ]
    assert view.exports_card.title.text() == "Gegevens naar partners sturen (1)"
    assert "export" not in view.exports_card.title.text().lower()
    assert "Exports" in view.exports.toolTip()  # where the export is made, on hover
    app = QApplication.instance()
    assert app is not None
    i18n.install(app, "en")  # the autouse fixture switches back
    english = TodayView(ctx)
    qtbot.addWidget(english)
    english.show_overview(overview)
    assert english.feedback_card.title.text() == "Waiting for feedback (3)"
    assert [english.feedback.cell(i, 3) for i in range(3)] == [
        "sent",
        "received by the partner",
        "in progress at the partner",
    ]
    assert english.exports_card.title.text() == "Send data to partners (1)"


def test_today_on_an_empty_vault_says_what_to_do_first(qtbot: QtBot, ctx: AppContext) -> None:
    view = TodayView(ctx)
    qtbot.addWidget(view)
    view.show_overview(TodayOverview(date(2026, 11, 27), [], [], [], [], [], [], 0))
    assert view.first.isHidden() and view.first_empty.text().startswith("Begin hier:\n1.")


def _referral(n: int, status: ReferralStatus = ReferralStatus.CONCEPT) -> ReferralRow:
    return ReferralRow(
        id=f"r-{n}",
        reference=f"WV-{n}",
        household_id=f"hh-{n}",
        household_label=f"fam. {n}",
        address=f"Kerkstraat {n}",
        city="Utrecht",
        partner_id="p-1",
        partner_name="Wijkteam",
        partner_type=PartnerType.WIJKTEAM,
        status=status,
        grondslag=GrondslagKind.CONSENT,
        created_at=datetime(2026, 11, n, 9),
        feedback_due=date(2026, 12, n),
        has_letter=False,
    )


def test_referrals_keep_the_chosen_row_when_the_list_is_refreshed(
    qtbot: QtBot, ctx: AppContext
) -> None:
    view = ReferralsView(ctx)
    qtbot.addWidget(view)
    view.show_rows([_referral(1), _referral(2)])
    assert view.selected() is None and not view.letter_button.isEnabled()
    assert view.table.select(lambda r: r.id == "r-2")
    assert view.letter_button.isEnabled() and view.next_status.count() == 2
    view.show_rows(
        [_referral(3), _referral(1), replace(_referral(2), status=ReferralStatus.VERSTUURD)]
    )
    chosen = view.selected()
    assert chosen is not None and chosen.id == "r-2" and chosen.status is ReferralStatus.VERSTUURD
    assert view.table.cell(view.table.currentIndex().row(), 5) == "verstuurd"
    view.show_rows([_referral(1)])
    assert view.selected() is None and not view.household_button.isEnabled()
    assert view.empty.isHidden()
    view.show_rows([])
    assert not view.empty.isHidden()


@dataclass(frozen=True, slots=True)
class Entry:
    when: str
    what: str
    signals: tuple[Entry, ...] = ()


def _qt_widths(view: RowView[Entry], columns: range) -> dict[int, int]:
    """What Qt's own measuring gives: the delegate asked cell by cell."""
    widths = {}
    for i in columns:
        view.resizeColumnToContents(i)
        widths[i] = view.header().sectionSize(i)
    return widths


def test_columns_are_fitted_as_qt_measures_them_in_lists_and_trees(qtbot: QtBot) -> None:
    """Lists fit their columns on the texts the model holds, not by asking Qt (a call back
    into Python per cell); the widths must still be Qt's (a pixel more: never elided),
    in a tree too: a row's level indents the first column, expanded children count."""
    wide_child = Entry("maandag 1 december 2026, ingesprongen", "Signaal: ongeopende post")
    entries = [
        Entry(f"2026-{i % 9 + 1:02d}-01", "Huisbezoek" + " gepland" * (i % 4), (wide_child,))
        for i in range(40)
    ]
    columns = (
        Column("Wanneer", lambda e: e.when),
        Column("Wat", lambda e: e.what),
        Column("Door", lambda e: "Bench"),
    )
    for children in (None, lambda e: e.signals):
        view = RowView(RowModel(columns, children=children), "Tijdlijn")
        qtbot.addWidget(view)
        view.resize(900, 400)
        view.show()
        view.set_rows(entries)
        fitted = {i: view.columnWidth(i) for i in range(2)}
        qt = _qt_widths(view, range(2))
        assert all(qt[i] <= fitted[i] <= qt[i] + 1 for i in fitted), (children, fitted, qt)
        if children is None:
            continue
        collapsed = fitted[0]
        view.expand(view.model().index(5, 0))
        view.fit_columns()
        expanded = view.columnWidth(0)
        qt = _qt_widths(view, range(1))
        assert qt[0] <= expanded <= qt[0] + 1, (expanded, qt)
        assert expanded > collapsed  # the child's wider, further indented text counts


def test_a_narrow_list_gives_way_so_the_last_column_stays_whole(qtbot: QtBot) -> None:
    """When the window narrows, the widest fitted columns are cut so the last column (it
    fills the rest) keeps its text in sight; in a tree, an expanded row's children count
    as soon as it opens."""
    child = Entry("", "", ())
    entries = [Entry("Woonstichting met een lange naam " * 2, "kort", ()) for _ in range(5)]
    entries.append(Entry("Woonstichting met een lange naam " * 2, "kort", (child,)))
    columns = (
        Column("Naam", lambda e: e.when),
        Column("Datum", lambda e: "1 december 2026"),
        Column("Notitie", lambda e: e.what or "Signaal: ongeopende post en schulden"),
    )
    view = RowView(RowModel(columns, children=lambda e: e.signals), "Lijst")
    qtbot.addWidget(view)
    view.resize(1200, 300)
    view.show()
    view.set_rows(entries)
    wide = view.columnWidth(0)
    note = view.fontMetrics().horizontalAdvance("kort")
    view.resize(500, 300)
    qtbot.waitUntil(lambda: view.columnWidth(0) < wide)
    room = view.viewport().width()
    assert view.columnWidth(0) + view.columnWidth(1) + note <= room
    collapsed = view.columnWidth(0)

    view.expand(view.model().index(5, 0))  # its child's note is far wider: shared again
    long_note = view.fontMetrics().horizontalAdvance("Signaal: ongeopende post en schulden")
    qtbot.waitUntil(lambda: view.columnWidth(0) < collapsed)
    room = view.viewport().width()
    assert view.columnWidth(0) + view.columnWidth(1) + long_note <= room

    view.resize(150, 300)  # far too narrow: the fitted columns stop at their minimum
    floor = max(MIN_COLUMN, view.header().minimumSectionSize())
    qtbot.waitUntil(lambda: view.columnWidth(0) <= floor)
    assert view.columnWidth(0) == view.columnWidth(1) == floor

"""Overzicht dashboard and the address import wizard, on real vaults, offscreen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import PASSPHRASE
from tests.helpers import write_around_the_app
from tests.ui.conftest import NewVault, UnlockedWindow
from waakvlam_desktop.domain.address_import.report import report_to_csv
from waakvlam_desktop.domain.demo import generate_demo
from waakvlam_desktop.domain.overview import (
    Overview,
    OverviewFilter,
    compute_overview,
    filter_options,
    to_csv,
)
from waakvlam_desktop.domain.types import ConcernLevel
from waakvlam_desktop.storage.models import Address, AuditEvent
from waakvlam_desktop.storage.vault import Vault
from waakvlam_desktop.ui import i18n
from waakvlam_desktop.ui.context import AppContext
from waakvlam_desktop.ui.main_window import NAV_HOUSEHOLDS, NAV_OVERVIEW, Workspace
from waakvlam_desktop.ui.operations import QueryOp
from waakvlam_desktop.ui.screens.address_import.wizard import (
    STEP_CHECK,
    STEP_DONE,
    STEP_MAPPING,
    ImportWizard,
)
from waakvlam_desktop.ui.screens.overview.screen import BUILDERS, OverviewView, export_csv
from waakvlam_desktop.ui.widgets.common import Lang, level_word

TIMEOUT = 30_000
SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "voorbeeld-adressen.csv"


def _vault(new_vault: NewVault, households: int) -> Vault:
    vault = new_vault()
    if households:
        generate_demo(vault.session, households, seed=7)
    return vault


def _show_overview(qtbot: QtBot, ws: Workspace) -> OverviewView:
    ws.nav.setCurrentRow(NAV_OVERVIEW)
    view = ws.overview
    assert ws.stack.currentWidget() is view
    qtbot.waitUntil(lambda: view.complete, timeout=TIMEOUT)
    return view


def _assert_shows(view: OverviewView, expected: Overview) -> None:
    for table in expected.tables:
        assert view.tables[table.key] == table, table.key
    assert view.tile_values() == expected.totals()
    # The first chart's bars carry the same counts, one bar set per level (word and colour).
    chart = view.cards["households_per_level"].chart
    (series,) = chart.series()
    bars = {b.label(): sum(b.at(i) for i in range(b.count())) for b in series.barSets()}
    for level, count in expected.households_per_level.rows:
        assert bars[level_word(ConcernLevel(level))] == count


def test_dashboard_equals_compute_overview_and_filters(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow, tmp_path: Path
) -> None:
    vault = _vault(new_vault, 120)
    with vault.session() as s:
        everything = compute_overview(s)
        options = filter_options(s)
        complex_ = options.complexes[0]
        wijk = options.wijken[-1]
        by_complex = compute_overview(s, OverviewFilter(complex_id=complex_.id))
        by_wijk = compute_overview(s, OverviewFilter(wijk=wijk))
    vault.close()
    assert everything.totals()["households"] == 120
    assert by_complex.totals() != everything.totals()

    _window, ws = unlocked_window()
    view = _show_overview(qtbot, ws)
    _assert_shows(view, everything)
    assert view.complex.count() == len(options.complexes) + 1
    assert view.wijk.count() == len(options.wijken) + 1
    assert view.empty.isHidden()

    view.complex.setCurrentIndex(view.complex.findData(complex_.id))
    qtbot.waitUntil(lambda: view.complete, timeout=TIMEOUT)
    assert view.scope == OverviewFilter(complex_id=complex_.id)
    _assert_shows(view, by_complex)

    view.set_filter(wijk=wijk)
    qtbot.waitUntil(lambda: view.complete, timeout=TIMEOUT)
    _assert_shows(view, by_wijk)

    # Exports, called as the buttons do after their file dialog: written on the worker.
    table = view.tables["overdue_per_complex"]
    csv_path = tmp_path / "achterstallig.csv"
    view.cards["overdue_per_complex"].save_csv(csv_path)
    qtbot.waitUntil(csv_path.exists, timeout=TIMEOUT)
    assert csv_path.read_bytes().decode("utf-8") == to_csv(table, "nl")
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    export_csv(table, tmp_path / "en.csv", "en")  # the function itself, in another language
    assert (tmp_path / "en.csv").read_bytes().decode("utf-8") == to_csv(table, "en")
    (tmp_path / "en.csv").unlink()
    card = view.cards["households_per_level"]
    png_path = tmp_path / "niveaus.png"
    card.save_png(png_path)
    qtbot.waitUntil(png_path.exists, timeout=TIMEOUT)
    image = QImage(str(png_path))
    assert not image.isNull()
    assert image.width() == card.view.width() and image.height() == card.view.height()
    # A folder that does not exist: one Dutch sentence on the card, the chart stays.
    card.save_csv(tmp_path / "weg" / "x.csv")
    qtbot.waitUntil(lambda: not card.message.isHidden(), timeout=TIMEOUT)
    assert card.message.text() == "Het bestand kon niet worden opgeslagen. Kies een andere map."
    assert card.stack.currentWidget() is card.view
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "vault") == [
        "achterstallig.csv",
        "niveaus.png",
    ]


def test_a_chart_that_cannot_be_read_says_so_and_the_others_still_show(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow, ctx: AppContext
) -> None:
    """A damaged vault: the table one chart reads is gone. That card said "Laden…" for
    ever, the screen never finished, and a new round kept the old error."""
    vault = _vault(new_vault, 30)
    with vault.session() as s:
        expected = compute_overview(s)
    vault.close()
    write_around_the_app(ctx.data_dir, PASSPHRASE, "DROP TABLE neighbourhood_signal")
    _window, ws = unlocked_window()
    view = _show_overview(qtbot, ws)
    card = view.cards["neighbourhood_per_month"]
    assert card.stack.currentWidget() is card.note
    assert card.note.text() == "Deze grafiek kon niet worden geladen."
    assert not card.csv_button.isEnabled() and not card.png_button.isEnabled()
    assert view.message.text().startswith("Er ging iets mis (OperationalError).")
    assert set(view.tables) == set(BUILDERS) - {"neighbourhood_per_month"}
    for table in expected.tables:
        if table.key != "neighbourhood_per_month":
            assert view.tables[table.key] == table, table.key
    assert view.tile_values() == expected.totals()  # no tile counts from the lost table
    # The next round starts clean and fails the same way, once.
    view.refresh()
    assert view.message.isHidden() and card.note.text() == "Laden…"
    qtbot.waitUntil(lambda: view.complete, timeout=TIMEOUT)
    assert card.note.text() == "Deze grafiek kon niet worden geladen."
    # A failure of a round that is over (a query already running when the filter
    # changed) says nothing in the new one.
    view.message.clear_message()
    visits = view.cards["visits_per_month"]
    view._failed(view.round - 1, {"visits_per_month"}, RuntimeError("old round"))
    assert view.message.isHidden() and visits.stack.currentWidget() is visits.view


def test_a_tile_whose_table_cannot_be_read_stays_marked_while_the_others_arrive(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow, ctx: AppContext
) -> None:
    """Without its complexes, the overdue chart (and the filter's options) cannot be read;
    its tile said "–" and went back to "…" when the next table arrived."""
    vault = _vault(new_vault, 30)
    with vault.session() as s:
        expected = compute_overview(s).totals()
    vault.close()
    write_around_the_app(ctx.data_dir, PASSPHRASE, "DROP TABLE complex")
    _window, ws = unlocked_window()
    view = _show_overview(qtbot, ws)
    assert view.cards["overdue_per_complex"].note.text() == "Deze grafiek kon niet worden geladen."
    assert view.tiles["overdue"].number.text() == "–"
    assert view.tile_values() == {**expected, "overdue": None}
    assert "signals_per_domain_month" in view.tables  # the last table arrived after it
    assert view.complex.count() == 1  # no options: "Alle complexen" only


def test_the_first_chart_is_painted_before_the_other_charts_are_asked(
    qtbot: QtBot,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Qt paints after the events already waiting: when the other charts were asked as
    soon as the first arrived, a small vault's answers could come before that paint, and
    the first paint waited for every chart built meanwhile (the twentieth pass of #16: 27
    ms at 1,000 households against 20 at 50,000, cold). They are asked on a later turn."""
    _vault(new_vault, 30).close()
    _window, ws = unlocked_window()
    view = ws.overview
    painted: list[set[str]] = []  # the tables shown at each paint of the first chart
    asked_after: list[int] = []  # for each query of the round: paints of the first chart so far

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "households_per_level" in view.tables:
                painted.append(set(view.tables))
            return False

    spy = Paints()
    view.cards["households_per_level"].view.viewport().installEventFilter(spy)
    query = view._query

    def counted(*args: Any) -> Any:
        asked_after.append(len(painted))
        return query(*args)

    monkeypatch.setattr(view, "_query", counted)
    _show_overview(qtbot, ws)
    assert painted and painted[0] == {"households_per_level"}
    # the first chart and the filter's options at once; the 5 others after its first paint
    assert len(asked_after) == 7 and asked_after[:2] == [0, 0]
    assert all(n >= 1 for n in asked_after[2:]), asked_after
    assert set(view.tables) == set(BUILDERS)


def test_empty_vault_shows_the_empty_state(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    _vault(new_vault, 0).close()
    _window, ws = unlocked_window()
    view = _show_overview(qtbot, ws)
    assert not view.empty.isHidden()
    assert view.charts_area.isHidden()
    assert "Nog geen gegevens" in view.empty.text()
    assert view.tile_values()["households"] == 0


def test_overview_renders_in_english(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow, qapp: Any
) -> None:
    _vault(new_vault, 30).close()
    _window, ws = unlocked_window()
    assert ws.nav.item(NAV_OVERVIEW).text() == "Overzicht"
    assert ws.overview.cards["visits_per_month"].title.text() == "Huisbezoeken per maand"
    i18n.install(qapp, "en")
    Lang.current = "en"
    view = OverviewView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.complete, timeout=TIMEOUT)
    assert view.cards["visits_per_month"].title.text() == "Home visits per month"
    assert view.tiles["overdue"].caption.text() == "Check-in overdue"
    bars = view.cards["households_per_level"].chart.series()[0].barSets()
    assert {b.label() for b in bars} == {"no concerns", "attention", "concern", "acute"}


def _count(ctx: AppContext, qtbot: QtBot, fn: Any) -> int:
    box: list[int] = []
    QueryOp(ctx, ctx, lambda s: int(fn(s)), box.append).run()
    qtbot.waitUntil(lambda: bool(box), timeout=TIMEOUT)
    return box[0]


def _addresses(s: Session) -> int:
    return int(s.scalar(select(func.count(Address.id))) or 0)


def _imports(s: Session) -> int:
    return int(
        s.scalar(select(func.count(AuditEvent.seq)).where(AuditEvent.action == "import")) or 0
    )


def _wizard(qtbot: QtBot, ws: Workspace, path: Path) -> ImportWizard:
    ws.nav.setCurrentRow(NAV_HOUSEHOLDS)
    wizard = ImportWizard(ws.ctx, ws.households)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.step_label.text().startswith("Stap 1 van 4")
    assert not wizard.next_button.isEnabled()
    wizard.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.step == STEP_MAPPING, timeout=TIMEOUT)
    return wizard


def test_wizard_imports_the_sample_file(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    _vault(new_vault, 0).close()
    _window, ws = unlocked_window()
    wizard = _wizard(qtbot, ws, SAMPLE)
    assert wizard.mapping()["VHE-nummer"] == "vhe_code"
    assert wizard.mapping()["Woonplaats"] == "city"
    assert wizard.mapping_table.rowCount() == 11  # the drop-downs + 10 preview rows
    assert "12 regels" in wizard.file_info.text()
    wizard.next()  # check: a dry run
    qtbot.waitUntil(lambda: wizard.report is not None, timeout=TIMEOUT)
    assert wizard.step == STEP_CHECK
    assert wizard.report is not None and wizard.report.ok and wizard.report.dry_run
    assert "Geen fouten in 12 regels" in wizard.summary.text()
    assert wizard.next_button.isEnabled()
    assert _count(ctx, qtbot, _addresses) == 0  # the check wrote nothing
    wizard.next()  # import
    qtbot.waitUntil(lambda: wizard.step == STEP_DONE, timeout=TIMEOUT)
    assert wizard.imported
    assert "Adressen: 12 nieuw, 0 bijgewerkt, 0 ongewijzigd." in wizard.done_text.text()
    assert _count(ctx, qtbot, _addresses) == 12
    assert _count(ctx, qtbot, _imports) == 1
    ws.households.refresh()
    qtbot.waitUntil(lambda: ws.households.model.rowCount() == 9, timeout=TIMEOUT)


def test_wizard_refuses_a_bad_file_and_writes_nothing(
    qtbot: QtBot,
    ctx: AppContext,
    new_vault: NewVault,
    unlocked_window: UnlockedWindow,
    tmp_path: Path,
) -> None:
    _vault(new_vault, 0).close()
    bad = tmp_path / "adressen.csv"
    bad.write_text(
        "VHE;Straat;Huisnummer;Postcode;Plaats\r\n"
        "1001;Brückelaan;4;3533 AB;Utrecht\r\n"
        "1002;Lindelaan;nul;3533 AB;Utrecht\r\n"
        "1003;Lindelaan;6;0533 AB;Utrecht\r\n"
        "1001;Lindelaan;8;3533 AB;Utrecht\r\n",
        encoding="cp1252",
    )
    _window, ws = unlocked_window()
    wizard = _wizard(qtbot, ws, bad)
    assert "cp1252" in wizard.file_info.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.report is not None, timeout=TIMEOUT)
    report = wizard.report
    assert report is not None and not report.ok
    assert wizard.problems.rowCount() == len(report.errors) + len(report.warnings) >= 3
    lines = {wizard.problems.item(r, 0).text() for r in range(wizard.problems.rowCount())}
    assert lines == {"3", "4", "5"}
    assert "Er wordt niets ingelezen" in wizard.summary.text()
    assert not wizard.next_button.isEnabled()  # no import with errors
    wizard.next()
    assert wizard.step == STEP_CHECK
    out = tmp_path / "rapport.csv"
    wizard.save_report(out)  # written on the worker
    qtbot.waitUntil(out.exists, timeout=TIMEOUT)
    assert out.read_bytes().decode("utf-8") == report_to_csv(report)
    assert _count(ctx, qtbot, _addresses) == 0
    assert _count(ctx, qtbot, _imports) == 0
    # Fixing the mapping is possible from here: back to the columns.
    wizard.back()
    assert wizard.step == STEP_MAPPING


def test_wizard_shows_a_file_error_inline(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow, tmp_path: Path
) -> None:
    _vault(new_vault, 0).close()
    xlsx = tmp_path / "adressen.xlsx"
    xlsx.write_bytes(b"PK\x03\x04 not really a workbook")
    _window, ws = unlocked_window()
    wizard = ImportWizard(ws.ctx, ws.households)
    qtbot.addWidget(wizard)
    wizard.path.setText(str(xlsx))
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.message.isHidden(), timeout=TIMEOUT)
    assert "Excel-bestand" in wizard.message.text()
    assert "Traceback" not in wizard.message.text()
    assert wizard.step == 0


def test_wizard_missing_file(
    qtbot: QtBot, new_vault: NewVault, unlocked_window: UnlockedWindow, tmp_path: Path
) -> None:
    _vault(new_vault, 0).close()
    _window, ws = unlocked_window()
    wizard = ImportWizard(ws.ctx, ws.households)
    qtbot.addWidget(wizard)
    wizard.path.setText(str(tmp_path / "geen-bestand.csv"))
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.message.isHidden(), timeout=TIMEOUT)
    assert wizard.message.text() == "Het bestand kan niet worden geopend."

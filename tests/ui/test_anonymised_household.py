"""An anonymised household's page (0022): it says what is left of it, and nothing new can
be started there (a visit or a follow-up would be refused on saving, or counted away)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pytestqt.qtbot import QtBot

from tests.helpers import add_case
from tests.ui.conftest import NewVault, UnlockedWindow
from waakvlam_desktop.domain.households import add_address
from waakvlam_desktop.privacy.retention import close_household, run_retention
from waakvlam_desktop.ui.context import AppContext

TIMEOUT = 20_000


def test_an_anonymised_household_says_so_and_takes_nothing_new(
    qtbot: QtBot, ctx: AppContext, new_vault: NewVault, unlocked_window: UnlockedWindow
) -> None:
    now = ctx.clock.now()
    ctx.clock.set(datetime(2019, 3, 1, 10, 0, tzinfo=UTC))
    vault = new_vault()
    gone = add_case(vault, "Qzoud", number=1)
    with vault.session() as s:  # five homes in West, so that its place is the wijk (0023)
        for number in range(3, 6):
            add_address(
                s,
                street="Lindelaan",
                number=number,
                postcode="3533 AB",
                city="Utrecht",
                wijk="West",
            )
    with vault.session() as s:
        close_household(s, gone["household"])
    ctx.clock.set(now)
    live = add_case(vault, "Qznieuw", number=2)
    assert run_retention(vault, date(2026, 11, 27)).totals()["anonymised"] == 1
    vault.close()
    window, ws = unlocked_window()
    window.resize(1100, 760)

    ws.open_household(gone["household"])
    qtbot.waitUntil(
        lambda: ws.household.data is not None and ws.household.data.detail.id == gone["household"],
        timeout=TIMEOUT,
    )
    page = ws.household
    assert "bewaartermijn is voorbij" in page.draft_banner.text()
    assert "per maand" in page.draft_banner.text()
    assert page.title.text() == "Geanonimiseerd huishouden · West, Utrecht"
    assert not page.badge.isVisibleTo(window)
    for widget in (page.visit_button, page.refer_button, page.actions_tab, page.details_tab):
        assert not widget.isEnabled()
    assert "geanonimiseerd" in page.visit_button.toolTip()
    ws.new_visit_shortcut()  # Ctrl+N: no editor opens
    qtbot.wait(100)
    assert ws.stack.currentWidget() is ws._household

    # A household that stays: everything is open again.
    ws.open_household(live["household"])
    qtbot.waitUntil(
        lambda: ws.household.data is not None and ws.household.data.detail.id == live["household"],
        timeout=TIMEOUT,
    )
    assert "bewaartermijn" not in page.draft_banner.text()
    assert page.badge.isVisibleTo(window) and "Qznieuw" in page.title.text()
    for widget in (page.visit_button, page.refer_button, page.actions_tab, page.details_tab):
        assert widget.isEnabled()
    assert "geanonimiseerd" not in page.visit_button.toolTip()
    ws.new_visit_shortcut()
    qtbot.waitUntil(lambda: ws.editor.data is not None, timeout=TIMEOUT)

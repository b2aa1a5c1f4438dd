"""``signal_observation.visit_month`` equals its visit's month on every path (0020,
``storage/signal_months.py``): the claim attacked with raw SQL, as a handover import, a
restore or a corrected visit date would write."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, text

from tests.helpers import committed_engine, downgrade
from waakvlam_desktop.domain.households import add_address, add_household
from waakvlam_desktop.domain.types import VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.storage.ids import stored_id
from waakvlam_desktop.storage.migrate import current_revision, upgrade
from waakvlam_desktop.storage.vault import Vault

# Signs whose month differs from their visit's (or is missing): must stay empty.
WRONG = """SELECT o.id, o.visit_month, v.visited_at
    FROM signal_observation o JOIN visit v ON v.id = o.visit_id
    WHERE o.visit_month IS NOT 100 * strftime('%Y', v.visited_at) + strftime('%m', v.visited_at)"""


def _months(con: Connection) -> dict[str, int | None]:
    return {
        row[0]: row[1]
        for row in con.execute(text("SELECT remark, visit_month FROM signal_observation"))
    }


def test_every_path_keeps_each_sign_at_its_visits_month(vault: Vault) -> None:
    with vault.session() as s:
        address = add_address(s, street="Proefstraat", number=1, postcode="1234 AB", city="Proef")
        hid = add_household(s, address.id, "fam. Proef").id
        visit = record_visit(
            s,
            VisitInput(
                hid,
                VisitKind.REGULIER,
                visited_at=datetime(2026, 10, 31, 23, 30),
                signals=[
                    SignalInput("financien.ongeopende_post", 2, "app"),
                    SignalInput("sociaal.eenzaamheid", 1, "verplaatst"),
                ],
            ),
        )
        other = record_visit(
            s, VisitInput(hid, VisitKind.REGULIER, visited_at=datetime(2026, 11, 2, 9, 0))
        )
        visit_id, other_id = stored_id(visit.visit_id), stored_id(other.visit_id)
    assert vault.engine is not None
    with vault.engine.begin() as con:
        # The app writes no month: the insert trigger sets it from the visit.
        assert _months(con) == {"app": 202610, "verplaatst": 202610}

        # A wrong month written directly is put right at once.
        con.execute(text("UPDATE signal_observation SET visit_month = 199901"))
        con.execute(text("UPDATE signal_observation SET visit_month = NULL WHERE remark = 'app'"))
        assert _months(con) == {"app": 202610, "verplaatst": 202610}

        # A sign moved to another visit takes that visit's month.
        con.execute(
            text("UPDATE signal_observation SET visit_id = :v WHERE remark = 'verplaatst'"),
            {"v": other_id},
        )
        assert _months(con) == {"app": 202610, "verplaatst": 202611}

        # A corrected visit date moves its signs to the new month.
        con.execute(
            text("UPDATE visit SET visited_at = '2026-09-15 10:00:00.000000' WHERE id = :v"),
            {"v": visit_id},
        )
        assert _months(con) == {"app": 202609, "verplaatst": 202611}

        # A sign written before its visit (as an import in any table order may, with the
        # foreign keys checked at the commit) gets the month once the visit arrives.
        con.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        late = stored_id("0b0b0b0b-0000-4000-8000-000000000001")
        con.execute(
            text(
                "INSERT INTO signal_observation (id, visit_id, household_id, item_id, severity,"
                " remark, visit_month, created_at, updated_at)"
                " SELECT :id, :visit, household_id, item_id, 1, 'vooruit', 200001,"
                " created_at, updated_at FROM signal_observation WHERE remark = 'app'"
            ),
            {"id": stored_id("0c0c0c0c-0000-4000-8000-000000000001"), "visit": late},
        )
        assert _months(con)["vooruit"] is None  # no visit yet: no month to give
        con.execute(
            text(
                "INSERT INTO visit (id, household_id, address_id, staff_id, visited_at, kind,"
                " notes, created_at, updated_at)"
                " SELECT :id, household_id, address_id, staff_id, '2025-12-24 18:00:00.000000',"
                " kind, '', created_at, updated_at FROM visit WHERE id = :v"
            ),
            {"id": late, "v": visit_id},
        )
        assert _months(con)["vooruit"] == 202512
        assert con.execute(text(WRONG)).all() == []


def test_the_upgrade_gives_every_older_sign_its_visits_month(tmp_path: Path) -> None:
    """The committed vault of 0019 (signs of several eras) upgraded: no sign without its
    month; and the downgrade takes the column, its index and its triggers away again."""
    engine = committed_engine("0019", tmp_path / "vault")
    try:
        with engine.connect() as con:
            signs = con.execute(text("SELECT count(*) FROM signal_observation")).scalar_one()
        assert signs >= 3
        upgrade(engine, "0020")
        with engine.connect() as con:
            assert con.execute(text(WRONG)).all() == []
            filled = "SELECT count(*) FROM signal_observation WHERE visit_month IS NOT NULL"
            assert con.execute(text(filled)).scalar_one() == signs
        downgrade(engine, "0019")
        assert current_revision(engine) == "0019"
        with engine.connect() as con:
            objects = {
                name
                for (name,) in con.execute(
                    text(
                        "SELECT name FROM sqlite_master WHERE name LIKE '%month%'"
                        " OR sql LIKE '%visit_month%'"
                    )
                )
            }
        assert objects == set()
    finally:
        engine.dispose()

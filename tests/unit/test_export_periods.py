"""Export periods (issue #13 D): each partner's grid, no overlap, nothing unfinished or in
the future, boundaries on Dutch calendar days."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.bundle_helpers import World, build_world
from waakvlam_desktop.bundles.collect import collect_aggregate
from waakvlam_desktop.bundles.export import export_bundle, preview_export
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain import households
from waakvlam_desktop.domain.exports import (
    Period,
    due_exports,
    offered_periods,
    period_bounds_utc,
)
from waakvlam_desktop.domain.partners import add_partner, get_partner
from waakvlam_desktop.domain.types import DataProfile, ExportSchedule, PartnerType, VisitKind
from waakvlam_desktop.domain.visits import VisitInput, record_visit
from waakvlam_desktop.errors import ExportError
from waakvlam_desktop.storage.vault import Vault


@pytest.fixture
def world(vault: Vault) -> World:
    return build_world(vault)


def _partner(world: World, name: str, schedule: ExportSchedule) -> str:
    with world.vault.session() as s:
        return add_partner(
            s,
            name=name,
            type=PartnerType.GEMEENTE,
            recipients=[str(world.identity.to_public())],
            profile=DataProfile.AGGREGATE,
            schedule=schedule,
        ).id


def _refused(world: World, partner_id: str, label: str) -> str:
    with world.vault.session() as s, pytest.raises(ExportError) as caught:
        preview_export(s, partner_id, Period.parse(label))
    return str(caught.value)


def test_unfinished_and_future_periods_are_refused(world: World, clock: FixedClock) -> None:
    clock.set(datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
    monthly = _partner(world, "Gemeente maand", ExportSchedule.MONTHLY)
    message = _refused(world, monthly, "2026-12")
    assert message == (
        "Periode 2026-12 is nog niet voorbij (loopt tot en met 31-12-2026); de cijfers ervan"
        " kunnen vanaf 01-01-2027 worden geëxporteerd."
    )
    assert "nog niet voorbij" in _refused(world, world.partners["Gemeente"], "2026-Q4")
    assert "nog niet begonnen" in _refused(world, monthly, "2031-12")
    assert "nog niet begonnen" in _refused(world, world.partners["Gemeente"], "2031-Q4")
    # A case bundle may cover the running month (a referral cannot wait), not the future.
    assert "nog niet begonnen" in _refused(world, world.partners["Wijkteam"], "2031-Q4")
    with world.vault.session() as s:
        assert preview_export(s, world.partners["Wijkteam"], Period.parse("2026-12")).ready
        assert preview_export(s, monthly, Period.parse("2026-11")).ready


def test_period_boundaries_are_dutch_dates(world: World, clock: FixedClock) -> None:
    monthly = _partner(world, "Gemeente maand", ExportSchedule.MONTHLY)
    clock.set(datetime(2026, 12, 31, 22, 30, tzinfo=UTC))  # 23:30 in Amsterdam
    assert "nog niet voorbij" in _refused(world, monthly, "2026-12")
    clock.set(datetime(2026, 12, 31, 23, 30, tzinfo=UTC))  # 00:30 on 1 January
    with world.vault.session() as s:
        assert preview_export(s, monthly, Period.parse("2026-12")).ready
    # Summer time: October starts at 22:00 UTC on 30 September.
    assert period_bounds_utc(Period.parse("2026-10")) == (
        datetime(2026, 9, 30, 22, 0),
        datetime(2026, 10, 31, 23, 0),
    )
    # A visit at 00:30 on 1 November Dutch time (23:30 UTC on 31 October) is November's.
    with world.vault.session() as s:
        cpx = households.add_complex(s, "Het Anker", wijk="Zuilen")
        addr = households.add_address(
            s, street="Ankerweg", number=1, postcode="3554 AA", city="Utrecht", complex_id=cpx.id
        )
        hid = households.add_household(s, addr.id, "fam. Anker").id
    with world.vault.session() as s:
        record_visit(
            s,
            VisitInput(
                hid, VisitKind.REGULIER, visited_at=datetime(2026, 10, 31, 23, 30, tzinfo=UTC)
            ),
        )

    def visited(label: str) -> int:
        with world.vault.session() as s:
            content = collect_aggregate(s, get_partner(s, monthly), Period.parse(label), 1)
        (cell,) = [
            c for c in content.data["cellen"] if c["gebied"] == "Zuilen" and c["maat"] == "bezocht"
        ]
        return int(cell["huishoudens"])

    assert (visited("2026-10"), visited("2026-11")) == (0, 1)


def test_each_partner_has_a_grid_and_no_overlap(
    world: World, clock: FixedClock, tmp_path: Path
) -> None:
    clock.set(datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
    monthly = _partner(world, "Gemeente maand", ExportSchedule.MONTHLY)
    any_period = _partner(world, "Onderzoek", ExportSchedule.NONE)
    assert "krijgt cijfers per maand" in _refused(world, monthly, "2026-Q3")
    assert "krijgt cijfers per kwartaal" in _refused(world, world.partners["Gemeente"], "2026-10")
    with world.vault.session() as s:
        months = [p.label for p in offered_periods(s, get_partner(s, monthly))]
        assert months[:3] == ["2026-11", "2026-10", "2026-09"] and len(months) == 12
        both = [p.label for p in offered_periods(s, get_partner(s, any_period))]
        assert both[:4] == ["2026-11", "2026-10", "2026-Q3", "2026-09"]
    for partner, label in ((monthly, "2026-11"), (any_period, "2026-08")):
        with world.vault.session() as s:
            export_bundle(s, partner, Period.parse(label), tmp_path)
    assert "overlapt met 2026-11" in _refused(world, monthly, "2026-11")
    assert "overlapt met 2026-08" in _refused(world, any_period, "2026-Q3")
    with world.vault.session() as s:
        assert offered_periods(s, get_partner(s, monthly))[0].label == "2026-10"
        left = [p.label for p in offered_periods(s, get_partner(s, any_period))]
        assert "2026-08" not in left and "2026-Q3" not in left and "2026-09" in left
    # Case bundles may be made again for the same period (they carry the current state).
    with world.vault.session() as s:
        export_bundle(s, world.partners["Wijkteam"], Period.parse("2026-11"), tmp_path)
    with world.vault.session() as s:
        export_bundle(s, world.partners["Wijkteam"], Period.parse("2026-11"), tmp_path)


def test_complexes_of_the_same_name_stay_apart(world: World) -> None:
    with world.vault.session() as s:
        twin = households.add_complex(s, "De Linde", code="C-2", wijk="Overvecht")
        addr = households.add_address(
            s, street="Lindeplein", number=1, postcode="3533 AC", city="Utrecht", complex_id=twin.id
        )
        households.add_household(s, addr.id, "fam. Linde")
    with world.vault.session() as s:
        content = collect_aggregate(
            s,
            get_partner(s, world.partners["Gemeente"]),
            Period.parse("2026-11"),
            5,
            level="complex",
        )
    totals = {
        c["gebied"]: c["huishoudens"]
        for c in content.data["cellen"]
        if c["maat"] == "huishoudens" and c["categorie"] == "totaal"
    }
    assert totals == {"De Linde (C-1)": 7, "De Linde (C-2)": None}


def test_due_exports_skip_a_period_already_covered(
    world: World, clock: FixedClock, tmp_path: Path
) -> None:
    """A partner whose schedule went from monthly to quarterly: Q4 overlaps December."""
    clock.set(datetime(2027, 1, 5, 8, 0, tzinfo=UTC))
    partner = _partner(world, "Gemeente wissel", ExportSchedule.MONTHLY)
    with world.vault.session() as s:
        export_bundle(s, partner, Period.parse("2026-12"), tmp_path)
        get_partner(s, partner).schedule = ExportSchedule.QUARTERLY.value
    with world.vault.session() as s:
        due = {d.partner_name: d.period.label for d in due_exports(s)}
    assert due["Gemeente"] == "2026-Q4" and "Gemeente wissel" not in due

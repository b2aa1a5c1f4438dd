"""The Overzicht figures against direct SQL counts on a demo vault (300 households)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from tests.conftest import PASSPHRASE
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain import households
from waakvlam_desktop.domain.demo import fixed_demo_now, generate_demo
from waakvlam_desktop.domain.overview import (
    Overview,
    OverviewFilter,
    compute_overview,
    filter_options,
    find_complex,
    month_window,
    to_csv,
)
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.errors import NotFoundError
from waakvlam_desktop.storage.ids import stored_id
from waakvlam_desktop.storage.models import Complex
from waakvlam_desktop.storage.vault import Vault

LEVELS = ("geen", "aandacht", "zorg", "acuut")
STATUSES = ("concept", "verstuurd", "ontvangen", "in_behandeling", "afgesloten", "geannuleerd")
TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    folder: Path = tmp_path_factory.mktemp("overview") / "vault"
    v = Vault.create(folder, PASSPHRASE, kdf_target_seconds=0, clock=FixedClock(fixed_demo_now()))
    with v.session() as s:
        v.actor = initialise(s, organisation="Demo", staff_name="Demo").id
    generate_demo(v.session, 300, seed=3)
    with v.session() as s:  # a few households that are closed, and one without a complex
        s.execute(
            text(
                "UPDATE household SET status = 'gesloten' WHERE id IN"
                " (SELECT id FROM household ORDER BY id LIMIT 7)"
            )
        )
        addr = households.add_address(
            s, street="Losse Weg", number=1, postcode="3511 AB", city="Utrecht", wijk="Overvecht"
        )
        hh = households.add_household(s, addr.id, "fam. Los")
        hh.next_check_in = date(2026, 1, 1)
        hh.concern_level = "zorg"
    yield v
    v.close()


def scalar(v: Vault, sql: str, **params: Any) -> int:
    """Raw SQL: a complex's id as the scope (text, as the app has it) is bound as stored."""
    if isinstance(params.get("scope"), str):
        params["scope"] = stored_id(params["scope"])
    with v.session() as s:
        return int(s.execute(text(sql), params).scalar_one())


def month_bounds(months: int = 12) -> list[tuple[str, str, str]]:
    """(key, first day, first day of the next month) counted back from TODAY, by hand."""
    out = []
    y, m = TODAY.year, TODAY.month
    for _ in range(months):
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        out.append((f"{y}-{m:02d}", f"{y}-{m:02d}-01", f"{ny}-{nm:02d}-01"))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return list(reversed(out))


# Scopes as raw SQL conditions on an address alias ``a`` (independent of the module's filter).
def scope_sql(kind: str, value: str | None) -> str:
    if kind == "all":
        return "1=1"
    if kind == "complex":
        return "a.complex_id = :scope"
    return "a.wijk = :scope"  # demo addresses carry their wijk themselves


def scopes(v: Vault) -> list[tuple[str, str | None, OverviewFilter]]:
    with v.session() as s:
        cid = s.scalars(select(Complex.id).order_by(Complex.code).limit(1).offset(2)).one()
    return [
        ("all", None, OverviewFilter()),
        ("complex", cid, OverviewFilter(complex_id=cid)),
        ("wijk", "Overvecht", OverviewFilter(wijk="Overvecht")),
    ]


@pytest.fixture(scope="module")
def computed(demo: Vault) -> list[tuple[str, str | None, Overview]]:
    out = []
    for kind, value, scope in scopes(demo):
        with demo.session() as s:
            out.append((kind, value, compute_overview(s, scope)))
    return out


def test_reference_date_and_months_come_from_the_clock(demo: Vault) -> None:
    with demo.session() as s:
        ov = compute_overview(s)
    assert ov.reference_date == TODAY
    assert ov.months == tuple(k for k, _a, _b in month_bounds())
    assert ov.months[0] == "2025-12" and ov.months[-1] == "2026-11"
    assert set(ov.timings_ms) == {t.key for t in ov.tables}


def test_households_per_level(demo: Vault, computed: list[Any]) -> None:
    for kind, value, ov in computed:
        expected = [
            (
                lv,
                scalar(
                    demo,
                    "SELECT count(*) FROM household h JOIN address a ON a.id = h.address_id"
                    " WHERE h.status = 'open' AND h.concern_level = :lv"
                    f" AND {scope_sql(kind, value)}",
                    lv=lv,
                    scope=value,
                ),
            )
            for lv in LEVELS
        ]
        assert list(ov.households_per_level.rows) == expected, kind
    everything = computed[0][2].households_per_level
    assert everything.total("households") == 300 - 7 + 1  # closed ones do not count
    assert all(n > 0 for _lv, n in everything.rows)


def test_overdue_per_complex(demo: Vault, computed: list[Any]) -> None:
    with demo.session() as s:
        complexes = s.execute(text("SELECT id, name, code FROM complex")).all()
    for kind, value, ov in computed:
        expected = {}
        for cid, name, code in [*complexes, (None, "(geen complex)", "")]:
            cond = "a.complex_id IS NULL" if cid is None else "a.complex_id = :cid"
            per_level = [
                scalar(
                    demo,
                    "SELECT count(*) FROM household h JOIN address a ON a.id = h.address_id"
                    " WHERE h.status = 'open' AND h.next_check_in < :today"
                    f" AND h.concern_level = :lv AND {cond} AND {scope_sql(kind, value)}",
                    today=TODAY.isoformat(),
                    lv=lv,
                    cid=cid,
                    scope=value,
                )
                for lv in LEVELS
            ]
            if sum(per_level):
                expected[name] = (code or "", *per_level, sum(per_level))
        got = {row[0]: row[1:] for row in ov.overdue_per_complex.rows}
        assert got == expected, kind
        totals = [row[-1] for row in ov.overdue_per_complex.rows]
        assert totals == sorted(totals, reverse=True)
    assert "(geen complex)" in {r[0] for r in computed[0][2].overdue_per_complex.rows}
    assert len(computed[0][2].overdue_per_complex.rows) > 3


def test_signals_per_domain_per_month(demo: Vault, computed: list[Any]) -> None:
    for kind, value, ov in computed:
        table = ov.signals_per_domain_month
        domains = [c.key for c in table.columns[1:]]
        assert domains == [
            "woning",
            "financien",
            "gezondheid",
            "sociaal",
            "veiligheid",
            "zelfredzaamheid",
        ]
        expected = []
        for key, start, end in month_bounds():
            counts = [
                scalar(
                    demo,
                    "SELECT count(*) FROM signal_observation o"
                    " JOIN visit v ON v.id = o.visit_id"
                    " JOIN checklist_item i ON i.id = o.item_id"
                    " JOIN address a ON a.id = v.address_id"
                    " WHERE i.domain = :d AND v.visited_at >= :start AND v.visited_at < :end"
                    f" AND {scope_sql(kind, value)}",
                    d=d,
                    start=start,
                    end=end,
                    scope=value,
                )
                for d in domains
            ]
            expected.append((key, *counts))
        assert list(table.rows) == expected, kind
    assert sum(sum(r[1:]) for r in computed[0][2].signals_per_domain_month.rows) > 100


def test_referrals_per_partner_type(demo: Vault, computed: list[Any]) -> None:
    for kind, value, ov in computed:
        table = ov.referrals_per_partner_type
        assert [c.key for c in table.columns] == ["partner_type", *STATUSES, "total"]
        with demo.session() as s:
            types = s.scalars(text("SELECT DISTINCT type FROM partner")).all()
        expected = {}
        for ptype in types:
            per_status = [
                scalar(
                    demo,
                    "SELECT count(*) FROM referral r JOIN partner p ON p.id = r.partner_id"
                    " JOIN household h ON h.id = r.household_id"
                    " JOIN address a ON a.id = h.address_id"
                    f" WHERE p.type = :t AND r.status = :st AND {scope_sql(kind, value)}",
                    t=ptype,
                    st=st,
                    scope=value,
                )
                for st in STATUSES
            ]
            if sum(per_status):
                expected[ptype] = (*per_status, sum(per_status))
        assert {row[0]: row[1:] for row in table.rows} == expected, kind
    assert computed[0][2].referrals_per_partner_type.total("total") == scalar(
        demo, "SELECT count(*) FROM referral"
    )


def test_visits_per_month(demo: Vault, computed: list[Any]) -> None:
    for kind, value, ov in computed:
        expected = []
        for key, start, end in month_bounds():
            where = f"v.visited_at >= :start AND v.visited_at < :end AND {scope_sql(kind, value)}"
            visits = scalar(
                demo,
                f"SELECT count(*) FROM visit v JOIN address a ON a.id = v.address_id WHERE {where}",
                start=start,
                end=end,
                scope=value,
            )
            visited = scalar(
                demo,
                "SELECT count(*) FROM (SELECT DISTINCT v.household_id FROM visit v"
                f" JOIN address a ON a.id = v.address_id WHERE {where})",
                start=start,
                end=end,
                scope=value,
            )
            expected.append((key, visits, visited))
        assert list(ov.visits_per_month.rows) == expected, kind
    assert computed[0][2].visits_per_month.total("visits") > 100


def test_filters_narrow_the_figures(computed: list[Any]) -> None:
    everything, one_complex, one_wijk = (ov for _k, _v, ov in computed)
    for key in ("households", "visits_12_months", "signals_12_months"):
        assert 0 < one_complex.totals()[key] < everything.totals()[key]
        assert 0 < one_wijk.totals()[key] < everything.totals()[key]
    assert len(one_complex.overdue_per_complex.rows) <= 1


def test_wijk_of_the_complex_counts_when_the_address_has_none(vault: Vault) -> None:
    with vault.session() as s:
        cpx = households.add_complex(s, "De Eik", code="E1", wijk="Selwerd")
        a1 = households.add_address(
            s, street="A", number=1, postcode="9700 AB", city="Groningen", complex_id=cpx.id
        )
        a2 = households.add_address(
            s, street="A", number=2, postcode="9700 AB", city="Groningen", wijk="Paddepoel"
        )
        households.add_household(s, a1.id, "fam. Een")
        households.add_household(s, a2.id, "fam. Twee")
        options = filter_options(s)
        selwerd = compute_overview(s, OverviewFilter(wijk="Selwerd"))
        paddepoel = compute_overview(s, OverviewFilter(wijk="Paddepoel"))
        nowhere = compute_overview(s, OverviewFilter(wijk="Nergens"))
    assert options.wijken == ("Paddepoel", "Selwerd")
    assert [c.code for c in options.complexes] == ["E1"]
    assert selwerd.totals()["households"] == 1
    assert paddepoel.totals()["households"] == 1
    assert nowhere.totals() == {
        "households": 0,
        "overdue": 0,
        "visits_12_months": 0,
        "signals_12_months": 0,
        "referrals_open": 0,
    }


def test_empty_vault(vault: Vault) -> None:
    with vault.session() as s:
        ov = compute_overview(s)
    assert ov.households_per_level.rows == (("geen", 0), ("aandacht", 0), ("zorg", 0), ("acuut", 0))
    assert ov.overdue_per_complex.rows == ()
    assert ov.referrals_per_partner_type.rows == ()
    assert len(ov.visits_per_month.rows) == 12


def test_filter_options_and_find_complex(demo: Vault) -> None:
    with demo.session() as s:
        options = filter_options(s)
        wijken = s.scalars(text("SELECT DISTINCT wijk FROM address WHERE wijk != '' ORDER BY 1"))
        assert options.wijken == tuple(wijken)
        assert len(options.complexes) == scalar(demo, "SELECT count(*) FROM complex")
        first = options.complexes[0]
        assert find_complex(s, first.code or "").id == first.id
        assert find_complex(s, first.name.upper()).id == first.id
        with pytest.raises(NotFoundError, match="bestaat niet"):
            find_complex(s, "Bestaat Niet")
        households.add_complex(s, first.name, code="DUBBEL")
        with pytest.raises(NotFoundError, match="complexnummer"):
            find_complex(s, first.name)
        s.rollback()


def test_csv_for_dutch_excel(computed: list[Any]) -> None:
    ov = computed[0][2]
    out = to_csv(ov.households_per_level)
    assert out.startswith('\ufeff"Zorgniveau";"Huishoudens"\r\n')  # BOM, text quoted, CRLF
    rows = list(csv.reader(io.StringIO(out[1:]), delimiter=";"))
    assert rows[1][0] == "geen zorgen"
    assert [int(r[1]) for r in rows[1:]] == [n for _lv, n in ov.households_per_level.rows]
    english = to_csv(ov.referrals_per_partner_type, "en")
    header = next(csv.reader(io.StringIO(english[1:]), delimiter=";"))
    assert header == [
        "Partner type",
        "draft",
        "sent",
        "received",
        "in progress",
        "closed",
        "cancelled",
        "Total",
    ]
    signals = list(csv.reader(io.StringIO(to_csv(ov.signals_per_domain_month)[1:]), delimiter=";"))
    assert signals[0][-2:] == ["Veiligheid", "Zelfredzaamheid"]
    assert signals[1][0] == "2025-12"


def test_month_window_over_a_year_boundary() -> None:
    keys, start, end = month_window(date(2027, 1, 15), 3)
    assert keys == ["2026-11", "2026-12", "2027-01"]
    assert (start.isoformat(), end.isoformat()) == ("2026-11-01T00:00:00", "2027-02-01T00:00:00")

"""Buurt: the log per complex (#18 A) — events, complex signs, actions, the households."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from waakvlam_desktop.domain import connect, households, neighbourhood, partners
from waakvlam_desktop.domain.demo import generate_demo
from waakvlam_desktop.domain.neighbourhood import ActionInput, EventInput
from waakvlam_desktop.domain.overview import OverviewFilter
from waakvlam_desktop.domain.types import (
    ConcernLevel,
    FollowUpStatus,
    PartnerType,
    VisitKind,
)
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.errors import (
    BsnLikeError,
    NotFoundError,
    TransitionError,
    ValidationError,
)
from waakvlam_desktop.storage.models import (
    AuditEvent,
    NeighbourhoodAction,
    NeighbourhoodEvent,
    NeighbourhoodSignal,
)
from waakvlam_desktop.storage.vault import Vault


def _complex_with_households(vault: Vault) -> dict[str, str]:
    with vault.session() as s:
        cpx = households.add_complex(s, "De Linde", code="C-LIN", wijk="Noord")
        other = households.add_complex(s, "Het Anker", wijk="Zuid")
        ids = {"complex": cpx.id, "other": other.id}
        for number, label in ((1, "fam. Bakker"), (2, "mw. Smit")):
            addr = households.add_address(
                s,
                street="Lindelaan",
                number=number,
                postcode="3511 AB",
                city="Utrecht",
                complex_id=cpx.id,
            )
            ids[label] = households.add_household(s, addr.id, label).id
        addr = households.add_address(
            s, street="Ankerweg", number=9, postcode="3512 AB", city="Utrecht", complex_id=other.id
        )
        ids["elsewhere"] = households.add_household(s, addr.id, "fam. Elders").id
        partners.add_partner(s, name="Wijkteam Noord", type=PartnerType.WIJKTEAM)
    with vault.session() as s:
        record_visit(
            s,
            VisitInput(
                ids["mw. Smit"], VisitKind.REGULIER, signals=[SignalInput("woning.vervuiling", 3)]
            ),
        )
    return ids


def _counts(vault: Vault) -> tuple[int, int, int, int]:
    with vault.session() as s:
        return (
            s.scalar(select(func.count()).select_from(NeighbourhoodEvent)) or 0,
            s.scalar(select(func.count()).select_from(NeighbourhoodSignal)) or 0,
            s.scalar(select(func.count()).select_from(NeighbourhoodAction)) or 0,
            s.scalar(select(func.count()).select_from(AuditEvent)) or 0,
        )


def test_an_incident_with_an_action_and_a_complex_signal_is_in_the_log(vault: Vault) -> None:
    ids = _complex_with_households(vault)
    with vault.session() as s:
        result = neighbourhood.add_event(
            s,
            EventInput(
                complex_id=ids["complex"],
                kind="incident",
                note="Brand in de kelderbox; buren geschrokken.",
                occurred_on=date(2026, 11, 20),
                signals=[("buurt.onveilige_situatie", 3)],
                partners=["Wijkteam Noord"],
                actions=[ActionInput("Kelderboxen laten controleren", date(2026, 12, 4))],
            ),
        )
        neighbourhood.add_event(
            s,
            EventInput(ids["other"], "activiteit", "Koffieochtend in de recreatieruimte."),
        )
    with vault.session() as s:
        log = neighbourhood.complex_log(s, "de linde")  # by name, case-insensitive
        by_code = neighbourhood.complex_log(s, "C-LIN")
        audited = set(
            s.scalars(select(AuditEvent.entity).where(AuditEvent.action == "create")).all()
        )
    assert log == by_code and log.complex.id == ids["complex"]
    [event] = log.events  # the other complex's activity is not here
    assert event.id == result.event_id and event.kind == "incident"
    assert (event.kind_nl, event.kind_en) == ("Incident", "Incident")
    assert event.partners == ("Wijkteam Noord",)
    assert [(g.code, g.label_nl, g.severity) for g in event.signals] == [
        ("buurt.onveilige_situatie", "Onveilige situatie", 3)
    ]
    assert [a.description for a in event.actions] == ["Kelderboxen laten controleren"]
    assert [(a.id, a.due_on) for a in log.open_actions] == [
        (result.action_ids[0], date(2026, 12, 4))
    ]
    # The households there, compact, most concern first; not the one in the other complex.
    assert [(h.label, h.level, h.address) for h in log.households] == [
        ("mw. Smit", ConcernLevel.ZORG, "Lindelaan 2"),
        ("fam. Bakker", ConcernLevel.GEEN, "Lindelaan 1"),
    ]
    assert log.figures["events_12_months"] == 1 and log.figures["signals_12_months"] == 1
    assert log.figures["households_zorg"] == 1 and log.figures["open_actions"] == 1
    # Every new row is an audit event.
    assert {
        "neighbourhood_event",
        "neighbourhood_event_partner",
        "neighbourhood_signal",
        "neighbourhood_action",
    } <= audited
    with vault.session() as s:
        neighbourhood.set_action_status(s, result.action_ids[0], FollowUpStatus.DONE)
    with vault.session() as s:
        assert neighbourhood.open_actions(s, ids["complex"]) == []
        with pytest.raises(TransitionError):
            neighbourhood.set_action_status(s, result.action_ids[0], FollowUpStatus.DONE)


def test_counts_per_month_for_the_overview(vault: Vault) -> None:
    ids = _complex_with_households(vault)
    with vault.session() as s:
        for day, signals in (
            (date(2026, 10, 3), [("buurt.eenzaamheid", 2), ("buurt.wisselingen", 1)]),
            (date(2026, 11, 2), []),
            (date(2026, 11, 25), [("buurt.vervuiling_portiek", 2)]),
            (date(2025, 1, 1), [("buurt.vervuiling_portiek", 1)]),  # outside the window
        ):
            neighbourhood.add_event(
                s, EventInput(ids["complex"], "overlast", "Geluid 's nachts.", day, signals)
            )
        neighbourhood.add_event(s, EventInput(ids["other"], "activiteit", "Buurtbarbecue."))
    with vault.session() as s:
        table = neighbourhood.neighbourhood_per_month(s, today=date(2026, 11, 27))
        noord = neighbourhood.neighbourhood_per_month(
            s, OverviewFilter(wijk="Noord"), date(2026, 11, 27)
        )
    rows = {r[0]: r[1:] for r in table.rows}
    assert len(table.rows) == 12 and rows["2026-10"] == (1, 2) and rows["2026-11"] == (3, 1)
    assert table.total("events") == 4 and table.total("signals") == 3
    assert {r[0]: r[1:] for r in noord.rows}["2026-11"] == (2, 1)


def test_a_bsn_in_the_note_is_refused_unless_confirmed_as_in_visits(vault: Vault) -> None:
    ids = _complex_with_households(vault)
    before = _counts(vault)
    with pytest.raises(BsnLikeError), vault.session() as s:
        neighbourhood.add_event(s, EventInput(ids["complex"], "incident", "bsn 111222333"))
    with pytest.raises(BsnLikeError), vault.session() as s:
        neighbourhood.add_event(
            s,
            EventInput(
                ids["complex"], "incident", "Lekkage", actions=[ActionInput("bel 111222333")]
            ),
        )
    assert _counts(vault) == before
    with vault.session() as s:
        neighbourhood.add_event(
            s, EventInput(ids["complex"], "incident", "bsn 111222333", allow_bsn_like=True)
        )
    assert _counts(vault)[0] == before[0] + 1


@pytest.mark.parametrize(
    ("complex_name", "kind", "signals", "partner", "error"),
    [
        ("Bestaat Niet", "incident", [], [], NotFoundError),
        ("De Linde", "feestje", [], [], ValidationError),
        ("De Linde", "incident", [("buurt.onbekend", 2)], [], ValidationError),
        ("De Linde", "incident", [("buurt.eenzaamheid", 4)], [], ValidationError),
        ("De Linde", "incident", [], ["Onbekende partner"], NotFoundError),
    ],
)
def test_unknown_complex_kind_signal_or_partner_writes_nothing(
    vault: Vault,
    complex_name: str,
    kind: str,
    signals: list[tuple[str, int]],
    partner: list[str],
    error: type[Exception],
) -> None:
    _complex_with_households(vault)
    before = _counts(vault)
    with pytest.raises(error) as exc, vault.session() as s:
        neighbourhood.add_event(
            s, EventInput(complex_name, kind, "Iets gebeurd.", signals=signals, partners=partner)
        )
    assert "\n" not in str(exc.value) and str(exc.value)
    assert _counts(vault) == before


def test_kinds_and_complex_signals_are_data_with_both_languages() -> None:
    kinds = {k.code: k for k in neighbourhood.event_kinds()}
    assert set(kinds) == {
        "incident",
        "overlast",
        "bewonersbijeenkomst",
        "activiteit",
        "schoonmaakactie",
        "buurtgesprek",
    }
    assert kinds["buurtgesprek"].label("nl") == "Gesprek met buurtbewoners"
    assert kinds["buurtgesprek"].label("en") == "Talk with neighbours"
    codes = {g.code for g in neighbourhood.complex_signals()}
    assert {"buurt.vervuiling_portiek", "buurt.eenzaamheid", "buurt.wisselingen"} <= codes
    assert all(g.label_nl and g.label_en for g in neighbourhood.complex_signals())


def test_the_demo_has_a_few_realistic_events_and_offers(vault: Vault) -> None:
    counts = generate_demo(vault.session, 80, seed=5)
    assert counts["neighbourhood_events"] == 6 and counts["connect_offers"] == 8
    with vault.session() as s:
        first = s.scalars(select(NeighbourhoodEvent.complex_id)).first()
        assert first is not None
        log = neighbourhood.complex_log(s, first)
        assert len(log.events) == 3 and log.households
        assert all(e.kind in {k.code for k in neighbourhood.event_kinds()} for e in log.events)
        table = neighbourhood.neighbourhood_per_month(s)
        assert table.total("events") == 6
        assert connect.suggestions(s)  # Verbinden has something to show

"""Vandaag's "Eerst doen": one ranked list, acute signs first and never lost (#15 A, B)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import event, or_, select
from sqlalchemy.orm import Session

from tests.helpers import add_household
from waakvlam_desktop.clock import FixedClock, local_today
from waakvlam_desktop.domain import followups, households, staff
from waakvlam_desktop.domain.demo import generate_demo
from waakvlam_desktop.domain.settings import load_settings
from waakvlam_desktop.domain.today import NextStep, TodayKind, reason, today_overview
from waakvlam_desktop.domain.types import ConcernLevel, FollowUpStatus, HouseholdStatus, VisitKind
from waakvlam_desktop.domain.visits import (
    SignalInput,
    VisitInput,
    record_acute_response,
    record_visit,
)
from waakvlam_desktop.domain.waakvlam import check_ins_page
from waakvlam_desktop.errors import ImportFileError, TransitionError, ValidationError
from waakvlam_desktop.storage.models import (
    Address,
    Complex,
    FollowUp,
    Household,
    SignalObservation,
)
from waakvlam_desktop.storage.vault import Vault

TODAY = date(2026, 11, 27)


def _overview(vault: Vault, today: date = TODAY):  # type: ignore[no-untyped-def]
    with vault.session() as s:
        return today_overview(s, today, load_settings(s))


def test_empty_vault_has_nothing_first_and_says_so(vault: Vault) -> None:
    ov = _overview(vault)
    assert ov.first == [] and ov.households == 0 and ov.attention_count == 0


def test_acute_sign_not_followed_up_is_first_until_ticked_off(
    vault: Vault, clock: FixedClock
) -> None:
    late = add_household(vault, "mw. Te Laat", 1)
    acute = add_household(vault, "fam. Acuut", 2)
    with vault.session() as s:
        record_visit(
            s,
            VisitInput(late, VisitKind.REGULIER, signals=[SignalInput("woning.vervuiling", 3)]),
        )
    clock.advance(timedelta(days=40))  # zorg: 28 days, so 12 days late
    today = TODAY + timedelta(days=40)
    with vault.session() as s:
        result = record_visit(
            s,
            VisitInput(
                acute,
                VisitKind.SIGNAAL,
                signals=[SignalInput("veiligheid.huiselijk_geweld", 1)],
            ),
        )
    assert result.suggested_level is ConcernLevel.ACUUT  # an acute sign, even severity 1
    ov = _overview(vault, today)
    assert [(i.rank, i.kind, i.household_id) for i in ov.first] == [
        (1, TodayKind.ACUTE, acute),
        (2, TodayKind.CHECK_IN, late),
    ]
    first = ov.first[0]
    assert first.step is NextStep.TICK_OFF and first.level is ConcernLevel.ACUUT
    assert reason(first, "nl").startswith("Signalen huiselijk geweld, licht, ")
    assert "nog niet opgevolgd" in reason(first, "nl")
    assert reason(ov.first[1], "nl") == "bezoek 12 dagen te laat"
    assert ov.attention_count == 2
    # The acute action is not also listed as an ordinary follow-up.
    assert ov.later == [] and all(i.kind is not TodayKind.ACTION for i in ov.first)
    assert first.follow_up_id is not None
    with vault.session() as s:
        followups.set_follow_up_status(s, first.follow_up_id, FollowUpStatus.DONE)
    assert [i.household_id for i in _overview(vault, today).first] == [late]


def test_a_done_step_makes_no_action(vault: Vault) -> None:
    hid = add_household(vault)
    with vault.session() as s:
        record_visit(
            s,
            VisitInput(
                hid,
                VisitKind.SIGNAAL,
                signals=[
                    SignalInput(
                        "veiligheid.huiselijk_geweld", 3, acute_response="Veilig Thuis gebeld"
                    )
                ],
            ),
        )
        obs = s.query(SignalObservation).one()
        assert obs.acute_response == "Veilig Thuis gebeld"
    assert _overview(vault).first == []


def test_an_old_acute_sign_without_answer_asks_what_was_done(vault: Vault) -> None:
    hid = add_household(vault)
    with vault.session() as s:
        record_visit(
            s,
            VisitInput(hid, VisitKind.SIGNAAL, signals=[SignalInput("veiligheid.kinderen", 2)]),
        )
        obs = s.query(SignalObservation).one()
        for fu in obs.visit.household.follow_ups:  # as a vault from before revision 0011
            s.delete(fu)
        obs.acute_response = None
    ov = _overview(vault)
    assert [(i.kind, i.step) for i in ov.first] == [(TodayKind.ACUTE, NextStep.RECORD_RESPONSE)]
    with vault.session() as s:
        record_acute_response(s, ov.first[0].observation_id or "", "advies gevraagd")
    assert _overview(vault).first == []
    with pytest.raises(TransitionError), vault.session() as s:
        record_acute_response(s, ov.first[0].observation_id or "", "nog een keer")


def test_actions_due_and_feedback_follow_check_ins(vault: Vault) -> None:
    hid = add_household(vault)
    with vault.session() as s:
        followups.add_follow_up(s, hid, "Bellen met wijkteam", TODAY - timedelta(days=2))
        followups.add_follow_up(s, hid, "Later", TODAY + timedelta(days=5))
    ov = _overview(vault)
    assert [i.kind for i in ov.first] == [TodayKind.ACTION]
    assert reason(ov.first[0], "nl", lambda d: d.strftime("%d-%m")) == (
        "actie uiterlijk 25-11: Bellen met wijkteam"
    )
    assert [f.description for f in ov.later] == ["Later"]


def test_my_complexes_filter_the_list(vault: Vault) -> None:
    with vault.session() as s:
        mine = households.add_complex(s, "De Linde")
        other = households.add_complex(s, "Het Anker")
        ids = {}
        for n, cpx in ((1, mine), (2, other)):
            addr = households.add_address(
                s, street="Lindelaan", number=n, postcode="3511 AB", city="Utrecht",
                complex_id=cpx.id,
            )  # fmt: skip
            ids[cpx.id] = households.add_household(s, addr.id, f"fam. {n}").id
        for hid in ids.values():
            followups.add_follow_up(s, hid, "Bellen", TODAY)
        me = staff.list_staff(s)[0].id
        staff.set_complexes(s, me, [mine.id])
        assert staff.complexes_of(s, me) == frozenset({mine.id})
        assert [c.mine for c in staff.complex_choices(s, me)] == [True, False]  # by name
    with vault.session() as s:
        settings = load_settings(s)
        everyone = today_overview(s, TODAY, settings)
        only = today_overview(s, TODAY, settings, frozenset({mine.id}))
    assert {i.household_id for i in everyone.first} == set(ids.values())
    assert [i.household_id for i in only.first] == [ids[mine.id]]
    with vault.session() as s:
        staff.set_complexes(s, me, [])
        assert staff.complexes_of(s, me) == frozenset()


def test_staff_complexes_by_import(vault: Vault) -> None:
    with vault.session() as s:
        households.add_complex(s, "De Linde", code="LH-1")
        households.add_complex(s, "Het Anker")
        me = staff.list_staff(s)[0]
        data = f"medewerker;complex\n{me.name};LH-1\n{me.name};het anker\n".encode()
        assert staff.import_staff_complexes(s, data, dry_run=True).added == 2
        assert staff.complexes_of(s, me.id) == frozenset()
        result = staff.import_staff_complexes(s, data)
        assert (result.rows, result.added) == (2, 2)
        assert len(staff.complexes_of(s, me.id)) == 2
        assert staff.import_staff_complexes(s, data).added == 0  # adds, never twice
    with (
        pytest.raises(ValidationError, match="Regel 2: er is geen medewerker"),
        vault.session() as s,
    ):
        staff.import_staff_complexes(s, b"medewerker;complex\nNiemand;LH-1\n")
    with pytest.raises(ImportFileError, match="kolom 'medewerker'"), vault.session() as s:
        staff.import_staff_complexes(s, b"naam van iemand;iets\nx;y\n")


def test_a_limit_cuts_the_lists_but_not_their_ranks_and_counts(vault: Vault) -> None:
    """Vandaag asks for the first 150 rows of each list (#16): the rows are the first ones of
    the whole lists, in the same order and with the same ranks, and the counts (the number
    next to Vandaag, the cards' titles) are those of the whole lists."""
    generate_demo(vault.session, 80, seed=3)
    with vault.session() as s:
        settings = load_settings(s)
        day = local_today(s.info["clock"]) + timedelta(days=10)  # more of everything late
        full = today_overview(s, day, settings)
        cut = today_overview(s, day, settings, limit=2)
        wide = today_overview(s, day, settings, limit=100_000)
    kinds = {i.kind for i in full.first}
    assert {TodayKind.CHECK_IN, TodayKind.ACTION} <= kinds
    assert len(full.first) > 2 and len(full.due) > 2 and len(full.later) > 2
    assert [i.rank for i in full.first] == list(range(1, len(full.first) + 1))
    # the overdue check-ins, sorted in SQL as the rule says: level, days late, address
    late = [i for i in full.first if i.kind is TodayKind.CHECK_IN]
    assert late == sorted(late, key=lambda c: (-c.level.rank, -c.days_late, c.address))
    assert full.due == sorted(full.due, key=lambda c: (c.due, -c.level.rank, c.address))
    assert cut.first == full.first[:2]
    assert cut.due == full.due[:2] and cut.later == full.later[:2]
    assert cut.waiting == full.waiting[:2]
    counts = (full.attention_count, full.due_count, full.later_count, full.waiting_count)
    assert counts == (len(full.first), len(full.due), len(full.later), len(full.waiting))
    assert (cut.attention_count, cut.due_count, cut.later_count, cut.waiting_count) == counts
    assert (wide.first, wide.due, wide.later, wide.waiting) == (
        full.first,
        full.due,
        full.later,
        full.waiting,
    )
    assert wide.attention_count == full.attention_count


def test_cut_lists_hold_only_the_households_shown(vault: Vault) -> None:
    """The lists are cut in SQL (#16), so the households Vandaag leaves out (closed ones,
    and with "Mijn complexen" other complexes) must be left out before the cut, not after:
    otherwise a cut list would come up short and its count be wrong. Feedback is the
    exception: it is shown for closed households too (without a level), unless only some
    complexes are."""
    generate_demo(vault.session, 160, seed=4)
    with vault.session() as s:
        day = local_today(s.info["clock"])
        hids = [h for (h,) in s.execute(select(Household.id).order_by(Household.id))]
        closed = set(hids[::3])  # a third closed, spread over the complexes
        for hid in closed:
            s.get_one(Household, hid).status = HouseholdStatus.CLOSED.value
        mine = frozenset(c for (c,) in s.execute(select(Complex.id).order_by(Complex.id).limit(2)))
        in_mine = {
            h
            for (h,) in s.execute(
                select(Household.id)
                .join(Address, Address.id == Household.address_id)
                .where(Address.complex_id.in_(mine))
            )
        }
        settings = load_settings(s)
        for complex_ids, shown in ((None, set(hids) - closed), (mine, in_mine - closed)):
            full = today_overview(s, day, settings, complex_ids)
            cut = today_overview(s, day, settings, complex_ids, limit=3)
            acting = [i for i in full.first if i.kind is not TodayKind.FEEDBACK]
            assert {i.household_id for i in acting} <= shown
            assert {f.household_id for f in full.later} <= shown
            feedback = [i for i in full.first if i.kind is TodayKind.FEEDBACK]
            feedback_hids = {i.household_id for i in feedback} | {
                w.household_id for w in full.waiting
            }
            if complex_ids is None:
                assert feedback_hids & closed  # the demo has feedback waiting there
                assert {i.level for i in feedback if i.household_id in closed} == {
                    ConcernLevel.GEEN
                }
            else:
                assert feedback_hids <= shown
            assert cut.first == full.first[:3]
            assert (cut.later, cut.waiting) == (full.later[:3], full.waiting[:3])
            assert min(len(full.first), len(full.later), len(full.waiting)) > 3  # cut
            assert (cut.attention_count, cut.later_count, cut.waiting_count) == (
                len(full.first),
                len(full.later),
                len(full.waiting),
            )
            assert full.households == cut.households == len(shown)


def test_overdue_check_ins_cut_anywhere_are_the_first_of_the_whole_list(vault: Vault) -> None:
    """The overdue check-ins are read one concern level at a time (#16): a cut inside a
    level, at a level's end or past the last one gives the first rows of the whole list,
    in the rule's order, and the count of all of them; with "Mijn complexen" too."""
    generate_demo(vault.session, 120, seed=6)
    with vault.session() as s:
        settings = load_settings(s)
        day = local_today(s.info["clock"]) + timedelta(days=20)
        mine = frozenset(c for (c,) in s.execute(select(Complex.id).order_by(Complex.id).limit(2)))
        for complex_ids in (None, mine):
            whole = check_ins_page(s, day, settings, complex_ids=complex_ids).overdue
            # Every overdue open household, found here without the app's query.
            expected = {
                h.id
                for h, complex_id in s.execute(
                    select(Household, Address.complex_id).join(
                        Address, Address.id == Household.address_id
                    )
                ).all()
                if h.status == HouseholdStatus.OPEN.value
                and h.next_check_in is not None
                and h.next_check_in < day
                and (complex_ids is None or complex_id in complex_ids)
            }
            assert sorted(c.household_id for c in whole) == sorted(expected)
            levels = [c.level for c in whole]
            if complex_ids is None:
                assert set(levels) == set(ConcernLevel)  # cuts cross every level
            assert whole == sorted(whole, key=lambda c: (-c.level.rank, -c.days_late, c.address))
            ends = [n for n in range(1, len(levels)) if levels[n] != levels[n - 1]]
            for n in sorted({1, *ends, *(e + 1 for e in ends), len(whole), len(whole) + 1}):
                page = check_ins_page(s, day, settings, complex_ids=complex_ids, limit=n)
                assert page.overdue == whole[:n], n
                assert page.overdue_total == len(whole), n


def _plans(vault: Vault, s: Session, run: Callable[[], object]) -> dict[str, str]:
    """SQLite's own plan of each statement ``run`` sends, in the order sent (the steps
    joined by " | ")."""
    statements: list[tuple[str, object]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    event.listen(vault.engine, "before_cursor_execute", keep)
    try:
        run()
    finally:
        event.remove(vault.engine, "before_cursor_execute", keep)
    return {
        statement: " | ".join(
            row[3]
            for row in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
        )
        for statement, parameters in statements
    }


def test_vandaag_reads_the_overdue_check_ins_along_their_index(vault: Vault) -> None:
    """What makes the cut cheap at 50,000 households: each level's first rows come from
    ``ix_household_level_due`` in date order (only the address part of the order is
    sorted), and the counts from that index alone; the check-ins due soon keep the date's
    index and are counted from the new one (SQLite's own plans for the app's SQL)."""
    generate_demo(vault.session, 30, seed=7)
    with vault.session() as s:
        settings = load_settings(s)
        day = local_today(s.info["clock"])
        plans = _plans(vault, s, lambda: check_ins_page(s, day, settings, limit=1))
    per_level = {st: p for st, p in plans.items() if "concern_level = ?" in st}
    rows = [p for st, p in per_level.items() if "count(*)" not in st]
    counts = [p for st, p in per_level.items() if "count(*)" in st]
    assert rows and counts
    # The check-ins due soon, a date range over every level, keep the date's own index.
    (soon,) = [p for st, p in plans.items() if "next_check_in >= ?" in st and "count(*)" not in st]
    assert "USING INDEX ix_household_next_check_in (next_check_in>? AND next_check_in<?)" in soon
    # ... and are counted from the new index alone, one seek per level.
    (soon_count,) = [
        p for st, p in plans.items() if "next_check_in >= ?" in st and "count(*)" in st
    ]
    assert "USING COVERING INDEX ix_household_level_due (concern_level=?" in soon_count, soon_count
    for plan in rows:
        assert "USING INDEX ix_household_level_due" in plan, plan
        assert "LAST 2 TERMS OF ORDER BY" in plan and "FOR ORDER BY" not in plan.replace(
            "LAST 2 TERMS OF ORDER BY", ""
        ), plan
    for plan in counts:
        assert "USING COVERING INDEX ix_household_level_due" in plan, plan
        assert "address" not in plan, plan


def test_open_actions_cut_anywhere_are_the_first_of_the_whole_list(vault: Vault) -> None:
    """Vandaag's open actions are read in two parts (#16), the dated ones in date order,
    then those without a date: a cut anywhere, also at the border of the two parts, gives
    the first rows of the whole list, earliest first and the undated last; their query
    walks ``ix_follow_up_open``."""
    generate_demo(vault.session, 40, seed=8)
    with vault.session() as s:
        hids = [h for (h,) in s.execute(select(Household.id).order_by(Household.id).limit(3))]
        for n, hid in enumerate(hids):  # undated actions, and two on one day (order by id)
            followups.add_follow_up(s, hid, f"Zonder datum {n}")
            followups.add_follow_up(s, hid, f"Zelfde dag {n}", due_on=TODAY + timedelta(days=5))
    with vault.session() as s:
        shown = (FollowUp.signal_id.is_(None), Household.status == HouseholdStatus.OPEN.value)
        whole = followups.open_follow_ups(s, *shown)
        dated = [f for f in whole if f.due_on is not None]
        assert len(whole) - len(dated) >= 3 and len(dated) > 3  # both parts
        assert whole == sorted(whole, key=lambda f: (f.due_on is None, f.due_on or TODAY, f.id))
        for n in sorted({1, 2, len(dated) - 1, len(dated), len(dated) + 1, len(whole), 999}):
            assert followups.open_follow_ups(s, *shown, limit=n) == whole[:n], n
        plans = _plans(
            vault,
            s,
            lambda: followups.open_follow_ups(s, *shown, FollowUp.due_on <= TODAY, limit=1),
        )
        plan = next(iter(plans.values()))  # the dated part, read first
    assert "USING INDEX ix_follow_up_open (status=? AND signal_id=? AND due_on" in plan, plan
    assert "LAST TERM OF ORDER BY" in plan, plan


def test_the_actions_count_joins_the_address_only_when_a_condition_names_it(
    vault: Vault,
) -> None:
    """Counting without the address saves a lookup per open action (#16); with a condition
    on the address (the complexes) it must be joined, or SQLite counts every pair of an
    action and an address. A negative limit is a mistake, not "everything"."""
    generate_demo(vault.session, 40, seed=9)
    with vault.session() as s:
        mine = frozenset(c for (c,) in s.execute(select(Complex.id).order_by(Complex.id).limit(1)))
        shown = (FollowUp.signal_id.is_(None), Household.status == HouseholdStatus.OPEN.value)
        later = or_(FollowUp.due_on.is_(None), FollowUp.due_on > TODAY)
        each = (FollowUp.due_on <= TODAY, later)
        for where in (shown, (*shown, Address.complex_id.in_(mine))):
            listed = (
                len(followups.open_follow_ups(s, *where, FollowUp.due_on <= TODAY)),
                len(followups.open_follow_ups(s, *where, later)),
            )
            assert followups.count_open_follow_ups(s, *where, each=each) == listed
            assert sum(listed) > 0
        with pytest.raises(ValueError):
            followups.open_follow_ups(s, *shown, limit=-1)
        with pytest.raises(ValueError):
            check_ins_page(s, TODAY, load_settings(s), limit=-1)

"""Bewaartermijnen: review list, purge, anonymisation, and the bytes really gone."""

from __future__ import annotations

import itertools
import json as jsonlib
import random
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, literal_column, select, text
from sqlalchemy.orm import Session

from tests.conftest import PASSPHRASE
from tests.helpers import add_case, decrypted_pages, every_stored_value
from waakvlam_desktop.bundles.collect import collect_aggregate
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.demo import fixed_demo_now, generate_demo
from waakvlam_desktop.domain.drafts import VISIT as VISIT_DRAFT
from waakvlam_desktop.domain.drafts import save_draft
from waakvlam_desktop.domain.exports import Period, stored_month
from waakvlam_desktop.domain.followups import add_follow_up
from waakvlam_desktop.domain.households import (
    add_address,
    add_complex,
    add_household,
    add_resident,
    update_address,
    update_household,
)
from waakvlam_desktop.domain.overview import (
    OverviewFilter,
    filter_options,
    signals_per_domain_month,
    visits_per_month,
)
from waakvlam_desktop.domain.partners import add_partner
from waakvlam_desktop.domain.referrals import ReferralInput, create_referral
from waakvlam_desktop.domain.search import search
from waakvlam_desktop.domain.settings import save_setting
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.domain.stats import vault_stats
from waakvlam_desktop.domain.tombstones import CATEGORIES, TombstoneRow
from waakvlam_desktop.domain.tombstones import record as record_stones
from waakvlam_desktop.domain.types import ConsentForm, DataProfile, PartnerType, VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, amend_visit, record_visit
from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.privacy.inzage import write_inzage
from waakvlam_desktop.privacy.retention import (
    ANONYMOUS_LABEL,
    ANONYMOUS_STREET,
    HOUSEHOLD_TABLES,
    NOWHERE,
    _settle_places,
    add_months,
    close_household,
    place_finder,
    reopen_household,
    retention_review,
    run_retention,
)
from waakvlam_desktop.storage import keys
from waakvlam_desktop.storage.audit import verify_chain
from waakvlam_desktop.storage.models import (
    Address,
    AnonymisedLevels,
    AnonymisedSigns,
    AnonymisedVisits,
    AuditEvent,
    Base,
    ChecklistItem,
    Colleague,
    Complex,
    ConcernLevelEntry,
    FollowUp,
    Household,
    ImportBase,
    Partner,
    Referral,
    Resident,
    SignalObservation,
    Tombstone,
    Visit,
    new_id,
)
from waakvlam_desktop.storage.vault import Vault, VaultPaths

GONE = "Qzvergeet7"  # closed long ago: must vanish
KEPT = "Qzblijft4"  # open and active: must stay


def _key(vault_dir: Path) -> bytes:
    return keys.unwrap_key(Vault.read_header(VaultPaths(vault_dir)), PASSPHRASE)


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2020, 6, 15), 24) == date(2022, 6, 15)
    assert add_months(date(2020, 12, 1), 60) == date(2025, 12, 1)


def _in_the_past(clock: FixedClock, day: date) -> None:
    clock.set(datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC))


def _now(clock: FixedClock) -> None:
    clock.set(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))


def test_close_sets_review_date_and_reopen_clears_it(vault: Vault, clock: FixedClock) -> None:
    _in_the_past(clock, date(2025, 12, 1))
    ids = add_case(vault, GONE)
    _now(clock)
    with vault.session() as s:
        review = close_household(s, ids["household"], date(2026, 1, 10))
    assert review == date(2028, 1, 10)  # the shortest default term: 24 months
    with vault.session() as s:
        # Back-dated before the last activity: the term runs from that activity.
        assert close_household(s, ids["household"], date(2025, 1, 1)) == date(2027, 12, 1)
        close_household(s, ids["household"], date(2026, 1, 10))
    with vault.session() as s:
        hh = s.get(Household, ids["household"])
        assert hh is not None
        assert (hh.status, hh.closed_on, hh.review_on) == ("gesloten", date(2026, 1, 10), review)
        assert hh.next_check_in is None
        with pytest.raises(ValidationError, match="toekomst"):
            close_household(s, ids["household"], date(2027, 1, 1))
    with vault.session() as s:
        reopen_household(s, ids["household"])
    with vault.session() as s:
        hh = s.get(Household, ids["household"])
        assert hh is not None and hh.status == "open" and hh.review_on is None


def test_review_lists_expired_categories_with_counts_and_dates(
    vault: Vault, clock: FixedClock
) -> None:
    _in_the_past(clock, date(2022, 12, 1))
    old = add_case(vault, GONE, number=1)
    _now(clock)
    add_case(vault, KEPT, number=2)
    with vault.session() as s:
        close_household(s, old["household"], date(2023, 1, 1))
    with vault.session() as s:
        # 2026-11-27: notes and signals (24 months) expired on 2025-01-01, referrals
        # (60 months) not until 2028-01-01: texts go, the household is not anonymised yet.
        rows = retention_review(s, date(2026, 11, 27))
    assert [r.household_id for r in rows] == [old["household"]]
    row = rows[0]
    assert row.categories == ("visit_notes", "signals")
    assert row.due_on == date(2025, 1, 1) and row.since == date(2023, 1, 1)
    assert row.reason == "gesloten" and not row.anonymise
    assert (row.visit_notes, row.follow_ups, row.signal_remarks) == (1, 1, 1)
    assert (row.referrals, row.letters, row.residents) == (0, 0, 0)
    with vault.session() as s:
        rows = retention_review(s, date(2028, 1, 1))
    assert rows[0].anonymise and rows[0].categories == ("visit_notes", "signals", "referrals")
    assert (rows[0].referrals, rows[0].letters, rows[0].residents) == (1, 1, 1)
    # Shorter terms from the settings move the date forward.
    with vault.session() as s:
        save_setting(s, "retention_months", {"visit_notes": 6, "signals": 6, "referrals": 12})
    with vault.session() as s:
        rows = retention_review(s, date(2024, 1, 1))
        assert rows[0].anonymise and rows[0].due_on == date(2023, 7, 1)
        with pytest.raises(ValidationError, match="240"):
            save_setting(s, "retention_months", {"visit_notes": 0, "signals": 6, "referrals": 6})


def test_inactive_open_household_counts_from_its_last_activity(
    vault: Vault, clock: FixedClock
) -> None:
    clock.set(datetime(2020, 3, 1, 9, 0, tzinfo=UTC))
    ids = add_case(vault, GONE)
    clock.set(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))
    with vault.session() as s:
        rows = retention_review(s)
    assert rows[0].household_id == ids["household"] and rows[0].reason == "inactief"
    assert rows[0].since == date(2020, 3, 1) and rows[0].anonymise


def test_purge_removes_every_trace_and_keeps_the_counts(
    vault: Vault, vault_dir: Path, clock: FixedClock
) -> None:
    _in_the_past(clock, date(2020, 5, 1))
    old = add_case(vault, GONE, number=1)
    _in_the_past(clock, date(2020, 6, 1))
    with vault.session() as s:
        close_household(s, old["household"])
    _now(clock)
    kept = add_case(vault, KEPT, number=2)
    with vault.session() as s:
        before_obs = s.execute(
            select(SignalObservation.item_id, SignalObservation.severity).where(
                SignalObservation.household_id == old["household"]
            )
        ).all()
    key = _key(vault_dir)
    # The check can fail: before the purge the marker is in the decrypted pages.
    assert GONE.encode() in decrypted_pages(vault_dir, key)
    assert GONE in every_stored_value(vault)

    dry = run_retention(vault, date(2026, 11, 27), dry_run=True)
    assert dry.dry_run and dry.households == 1 and not dry.vacuumed
    assert GONE in every_stored_value(vault)

    result = run_retention(vault, date(2026, 11, 27))
    assert result.vacuumed and result.totals()["anonymised"] == 1
    assert result.totals()["residents"] == 1 and result.totals()["letters"] == 1

    stored = every_stored_value(vault)
    assert GONE not in stored and GONE.lower() not in stored
    assert KEPT in stored
    plain = decrypted_pages(vault_dir, key)
    assert GONE.encode() not in plain and GONE.lower().encode() not in plain
    assert KEPT.encode() in plain
    wal = vault_dir / "vault.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    assert vault.engine is not None
    with vault.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA freelist_count").scalar() == 0

    with vault.session() as s:
        assert search(s, GONE) == []
        assert search(s, KEPT) != []
        hh = s.get(Household, old["household"])
        assert hh is not None and hh.label == ANONYMOUS_LABEL and hh.status == "gesloten"
        assert hh.address.street == "(geanonimiseerd)" and hh.address.postcode == ""
        # Two homes in the vault: fewer than five share any place, so it keeps none (0023).
        assert (hh.address.complex_id, hh.address.city, hh.address.wijk) == (None, "", "")
        assert s.scalar(select(func.count(Resident.id)).where(Resident.household_id == hh.id)) == 0
        # (0022) The visit and its signs are counts per month now, and nothing else.
        assert s.get(Visit, old["visit"]) is None
        assert (
            s.scalars(
                select(SignalObservation.id).where(SignalObservation.household_id == hh.id)
            ).all()
            == []
        )
        assert s.execute(select(AnonymisedVisits.household_id, AnonymisedVisits.visits)).all() == [
            (hh.id, 1)
        ]
        signs = s.execute(select(AnonymisedSigns.household_id, AnonymisedSigns.signs)).all()
        assert signs == [(hh.id, len(before_obs))] and before_obs
        ref = s.get(Referral, old["referral"])
        assert ref is not None and ref.letter_pdf is None and ref.reason == ""
        assert ref.partner_id == old["partner"] and ref.grondslag == "toestemming"
        purges = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "purge")))
        assert [e.household_id for e in purges] == [old["household"]]
        assert "bewoners=1" in purges[0].detail and GONE not in purges[0].detail
        assert verify_chain(s).ok
        untouched = s.get(Household, kept["household"])
        assert untouched is not None and KEPT in untouched.label
    # Nothing left to do the second time.
    assert run_retention(vault, date(2026, 11, 27)).households == 0


def test_an_anonymous_address_never_narrows_a_household_down_to_fewer_than_five_homes(
    vault: Vault, clock: FixedClock
) -> None:
    """(#16, 0023) The corporation's addresses stay in the vault, so the anonymous address
    of a household must fit at least five of them (the aggregate export's smallest cell),
    or it points at the home. It kept the 4-digit postcode until 0023: a complex with one
    home in another postcode area gave that household away.

    Two attackers. The first lists every real home that fits all the anonymous address
    still says. The second (review) knows the rule, which is public, and applies it to the
    real homes: a household at a place can only come from a home the rule sends there
    (a home of a complex that keeps its own place is not a candidate for its wijk)."""
    _in_the_past(clock, date(2019, 3, 1))
    homes: dict[str, str] = {}
    households: dict[str, str] = {}
    with vault.session() as s:
        flat = add_complex(s, "Flat Noord", wijk="West").id
        hofje = add_complex(s, "Hofje", wijk="Oost").id

        def home(name: str, number: int, postcode: str, city: str, wijk: str, cpx: str | None):
            homes[name] = add_address(
                s,
                street="Teststraat",
                number=number,
                postcode=postcode,
                city=city,
                wijk=wijk,
                complex_id=cpx,
            ).id

        for n in range(1, 7):
            home(f"flat{n}", n, "3533 AB", "Utrecht", "West", flat)
        home("flat-odd", 7, "3544 CD", "Utrecht", "West", flat)  # the flat's one home there
        home("west-loose", 8, "3533 AB", "Utrecht", "West", None)  # West's one home outside it
        for n in range(1, 3):  # the hofje's wijk is on the complex, not on its homes
            home(f"hofje{n}", 20 + n, "3561 EF", "Utrecht", "", hofje)
        for n in range(1, 4):
            home(f"oost{n}", 30 + n, "3561 EF", "Utrecht", "Oost", None)
        home("zeist", 1, "3701 AA", "Zeist", "", None)  # a town with one of its homes
        for n in range(1, 4):
            home(f"bunnik{n}", n, "3981 AB", "Bunnik", "", None)
        # A real street that happens to be spelled like the marker is a home like any other.
        homes["odd-street"] = add_address(
            s, street=ANONYMOUS_STREET, number=7, postcode="3981 AB", city="Bunnik"
        ).id
        for name in ("flat-odd", "flat1", "west-loose", "hofje1", "zeist", "bunnik1"):
            households[name] = add_household(s, homes[name], f"fam. {name}").id
            close_household(s, households[name])
        # A household an earlier version anonymised: at an anonymous address that kept the
        # postcode area of the flat's odd home.
        old = Address(
            complex_id=flat,
            street=ANONYMOUS_STREET,
            number=0,
            postcode="3544",
            city="Utrecht",
            wijk="West",
        )
        s.add(old)
        s.flush()
        old_id = old.id
        households["earlier"] = add_household(s, old_id, ANONYMOUS_LABEL).id
        record_stones(
            s,
            [TombstoneRow("household", households["earlier"], "anonymised", datetime(2020, 1, 1))],
        )
    _now(clock)

    def places(k: int) -> dict[str, tuple[str | None, str, str]]:
        with vault.session() as s:
            real = {  # a home's wijk is its own, else its complex's
                aid: (cpx, postcode, city, wijk)
                for aid, cpx, postcode, city, wijk in s.execute(
                    select(
                        Address.id,
                        Address.complex_id,
                        Address.postcode,
                        Address.city,
                        func.coalesce(func.nullif(Address.wijk, ""), Complex.wijk, ""),
                    )
                    .outerjoin(Complex, Complex.id == Address.complex_id)
                    .where(Address.number > 0)
                ).all()
            }
            assert set(homes.values()) == set(real)  # no home was taken for an anonymous one

            def finest(aid: str) -> tuple[str | None, str, str]:
                cpx, _pc, city, wijk = real[aid]
                return (cpx, city, wijk)

            settled = _settle_places(Counter(finest(aid) for aid in real), k)
            found = {}
            for name, hid in households.items():
                hh = s.get(Household, hid)
                assert hh is not None
                a = hh.address
                assert (a.street, a.number, a.addition, a.postcode) == (ANONYMOUS_STREET, 0, "", "")
                place = (a.complex_id, a.city, a.wijk)
                fits = [
                    aid
                    for aid, (cpx, postcode, city, wijk) in real.items()
                    if a.complex_id in (None, cpx) and a.city in ("", city) and a.wijk in ("", wijk)
                ]
                sent_here = [aid for aid in real if settled[finest(aid)] == place]
                assert len(fits) >= k and len(sent_here) >= k, (name, len(fits), len(sent_here))
                if name in homes:  # and its own home is among them: the place is true
                    assert homes[name] in sent_here, name
                found[name] = place
            return found

    assert run_retention(vault, date(2026, 11, 27)).totals()["anonymised"] == 6
    west, oost = (None, "Utrecht", "West"), (None, "Utrecht", "Oost")
    assert places(5) == {
        "flat-odd": (flat, "Utrecht", "West"),  # the flat has 7 homes: its place is the flat
        "flat1": (flat, "Utrecht", "West"),
        "earlier": (flat, "Utrecht", "West"),
        # West's one home outside the flat: West, and then Utrecht, would point at it
        "west-loose": NOWHERE,
        "hofje1": oost,  # 2 homes in the hofje, then 5 in Oost: its wijk stays
        "zeist": NOWHERE,  # 1 home in Zeist and 4 in Bunnik: together nowhere
        "bunnik1": NOWHERE,
    }
    assert west not in places(5).values()
    with vault.session() as s:
        shared = {
            s.get(Household, households[n]).address_id  # type: ignore[union-attr]
            for n in ("flat-odd", "flat1", "earlier")
        }
        assert len(shared) == 1 and s.get(Address, old_id) is None
        assert s.get(Address, homes["odd-street"]) is not None
        # An earlier version's household (only the whole run's thinning reaches it) keeps
        # the month it was created in too: 1 March 2019 in Dutch winter time.
        earlier = s.get(Household, households["earlier"])
        assert earlier is not None
        assert (earlier.created_at, earlier.created_by) == (datetime(2019, 2, 28, 23, 0), None)

    # An organisation that raises its smallest cell to 10 coarsens every place: a whole
    # retention run moves them, and the emptied anonymous addresses go.
    with vault.session() as s:
        save_setting(s, "aggregate_min_cell", 10)
    run_retention(vault, date(2026, 11, 28))
    # 8 homes in West and 5 in Oost make 13 in Utrecht; Zeist and Bunnik (5) are nowhere,
    # too few, so nowhere takes the smallest other place, Utrecht: all 18 are nowhere.
    assert places(10) == dict.fromkeys(households, NOWHERE)
    with vault.session() as s:
        anonymous = s.scalars(select(Address.id).where(Address.number == 0)).all()
        assert len(anonymous) == 1
        moved = s.scalars(
            select(AuditEvent.detail).where(AuditEvent.detail.like("%verhuisd=%"))
        ).all()
        assert [m.rsplit(";", 1)[1] for m in moved] == ["verhuisd=1", "verhuisd=4"]


def test_the_place_rule_holds_for_any_homes() -> None:
    """(review) Checked without the rule's own counting: for random homes over a few
    complexes, wijken and cities, every place the rule gives holds at least k homes (or
    all are nowhere), and each home's place is one of its own coarser places."""
    rng = random.Random(23)
    for _ in range(2_000):
        k = rng.randint(5, 10)
        homes: Counter[tuple[str | None, str, str]] = Counter()
        for _group in range(rng.randint(1, 8)):
            city = rng.choice(["A", "B", ""])
            wijk = rng.choice(["w1", "w2", ""]) if city else ""
            cpx = rng.choice([None, "c1", "c2", "c3"])
            homes[(cpx, city, wijk)] += rng.randint(1, 9)
        settled = _settle_places(homes, k)
        ends: Counter[tuple[str | None, str, str]] = Counter()
        for (cpx, city, wijk), n in homes.items():
            place = settled[(cpx, city, wijk)]
            ends[place] += n
            chain = [(cpx, city, wijk), (None, city, wijk), (None, city, ""), NOWHERE]
            assert place in chain, (homes, k)
        assert all(n >= k for n in ends.values()) or sum(homes.values()) < k, (homes, k, ends)
    # One place just short, beside a nowhere that already has enough: it still goes.
    short = (None, "A", "")
    assert _settle_places(Counter({short: 4, (None, "B", ""): 5, NOWHERE: 5}), 5)[short] == NOWHERE


def test_an_anonymous_address_is_no_home_of_its_place(vault: Vault, clock: FixedClock) -> None:
    """(review) Four homes and the anonymous address of an earlier anonymisation in one
    complex are not five homes: the complex's household goes to the city."""
    _in_the_past(clock, date(2019, 3, 1))
    with vault.session() as s:
        klein = add_complex(s, "Klein", wijk="Zuid").id
        for n in range(1, 5):
            add_address(s, street="Hof", number=n, postcode="3533 AB", city="Q", complex_id=klein)
        for n in range(1, 6):
            add_address(s, street="Laan", number=n, postcode="3533 AB", city="Q")
        earlier = Address(
            complex_id=klein, street=ANONYMOUS_STREET, number=0, postcode="", city="Q", wijk="Zuid"
        )
        s.add(earlier)
        s.flush()
        hid = add_household(s, earlier.id, ANONYMOUS_LABEL).id
        record_stones(s, [TombstoneRow("household", hid, "anonymised", datetime(2020, 1, 1))])
    _now(clock)
    run_retention(vault, date(2026, 11, 27))
    with vault.session() as s:
        a = s.get(Household, hid).address  # type: ignore[union-attr]
        assert (a.complex_id, a.city, a.wijk) == (None, "Q", "")


def test_an_anonymised_household_keeps_its_month_of_creation_not_the_moment(
    vault: Vault, clock: FixedClock
) -> None:
    """(review of 0023) The "new household" dialog makes the address and the household in
    one go, and the real address stays: the household's creation moment and creator named
    its home. The attacker joins them; after anonymisation only the month (Dutch time)
    is left, which is what the aggregate export asks ("known at the end of a period")."""
    made = [
        datetime(2019, 3, 31, 22, 30, tzinfo=UTC),  # 1 April 00:30 in Dutch time
        datetime(2019, 4, 2, 9, 0, tzinfo=UTC),
        datetime(2019, 4, 2, 9, 5, tzinfo=UTC),
    ]
    ids = []
    for n, moment in enumerate(made):
        clock.set(moment)
        with vault.session() as s:
            a = add_address(s, street="Teststraat", number=n + 1, postcode="3533 AB", city="U")
            ids.append(add_household(s, a.id, f"fam. {n}").id)
            close_household(s, ids[-1])
    with vault.session() as s:
        for n in range(3, 8):  # more homes, so that the place is not what gives it away
            add_address(s, street="Teststraat", number=n + 1, postcode="3533 AB", city="U")
        add_partner(s, name="GGD cijfers", type=PartnerType.GGD, profile=DataProfile.AGGREGATE)
    _now(clock)
    labels = ["2019-03", "2019-04", "2019-Q1", "2019-Q2"]
    before = _aggregates(vault, labels)
    # Known at the end of April (Dutch time), not of March: the boundary is in the test.
    assert before["2019-03", "wijk"] != before["2019-04", "wijk"]
    run_retention(vault, date(2026, 11, 27))
    attack = text(
        "SELECT h.id, a.id FROM household h JOIN address a"
        " ON a.created_by IS h.created_by AND a.number > 0"
        " AND a.created_at <= h.created_at AND a.created_at > datetime(h.created_at, '-1 second')"
        " WHERE h.label = 'geanonimiseerd'"
    )
    with vault.session() as s:
        assert s.execute(attack).all() == []
        kept = [s.get(Household, hid) for hid in ids]
        assert [(h.created_at, h.created_by) for h in kept if h] == [
            (datetime(2019, 3, 31, 22, 0), None),  # 1 April 00:00 in Dutch summer time
            (datetime(2019, 3, 31, 22, 0), None),
            (datetime(2019, 3, 31, 22, 0), None),
        ]
    assert _aggregates(vault, labels) == before


def test_the_place_rule_counts_the_homes_that_end_at_a_place() -> None:
    """(review) The rule itself, on homes alone: a place keeps at least k of the homes it
    is given, finest first, and "nowhere" takes the smallest places when it is too small."""
    flat, flat2, hofje = ("flat", "U", "West"), ("flat2", "U", "West"), ("hofje", "U", "Oost")
    oost, zeist, bunnik = (None, "U", "Oost"), (None, "Z", ""), (None, "B", "")
    homes = Counter({flat: 7, flat2: 3, hofje: 2, oost: 3, zeist: 1, bunnik: 4})
    assert _settle_places(homes, 5) == {
        flat: flat,  # 7 homes
        flat2: NOWHERE,  # 3, then West 3, then Utrecht 3: too few each time
        hofje: oost,  # 2, then Oost 2 + 3 = 5
        oost: oost,
        zeist: NOWHERE,  # 1 in Zeist, 4 in Bunnik, 3 from Utrecht: nowhere holds 8
        bunnik: NOWHERE,
    }
    # Nowhere with too few takes the smallest other place, until it has enough.
    assert _settle_places(Counter({zeist: 1, flat: 7, oost: 6}), 5) == {
        zeist: NOWHERE,
        flat: flat,
        oost: NOWHERE,
    }
    # ... also when that is a complex inside a city that keeps its own place: the flat's
    # households are nowhere, not in Utrecht, where the rule sent none of its homes.
    utrecht = (None, "U", "")
    place = place_finder(Counter({zeist: 1, flat: 7, utrecht: 8}), 5)
    assert [place(*p) for p in (zeist, flat, utrecht)] == [NOWHERE, NOWHERE, utrecht]
    # An anonymous address of an earlier rule: the first place above it that homes end at.
    assert place(None, "U", "West") == utrecht and place(None, "Q", "X") == NOWHERE
    assert _settle_places(Counter({(None, "Z", ""): 3}), 5) == {(None, "Z", ""): NOWHERE}


def test_rows_of_another_household_never_block_or_escape_the_counting(
    vault: Vault, clock: FixedClock
) -> None:
    """(review, 0022) Anonymisation deletes a household's visits and signs. Rows of a
    household that stays may point at them (a handover can bring anything): the run must
    not fail on them, a sign of that household on an anonymised visit is counted, not
    lost, and no colleague's digest of the household's rows stays behind (a digest of a
    whole row lets a guessed row be confirmed)."""
    _in_the_past(clock, date(2020, 5, 1))
    old = add_case(vault, GONE, number=1)
    _in_the_past(clock, date(2020, 6, 1))
    with vault.session() as s:
        close_household(s, old["household"])
    _now(clock)
    live = add_case(vault, KEPT, number=2)
    with vault.session() as s:
        sign = s.scalars(
            select(SignalObservation).where(SignalObservation.visit_id == old["visit"])
        ).first()
        assert sign is not None
        stray = SignalObservation(
            visit_id=old["visit"], household_id=live["household"], item_id=sign.item_id, severity=1
        )
        pointing = FollowUp(
            household_id=live["household"],
            visit_id=old["visit"],
            signal_id=sign.id,
            description="Nabellen",
        )
        entry = ConcernLevelEntry(
            household_id=live["household"],
            visit_id=old["visit"],
            level="aandacht",
            set_at=datetime(2026, 11, 27, 9, 0),
            next_check_in=date(2026, 12, 27),
        )
        s.add_all([stray, pointing, entry])
        s.add(Colleague(name="Collega", key_id="k" * 64, public_key=b"\x01" * 32))
        s.flush()
        colleague = s.scalars(select(Colleague.id)).one()
        digested = (old["visit"], sign.id, old["household"], old["resident"], old["referral"])
        for row_id in (*digested, live["visit"]):
            s.add(ImportBase(colleague_id=colleague, row_id=row_id, digest="0" * 32))
        signals_before = vault_stats(s)["signals"]
        ids = (stray.id, pointing.id, entry.id)

    result = run_retention(vault, date(2026, 11, 27))
    assert result.totals()["anonymised"] == 1

    with vault.session() as s:
        assert s.get(SignalObservation, ids[0]) is None
        kept_follow_up, kept_entry = s.get(FollowUp, ids[1]), s.get(ConcernLevelEntry, ids[2])
        assert kept_follow_up is not None and kept_entry is not None
        assert (kept_follow_up.visit_id, kept_follow_up.signal_id) == (None, None)
        assert kept_entry.visit_id is None
        assert vault_stats(s)["signals"] == signals_before
        assert _counts_of(s, live["household"])["signs"].total() == 1
        assert list(s.scalars(select(ImportBase.row_id))) == [live["visit"]]
        # No visit can be added to the anonymised household: it would be counted away.
        with pytest.raises(ValidationError, match=r"geanonimiseerd|anonymised"):
            record_visit(s, VisitInput(household_id=old["household"], kind=VisitKind.REGULIER))
        # ... nor a follow-up, a draft or a referral, and no name, resident or address
        # makes it recognisable again (review: helper-74).
        hid = old["household"]
        hh = s.get(Household, hid)
        assert hh is not None
        refused = {
            "follow-up": lambda: add_follow_up(s, hid, "Nabellen"),
            "draft": lambda: save_draft(s, VISIT_DRAFT, hid, {"notes": "x"}, None),
            "resident": lambda: add_resident(s, hid, "Nieuwe Bewoner"),
            "label": lambda: update_household(s, hid, label="fam. Terug"),
            "address": lambda: update_address(
                s,
                hh.address_id,
                street="Lindelaan",
                number=1,
                addition="",
                postcode="3533 AB",
                city="Utrecht",
                wijk="West",
            ),
            "reopen": lambda: reopen_household(s, hid),
            "referral": lambda: create_referral(
                s,
                ReferralInput(
                    hid,
                    old["partner"],
                    "reden",
                    consent_form=ConsentForm.VERBAL,
                    consent_date=date(2026, 11, 27),
                ),
            ),
        }
        for what, attempt in refused.items():
            with pytest.raises(ValidationError, match=r"geanonimiseerd|anonymised"):
                attempt()
            assert what
        assert add_follow_up(s, live["household"], "Nabellen").id


def test_every_table_about_a_household_or_resident_has_a_retention_rule() -> None:
    """A new table with personal data must get a rule (purge + inzage) before it ships."""
    referencing = {
        t.name
        for t in Base.metadata.sorted_tables
        if {"household_id", "resident_id"} & set(t.columns.keys()) or t.name == "household"
    }
    assert referencing - set(HOUSEHOLD_TABLES) == set()


def test_drafts_are_purged_and_in_the_inzage(
    vault: Vault, clock: FixedClock, tmp_path: Path
) -> None:
    """Unsaved editor drafts (the GUI's ``draft`` table) hold notes too."""
    draft = Base.metadata.tables.get("draft")
    if draft is None:
        pytest.skip("this build has no draft table")
    _in_the_past(clock, date(2020, 5, 1))
    ids = add_case(vault, GONE)
    with vault.session() as s:
        now = datetime(2020, 5, 1, 10, 0)
        s.connection().execute(
            insert(draft).values(
                id=new_id(),
                created_at=now,
                updated_at=now,
                kind="visit",
                household_id=ids["household"],
                payload_json=jsonlib.dumps({"notes": f"concept {GONE}"}),
            )
        )
        out = write_inzage(s, ids["resident"], tmp_path)
    assert GONE in out.json.read_text(encoding="utf-8")
    _now(clock)
    with vault.session() as s:
        (row,) = retention_review(s)
    assert row.drafts == 1
    run_retention(vault)
    assert GONE not in every_stored_value(vault)


def test_a_busy_vault_finishes_the_vacuum_on_the_next_run(
    vault: Vault, vault_dir: Path, clock: FixedClock
) -> None:
    _in_the_past(clock, date(2020, 5, 1))
    add_case(vault, GONE)
    _now(clock)
    key = _key(vault_dir)
    assert vault.engine is not None
    reader = vault.engine.raw_connection()  # the app, reading, holds a snapshot
    try:
        dbapi = reader.driver_connection
        assert dbapi is not None
        dbapi.execute("BEGIN")
        dbapi.execute("SELECT count(*) FROM visit").fetchone()
        first = run_retention(vault)
    finally:
        dbapi.execute("ROLLBACK")
        reader.close()
    assert first.households == 1 and not first.vacuumed
    assert GONE not in every_stored_value(vault)  # the purge itself stands
    # ...but old page versions still hold the text (WAL frames): the vacuum is pending.
    assert GONE.encode() in decrypted_pages(vault_dir, key)
    second = run_retention(vault)
    assert second.households == 0 and second.vacuumed
    assert GONE.encode() not in decrypted_pages(vault_dir, key)
    third = run_retention(vault)
    assert not third.vacuumed  # nothing pending any more


def test_corrected_notes_and_acute_responses_are_purged_and_in_the_inzage(
    vault: Vault, clock: FixedClock, tmp_path: Path
) -> None:
    """A correction keeps the note as it was; what was done about an acute sign is free
    text: both are personal data with a retention rule and in the inzage (#15)."""
    _in_the_past(clock, date(2020, 5, 1))
    ids = add_case(vault, GONE)
    with vault.session() as s:
        amend_visit(s, ids["visit"], "Nieuwe tekst zonder merkteken")
        record_visit(
            s,
            VisitInput(
                ids["household"],
                VisitKind.SIGNAAL,
                signals=[
                    SignalInput("veiligheid.kinderen", 2, acute_response=f"gebeld met {GONE}")
                ],
            ),
        )
        out = write_inzage(s, ids["resident"], tmp_path)
    text = out.json.read_text(encoding="utf-8")
    assert f"Notitie {GONE}" in text and f"gebeld met {GONE}" in text
    _now(clock)
    run_retention(vault)
    assert GONE not in every_stored_value(vault)


def _levels_at_month_ends(vault: Vault, months: list[int]) -> dict[tuple[str, int], str]:
    """The level each household had at the end of each month (``YYYYMM``, Dutch time):
    its last entry in or before the month (of two at one moment, the one written last),
    or, for an anonymised household, its last monthly level in or before it."""
    with vault.session() as s:
        entries = s.execute(
            select(
                ConcernLevelEntry.household_id, ConcernLevelEntry.set_at, ConcernLevelEntry.level
            ).order_by(ConcernLevelEntry.set_at, literal_column("concern_level_entry.rowid"))
        ).all()
        kept = s.execute(
            select(
                AnonymisedLevels.household_id, AnonymisedLevels.month, AnonymisedLevels.level
            ).order_by(AnonymisedLevels.month)
        ).all()
    history = [(hid, stored_month(at), level) for hid, at, level in entries] + kept
    found: dict[tuple[str, int], str] = {}
    for month in months:
        for hid, at, level in history:
            if at <= month:
                found[hid, month] = level
    return found


def _counts_of(s: Session, household_id: str) -> dict[str, Any]:
    """What ``anonymised_*`` hold of one household: visits and signs per month, signs per
    domain, the level per month."""
    visits = dict(
        s.execute(
            select(AnonymisedVisits.month, AnonymisedVisits.visits).where(
                AnonymisedVisits.household_id == household_id
            )
        ).all()
    )
    signs: Counter[int] = Counter()
    by_domain: Counter[str] = Counter()
    for month, domain, n in s.execute(
        select(AnonymisedSigns.month, AnonymisedSigns.domain, AnonymisedSigns.signs).where(
            AnonymisedSigns.household_id == household_id
        )
    ):
        signs[month] += n
        by_domain[domain] += n
    levels = dict(
        s.execute(
            select(AnonymisedLevels.month, AnonymisedLevels.level).where(
                AnonymisedLevels.household_id == household_id
            )
        ).all()
    )
    return {
        "visits": Counter(visits),
        "signs": signs,
        "signs_by_domain": by_domain,
        "levels": levels,
    }


def _aggregates(vault: Vault, labels: list[str]) -> dict[tuple[str, str], Any]:
    with vault.session() as s:
        partner = s.scalars(select(Partner).where(Partner.profile == "aggregate")).first()
        assert partner is not None
        return {
            (label, level): collect_aggregate(s, partner, Period.parse(label), 1, level=level).data
            for label in labels
            for level in ("wijk", "complex")
        }


def _statistics(vault: Vault, references: list[date]) -> dict[str, Any]:
    """What ``waakvlam stats`` counts of visits and signs, and Overzicht's two charts of
    them, for every twelve months up to each of ``references``, unfiltered and filtered by
    each complex and each wijk."""
    with vault.session() as s:
        stats = vault_stats(s)
        options = filter_options(s)
        scopes = [OverviewFilter()]
        scopes += [OverviewFilter(complex_id=c.id) for c in options.complexes]
        scopes += [OverviewFilter(wijk=w) for w in options.wijken]
        charts = {
            (day, scope, fn.__name__): fn(s, scope, day).rows
            for day in references
            for scope in scopes
            for fn in (visits_per_month, signals_per_domain_month)
        }
    assert len(options.complexes) > 1
    return {
        "stats": {k: stats[k] for k in ("visits", "signals", "signals_per_domain")},
        "charts": charts,
    }


HOUSEHOLDS = 80  # two complexes: the demo makes one per 40 households


def test_anonymised_households_keep_only_their_level_changes_and_the_counts_stay(
    tmp_path: Path,
) -> None:
    """(#16, a small vault after a full purge) Anonymisation deletes the concern-level
    entries that repeat the level before them (one per visit). Attacked as an auditor
    would: every household's level at every moment an entry was set, and at the moments
    between, is what it was, and the aggregate exports of every month and quarter of the
    demo's history are cell for cell what they were."""
    clock = FixedClock(fixed_demo_now())
    vault = Vault.create(tmp_path / "v", PASSPHRASE, kdf_target_seconds=0, clock=clock)
    try:
        with vault.session() as s:
            vault.actor = initialise(s, organisation="Proef", staff_name="Proef").id
        generate_demo(vault.session, HOUSEHOLDS, seed=5)
        # (review) Ties: entries at one moment, told apart by the order they were written:
        # "zorg", then the level before twice. Read in the wrong order, thinning them
        # would leave "zorg" as the level at that moment.
        with vault.session() as s:
            last = s.scalars(
                select(ConcernLevelEntry).order_by(ConcernLevelEntry.set_at.desc()).limit(1)
            ).one()
            tie = last.set_at + timedelta(days=1)
            for level in ("zorg", last.level, last.level):
                s.add(
                    ConcernLevelEntry(
                        household_id=last.household_id,
                        level=level,
                        set_at=tie,
                        next_check_in=last.next_check_in,
                    )
                )
                s.flush()  # written in this order
        assert last.level != "zorg"
        # (review) A change at 22:30 UTC on the last day of a month is the first of the next
        # month in the Netherlands (summer time in July): counted in the wrong month, the
        # level at the end of the month before would change.
        with vault.session() as s:
            other_id, its_first = s.execute(
                select(ConcernLevelEntry.household_id, ConcernLevelEntry.set_at)
                .where(ConcernLevelEntry.household_id != last.household_id)
                .order_by(ConcernLevelEntry.set_at)
                .limit(1)
            ).one()
            evening = datetime(tie.year - 1, 7, 31, 22, 30)
            assert stored_month(evening) == evening.year * 100 + 8 and its_first < evening
            s.add(
                ConcernLevelEntry(
                    household_id=other_id,
                    level="acuut",
                    set_at=evening,
                    next_check_in=evening.date(),
                )
            )
        with vault.session() as s:
            before = s.scalar(select(func.count(ConcernLevelEntry.id)))
            first_visit = s.scalar(select(func.min(Visit.visited_at)))
            per_before = Counter(s.scalars(select(ConcernLevelEntry.household_id)))
            follow_ups_before = Counter(s.scalars(select(FollowUp.household_id)))
        assert first_visit is not None and before
        labels = []
        months = []
        month = date(first_visit.year, first_visit.month, 1)
        while month <= tie.date():
            labels.append(f"{month:%Y-%m}")
            months.append(month.year * 100 + month.month)
            if month.month % 3 == 1:
                labels.append(f"{month.year}-Q{(month.month + 2) // 3}")
            month = add_months(month, 1)
        levels = _levels_at_month_ends(vault, months)
        assert levels[last.household_id, months[-1]] == last.level
        july = evening.year * 100 + 7
        assert levels[other_id, july] != "acuut"  # the evening counts in August
        aggregates = _aggregates(vault, labels)
        references = [add_months(date(2026, 11, 1), -12 * n) for n in range(4)]
        statistics = _statistics(vault, references)
        assert any(n for rows in statistics["charts"].values() for row in rows for n in row[1:])
        with vault.session() as s:
            visits_before = Counter(s.scalars(select(Visit.household_id)))
            signs_before = Counter(s.scalars(select(SignalObservation.household_id)))

        later = date(2026, 11, 27) + timedelta(days=6 * 366)
        clock.set(datetime.combine(later, time(12, 0), tzinfo=UTC))
        result = run_retention(vault, later)
        assert result.totals()["anonymised"] == HOUSEHOLDS

        with vault.session() as s:
            kept = s.execute(
                select(AnonymisedLevels.household_id, AnonymisedLevels.level).order_by(
                    AnonymisedLevels.household_id, AnonymisedLevels.month
                )
            ).all()
        assert len(kept) < before / 2  # most entries repeated a level, or were in one month
        assert all(
            not (a.household_id == b.household_id and a.level == b.level)
            for a, b in itertools.pairwise(kept)
        )
        # (0022) Levels, visits and signs are months now: every statistic is as it was.
        assert _levels_at_month_ends(vault, months) == levels
        assert _aggregates(vault, labels) == aggregates
        assert _statistics(vault, references) == statistics
        with vault.session() as s:
            for model in (Visit, SignalObservation, ConcernLevelEntry, FollowUp):
                assert s.scalar(select(func.count()).select_from(model)) == 0, model
            assert verify_chain(s).ok
            # The audit log says how many rows of each household became counts.
            told = dict(
                s.execute(
                    select(AuditEvent.entity_id, AuditEvent.detail).where(
                        AuditEvent.entity == "household", AuditEvent.action == "purge"
                    )
                ).all()
            )
            assert len(told) == HOUSEHOLDS
            for hid, detail in told.items():
                assert detail.endswith(
                    f";geanonimiseerd;zorgniveaus_geteld={per_before[hid]}"
                    f";bezoeken_geteld={visits_before[hid]};signalen_geteld={signs_before[hid]}"
                    f";acties_verwijderd={follow_ups_before[hid]}"
                ), detail
            stones = s.execute(select(Tombstone.what, func.count()).group_by(Tombstone.what))
            assert dict(stones.all()) == {"anonymised": HOUSEHOLDS}

        # (review) A household anonymised by an earlier version kept its visits, signs,
        # levels, follow-ups and four tombstones, and is never anonymised again: the next
        # whole run counts them. A visit in a month that has counts already adds to them;
        # one on the evening of 31 March 2024 (UTC) is 1 April in the Netherlands.
        hid = last.household_id
        with vault.session() as s:
            month = s.scalar(
                select(func.max(AnonymisedVisits.month)).where(AnonymisedVisits.household_id == hid)
            )
            assert month is not None
            in_a_counted_month = datetime(month // 100, month % 100, 15, 12, 0)
            added = [in_a_counted_month, datetime(2024, 3, 31, 22, 30)]
            assert [stored_month(a) for a in added] == [month, 202404]
            counted_before = _counts_of(s, hid)
            assert counted_before["visits"][month] > 0 and counted_before["signs"][month] > 0
            record_stones(s, [TombstoneRow("household", hid, k, tie) for k in CATEGORIES])
            hh = s.get(Household, hid)
            item = s.scalars(
                select(ChecklistItem)
                .where(ChecklistItem.domain == next(iter(counted_before["signs_by_domain"])))
                .order_by(ChecklistItem.position)
            ).first()
            assert hh is not None and item is not None
            for at in added:
                visit = Visit(
                    household_id=hid, address_id=hh.address_id, visited_at=at, kind="huisbezoek"
                )
                s.add(visit)
                s.flush()
                s.add(
                    SignalObservation(
                        visit_id=visit.id, household_id=hid, item_id=item.id, severity=1
                    )
                )
            s.add(
                ConcernLevelEntry(
                    household_id=hid,
                    level="zorg",
                    set_at=in_a_counted_month,
                    next_check_in=in_a_counted_month.date(),
                )
            )
            s.add(FollowUp(household_id=hid, description="", status="open"))
        again = run_retention(vault, later)
        assert again.households == 0 and again.vacuumed
        with vault.session() as s:
            for model in (Visit, SignalObservation, ConcernLevelEntry, FollowUp):
                assert s.scalar(select(func.count()).select_from(model)) == 0, model
            stones = s.execute(select(Tombstone.what, func.count()).group_by(Tombstone.what))
            assert dict(stones.all()) == {"anonymised": HOUSEHOLDS}
            thinned = s.scalars(
                select(AuditEvent.detail).where(
                    AuditEvent.entity == "concern_level_entry", AuditEvent.action == "purge"
                )
            ).all()
            assert thinned == [
                "zorgniveaus_geteld=1;bezoeken_geteld=2;signalen_geteld=2"
                ";acties_verwijderd=1;grafstenen=3;verhuisd=0"
            ]
            counted = _counts_of(s, hid)
            for m in {month, 202404}:
                n = [stored_month(a) for a in added].count(m)
                assert counted["visits"][m] == counted_before["visits"][m] + n
                assert counted["signs"][m] == counted_before["signs"][m] + n
            assert counted["levels"][month] == "zorg"
            assert verify_chain(s).ok
        assert run_retention(vault, later).vacuumed is False  # nothing left to thin
    finally:
        vault.close()

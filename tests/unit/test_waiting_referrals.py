"""Vandaag's referrals waiting for feedback (#16): without conditions on the household or
its address, the first ones are chosen and sorted from the referrals alone and only those
are joined. That must give the same rows, in the same order, with the same counts, as the
plain join it replaced (kept for a ``where``): every status, due dates in the past, today,
the future and none, many on the same day (the reference decides), and every cut."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from tests.helpers import add_case
from waakvlam_desktop.clock import local_today
from waakvlam_desktop.domain import referrals
from waakvlam_desktop.domain.referrals import (
    count_waiting_for_feedback,
    referrals_waiting_for_feedback,
)
from waakvlam_desktop.domain.types import ConsentForm, HouseholdStatus, ReferralStatus
from waakvlam_desktop.storage.models import Household, Partner, Referral
from waakvlam_desktop.storage.vault import Vault


def test_the_first_waiting_referrals_are_those_of_the_plain_join(vault: Vault) -> None:
    cases = [add_case(vault, marker, number=10 + n) for n, marker in enumerate("ABC")]
    rng = random.Random(16)
    with vault.session() as s:
        today = local_today(s.info["clock"])
        for n in range(45):
            case = cases[n % 3]
            ref = referrals.create_referral(
                s,
                referrals.ReferralInput(
                    case["household"],
                    cases[rng.randrange(3)]["partner"],
                    f"reden {n}",
                    signal_codes=["financien.huurachterstand"],
                    consent_form=ConsentForm.VERBAL,
                    consent_date=today,
                ),
            )
            ref.status = rng.choice(list(ReferralStatus)).value
            ref.feedback_due = rng.choice([None, *(today + timedelta(d) for d in (-9, -1, 0, 4))])
        # References not in the order of creation: on a shared due date the reference
        # decides, not the order the rows were written in.
        made = s.scalars(select(Referral)).all()
        for ref, number in zip(made, rng.sample(range(len(made)), len(made)), strict=True):
            ref.reference = f"WV-T-{number:04d}"
        closed = s.get(Household, cases[2]["household"])
        assert closed is not None
        closed.status = HouseholdStatus.CLOSED.value  # its rows show level "geen"
    plain = Household.id.is_not(None)  # a condition: the joined path of before
    with vault.session() as s:
        everything = s.scalars(select(Referral)).all()
        waiting = [r for r in everything if r.status in referrals.WAITING_STATUSES]
        late = [r for r in waiting if r.feedback_due is not None and r.feedback_due < today]
        assert 5 < len(late) < len(waiting) - 5 and any(r.feedback_due is None for r in waiting)
        for overdue in (True, False, None):
            for limit in (None, 1, 2, 7, 150):
                fast = referrals_waiting_for_feedback(s, today, overdue=overdue, limit=limit)
                joined = referrals_waiting_for_feedback(
                    s, today, plain, overdue=overdue, limit=limit
                )
                assert fast == joined, (overdue, limit)
            every = referrals_waiting_for_feedback(s, today, overdue=overdue)
            keys = [(w.feedback_due is None, w.feedback_due, w.reference) for w in every]
            assert keys == sorted(keys, key=lambda k: (k[0], k[1] or today, k[2]))
        assert count_waiting_for_feedback(s, today) == count_waiting_for_feedback(s, today, plain)
        assert count_waiting_for_feedback(s, today) == (len(late), len(waiting) - len(late))


def test_no_referral_can_point_at_a_household_or_partner_that_is_not_there(
    vault: Vault,
) -> None:
    """The claim the referral-alone path rests on: the joins leave no referral out, because
    a referral's household and partner, and a household's address, always exist (required
    foreign keys, enforced on every connection). Pointing one elsewhere, or deleting the
    partner, is refused."""
    case = add_case(vault, "Z")
    nowhere = str(uuid.uuid4())
    for statement in (
        update(Referral).where(Referral.id == case["referral"]).values(partner_id=nowhere),
        update(Referral).where(Referral.id == case["referral"]).values(household_id=nowhere),
        update(Household).where(Household.id == case["household"]).values(address_id=nowhere),
        delete(Partner).where(Partner.id == case["partner"]),
    ):
        with pytest.raises(IntegrityError, match="FOREIGN KEY"), vault.session() as s:
            s.execute(statement)
    with vault.session() as s:
        referral = s.get(Referral, case["referral"])
        assert referral is not None and referral.partner_id == case["partner"]
        assert referral.household_id == case["household"]

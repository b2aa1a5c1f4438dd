"""Consent withdrawal, partners that received data, the audit viewer's query."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.helpers import add_case
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.documents.referral_documents import (
    generate_referral_letter,
    generate_resident_letter,
)
from waakvlam_desktop.domain import referrals
from waakvlam_desktop.domain.consent import (
    CONSENT_WITHDRAWN,
    consent_withdrawn,
    grondslag_report,
    partners_that_received_data,
    require_consent_in_force,
    withdraw_consent,
    withdrawn_households,
)
from waakvlam_desktop.domain.households import view_household
from waakvlam_desktop.domain.types import ConsentForm, ReferralStatus
from waakvlam_desktop.errors import ConsentWithdrawnError, ValidationError
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.models import Referral
from waakvlam_desktop.storage.vault import Vault


def test_withdrawal_is_recorded_and_respected(vault: Vault, clock: FixedClock) -> None:
    ids = add_case(vault, "Qzconsent")
    hid, pid, rid = ids["household"], ids["partner"], ids["referral"]
    with vault.session() as s:
        assert not consent_withdrawn(s, hid, pid)
        require_consent_in_force(s, rid)
        with pytest.raises(ValidationError, match="toekomst"):
            withdraw_consent(s, rid, date(2026, 12, 25))
    clock.advance(timedelta(days=3))
    with vault.session() as s:
        state = withdraw_consent(s, rid, date(2026, 11, 29), note="belde zelf")
    assert state.withdrawn_on == date(2026, 11, 29) and state.withdrawal_note == "belde zelf"
    with vault.session() as s:
        assert consent_withdrawn(s, hid, pid)
        assert not consent_withdrawn(s, hid, pid, on=date(2026, 11, 28))
        assert withdrawn_households(s, pid) == {hid}
        with pytest.raises(ConsentWithdrawnError, match="ingetrokken"):
            require_consent_in_force(s, rid)
        # Letters respect it: no referral letter and no resident letter any more.
        for generate in (generate_referral_letter, generate_resident_letter):
            with pytest.raises(ConsentWithdrawnError):
                generate(s, rid)
        with pytest.raises(ValidationError, match="al ingetrokken"):
            withdraw_consent(s, rid)
        ref = s.get(Referral, rid)
        assert ref is not None and ref.consent_withdrawn_on == date(2026, 11, 29)
    # Fresh consent in a newer referral restores it.
    clock.advance(timedelta(days=5))
    with vault.session() as s:
        referrals.create_referral(
            s,
            referrals.ReferralInput(
                hid,
                pid,
                "opnieuw",
                consent_form=ConsentForm.WRITTEN,
                consent_date=date(2026, 12, 3),
            ),
        )
    with vault.session() as s:
        assert not consent_withdrawn(s, hid, pid)
        assert withdrawn_households(s, pid) == set()
        events = audit.audit_rows(s, action="consent_withdrawn")
    assert [e.entity_id for e in events] == [rid]


def test_other_grondslag_cannot_be_withdrawn(vault: Vault) -> None:
    ids = add_case(vault, "Qzander")
    with vault.session() as s:
        ref = referrals.create_referral(
            s,
            referrals.ReferralInput(
                ids["household"], ids["partner"], "acuut gevaar", basis_text="meldcode"
            ),
        )
        with pytest.raises(ValidationError, match="niet op toestemming"):
            withdraw_consent(s, ref.id)


def test_partners_that_received_data(vault: Vault, clock: FixedClock) -> None:
    ids = add_case(vault, "Qzpartner")
    hid = ids["household"]
    with vault.session() as s:
        assert partners_that_received_data(s, hid) == []  # a concept was not sent
    clock.advance(timedelta(days=1))
    with vault.session() as s:
        referrals.change_status(s, ids["referral"], ReferralStatus.VERSTUURD)
        audit.record(s, "export", "partner", ids["partner"], household_id=hid, detail="bundle")
    clock.advance(timedelta(days=10))
    with vault.session() as s:
        audit.record(s, "print", "referral", ids["referral"], household_id=hid, detail="brief")
    with vault.session() as s:
        (receipt,) = partners_that_received_data(s, hid)
    assert receipt.partner_id == ids["partner"] and receipt.partner_name == "Wijkteam 40"
    assert receipt.first_on == date(2026, 11, 28) and receipt.last_on == date(2026, 12, 8)
    assert receipt.via == ("doorverwijzing", "export", "print")
    assert receipt.references == ("WV-2026-0001",) and not receipt.consent_withdrawn


def test_viewing_is_audited_and_the_viewer_filters(vault: Vault, clock: FixedClock) -> None:
    first = add_case(vault, "Qzeen", number=1)
    second = add_case(vault, "Qztwee", number=2)
    clock.set(datetime(2026, 12, 5, 12, 0, tzinfo=UTC))
    with vault.session() as s:
        detail = view_household(s, first["household"])
        assert detail.id == first["household"]
    with vault.session() as s:
        views = audit.audit_rows(s, action="view")
        assert [(r.household_id, r.staff_name) for r in views] == [
            (first["household"], "A. de Vries")
        ]
        assert views[0].household_label == "fam. Qzeennaam"
        assert audit.audit_rows(s, household_id=second["household"], action="view") == []
        in_dec = audit.audit_rows(s, since=date(2026, 12, 1), until=date(2026, 12, 31))
        assert [r.action for r in in_dec] == ["view"]
        assert audit.audit_rows(s, until=date(2026, 11, 26)) == []
        mine = audit.audit_rows(s, staff_id=vault.actor, limit=None)
        everything = audit.audit_rows(s, limit=None)
        assert 0 < len(mine) < len(everything)
        assert mine == [r for r in everything if r.actor_id == vault.actor]
        assert audit.audit_rows(s, staff_id="iemand-anders") == []
        assert {"create", "update", "view"} <= set(audit.audit_actions(s))
        rows = audit.audit_rows(s, limit=3)
        assert [r.seq for r in rows] == sorted((r.seq for r in rows), reverse=True)


def test_exports_leave_out_withdrawn_consent(vault: Vault, clock: FixedClock) -> None:
    ids = add_case(vault, "Qzexport")
    hid, pid, rid = ids["household"], ids["partner"], ids["referral"]
    with vault.session() as s:
        assert hid in grondslag_report(s, pid, date(2026, 11, 30)).valid
    clock.advance(timedelta(days=3))
    with vault.session() as s:
        withdraw_consent(s, rid, date(2026, 11, 29))
    with vault.session() as s:
        before = grondslag_report(s, pid, date(2026, 11, 28))
        after = grondslag_report(s, pid, date(2026, 11, 30))
    assert hid in before.valid  # a period before the withdrawal still had consent
    assert hid not in after.valid
    assert after.excluded == {CONSENT_WITHDRAWN: 1}

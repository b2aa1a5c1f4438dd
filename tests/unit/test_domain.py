"""Domain services on a real vault: visits, concern levels, rhythm, referrals, search."""

from __future__ import annotations

from datetime import date, timedelta

import pyrage
import pytest

from tests.helpers import add_household
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain import followups, partners, referrals
from waakvlam_desktop.domain.households import household_detail, list_households
from waakvlam_desktop.domain.search import plain_snippet, search
from waakvlam_desktop.domain.settings import load_settings, save_setting
from waakvlam_desktop.domain.types import (
    ConcernLevel,
    ConsentForm,
    FollowUpStatus,
    PartnerType,
    ReferralStatus,
    VisitKind,
)
from waakvlam_desktop.domain.visits import (
    FollowUpInput,
    SignalInput,
    VisitInput,
    amend_visit,
    record_visit,
)
from waakvlam_desktop.domain.waakvlam import ObservedSign, check_ins, suggest_level
from waakvlam_desktop.errors import BsnLikeError, TransitionError, ValidationError
from waakvlam_desktop.storage.models import AuditEvent, SignalObservation, Visit, VisitCorrection
from waakvlam_desktop.storage.vault import Vault


def sign(code: str, severity: int, domain: str = "woning", acute: bool = False) -> ObservedSign:
    return ObservedSign(code, domain, severity, acute)


@pytest.mark.parametrize(
    ("signs", "level"),
    [
        ([], ConcernLevel.GEEN),
        ([sign("a", 1)], ConcernLevel.AANDACHT),
        ([sign("a", 2)], ConcernLevel.AANDACHT),
        ([sign("a", 3)], ConcernLevel.ZORG),
        ([sign("a", 2), sign("b", 2, "financien")], ConcernLevel.ZORG),
        ([sign("a", 2), sign("b", 2), sign("c", 2)], ConcernLevel.ZORG),
        ([sign("a", 2), sign("a", 2), sign("a", 2)], ConcernLevel.AANDACHT),  # one sign
        # An acute sign always suggests at least acuut, whatever its severity (#15).
        ([sign("hg", 1, "veiligheid", acute=True)], ConcernLevel.ACUUT),
        ([sign("afsluiting", 1, "financien", acute=True)], ConcernLevel.ACUUT),
        ([sign("hg", 2, "veiligheid", acute=True)], ConcernLevel.ACUUT),
        ([sign("val", 3, "veiligheid")], ConcernLevel.ACUUT),
    ],
)
def test_suggestion_rule(signs: list[ObservedSign], level: ConcernLevel) -> None:
    assert suggest_level(signs) is level


def test_record_visit_in_one_transaction(vault: Vault, clock: FixedClock) -> None:
    hid = add_household(vault)
    with vault.session() as s:
        result = record_visit(
            s,
            VisitInput(
                hid,
                VisitKind.SIGNAAL,
                notes="Stapels post in de gang",
                signals=[
                    SignalInput("financien.ongeopende_post", 2, "veel aanmaningen"),
                    SignalInput("veiligheid.huiselijk_geweld", 2),
                ],
                follow_ups=[FollowUpInput("Bellen met het wijkteam", date(2026, 12, 1))],
            ),
        )
    assert result.suggested_level is ConcernLevel.ACUUT
    assert result.level is ConcernLevel.ACUUT
    assert result.next_check_in == date(2026, 11, 27) + timedelta(days=7)
    assert [i.code for i in result.acute_items] == ["veiligheid.huiselijk_geweld"]
    assert "0800-2000" in result.acute_items[0].guidance_nl
    with vault.session() as s:
        detail = household_detail(s, hid)
    assert detail.concern_level is ConcernLevel.ACUUT
    assert len(detail.visits) == 1 and len(detail.visits[0].observations) == 2
    # No --acute-response: the acute sign got an action due today besides the agreed one.
    assert {(f.description, f.due_on) for f in detail.follow_ups} == {
        ("Bellen met het wijkteam", date(2026, 12, 1)),
        ("Acuut signaal opvolgen: Signalen huiselijk geweld", date(2026, 11, 27)),
    }


def test_invalid_signal_stores_nothing(vault: Vault) -> None:
    hid = add_household(vault)
    with pytest.raises(ValidationError, match="Onbekend signaal"), vault.session() as s:
        record_visit(
            s,
            VisitInput(
                hid, VisitKind.REGULIER, notes="x", signals=[SignalInput("bestaat.niet", 1)]
            ),
        )
    with pytest.raises(ValidationError, match="1, 2 of 3"), vault.session() as s:
        record_visit(
            s, VisitInput(hid, VisitKind.REGULIER, signals=[SignalInput("woning.geluid", 4)])
        )
    with vault.session() as s:
        assert s.query(Visit).count() == 0
        assert s.query(SignalObservation).count() == 0


def test_bsn_guard_requires_confirmation(vault: Vault) -> None:
    hid = add_household(vault)
    with pytest.raises(BsnLikeError, match="BSN"), vault.session() as s:
        record_visit(s, VisitInput(hid, VisitKind.REGULIER, notes="nummer 111222333"))
    with vault.session() as s:
        record_visit(
            s,
            VisitInput(hid, VisitKind.REGULIER, notes="nummer 111222333", allow_bsn_like=True),
        )


def test_override_level_and_past_check_in_refused(vault: Vault) -> None:
    hid = add_household(vault)
    with pytest.raises(ValidationError, match="verleden"), vault.session() as s:
        record_visit(s, VisitInput(hid, VisitKind.REGULIER, next_check_in=date(2026, 1, 1)))
    with vault.session() as s:
        r = record_visit(
            s,
            VisitInput(
                hid,
                VisitKind.REGULIER,
                concern_level=ConcernLevel.ZORG,
                next_check_in=date(2026, 12, 3),
            ),
        )
    assert r.suggested_level is ConcernLevel.GEEN and r.level is ConcernLevel.ZORG
    assert r.next_check_in == date(2026, 12, 3)


def test_rhythm_overdue_and_due(vault: Vault, clock: FixedClock) -> None:
    acute = add_household(vault, "fam. Acuut", 1)
    calm = add_household(vault, "mw. Rustig", 2)
    with vault.session() as s:
        record_visit(
            s,
            VisitInput(acute, VisitKind.REGULIER, signals=[SignalInput("veiligheid.kinderen", 3)]),
        )
        record_visit(s, VisitInput(calm, VisitKind.REGULIER))
    with vault.session() as s:
        settings = load_settings(s)
        overdue, due = check_ins(s, date(2026, 11, 27), settings)
        assert overdue == [] and [c.household_id for c in due] == [acute]
        overdue, due = check_ins(s, date(2026, 12, 12), settings)
        assert [c.household_id for c in overdue] == [acute]
        assert overdue[0].days_late == 8
    with vault.session() as s:
        save_setting(s, "rhythm_days", {"geen": 3, "aandacht": 56, "zorg": 28, "acuut": 7})
    with pytest.raises(ValidationError), vault.session() as s:
        save_setting(s, "rhythm_days", {"geen": 0, "aandacht": 56, "zorg": 28, "acuut": 7})


def test_follow_ups(vault: Vault) -> None:
    hid = add_household(vault)
    with vault.session() as s:
        fu = followups.add_follow_up(s, hid, "Samen geluidsisolatie regelen", date(2026, 12, 5))
        assert [f.description for f in followups.open_follow_ups(s)] == [fu.description]
        followups.set_follow_up_status(s, fu.id, FollowUpStatus.DONE)
        assert followups.open_follow_ups(s) == []
        with pytest.raises(TransitionError):
            followups.set_follow_up_status(s, fu.id, FollowUpStatus.DONE)


def _partner(vault: Vault) -> str:
    with vault.session() as s:
        return partners.add_partner(s, name="Wijkteam Noord", type=PartnerType.WIJKTEAM).id


def test_referral_needs_grondslag_and_follows_the_loop(vault: Vault) -> None:
    hid = add_household(vault)
    pid = _partner(vault)
    with vault.session() as s:
        record_visit(
            s,
            VisitInput(
                hid, VisitKind.REGULIER, signals=[SignalInput("financien.huurachterstand", 2)]
            ),
        )
    base = referrals.ReferralInput(
        hid, pid, "Huurachterstand loopt op", signal_codes=["financien.huurachterstand"]
    )
    with pytest.raises(ValidationError, match="grondslag"), vault.session() as s:
        referrals.create_referral(s, base)
    base.consent_form = ConsentForm.VERBAL
    base.consent_date = date(2026, 11, 26)
    with vault.session() as s:
        ref = referrals.create_referral(s, base)
        ref_id, reference = ref.id, ref.reference
        assert len(ref.signals) == 1
    assert reference == "WV-2026-0001"
    with vault.session() as s:
        with pytest.raises(TransitionError, match="kan niet"):
            referrals.change_status(s, ref_id, ReferralStatus.AFGESLOTEN)
        for status in (
            ReferralStatus.VERSTUURD,
            ReferralStatus.ONTVANGEN,
            ReferralStatus.IN_BEHANDELING,
            ReferralStatus.AFGESLOTEN,
        ):
            referrals.change_status(s, reference, status, note="ok")
        with pytest.raises(TransitionError, match="afgerond"):
            referrals.change_status(s, ref_id, ReferralStatus.GEANNULEERD)
        assert len(referrals.get_referral(s, ref_id).history) == 5


def test_age_recipient_validation(vault: Vault) -> None:
    good = str(pyrage.x25519.Identity.generate().to_public())
    with vault.session() as s:
        p = partners.add_partner(s, name="GGD Utrecht", type=PartnerType.GGD, recipients=[good])
        assert p.recipients == (good,)
    with pytest.raises(ValidationError, match="sleutel van de partner"), vault.session() as s:
        partners.add_partner(s, name="GGD 2", type=PartnerType.GGD, recipients=["age1nope"])


def test_search_folds_diacritics_and_highlights(vault: Vault) -> None:
    hid = add_household(vault)
    with vault.session() as s:
        record_visit(
            s,
            VisitInput(
                hid,
                VisitKind.REGULIER,
                notes="Bewoner heeft een reünie gehad en is daarna erg geëmotioneerd.",
                signals=[SignalInput("gezondheid.somber", 1, "Zegt dat alles zinloos voelt")],
            ),
        )
    with vault.session() as s:
        hits = search(s, "reunie geemotioneerd")
        assert len(hits) == 1 and hits[0].source == "visit"
        assert "[reünie]" in plain_snippet(hits[0].snippet)
        remark_hits = search(s, "zinloos")
        assert remark_hits[0].source == "signal" and remark_hits[0].household_id == hid
        assert search(s, '" OR *') == []
        assert search(s, "") == []


def test_household_list(vault: Vault) -> None:
    add_household(vault, "fam. B", 2)
    add_household(vault, "fam. A", 1)
    with vault.session() as s:
        rows = list_households(s)
    assert [r.label for r in rows] == ["fam. A", "fam. B"]
    assert rows[0].address == "Kerkstraat 1" and rows[0].residents == 1


def test_a_visit_note_is_corrected_within_the_period_and_the_original_kept(
    vault: Vault, clock: FixedClock
) -> None:
    hid = add_household(vault)
    with vault.session() as s:
        assert household_detail(s, hid).visited is False  # "nog niet bezocht"
        vid = record_visit(s, VisitInput(hid, VisitKind.REGULIER, notes="Eerste versie")).visit_id
    with vault.session() as s:
        amend_visit(s, vid, "Verbeterde versie")
    with vault.session() as s:
        detail = household_detail(s, hid)
        assert detail.visited is True
        assert detail.visits[0].notes == "Verbeterde versie"
        assert detail.visits[0].corrected_at is not None
        kept = s.query(VisitCorrection).one()
        assert (kept.notes_before, kept.notes_after) == ("Eerste versie", "Verbeterde versie")
        actions = {(e.action, e.entity) for e in s.query(AuditEvent)}
        assert {("create", "visit_correction"), ("update", "visit")} <= actions
    clock.advance(timedelta(days=8))  # past the default 7 days
    with pytest.raises(ValidationError, match="7 dagen"), vault.session() as s:
        amend_visit(s, vid, "Te laat")

"""Casusoverleg (#18 C): meetings, agenda carry-over until solved, agreements, what each
participant may see (one grondslag check, the disclosure spec), audit, retention, inzage,
Vandaag."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from waakvlam_desktop.clock import FixedClock, local_today
from waakvlam_desktop.documents.meeting import render_meeting
from waakvlam_desktop.domain import agreements, households, meetings
from waakvlam_desktop.domain.consent import household_pseudonym, withdraw_consent
from waakvlam_desktop.domain.demo import generate_demo
from waakvlam_desktop.domain.disclosure import (
    MEETING_FULL,
    MEETING_HIDDEN,
    MEETING_PSEUDONYM,
    DisclosureSpecError,
    load_disclosure,
    parse_disclosure,
)
from waakvlam_desktop.domain.partners import add_partner
from waakvlam_desktop.domain.referrals import ReferralInput, create_referral
from waakvlam_desktop.domain.settings import load_settings
from waakvlam_desktop.domain.today import today_overview
from waakvlam_desktop.domain.types import ConsentForm, FollowUpStatus, PartnerType, VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.errors import NotFoundError, TransitionError, ValidationError
from waakvlam_desktop.privacy.inzage import write_inzage
from waakvlam_desktop.privacy.retention import close_household, run_retention
from waakvlam_desktop.storage.models import (
    AuditEvent,
    MeetingAction,
    MeetingHousehold,
    Partner,
    Referral,
)
from waakvlam_desktop.storage.vault import Vault

DAY = date(2026, 12, 3)


def _pdf_text(pdf: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def setup_case(vault: Vault) -> dict[str, str]:
    """Two households; the wijkteam has a grondslag (consent) for the first, the GGD for
    neither."""
    ids: dict[str, str] = {}
    with vault.session() as s:
        for key, name, ptype in (
            ("wijkteam", "Wijkteam Oost", PartnerType.WIJKTEAM),
            ("ggd", "GGD Regio", PartnerType.GGD),
        ):
            ids[key] = add_partner(
                s,
                name=name,
                type=ptype,
                address_line="Postbus 1",
                postcode="3500 AA",
                city="Utrecht",
            ).id
        for key, surname, number in (("a", "Qzjansen", 1), ("b", "Qzpietersen", 2)):
            addr = households.add_address(
                s, street="Lindelaan", number=number, postcode="3511 AB", city="Utrecht"
            )
            hh = households.add_household(s, addr.id, f"fam. {surname}")
            ids[key] = hh.id
            ids[f"res_{key}"] = households.add_resident(s, hh.id, f"Piet {surname}").id
        create_referral(
            s,
            ReferralInput(
                household_id=ids["a"],
                partner_id=ids["wijkteam"],
                reason="Zorgen om de administratie",
                consent_form=ConsentForm.VERBAL,
                consent_date=local_today(s.info["clock"]) - timedelta(days=7),
            ),
        )
    return ids


def test_carry_over_until_solved(vault: Vault) -> None:
    ids = setup_case(vault)
    with vault.session() as s:
        first = meetings.add_meeting(s, DAY, ["Wijkteam Oost", "GGD Regio"], place="Wijkhuis")
        assert first.carried == ()
        assert meetings.add_to_agenda(s, first.id, ids["a"]) == [first.id]
        meetings.add_to_agenda(s, first.id, ids["b"])
        meetings.agree(
            s, first.id, ids["a"], "Wijkteam Oost", "Huisbezoek samen", DAY + timedelta(days=7)
        )
        meetings.agree(s, first.id, ids["b"], "A. de Vries", "Bellen met de bewoner")
        meetings.decide(s, first.id, ids["b"], "Geen zorgen meer na het gesprek.")
        meetings.mark_solved(s, first.id, ids["b"])
        with pytest.raises(TransitionError):
            meetings.mark_solved(s, first.id, ids["b"])
    with vault.session() as s:
        second = meetings.add_meeting(s, DAY + timedelta(days=28), ["GGD Regio"])
        assert second.carried == (ids["a"],)  # b was solved: not carried
        meetings.mark_solved(s, second.id, ids["a"])
        third = meetings.add_meeting(s, DAY + timedelta(days=56), ["GGD Regio"])
        assert third.carried == ()
        rows = meetings.list_meetings(s)
        assert [r.households for r in rows] == [0, 1, 2]
        assert rows[2].solved == 1 and rows[2].open_actions == 2
        assert rows[2].partners == ("GGD Regio", "Wijkteam Oost")
        # by its day too
        assert meetings.get_meeting(s, DAY.isoformat()).id == first.id


def test_solved_leaves_later_planned_agendas(vault: Vault) -> None:
    ids = setup_case(vault)
    with vault.session() as s:
        first = meetings.add_meeting(s, DAY, ["GGD Regio"])
        later = meetings.add_meeting(s, DAY + timedelta(days=14), ["GGD Regio"])
        # added to the first meeting: on the one already planned after it too
        assert meetings.add_to_agenda(s, first.id, ids["a"]) == [first.id, later.id]
        assert meetings.mark_solved(s, first.id, ids["a"]) == 1
        assert [i.household_id for i in meetings.meeting_detail(s, later.id).items] == []


def test_refusals(vault: Vault) -> None:
    ids = setup_case(vault)
    with vault.session() as s:
        with pytest.raises(ValidationError):
            meetings.add_meeting(s, DAY, [])
        with pytest.raises(NotFoundError):
            meetings.add_meeting(s, DAY, ["Onbekend"])
        m = meetings.add_meeting(s, DAY, ["GGD Regio"])
        with pytest.raises(ValidationError):  # not on the agenda
            meetings.agree(s, m.id, ids["a"], "GGD Regio", "Iets doen")
        meetings.add_to_agenda(s, m.id, ids["a"])
        with pytest.raises(ValidationError):  # not at the table
            meetings.agree(s, m.id, ids["a"], "Wijkteam Oost", "Iets doen")
        with pytest.raises(ValidationError):  # BSN guard
            meetings.agree(s, m.id, ids["a"], "GGD Regio", "BSN 111222333 opzoeken")
        with pytest.raises(NotFoundError):
            meetings.get_meeting(s, "2030-01-01")
        with pytest.raises(ValidationError):
            meetings.participant_view(s, m.id, "Wijkteam Oost")


def test_each_participant_sees_what_its_grondslag_allows(vault: Vault) -> None:
    ids = setup_case(vault)
    with vault.session() as s:
        m = meetings.add_meeting(s, DAY, ["Wijkteam Oost", "GGD Regio"])
        meetings.add_to_agenda(s, m.id, ids["a"])
        wijkteam = meetings.participant_view(s, m.id, "Wijkteam Oost")
        ggd = meetings.participant_view(s, m.id, ids["ggd"])
    (wt,) = wijkteam.items
    assert wt.view.mode == MEETING_FULL and "Qzjansen" in wt.title
    assert wt.residents == ("Piet Qzjansen",) and wt.address == "Lindelaan 1"
    (g,) = ggd.items
    assert g.view.mode == MEETING_PSEUDONYM
    assert "Qzjansen" not in g.title and g.residents == () and g.address == ""
    assert g.title == g.pseudonym and len(g.pseudonym) == 14
    # pseudonyms differ per partner
    assert wt.pseudonym != g.pseudonym


def test_minutes_made_after_a_withdrawal_show_only_the_code(
    vault: Vault, clock: FixedClock
) -> None:
    """Papers are judged like a case export: consent withdrawn after the meeting stops the
    minutes made after the withdrawal from naming the household (docs/privacy.md)."""
    ids = setup_case(vault)
    held = local_today(clock)
    with vault.session() as s:
        m = meetings.add_meeting(s, held, ["Wijkteam Oost"])
        meetings.add_to_agenda(s, m.id, ids["a"])
        before = _pdf_text(
            render_meeting(meetings.participant_view(s, m.id, "Wijkteam Oost"), meetings.MINUTES)
        )
        rid = s.scalars(select(Referral.id).where(Referral.household_id == ids["a"])).one()
    assert "Qzjansen" in before
    clock.advance(timedelta(days=2))
    with vault.session() as s:
        withdraw_consent(s, rid)
        view = meetings.participant_view(s, m.id, "Wijkteam Oost")
        text = _pdf_text(render_meeting(view, meetings.MINUTES))
    (item,) = view.items
    assert item.view.mode == MEETING_PSEUDONYM and item.residents == ()
    assert item.pseudonym in text
    assert "Qzjansen" not in text and "Lindelaan" not in text


def test_the_spec_can_leave_a_household_out() -> None:
    spec = load_disclosure()
    assert spec.meeting_view(PartnerType.GGD, grondslag=False).mode == MEETING_PSEUDONYM
    full = spec.meeting_view(PartnerType.GGD, grondslag=True)
    assert full.identified and full.name and full.address
    raw = json.loads(
        Path(__file__)
        .resolve()
        .parents[2]
        .joinpath("src/waakvlam_desktop/resources/disclosure/disclosure.json")
        .read_text(encoding="utf-8")
    )
    raw["meeting"]["without_grondslag"]["ggd"] = "niet"
    strict = parse_disclosure(json.dumps(raw).encode())
    assert strict.meeting_view(PartnerType.GGD, grondslag=False).mode == MEETING_HIDDEN
    assert strict.meeting_view(PartnerType.WIJKTEAM, grondslag=False).mode == MEETING_PSEUDONYM
    raw["meeting"]["without_grondslag"]["ggd"] = "alles"
    with pytest.raises(DisclosureSpecError):
        parse_disclosure(json.dumps(raw).encode())


def test_printing_is_audited_and_partner_actions_reach_vandaag(
    vault: Vault, clock: FixedClock
) -> None:
    ids = setup_case(vault)
    with vault.session() as s:
        m = meetings.add_meeting(s, DAY, ["Wijkteam Oost", "GGD Regio"])
        meetings.add_to_agenda(s, m.id, ids["a"])
        action = meetings.agree(s, m.id, ids["a"], "GGD Regio", "Afspraak maken", DAY)
        meetings.agree(s, m.id, ids["a"], "A. de Vries", "Zelf langsgaan", DAY)
        view = meetings.participant_view(s, m.id, "GGD Regio")
        meetings.record_printed(s, view, meetings.AGENDA)
    with vault.session() as s:
        events = s.execute(
            select(AuditEvent.action, AuditEvent.entity, AuditEvent.household_id, AuditEvent.detail)
            .where(AuditEvent.entity.like("meeting%"))
            .order_by(AuditEvent.seq)
        ).all()
        kinds = {(a, e) for a, e, _h, _d in events}
        assert {("create", "meeting"), ("create", "meeting_household")} <= kinds
        assert ("create", "meeting_action") in kinds
        assert (
            "meeting_agenda",
            "meeting",
            ids["a"],
            f"partner: {ids['ggd']}; weergave: pseudoniem",
        ) in events
        ov = today_overview(s, DAY, load_settings(s))
        assert [a.description for a in ov.partner_agreements] == ["Afspraak maken"]
        assert ov.partner_agreements[0].partner_name == "GGD Regio"
        agreements.set_agreement_status(s, action, FollowUpStatus.DONE)
    with vault.session() as s:
        assert today_overview(s, DAY, load_settings(s)).partner_agreements == []
        with pytest.raises(TransitionError):
            agreements.set_agreement_status(s, action, FollowUpStatus.DONE)


def test_inzage_and_retention_cover_meeting_records(
    vault: Vault, clock: FixedClock, tmp_path: Path
) -> None:
    clock.set(datetime(2020, 5, 1, 10, 0, tzinfo=UTC))
    ids = setup_case(vault)
    long_ago = date(2020, 5, 1)
    with vault.session() as s:
        m = meetings.add_meeting(s, long_ago, ["GGD Regio"], place="Wijkhuis De Brug")
        meetings.add_to_agenda(s, m.id, ids["b"])
        meetings.decide(s, m.id, ids["b"], "Qzbesluit: samen met de GGD verder.")
        meetings.agree(s, m.id, ids["b"], "GGD Regio", "Qzafspraak huisbezoek")
        out = write_inzage(s, ids["res_b"], tmp_path / "inzage")
        close_household(s, ids["b"])
    text = out.json.read_text(encoding="utf-8")
    assert "Qzbesluit" in text and "Qzafspraak" in text and "Wijkhuis De Brug" in text
    pdf_text = "".join(p.extract_text() for p in PdfReader(out.pdf).pages)
    assert "Casusoverleg" in pdf_text and "Qzafspraak" in pdf_text
    # every term passed: the household is anonymised, its meeting records go with it
    clock.set(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))
    run_retention(vault, date(2026, 11, 27))
    with vault.session() as s:
        assert s.scalar(select(func.count()).select_from(MeetingAction)) == 0
        assert s.scalar(select(func.count()).select_from(MeetingHousehold)) == 0
        assert meetings.list_meetings(s)[0].households == 0


def test_the_demo_holds_two_meetings_with_a_household_carried_over(vault: Vault) -> None:
    counts = generate_demo(vault.session, 80, seed=5)
    assert counts["meetings"] == 2
    with vault.session() as s:
        past, coming = sorted(meetings.list_meetings(s), key=lambda r: r.held_on)
        assert past.households == 4 and past.solved == 1 and past.open_actions == 4
        assert coming.households == 3 and coming.solved == 0  # the open ones carried over
        detail = meetings.meeting_detail(s, coming.id)
        assert all(item.carried for item in detail.items)


def _visit_with_signals(vault: Vault, household_id: str, *codes: str) -> None:
    with vault.session() as s:
        record_visit(
            s,
            VisitInput(
                household_id=household_id,
                kind=VisitKind.REGULIER,
                signals=[SignalInput(code, 2) for code in codes],
            ),
        )


def test_with_grondslag_only_what_a_case_bundle_carries(vault: Vault) -> None:
    """A partner with a grondslag sees the signals linked to its referrals and the residents
    they concern — the same rule as a case bundle — not every signal and every resident."""
    ids = setup_case(vault)
    with vault.session() as s:
        partner = add_partner(
            s,
            name="Schuldhulp",
            type=PartnerType.SCHULDHULP,
            address_line="Postbus 2",
            postcode="3500 AB",
            city="Utrecht",
        ).id
        other = households.add_resident(s, ids["a"], "Qzgeheim Qzjansen").id
    _visit_with_signals(vault, ids["a"], "woning.vervuiling", "woning.geluid")
    with vault.session() as s:
        create_referral(
            s,
            ReferralInput(
                household_id=ids["a"],
                partner_id=partner,
                reason="Schulden",
                signal_codes=["woning.vervuiling"],
                concerns=[ids["res_a"]],
                consent_form=ConsentForm.VERBAL,
                consent_date=local_today(s.info["clock"]),
            ),
        )
        today = local_today(s.info["clock"])
        m = meetings.add_meeting(s, today, ["Schuldhulp", "GGD Regio"])
        meetings.add_to_agenda(s, m.id, ids["a"])
        view = meetings.participant_view(s, m.id, "Schuldhulp")
        pdf = render_meeting(view, meetings.AGENDA)
        staff = meetings.meeting_detail(s, m.id)
    assert other  # the second resident is in the vault ...
    (item,) = view.items
    assert item.view.identified
    assert [sg.label_nl for sg in item.signals] == ["Vervuiling / verwaarlozing van de woning"]
    assert item.residents == ("Piet Qzjansen",)  # ... but no referral concerns her
    text = _pdf_text(pdf)
    assert "Vervuiling" in text and "geluid" not in text and "Qzgeheim" not in text
    # the staff member sees everything
    assert len(staff.items[0].signals) == 2 and len(staff.items[0].residents) == 2


def test_the_agenda_lists_open_agreements_of_earlier_meetings_per_participant(
    vault: Vault,
) -> None:
    ids = setup_case(vault)
    with vault.session() as s:
        first = meetings.add_meeting(s, DAY, ["Wijkteam Oost", "GGD Regio"])
        meetings.add_to_agenda(s, first.id, ids["a"])
        meetings.add_to_agenda(s, first.id, ids["b"])
        meetings.agree(s, first.id, ids["a"], "GGD Regio", "Qzggd huisbezoek plannen")
        meetings.agree(s, first.id, ids["a"], "Wijkteam Oost", "Qzwijkteam budgetplan")
        meetings.agree(s, first.id, ids["a"], "A. de Vries", "Qzstaf bellen met Piet")
        done = meetings.agree(s, first.id, ids["a"], "GGD Regio", "Qzklaar al gedaan")
        agreements.set_agreement_status(s, done, FollowUpStatus.DONE)
        second = meetings.add_meeting(s, DAY + timedelta(days=28), ["Wijkteam Oost", "GGD Regio"])
        detail = meetings.meeting_detail(s, second.id)
        wijkteam = meetings.participant_view(s, second.id, "Wijkteam Oost")
        ggd = meetings.participant_view(s, second.id, "GGD Regio")
    staff_a = next(i for i in detail.items if i.household_id == ids["a"])
    assert [a.description for a in staff_a.earlier_agreements] == [
        "Qzggd huisbezoek plannen",
        "Qzwijkteam budgetplan",
        "Qzstaf bellen met Piet",
    ]
    # the wijkteam has a grondslag for a: every open agreement
    wt = _pdf_text(render_meeting(wijkteam, meetings.AGENDA))
    assert "Qzggd" in wt and "Qzwijkteam" in wt and "Qzstaf" in wt and "Qzklaar" not in wt
    assert "Nog open uit eerdere overleggen" in wt and "03-12-2026" in wt
    # the GGD sees a under a code: only its own open agreement
    g = _pdf_text(render_meeting(ggd, meetings.AGENDA))
    assert "Qzggd" in g and "Qzwijkteam" not in g and "Qzstaf" not in g
    assert "Qzjansen" not in g and "Piet" not in g


def test_the_meeting_code_cannot_be_looked_up_in_the_partners_bundles(vault: Vault) -> None:
    """A partner without a grondslag sees a household under a code that stays the same from
    meeting to meeting, but is not the (start of the) pseudonym its bundles carry."""
    ids = setup_case(vault)
    with vault.session() as s:
        first = meetings.add_meeting(s, DAY, ["GGD Regio"])
        meetings.add_to_agenda(s, first.id, ids["a"])
        second = meetings.add_meeting(s, DAY + timedelta(days=28), ["GGD Regio"])
        one = meetings.participant_view(s, first.id, "GGD Regio").items[0].pseudonym
        two = meetings.participant_view(s, second.id, "GGD Regio").items[0].pseudonym
        secret = s.get(Partner, ids["ggd"]).pseudonym_secret
    assert one == two
    bundle_code = household_pseudonym(secret, ids["a"])
    assert one.replace("-", "").lower() not in bundle_code


def test_an_own_agreement_that_names_the_household_is_printed_without_its_text(
    vault: Vault,
) -> None:
    """Under a code the partner reads its own agreements; one whose text a staff member
    wrote with the resident's name, the street or a (confirmed) BSN-like number would undo
    the code, so it is printed without the text."""
    ids = setup_case(vault)
    with vault.session() as s:
        m = meetings.add_meeting(s, DAY, ["GGD Regio"])
        meetings.add_to_agenda(s, m.id, ids["a"])
        meetings.agree(s, m.id, ids["a"], "GGD Regio", "Bellen met Piet over de post")
        meetings.agree(s, m.id, ids["a"], "GGD Regio", "Langs bij Lindelaan, de bel doet het niet")
        meetings.agree(
            s, m.id, ids["a"], "GGD Regio", "Dossier 111222333 opvragen", allow_bsn_like=True
        )
        meetings.agree(s, m.id, ids["a"], "GGD Regio", "Qzgewoon huisbezoek plannen")
        view = meetings.participant_view(s, m.id, "GGD Regio")
    text = _pdf_text(render_meeting(view, meetings.MINUTES))
    assert "Qzgewoon huisbezoek plannen" in text
    for leak in ("Piet", "Lindelaan", "111222333"):
        assert leak not in text
    assert text.count("de tekst staat er niet") == 3

"""A fresh vault starts with partners (#15 E): Veilig Thuis, usable at once, and templates for
the sociaal wijkteam, schuldhulpverlening and GGD that say what they still need. A referral
letter to a template still to complete is refused with one sentence and nothing is written;
completing it makes the letter work."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from tests.conftest import PASSPHRASE
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.documents import referral_documents as documents
from waakvlam_desktop.domain import households, partners, referrals
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.domain.types import ConsentForm, PartnerType
from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.storage.models import AuditEvent, Organisation, Partner, Referral
from waakvlam_desktop.storage.vault import Vault

TEMPLATE_FIELDS = ("address_line", "postcode", "city")


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _by_name(vault: Vault) -> dict[str, partners.PartnerView]:
    with vault.session() as s:
        return {p.name: p for p in partners.list_partners(s)}


def _refer(vault: Vault, partner_name: str) -> str:
    """A household referred to ``partner_name`` with consent; the organisation has its
    return address (letters need one)."""
    with vault.session() as s:
        org = s.scalars(select(Organisation)).one()
        org.address_line, org.postcode, org.city = "Postbus 1234", "3500 AB", "Utrecht"
        addr = households.add_address(
            s, street="Kerkstraat", number=12, postcode="3511AB", city="Utrecht"
        )
        hh = households.add_household(s, addr.id, "fam. Jansen")
        households.add_resident(s, hh.id, "Jan Jansen", birth_year=1960)
        partner = partners.partner_by_name(s, partner_name)
        return referrals.create_referral(
            s,
            referrals.ReferralInput(
                household_id=hh.id,
                partner_id=partner.id,
                reason="Zorgen over geldzaken.",
                letter_context="",
                signal_codes=[],
                consent_form=ConsentForm.VERBAL,
                consent_date=date(2026, 11, 20),
                basis_text="",
                feedback_due=date(2026, 12, 24),
            ),
        ).id


def _letters_written(vault: Vault, rid: str) -> tuple[bytes | None, int]:
    with vault.session() as s:
        stored = s.scalar(select(Referral.letter_pdf).where(Referral.id == rid))
        events = s.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "letter_generated", AuditEvent.entity_id == rid)
        )
    return stored, int(events or 0)


def test_a_fresh_vault_holds_exactly_the_shipped_partners(vault: Vault) -> None:
    found = _by_name(vault)
    assert set(found) == {"Veilig Thuis", "Sociaal wijkteam", "Schuldhulpverlening", "GGD"}
    vt = found["Veilig Thuis"]
    assert (vt.type, vt.phone, vt.missing, vt.complete) == (
        PartnerType.VEILIG_THUIS,
        "0800-2000",
        (),
        True,
    )
    assert (vt.address_line, vt.city) == ("", "")  # national: no regional address
    for name, kind in (
        ("Sociaal wijkteam", PartnerType.WIJKTEAM),
        ("Schuldhulpverlening", PartnerType.SCHULDHULP),
        ("GGD", PartnerType.GGD),
    ):
        p = found[name]
        assert p.type is kind
        assert p.missing == TEMPLATE_FIELDS
        assert not p.complete
        assert (p.address_line, p.postcode, p.city) == ("", "", "")
    assert partners.missing_words(TEMPLATE_FIELDS, "nl") == "adres, postcode en plaats"
    assert partners.missing_words(TEMPLATE_FIELDS, "en") == "address, postcode and city"


def test_an_english_vault_gets_english_names(tmp_path: Path, clock: FixedClock) -> None:
    with Vault.create(tmp_path / "v", PASSPHRASE, kdf_target_seconds=0, clock=clock) as v:
        with v.session() as s:
            initialise(s, organisation="Org", staff_name="A", language="en")
        assert set(_by_name(v)) == {
            "Veilig Thuis",
            "Neighbourhood team",
            "Debt help",
            "GGD (public health service)",
        }


def test_a_partner_added_later_is_never_a_template(vault: Vault) -> None:
    with vault.session() as s:
        partners.add_partner(s, name="Wijkteam Noord", type=PartnerType.WIJKTEAM)
    assert _by_name(vault)["Wijkteam Noord"].complete  # the user's own partner: no demands


def test_a_letter_to_a_template_is_refused_then_works_once_completed(vault: Vault) -> None:
    rid = _refer(vault, "Sociaal wijkteam")
    with vault.session() as s, pytest.raises(ValidationError) as refused:
        documents.generate_referral_letter(s, rid, "nl")
    sentence = str(refused.value)
    assert sentence == (
        "De verwijsbrief kan nog niet worden gemaakt: vul bij partner 'Sociaal wijkteam' eerst"
        " adres, postcode en plaats in (onder Partners, of met 'waakvlam partner edit'); de"
        " doorverwijzing blijft bewaard."
    )
    assert refused.value.code == "partners.incomplete"
    assert "address, postcode and city" in refused.value.render("en")
    # Nothing written: no stored letter, no audit event; the referral itself is kept.
    assert _letters_written(vault, rid) == (None, 0)
    with vault.session() as s:
        assert referrals.get_referral(s, rid).reason == "Zorgen over geldzaken."

    # Completing only part of it: the sentence names what is still missing.
    with vault.session() as s:
        p = s.scalar(select(Partner).where(Partner.name == "Sociaal wijkteam"))
        assert p is not None
        p.address_line = "Zamenhofdreef 10"
    with vault.session() as s, pytest.raises(ValidationError, match="postcode en plaats"):
        documents.generate_referral_letter(s, rid, "nl")

    with vault.session() as s:
        view = _by_name(vault)["Sociaal wijkteam"]
        done = partners.update_partner(
            s,
            view.id,
            name="Sociaal Wijkteam Overvecht",
            type=view.type,
            recipients=[],
            profile=view.profile,
            schedule=view.schedule,
            address_line="Zamenhofdreef 10",
            postcode="3562jt",
            city="Utrecht",
        )
    assert done.complete and done.missing == ()
    with vault.session() as s:
        pdf = documents.generate_referral_letter(s, rid, "nl")
    text = _pdf_text(pdf)
    assert "Sociaal Wijkteam Overvecht" in text
    assert "Zamenhofdreef 10" in text
    assert "3562 JT UTRECHT" in " ".join(text.split())
    stored, events = _letters_written(vault, rid)
    assert stored == pdf and events == 1


def test_veilig_thuis_is_usable_at_once(vault: Vault) -> None:
    rid = _refer(vault, "Veilig Thuis")
    with vault.session() as s:
        pdf = documents.generate_referral_letter(s, rid, "nl")
    assert "Veilig Thuis" in _pdf_text(pdf)


def test_the_consent_form_of_a_template_referral_is_not_held_back(vault: Vault) -> None:
    """Only the letter goes by post to the partner's address; the consent form the resident
    signs names the partner and needs no address."""
    rid = _refer(vault, "GGD")
    with vault.session() as s:
        pdf = documents.generate_consent_form(s, rid, "nl")
    assert "GGD" in _pdf_text(pdf)


def test_the_list_is_data() -> None:
    shipped = partners.load_default_partners()
    assert [d.type for d in shipped] == [
        PartnerType.VEILIG_THUIS,
        PartnerType.WIJKTEAM,
        PartnerType.SCHULDHULP,
        PartnerType.GGD,
    ]
    assert [d.to_complete for d in shipped] == [
        (),
        TEMPLATE_FIELDS,
        TEMPLATE_FIELDS,
        TEMPLATE_FIELDS,
    ]

"""A small vault with partners, referrals and raw notes carrying marker strings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyrage
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from waakvlam_desktop.bundles.keys import SenderKey, org_public_key, parse_public_key
from waakvlam_desktop.bundles.partner_state import PartnerState
from waakvlam_desktop.domain import households
from waakvlam_desktop.domain.partners import add_partner, partner_by_name, update_partner
from waakvlam_desktop.domain.referrals import ReferralInput, change_status, create_referral
from waakvlam_desktop.domain.types import (
    ConsentForm,
    DataProfile,
    ExportSchedule,
    PartnerType,
    ReferralStatus,
    VisitKind,
)
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.storage.models import Partner, Referral, Resident
from waakvlam_desktop.storage.vault import Vault

NOTE_MARKER = "RAUWE-NOTITIE-7Q3"
REMARK_MARKER = "OPMERKING-MARKER-9Z"


@dataclass
class World:
    vault: Vault
    identity: Any
    other_identity: Any
    sender: SenderKey
    partners: dict[str, str] = field(default_factory=dict)  # name -> id
    households: dict[str, str] = field(default_factory=dict)  # label -> id
    referrals: dict[str, str] = field(default_factory=dict)  # label -> reference


def _household(vault: Vault, label: str, number: int, complex_id: str) -> str:
    with vault.session() as s:
        addr = households.add_address(
            s,
            street="Lindelaan",
            number=number,
            postcode="3533 AB",
            city="Utrecht",
            wijk="Overvecht",
            complex_id=complex_id,
        )
        hh = households.add_household(s, addr.id, label)
        households.add_resident(s, hh.id, f"Bewoner {label}", birth_year=1960)
        return hh.id


def world_partner(
    s: Session,
    name: str,
    type: PartnerType,
    recipients: list[str],
    profile: DataProfile = DataProfile.CASE,
    schedule: ExportSchedule = ExportSchedule.NONE,
) -> str:
    """A partner of the test world by name. A fresh vault already holds Veilig Thuis and a
    GGD template (resources/partners/defaults.json): one of those is taken over and
    completed, as an organisation does; any other name is added."""
    if s.scalar(select(Partner.id).where(Partner.name == name)) is None:
        return add_partner(
            s, name=name, type=type, recipients=recipients, profile=profile, schedule=schedule
        ).id
    return update_partner(
        s,
        partner_by_name(s, name).id,
        name=name,
        type=type,
        recipients=recipients,
        profile=profile,
        schedule=schedule,
        # Completed, so a letter to it is not held back (the template waits for these).
        address_line="Postbus 1",
        postcode="3500 AA",
        city="Utrecht",
    ).id


def build_world(vault: Vault) -> World:
    identity = pyrage.x25519.Identity.generate()
    other = pyrage.x25519.Identity.generate()
    recipient = str(identity.to_public())
    world = World(vault, identity, other, SenderKey(b"\0" * 32))
    with vault.session() as s:
        for name, ptype, profile, schedule in (
            ("Wijkteam", PartnerType.WIJKTEAM, DataProfile.CASE, ExportSchedule.MONTHLY),
            ("GGD", PartnerType.GGD, DataProfile.CASE, ExportSchedule.NONE),
            ("Gemeente", PartnerType.GEMEENTE, DataProfile.AGGREGATE, ExportSchedule.QUARTERLY),
            ("Collega", PartnerType.COLLEGA, DataProfile.HANDOVER, ExportSchedule.NONE),
        ):
            world.partners[name] = world_partner(s, name, ptype, [recipient], profile, schedule)
        cpx = households.add_complex(s, "De Linde", code="C-1", wijk="Overvecht")
        complex_id = cpx.id
        world.sender = parse_public_key(org_public_key(s).file_text())
    visit_at = datetime(2026, 11, 10, 10, 0, tzinfo=UTC)
    for i, label in enumerate(
        [
            "fam. Jansen",
            "mw. Öztürk",
            "dhr. Bakker",
            "fam. Smit",
            "mw. Visser",
            "dhr. Mulder",
            "fam. Bouzid",
        ]
    ):
        hid = _household(vault, label, i + 1, complex_id)
        world.households[label] = hid
        with vault.session() as s:
            record_visit(
                s,
                VisitInput(
                    household_id=hid,
                    kind=VisitKind.REGULIER,
                    notes=f"{NOTE_MARKER} {label} vertelde over de buren.",
                    visited_at=visit_at,
                    signals=[
                        SignalInput("financien.ongeopende_post", 2, f"{REMARK_MARKER} stapel"),
                        SignalInput("sociaal.eenzaamheid", 1),
                    ],
                ),
            )
    consent = date(2026, 11, 10)

    def refer(label: str, partner: str, **kw: Any) -> str:
        with vault.session() as s:
            ref = create_referral(
                s,
                ReferralInput(
                    household_id=world.households[label],
                    partner_id=world.partners[partner],
                    reason="Zorgen om de post",
                    letter_context="Bewoner wil graag hulp bij de post.",
                    signal_codes=["financien.ongeopende_post"],
                    **kw,
                ),
            )
            return ref.reference

    # Valid for the Wijkteam: consent and another grondslag.
    world.referrals["fam. Jansen"] = refer(
        "fam. Jansen", "Wijkteam", consent_form=ConsentForm.VERBAL, consent_date=consent
    )
    world.referrals["mw. Öztürk"] = refer(
        "mw. Öztürk", "Wijkteam", basis_text="Acuut gevaar: meldcode stap 4."
    )
    # Cancelled: left out, counted.
    cancelled = refer(
        "dhr. Bakker", "Wijkteam", consent_form=ConsentForm.WRITTEN, consent_date=consent
    )
    with vault.session() as s:
        change_status(s, cancelled, ReferralStatus.GEANNULEERD)
    # Referred to another partner only: not in the Wijkteam bundle at all.
    world.referrals["fam. Smit"] = refer(
        "fam. Smit", "GGD", consent_form=ConsentForm.VERBAL, consent_date=consent
    )
    return world


def trusting_state(
    path: Path, sender: SenderKey, organisation: str = "De Corporatie"
) -> PartnerState:
    """A partner's state file that trusts ``sender`` (as ``bundle trust`` leaves it)."""
    state = PartnerState(path)
    state.trust(organisation, sender)
    return state


def set_contact_resident(world: World, label: str, **values: Any) -> None:
    """Give the residents of household ``label`` these values (a name, a phone), and let
    its referrals say the resident agreed to be phoned, so the phone number travels."""
    household_id = world.households[label]
    with world.vault.session() as s:
        s.execute(update(Resident).where(Resident.household_id == household_id).values(**values))
        s.execute(
            update(Referral)
            .where(Referral.household_id == household_id)
            .values(consent_may_call=True)
        )

"""Attack: a BSN typed or imported into any free-text field, in the usual spellings.

Claim (docs/privacy.md, "BSN guard"): every typed or imported free-text field passes the
one guard in domain/bsn.py; a nine-digit number passing the elfproef is refused in every
spelling below, and nothing is stored; phone numbers, postcodes and dates are not.
The fields are enumerated here; each spelling is tried in each field, through the real
domain services on a real vault (and the address import's row check).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.bundle_helpers import World, build_world
from tests.helpers import every_stored_value
from waakvlam_desktop.domain import households
from waakvlam_desktop.domain.address_import.mapping import REQUIRED
from waakvlam_desktop.domain.address_import.validation import Problems, parse_row
from waakvlam_desktop.domain.bsn import find_bsn_like, passes_elfproef
from waakvlam_desktop.domain.consent import withdraw_consent
from waakvlam_desktop.domain.followups import add_follow_up
from waakvlam_desktop.domain.partners import add_partner
from waakvlam_desktop.domain.referrals import ReferralInput, change_status, create_referral
from waakvlam_desktop.domain.staff import add_staff
from waakvlam_desktop.domain.types import PartnerType, ReferralStatus, VisitKind
from waakvlam_desktop.domain.visits import FollowUpInput, SignalInput, VisitInput, record_visit
from waakvlam_desktop.errors import BsnLikeError
from waakvlam_desktop.storage.models import Address, Resident
from waakvlam_desktop.storage.vault import Vault

BSN = "123456782"  # passes the elfproef
NBSP, NNBSP = "\u00a0", "\u202f"


def spellings(bsn: str) -> dict[str, str]:
    a, b, c = bsn[:3], bsn[3:6], bsn[6:]
    return {
        "plain": bsn,
        "bsn-": f"bsn-{bsn}",
        "BSN: ": f"BSN: {bsn}",
        "nr.": f"nr.{bsn}",
        "slashes": f"{a}/{b}/{c}",
        "spaces": f"{a} {b} {c}",
        "non-breaking spaces": f"{a}{NBSP}{b}{NBSP}{c}",
        "narrow non-breaking spaces": f"{a}{NNBSP}{b}{NNBSP}{c}",
        "dots 3-2-2-2": f"{a}.{bsn[3:5]}.{bsn[5:7]}.{bsn[7:]}",
        "dots 4-2-3": f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}",
        "dashes": f"{a}-{b}-{c}",
        "in a sentence": f"Bewoner gaf zijn nummer ({a} {b} {c}) aan.",
    }


# Look-alikes that are not a BSN and must not trip the guard.
HARMLESS = [
    "Bel 06-12345678 of 06 1234 5678.",
    "+31 6 12345678",
    "010-1234567 / 0800-2000",
    "Postcode 3533 AB, Lindelaan 12-2",
    "Bezoek op 12-03-2024 9:30, volgende 01-04-2024.",
    "IBAN NL91 ABNA 0417 1643 00",
    "Huurachterstand 1.234,56 euro sinds 2024",
    "12.03.2024 en 2024/03/12",
    "Dossier 2024-000123",
    "123456789",  # nine digits, elfproef fails
]


@dataclass(frozen=True)
class Ids:
    household: str
    address: str
    resident: str
    referral: str  # on consent
    partner: str


def _ids(world: World) -> Ids:
    with world.vault.session() as s:
        hh = world.households["fam. Jansen"]
        address = s.scalar(select(Address.id).order_by(Address.street).limit(1))
        resident = s.scalar(select(Resident.id).where(Resident.household_id == hh))
        assert address and resident
        return Ids(hh, address, resident, world.referrals["fam. Jansen"], world.partners["GGD"])


def _visit(ids: Ids, **kw: Any) -> Callable[[Session], object]:
    return lambda s: record_visit(
        s, VisitInput(household_id=ids.household, kind=VisitKind.REGULIER, **kw)
    )


def _referral(ids: Ids, **kw: Any) -> Callable[[Session], object]:
    base: dict[str, Any] = {"reason": "Zorgen", "basis_text": "Acuut gevaar: meldcode."}
    return lambda s: create_referral(
        s,
        ReferralInput(household_id=ids.household, partner_id=ids.partner, **{**base, **kw}),
    )


def _address(ids: Ids, **kw: str) -> dict[str, Any]:
    return {"street": "Lindelaan", "number": 3, "postcode": "3533 AB", "city": "Utrecht", **kw}


# field -> (saves ``text`` through the real service, confirmable with allow_bsn_like)
FIELDS: dict[str, Callable[[Ids, str], Callable[[Session], object]]] = {
    "complex.name": lambda i, t: lambda s: households.add_complex(s, t),
    "complex.wijk": lambda i, t: lambda s: households.add_complex(s, "C", wijk=t),
    "address.street": lambda i, t: lambda s: households.add_address(s, **_address(i, street=t)),
    "address.city": lambda i, t: lambda s: households.add_address(s, **_address(i, city=t)),
    "address.addition": lambda i, t: lambda s: households.add_address(s, **_address(i, addition=t)),
    "address.wijk": lambda i, t: lambda s: households.add_address(s, **_address(i, wijk=t)),
    "address.street (edit)": lambda i, t: (
        lambda s: households.update_address(
            s, i.address, addition="", wijk="", **_address(i, street=t)
        )
    ),
    "household.label": lambda i, t: lambda s: households.add_household(s, i.address, t),
    "household.label (edit)": lambda i, t: (
        lambda s: households.update_household(s, i.household, label=t)
    ),
    "resident.name": lambda i, t: lambda s: households.add_resident(s, i.household, t),
    "resident.phone": lambda i, t: (
        lambda s: households.add_resident(s, i.household, "Bewoner", phone=t)
    ),
    "resident.name (edit)": lambda i, t: (
        lambda s: households.update_resident(s, i.resident, name=t, birth_year=None, phone="")
    ),
    "visit.notes": lambda i, t: _visit(i, notes=t),
    "visit.signal remark": lambda i, t: _visit(
        i, signals=[SignalInput("sociaal.eenzaamheid", 1, t)]
    ),
    "visit.follow-up": lambda i, t: _visit(i, follow_ups=[FollowUpInput(t)]),
    "follow-up.description": lambda i, t: lambda s: add_follow_up(s, i.household, t),
    "referral.reason": lambda i, t: _referral(i, reason=t),
    "referral.letter_context": lambda i, t: _referral(i, letter_context=t),
    "referral.basis_text": lambda i, t: _referral(i, basis_text=t),
    "referral.status note": lambda i, t: (
        lambda s: change_status(s, i.referral, ReferralStatus.VERSTUURD, t)
    ),
    "consent.withdrawal note": lambda i, t: (
        lambda s: withdraw_consent(s, i.referral, date(2026, 11, 20), t)
    ),
    "partner.name": lambda i, t: lambda s: add_partner(s, name=t, type=PartnerType.GGD),
    "partner.contact_name": lambda i, t: (
        lambda s: add_partner(s, name="P", type=PartnerType.GGD, contact_name=t)
    ),
    "staff.name": lambda i, t: lambda s: add_staff(s, t),
}

SHORT_FIELDS = {"address.addition"}  # at most 20 characters: longer is refused for length
IMPORT_FIELDS = ("street", "city", "wijk", "complex_name", "household", "residents", "addition")


def _import_row(key: str, text: str) -> Problems:
    values = {k: "x" for k in REQUIRED} | {"number": "12", "postcode": "3533 AB", key: text}
    problems = Problems({})
    parse_row(2, values, set(values), problems, allow_bsn_like_codes=False)
    return problems


class _Discard(Exception):
    """Raised after a save that went through, so its transaction is rolled back."""


def _try(vault: Vault, save: Callable[[Session], object]) -> BaseException | None:
    """The BsnLikeError the save raised, or None when it went through (then rolled back, so
    every attempt starts from the same vault)."""
    try:
        with vault.session() as s:
            save(s)
            s.flush()
            raise _Discard
    except BsnLikeError as exc:
        return exc
    except _Discard:
        return None


@pytest.fixture
def world(vault: Vault) -> World:
    return build_world(vault)


def test_every_spelling_in_every_field_is_refused_and_nothing_stored(
    world: World, vault: Vault
) -> None:
    ids = _ids(world)
    before = every_stored_value(vault)
    missed = []
    for field, make in FIELDS.items():
        for name, text in spellings(BSN).items():
            if field in SHORT_FIELDS and len(text) > 20:
                continue
            if _try(vault, make(ids, text)) is None:
                missed.append(f"{field}: {name}")
    for key in IMPORT_FIELDS:
        for name, text in spellings(BSN).items():
            if key == "addition" and len(text) > 20:
                continue
            if not any(p.field == key for p in _import_row(key, text).errors):
                missed.append(f"import {key}: {name}")
    assert missed == []
    assert every_stored_value(vault) == before


def test_look_alikes_are_not_refused(world: World, vault: Vault) -> None:
    ids = _ids(world)
    tripped = []
    for text in HARMLESS:
        assert find_bsn_like(text) == [], text
        for field, make in FIELDS.items():
            text_for = text[:20] if field in SHORT_FIELDS else text
            if _try(vault, make(ids, text_for)) is not None:
                tripped.append(f"{field}: {text!r}")
        for key in IMPORT_FIELDS:
            if key != "addition" and any(p.field == key for p in _import_row(key, text).errors):
                tripped.append(f"import {key}: {text!r}")
    assert tripped == []


def test_long_free_text_can_be_confirmed_names_cannot(world: World, vault: Vault) -> None:
    ids = _ids(world)
    text = spellings(BSN)["spaces"]
    with vault.session() as s:  # the visit editor's "this is not a BSN: save anyway"
        record_visit(
            s,
            VisitInput(
                household_id=ids.household,
                kind=VisitKind.REGULIER,
                notes=text,
                allow_bsn_like=True,
            ),
        )
    exc = _try(vault, FIELDS["household.label"](ids, text))
    assert isinstance(exc, BsnLikeError) and "nooit" in str(exc)


def _complete(head: int) -> str:
    """Eight digits and the check digit that makes them pass the elfproef ('' if none)."""
    digits = f"{head:08d}"
    last = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
    return digits + str(last) if last <= 9 else ""


BSNS = st.integers(1, 99_999_999).map(_complete).filter(passes_elfproef)


def test_any_bsn_any_spelling_any_field(world: World, vault: Vault) -> None:
    ids = _ids(world)

    @settings(max_examples=150, deadline=None)
    @given(
        bsn=BSNS,
        spelling=st.sampled_from(sorted(spellings(BSN))),
        field=st.sampled_from(sorted(FIELDS)),
        prefix=st.sampled_from(["", "Notitie: ", "x ", "(", "bsn "]),
        suffix=st.sampled_from(["", ".", " gezien", ")", "\n"]),
    )
    def attempt(bsn: str, spelling: str, field: str, prefix: str, suffix: str) -> None:
        text = prefix + spellings(bsn)[spelling] + suffix
        if field in SHORT_FIELDS and len(text) > 20:
            text = spellings(bsn)["spaces"]
        assert find_bsn_like(text) == [bsn], text
        assert isinstance(_try(vault, FIELDS[field](ids, text)), BsnLikeError), (field, text)

    attempt()

"""One disclosure spec: the consent form names exactly what the bundle carries.

For every profile and partner type a real referral is made, its consent form rendered and
read back with pypdf, and a real bundle exported to that partner and opened. Both ways:
every column in the bundle belongs to a field the form names, and every field the form
names is in the bundle.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pyrage
import pytest
from pypdf import PdfReader

from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.bundles.keys import org_public_key, parse_public_key
from waakvlam_desktop.bundles.reader import OpenedBundle, verify_bytes
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.documents.consent_form import render_consent_form
from waakvlam_desktop.domain import households
from waakvlam_desktop.domain.disclosure import (
    DisclosureSpecError,
    FieldSpec,
    load_disclosure,
    markdown_table,
    parse_disclosure,
)
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.letters import letter_data
from waakvlam_desktop.domain.partners import add_partner
from waakvlam_desktop.domain.referrals import ReferralInput, create_referral
from waakvlam_desktop.domain.types import ConsentForm, DataProfile, PartnerType, VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.storage.vault import Vault

ROOT = Path(__file__).resolve().parents[2]
SPEC_FILE = ROOT / "src/waakvlam_desktop/resources/disclosure/disclosure.json"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(pdf: bytes) -> str:
    return _flat("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _headers(bundle: OpenedBundle) -> dict[str, list[str]]:
    out = {}
    for name, raw in bundle.members.items():
        if name.startswith("csv/"):
            reader = csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";")
            out[name[4:-4]] = next(reader)
    return out


def _in_bundle(f: FieldSpec, bundle: OpenedBundle) -> bool:
    headers = _headers(bundle).get(f.entity, [])
    if f.columns:
        return all(c in headers for c in f.columns)
    data = bundle.data()
    if f.key == "statusgeschiedenis":
        return any("status_history" in r for h in data["households"] for r in h["referrals"])
    if f.key == "alles":
        return "tables" in data
    raise AssertionError(f"no way to find {f.key} in a bundle")


CASES = [(DataProfile.CASE, t, call) for t in PartnerType for call in (False, True)] + [
    (profile, t, False)
    for profile in (DataProfile.AGGREGATE, DataProfile.HANDOVER)
    for t in PartnerType
]


@pytest.mark.parametrize(("profile", "ptype", "may_call"), CASES)
def test_the_consent_form_names_exactly_what_the_bundle_carries(
    vault: Vault,
    clock: FixedClock,
    tmp_path: Path,
    profile: DataProfile,
    ptype: PartnerType,
    may_call: bool,
) -> None:
    identity = pyrage.x25519.Identity.generate()
    with vault.session() as s:
        addr = households.add_address(
            s, street="Lindelaan", number=9, postcode="3533 AB", city="Utrecht", wijk="Oost"
        )
        hh = households.add_household(s, addr.id, "fam. Qzspec")
        households.add_resident(s, hh.id, "Bewoner Qzspec", birth_year=1970, phone="0612345678")
        partner = add_partner(
            s, name="Partner", type=ptype, recipients=[str(identity.to_public())], profile=profile
        )
        record_visit(
            s,
            VisitInput(
                hh.id, VisitKind.REGULIER, signals=[SignalInput("financien.ongeopende_post", 2)]
            ),
        )
        ref = create_referral(
            s,
            ReferralInput(
                household_id=hh.id,
                partner_id=partner.id,
                reason="Zorgen",
                signal_codes=["financien.ongeopende_post"],
                consent_form=ConsentForm.WRITTEN,
                consent_date=date(2026, 11, 27),
                may_call=may_call,
            ),
        )
        form = _pdf_text(render_consent_form(letter_data(s, ref.id)))
    clock.advance(timedelta(days=5))
    target = tmp_path / "b.age"
    with vault.session() as s:
        export_bundle(s, partner.id, Period.parse("2026-11"), target)
        sender = parse_public_key(org_public_key(s).file_text())
    bundle = verify_bytes(target.read_bytes(), identity, sender)

    catalogue = load_disclosure().fields[profile.value]
    every = [f for entity in catalogue.values() for f in entity.values()]
    named = {f.key for f in every if _flat(f.nl) in form}
    carried = {f.key for f in every if _in_bundle(f, bundle)}
    assert named == carried
    # Every column in the bundle belongs to a field the form names.
    for entity, header in _headers(bundle).items():
        if entity == "verwijderverzoeken":
            continue  # requests to erase, not data about the resident
        owned = {c for f in every if f.entity == entity and f.key in named for c in f.columns}
        assert set(header) <= owned, (entity, set(header) - owned)
    assert ("telefoon" in named) is (may_call and profile is DataProfile.CASE)


def test_the_doc_table_is_generated_from_the_spec() -> None:
    doc = (ROOT / "docs/bundle-format.md").read_text(encoding="utf-8")
    found = re.search(
        r"<!-- disclosure-table:start[^\n]*-->\n(.*?)<!-- disclosure-table:end -->", doc, re.S
    )
    assert found is not None
    assert found.group(1) == markdown_table(), "run the generator in domain/disclosure.py"


def test_a_broken_spec_is_refused_with_a_clear_message() -> None:
    doc = json.loads(SPEC_FILE.read_bytes())
    doc["profiles"]["case"]["ggd"]["residents"].append("bsn")
    with pytest.raises(DisclosureSpecError, match="case/ggd/residents"):
        parse_disclosure(json.dumps(doc).encode())
    doc = json.loads(SPEC_FILE.read_bytes())
    doc["profiles"]["case"]["default"]["households"].remove("pseudoniem")
    with pytest.raises(DisclosureSpecError, match="pseudoniem"):
        parse_disclosure(json.dumps(doc).encode())

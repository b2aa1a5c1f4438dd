"""'What changed since the previous bundle': the cover sheet and the Exports preview."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.bundle_helpers import World, build_world
from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles.changes import BundleChanges, changes_since_previous
from waakvlam_desktop.bundles.collect import collect_case
from waakvlam_desktop.bundles.export import export_bundle, preview_export
from waakvlam_desktop.bundles.reader import verify_bytes
from waakvlam_desktop.domain.consent import withdraw_consent
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.partners import get_partner
from waakvlam_desktop.domain.referrals import ReferralInput, change_status, create_referral
from waakvlam_desktop.domain.types import ConsentForm, ReferralStatus
from waakvlam_desktop.storage.models import Referral
from waakvlam_desktop.storage.vault import Vault

NOV = Period.parse("2026-11")


@pytest.fixture
def world(vault: Vault) -> World:
    return build_world(vault)


def _export(world: World, folder: Path) -> bytes:
    with world.vault.session() as s:
        path = export_bundle(s, world.partners["Wijkteam"], NOV, folder).path
    bundle = verify_bytes(path.read_bytes(), world.identity, world.sender)
    pdf = PdfReader(io.BytesIO(bundle.members[fmt.SUMMARY]))
    return "\n".join(page.extract_text() for page in pdf.pages).encode()


def _changes(world: World) -> BundleChanges:
    with world.vault.session() as s:
        partner = get_partner(s, world.partners["Wijkteam"])
        return changes_since_previous(s, partner.id, collect_case(s, partner, NOV))


def test_the_first_bundle_says_so(world: World, tmp_path: Path) -> None:
    changes = _changes(world)
    assert changes.previous_sequence is None
    assert changes.lines("nl") == ("Dit is de eerste bundel aan deze partner.",)
    cover = _export(world, tmp_path).decode()
    assert "Wat is er veranderd" in cover and "eerste bundel aan deze partner" in cover


def test_a_month_later_erasures_first_then_new_closed_changed(world: World, tmp_path: Path) -> None:
    _export(world, tmp_path / "1")
    unchanged = _changes(world)
    assert unchanged.previous_sequence == 1
    assert unchanged.lines("nl")[1:] == ("Er is niets veranderd.",)
    jansen = world.referrals["fam. Jansen"]
    oztürk = world.referrals["mw. Öztürk"]
    with world.vault.session() as s:
        ids = {r: i for r, i in s.execute(select(Referral.reference, Referral.id))}
        status = {r: st for r, st in s.execute(select(Referral.reference, Referral.status))}
    with world.vault.session() as s:
        # Öztürk: one step further. Jansen: consent withdrawn (erasure request, gone).
        nxt = {
            ReferralStatus.CONCEPT.value: ReferralStatus.VERSTUURD,
            ReferralStatus.VERSTUURD.value: ReferralStatus.ONTVANGEN,
        }[status[oztürk]]
        change_status(s, oztürk, nxt)
        withdraw_consent(s, ids[jansen], on=date(2026, 11, 20))
        # A new household and referral: fam. Bouzid, with consent.
        create_referral(
            s,
            ReferralInput(
                household_id=world.households["fam. Bouzid"],
                partner_id=world.partners["Wijkteam"],
                reason="Zorgen om de huur",
                consent_form=ConsentForm.VERBAL,
                consent_date=date(2026, 11, 21),
            ),
        )
    changes = _changes(world)
    assert changes.previous_sequence == 1
    assert changes.erasure_requests == 1
    assert (changes.new_households, changes.new_referrals) == (1, 1)
    assert changes.changed_referrals == 1 and changes.closed_referrals == 0
    assert changes.gone_households == 1 and changes.gone_referrals == 1
    assert changes.reshared_households == 0
    lines = changes.lines("nl")
    assert lines[1].startswith("1 verwijderverzoek")  # erasure requests come first
    assert lines[2:] == (
        "1 nieuw(e) huishouden(s), 1 nieuwe doorverwijzing(en).",
        "1 doorverwijzing(en) in een andere fase.",
        "1 doorverwijzing(en) niet meer in deze bundel: die mogen niet meer met u gedeeld worden.",
        "1 huishouden(s) niet meer in deze bundel.",
    )
    with world.vault.session() as s:
        preview = preview_export(s, world.partners["Wijkteam"], NOV)
    # The preview lists the erasure requests in a line of its own, first.
    assert preview.changes == (lines[0], *lines[2:])
    cover = _export(world, tmp_path / "2").decode()
    assert "Sinds bundel 1 van" in cover
    assert "1 nieuwe doorverwijzing(en)" in cover
    assert cover.index("Verwijder deze gegevens") < cover.index("Wat is er veranderd")


def test_closing_a_referral_counts_as_closed(world: World, tmp_path: Path) -> None:
    _export(world, tmp_path)
    ref = world.referrals["mw. Öztürk"]
    order = [
        ReferralStatus.CONCEPT,
        ReferralStatus.VERSTUURD,
        ReferralStatus.ONTVANGEN,
        ReferralStatus.AFGESLOTEN,
    ]
    with world.vault.session() as s:
        current = ReferralStatus(
            s.scalars(select(Referral.status).where(Referral.reference == ref)).one()
        )
        for step in order[order.index(current) + 1 :]:
            change_status(s, ref, step)
    changes = _changes(world)
    assert changes.closed_referrals == 1 and changes.changed_referrals == 0


def test_consent_withdrawn_and_given_again_is_said_plainly(world: World, tmp_path: Path) -> None:
    """The erasure request and the household's new data travel together: the partner is
    told to erase only what the request names, not the data this bundle carries again."""
    _export(world, tmp_path / "1")
    jansen = world.referrals["fam. Jansen"]
    with world.vault.session() as s:
        rid = s.scalars(select(Referral.id).where(Referral.reference == jansen)).one()
        withdraw_consent(s, rid, on=date(2026, 11, 20))
        create_referral(
            s,
            ReferralInput(
                household_id=world.households["fam. Jansen"],
                partner_id=world.partners["Wijkteam"],
                reason="Toch graag hulp bij de post",
                consent_form=ConsentForm.WRITTEN,
                consent_date=date(2026, 11, 24),
            ),
        )
    changes = _changes(world)
    assert changes.erasure_requests == 1 and changes.reshared_households == 1
    assert changes.gone_referrals == 1 and changes.new_referrals == 1
    assert changes.gone_households == 0
    assert changes.lines("nl")[1:3] == (
        "1 verwijderverzoek(en): wis eerst wat u over deze huishoudens hebt gekregen.",
        "1 huishouden(s) met een verwijderverzoek staan opnieuw in deze bundel, met nieuwe"
        " toestemming: wis alleen de kenmerken uit het verwijderverzoek.",
    )

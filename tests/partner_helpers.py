"""The partner's side of the bundle world: a partner store that the corporation's
Wijkteam partner exports to (real SQLCipher on both sides, real age and Ed25519)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyrage

from tests.bundle_helpers import World
from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.bundles.keys import org_public_key
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.partners import get_partner, update_partner
from waakvlam_desktop.domain.referrals import change_status
from waakvlam_desktop.domain.types import ReferralStatus
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.partnerstore import service
from waakvlam_desktop.partnerstore.store import PartnerStore

NOV = Period.parse("2026-11")
STORE_PASSPHRASE = "wijkteam overvecht bundels lezen"
JANSEN = "fam. Jansen"
OZTURK = "mw. Öztürk"


@dataclass
class PartnerSide:
    store: PartnerStore
    key_file: Path  # the corporation's public key file, as the partner received it


def send_referrals(world: World) -> None:
    """The Wijkteam's two referrals were sent (letters posted); their feedback is overdue."""
    with world.vault.session() as s:
        for label in (JANSEN, OZTURK):
            ref = change_status(s, world.referrals[label], ReferralStatus.VERSTUURD)
            ref.feedback_due = date(2026, 11, 20)


def address_to(world: World, store: PartnerStore, partner: str = "Wijkteam") -> None:
    """The corporation enters the partner's ``age1…`` line as the partner's recipient."""
    with store.session() as ps:
        recipient = service.own_keys(ps).age_recipient
    with world.vault.session() as s:
        v = get_partner(s, world.partners[partner])
        update_partner(
            s,
            v.id,
            name=v.name,
            type=v.type,
            recipients=[recipient],
            profile=v.profile,
            schedule=v.schedule,
            address_line="Postbus 1",
            postcode="3500 AA",
            city="Utrecht",
        )


def corporation_key_file(world: World, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with world.vault.session() as s:
        text = org_public_key(s).file_text()
    path = folder / "corporatie.pub"
    write_atomic(path, text.encode("utf-8"))
    return path


def export_to(world: World, folder: Path, partner: str = "Wijkteam") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with world.vault.session() as s:
        return export_bundle(s, world.partners[partner], NOV, folder).path


def other_identity_recipient() -> str:
    return str(pyrage.x25519.Identity.generate().to_public())

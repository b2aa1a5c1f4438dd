"""The partner's side of the bundle world: a partner store that the corporation's
Wijkteam partner exports to (real SQLCipher on both sides, real age and Ed25519)."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.bundle_helpers import World
from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.bundles.keys import (
    ensure_signing_key,
    grouped,
    identity_recipient,
    org_public_key,
    public_key_text,
    public_of,
)
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


# ---- crafted bundles: a trusted sender's signature over whatever it likes ------------------
def recraft(
    data: bytes,
    store: PartnerStore,
    signer: Ed25519PrivateKey,
    *,
    organisation: str | None = None,
    change_data: Callable[[dict[str, Any]], Any] | None = None,
    raw_data: bytes | None = None,
    members: dict[str, bytes | None] | None = None,
    manifest_changes: dict[str, Any] | None = None,
    unchecked_names: bool = False,
) -> bytes:
    """``data`` (a real bundle to this store) opened, changed and signed again by ``signer``
    under a new bundle id and a higher number, encrypted to the store's key again: what a
    sender the partner trusts (or one whose key was stolen) can make."""
    with store.session() as ps:
        identity = service.age_identity(ps)
    with zipfile.ZipFile(io.BytesIO(pyrage.decrypt(data, [identity]))) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(files.pop(fmt.MANIFEST))
    files.pop(fmt.SIGNATURE)
    if change_data is not None:
        doc = json.loads(files[fmt.DATA])
        changed = change_data(doc)
        files[fmt.DATA] = json.dumps(doc if changed is None else changed).encode("utf-8")
    if raw_data is not None:
        files[fmt.DATA] = raw_data
    for name, body in (members or {}).items():
        if body is None:
            files.pop(name, None)
        else:
            files[name] = body
    public = public_of(signer)
    manifest["bundle_id"] = str(uuid.uuid4())
    manifest["sequence"] = int(manifest["sequence"]) + 100
    manifest["sender"] = {
        "organisation": organisation or manifest["sender"]["organisation"],
        "key_id": public.key_id,
    }
    manifest.update(manifest_changes or {})
    manifest["files"] = fmt.file_entries(files)
    raw = fmt.manifest_bytes(manifest)
    everything = {fmt.MANIFEST: raw, fmt.SIGNATURE: signer.sign(raw), **files}
    if unchecked_names:  # member names the format does not allow, as a hostile sender would
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            for name, body in everything.items():
                zf.writestr(name, body)
        plain = buffer.getvalue()
    else:
        plain = fmt.write_zip(everything)
    recipient = pyrage.x25519.Recipient.from_str(identity_recipient(identity))
    return bytes(pyrage.encrypt(plain, [recipient]))


def org_key_file(signer: Ed25519PrivateKey, organisation: str, folder: Path) -> Path:
    """The public key file of a corporation whose private key the test holds."""
    folder.mkdir(parents=True, exist_ok=True)
    public = public_of(signer)
    path = folder / f"{organisation.replace(' ', '-').lower()}.pub"
    path.write_text(
        f"# Waakvlam: publieke ondertekensleutel van {organisation}\n"
        f"# sleutel-id: {grouped(public.key_id)}\n"
        f"{public_key_text(public.public_key)}\n",
        encoding="utf-8",
    )
    return path


def world_signer(world: World) -> Ed25519PrivateKey:
    """The corporation's own signing key, out of its vault (a trusted sender gone rogue)."""
    with world.vault.session() as s:
        return Ed25519PrivateKey.from_private_bytes(ensure_signing_key(s).private_key)

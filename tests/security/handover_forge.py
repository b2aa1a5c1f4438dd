"""Forge handover bundles as an attacker with a colleague's (or their own) signing key.

A real handover is exported from a real vault, decrypted, its ``data.json`` changed by the
test, then re-signed with the given Ed25519 key and encrypted again with age: every byte
the importer sees is what a hostile colleague could send.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.bundles.keys import key_id, org_public_key, parse_public_key
from waakvlam_desktop.bundles.reader import decrypt
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.storage.models import SigningKey
from waakvlam_desktop.storage.vault import Vault

Doc = dict[str, Any]


def signer_of(vault: Vault) -> Ed25519PrivateKey:
    with vault.session() as s:
        org_public_key(s)  # creates the signing key on first use
        raw = s.scalars(select(SigningKey).where(SigningKey.active)).one().private_key
    return Ed25519PrivateKey.from_private_bytes(raw)


def handover_bytes(vault: Vault, partner_id: str, folder: Path, period: str = "2026-11") -> bytes:
    folder.mkdir(parents=True, exist_ok=True)
    with vault.session() as s:
        return export_bundle(s, partner_id, Period.parse(period), folder).path.read_bytes()


def forge(
    data: bytes,
    identity: Any,
    signer: Ed25519PrivateKey,
    change: Callable[[Doc], None] | None = None,
    format_version: int | None = None,
) -> bytes:
    """Decrypt ``data``, let ``change`` edit data.json, re-sign with ``signer``, encrypt
    (the manifest and data.json claiming ``format_version`` when given)."""
    with fmt.open_zip(decrypt(data, identity)) as zf:
        members = {n: fmt.read_member(zf, n, fmt.MAX_MEMBER) for n in zf.namelist()}
    manifest = json.loads(members.pop(fmt.MANIFEST))
    members.pop(fmt.SIGNATURE)
    doc = json.loads(members[fmt.DATA])
    if change is not None:
        change(doc)
    if format_version is not None:
        doc["format_version"] = format_version
    members[fmt.DATA] = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    public = signer.public_key().public_bytes_raw()
    manifest["sender"]["key_id"] = key_id(public)
    if format_version is not None:
        manifest["format_version"] = format_version
    manifest["files"] = fmt.file_entries(members)
    raw = fmt.manifest_bytes(manifest)
    plain = fmt.write_zip(
        {fmt.MANIFEST: raw, fmt.SIGNATURE: signer.sign(raw), **members}, compress=False
    )
    return bytes(pyrage.encrypt(plain, [identity.to_public()]))


def table(doc: Doc, name: str) -> list[dict[str, Any]]:
    """The rows of one table as dicts (a view: write back with :func:`put`)."""
    block = doc["tables"][name]
    return [dict(zip(block["columns"], row, strict=True)) for row in block["rows"]]


def dashed(bundle_id: str) -> str:
    """An id as the app knows it, from a handover bundle (format 2: 32 hex digits)."""
    return str(uuid.UUID(bundle_id))


def put(doc: Doc, name: str, rows: list[dict[str, Any]]) -> None:
    block = doc["tables"][name]
    block["rows"] = [[r[c] for c in block["columns"]] for r in rows]


def public_text(vault: Vault) -> str:
    with vault.session() as s:
        return org_public_key(s).file_text()


def public_raw(vault: Vault) -> bytes:
    return parse_public_key(public_text(vault)).public_key

"""Crafting bundles as an attacker would: real age encryption to the partner's key, real
Ed25519 signatures (the organisation's or the attacker's own), zips built member by member.
"""

from __future__ import annotations

import functools
import io
import struct
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles.keys import (
    SenderKey,
    key_id,
    public_key_text,
    recipient_fingerprint,
    write_identity,
)

ORGANISATION = "Woonstichting De Linde"


def raw_public(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes_raw()


@dataclass
class Parties:
    """The partner (age identity file) and two signers: the organisation and an attacker."""

    identity_file: Path
    identity: Any
    org: Ed25519PrivateKey
    attacker: Ed25519PrivateKey

    @property
    def org_key(self) -> SenderKey:
        return SenderKey(raw_public(self.org))

    @property
    def attacker_key(self) -> SenderKey:
        return SenderKey(raw_public(self.attacker))

    def recipient(self) -> str:
        return str(self.identity.to_public())


def make_parties(folder: Path) -> Parties:
    folder.mkdir(parents=True, exist_ok=True)
    identity_file = folder / "partner.key"
    write_identity(identity_file)
    identity = pyrage.x25519.Identity.from_str(
        next(
            line
            for line in identity_file.read_text().splitlines()
            if line.startswith("AGE-SECRET-KEY-1")
        )
    )
    return Parties(
        identity_file, identity, Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    )


def key_file(folder: Path, private: Ed25519PrivateKey, organisation: str = ORGANISATION) -> Path:
    """A public key file as ``waakvlam org public-key`` writes it."""
    raw = raw_public(private)
    path = folder / f"{key_id(raw)[:8]}.pub"
    path.write_text(
        f"# Waakvlam: publieke ondertekensleutel van {organisation}\n"
        f"# sleutel-id: {key_id(raw)}\n{public_key_text(raw)}\n",
        encoding="utf-8",
    )
    return path


def manifest_for(
    parties: Parties,
    members: dict[str, bytes],
    *,
    signer: Ed25519PrivateKey,
    organisation: str = ORGANISATION,
    sequence: int = 1,
    sizes: dict[str, int] | None = None,
    bundle_id: str | None = None,
) -> dict[str, Any]:
    files = fmt.file_entries(members)
    for name, size in (sizes or {}).items():
        files[name] = {"sha256": "0" * 64, "size": size}
    return {
        "format": fmt.FORMAT_NAME,
        "format_version": fmt.FORMAT_VERSION,
        "bundle_id": bundle_id or str(uuid.uuid4()),
        "sequence": sequence,
        "profile": "case",
        "period": {"label": "2026-11"},
        "created_at": "2026-11-30T10:00:00Z",
        "sender": {"key_id": key_id(raw_public(signer)), "organisation": organisation},
        "partner": {"id": "p-1", "name": "Wijkteam"},
        "recipients": [recipient_fingerprint(parties.recipient())],
        "files": files,
    }


def small_members() -> dict[str, bytes]:
    return {fmt.DATA: b'{"households": []}\n', fmt.SUMMARY: b"%PDF-1.7 samenvatting\n"}


def seal(parties: Parties, *args: Any, **kwargs: Any) -> bytes:
    """:func:`build_zip`, age-encrypted for the partner."""
    return encrypt(parties, build_zip(*args, **kwargs))


def encrypt(parties: Parties, zip_bytes: bytes) -> bytes:
    return pyrage.encrypt(zip_bytes, [parties.identity.to_public()])


def build_zip(
    manifest: dict[str, Any] | bytes,
    members: dict[str, bytes] | None = None,
    *,
    signer: Ed25519PrivateKey,
    streamed: dict[str, int] | None = None,
    store_manifest_as: dict[str, int] | None = None,
) -> bytes:
    """Zip the manifest, its signature and the members.

    ``streamed`` adds members of that many zero bytes, deflated while they are written (a
    zip bomb: 1 GiB of zeros deflates to about 1 MiB) without ever holding them in memory.
    """
    raw = manifest if isinstance(manifest, bytes) else fmt.manifest_bytes(manifest)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        if store_manifest_as:  # the manifest itself inflates to this many bytes
            _zeros(zf, fmt.MANIFEST, store_manifest_as[fmt.MANIFEST])
        else:
            zf.writestr(fmt.MANIFEST, raw)
        zf.writestr(fmt.SIGNATURE, signer.sign(raw), compress_type=zipfile.ZIP_STORED)
        for name, data in (members or {}).items():
            zf.writestr(name, data)
        for name, size in (streamed or {}).items():
            _zeros(zf, name, size)
    return buf.getvalue()


def _zeros(zf: zipfile.ZipFile, name: str, size: int) -> None:
    chunk = bytes(1024 * 1024)
    with zf.open(name, "w", force_zip64=size > 0x7FFFFFFF) as fh:
        left = size
        while left:
            part = min(left, len(chunk))
            fh.write(chunk[:part])
            left -= part


def lie_about_size(zip_bytes: bytes, name: str, claimed: int) -> bytes:
    """Patch the uncompressed size of ``name`` in the local header and the central
    directory (a header that lies). Only for members without zip64 extras."""
    data = bytearray(zip_bytes)
    encoded = name.encode()
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) != -1:
        n = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + n]) == encoded:
            struct.pack_into("<I", data, at + 24, claimed)
            local = struct.unpack_from("<I", data, at + 42)[0]
            struct.pack_into("<I", data, local + 22, claimed)
        at += 4
    return bytes(data)


# ---- zip bombs -------------------------------------------------------------------------------
# Two members of 500 MiB each (inside the old per-member and total limits), each about
# 0.5 MB deflated: a 1 MB bundle that inflates to 1000 MiB.
BOMB_BYTES = 500 * 1024 * 1024
BOMB_CSV = "csv/households.csv"


@dataclass(frozen=True)
class Entry:
    """One zip member as raw bytes: stored, or an already deflated stream."""

    name: str
    compressed: bytes
    size: int  # uncompressed size written in the headers (may lie)
    crc: int
    deflated: bool


def stored(name: str, data: bytes) -> Entry:
    return Entry(name, data, len(data), zlib.crc32(data), deflated=False)


def deflated(name: str, data: bytes) -> Entry:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Entry(name, c.compress(data) + c.flush(), len(data), zlib.crc32(data), deflated=True)


@functools.cache
def _zeros_stream(size: int) -> tuple[bytes, int]:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    chunk = bytes(1024 * 1024)
    parts, crc, left = [], 0, size
    while left:
        part = chunk[: min(left, len(chunk))]
        parts.append(c.compress(part))
        crc = zlib.crc32(part, crc)
        left -= len(part)
    parts.append(c.flush())
    return b"".join(parts), crc


def bomb(name: str, size: int = BOMB_BYTES, claimed: int | None = None) -> Entry:
    """``size`` zero bytes, deflated (computed once per size); ``claimed`` makes the headers
    lie about the size."""
    stream, crc = _zeros_stream(size)
    return Entry(name, stream, size if claimed is None else claimed, crc, deflated=True)


def raw_zip(entries: list[Entry]) -> bytes:
    """A plain (non-zip64) zip of ``entries``, headers written by hand."""
    out = bytearray()
    central = bytearray()
    for e in entries:
        name = e.name.encode()
        method = 8 if e.deflated else 0
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, e.crc,
            len(e.compressed), e.size, len(name), 0,
        )  # fmt: skip
        out += name + e.compressed
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, e.crc,
            len(e.compressed), e.size, len(name), 0, 0, 0, 0, 0o600 << 16, offset,
        )  # fmt: skip
        central += name
    start = len(out)
    out += central
    out += struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0
    )
    return bytes(out)


def signed_entries(manifest: dict[str, Any], signer: Ed25519PrivateKey) -> list[Entry]:
    raw = fmt.manifest_bytes(manifest)
    return [deflated(fmt.MANIFEST, raw), stored(fmt.SIGNATURE, signer.sign(raw))]

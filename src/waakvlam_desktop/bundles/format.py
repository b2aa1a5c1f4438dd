"""Bundle formats 1 and 2 (docs/bundle-format.md): member names, the manifest, the zip."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from typing import Any

from waakvlam_desktop.errors import BundleDamagedError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

FORMAT_NAME = "waakvlam-bundle"
# Case, aggregate and meeting bundles are written as format 1, which every partner tool
# reads. Format 2 differs only in the handover profile: its tables carry each id as its 32
# hex digits, without the dashes (#16: making the dashed text in SQL was half the export's
# time). Readers read both.
FORMAT_VERSION = 1
HANDOVER_FORMAT_VERSION = 2
READABLE_VERSIONS = frozenset({1, 2})
AGE_MAGIC = b"age-encryption.org/v1\n"

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SUMMARY = "summary.pdf"
DATA = "data.json"
WORKBOOK = "gegevens.xlsx"  # case and aggregate: the CSV tables typed for Excel
CSV_PATTERN = re.compile(r"^csv/[a-z_]{1,40}\.csv$")
LETTER_PATTERN = re.compile(r"^letters/[A-Za-z0-9][A-Za-z0-9_-]{0,60}\.pdf$")
FIXED_NAMES = frozenset({MANIFEST, SIGNATURE, SUMMARY, DATA, WORKBOOK})

MAX_MEMBER = 512 * 1024 * 1024
MAX_TOTAL = 1024 * 1024 * 1024
MAX_MEMBERS = 10_000
# The manifest and signature are read before anything else, each with its own small limit.
MAX_MANIFEST = 4 * 1024 * 1024
# The encrypted file: the members, the zip's own bytes and age's (about 256 KiB per GiB).
MAX_BUNDLE_BYTES = MAX_TOTAL + 64 * 1024 * 1024

# Members worth compressing (text); PDFs are already compressed.
_DEFLATE_LEVEL = 1

DAMAGED = Message(
    "bundle.damaged",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The bundle is damaged or changed (the content does not match the manifest). Ask the"
        " sender to send the bundle again.",
    ),
)


def allowed_name(name: str) -> bool:
    return name in FIXED_NAMES or bool(CSV_PATTERN.match(name) or LETTER_PATTERN.match(name))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode(
        "utf-8"
    )


def file_entries(members: dict[str, bytes]) -> dict[str, dict[str, Any]]:
    return {
        name: {"sha256": sha256_hex(data), "size": len(data)}
        for name, data in sorted(members.items())
    }


def write_zip(members: dict[str, bytes], compress: bool = True) -> bytes:
    """The zip plaintext, in memory. Text members deflated (fast level) when ``compress``;
    PDFs and the workbook (itself a zip) always stored."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members.items():
            if not allowed_name(name):
                raise ValueError(f"not an allowed bundle member: {name}")
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.external_attr = 0o600 << 16
            if not compress or name.endswith(".pdf") or name in (SIGNATURE, WORKBOOK):
                zf.writestr(info, data, compress_type=zipfile.ZIP_STORED)
            else:
                zf.writestr(
                    info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=_DEFLATE_LEVEL
                )
    return buffer.getvalue()


def open_zip(plaintext: bytes) -> zipfile.ZipFile:
    """The zip's directory only: nothing is decompressed here.

    Refuses (as damaged) anything but allowed, unique member names, more than
    :data:`MAX_MEMBERS` members, encrypted members and a missing manifest or signature.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(plaintext))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise BundleDamagedError(DAMAGED) from exc
    infos = zf.infolist()
    names = [i.filename for i in infos]
    if (
        len(infos) > MAX_MEMBERS
        or len(set(names)) != len(names)
        or not all(allowed_name(n) for n in names)
        or any(i.flag_bits & 0x1 for i in infos)
        or MANIFEST not in names
        or SIGNATURE not in names
    ):
        zf.close()
        raise BundleDamagedError(DAMAGED)
    return zf


def read_member(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """One member, decompressing at most ``limit + 1`` bytes whatever its header claims.

    A member whose header announces more than ``limit`` bytes is refused before anything
    is decompressed; one that inflates past ``limit`` (a header that lies) is cut off and
    refused; so is one that ends short of the size its header gives.
    """
    try:
        info = zf.getinfo(name)
    except KeyError as exc:
        raise BundleDamagedError(DAMAGED) from exc
    if info.file_size > limit:
        raise BundleDamagedError(DAMAGED)
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise BundleDamagedError(DAMAGED) from exc
    except Exception as exc:  # zlib.error and other decoder failures on hostile input
        raise BundleDamagedError(DAMAGED) from exc
    if len(data) != info.file_size:
        raise BundleDamagedError(DAMAGED)
    return data

"""Mutation fuzzing of `bundle open`: never a crash, always a typed error, never output.

Three layers: the age file itself, the zip inside (re-encrypted to the partner), and the
signed manifest (re-signed with the organisation's key, so the checks behind the
signature are exercised too).
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.bundle_helpers import build_world, trusting_state
from tests.conftest import PASSPHRASE
from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.bundles.keys import SenderKey
from waakvlam_desktop.bundles.reader import open_file, summarise, verify_bytes
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.errors import BundleError
from waakvlam_desktop.storage.models import SigningKey
from waakvlam_desktop.storage.vault import Vault

FUZZ = settings(
    max_examples=int(os.environ.get("WAAKVLAM_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass(repr=False)
class Made:
    data: bytes
    identity: Any
    sender: SenderKey
    signer: Ed25519PrivateKey
    manifest: dict[str, Any]
    members: dict[str, bytes]
    work: Path


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Made]:
    base = tmp_path_factory.mktemp("fuzz")
    clock = FixedClock(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))
    vault = Vault.create(base / "vault", PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with vault.session() as s:
        vault.actor = initialise(s, organisation="Woonstichting Voorbeeld", staff_name="A").id
    world = build_world(vault)
    (base / "made").mkdir()
    with vault.session() as s:
        path = export_bundle(
            s, world.partners["Wijkteam"], Period.parse("2026-11"), base / "made"
        ).path
        signer = Ed25519PrivateKey.from_private_bytes(
            s.scalars(select(SigningKey)).one().private_key
        )
    data = path.read_bytes()
    bundle = verify_bytes(data, world.identity, world.sender)
    vault.close()
    yield Made(data, world.identity, world.sender, signer, bundle.manifest, bundle.members, base)


def _mutations() -> st.SearchStrategy[list[tuple[str, int, bytes]]]:
    op = st.tuples(
        st.sampled_from(["flip", "truncate", "insert", "delete", "overwrite"]),
        st.integers(min_value=0, max_value=10**9),
        st.binary(min_size=1, max_size=32),
    )
    return st.lists(op, min_size=1, max_size=4)


def _mutate(data: bytes, ops: list[tuple[str, int, bytes]]) -> bytes:
    buf = bytearray(data)
    for kind, pos, blob in ops:
        at = pos % (len(buf) + 1)
        if kind == "flip" and buf:
            buf[at % len(buf)] ^= blob[0] or 1
        elif kind == "truncate":
            del buf[at:]
        elif kind == "insert":
            buf[at:at] = blob
        elif kind == "delete":
            del buf[at : at + len(blob)]
        elif kind == "overwrite":
            buf[at : at + len(blob)] = blob
    return bytes(buf)


def _attempt(made: Made, data: bytes) -> None:
    """Open ``data``: must either succeed completely or raise a BundleError, writing nothing."""
    work = made.work / "try"
    work.mkdir(exist_ok=True)
    for old in work.iterdir():
        old.unlink()
    src = work / "in.age"
    src.write_bytes(data)
    out = made.work / "out"
    if out.exists():
        for p in sorted(out.rglob("*"), reverse=True):
            p.rmdir() if p.is_dir() else p.unlink()
        out.rmdir()
    if (made.work / "state.json").exists():
        (made.work / "state.json").unlink()
    state = trusting_state(made.work / "state.json", made.sender)
    before = state.path.read_bytes()
    try:
        bundle, _folder = open_file(src, made.identity, out, state)
        summarise(bundle)  # what the CLI prints must not crash either
    except BundleError as exc:
        assert str(exc) and "\n" not in str(exc)
        assert not out.exists() or list(out.iterdir()) == []
        assert state.path.read_bytes() == before
        return
    # Accepted: only possible when the meaning is intact (e.g. zip-level slack).
    assert out.exists() and len(list(out.iterdir())) == 1


@FUZZ
@given(ops=_mutations())
def test_mutated_age_files_never_crash(made: Made, ops: list[tuple[str, int, bytes]]) -> None:
    mutated = _mutate(made.data, ops)
    if mutated == made.data:
        return
    _attempt(made, mutated)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@FUZZ
@given(ops=_mutations())
def test_mutated_plaintext_zips_never_crash(made: Made, ops: list[tuple[str, int, bytes]]) -> None:
    raw = fmt.manifest_bytes(made.manifest)
    plain = _zip({fmt.MANIFEST: raw, fmt.SIGNATURE: made.signer.sign(raw), **made.members})
    mutated = _mutate(plain, ops)
    _attempt(made, pyrage.encrypt(mutated, [made.identity.to_public()]))


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


@FUZZ
@given(
    key=st.sampled_from(
        [
            "sequence",
            "bundle_id",
            "files",
            "recipients",
            "partner",
            "period",
            "profile",
            "format_version",
            "format",
            "counts",
            "sender",
        ]
    ),
    value=_JSON,
    drop=st.booleans(),
)
def test_signed_but_malformed_manifests_never_crash(
    made: Made, key: str, value: Any, drop: bool
) -> None:
    manifest = json.loads(json.dumps(made.manifest))
    if drop:
        manifest.pop(key, None)
    else:
        manifest[key] = value
    if key == "sender" and not drop and isinstance(value, dict):
        value["key_id"] = made.sender.key_id  # keep it "ours" so later checks are reached
    raw = fmt.manifest_bytes(manifest)
    plain = _zip({fmt.MANIFEST: raw, fmt.SIGNATURE: made.signer.sign(raw), **made.members})
    _attempt(made, pyrage.encrypt(plain, [made.identity.to_public()]))

"""Attack: a crafted bundle of about 1 MB that inflates to 1000 MiB (two members of
500 MiB, inside the old per-member and total limits), in every place the reader
decompresses something. Before the fix the reader took 1.5 GB on such a bundle before
refusing it.

Claim (docs/bundle-format.md, "Reading a bundle"): the signature and the manifest are
checked before any member is decompressed, every member is read with the manifest's size
as its limit, and the reader never passes 100 MB of memory.

Each bundle is opened by `verify_file` in a fresh process that measures its own peak: the
growth of the resident set (the peak ``VmHWM``, reset through ``/proc/self/clear_refs``
just before, minus ``VmRSS`` then; covers the Rust age decryption and zlib) and the peak
of Python allocations (``tracemalloc``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.security.crafted import (
    BOMB_BYTES,
    BOMB_CSV,
    Entry,
    Parties,
    bomb,
    deflated,
    encrypt,
    make_parties,
    manifest_for,
    raw_zip,
    signed_entries,
    small_members,
    stored,
)
from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles.partner_state import PartnerState
from waakvlam_desktop.bundles.reader import verify_file

LIMIT_MB = 100
SUMMARY = stored(fmt.SUMMARY, small_members()[fmt.SUMMARY])

_CHILD = """
import json, sys, tracemalloc
from pathlib import Path
from waakvlam_desktop.bundles.keys import load_identity
from waakvlam_desktop.bundles.partner_state import PartnerState
from waakvlam_desktop.bundles.reader import verify_file
from waakvlam_desktop.errors import BundleError

identity = load_identity(Path(sys.argv[2]))
state = PartnerState(Path(sys.argv[3]))
state.trusted()
data = Path(sys.argv[1])
def status_kib(field):
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise SystemExit("no " + field)

# Reset the peak resident set (VmHWM) to now, so the peak measured is the reader's own.
with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
    fh.write("5")
base = status_kib("VmRSS")
tracemalloc.start()
try:
    verify_file(data, identity, state)
    outcome = "opened"
except BundleError as exc:
    outcome = exc.code
except MemoryError:
    outcome = "MemoryError"
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
rss = status_kib("VmHWM")
print(json.dumps({"outcome": outcome, "rss_growth_mb": (rss - base) / 1024,
                  "rss_peak_mb": rss / 1024, "traced_peak_mb": peak / 2**20}))
"""


def _bombs() -> list[Entry]:
    return [bomb(fmt.DATA), bomb(BOMB_CSV)]


BOMB_SIZES = {fmt.DATA: BOMB_BYTES, BOMB_CSV: BOMB_BYTES}


def _attacker_signs_own_bomb(parties: Parties) -> list[Entry]:
    # The attacker's own key, the organisation's name, a manifest that declares the bomb.
    manifest = manifest_for(parties, small_members(), signer=parties.attacker, sizes=BOMB_SIZES)
    return [*signed_entries(manifest, parties.attacker), *_bombs(), SUMMARY]


def _forged_org_signature(parties: Parties) -> list[Entry]:
    # Claims the organisation's key id, signed by the attacker.
    manifest = manifest_for(parties, small_members(), signer=parties.org, sizes=BOMB_SIZES)
    raw = fmt.manifest_bytes(manifest)
    return [
        deflated(fmt.MANIFEST, raw),
        stored(fmt.SIGNATURE, parties.attacker.sign(raw)),
        *_bombs(),
        SUMMARY,
    ]


def _manifest_bomb(parties: Parties) -> list[Entry]:
    return [bomb(fmt.MANIFEST), stored(fmt.SIGNATURE, b"\0" * 64), bomb(BOMB_CSV), SUMMARY]


def _manifest_bomb_lying_header(parties: Parties) -> list[Entry]:
    return [
        bomb(fmt.MANIFEST, claimed=900),
        stored(fmt.SIGNATURE, b"\0" * 64),
        bomb(BOMB_CSV),
        SUMMARY,
    ]


def _member_swapped_under_real_signature(parties: Parties) -> list[Entry]:
    # The organisation really signed a small bundle; the attacker swaps data.json for a
    # bomb (re-encrypting to the partner is open to anyone).
    members = {**small_members(), BOMB_CSV: b"a;b\r\n"}
    manifest = manifest_for(parties, members, signer=parties.org)
    return [*signed_entries(manifest, parties.org), *_bombs(), SUMMARY]


def _member_swapped_lying_header(parties: Parties) -> list[Entry]:
    members = {**small_members(), BOMB_CSV: b"a;b\r\n"}
    manifest = manifest_for(parties, members, signer=parties.org)
    return [
        *signed_entries(manifest, parties.org),
        bomb(fmt.DATA, claimed=len(members[fmt.DATA])),
        bomb(BOMB_CSV, claimed=len(members[BOMB_CSV])),
        SUMMARY,
    ]


CASES: dict[str, tuple[Callable[[Parties], list[Entry]], str]] = {
    "attacker-signed": (_attacker_signs_own_bomb, "bundle.key_changed"),
    "forged-org-signature": (_forged_org_signature, "bundle.bad_signature"),
    "manifest-bomb": (_manifest_bomb, "bundle.damaged"),
    "manifest-bomb-lying-header": (_manifest_bomb_lying_header, "bundle.damaged"),
    "member-swapped": (_member_swapped_under_real_signature, "bundle.damaged"),
    "member-swapped-lying-header": (_member_swapped_lying_header, "bundle.damaged"),
}


@pytest.fixture(scope="module")
def parties(tmp_path_factory: pytest.TempPathFactory) -> tuple[Parties, Path]:
    folder = tmp_path_factory.mktemp("bomb")
    made = make_parties(folder)
    state = PartnerState(folder / "state.json")
    state.trust("Woonstichting De Linde", made.org_key)
    return made, state.path


def test_the_crafting_is_sound(parties: tuple[Parties, Path], tmp_path: Path) -> None:
    """The same hand-made zip with honest members opens: refusals below are not accidents
    of the crafting."""
    made, state_path = parties
    members = small_members()
    manifest = manifest_for(made, members, signer=made.org)
    entries = [
        *signed_entries(manifest, made.org),
        deflated(fmt.DATA, members[fmt.DATA]),
        SUMMARY,
    ]
    path = tmp_path / "honest.age"
    path.write_bytes(encrypt(made, raw_zip(entries)))
    bundle = verify_file(path, made.identity, PartnerState(state_path))
    assert bundle.members == members


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_one_megabyte_bomb_stays_under_100_mb(
    parties: tuple[Parties, Path], tmp_path: Path, case: str
) -> None:
    made, state_path = parties
    build, expected = CASES[case]
    path = tmp_path / f"{case}.age"
    path.write_bytes(encrypt(made, raw_zip(build(made))))
    assert path.stat().st_size < 1_100_000  # "a 1 MB crafted bundle"
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(made.identity_file), str(state_path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)
    print(f"zip bomb {case}: {figures}")
    assert figures["outcome"] == expected
    assert figures["rss_growth_mb"] < LIMIT_MB
    assert figures["traced_peak_mb"] < LIMIT_MB

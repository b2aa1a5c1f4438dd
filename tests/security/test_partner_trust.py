"""Attacks on the partner side's trust (issue #12 C), as real processes and real files.

Claims (docs/bundle-format.md, "Trusting the sender" and "Replay"): a bundle opens only
when it is signed by the key pinned with ``bundle trust`` for its organisation; a bundle
from an organisation without a pinned key, or signed with another key than the pinned one,
is refused with what to do and nothing is written; ``bundle trust`` of a second key for an
organisation needs ``--replace``; every bundle opens once, an older one never opened
before still opens; the state file is 0600 and holds no personal data.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import Cli, one_line_error
from tests.security.crafted import (
    ORGANISATION,
    Parties,
    key_file,
    make_parties,
    manifest_for,
    seal,
    small_members,
)
from waakvlam_desktop.bundles.partner_state import PartnerState
from waakvlam_desktop.bundles.reader import open_file, verify_file
from waakvlam_desktop.errors import (
    BadSignatureError,
    ReplayError,
    SenderKeyChangedError,
    SenderNotTrustedError,
)

MARKER = "BEWONER-MARKER-4K2"


@pytest.fixture
def made(tmp_path: Path) -> Parties:
    return make_parties(tmp_path / "keys")


def _bundle(
    made: Parties, folder: Path, name: str, *, sequence: int = 1, attacker: bool = False,
    organisation: str = ORGANISATION,
) -> Path:  # fmt: skip
    signer = made.attacker if attacker else made.org
    members = {**small_members(), "data.json": f'{{"note": "{MARKER}"}}'.encode()}
    manifest = manifest_for(
        made, members, signer=signer, sequence=sequence, organisation=organisation
    )
    path = folder / name
    path.write_bytes(seal(made, manifest, members, signer=signer))
    return path


def _cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "geen-kluis", WAAKVLAM_BUNDLE_STATE=str(tmp_path / "state.json"))


def _trust(tmp_path: Path, pub: Path, answer: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """`bundle trust` as a person types it: the answer on stdin."""
    cli = _cli(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "waakvlam_desktop.cli", "bundle", "trust", str(pub), *extra],
        env=cli.env,
        input=answer,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in proc.stderr
    return proc


def test_an_unpinned_organisation_is_refused_with_the_instruction(
    made: Parties, tmp_path: Path
) -> None:
    bundle = _bundle(made, tmp_path, "b.age")
    out = tmp_path / "out"
    for verb in ("verify", "open"):
        args = ["--out", str(out)] if verb == "open" else []
        proc = _cli(tmp_path).run(
            "bundle", verb, str(bundle), "--identity", str(made.identity_file), *args, ok=False
        )
        line = one_line_error(proc, 1, "vertrouw je nog geen sleutel")
        assert ORGANISATION in line and "waakvlam bundle trust" in line
    assert not out.exists()
    assert not (tmp_path / "state.json").exists()


def test_trust_shows_the_key_id_and_pins_only_when_confirmed(made: Parties, tmp_path: Path) -> None:
    pub = key_file(tmp_path, made.org)
    fingerprint = " ".join(made.org_key.key_id[i : i + 4] for i in range(0, 32, 4))
    declined = _trust(tmp_path, pub, "nee\n")
    assert declined.returncode == 2 and fingerprint in declined.stderr
    assert "niets vertrouwd" in declined.stderr
    assert not (tmp_path / "state.json").exists()
    closed = _trust(tmp_path, pub, "")  # stdin closed: no answer is not a yes
    assert closed.returncode == 2 and not (tmp_path / "state.json").exists()
    accepted = _trust(tmp_path, pub, "ja\n")
    assert accepted.returncode == 0, accepted.stderr
    assert ORGANISATION in accepted.stdout and fingerprint in accepted.stdout
    state = tmp_path / "state.json"
    assert state.stat().st_mode & 0o777 == 0o600
    bundle = _bundle(made, tmp_path, "b.age")
    proc = _cli(tmp_path).run(
        "bundle", "verify", str(bundle), "--identity", str(made.identity_file)
    )
    last = proc.stdout.strip().splitlines()[-1]
    assert ORGANISATION in last and fingerprint in last
    # The state file names organisations and keys, never what a bundle holds.
    assert MARKER not in state.read_text(encoding="utf-8")


def test_another_key_for_the_same_organisation_is_refused_until_replaced(
    made: Parties, tmp_path: Path
) -> None:
    cli = _cli(tmp_path)
    cli.run("bundle", "trust", str(key_file(tmp_path, made.org)), "--yes")
    # The attacker signs with an own key and names the organisation (spelled differently).
    forged = _bundle(made, tmp_path, "f.age", attacker=True, organisation="woonstichting  DE linde")
    out = tmp_path / "out"
    proc = cli.run(
        "bundle", "open", str(forged), "--identity", str(made.identity_file), "--out", str(out),
        ok=False,
    )  # fmt: skip
    one_line_error(proc, 1, "De afzender gebruikt een andere sleutel dan eerder")
    assert "--replace" in proc.stderr and not out.exists()
    # Pinning the other key for that organisation needs --replace …
    attacker_pub = key_file(tmp_path, made.attacker)
    before = (tmp_path / "state.json").read_bytes()
    proc = cli.run("bundle", "trust", str(attacker_pub), "--yes", ok=False)
    one_line_error(proc, 2, "--replace")
    assert (tmp_path / "state.json").read_bytes() == before
    # … and after a replace the old key is no longer trusted.
    cli.run("bundle", "trust", str(attacker_pub), "--yes", "--replace")
    old = _bundle(made, tmp_path, "old.age", sequence=2)
    proc = cli.run("bundle", "verify", str(old), "--identity", str(made.identity_file), ok=False)
    one_line_error(proc, 1, "andere sleutel dan eerder")
    doc = json.loads((tmp_path / "state.json").read_text())
    (entry,) = doc["trusted"].values()
    assert entry["key_id"] == made.attacker_key.key_id
    assert [r["key_id"] for r in entry["replaced"]] == [made.org_key.key_id]


def test_a_forged_signature_under_the_pinned_key_id_is_refused(
    made: Parties, tmp_path: Path
) -> None:
    state = PartnerState(tmp_path / "state.json")
    state.trust(ORGANISATION, made.org_key)
    members = small_members()
    manifest = manifest_for(made, members, signer=made.org)  # claims the organisation's key
    path = tmp_path / "forged.age"
    path.write_bytes(seal(made, manifest, members, signer=made.attacker))
    with pytest.raises(BadSignatureError):
        verify_file(path, made.identity, state)
    other = PartnerState(tmp_path / "other.json")
    other.trust("Iemand anders", made.attacker_key)
    with pytest.raises(SenderNotTrustedError):
        verify_file(_bundle(made, tmp_path, "b.age"), made.identity, other)
    assert not issubclass(SenderNotTrustedError, SenderKeyChangedError)


def test_every_bundle_opens_once_and_an_older_one_still_opens(
    made: Parties, tmp_path: Path
) -> None:
    state = PartnerState(tmp_path / "state.json")
    state.trust(ORGANISATION, made.org_key)
    out = tmp_path / "out"
    third = _bundle(made, tmp_path, "3.age", sequence=3)
    first = _bundle(made, tmp_path, "1.age", sequence=1)
    open_file(third, made.identity, out, state)
    open_file(first, made.identity, out, state)  # older, never opened: opens
    for again in (third, first):
        with pytest.raises(ReplayError):
            verify_file(again, made.identity, state)
        with pytest.raises(ReplayError):
            open_file(again, made.identity, out, state)
    copy = tmp_path / "kopie.age"  # the same bundle under another name
    copy.write_bytes(third.read_bytes())
    with pytest.raises(ReplayError):
        open_file(copy, made.identity, out, state)
    assert len(list(out.iterdir())) == 2


def test_a_version_1_state_file_keeps_refusing_what_it_may_have_opened(
    made: Parties, tmp_path: Path
) -> None:
    second = _bundle(made, tmp_path, "2.age", sequence=2)
    third = _bundle(made, tmp_path, "3.age", sequence=3)
    key = f"{made.org_key.key_id}/p-1"
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"version": 1, "senders": {key: {"sequence": 2}}}))
    state = PartnerState(path)
    state.trust(ORGANISATION, made.org_key)
    with pytest.raises(ReplayError, match="mogelijk al eerder geopend"):
        verify_file(second, made.identity, state)
    open_file(third, made.identity, tmp_path / "out", state)
    with pytest.raises(ReplayError, match="al eerder geopend"):
        verify_file(third, made.identity, state)

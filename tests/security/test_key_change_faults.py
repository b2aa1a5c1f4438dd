"""Attack: power loss during `rekey` or `passwd`. The vault must survive a kill anywhere.

Two kinds of kill, both with SIGKILL (no `finally`, no cleanup, like a power cut except that
the page cache survives; fsync ordering is what `fileio` and SQLite's journal are for):

- an in-process fault hook (``storage.vault.fault_hook``) kills a forked child at every
  named step of the key change, so every step between the system calls is covered;
- ``strace -e inject=SYSCALL:signal=KILL:when=N`` kills the real ``waakvlam`` process at
  the N-th rename, unlink, fsync, write and openat of the key change (root only).

After every kill: the vault opens with the old or the new passphrase (never neither), the
integrity checks pass, and the same command run again succeeds; afterwards one header
and no pending header remain. The original bug (issue #12): killed between the
re-encryption and the header rename, the next `rekey` failed and left the vault
"beschadigd", and `passwd` said "Wachtwoord gewijzigd." while the new passphrase was
refused; ``test_retry_after_kill_before_promotion`` is that exact sequence.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, MemoryKeyring
from tests.helpers import CLEAN_REPORT, add_household
from waakvlam_desktop.cli.main import main
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.errors import VaultDamagedError, WrongPassphraseError
from waakvlam_desktop.storage import recovery, remember
from waakvlam_desktop.storage import vault as vault_module
from waakvlam_desktop.storage.keys import unwrap_key
from waakvlam_desktop.storage.vault import Vault, VaultPaths

NEW_PASSPHRASE = "een heel ander wachtwoord"
REKEY_STEPS = (
    "rekey:start",
    "rekey:pending-written",
    "rekey:checkpointed",
    "rekey:journal-delete",
    "rekey:reencrypted",
    "rekey:journal-wal",
    "rekey:promoted",
)
PASSWD_STEPS = ("passwd:start", "passwd:written")
RECOVERY_STEPS = ("recovery:start", "recovery:written")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small initialised vault with a few households, copied for every kill."""
    folder = tmp_path_factory.mktemp("pristine") / "vault"
    with Vault.create(folder, PASSPHRASE, kdf_target_seconds=0) as v:
        with v.session() as s:
            v.actor = initialise(s, organisation="Woonstichting Voorbeeld", staff_name="A. B.").id
        for n in range(5):
            add_household(v, f"fam. Test {n}", number=n + 1)
    return folder


def fresh(pristine: Path, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name / "vault"
    shutil.copytree(pristine, target)
    return target


def household_count(v: Vault) -> int:
    with v.engine.connect() as con:  # type: ignore[union-attr]
        return int(con.exec_driver_sql("SELECT count(*) FROM household").scalar_one())


def opens_with_one_of(folder: Path, passphrases: tuple[str, ...]) -> str:
    """The passphrase that opens the vault (after the checks pass); fails when none does."""
    for passphrase in passphrases:
        try:
            v = Vault.open(folder, passphrase)
        except WrongPassphraseError:
            continue
        with v:
            assert v.integrity_report() == CLEAN_REPORT
            assert household_count(v) == 5
        return passphrase
    raise AssertionError(f"no passphrase opens {folder}: {sorted(os.listdir(folder))}")


def settled(folder: Path) -> None:
    paths = VaultPaths(folder)
    assert paths.header.exists()
    assert not paths.pending_header.exists()
    assert not list(folder.glob(".vault.key.json*.tmp"))


def kill_at(step: str, action: Callable[[], None]) -> None:
    """Run ``action`` in a forked child that SIGKILLs itself when ``step`` is reached."""

    def hook(name: str) -> None:
        if name == step:
            os.kill(os.getpid(), signal.SIGKILL)

    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 3
        try:
            vault_module.fault_hook = hook
            action()
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
        f"step {step} was never reached (status {status})"
    )


@pytest.mark.parametrize("step", REKEY_STEPS)
def test_rekey_killed_at_every_step(pristine: Path, tmp_path: Path, step: str) -> None:
    folder = fresh(pristine, tmp_path, "v")

    def rekey() -> None:
        with Vault.open(folder, PASSPHRASE) as v:
            v.rekey(PASSPHRASE)

    kill_at(step, rekey)
    opens_with_one_of(folder, (PASSPHRASE,))
    settled(folder)
    with Vault.open(folder, PASSPHRASE) as v:  # the retry
        v.rekey(PASSPHRASE)
    opens_with_one_of(folder, (PASSPHRASE,))
    settled(folder)


@pytest.mark.parametrize("step", PASSWD_STEPS)
def test_passwd_killed_at_every_step(pristine: Path, tmp_path: Path, step: str) -> None:
    folder = fresh(pristine, tmp_path, "v")

    def passwd() -> None:
        with Vault.open(folder, PASSPHRASE) as v:
            v.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, kdf_target_seconds=0)

    kill_at(step, passwd)
    opens_with_one_of(folder, (PASSPHRASE, NEW_PASSPHRASE))
    assert run_cli(folder, "passwd") == 0  # the retry, as a user would run it
    assert opens_with_one_of(folder, (PASSPHRASE, NEW_PASSPHRASE)) == NEW_PASSPHRASE
    settled(folder)


@pytest.mark.parametrize("step", REKEY_STEPS)
def test_passwd_after_a_killed_rekey(pristine: Path, tmp_path: Path, step: str) -> None:
    """`passwd` never reports success unless the new passphrase opens the vault."""
    folder = fresh(pristine, tmp_path, "v")

    def rekey() -> None:
        with Vault.open(folder, PASSPHRASE) as v:
            v.rekey(PASSPHRASE)

    kill_at(step, rekey)
    assert run_cli(folder, "passwd") == 0
    assert opens_with_one_of(folder, (PASSPHRASE, NEW_PASSPHRASE)) == NEW_PASSPHRASE
    settled(folder)


@pytest.fixture(scope="module")
def org_key() -> recovery.RecoveryIdentity:
    return recovery.new_identity()


def organisation_opens(folder: Path, identity: recovery.RecoveryIdentity) -> None:
    """The settled header's organisation wrap holds the key that opens the database (#19)."""
    header = Vault.read_header(VaultPaths(folder))
    assert header.recovery is not None
    with Vault.open_with_key(folder, identity.decrypt(header.recovery.wrapped_key)) as v:
        assert household_count(v) == 5


@pytest.mark.parametrize("step", RECOVERY_STEPS + REKEY_STEPS)
def test_the_organisation_wrap_survives_a_kill(
    pristine: Path, tmp_path: Path, step: str, org_key: recovery.RecoveryIdentity
) -> None:
    """Setting the recovery key, or a rekey of a vault that has one, killed at every step:
    the vault opens with its passphrase and the wrap in its header opens it too."""
    folder = fresh(pristine, tmp_path, "v")

    def set_key() -> None:
        with Vault.open(folder, PASSPHRASE) as v:
            v.set_recovery(PASSPHRASE, org_key.public)

    def rekey() -> None:
        with Vault.open(folder, PASSPHRASE) as v:
            v.rekey(PASSPHRASE)

    if step.startswith("rekey"):
        set_key()
    kill_at(step, rekey if step.startswith("rekey") else set_key)
    opens_with_one_of(folder, (PASSPHRASE,))
    settled(folder)
    if step == "recovery:start":
        # The database copy of the key was committed before the header write: the next
        # open finished the job (the header follows the database, never the reverse).
        wrap = Vault.read_header(VaultPaths(folder)).recovery
        assert wrap is not None and wrap.recipient == org_key.public.recipient
        set_key()  # a retry is harmless
    organisation_opens(folder, org_key)
    rekey()  # and the next key change carries the wrap along
    organisation_opens(folder, org_key)


def test_retry_after_kill_before_promotion(pristine: Path, tmp_path: Path) -> None:
    """Issue #12's sequence: the database has the new key, the header is still the old."""
    folder = fresh(pristine, tmp_path, "v")

    def rekey() -> None:
        with Vault.open(folder, PASSPHRASE) as v:
            v.rekey(PASSPHRASE)

    kill_at("rekey:journal-wal", rekey)
    assert VaultPaths(folder).pending_header.exists()  # the state the bug needed
    assert run_cli(folder, "rekey") == 0
    assert run_cli(folder, "unlock-check") == 0
    assert run_cli(folder, "rekey") == 0
    settled(folder)
    opens_with_one_of(folder, (PASSPHRASE,))


def test_open_promotes_a_fitting_pending_header(pristine: Path, tmp_path: Path) -> None:
    folder = fresh(pristine, tmp_path, "v")

    def rekey() -> None:
        with Vault.open(folder, PASSPHRASE) as v:
            v.rekey(PASSPHRASE)

    kill_at("rekey:journal-wal", rekey)
    paths = VaultPaths(folder)
    pending = paths.pending_header.read_bytes()
    with Vault.open(folder, PASSPHRASE):
        pass
    assert paths.header.read_bytes() == pending
    settled(folder)


def run_cli(folder: Path, *args: str) -> int:
    """`waakvlam ARGS` in this process, the way a user runs it non-interactively."""
    env = {
        "WAAKVLAM_DATA_DIR": str(folder),
        "WAAKVLAM_PASSPHRASE": PASSPHRASE,
        "WAAKVLAM_NEW_PASSPHRASE": NEW_PASSPHRASE,
        "WAAKVLAM_KDF_TARGET_SECONDS": "0",
        "XDG_STATE_HOME": str(folder.parent / "state"),
    }
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return main(list(args))
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# ---- the real process under strace ------------------------------------------------------
TRACED = ("rename", "unlink", "fsync", "fdatasync", "write", "pwrite64", "openat")
_LINE = re.compile(r"^(\d+)\s+(\w+)\((.*)$")
# Points per system call, evenly spread with the first and last included: up to 4 renames,
# unlinks and fsyncs each (a rekey has 2, 7 and 8), fewer of the many alike page writes and
# opens, so the test stays near four minutes on a loaded two-core machine.
_MAX_PER_SYSCALL = {"openat": 2, "write": 2, "pwrite64": 3}
_DEFAULT_MAX = 4


def _strace_available() -> bool:
    return shutil.which("strace") is not None and os.geteuid() == 0


def cli_env(folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "WAAKVLAM_DATA_DIR": str(folder),
        "WAAKVLAM_PASSPHRASE": PASSPHRASE,
        "WAAKVLAM_NEW_PASSPHRASE": NEW_PASSPHRASE,
        "WAAKVLAM_KDF_TARGET_SECONDS": "0",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "XDG_STATE_HOME": str(folder.parent / "state"),
        "XDG_CACHE_HOME": str(folder.parent / "cache"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }


def strace(folder: Path, command: str, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["strace", "-f", "-qq", *options, sys.executable, "-m", "waakvlam_desktop.cli", command],
        env=cli_env(folder),
        capture_output=True,
        text=True,
        timeout=120,
    )


def injection_points(pristine: Path, tmp_path: Path, command: str, marker: str) -> list[str]:
    """``SYSCALL:N`` for the calls of the main thread from the key change on.

    One traced run lists every call; the key change starts at the first ``openat`` of
    ``marker`` (the temporary header file). Long runs of one call (the page writes of the
    re-encryption) are sampled evenly, first and last included.
    """
    folder = fresh(pristine, tmp_path, f"count-{command}")
    log = tmp_path / f"{command}.strace"
    proc = strace(folder, command, "-e", "trace=" + ",".join(TRACED), "-o", str(log))
    assert proc.returncode == 0, proc.stderr
    lines = [m for m in map(_LINE.match, log.read_text().splitlines()) if m]
    main_pid = lines[0].group(1)
    counts: dict[str, int] = {}
    after: dict[str, list[int]] = {}
    started = False
    for m in lines:
        if m.group(1) != main_pid:
            continue
        name = m.group(2)
        counts[name] = counts.get(name, 0) + 1
        if not started and name == "openat" and marker in m.group(3):
            started = True
        if started:
            after.setdefault(name, []).append(counts[name])
    assert started, f"{marker} never opened"
    points = []
    for name, ordinals in sorted(after.items()):
        most = _MAX_PER_SYSCALL.get(name, _DEFAULT_MAX)
        if len(ordinals) > most:
            step = (len(ordinals) - 1) / (most - 1)
            ordinals = sorted({ordinals[round(i * step)] for i in range(most)})
        points += [f"{name}:{n}" for n in ordinals]
    return points


@pytest.mark.slow
@pytest.mark.skipif(not _strace_available(), reason="strace fault injection needs root")
@pytest.mark.parametrize(
    ("command", "marker", "passphrases"),
    [
        ("rekey", ".vault.key.json.pending.", (PASSPHRASE,)),
        ("passwd", ".vault.key.json.", (PASSPHRASE, NEW_PASSPHRASE)),
    ],
)
def test_real_process_killed_at_every_system_call(
    pristine: Path, tmp_path: Path, command: str, marker: str, passphrases: tuple[str, ...]
) -> None:
    points = injection_points(pristine, tmp_path, command, marker)
    assert {p.split(":")[0] for p in points} >= {"rename", "fsync", "openat"}
    killed = 0
    for point in points:
        name, n = point.split(":")
        folder = fresh(pristine, tmp_path, f"{command}-{name}-{n}")
        proc = strace(
            folder, command, "-o", os.devnull, "-e", f"trace={name}",
            "-e", f"inject={name}:signal=KILL:when={n}",
        )  # fmt: skip
        assert "Traceback" not in proc.stderr
        killed += proc.returncode in (-9, 137)
        opens_with_one_of(folder, passphrases)  # opens, and passes unlock-check's checks
        assert run_cli(folder, command) == 0, point  # the retry
        settled(folder)
        if command == "passwd":
            assert opens_with_one_of(folder, (NEW_PASSPHRASE,)) == NEW_PASSPHRASE, point
    # Nearly every point must really have killed the process (a later syscall number
    # means: the same run, so a count that drifted by a call or two still kills).
    assert killed >= len(points) - 2, (killed, points)


@pytest.fixture(autouse=True)
def _no_hook() -> Iterator[None]:
    yield
    vault_module.fault_hook = None


def test_passwd_never_reports_success_for_a_header_that_did_not_land(
    pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write the disk acknowledged but did not keep (fault injection: the header write
    is dropped): `passwd` must fail, and the old passphrase still opens the vault."""
    folder = fresh(pristine, tmp_path, "v")
    monkeypatch.setattr(vault_module, "write_atomic", lambda *_a, **_k: None)
    with Vault.open(folder, PASSPHRASE) as v, pytest.raises(VaultDamagedError) as caught:
        v.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, kdf_target_seconds=0)
    assert caught.value.code == "vault.passphrase_not_saved"
    assert opens_with_one_of(folder, (PASSPHRASE, NEW_PASSPHRASE)) == PASSPHRASE


def test_rekey_replaces_and_forget_removes_the_remembered_key(
    pristine: Path, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """A remembered old key would be useless after `rekey` (and a leftover of the key the
    user wanted gone): `rekey` replaces it, `--forget` removes it."""
    folder = fresh(pristine, tmp_path, "v")
    header = Vault.read_header(VaultPaths(folder))
    old_key = unwrap_key(header, PASSPHRASE)
    assert remember.remember(header.vault_id, old_key)
    assert run_cli(folder, "rekey") == 0
    new_key = remember.recall(header.vault_id)
    assert new_key is not None and new_key != old_key
    Vault.open_with_key(folder, new_key).close()  # the stored key opens the vault
    assert run_cli(folder, "passwd", "--forget") == 0
    assert remember.recall(header.vault_id) is None
    assert not memory_keyring.store

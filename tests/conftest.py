"""Shared fixtures: real SQLCipher vaults in temp dirs, a fixed clock, a fake OS keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest
from hypothesis import settings
from keyring.backend import KeyringBackend
from keyring.backends import fail

from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.storage.vault import Vault

PASSPHRASE = "correct horse battery staple"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never touch a developer's real vault or keyring from a test.
os.environ.pop("WAAKVLAM_PASSPHRASE", None)
os.environ.pop("WAAKVLAM_DATA_DIR", None)
# A property is judged by its examples, not their speed: on a loaded CI machine one example
# can stall past Hypothesis' 200-ms deadline, which it reports as a failure.
settings.register_profile("waakvlam", deadline=None)
settings.load_profile("waakvlam")


class MemoryKeyring(KeyringBackend):
    """Stands in for a real OS keyring (the one fake our tests allow)."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True, scope="session")
def own_user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The app's user folders (its log and crash reports, its default vault) are the test
    run's own, for this process and the app processes it starts. Crash reports from tests
    that break a vault on purpose went to the developer's own folder, where the app keeps
    only the newest 20, so a test run deleted the developer's real reports."""
    base = tmp_path_factory.mktemp("user")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_STATE_HOME", str(base / "state"))
        patch.setenv("XDG_DATA_HOME", str(base / "data"))
        yield


@pytest.fixture(autouse=True)
def no_keyring() -> Iterator[None]:
    """By default there is no usable keyring (the fail backend), as on a bare CI box."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def vault(vault_dir: Path, clock: FixedClock) -> Iterator[Vault]:
    """A fresh, initialised vault with one staff member acting."""
    v = Vault.create(vault_dir, PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with v.session() as s:
        staff = initialise(
            s,
            organisation="Woonstichting Voorbeeld",
            staff_name="A. de Vries",
            staff_role="wijkbeheerder",
        )
        v.actor = staff.id
    yield v
    v.close()

"""The `waakvlam` command as a user runs it: one runner for every end-to-end CLI test.

``Cli`` runs ``python -m waakvlam_desktop.cli`` in a real process with its own data folder,
the test passphrase in the environment, no keyring, and logs and caches inside the test's
folder. The ``cli`` fixture is a runner on an initialised vault in ``tmp_path / "vault"``;
a module that needs more environment overrides ``cli_env``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE

ORGANISATION = "Woonstichting Voorbeeld"
STAFF_NAME = "A. de Vries"


class Cli:
    """Runs `waakvlam …` on one data folder; ``env`` adds to or overrides the environment."""

    def __init__(self, data_dir: Path, **env: str) -> None:
        self.data_dir = data_dir
        self.env = {
            **os.environ,
            "WAAKVLAM_DATA_DIR": str(data_dir),
            "WAAKVLAM_PASSPHRASE": PASSPHRASE,
            "WAAKVLAM_KDF_TARGET_SECONDS": "0",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            # Logs and caches of test runs stay in the test's own folder.
            "XDG_STATE_HOME": str(data_dir.parent / "xdg-state"),
            "XDG_CACHE_HOME": str(data_dir.parent / "xdg-cache"),
            **env,
        }

    def run(
        self, *args: str, ok: bool = True, unset: Iterable[str] = (), **env: str
    ) -> subprocess.CompletedProcess[str]:
        """One command; ``env`` for this run only, ``unset`` names variables it must not see.

        Never a traceback on stderr; with ``ok`` (the default) the command must succeed.
        """
        removed = set(unset)
        proc = subprocess.run(
            [sys.executable, "-m", "waakvlam_desktop.cli", *args],
            env={k: v for k, v in {**self.env, **env}.items() if k not in removed},
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=300,
        )
        if ok:
            assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
        return proc

    def json(self, *args: str) -> object:
        return json.loads(self.run(*args, "--json").stdout)

    def init(self, organisation: str = ORGANISATION, name: str = STAFF_NAME) -> Cli:
        """`waakvlam init` on this data folder; returns the runner."""
        self.run("init", "--organisation", organisation, "--name", name)
        return self


def one_line_error(proc: subprocess.CompletedProcess[str], code: int, text: str = "") -> str:
    """The command failed with ``code`` and one line on stderr containing ``text``."""
    assert proc.returncode == code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert text in lines[0]
    return lines[0]


@pytest.fixture
def cli_env() -> dict[str, str]:
    """Extra environment for the ``cli`` fixture; a test module overrides it to add some."""
    return {}


@pytest.fixture
def cli(tmp_path: Path, cli_env: dict[str, str]) -> Cli:
    """A runner on a vault initialised in ``tmp_path / "vault"``."""
    return Cli(tmp_path / "vault", **cli_env).init()

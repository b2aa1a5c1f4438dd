"""The OS keyring of the benchmark's keyring start (``bench_gui``): it holds the one key
the benchmark gives it in ``WAAKVLAM_BENCH_KEYRING`` (``vault_id:hex key``). The probe
names it in ``PYTHON_KEYRING_BACKEND``, so ``keyring`` loads it when the app first asks,
as it would load the system's (the app imports ``keyring`` only then)."""

from __future__ import annotations

import os

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError, PasswordSetError


class BenchKeyring(KeyringBackend):
    priority = 5  # type: ignore[assignment]  # a real keyring to storage/remember.py

    def get_password(self, service: str, username: str) -> str | None:
        vault_id, _, key = os.environ.get("WAAKVLAM_BENCH_KEYRING", "").partition(":")
        return key if username == vault_id and key else None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("the benchmark's keyring holds one key")

    def delete_password(self, service: str, username: str) -> None:
        raise PasswordDeleteError("the benchmark's keyring holds one key")

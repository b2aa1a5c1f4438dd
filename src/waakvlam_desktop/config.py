"""Where things live: platformdirs paths, overridable for scripts and tests."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Waakvlam"
APP_AUTHOR = "Waakvlam"
DATA_DIR_ENV = "WAAKVLAM_DATA_DIR"
PASSPHRASE_ENV = "WAAKVLAM_PASSPHRASE"
KDF_TARGET_ENV = "WAAKVLAM_KDF_TARGET_SECONDS"
DEFAULT_KDF_TARGET = 0.5


def default_data_dir() -> Path:
    """The vault folder: ``$WAAKVLAM_DATA_DIR`` or the platform's user data dir.

    On Windows the roaming profile is avoided on purpose: a vault must not be
    synced between machines by roaming profiles, so it lives under Local AppData.
    """
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False)) / "vault"


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def kdf_target_seconds() -> float:
    """Argon2 calibration target; scripts and tests may lower it (the floor still holds)."""
    raw = os.environ.get(KDF_TARGET_ENV)
    if raw is None:
        return DEFAULT_KDF_TARGET
    try:
        return max(0.0, float(raw))
    except ValueError:
        return DEFAULT_KDF_TARGET


PARTNER_DIR_ENV = "WAAKVLAM_PARTNER_DIR"


def default_partner_dir() -> Path:
    """The partner app's store folder: ``$WAAKVLAM_PARTNER_DIR`` or the platform's user data
    dir (Local AppData on Windows, never roaming), beside but apart from the vault."""
    env = os.environ.get(PARTNER_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False)) / "partner"

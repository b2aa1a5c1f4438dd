"""Waakvlam Desktop."""

from __future__ import annotations

# Kept equal to [project] version in pyproject.toml (tests/e2e/test_selftest.py checks it);
# the fallback when the package metadata is missing (a frozen build without dist-info).
__version__ = "0.1.0"
DIST_NAME = "waakvlam-desktop"


def package_version() -> str:
    """The installed version from the package metadata (pyproject), else ``__version__``."""
    # importlib.metadata costs ~10 ms and only the About dialog, the settings' version
    # line and the self-test ask: every --version and every start go without it.
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version(DIST_NAME)
    except PackageNotFoundError:
        return __version__

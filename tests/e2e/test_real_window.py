"""`make run` brings up a real window: once on a real X server (Xvfb), not offscreen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def test_real_xcb_window_under_xvfb(tmp_path: Path) -> None:
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        pytest.fail("xvfb-run is missing: 'make test' installs it (scripts/qt-system-libs.sh)")
    shot = tmp_path / "window.png"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    proc = subprocess.run(
        [
            xvfb_run,
            "-a",
            "-s",
            "-screen 0 1366x768x24",
            sys.executable,
            "-m",
            "waakvlam_desktop",
            "--data-dir",
            str(tmp_path / "vault"),
            "--smoke-test",
            str(shot),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "platform=xcb" in proc.stdout
    assert shot.stat().st_size > 10_000  # a real screen with the first-run form on it
    assert not (tmp_path / "vault").exists()  # starting never creates a vault by itself

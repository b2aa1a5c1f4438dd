"""The GUI benchmark measures what an installed app does (#16): its probes run with
bytecode, from a cache of their own, even where the session forbids writing bytecode."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bench.bench_gui import ROOT, bytecode_env, precompile

import waakvlam_desktop


def test_the_probes_run_from_precompiled_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")  # as the sessions here run
    cache = tmp_path / "pyc"
    env = bytecode_env(cache)
    assert "PYTHONDONTWRITEBYTECODE" not in env and env["PYTHONPYCACHEPREFIX"] == str(cache)
    precompile(env)
    app = Path(waakvlam_desktop.__file__).resolve().parent
    compiled = {p.name for p in cache.rglob("*.pyc")}
    tag = sys.implementation.cache_tag
    assert {f"main_window.{tag}.pyc", f"today.{tag}.pyc"} <= compiled
    assert (app / "ui" / "main_window.py").exists()
    child = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.pycache_prefix, sys.dont_write_bytecode)"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert child.stdout.split() == [str(cache), "False"]

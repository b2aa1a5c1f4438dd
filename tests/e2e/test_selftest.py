"""``waakvlam-desktop --self-test`` un-frozen: the same code the frozen app runs."""

from __future__ import annotations

import importlib.util
import io
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import waakvlam_desktop
from waakvlam_desktop import selftest

ROOT = Path(__file__).resolve().parents[2]


def _has_bundles() -> bool:
    try:
        return importlib.util.find_spec("waakvlam_desktop.bundles.export") is not None
    except ModuleNotFoundError:
        return False


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WAAKVLAM_", "XDG_"))}
    env["HOME"] = str(tmp_path / "home")  # logs and any keyring lookup stay in here
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.pop("QT_QPA_PLATFORM", None)  # the self-test must set offscreen itself
    env.pop("DISPLAY", None)
    return env


def test_self_test_passes_in_a_subprocess(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "waakvlam_desktop", "--self-test"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=180,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(f"waakvlam-desktop {waakvlam_desktop.package_version()}")
    status = {line.split()[1]: line.split()[0] for line in lines[1:-1]}
    assert list(status) == [name for name, _fn, _needs in selftest.STEPS]
    for name in ("kluis", "huisbezoek", "brief", "audit", "sleutelbos", "venster"):
        assert status[name] == "OK", proc.stdout
    if _has_bundles():
        assert status["bundel"] == "OK", proc.stdout
    else:
        # Never reported as passed when it did not run.
        assert status["bundel"] == "NIET"
        assert "NIET UITGEVOERD" in proc.stdout
    assert lines[-1].startswith("ZELFTEST GESLAAGD")
    assert "offscreen" in proc.stdout  # it switched Qt to offscreen itself
    # Nothing left behind in the working folder or the temp folder it was given.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def test_strict_fails_when_a_step_did_not_run(tmp_path: Path) -> None:
    out = io.StringIO()
    code, results = selftest.run_self_test(out, strict=True, skip=("venster",))
    assert code == 1
    assert [r.status for r in results if r.name == "venster"] == ["NIET"]
    assert "ZELFTEST MISLUKT" in out.getvalue()


def test_a_failing_step_fails_the_run_and_later_steps_still_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(_w: object) -> str:
        raise FileNotFoundError("signalenlijst.json")

    steps = tuple(
        (name, broken if name == "brief" else fn, needs) for name, fn, needs in selftest.STEPS
    )
    monkeypatch.setattr(selftest, "STEPS", steps)
    out = io.StringIO()
    code, results = selftest.run_self_test(out, skip=("venster",))
    assert code == 1
    by_name = {r.name: r for r in results}
    assert by_name["brief"].status == "FOUT"
    assert "FileNotFoundError: signalenlijst.json" in by_name["brief"].detail
    assert by_name["audit"].status == "OK"  # the run goes on after a failure
    assert out.getvalue().splitlines()[-1].startswith("ZELFTEST MISLUKT: ")


def test_without_a_vault_the_steps_that_need_it_are_not_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_vault(_w: object) -> str:
        raise RuntimeError("SQLCipher ontbreekt")

    steps = tuple(
        (name, no_vault if name == "kluis" else fn, needs) for name, fn, needs in selftest.STEPS
    )
    monkeypatch.setattr(selftest, "STEPS", steps)
    code, results = selftest.run_self_test(io.StringIO())
    assert code == 1
    status = {r.name: r.status for r in results}
    assert status["kluis"] == "FOUT"
    assert status["sleutelbos"] == "OK"
    for name in ("huisbezoek", "brief", "bundel", "audit", "venster"):
        assert status[name] == "NIET"  # not counted as passed


def test_missing_bundle_library_is_a_failure_not_a_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = selftest.importlib.import_module

    def fake_import(name: str, package: str | None = None) -> object:
        if name == "waakvlam_desktop.bundles.export":
            raise ModuleNotFoundError("No module named 'pyrage'", name="pyrage")
        return real_import(name, package)

    monkeypatch.setattr(selftest.importlib, "import_module", fake_import)
    with pytest.raises(ModuleNotFoundError):
        selftest._bundles_api()


def test_version_comes_from_pyproject(tmp_path: Path) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert waakvlam_desktop.package_version() == project["version"]
    assert waakvlam_desktop.__version__ == project["version"]
    proc = subprocess.run(
        [sys.executable, "-m", "waakvlam_desktop", "--version"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"waakvlam-desktop {project['version']}"

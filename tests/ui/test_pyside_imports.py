"""PySide6's look at every module imported after it, made cheap (ui/pyside_imports.py,
#16): the same answers as PySide6's own check, without reading the source through
``linecache`` (which kept every file's lines in memory)."""

from __future__ import annotations

import importlib
import linecache
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import waakvlam_desktop.ui  # installs the check, as the app does
import waakvlam_desktop.ui.main_window
from waakvlam_desktop.domain import today
from waakvlam_desktop.ui import pyside_imports


def _feature() -> Any:
    return sys.modules[pyside_imports.FEATURE_MODULE]


def _check() -> Callable[[ModuleType], bool]:
    check: Callable[[ModuleType], bool] = getattr(_feature(), pyside_imports.CHECK)
    return check


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in [m for m in sys.modules if m.startswith("wv_probe_")]:
        del sys.modules[name]


def test_the_app_has_the_cheap_check_once() -> None:
    check = _check()
    assert getattr(check, "__wrapped__", None) is not None  # PySide6's own, kept beside it
    assert pyside_imports.install()  # a second install changes nothing
    assert _check() is check


def test_it_answers_as_pysides_own_check(folder: Path) -> None:
    (folder / "wv_probe_latin.py").write_bytes(
        b"# -*- coding: latin-1 -*-\n# caf\xe9 met PySide6\nX = 1\n"
    )
    (folder / "wv_probe_plain.py").write_text("X = 'geen Qt hier'\n")
    gone = folder / "wv_probe_gone.py"
    gone.write_text("# PySide6\n")
    probes = [importlib.import_module(n) for n in ("wv_probe_latin", "wv_probe_plain")]
    gone_module = importlib.import_module("wv_probe_gone")
    gone.unlink()
    modules = [
        waakvlam_desktop.ui.main_window,  # imports PySide6
        today,  # does not
        sys,  # built in
        sys.modules["sqlcipher3._sqlite3"],  # compiled
        ModuleType("wv_probe_no_file"),
        gone_module,  # its file is gone: PySide6's own check answers
        *probes,
    ]
    check = _check()
    pysides_own = check.__wrapped__  # type: ignore[attr-defined]
    answers = [check(m) for m in modules]
    assert answers == [pysides_own(m) for m in modules]
    assert answers == [True, False, False, False, False, False, True, False]


def test_an_import_leaves_its_source_out_of_memory(folder: Path) -> None:
    """PySide6's own check read each imported module through ``linecache``, which keeps
    the file's lines for the life of the process."""
    uses = folder / "wv_probe_uses.py"
    uses.write_text("from PySide6.QtCore import QObject\n\nX = QObject\n")
    plain = folder / "wv_probe_plain2.py"
    plain.write_text("X = 2\n")
    # As an import statement does: through builtins.__import__, which PySide6 replaced
    # (importlib.import_module goes round it).
    __import__("wv_probe_uses")
    __import__("wv_probe_plain2")
    marks = _feature().pyside_feature_dict
    assert marks["wv_probe_uses"] == 0 and marks["wv_probe_plain2"] == -1  # as PySide6's
    assert str(uses) not in linecache.cache and str(plain) not in linecache.cache

"""The command table of ``waakvlam``: one module per noun, loaded only when chosen."""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import subprocess
import sys

import pytest

from waakvlam_desktop import cli
from waakvlam_desktop.cli.main import COMMANDS, CommandParser, build_parser

# What parsing (`--help`, usage errors) must not load: the libraries behind the commands.
HEAVY = ("sqlalchemy", "sqlcipher3", "reportlab", "pyrage", "keyring", "alembic", "PySide6")


def _command_modules() -> dict[str, dict[str, object]]:
    found = {}
    for info in pkgutil.iter_modules(cli.__path__):
        if info.name.startswith("_") or info.name == "main":  # __main__ runs the command
            continue
        module = importlib.import_module(f"waakvlam_desktop.cli.{info.name}")
        if hasattr(module, "COMMANDS"):
            found[info.name] = module.COMMANDS
    return found


def test_every_command_is_listed_once_and_defined_in_its_module() -> None:
    names = [name for name, _module, _help in COMMANDS]
    assert len(names) == len(set(names))
    listed = {(module, name) for name, module, _help in COMMANDS}
    defined = {(module, name) for module, table in _command_modules().items() for name in table}
    assert listed == defined


def _leaves(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [parser]
    return [leaf for sub in subs for p in sub.choices.values() for leaf in _leaves(p)]


def test_every_command_has_a_handler() -> None:
    parser = build_parser()
    (top,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for command in top.choices.values():
        assert isinstance(command, CommandParser)
        command.complete()
        for leaf in _leaves(command):
            assert callable(leaf.get_default("func")), leaf.prog


def _modules_after(*argv: str) -> list[str]:
    """The modules a fresh ``waakvlam ARGV`` process has imported when argparse is done."""
    code = (
        "import contextlib, io, json, sys\n"
        "from waakvlam_desktop.cli.main import build_parser\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        f"    build_parser().parse_args({list(argv)!r})\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return list(json.loads(proc.stdout))


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["--help"],
        ["checklist", "show", "--help"],
        ["household", "show"],  # a usage error: the id is missing
        *([name, "--help"] for name, _module, _help in COMMANDS),
    ],
    ids=" ".join,
)
def test_parsing_loads_no_heavy_library(argv: list[str]) -> None:
    """Help and usage errors stay fast: handlers import the domain they run on, parsing not."""
    modules = _modules_after(*argv)
    loaded = sorted({m.split(".")[0] for m in modules} & set(HEAVY))
    assert loaded == [], f"waakvlam {' '.join(argv)} imports {loaded}"


def test_only_the_chosen_command_module_is_imported() -> None:
    modules = _modules_after("household", "list", "--help")
    nouns = {m.rpartition(".")[2] for m in modules if m.startswith("waakvlam_desktop.cli.")}
    assert nouns - {"common", "main"} == {"household"}
    assert "reportlab" not in {m.split(".")[0] for m in modules}

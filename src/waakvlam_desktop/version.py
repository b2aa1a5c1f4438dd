"""``--version`` for the GUI entry points, answered only when asked.

argparse's own ``action="version"`` takes the text when the parser is built: with the
version read from the package metadata (``package_version``: ``importlib.metadata``,
13-50 ms) that was every start of the app, before its window, for an option hardly anyone
passes (#16). This action reads it when ``--version`` is given.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from waakvlam_desktop import package_version


class VersionAction(argparse.Action):
    """Prints ``PROG VERSION`` on stdout and stops, as argparse's version action does."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kw: Any):
        kw.setdefault("help", "toon het versienummer en stop")
        super().__init__(option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, **kw)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        print(f"{parser.prog} {package_version()}")
        parser.exit()


def add_version_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action=VersionAction)

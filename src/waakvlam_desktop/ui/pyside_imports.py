"""PySide6's check of every module imported after it, made cheap (#16).

Once ``PySide6.QtCore`` is imported, PySide6 looks at every module imported after it to
decide whether that module "uses PySide6" (for its ``from __feature__ import ...``
switches, which this app does not use): ``shibokensupport.feature._mod_uses_pyside``
reads the module's source with ``inspect.getsource`` and searches it for "PySide6".
``inspect`` reads through ``linecache``, which keeps each file's lines in memory for the
life of the process. For the ~380 modules that a start imports (SQLAlchemy, the models,
the screens: 8.7 MB of source) that took 57-76 ms of processor time, this check 16-22 ms,
and the peak memory after those imports was 119 MB against 97 MB.

:func:`install` puts in its place a check that gives the same answer for a module with a
``.py`` file, read as bytes and not kept: ``"PySide6"`` is ASCII, so it is in the source
text exactly when it is in the file's bytes, in any encoding Python reads source in. (A
file that cannot be decoded, which Python imports only from a stale bytecode file, is
answered True here where PySide6's check gave up and answered False.) Every other module
(built in, compiled, loaded from an archive as in the frozen app) still gets PySide6's
own check. When a PySide6 version has no such function, nothing is changed.
``tests/ui/test_pyside_imports.py`` holds it to PySide6's answers.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import Final

FEATURE_MODULE: Final = "shibokensupport.feature"
CHECK: Final = "_mod_uses_pyside"
_MARK: Final = "_waakvlam_reads_bytes"


def reads_bytes(pysides_own: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """PySide6's check (``pysides_own``) for a module with a ``.py`` file, by its bytes."""

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return pysides_own(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return pysides_own(module)

    setattr(uses_pyside, _MARK, True)
    uses_pyside.__wrapped__ = pysides_own  # type: ignore[attr-defined]
    return uses_pyside


def install() -> bool:
    """Replace PySide6's check once ``PySide6.QtCore`` is imported; True when it is in
    place (also when it already was)."""
    import PySide6.QtCore  # noqa: F401, PLC0415 - installs the check this replaces

    feature = sys.modules.get(FEATURE_MODULE)
    pysides_own = getattr(feature, CHECK, None)
    if feature is None or not callable(pysides_own):
        return False
    if not getattr(pysides_own, _MARK, False):
        setattr(feature, CHECK, reads_bytes(pysides_own))
    return True

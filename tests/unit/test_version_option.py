"""``--version`` of the two GUI entry points: the package's version on stdout, and no
package metadata read to parse the arguments (``__version__``, as the command line's; #16)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from waakvlam_desktop import package_version


@pytest.mark.parametrize(
    ("module", "prog"),
    [("waakvlam_desktop", "waakvlam-desktop"), ("waakvlam_desktop.partner", "waakvlam-partner")],
)
def test_version_is_printed_and_read_only_when_asked(module: str, prog: str) -> None:
    asked = subprocess.run(
        [sys.executable, "-m", module, "--version"], capture_output=True, text=True, timeout=60
    )
    assert asked.returncode == 0
    assert asked.stdout == f"{prog} {package_version()}\n"
    parsing = (
        "import sys\n"
        f"from {module if module.endswith('partner') else module + '.__main__'} import parse_args\n"
        "parse_args([])\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    unasked = subprocess.run(
        [sys.executable, "-c", parsing], capture_output=True, text=True, timeout=60, check=True
    )
    assert unasked.stdout.strip() == "False"

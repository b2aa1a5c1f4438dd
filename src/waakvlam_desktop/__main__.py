"""``waakvlam-desktop`` / ``python -m waakvlam_desktop``: start the desktop app.

The GUI entry point: it reads the arguments and hands over to the desktop app
(``ui.app``), the frozen self-test (``selftest``) or the screenshot tool
(``ui.devtools``). ``--version`` and ``--help`` answer without loading Qt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from waakvlam_desktop import __version__
from waakvlam_desktop.crash import install_crash_handler
from waakvlam_desktop.logs import disable_core_dumps, setup_logging


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="waakvlam-desktop", description="Waakvlam Desktop")
    # __version__, as the command line's --version: package_version() reads the package
    # metadata (13-50 ms), and argparse takes this text at every start (#16).
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help="toon het versienummer en stop",
    )
    parser.add_argument("--data-dir", help="map van de kluis")
    parser.add_argument("--lang", choices=["nl", "en"], default=None)
    parser.add_argument("--screenshots", metavar="DIR", help="schrijf schermafbeeldingen in DIR")
    parser.add_argument(
        "--smoke-test",
        metavar="PNG",
        help="start het echte venster, leg het scherm vast in PNG en stop (voor tests)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="controleer offscreen met een tijdelijke kluis of alle onderdelen werken en stop",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="bij --self-test: een stap die niet kon draaien telt als mislukt",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    disable_core_dumps()
    setup_logging()
    install_crash_handler("gui")  # the GUI passes on_crash to show its Dutch dialog
    # Each face is imported only when chosen: --version and --help answer without Qt, and
    # the app, the self-test and the screenshot tool never pay for each other's start-up.
    if args.self_test:
        from waakvlam_desktop.selftest import run_self_test_cli  # noqa: PLC0415

        return run_self_test_cli(strict=args.strict)
    if args.screenshots:
        from waakvlam_desktop.ui.devtools.screenshots import make_screenshots  # noqa: PLC0415

        return make_screenshots(Path(args.screenshots), args.lang or "nl")
    from waakvlam_desktop.ui.app import run  # noqa: PLC0415

    return run(data_dir=args.data_dir, lang=args.lang, smoke_test=args.smoke_test)


if __name__ == "__main__":
    sys.exit(main())

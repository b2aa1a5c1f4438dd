"""``waakvlam-partner`` / ``python -m waakvlam_desktop.partner``: the partner app.

For the people at a wijkteam, GGD or gemeente who receive bundles: they open them into an
encrypted store and send signed feedback (docs/partner.md). ``--version`` and ``--help``
answer without loading Qt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from waakvlam_desktop import __version__
from waakvlam_desktop.crash import install_crash_handler
from waakvlam_desktop.logs import disable_core_dumps, setup_logging


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="waakvlam-partner", description="Waakvlam Partner")
    # __version__, as the command line's --version: package_version() reads the package
    # metadata (13-50 ms), and argparse takes this text at every start (#16).
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help="toon het versienummer en stop",
    )
    parser.add_argument("--data-dir", help="map van de partneropslag")
    parser.add_argument("--lang", choices=["nl", "en"], default=None)
    parser.add_argument("--screenshots", metavar="DIR", help="schrijf schermafbeeldingen in DIR")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    disable_core_dumps()
    setup_logging()
    install_crash_handler("gui")
    # Qt is loaded only now: --version and --help answer without it.
    if args.screenshots:
        from waakvlam_desktop.ui.devtools.partner_screenshots import (  # noqa: PLC0415
            make_partner_screenshots,
        )

        return make_partner_screenshots(Path(args.screenshots), args.lang or "nl")
    from waakvlam_desktop.ui.partner.app import run  # noqa: PLC0415

    return run(data_dir=args.data_dir, lang=args.lang)


if __name__ == "__main__":
    sys.exit(main())

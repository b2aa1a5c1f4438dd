"""``waakvlam-desktop`` / ``python -m waakvlam_desktop``: start the desktop app."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from waakvlam_desktop.crash import install_crash_handler
    from waakvlam_desktop.logs import disable_core_dumps, setup_logging

    disable_core_dumps()
    setup_logging()
    install_crash_handler("gui")  # the GUI passes on_crash to show its Dutch dialog
    from waakvlam_desktop.ui.app import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())

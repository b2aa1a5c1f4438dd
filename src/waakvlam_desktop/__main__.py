"""``waakvlam-desktop`` / ``python -m waakvlam_desktop``: start the desktop app."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from waakvlam_desktop.ui.app import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())

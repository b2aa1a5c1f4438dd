"""PyInstaller entry point of the command-line tool (``waakvlam``)."""

import sys

from waakvlam_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())

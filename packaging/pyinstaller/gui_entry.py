"""PyInstaller entry point of the GUI (``waakvlam-desktop``)."""

import sys

from waakvlam_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())

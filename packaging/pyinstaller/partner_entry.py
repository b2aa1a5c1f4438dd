"""PyInstaller entry point of the partner app (``waakvlam-partner``)."""

import sys

from waakvlam_desktop.partner import main

if __name__ == "__main__":
    sys.exit(main())

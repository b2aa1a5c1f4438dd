"""The ``waakvlam`` command-line tool (no Qt)."""

from waakvlam_desktop.cli.main import main

__all__ = ["main"]

"""The desktop interface: the only package that imports PySide6.

Importing it makes PySide6's look at every later import cheap (``ui/pyside_imports.py``),
before the modules of the interface and the vault code are imported (#16)."""

from waakvlam_desktop.ui import pyside_imports

pyside_imports.install()

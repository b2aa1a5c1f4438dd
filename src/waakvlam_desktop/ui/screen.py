"""The contract between the workspace (``ui/main_window.py``) and its screens.

A screen is a page of the workspace's stack. The workspace

* puts the screens of the navigation there under :meth:`Screen.nav_title`, with the number
  a screen reports through :attr:`Screen.count_changed` (0: no number);
* calls :meth:`Screen.refresh` when a screen is shown (``refresh_on_show``), or when it
  was marked stale while hidden;
* passes on every :class:`~waakvlam_desktop.ui.context.Changes` a write announced: a screen
  :meth:`Screen.affected_by` it refreshes at once when it is on top (or when
  ``refresh_when_hidden``, for a number in the navigation), and otherwise when next shown.

Adding a screen: subclass :class:`Screen`, implement ``nav_title``, ``refresh`` and
``affected_by``, and add it to ``NAVIGATION`` in ``ui/main_window.py`` with a builder that
imports its module (screens are built the first time they are shown).
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from waakvlam_desktop.ui.context import AppContext, Changes


class Screen(QWidget):
    count_changed = Signal(int)  # the number next to the screen's name in the navigation

    refresh_on_show: ClassVar[bool] = True
    refresh_when_hidden: ClassVar[bool] = False

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.stale = False  # something it shows changed while it was hidden

    def nav_title(self) -> str:
        """The screen's name in the navigation (screens in the navigation only)."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Load what the screen shows, in the background (``QueryOp``)."""
        raise NotImplementedError

    def affected_by(self, changes: Changes) -> bool:
        """Whether ``changes`` alters what this screen shows."""
        return False

    def scroll_to_top(self) -> None:
        """Its navigation item was clicked while it was shown: back to its top."""
        for area in self.findChildren(QAbstractScrollArea):
            area.verticalScrollBar().setValue(0)

"""Reading what a window shows, for the plain-words walks (#15 F, #17): every visible text
(labels, buttons, tabs, group titles, combo items, table cells and headers), tooltips
excluded, and the technical details that must not be among them (docs/words.md)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

ROWS = 60  # table rows read per view: enough to meet every kind of row in the demo


def forbidden(data_dir: Path, folders: Sequence[Path] = ()) -> list[tuple[str, re.Pattern[str]]]:
    """What may not be shown: ``data_dir`` is the app's data folder, ``folders`` any other
    folder the test wrote files to (a path there on screen is a file path too)."""
    return [
        ("age recipient", re.compile(r"age1")),
        # a file's name may end in .age (the user finds the file by it), nothing else may
        ("the word age", re.compile(r"(?<![\w.-])age(?![\w-])", re.IGNORECASE)),
        ("SHA-256", re.compile(r"sha-?256", re.IGNORECASE)),
        ("fingerprint", re.compile(r"fingerprint|vingerafdruk", re.IGNORECASE)),
        ("vault path", re.compile(re.escape(str(data_dir)))),
        ("home path", re.compile(re.escape(str(Path.home())) + r"/")),
        ("snake_case code", re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")),
        ("profile code", re.compile(r"\b(?:case|aggregate|handover)\b")),
        *(("file path", re.compile(re.escape(str(f)))) for f in folders),
    ]


def view_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    out = []
    root = QModelIndex()
    # a list model (QListWidget) hides columnCount: it has one column
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    for c in range(columns):
        out.append(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
    for r in range(min(model.rowCount(root), ROWS)):
        for c in range(columns):
            value = model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole)
            out.append("" if value is None else str(value))
    return out


def visible_texts(root: QWidget, skip: Sequence[QWidget] = ()) -> list[tuple[str, str]]:
    """(widget class, text) for every visible text under ``root``, tooltips excluded, and
    nothing in or under a widget of ``skip``."""
    found: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible() or any(w is k or k.isAncestorOf(w) for k in skip):
            continue
        texts: list[str] = []
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QLineEdit):
            texts += [w.text(), w.placeholderText()]
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            texts.append(w.toPlainText())
        elif isinstance(w, QAbstractItemView):
            texts += view_texts(w)
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        found += [(type(w).__name__, t) for t in texts if t]
    return found


def offences(
    texts: list[tuple[str, str]], where: str, data_dir: Path, folders: Sequence[Path] = ()
) -> list[str]:
    return [
        f"{where} · {cls} · {name}: {text[:120]!r}"
        for cls, text in texts
        for name, pattern in forbidden(data_dir, folders)
        if pattern.search(text)
    ]

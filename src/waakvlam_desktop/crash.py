"""Crash reports without personal data.

A report holds the app version, Python version, operating system, where it happened
(cli/gui), the exception's type and the module:line of every frame (and of its causes).
Never the exception message, source lines, local variables or file paths: any of those
could hold a name or a note. Reports go to ``<log dir>/crashes`` (newest 20 kept).
"""

from __future__ import annotations

import contextlib
import platform
import secrets
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from waakvlam_desktop import __version__, config
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.logs import Code, exception_summary, log_event

KEEP = 20


def crash_dir() -> Path:
    return config.log_dir() / "crashes"


def crash_report_text(exc: BaseException, context: str) -> str:
    lines = [
        "Waakvlam crash report (zonder persoonsgegevens)",
        f"version: {__version__}",
        f"python: {platform.python_version()}",
        f"os: {platform.system()} {platform.release()} {platform.machine()}",
        f"context: {context}",
        f"time: {datetime.now(UTC).isoformat(timespec='seconds').replace('+00:00', 'Z')}",
        "exception:",
        *("  " + line for line in exception_summary(exc)),
    ]
    return "\n".join(lines) + "\n"


def write_crash_report(
    exc: BaseException, context: str = "cli", folder: Path | None = None
) -> Path | None:
    """Write a report and return its path (None when it cannot be written)."""
    folder = folder or crash_dir()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}-{secrets.token_hex(3)}.txt"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(path, crash_report_text(exc, context).encode("utf-8"))
        for old in sorted(folder.glob("crash-*.txt"))[:-KEEP]:
            with contextlib.suppress(OSError):
                old.unlink()
    except OSError:
        return None
    log_event("crash", context=Code(context), error=Code(type(exc).__name__))
    return path


CrashCallback = Callable[[BaseException, Path | None], None]


def install_crash_handler(context: str = "gui", on_crash: CrashCallback | None = None) -> None:
    """Route uncaught exceptions (main thread and other threads) to a report; the GUI
    passes ``on_crash`` to show its Dutch message. Ctrl+C keeps its default behaviour."""

    def handle(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        path = write_crash_report(exc, context)
        if on_crash is not None:
            on_crash(exc, path)
        else:
            print(
                "Waakvlam: onverwachte fout; een foutrapport zonder persoonsgegevens staat in"
                f" {path}."
                if path
                else "Waakvlam: onverwachte fout.",
                file=sys.stderr,
            )

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            handle(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = handle
    threading.excepthook = thread_hook

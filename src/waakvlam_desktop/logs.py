"""Leak-free logging and process hardening.

Logs go to a rotating file in the platform's user log folder (``config.log_dir()``) and
never contain personal data:

- our own code logs through :func:`log_event`: an event name plus fields whose values are
  numbers, booleans, UUIDs, or strings explicitly marked safe with :class:`Code` (command
  names, exception class names, enum values);
- everything else that reaches the handler (libraries) is scrubbed by
  :class:`ScrubFilter`: every string argument is replaced by ``‹…›`` unless it is a UUID;
  a message without arguments (possibly an f-string with data in it) is replaced by its
  length; in templates long digit runs and e-mail addresses are masked and the home
  folder becomes ``~``; exception text is reduced to its type and the module:line of each
  frame.

:func:`disable_core_dumps` makes sure a crash cannot leave a memory image (with the
database key and decrypted records) on disk.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import logging.handlers
import os
import re
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from waakvlam_desktop import config

LOGGER_NAME = "waakvlam"
LOG_FILE = "waakvlam.log"
MAX_BYTES = 512 * 1024
BACKUPS = 3
HIDDEN = "‹…›"

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_EVENT = re.compile(r"^[a-z][a-z0-9_.]{0,60}$")
_DIGITS = re.compile(r"\d[\d .\-]{5,}\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")

log = logging.getLogger(LOGGER_NAME)


class Code(str):
    """A string that is safe to log as it is: a code from our own source, never user text."""

    __slots__ = ()


def _safe_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | Code):
        return value
    if isinstance(value, str) and _UUID.match(value):
        return value
    return HIDDEN


def _scrub_text(text: str) -> str:
    home = os.path.expanduser("~")
    if home and home not in ("/", "~"):
        text = text.replace(home, "~")
    text = _EMAIL.sub(HIDDEN, text)
    text = _DIGITS.sub(HIDDEN, text)
    return text[:300]


def format_frames(tb: TracebackType | None) -> list[str]:
    """``module:line function`` for each frame: no source text, no locals, no paths."""
    return [
        f"{frame.f_globals.get('__name__', '?')}:{lineno} {frame.f_code.co_name}"
        for frame, lineno in traceback.walk_tb(tb)
    ]


def exception_summary(exc: BaseException) -> list[str]:
    """Type names and frames of an exception and its causes; never the message."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(seen) < 5:
        seen.add(id(current))
        kind = type(current)
        lines.append(f"{kind.__module__}.{kind.__qualname__}")
        lines += ["  " + f for f in format_frames(current.__traceback__)]
        current = current.__cause__ or current.__context__
    return lines


class ScrubFilter(logging.Filter):
    """Rewrites every record so that only codes, ids and counts remain."""

    def filter(self, record: logging.LogRecord) -> bool:
        safe_event = getattr(record, "waakvlam_event", False)
        if not safe_event:
            if not record.args:
                # A message without arguments may have been formatted by the caller
                # (f-string) and carry anything: only its size is kept.
                record.msg = f"‹bericht van {len(str(record.msg))} tekens verborgen›"
            else:
                record.msg = _scrub_text(str(record.msg))
            if isinstance(record.args, dict):
                record.args = {k: _safe_value(v) for k, v in record.args.items()}
            elif record.args:
                record.args = tuple(_safe_value(a) for a in record.args)
        if record.exc_info and record.exc_info[1] is not None:
            summary = exception_summary(record.exc_info[1])
            record.msg = str(record.msg) + " | " + " / ".join(summary)
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


def log_event(event: str, level: int = logging.INFO, **fields: Any) -> None:
    """Log ``event key=value …``; values that are not numbers, ids or :class:`Code` are
    replaced by ``‹…›``."""
    name = event if _EVENT.match(event) else HIDDEN
    parts = [name] + [f"{k}={_safe_value(v)}" for k, v in sorted(fields.items())]
    log.log(level, "%s", " ".join(parts), extra={"waakvlam_event": True})


_handler: logging.Handler | None = None


def setup_logging(folder: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Log to ``<log dir>/waakvlam.log`` (rotating). Returns the file, or None when the
    folder cannot be made (then nothing is logged; the app still works)."""
    global _handler
    folder = Path(folder) if folder is not None else config.log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        path: Path | None = folder / LOG_FILE
    except OSError:
        handler, path = logging.NullHandler(), None
    handler.addFilter(ScrubFilter())
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s", "%Y-%m-%dT%H:%M:%S")
    )
    # A failing handler (disk full, a file rotated by another process on Windows) must not
    # print "--- Logging error ---" with the unscrubbed message and arguments to stderr.
    logging.raiseExceptions = False
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    log.setLevel(level)
    for noisy in ("sqlalchemy", "alembic", "keyring", "PIL", "fontTools"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _handler = handler
    return path


def disable_core_dumps() -> bool:
    """No core dump, and on Linux no ptrace/``/proc/PID/mem`` from other processes of the
    same user. Returns True when at least one of them took effect."""
    done = False
    try:
        import resource  # noqa: PLC0415 - Unix only: Windows has no resource module

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        done = True
    except (ImportError, ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_dumpable = 4
            if libc.prctl(pr_set_dumpable, 0, 0, 0, 0) == 0:
                done = True
        except (OSError, AttributeError):
            pass
    return done


def stop_logging() -> None:
    """Remove and close the file handler (at exit, and in tests)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None

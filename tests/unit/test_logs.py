"""Logs and crash reports hold codes, ids and counts, never personal data."""

from __future__ import annotations

import logging
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from waakvlam_desktop.crash import crash_report_text, write_crash_report
from waakvlam_desktop.logs import Code, log_event, setup_logging, stop_logging

MARKER = "Qzlog8 Jansen"


def _raise_with_personal_data() -> None:
    note = {"notes": MARKER}
    raise ValueError(f"kon notitie {note['notes']} niet opslaan, bel 0612345678")


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    yield
    stop_logging()
    logging.raiseExceptions = True


def test_log_file_is_scrubbed(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "log")
    assert path is not None
    ident = str(uuid.uuid4())
    log_event("visit.saved", visit=ident, signals=3, kind=Code("regulier"), note=MARKER)
    logging.getLogger("sqlalchemy.engine").warning("statement %s params %r", MARKER, (MARKER,))
    logging.getLogger("library").error(f"f-string met {MARKER} en jan@example.org 0612345678")
    try:
        _raise_with_personal_data()
    except ValueError:
        logging.getLogger("waakvlam").exception("opslaan mislukt voor %s", MARKER)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert f"visit.saved kind=regulier note=‹…› signals=3 visit={ident}" in text
    assert "statement ‹…› params '‹…›'" in text
    assert "bericht van" in text  # the f-string message: only its length
    assert "ValueError" in text and "_raise_with_personal_data" in text
    assert "test_logs:" in text  # module:line of the frame
    for secret in ("Qzlog8", "Jansen", "0612345678", "jan@example.org", "kon notitie"):
        assert secret not in text, secret


def test_crash_report_has_types_and_frames_only(tmp_path: Path) -> None:
    try:
        try:
            _raise_with_personal_data()
        except ValueError as inner:
            raise RuntimeError(MARKER) from inner
    except RuntimeError as exc:
        text = crash_report_text(exc, "cli")
        path = write_crash_report(exc, "cli", folder=tmp_path / "crashes")
    assert "builtins.RuntimeError" in text and "builtins.ValueError" in text
    assert "_raise_with_personal_data" in text and "version: " in text and "os: " in text
    assert "Qzlog8" not in text and "0612345678" not in text and str(Path.home()) not in text
    assert path is not None and path.read_text(encoding="utf-8").startswith("Waakvlam crash")
    assert (path.stat().st_mode & 0o077) == 0


def test_core_dumps_are_disabled() -> None:
    probe = (
        "import ctypes, resource\n"
        "from waakvlam_desktop.logs import disable_core_dumps\n"
        "assert disable_core_dumps()\n"
        "print(resource.getrlimit(resource.RLIMIT_CORE))\n"
        "print(ctypes.CDLL(None).prctl(3, 0, 0, 0, 0))\n"  # PR_GET_DUMPABLE
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "(0, 0)"
    if sys.platform.startswith("linux"):
        assert out[1] == "0"

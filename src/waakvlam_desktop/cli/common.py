"""Shared pieces of the CLI: output, dates, files, passphrases, opening the vault, and the
parser pieces every command module uses."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn

from waakvlam_desktop import config
from waakvlam_desktop.errors import (
    StorageWriteError,
    UsageError,
    VaultBusyError,
    WaakvlamError,
)
from waakvlam_desktop.fileio import write_atomic
from waakvlam_desktop.storage import remember
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

PASSPHRASE = Message(
    "cli.passphrase_prompt",
    QT_TRANSLATE_NOOP("Cli", "Passphrase"),
    context="Cli",
)
NEW_PASSPHRASE = Message(
    "cli.new_passphrase_prompt",
    QT_TRANSLATE_NOOP("Cli", "New passphrase"),
    context="Cli",
)
NEW_PASSPHRASE_AGAIN = Message(
    "cli.new_passphrase_again_prompt",
    QT_TRANSLATE_NOOP("Cli", "New passphrase (once more)"),
    context="Cli",
)
SEE_HELP = Message(
    "cli.see_help",
    QT_TRANSLATE_NOOP("Cli", "see '{command} --help'"),
    context="Cli",
)

PROG = "waakvlam"
NEW_PASSPHRASE_ENV = "WAAKVLAM_NEW_PASSPHRASE"

DATE_FORM = Message(
    "cli.date_form",
    QT_TRANSLATE_NOOP("Errors", "{option} must have the form YYYY-MM-DD, for example 2026-11-27."),
)
FILE_NOT_WRITTEN = Message(
    "cli.file_not_written",
    QT_TRANSLATE_NOOP("Errors", "The file {path} cannot be written."),
)
PASSPHRASE_FILE_UNREADABLE = Message(
    "cli.passphrase_file_unreadable",
    QT_TRANSLATE_NOOP("Errors", "The passphrase file {path} cannot be read."),
)
NO_PASSPHRASE = Message(
    "cli.no_passphrase",
    QT_TRANSLATE_NOOP(
        "Errors",
        "No passphrase: use --passphrase-file, the environment variable {variable}, or run the"
        " command in a terminal.",
    ),
)
NO_NEW_PASSPHRASE = Message(
    "cli.no_new_passphrase",
    QT_TRANSLATE_NOOP(
        "Errors", "No new passphrase: use --new-passphrase-file or WAAKVLAM_NEW_PASSPHRASE."
    ),
)
PASSPHRASES_DIFFER = Message(
    "cli.passphrases_differ",
    QT_TRANSLATE_NOOP("Errors", "The two passphrases are not the same. Nothing was changed."),
)


# ---- output helpers ----------------------------------------------------------------------
def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + ("Z" if value.tzinfo is None else "")
    if isinstance(value, date):
        return value.isoformat()
    return value


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON data (dataclasses, enums, dates), to add fields to it."""
    return _jsonable(value)


def print_json(value: Any) -> None:
    json.dump(_jsonable(value), sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
    sys.stdout.write("\n")


def nl_date(day: date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else "-"


def visible(text: str) -> str:
    """``text`` safe for a terminal: characters that are not printable (escape sequences,
    line breaks, NUL, bidi overrides) are shown as ``\\x1b``, ``\\u202e`` and so on."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def info(message: str) -> None:
    print(message, file=sys.stderr)


def parse_date(text: str | None, what: str = "--date") -> date | None:
    """A ``JJJJ-MM-DD`` option (``--date``, ``--from``, ``--to``); None when not given."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(DATE_FORM, option=what) from None


# ---- files -------------------------------------------------------------------------------
def write_beside(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename."""
    try:
        write_atomic(path, text.encode("utf-8"), overwrite=True)
    except OSError as exc:
        raise WaakvlamError(FILE_NOT_WRITTEN, path=path) from exc


# ---- passphrase and vault ----------------------------------------------------------------
def read_passphrase(args: argparse.Namespace, prompt: str | None = None) -> str:
    if getattr(args, "passphrase_file", None):
        path = Path(args.passphrase_file)
        try:
            return path.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise UsageError(PASSPHRASE_FILE_UNREADABLE, path=path) from exc
    env = os.environ.get(config.PASSPHRASE_ENV)
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise UsageError(NO_PASSPHRASE, variable=config.PASSPHRASE_ENV)
    return getpass.getpass(prompt or f"{PASSPHRASE.render()}: ")


def read_new_passphrase(
    args: argparse.Namespace, check: Callable[[str], None] | None = None
) -> str:
    """The new passphrase; typed at a terminal, ``check`` judges it before the repeat."""
    if getattr(args, "new_passphrase_file", None):
        path = Path(args.new_passphrase_file)
        try:
            return path.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise UsageError(PASSPHRASE_FILE_UNREADABLE, path=path) from exc
    env = os.environ.get(NEW_PASSPHRASE_ENV)
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise UsageError(NO_NEW_PASSPHRASE)
    first = getpass.getpass(f"{NEW_PASSPHRASE.render()}: ")
    if check is not None:
        check(first)
    if getpass.getpass(f"{NEW_PASSPHRASE_AGAIN.render()}: ") != first:
        raise UsageError(PASSPHRASES_DIFFER)
    return first


def data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir).expanduser() if args.data_dir else config.default_data_dir()


UPGRADING = Message(
    "cli.upgrading",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Updating the vault for this version; with many households this takes a minute or two.",
    ),
    context="Cli",
)


def _upgrading() -> None:
    info(UPGRADING.render())


@contextmanager
def open_vault(args: argparse.Namespace) -> Iterator[Any]:
    """Open the vault: from the OS keyring when remembered, else with the passphrase."""
    # Imported on use: main imports this module, and `--version`, `--help` and `checklist
    # show` must not load SQLAlchemy and SQLCipher (~0.4 s with -X importtime).
    from waakvlam_desktop.domain.setup import default_staff  # noqa: PLC0415
    from waakvlam_desktop.storage.vault import Vault, VaultPaths  # noqa: PLC0415

    folder = data_dir(args)
    paths = VaultPaths(folder)
    header = Vault.read_header(paths)
    vault = None
    key = remember.recall(header.vault_id)
    if key is not None:
        try:
            vault = Vault.open_with_key(
                folder, key, vault_id=header.vault_id, on_upgrade=_upgrading
            )
        except (VaultBusyError, StorageWriteError):
            raise  # not about the key: asking for the passphrase would not help
        except WaakvlamError:
            vault = None  # changed or stale entry: fall back to the passphrase
    if vault is None:
        vault = Vault.open(folder, read_passphrase(args), on_upgrade=_upgrading)
    try:
        with vault.session() as s:
            staff = default_staff(s)
            vault.actor = staff.id if staff else None
        yield vault
    finally:
        vault.close()


# ---- parser pieces -----------------------------------------------------------------------
class Parser(argparse.ArgumentParser):
    """argparse with the one-line usage error and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} ({SEE_HELP.render(command=PROG)})\n")


Arguments = Callable[[argparse.ArgumentParser], None]
"""Adds a command's arguments (and ``func``) to its parser: the values of ``COMMANDS``."""


def subcommands(p: argparse.ArgumentParser, name: str) -> Any:
    """The sub-commands of a command with a verb of its own (``waakvlam household list``)."""
    return p.add_subparsers(dest=f"{name}_command", required=True, parser_class=Parser)


def json_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="uitvoer als JSON (zie docs/cli-json.md)")

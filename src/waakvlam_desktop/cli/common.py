"""Shared pieces of the CLI: output, passphrases, opening the vault, the parser class."""

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
from waakvlam_desktop.errors import UsageError, WaakvlamError

PROG = "waakvlam"


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


def print_json(value: Any) -> None:
    json.dump(_jsonable(value), sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
    sys.stdout.write("\n")


def nl_date(day: date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else "-"


def info(message: str) -> None:
    print(message, file=sys.stderr)


# ---- passphrase and vault ----------------------------------------------------------------
def read_passphrase(args: argparse.Namespace, prompt: str = "Wachtwoord: ") -> str:
    if getattr(args, "passphrase_file", None):
        path = Path(args.passphrase_file)
        try:
            return path.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise UsageError(f"Het wachtwoordbestand {path} is niet te lezen.") from exc
    env = os.environ.get(config.PASSPHRASE_ENV)
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise UsageError(
            "Geen wachtwoord: gebruik --passphrase-file, de omgevingsvariabele"
            f" {config.PASSPHRASE_ENV}, of start de opdracht in een terminal."
        )
    return getpass.getpass(prompt)


def read_new_passphrase(args: argparse.Namespace) -> str:
    if getattr(args, "new_passphrase_file", None):
        path = Path(args.new_passphrase_file)
        try:
            return path.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise UsageError(f"Het wachtwoordbestand {path} is niet te lezen.") from exc
    env = os.environ.get("WAAKVLAM_NEW_PASSPHRASE")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise UsageError(
            "Geen nieuw wachtwoord: gebruik --new-passphrase-file of WAAKVLAM_NEW_PASSPHRASE."
        )
    first = getpass.getpass("Nieuw wachtwoord: ")
    if getpass.getpass("Nieuw wachtwoord (nog een keer): ") != first:
        raise UsageError("De twee wachtwoorden zijn niet gelijk. Er is niets gewijzigd.")
    return first


def data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir).expanduser() if args.data_dir else config.default_data_dir()


@contextmanager
def open_vault(args: argparse.Namespace) -> Iterator[Any]:
    """Open the vault: from the OS keyring when remembered, else with the passphrase."""
    from waakvlam_desktop.domain.setup import default_staff
    from waakvlam_desktop.storage import remember
    from waakvlam_desktop.storage.vault import Vault, VaultPaths

    folder = data_dir(args)
    paths = VaultPaths(folder)
    header = Vault.read_header(paths)
    vault = None
    key = remember.recall(header.vault_id)
    if key is not None:
        try:
            vault = Vault.open_with_key(folder, key, vault_id=header.vault_id)
        except WaakvlamError:
            vault = None  # changed or stale entry: fall back to the passphrase
    if vault is None:
        vault = Vault.open(folder, read_passphrase(args))
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
        self.exit(2, f"{self.prog}: {message} (zie '{PROG} --help')\n")


Handler = Callable[[argparse.Namespace], int]


def add_command(sub: Any, name: str, func: Handler, help: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(name, help=help, description=help)
    p.set_defaults(func=func)
    return p


def add_group(sub: Any, name: str, help: str) -> Any:
    """A command with sub-commands of its own (``waakvlam household list``)."""
    p = sub.add_parser(name, help=help, description=help)
    return p.add_subparsers(dest=f"{name}_command", required=True, parser_class=Parser)


def json_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="uitvoer als JSON (zie docs/cli-json.md)")

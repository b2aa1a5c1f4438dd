"""The ``waakvlam`` command. No Qt here: it runs on a server or in a script just as well.

Exit codes: 0 success, 1 refused (wrong passphrase, damaged vault, invalid input),
2 usage error. A problem the user can cause is one Dutch line on stderr, never a traceback.

Every top-level command lives in the module of its noun (``cli/household.py``,
``cli/vault.py`` for ``init``, ``passwd``, ``backup`` …), whose ``COMMANDS`` maps the command
to the function that adds its arguments. ``COMMANDS`` below lists each command once, in the
order of ``waakvlam --help``, with that module and its one-line help. Only the chosen
command's module is imported. To add a command: write it in its noun's module and add one
line here.

Parsing stays light: a command module imports at its top only what its arguments and
messages need (``cli.common``, ``errors``, ``texts``, ``clock``, ``domain.types`` …), and each
handler imports the domain, storage, bundles and documents it runs on, marked
``# noqa: PLC0415 - parsing stays light``. So ``waakvlam <command> --help`` and a usage error
answer without SQLAlchemy, SQLCipher, reportlab or age (~0.2 s instead of ~1 s on a loaded
machine); tests/unit/test_cli_commands.py fails when parsing a command loads them.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from waakvlam_desktop import __version__, config
from waakvlam_desktop.cli.common import PROG, Parser
from waakvlam_desktop.crash import write_crash_report
from waakvlam_desktop.errors import WaakvlamError
from waakvlam_desktop.logs import Code, disable_core_dumps, log_event, setup_logging
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

INTERRUPTED = Message(
    "cli.interrupted",
    QT_TRANSLATE_NOOP("Cli", "stopped; nothing was changed."),
    context="Cli",
)
DISK_FULL = Message(
    "cli.disk_full",
    QT_TRANSLATE_NOOP("Cli", "saving failed: the disk is full or unreachable."),
    context="Cli",
)
UNEXPECTED = Message(
    "cli.unexpected",
    QT_TRANSLATE_NOOP(
        "Cli", "unexpected error ({kind}); nothing was changed. Set WAAKVLAM_DEBUG=1 for details."
    ),
    context="Cli",
)
UNEXPECTED_REPORT = Message(
    "cli.unexpected_report",
    QT_TRANSLATE_NOOP(
        "Cli",
        "unexpected error ({kind}); nothing was changed. Error report (without personal data):"
        " {report}. Set WAAKVLAM_DEBUG=1 for details.",
    ),
    context="Cli",
)

# command, module in cli/, help
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("init", "vault", "maak een nieuwe kluis"),
    ("unlock-check", "vault", "controleer wachtwoord en kluis"),
    ("passwd", "vault", "wijzig het wachtwoord"),
    ("rekey", "vault", "geef de database een nieuwe sleutel"),
    ("household", "household", "huishoudens"),
    ("today", "today", "eerst doen: wie je vandaag nodig heeft, op volgorde"),
    ("visit", "visit", "huisbezoeken"),
    ("checklist", "checklist", "signalenlijst"),
    ("partner", "partner", "partners"),
    ("colleague", "colleague", "collega's wier overdrachten worden aanvaard"),
    ("demo", "demo", "vul de kluis met verzonnen voorbeeldgegevens"),
    ("stats", "stats", "aantallen in de kluis"),
    ("search", "search", "zoek in notities en opmerkingen"),
    ("audit", "audit", "logboek"),
    ("import", "imports", "gegevens inlezen uit een bestand"),
    ("overview", "overview", "het overzicht: cijfers per complex en wijk"),
    ("neighbourhood", "neighbourhood", "buurt: het logboek per complex"),
    ("connect", "connect", "verbinden: bewoners met elkaar in contact brengen"),
    ("meeting", "meeting", "casusoverleg: agenda, afspraken, opgelost, verslag"),
    ("referral", "referral", "doorverwijzingen"),
    ("letter", "letter", "maak de verwijsbrief van een doorverwijzing"),
    ("consent-form", "letter", "maak het toestemmingsformulier voor de bewoner"),
    ("resident-letter", "letter", "maak de brief aan de bewoner"),
    ("retention", "retention", "bewaartermijnen"),
    ("inzage", "inzage", "inzageverzoek: PDF en JSON over één bewoner"),
    ("consent", "consent", "toestemming"),
    ("backup", "vault", "maak een versleutelde back-up van de kluis"),
    ("restore", "vault", "zet een back-up terug"),
    ("recovery", "recovery", "herstelsleutel van de organisatie: maken en herstellen"),
    ("bundle", "bundle", "exportbundels openen en controleren (voor partners)"),
    ("org", "org", "de organisatie"),
    ("export", "export", "maak een versleutelde exportbundel voor een partner"),
    ("feedback", "feedback", "terugkoppeling van partners inlezen"),
)


class CommandParser(Parser):
    """A top-level command whose arguments are added from its module when argparse reaches
    it (``parse_known_args``), so ``waakvlam --help`` lists every command without importing
    any of their modules."""

    def __init__(self, *, module: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.module = module
        self.command = self.prog.rpartition(" ")[2]
        self._complete = False

    def complete(self) -> None:
        """Add the command's own arguments (once)."""
        if not self._complete:
            self._complete = True
            commands = importlib.import_module(f"{__package__}.{self.module}").COMMANDS
            commands[self.command](self)

    def parse_known_args(
        self, args: Iterable[str] | None = None, namespace: Any = None
    ) -> tuple[Any, list[str]]:
        self.complete()
        return super().parse_known_args(args, namespace)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG, description="Waakvlam: de versleutelde kluis vanaf de opdrachtregel."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        help=f"map van de kluis (standaard: ${config.DATA_DIR_ENV} of de gebruikersmap)",
    )
    parser.add_argument(
        "--passphrase-file",
        help=f"lees het wachtwoord uit dit bestand (of zet ${config.PASSPHRASE_ENV})",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=CommandParser)
    for name, module, help in COMMANDS:
        sub.add_parser(name, help=help, description=help, module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    disable_core_dumps()
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging()
    command = Code(f"{args.command} {getattr(args, f'{args.command}_command', '') or ''}".strip())
    log_event("cli.start", command=command)
    rc = _run(args)
    log_event("cli.end", command=command, rc=rc)
    return rc


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args))
    except WaakvlamError as exc:
        log_event("cli.refused", error=Code(type(exc).__name__))
        print(f"{PROG}: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # stdout went away (``| head``): not an error of ours.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: {INTERRUPTED.render()}", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so in one line, without personal data
        # storage.vault loads SQLAlchemy and SQLCipher: only this path needs it, not --help.
        from waakvlam_desktop.storage.vault import is_disk_error  # noqa: PLC0415

        if is_disk_error(exc):
            print(f"{PROG}: {DISK_FULL.render()}", file=sys.stderr)
            return 1
        if os.environ.get("WAAKVLAM_DEBUG"):
            raise
        report = write_crash_report(exc, "cli")
        kind = type(exc).__name__
        line = (
            UNEXPECTED_REPORT.render(kind=kind, report=report)
            if report
            else UNEXPECTED.render(kind=kind)
        )
        print(f"{PROG}: {line}", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())

"""The ``waakvlam`` command. No Qt here: it runs on a server or in a script just as well.

Exit codes: 0 success, 1 refused (wrong passphrase, damaged vault, invalid input),
2 usage error. A problem the user can cause is one Dutch line on stderr, never a traceback.

Each command module has ``register(sub)``; add a new module to ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from waakvlam_desktop import __version__, config
from waakvlam_desktop.cli.common import PROG, Parser
from waakvlam_desktop.errors import WaakvlamError

COMMAND_MODULES = (
    "waakvlam_desktop.cli.core",
    "waakvlam_desktop.cli.imports",
    "waakvlam_desktop.cli.overview",
    "waakvlam_desktop.cli.referrals",
    "waakvlam_desktop.cli.privacy",
    "waakvlam_desktop.cli.bundles",
    "waakvlam_desktop.cli.exports",
)


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
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from waakvlam_desktop.logs import Code, disable_core_dumps, log_event, setup_logging

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
    from waakvlam_desktop.logs import Code, log_event

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
        print(f"{PROG}: afgebroken; er is niets gewijzigd.", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so in one line, without personal data
        from waakvlam_desktop.storage.vault import is_disk_error

        if is_disk_error(exc):
            print(
                f"{PROG}: opslaan is mislukt: de schijf is vol of niet bereikbaar.", file=sys.stderr
            )
            return 1
        if os.environ.get("WAAKVLAM_DEBUG"):
            raise
        from waakvlam_desktop.crash import write_crash_report

        report = write_crash_report(exc, "cli")
        where = f" Foutrapport (zonder persoonsgegevens): {report}." if report else ""
        print(
            f"{PROG}: onverwachte fout ({type(exc).__name__}); er is niets gewijzigd.{where}"
            " Zet WAAKVLAM_DEBUG=1 voor details.",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())

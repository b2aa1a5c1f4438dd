"""``waakvlam inzage``: everything stored about one resident, as PDF and JSON."""

from __future__ import annotations

import argparse
from pathlib import Path

from waakvlam_desktop.cli.common import Arguments, info, json_flag, open_vault, print_json
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

CHECK_FIRST = Message(
    "cli.inzage_check_first",
    QT_TRANSLATE_NOOP("Cli", "Check the report before you give it to the resident."),
    context="Cli",
)


def cmd_inzage(args: argparse.Namespace) -> int:
    from waakvlam_desktop.privacy.inzage import write_inzage  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        result = write_inzage(s, args.resident_id, Path(args.out).expanduser())
    if args.json:
        print_json({"folder": str(result.folder), "pdf": str(result.pdf), "json": str(result.json)})
    else:
        print(result.folder)
        info(CHECK_FIRST.render())
    return 0


def _inzage(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_inzage)
    p.add_argument("resident_id")
    p.add_argument("--out", required=True, help="map waarin het overzicht komt")
    json_flag(p)


COMMANDS: dict[str, Arguments] = {"inzage": _inzage}

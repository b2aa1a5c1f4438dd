"""``waakvlam org public-key``: the organisation's signing key, for partners to pin."""

from __future__ import annotations

import argparse

from waakvlam_desktop.cli.common import (
    Arguments,
    info,
    json_flag,
    open_vault,
    print_json,
    subcommands,
)
from waakvlam_desktop.fileio import PUBLIC, write_atomic
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

KEY_WRITTEN = Message(
    "cli.org_key_written",
    QT_TRANSLATE_NOOP("Cli", "Public key written to {path}."),
    context="Cli",
)


def cmd_public_key(args: argparse.Namespace) -> int:
    from waakvlam_desktop.bundles.keys import org_public_key  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        key = org_public_key(s)
    if args.out:
        write_atomic(args.out, key.file_text().encode("utf-8"), mode=PUBLIC, overwrite=True)
        info(KEY_WRITTEN.render(path=args.out))
    if args.json:
        print_json(key)
    elif not args.out:
        print(key.file_text(), end="")
    return 0


def _org(p: argparse.ArgumentParser) -> None:
    og = subcommands(p, "org")
    c = og.add_parser("public-key", help="de publieke ondertekensleutel, voor partners")
    c.add_argument("--out", help="schrijf de sleutel naar dit bestand")
    c.set_defaults(func=cmd_public_key)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"org": _org}

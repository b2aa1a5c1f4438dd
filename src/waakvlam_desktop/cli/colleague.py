"""``waakvlam colleague add|list|remove``: colleagues whose handover bundles are accepted."""

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
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

ADDED = Message(
    "cli.colleague_added",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Colleague {name} added. Compare the key ID above by phone with {name} (they find it"
        " with 'waakvlam org public-key'); if it does not match, remove the colleague again"
        " at once.",
    ),
    context="Cli",
)
NONE_YET = Message(
    "cli.colleague_none_yet",
    QT_TRANSLATE_NOOP("Cli", "No colleagues have been added yet."),
    context="Cli",
)
LAST_IMPORT = Message(
    "cli.colleague_last_import",
    QT_TRANSLATE_NOOP("Cli", "last read in {date}"),
    context="Cli",
)
REMOVED = Message(
    "cli.colleague_removed",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Colleague {name} removed; handovers with key {fingerprint} are refused from now on.",
    ),
    context="Cli",
)


def cmd_colleague_add(args: argparse.Namespace) -> int:
    from waakvlam_desktop.bundles.keys import load_sender  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.colleagues import add_colleague  # noqa: PLC0415 - parsing stays light (cli/main.py)

    key = load_sender(args.key)
    with open_vault(args) as v, v.session() as s:
        view = add_colleague(s, args.name, key.public_key)
    if args.json:
        print_json(view)
        return 0
    print(view.fingerprint)
    info(ADDED.render(name=view.name))
    return 0


def cmd_colleague_list(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.colleagues import list_colleagues  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        colleagues = list_colleagues(s)
    if args.json:
        print_json(colleagues)
        return 0
    if not colleagues:
        info(NONE_YET.render())
    for c in colleagues:
        last = LAST_IMPORT.render(date=f"{c.last_import_at:%Y-%m-%d}") if c.last_import_at else ""
        print(f"{c.name:<30} {c.fingerprint}  {last}".rstrip())
    return 0


def cmd_colleague_remove(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.colleagues import remove_colleague  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        view = remove_colleague(s, args.name)
    if args.json:
        print_json(view)
    else:
        print(REMOVED.render(name=view.name, fingerprint=view.fingerprint))
    return 0


def _colleague(p: argparse.ArgumentParser) -> None:
    cg = subcommands(p, "colleague")
    c = cg.add_parser("add", help="vertrouw de overdrachten van een collega (diens sleutel)")
    c.add_argument("--name", required=True, help="naam van de collega")
    c.add_argument(
        "--key",
        required=True,
        help="bestand met de publieke sleutel van de collega (waakvlam org public-key)",
    )
    c.set_defaults(func=cmd_colleague_add)
    json_flag(c)
    c = cg.add_parser("list", help="collega's wier overdrachten worden aanvaard")
    c.set_defaults(func=cmd_colleague_list)
    json_flag(c)
    c = cg.add_parser("remove", help="vertrouw een collega niet langer")
    c.add_argument("name", help="naam van de collega")
    c.set_defaults(func=cmd_colleague_remove)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"colleague": _colleague}

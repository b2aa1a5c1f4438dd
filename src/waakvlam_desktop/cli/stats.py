"""``waakvlam stats``: counts in the vault."""

from __future__ import annotations

import argparse

from waakvlam_desktop.cli.common import Arguments, json_flag, open_vault, print_json


def cmd_stats(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.stats import vault_stats  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        stats = vault_stats(s)
    if args.json:
        print_json(stats)
        return 0
    for key, value in stats.items():
        print(f"{key}: {value}")
    return 0


def _stats(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_stats)
    json_flag(p)


COMMANDS: dict[str, Arguments] = {"stats": _stats}

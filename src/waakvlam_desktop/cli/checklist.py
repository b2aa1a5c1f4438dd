"""``waakvlam checklist show``: the signalenlijst (no vault needed)."""

from __future__ import annotations

import argparse

from waakvlam_desktop.cli.common import Arguments, json_flag, print_json, subcommands
from waakvlam_desktop.domain.checklist import load_checklist


def cmd_checklist_show(args: argparse.Namespace) -> int:
    definition = load_checklist()
    if args.json:
        print_json(
            {
                "name": definition.name,
                "version": definition.version,
                "domains": definition.domains,
                "items": definition.items,
            }
        )
        return 0
    for d in definition.domains:
        print(f"\n{d.label_nl}")
        for i in definition.items:
            if i.domain == d.code:
                print(f"  {i.code:<34} {i.label_nl}{'  [ACUUT]' if i.acute else ''}")
    return 0


def _checklist(p: argparse.ArgumentParser) -> None:
    cl = subcommands(p, "checklist")
    c = cl.add_parser("show", help="toon codes, labels, domeinen en acute signalen")
    c.set_defaults(func=cmd_checklist_show)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"checklist": _checklist}

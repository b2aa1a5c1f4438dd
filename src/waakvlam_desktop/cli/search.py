"""``waakvlam search``: full-text search in notes and remarks."""

from __future__ import annotations

import argparse

from waakvlam_desktop.cli.common import Arguments, json_flag, open_vault, print_json
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

NOTHING_FOUND = Message(
    "cli.search_nothing_found",
    QT_TRANSLATE_NOOP("Cli", "Nothing found."),
    context="Cli",
)


def cmd_search(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.search import plain_snippet, search  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        hits = search(s, args.query, limit=args.limit)
    if args.json:
        print_json(
            [
                {
                    "source": h.source,
                    "ref_id": h.ref_id,
                    "household_id": h.household_id,
                    "visit_id": h.visit_id,
                    "visited_at": h.visited_at,
                    "snippet": plain_snippet(h.snippet),
                }
                for h in hits
            ]
        )
        return 0
    if not hits:
        print(NOTHING_FOUND.render())
    for h in hits:
        print(f"{h.visited_at:%d-%m-%Y}  {h.household_label:<22} {plain_snippet(h.snippet)}")
    return 0


def _search(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_search)
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=50)
    json_flag(p)


COMMANDS: dict[str, Arguments] = {"search": _search}

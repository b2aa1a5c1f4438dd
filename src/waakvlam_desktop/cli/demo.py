"""``waakvlam demo``: fill the vault with invented example data."""

from __future__ import annotations

import argparse

from waakvlam_desktop.cli.common import Arguments, info, json_flag, open_vault, print_json
from waakvlam_desktop.errors import UsageError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

PROGRESS = Message(
    "cli.demo_progress",
    QT_TRANSLATE_NOOP("Cli", "demo: {done}/{total} households"),
    context="Cli",
)

TOO_FEW_HOUSEHOLDS = Message(
    "cli.demo_too_few_households",
    QT_TRANSLATE_NOOP("Errors", "--households must be at least 1."),
)


def cmd_demo(args: argparse.Namespace) -> int:
    if args.households < 1:
        raise UsageError(TOO_FEW_HOUSEHOLDS)
    from waakvlam_desktop.domain.demo import generate_demo  # noqa: PLC0415 - parsing stays light (cli/main.py)

    def progress(done: int, total: int) -> None:
        info(PROGRESS.render(done=done, total=total))

    with open_vault(args) as v:
        counts = generate_demo(v.session, args.households, seed=args.seed, progress=progress)
    if args.json:
        print_json(counts)
    else:
        print(", ".join(f"{k}: {n}" for k, n in counts.items()))
    return 0


def _demo(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_demo)
    p.add_argument("--households", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    json_flag(p)


COMMANDS: dict[str, Arguments] = {"demo": _demo}

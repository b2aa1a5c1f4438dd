"""``waakvlam today``: "Eerst doen", the ranked list Vandaag shows."""

from __future__ import annotations

import argparse

from waakvlam_desktop.cli.common import Arguments, json_flag, nl_date, open_vault, print_json
from waakvlam_desktop.clock import local_today
from waakvlam_desktop.domain.types import concern_label
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

NOTHING_FIRST = Message(
    "cli.today_nothing",
    QT_TRANSLATE_NOOP("Cli", "Nothing to do first today."),
    context="Cli",
)
NO_HOUSEHOLDS = Message(
    "cli.today_no_households",
    QT_TRANSLATE_NOOP(
        "Cli",
        "No households yet. Start with 'waakvlam household add' or 'waakvlam import"
        " addresses FILE.csv'.",
    ),
    context="Cli",
)

PARTNER_AGREEMENT = Message(
    "cli.today_partner_agreement",
    QT_TRANSLATE_NOOP("Cli", "Waiting for {partner} (case conference): {action}, {due}"),
    context="Cli",
)


def cmd_today(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.settings import load_settings  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.staff import complexes_of  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.today import reason, today_overview  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        today = local_today(s.info["clock"])
        mine = complexes_of(s, v.actor) if args.mine and v.actor else None
        overview = today_overview(s, today, load_settings(s), mine or None)
    if args.json:
        print_json(
            [
                {
                    "rank": item.rank,
                    "kind": item.kind.value,
                    "next_step": item.step.value,
                    "household_id": item.household_id,
                    "label": item.label,
                    "address": item.address,
                    "reason": reason(item),
                    "level": item.level.value,
                    "due": item.due,
                    "follow_up_id": item.follow_up_id,
                    "referral_id": item.referral_id,
                }
                for item in overview.first
            ]
        )
        return 0
    if not overview.first:
        print(NO_HOUSEHOLDS.render() if overview.households == 0 else NOTHING_FIRST.render())
    for item in overview.first:
        # No words of its own: the level and the reason are in the current language.
        level, why = concern_label(item.level), reason(item, date_text=nl_date)
        print(f"{item.rank}. {level} · {item.address} · {item.label} — {why}")
    # Under feedback, as on Vandaag: what partners agreed to do at a case conference.
    for a in overview.partner_agreements:
        line = PARTNER_AGREEMENT.render(
            partner=a.partner_name, action=a.description, due=nl_date(a.due_on)
        )
        print(f"- {a.address} · {a.household_label} — {line}")
    return 0


def _today(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--mine",
        action="store_true",
        help="alleen de complexen waar jij voor zorgt (Instellingen; zonder toewijzing: alles)",
    )
    p.set_defaults(func=cmd_today)
    json_flag(p)


COMMANDS: dict[str, Arguments] = {"today": _today}

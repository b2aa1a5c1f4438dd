"""``waakvlam feedback import``: read a partner's signed feedback reply into the vault."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from waakvlam_desktop.cli.common import (
    Arguments,
    json_flag,
    open_vault,
    print_json,
    subcommands,
    visible,
)
from waakvlam_desktop.errors import UsageError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

READ_IN = Message(
    "cli.feedback_read_in",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Feedback from {partner} read in ({count} referrals; signed with key ID {fingerprint}).",
    ),
    context="Cli",
)
CHANGED = Message(
    "cli.feedback_changed",
    QT_TRANSLATE_NOOP("Cli", "{kenmerk}: {feedback} on {day}; status {before} → {after}"),
    context="Cli",
)
UNCHANGED = Message(
    "cli.feedback_unchanged",
    QT_TRANSLATE_NOOP("Cli", "{kenmerk}: {feedback} on {day}; status stays {status}"),
    context="Cli",
)
FILE_UNREADABLE = Message(
    "cli.feedback_file_unreadable",
    QT_TRANSLATE_NOOP("Errors", "The file {path} cannot be read."),
)


def _show(report: Any) -> None:
    from waakvlam_desktop.bundles.keys import grouped  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.types import (  # noqa: PLC0415 - parsing stays light (cli/main.py)
        FeedbackStatus,
        ReferralStatus,
        feedback_status_label,
        referral_status_label,
    )

    print(
        visible(
            READ_IN.render(
                partner=report.partner,
                count=len(report.changes),
                fingerprint=grouped(report.key_id),
            )
        )
    )
    for c in report.changes:
        feedback = feedback_status_label(FeedbackStatus(c.feedback))
        day = "-".join(reversed(c.date.split("-")))
        if c.changed:
            line = CHANGED.render(
                kenmerk=c.kenmerk,
                feedback=feedback,
                day=day,
                before=referral_status_label(ReferralStatus(c.from_status)),
                after=referral_status_label(ReferralStatus(c.to_status)),
            )
        else:
            line = UNCHANGED.render(
                kenmerk=c.kenmerk,
                feedback=feedback,
                day=day,
                status=referral_status_label(ReferralStatus(c.to_status)),
            )
        # The vault refuses notes with control characters; escape anyway (defence in depth).
        print(visible(f"  {line}" + (f" ({c.note})" if c.note else "")))


def cmd_import(args: argparse.Namespace) -> int:
    from waakvlam_desktop.bundles.feedback import import_feedback  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.bundles.reply import MAX_REPLY_BYTES  # noqa: PLC0415 - parsing stays light (cli/main.py)

    path = Path(args.file).expanduser()
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_REPLY_BYTES + 1)
    except OSError as exc:
        raise UsageError(FILE_UNREADABLE, path=path) from exc
    with open_vault(args) as v, v.session() as s:
        report = import_feedback(s, data, pin_key_id=args.pin_key)
    if args.json:
        print_json(
            {
                "reply_id": report.reply_id,
                "bundle_id": report.bundle_id,
                "partner_id": report.partner_id,
                "partner": report.partner,
                "key_id": report.key_id,
                "created_at": report.created_at,
                "changes": [
                    {
                        "kenmerk": c.kenmerk,
                        "referral_id": c.referral_id,
                        "feedback": c.feedback,
                        "date": c.date,
                        "note": c.note,
                        "from_status": c.from_status,
                        "to_status": c.to_status,
                        "changed": c.changed,
                    }
                    for c in report.changes
                ],
            }
        )
    else:
        _show(report)
    return 0


def _feedback(p: argparse.ArgumentParser) -> None:
    fg = subcommands(p, "feedback")
    c = fg.add_parser(
        "import",
        help="lees een ondertekende terugkoppeling van een partner in (eerst: partner edit"
        " --signing-key)",
    )
    c.add_argument("file", help="het terugkoppelbestand (.age) van de partner")
    c.add_argument(
        "--pin-key",
        metavar="SLEUTEL-ID",
        help="eerste terugkoppeling van een partner zonder vastgelegde sleutel: de sleutel-id"
        " die de partner per telefoon heeft voorgelezen; die sleutel wordt dan vastgelegd",
    )
    c.set_defaults(func=cmd_import)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"feedback": _feedback}

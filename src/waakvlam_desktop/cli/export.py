"""``waakvlam export``: bundles for partners, the periodic ones that are due, the history."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from waakvlam_desktop.cli.common import Arguments, info, json_flag, open_vault, print_json
from waakvlam_desktop.errors import ExportCancelledError, UsageError, WaakvlamError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

if TYPE_CHECKING:
    from waakvlam_desktop.bundles.export import Progress
    from waakvlam_desktop.storage.vault import Vault

ONE_MODE = Message(
    "cli.export_one_mode",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Choose one of: --partner NAME --period PERIOD --out FILE, --due --out-dir FOLDER,"
        " --list-due or --history.",
    ),
)
DUE_NEEDS_OUT_DIR = Message(
    "cli.export_due_needs_out_dir",
    QT_TRANSLATE_NOOP("Errors", "--due needs --out-dir FOLDER."),
)
FOLDER_MISSING = Message(
    "cli.folder_missing",
    QT_TRANSLATE_NOOP("Errors", "The folder {folder} does not exist."),
)
PERIOD_NEEDS_PARTNER = Message(
    "cli.export_period_needs_partner",
    QT_TRANSLATE_NOOP("Errors", "--period needs --partner NAME."),
)
PERIOD_NEEDS_OUT = Message(
    "cli.export_period_needs_out",
    QT_TRANSLATE_NOOP("Errors", "--period needs --out FILE (or --preview)."),
)

EXPORTED = Message(
    "cli.export_done",
    QT_TRANSLATE_NOOP("Cli", "Bundle {sequence} for {partner} ({profile}, {period}): {counts}."),
    context="Cli",
)
LEFT_OUT_NO_BASIS = Message(
    "cli.export_left_out_no_basis",
    QT_TRANSLATE_NOOP("Cli", "Left out (no legal basis for this partner): {exclusions}"),
    context="Cli",
)
LEFT_OUT = Message(
    "cli.export_left_out",
    QT_TRANSLATE_NOOP("Cli", "Left out: {exclusions}"),
    context="Cli",
)
NO_RECIPIENT_MARK = Message(
    "cli.export_no_recipient_mark",
    QT_TRANSLATE_NOOP("Cli", "(no age recipient yet)"),
    context="Cli",
)
SKIPPED = Message(
    "cli.export_skipped",
    QT_TRANSLATE_NOOP("Cli", "{partner}: skipped, no age recipient yet."),
    context="Cli",
)
NOT_EXPORTED = Message(
    "cli.export_not_exported",
    QT_TRANSLATE_NOOP("Cli", "{partner}: not exported. {reason}"),
    context="Cli",
)
NONE_DUE = Message(
    "cli.export_none_due",
    QT_TRANSLATE_NOOP("Cli", "No exports are due."),
    context="Cli",
)


def _result_json(r: Any) -> dict[str, Any]:
    return {
        "path": str(r.path),
        "bundle_id": r.bundle_id,
        "partner_id": r.partner_id,
        "partner_name": r.partner_name,
        "profile": r.profile.value,
        "period": r.period,
        "sequence": r.sequence,
        "sha256": r.sha256,
        "size_bytes": r.size_bytes,
        "counts": r.counts,
        "exclusions": r.exclusions,
    }


def _preview_json(p: Any) -> dict[str, Any]:
    return {
        "partner_id": p.partner_id,
        "partner_name": p.partner_name,
        "profile": p.profile.value,
        "period": p.period.label,
        "counts": p.counts,
        "exclusions": p.exclusions,
        "recipient_fingerprints": list(p.recipient_fingerprints),
        "next_sequence": p.next_sequence,
        "ready": p.ready,
        "problem": p.problem,
    }


def _due_json(d: Any) -> dict[str, Any]:
    return {
        "partner_id": d.partner_id,
        "partner_name": d.partner_name,
        "profile": d.profile.value,
        "schedule": d.schedule.value,
        "period": d.period.label,
        "last_exported_at": d.last_exported_at,
        "has_recipients": d.has_recipients,
    }


def _say_result(r: Any) -> None:
    counts = ", ".join(f"{k} {v}" for k, v in r.counts.items())
    print(r.path)
    info(
        EXPORTED.render(
            sequence=r.sequence,
            partner=r.partner_name,
            profile=r.profile.value,
            period=r.period,
            counts=counts,
        )
    )
    if r.exclusions:
        left_out = ", ".join(f"{k} {v}" for k, v in r.exclusions.items())
        info(LEFT_OUT_NO_BASIS.render(exclusions=left_out))


def _progress(stage: str, done: int, total: int) -> None:
    info(f"export: {stage} ({done + 1}/{total})")


def _export_due(v: Vault, args: argparse.Namespace, progress: Progress | None) -> int:
    """``export --due``: every periodic export that is due, into ``--out-dir``. A partner
    without a recipient is skipped; one whose export fails is named, and the others are
    still exported; the exit status is 1 when any failed."""
    from waakvlam_desktop.bundles.export import export_bundle  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.exports import due_exports  # noqa: PLC0415 - parsing stays light (cli/main.py)

    if not args.out_dir:
        raise UsageError(DUE_NEEDS_OUT_DIR)
    out_dir = Path(args.out_dir).expanduser()
    if not out_dir.is_dir():
        raise UsageError(FOLDER_MISSING, folder=out_dir)
    with v.session() as s:
        due = due_exports(s)
    exported, skipped, failed = [], [], []
    for d in due:
        if not d.has_recipients:
            skipped.append(
                {
                    "partner_name": d.partner_name,
                    "period": d.period.label,
                    "reason": "geen age-ontvanger",
                }
            )
            if not args.json:
                info(SKIPPED.render(partner=d.partner_name))
            continue
        try:
            with v.session() as s:
                result = export_bundle(s, d.partner_id, d.period, out_dir, progress=progress)
        except ExportCancelledError:
            raise
        except WaakvlamError as exc:
            # A refusal, or a write that failed (a full disk): this partner's export stops
            # with nothing recorded (the session rolls back); the next ones still go.
            failed.append(
                {
                    "partner_name": d.partner_name,
                    "period": d.period.label,
                    "code": exc.code,
                    "message": str(exc),
                }
            )
            if not args.json:
                info(NOT_EXPORTED.render(partner=d.partner_name, reason=str(exc)))
            continue
        exported.append(result)
        if not args.json:
            _say_result(result)
    if args.json:
        summary: dict[str, Any] = {
            "exported": [_result_json(r) for r in exported],
            "skipped": skipped,
        }
        if failed:
            summary["failed"] = failed
        print_json(summary)
    elif not due:
        print(NONE_DUE.render())
    return 1 if failed else 0


def cmd_export(args: argparse.Namespace) -> int:
    modes = [bool(args.due), bool(args.list_due), bool(args.history), bool(args.period)]
    if sum(modes) != 1:
        raise UsageError(ONE_MODE)
    from waakvlam_desktop.bundles.export import export_bundle, preview_export  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.exports import Period, due_exports, export_history  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.partners import get_partner  # noqa: PLC0415 - parsing stays light (cli/main.py)

    progress = None if args.json or args.quiet else _progress
    with open_vault(args) as v:
        if args.list_due:
            with v.session() as s:
                due = due_exports(s)
            if args.json:
                print_json([_due_json(d) for d in due])
            for d in due if not args.json else []:
                ready = "" if d.has_recipients else f"  {NO_RECIPIENT_MARK.render()}"
                print(f"{d.partner_name:<36} {d.period.label:<8} {d.profile.value}{ready}")
            return 0
        if args.history:
            with v.session() as s:
                pid = get_partner(s, args.partner).id if args.partner else None
                rows = export_history(s, pid)
            if args.json:
                print_json(rows)
            for h in rows if not args.json else []:
                print(
                    f"{h.exported_at:%d-%m-%Y %H:%M}  {h.partner_name:<32} {h.period:<8}"
                    f" #{h.sequence:<4} {h.profile.value:<9} {h.bundle_sha256[:16]}"
                )
            return 0
        if args.due:
            return _export_due(v, args, progress)
        if not args.partner:
            raise UsageError(PERIOD_NEEDS_PARTNER)
        period = Period.parse(args.period)
        if args.preview:
            with v.session() as s:
                preview = preview_export(s, get_partner(s, args.partner).id, period)
            if args.json:
                print_json(_preview_json(preview))
            else:
                print(
                    f"{preview.partner_name} ({preview.profile.value}), {period.label}: "
                    + ", ".join(f"{k} {n}" for k, n in preview.counts.items())
                )
                if preview.exclusions:
                    left_out = ", ".join(f"{k} {n}" for k, n in preview.exclusions.items())
                    print(LEFT_OUT.render(exclusions=left_out))
                if preview.problem:
                    print(preview.problem)
            return 0
        if not args.out:
            raise UsageError(PERIOD_NEEDS_OUT)
        with v.session() as s:
            result = export_bundle(
                s, get_partner(s, args.partner).id, period, Path(args.out), progress=progress
            )
    if args.json:
        print_json(_result_json(result))
    else:
        _say_result(result)
    return 0


def _export(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_export)
    p.add_argument("--partner", help="naam of id van de partner")
    p.add_argument("--period", help="JJJJ-MM of JJJJ-Qn, bijvoorbeeld 2026-10 of 2026-Q4")
    p.add_argument("--out", help="bestand (of map) voor de bundel")
    p.add_argument("--preview", action="store_true", help="toon alleen wat erin zou komen")
    p.add_argument("--due", action="store_true", help="maak alle periodieke exports die klaarstaan")
    p.add_argument("--out-dir", help="map voor --due")
    p.add_argument("--list-due", action="store_true", help="toon welke exports klaarstaan")
    p.add_argument("--history", action="store_true", help="toon de gemaakte exports")
    p.add_argument("--quiet", action="store_true", help="geen voortgang op stderr")
    json_flag(p)


COMMANDS: dict[str, Arguments] = {"export": _export}

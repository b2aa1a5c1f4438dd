"""``waakvlam bundle keygen|verify|open|import``. ``keygen``, ``verify`` and ``open`` are the
partner-side tool and need no vault; ``import`` merges a handover bundle into the vault.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from waakvlam_desktop.bundles.keys import (
    load_identity,
    load_sender,
    recipient_fingerprint,
    write_identity,
)
from waakvlam_desktop.bundles.reader import (
    ReplayState,
    default_state_path,
    open_file,
    read_bundle_file,
    summarise,
    verify_bytes,
    verify_file,
)
from waakvlam_desktop.cli.common import (
    Arguments,
    info,
    json_flag,
    open_vault,
    print_json,
    subcommands,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

BUNDLE_SUMMARY = Message(
    "cli.bundle_summary",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Bundle {bundle_id} from {organisation} for {partner}: period {period}, profile"
        " {profile}, sequence number {sequence}.",
    ),
    context="Cli",
)
COUNTS = Message(
    "cli.bundle_counts",
    QT_TRANSLATE_NOOP("Cli", "Counts: {counts}"),
    context="Cli",
)
LEFT_OUT = Message(
    "cli.bundle_left_out",
    QT_TRANSLATE_NOOP("Cli", "Left out: {exclusions}"),
    context="Cli",
)
KEY_SAVED = Message(
    "cli.bundle_key_saved",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Key saved in {path}. Give the line above (age1…) to the housing corporation; share the"
        " key file itself with nobody.",
    ),
    context="Cli",
)
GENUINE = Message(
    "cli.bundle_genuine",
    QT_TRANSLATE_NOOP("Cli", "The bundle is genuine, complete and meant for you."),
    context="Cli",
)
UNPACKED = Message(
    "cli.bundle_unpacked",
    QT_TRANSLATE_NOOP("Cli", "Unpacked in {folder}."),
    context="Cli",
)
HANDOVER_READ = Message(
    "cli.handover_read",
    QT_TRANSLATE_NOOP("Cli", "Handover read in: {added} added, {updated} updated."),
    context="Cli",
)
KEPT_BUNDLE = Message(
    "cli.handover_kept_bundle",
    QT_TRANSLATE_NOOP("Cli", "conflict {table} {id}: kept the version from the bundle ({fields})"),
    context="Cli",
)
KEPT_VAULT = Message(
    "cli.handover_kept_vault",
    QT_TRANSLATE_NOOP("Cli", "conflict {table} {id}: kept the version from this vault ({fields})"),
    context="Cli",
)
HANDOVER_NOTE = Message(
    "cli.handover_note",
    QT_TRANSLATE_NOOP("Cli", "note {table} {id}: {note}"),
    context="Cli",
)
NOTHING_NEW = Message(
    "cli.handover_nothing_new",
    QT_TRANSLATE_NOOP("Cli", "There was nothing new: the vault was not changed."),
    context="Cli",
)


def _state(args: argparse.Namespace) -> Any:
    return ReplayState(Path(args.state).expanduser() if args.state else default_state_path())


def _keys(args: argparse.Namespace) -> tuple[Any, Any]:
    return load_identity(Path(args.identity)), load_sender(args.sender)


def _show_summary(summary: Any) -> None:
    print(
        BUNDLE_SUMMARY.render(
            bundle_id=summary.bundle_id,
            organisation=summary.organisation,
            partner=summary.partner,
            period=summary.period,
            profile=summary.profile,
            sequence=summary.sequence,
        )
    )
    if summary.counts:
        print(COUNTS.render(counts=", ".join(f"{k} {v}" for k, v in summary.counts.items())))
    if summary.exclusions:
        left_out = ", ".join(f"{k} {v}" for k, v in summary.exclusions.items())
        print(LEFT_OUT.render(exclusions=left_out))


def cmd_keygen(args: argparse.Namespace) -> int:
    recipient = write_identity(Path(args.out))
    if args.json:
        print_json(
            {
                "recipient": recipient,
                "fingerprint": recipient_fingerprint(recipient),
                "identity_file": str(Path(args.out).expanduser()),
            }
        )
    else:
        print(recipient)
        info(KEY_SAVED.render(path=args.out))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    identity, sender = _keys(args)
    bundle = verify_file(Path(args.file), identity, sender, _state(args))
    summary = summarise(bundle)
    if args.json:
        print_json(summary)
    else:
        _show_summary(summary)
        print(GENUINE.render())
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    identity, sender = _keys(args)
    bundle, folder = open_file(
        Path(args.file), identity, sender, Path(args.out).expanduser(), _state(args)
    )
    summary = summarise(bundle, folder)
    if args.json:
        print_json(summary)
    else:
        _show_summary(summary)
        print(UNPACKED.render(folder=folder))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    # Imported on use: keygen, verify and open (the partner's side, no vault) would pay
    # ~20 ms for the import machinery and the domain it writes through.
    from waakvlam_desktop.bundles.importer import import_handover  # noqa: PLC0415

    identity, sender = _keys(args)
    bundle = verify_bytes(read_bundle_file(Path(args.file)), identity, sender)
    with open_vault(args) as v, v.session() as s:
        report = import_handover(s, bundle)
    if args.json:
        print_json(report)
        return 0
    added, updated = sum(report.added.values()), sum(report.updated.values())
    print(HANDOVER_READ.render(added=added, updated=updated))
    for c in report.conflicts:
        kept = KEPT_BUNDLE if c.winner == "bundel" else KEPT_VAULT
        print(f"  {kept.render(table=c.table, id=c.id, fields=', '.join(c.fields))}")
    for n in report.notes:
        print(f"  {HANDOVER_NOTE.render(table=n.table, id=n.id, note=n.note)}")
    if not report.changed and not report.conflicts:
        print(NOTHING_NEW.render())
    return 0


def _identity_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="het bundelbestand (.age)")
    p.add_argument("--identity", required=True, help="je age-sleutelbestand (bundle keygen)")
    p.add_argument(
        "--sender",
        required=True,
        help="de publieke sleutel van de afzender (waakvlam-ed25519:…) of een bestand ermee",
    )


def _state_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--state",
        help="bestand met de laatst geopende volgnummers (standaard: $WAAKVLAM_BUNDLE_STATE"
        " of de gebruikersmap)",
    )


def _bundle(p: argparse.ArgumentParser) -> None:
    bg = subcommands(p, "bundle")
    c = bg.add_parser("keygen", help="maak een age-sleutel; toont de ontvanger (age1…)")
    c.add_argument("--out", required=True, help="bestand voor de geheime sleutel")
    c.set_defaults(func=cmd_keygen)
    json_flag(c)
    c = bg.add_parser("verify", help="controleer een bundel zonder iets uit te pakken")
    _identity_args(c)
    _state_arg(c)
    c.set_defaults(func=cmd_verify)
    json_flag(c)
    c = bg.add_parser("open", help="controleer en pak een bundel uit")
    _identity_args(c)
    _state_arg(c)
    c.add_argument("--out", required=True, help="map waarin de bundel wordt uitgepakt")
    c.set_defaults(func=cmd_open)
    json_flag(c)
    c = bg.add_parser("import", help="lees een overdrachtsbundel in deze kluis in")
    _identity_args(c)
    c.set_defaults(func=cmd_import)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"bundle": _bundle}

"""``waakvlam bundle keygen|verify|open|heads|import``. ``keygen``, ``verify``, ``open`` and
``heads`` are the partner-side tool and need no vault; ``import`` merges a handover bundle
into the vault.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from waakvlam_desktop.bundles import witness
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


def _state(args: argparse.Namespace) -> Any:
    return ReplayState(Path(args.state).expanduser() if args.state else default_state_path())


def _keys(args: argparse.Namespace) -> tuple[Any, Any]:
    return load_identity(Path(args.identity)), load_sender(args.sender)


def _show_summary(summary: Any) -> None:
    print(
        f"Bundel {summary.bundle_id} van {summary.organisation} voor {summary.partner}:"
        f" periode {summary.period}, profiel {summary.profile}, volgnummer {summary.sequence}."
    )
    if summary.counts:
        print("Aantallen: " + ", ".join(f"{k} {v}" for k, v in summary.counts.items()))
    if summary.exclusions:
        print("Niet opgenomen: " + ", ".join(f"{k} {v}" for k, v in summary.exclusions.items()))


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
        info(
            f"Sleutel bewaard in {args.out}. Geef de regel hierboven (age1…) aan de corporatie;"
            " het sleutelbestand zelf deel je met niemand."
        )
    return 0


def _audit_head(bundle: Any, state: Any, quiet: bool) -> None:
    """The sender's audit head (a witness; bundles/witness.py) and a warning when it
    contradicts one seen before."""
    head = witness.manifest_head(bundle.manifest)
    if head is not None and not quiet:
        print(f"Auditlog van de afzender: gebeurtenis {head.seq} (kop {head.text()}).")
    earlier = witness.head_conflict(state.document(), bundle.manifest)
    if earlier is not None and head is not None:
        info(
            witness.SENDER_CHAIN_FORKED.render(
                bundle=str(earlier.get("bundle_id", ""))[:8],
                created=str(earlier.get("created_at", ""))[:10],
                seq=head.seq,
            )
        )


def cmd_verify(args: argparse.Namespace) -> int:
    identity, sender = _keys(args)
    state = _state(args)
    bundle = verify_file(Path(args.file), identity, sender, state)
    summary = summarise(bundle)
    if args.json:
        print_json(summary)
    else:
        _show_summary(summary)
        print("De bundel is echt, compleet en voor jou bestemd.")
    _audit_head(bundle, state, args.json)
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    identity, sender = _keys(args)
    state = _state(args)
    bundle, folder = open_file(
        Path(args.file), identity, sender, Path(args.out).expanduser(), state
    )
    summary = summarise(bundle, folder)
    if args.json:
        print_json(summary)
    else:
        _show_summary(summary)
        print(f"Uitgepakt in {folder}.")
    _audit_head(bundle, state, args.json)
    return 0


def cmd_heads(args: argparse.Namespace) -> int:
    """The audit heads seen per sender: what the sender's privacy officer checks with
    ``waakvlam audit verify --head NUMMER:HASH``."""
    doc = _state(args).document()
    heads = doc.get(witness.HEADS_KEY)
    heads = heads if isinstance(heads, dict) else {}
    if args.json:
        print_json(heads)
        return 0
    if not heads:
        print("Nog geen bundels met een auditkop geopend.")
    for key_id in sorted(heads):
        print(f"Afzender {key_id}:")
        for entry in witness.seen_heads(doc, key_id):
            print(
                f"  {str(entry.get('created_at', ''))[:10]}  bundel"
                f" {str(entry.get('bundle_id', ''))[:8]}  {entry.get('seq')}:{entry.get('hash')}"
            )
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
    print(f"Overdracht ingelezen: {added} toegevoegd, {updated} bijgewerkt.")
    for c in report.conflicts:
        side = "uit de bundel" if c.winner == "bundel" else "uit deze kluis"
        print(f"  conflict {c.table} {c.id}: versie {side} gehouden ({', '.join(c.fields)})")
    for n in report.notes:
        print(f"  let op {n.table} {n.id}: {n.note}")
    if not report.changed and not report.conflicts:
        print("Er was niets nieuws: de kluis is niet gewijzigd.")
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
    c = bg.add_parser(
        "heads", help="toon de auditkoppen van geopende bundels (voor 'audit verify --head')"
    )
    _state_arg(c)
    c.set_defaults(func=cmd_heads)
    json_flag(c)
    c = bg.add_parser("import", help="lees een overdrachtsbundel in deze kluis in")
    _identity_args(c)
    c.set_defaults(func=cmd_import)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"bundle": _bundle}

"""Bundle commands. ``bundle keygen|verify|open`` are the partner-side tool: no vault.
``bundle import`` merges a handover bundle into the vault; ``org public-key`` prints the
organisation's signing key for partners to pin.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from waakvlam_desktop.cli.common import add_group, info, json_flag, open_vault, print_json
from waakvlam_desktop.fileio import PUBLIC, write_atomic


def _state(args: argparse.Namespace) -> Any:
    from waakvlam_desktop.bundles.reader import ReplayState, default_state_path

    return ReplayState(Path(args.state).expanduser() if args.state else default_state_path())


def _keys(args: argparse.Namespace) -> tuple[Any, Any]:
    from waakvlam_desktop.bundles.keys import load_identity, load_sender

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
    from waakvlam_desktop.bundles.keys import recipient_fingerprint, write_identity

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


def cmd_verify(args: argparse.Namespace) -> int:
    from waakvlam_desktop.bundles.reader import summarise, verify_file

    identity, sender = _keys(args)
    bundle = verify_file(Path(args.file), identity, sender, _state(args))
    summary = summarise(bundle)
    if args.json:
        print_json(summary)
    else:
        _show_summary(summary)
        print("De bundel is echt, compleet en voor jou bestemd.")
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    from waakvlam_desktop.bundles.reader import open_file, summarise

    identity, sender = _keys(args)
    bundle, folder = open_file(
        Path(args.file), identity, sender, Path(args.out).expanduser(), _state(args)
    )
    summary = summarise(bundle, folder)
    if args.json:
        print_json(summary)
    else:
        _show_summary(summary)
        print(f"Uitgepakt in {folder}.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from waakvlam_desktop.bundles.importer import import_handover
    from waakvlam_desktop.bundles.reader import read_bundle_file, verify_bytes

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


def cmd_public_key(args: argparse.Namespace) -> int:
    from waakvlam_desktop.bundles.keys import org_public_key

    with open_vault(args) as v, v.session() as s:
        key = org_public_key(s)
    if args.out:
        write_atomic(args.out, key.file_text().encode("utf-8"), mode=PUBLIC, overwrite=True)
        info(f"Publieke sleutel geschreven naar {args.out}.")
    if args.json:
        print_json(key)
    elif not args.out:
        print(key.file_text(), end="")
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


def register(sub: Any) -> None:
    bg = add_group(sub, "bundle", "exportbundels openen en controleren (voor partners)")
    p = bg.add_parser("keygen", help="maak een age-sleutel; toont de ontvanger (age1…)")
    p.add_argument("--out", required=True, help="bestand voor de geheime sleutel")
    p.set_defaults(func=cmd_keygen)
    json_flag(p)
    p = bg.add_parser("verify", help="controleer een bundel zonder iets uit te pakken")
    _identity_args(p)
    _state_arg(p)
    p.set_defaults(func=cmd_verify)
    json_flag(p)
    p = bg.add_parser("open", help="controleer en pak een bundel uit")
    _identity_args(p)
    _state_arg(p)
    p.add_argument("--out", required=True, help="map waarin de bundel wordt uitgepakt")
    p.set_defaults(func=cmd_open)
    json_flag(p)
    p = bg.add_parser("import", help="lees een overdrachtsbundel in deze kluis in")
    _identity_args(p)
    p.set_defaults(func=cmd_import)
    json_flag(p)

    og = add_group(sub, "org", "de organisatie")
    p = og.add_parser("public-key", help="de publieke ondertekensleutel, voor partners")
    p.add_argument("--out", help="schrijf de sleutel naar dit bestand")
    p.set_defaults(func=cmd_public_key)
    json_flag(p)

"""``waakvlam bundle keygen|trust|verify|open|import``. ``keygen``, ``trust``, ``verify`` and
``open`` are the partner-side tool and need no vault; ``import`` merges a handover bundle into
the vault.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from waakvlam_desktop.bundles.keys import (
    grouped,
    load_identity,
    load_sender,
    recipient_fingerprint,
    write_identity,
)
from waakvlam_desktop.bundles.partner_state import (
    KEY_FILE_NO_ORGANISATION,
    TRUST_DECLINED,
    TRUST_OTHER_KEY,
    PartnerState,
    clean_label,
    default_state_path,
    read_key_file,
)
from waakvlam_desktop.bundles.reader import (
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
from waakvlam_desktop.errors import UsageError


def _state(args: argparse.Namespace) -> PartnerState:
    return PartnerState(Path(args.state).expanduser() if args.state else default_state_path())


def _keys(args: argparse.Namespace) -> tuple[Any, Any]:
    return load_identity(Path(args.identity)), load_sender(args.sender)


def _signed_by(summary: Any) -> str:
    return (
        f"ondertekend door {summary.trusted_organisation} (sleutel-id {summary.sender_fingerprint})"
    )


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


def _confirmed() -> bool:
    print(
        "Komt de sleutel-id overeen met wat de afzender noemt? (ja/nee) ", end="", file=sys.stderr
    )
    sys.stderr.flush()
    answer = sys.stdin.readline()
    return answer.strip().casefold() in ("j", "ja", "y", "yes")


def cmd_trust(args: argparse.Namespace) -> int:
    path = Path(args.key)
    key_file = read_key_file(path)
    organisation = clean_label(args.organisation or key_file.organisation)
    if not organisation:
        raise UsageError(KEY_FILE_NO_ORGANISATION, path=path)
    state = _state(args)
    fingerprint = grouped(key_file.key.key_id)
    # Refusals (an unreadable state file, another key pinned) come before any question.
    pinned = state.pinned_for(organisation)
    already = pinned is not None and pinned.key == key_file.key
    if pinned is not None and not already and not args.replace:
        raise UsageError(
            TRUST_OTHER_KEY, organisation=pinned.organisation, pinned=pinned.fingerprint
        )
    info(f"Organisatie: {organisation}")
    info(f"Sleutel-id:  {fingerprint}")
    if not args.yes and not already:
        info(
            "Bel de afzender (een nummer dat je zelf opzoekt, niet uit een e-mail) en laat de"
            " sleutel-id voorlezen."
        )
        if not _confirmed():
            raise UsageError(TRUST_DECLINED)
    changed = not already and state.trust(organisation, key_file.key, replace=args.replace)
    if args.json:
        print_json(
            {
                "organisation": organisation,
                "key_id": key_file.key.key_id,
                "fingerprint": fingerprint,
                "changed": changed,
                "state": str(state.path),
            }
        )
    elif changed:
        print(
            f"Sleutel van {organisation} vertrouwd (sleutel-id {fingerprint}). Bundels van"
            f" {organisation} worden voortaan alleen met deze sleutel geopend."
        )
    else:
        print(f"Deze sleutel van {organisation} (sleutel-id {fingerprint}) werd al vertrouwd.")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    bundle = verify_file(Path(args.file), load_identity(Path(args.identity)), _state(args))
    summary = summarise(bundle)
    if args.json:
        print_json(summary)
    else:
        _show_summary(summary)
        print(f"De bundel is echt ({_signed_by(summary)}), compleet en voor jou bestemd.")
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    bundle, folder = open_file(
        Path(args.file),
        load_identity(Path(args.identity)),
        Path(args.out).expanduser(),
        _state(args),
    )
    summary = summarise(bundle, folder)
    if args.json:
        print_json(summary)
    else:
        _show_summary(summary)
        print(f"Echt en compleet ({_signed_by(summary)}); uitgepakt in {folder}.")
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


def _identity_args(p: argparse.ArgumentParser, sender: bool = True) -> None:
    p.add_argument("file", help="het bundelbestand (.age)")
    p.add_argument("--identity", required=True, help="je age-sleutelbestand (bundle keygen)")
    if not sender:
        return
    p.add_argument(
        "--sender",
        required=True,
        help="de publieke sleutel van de afzender (waakvlam-ed25519:…) of een bestand ermee",
    )


def _state_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--state",
        help="bestand met vertrouwde sleutels en geopende bundels (standaard:"
        " $WAAKVLAM_BUNDLE_STATE of de gebruikersmap)",
    )


def _bundle(p: argparse.ArgumentParser) -> None:
    bg = subcommands(p, "bundle")
    c = bg.add_parser("keygen", help="maak een age-sleutel; toont de ontvanger (age1…)")
    c.add_argument("--out", required=True, help="bestand voor de geheime sleutel")
    c.set_defaults(func=cmd_keygen)
    json_flag(c)
    c = bg.add_parser(
        "trust", help="vertrouw de publieke sleutel van een organisatie (na controle per telefoon)"
    )
    c.add_argument("key", help="het sleutelbestand van de organisatie (waakvlam org public-key)")
    c.add_argument("--organisation", help="naam van de organisatie (standaard: uit het bestand)")
    c.add_argument("--replace", action="store_true", help="vervang een eerder vertrouwde sleutel")
    c.add_argument(
        "--yes", action="store_true", help="niet vragen: de sleutel-id is al gecontroleerd"
    )
    _state_arg(c)
    c.set_defaults(func=cmd_trust)
    json_flag(c)
    c = bg.add_parser("verify", help="controleer een bundel zonder iets uit te pakken")
    _identity_args(c, sender=False)
    _state_arg(c)
    c.set_defaults(func=cmd_verify)
    json_flag(c)
    c = bg.add_parser("open", help="controleer en pak een bundel uit")
    _identity_args(c, sender=False)
    _state_arg(c)
    c.add_argument("--out", required=True, help="map waarin de bundel wordt uitgepakt")
    c.set_defaults(func=cmd_open)
    json_flag(c)
    c = bg.add_parser("import", help="lees een overdrachtsbundel in deze kluis in")
    _identity_args(c)
    c.set_defaults(func=cmd_import)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"bundle": _bundle}

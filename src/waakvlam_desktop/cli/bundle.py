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


def cmd_verify(args: argparse.Namespace) -> int:
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
    # Imported on use: keygen, verify and open (the partner's side, no vault) would pay
    # ~20 ms for the import machinery and the domain it writes through.
    from waakvlam_desktop.bundles.importer import import_handover, pinned_sender  # noqa: PLC0415

    identity = load_identity(Path(args.identity))
    data = read_bundle_file(Path(args.file))
    resolve = "mine" if args.keep_mine else "theirs" if args.take_theirs else None
    with open_vault(args) as v, v.session() as s:
        # The sender must be a pinned colleague: their key comes from this vault, never
        # from the command line.
        bundle = verify_bytes(data, identity, pinned_sender(s))
        report = import_handover(
            s,
            bundle,
            confirm_partners=args.confirm_partners,
            resolve=resolve,
            allow_bsn_like=args.allow_bsn_like,
        )
    if args.json:
        print_json(report)
        return 0 if report.applied else 1
    return _show_import(report)


def _show_import(report: Any) -> int:
    print(f"Overdracht van {report.colleague}:")
    for p in report.partners:
        if p.new:
            print(
                f"  partner {p.name} ({p.type}): nieuw in deze kluis als '{p.local_name}',"
                " zonder ontvangers en zonder schema"
            )
        else:
            print(f"  partner {p.name} ({p.type}): gekoppeld aan de partner in deze kluis")
    for c in report.conflicts:
        choice = {"kluis": "eigen versie gehouden", "bundel": "versie van de collega genomen"}
        print(
            f"  conflict {c.table} {c.id}: hier en door de collega gewijzigd"
            f" ({', '.join(c.fields)}){'; ' + choice[c.winner] if c.winner else ''}"
        )
    for n in report.notes:
        print(f"  let op {n.table} {n.id}: {n.note}")
    erased = sum(report.erased.values())
    if erased:
        print(f"  {erased} gewiste gegevens niet teruggebracht (bewaartermijn of intrekking)")
    if not report.applied:
        reasons = []
        if report.undecided:
            reasons.append("kies bij de conflicten met --keep-mine of --take-theirs")
        if report.partners:
            reasons.append("controleer de partners hierboven en bevestig met --confirm-partners")
        info("Er is niets ingelezen: " + "; ".join(reasons) + ".")
        return 1
    added, updated = sum(report.added.values()), sum(report.updated.values())
    print(f"Overdracht ingelezen: {added} toegevoegd, {updated} bijgewerkt.")
    if not report.changed:
        print("Er was niets nieuws: de kluis is niet gewijzigd.")
    return 0


def _identity_args(p: argparse.ArgumentParser, sender: bool = True) -> None:
    p.add_argument("file", help="het bundelbestand (.age)")
    p.add_argument("--identity", required=True, help="je age-sleutelbestand (bundle keygen)")
    if sender:
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
        "import",
        help="lees een overdrachtsbundel van een collega in (eerst: waakvlam colleague add)",
    )
    _identity_args(c, sender=False)
    choice = c.add_mutually_exclusive_group()
    choice.add_argument(
        "--keep-mine", action="store_true", help="bij conflicten: houd de versie in deze kluis"
    )
    choice.add_argument(
        "--take-theirs", action="store_true", help="bij conflicten: neem de versie van de collega"
    )
    c.add_argument(
        "--confirm-partners",
        action="store_true",
        help="de getoonde koppeling van partners klopt (nodig zodra de bundel verwijzingen heeft)",
    )
    c.add_argument(
        "--allow-bsn-like",
        action="store_true",
        help="een getal dat op een BSN lijkt is bevestigd géén BSN",
    )
    c.set_defaults(func=cmd_import)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"bundle": _bundle}

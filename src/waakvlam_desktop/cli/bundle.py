"""``waakvlam bundle keygen|trust|verify|open|reply|heads|import``. ``keygen``, ``trust``,
``verify``, ``open``, ``reply`` and ``heads`` are the partner-side tool and need no vault;
``import`` merges a handover bundle into the vault.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from waakvlam_desktop.cli.common import (
    Arguments,
    info,
    json_flag,
    open_vault,
    print_json,
    subcommands,
)
from waakvlam_desktop.errors import UsageError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

if TYPE_CHECKING:
    from waakvlam_desktop.bundles.partner_state import PartnerState

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
KEYS_SAVED = Message(
    "cli.bundle_keys_saved",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Keys saved in {path} (age key) and {signing} (signing key for feedback). Give the two"
        " lines above to the housing corporation and read the signing key ID aloud to them by"
        " phone: {fingerprint}. Share the key files themselves with nobody.",
    ),
    context="Cli",
)
REPLY_WRITTEN = Message(
    "cli.bundle_reply_written",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Feedback on {count} referrals written to {path} (answers bundle {bundle}; signed with"
        " key ID {fingerprint}). Send this file to {organisation}.",
    ),
    context="Cli",
)
REPLY_ITEM = Message(
    "cli.bundle_reply_item",
    QT_TRANSLATE_NOOP("Cli", "{kenmerk}: {status} on {day}"),
    context="Cli",
)
REPLY_EXISTS = Message(
    "cli.bundle_reply_exists",
    QT_TRANSLATE_NOOP("Errors", "{path} already exists; nothing is overwritten."),
)
REPLY_NOT_WRITTEN = Message(
    "cli.bundle_reply_not_written",
    QT_TRANSLATE_NOOP("Errors", "{path} cannot be written (disk full or no write permission)."),
)
SIGNED_BY = Message(
    "cli.bundle_signed_by",
    QT_TRANSLATE_NOOP("Cli", "signed by {organisation} (key ID {fingerprint})"),
    context="Cli",
)
GENUINE = Message(
    "cli.bundle_genuine",
    QT_TRANSLATE_NOOP("Cli", "The bundle is genuine ({signed_by}), complete and meant for you."),
    context="Cli",
)
UNPACKED = Message(
    "cli.bundle_unpacked",
    QT_TRANSLATE_NOOP("Cli", "Genuine and complete ({signed_by}); unpacked in {folder}."),
    context="Cli",
)
TRUST_ORGANISATION = Message(
    "cli.trust_organisation",
    QT_TRANSLATE_NOOP("Cli", "Organisation: {organisation}"),
    context="Cli",
)
TRUST_KEY_ID = Message(
    "cli.trust_key_id",
    QT_TRANSLATE_NOOP("Cli", "Key ID:       {fingerprint}"),
    context="Cli",
)
TRUST_CALL_SENDER = Message(
    "cli.trust_call_sender",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Call the sender (on a number you look up yourself, not one from an e-mail) and have"
        " them read out the key ID.",
    ),
    context="Cli",
)
TRUST_CONFIRM_PROMPT = Message(
    "cli.trust_confirm_prompt",
    QT_TRANSLATE_NOOP("Cli", "Does the key ID match what the sender reads out? (yes/no)"),
    context="Cli",
)
TRUSTED = Message(
    "cli.trust_trusted",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Key of {organisation} trusted (key ID {fingerprint}). From now on, bundles from"
        " {organisation} are opened only with this key.",
    ),
    context="Cli",
)
ALREADY_TRUSTED = Message(
    "cli.trust_already_trusted",
    QT_TRANSLATE_NOOP(
        "Cli", "This key of {organisation} (key ID {fingerprint}) was already trusted."
    ),
    context="Cli",
)
HANDOVER_READ = Message(
    "cli.handover_read",
    QT_TRANSLATE_NOOP("Cli", "Handover read in: {added} added, {updated} updated."),
    context="Cli",
)
HANDOVER_FROM = Message(
    "cli.handover_from",
    QT_TRANSLATE_NOOP("Cli", "Handover from {colleague}:"),
    context="Cli",
)
PARTNER_NEW = Message(
    "cli.handover_partner_new",
    QT_TRANSLATE_NOOP(
        "Cli",
        "partner {name} ({type}): new in this vault as '{local_name}', without recipients and"
        " without a schedule",
    ),
    context="Cli",
)
PARTNER_MATCHED = Message(
    "cli.handover_partner_matched",
    QT_TRANSLATE_NOOP("Cli", "partner {name} ({type}): linked to the partner in this vault"),
    context="Cli",
)
CONFLICT = Message(
    "cli.handover_conflict",
    QT_TRANSLATE_NOOP("Cli", "conflict {table} {id}: changed here and by the colleague ({fields})"),
    context="Cli",
)
CONFLICT_KEPT_MINE = Message(
    "cli.handover_conflict_kept_mine",
    QT_TRANSLATE_NOOP(
        "Cli",
        "conflict {table} {id}: changed here and by the colleague ({fields}); kept your own"
        " version",
    ),
    context="Cli",
)
CONFLICT_TOOK_THEIRS = Message(
    "cli.handover_conflict_took_theirs",
    QT_TRANSLATE_NOOP(
        "Cli",
        "conflict {table} {id}: changed here and by the colleague ({fields}); took the"
        " colleague's version",
    ),
    context="Cli",
)
ERASED_NOT_BROUGHT_BACK = Message(
    "cli.handover_erased_not_brought_back",
    QT_TRANSLATE_NOOP(
        "Cli", "{count} erased items not brought back (retention period or withdrawal)"
    ),
    context="Cli",
)
NOT_READ_CONFLICTS = Message(
    "cli.handover_not_read_conflicts",
    QT_TRANSLATE_NOOP(
        "Cli", "Nothing was read in: decide the conflicts with --keep-mine or --take-theirs."
    ),
    context="Cli",
)
NOT_READ_PARTNERS = Message(
    "cli.handover_not_read_partners",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Nothing was read in: check the partners above and confirm with --confirm-partners.",
    ),
    context="Cli",
)
NOT_READ_CONFLICTS_AND_PARTNERS = Message(
    "cli.handover_not_read_conflicts_and_partners",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Nothing was read in: decide the conflicts with --keep-mine or --take-theirs; check the"
        " partners above and confirm with --confirm-partners.",
    ),
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
SENDER_HEAD = Message(
    "cli.bundle_sender_head",
    QT_TRANSLATE_NOOP("Cli", "The sender's audit log: event {seq} (head {head})."),
    context="Cli",
)
NO_HEADS = Message(
    "cli.bundle_no_heads",
    QT_TRANSLATE_NOOP("Cli", "No bundles with an audit head opened yet."),
    context="Cli",
)
HEADS_SENDER = Message(
    "cli.bundle_heads_sender", QT_TRANSLATE_NOOP("Cli", "Sender {key_id}:"), context="Cli"
)
HEADS_ENTRY = Message(
    "cli.bundle_heads_entry",
    QT_TRANSLATE_NOOP("Cli", "{created}  bundle {bundle}  {head}"),
    context="Cli",
)


def _state(args: argparse.Namespace) -> PartnerState:
    from waakvlam_desktop.bundles.partner_state import PartnerState, default_state_path  # noqa: PLC0415 - parsing stays light (cli/main.py)

    return PartnerState(Path(args.state).expanduser() if args.state else default_state_path())


def _signed_by(summary: Any) -> str:
    return SIGNED_BY.render(
        organisation=summary.trusted_organisation, fingerprint=summary.sender_fingerprint
    )


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
    from waakvlam_desktop.bundles.keys import (  # noqa: PLC0415 - parsing stays light (cli/main.py)
        KEY_FILE_EXISTS,
        grouped,
        public_key_text,
        recipient_fingerprint,
        signing_key_path,
        write_identity,
        write_signing_key,
    )

    out = Path(args.out).expanduser()
    signing_path = signing_key_path(out)
    # Both files are new or neither is written.
    for target in (out, signing_path):
        if target.exists():
            raise UsageError(KEY_FILE_EXISTS, path=target)
    recipient = write_identity(out)
    try:
        signing = write_signing_key(signing_path)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    if args.json:
        print_json(
            {
                "recipient": recipient,
                "fingerprint": recipient_fingerprint(recipient),
                "identity_file": str(out),
                "signing_key": public_key_text(signing.public_key),
                "signing_key_id": signing.key_id,
                "signing_fingerprint": grouped(signing.key_id),
                "signing_key_file": str(signing_path),
            }
        )
    else:
        # stdout stays the one age1… line (scripts read it); the signing line goes with
        # the explanation.
        print(recipient)
        info(public_key_text(signing.public_key))
        info(KEYS_SAVED.render(path=out, signing=signing_path, fingerprint=grouped(signing.key_id)))
    return 0


def cmd_reply(args: argparse.Namespace) -> int:
    """Feedback on referrals in a bundle: one signed reply file for the corporation."""
    from waakvlam_desktop.bundles.keys import (  # noqa: PLC0415 - parsing stays light (cli/main.py)
        grouped,
        load_identity,
        load_signing_key,
        public_of,
        signing_key_path,
    )
    from waakvlam_desktop.bundles.reader import read_bundle_file, verify_trusted  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.bundles.reply import make_reply, parse_status  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.domain.types import FeedbackStatus, feedback_status_label  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.fileio import write_atomic  # noqa: PLC0415 - parsing stays light (cli/main.py)

    identity_path = Path(args.identity)
    identity = load_identity(identity_path)
    signing = load_signing_key(
        Path(args.signing_key) if args.signing_key else signing_key_path(identity_path)
    )
    today = date.today()
    items = [parse_status(value, today) for value in args.status]
    out = Path(args.out).expanduser()
    if out.exists():
        raise UsageError(REPLY_EXISTS, path=out)
    bundle = verify_trusted(read_bundle_file(Path(args.file)), identity, _state(args))
    data, manifest = make_reply(bundle, signing, items)
    try:
        write_atomic(out, data)
    except FileExistsError as exc:
        raise UsageError(REPLY_EXISTS, path=out) from exc
    except OSError as exc:
        raise UsageError(REPLY_NOT_WRITTEN, path=out) from exc
    key_id = public_of(signing).key_id
    if args.json:
        print_json({**manifest, "path": str(out)})
        return 0
    for item in items:
        line = REPLY_ITEM.render(
            kenmerk=item.kenmerk,
            status=feedback_status_label(FeedbackStatus(item.status)),
            day=f"{item.day:%d-%m-%Y}",
        )
        print(f"  {line}" + (f" ({item.note})" if item.note else ""))
    print(
        REPLY_WRITTEN.render(
            count=len(items),
            path=out,
            bundle=bundle.bundle_id[:8],
            fingerprint=grouped(key_id),
            organisation=bundle.trusted_organisation,
        )
    )
    return 0


def _confirmed() -> bool:
    print(f"{TRUST_CONFIRM_PROMPT.render()} ", end="", file=sys.stderr)
    sys.stderr.flush()
    answer = sys.stdin.readline()
    return answer.strip().casefold() in ("j", "ja", "y", "yes")


def cmd_trust(args: argparse.Namespace) -> int:
    from waakvlam_desktop.bundles.keys import grouped  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.bundles.partner_state import (  # noqa: PLC0415 - parsing stays light (cli/main.py)
        KEY_FILE_NO_ORGANISATION,
        TRUST_DECLINED,
        TRUST_OTHER_KEY,
        clean_label,
        read_key_file,
    )

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
    info(TRUST_ORGANISATION.render(organisation=organisation))
    info(TRUST_KEY_ID.render(fingerprint=fingerprint))
    if not args.yes and not already:
        info(TRUST_CALL_SENDER.render())
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
        print(TRUSTED.render(organisation=organisation, fingerprint=fingerprint))
    else:
        print(ALREADY_TRUSTED.render(organisation=organisation, fingerprint=fingerprint))
    return 0


def _audit_head(bundle: Any, state: PartnerState, quiet: bool) -> None:
    """The sender's audit head (a witness; bundles/witness.py) and a warning when it
    contradicts one seen before."""
    from waakvlam_desktop.bundles import witness  # noqa: PLC0415 - parsing stays light (cli/main.py)

    head = witness.manifest_head(bundle.manifest)
    if head is not None and not quiet:
        print(SENDER_HEAD.render(seq=head.seq, head=head.text()))
    earlier = witness.head_conflict(state.load(), bundle.manifest)
    if earlier is not None and head is not None:
        info(
            witness.SENDER_CHAIN_FORKED.render(
                bundle=str(earlier.get("bundle_id", ""))[:8],
                created=str(earlier.get("created_at", ""))[:10],
                seq=head.seq,
            )
        )


def cmd_verify(args: argparse.Namespace) -> int:
    from waakvlam_desktop.bundles.keys import load_identity  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.bundles.reader import summarise, verify_file  # noqa: PLC0415 - parsing stays light (cli/main.py)

    state = _state(args)
    bundle = verify_file(Path(args.file), load_identity(Path(args.identity)), state)
    summary = summarise(bundle)
    if args.json:
        print_json(summary)
    else:
        _show_summary(summary)
        print(GENUINE.render(signed_by=_signed_by(summary)))
    _audit_head(bundle, state, args.json)
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    from waakvlam_desktop.bundles.keys import load_identity  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.bundles.reader import open_file, summarise  # noqa: PLC0415 - parsing stays light (cli/main.py)

    state = _state(args)
    bundle, folder = open_file(
        Path(args.file),
        load_identity(Path(args.identity)),
        Path(args.out).expanduser(),
        state,
    )
    summary = summarise(bundle, folder)
    if args.json:
        print_json(summary)
    else:
        _show_summary(summary)
        print(UNPACKED.render(signed_by=_signed_by(summary), folder=folder))
    _audit_head(bundle, state, args.json)
    return 0


def cmd_heads(args: argparse.Namespace) -> int:
    """The audit heads seen per sender: what the sender's privacy officer checks with
    ``waakvlam audit verify --head NUMMER:HASH``."""
    from waakvlam_desktop.bundles import witness  # noqa: PLC0415 - parsing stays light (cli/main.py)

    doc = _state(args).load()
    heads = doc.get(witness.HEADS_KEY)
    heads = heads if isinstance(heads, dict) else {}
    if args.json:
        print_json(heads)
        return 0
    if not heads:
        print(NO_HEADS.render())
    for key_id in sorted(heads):
        print(HEADS_SENDER.render(key_id=key_id))
        for entry in witness.seen_heads(doc, key_id):
            line = HEADS_ENTRY.render(
                created=str(entry.get("created_at", ""))[:10],
                bundle=str(entry.get("bundle_id", ""))[:8],
                head=f"{entry.get('seq')}:{entry.get('hash')}",
            )
            print(f"  {line}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from waakvlam_desktop.bundles.importer import import_handover, pinned_sender  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.bundles.keys import load_identity  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.bundles.reader import read_bundle_file, verify_bytes  # noqa: PLC0415 - parsing stays light (cli/main.py)

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
    print(HANDOVER_FROM.render(colleague=report.colleague))
    for p in report.partners:
        shown = PARTNER_NEW if p.new else PARTNER_MATCHED
        print(f"  {shown.render(name=p.name, type=p.type, local_name=p.local_name)}")
    for c in report.conflicts:
        conflict = {"kluis": CONFLICT_KEPT_MINE, "bundel": CONFLICT_TOOK_THEIRS}.get(
            c.winner, CONFLICT
        )
        print(f"  {conflict.render(table=c.table, id=c.id, fields=', '.join(c.fields))}")
    for n in report.notes:
        print(f"  {HANDOVER_NOTE.render(table=n.table, id=n.id, note=n.note)}")
    erased = sum(report.erased.values())
    if erased:
        print(f"  {ERASED_NOT_BROUGHT_BACK.render(count=erased)}")
    if not report.applied:
        if report.undecided and report.partners:
            info(NOT_READ_CONFLICTS_AND_PARTNERS.render())
        elif report.undecided:
            info(NOT_READ_CONFLICTS.render())
        else:
            info(NOT_READ_PARTNERS.render())
        return 1
    added, updated = sum(report.added.values()), sum(report.updated.values())
    print(HANDOVER_READ.render(added=added, updated=updated))
    if not report.changed:
        print(NOTHING_NEW.render())
    return 0


def _identity_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="het bundelbestand (.age)")
    p.add_argument("--identity", required=True, help="je age-sleutelbestand (bundle keygen)")


def _state_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--state",
        help="bestand met vertrouwde sleutels en geopende bundels (standaard:"
        " $WAAKVLAM_BUNDLE_STATE of de gebruikersmap)",
    )


def _bundle(p: argparse.ArgumentParser) -> None:
    bg = subcommands(p, "bundle")
    c = bg.add_parser(
        "keygen",
        help="maak een age-sleutel en een ondertekensleutel (KEY.sign); toont beide publieke"
        " regels (age1… en waakvlam-ed25519:…)",
    )
    c.add_argument("--out", required=True, help="bestand voor de geheime age-sleutel")
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
        "reply", help="maak een ondertekende terugkoppeling op verwijzingen in een bundel"
    )
    _identity_args(c)
    _state_arg(c)
    c.add_argument(
        "--signing-key", help="je ondertekensleutel (standaard: het identity-bestand + .sign)"
    )
    c.add_argument(
        "--status",
        action="append",
        required=True,
        metavar="KENMERK=STATUS[:JJJJ-MM-DD[:NOTITIE]]",
        help="status per verwijzing: contact, gestart, niet_bereikt, afgewezen (met reden als"
        " notitie) of afgesloten; herhaalbaar",
    )
    c.add_argument("--out", required=True, help="het terugkoppelbestand (.age) dat je maakt")
    c.set_defaults(func=cmd_reply)
    json_flag(c)
    c = bg.add_parser(
        "heads", help="toon de auditkoppen van geopende bundels (voor 'audit verify --head')"
    )
    _state_arg(c)
    c.set_defaults(func=cmd_heads)
    json_flag(c)
    c = bg.add_parser(
        "import",
        help="lees een overdrachtsbundel van een collega in (eerst: waakvlam colleague add)",
    )
    _identity_args(c)
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

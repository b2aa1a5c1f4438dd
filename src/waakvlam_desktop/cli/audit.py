"""``waakvlam audit verify|list|anchor``: the hash chain of the audit log, its events, and
its witnesses outside the vault (signed anchors, bundle manifests, backups)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from waakvlam_desktop.cli.common import (
    Arguments,
    info,
    json_flag,
    open_vault,
    parse_date,
    print_json,
    subcommands,
)
from waakvlam_desktop.clock import to_local
from waakvlam_desktop.errors import UsageError, WaakvlamError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

if TYPE_CHECKING:
    from waakvlam_desktop.storage.audit import WitnessVerdict

WITNESS_OPTIONS = ("anchor", "head", "backup")

# Which witness a verdict is about (also the "witness" field of --json).
FROM_ANCHOR = Message(
    "cli.audit_witness_anchor", QT_TRANSLATE_NOOP("Cli", "anchor of {when}"), context="Cli"
)
FROM_BACKUP = Message(
    "cli.audit_witness_backup", QT_TRANSLATE_NOOP("Cli", "backup of {when}"), context="Cli"
)
FROM_HEAD = Message(
    "cli.audit_witness_head", QT_TRANSLATE_NOOP("Cli", "the head given"), context="Cli"
)
ANCHOR_WRITTEN = Message(
    "cli.audit_anchor_written",
    QT_TRANSLATE_NOOP("Cli", "Anchor written to {path}: event {seq}."),
    context="Cli",
)
ANCHOR_HAND_OVER = Message(
    "cli.audit_anchor_hand_over",
    QT_TRANSLATE_NOOP(
        "Cli",
        "Give this file to the privacy officer (or keep it off this computer);"
        " 'waakvlam audit verify --anchor FILE' shows later whether the log still holds.",
    ),
    context="Cli",
)


def _witness_json(verdict: WitnessVerdict, source: str) -> dict[str, object]:
    return {
        "ok": verdict.ok,
        "witness": source,
        "head": verdict.head.as_dict(),
        "events": verdict.events,
        "first_bad_seq": verdict.first_bad_seq,
        "last_bad_seq": verdict.last_bad_seq,
        "code": verdict.text.code if verdict.text is not None else verdict.chain.text.code,
        "message": verdict.message(),
    }


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from waakvlam_desktop.bundles.keys import load_sender  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.bundles.witness import (  # noqa: PLC0415 - parsing stays light (cli/main.py)
        BACKUP_NO_HEAD,
        BACKUP_OTHER_VAULT,
        KEY_NEEDS_ANCHOR,
        SEEN_NEEDS_HEAD,
        parse_head_text,
        seen_moment,
        verify_anchor,
    )
    from waakvlam_desktop.privacy.backup import read_backup_info  # noqa: PLC0415 - parsing stays light (cli/main.py)
    from waakvlam_desktop.storage.audit import verify_chain, verify_witness  # noqa: PLC0415 - parsing stays light (cli/main.py)

    given = [name for name in WITNESS_OPTIONS if getattr(args, name)]
    if args.key and not args.anchor:
        raise UsageError(KEY_NEEDS_ANCHOR)
    if args.seen and not args.head:
        raise UsageError(SEEN_NEEDS_HEAD)
    seen = parse_date(args.seen, "--seen")
    # A backup's head is read (checksum first) before the vault is opened.
    backup = read_backup_info(Path(args.backup).expanduser()) if args.backup else None
    sender = load_sender(args.key) if args.key else None
    with open_vault(args) as v, v.session() as s:
        if not given:
            chain = verify_chain(s)
            if args.json:
                print_json({"ok": chain.ok, "events": chain.events, "message": chain.message()})
                return 0 if chain.ok else 1
            if chain.ok:
                print(chain.message())
                return 0
            raise WaakvlamError(chain.text, **chain.params)
        if args.anchor:
            anchor, verdict = verify_anchor(s, Path(args.anchor), v.vault_id, sender)
            source = FROM_ANCHOR.render(when=f"{to_local(anchor.created_at):%d-%m-%Y %H:%M}")
        elif backup is not None:
            if backup.vault_id != v.vault_id:
                raise WaakvlamError(BACKUP_OTHER_VAULT, vault_id=backup.vault_id[:40])
            if backup.audit_head is None:
                raise WaakvlamError(BACKUP_NO_HEAD)
            verdict = verify_witness(s, backup.audit_head, witnessed_at=backup.created_at)
            source = FROM_BACKUP.render(when=f"{to_local(backup.created_at):%d-%m-%Y %H:%M}")
        else:
            at = seen_moment(seen) if seen is not None else None
            verdict = verify_witness(s, parse_head_text(args.head), witnessed_at=at)
            source = FROM_HEAD.render()
    if args.json:
        print_json(_witness_json(verdict, source))
        return 0 if verdict.ok else 1
    if verdict.ok:
        print(f"{verdict.message()} ({source})")
        return 0
    text, params = verdict.sentence
    raise WaakvlamError(text, **params)


def cmd_audit_anchor(args: argparse.Namespace) -> int:
    from waakvlam_desktop.bundles.witness import write_anchor  # noqa: PLC0415 - parsing stays light (cli/main.py)

    out = Path(args.out).expanduser()
    with open_vault(args) as v, v.session() as s:
        head = write_anchor(s, v.vault_id, out)
    if args.json:
        print_json({"path": str(out), "head": head.as_dict()})
        return 0
    print(ANCHOR_WRITTEN.render(path=out, seq=head.seq))
    info(ANCHOR_HAND_OVER.render())
    return 0


def cmd_audit_list(args: argparse.Namespace) -> int:
    from waakvlam_desktop.storage.audit import action_label, audit_rows, entity_label  # noqa: PLC0415 - parsing stays light (cli/main.py)

    with open_vault(args) as v, v.session() as s:
        rows = audit_rows(
            s,
            household_id=args.household,
            staff_id=args.staff,
            action=args.action,
            since=parse_date(args.since, "--from"),
            until=parse_date(args.until, "--to"),
            limit=args.limit,
        )
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        print(
            f"{r.seq:>6}  {r.at:%d-%m-%Y %H:%M}  {r.staff_name or '-':<20}"
            f" {action_label(r.action):<24} {entity_label(r.entity):<18} {r.entity_id or ''}"
        )
    return 0


def _audit(p: argparse.ArgumentParser) -> None:
    au = subcommands(p, "audit")
    c = au.add_parser(
        "verify",
        help="controleer de keten van het logboek, en met een getuige of die nog klopt",
    )
    witness = c.add_mutually_exclusive_group()
    witness.add_argument(
        "--anchor", help="een ankerbestand (audit anchor): bevat het logboek dat nog ongewijzigd?"
    )
    c.add_argument(
        "--key",
        help="bij --anchor: controleer met deze publieke sleutel (waakvlam-ed25519:… of een"
        " bestand) in plaats van de sleutels in de kluis",
    )
    witness.add_argument(
        "--head", help="een kop NUMMER:HASH, bijvoorbeeld audit_head uit een bundel"
    )
    witness.add_argument("--backup", help="een back-upbestand: de kop die erin staat")
    c.add_argument(
        "--seen",
        help="bij --head: de dag (JJJJ-MM-DD) waarop die kop is gezien, zoals 'bundle heads'"
        " hem toont; dan wordt ook een controlepunt dat de kop vervangt gecontroleerd",
    )
    c.set_defaults(func=cmd_audit_verify)
    json_flag(c)
    c = au.add_parser(
        "anchor", help="schrijf een ondertekend ankerpunt van het logboek (voor de FG)"
    )
    c.add_argument("--out", required=True, help="het ankerbestand (wordt niet overschreven)")
    c.set_defaults(func=cmd_audit_anchor)
    json_flag(c)
    c = au.add_parser("list", help="toon gebeurtenissen uit het logboek, met filters")
    c.add_argument("--household", help="alleen dit huishouden (id)")
    c.add_argument("--staff", help="alleen deze medewerker (id)")
    c.add_argument("--action", help="alleen deze handeling, bijvoorbeeld view of export")
    c.add_argument("--from", dest="since", help="vanaf deze dag, JJJJ-MM-DD")
    c.add_argument("--to", dest="until", help="tot en met deze dag, JJJJ-MM-DD")
    c.add_argument("--limit", type=int, default=200)
    c.set_defaults(func=cmd_audit_list)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"audit": _audit}

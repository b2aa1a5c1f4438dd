"""``waakvlam audit verify|list``: the hash chain of the audit log and its events."""

from __future__ import annotations

import argparse

from waakvlam_desktop.cli.common import (
    Arguments,
    json_flag,
    open_vault,
    parse_date,
    print_json,
    subcommands,
)
from waakvlam_desktop.errors import WaakvlamError
from waakvlam_desktop.storage.audit import action_label, audit_rows, entity_label, verify_chain


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with open_vault(args) as v, v.session() as s:
        verdict = verify_chain(s)
    if verdict.ok:
        print(verdict.message())
        return 0
    raise WaakvlamError(verdict.text, events=verdict.events, seq=verdict.first_bad_seq)


def cmd_audit_list(args: argparse.Namespace) -> int:
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
    c = au.add_parser("verify", help="controleer de keten van het auditlog")
    c.set_defaults(func=cmd_audit_verify)
    c = au.add_parser("list", help="toon gebeurtenissen uit het auditlog, met filters")
    c.add_argument("--household", help="alleen dit huishouden (id)")
    c.add_argument("--staff", help="alleen deze medewerker (id)")
    c.add_argument("--action", help="alleen deze handeling, bijvoorbeeld view of export")
    c.add_argument("--from", dest="since", help="vanaf deze dag, JJJJ-MM-DD")
    c.add_argument("--to", dest="until", help="tot en met deze dag, JJJJ-MM-DD")
    c.add_argument("--limit", type=int, default=200)
    c.set_defaults(func=cmd_audit_list)
    json_flag(c)


COMMANDS: dict[str, Arguments] = {"audit": _audit}

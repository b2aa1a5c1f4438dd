"""The ``waakvlam`` command. No Qt here: it runs on a server or in a script just as well.

Exit codes: 0 success, 1 refused (wrong passphrase, damaged vault, invalid input),
2 usage error. A problem the user can cause is one Dutch line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn

from waakvlam_desktop import __version__, config
from waakvlam_desktop.errors import UsageError, WaakvlamError

PROG = "waakvlam"


# ---- output helpers ----------------------------------------------------------------------
def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + ("Z" if value.tzinfo is None else "")
    if isinstance(value, date):
        return value.isoformat()
    return value


def print_json(value: Any) -> None:
    json.dump(_jsonable(value), sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
    sys.stdout.write("\n")


def nl_date(day: date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else "-"


def info(message: str) -> None:
    print(message, file=sys.stderr)


# ---- passphrase and vault ----------------------------------------------------------------
def read_passphrase(args: argparse.Namespace, prompt: str = "Wachtwoord: ") -> str:
    if getattr(args, "passphrase_file", None):
        path = Path(args.passphrase_file)
        try:
            return path.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise UsageError(f"Het wachtwoordbestand {path} is niet te lezen.") from exc
    env = os.environ.get(config.PASSPHRASE_ENV)
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise UsageError(
            "Geen wachtwoord: gebruik --passphrase-file, de omgevingsvariabele"
            f" {config.PASSPHRASE_ENV}, of start de opdracht in een terminal."
        )
    return getpass.getpass(prompt)


def read_new_passphrase(args: argparse.Namespace) -> str:
    if getattr(args, "new_passphrase_file", None):
        path = Path(args.new_passphrase_file)
        try:
            return path.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise UsageError(f"Het wachtwoordbestand {path} is niet te lezen.") from exc
    env = os.environ.get("WAAKVLAM_NEW_PASSPHRASE")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise UsageError(
            "Geen nieuw wachtwoord: gebruik --new-passphrase-file of WAAKVLAM_NEW_PASSPHRASE."
        )
    first = getpass.getpass("Nieuw wachtwoord: ")
    if getpass.getpass("Nieuw wachtwoord (nog een keer): ") != first:
        raise UsageError("De twee wachtwoorden zijn niet gelijk. Er is niets gewijzigd.")
    return first


def data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir).expanduser() if args.data_dir else config.default_data_dir()


@contextmanager
def open_vault(args: argparse.Namespace) -> Iterator[Any]:
    """Open the vault: from the OS keyring when remembered, else with the passphrase."""
    from waakvlam_desktop.domain.setup import default_staff
    from waakvlam_desktop.storage import remember
    from waakvlam_desktop.storage.vault import Vault, VaultPaths

    folder = data_dir(args)
    paths = VaultPaths(folder)
    header = Vault.read_header(paths)
    vault = None
    key = remember.recall(header.vault_id)
    if key is not None:
        try:
            vault = Vault.open_with_key(folder, key, vault_id=header.vault_id)
        except WaakvlamError:
            vault = None  # changed or stale entry: fall back to the passphrase
    if vault is None:
        vault = Vault.open(folder, read_passphrase(args))
    try:
        with vault.session() as s:
            staff = default_staff(s)
            vault.actor = staff.id if staff else None
        yield vault
    finally:
        vault.close()


# ---- commands ----------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.setup import initialise
    from waakvlam_desktop.storage import remember
    from waakvlam_desktop.storage.keys import check_passphrase_policy
    from waakvlam_desktop.storage.vault import Vault

    if getattr(args, "passphrase_file", None) or os.environ.get(config.PASSPHRASE_ENV) is not None:
        passphrase = read_passphrase(args)
    elif sys.stdin.isatty():
        passphrase = getpass.getpass("Kies een wachtwoord (minstens 12 tekens): ")
        check_passphrase_policy(passphrase)
        if getpass.getpass("Wachtwoord (nog een keer): ") != passphrase:
            raise UsageError("De twee wachtwoorden zijn niet gelijk. Er is niets aangemaakt.")
    else:
        passphrase = read_passphrase(args)
    folder = data_dir(args)
    with Vault.create(folder, passphrase, kdf_target_seconds=config.kdf_target_seconds()) as v:
        with v.session() as s:
            initialise(
                s,
                organisation=args.organisation,
                staff_name=args.name,
                staff_role=args.role,
                language=args.language,
            )
        if args.remember:
            assert v.engine is not None
            stored = remember.remember(v.vault_id, _current_key(v, passphrase))
            info(
                "Sleutel onthouden op deze computer."
                if stored
                else "Geen veilige sleutelbos op deze computer: het wachtwoord blijft nodig."
            )
    info(f"Kluis aangemaakt in {folder}.")
    return 0


def _current_key(vault: Any, passphrase: str) -> bytes:
    from waakvlam_desktop.storage.keys import unwrap_key

    return unwrap_key(vault.read_header(vault.paths), passphrase)


def cmd_unlock_check(args: argparse.Namespace) -> int:
    with open_vault(args) as v:
        report = v.integrity_report()
    if report["integrity_check"] or report["cipher_integrity_check"]:
        raise WaakvlamError("De kluis opent, maar de controle vindt beschadigde pagina's.")
    print("De kluis opent en is in orde.")
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    from waakvlam_desktop.storage.vault import Vault

    old = read_passphrase(args, "Huidig wachtwoord: ")
    with Vault.open(data_dir(args), old) as v:
        new = read_new_passphrase(args)
        v.change_passphrase(old, new, kdf_target_seconds=config.kdf_target_seconds())
    info("Wachtwoord gewijzigd.")
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    from waakvlam_desktop.storage import remember
    from waakvlam_desktop.storage.vault import Vault

    passphrase = read_passphrase(args)
    with Vault.open(data_dir(args), passphrase) as v:
        had_key = remember.recall(v.vault_id) is not None
        new_key = v.rekey(passphrase)
        if had_key:
            remember.remember(v.vault_id, new_key)
    info("De kluis heeft een nieuwe sleutel.")
    return 0


def cmd_household_add(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain import households

    with open_vault(args) as v, v.session() as s:
        addr = households.add_address(
            s,
            street=args.street,
            number=args.number,
            addition=args.addition,
            postcode=args.postcode,
            city=args.city,
            wijk=args.wijk,
            vhe_code=args.vhe,
        )
        hh = households.add_household(s, addr.id, args.label)
        for name in args.resident:
            households.add_resident(s, hh.id, name)
        hid = hh.id
    if args.json:
        print_json({"id": hid})
    else:
        print(hid)
    return 0


def cmd_household_list(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.households import list_households

    with open_vault(args) as v, v.session() as s:
        rows = list_households(s)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("Nog geen huishoudens. Voeg er een toe met 'waakvlam household add'.")
    for r in rows:
        print(
            f"{r.id}  {r.concern_level.value:<9} {nl_date(r.next_check_in):<10}  "
            f"{r.address:<28} {r.label}"
        )
    return 0


def cmd_household_show(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.households import household_detail
    from waakvlam_desktop.privacy import audit

    with open_vault(args) as v, v.session() as s:
        detail = household_detail(s, args.id)
        audit.record(s, "view", "household", detail.id, household_id=detail.id, detail="cli")
    if args.json:
        print_json(detail)
        return 0
    print(f"{detail.label} — {detail.address}, {detail.postcode} {detail.city}")
    print(
        f"Zorgniveau: {detail.concern_level.value}; volgend bezoek uiterlijk"
        f" {nl_date(detail.next_check_in)}"
    )
    print("Bewoners: " + (", ".join(r.name for r in detail.residents) or "-"))
    for visit in detail.visits:
        print(f"\n{visit.visited_at:%d-%m-%Y %H:%M}  {visit.kind}  {visit.staff_name}")
        if visit.notes:
            print(f"  {visit.notes}")
        for o in visit.observations:
            print(f"  • {o.label_nl} (ernst {o.severity}){' — ' + o.remark if o.remark else ''}")
    return 0


def _parse_signal(text: str) -> tuple[str, int]:
    code, sep, sev = text.partition("=")
    if not sep or not sev.strip().isdigit():
        raise UsageError(
            f"Signaal '{text}' moet de vorm CODE=ERNST hebben,"
            " bijvoorbeeld financien.huurachterstand=2."
        )
    return code.strip(), int(sev)


def cmd_visit_add(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.types import VisitKind
    from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit

    try:
        kind = VisitKind(args.kind)
    except ValueError:
        raise UsageError(
            f"Onbekende soort bezoek '{args.kind}'. Kies uit: "
            + ", ".join(k.value for k in VisitKind)
        ) from None
    signals = [SignalInput(*_parse_signal(s)) for s in args.signal]
    with open_vault(args) as v, v.session() as s:
        result = record_visit(
            s,
            VisitInput(
                household_id=args.household,
                kind=kind,
                notes=args.note,
                signals=signals,
                allow_bsn_like=args.allow_bsn_like,
            ),
        )
    if args.json:
        print_json(result)
    else:
        print(result.visit_id)
        info(
            f"Zorgniveau: {result.level.value}; volgend bezoek uiterlijk"
            f" {nl_date(result.next_check_in)}."
        )
        for item in result.acute_items:
            info(f"ACUUT — {item.label_nl}: {item.guidance_nl}")
    return 0


def cmd_checklist_show(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.checklist import load_checklist

    definition = load_checklist()
    if args.json:
        print_json(
            {
                "name": definition.name,
                "version": definition.version,
                "domains": definition.domains,
                "items": definition.items,
            }
        )
        return 0
    for d in definition.domains:
        print(f"\n{d.label_nl}")
        for i in definition.items:
            if i.domain == d.code:
                print(f"  {i.code:<34} {i.label_nl}{'  [ACUUT]' if i.acute else ''}")
    return 0


def cmd_partner_add(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.partners import add_partner
    from waakvlam_desktop.domain.types import DataProfile, ExportSchedule, PartnerType

    try:
        ptype = PartnerType(args.type)
    except ValueError:
        raise UsageError(
            f"Onbekend soort partner '{args.type}'. Kies uit: "
            + ", ".join(t.value for t in PartnerType)
        ) from None
    with open_vault(args) as v, v.session() as s:
        view = add_partner(
            s,
            name=args.name,
            type=ptype,
            recipients=args.recipient,
            profile=DataProfile(args.profile),
            schedule=ExportSchedule(args.schedule),
        )
    if args.json:
        print_json(view)
    else:
        print(view.id)
    return 0


def cmd_partner_list(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.partners import list_partners

    with open_vault(args) as v, v.session() as s:
        partners = list_partners(s)
    if args.json:
        print_json(partners)
        return 0
    for p in partners:
        print(f"{p.name:<36} {p.type.value:<22} {p.profile.value:<10} {p.schedule.value}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.demo import generate_demo

    if args.households < 1:
        raise UsageError("--households moet minstens 1 zijn.")

    def progress(done: int, total: int) -> None:
        info(f"demo: {done}/{total} huishoudens")

    with open_vault(args) as v:
        counts = generate_demo(v.session, args.households, seed=args.seed, progress=progress)
    if args.json:
        print_json(counts)
    else:
        print(", ".join(f"{k}: {n}" for k, n in counts.items()))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.stats import vault_stats

    with open_vault(args) as v, v.session() as s:
        stats = vault_stats(s)
    if args.json:
        print_json(stats)
        return 0
    for key, value in stats.items():
        print(f"{key}: {value}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from waakvlam_desktop.domain.search import plain_snippet, search

    with open_vault(args) as v, v.session() as s:
        hits = search(s, args.query, limit=args.limit)
    if args.json:
        print_json(
            [
                {
                    "source": h.source,
                    "ref_id": h.ref_id,
                    "household_id": h.household_id,
                    "visit_id": h.visit_id,
                    "visited_at": h.visited_at,
                    "snippet": plain_snippet(h.snippet),
                }
                for h in hits
            ]
        )
        return 0
    if not hits:
        print("Niets gevonden.")
    for h in hits:
        print(f"{h.visited_at:%d-%m-%Y}  {h.household_label:<22} {plain_snippet(h.snippet)}")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from waakvlam_desktop.privacy.audit import verify_chain

    with open_vault(args) as v, v.session() as s:
        verdict = verify_chain(s)
    if verdict.ok:
        print(verdict.message())
        return 0
    raise WaakvlamError(verdict.message())


# ---- parser ------------------------------------------------------------------------------
class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (zie '{PROG} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG, description="Waakvlam: de versleutelde kluis vanaf de opdrachtregel."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        help=f"map van de kluis (standaard: ${config.DATA_DIR_ENV} of de gebruikersmap)",
    )
    parser.add_argument(
        "--passphrase-file",
        help=f"lees het wachtwoord uit dit bestand (of zet ${config.PASSPHRASE_ENV})",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(
        name: str, func: Callable[[argparse.Namespace], int], help: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        return p

    def json_flag(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--json", action="store_true", help="uitvoer als JSON (zie docs/cli-json.md)"
        )

    p = command("init", cmd_init, "maak een nieuwe kluis")
    p.add_argument("--organisation", required=True, help="naam van de corporatie")
    p.add_argument("--name", required=True, help="je eigen naam")
    p.add_argument("--role", default="", help="je functie, bijvoorbeeld wijkbeheerder")
    p.add_argument("--language", choices=["nl", "en"], default="nl")
    p.add_argument(
        "--remember",
        action="store_true",
        help="onthoud de sleutel in de sleutelbos van het systeem",
    )

    command("unlock-check", cmd_unlock_check, "controleer wachtwoord en kluis")
    p = command("passwd", cmd_passwd, "wijzig het wachtwoord")
    p.add_argument("--new-passphrase-file")
    command("rekey", cmd_rekey, "geef de database een nieuwe sleutel")

    hh = command("household", lambda a: 0, "huishoudens").add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    p = hh.add_parser("list", help="alle huishoudens")
    p.set_defaults(func=cmd_household_list)
    json_flag(p)
    p = hh.add_parser("show", help="één huishouden met bezoeken en signalen")
    p.add_argument("id")
    p.set_defaults(func=cmd_household_show)
    json_flag(p)
    p = hh.add_parser("add", help="nieuw adres met huishouden")
    p.add_argument("--label", required=True, help="bijvoorbeeld 'fam. Jansen'")
    p.add_argument("--street", required=True)
    p.add_argument("--number", required=True, type=int)
    p.add_argument("--addition", default="")
    p.add_argument("--postcode", required=True)
    p.add_argument("--city", required=True)
    p.add_argument("--wijk", default="")
    p.add_argument("--vhe", default=None, help="VHE-code (verhuureenheid)")
    p.add_argument(
        "--resident", action="append", default=[], help="naam van een bewoner (herhaalbaar)"
    )
    p.set_defaults(func=cmd_household_add)
    json_flag(p)

    vs = command("visit", lambda a: 0, "huisbezoeken").add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    p = vs.add_parser("add", help="leg een huisbezoek vast")
    p.add_argument("--household", required=True)
    p.add_argument("--kind", required=True, help="regulier, signaal, informeel, nazorg, overlast")
    p.add_argument("--note", default="")
    p.add_argument("--signal", action="append", default=[], metavar="CODE=ERNST")
    p.add_argument(
        "--allow-bsn-like", action="store_true", help="sla op, ook als de tekst op een BSN lijkt"
    )
    p.set_defaults(func=cmd_visit_add)
    json_flag(p)

    cl = command("checklist", lambda a: 0, "signalenlijst").add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    p = cl.add_parser("show", help="toon codes, labels, domeinen en acute signalen")
    p.set_defaults(func=cmd_checklist_show)
    json_flag(p)

    pt = command("partner", lambda a: 0, "partners").add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    p = pt.add_parser("add", help="nieuwe partner")
    p.add_argument("--name", required=True)
    p.add_argument("--type", required=True)
    p.add_argument(
        "--recipient", action="append", default=[], help="age-ontvanger (age1…), herhaalbaar"
    )
    p.add_argument("--profile", choices=["case", "aggregate", "handover"], default="case")
    p.add_argument("--schedule", choices=["monthly", "quarterly", "none"], default="none")
    p.set_defaults(func=cmd_partner_add)
    json_flag(p)
    p = pt.add_parser("list", help="alle partners")
    p.set_defaults(func=cmd_partner_list)
    json_flag(p)

    p = command("demo", cmd_demo, "vul de kluis met verzonnen voorbeeldgegevens")
    p.add_argument("--households", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    json_flag(p)

    p = command("stats", cmd_stats, "aantallen in de kluis")
    json_flag(p)

    p = command("search", cmd_search, "zoek in notities en opmerkingen")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=50)
    json_flag(p)

    au = command("audit", lambda a: 0, "auditlog").add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    p = au.add_parser("verify", help="controleer de keten van het auditlog")
    p.set_defaults(func=cmd_audit_verify)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except WaakvlamError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # stdout went away (``| head``): not an error of ours.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: afgebroken; er is niets gewijzigd.", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so in one line, without personal data
        from waakvlam_desktop.storage.vault import is_disk_error

        if is_disk_error(exc):
            print(
                f"{PROG}: opslaan is mislukt: de schijf is vol of niet bereikbaar.", file=sys.stderr
            )
            return 1
        if os.environ.get("WAAKVLAM_DEBUG"):
            raise
        print(
            f"{PROG}: onverwachte fout ({type(exc).__name__}); er is niets gewijzigd."
            " Zet WAAKVLAM_DEBUG=1 voor details.",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())

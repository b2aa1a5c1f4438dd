"""``waakvlam-desktop --self-test``: prove that an installed (frozen) app has all its parts.

It runs the real code paths on a throw-away vault in a temporary folder (synthetic data,
never the user's vault) and prints one line per step::

    OK    kluis        SQLCipher-kluis gemaakt en opnieuw geopend (Argon2id, migraties 0006)
    FOUT  brief        ModuleNotFoundError: …
    NIET  bundel       overgeslagen: waakvlam_desktop.bundles is niet aanwezig in deze versie

``OK`` passed, ``FOUT`` failed, ``NIET`` was not run (and is not counted as passed).
The exit code is 0 only when no step failed; a step that could not run is reported as
``NIET`` and, when it is required (``strict``), makes the run fail too.

The steps are what breaks in a frozen build when a hidden import or a data file is
missing: SQLCipher and the SQLAlchemy dialect, Argon2 (cffi), the Alembic migration
scripts (loaded as files), the checklist, the letter templates and DejaVu fonts, age
(pyrage) and Ed25519 for bundles, the keyring backends, Qt's offscreen platform plugin,
our own and Qt's Dutch translations, and the main window itself.

Each step imports the parts it proves inside its own function (ruff's PLC0415 is off for
this file): a part missing from a frozen build then fails that one step (``FOUT``) while the
others still report, instead of the whole self-test failing to start. No Qt import at
module level: the window step calls into ``waakvlam_desktop.ui``.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from waakvlam_desktop import __version__, config, package_version
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

PASSPHRASE = "zelftest waakvlam paardenbloem"
OK, FAILED, SKIPPED = "OK", "FOUT", "NIET"

# What a failing step says (after the exception's type name) and why a step could not run.
SCHEMA_NOT_AT_HEAD = Message(
    "selftest.schema_not_at_head",
    QT_TRANSLATE_NOOP("SelfTest", "schema at {revision}, expected {head}"),
    "SelfTest",
)
DATABASE_NOT_ENCRYPTED = Message(
    "selftest.database_not_encrypted",
    QT_TRANSLATE_NOOP("SelfTest", "the database file is not encrypted"),
    "SelfTest",
)
LETTER_NOT_PDF = Message(
    "selftest.letter_not_pdf",
    QT_TRANSLATE_NOOP("SelfTest", "the referral letter is not a PDF"),
    "SelfTest",
)
FONT_NOT_EMBEDDED = Message(
    "selftest.font_not_embedded",
    QT_TRANSLATE_NOOP("SelfTest", "the DejaVu font is not in the PDF"),
    "SelfTest",
)
OTHER_BUNDLE_OPENED = Message(
    "selftest.other_bundle_opened",
    QT_TRANSLATE_NOOP("SelfTest", "the opened bundle is not the one that was made"),
    "SelfTest",
)
MODULE_MISSING = Message(
    "selftest.module_missing",
    QT_TRANSLATE_NOOP("SelfTest", "NOT RUN: {module} is not present in this version (no bundles)"),
    "SelfTest",
)


@dataclass(frozen=True, slots=True)
class StepResult:
    name: str
    status: str  # OK, FOUT or NIET
    detail: str
    seconds: float

    def line(self) -> str:
        return f"{self.status:<5} {self.name:<12} {self.detail} ({self.seconds:.2f} s)"


class StepSkipped(Exception):
    """A step that cannot run in this build (said so in the output, never counted as OK)."""


@dataclass
class _World:
    """What the steps hand on to each other (ids only, no ORM objects)."""

    root: Path
    vault_dir: Path
    vault: Any = None
    household_id: str = ""
    partner_id: str = ""
    referral_id: str = ""


def _version() -> str:
    frozen = " (bevroren)" if getattr(sys, "frozen", False) else ""
    return f"waakvlam-desktop {package_version()} (__version__ {__version__}){frozen}"


def _step_vault(w: _World) -> str:
    from waakvlam_desktop.clock import FixedClock
    from waakvlam_desktop.domain.setup import initialise
    from waakvlam_desktop.storage.migrate import current_revision, head_revision
    from waakvlam_desktop.storage.vault import Vault

    clock = FixedClock(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))
    created = Vault.create(w.vault_dir, PASSPHRASE, kdf_target_seconds=0, clock=clock)
    with created.session() as s:
        created.actor = initialise(
            s,
            organisation="Woonstichting Zelftest",
            staff_name="Z. Test",
            staff_role="test",
            address_line="Postbus 1",  # a window letter needs a return address
            postcode="1000 AA",
            city="Amsterdam",
        ).id
    created.close()
    # Open again the way a user does: passphrase -> Argon2id -> key -> SQLCipher.
    w.vault = Vault.open(w.vault_dir, PASSPHRASE, clock=clock)
    with w.vault.session() as s:
        from sqlalchemy import select

        from waakvlam_desktop.storage.models import StaffMember

        w.vault.actor = s.scalars(select(StaffMember.id)).first()
    assert w.vault.engine is not None
    revision = current_revision(w.vault.engine)
    if revision != head_revision():
        raise RuntimeError(SCHEMA_NOT_AT_HEAD.render(revision=revision, head=head_revision()))
    size = (w.vault_dir / "vault.db").stat().st_size
    if b"SQLite format 3" in (w.vault_dir / "vault.db").read_bytes()[:16]:
        raise RuntimeError(DATABASE_NOT_ENCRYPTED.render())
    return f"SQLCipher-kluis gemaakt en geopend (Argon2id, schema {revision}, {size} bytes)"


def _step_visit(w: _World) -> str:
    from waakvlam_desktop.domain import households
    from waakvlam_desktop.domain.checklist import load_checklist
    from waakvlam_desktop.domain.types import VisitKind
    from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit

    items = load_checklist().items
    codes = [i.code for i in items if not i.acute][:2]
    with w.vault.session() as s:
        addr = households.add_address(
            s, street="Proefstraat", number=1, postcode="3511 AB", city="Utrecht", wijk="Test"
        )
        hh = households.add_household(s, addr.id, "fam. Zelftest")
        households.add_resident(s, hh.id, "Bewoner Zelftest", birth_year=1950)
        result = record_visit(
            s,
            VisitInput(
                hh.id,
                VisitKind.REGULIER,
                notes="Zelftest: kop koffie",
                signals=[SignalInput(codes[0], 2), SignalInput(codes[1], 1)],
            ),
        )
        w.household_id = hh.id
    return (
        f"bezoek met {len(codes)} signalen vastgelegd (signalenlijst: {len(items)} items,"
        f" zorgniveau {result.level.value})"
    )


def _step_letter(w: _World) -> str:
    from waakvlam_desktop.clock import local_today
    from waakvlam_desktop.documents.referral_documents import generate_referral_letter
    from waakvlam_desktop.domain import partners, referrals
    from waakvlam_desktop.domain.checklist import load_checklist
    from waakvlam_desktop.domain.types import ConsentForm, PartnerType

    code = next(i.code for i in load_checklist().items if not i.acute)
    with w.vault.session() as s:
        partner = partners.add_partner(
            s,
            name="Wijkteam Zelftest",
            type=PartnerType.WIJKTEAM,
            address_line="Postbus 1",
            postcode="3500 AA",
            city="Utrecht",
        )
        ref = referrals.create_referral(
            s,
            referrals.ReferralInput(
                w.household_id,
                partner.id,
                "Zelftest",
                letter_context="Zelftest van de installatie.",
                signal_codes=[code],
                consent_form=ConsentForm.VERBAL,
                consent_date=local_today(s.info["clock"]),
            ),
        )
        w.partner_id, w.referral_id = partner.id, ref.id
        pdf = generate_referral_letter(s, ref.id, "nl")
    if not pdf.startswith(b"%PDF-"):
        raise RuntimeError(LETTER_NOT_PDF.render())
    if b"DejaVu" not in pdf:
        raise RuntimeError(FONT_NOT_EMBEDDED.render())
    return f"verwijsbrief gemaakt ({len(pdf)} bytes PDF, DejaVu ingebed)"


def _bundles_api() -> dict[str, Any]:
    """The bundles API, when this build has it; StepSkipped otherwise."""
    try:
        export = importlib.import_module("waakvlam_desktop.bundles.export")
        reader = importlib.import_module("waakvlam_desktop.bundles.reader")
        keys = importlib.import_module("waakvlam_desktop.bundles.keys")
        exports = importlib.import_module("waakvlam_desktop.domain.exports")
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("waakvlam_desktop"):
            raise  # a missing library (pyrage, cryptography) is a failure, not a skip
        raise StepSkipped(MODULE_MISSING.render(module=exc.name)) from exc
    return {"export": export, "reader": reader, "keys": keys, "exports": exports}


def _step_bundle(w: _World) -> str:
    api = _bundles_api()
    import pyrage

    from waakvlam_desktop.domain import partners
    from waakvlam_desktop.domain.types import DataProfile, PartnerType

    identity = pyrage.x25519.Identity.generate()
    out = w.root / "export"
    out.mkdir()
    with w.vault.session() as s:
        partner = partners.add_partner(
            s,
            name="Bundelpartner Zelftest",
            type=PartnerType.WIJKTEAM,
            recipients=[str(identity.to_public())],
            profile=DataProfile.CASE,
        )
        sender = api["keys"].parse_public_key(api["keys"].org_public_key(s).file_text())
        period = api["exports"].Period.parse("2026-11")
        result = api["export"].export_bundle(s, partner.id, period, out)
    opened = api["reader"].verify_bytes(Path(result.path).read_bytes(), identity, sender)
    if opened.bundle_id != result.bundle_id:
        raise RuntimeError(OTHER_BUNDLE_OPENED.render())
    return (
        f"bundel gemaakt, ondertekend, versleuteld (age) en weer geopend"
        f" ({result.size_bytes} bytes, {len(opened.members)} bestanden)"
    )


def _step_audit(w: _World) -> str:
    from waakvlam_desktop.storage.audit import verify_chain

    with w.vault.session() as s:
        verdict = verify_chain(s)
    if not verdict.ok or verdict.events == 0:
        raise RuntimeError(verdict.message())
    return f"auditketen heel ({verdict.events} gebeurtenissen)"


def _step_keyring(_w: _World) -> str:
    """The keyring backends for this platform are bundled (nothing is read or stored)."""
    from keyring.backend import get_all_keyring

    modules = {
        "win32": ["keyring.backends.Windows"],
        "darwin": ["keyring.backends.macOS"],
    }.get(sys.platform, ["keyring.backends.SecretService", "keyring.backends.kwallet"])
    for name in modules:
        importlib.import_module(name)
    names = sorted({type(k).__module__.rsplit(".", 1)[-1] for k in get_all_keyring()})
    return f"backends aanwezig: {', '.join(modules)}; bruikbaar hier: {', '.join(names) or '-'}"


def _step_window(w: _World) -> str:
    if w.vault is not None:
        w.vault.close()  # the window opens the vault itself, like a user would
        w.vault = None
    from waakvlam_desktop.ui.app import self_test_window

    return self_test_window(w.vault_dir, PASSPHRASE)


STEPS: tuple[tuple[str, Callable[[_World], str], bool], ...] = (
    # name, function, needs the vault (skipped when the vault step failed)
    ("kluis", _step_vault, False),
    ("huisbezoek", _step_visit, True),
    ("brief", _step_letter, True),
    ("bundel", _step_bundle, True),
    ("audit", _step_audit, True),
    ("sleutelbos", _step_keyring, False),
    ("venster", _step_window, True),
)


@contextmanager
def _offscreen() -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in ("QT_QPA_PLATFORM",)}
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _failure(exc: BaseException) -> str:
    # Synthetic data only, so the message may be shown; the last frame says where.
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" [{Path(frames[-1].filename).name}:{frames[-1].lineno}]" if frames else ""
    return f"{type(exc).__name__}: {exc}"[:400] + where


def run_self_test(
    out: TextIO | None = None, *, strict: bool = False, skip: tuple[str, ...] = ()
) -> tuple[int, list[StepResult]]:
    """Run every step; returns (exit code, results). ``strict``: a step that could not run
    (NIET) fails the run too. ``skip``: step names not to run (reported as NIET)."""
    stream = out if out is not None else sys.stdout
    results: list[StepResult] = []

    def emit(result: StepResult) -> None:
        results.append(result)
        print(result.line(), file=stream, flush=True)

    print(_version(), file=stream, flush=True)
    with _offscreen(), tempfile.TemporaryDirectory(prefix="waakvlam-zelftest-") as tmp:
        world = _World(Path(tmp), Path(tmp) / "vault")
        try:
            for name, fn, needs_vault in STEPS:
                start = time.perf_counter()
                if name in skip:
                    emit(StepResult(name, SKIPPED, "NIET UITGEVOERD: overgeslagen op verzoek", 0))
                    continue
                if needs_vault and world.vault is None:
                    emit(StepResult(name, SKIPPED, "NIET UITGEVOERD: de kluis ontbreekt", 0))
                    continue
                try:
                    detail = fn(world)
                    status = OK
                except StepSkipped as exc:
                    detail, status = str(exc), SKIPPED
                except Exception as exc:
                    detail, status = _failure(exc), FAILED
                emit(StepResult(name, status, detail, time.perf_counter() - start))
        finally:
            if world.vault is not None:
                world.vault.close()
    failed = [r for r in results if r.status == FAILED]
    not_run = [r for r in results if r.status == SKIPPED]
    passed = [r for r in results if r.status == OK]
    bad = failed or (strict and not_run)
    summary = f"{len(passed)} geslaagd, {len(failed)} mislukt, {len(not_run)} niet uitgevoerd"
    verdict = "ZELFTEST MISLUKT" if bad else "ZELFTEST GESLAAGD"
    print(f"{verdict}: {summary}", file=stream, flush=True)
    return (1 if bad else 0), results


REPORT_NAME = "zelftest.txt"


def run_self_test_cli(*, strict: bool = False) -> int:
    """``--self-test`` from the command line. A windowed Windows build has no stdout
    (``sys.stdout is None``): then the lines go to ``zelftest.txt`` in the log folder
    (synthetic data only) and the exit code carries the verdict."""
    if sys.stdout is not None:
        return run_self_test(strict=strict)[0]
    folder = config.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / REPORT_NAME, "w", encoding="utf-8") as report:
        return run_self_test(report, strict=strict)[0]

"""Export bundles end to end in-process: real vault, real age, real Ed25519, real PDFs."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import uuid
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jsonschema
import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pypdf import PdfReader
from reportlab.pdfgen import canvas
from sqlalchemy import func, select, update

from tests.bundle_helpers import NOTE_MARKER, REMARK_MARKER, World, build_world, trusting_state
from tests.conftest import PASSPHRASE
from waakvlam_desktop.bundles import export as export_module
from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles.collect import collect_handover, pseudonym
from waakvlam_desktop.bundles.export import (
    STAGES,
    build_bundle,
    export_bundle,
    handover_json,
    preview_export,
)
from waakvlam_desktop.bundles.keys import (
    SenderKey,
    key_id,
    load_identity,
    load_sender,
    org_public_key,
    parse_public_key,
    recipient_fingerprint,
    write_identity,
)
from waakvlam_desktop.bundles.reader import (
    OpenedBundle,
    open_file,
    verify_bytes,
    verify_file,
)
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.domain.consent import (
    CANCELLED,
    NO_VALID_GRONDSLAG,
    exclusion_reason,
    grondslag_report,
    households_with_grondslag,
)
from waakvlam_desktop.domain.exports import Period, due_exports, export_history
from waakvlam_desktop.domain.partners import add_partner, get_partner
from waakvlam_desktop.domain.referrals import ReferralInput, create_referral
from waakvlam_desktop.domain.settings import save_setting
from waakvlam_desktop.domain.types import ConsentForm, ExportSchedule, PartnerType, VisitKind
from waakvlam_desktop.domain.visits import SignalInput, VisitInput, record_visit
from waakvlam_desktop.errors import (
    BadSignatureError,
    BundleDamagedError,
    BundleError,
    BundleNotForYouError,
    ExportCancelledError,
    ExportError,
    KeyFileError,
    NotABundleError,
    NotAddressedToYouError,
    ReplayError,
    UnknownFormatError,
    UnknownSenderError,
    UsageError,
    ValidationError,
)
from waakvlam_desktop.storage.models import AuditEvent, ExportRecord, Referral, SigningKey
from waakvlam_desktop.storage.vault import Vault

NOV = Period.parse("2026-11")
LEVELS = ("geen", "aandacht", "zorg", "acuut")


@pytest.fixture
def world(vault: Vault) -> World:
    return build_world(vault)


def _export(world: World, partner: str, folder: Path, period: Period = NOV) -> Path:
    folder.mkdir(exist_ok=True)
    with world.vault.session() as s:
        return export_bundle(s, world.partners[partner], period, folder).path


def _open(world: World, path: Path) -> OpenedBundle:
    return verify_bytes(path.read_bytes(), world.identity, world.sender)


def _plaintext(bundle: OpenedBundle) -> str:
    parts = [bundle.manifest_bytes, *bundle.members.values()]
    return b"\n".join(parts).decode("utf-8", errors="replace")


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


# ---- profiles ------------------------------------------------------------------------------
def test_case_round_trip(world: World, tmp_path: Path) -> None:
    path = _export(world, "Wijkteam", tmp_path / "exports")
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == [
        path.name
    ]  # no temp files left
    assert path.read_bytes().startswith(fmt.AGE_MAGIC)
    bundle = _open(world, path)
    m = bundle.manifest
    assert m["format"] == "waakvlam-bundle" and m["format_version"] == 1
    assert m["profile"] == "case" and m["sequence"] == 1
    assert m["period"] == {"label": "2026-11", "start": "2026-11-01", "end": "2026-11-30"}
    assert m["recipients"] == [recipient_fingerprint(str(world.identity.to_public()))]
    assert m["sender"]["key_id"] == world.sender.key_id
    assert m["sender"]["organisation"] == "Woonstichting Voorbeeld"
    assert m["exclusions"] == {CANCELLED: 1}
    assert m["counts"]["households"] == 2 and m["counts"]["referrals"] == 2
    assert set(m["files"]) == set(bundle.members)
    data = bundle.data()
    by_label = {h["label"]: h for h in data["households"]}
    assert set(by_label) == {"fam. Jansen", "mw. Öztürk"}
    secret = None
    with world.vault.session() as s:
        secret = get_partner(s, world.partners["Wijkteam"]).pseudonym_secret
    jansen = by_label["fam. Jansen"]
    assert jansen["pseudonym"] == pseudonym(secret, world.households["fam. Jansen"])
    assert jansen["address"]["street"] == "Lindelaan"
    # Minimal by default (disclosure.json): the name of the concerned resident, no birth
    # year for a wijkteam, no phone without consent to be called, no concern level.
    assert jansen["residents"] == [{"name": "Bewoner fam. Jansen"}]
    assert "concern_level" not in jansen
    (ref,) = jansen["referrals"]
    assert ref["reference"] == world.referrals["fam. Jansen"]
    assert ref["letter_context"] == "Bewoner wil graag hulp bij de post."
    assert [sg["code"] for sg in ref["signals"]] == ["financien.ongeopende_post"]
    assert "remark" not in ref["signals"][0]
    # Raw notes, signal remarks, household UUIDs, other partners' households: absent.
    text = _plaintext(bundle)
    for absent in (NOTE_MARKER, REMARK_MARKER, "fam. Smit", "dhr. Bakker"):
        assert absent not in text
    for hid in world.households.values():
        assert hid not in text
    # CSV for Dutch Excel.
    csv_raw = bundle.members["csv/households.csv"]
    assert csv_raw.startswith(b"\xef\xbb\xbf")
    assert csv_raw[3:].decode("utf-8").startswith('"pseudoniem";"huishouden";')  # CRLF lines
    header = next(csv.reader(io.StringIO(csv_raw.decode("utf-8-sig")), delimiter=";"))
    assert header[:2] == ["pseudoniem", "huishouden"]
    assert "mw. Öztürk" in csv_raw.decode("utf-8-sig")
    summary = _pdf_text(bundle.members["summary.pdf"])
    assert "Wijkteam" in summary and "2026-11" in summary
    assert "geannuleerd" in summary


def test_case_carries_letters_when_printed(world: World, tmp_path: Path) -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(100, 700, "Verwijsbrief proef")
    c.save()
    reference = world.referrals["fam. Jansen"]
    with world.vault.session() as s:
        s.execute(
            update(Referral)
            .where(Referral.reference == reference)
            .values(letter_pdf=buf.getvalue())
        )
    bundle = _open(world, _export(world, "Wijkteam", tmp_path))
    name = f"letters/{reference}.pdf"
    assert bundle.members[name] == buf.getvalue()
    jansen = next(h for h in bundle.data()["households"] if h["label"] == "fam. Jansen")
    assert jansen["referrals"][0]["letter"] == name
    assert bundle.manifest["counts"]["letters"] == 1


def _cells(bundle: OpenedBundle) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(c["gebied"], c["maat"], c["categorie"]): c for c in bundle.data()["cellen"]}


def _extra_visits(world: World, labels: list[str], code: str, days: range) -> None:
    for label in labels:
        for day in days:
            with world.vault.session() as s:
                record_visit(
                    s,
                    VisitInput(
                        household_id=world.households[label],
                        kind=VisitKind.REGULIER,
                        visited_at=datetime(2026, 11, day, 10, 0, tzinfo=UTC),
                        signals=[SignalInput(code, 1)],
                    ),
                )


def test_aggregate_counts_households_not_events(
    world: World, clock: FixedClock, tmp_path: Path
) -> None:
    # Two households with four more visits each, a woning signal every time: 8 signals,
    # 2 households. The threshold counts households, so the 8 is not published.
    _extra_visits(world, ["fam. Jansen", "mw. Öztürk"], "woning.vervuiling", range(12, 16))
    clock.set(datetime(2027, 1, 5, 9, 0, tzinfo=UTC))
    bundle = _open(world, _export(world, "Gemeente", tmp_path, Period.parse("2026-Q4")))
    cells = _cells(bundle)
    assert bundle.data()["drempel"] == 5 and bundle.data()["niveau"] == "wijk"
    assert cells[("Overvecht", "bezocht", "alle")]["huishoudens"] == 7  # 15 visits
    assert cells[("Overvecht", "signaal_in_domein", "financien")]["huishoudens"] == 7
    woning = cells[("Overvecht", "signaal_in_domein", "woning")]
    assert woning == {**woning, "huishoudens": None, "onderdrukt": True}
    zero = cells[("Overvecht", "signaal_in_domein", "gezondheid")]
    assert zero == {**zero, "huishoudens": 0, "onderdrukt": False}
    assert cells[("Overvecht", "doorverwezen_naar", "wijkteam")]["huishoudens"] is None  # 3
    assert cells[("Overvecht", "huishoudens", "totaal")]["huishoudens"] == 7
    levels = [cells[("Overvecht", "huishoudens", lv)]["huishoudens"] for lv in LEVELS]
    hidden = [i for i, n in enumerate(levels) if n is None]
    assert not hidden or len(hidden) >= 2  # never one hidden cell next to a published total
    assert bundle.manifest["counts"]["suppressed_cells"] > 0
    text = _plaintext(bundle)
    for absent in (NOTE_MARKER, REMARK_MARKER, "Jansen", "Öztürk", "Lindelaan"):
        assert absent not in text
    # The postcode's digits, but not inside a hexadecimal hash or a PDF offset, where they
    # turn up by chance (CI once found "3533" inside the manifest's audit head hash).
    assert re.search(r"(?<![0-9a-f])3533(?![0-9a-f])", text) is None
    csv_text = bundle.members["csv/aantallen.csv"].decode("utf-8-sig")
    lines = [";".join(r) for r in csv.reader(io.StringIO(csv_text, newline=""), delimiter=";")]
    assert lines[0] == "niveau;gebied;wijk;maat;categorie;huishoudens;onderdrukt"
    assert "wijk;Overvecht;Overvecht;bezocht;alle;7;nee" in lines
    assert "wijk;Overvecht;Overvecht;signaal_in_domein;woning;;ja" in lines
    assert '"wijk";"Overvecht";"Overvecht";"bezocht";"alle";7;"nee"' in csv_text  # 7: a number
    assert "<" not in csv_text  # a suppressed cell is marked, never text in a number column
    assert not any(name.endswith("cells.csv") for name in bundle.members)


def test_aggregate_threshold_and_level_are_settings(
    world: World, clock: FixedClock, tmp_path: Path
) -> None:
    clock.set(datetime(2027, 1, 5, 9, 0, tzinfo=UTC))
    with world.vault.session() as s:
        save_setting(s, "aggregate_min_cell", 8)
        save_setting(s, "aggregate_level", "complex")
        for low in (4, 1, 0, True, "6"):
            with pytest.raises(ValidationError, match="drempel"):
                save_setting(s, "aggregate_min_cell", low)
        with pytest.raises(ValidationError, match="per wijk of per complex"):
            save_setting(s, "aggregate_level", "straat")
    bundle = _open(world, _export(world, "Gemeente", tmp_path, Period.parse("2026-Q4")))
    cells = _cells(bundle)
    assert bundle.data()["drempel"] == 8 and bundle.data()["niveau"] == "complex"
    visited = cells[("De Linde", "bezocht", "alle")]
    assert visited["huishoudens"] is None and visited["wijk"] == "Overvecht"
    assert not any(c["niveau"] == "wijk" for c in bundle.data()["cellen"])  # one level only


def test_aggregate_period_without_visits_publishes_zeros(
    world: World, clock: FixedClock, tmp_path: Path
) -> None:
    bundle = _open(world, _export(world, "Gemeente", tmp_path, Period.parse("2026-Q2")))
    visits = [c for c in bundle.data()["cellen"] if c["maat"] == "bezocht"]
    assert visits and all(c["huishoudens"] == 0 and not c["onderdrukt"] for c in visits)


def test_handover_round_trip_carries_uuids_and_everything(world: World, tmp_path: Path) -> None:
    bundle = _open(world, _export(world, "Collega", tmp_path))
    tables = bundle.data()["tables"]
    hh = tables["household"]
    ids = {row[hh["columns"].index("id")] for row in hh["rows"]}
    # Format 2: each id as its 32 hex digits, without the dashes (#16).
    assert bundle.manifest["format_version"] == 2
    assert ids == {uuid.UUID(h).hex for h in world.households.values()}
    id_values = [
        row[i]
        for block in tables.values()
        for row in block["rows"]
        for i, name in enumerate(block["columns"])
        if name == "id" or name.endswith(("_id", "_by"))
    ]
    assert len(id_values) > 100
    assert all(v is None or re.fullmatch("[0-9a-f]{32}", v) for v in id_values)
    visits = tables["visit"]
    notes = [row[visits["columns"].index("notes")] for row in visits["rows"]]
    assert all(NOTE_MARKER in n for n in notes)
    so = tables["signal_observation"]
    assert "item_code" in so["columns"] and "item_id" not in so["columns"]
    assert bundle.manifest["counts"]["household"] == 7
    # Handover bundles carry data.json only (their reader is `bundle import`).
    assert not any(name.startswith("csv/") for name in bundle.members)


def test_pseudonyms_are_stable_per_partner_and_differ_between_partners(
    world: World, clock: FixedClock, tmp_path: Path
) -> None:
    with world.vault.session() as s:
        create_referral(
            s,
            ReferralInput(
                household_id=world.households["fam. Jansen"],
                partner_id=world.partners["GGD"],
                reason="Ook de GGD",
                consent_form=ConsentForm.VERBAL,
                consent_date=date(2026, 11, 10),
            ),
        )

    def pseudonyms(partner: str, period: str, folder: Path) -> dict[str, str]:
        folder.mkdir()
        b = _open(world, _export(world, partner, folder, Period.parse(period)))
        return {h["label"]: h["pseudonym"] for h in b.data()["households"]}

    first = pseudonyms("Wijkteam", "2026-11", tmp_path / "a")
    clock.set(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))  # December has begun
    second = pseudonyms("Wijkteam", "2026-12", tmp_path / "b")
    ggd = pseudonyms("GGD", "2026-11", tmp_path / "c")
    assert first["fam. Jansen"] == second["fam. Jansen"]
    assert len(first["fam. Jansen"]) == 64
    assert ggd["fam. Jansen"] != first["fam. Jansen"]


# ---- grondslag -----------------------------------------------------------------------------
def test_exclusion_reason_rules() -> None:
    day = date(2026, 11, 30)
    ok = {"status": "verstuurd", "consent_form": "mondeling", "basis_text": "", "on_date": day}
    assert exclusion_reason(grondslag="toestemming", consent_date=date(2026, 11, 1), **ok) is None
    assert (
        exclusion_reason(grondslag="toestemming", consent_date=date(2026, 12, 1), **ok)
        == NO_VALID_GRONDSLAG
    )
    assert (
        exclusion_reason(
            status="verstuurd",
            grondslag="toestemming",
            consent_form=None,
            consent_date=date(2026, 11, 1),
            basis_text="",
            on_date=day,
        )
        == NO_VALID_GRONDSLAG
    )
    assert (
        exclusion_reason(
            status="concept",
            grondslag="andere_grondslag",
            consent_form=None,
            consent_date=None,
            basis_text="meldcode",
            on_date=day,
        )
        is None
    )
    assert (
        exclusion_reason(
            status="concept",
            grondslag="andere_grondslag",
            consent_form=None,
            consent_date=None,
            basis_text="  ",
            on_date=day,
        )
        == NO_VALID_GRONDSLAG
    )
    assert (
        exclusion_reason(
            status="geannuleerd",
            grondslag="toestemming",
            consent_form="mondeling",
            consent_date=date(2026, 11, 1),
            basis_text="",
            on_date=day,
        )
        == CANCELLED
    )
    assert (
        exclusion_reason(
            status="verstuurd",
            grondslag="iets",
            consent_form=None,
            consent_date=None,
            basis_text="",
            on_date=day,
        )
        == NO_VALID_GRONDSLAG
    )


def test_households_with_grondslag_and_report(world: World) -> None:
    pid = world.partners["Wijkteam"]
    with world.vault.session() as s:
        valid = households_with_grondslag(s, pid, date(2026, 11, 30))
        assert valid == {world.households["fam. Jansen"], world.households["mw. Öztürk"]}
        # Before the consent date, the consent does not count; referrals made later neither.
        assert households_with_grondslag(s, pid, date(2026, 11, 1)) == set()
        # A damaged grondslag (older data) is counted as such, without names.
        s.execute(
            update(Referral)
            .where(Referral.reference == world.referrals["mw. Öztürk"])
            .values(basis_text="")
        )
        report = grondslag_report(s, pid, date(2026, 11, 30))
        assert report.valid == {world.households["fam. Jansen"]}
        assert report.excluded == {CANCELLED: 1, NO_VALID_GRONDSLAG: 1}
        assert report.excluded_total == 2


def test_preview_counts_and_exclusions_without_writing(world: World) -> None:
    with world.vault.session() as s:
        preview = preview_export(s, world.partners["Wijkteam"], NOV)
        assert preview.ready and preview.problem is None
        assert preview.counts["households"] == 2
        assert preview.exclusions == {CANCELLED: 1}
        assert preview.next_sequence == 1
        handover = preview_export(s, world.partners["Collega"], NOV)
        assert handover.counts["household"] == 7 and handover.counts["visit"] == 7
        assert s.scalar(select(func.count(ExportRecord.id))) == 0


def test_partner_without_recipient_cannot_export(world: World, tmp_path: Path) -> None:
    with world.vault.session() as s:
        pid = add_partner(s, name="Zonder sleutel", type=PartnerType.GGZ).id
        assert preview_export(s, pid, NOV).problem is not None
        out = tmp_path / "exports"
        out.mkdir()
        with pytest.raises(ExportError, match="nog geen sleutel"):
            export_bundle(s, pid, NOV, out)
    assert list(out.iterdir()) == []


# ---- export mechanics ------------------------------------------------------------------------
def test_progress_reports_every_stage_in_order(world: World, tmp_path: Path) -> None:
    seen: list[str] = []
    with world.vault.session() as s:
        result = export_bundle(
            s, world.partners["Wijkteam"], NOV, tmp_path, progress=lambda st, d, t: seen.append(st)
        )
    assert seen == list(STAGES)
    assert set(result.timings) == set(STAGES)


@pytest.mark.parametrize("stop_at", STAGES)
def test_cancel_writes_and_records_nothing(world: World, tmp_path: Path, stop_at: str) -> None:
    stages: list[str] = []

    def progress(stage: str, _d: int, _t: int) -> None:
        stages.append(stage)

    def cancel() -> bool:
        # Stop as soon as the stage ``stop_at`` is about to start (or earlier, inside).
        return len(stages) >= STAGES.index(stop_at)

    out = tmp_path / "exports"
    out.mkdir()
    with pytest.raises(ExportCancelledError), world.vault.session() as s:
        export_bundle(s, world.partners["Wijkteam"], NOV, out, progress=progress, cancel=cancel)
    assert list(out.iterdir()) == []
    with world.vault.session() as s:
        assert s.scalar(select(func.count(ExportRecord.id))) == 0
        assert export_history(s) == []


def test_history_sequence_audit_and_due(world: World, tmp_path: Path) -> None:
    with world.vault.session() as s:
        due = {d.partner_name: d for d in due_exports(s)}
    # Today is 27-11-2026: the monthly partner is due for October, the quarterly for Q3.
    assert due["Wijkteam"].period.label == "2026-10"
    assert due["Gemeente"].period.label == "2026-Q3"
    assert due["Gemeente"].schedule is ExportSchedule.QUARTERLY
    assert "GGD" not in due and "Collega" not in due  # schedule none
    assert due["Wijkteam"].has_recipients and due["Wijkteam"].last_exported_at is None
    first = _export(world, "Wijkteam", tmp_path, Period.parse("2026-10"))
    second = _export(world, "Wijkteam", tmp_path, NOV)
    assert first != second
    with world.vault.session() as s:
        due = {d.partner_name: d for d in due_exports(s)}
        assert "Wijkteam" not in due and "Gemeente" in due
        history = export_history(s)
        assert [h.sequence for h in history] == [2, 1]
        assert history[0].period == "2026-11" and history[0].counts["households"] == 2
        assert history[0].exclusions == {CANCELLED: 1}
        assert history[0].bundle_sha256 == hashlib.sha256(second.read_bytes()).hexdigest()
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()
        assert len(events) == 2
        assert all("Jansen" not in e.detail for e in events)
    assert _open(world, second).manifest["sequence"] == 2


@pytest.mark.parametrize("partner", ["Collega", "Wijkteam", "Gemeente"])
@pytest.mark.parametrize(
    "limit", ["MAX_MEMBER", "MAX_TOTAL", "MAX_MEMBERS", "MAX_MANIFEST", "MAX_BUNDLE_BYTES"]
)
def test_a_bundle_too_large_for_a_reader_is_never_made(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, partner: str, limit: str
) -> None:
    """At 50,000 households the handover's data.json was 723 MB: the export wrote it, and
    every reader refused it as damaged (over 512 MiB a member). The writer now refuses what
    the reader refuses, by the same limits, and makes what the reader accepts."""
    # The bundle id is random and printed in the summary PDF, whose size then varies by a
    # few bytes; one id for every build here makes the sizes exact, like the fixed clock.
    same_id = uuid.UUID(int=16)
    monkeypatch.setattr(export_module, "uuid", SimpleNamespace(uuid4=lambda: same_id))
    period = Period.parse("2026-Q3") if partner == "Gemeente" else NOV  # quarterly
    with world.vault.session() as s:  # the bundle as it will be (nothing is recorded)
        built = build_bundle(s, get_partner(s, world.partners[partner]), period)
    sizes = [entry["size"] for entry in built.manifest["files"].values()]
    at_limit = {
        "MAX_MEMBER": max(sizes),
        "MAX_TOTAL": sum(sizes),
        "MAX_MEMBERS": len(sizes) + 2,  # the manifest and its signature are members too
        "MAX_MANIFEST": len(fmt.manifest_bytes(built.manifest)),
        "MAX_BUNDLE_BYTES": len(built.data),
    }[limit]
    out = tmp_path / "exports"
    out.mkdir()
    monkeypatch.setattr(fmt, limit, at_limit - 1)
    if limit == "MAX_BUNDLE_BYTES":
        # age adds a "grease" stanza of random length to each header (165 lengths in 3,000
        # encryptions of one plaintext), so each encryption sets the limit from its own
        # real size: one byte under it here, exactly it below.
        offset = [-1]

        def encrypt(plaintext: bytes, recipients: list[Any]) -> bytes:
            data = pyrage.encrypt(plaintext, recipients)
            monkeypatch.setattr(fmt, limit, len(data) + offset[0])
            return data

        real = SimpleNamespace(encrypt=encrypt, x25519=pyrage.x25519)
        monkeypatch.setattr(export_module, "pyrage", real)
    with (
        pytest.raises(ExportError, match="te groot om in één bundel te versturen"),
        world.vault.session() as s,
    ):
        export_bundle(s, world.partners[partner], period, out)
    assert list(out.iterdir()) == []
    with world.vault.session() as s:
        assert s.scalar(select(func.count(ExportRecord.id))) == 0
        assert s.scalar(select(func.count()).where(AuditEvent.action == "export")) == 0
    # At the limit itself the bundle is made, and a reader opens it: both sides agree.
    monkeypatch.setattr(fmt, limit, at_limit)
    if limit == "MAX_BUNDLE_BYTES":
        offset[0] = 0
    assert _open(world, _export(world, partner, out, period)).manifest["sequence"] == 1


def test_existing_target_is_never_overwritten(world: World, tmp_path: Path) -> None:
    target = tmp_path / "bundel.age"
    target.write_bytes(b"van iemand anders")
    with pytest.raises(ExportError, match="bestaat al"), world.vault.session() as s:
        export_bundle(s, world.partners["Wijkteam"], NOV, target)
    assert target.read_bytes() == b"van iemand anders"


def test_archive_recipient_can_open_its_own_copy(world: World, tmp_path: Path) -> None:
    archive = pyrage.x25519.Identity.generate()
    with world.vault.session() as s:
        save_setting(s, "export_archive_recipient", str(archive.to_public()))
    path = _export(world, "Wijkteam", tmp_path)
    bundle = verify_bytes(path.read_bytes(), archive, world.sender)
    assert len(bundle.manifest["recipients"]) == 2
    assert _open(world, path).bundle_id == bundle.bundle_id


def test_periods() -> None:
    assert Period.parse("2026-10") == Period("2026-10", date(2026, 10, 1), date(2026, 10, 31))
    assert Period.parse("2024-02").end == date(2024, 2, 29)
    assert Period.parse("2026-q4") == Period("2026-Q4", date(2026, 10, 1), date(2026, 12, 31))
    for bad in ("2026-13", "2026-Q5", "26-10", "oktober", "2026-00"):
        with pytest.raises(UsageError):
            Period.parse(bad)
    assert Period.last_complete(ExportSchedule.MONTHLY, date(2026, 1, 5)).label == "2025-12"
    assert Period.last_complete(ExportSchedule.QUARTERLY, date(2026, 2, 5)).label == "2025-Q4"
    assert Period.last_complete(ExportSchedule.QUARTERLY, date(2026, 4, 1)).label == "2026-Q1"
    assert Period.last_complete(ExportSchedule.NONE, date(2026, 4, 1)) is None


# ---- keys ----------------------------------------------------------------------------------
def test_signing_key_lives_in_the_vault_and_is_stable(vault: Vault, vault_dir: Path) -> None:
    with vault.session() as s:
        first = org_public_key(s)
    vault.close()
    again = Vault.open(vault_dir, PASSPHRASE)
    with again.session() as s:
        second = org_public_key(s)
        assert s.scalar(select(func.count(SigningKey.id))) == 1
    again.close()
    assert first.key_id == second.key_id
    assert len(first.key_id) == 32
    assert first.fingerprint == " ".join(first.key_id[i : i + 4] for i in range(0, 32, 4))
    sender = parse_public_key(first.file_text())
    assert key_id(sender.public_key) == first.key_id
    assert load_sender(first.public_key).public_key == sender.public_key


def test_bad_key_material_is_a_clear_error(tmp_path: Path) -> None:
    for text in ("", "waakvlam-ed25519:AAAA", "waakvlam-ed25519:@@@", "ssh-ed25519 AAAA"):
        with pytest.raises(KeyFileError):
            parse_public_key(text)
    with pytest.raises(KeyFileError):
        load_sender(str(tmp_path / "ontbreekt.pub"))
    junk = tmp_path / "junk.txt"
    junk.write_text("hallo\n")
    with pytest.raises(KeyFileError):
        load_identity(junk)
    key = tmp_path / "key.txt"
    recipient = write_identity(key)
    assert str(load_identity(key).to_public()) == recipient
    assert (key.stat().st_mode & 0o777) == 0o600
    with pytest.raises(UsageError):
        write_identity(key)


# ---- the reader refuses, specifically, and writes nothing ------------------------------------
def _assert_refused(
    world: World, data: bytes, tmp_path: Path, error: type[BundleError] | tuple[type, ...]
) -> None:
    src = tmp_path / "in.age"
    src.write_bytes(data)
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    state = trusting_state(tmp_path / "state.json", world.sender)
    before = state.path.read_bytes()
    with pytest.raises(error):
        open_file(src, world.identity, out, state)
    assert list(out.iterdir()) == []
    assert state.path.read_bytes() == before


@pytest.fixture
def case_bundle(world: World, tmp_path: Path) -> bytes:
    folder = tmp_path / "made"
    folder.mkdir()
    return _export(world, "Wijkteam", folder).read_bytes()


def test_byte_flips_anywhere_are_refused(world: World, case_bundle: bytes, tmp_path: Path) -> None:
    header_end = case_bundle.index(b"\n---") + 48
    offsets = sorted(
        {0, 5, 21, 30, 60, 90, header_end - 10, header_end, header_end + 1, header_end + 20}
        | {int(len(case_bundle) * f / 40) for f in range(1, 40)}
        | {len(case_bundle) - 1, len(case_bundle) - 17}
    )
    for off in offsets:
        flipped = bytearray(case_bundle)
        flipped[off] ^= 0x40
        # A flip in the recipient stanza makes the file key unrecoverable, which age cannot
        # tell apart from "another key"; everywhere else it is damage.
        expected: tuple[type, ...] = (
            (BundleNotForYouError, BundleDamagedError, NotABundleError)
            if off < header_end
            else (BundleDamagedError,)
        )
        _assert_refused(world, bytes(flipped), tmp_path, expected)


def test_truncation_and_appended_bytes_are_refused(
    world: World, case_bundle: bytes, tmp_path: Path
) -> None:
    for cut in (1, 16, 100, len(case_bundle) // 2, len(case_bundle) - 200):
        _assert_refused(world, case_bundle[:-cut], tmp_path, BundleDamagedError)
    _assert_refused(world, case_bundle[:10], tmp_path, NotABundleError)
    _assert_refused(world, b"", tmp_path, NotABundleError)
    for extra in (b"\0", b"x" * 100, case_bundle[-64:]):
        _assert_refused(world, case_bundle + extra, tmp_path, BundleDamagedError)


def test_wrong_identity_and_wrong_sender(world: World, case_bundle: bytes, tmp_path: Path) -> None:
    src = tmp_path / "b.age"
    src.write_bytes(case_bundle)
    out = tmp_path / "out"
    state = trusting_state(tmp_path / "state.json", world.sender)
    with pytest.raises(BundleNotForYouError):
        open_file(src, world.other_identity, out, state)
    stranger = SenderKey(Ed25519PrivateKey.generate().public_key().public_bytes_raw())
    with pytest.raises(UnknownSenderError):
        verify_bytes(case_bundle, world.identity, stranger)
    untrusting = trusting_state(tmp_path / "other.json", stranger, "Iemand Anders")
    with pytest.raises(UnknownSenderError):
        open_file(src, world.identity, out, untrusting)
    assert not out.exists()


def _org_private(world: World) -> Ed25519PrivateKey:
    with world.vault.session() as s:
        row = s.scalars(select(SigningKey)).one()
        return Ed25519PrivateKey.from_private_bytes(row.private_key)


def _repack(
    world: World,
    bundle: OpenedBundle,
    *,
    manifest: dict[str, Any] | None = None,
    members: dict[str, bytes] | None = None,
    signer: Ed25519PrivateKey | None = None,
    signature: bytes | None = None,
    recipients: list[Any] | None = None,
) -> bytes:
    raw = fmt.manifest_bytes(manifest) if manifest is not None else bundle.manifest_bytes
    sig = signature if signature is not None else (signer or _org_private(world)).sign(raw)
    body = members if members is not None else bundle.members
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(fmt.MANIFEST, raw)
        zf.writestr(fmt.SIGNATURE, sig)
        for name, data in body.items():
            zf.writestr(name, data)
    return pyrage.encrypt(buf.getvalue(), recipients or [world.identity.to_public()])


def test_crafted_bundles_each_get_their_specific_error(
    world: World, case_bundle: bytes, tmp_path: Path
) -> None:
    bundle = verify_bytes(case_bundle, world.identity, world.sender)
    # Untouched repack is accepted (the crafting itself is sound).
    assert verify_bytes(_repack(world, bundle), world.identity, world.sender).bundle_id
    # Signed by someone else, claiming the organisation's key id.
    forged = _repack(world, bundle, signer=Ed25519PrivateKey.generate())
    _assert_refused(world, forged, tmp_path, BadSignatureError)
    # Manifest edited after signing.
    edited = dict(bundle.manifest, sequence=99)
    _assert_refused(
        world,
        _repack(world, bundle, manifest=edited, signature=bundle.signature),
        tmp_path,
        BadSignatureError,
    )
    # Validly signed, but for other recipients only: forwarded / re-encrypted.
    other = dict(bundle.manifest, recipients=["0" * 32])
    _assert_refused(world, _repack(world, bundle, manifest=other), tmp_path, NotAddressedToYouError)
    # A member changed (valid signature over the original manifest).
    changed = dict(bundle.members)
    changed["data.json"] = changed["data.json"].replace(b"Jansen", b"Janssen")
    _assert_refused(world, _repack(world, bundle, members=changed), tmp_path, BundleDamagedError)
    # A member missing / an extra allowed member not in the manifest.
    missing = {k: v for k, v in bundle.members.items() if k != "csv/residents.csv"}
    _assert_refused(world, _repack(world, bundle, members=missing), tmp_path, BundleDamagedError)
    extra = {**bundle.members, "csv/extra.csv": b"a;b\r\n"}
    _assert_refused(world, _repack(world, bundle, members=extra), tmp_path, BundleDamagedError)
    # Path traversal / unexpected names are refused before anything else.
    evil = {**bundle.members, "../evil.txt": b"x"}
    _assert_refused(world, _repack(world, bundle, members=evil), tmp_path, BundleDamagedError)
    # Plaintext that is not a zip at all.
    _assert_refused(
        world,
        pyrage.encrypt(b"geen zip", [world.identity.to_public()]),
        tmp_path,
        BundleDamagedError,
    )
    # Manifest that is not JSON / lacks fields.
    _assert_refused(
        world,
        _repack(
            world,
            bundle,
            manifest={
                "sender": {"key_id": world.sender.key_id},
                "format": "waakvlam-bundle",
                "format_version": 1,
            },
        ),
        tmp_path,
        BundleDamagedError,
    )


def test_future_format_version_is_refused_after_the_signature(world: World, tmp_path: Path) -> None:
    with world.vault.session() as s:
        partner = get_partner(s, world.partners["Wijkteam"])
        built = build_bundle(s, partner, NOV, format_version=3)
    assert built.manifest["format_version"] == 3
    _assert_refused(world, built.data, tmp_path, UnknownFormatError)


def test_replay_is_refused_and_nothing_written(world: World, tmp_path: Path) -> None:
    made = tmp_path / "made"
    made.mkdir()
    first = _export(world, "Wijkteam", made, Period.parse("2026-10"))
    second = _export(world, "Wijkteam", made, NOV)
    out = tmp_path / "out"
    state = trusting_state(tmp_path / "state.json", world.sender)
    _b, folder = open_file(second, world.identity, out, state)
    assert (folder / "manifest.json").exists() and (folder / "manifest.sig").stat().st_size == 64
    assert (folder / "csv" / "households.csv").exists()
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    with pytest.raises(ReplayError):
        open_file(second, world.identity, out, state)
    # An older bundle never opened before opens (the state is a set, not a high-water mark);
    # verify refuses it afterwards, and records nothing itself.
    older, _folder = open_file(first, world.identity, out, state)
    with pytest.raises(ReplayError):
        verify_file(first, world.identity, state)
    with pytest.raises(ReplayError):
        open_file(first, world.identity, out, state)
    assert len(list(out.iterdir())) == 2
    doc = json.loads((tmp_path / "state.json").read_text())
    opened = next(iter(doc["opened"].values()))
    assert sorted(e["sequence"] for e in opened.values()) == [1, 2]
    assert older.bundle_id in opened
    del before


def test_opened_files_match_the_manifest(world: World, case_bundle: bytes, tmp_path: Path) -> None:
    src = tmp_path / "b.age"
    src.write_bytes(case_bundle)
    bundle, folder = open_file(
        src, world.identity, tmp_path / "out", trusting_state(tmp_path / "s.json", world.sender)
    )
    sig = (folder / "manifest.sig").read_bytes()
    world.sender.verifier().verify(sig, (folder / "manifest.json").read_bytes())
    for name, entry in bundle.manifest["files"].items():
        assert fmt.sha256_hex((folder / name).read_bytes()) == entry["sha256"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == [folder.name]


@pytest.mark.parametrize(
    ("partner", "period"),
    [("Wijkteam", "2026-11"), ("Gemeente", "2026-Q3"), ("Collega", "2026-11")],
)
def test_data_json_matches_the_published_schema(
    world: World, tmp_path: Path, partner: str, period: str
) -> None:
    schema_path = Path(__file__).parents[2] / "docs" / "bundle-data.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = _open(world, _export(world, partner, tmp_path / "exports", Period.parse(period))).data()
    jsonschema.Draft202012Validator(schema).validate(data)
    broken = dict(data, format_version=3)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_handover_csv_quotes_what_needs_quoting(world: World, tmp_path: Path) -> None:
    """The optional CSV copies of handover tables (HANDOVER_CSV), built by SQLite."""
    tricky = 'Zei: "kom maar"; daarna\r\nnieuwe regel; ĳs en Öztürk'
    with world.vault.session() as s:
        vid = record_visit(
            s, VisitInput(world.households["fam. Jansen"], VisitKind.INFORMEEL, notes=tricky)
        ).visit_id
    with world.vault.session() as s:
        content = collect_handover(s, with_csv=True)
        without = collect_handover(s)
    assert all(t.csv is None for t in without.serialised)
    visit = next(t for t in content.serialised if t.name == "visit")
    assert visit.csv is not None and visit.csv.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(visit.csv.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header == visit.columns and len(body) == visit.count == 8
    by_id = {r[header.index("id")]: r for r in body}
    assert by_id[uuid.UUID(vid).hex][header.index("notes")] == tricky
    # data.json carries the same text, and the same row count.
    doc = json.loads(handover_json({"format_version": 2}, content.serialised))
    visits = doc["tables"]["visit"]
    notes = {
        r[visits["columns"].index("id")]: r[visits["columns"].index("notes")]
        for r in visits["rows"]
    }
    assert notes[uuid.UUID(vid).hex] == tricky and len(notes) == 8


def test_plaintext_is_an_ordinary_zip_for_unzip(
    world: World, case_bundle: bytes, tmp_path: Path
) -> None:
    """age (here: pyrage, the same format) + unzip, as documented for partners without us."""
    unzip = shutil.which("unzip")
    if unzip is None:
        pytest.skip("unzip is not installed")
    plain = tmp_path / "bundel.zip"
    plain.write_bytes(pyrage.decrypt(case_bundle, [world.identity]))
    listing = subprocess.run([unzip, "-Z1", str(plain)], capture_output=True, text=True)
    assert listing.returncode == 0
    assert set(listing.stdout.split()) >= {"manifest.json", "manifest.sig", "data.json"}
    check = subprocess.run([unzip, "-tq", str(plain)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout

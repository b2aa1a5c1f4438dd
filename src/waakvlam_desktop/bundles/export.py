"""Making export bundles: preview, build (in memory), write (atomically), record history.

For the GUI: run :func:`export_bundle` in a worker with its own session; ``progress`` is
called with (stage, done, total) and ``cancel`` is polled between steps (return True to
stop: :class:`ExportCancelledError`, nothing written, nothing recorded).
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyrage
from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from waakvlam_desktop import fileio
from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles.changes import changes_since_previous
from waakvlam_desktop.bundles.collect import (
    Content,
    SerialisedTable,
    collect_aggregate,
    collect_case,
    collect_handover,
    handover_counts,
)
from waakvlam_desktop.bundles.keys import (
    ensure_reply_identity,
    ensure_signing_key,
    recipient_fingerprint,
    sign,
)
from waakvlam_desktop.clock import to_local, utc_naive, utc_text
from waakvlam_desktop.documents.cover_sheet import SummaryInfo, render_summary
from waakvlam_desktop.documents.workbook import workbook_bytes
from waakvlam_desktop.domain.disclosure import load_disclosure, named_fields
from waakvlam_desktop.domain.exports import (
    DueExport,
    Period,
    check_period,
    due_exports,
    next_sequence,
    require_recipients,
)
from waakvlam_desktop.domain.partners import get_partner
from waakvlam_desktop.domain.settings import MIN_CELL_FLOOR, load_settings
from waakvlam_desktop.domain.setup import organisation
from waakvlam_desktop.domain.spreadsheet_csv import excel_csv
from waakvlam_desktop.domain.types import DataProfile, PartnerType
from waakvlam_desktop.errors import ExportCancelledError, ExportError
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.batches import chunks
from waakvlam_desktop.storage.models import (
    ErasureRequest,
    ExportHousehold,
    ExportRecord,
    ExportReferral,
    Partner,
    new_id,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message, current_language

Progress = Callable[[str, int, int], None]
Cancel = Callable[[], bool]

STAGES = ("query", "serialise", "summary", "sign", "zip", "encrypt", "write")

CANCELLED = Message(
    "export.cancelled",
    QT_TRANSLATE_NOOP("Errors", "The export was cancelled; nothing was saved."),
)
FILE_EXISTS = Message(
    "export.file_exists",
    QT_TRANSLATE_NOOP(
        "Errors", "{path} already exists. Choose another name; nothing is overwritten."
    ),
)
FOLDER_MISSING = Message(
    "export.folder_missing", QT_TRANSLATE_NOOP("Errors", "The folder {folder} does not exist.")
)
# A bundle that a reader would refuse for its size (bundles/reader.py, the partner app) is
# never made: it would arrive as "damaged". Found at 50,000 households (#16): the handover's
# data.json alone was 723 MB, over the 512 MiB a reader accepts per member.
TOO_LARGE = Message(
    "export.too_large",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This export is too large to send in one bundle. Nothing was exported. Ask your"
        " application manager for help.",
    ),
)
WRITE_FAILED = Message(
    "export.write_failed",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The bundle could not be saved in {folder} (disk full or no write permission). Nothing"
        " was saved.",
    ),
)


@dataclass(frozen=True, slots=True)
class ExportPreview:
    partner_id: str
    partner_name: str
    partner_type: PartnerType
    profile: DataProfile
    period: Period
    counts: dict[str, int]
    exclusions: dict[str, int]
    recipient_fingerprints: tuple[str, ...]
    next_sequence: int
    problem: str | None  # a Dutch sentence when the export cannot be made yet
    shared: tuple[str, ...] = ()  # what may leave, from resources/disclosure/disclosure.json
    changes: tuple[str, ...] = ()  # case: what changed since the previous bundle (sentences)

    @property
    def ready(self) -> bool:
        return self.problem is None


@dataclass(frozen=True, slots=True)
class BuiltBundle:
    data: bytes
    bundle_id: str
    sequence: int
    sha256: str
    profile: DataProfile
    counts: dict[str, int]
    exclusions: dict[str, int]
    manifest: dict[str, Any]
    signing_key_id: str
    timings: dict[str, float] = field(default_factory=dict)
    # Case bundles: what the per-household export record keeps.
    carried_households: tuple[str, ...] = ()
    carried_referrals: dict[str, str] = field(default_factory=dict)
    erasure_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    bundle_id: str
    partner_id: str
    partner_name: str
    profile: DataProfile
    period: str
    sequence: int
    sha256: str
    size_bytes: int
    counts: dict[str, int]
    exclusions: dict[str, int]
    timings: dict[str, float]


def shared_texts(partner: Partner, language: str | None = None) -> tuple[str, ...]:
    """What this partner's bundles may carry, in plain words (the disclosure spec), in
    ``language`` (default: the current language)."""
    fields = named_fields(
        load_disclosure(), DataProfile(partner.profile), partner.type, may_call=True
    )
    return tuple(f.text(language or current_language()) for f in fields)


def _recipients(session: Session, partner: Partner) -> list[str]:
    recipients = list(require_recipients(partner))
    archive = load_settings(session).export_archive_recipient.strip()
    if archive and archive not in recipients:
        recipients.append(archive)
    return recipients


def _aggregate(
    session: Session, partner: Partner, period: Period, check: Callable[[], None] | None = None
) -> Content:
    settings = load_settings(session)
    min_cell = max(MIN_CELL_FLOOR, settings.aggregate_min_cell)
    if check is None:
        return collect_aggregate(session, partner, period, min_cell, level=settings.aggregate_level)
    return collect_aggregate(
        session, partner, period, min_cell, check, level=settings.aggregate_level
    )


def preview_export(session: Session, partner_id: str, period: Period) -> ExportPreview:
    """What an export would hold: counts and exclusions, without building anything.

    A period this partner may not get raises ExportError (:func:`check_period`).
    """
    partner = get_partner(session, partner_id)
    check_period(session, partner, period)
    profile = DataProfile(partner.profile)
    changes: tuple[str, ...] = ()
    if profile is DataProfile.CASE:
        content = collect_case(session, partner, period)
        counts, exclusions = content.counts, content.exclusions
        changes = changes_since_previous(session, partner.id, content).lines(erasures=False)
    elif profile is DataProfile.AGGREGATE:
        counts, exclusions = _aggregate(session, partner, period).counts, {}
    else:
        counts, exclusions = handover_counts(session), {}
    problem = None
    try:
        fingerprints = tuple(recipient_fingerprint(r) for r in _recipients(session, partner))
    except ExportError as exc:
        fingerprints, problem = (), str(exc)
    return ExportPreview(
        partner_id=partner.id,
        partner_name=partner.name,
        partner_type=PartnerType(partner.type),
        profile=profile,
        period=period,
        counts=counts,
        exclusions=exclusions,
        recipient_fingerprints=fingerprints,
        next_sequence=next_sequence(session, partner.id),
        problem=problem,
        shared=shared_texts(partner),
        changes=changes,
    )


def csv_bytes(header: list[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """A bundle CSV for Dutch Excel, formula cells neutralised (``domain.spreadsheet_csv``)."""
    return excel_csv(header, rows).encode("utf-8")


def handover_json(doc: dict[str, Any], tables: list[SerialisedTable]) -> bytes:
    """``data.json`` of a handover bundle, assembled from the rows SQLite serialised."""
    head = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))[:-1]
    parts = [head.encode("utf-8"), b',"tables":{']
    for i, table in enumerate(tables):
        parts.append(
            f'{"," if i else ""}{json.dumps(table.name)}:{{"columns":'
            f'{json.dumps(table.columns)},"rows":['.encode()
        )
        parts.append(table.rows_json)
        parts.append(b"]}")
    parts.append(b"}}")
    return b"".join(parts)


class _Steps:
    def __init__(self, progress: Progress | None, cancel: Cancel | None) -> None:
        self.progress = progress
        self.cancel = cancel
        self.timings: dict[str, float] = {}
        self._stage = ""
        self._started = 0.0

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise ExportCancelledError(CANCELLED)

    def start(self, stage: str) -> None:
        self.check()
        self._stage = stage
        self._started = time.perf_counter()
        if self.progress is not None:
            self.progress(stage, STAGES.index(stage), len(STAGES))

    def done(self) -> None:
        self.timings[self._stage] = time.perf_counter() - self._started


def build_bundle(
    session: Session,
    partner: Partner,
    period: Period,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    sequence: int | None = None,
    format_version: int | None = None,
) -> BuiltBundle:
    """The encrypted bundle as bytes. Nothing is written or recorded here."""
    check_period(session, partner, period)
    steps = _Steps(progress, cancel)
    # The audit head as it stands before this export: a witness the partner keeps.
    audit_head = audit.audit_head(session)
    recipients = _recipients(session, partner)
    profile = DataProfile(partner.profile)
    if format_version is None:
        format_version = (
            fmt.HANDOVER_FORMAT_VERSION if profile is DataProfile.HANDOVER else fmt.FORMAT_VERSION
        )
    clock = session.info["clock"]
    created = utc_naive(clock.now())

    steps.start("query")
    content: Content
    if profile is DataProfile.CASE:
        content = collect_case(session, partner, period, steps.check)
    elif profile is DataProfile.AGGREGATE:
        content = _aggregate(session, partner, period, steps.check)
    else:
        content = collect_handover(
            session, steps.check, dashed_ids=format_version < fmt.HANDOVER_FORMAT_VERSION
        )
    steps.done()

    steps.start("serialise")
    period_doc = {
        "label": period.label,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
    }
    doc = {
        "format_version": format_version,
        "profile": profile.value,
        "period": period_doc,
        **content.data,
    }
    members: dict[str, bytes] = {}
    if content.serialised:
        members[fmt.DATA] = handover_json(doc, content.serialised)
        for table in content.serialised:
            if table.csv is not None:
                members[f"csv/{table.name}.csv"] = table.csv
    else:
        members[fmt.DATA] = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    for name, (header, rows) in content.tables.items():
        steps.check()
        members[f"csv/{name}.csv"] = csv_bytes(header, rows)
    if content.tables:  # case and aggregate: the same tables, typed, for Excel
        members[fmt.WORKBOOK] = workbook_bytes(content.tables, created=created)
    for reference, pdf in sorted(content.letters.items()):
        members[f"letters/{reference}.pdf"] = pdf
    steps.done()

    signing = ensure_signing_key(session)
    reply_to = ensure_reply_identity(session).recipient
    org = organisation(session)
    org_name = org.name if org else ""
    bundle_id = str(uuid.uuid4())
    seq = sequence if sequence is not None else next_sequence(session, partner.id)
    fingerprints = [recipient_fingerprint(r) for r in recipients]

    steps.start("summary")
    changes = (
        changes_since_previous(session, partner.id, content)
        if profile is DataProfile.CASE
        else None
    )
    members[fmt.SUMMARY] = render_summary(
        SummaryInfo(
            organisation=org_name,
            partner_name=partner.name,
            partner_type=partner.type,
            profile=profile,
            period_label=period.label,
            period_text=f"{period.start:%d-%m-%Y} t/m {period.end:%d-%m-%Y}",
            created_text=f"{to_local(created):%d-%m-%Y %H:%M}",
            bundle_id=bundle_id,
            sequence=seq,
            sender_key_id=signing.key_id,
            recipient_fingerprints=tuple(fingerprints),
            counts=content.counts,
            exclusions=content.exclusions,
            shared=shared_texts(partner, "nl"),
            changes=changes.lines("nl", erasures=False) if changes else (),
        )
    )
    steps.done()

    _check_fits(members)

    steps.start("sign")
    manifest: dict[str, Any] = {
        "format": fmt.FORMAT_NAME,
        "format_version": format_version,
        "bundle_id": bundle_id,
        "sequence": seq,
        "created_at": utc_text(created),
        "period": period_doc,
        "sender": {"organisation": org_name, "key_id": signing.key_id},
        "partner": {"id": partner.id, "name": partner.name, "type": partner.type},
        "recipients": fingerprints,
        "profile": profile.value,
        "counts": content.counts,
        "exclusions": content.exclusions,
        "files": fmt.file_entries(members),
        "audit_head": audit_head.as_dict(),
        # Where the partner's feedback reply is encrypted to (docs/bundle-format.md).
        "reply_recipient": reply_to,
    }
    manifest_raw = fmt.manifest_bytes(manifest)
    if len(manifest_raw) > fmt.MAX_MANIFEST:
        raise ExportError(TOO_LARGE)
    signature = sign(signing, manifest_raw)
    steps.done()

    steps.start("zip")
    # Handover bundles are large and go by file share: stored, since deflate would cost more
    # than everything else together. Case and aggregate bundles are small: deflated.
    plaintext = fmt.write_zip(
        {fmt.MANIFEST: manifest_raw, fmt.SIGNATURE: signature, **members},
        compress=profile is not DataProfile.HANDOVER,
    )
    del members
    steps.done()

    steps.start("encrypt")
    encrypted = pyrage.encrypt(plaintext, [pyrage.x25519.Recipient.from_str(r) for r in recipients])
    del plaintext
    if len(encrypted) > fmt.MAX_BUNDLE_BYTES:
        raise ExportError(TOO_LARGE)
    digest = fmt.sha256_hex(encrypted)
    steps.done()
    return BuiltBundle(
        data=encrypted,
        bundle_id=bundle_id,
        sequence=seq,
        sha256=digest,
        profile=profile,
        counts=content.counts,
        exclusions=content.exclusions,
        manifest=manifest,
        signing_key_id=signing.key_id,
        timings=steps.timings,
        carried_households=tuple(content.carried_households),
        carried_referrals=dict(content.carried_referrals),
        erasure_ids=tuple(content.erasure_ids),
    )


def _check_fits(members: dict[str, bytes]) -> None:
    """Refuse what a reader would refuse for its size (``bundles/reader.py`` checks the
    manifest's sizes and the zip's member count against the same limits), before anything
    is signed, recorded or written. The manifest's and the encrypted file's own limits are
    checked where they are made (:func:`build_bundle`)."""
    sizes = [len(data) for data in members.values()]
    fits = (
        max(sizes, default=0) <= fmt.MAX_MEMBER
        and sum(sizes) <= fmt.MAX_TOTAL
        and len(members) + 2 <= fmt.MAX_MEMBERS  # + the manifest and its signature
    )
    if not fits:
        raise ExportError(TOO_LARGE)


def _record_carried(session: Session, record_id: str, built: BuiltBundle) -> None:
    """The per-household export record: which households and referrals (with the status
    carried) this bundle held, and which erasure requests went out in it."""
    con = session.connection()
    if built.carried_households:
        con.execute(
            insert(ExportHousehold),
            [{"export_id": record_id, "household_id": h} for h in built.carried_households],
        )
    if built.carried_referrals:
        con.execute(
            insert(ExportReferral),
            [
                {"export_id": record_id, "referral_id": rid, "status": status}
                for rid, status in built.carried_referrals.items()
            ],
        )
    for chunk in chunks(list(built.erasure_ids)):
        session.execute(
            update(ErasureRequest).where(ErasureRequest.id.in_(chunk)).values(export_id=record_id),
            execution_options={"synchronize_session": False},
        )


def write_bundle(path: Path, data: bytes) -> None:
    """Save a bundle with :func:`fileio.write_atomic`; never overwrites."""
    target = path.expanduser()
    if target.exists():
        raise ExportError(FILE_EXISTS, path=target)
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(FOLDER_MISSING, folder=folder)
    try:
        fileio.write_atomic(target, data)
    except FileExistsError as exc:
        raise ExportError(FILE_EXISTS, path=target) from exc
    except OSError as exc:
        raise ExportError(WRITE_FAILED, folder=folder) from exc


def default_file_name(partner_name: str, period: Period, sequence: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", partner_name.lower()).strip("-")[:40] or "partner"
    return f"waakvlam-{slug}-{period.label}-{sequence:04d}.age"


def export_bundle(
    session: Session,
    partner_id: str,
    period: Period,
    out_path: Path,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportResult:
    """Build, write atomically to ``out_path``, and record history + audit event.

    ``out_path`` may be a folder: the bundle then gets :func:`default_file_name`.
    """
    partner = get_partner(session, partner_id)
    built = build_bundle(session, partner, period, progress=progress, cancel=cancel)
    target = out_path.expanduser()
    if target.is_dir():
        target = target / default_file_name(partner.name, period, built.sequence)
    # The history row and the audit event go into the session first; the file is written
    # last, so a failed write rolls everything back (the caller's session). Only a commit
    # failing after a successful write could leave a file without history.
    record_id = new_id()
    session.add(
        ExportRecord(
            id=record_id,
            partner_id=partner.id,
            partner_name=partner.name,
            profile=built.profile.value,
            period_label=period.label,
            period_start=period.start,
            period_end=period.end,
            sequence=built.sequence,
            bundle_id=built.bundle_id,
            bundle_sha256=built.sha256,
            size_bytes=len(built.data),
            signing_key_id=built.signing_key_id,
            counts_json=json.dumps(built.counts, sort_keys=True),
            exclusions_json=json.dumps(built.exclusions, sort_keys=True),
            exported_at=utc_naive(session.info["clock"].now()),
        )
    )
    session.flush()
    _record_carried(session, record_id, built)
    excluded = sum(built.exclusions.values())
    audit.record(
        session,
        "export",
        "partner",
        partner.id,
        detail=(
            f"profiel: {built.profile.value}; periode: {period.label};"
            f" volgnummer: {built.sequence}; bundel: {built.bundle_id};"
            f" aantallen: {json.dumps(built.counts, sort_keys=True)}; uitgesloten: {excluded}"
        ),
    )
    session.flush()
    steps = _Steps(progress, cancel)
    steps.start("write")
    write_bundle(target, built.data)
    steps.done()
    return ExportResult(
        path=target,
        bundle_id=built.bundle_id,
        partner_id=partner.id,
        partner_name=partner.name,
        profile=built.profile,
        period=period.label,
        sequence=built.sequence,
        sha256=built.sha256,
        size_bytes=len(built.data),
        counts=built.counts,
        exclusions=built.exclusions,
        timings={**built.timings, **steps.timings},
    )


def exportable_due(session: Session) -> list[DueExport]:
    return [d for d in due_exports(session) if d.has_recipients]

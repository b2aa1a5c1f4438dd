"""The case conference's agenda as an encrypted bundle to a participating partner (#18 C).

A ``meeting`` bundle is format 1 (docs/bundle-format.md, "Meeting bundles"): signed and
age-encrypted as the others, to the partner's recipients (and the archive recipient). Its
``summary.pdf`` is the agenda for that participant — byte for byte the PDF
``waakvlam meeting agenda --for PARTNER`` prints, from the same
``domain/meetings.participant_view`` (the grondslag per household, ``Disclosure.meeting_view``)
— and its ``data.json`` says which meeting: the day, the place, how many households it
shows. No other member: what the partner may see is in the PDF and nowhere else.

A meeting bundle is not an export: it is not in the export history and does not move the
export periods; it takes the sequence number the partner's next export will have (the
partner's app tells bundles apart by their id). Sending it is audited as the agenda printed
for that participant (one event per household shown) plus an ``export`` event naming the
bundle.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
from sqlalchemy.orm import Session

from waakvlam_desktop.bundles import format as fmt
from waakvlam_desktop.bundles.export import _recipients, write_bundle
from waakvlam_desktop.bundles.keys import ensure_signing_key, recipient_fingerprint, sign
from waakvlam_desktop.clock import utc_naive, utc_text
from waakvlam_desktop.documents.meeting import render_meeting
from waakvlam_desktop.domain.exports import next_sequence
from waakvlam_desktop.domain.meetings import AGENDA, participant_view, record_printed
from waakvlam_desktop.domain.setup import organisation
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.models import Partner

PROFILE = "meeting"


@dataclass(frozen=True, slots=True)
class MeetingBundle:
    data: bytes
    bundle_id: str
    sequence: int
    partner_id: str
    partner_name: str
    households: int  # shown on the agenda (by name or under a code)
    left_out: int  # on the agenda, not shown to this partner
    agenda_pdf: bytes  # the member summary.pdf
    manifest: dict[str, Any]


@dataclass(frozen=True, slots=True)
class MeetingSendResult:
    path: Path
    bundle_id: str
    partner_name: str
    households: int
    left_out: int


def build_meeting_bundle(
    session: Session, meeting_id: str, partner: str, *, language: str = "nl"
) -> MeetingBundle:
    """The encrypted meeting bundle for ``partner`` (id or name, a participant with a
    recipient), as bytes. Nothing is written or recorded here."""
    view = participant_view(session, meeting_id, partner)
    row = session.get_one(Partner, view.partner_id)
    recipients = _recipients(session, row)  # refuses a partner without a recipient
    pdf = render_meeting(view, AGENDA, language)
    held = view.meeting.held_on
    period = {"label": held.isoformat(), "start": held.isoformat(), "end": held.isoformat()}
    shown = len(view.items)
    doc = {
        "format_version": fmt.FORMAT_VERSION,
        "profile": PROFILE,
        "period": period,
        "meeting": {
            "held_on": held.isoformat(),
            "place": view.meeting.place,
            "participant": view.partner_name,
            "households": shown,
            "not_shown": view.left_out,
        },
    }
    members = {
        fmt.DATA: json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8"),
        fmt.SUMMARY: pdf,
    }
    signing = ensure_signing_key(session)
    org = organisation(session)
    bundle_id = str(uuid.uuid4())
    seq = next_sequence(session, row.id)
    manifest: dict[str, Any] = {
        "format": fmt.FORMAT_NAME,
        "format_version": fmt.FORMAT_VERSION,
        "bundle_id": bundle_id,
        "sequence": seq,
        "created_at": utc_text(utc_naive(session.info["clock"].now())),
        "period": period,
        "sender": {"organisation": org.name if org else "", "key_id": signing.key_id},
        "partner": {"id": row.id, "name": row.name, "type": row.type},
        "recipients": [recipient_fingerprint(r) for r in recipients],
        "profile": PROFILE,
        "counts": {"households": shown},
        "exclusions": {"niet_zichtbaar": view.left_out} if view.left_out else {},
        "files": fmt.file_entries(members),
        "audit_head": audit.audit_head(session).as_dict(),
    }
    raw = fmt.manifest_bytes(manifest)
    plaintext = fmt.write_zip({fmt.MANIFEST: raw, fmt.SIGNATURE: sign(signing, raw), **members})
    encrypted = pyrage.encrypt(plaintext, [pyrage.x25519.Recipient.from_str(r) for r in recipients])
    return MeetingBundle(
        encrypted, bundle_id, seq, row.id, row.name, shown, view.left_out, pdf, manifest
    )


def send_meeting(
    session: Session, meeting_id: str, partner: str, out_path: Path, *, language: str = "nl"
) -> MeetingSendResult:
    """Build the meeting bundle, record its audit events, then write it (never over an
    existing file; a failed write rolls the audit events back with the caller's session)."""
    built = build_meeting_bundle(session, meeting_id, partner, language=language)
    view = participant_view(session, meeting_id, built.partner_id)
    record_printed(session, view, AGENDA)
    audit.record(
        session,
        "export",
        "partner",
        built.partner_id,
        detail=(
            f"profiel: {PROFILE}; overleg: {view.meeting.id}; volgnummer: {built.sequence};"
            f" bundel: {built.bundle_id}; huishoudens: {built.households};"
            f" niet zichtbaar: {built.left_out}"
        ),
    )
    session.flush()
    target = out_path.expanduser()
    write_bundle(target, built.data)
    return MeetingSendResult(
        target, built.bundle_id, built.partner_name, built.households, built.left_out
    )

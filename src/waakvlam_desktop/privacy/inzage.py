"""Inzage (subject access, AVG art. 15): everything stored about one resident.

:func:`inzage_data` gathers it as plain JSON-ready data: the resident, the household and
its address, every visit (with the signs and remarks), concern levels, follow-ups,
referrals with their grondslag, consent and status history, the partners that received
data, the retention terms, and every audit event about the resident or the household
(who viewed, changed, printed, exported or shared it, and when). Other residents of the
household appear only as a count: their data is theirs.

:func:`write_inzage` writes a readable PDF and the JSON into a new folder inside the
chosen folder, atomically (built in a hidden temp folder there, renamed on success), and
records an audit event. The texts around the data are in resources/privacy/inzage.json.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from waakvlam_desktop import __version__
from waakvlam_desktop.clock import local_today, to_local, utc_naive
from waakvlam_desktop.errors import NotFoundError, WaakvlamError
from waakvlam_desktop.privacy import audit
from waakvlam_desktop.storage.models import (
    AuditEvent,
    ChecklistItem,
    ConcernLevelEntry,
    Draft,
    FollowUp,
    Household,
    Partner,
    Referral,
    ReferralSignal,
    ReferralStatusEvent,
    Resident,
    SignalObservation,
    StaffMember,
    Visit,
    VisitResident,
)

VIEW_OR_SHARE = ("view", "print", "export", "share", "inzage")


def inzage_texts() -> dict[str, str]:
    raw = (
        resources.files("waakvlam_desktop.resources")
        .joinpath("privacy/inzage.json")
        .read_text(encoding="utf-8")
    )
    doc: dict[str, Any] = json.loads(raw)
    return {k: str(v) for k, v in doc.items() if k != "format"}


def _iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + "Z"
    return value.isoformat()


def inzage_data(session: Session, resident_id: str) -> dict[str, Any]:
    """Everything stored about this resident, as JSON-ready plain data."""
    from waakvlam_desktop.domain.setup import organisation
    from waakvlam_desktop.privacy.consent import partners_that_received_data
    from waakvlam_desktop.privacy.retention import retention_terms

    res = session.get(Resident, resident_id)
    if res is None:
        raise NotFoundError(f"Bewoner {resident_id} bestaat niet.")
    hh = session.get(Household, res.household_id)
    assert hh is not None
    hid = hh.id
    staff = dict(session.execute(select(StaffMember.id, StaffMember.name)).all())
    partners = dict(session.execute(select(Partner.id, Partner.name)).all())
    items = {
        i.id: i
        for i in session.scalars(
            select(ChecklistItem).where(
                ChecklistItem.id.in_(
                    select(SignalObservation.item_id).where(SignalObservation.household_id == hid)
                )
            )
        )
    }

    def who(staff_id: str | None) -> str:
        return staff.get(staff_id, "") if staff_id else ""

    present = set(
        session.scalars(select(VisitResident.visit_id).where(VisitResident.resident_id == res.id))
    )
    visits = []
    for v in session.scalars(
        select(Visit).where(Visit.household_id == hid).order_by(Visit.visited_at)
    ):
        visits.append(
            {
                "id": v.id,
                "visited_at": _iso(v.visited_at),
                "kind": v.kind,
                "staff": who(v.staff_id),
                "notes": v.notes,
                "resident_present": v.id in present,
                "signals": [
                    {
                        "code": items[o.item_id].code,
                        "label": items[o.item_id].label_nl,
                        "severity": o.severity,
                        "remark": o.remark,
                    }
                    for o in sorted(v.observations, key=lambda o: items[o.item_id].position)
                ],
            }
        )
    concern = [
        {
            "level": c.level,
            "suggested_level": c.suggested_level,
            "set_at": _iso(c.set_at),
            "next_check_in": _iso(c.next_check_in),
            "staff": who(c.staff_id),
        }
        for c in session.scalars(
            select(ConcernLevelEntry)
            .where(ConcernLevelEntry.household_id == hid)
            .order_by(ConcernLevelEntry.set_at)
        )
    ]
    follow_ups = [
        {
            "description": f.description,
            "due_on": _iso(f.due_on),
            "status": f.status,
            "created_at": _iso(f.created_at),
        }
        for f in session.scalars(
            select(FollowUp).where(FollowUp.household_id == hid).order_by(FollowUp.created_at)
        )
    ]
    referrals = []
    for r in session.scalars(
        select(Referral).where(Referral.household_id == hid).order_by(Referral.created_at)
    ):
        signal_labels = [
            items[o.item_id].label_nl if o.item_id in items else ""
            for o in session.scalars(
                select(SignalObservation)
                .join(ReferralSignal, ReferralSignal.observation_id == SignalObservation.id)
                .where(ReferralSignal.referral_id == r.id)
            )
        ]
        history = [
            {"at": _iso(e.at), "from": e.from_status, "to": e.to_status, "note": e.note}
            for e in session.scalars(
                select(ReferralStatusEvent)
                .where(ReferralStatusEvent.referral_id == r.id)
                .order_by(ReferralStatusEvent.at)
            )
        ]
        referrals.append(
            {
                "reference": r.reference,
                "partner": partners.get(r.partner_id, ""),
                "status": r.status,
                "created_at": _iso(r.created_at),
                "reason": r.reason,
                "letter_context": r.letter_context,
                "signals": signal_labels,
                "grondslag": r.grondslag,
                "consent_form": r.consent_form,
                "consent_date": _iso(r.consent_date),
                "consent_withdrawn_on": _iso(r.consent_withdrawn_on),
                "consent_withdrawal_note": r.consent_withdrawal_note,
                "basis_text": r.basis_text,
                "feedback_due": _iso(r.feedback_due),
                "letter_stored": r.letter_pdf is not None,
                "history": history,
            }
        )
    events = session.execute(
        select(AuditEvent)
        .where(or_(AuditEvent.household_id == hid, AuditEvent.entity_id == res.id))
        .order_by(AuditEvent.seq)
    ).scalars()
    ref_partner = dict(
        session.execute(
            select(Referral.id, Referral.partner_id).where(Referral.household_id == hid)
        ).all()
    )
    access = []
    for ev in events:
        partner = ""
        if ev.entity == "partner":
            partner = partners.get(ev.entity_id or "", "")
        elif ev.entity == "referral":
            partner = partners.get(ref_partner.get(ev.entity_id or "", ""), "")
        access.append(
            {
                "at": _iso(ev.at),
                "staff": who(ev.actor),
                "action": ev.action,
                "entity": ev.entity,
                "partner": partner,
                "detail": ev.detail,
            }
        )
    drafts = []
    # Unsaved editor content is stored data too.
    for draft in session.scalars(select(Draft).where(Draft.household_id == hid)):
        drafts.append(
            {
                "kind": draft.kind,
                "saved_at": _iso(draft.updated_at),
                "content": draft.payload_json,
            }
        )
    addr = hh.address
    org = organisation(session)
    return {
        "format": "waakvlam-inzage",
        "version": 1,
        "generated_at": _iso(utc_naive(session.info["clock"].now())),
        "app_version": __version__,
        "organisation": org.name if org else "",
        "resident": {
            "id": res.id,
            "name": res.name,
            "birth_year": res.birth_year,
            "birth_date": _iso(res.birth_date),
            "phone": res.phone,
            "recorded_at": _iso(res.created_at),
            "recorded_by": who(res.created_by),
            "changed_at": _iso(res.updated_at),
        },
        "household": {
            "id": hid,
            "label": hh.label,
            "status": hh.status,
            "closed_on": _iso(hh.closed_on),
            "review_on": _iso(hh.review_on),
            "concern_level": hh.concern_level,
            "next_check_in": _iso(hh.next_check_in),
            "address": addr.line,
            "postcode": addr.postcode,
            "city": addr.city,
            "wijk": addr.wijk,
            "complex": addr.complex.name if addr.complex else "",
            "other_residents": sum(1 for r in hh.residents if r.id != res.id),
        },
        "visits": visits,
        "concern_history": concern,
        "follow_ups": follow_ups,
        "referrals": referrals,
        "drafts": drafts,
        "partners_that_received_data": [
            {
                "partner": p.partner_name,
                "first_on": _iso(p.first_on),
                "last_on": _iso(p.last_on),
                "via": list(p.via),
                "consent_withdrawn": p.consent_withdrawn,
            }
            for p in partners_that_received_data(session, hid)
        ],
        "retention_months": retention_terms(session),
        "access_log": access,
    }


# ---- the PDF -----------------------------------------------------------------------------
def _nl(value: str | None) -> str:
    if not value:
        return "-"
    if "T" in value:
        moment = to_local(datetime.fromisoformat(value.rstrip("Z")))
        return moment.strftime("%d-%m-%Y %H:%M")
    return date.fromisoformat(value).strftime("%d-%m-%Y")


def render_inzage_pdf(data: dict[str, Any]) -> bytes:
    """A readable A4 PDF of :func:`inzage_data`, built in memory."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from waakvlam_desktop.letters.fonts import register_fonts

    fonts = register_fonts()
    texts = inzage_texts()
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=9.5, leading=13)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    h1 = ParagraphStyle("h1", parent=body, fontName=fonts.bold, fontSize=16, leading=20)
    h2 = ParagraphStyle(
        "h2", parent=body, fontName=fonts.bold, fontSize=11.5, leading=15, spaceBefore=8
    )

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    def table(rows: list[list[str]], widths: list[float], header: bool = True) -> Table:
        cells = [[p(c, small) for c in row] for row in rows]
        t = Table(cells, colWidths=widths, repeatRows=1 if header else 0)
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
        t.setStyle(TableStyle(style))
        return t

    res, hh = data["resident"], data["household"]
    story: list[Any] = [
        p(texts["title"], h1),
        p(f"{data['organisation']} — opgemaakt op {_nl(data['generated_at'])}", small),
        Spacer(1, 4 * mm),
        p(texts["intro"]),
        Spacer(1, 2 * mm),
        p(texts["purpose"]),
        p("Uw gegevens", h2),
        table(
            [
                ["Naam", res["name"]],
                ["Geboortejaar", str(res["birth_year"] or "-")],
                ["Telefoon", res["phone"] or "-"],
                ["Vastgelegd", f"{_nl(res['recorded_at'])} door {res['recorded_by'] or '-'}"],
                ["Huishouden", hh["label"]],
                ["Adres", f"{hh['address']}, {hh['postcode']} {hh['city']}"],
                ["Wijk / complex", f"{hh['wijk'] or '-'} / {hh['complex'] or '-'}"],
                ["Zorgniveau", hh["concern_level"]],
                [
                    "Dossier",
                    f"{hh['status']}"
                    + (f", gesloten op {_nl(hh['closed_on'])}" if hh["closed_on"] else ""),
                ],
                ["Andere bewoners", str(hh["other_residents"])],
            ],
            [40 * mm, 130 * mm],
            header=False,
        ),
        p(texts["other_residents"], small),
        p(f"Huisbezoeken ({len(data['visits'])})", h2),
    ]
    for v in data["visits"]:
        present = "u was aanwezig" if v["resident_present"] else "u was niet aanwezig"
        story.append(p(f"{_nl(v['visited_at'])} — {v['kind']} — {v['staff']} ({present})", body))
        if v["notes"]:
            story.append(p(v["notes"], small))
        for sig in v["signals"]:
            remark = f": {sig['remark']}" if sig["remark"] else ""
            story.append(p(f"• {sig['label']} (ernst {sig['severity']}){remark}", small))
        story.append(Spacer(1, 2 * mm))
    if data["follow_ups"]:
        story.append(p("Afspraken en acties", h2))
        story.append(
            table(
                [["Omschrijving", "Uiterlijk", "Status"]]
                + [[f["description"], _nl(f["due_on"]), f["status"]] for f in data["follow_ups"]],
                [110 * mm, 30 * mm, 30 * mm],
            )
        )
    if data["drafts"]:
        story.append(p("Niet afgeronde aantekeningen (concepten)", h2))
        for d in data["drafts"]:
            story.append(p(f"{_nl(d['saved_at'])}: {d['content'] or ''}", small))
    story.append(p(f"Doorverwijzingen ({len(data['referrals'])})", h2))
    for r in data["referrals"]:
        basis = (
            f"toestemming ({r['consent_form']}, {_nl(r['consent_date'])})"
            if r["grondslag"] == "toestemming"
            else f"andere grondslag: {r['basis_text']}"
        )
        if r["consent_withdrawn_on"]:
            basis += f"; ingetrokken op {_nl(r['consent_withdrawn_on'])}"
        story.append(p(f"{r['reference']} aan {r['partner']} — {r['status']}", body))
        story.append(p(f"Grondslag: {basis}", small))
        if r["reason"]:
            story.append(p(f"Reden: {r['reason']}", small))
        if r["letter_context"]:
            story.append(p(f"Toelichting in de brief: {r['letter_context']}", small))
        if r["signals"]:
            story.append(p("Signalen: " + ", ".join(r["signals"]), small))
        story.append(Spacer(1, 2 * mm))
    story.append(p("Wie uw gegevens heeft ontvangen", h2))
    if data["partners_that_received_data"]:
        story.append(
            table(
                [["Partner", "Eerste keer", "Laatste keer", "Hoe"]]
                + [
                    [x["partner"], _nl(x["first_on"]), _nl(x["last_on"]), ", ".join(x["via"])]
                    for x in data["partners_that_received_data"]
                ],
                [70 * mm, 30 * mm, 30 * mm, 40 * mm],
            )
        )
    else:
        story.append(p("Niemand buiten onze organisatie."))
    seen = [a for a in data["access_log"] if a["action"] in VIEW_OR_SHARE]
    story.append(p("Wie uw gegevens heeft ingezien of gedeeld", h2))
    story.append(
        table(
            [["Wanneer", "Medewerker", "Wat", "Partner"]]
            + [
                [_nl(a["at"]), a["staff"], audit.action_label(a["action"]), a["partner"]]
                for a in seen
            ],
            [35 * mm, 55 * mm, 35 * mm, 45 * mm],
        )
        if seen
        else p("Nog niemand.")
    )
    story.append(p("Alle wijzigingen (auditlog)", h2))
    story.append(
        table(
            [["Wanneer", "Medewerker", "Wat", "Onderdeel"]]
            + [
                [
                    _nl(a["at"]),
                    a["staff"],
                    audit.action_label(a["action"]),
                    audit.entity_label(a["entity"]),
                ]
                for a in data["access_log"]
            ],
            [35 * mm, 55 * mm, 35 * mm, 45 * mm],
        )
    )
    terms = data["retention_months"]
    story += [
        p("Hoe lang wij uw gegevens bewaren", h2),
        p(
            f"Na het afsluiten van het dossier (of na de laatste activiteit): notities"
            f" {terms['visit_notes']} maanden, opmerkingen bij signalen {terms['signals']}"
            f" maanden, doorverwijzingen en brieven {terms['referrals']} maanden. Daarna"
            " verwijderen wij de tekst en uw naam; alleen tellingen zonder naam blijven."
        ),
        p("Uw rechten", h2),
        p(texts["rights"]),
    ]

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title="Inzage",
        author=data["organisation"],
        creator=f"Waakvlam {data['app_version']}",
    )

    def footer(canvas: Any, doc_: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts.regular, 7.5)
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, f"Inzage — pagina {doc_.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


# ---- writing -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class InzageResult:
    folder: Path
    pdf: Path
    json: Path


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def write_inzage(session: Session, resident_id: str, out_dir: Path) -> InzageResult:
    """Write ``inzage.pdf`` and ``inzage.json`` into a new folder inside ``out_dir``."""
    out_dir = Path(out_dir)
    data = inzage_data(session, resident_id)
    pdf = render_inzage_pdf(data)
    blob = (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        base = f"inzage-{local_today(session.info['clock']):%Y%m%d}-{resident_id[:8]}"
        final = out_dir / base
        n = 2
        while final.exists():
            final = out_dir / f"{base}-{n}"
            n += 1
        tmp = Path(tempfile.mkdtemp(prefix=".inzage-", dir=out_dir))
        try:
            _write_private(tmp / "inzage.pdf", pdf)
            _write_private(tmp / "inzage.json", blob)
            os.rename(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        with contextlib.suppress(OSError):
            os.chmod(final, 0o700)
    except OSError as exc:
        raise WaakvlamError(
            f"Het inzageoverzicht kon niet worden geschreven in {out_dir}"
            + (": de schijf is vol." if exc.errno == 28 else ".")
        ) from exc
    audit.record(
        session,
        "inzage",
        "resident",
        resident_id,
        household_id=data["household"]["id"],
        detail="pdf,json",
    )
    return InzageResult(final, final / "inzage.pdf", final / "inzage.json")

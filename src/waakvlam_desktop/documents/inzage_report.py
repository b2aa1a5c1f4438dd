"""The inzage report (AVG art. 15) as a readable A4 PDF, built in memory.

Input is :func:`waakvlam_desktop.privacy.inzage.inzage_data`'s plain data; the texts
around it are in resources/privacy/inzage.json.
"""

from __future__ import annotations

import io
import json
from datetime import date
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from waakvlam_desktop.clock import from_utc_text, to_local
from waakvlam_desktop.documents.fonts import register_fonts
from waakvlam_desktop.storage import audit

# Audit actions the report lists under "who viewed or shared your data".
VIEW_OR_SHARE = ("view", "print", "export", "share", "inzage", "recovery")


def inzage_texts() -> dict[str, str]:
    raw = (
        resources.files("waakvlam_desktop.resources")
        .joinpath("privacy/inzage.json")
        .read_text(encoding="utf-8")
    )
    doc: dict[str, Any] = json.loads(raw)
    return {k: str(v) for k, v in doc.items() if k != "format"}


def _nl(value: str | None) -> str:
    if not value:
        return "-"
    if "T" in value:
        moment = to_local(from_utc_text(value))
        return moment.strftime("%d-%m-%Y %H:%M")
    return date.fromisoformat(value).strftime("%d-%m-%Y")


def render_inzage_pdf(data: dict[str, Any]) -> bytes:
    """A readable A4 PDF of :func:`inzage_data`, built in memory."""
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
        for c in v.get("corrections", []):
            story.append(p(texts["correction"].format(date=_nl(c["corrected_at"])), small))
            story.append(p(c["notes_before"] or "-", small))
        for sig in v["signals"]:
            remark = f": {sig['remark']}" if sig["remark"] else ""
            story.append(p(f"• {sig['label']} (ernst {sig['severity']}){remark}", small))
            if sig.get("acute_response"):
                story.append(p(texts["acute_response"].format(what=sig["acute_response"]), small))
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
    story += _connect_section(data, p, h2, body, small)
    story += _meeting_section(data, p, h2, body, small)
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
        for x in data["partners_that_received_data"]:
            if x.get("bundles_on"):
                days = ", ".join(_nl(d) for d in x["bundles_on"])
                line = f"{x['partner']} kreeg uw gegevens in een bundel op: {days}."
                story.append(p(line, small))
    else:
        story.append(p("Niemand buiten onze organisatie."))
    seen = [a for a in data["access_log"] if a["action"] in VIEW_OR_SHARE]
    story.append(p("Wie uw gegevens heeft ingezien of gedeeld", h2))
    story.append(
        table(
            [["Wanneer", "Medewerker", "Wat", "Partner"]]
            + [
                [_nl(a["at"]), a["staff"], audit.action_label(a["action"], "nl"), a["partner"]]
                for a in seen
            ],
            [35 * mm, 55 * mm, 35 * mm, 45 * mm],
        )
        if seen
        else p("Nog niemand.")
    )
    story.append(p("Alle wijzigingen (logboek)", h2))
    story.append(
        table(
            [["Wanneer", "Medewerker", "Wat", "Onderdeel"]]
            + [
                [
                    _nl(a["at"]),
                    a["staff"],
                    audit.action_label(a["action"], "nl"),
                    audit.entity_label(a["entity"], "nl"),
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
        invariant=1,  # the computer's clock stays out of the file (its date and /ID)
    )

    def footer(canvas: Any, doc_: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts.regular, 7.5)
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, f"Inzage — pagina {doc_.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def _connect_section(data: dict[str, Any], p: Any, h2: Any, body: Any, small: Any) -> list[Any]:
    """Verbinden: the resident's offers and wishes and the introductions naming them."""
    offers, intros = data.get("connect_offers", []), data.get("introductions", [])
    if not offers and not intros:
        return []
    out = [p("Verbinden met buren", h2)]
    for o in offers:
        what = "u biedt aan" if o["direction"] == "aanbod" else "u zou graag willen"
        consent = f"toestemming {o['consent_form']}, {_nl(o['consent_date'])}"
        out.append(p(f"{o['label']}: {what} ({consent})", body))
        if o["approach"]:
            out.append(p(f"Hoe u te benaderen: {o['approach']}", small))
    for i in intros:
        outcome = f": {i['outcome']}" if i["outcome"] else ""
        out.append(
            p(f"{_nl(i['introduced_on'])} kennismaking met een buur ({i['kind']}){outcome}", small)
        )
    return out


def _meeting_section(data: dict[str, Any], p: Any, h2: Any, body: Any, small: Any) -> list[Any]:
    """Casusoverleg: the meetings whose agenda named the household, with what was decided
    and agreed about it."""
    meetings = data.get("meetings", [])
    if not meetings:
        return []
    out = [p("Casusoverleg", h2)]
    for m in meetings:
        place = f" in {m['place']}" if m["place"] else ""
        partners = ", ".join(m["partners"])
        out.append(p(f"{_nl(m['held_on'])}{place}, met {partners}", body))
        if m["decision"]:
            out.append(p(f"Besluit: {m['decision']}", small))
        for a in m["agreements"]:
            due = f", uiterlijk {_nl(a['due_on'])}" if a["due_on"] else ""
            done = " (gedaan)" if a["status"] == "gedaan" else ""
            out.append(p(f"Afspraak: {a['owner']}: {a['action']}{due}{done}", small))
        if m["solved_on"]:
            out.append(p(f"Opgelost op {_nl(m['solved_on'])}", small))
    return out

"""The cover sheet (``summary.pdf``): what the bundle holds, for whom, which period."""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from waakvlam_desktop.documents.fonts import register_fonts
from waakvlam_desktop.domain.consent import exclusion_label
from waakvlam_desktop.domain.types import DataProfile

PROFILE_TEXT: dict[DataProfile, str] = {
    DataProfile.CASE: (
        "Dossiers: huishoudens met een lopende doorverwijzing naar u en een geldige grondslag"
        " op de dag van export, met alleen de bewoners om wie het gaat. Een afgesloten of"
        " geannuleerde doorverwijzing staat er één laatste keer in. Nooit de notities van"
        " huisbezoeken. Huishoudens staan er onder een pseudoniem dat per partner vast is."
    ),
    DataProfile.AGGREGATE: (
        "Aantallen huishoudens voor de periode, per wijk of per complex (één niveau):"
        " bezocht, per zorgniveau, met signalen per domein, doorverwezen per soort partner."
        " Geen namen, geen adressen. Een aantal onder de drempel is leeg en staat als"
        " 'onderdrukt' gemarkeerd (csv/aantallen.csv)."
    ),
    DataProfile.HANDOVER: (
        "Overdracht: alle gegevens van de kluis, om in te lezen in de kluis van een collega"
        " ('waakvlam bundle import'). Bevat bezoeknotities en bijzondere persoonsgegevens."
    ),
}

COUNT_LABELS = {
    "households": "huishoudens",
    "residents": "bewoners",
    "referrals": "doorverwijzingen",
    "signals": "signalen",
    "letters": "brieven",
    "final_referrals": "doorverwijzingen voor het laatst (afgesloten of geannuleerd)",
    "erasure_requests": "verwijderverzoeken",
    "complexes": "complexen",
    "wijken": "wijken",
    "areas": "gebieden",
    "cells": "cellen",
    "suppressed_cells": "afgeschermde cellen",
    # handover tables
    "staff_member": "medewerkers",
    "complex": "complexen",
    "address": "adressen",
    "household": "huishoudens",
    "resident": "bewoners",
    "visit": "huisbezoeken",
    "visit_resident": "aanwezigen bij bezoeken",
    "signal_observation": "signalen",
    "concern_level_entry": "zorgniveaus (historie)",
    "follow_up": "acties",
    "partner": "partners",
    "referral": "doorverwijzingen",
    "referral_signal": "signalen bij doorverwijzingen",
    "referral_status_event": "statuswijzigingen",
}


@dataclass(frozen=True, slots=True)
class SummaryInfo:
    organisation: str
    partner_name: str
    partner_type: str
    profile: DataProfile
    period_label: str
    period_text: str
    created_text: str
    bundle_id: str
    sequence: int
    sender_key_id: str
    recipient_fingerprints: tuple[str, ...]
    counts: dict[str, int]
    exclusions: dict[str, int]
    # What this partner's bundles may carry (resources/disclosure/disclosure.json).
    shared: tuple[str, ...] = ()
    # Case: what changed since the previous bundle to this partner, erasure requests first.
    changes: tuple[str, ...] = ()


def render_summary(info: SummaryInfo) -> bytes:
    fonts = register_fonts()
    base = ParagraphStyle("base", fontName=fonts.regular, fontSize=10, leading=14)
    small = ParagraphStyle("small", parent=base, fontSize=8, leading=11, textColor="#444444")
    title = ParagraphStyle("title", parent=base, fontName=fonts.bold, fontSize=18, leading=24)
    head = ParagraphStyle("head", parent=base, fontName=fonts.bold, fontSize=12, leading=18)

    def p(text: str, style: ParagraphStyle = base) -> Paragraph:
        return Paragraph(escape(text), style)

    def grid(rows: list[list[str]], widths: list[float]) -> Table:
        t = Table([[p(a) for a in r] for r in rows], colWidths=widths, hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return t

    story = [
        p("Exportbundel Waakvlam", title),
        p(f"Van {info.organisation} aan {info.partner_name}"),
        Spacer(1, 6 * mm),
        grid(
            [
                ["Partner", f"{info.partner_name} ({info.partner_type})"],
                ["Periode", f"{info.period_label} ({info.period_text})"],
                ["Gegevensprofiel", info.profile.value],
                ["Gemaakt", info.created_text],
                ["Volgnummer", str(info.sequence)],
                ["Bundel-id", info.bundle_id],
            ],
            [40 * mm, 125 * mm],
        ),
        Spacer(1, 4 * mm),
        *(
            [
                p("Verwijder deze gegevens", head),
                p(
                    f"Deze bundel vraagt u de gegevens van {erasures} huishouden(s) te wissen"
                    " (csv/verwijderverzoeken.csv: pseudoniem, kenmerk, datum en reden)."
                ),
                Spacer(1, 4 * mm),
            ]
            if (erasures := info.counts.get("erasure_requests", 0))
            else []
        ),
        *(
            [
                p("Wat is er veranderd", head),
                *[p(text) for text in info.changes],
                Spacer(1, 4 * mm),
            ]
            if info.changes
            else []
        ),
        p(PROFILE_TEXT[info.profile]),
        *(
            [p("Wat deze bundel mag bevatten:"), *[p(f"• {text}") for text in info.shared]]
            if info.shared
            else []
        ),
        Spacer(1, 4 * mm),
        p("Aantallen", head),
        grid(
            [[COUNT_LABELS.get(k, k.replace("_", " ")), str(v)] for k, v in info.counts.items()],
            [80 * mm, 30 * mm],
        ),
    ]
    if info.exclusions:
        total = sum(info.exclusions.values())
        story += [
            Spacer(1, 4 * mm),
            p("Niet opgenomen", head),
            p(f"{total} huishouden(s) zijn niet opgenomen (zonder namen):"),
            grid(
                [[exclusion_label(k, "nl"), str(v)] for k, v in info.exclusions.items()],
                [130 * mm, 30 * mm],
            ),
        ]
    story += [
        Spacer(1, 6 * mm),
        p("Echtheid", head),
        p(
            "Het manifest in deze bundel is ondertekend. Controleer met 'waakvlam bundle"
            " verify' en de sleutel die u van de afzender heeft gekregen. Sleutel-id van de"
            " afzender:"
        ),
        p(" ".join(info.sender_key_id[i : i + 4] for i in range(0, len(info.sender_key_id), 4))),
        Spacer(1, 2 * mm),
        p("Versleuteld voor (vingerafdrukken van de ontvangers):", small),
        *[p(fp, small) for fp in info.recipient_fingerprints],
        Spacer(1, 4 * mm),
        p(
            "Deze bundel bevat persoonsgegevens. Bewaar hem alleen versleuteld en niet langer"
            " dan nodig volgens het convenant.",
            small,
        ),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"Exportbundel {info.period_label} — {info.partner_name}",
        author=info.organisation,
        invariant=1,
    )
    doc.build(story)
    return buffer.getvalue()

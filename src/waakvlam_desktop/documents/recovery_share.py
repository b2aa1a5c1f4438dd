"""One printable page per share of the organisation recovery key (``waakvlam recovery
create``): the words numbered, the share number, the threshold, the key id and what the
holder does with it. The wording is data (``resources/privacy/recovery_share.json``), so
an organisation can name its own procedure."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from waakvlam_desktop.documents.layout import para, styles

WORD_COLUMNS = 3


@dataclass(frozen=True, slots=True)
class ShareSheet:
    organisation: str
    key_id: str  # grouped: "3f2a 9c01 77ab 12cd"
    number: int
    shares: int
    threshold: int
    words: tuple[str, ...]
    made_on: date


def share_texts() -> dict[str, Any]:
    raw = (
        resources.files("waakvlam_desktop.resources")
        .joinpath("privacy/recovery_share.json")
        .read_text(encoding="utf-8")
    )
    doc: dict[str, Any] = json.loads(raw)
    return doc


def share_text(sheet: ShareSheet) -> str:
    """The same words as plain text, numbered, with the facts as comment lines."""
    t = share_texts()
    facts = _fill(t["facts"], sheet)
    lines = [f"# {_fill(t['title'], sheet)}", f"# {facts}", ""]
    lines += [f"{i:2d}. {w}" for i, w in enumerate(sheet.words, 1)]
    return "\n".join(lines) + "\n"


def _fill(text: str, sheet: ShareSheet) -> str:
    return text.format(
        organisation=sheet.organisation or "de organisatie",
        number=sheet.number,
        shares=sheet.shares,
        threshold=sheet.threshold,
        key_id=sheet.key_id,
        date=sheet.made_on.strftime("%d-%m-%Y"),
        count=len(sheet.words),
    )


def render_share_pdf(sheet: ShareSheet) -> bytes:
    t = share_texts()
    st = styles()
    buf = io.BytesIO()
    footer = _fill(t["footer"], sheet)

    def draw_footer(c: Any, _doc: Any) -> None:
        c.saveState()
        c.setFont(st.fonts.regular, 7.5)
        c.setFillColor(colors.grey)
        c.drawString(20 * mm, 12 * mm, footer)
        c.restoreState()

    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=20 * mm,
        title=_fill(t["title"], sheet),
        author=sheet.organisation,
        subject="Waakvlam herstelsleutel",
        creator="Waakvlam",
        invariant=1,  # the computer's clock stays out of the file (its date and /ID)
    )
    rows_per_column = -(-len(sheet.words) // WORD_COLUMNS)
    cells: list[list[str]] = []
    for r in range(rows_per_column):
        row: list[str] = []
        for col in range(WORD_COLUMNS):
            i = col * rows_per_column + r
            row += [
                f"{i + 1}." if i < len(sheet.words) else "",
                sheet.words[i] if i < len(sheet.words) else "",
            ]
        cells.append(row)
    words = Table(cells, colWidths=[9 * mm, 47 * mm] * WORD_COLUMNS, hAlign="LEFT")
    words.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.fonts.regular),
                ("FONTSIZE", (0, 0), (-1, -1), 11.5),
                ("TEXTCOLOR", (0, 0), (-1, -1), colors.black),
                ("ALIGN", (0, 0), (-1, -1), "LEFT"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.2),
                ("TOPPADDING", (0, 0), (-1, -1), 3.2),
                ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
            ]
            + [("TEXTCOLOR", (c, 0), (c, -1), colors.grey) for c in range(0, 2 * WORD_COLUMNS, 2)]
            + [("FONTNAME", (c, 0), (c, -1), st.fonts.bold) for c in range(1, 2 * WORD_COLUMNS, 2)]
        )
    )
    story: list[Any] = [
        para(_fill(t["title"], sheet), st.title),
        para(_fill(t["facts"], sheet), st.subject),
        para(_fill(t["words_heading"], sheet), st.heading),
        words,
        Spacer(1, 5 * mm),
        para(_fill(t["what_heading"], sheet), st.heading),
        para(_fill(t["what"], sheet), st.body),
        para(_fill(t["do_heading"], sheet), st.heading),
    ]
    story += [para(_fill(line, sheet), st.bullet, bullet="•") for line in t["do"]]
    story += [Spacer(1, 8 * mm), Paragraph(_fill(t["holder"], sheet), st.body)]
    doc.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return buf.getvalue()

"""Shared page layout of every letter: A4, letterhead, envelope window, footer, styles.

Coordinates are in millimetres from the top-left corner of the A4 page (as you would
measure on paper); :func:`y` turns them into reportlab's bottom-up points.
The envelope window is documented in docs/letters.md; tests read the text positions
back from the PDF and check that the address block stays inside :data:`WINDOW`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from waakvlam_desktop.documents.fonts import FontNames, register_fonts
from waakvlam_desktop.domain.letters import OrganisationInfo
from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

LOGO_INVALID = Message(
    "documents.logo_invalid",
    QT_TRANSLATE_NOOP("Errors", "The organisation's logo is not a valid image; choose a PNG file."),
)

PAGE_WIDTH, PAGE_HEIGHT = A4  # points
PAGE_W_MM, PAGE_H_MM = 210.0, 297.0


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on the page in mm, measured from the top-left corner."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height


#: Where the envelope window lands on the page: a Dutch window envelope with the window
#: on the LEFT (EA5/6 110 x 220 mm or C5/6 114 x 229 mm, window about 90-110 x 40-45 mm,
#: 20 mm from the left edge), with the A4 sheet folded in three (folds at 99 and 198 mm).
#: The block is kept inside with :data:`WINDOW_PADDING` of room for the sheet to shift.
WINDOW = Box(left=20.0, top=45.0, width=90.0, height=40.0)
WINDOW_PADDING = 4.0
#: Text column of the letter: the address block and the body share the left edge.
LEFT = WINDOW.left + WINDOW_PADDING  # 24 mm
RIGHT = 20.0  # right margin
TEXT_WIDTH = PAGE_W_MM - LEFT - RIGHT  # 166 mm
#: Where the body starts on the first page (below the window) and on later pages.
FIRST_BODY_TOP = 91.0
LETTERHEAD_BODY_TOP = 48.0  # documents without a window (the consent form)
LATER_BODY_TOP = 26.0
BODY_BOTTOM = 20.0  # from the bottom edge
FOLD_MARKS = (99.0, 198.0)  # tri-fold for an EA5/6 or C5/6 envelope
LETTERHEAD_COLUMN = 128.0  # left edge of the organisation's details, top right
DETAILS_LABEL_WIDTH = 24.0  # the reference block beside the window: label column

GREY = colors.Color(0.35, 0.35, 0.35)
LIGHT = colors.Color(0.7, 0.7, 0.7)
INK = colors.Color(0.1, 0.1, 0.1)


def y(top_mm: float) -> float:
    """A distance from the top of the page in mm as reportlab's y coordinate in points."""
    return float(PAGE_HEIGHT - top_mm * mm)


@dataclass(frozen=True, slots=True)
class Styles:
    fonts: FontNames
    body: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    small: ParagraphStyle
    bullet: ParagraphStyle
    quote: ParagraphStyle
    label: ParagraphStyle
    signature: ParagraphStyle
    signature_name: ParagraphStyle


def _make_styles() -> Styles:
    fonts = register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=9.5,
        leading=13,
        textColor=INK,
        spaceAfter=5,
    )
    return Styles(
        fonts=fonts,
        body=body,
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=fonts.bold,
            fontSize=10,
            leading=13,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=True,
        ),
        title=ParagraphStyle(
            "title", parent=body, fontName=fonts.bold, fontSize=16, leading=20, spaceAfter=4
        ),
        small=ParagraphStyle(
            "small", parent=body, fontSize=8, leading=10.5, textColor=GREY, spaceBefore=10
        ),
        bullet=ParagraphStyle(
            "bullet",
            parent=body,
            leftIndent=7 * mm,
            bulletIndent=2.5 * mm,
            bulletFontName=fonts.regular,
            spaceAfter=0.5,
        ),
        quote=ParagraphStyle("quote", parent=body, leftIndent=7 * mm),
        signature=ParagraphStyle("signature", parent=body, spaceAfter=0),
        signature_name=ParagraphStyle(
            "signature_name", parent=body, fontName=fonts.bold, spaceAfter=0
        ),
        label=ParagraphStyle(
            "label", parent=body, fontName=fonts.bold, spaceBefore=2, spaceAfter=1
        ),
    )


_STYLES: Styles | None = None


def styles() -> Styles:
    global _STYLES
    if _STYLES is None:
        _STYLES = _make_styles()
    return _STYLES


def para(text: str, style: ParagraphStyle, *, bullet: str | None = None) -> Paragraph:
    """A paragraph of plain text: markup characters are escaped, line breaks kept."""
    markup = escape(text.strip()).replace("\r\n", "\n").replace("\n", "<br/>")
    return Paragraph(markup, style, bulletText=bullet)


def paragraphs(text: str, style: ParagraphStyle) -> list[Flowable]:
    """Free text as paragraphs: a blank line starts a new one."""
    blocks = [b for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return [para(b, style) for b in blocks]


def fit_text(
    text: str, font: str, size: float, width_mm: float, min_size: float
) -> tuple[str, float]:
    """Shrink ``text`` to fit ``width_mm`` (down to ``min_size``), then shorten it with '…'."""
    width = width_mm * mm
    while size > min_size and stringWidth(text, font, size) > width:
        size -= 0.5
    if stringWidth(text, font, size) <= width:
        return text, size
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…", size


# ---- what every page draws ---------------------------------------------------------------
def _logo(png: bytes) -> ImageReader:
    try:
        reader = ImageReader(io.BytesIO(png))
        reader.getSize()
    except Exception as exc:  # reportlab/PIL raise many kinds for a bad image
        raise ValidationError(LOGO_INVALID) from exc
    return reader


def draw_letterhead(c: Canvas, org: OrganisationInfo, logo: ImageReader | None) -> None:
    """Organisation name (or logo) at the top left, its contact details at the top right."""
    f = styles().fonts
    if logo is not None:
        w, h = logo.getSize()
        scale = min(50 * mm / w, 18 * mm / h)
        c.drawImage(logo, LEFT * mm, y(12) - h * scale, w * scale, h * scale, mask="auto")
    else:
        text, size = fit_text(org.name, f.bold, 15, LETTERHEAD_COLUMN - LEFT - 6, 10)
        c.setFont(f.bold, size)
        c.setFillColor(INK)
        c.drawString(LEFT * mm, y(20), text)
    lines = [
        org.address_line,
        f"{org.postcode}  {org.city}".strip(),
        org.phone,
        org.email,
    ]
    c.setFillColor(INK)
    name, size = fit_text(org.name, f.bold, 8.5, PAGE_W_MM - RIGHT - LETTERHEAD_COLUMN, 6.5)
    c.setFont(f.bold, size)
    c.drawString(LETTERHEAD_COLUMN * mm, y(16), name)
    c.setFont(f.regular, 8)
    c.setFillColor(GREY)
    top = 20.0
    for line in lines:
        if line:
            text, size = fit_text(line, f.regular, 8, PAGE_W_MM - RIGHT - LETTERHEAD_COLUMN, 6.5)
            c.setFont(f.regular, size)
            c.drawString(LETTERHEAD_COLUMN * mm, y(top), text)
            top += 3.8
    c.setStrokeColor(LIGHT)
    c.setLineWidth(0.4)
    c.line(LEFT * mm, y(38), (PAGE_W_MM - RIGHT) * mm, y(38))


def draw_fold_marks(c: Canvas) -> None:
    c.setStrokeColor(LIGHT)
    c.setLineWidth(0.3)
    for at in FOLD_MARKS:
        c.line(4 * mm, y(at), 8 * mm, y(at))


@dataclass(frozen=True, slots=True)
class AddressBlock:
    """What shows through the envelope window."""

    return_line: str
    marking: str
    lines: tuple[str, ...]


def draw_address_block(c: Canvas, block: AddressBlock) -> None:
    """Draw ``block`` inside :data:`WINDOW` (the return line small on top, then the marking
    and at most five address lines)."""
    f = styles().fonts
    x = (WINDOW.left + WINDOW_PADDING) * mm
    width = WINDOW.width - 2 * WINDOW_PADDING
    top = WINDOW.top + 4.5
    c.setFillColor(GREY)
    if block.return_line:
        text, size = fit_text(block.return_line, f.regular, 6.5, width, 5)
        c.setFont(f.regular, size)
        c.drawString(x, y(top), text)
        c.setStrokeColor(LIGHT)
        c.setLineWidth(0.3)
        c.line(x, y(top + 1.2), x + width * mm, y(top + 1.2))
    top += 5.5
    c.setFillColor(INK)
    if block.marking:
        c.setFont(f.bold, 8.5)
        c.drawString(x, y(top), block.marking.upper())
    top += 5.5
    for line in block.lines[:5]:
        text, size = fit_text(line, f.regular, 10, width, 7.5)
        c.setFont(f.regular, size)
        c.drawString(x, y(top), text)
        top += 4.5


def draw_details(c: Canvas, rows: tuple[tuple[str, str], ...]) -> None:
    """The reference block to the right of the window: label and value per line."""
    f = styles().fonts
    top = WINDOW.top + 7.0
    value_left = LETTERHEAD_COLUMN + DETAILS_LABEL_WIDTH
    for label, value in rows:
        if not value:
            continue
        c.setFillColor(GREY)
        text, size = fit_text(label, f.regular, 7.5, DETAILS_LABEL_WIDTH - 1, 6)
        c.setFont(f.regular, size)
        c.drawString(LETTERHEAD_COLUMN * mm, y(top), text)
        c.setFillColor(INK)
        text, size = fit_text(value, f.regular, 8.5, PAGE_W_MM - RIGHT - value_left, 6.5)
        c.setFont(f.regular, size)
        c.drawString(value_left * mm, y(top), text)
        top += 4.6


def postal_lines(*lines: str, postcode: str, city: str) -> tuple[str, ...]:
    """Address lines as PostNL asks: postcode, two spaces, the place in capitals."""
    out = [line.strip() for line in lines if line and line.strip()]
    last = f"{postcode}  {city.upper()}".strip()
    if last:
        out.append(last)
    return tuple(out)


# ---- the document ------------------------------------------------------------------------
PageDrawer = Callable[[Canvas, Any], None]
FooterDrawer = Callable[[Canvas, int, int], None]


def _numbered_canvas(footer: FooterDrawer) -> type[Canvas]:
    """A canvas that knows the page count when it draws each footer ("pagina 1 van 2")."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                footer(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    title: str  # PDF metadata and the small header/footer: "Verwijsbrief"
    reference: str
    language: str
    organisation: OrganisationInfo
    page_label: str  # "pagina {page} van {pages}"
    confidential: str  # "Vertrouwelijk"
    address: AddressBlock | None  # None: no window (a form handed over in person)
    details: tuple[tuple[str, str], ...] = ()  # right of the window: date, reference, contact


def render(spec: DocumentSpec, story: Sequence[Flowable]) -> bytes:
    """Lay ``story`` out on A4 pages with letterhead, window, header and footer; PDF bytes."""
    st = styles()
    f = st.fonts
    logo = _logo(spec.organisation.logo_png) if spec.organisation.logo_png else None
    first_top = FIRST_BODY_TOP if spec.address is not None else LETTERHEAD_BODY_TOP

    def first_page(c: Canvas, _doc: Any) -> None:
        c.saveState()
        draw_letterhead(c, spec.organisation, logo)
        if spec.address is not None:
            draw_fold_marks(c)
            draw_address_block(c, spec.address)
        draw_details(c, spec.details)
        c.restoreState()

    def later_page(c: Canvas, _doc: Any) -> None:
        c.saveState()
        c.setFont(f.regular, 7.5)
        c.setFillColor(GREY)
        head = f"{spec.organisation.name} · {spec.title} {spec.reference}"
        text, size = fit_text(head, f.regular, 7.5, TEXT_WIDTH, 6)
        c.setFont(f.regular, size)
        c.drawString(LEFT * mm, y(16), text)
        c.setStrokeColor(LIGHT)
        c.setLineWidth(0.4)
        c.line(LEFT * mm, y(18), (PAGE_W_MM - RIGHT) * mm, y(18))
        c.restoreState()

    def footer(c: Canvas, page: int, pages: int) -> None:
        c.saveState()
        c.setFillColor(GREY)
        c.setFont(f.bold, 7.5)
        mark = spec.confidential.upper()
        c.drawString(LEFT * mm, 12 * mm, mark)
        c.setFont(f.regular, 7.5)
        c.drawString(
            LEFT * mm + stringWidth(mark + "  ", f.bold, 7.5),
            12 * mm,
            f"{spec.title} {spec.reference}",
        )
        if pages > 1:
            c.drawRightString(
                (PAGE_W_MM - RIGHT) * mm,
                12 * mm,
                spec.page_label.format_map({"page": str(page), "pages": str(pages)}),
            )
        c.restoreState()

    def frame(top: float, name: str) -> Frame:
        return Frame(
            LEFT * mm,
            BODY_BOTTOM * mm,
            TEXT_WIDTH * mm,
            (PAGE_H_MM - top - BODY_BOTTOM) * mm,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=name,
        )

    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        title=spec.title,
        author=spec.organisation.name,
        subject="",
        keywords="",
        creator="Waakvlam Desktop",
        producer="Waakvlam Desktop",
        invariant=1,
        lang="nl-NL" if spec.language == "nl" else "en-GB",
        displayDocTitle=1,
        initialFontName=f.regular,
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                id="first",
                frames=[frame(first_top, "first")],
                onPage=first_page,
                autoNextPageTemplate="later",
            ),
            PageTemplate(id="later", frames=[frame(LATER_BODY_TOP, "later")], onPage=later_page),
        ]
    )
    doc.build(list(story), canvasmaker=_numbered_canvas(footer))
    return out.getvalue()

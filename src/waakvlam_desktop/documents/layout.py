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

from waakvlam_desktop.documents.envelopes import exposed_area, geometry, safe_area
from waakvlam_desktop.documents.fonts import FontNames, register_fonts
from waakvlam_desktop.domain.letters import OrganisationInfo
from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

RETURN_TOO_LONG = Message(
    "documents.return_too_long",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The organisation's return address does not fit on one line in the envelope window;"
        " shorten the address under Settings › Organisation and letterhead.",
    ),
)
ADDRESS_TOO_LONG = Message(
    "documents.address_too_long",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The address does not fit in the envelope window (at most {lines} lines); shorten the"
        " name or the contact person.",
    ),
)
LOGO_INVALID = Message(
    "documents.logo_invalid",
    QT_TRANSLATE_NOOP("Errors", "The organisation's logo is not a valid image; choose a PNG file."),
)

PAGE_WIDTH, PAGE_HEIGHT = A4  # points
PAGE_W_MM, PAGE_H_MM = 210.0, 297.0


#: The sheet, the DIN 5008 form B address field and the window envelopes, as data
#: (``resources/envelopes/envelopes.json``, see :mod:`.envelopes` and docs/letters.md).
GEOMETRY = geometry()
FIELD = GEOMETRY.address_field.box  # 20, 45, 85 x 45 mm
#: What every envelope's window shows at every sheet position: the address block stays in
#: here, with :data:`WINDOW_MARGIN` to spare on the right and at the bottom.
WINDOW = safe_area(GEOMETRY)
#: What any window may show at some position: nothing but the address block is printed here.
EXPOSED = exposed_area(GEOMETRY)
WINDOW_MARGIN = 1.0
#: Text column of the letter: the address block and the body share the left edge (25 mm).
LEFT = GEOMETRY.address_field.text_left
RIGHT = 20.0  # right margin
TEXT_WIDTH = PAGE_W_MM - LEFT - RIGHT  # 165 mm
ADDRESS_WIDTH = WINDOW.right - WINDOW_MARGIN - LEFT
#: Where the body starts on the first page (below anything a window can show) and on later
#: pages.
FIRST_BODY_TOP = EXPOSED.bottom + 1.0
LETTERHEAD_BODY_TOP = 48.0  # documents without a window (the consent form)
LATER_BODY_TOP = 26.0
BODY_BOTTOM = 20.0  # from the bottom edge
FOLD_MARKS = GEOMETRY.sheet.folds  # DIN 5008 form B: 105 and 210 mm
HOLE_MARK = GEOMETRY.sheet.hole_mark
LETTERHEAD_COLUMN = 125.0  # left edge of the organisation's details and the reference block
DETAILS_TOP = 50.0
# The address block (baselines in mm from the top of the sheet) and its type sizes.
RETURN_SIZE = 7.0
RETURN_MIN_SIZE = 6.5
#: (size, horizontal scale) tried in turn for each form of the return line.
RETURN_FORMS = ((RETURN_SIZE, 1.0), (RETURN_MIN_SIZE, 1.0), (6.5, 0.92), (6.5, 0.85))
RETURN_BASELINE = WINDOW.top + 3.5
REMARK_SIZE = 9.0
REMARK_BASELINE = WINDOW.top + 7.5
ADDRESS_SIZE = 10.0
ADDRESS_PITCH = 4.2
ADDRESS_FIRST = WINDOW.top + 12.0
ADDRESS_MAX_LINES = 6

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
    subject: ParagraphStyle
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
        fontSize=10,
        leading=13.5,
        textColor=INK,
        spaceAfter=4.5,
    )
    return Styles(
        fonts=fonts,
        body=body,
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=fonts.bold,
            fontSize=10.5,
            leading=14,
            spaceBefore=5,
            spaceAfter=2,
            keepWithNext=True,
        ),
        title=ParagraphStyle(
            "title", parent=body, fontName=fonts.bold, fontSize=16, leading=20, spaceAfter=4
        ),
        subject=ParagraphStyle(
            "subject", parent=body, fontName=fonts.bold, fontSize=10.5, leading=14, spaceAfter=10
        ),
        small=ParagraphStyle(
            "small", parent=body, fontSize=8, leading=10.5, textColor=GREY, spaceBefore=6
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
    """Fold marks at 105 and 210 mm and the hole mark at 148.5 mm, at the left edge."""
    c.setStrokeColor(LIGHT)
    c.setLineWidth(0.3)
    for at in FOLD_MARKS:
        c.line(3 * mm, y(at), 8 * mm, y(at))
    c.line(3 * mm, y(HOLE_MARK), 10 * mm, y(HOLE_MARK))


def wrap(text: str, font: str, size: float, width_mm: float) -> list[str]:
    """``text`` broken into lines no wider than ``width_mm`` at ``size``: at spaces, and a
    word too long for a line (an e-mail address) after '@', '.', '-' or '/', else anywhere.
    Nothing is shrunk or cut."""
    width = width_mm * mm

    def fits(s: str) -> bool:
        return bool(stringWidth(s, font, size) <= width)

    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if fits(candidate):
            current = candidate
            continue
        if current:
            lines.append(current)
        while not fits(word):
            cut = max(
                (i + 1 for i, ch in enumerate(word) if ch in "@.-/" and fits(word[: i + 1])),
                default=0,
            )
            if cut == 0:
                cut = max(1, max(i for i in range(1, len(word) + 1) if fits(word[:i])))
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


@dataclass(frozen=True, slots=True)
class AddressBlock:
    """What shows through the envelope window.

    ``return_lines``: the return address, longest first; the first that fits on one line
    at 6.5 pt or more is printed. ``remark``: the remark line ("VERTROUWELIJK") or empty.
    """

    return_lines: tuple[str, ...]
    remark: str
    lines: tuple[str, ...]


def address_layout(block: AddressBlock) -> tuple[tuple[str, float, float], list[str]]:
    """The return line with its size and horizontal scale, and the address lines wrapped
    to the window.

    The return line is one line of at least 6.5 pt: the longest form that fits, set a
    little narrower (down to 85 %) before a shorter form is tried. Raises
    ValidationError when no form fits, or the address needs more lines than the window
    holds (the letter would reach the wrong door)."""
    f = styles().fonts
    room = ADDRESS_WIDTH * mm
    chosen: tuple[str, float, float] | None = None
    for text in block.return_lines:
        for size, scale in RETURN_FORMS:
            if stringWidth(text, f.regular, size) * scale <= room:
                chosen = (text, size, scale)
                break
        if chosen:
            break
    if chosen is None:
        raise ValidationError(RETURN_TOO_LONG)
    lines = [
        part for line in block.lines for part in wrap(line, f.regular, ADDRESS_SIZE, ADDRESS_WIDTH)
    ]
    if len(lines) > ADDRESS_MAX_LINES:
        raise ValidationError(ADDRESS_TOO_LONG, lines=ADDRESS_MAX_LINES)
    return chosen, lines


def draw_address_block(
    c: Canvas, block: AddressBlock, laid_out: tuple[tuple[str, float, float], list[str]]
) -> None:
    """Draw ``block`` inside :data:`WINDOW`: the return line (at least 6.5 pt, one line),
    the remark line, then the address lines at 10 pt (``laid_out``: from
    :func:`address_layout`)."""
    f = styles().fonts
    (text, size, scale), lines = laid_out
    x = LEFT * mm
    c.setFillColor(INK)
    line = c.beginText()
    line.setFont(f.regular, size)
    line.setTextTransform(scale, 0, 0, 1, x, y(RETURN_BASELINE))  # narrower, same height
    line.textOut(text)
    c.drawText(line)
    if block.remark:
        c.setFont(f.bold, REMARK_SIZE)
        c.drawString(x, y(REMARK_BASELINE), block.remark.upper())
    c.setFont(f.regular, ADDRESS_SIZE)
    for i, line in enumerate(lines):
        c.drawString(x, y(ADDRESS_FIRST + i * ADDRESS_PITCH), line)


@dataclass(frozen=True, slots=True)
class DetailRow:
    """One entry of the reference block: a small label and its value lines."""

    label: str
    values: tuple[str, ...]


def draw_details(c: Canvas, rows: tuple[DetailRow, ...]) -> None:
    """The reference block to the right of the window (DIN 5008 information block): each
    label small and grey, its values below at 9 pt; a long value wraps, never shrinks."""
    f = styles().fonts
    width = PAGE_W_MM - RIGHT - LETTERHEAD_COLUMN
    top = DETAILS_TOP
    for row in rows:
        values = [v for v in row.values if v]
        if not values:
            continue
        c.setFillColor(GREY)
        c.setFont(f.regular, 7.5)
        c.drawString(LETTERHEAD_COLUMN * mm, y(top), row.label)
        top += 3.9
        c.setFillColor(INK)
        c.setFont(f.regular, 9)
        for value in values:
            for line in wrap(value, f.regular, 9, width):
                c.drawString(LETTERHEAD_COLUMN * mm, y(top), line)
                top += 3.9
        top += 1.6


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
    confidential: str  # "Vertrouwelijk" in the footer; empty on a letter to the resident
    address: AddressBlock | None  # None: no window (a form handed over in person)
    details: tuple[DetailRow, ...] = ()  # right of the window: date, reference, contact


def render(spec: DocumentSpec, story: Sequence[Flowable]) -> bytes:
    """Lay ``story`` out on A4 pages with letterhead, window, header and footer; PDF bytes."""
    st = styles()
    f = st.fonts
    logo = _logo(spec.organisation.logo_png) if spec.organisation.logo_png else None
    first_top = FIRST_BODY_TOP if spec.address is not None else LETTERHEAD_BODY_TOP
    # Checked before reportlab runs: it rewraps exceptions raised while drawing a page.
    laid_out = address_layout(spec.address) if spec.address is not None else None

    def first_page(c: Canvas, _doc: Any) -> None:
        c.saveState()
        draw_letterhead(c, spec.organisation, logo)
        if spec.address is not None and laid_out is not None:
            draw_fold_marks(c)
            draw_address_block(c, spec.address, laid_out)
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
        if mark:
            c.drawString(LEFT * mm, 12 * mm, mark)
            mark += "  "
        c.setFont(f.regular, 7.5)
        c.drawString(
            LEFT * mm + stringWidth(mark, f.bold, 7.5),
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

"""The toestemmingsformulier: the form a resident signs before a referral is shared.

It names the partner and shows exactly what will be shared: the resident's name and
address, the reason, the selected signals and the letter context, word for word as the
referral letter carries them. Handed over in person, so no envelope window.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from waakvlam_desktop.documents.layout import (
    BODY_BOTTOM,
    LATER_BODY_TOP,
    LIGHT,
    PAGE_H_MM,
    TEXT_WIDTH,
    para,
    paragraphs,
    render,
    styles,
)
from waakvlam_desktop.documents.parts import signal_list, spec_for, values
from waakvlam_desktop.documents.templates import LetterTemplates, load_templates
from waakvlam_desktop.domain.letters import LetterData


def _field_table(rows: list[tuple[str, str]]) -> Table:
    st = styles()
    table = Table(
        [[para(label, st.label), para(value, st.body)] for label, value in rows],
        colWidths=[30 * mm, None],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _signature_boxes(t: LetterTemplates, v: dict[str, str]) -> Table:
    """Two columns to fill in by hand: the resident (left) and the staff member (right)."""
    st = styles()
    blank = ""
    rows = [
        [
            para(t.text("consent.sign_resident", v), st.label),
            blank,
            para(t.text("consent.sign_staff", v), st.label),
        ],
        [para(t.text("consent.name_label", v), st.small), blank, para(v["staff"], st.body)],
        [
            para(t.text("consent.sign_place", v), st.small),
            blank,
            para(t.text("consent.sign_place", v), st.small),
        ],
        [
            para(t.text("consent.sign_date", v), st.small),
            blank,
            para(t.text("consent.sign_date", v), st.small),
        ],
        [blank, blank, blank],
    ]
    table = Table(
        rows, colWidths=[77 * mm, 10 * mm, 77 * mm], rowHeights=[7 * mm] + [8 * mm] * 3 + [14 * mm]
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 1), (0, -1), 0.5, LIGHT),
                ("LINEBELOW", (2, 1), (2, -1), 0.5, LIGHT),
            ]
        )
    )
    return table


def consent_story(data: LetterData, t: LetterTemplates) -> list[Flowable]:
    st = styles()
    v = values(data, t)
    hh = data.household
    partner_type = t.texts.get(f"partner_types.{data.recipient.type.value}", "")
    partner = data.recipient.name + (f" ({partner_type})" if partner_type else "")
    story: list[Flowable] = [
        para(t.text("consent.heading", v), st.title),
        para(
            f"{t.texts['labels.reference']}: {data.reference} · "
            f"{t.texts['labels.date']}: {t.format_date(data.letter_date)}",
            st.small,
        ),
        Spacer(1, 2 * mm),
        para(t.text("consent.intro", v), st.body),
        para(t.text("consent.who_heading", v), st.heading),
        _field_table(
            [
                (t.text("consent.name_label", v), "\n".join(hh.residents) or hh.label),
                (
                    t.text("consent.address_label", v),
                    f"{hh.street_line}, {hh.postcode} {hh.city}",
                ),
            ]
        ),
        para(t.text("consent.partner_heading", v), st.heading),
        para(partner, st.body),
        para(t.text("consent.why_heading", v), st.heading),
        *paragraphs(data.reason, st.body),
        para(t.text("consent.rights_heading", v), st.heading),
        para(t.text("consent.rights", v), st.body),
    ]
    agreed: list[Flowable] = [
        para(t.text("consent.what_heading", v), st.heading),
        para(t.text("consent.what_intro", v), st.body),
    ]
    if data.signals:
        agreed.append(para(t.text("consent.what_signals", v), st.body))
        agreed.extend(signal_list(data.signals, t))
    if data.context.strip():
        if data.signals:
            agreed.append(Spacer(1, 2 * mm))
        agreed.append(para(t.text("consent.what_context", v), st.body))
        agreed.extend(paragraphs(data.context, st.quote))
    agreed.append(para(t.text("consent.not_shared", v), st.body))
    signing: list[Flowable] = [
        para(t.text("consent.sign_heading", v), st.heading),
        para(t.text("consent.sign_statement", v), st.body),
        _signature_boxes(t, v),
    ]
    if _height(agreed + signing) <= _height_available():
        # What is agreed to and the signature lines on one page.
        story.append(KeepTogether(agreed + signing))
    else:
        # Too long for one page: the signature page says what it belongs to.
        story.extend(agreed)
        story.append(KeepTogether([para(t.text("consent.recap", v), st.small), *signing]))
    return story


def _height_available() -> float:
    """The body height of a later page, in points."""
    return float((PAGE_H_MM - LATER_BODY_TOP - BODY_BOTTOM) * mm)


def _height(flowables: list[Flowable]) -> float:
    total = 0.0
    for f in flowables:
        _w, h = f.wrap(TEXT_WIDTH * mm, PAGE_H_MM * mm)
        total += float(h) + float(f.getSpaceBefore()) + float(f.getSpaceAfter())
    return total


def render_consent_form(data: LetterData, templates: LetterTemplates | None = None) -> bytes:
    """The consent form for ``data`` as PDF bytes."""
    t = templates or load_templates(data.language)
    return render(spec_for(data, t, "consent.title", None), consent_story(data, t))

"""The toestemmingsformulier: the form a resident signs before a referral is shared.

It names the partner, the residents the referral concerns (each signs on their own line)
and exactly what will be shared: the fields that ``resources/disclosure/disclosure.json``
lets the partner's bundles carry (the phone number only when the resident agreed to be
called), the selected signals and the letter context, word for word as the referral letter
carries them. Handed over in person, so no envelope window.
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
from waakvlam_desktop.documents.parts import shared_fields, signal_list, spec_for, values
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


def _signature_boxes(
    t: LetterTemplates, v: dict[str, str], resident: str, with_staff: bool
) -> Table:
    """Two columns to fill in by hand: one resident (left) and, once, the staff member."""
    st = styles()
    blank = ""
    staff_label = para(t.text("consent.sign_staff", v), st.label) if with_staff else blank
    staff_name = para(v["staff"], st.body) if with_staff else blank
    staff_place = para(t.text("consent.sign_place", v), st.small) if with_staff else blank
    staff_date = para(t.text("consent.sign_date", v), st.small) if with_staff else blank
    rows = [
        [para(t.text("consent.sign_resident", v), st.label), blank, staff_label],
        [
            para(f"{t.text('consent.name_label', v)}: {resident}", st.small),
            blank,
            staff_name,
        ],
        [para(t.text("consent.sign_place", v), st.small), blank, staff_place],
        [para(t.text("consent.sign_date", v), st.small), blank, staff_date],
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
                *([("LINEBELOW", (2, 1), (2, -1), 0.5, LIGHT)] if with_staff else []),
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
        *[para(text, st.bullet, bullet="•") for text in shared_fields(data)],
        Spacer(1, 2 * mm),
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
    signers = list(hh.residents) or [""]
    signing: list[Flowable] = [
        para(t.text("consent.sign_heading", v), st.heading),
        para(t.text("consent.sign_statement", v), st.body),
        _signature_boxes(t, v, signers[0], with_staff=True),
        # Every resident the referral concerns signs on a line of their own.
        *(_signature_boxes(t, v, name, with_staff=False) for name in signers[1:]),
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

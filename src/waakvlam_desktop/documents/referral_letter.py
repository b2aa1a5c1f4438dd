"""The verwijsbrief: a referral letter to a partner, for a window envelope (window left).

``render_referral_letter(data)`` is a pure function: LetterData in, PDF bytes out. What it
can show is what LetterData holds: the selected signals and the letter context, never the
raw visit notes or signal remarks (the domain rule for letters).
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from waakvlam_desktop.documents.layout import (
    AddressBlock,
    para,
    paragraphs,
    postal_lines,
    render,
    styles,
)
from waakvlam_desktop.documents.parts import (
    attention_line,
    partner_salutation,
    return_lines,
    signal_list,
    signature,
    spec_for,
    values,
)
from waakvlam_desktop.documents.templates import LetterTemplates, load_templates
from waakvlam_desktop.domain.letters import LetterData
from waakvlam_desktop.domain.types import GrondslagKind


def recipient_block(data: LetterData, t: LetterTemplates) -> AddressBlock:
    r = data.recipient
    return AddressBlock(
        return_lines=return_lines(data),
        remark=t.texts["labels.confidential"],
        lines=postal_lines(
            r.name, attention_line(data, t), r.address_line, postcode=r.postcode, city=r.city
        ),
    )


def referral_story(data: LetterData, t: LetterTemplates) -> list[Flowable]:
    st = styles()
    v = values(data, t)
    r = data.recipient
    story: list[Flowable] = [
        para(t.text(t.body_key(r.type, "subject"), v), st.subject),
        para(partner_salutation(data, t), st.body),
        para(t.text(t.body_key(r.type, "intro"), v), st.body),
        para(t.text("referral.reason_heading", v), st.heading),
        *paragraphs(data.reason, st.body),
        para(t.text("referral.signals_heading", v), st.heading),
    ]
    if data.signals:
        story.append(para(t.text("referral.signals_intro", v), st.body))
        story.extend(signal_list(data.signals, t))
    else:
        story.append(para(t.text("referral.no_signals", v), st.body))
    if data.context.strip():
        story.append(para(t.text("referral.context_heading", v), st.heading))
        story.extend(paragraphs(data.context, st.body))
    story.append(para(t.text(t.body_key(r.type, "request"), v), st.body))
    story.append(para(t.text("referral.grondslag_heading", v), st.heading))
    g = data.grondslag
    if g.kind is GrondslagKind.CONSENT:
        story.append(para(t.text("referral.grondslag_consent", v), st.body))
    else:
        story.append(para(t.text("referral.grondslag_other", v), st.body))
        story.extend(paragraphs(g.basis_text, st.quote))
    key = "referral.feedback_due" if data.feedback_due else "referral.feedback_open"
    # The end holds together: the feedback request, the signature and the privacy note
    # never stand alone on a page.
    story.append(
        KeepTogether(
            [
                para(t.text("referral.feedback_heading", v), st.heading),
                para(t.text(key, v), st.body),
                *signature(data, t, t.text("referral.closing", v), contact=False),
                para(t.text("referral.privacy_note", v), st.small),
            ]
        )
    )
    return story


def render_referral_letter(data: LetterData, templates: LetterTemplates | None = None) -> bytes:
    """The referral letter for ``data`` as PDF bytes (A4, DejaVu Sans embedded)."""
    t = templates or load_templates(data.language)
    spec = spec_for(data, t, t.body_key(data.recipient.type, "title"), recipient_block(data, t))
    return render(spec, referral_story(data, t))

"""An optional short letter to the resident about their referral (window envelope).

Only for a referral made with the resident's consent: when the grondslag is something
else (acute danger, the meldcode) a letter at home may put someone at risk, so it is
refused and the staff member talks to the resident in person instead.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from waakvlam_desktop.documents.layout import AddressBlock, para, postal_lines, render, styles
from waakvlam_desktop.documents.parts import (
    return_line,
    shared_fields,
    signal_list,
    signature,
    spec_for,
    values,
)
from waakvlam_desktop.documents.templates import LetterTemplates, load_templates
from waakvlam_desktop.domain.letters import LetterData
from waakvlam_desktop.domain.types import GrondslagKind
from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

NEEDS_CONSENT = Message(
    "documents.resident_letter_needs_consent",
    QT_TRANSLATE_NOOP(
        "Errors",
        "A letter to the resident is only possible for a referral with consent; on another legal"
        " basis, discuss the referral in person.",
    ),
)


def resident_block(data: LetterData, t: LetterTemplates) -> AddressBlock:
    hh = data.household
    names = hh.residents[:2] if 0 < len(hh.residents) <= 2 else (hh.label,)
    return AddressBlock(
        return_line=return_line(data, t),
        marking=t.texts["labels.confidential"],
        lines=postal_lines(*names, hh.street_line, postcode=hh.postcode, city=hh.city),
    )


def resident_story(data: LetterData, t: LetterTemplates) -> list[Flowable]:
    st = styles()
    v = values(data, t)
    n = len(data.household.residents)
    salutation = (
        t.text("resident.salutation_named", v) if 0 < n <= 2 else t.texts["resident.salutation"]
    )
    story: list[Flowable] = [
        para(f"{t.texts['labels.subject']}: {t.text('resident.subject', v)}", st.label),
        Spacer(1, 3 * mm),
        para(salutation, st.body),
        para(t.text("resident.body", v), st.body),
    ]
    story.append(para(t.text("resident.shared_intro", v), st.body))
    story.extend(para(text, st.bullet, bullet="•") for text in shared_fields(data))
    story.append(Spacer(1, 2 * mm))
    if data.signals:
        story.extend(signal_list(data.signals, t))
        story.append(Spacer(1, 2 * mm))
    if data.recipient.contact_name:
        story.append(para(t.text("resident.partner_contact", v), st.body))
    story.append(para(t.text("resident.questions", v), st.body))
    story.append(Spacer(1, 1 * mm))
    story.append(signature(data, t, t.text("resident.closing", v), contact=False))
    return story


def render_resident_letter(data: LetterData, templates: LetterTemplates | None = None) -> bytes:
    """The letter to the resident for ``data`` as PDF bytes."""
    if data.grondslag.kind is not GrondslagKind.CONSENT:
        raise ValidationError(NEEDS_CONSENT, field="grondslag")
    t = templates or load_templates(data.language)
    return render(
        spec_for(data, t, "resident.title", resident_block(data, t)), resident_story(data, t)
    )

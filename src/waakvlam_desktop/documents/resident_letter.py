"""An optional short letter to the resident about their referral (window envelope).

Written at B1 level: what happens next, what was shared in plain phrases per domain
("zorgen over geld"), never checklist labels or severities, and who to call.

Only for a referral made with the resident's consent: when the grondslag is something
else (acute danger, the meldcode) a letter at home may put someone at risk, so it is
refused and the staff member talks to the resident in person instead. For the same
reason no letter about a Veilig Thuis melding goes to the home address.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from waakvlam_desktop.documents.layout import AddressBlock, para, postal_lines, render, styles
from waakvlam_desktop.documents.parts import (
    capitalise,
    formal_name,
    resident_salutation,
    return_lines,
    shared_fields,
    signature,
    spec_for,
    values,
)
from waakvlam_desktop.documents.templates import DOMAIN_PREFIX, LetterTemplates, load_templates
from waakvlam_desktop.domain.letters import LetterData
from waakvlam_desktop.domain.types import GrondslagKind, PartnerType
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
NOT_FOR_VEILIG_THUIS = Message(
    "documents.resident_letter_veilig_thuis",
    QT_TRANSLATE_NOOP(
        "Errors",
        "No letter goes to the home about a report to Veilig Thuis, because someone else in"
        " the house may read it; tell the resident in person.",
    ),
)


def resident_block(data: LetterData, t: LetterTemplates) -> AddressBlock:
    """The residents by name (one or two), else the household's label; no remark line and
    no partner name: the envelope goes to a home."""
    hh = data.household
    if 0 < len(hh.residents) <= 2:
        people = hh.people if len(hh.people) == len(hh.residents) else ()
        names = tuple(
            capitalise(formal_name(people[i], t)) if people and people[i].known else name
            for i, name in enumerate(hh.residents)
        )
    else:
        names = (capitalise(hh.label),)
    return AddressBlock(
        return_lines=return_lines(data),
        remark="",
        lines=postal_lines(*names, hh.street_line, postcode=hh.postcode, city=hh.city),
    )


def concern_phrases(data: LetterData, t: LetterTemplates) -> list[str]:
    """One plain phrase per checklist domain of the chosen signals ("zorgen over geld")."""
    out: list[str] = []
    for group in data.signals:
        phrase = t.texts.get(DOMAIN_PREFIX + group.domain, t.texts["resident.domain_other"])
        if phrase not in out:
            out.append(phrase)
    return out


def resident_story(data: LetterData, t: LetterTemplates) -> list[Flowable]:
    st = styles()
    v = values(data, t)
    story: list[Flowable] = [
        para(t.text("resident.subject", v), st.subject),
        para(resident_salutation(data, t), st.body),
        para(t.text("resident.body", v), st.body),
        # Exactly what the partner's bundles carry (the disclosure spec, in plain words),
        # then what the concerns are about, one plain phrase per domain (no checklist
        # labels, no severities).
        para(t.text("resident.shared_intro", v), st.body),
        *[para(p, st.bullet, bullet="•") for p in shared_fields(data, letter=True)],
        *(
            [
                para(t.text("resident.concerns_intro", v), st.body),
                *[para(p, st.bullet, bullet="•") for p in concern_phrases(data, t)],
            ]
            if data.signals
            else []
        ),
        Spacer(1, 2 * mm),
        para(t.text("resident.not_shared", v), st.body),
    ]
    if v["contact"]:
        story.append(para(t.text("resident.partner_contact", v), st.body))
    key = "resident.questions" if v["phone"] else "resident.questions_no_phone"
    story.append(
        KeepTogether(
            [
                para(t.text(key, v), st.body),
                Spacer(1, 1 * mm),
                *signature(data, t, t.text("resident.closing", v), contact=False),
            ]
        )
    )
    return story


def render_resident_letter(data: LetterData, templates: LetterTemplates | None = None) -> bytes:
    """The letter to the resident for ``data`` as PDF bytes."""
    if data.grondslag.kind is not GrondslagKind.CONSENT:
        raise ValidationError(NEEDS_CONSENT, field="grondslag")
    if data.recipient.type is PartnerType.VEILIG_THUIS:
        raise ValidationError(NOT_FOR_VEILIG_THUIS, field="partner")
    t = templates or load_templates(data.language)
    spec = spec_for(data, t, "resident.title", resident_block(data, t), confidential=False)
    return render(spec, resident_story(data, t))

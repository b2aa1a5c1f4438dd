"""Pieces the referral letter, the consent form and the resident letter share."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from waakvlam_desktop.documents.layout import AddressBlock, DocumentSpec, para, styles
from waakvlam_desktop.documents.templates import LetterTemplates
from waakvlam_desktop.domain.disclosure import load_disclosure, named_fields
from waakvlam_desktop.domain.letters import LetterData, SignalGroup
from waakvlam_desktop.domain.types import ConsentForm


def join_names(names: tuple[str, ...], last_joiner: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {last_joiner} " + names[-1]


def values(data: LetterData, t: LetterTemplates) -> dict[str, str]:
    """The placeholder values every text of a letter may use (see templates.SPEC)."""
    hh = data.household
    joiner = "and" if t.language == "en" else "en"
    g = data.grondslag
    form = ""
    if g.consent_form is ConsentForm.VERBAL:
        form = t.texts["labels.consent_verbal"]
    elif g.consent_form is ConsentForm.WRITTEN:
        form = t.texts["labels.consent_written"]
    return {
        "organisation": data.organisation.name,
        "partner": data.recipient.name,
        "household": hh.label,
        "residents": join_names(hh.residents, joiner) or hh.label,
        "address": f"{hh.street_line}, {hh.postcode} {hh.city}".strip(", "),
        "reference": data.reference,
        "date": t.format_date(data.letter_date),
        "staff": data.staff.name or data.organisation.name,
        "contact_name": data.recipient.contact_name,
        "consent_date": t.format_date(g.consent_date) if g.consent_date else "",
        "consent_form": form,
        "feedback_due": t.format_date(data.feedback_due) if data.feedback_due else "",
        "names": join_names(hh.residents[:2], joiner),
    }


def return_line(data: LetterData, t: LetterTemplates) -> str:
    org = data.organisation
    parts = [org.name, org.address_line, f"{org.postcode} {org.city}".strip()]
    address = ", ".join(p for p in parts if p)
    if not (org.address_line or org.postcode):
        return ""
    return f"{t.texts['labels.return_address']}: {address}"


def details(data: LetterData, t: LetterTemplates) -> tuple[tuple[str, str], ...]:
    """Date, reference and how to reach the staff member, for beside the window."""
    staff, org = data.staff, data.organisation
    return (
        (t.texts["labels.date"], place_and_date(data, t)),
        (t.texts["labels.reference"], data.reference),
        (t.texts["labels.contact"], staff.name),
        (t.texts["labels.phone"], staff.phone or org.phone),
        (t.texts["labels.email"], staff.email or org.email),
    )


def spec_for(
    data: LetterData, t: LetterTemplates, title_key: str, address: AddressBlock | None
) -> DocumentSpec:
    return DocumentSpec(
        title=t.texts[title_key],
        reference=data.reference,
        language=data.language,
        organisation=data.organisation,
        page_label=t.texts["labels.page"],
        confidential=t.texts["labels.confidential"],
        address=address,
        details=details(data, t) if address is not None else (),
    )


def shared_fields(data: LetterData) -> list[str]:
    """What this partner's bundles carry, as the resident reads it: the fields of
    ``resources/disclosure/disclosure.json`` for the partner's profile and type (the phone
    number only when the resident agreed to be called)."""
    fields = named_fields(
        load_disclosure(), data.profile, data.recipient.type, may_call=data.may_call
    )
    return [f.text(data.language) for f in fields]


def signal_list(groups: tuple[SignalGroup, ...], t: LetterTemplates) -> list[Flowable]:
    """The selected signals as a readable list, grouped under their checklist domain."""
    st = styles()
    severity = t.texts["labels.severity"]
    out: list[Flowable] = []
    for group in groups:
        out.append(para(group.label, st.label))
        for sig in group.signals:
            out.append(
                para(f"{sig.label} ({severity}: {sig.severity_label})", st.bullet, bullet="•")
            )
    return out


def place_and_date(data: LetterData, t: LetterTemplates) -> str:
    day = t.format_date(data.letter_date)
    return f"{data.place}, {day}" if data.place else day


def signature(data: LetterData, t: LetterTemplates, closing: str, contact: bool) -> Flowable:
    """Closing, room for a handwritten signature, staff name and role (and, when the
    details block beside the window is absent, how to reach them)."""
    st = styles()
    staff = data.staff
    org = data.organisation
    parts: list[Flowable] = [para(closing, st.body), Spacer(1, 10 * mm)]
    parts.append(para(staff.name or org.name, st.signature_name))
    role = ", ".join(p for p in (staff.role, org.name) if p)
    if role and staff.name:
        parts.append(para(role, st.signature))
    phone = staff.phone or org.phone
    email = staff.email or org.email
    line = " · ".join(
        p
        for p in (
            f"{t.texts['labels.phone']} {phone}" if phone else "",
            f"{t.texts['labels.email']} {email}" if email else "",
        )
        if p
    )
    if contact and line:
        parts.append(para(line, st.signature))
    return KeepTogether(parts)

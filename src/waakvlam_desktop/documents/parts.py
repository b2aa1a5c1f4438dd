"""Pieces the referral letter, the consent form and the resident letter share."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from waakvlam_desktop.documents.layout import (
    AddressBlock,
    DetailRow,
    DocumentSpec,
    para,
    styles,
)
from waakvlam_desktop.documents.templates import LetterTemplates
from waakvlam_desktop.domain.disclosure import load_disclosure, named_fields
from waakvlam_desktop.domain.letters import LetterData, SignalGroup
from waakvlam_desktop.domain.names import PersonName
from waakvlam_desktop.domain.types import ConsentForm, Salutation
from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

NO_RETURN_ADDRESS = Message(
    "documents.no_return_address",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This letter needs a return address: fill in the organisation's postal address under"
        " Settings › Organisation and letterhead, or with 'waakvlam org set --address …"
        " --postcode … --city …'.",
    ),
)


def join_names(names: tuple[str, ...], last_joiner: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {last_joiner} " + names[-1]


def capitalise(text: str) -> str:
    """First letter upper case, the rest as written ("de heer" → "De heer")."""
    return text[:1].upper() + text[1:]


def _title(name: PersonName, t: LetterTemplates, prefix: str) -> str:
    """The word for the aanhef from the template ("de heer", "heer"), or "" (neutral)."""
    if name.salutation is Salutation.HEER:
        return t.texts[f"labels.{prefix}heer"]
    if name.salutation is Salutation.MEVROUW:
        return t.texts[f"labels.{prefix}mevrouw"]
    return ""


def formal_name(name: PersonName, t: LetterTemplates) -> str:
    """ "de heer J. de Groot", "mevrouw F. Öztürk-van der Heijden", "J. de Groot"."""
    title = _title(name, t, "")
    return f"{title} {name.full()}" if title else name.full()


def salutation_name(name: PersonName, t: LetterTemplates) -> str:
    """ "heer De Groot", "mevrouw Öztürk-van der Heijden"; without a gendered aanhef the
    whole name ("J. de Groot")."""
    title = _title(name, t, "salutation_")
    if title:
        return f"{title} {name.short()}"
    return name.full() if name.initials else name.short()


def attention_line(data: LetterData, t: LetterTemplates) -> str:
    """ "t.a.v. de heer J. de Groot" from the parts, else the contact as typed, else none."""
    r = data.recipient
    contact = formal_name(r.contact, t) if r.contact.known else r.contact_name
    return t.text("labels.attention", {"contact": contact}) if contact else ""


def partner_salutation(data: LetterData, t: LetterTemplates) -> str:
    """ "Geachte heer De Groot," from the contact's parts; "Geachte heer/mevrouw," when the
    parts are not known (a contact typed as one field is not guessed at)."""
    c = data.recipient.contact
    if not c.known:
        return t.texts[_greeting(data, "unknown")]
    return t.text(_greeting(data, "named"), {"name": salutation_name(c, t)})


def _greeting(data: LetterData, kind: str) -> str:
    """The template key of a salutation: "Geachte …" or, by the organisation's choice,
    "Beste …"."""
    return f"labels.{'informal' if data.informal else 'salutation'}_{kind}"


def resident_salutation(data: LetterData, t: LetterTemplates) -> str:
    """One or two residents by name when their parts are known ("Geachte heer en mevrouw
    Jansen,"), else "Geachte heer/mevrouw," (one) or "Geachte bewoners," (more)."""
    people = data.household.people
    known = [p for p in people if p.known]
    if len(people) == 1 and known:
        return t.text(_greeting(data, "named"), {"name": salutation_name(known[0], t)})
    if len(people) == 2 and len(known) == 2:
        a, b = known
        joiner = t.texts["labels.and"]
        if (
            a.short() == b.short()
            and a.salutation
            and b.salutation
            and a.salutation != b.salutation
        ):
            first, second = salutation_name(a, t), salutation_name(b, t)
            name = f"{first.removesuffix(' ' + a.short())} {joiner} {second}"
        else:
            name = f"{salutation_name(a, t)} {joiner} {salutation_name(b, t)}"
        return t.text(_greeting(data, "named"), {"name": name})
    if len(people) == 1:
        return t.texts[_greeting(data, "unknown")]
    return t.texts[_greeting(data, "residents")]


def resident_word(data: LetterData, t: LetterTemplates) -> tuple[str, str]:
    """How the letter names the people it is about, with the verb that agrees:
    ("mevrouw Öztürk", "heeft"), ("de bewoner", "heeft") or ("de bewoners", "hebben")."""
    people = data.household.people
    if len(people) == 1:
        p = people[0]
        if p.known and p.salutation in (Salutation.HEER, Salutation.MEVROUW):
            return salutation_name(p, t), t.texts["labels.has_one"]
        return t.texts["labels.resident_one"], t.texts["labels.has_one"]
    return t.texts["labels.resident_many"], t.texts["labels.has_many"]


def values(data: LetterData, t: LetterTemplates) -> dict[str, str]:
    """The placeholder values every text of a letter may use (see templates.SPEC)."""
    hh = data.household
    joiner = t.texts["labels.and"]
    g = data.grondslag
    form = ""
    if g.consent_form is ConsentForm.VERBAL:
        form = t.texts["labels.consent_verbal"]
    elif g.consent_form is ConsentForm.WRITTEN:
        form = t.texts["labels.consent_written"]
    word, has = resident_word(data, t)
    contact = data.recipient.contact
    return {
        "organisation": data.organisation.name,
        "partner": data.recipient.name,
        "household": hh.label,
        "residents": join_names(hh.residents, joiner) or hh.label,
        "address": f"{hh.street_line}, {hh.postcode} {hh.city}".strip(", "),
        "reference": data.reference,
        "date": t.format_date(data.letter_date),
        "staff": data.staff.name or data.organisation.name,
        "resident_word": word,
        "has": has,
        "contact": formal_name(contact, t) if contact.known else data.recipient.contact_name,
        "consent_date": t.format_date(g.consent_date) if g.consent_date else "",
        "consent_form": form,
        "feedback_due": t.format_date(data.feedback_due) if data.feedback_due else "",
        "phone": data.staff.phone or data.organisation.phone,
    }


def return_lines(data: LetterData) -> tuple[str, ...]:
    """The organisation's return address for the window, longest form first; refused with
    one sentence when the organisation has no postal address yet."""
    org = data.organisation
    if not (org.address_line and org.postcode and org.city):
        raise ValidationError(NO_RETURN_ADDRESS, field="organisation")
    postal = f"{org.address_line}, {org.postcode} {org.city}"
    return (f"{org.name}, {postal}", postal)


def details(data: LetterData, t: LetterTemplates) -> tuple[DetailRow, ...]:
    """Date, reference and how to reach the staff member, for beside the window."""
    staff, org = data.staff, data.organisation
    return (
        DetailRow(t.texts["labels.date"], (place_and_date(data, t),)),
        DetailRow(t.texts["labels.reference"], (data.reference,)),
        DetailRow(
            t.texts["labels.contact"],
            (staff.name, staff.phone or org.phone, staff.email or org.email),
        ),
    )


def spec_for(
    data: LetterData,
    t: LetterTemplates,
    title_key: str,
    address: AddressBlock | None,
    *,
    confidential: bool = True,
) -> DocumentSpec:
    return DocumentSpec(
        title=t.texts[title_key],
        reference=data.reference,
        language=data.language,
        organisation=data.organisation,
        page_label=t.texts["labels.page"],
        confidential=t.texts["labels.confidential"] if confidential else "",
        address=address,
        details=details(data, t) if address is not None else (),
    )


def shared_fields(data: LetterData, *, letter: bool = False) -> list[str]:
    """What this partner's bundles carry, as the resident reads it: the fields of
    ``resources/disclosure/disclosure.json`` for the partner's profile and type (the phone
    number only when the resident agreed to be called). ``letter``: in the words of the
    letter to the resident instead of those of the consent form."""
    fields = named_fields(
        load_disclosure(), data.profile, data.recipient.type, may_call=data.may_call
    )
    if letter:
        return [f.letter_text(data.language) for f in fields]
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


def signature(data: LetterData, t: LetterTemplates, closing: str, contact: bool) -> list[Flowable]:
    """Closing, room for a handwritten signature, staff name and role (and, when the
    details block beside the window is absent, how to reach them)."""
    st = styles()
    staff = data.staff
    org = data.organisation
    parts: list[Flowable] = [para(closing, st.body), Spacer(1, 9 * mm)]
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
    return parts  # the caller keeps it together with what precedes it

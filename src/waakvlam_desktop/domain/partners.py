"""Partners: who receives referrals and exports, and what they may see."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pyrage
from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.domain.bsn import guard_fields
from waakvlam_desktop.domain.names import NO_NAME, PersonName, from_columns, stored
from waakvlam_desktop.domain.types import DataProfile, ExportSchedule, PartnerType
from waakvlam_desktop.domain.validation import normalise_postcode, require_text
from waakvlam_desktop.errors import NotFoundError, ValidationError
from waakvlam_desktop.storage.models import Partner, PartnerSigningKey, Referral, Setting
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message, translate

PARTNER_NAME = Message("field.partner_name", QT_TRANSLATE_NOOP("Errors", "The partner's name"))
INVALID_RECIPIENT = Message(
    "partners.invalid_recipient",
    QT_TRANSLATE_NOOP(
        "Errors",
        "'{start}…' is not a valid age recipient. A recipient starts with 'age1' and comes"
        " from the partner themselves ('waakvlam bundle keygen').",
    ),
)
NAME_TAKEN = Message(
    "partners.name_taken",
    QT_TRANSLATE_NOOP("Errors", "There is already a partner named '{name}'."),
)
NO_SUCH_PARTNER = Message(
    "partners.no_such_partner",
    QT_TRANSLATE_NOOP(
        "Errors", "Partner '{name}' does not exist. 'waakvlam partner list' shows the partners."
    ),
)
PARTNER_GONE = Message(
    "partners.partner_gone", QT_TRANSLATE_NOOP("Errors", "This partner does not exist.")
)
PARTNER_INCOMPLETE = Message(
    "partners.incomplete",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The referral letter cannot be made yet: first fill in the {missing} of partner"
        " '{name}' (under Partners, or with 'waakvlam partner edit'); the referral is kept.",
    ),
)

# The fields a shipped partner template may wait for, with their words ("nog aanvullen:
# adres, postcode en plaats").
FIELD_LABELS: dict[str, str] = {
    "address_line": QT_TRANSLATE_NOOP("Labels", "address"),
    "postcode": QT_TRANSLATE_NOOP("Labels", "postcode"),
    "city": QT_TRANSLATE_NOOP("Labels", "city"),
    "phone": QT_TRANSLATE_NOOP("Labels", "phone number"),
    "email": QT_TRANSLATE_NOOP("Labels", "e-mail address"),
}
AND = QT_TRANSLATE_NOOP("Labels", "and")
# Setting (internal, not an organisation choice): {partner id: [fields a letter waits for]}
# for the partner templates a fresh vault was given (resources/partners/defaults.json).
TEMPLATES_KEY = "partner_templates"


def validate_age_recipient(text: str) -> str:
    """Check an age X25519 recipient string (``age1…``) and return it stripped."""
    value = text.strip()
    try:
        pyrage.x25519.Recipient.from_str(value)
    except Exception as exc:  # pyrage raises its own error types
        raise ValidationError(INVALID_RECIPIENT, field="recipients", start=value[:20]) from exc
    return value


@dataclass(frozen=True, slots=True)
class PartnerView:
    id: str
    name: str
    type: PartnerType
    contact_name: str
    address_line: str
    postcode: str
    city: str
    email: str
    phone: str
    recipients: tuple[str, ...]
    profile: DataProfile
    schedule: ExportSchedule
    #: The contact person in parts (letters: "t.a.v. de heer J. de Groot").
    contact: PersonName = NO_NAME
    #: The key id pinned for the partner's feedback replies (32 hex), if any.
    signing_key_id: str | None = None
    #: A shipped template still to complete ("nog aanvullen"): the fields a referral
    #: letter to it waits for (keys of FIELD_LABELS), empty when it is usable.
    missing: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.missing


def missing_words(fields: tuple[str, ...] | list[str], language: str | None = None) -> str:
    """ "adres, postcode en plaats": the missing fields in words, in ``language``."""
    words = [translate("Labels", FIELD_LABELS[f], language) for f in fields]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {translate('Labels', AND, language)} " + words[-1]


@dataclass(frozen=True, slots=True)
class MissingFields:
    """The missing fields as a message parameter: rendered in the message's language."""

    fields: tuple[str, ...]

    def render(self, language: str | None = None) -> str:
        return missing_words(self.fields, language)


def _templates(session: Session) -> dict[str, list[str]]:
    raw = session.scalar(select(Setting.value_json).where(Setting.key == TEMPLATES_KEY))
    found: dict[str, list[str]] = json.loads(raw) if raw else {}
    return found


def _missing(p: Partner, templates: dict[str, list[str]]) -> tuple[str, ...]:
    """What a template partner still lacks; derived from the fields, so filling them in
    (in the GUI, the CLI or a restore) is all it takes."""
    return tuple(f for f in templates.get(p.id, ()) if not str(getattr(p, f, "")).strip())


def _view(
    p: Partner,
    templates: dict[str, list[str]] | None = None,
    signing_key_id: str | None = None,
) -> PartnerView:
    return PartnerView(
        id=p.id,
        name=p.name,
        type=PartnerType(p.type),
        contact_name=p.contact_name,
        address_line=p.address_line,
        postcode=p.postcode,
        city=p.city,
        email=p.email,
        phone=p.phone,
        recipients=tuple(json.loads(p.age_recipients)),
        profile=DataProfile(p.profile),
        schedule=ExportSchedule(p.schedule),
        contact=from_columns(
            p.contact_salutation, p.contact_initials, p.contact_prefix, p.contact_surname
        ),
        signing_key_id=signing_key_id,
        missing=_missing(p, templates or {}),
    )


def _set_contact(partner: Partner, contact_name: str, contact: PersonName | None) -> None:
    """Store the contact person: the parts when given (the typed name follows them, for
    lists and exports); ``None`` keeps the stored parts (the typed name then only counts
    while there are none); an empty PersonName clears them."""
    if contact is None:
        if not partner.contact_surname:
            partner.contact_name = contact_name.strip()
        return
    if contact.known:
        (
            partner.contact_salutation,
            partner.contact_initials,
            partner.contact_prefix,
            partner.contact_surname,
        ) = stored(contact)
        partner.contact_name = contact.full()
    else:
        partner.contact_salutation = partner.contact_initials = ""
        partner.contact_prefix = partner.contact_surname = ""
        partner.contact_name = contact_name.strip()


def _unique_name(session: Session, name: str, partner_id: str | None = None) -> str:
    """The partner's name, required and not in use by another partner (``partner_id``: the
    partner being changed)."""
    clean_name = require_text(name, PARTNER_NAME, "name", 200)
    clash = select(Partner.id).where(Partner.name == clean_name)
    if partner_id is not None:
        clash = clash.where(Partner.id != partner_id)
    if session.scalar(clash) is not None:
        raise ValidationError(NAME_TAKEN, field="name", name=clean_name)
    return clean_name


def add_partner(
    session: Session,
    *,
    name: str,
    type: PartnerType,
    recipients: list[str] | None = None,
    profile: DataProfile = DataProfile.CASE,
    schedule: ExportSchedule = ExportSchedule.NONE,
    contact_name: str = "",
    address_line: str = "",
    postcode: str = "",
    city: str = "",
    email: str = "",
    phone: str = "",
    contact: PersonName | None = None,
) -> PartnerView:
    guard_fields(
        {
            "contact_name": contact_name,
            "contact_surname": contact.surname if contact else "",
            "address_line": address_line,
            "city": city,
            "phone": phone,
        },
        confirmable=False,
    )
    clean_name = _unique_name(session, name)
    checked = [validate_age_recipient(r) for r in recipients or []]
    partner = Partner(
        name=clean_name,
        type=PartnerType(type).value,
        contact_name=contact_name.strip(),
        address_line=address_line.strip(),
        postcode=normalise_postcode(postcode) if postcode.strip() else "",
        city=city.strip(),
        email=email.strip(),
        phone=phone.strip(),
        age_recipients=json.dumps(checked),
        profile=DataProfile(profile).value,
        schedule=ExportSchedule(schedule).value,
        pseudonym_secret=secrets.token_bytes(32),
    )
    _set_contact(partner, contact_name, contact)
    session.add(partner)
    session.flush()
    return _view(partner)


def list_partners(session: Session) -> list[PartnerView]:
    templates = _templates(session)
    pinned = select(PartnerSigningKey.partner_id, PartnerSigningKey.key_id)
    keys: dict[str, str] = {pid: kid for pid, kid in session.execute(pinned).all()}
    return [
        _view(p, templates, keys.get(p.id))
        for p in session.scalars(select(Partner).order_by(Partner.name))
    ]


def partner_view(session: Session, partner_id: str) -> PartnerView:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFoundError(PARTNER_GONE)
    return _view(partner, _templates(session), signing_key_id(session, partner.id))


def require_complete_for_letter(session: Session, referral_id: str) -> None:
    """Refuse a referral letter to a partner template that is still to complete, with one
    sentence naming what is missing (nothing is written: call before making the letter)."""
    partner = session.scalar(
        select(Partner)
        .join(Referral, Referral.partner_id == Partner.id)
        .where(Referral.id == referral_id)
    )
    if partner is None:
        return
    missing = _missing(partner, _templates(session))
    if missing:
        raise ValidationError(
            PARTNER_INCOMPLETE, field="partner", name=partner.name, missing=MissingFields(missing)
        )


# ---- the partners a fresh vault starts with ---------------------------------------------
@dataclass(frozen=True, slots=True)
class DefaultPartner:
    names: dict[str, str]  # language -> name
    type: PartnerType
    phone: str
    email: str
    to_complete: tuple[str, ...]

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names["nl"]


def load_default_partners() -> list[DefaultPartner]:
    """The shipped list (resources/partners/defaults.json)."""
    raw = (
        resources.files("waakvlam_desktop.resources")
        .joinpath("partners/defaults.json")
        .read_text(encoding="utf-8")
    )
    doc: dict[str, Any] = json.loads(raw)
    out = []
    for entry in doc["partners"]:
        fields = tuple(entry.get("to_complete", ()))
        unknown = [f for f in fields if f not in FIELD_LABELS]
        if unknown:
            raise ValueError(f"partners/defaults.json: unknown field(s) {unknown}")
        out.append(
            DefaultPartner(
                names=dict(entry["name"]),
                type=PartnerType(entry["type"]),
                phone=entry.get("phone", ""),
                email=entry.get("email", ""),
                to_complete=fields,
            )
        )
    return out


def install_default_partners(session: Session, language: str = "nl") -> list[PartnerView]:
    """Give a fresh vault its partners: the complete ones usable at once, the templates
    recorded with what a letter to them waits for."""
    templates: dict[str, list[str]] = {}
    for d in load_default_partners():
        view = add_partner(
            session, name=d.name(language), type=d.type, phone=d.phone, email=d.email
        )
        if d.to_complete:
            templates[view.id] = list(d.to_complete)
    if templates:
        session.add(Setting(key=TEMPLATES_KEY, value_json=json.dumps(templates, sort_keys=True)))
        session.flush()
    return list_partners(session)


def partner_by_name(session: Session, name: str) -> Partner:
    partner = session.scalar(select(Partner).where(Partner.name == name.strip()))
    if partner is None:
        raise NotFoundError(NO_SUCH_PARTNER, name=name)
    return partner


def get_partner(session: Session, ident: str) -> Partner:
    """A partner by id, else by name."""
    return session.get(Partner, ident) or partner_by_name(session, ident)


def update_partner(
    session: Session,
    partner_id: str,
    *,
    name: str,
    type: PartnerType,
    recipients: list[str],
    profile: DataProfile,
    schedule: ExportSchedule,
    contact_name: str = "",
    address_line: str = "",
    postcode: str = "",
    city: str = "",
    email: str = "",
    phone: str = "",
    contact: PersonName | None = None,
) -> PartnerView:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFoundError(PARTNER_GONE)
    guard_fields(
        {
            "contact_name": contact_name,
            "contact_surname": contact.surname if contact else "",
            "address_line": address_line,
            "city": city,
            "phone": phone,
        },
        confirmable=False,
    )
    clean_name = _unique_name(session, name, partner_id)
    partner.name = clean_name
    partner.type = PartnerType(type).value
    partner.age_recipients = json.dumps([validate_age_recipient(r) for r in recipients])
    partner.profile = DataProfile(profile).value
    partner.schedule = ExportSchedule(schedule).value
    _set_contact(partner, contact_name, contact)
    partner.address_line = address_line.strip()
    partner.postcode = normalise_postcode(postcode) if postcode.strip() else ""
    partner.city = city.strip()
    partner.email = email.strip()
    partner.phone = phone.strip()
    session.flush()
    return _view(partner, _templates(session), signing_key_id(session, partner.id))


def pin_signing_key(session: Session, partner_id: str, public_key: bytes, key_id: str) -> bool:
    """Pin the partner's Ed25519 key for feedback replies (replacing an earlier one).
    False when exactly this key was pinned already."""
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFoundError(PARTNER_GONE)
    row = session.scalar(
        select(PartnerSigningKey).where(PartnerSigningKey.partner_id == partner_id)
    )
    if row is None:
        session.add(PartnerSigningKey(partner_id=partner_id, key_id=key_id, public_key=public_key))
    elif row.public_key == public_key:
        return False
    else:
        row.key_id, row.public_key = key_id, public_key
    session.flush()
    return True


def signing_key_id(session: Session, partner_id: str) -> str | None:
    """The key id pinned for the partner's feedback replies, if any."""
    return session.scalar(
        select(PartnerSigningKey.key_id).where(PartnerSigningKey.partner_id == partner_id)
    )


# Words in a sign's guidance that name a kind of partner ("Bel Veilig Thuis: 0800-2000").
# Dutch only: the guidance an organisation writes is Dutch; the English is a translation.
GUIDANCE_PARTNER_WORDS: tuple[tuple[str, PartnerType], ...] = (
    ("veilig thuis", PartnerType.VEILIG_THUIS),
    ("schuldhulp", PartnerType.SCHULDHULP),
    ("wijkteam", PartnerType.WIJKTEAM),
    ("ggd", PartnerType.GGD),
    ("meldpunt zorg", PartnerType.GGD),
    ("ggz", PartnerType.GGZ),
    ("crisisdienst", PartnerType.GGZ),
    ("maatschappelijk werk", PartnerType.MAATSCHAPPELIJK_WERK),
    ("wijkagent", PartnerType.WIJKAGENT),
)


def partner_type_named_in(guidance: str) -> PartnerType | None:
    """The kind of partner a sign's guidance names first, if any (Doorverwijzen suggests
    it)."""
    text = guidance.lower()
    found = [(text.find(word), kind) for word, kind in GUIDANCE_PARTNER_WORDS if word in text]
    return min(found, key=lambda f: f[0])[1] if found else None

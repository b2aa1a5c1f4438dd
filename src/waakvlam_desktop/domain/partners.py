"""Partners: who receives referrals and exports, and what they may see."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

import pyrage
from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.domain.bsn import guard_fields
from waakvlam_desktop.domain.names import NO_NAME, PersonName, from_columns, stored
from waakvlam_desktop.domain.types import DataProfile, ExportSchedule, PartnerType
from waakvlam_desktop.domain.validation import normalise_postcode, require_text
from waakvlam_desktop.errors import NotFoundError, ValidationError
from waakvlam_desktop.storage.models import Partner, PartnerSigningKey
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

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


def _view(p: Partner, signing_key_id: str | None = None) -> PartnerView:
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
    pinned = select(PartnerSigningKey.partner_id, PartnerSigningKey.key_id)
    keys: dict[str, str] = {pid: kid for pid, kid in session.execute(pinned).tuples()}
    return [
        _view(p, keys.get(p.id)) for p in session.scalars(select(Partner).order_by(Partner.name))
    ]


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
    return _view(partner, signing_key_id(session, partner.id))


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

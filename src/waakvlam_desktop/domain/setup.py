"""First-time set-up of a new vault: organisation, first staff member, checklist, the
partners a fresh vault starts with."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from waakvlam_desktop.domain.checklist import load_checklist
from waakvlam_desktop.domain.partners import install_default_partners
from waakvlam_desktop.domain.settings import save_setting
from waakvlam_desktop.domain.signals import install_checklist
from waakvlam_desktop.domain.validation import normalise_postcode, require_text
from waakvlam_desktop.storage.models import Organisation, StaffMember
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

ORGANISATION_NAME = Message(
    "field.organisation_name", QT_TRANSLATE_NOOP("Errors", "The organisation's name")
)
YOUR_NAME = Message("field.your_name", QT_TRANSLATE_NOOP("Errors", "Your name"))


def initialise(
    session: Session,
    *,
    organisation: str,
    staff_name: str,
    staff_role: str = "",
    language: str = "nl",
    address_line: str = "",
    postcode: str = "",
    city: str = "",
    phone: str = "",
    email: str = "",
    staff_phone: str = "",
    staff_email: str = "",
) -> StaffMember:
    """Create the organisation, the first staff member, install the default checklist and
    the partners a fresh vault starts with (resources/partners/defaults.json: Veilig Thuis,
    and templates to complete; existing vaults never get them).

    The organisation's postal address, phone and e-mail may follow later (``org set``,
    Instellingen); a letter in a window envelope needs the address."""
    org = Organisation(
        name=require_text(organisation, ORGANISATION_NAME, "organisation"),
        address_line=address_line.strip(),
        postcode=normalise_postcode(postcode) if postcode.strip() else "",
        city=city.strip(),
        phone=phone.strip(),
        email=email.strip(),
    )
    staff = StaffMember(
        name=require_text(staff_name, YOUR_NAME, "staff_name", 200),
        role=staff_role.strip(),
        phone=staff_phone.strip(),
        email=staff_email.strip(),
    )
    session.add_all([org, staff])
    session.flush()
    session.info["actor"] = staff.id
    install_checklist(session, load_checklist())
    save_setting(session, "language", language)
    install_default_partners(session, language)
    session.flush()
    return staff


def organisation(session: Session) -> Organisation | None:
    return session.scalar(select(Organisation).order_by(Organisation.created_at).limit(1))


def default_staff(session: Session) -> StaffMember | None:
    """The staff member a session acts as when none was chosen: the first active one."""
    return session.scalar(
        select(StaffMember).where(StaffMember.active).order_by(StaffMember.created_at).limit(1)
    )

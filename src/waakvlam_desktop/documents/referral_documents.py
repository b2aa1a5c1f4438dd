"""The letters of a referral, made from the vault: what the GUI and the CLI call.

Every function takes the session it is given, returns PDF bytes (never a file) and writes
an audit event. The referral letter is also kept in the vault with its referral
(``Referral.letter_pdf``) and is made anew each time it is generated.

After the GUI printed or saved a document it calls
:func:`waakvlam_desktop.domain.letters.record_letter_printed` or
:func:`~waakvlam_desktop.domain.letters.record_letter_saved`.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from waakvlam_desktop.documents.consent_form import render_consent_form
from waakvlam_desktop.documents.referral_letter import render_referral_letter
from waakvlam_desktop.documents.resident_letter import render_resident_letter
from waakvlam_desktop.documents.templates import OVERRIDE_FOLDER, load_templates
from waakvlam_desktop.domain.consent import require_consent_in_force
from waakvlam_desktop.domain.letters import (
    LetterKind,
    letter_data,
    record_letter_generated,
    store_letter,
)
from waakvlam_desktop.domain.partners import require_complete_for_letter


def template_dir(vault_folder: Path | None) -> Path | None:
    """Where an organisation keeps its own wording: ``<vault folder>/letters/``."""
    return vault_folder / OVERRIDE_FOLDER if vault_folder is not None else None


def generate_referral_letter(
    session: Session, referral: str, language: str = "nl", *, vault_folder: Path | None = None
) -> bytes:
    """Make the referral letter, keep it with the referral in the vault, return the PDF.

    Refused once the resident withdrew the consent this referral rests on, and while the
    partner is a template still to complete (nothing is stored then).
    """
    data = letter_data(session, referral, language)
    require_consent_in_force(session, data.referral_id)
    require_complete_for_letter(session, data.referral_id)
    pdf = render_referral_letter(data, load_templates(language, template_dir(vault_folder)))
    store_letter(session, data.referral_id, pdf, language=language)
    return pdf


def generate_consent_form(
    session: Session, referral: str, language: str = "nl", *, vault_folder: Path | None = None
) -> bytes:
    """Make the consent form the resident signs (not stored: it is printed and signed)."""
    data = letter_data(session, referral, language)
    pdf = render_consent_form(data, load_templates(language, template_dir(vault_folder)))
    record_letter_generated(session, data.referral_id, LetterKind.CONSENT, language)
    return pdf


def generate_resident_letter(
    session: Session, referral: str, language: str = "nl", *, vault_folder: Path | None = None
) -> bytes:
    """Make the short letter to the resident (only for a referral with consent in force)."""
    data = letter_data(session, referral, language)
    require_consent_in_force(session, data.referral_id)
    pdf = render_resident_letter(data, load_templates(language, template_dir(vault_folder)))
    record_letter_generated(session, data.referral_id, LetterKind.RESIDENT, language)
    return pdf


GENERATORS = {
    LetterKind.REFERRAL: generate_referral_letter,
    LetterKind.CONSENT: generate_consent_form,
    LetterKind.RESIDENT: generate_resident_letter,
}

"""The signalenlijst inside the vault: installing a version and looking items up."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from waakvlam_desktop.domain.checklist import ChecklistDefinition
from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.storage.models import (
    ChecklistDomain,
    ChecklistItem,
    ChecklistTemplate,
    SignalObservation,
)
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

CHANGED_WITHOUT_VERSION = Message(
    "signals.changed_without_version",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Signal list version {version} was changed without a new version number. Raise"
        " 'version' in the file.",
    ),
)


@dataclass(frozen=True, slots=True)
class ChecklistItemView:
    id: str
    code: str
    domain: str
    domain_label_nl: str
    domain_label_en: str
    label_nl: str
    label_en: str
    guidance_nl: str
    guidance_en: str
    acute: bool


def install_checklist(session: Session, definition: ChecklistDefinition) -> ChecklistTemplate:
    """Install ``definition`` as the active checklist (no-op when this version is active).

    Older versions stay in the vault: past observations keep pointing at their own items.
    """
    existing = session.scalar(
        select(ChecklistTemplate).where(
            ChecklistTemplate.name == definition.name,
            ChecklistTemplate.version == definition.version,
        )
    )
    if existing is not None:
        if existing.source_sha256 != definition.sha256:
            raise ValidationError(CHANGED_WITHOUT_VERSION, version=definition.version)
        if not existing.active:
            session.execute(update(ChecklistTemplate).values(active=False))
            existing.active = True
        return existing
    for old in session.scalars(select(ChecklistTemplate).where(ChecklistTemplate.active)):
        old.active = False
    template = ChecklistTemplate(
        name=definition.name,
        version=definition.version,
        source_sha256=definition.sha256,
        active=True,
    )
    session.add(template)
    session.flush()
    for d in definition.domains:
        session.add(
            ChecklistDomain(
                template_id=template.id,
                code=d.code,
                label_nl=d.label_nl,
                label_en=d.label_en,
                position=d.position,
            )
        )
    for it in definition.items:
        session.add(
            ChecklistItem(
                template_id=template.id,
                code=it.code,
                domain=it.domain,
                label_nl=it.label_nl,
                label_en=it.label_en,
                guidance_nl=it.guidance_nl,
                guidance_en=it.guidance_en,
                acute=it.acute,
                position=it.position,
            )
        )
    session.flush()
    return template


def active_checklist(session: Session) -> list[ChecklistItemView]:
    template = session.scalar(select(ChecklistTemplate).where(ChecklistTemplate.active))
    if template is None:
        return []
    domains = {d.code: d for d in template.domains}
    return [
        ChecklistItemView(
            id=i.id,
            code=i.code,
            domain=i.domain,
            domain_label_nl=domains[i.domain].label_nl,
            domain_label_en=domains[i.domain].label_en,
            label_nl=i.label_nl,
            label_en=i.label_en,
            guidance_nl=i.guidance_nl,
            guidance_en=i.guidance_en,
            acute=i.acute,
        )
        for i in template.items
    ]


def items_by_code(session: Session) -> dict[str, ChecklistItemView]:
    return {item.code: item for item in active_checklist(session)}


def observed_items(session: Session, household_id: str) -> dict[str, ChecklistItem]:
    """The checklist items ever observed in one household, by item id (of any checklist
    version: past observations keep pointing at their own items)."""
    return {
        i.id: i
        for i in session.scalars(
            select(ChecklistItem).where(
                ChecklistItem.id.in_(
                    select(SignalObservation.item_id).where(
                        SignalObservation.household_id == household_id
                    )
                )
            )
        )
    }

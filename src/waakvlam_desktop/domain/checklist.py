"""The signalenlijst as data: load and check the checklist file shipped in resources/."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

UNKNOWN_FORMAT = Message(
    "checklist.unknown_format",
    QT_TRANSLATE_NOOP("Errors", "The signal list has an unknown format (expected: 1)."),
)
DUPLICATE_CODE = Message(
    "checklist.duplicate_code",
    QT_TRANSLATE_NOOP("Errors", "Signal code '{code}' appears twice in the signal list."),
)
UNREADABLE = Message(
    "checklist.unreadable", QT_TRANSLATE_NOOP("Errors", "The signal list cannot be read: {reason}")
)


@dataclass(frozen=True, slots=True)
class ChecklistItemDef:
    code: str
    domain: str
    label_nl: str
    label_en: str
    guidance_nl: str
    guidance_en: str
    acute: bool
    position: int


@dataclass(frozen=True, slots=True)
class ChecklistDomainDef:
    code: str
    label_nl: str
    label_en: str
    position: int


@dataclass(frozen=True, slots=True)
class ChecklistDefinition:
    name: str
    version: str
    sha256: str
    domains: tuple[ChecklistDomainDef, ...]
    items: tuple[ChecklistItemDef, ...]


def default_checklist_bytes() -> bytes:
    return (
        resources.files("waakvlam_desktop.resources")
        .joinpath("checklist/signalenlijst.json")
        .read_bytes()
    )


def parse_checklist(raw: bytes) -> ChecklistDefinition:
    """Parse and check a checklist file; raise :class:`ValidationError` with a clear reason."""
    try:
        doc = json.loads(raw.decode("utf-8"))
        if doc.get("format") != 1:
            raise ValidationError(UNKNOWN_FORMAT)
        domains: list[ChecklistDomainDef] = []
        items: list[ChecklistItemDef] = []
        seen: set[str] = set()
        for d_pos, dom in enumerate(doc["domains"]):
            domains.append(ChecklistDomainDef(dom["code"], dom["label_nl"], dom["label_en"], d_pos))
            for i_pos, item in enumerate(dom["items"]):
                code = item["code"]
                if code in seen:
                    raise ValidationError(DUPLICATE_CODE, code=code)
                seen.add(code)
                items.append(
                    ChecklistItemDef(
                        code=code,
                        domain=dom["code"],
                        label_nl=item["label_nl"],
                        label_en=item["label_en"],
                        guidance_nl=item.get("guidance_nl", ""),
                        guidance_en=item.get("guidance_en", ""),
                        acute=bool(item.get("acute", False)),
                        position=d_pos * 100 + i_pos,
                    )
                )
        return ChecklistDefinition(
            name=str(doc["name"]),
            version=str(doc["version"]),
            sha256=hashlib.sha256(raw).hexdigest(),
            domains=tuple(domains),
            items=tuple(items),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(UNREADABLE, reason=str(exc)) from exc


def load_checklist(path: Path | None = None) -> ChecklistDefinition:
    raw = path.read_bytes() if path is not None else default_checklist_bytes()
    return parse_checklist(raw)

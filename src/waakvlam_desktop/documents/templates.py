"""Letter wording as data: ``resources/letters/<language>.json``, checked when loaded.

An organisation adapts the wording without code: copy the shipped file to
``<vault folder>/letters/<language>.json`` and edit it (see docs/letters.md). Every text
may use only the placeholders listed for it in :data:`SPEC`; a misspelt placeholder, a
missing text or a stray brace is refused on load with one clear Dutch sentence, so a
broken template never produces half a letter.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from waakvlam_desktop.domain.types import PartnerType
from waakvlam_desktop.errors import LetterTemplateError

FORMAT = 1
OVERRIDE_FOLDER = "letters"

NONE: frozenset[str] = frozenset()
#: Placeholders every text of the letter itself may use.
COMMON = frozenset(
    {"organisation", "partner", "household", "residents", "address", "reference", "date", "staff"}
)

#: Every text key and the placeholders it may use. Keys under ``referral.bodies.<type>`` are
#: added below: ``anders`` is required, the other partner types are optional.
SPEC: dict[str, frozenset[str]] = {
    "labels.confidential": NONE,
    "labels.return_address": NONE,
    "labels.attention": frozenset({"contact_name"}),
    "labels.reference": NONE,
    "labels.subject": NONE,
    "labels.date": NONE,
    "labels.contact": NONE,
    "labels.page": frozenset({"page", "pages"}),
    "labels.phone": NONE,
    "labels.email": NONE,
    "labels.consent_verbal": NONE,
    "labels.consent_written": NONE,
    "labels.severity": NONE,
    **{f"partner_types.{t.value}": NONE for t in PartnerType},
    "referral.title": NONE,
    "referral.subject": COMMON,
    "referral.salutation_named": frozenset({"contact_name"}),
    "referral.salutation": NONE,
    "referral.reason_heading": COMMON,
    "referral.signals_heading": COMMON,
    "referral.signals_intro": COMMON,
    "referral.no_signals": COMMON,
    "referral.context_heading": COMMON,
    "referral.grondslag_heading": COMMON,
    "referral.grondslag_consent": COMMON | {"consent_date", "consent_form"},
    "referral.grondslag_other": COMMON,
    "referral.feedback_heading": COMMON,
    "referral.feedback_due": COMMON | {"feedback_due"},
    "referral.feedback_open": COMMON,
    "referral.closing": COMMON,
    "referral.privacy_note": COMMON,
    "referral.bodies.anders.intro": COMMON,
    "referral.bodies.anders.request": COMMON,
    "consent.title": NONE,
    **{
        f"consent.{k}": COMMON
        for k in (
            "heading",
            "intro",
            "who_heading",
            "name_label",
            "address_label",
            "partner_heading",
            "why_heading",
            "what_heading",
            "what_intro",
            "what_signals",
            "what_context",
            "not_shared",
            "rights_heading",
            "rights",
            "sign_heading",
            "sign_statement",
            "sign_resident",
            "sign_staff",
            "sign_date",
            "sign_place",
        )
    },
    "resident.title": NONE,
    "resident.subject": COMMON,
    "resident.salutation_named": frozenset({"names"}),
    "resident.salutation": NONE,
    "resident.body": COMMON | {"consent_date"},
    "resident.shared_intro": COMMON,
    "resident.partner_contact": COMMON | {"contact_name"},
    "resident.questions": COMMON,
    "resident.closing": COMMON,
}
OPTIONAL: dict[str, frozenset[str]] = {
    f"referral.bodies.{t.value}.{part}": COMMON
    for t in PartnerType
    if t is not PartnerType.ANDERS
    for part in ("intro", "request")
}


@dataclass(frozen=True, slots=True)
class LetterTemplates:
    language: str
    months: tuple[str, ...]
    texts: Mapping[str, str]
    source: str

    def text(self, key: str, values: Mapping[str, str]) -> str:
        """The text ``key`` with its placeholders filled in from ``values``."""
        return self.texts[key].format_map(values)

    def body_key(self, partner_type: PartnerType, part: str) -> str:
        key = f"referral.bodies.{partner_type.value}.{part}"
        return key if key in self.texts else f"referral.bodies.anders.{part}"

    def format_date(self, day: date) -> str:
        """``28 november 2026`` (the month names come from the template file)."""
        return f"{day.day} {self.months[day.month - 1]} {day.year}"


def _flatten(node: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _flatten(value, f"{prefix}.{key}" if prefix else str(key), out)
    else:
        out[prefix] = node


def _placeholders(text: str, key: str, source: str) -> set[str]:
    names: set[str] = set()
    try:
        for _literal, name, spec, conversion in string.Formatter().parse(text):
            if name is None:
                continue
            if not name or spec or conversion:
                raise LetterTemplateError(
                    f"Briefsjabloon {source}: '{key}' heeft een ongeldige plaatsaanduiding;"
                    " gebruik alleen {{naam}}."
                )
            names.add(name)
    except ValueError:
        raise LetterTemplateError(
            f"Briefsjabloon {source}: '{key}' heeft een losse accolade; schrijf {{{{ of }}}}"
            " voor een gewone accolade."
        ) from None
    return names


def parse_templates(raw: bytes, source: str = "briefsjabloon") -> LetterTemplates:
    """Parse and check a template file; raise :class:`LetterTemplateError` on any problem."""
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise LetterTemplateError(f"Briefsjabloon {source} is geen geldige JSON: {exc}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise LetterTemplateError(
            f'Briefsjabloon {source} heeft een onbekend formaat (verwacht: "format": {FORMAT}).'
        )
    language = doc.get("language")
    if language not in ("nl", "en"):
        raise LetterTemplateError(f'Briefsjabloon {source}: "language" moet nl of en zijn.')
    months = doc.get("months")
    if (
        not isinstance(months, list)
        or len(months) != 12
        or not all(isinstance(m, str) and m for m in months)
    ):
        raise LetterTemplateError(f'Briefsjabloon {source}: "months" moet 12 maandnamen bevatten.')
    flat: dict[str, Any] = {}
    for section in ("labels", "partner_types", "referral", "consent", "resident"):
        _flatten(doc.get(section, {}), section, flat)
    allowed = {**SPEC, **OPTIONAL}
    for key in sorted(flat):
        if key not in allowed:
            raise LetterTemplateError(f"Briefsjabloon {source}: onbekende tekst '{key}'.")
    for key in SPEC:
        if key not in flat:
            raise LetterTemplateError(f"Briefsjabloon {source}: de tekst '{key}' ontbreekt.")
    texts: dict[str, str] = {}
    for key, value in flat.items():
        if not isinstance(value, str):
            raise LetterTemplateError(f"Briefsjabloon {source}: '{key}' moet tekst zijn.")
        unknown = _placeholders(value, key, source) - allowed[key]
        if unknown:
            names = ", ".join("{" + n + "}" for n in sorted(unknown))
            permitted = ", ".join("{" + n + "}" for n in sorted(allowed[key])) or "geen"
            raise LetterTemplateError(
                f"Briefsjabloon {source}: '{key}' gebruikt {names}; toegestaan: {permitted}."
            )
        texts[key] = value
    for part in ("intro", "request"):
        present = {k.split(".")[2] for k in texts if k.startswith("referral.bodies.")}
        for ptype in present:
            if f"referral.bodies.{ptype}.{part}" not in texts:
                raise LetterTemplateError(
                    f"Briefsjabloon {source}: bij 'referral.bodies.{ptype}' ontbreekt '{part}'."
                )
    return LetterTemplates(str(language), tuple(months), texts, source)


@cache
def _shipped(language: str) -> LetterTemplates:
    raw = resources.files("waakvlam_desktop.resources").joinpath(f"letters/{language}.json")
    return parse_templates(raw.read_bytes(), f"{language}.json")


def load_templates(language: str, override_dir: Path | None = None) -> LetterTemplates:
    """The organisation's wording from ``override_dir/<language>.json`` if it exists,
    otherwise the shipped wording."""
    if language not in ("nl", "en"):
        raise LetterTemplateError(f"Geen briefsjabloon voor taal '{language}' (nl of en).")
    if override_dir is not None:
        path = override_dir / f"{language}.json"
        if path.is_file():
            templates = parse_templates(path.read_bytes(), str(path))
            if templates.language != language:
                raise LetterTemplateError(
                    f'Briefsjabloon {path}: "language" is {templates.language},'
                    f" verwacht {language}."
                )
            return templates
    return _shipped(language)

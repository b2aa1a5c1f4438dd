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
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

FORMAT = 2
OVERRIDE_FOLDER = "letters"

BAD_PLACEHOLDER = Message(
    "templates.bad_placeholder",
    QT_TRANSLATE_NOOP(
        "Errors", "Letter template {source}: '{key}' has an invalid placeholder; use only {{name}}."
    ),
)
LONE_BRACE = Message(
    "templates.lone_brace",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Letter template {source}: '{key}' has a lone brace; write {{{{ or }}}} for an ordinary"
        " brace.",
    ),
)
NOT_JSON = Message(
    "templates.not_json",
    QT_TRANSLATE_NOOP("Errors", "Letter template {source} is not valid JSON: {error}"),
)
UNKNOWN_FORMAT = Message(
    "templates.unknown_format",
    QT_TRANSLATE_NOOP(
        "Errors", 'Letter template {source} has an unknown format (expected: "format": {format}).'
    ),
)
BAD_LANGUAGE = Message(
    "templates.bad_language",
    QT_TRANSLATE_NOOP("Errors", 'Letter template {source}: "language" must be nl or en.'),
)
BAD_MONTHS = Message(
    "templates.bad_months",
    QT_TRANSLATE_NOOP("Errors", 'Letter template {source}: "months" must contain 12 month names.'),
)
UNKNOWN_TEXT = Message(
    "templates.unknown_text",
    QT_TRANSLATE_NOOP("Errors", "Letter template {source}: unknown text '{key}'."),
)
MISSING_TEXT = Message(
    "templates.missing_text",
    QT_TRANSLATE_NOOP("Errors", "Letter template {source}: the text '{key}' is missing."),
)
NOT_TEXT = Message(
    "templates.not_text",
    QT_TRANSLATE_NOOP("Errors", "Letter template {source}: '{key}' must be text."),
)
PLACEHOLDER_NOT_ALLOWED = Message(
    "templates.placeholder_not_allowed",
    QT_TRANSLATE_NOOP(
        "Errors", "Letter template {source}: '{key}' uses {names}; allowed: {permitted}."
    ),
)
NO_PLACEHOLDER_ALLOWED = Message(
    "templates.no_placeholder_allowed",
    QT_TRANSLATE_NOOP("Errors", "Letter template {source}: '{key}' uses {names}; allowed: none."),
)
BODY_PART_MISSING = Message(
    "templates.body_part_missing",
    QT_TRANSLATE_NOOP("Errors", "Letter template {source}: '{key}' is missing '{part}'."),
)
NO_TEMPLATE = Message(
    "templates.no_template",
    QT_TRANSLATE_NOOP(
        "Errors", "There is no letter template for language '{language}' (nl or en)."
    ),
)
LANGUAGE_MISMATCH = Message(
    "templates.language_mismatch",
    QT_TRANSLATE_NOOP(
        "Errors", 'Letter template {source}: "language" is {found}, expected {expected}.'
    ),
)

NONE: frozenset[str] = frozenset()
#: Placeholders every text of the letter itself may use.
COMMON = frozenset(
    {
        "organisation",
        "partner",
        "household",
        "residents",
        "address",
        "reference",
        "date",
        "staff",
        "resident_word",  # "mevrouw Öztürk", "de bewoner" or "de bewoners"
        "has",  # "heeft" or "hebben", agreeing with {resident_word}
    }
)

#: Every text key and the placeholders it may use. Keys under ``referral.bodies.<type>`` are
#: added below: ``anders`` is required, the other partner types are optional.
SPEC: dict[str, frozenset[str]] = {
    "labels.confidential": NONE,
    "labels.attention": frozenset({"contact"}),
    "labels.reference": NONE,
    "labels.date": NONE,
    "labels.contact": NONE,
    "labels.page": frozenset({"page", "pages"}),
    "labels.phone": NONE,
    "labels.email": NONE,
    "labels.consent_verbal": NONE,
    "labels.consent_written": NONE,
    "labels.severity": NONE,
    "labels.heer": NONE,
    "labels.mevrouw": NONE,
    "labels.salutation_heer": NONE,
    "labels.salutation_mevrouw": NONE,
    "labels.salutation_named": frozenset({"name"}),
    "labels.salutation_unknown": NONE,
    "labels.salutation_residents": NONE,
    "labels.informal_named": frozenset({"name"}),
    "labels.informal_unknown": NONE,
    "labels.informal_residents": NONE,
    "labels.and": NONE,
    "labels.resident_one": NONE,
    "labels.resident_many": NONE,
    "labels.has_one": NONE,
    "labels.has_many": NONE,
    **{f"partner_types.{t.value}": NONE for t in PartnerType},
    "referral.title": NONE,
    "referral.subject": COMMON,
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
            "recap",
        )
    },
    "resident.title": NONE,
    "resident.subject": COMMON,
    "resident.body": COMMON | {"consent_date"},
    "resident.shared_intro": COMMON,
    "resident.concerns_intro": COMMON,
    "resident.domain_other": NONE,
    "resident.not_shared": COMMON,
    "resident.partner_contact": COMMON | {"contact"},
    "resident.questions": COMMON | {"phone"},
    "resident.questions_no_phone": COMMON,
    "resident.closing": COMMON,
}
#: The plain phrase per checklist domain in the resident letter ("zorgen over geld"):
#: any domain code may have one; a domain without one reads ``resident.domain_other``.
DOMAIN_PREFIX = "resident.domains."
OPTIONAL: dict[str, frozenset[str]] = {
    **{
        f"referral.bodies.{t.value}.{part}": COMMON
        for t in PartnerType
        if t is not PartnerType.ANDERS
        for part in ("intro", "request")
    },
    # A partner type may have its own title and subject ("Melding" for Veilig Thuis).
    **{f"referral.bodies.{t.value}.title": NONE for t in PartnerType},
    **{f"referral.bodies.{t.value}.subject": COMMON for t in PartnerType},
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
        """The partner type's own text, else the general one (``anders`` for intro and
        request, ``referral.title`` / ``referral.subject`` for those)."""
        key = f"referral.bodies.{partner_type.value}.{part}"
        if key in self.texts:
            return key
        if part in ("title", "subject") and f"referral.bodies.anders.{part}" not in self.texts:
            return f"referral.{part}"
        return f"referral.bodies.anders.{part}"

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
                raise LetterTemplateError(BAD_PLACEHOLDER, source=source, key=key)
            names.add(name)
    except ValueError:
        raise LetterTemplateError(LONE_BRACE, source=source, key=key) from None
    return names


def parse_templates(raw: bytes, source: str = "briefsjabloon") -> LetterTemplates:
    """Parse and check a template file; raise :class:`LetterTemplateError` on any problem."""
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise LetterTemplateError(NOT_JSON, source=source, error=exc) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise LetterTemplateError(UNKNOWN_FORMAT, source=source, format=FORMAT)
    language = doc.get("language")
    if language not in ("nl", "en"):
        raise LetterTemplateError(BAD_LANGUAGE, source=source)
    months = doc.get("months")
    if (
        not isinstance(months, list)
        or len(months) != 12
        or not all(isinstance(m, str) and m for m in months)
    ):
        raise LetterTemplateError(BAD_MONTHS, source=source)
    flat: dict[str, Any] = {}
    for section in ("labels", "partner_types", "referral", "consent", "resident"):
        _flatten(doc.get(section, {}), section, flat)
    allowed = {**SPEC, **OPTIONAL}
    allowed.update({k: NONE for k in flat if k.startswith(DOMAIN_PREFIX)})
    for key in sorted(flat):
        if key not in allowed:
            raise LetterTemplateError(UNKNOWN_TEXT, source=source, key=key)
    for key in SPEC:
        if key not in flat:
            raise LetterTemplateError(MISSING_TEXT, source=source, key=key)
    texts: dict[str, str] = {}
    for key, value in flat.items():
        if not isinstance(value, str):
            raise LetterTemplateError(NOT_TEXT, source=source, key=key)
        unknown = _placeholders(value, key, source) - allowed[key]
        if unknown:
            names = ", ".join("{" + n + "}" for n in sorted(unknown))
            permitted = ", ".join("{" + n + "}" for n in sorted(allowed[key]))
            if not permitted:
                raise LetterTemplateError(
                    NO_PLACEHOLDER_ALLOWED, source=source, key=key, names=names
                )
            raise LetterTemplateError(
                PLACEHOLDER_NOT_ALLOWED, source=source, key=key, names=names, permitted=permitted
            )
        texts[key] = value
    for part in ("intro", "request"):
        present = {
            k.split(".")[2]
            for k in texts
            if k.startswith("referral.bodies.") and k.split(".")[3] in ("intro", "request")
        }
        for ptype in present:
            if f"referral.bodies.{ptype}.{part}" not in texts:
                raise LetterTemplateError(
                    BODY_PART_MISSING, source=source, key=f"referral.bodies.{ptype}", part=part
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
        raise LetterTemplateError(NO_TEMPLATE, language=language)
    if override_dir is not None:
        path = override_dir / f"{language}.json"
        if path.is_file():
            templates = parse_templates(path.read_bytes(), str(path))
            if templates.language != language:
                raise LetterTemplateError(
                    LANGUAGE_MISMATCH, source=path, found=templates.language, expected=language
                )
            return templates
    return _shipped(language)

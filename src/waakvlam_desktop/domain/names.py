"""A person's name in the parts a letter needs: aanhef, voorletters, tussenvoegsel,
achternaam (a partner's contact person, a resident).

Pure data and rules, no wording: the words ("de heer", "Geachte") come from the letter
template (``documents/parts.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from waakvlam_desktop.domain.types import Salutation
from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

UNKNOWN_SALUTATION = Message(
    "names.unknown_salutation",
    QT_TRANSLATE_NOOP(
        "Errors", "Unknown form of address '{value}'; choose heer, mevrouw or neutraal."
    ),
)
PARTS_TOO_LONG = Message(
    "names.parts_too_long",
    QT_TRANSLATE_NOOP(
        "Errors",
        "A part of the name is too long: initials at most 20, prefix at most 30, surname at"
        " most 200 characters.",
    ),
)


@dataclass(frozen=True, slots=True)
class PersonName:
    """``salutation`` is None when unknown; any part may be empty."""

    salutation: Salutation | None = None
    initials: str = ""
    prefix: str = ""
    surname: str = ""

    @property
    def known(self) -> bool:
        return bool(self.surname)

    def full(self) -> str:
        """ "J. de Groot": initials, prefix and surname as written."""
        return " ".join(p for p in (self.initials, self.prefix, self.surname) if p)

    def short(self) -> str:
        """ "De Groot": the surname with its prefix, the prefix capitalised (Dutch rule when
        no initials or first name precede it)."""
        if not self.prefix:
            return self.surname
        return f"{self.prefix[:1].upper()}{self.prefix[1:]} {self.surname}"


NO_NAME = PersonName()


def normalise_initials(text: str) -> str:
    """ "j", "J", "j.p.", "JP" → "J.", "J.", "J.P.", "J.P."; "Th." stays "Th."."""
    raw = text.strip()
    if not raw:
        return ""
    if "." in raw or " " in raw:
        parts = [p for p in raw.replace(" ", ".").split(".") if p]
    else:
        parts = list(raw) if raw.isupper() or len(raw) <= 3 else [raw]
    return "".join(p[:1].upper() + p[1:] + "." for p in parts)


def person_name(
    salutation: str | Salutation | None, initials: str, prefix: str, surname: str
) -> PersonName:
    """Check and tidy the parts as typed (empty salutation: unknown)."""
    value = str(salutation or "").strip().lower()
    try:
        sal = Salutation(value) if value else None
    except ValueError:
        raise ValidationError(UNKNOWN_SALUTATION, field="salutation", value=value) from None
    last = surname.strip()
    last = last[:1].upper() + last[1:]  # a surname starts with a capital ("groot": "Groot")
    clean = PersonName(sal, normalise_initials(initials), prefix.strip().lower(), last)
    if len(clean.initials) > 20 or len(clean.prefix) > 30 or len(clean.surname) > 200:
        raise ValidationError(PARTS_TOO_LONG, field="name")
    return clean


def stored(name: PersonName) -> tuple[str, str, str, str]:
    """The four column values."""
    return (
        name.salutation.value if name.salutation else "",
        name.initials,
        name.prefix,
        name.surname,
    )


def from_columns(salutation: str, initials: str, prefix: str, surname: str) -> PersonName:
    """From stored columns (trusted: written by :func:`person_name`)."""
    try:
        sal = Salutation(salutation) if salutation else None
    except ValueError:
        sal = None
    return PersonName(sal, initials, prefix, surname)


_TITLES = {
    "de heer": Salutation.HEER,
    "heer": Salutation.HEER,
    "dhr.": Salutation.HEER,
    "dhr": Salutation.HEER,
    "mevrouw": Salutation.MEVROUW,
    "mevr.": Salutation.MEVROUW,
    "mw.": Salutation.MEVROUW,
    "mw": Salutation.MEVROUW,
}
#: Dutch tussenvoegsels (lower case), longest first where one starts another.
_PREFIX_WORDS = frozenset(
    {
        "van",
        "de",
        "der",
        "den",
        "het",
        "'t",
        "ter",
        "ten",
        "te",
        "in",
        "op",
        "onder",
        "aan",
        "bij",
        "uit",
        "voor",
        "la",
        "le",
        "du",
        "da",
        "del",
        "della",
        "di",
        "dos",
        "el",
        "al",
    }
)


def parse_formal_name(text: str) -> PersonName:
    """ "mevrouw A. de Vries" → PersonName(mevrouw, "A.", "de", "Vries"): an optional
    aanhef (de heer, heer, dhr., mevrouw, mevr., mw.), initials (words ending in '.'), a
    tussenvoegsel (de, van der, ter, …) and the surname. Without an aanhef the name is
    neutral; an empty text gives an unknown name."""
    words = text.split()
    if not words:
        return NO_NAME
    salutation: Salutation | None = Salutation.NEUTRAAL
    lowered = [w.lower() for w in words]
    for title, sal in _TITLES.items():
        n = len(title.split())
        if lowered[:n] == title.split():
            salutation, words, lowered = sal, words[n:], lowered[n:]
            break
    initials: list[str] = []
    while words[:-1] and (words[0].endswith(".") or (len(words[0]) == 1 and words[0].isalpha())):
        initials.append(words.pop(0))
        lowered.pop(0)
    prefix: list[str] = []
    while words[:-1] and lowered[0] in _PREFIX_WORDS:
        prefix.append(lowered.pop(0))
        words.pop(0)
    return person_name(salutation, "".join(initials), " ".join(prefix), " ".join(words))


def formal_text(name: PersonName) -> str:
    """The parts as one Dutch line for a form field, the inverse of
    :func:`parse_formal_name`: "de heer J. de Groot", "mevrouw A. Öztürk", "J. de Groot"."""
    if not name.known:
        return ""
    title = {Salutation.HEER: "de heer ", Salutation.MEVROUW: "mevrouw "}.get(
        name.salutation or Salutation.NEUTRAAL, ""
    )
    return title + name.full()

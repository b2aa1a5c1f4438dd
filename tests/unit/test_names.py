"""Names in parts (aanhef, voorletters, tussenvoegsel, achternaam) and how letters use them."""

from __future__ import annotations

import pytest

from waakvlam_desktop.documents.parts import formal_name, salutation_name
from waakvlam_desktop.documents.templates import load_templates
from waakvlam_desktop.domain.names import (
    NO_NAME,
    PersonName,
    formal_text,
    normalise_initials,
    parse_formal_name,
    person_name,
)
from waakvlam_desktop.domain.types import Salutation
from waakvlam_desktop.errors import ValidationError

DE_GROOT = PersonName(Salutation.HEER, "J.", "de", "Groot")
OZTURK = PersonName(Salutation.MEVROUW, "F.", "", "Öztürk-van der Heijden")


@pytest.mark.parametrize(
    ("name", "attention", "salutation"),
    [
        (DE_GROOT, "de heer J. de Groot", "heer De Groot"),
        (OZTURK, "mevrouw F. Öztürk-van der Heijden", "mevrouw Öztürk-van der Heijden"),
        (PersonName(Salutation.NEUTRAAL, "K.", "de", "Boer"), "K. de Boer", "K. de Boer"),
        (PersonName(Salutation.NEUTRAAL, "", "van der", "Berg"), "van der Berg", "Van der Berg"),
    ],
)
def test_letter_words_from_parts(name: PersonName, attention: str, salutation: str) -> None:
    t = load_templates("nl")
    assert formal_name(name, t) == attention
    assert salutation_name(name, t) == salutation


def test_english_words_from_parts() -> None:
    t = load_templates("en")
    assert formal_name(DE_GROOT, t) == "Mr J. de Groot"
    assert salutation_name(OZTURK, t) == "Ms Öztürk-van der Heijden"


@pytest.mark.parametrize(
    ("typed", "initials"),
    [("j", "J."), ("J", "J."), ("j.p.", "J.P."), ("JP", "J.P."), ("Th.", "Th."), ("", "")],
)
def test_initials_are_tidied(typed: str, initials: str) -> None:
    assert normalise_initials(typed) == initials


def test_parts_are_checked() -> None:
    assert person_name("Heer", " j ", "De", " Groot ") == DE_GROOT
    assert person_name("", "", "", "") == NO_NAME
    with pytest.raises(ValidationError, match="aanhef"):
        person_name("dokter", "J.", "", "Groot")
    with pytest.raises(ValidationError, match="te lang"):
        person_name("heer", "J.", "", "x" * 201)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("de heer J. de Groot", DE_GROOT),
        ("Dhr. J. de Groot", DE_GROOT),
        ("mw. F. Öztürk-van der Heijden", OZTURK),
        ("mevrouw A. van der Berg", PersonName(Salutation.MEVROUW, "A.", "van der", "Berg")),
        ("K. de Boer", PersonName(Salutation.NEUTRAAL, "K.", "de", "Boer")),
        ("", NO_NAME),
    ],
)
def test_a_typed_line_is_read_into_parts_and_back(typed: str, name: PersonName) -> None:
    assert parse_formal_name(typed) == name
    if name.known:
        assert parse_formal_name(formal_text(name)) == name

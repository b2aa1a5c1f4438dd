"""How hard a passphrase is to guess: ``zxcvbn`` plus what it does not know about us.

``zxcvbn`` estimates the guesses an attacker with common-password lists, keyboard patterns,
dates and the given *user inputs* would need. Two things it misses here:

- it knows English words, not Dutch ones: "Welkom2026!!" looks random to it. A short list
  of the Dutch words people actually build passwords from goes in as user inputs, together
  with the organisation's and the user's own names;
- the classic office password is one word with digits and marks around it. The part left
  when digits, marks and spaces at both ends are taken off must be hard to guess on its
  own (:data:`MIN_CORE_GUESSES_LOG10`), or no ending makes it strong.

A passphrase is accepted with at least :data:`MIN_LENGTH` characters, a zxcvbn score of
at least 3, and a strong core. :func:`assess` also gives one Dutch sentence of advice for
the live meter at first run and when changing the passphrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

MIN_LENGTH = 12
MIN_SCORE = 3
MIN_CORE_GUESSES_LOG10 = 6.0
# zxcvbn is slow on very long input and gains nothing from it.
_MAX_CHECKED = 100

DUTCH_WORDS = [
    "welkom",
    "wachtwoord",
    "paswoord",
    "geheim",
    "waakvlam",
    "woning",
    "huurder",
    "huur",
    "corporatie",
    "wijk",
    "kantoor",
    "gemeente",
    "nederland",
    "amsterdam",
    "rotterdam",
    "utrecht",
    "denhaag",
    "zomer",
    "winter",
    "lente",
    "herfst",
    "voorjaar",
    "najaar",
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "liefde",
    "schat",
    "hallo",
    "hoi",
    "doei",
    "voetbal",
    "ajax",
    "feyenoord",
    "psv",
    "oranje",
    "fiets",
    "konijn",
    "hond",
    "kat",
    "poes",
    "vakantie",
    "familie",
    "mama",
    "papa",
    "opa",
    "oma",
    "kindjes",
    "sleutel",
    "toegang",
    "inloggen",
    "beheer",
    "beheerder",
    "medewerker",
    "gebruiker",
    "test",
    "proef",
    "geheimpje",
]

_ENDS = re.compile(r"^[\d\W_]+|[\d\W_]+$")

TOO_SHORT = Message(
    "passphrase.too_short",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The passphrase is too short: use at least {minimum} characters, for example a"
        " sentence of a few words.",
    ),
)
COMMON = Message(
    "passphrase.common",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This passphrase (or something very like it) is in the lists attackers try first."
        " Use a sentence of a few unusual words.",
    ),
)
PATTERN = Message(
    "passphrase.pattern",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Rows of keys, repeats and counting (qwerty, aaaa, 1234) are guessed at once. Use a"
        " sentence of a few unusual words.",
    ),
)
NAMES = Message(
    "passphrase.names",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The passphrase is built on a name or word that goes with Waakvlam, your"
        " organisation or you. Use words nobody links to you.",
    ),
)
WORD_WITH_ENDING = Message(
    "passphrase.word_with_ending",
    QT_TRANSLATE_NOOP(
        "Errors",
        "One word with digits or marks around it is guessed quickly. Add a few more words.",
    ),
)
TOO_WEAK = Message(
    "passphrase.too_weak",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The passphrase is too easy to guess. Add another word or two; unusual words are"
        " better than digits or marks.",
    ),
)
STRONG = Message(
    "passphrase.strong", QT_TRANSLATE_NOOP("Errors", "Strong enough. Remember it well.")
)


@dataclass(frozen=True, slots=True)
class Strength:
    """Score 0–4 (zxcvbn's scale, lowered when the core is weak) and one sentence."""

    score: int
    acceptable: bool
    advice: Message
    params: dict[str, object]

    def render(self, language: str | None = None) -> str:
        return self.advice.render(language, **self.params)


def _inputs(user_inputs: tuple[str, ...]) -> list[str]:
    words = list(DUTCH_WORDS)
    for text in user_inputs:
        if text and text.strip():
            words.append(text.strip().lower())
            words += [w.lower() for w in re.findall(r"\w{3,}", text)]
    return words


def assess(passphrase: str, user_inputs: tuple[str, ...] = ()) -> Strength:
    """How strong ``passphrase`` is, with the organisation's and user's names as inputs."""
    # Imported here: ``storage.keys`` imports this module, and unlocking needs no zxcvbn
    # (41 ms of the desktop's start, #16).
    from zxcvbn import zxcvbn  # noqa: PLC0415

    stripped = passphrase.strip()
    inputs = _inputs(user_inputs)
    checked = stripped[:_MAX_CHECKED]
    result = zxcvbn(checked, user_inputs=inputs) if checked else None
    score = int(result["score"]) if result else 0
    core = _ENDS.sub("", checked)
    core_guesses = float(zxcvbn(core, user_inputs=inputs)["guesses_log10"]) if core else 0.0
    if core_guesses < MIN_CORE_GUESSES_LOG10:
        score = min(score, MIN_SCORE - 1)
    if len(stripped) < MIN_LENGTH:
        return Strength(min(score, 1), False, TOO_SHORT, {"minimum": MIN_LENGTH})
    if score >= MIN_SCORE:
        return Strength(score, True, STRONG, {})
    return Strength(score, False, _advice(result, core, core_guesses), {})


def _advice(result: dict[str, object] | None, core: str, core_guesses: float) -> Message:
    sequence = result.get("sequence", []) if result else []
    assert isinstance(sequence, list)
    patterns = {m.get("pattern") for m in sequence}
    dutch = set(DUTCH_WORDS)
    for m in sequence:
        if m.get("dictionary_name") == "user_inputs" and m.get("matched_word") not in dutch:
            return NAMES
    if any(m.get("dictionary_name") in ("passwords", "user_inputs") for m in sequence):
        return COMMON
    if patterns & {"spatial", "repeat", "sequence"}:
        return PATTERN
    if core and core_guesses < MIN_CORE_GUESSES_LOG10:
        return WORD_WITH_ENDING
    return TOO_WEAK

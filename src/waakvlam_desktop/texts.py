"""User-facing text outside the letter templates: one mechanism, Qt Linguist.

Source strings are English. The Dutch (the default language) lives in one catalog,
``resources/i18n/waakvlam_nl.ts``, which ``scripts/update-translations.sh`` refreshes with
``pyside6-lupdate`` from every module of the package:

- ``ui/`` uses Qt's own ``self.tr(…)`` / ``QCoreApplication.translate(…)`` with the
  compiled ``.qm``;
- everything below ``ui/`` (errors, labels, the CLI) marks its strings with
  :func:`QT_TRANSLATE_NOOP` (lupdate finds them by that name) and renders them with
  :func:`translate`, which reads the same ``.ts`` catalog without Qt, so the CLI and the
  documents work without a display. In the GUI, Qt's translator, which holds the same
  translations compiled, answers for the GUI's language instead (``ui/i18n.py``): reading
  the catalog took 7-18 ms of the start (#16).

A string that is not (yet) translated falls back to the English source, never to nothing.
The letter templates (``resources/letters/*.json``) are data an organisation edits and
stay outside this catalog.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Protocol, runtime_checkable

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
# The current language, and what answers for it instead of the catalog (or None); one
# tuple, so that a thread never reads one language with the other's lookup.
Lookup = Callable[[str, str], str]
_current: list[tuple[str, Lookup | None]] = [(DEFAULT_LANGUAGE, None)]


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context``; returns it unchanged."""
    return source


def use_language(language: str, lookup: Lookup | None = None) -> None:
    """Set the language that :func:`translate` and ``str(error)`` use by default.
    ``lookup(context, source)``: answers for ``language`` instead of the catalog, with the
    same translations (the GUI passes Qt's translator of the compiled catalog); None: the
    catalog."""
    if language not in LANGUAGES:
        raise ValueError(language)
    _current[0] = (language, lookup)


def current_language() -> str:
    return _current[0][0]


@functools.cache
def _catalog(language: str) -> dict[tuple[str, str], str]:
    """Finished translations of the shipped ``.ts`` file, keyed by (context, source)."""
    if language == "en":
        return {}
    ts = resources.files("waakvlam_desktop.resources").joinpath(f"i18n/waakvlam_{language}.ts")
    if not ts.is_file():
        return {}
    import xml.etree.ElementTree as ET  # noqa: PLC0415 - only without the GUI's translator (#16)

    root = ET.fromstring(ts.read_bytes())
    out: dict[tuple[str, str], str] = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete"):
                continue
            if tr.text:
                out[(name, msg.findtext("source") or "")] = tr.text
    return out


def has_translation(context: str, source: str, language: str) -> bool:
    """Whether the catalog has a finished translation of ``source`` (English always has)."""
    return language == "en" or (context, source) in _catalog(language)


def grouped(n: int, language: str | None = None) -> str:
    """A count as people read it: 50.000 in Dutch, 50,000 in English."""
    text = f"{n:,}"
    return text.replace(",", ".") if (language or current_language()) == "nl" else text


def translate(context: str, source: str, language: str | None = None) -> str:
    """``source`` (English) in ``language`` (default: the current one)."""
    current, lookup = _current[0]
    if lookup is not None and language in (None, current):
        return lookup(context, source)
    return _catalog(language or current).get((context, source), source)


@runtime_checkable
class Localised(Protocol):
    """Something that renders itself in a language: a :class:`Message`, a label with its
    own translations. As a parameter of a message it is rendered in that message's language."""

    def render(self, language: str | None = None) -> str: ...


@dataclass(frozen=True, slots=True)
class Message:
    """A user-facing sentence with a stable code, e.g. for errors.

    ``code`` never changes once published (scripts read it from ``--json`` output);
    ``source`` is the English text with ``{name}`` placeholders, marked for lupdate with
    :func:`QT_TRANSLATE_NOOP` in ``context`` where the message is defined. A parameter that
    is :class:`Localised` (another message, a label with its own translations) is rendered
    in the same language as the sentence.
    """

    code: str
    source: str
    context: str = "Errors"

    def render(self, language: str | None = None, **params: object) -> str:
        text = translate(self.context, self.source, language)
        if not params:
            return text
        values = {
            k: v.render(language) if isinstance(v, Localised) else v for k, v in params.items()
        }
        return text.format(**values)

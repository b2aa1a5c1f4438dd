"""One term per meaning: the Dutch catalog uses none of the words docs/words.md forbids."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORDS = ROOT / "docs" / "words.md"
TS = ROOT / "src" / "waakvlam_desktop" / "resources" / "i18n" / "waakvlam_nl.ts"


def forbidden_words() -> dict[str, str]:
    """From the table in docs/words.md: each word of the "not" column -> the term to use."""
    out: dict[str, str] = {}
    for line in WORDS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("meaning", "") or set(cells[0]) <= {"-"}:
            continue
        for word in filter(None, (w.strip() for w in cells[2].split(","))):
            out[word.lower()] = cells[1]
    return out


def dutch_texts() -> list[tuple[str, str, str]]:
    rows = []
    for ctx in ET.parse(TS).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            rows.append((name, msg.findtext("source") or "", msg.findtext("translation") or ""))
    return rows


def offenders(words: dict[str, str], rows: list[tuple[str, str, str]]) -> list[str]:
    found = []
    for context, source, dutch in rows:
        if dutch.startswith("Voor ICT"):
            continue  # technical on purpose (docs/words.md, "Technical details")
        shown = re.sub(r"\{\w+\}", "", dutch.lower())  # a {placeholder} is not a word shown
        for word, use in words.items():
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", shown):
                found.append(f"{context} | {source!r}: {word!r} -> use {use!r}")
    return found


def test_the_word_list_is_read() -> None:
    words = forbidden_words()
    # the three the issue names, and one of the new rows
    assert words["achterstallig"] == "te laat"
    assert words["auditlog"] == "logboek"
    assert words["reactie uiterlijk"] == "terugkoppeling uiterlijk"
    assert words["age-ontvanger"] == "sleutel van de partner"


def test_the_check_finds_a_forbidden_word() -> None:
    rows = [
        ("X", "Overdue", "Bezoek achterstallig"),
        ("X", "Audit log", "Het Auditlog is heel"),
        ("X", "ICT", "Voor ICT: age-ontvanger age1…"),
        ("X", "Fine", "bezoek 3 dagen te laat"),
        ("X", "Placeholder", "{kenmerk}: {feedback} op {day}"),
    ]
    found = offenders(forbidden_words(), rows)
    assert len(found) == 2
    assert "achterstallig" in found[0] and "auditlog" in found[1]


def test_the_dutch_catalog_uses_one_term_per_meaning() -> None:
    found = offenders(forbidden_words(), dutch_texts())
    assert found == [], "\n".join(found)

"""The Unicode fonts shipped in the package (DejaVu Sans), registered once with reportlab.

Core PDF fonts cannot show ĳ, ş or ğ; these can, and they are embedded (subset) in every
PDF we make.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont


@dataclass(frozen=True, slots=True)
class FontNames:
    regular: str
    bold: str
    italic: str


@cache
def register_fonts() -> FontNames:
    names = FontNames("WaakvlamSans", "WaakvlamSans-Bold", "WaakvlamSans-Italic")
    folder = resources.files("waakvlam_desktop.resources").joinpath("fonts")
    for name, file in (
        (names.regular, "DejaVuSans.ttf"),
        (names.bold, "DejaVuSans-Bold.ttf"),
        (names.italic, "DejaVuSans-Oblique.ttf"),
    ):
        with resources.as_file(folder.joinpath(file)) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(names.regular, 0, 0, names.regular)
    addMapping(names.regular, 1, 0, names.bold)
    addMapping(names.regular, 0, 1, names.italic)
    addMapping(names.regular, 1, 1, names.bold)
    return names

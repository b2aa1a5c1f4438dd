"""Window envelopes as data: ``resources/envelopes/envelopes.json``.

The sheet is laid out as DIN 5008 form B (address field 20 mm from the left, 45 mm from
the top, 85 x 45 mm; fold marks at 105 and 210 mm) and folded in three for a DIN 676
window envelope. Each envelope says its size and where its window is (DIN 680: 90 x 45 mm,
20 mm from the left, 15 mm from the bottom). A folded sheet is smaller than the envelope,
so it shifts: :meth:`Envelope.windows` gives the part of the sheet the window shows at
every position the play allows, :func:`safe_area` what every envelope shows at every
position (where the address block must stay) and :func:`exposed_area` what any of them
may show (where nothing else may be printed).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

FORMAT = 1


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on the page in mm, measured from the top-left corner."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True, slots=True)
class Sheet:
    width: float
    height: float
    folds: tuple[float, ...]
    hole_mark: float

    @property
    def folded_height(self) -> float:
        return self.folds[0]


@dataclass(frozen=True, slots=True)
class AddressField:
    box: Box
    text_left: float
    remark_zone_height: float


@dataclass(frozen=True, slots=True)
class Envelope:
    code: str
    name: str
    width: float
    height: float
    window_left: float
    window_bottom: float
    window_width: float
    window_height: float

    def play(self, sheet: Sheet) -> tuple[float, float]:
        """How far the folded sheet can shift: (sideways, up and down) in mm."""
        return self.width - sheet.width, self.height - sheet.folded_height

    def window_at(self, sheet: Sheet, right: float, down: float) -> Box:
        """The part of the sheet behind the window when the sheet lies ``right`` mm from the
        envelope's left edge and ``down`` mm below its top edge."""
        window_top = self.height - self.window_bottom - self.window_height
        return Box(
            self.window_left - right, window_top - down, self.window_width, self.window_height
        )

    def windows(self, sheet: Sheet, step: float = 0.5) -> list[tuple[float, float, Box]]:
        """The window on the sheet at every position the play allows, ``step`` mm apart
        (the extremes included): (right, down, box)."""
        side, vertical = self.play(sheet)
        out = []
        for right in _steps(side, step):
            for down in _steps(vertical, step):
                out.append((right, down, self.window_at(sheet, right, down)))
        return out


def _steps(limit: float, step: float) -> list[float]:
    values = [0.0]
    while values[-1] + step < limit:
        values.append(values[-1] + step)
    if limit > 0:
        values.append(limit)
    return values


@dataclass(frozen=True, slots=True)
class Geometry:
    sheet: Sheet
    address_field: AddressField
    envelopes: tuple[Envelope, ...]


def parse_geometry(doc: dict[str, Any]) -> Geometry:
    if doc.get("format") != FORMAT:
        raise ValueError("envelopes.json: unknown format")
    s = doc["sheet"]
    f = doc["address_field"]
    return Geometry(
        sheet=Sheet(
            float(s["width"]),
            float(s["height"]),
            tuple(float(x) for x in s["folds"]),
            float(s["hole_mark"]),
        ),
        address_field=AddressField(
            Box(float(f["left"]), float(f["top"]), float(f["width"]), float(f["height"])),
            float(f["text_left"]),
            float(f["remark_zone_height"]),
        ),
        envelopes=tuple(
            Envelope(
                str(e["code"]),
                str(e["name"]),
                float(e["width"]),
                float(e["height"]),
                float(e["window"]["left"]),
                float(e["window"]["bottom"]),
                float(e["window"]["width"]),
                float(e["window"]["height"]),
            )
            for e in doc["envelopes"]
        ),
    )


@cache
def geometry() -> Geometry:
    """The shipped geometry (read once)."""
    raw = resources.files("waakvlam_desktop.resources").joinpath("envelopes/envelopes.json")
    return parse_geometry(json.loads(raw.read_text(encoding="utf-8")))


def safe_area(g: Geometry | None = None) -> Box:
    """What every envelope's window shows at every sheet position: the address block
    stays inside this box."""
    g = g or geometry()
    left, top, right, bottom = -1e9, -1e9, 1e9, 1e9
    for env in g.envelopes:
        side, vertical = env.play(g.sheet)
        for right_shift, down in ((0.0, 0.0), (side, vertical)):
            w = env.window_at(g.sheet, right_shift, down)
            left, top = max(left, w.left), max(top, w.top)
            right, bottom = min(right, w.right), min(bottom, w.bottom)
    return Box(left, top, right - left, bottom - top)


def exposed_area(g: Geometry | None = None) -> Box:
    """Everything any envelope's window may show at some sheet position: nothing but the
    address block may be printed here."""
    g = g or geometry()
    left, top, right, bottom = 1e9, 1e9, -1e9, -1e9
    for env in g.envelopes:
        side, vertical = env.play(g.sheet)
        for right_shift, down in ((0.0, 0.0), (side, vertical)):
            w = env.window_at(g.sheet, right_shift, down)
            left, top = min(left, w.left), min(top, w.top)
            right, bottom = max(right, w.right), max(bottom, w.bottom)
    return Box(left, top, right - left, bottom - top)

"""Attack: undo the suppression of aggregate bundles by subtraction (issue #13 D).

The auditor (tests/security/auditor.py) takes every aggregate table a partner received,
opened from the real encrypted, signed bundles, and computes with linear programming the
feasible interval of every suppressed cell. Every interval must be at least the threshold
wide. Run on the demo vault with a 6-home complex inside the large wijk Overvecht and a
1-home complex, over July, August and September 2026 and their quarter.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
import pytest

from tests.security.aggregate_world import MIDDLE, SINGLE, SMALL, build_demo_vault
from tests.security.auditor import (
    Relation,
    at_most,
    equal,
    feasible_intervals,
    narrowest,
    too_narrow,
)
from waakvlam_desktop.bundles import collect
from waakvlam_desktop.bundles.export import export_bundle
from waakvlam_desktop.bundles.keys import org_public_key, parse_public_key
from waakvlam_desktop.bundles.reader import verify_bytes
from waakvlam_desktop.domain.exports import Period
from waakvlam_desktop.domain.partners import add_partner
from waakvlam_desktop.domain.settings import save_setting
from waakvlam_desktop.domain.types import ConcernLevel, DataProfile, ExportSchedule, PartnerType
from waakvlam_desktop.errors import ExportError
from waakvlam_desktop.storage.vault import Vault

MONTHS = ("2026-07", "2026-08", "2026-09")
QUARTER = "2026-Q3"
THRESHOLD = 5
LEVELS = [lv.value for lv in ConcernLevel]
FLOWS = (collect.M_VISITED, collect.M_SIGNAL, collect.M_REFERRED)

Cell = tuple[str, str, str, str, str, str]  # period, niveau, gebied, wijk, maat, categorie


@dataclass
class Demo:
    vault: Vault
    identity: Any
    folder: Path
    partners: int = 0

    def partner(self, schedule: ExportSchedule) -> str:
        self.partners += 1
        with self.vault.session() as s:
            return add_partner(
                s,
                name=f"Gemeente {self.partners}",
                type=PartnerType.GEMEENTE,
                recipients=[str(self.identity.to_public())],
                profile=DataProfile.AGGREGATE,
                schedule=schedule,
            ).id

    def publish(self, partner_id: str, periods: Iterable[str]) -> list[dict[str, Any]]:
        """Export each period to the partner and open the bundles as the partner does."""
        docs = []
        for label in periods:
            self.folder.mkdir(exist_ok=True)
            with self.vault.session() as s:
                path = export_bundle(s, partner_id, Period.parse(label), self.folder).path
                sender = parse_public_key(org_public_key(s).file_text())
            docs.append(verify_bytes(path.read_bytes(), self.identity, sender).data())
        return docs

    def level(self, level: str) -> None:
        with self.vault.session() as s:
            save_setting(s, "aggregate_level", level)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    base = tmp_path_factory.mktemp("subtraction")
    v = build_demo_vault(base / "vault")
    yield Demo(v, pyrage.x25519.Identity.generate(), base / "bundles")
    v.close()


# ---- what the attacker knows ------------------------------------------------------------------
def published_cells(docs: Iterable[dict[str, Any]]) -> dict[Cell, int | None]:
    cells: dict[Cell, int | None] = {}
    for doc in docs:
        label = doc["period"]["label"]
        for c in doc["cellen"]:
            key = (label, c["niveau"], c["gebied"], c["wijk"], c["maat"], c["categorie"])
            assert c["onderdrukt"] == (c["huishoudens"] is None)
            cells[key] = c["huishoudens"]
    return cells


def relations(cells: dict[Cell, int | None]) -> list[Relation]:
    """Everything true by construction that links the published cells."""
    rels: list[Relation] = []
    by_area: dict[tuple[str, str, str, str], dict[tuple[str, str], Cell]] = {}
    for key in cells:
        by_area.setdefault(key[:4], {})[key[4:]] = key
    for row in by_area.values():
        total = row[(collect.M_HOUSEHOLDS, collect.TOTAL)]
        rels.append(equal([row[(collect.M_HOUSEHOLDS, lv)] for lv in LEVELS], [total]))
        visited = row[(collect.M_VISITED, collect.ALL)]
        rels.append(at_most([visited], [total]))
        for (measure, _), key in row.items():
            if measure == collect.M_SIGNAL:
                rels.append(at_most([key], [visited]))  # a signal comes from a visit
            elif measure == collect.M_REFERRED:
                rels.append(at_most([key], [total]))
    # Periods: a quarter's stock is its last month's; a month's flow is at most the
    # quarter's, and the quarter's at most the months' together.
    for key in cells:
        if key[0] != QUARTER:
            continue
        months = [(m, *key[1:]) for m in MONTHS]
        if not all(m in cells for m in months):
            continue
        if key[4] == collect.M_HOUSEHOLDS:
            rels.append(equal([key], [months[-1]]))
        else:
            rels.extend(at_most([m], [key]) for m in months)
            rels.append(at_most([key], months))
    # Levels: a wijk is its complexes plus its households without a complex.
    for key in cells:
        if key[1] != "wijk":
            continue
        parts = [k for k in cells if k[1] == "complex" and k[0] == key[0] and k[3:] == key[3:]]
        if parts:
            rels.append(equal([key], parts))
    return rels


def audit(docs: list[dict[str, Any]]) -> tuple[int, float, list[Any]]:
    cells = published_cells(docs)
    intervals = feasible_intervals(cells, relations(cells))
    low = narrowest(intervals)
    return len(intervals), (low.width if low else float("inf")), too_narrow(intervals, THRESHOLD)


# ---- the attacks -----------------------------------------------------------------------------
@pytest.mark.parametrize("level", ["complex", "wijk"])
def test_months_and_quarter_cannot_be_subtracted(demo: Demo, level: str) -> None:
    demo.level(level)
    monthly = demo.publish(demo.partner(ExportSchedule.MONTHLY), MONTHS)
    quarterly = demo.publish(demo.partner(ExportSchedule.QUARTERLY), [QUARTER])
    # Each partner alone, and both partners pooling what they got: months plus their quarter.
    for docs in (monthly, quarterly, monthly + quarterly):
        suppressed, width, narrow = audit(docs)
        assert suppressed > 0
        assert narrow == [], f"recoverable within {width}: {narrow[:5]}"
    if level == "complex":
        cells = published_cells(monthly)
        small = {k: v for k, v in cells.items() if k[2] == SMALL and k[0] == "2026-09"}
        # One of the six is at acuut: suppressed, and so is a second level (complementary).
        assert small[("2026-09", "complex", SMALL, "Overvecht", "huishoudens", "acuut")] is None
        hidden_levels = [
            k for k, v in small.items() if k[4] == "huishoudens" and k[5] in LEVELS and v is None
        ]
        assert len(hidden_levels) >= 2
        # Acuut 1 and zorg 2 hide nothing together (0..3): a third level goes too.
        middle = {
            k[5]: v
            for k, v in cells.items()
            if k[2] == MIDDLE and k[0] == "2026-09" and k[4] == "huishoudens"
        }
        assert middle == {"totaal": 9, "geen": None, "aandacht": 0, "zorg": None, "acuut": None}
        single = {k: v for k, v in cells.items() if k[2] == SINGLE}
        assert all(v in (None, 0) for v in single.values())


def test_the_auditor_catches_suppression_without_complements(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remove the complementary suppression: subtraction recovers the 6-home complex."""

    def primary_only(
        rows: list[list[collect.AggregateCell]], min_cell: int
    ) -> list[list[collect.AggregateCell]]:
        return [
            [
                collect.AggregateCell(
                    c.area,
                    c.wijk,
                    c.measure,
                    c.category,
                    c.households,
                    0 < c.households < min_cell,
                )
                for c in row
            ]
            for row in rows
        ]

    monkeypatch.setattr(collect, "protect", primary_only)
    demo.level("complex")
    docs = demo.publish(demo.partner(ExportSchedule.MONTHLY), MONTHS)
    _, width, narrow = audit(docs)
    assert width == 0
    assert any(i.key[2] == SMALL and i.key[5] == "acuut" for i in narrow)


def test_publishing_both_levels_would_be_caught(demo: Demo) -> None:
    """Why one hierarchy level per partner: wijk and complex tables together subtract."""
    demo.level("complex")
    complexes = demo.publish(demo.partner(ExportSchedule.MONTHLY), ["2026-08"])
    demo.level("wijk")
    wijken = demo.publish(demo.partner(ExportSchedule.MONTHLY), ["2026-08"])
    _, width, narrow = audit(complexes + wijken)
    assert narrow and width < THRESHOLD


def test_a_partner_gets_no_overlapping_period(demo: Demo) -> None:
    demo.level("wijk")
    monthly = demo.partner(ExportSchedule.MONTHLY)
    demo.publish(monthly, ["2026-08"])
    for label, words in (
        (QUARTER, "krijgt cijfers per maand"),  # off its grid (and overlapping)
        ("2026-08", "overlapt met 2026-08"),  # the same month again
    ):
        with demo.vault.session() as s, pytest.raises(ExportError) as caught:
            export_bundle(s, monthly, Period.parse(label), demo.folder)
        assert words in str(caught.value)
    open_partner = demo.partner(ExportSchedule.NONE)
    demo.publish(open_partner, ["2026-08"])
    with demo.vault.session() as s, pytest.raises(ExportError) as caught:
        export_bundle(s, open_partner, Period.parse(QUARTER), demo.folder)
    assert "overlapt met 2026-08" in str(caught.value)

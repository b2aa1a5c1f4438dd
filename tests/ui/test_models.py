"""Table models without a window: plain rows in, filtered and sorted rows out."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from waakvlam_desktop.domain.households import HouseholdRow
from waakvlam_desktop.domain.types import ConcernLevel
from waakvlam_desktop.ui.screens.households.screen import (
    ROW_ROLE,
    HouseholdFilterProxy,
    HouseholdTableModel,
)


def row(
    i: int, level: ConcernLevel, complex_name: str = "De Linde", wijk: str = "Overvecht"
) -> HouseholdRow:
    return HouseholdRow(
        id=f"id-{i}",
        label=f"fam. Naam{i}",
        address=f"Kerkstraat {i}",
        postcode="3511 AB",
        city="Utrecht",
        wijk=wijk,
        complex_name=complex_name,
        concern_level=level,
        next_check_in=date(2026, 12, 1 + i % 28),
        last_visit_at=None,
        residents=i % 4,
    )


def _visible(proxy: HouseholdFilterProxy) -> list[str]:
    return [proxy.data(proxy.index(r, 0), ROW_ROLE).id for r in range(proxy.rowCount())]


def test_model_shows_word_with_colour(qapp: object) -> None:
    model = HouseholdTableModel()
    model.set_rows([row(1, ConcernLevel.ACUUT)])
    assert model.rowCount() == 1 and model.columnCount() == 8
    assert model.data(model.index(0, 0)) == "● acuut"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(0, 6)) == "02-12-2026"
    assert model.headerData(1, Qt.Orientation.Horizontal) in ("Address", "Adres")


def test_filters_combine(qapp: object) -> None:
    model = HouseholdTableModel()
    model.set_rows(
        [
            row(1, ConcernLevel.ACUUT, "De Linde", "Overvecht"),
            row(2, ConcernLevel.ZORG, "De Linde", "Kanaleneiland"),
            row(3, ConcernLevel.ACUUT, "Het Baken", "Overvecht"),
            row(12, ConcernLevel.GEEN, "Het Baken", "Overvecht"),
        ]
    )
    proxy = HouseholdFilterProxy()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 4
    proxy.set_filters(level=ConcernLevel.ACUUT)
    assert _visible(proxy) == ["id-1", "id-3"]
    proxy.set_filters(complex="Het Baken")
    assert _visible(proxy) == ["id-3"]
    proxy.set_filters(level=None, complex="", wijk="Overvecht", text="naam1")
    assert sorted(_visible(proxy)) == ["id-1", "id-12"]
    proxy.set_filters(text="3511ab naam12")
    assert _visible(proxy) == ["id-12"]


def test_sort_by_level_rank_not_alphabet(qapp: object) -> None:
    model = HouseholdTableModel()
    model.set_rows(
        [row(1, ConcernLevel.AANDACHT), row(2, ConcernLevel.ACUUT), row(3, ConcernLevel.GEEN)]
    )
    proxy = HouseholdFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert _visible(proxy) == ["id-2", "id-1", "id-3"]
    proxy.set_filters(text="naam")
    proxy.sort(1, Qt.SortOrder.AscendingOrder)  # Kerkstraat 1, 2, 3 (numbers, not text)
    assert _visible(proxy) == ["id-1", "id-2", "id-3"]


def test_address_sort_is_numeric(qapp: object) -> None:
    from dataclasses import replace

    model = HouseholdTableModel()
    rows = [row(10, ConcernLevel.GEEN), row(9, ConcernLevel.GEEN), row(2, ConcernLevel.GEEN)]
    rows.append(replace(rows[0], id="id-105-2", address="Kerkstraat 105-2"))
    rows.append(replace(rows[0], id="id-11", address="Kerkstraat 11"))
    model.set_rows(rows)
    model.sort(1)
    assert [r.id for r in model.rows] == ["id-2", "id-9", "id-10", "id-11", "id-105-2"]


def test_twenty_thousand_rows_filter(qapp: object) -> None:
    model = HouseholdTableModel()
    model.set_rows([row(i, list(ConcernLevel)[i % 4]) for i in range(20_000)])
    proxy = HouseholdFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(text="naam1999")
    expected = ["id-1999", *(f"id-1999{d}" for d in range(10))]
    assert sorted(_visible(proxy)) == sorted(expected)
    proxy.set_filters(text="", level=ConcernLevel.ACUUT)
    assert proxy.rowCount() == 5_000

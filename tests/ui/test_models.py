"""Table models without a window: plain rows in, filtered and sorted rows out."""

from __future__ import annotations

import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from types import FrameType

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from tests.helpers import household_row as row
from waakvlam_desktop.domain.households import HouseholdRow
from waakvlam_desktop.domain.types import ConcernLevel
from waakvlam_desktop.ui.screens.households.screen import (
    HouseholdFilterProxy,
    HouseholdTableModel,
)
from waakvlam_desktop.ui.screens.households.screen import _address_key as _address_sort_key
from waakvlam_desktop.ui.widgets.common import level_colour
from waakvlam_desktop.ui.widgets.table import (
    ROW_ROLE,
    UNSORTED,
    Column,
    Matcher,
    RowModel,
    RowProxy,
    RowView,
    date_column,
    level_column,
    number_column,
)


def _visible(proxy: HouseholdFilterProxy) -> list[str]:
    return [proxy.data(proxy.index(r, 0), ROW_ROLE).id for r in range(proxy.rowCount())]


def _count_looks(model: HouseholdTableModel, proxy: HouseholdFilterProxy) -> list[int]:
    """From now on, how many rows the filter is asked about each time it looks (the
    returned list grows)."""
    looked: list[int] = []
    matcher = proxy.matcher

    def counting(given: Sequence[HouseholdRow]) -> Matcher | None:
        match = matcher(given)
        if match is None:
            return None

        def counted(positions: Sequence[int]) -> list[int]:
            looked.append(len(positions))
            return match(positions)

        return counted

    model.shown_filter = counting
    return looked


def _arrived(model: RowModel[HouseholdRow]) -> int:
    """Fetch until every row the filter shows is in (as the screen's timer does); the
    number of steps it took."""
    root = model.index(-1, -1)
    steps = 0
    while model.canFetchMore(root):
        model.fetchMore(root)
        steps += 1
    return steps


def test_model_shows_word_with_colour(qapp: object) -> None:
    model = HouseholdTableModel()
    model.set_rows([row(1, ConcernLevel.ACUUT)])
    assert model.rowCount() == 1 and model.columnCount() == 8
    assert model.data(model.index(0, 0)) == "● acuut"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(0, 6)) == "02-12-2026"
    assert model.headerData(1, Qt.Orientation.Horizontal) in ("Address", "Adres")
    # Never visited: the badge says so, never "geen zorgen".
    model.set_rows([replace(row(2, ConcernLevel.GEEN), last_visit_at=None)])
    assert model.data(model.index(0, 0)) == "● nog niet bezocht"


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
    proxy.set_filters(text="naam12 3511ab")  # every word counts, in any order
    assert _visible(proxy) == ["id-12"]
    proxy.set_filters(text="naam1 nergens")
    assert _visible(proxy) == []


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
    _arrived(model)
    expected = ["id-1999", *(f"id-1999{d}" for d in range(10))]
    assert sorted(_visible(proxy)) == sorted(expected)
    proxy.set_filters(text="", level=ConcernLevel.ACUUT)
    _arrived(model)
    assert proxy.rowCount() == 5_000


def test_a_filter_keystroke_asks_python_nothing_per_row(qapp: object) -> None:
    """#16: a keystroke in the households filter is one Python pass over the rows, not a
    filterAcceptsRow call from Qt per row (10,000 of them were ~40 ms of the GUI thread);
    the row that is current stays current while it is shown."""
    # What Qt calls in Python (once per row, in the proxy of before)
    qt_asks = {"filterAcceptsRow", "index", "parent", "rowCount", "data", "flags"}
    model = HouseholdTableModel()
    model.set_rows([row(i, list(ConcernLevel)[i % 4]) for i in range(5_000)])
    proxy = HouseholdFilterProxy()
    view = RowView(model, "Huishoudens", proxy)
    view.select(lambda r: r.id == "id-1999")
    calls = 0

    def count(frame: FrameType, event: str, _arg: object) -> None:
        nonlocal calls
        if event == "call" and frame.f_code.co_name in qt_asks:
            calls += 1

    sys.setprofile(count)
    try:
        proxy.set_filters(text="naam1999")
    finally:
        sys.setprofile(None)
    assert calls < 200
    _arrived(model)
    assert sorted(_visible(proxy)) == ["id-1999"]
    current = view.current()
    assert current is not None and current.id == "id-1999"  # still the current row
    proxy.set_filters(text="naam2")  # the current row is filtered out: none is current
    _arrived(model)
    assert view.current() is None and proxy.rowCount() == 1_111
    proxy.set_filters(text="")
    _arrived(model)
    assert proxy.rowCount() == 5_000


def test_a_long_list_arrives_in_chunks_and_the_filter_covers_every_row(qapp: object) -> None:
    model = HouseholdTableModel()
    model.chunk_rows, model.scan_rows = 1_000, 2_000
    root = model.index(-1, -1)
    proxy = HouseholdFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(level=ConcernLevel.ACUUT)
    rows = [row(i, list(ConcernLevel)[i % 4]) for i in range(3_500)]
    # Prepared as on the worker (sorted on the header's column, filter texts made) ...
    model.sort(1, Qt.SortOrder.DescendingOrder)
    prepared = model.prepare(rows, model.sort_column, model.sort_order)
    model.show_prepared(prepared)
    # The model filters (#16: Python passes over lists, no call per row from Qt) as it hands
    # out the rows: the first step looked at 2,000 rows and found every fourth, the next
    # looks at the rest.
    assert model.total_rows() == 3_500
    assert model.rowCount() == proxy.rowCount() == 500 and model.canFetchMore(root)
    assert _arrived(model) == 1 and model.rowCount() == proxy.rowCount() == 875
    proxy.set_filters(level=None)
    # ... without a filter shown a chunk at a time: the count of all rows is known.
    model.show_prepared(prepared)
    assert model.rowCount() == 1_000 and model.total_rows() == 3_500
    model.fetchMore(root)
    assert model.rowCount() == 2_000
    # A filter while rows arrive looks at every row, also those not yet fetched.
    proxy.set_filters(level=ConcernLevel.ACUUT)
    assert _arrived(model) == 1 and proxy.rowCount() == 875 and not model.canFetchMore(root)
    # A filter changed shows its first chunk at once, the others as the list arrived.
    proxy.set_filters(level=None)
    assert model.rowCount() == 1_000
    assert _arrived(model) == 3 and model.rowCount() == 3_500
    addresses = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    assert addresses[:2] == ["Kerkstraat 3499", "Kerkstraat 3498"]
    assert addresses == [f"Kerkstraat {i}" for i in range(3_499, -1, -1)]
    # A header click while rows are still arriving sorts all of them ...
    model.show_prepared(model.prepare(rows, model.sort_column, model.sort_order))
    assert model.rowCount() == 1_000
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 3_500 and not model.canFetchMore(root)
    assert model.data(model.index(0, 1)) == "Kerkstraat 0"
    # ... and all that a filter still has to look at.
    proxy.set_filters(level=ConcernLevel.ACUUT)
    assert proxy.rowCount() == 500 and model.canFetchMore(root)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert proxy.rowCount() == 875 and not model.canFetchMore(root)
    assert model.data(model.index(0, 1)) == "Kerkstraat 3499"
    # Rows prepared for another sort than the one now chosen are sorted again.
    model.sort(1, Qt.SortOrder.AscendingOrder)
    model.show_prepared(prepared)  # prepared descending; the header says ascending
    assert model.data(model.index(0, 1)) == "Kerkstraat 3"


def test_the_current_row_stays_current_after_a_keystroke_also_far_down(qapp: object) -> None:
    """#16 (review): a keystroke shows the first chunk of what it finds, but the current
    row stays current when the new filter still shows it, also further down than the first
    chunk and than the rows a keystroke looks at; a current row the filter hides makes the
    keystroke look no further."""
    model = HouseholdTableModel()
    model.set_rows([row(i, list(ConcernLevel)[i % 4]) for i in range(5_000)])
    proxy = HouseholdFilterProxy()
    view = RowView(model, "Huishoudens", proxy)
    looked = _count_looks(model, proxy)

    def current() -> str | None:
        shown = view.current()
        return None if shown is None else shown.id

    view.select(lambda r: r.id == "id-4500")
    proxy.set_filters(text="kerkstraat")  # every row matches
    assert current() == "id-4500" and model.rowCount() > 4_500
    proxy.set_filters(text="kerkstraat 4500")  # typed on: the current row still shown
    assert current() == "id-4500"
    proxy.set_filters(text="")
    _arrived(model)
    view.select(lambda r: r.id == "id-2000")
    proxy.set_filters(text="naam200")  # ten more rows, one of them before 2,000
    assert current() == "id-2000"
    _arrived(model)
    assert proxy.rowCount() == 11 and current() == "id-2000"
    proxy.set_filters(text="")
    _arrived(model)
    view.select(lambda r: r.id == "id-4500")
    looked.clear()
    proxy.set_filters(text="naam2")  # hides the current row: no look past the first rows
    assert current() is None and sum(looked) <= model.scan_rows + 1  # (+ the row itself)
    _arrived(model)
    assert proxy.rowCount() == 1_111


def test_only_the_current_and_selected_rows_make_a_filter_look_further(qapp: object) -> None:
    """#16 (second review): a header keeps a persistent index in row 0 for each column it
    sized, a tree one for each expanded row; none of them is a row to keep current, so none
    makes a keystroke look further than ``scan_rows`` or show more than a chunk."""
    rows = [row(i, ConcernLevel.GEEN) for i in range(5_000)]
    rows[4_900:] = [replace(r, address=f"Zonnelaan {n}") for n, r in enumerate(rows[4_900:])]
    model = HouseholdTableModel()
    model.set_rows(rows)
    proxy = HouseholdFilterProxy()
    view = RowView(model, "Huishoudens", proxy)
    view.header().resizeSection(1, 333)  # sized by hand: the header now keeps it
    proxy.set_filters(text="zonnelaan")
    _arrived(model)
    assert proxy.rowCount() == 100
    view.setCurrentIndex(QModelIndex())
    view.clearSelection()
    proxy.set_filters(text="")  # the first row of "zonnelaan" is not held: no look for it
    assert model.rowCount() == 1_000 and view.current() is None
    proxy.set_filters(text="zonnelaan")
    _arrived(model)
    view.select(lambda r: r.id == "id-4950")
    proxy.set_filters(text="")  # held: shown as far as it
    assert model.rowCount() == 4_951 and view.current() is not None
    assert view.current().id == "id-4950"


def test_a_keystroke_looks_at_a_bounded_number_of_rows_and_the_filter_misses_none(
    qapp: object,
) -> None:
    """#16: a keystroke costs the same at 50,000 households as at 1,000. The filter looks
    at no more than ``scan_rows`` rows per step; typing on looks only at the rows the
    last filter found and those it had not looked at yet. Whatever is typed, how fast
    (steps of the list arriving between keystrokes, or none) and with whichever choices,
    the rows in the end are those of a plain filter over every row, in the same order."""
    narrowing = sum(_type_and_compare(random.Random(seed)) for seed in range(4))
    assert narrowing > 20  # typing on did look only at what the last filter left


def _type_and_compare(rng: random.Random) -> int:
    """120 changes of the filter; how many of them looked only at what the last left."""
    streets = ["Kerkstraat", "Kerklaan", "Dorpsweg", "Molenlaan", "Lindehof"]
    levels = list(ConcernLevel)
    wijken = ["Overvecht", "Zuid", "Noord"]
    rows = [
        replace(
            row(
                i,
                rng.choice(levels),
                rng.choice(["De Linde", "Het Baken", ""]),
                rng.choice(wijken),
            ),
            address=f"{rng.choice(streets)} {rng.randint(1, 60)}",
            label=f"fam. {rng.choice(['Jansen', 'de Vries', 'Bakker', 'Kerkhof'])}",
        )
        for i in range(6_000)
    ]
    model = HouseholdTableModel()
    model.chunk_rows, model.scan_rows = 100, 700
    proxy = HouseholdFilterProxy()
    proxy.setSourceModel(model)
    model.sort(1, Qt.SortOrder.AscendingOrder)
    model.show_prepared(model.prepare(rows, model.sort_column, model.sort_order))
    _arrived(model)
    looked = _count_looks(model, proxy)
    typed = ["k", "ke", "ker", "kerk", "kerks", "kerkstraat", "kerkstraat 1", "kerkstraat 12"]
    typed += ["kerkstraat 1", "kerk 1", "kerk 1 jans", "", "ba", "bak", "bakker 3", "j", "z"]
    narrowing = 0
    for n in range(120):
        text = typed[n % len(typed)] if n < 2 * len(typed) else rng.choice(typed)
        choice = rng.random()
        before = list(looked)
        if choice < 0.7:
            proxy.set_filters(text=text)
        elif choice < 0.8:
            proxy.set_filters(level=rng.choice([None, *levels]))
        elif choice < 0.9:
            proxy.set_filters(complex=rng.choice(["", "De Linde", "Het Baken"]))
        else:
            proxy.set_filters(wijk=rng.choice(["", *wijken]))
        assert sum(looked[len(before) :]) <= 700  # the keystroke itself
        for _ in range(rng.choice([0, 0, 1, 2, 50])):  # typed on before the list was in
            model.fetchMore(model.index(-1, -1))
        narrowing += bool(model._unseen) and model._unseen[0][0] is not model._sorted
        if rng.random() < 0.3 or n == 119:
            _arrived(model)
            words = proxy.text.split()
            expected = [
                r.id
                for r in sorted(rows, key=lambda r: _address_sort_key(r.address))
                if all(w in model._per_row([r])[0] for w in words)
                and (proxy.level is None or r.concern_level is proxy.level)
                and (not proxy.complex or r.complex_name == proxy.complex)
                and (not proxy.wijk or r.wijk == proxy.wijk)
            ]
            assert _visible(proxy) == expected, (n, proxy.text, proxy.level, proxy.complex)
    return narrowing


# ---- the shared list model (ui/widgets/table.py) -------------------------------------------
@dataclass(frozen=True, slots=True)
class Item:
    name: str
    level: ConcernLevel
    due: date | None
    count: int
    note: str = ""
    parts: tuple[Item, ...] = ()


def _columns() -> tuple[Column[Item], ...]:
    return (
        Column("Name", lambda i: i.name, tooltip=lambda i: i.note),
        level_column("Level", lambda i: i.level),
        date_column("Due", lambda i: i.due, colour=lambda i: "#a61b1b" if i.count > 2 else None),
        number_column("Count", lambda i: i.count),
    )


ITEMS = [
    Item("beta", ConcernLevel.AANDACHT, date(2026, 12, 2), 3, "late"),
    Item("Alfa", ConcernLevel.ACUUT, date(2027, 1, 10), 1),
    Item("gamma", ConcernLevel.GEEN, None, 1),
    Item("delta", ConcernLevel.ACUUT, date(2026, 11, 30), 12),
]


def _names(model: RowModel[Item]) -> list[str]:
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_row_model_headers_text_colour_word_and_roles(qapp: object) -> None:
    model = RowModel(_columns())
    model.set_rows(ITEMS)
    assert model.rowCount() == 4 and model.columnCount() == 4
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Name",
        "Level",
        "Due",
        "Count",
    ]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    first = model.index(0, 0)
    assert model.data(first) == "beta" and model.data(first, ROW_ROLE) is ITEMS[0]
    assert model.data(first, Qt.ItemDataRole.ToolTipRole) == "late"
    level = model.index(1, 1)
    assert model.data(level) == "● acuut"  # colour *and* word
    brush = model.data(level, Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == level_colour(ConcernLevel.ACUUT)
    assert model.data(level, Qt.ItemDataRole.AccessibleTextRole) == "acuut"
    assert model.data(model.index(2, 2)) == "–"  # no date
    assert model.data(model.index(0, 2)) == "02-12-2026"
    assert model.data(model.index(0, 2), Qt.ItemDataRole.ForegroundRole).color().name() == (
        "#a61b1b"
    )
    assert model.data(model.index(1, 2), Qt.ItemDataRole.ForegroundRole) is None
    right = model.data(model.index(0, 3), Qt.ItemDataRole.TextAlignmentRole)
    assert right & Qt.AlignmentFlag.AlignRight.value
    assert model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.flags(first) & Qt.ItemFlag.ItemIsSelectable


def test_row_model_sorts_on_keys_and_back_to_the_given_order(qapp: object) -> None:
    model = RowModel(_columns())
    model.set_rows(ITEMS)
    model.sort(0)  # text, ignoring case
    assert _names(model) == ["Alfa", "beta", "delta", "gamma"]
    model.sort(1, Qt.SortOrder.DescendingOrder)  # urgency, not alphabet; ties keep their order
    assert _names(model) == ["Alfa", "delta", "beta", "gamma"]
    model.sort(2)  # by date, not by "dd-mm-yyyy" text; no date last
    assert _names(model) == ["delta", "beta", "Alfa", "gamma"]
    model.sort(3, Qt.SortOrder.DescendingOrder)  # 12 before 3: numbers, not text
    assert _names(model) == ["delta", "beta", "Alfa", "gamma"]
    assert model.rows[0] is ITEMS[3] and model.rows[1] is ITEMS[0]
    model.sort(UNSORTED)
    assert _names(model) == ["beta", "Alfa", "gamma", "delta"]
    model.sort(0)
    model.set_rows(reversed(ITEMS))  # new rows keep the chosen sort
    assert _names(model) == ["Alfa", "beta", "delta", "gamma"]
    model.sort(9)  # no such column: nothing changes
    assert _names(model) == ["Alfa", "beta", "delta", "gamma"]


def test_row_model_sort_moves_persistent_indexes_with_their_rows(qapp: object) -> None:
    model = RowModel(_columns())
    model.set_rows(ITEMS)
    kept = QPersistentModelIndex(model.index(3, 2))  # delta, its Due cell
    model.sort(0)
    assert kept.row() == 2 and kept.column() == 2
    assert model.data(model.index(kept.row(), 0)) == "delta"


def test_row_model_placeholder_when_empty(qapp: object) -> None:
    model = RowModel(_columns(), empty="Nothing yet.", empty_column=2)
    assert model.rowCount() == 1
    assert model.data(model.index(0, 2)) == "Nothing yet."
    assert model.data(model.index(0, 0)) is None
    assert model.data(model.index(0, 2), ROW_ROLE) is None
    assert not model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsSelectable
    assert model.rows == []
    model.set_rows(ITEMS[:1])
    assert model.rowCount() == 1 and model.data(model.index(0, 0)) == "beta"
    model.set_rows([])
    assert model.data(model.index(0, 2)) == "Nothing yet."
    assert RowModel(_columns()).rowCount() == 0  # no sentence: no row


def test_row_model_children_follow_their_parent(qapp: object) -> None:
    sub = (Item("sub-1", ConcernLevel.GEEN, None, 0), Item("sub-2", ConcernLevel.ZORG, None, 0))
    rows = [Item("zulu", ConcernLevel.GEEN, None, 1, parts=sub), ITEMS[1]]
    model = RowModel(_columns(), children=lambda i: i.parts)
    model.set_rows(rows)
    parent = model.index(0, 0)
    assert model.rowCount(parent) == 2 and model.rowCount(model.index(1, 0)) == 0
    child = model.index(1, 1, parent)
    assert model.data(child) == "● zorg" and model.data(child, ROW_ROLE) is sub[1]
    assert model.parent(child) == parent and not model.parent(parent).isValid()
    assert model.rowCount(child) == 0
    assert model.flags(child) & Qt.ItemFlag.ItemNeverHasChildren
    assert not model.flags(parent) & Qt.ItemFlag.ItemNeverHasChildren
    kept = QPersistentModelIndex(child)
    model.sort(0)  # Alfa, zulu
    assert kept.parent().row() == 1 and model.data(kept.parent()) == "zulu"
    assert model.data(kept) == "● zorg" and model.data(kept, ROW_ROLE) is sub[1]


def test_row_proxy_filters_in_one_pass_and_sorts_in_the_model(qapp: object) -> None:
    class Urgent(RowProxy[Item]):
        only_acute = False
        asked = 0

        def accepted(self, rows: Sequence[Item]) -> list[bool] | None:
            self.asked += 1
            if not self.only_acute:
                return None
            return [i.level is ConcernLevel.ACUUT for i in rows]

    model = RowModel(_columns())
    model.set_rows(ITEMS)
    proxy = Urgent()
    proxy.setSourceModel(model)
    shown = lambda: [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())]  # noqa: E731
    assert shown() == ["beta", "Alfa", "gamma", "delta"]

    def acute_only() -> None:
        proxy.only_acute = True

    proxy.refilter(acute_only)
    assert shown() == ["Alfa", "delta"] and proxy.asked == 2  # once per filter, not per row
    proxy.sort(2)
    assert model.sort_column == 2 and shown() == ["delta", "Alfa"]
    model.set_rows(ITEMS[:2])
    assert shown() == ["Alfa"]

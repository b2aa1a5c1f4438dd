"""Reading CSV files: whatever Excel or an ERP writes comes back cell for cell."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from waakvlam_desktop.domain.address_import.reading import read_csv

# Letters a Dutch address list holds, plus the characters that make CSV hard.
ALPHABET = "abcXYZ019 éëïöüçşğĳ’'\"-;,./\n"
cells = st.text(alphabet=ALPHABET, max_size=12).map(str.strip)
header = st.lists(
    st.text(alphabet="abcdefgh", min_size=1, max_size=6), min_size=2, max_size=6, unique=True
)


@settings(max_examples=150, deadline=None)
@given(
    columns=header,
    data=st.data(),
    sep=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_written_cells_read_back(
    columns: list[str], data: st.DataObject, sep: str, encoding: str
) -> None:
    width = len(columns)
    rows = data.draw(st.lists(st.lists(cells, min_size=width, max_size=width), max_size=8))
    rows = [r for r in rows if any(r)]  # blank rows are skipped by design
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    text = out.getvalue()
    if encoding == "cp1252":
        text = text.encode("cp1252", errors="replace").decode("cp1252")
        rows = [[c.encode("cp1252", errors="replace").decode("cp1252") for c in r] for r in rows]
    table = read_csv(text.encode(encoding))
    assert table.delimiter == sep
    assert table.columns == tuple(columns)
    assert [list(cells) for _line, cells in table.rows] == rows
    lines = [line for line, _cells in table.rows]
    assert lines == sorted(lines) and all(line >= 2 for line in lines)

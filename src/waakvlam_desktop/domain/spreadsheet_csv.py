"""CSV files that a partner can open in Dutch Excel safely.

One dialect for every CSV that leaves the vault (bundles, Overzicht, the import problem
report): UTF-8 with a byte-order mark, ``;`` as separator, CRLF line ends — what Dutch Excel
opens without asking.

Every text cell that Excel or LibreOffice would read as a formula is neutralised by the
OWASP CSV-injection rule: a cell that starts with ``=``, ``+``, ``-``, ``@``, TAB or CR gets
a leading apostrophe. A resident called ``=HYPERLINK("http://…")`` then shows as that text
instead of a link that leaks the sheet. Numbers stay numbers: only ``str`` cells are
touched, so a count of ``-1`` is never rewritten. Leading spaces do not hide a formula (a
reader may trim them), and every text cell is quoted, so a reader that also splits on ``,``
or TAB cannot cut a formula cell out of the middle of a field. The apostrophe is visible
in the cell; the typed ``.xlsx`` workbook beside the CSVs is the clean alternative.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A spreadsheet that trims on import ("Trim spaces" in LibreOffice) would start the cell at
# the first character after these, so the rule looks past them.
LEADING_BLANKS = " \u00a0"


def neutralise(value: Any) -> Any:
    """``value`` as a spreadsheet reads it literally (text cells only)."""
    if isinstance(value, str) and value.lstrip(LEADING_BLANKS).startswith(FORMULA_STARTS):
        return "'" + value
    return value


def excel_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """``header`` and ``rows`` as Dutch-Excel CSV text, byte-order mark included."""
    out = io.StringIO()
    # Every text cell quoted: a reader that splits on ',' or TAB as well (a remembered import
    # setting, an English list separator) keeps a quoted cell whole, so "a,=1+1" cannot
    # become a second cell that starts with '='.
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([neutralise(h) for h in header])
    writer.writerows([neutralise(v) for v in row] for row in rows)
    return "\ufeff" + out.getvalue()

"""Validating one row of the file on its own: required fields, lengths, no BSN-like
numbers, a house number with its letter or addition, a postcode. Checks against the
vault (duplicates, conflicts) are in :mod:`.planning`."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from waakvlam_desktop.domain.address_import.mapping import FIELD_BY_KEY, REQUIRED, column_names
from waakvlam_desktop.domain.address_import.reading import CsvTable, normalise_header
from waakvlam_desktop.domain.address_import.report import ImportProblem
from waakvlam_desktop.domain.bsn import find_bsn_like
from waakvlam_desktop.domain.validation import INVALID_POSTCODE, normalise_postcode
from waakvlam_desktop.errors import CancelledError, ValidationError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
CHECK_EVERY = 500  # rows between two looks at the cancel button

CANCELLED = Message(
    "address_import.cancelled",
    QT_TRANSLATE_NOOP("Errors", "The import was stopped; nothing was changed."),
)
# The problems of the report ({field} is the field's label in the report's language).
REQUIRED_EMPTY = Message(
    "address_import.required_empty",
    QT_TRANSLATE_NOOP("Import", "{field} is empty; this field is required."),
    "Import",
)
TOO_LONG = Message(
    "address_import.too_long",
    QT_TRANSLATE_NOOP("Import", "{field} is too long (at most {max_length} characters)."),
    "Import",
)
BSN_LIKE = Message(
    "address_import.bsn_like",
    QT_TRANSLATE_NOOP(
        "Import",
        "{field} contains a number that looks like a BSN; a BSN may not enter the vault.",
    ),
    "Import",
)
BAD_NUMBER = Message(
    "address_import.bad_number",
    QT_TRANSLATE_NOOP(
        "Import",
        "House number '{number}' is not a valid house number (a number, possibly with a letter"
        " or addition, such as 12, 12A or 12-2).",
    ),
    "Import",
)
SUFFIX_TWICE = Message(
    "address_import.suffix_twice",
    QT_TRANSLATE_NOOP(
        "Import",
        "The house number already has a letter or addition, and so does the addition column;"
        " fill it in in one place.",
    ),
    "Import",
)
ADDITION_TOO_LONG = Message(
    "address_import.addition_too_long",
    QT_TRANSLATE_NOOP("Import", "The addition is too long (at most 20 characters)."),
    "Import",
)
RESIDENT_NAME_TOO_LONG = Message(
    "address_import.resident_name_too_long",
    QT_TRANSLATE_NOOP("Import", "A resident's name is too long (at most 200)."),
    "Import",
)
NO_COLUMN = Message(
    "address_import.no_column",
    QT_TRANSLATE_NOOP("Import", "No column for '{field}'. Map a column to this field."),
    "Import",
)
BSN_COLUMN_SKIPPED = Message(
    "address_import.bsn_column_skipped",
    QT_TRANSLATE_NOOP("Import", "Column '{column}' seems to hold a BSN and is not imported."),
    "Import",
)
NO_ROWS = Message(
    "address_import.no_rows",
    QT_TRANSLATE_NOOP("Import", "The file has a header but no addresses."),
    "Import",
)
TOO_MANY_CELLS = Message(
    "address_import.too_many_cells",
    QT_TRANSLATE_NOOP("Import", "This line has {cells} columns, the header {width}."),
    "Import",
)

# Code fields: a 9-digit code may pass the elfproef by chance (see allow_bsn_like_codes).
_CODE_FIELDS = {"vhe_code", "complex_code"}
# Checked for BSN-like numbers (free text and codes); postcode and number have own formats.
_BSN_CHECKED = (
    *("vhe_code", "street", "city", "wijk", "complex_name", "complex_code"),
    *("household", "residents", "addition", "letter"),
)
RESIDENT_SEPARATOR = "|"

# 12, 12A, 12 A, 12-2, 12/2, 12 bis, 12A-2: a digit suffix needs a separator (12-2, not 122).
_SUFFIX = r"[A-Za-z0-9]+(?:[- ][A-Za-z0-9]+)*"
_NUMBER = re.compile(
    rf"^(\d{{1,5}})(?:(?:\s*[-/]\s*|\s+)({_SUFFIX})|([A-Za-z][A-Za-z0-9]*(?:[- ][A-Za-z0-9]+)*))?$"
)


@dataclass(slots=True)
class Row:
    line: int
    vhe_code: str
    street: str
    number: int
    addition: str | None  # None: no addition column and none in the number → keep as is
    postcode: str
    city: str
    wijk: str | None  # None: not mapped → keep as is
    complex_name: str
    complex_code: str
    household: str
    household_named: bool  # False: the label was made from the first resident
    residents: list[str]

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.postcode, self.number, (self.addition or "").casefold())


class Problems:
    def __init__(self, field_columns: dict[str, str]) -> None:
        self.errors: list[ImportProblem] = []
        self.warnings: list[ImportProblem] = []
        self.columns = field_columns  # field key → column

    def error(self, line: int, key: str, message: Message, /, **params: object) -> None:
        problem = ImportProblem(
            line, self.columns.get(key, ""), key, message, tuple(params.items())
        )
        self.errors.append(problem)

    def warn(self, line: int, key: str, message: Message, /, **params: object) -> None:
        problem = ImportProblem(
            line, self.columns.get(key, ""), key, message, tuple(params.items())
        )
        self.warnings.append(problem)


def parse_row(
    line: int,
    values: dict[str, str],
    mapped: set[str],
    problems: Problems,
    allow_bsn_like_codes: bool,
) -> Row | None:
    before = len(problems.errors)
    for key in REQUIRED:
        if not values.get(key):
            problems.error(line, key, REQUIRED_EMPTY, field=FIELD_BY_KEY[key])
    for key, value in values.items():
        spec = FIELD_BY_KEY[key]
        if len(value) > spec.max_length:
            problems.error(line, key, TOO_LONG, field=spec, max_length=spec.max_length)
    checked = [k for k in _BSN_CHECKED if not (allow_bsn_like_codes and k in _CODE_FIELDS)]
    # One scan per row; the newline keeps numbers of two fields apart.
    if not find_bsn_like("\n".join(values.get(k, "") for k in checked)):
        checked = []
    for key in checked:
        if values.get(key) and find_bsn_like(values[key]):
            problems.error(line, key, BSN_LIKE, field=FIELD_BY_KEY[key])
    number, suffix = 0, ""
    raw_number = values.get("number", "")
    if raw_number:
        match = _NUMBER.match(raw_number)
        if match is None or int(match.group(1)) == 0:
            problems.error(line, "number", BAD_NUMBER, number=raw_number)
        else:
            number = int(match.group(1))
            suffix = (match.group(2) or match.group(3) or "").replace(" ", "-")
    postcode = ""
    if values.get("postcode"):
        try:
            postcode = normalise_postcode(values["postcode"])
        except ValidationError as exc:
            problems.error(line, "postcode", INVALID_POSTCODE, **exc.params)
    letter, extra = values.get("letter", ""), values.get("addition", "")
    addition: str | None = None
    if suffix and (letter or extra):
        problems.error(line, "number", SUFFIX_TWICE)
    elif suffix:
        addition = suffix
    elif "letter" in mapped or "addition" in mapped:
        addition = "-".join(p for p in (letter, extra) if p)
    if addition is not None and len(addition) > 20:
        problems.error(line, "addition", ADDITION_TOO_LONG)
    residents = [
        r.strip() for r in values.get("residents", "").split(RESIDENT_SEPARATOR) if r.strip()
    ]
    if any(len(r) > 200 for r in residents):
        problems.error(line, "residents", RESIDENT_NAME_TOO_LONG)
    if len(problems.errors) > before:
        return None
    return Row(
        line=line,
        vhe_code=values["vhe_code"],
        street=values["street"],
        number=number,
        addition=addition,
        postcode=postcode,
        city=values["city"],
        wijk=values.get("wijk", "") if "wijk" in mapped else None,
        complex_name=values.get("complex_name", ""),
        complex_code=values.get("complex_code", ""),
        household=values.get("household", "") or (residents[0] if residents else ""),
        household_named=bool(values.get("household")),
        residents=residents,
    )


def validate_rows(
    table: CsvTable,
    columns: Mapping[str, str],
    problems: Problems,
    allow_bsn_like_codes: bool,
    progress: Progress | None,
    cancelled: CancelCheck | None,
    *,
    total: int,
) -> list[Row]:
    """The rows of ``table`` that are valid on their own, under the mapping ``columns``
    (column → field key); every problem found goes to ``problems``.

    The mapping is checked first: a required field without a column or a file without
    rows is an error and then no row is looked at; a BSN-like column is a warning (it is
    never mapped). ``progress(done, total)`` is called every :data:`CHECK_EVERY` rows.
    """
    mapped = set(columns.values())
    for key in REQUIRED:
        if key not in mapped:
            problems.error(1, key, NO_COLUMN, field=FIELD_BY_KEY[key])
    refused = column_names().refused
    for column in table.columns:
        if normalise_header(column) in refused:
            problems.warn(1, "", BSN_COLUMN_SKIPPED, column=column)
    if not table.rows:
        problems.error(1, "", NO_ROWS)
    index = [(table.columns.index(c), k) for c, k in columns.items()]
    width = len(table.columns)
    valid: list[Row] = []
    if not problems.errors:
        for n, (line, cells) in enumerate(table.rows):
            if n % CHECK_EVERY == 0:
                if cancelled is not None and cancelled():
                    raise CancelledError(CANCELLED)
                if progress is not None:
                    progress(n, total)
            if len(cells) > width and any(cells[width:]):
                problems.error(line, "", TOO_MANY_CELLS, cells=len(cells), width=width)
                continue
            values = {k: cells[i] if i < len(cells) else "" for i, k in index}
            row = parse_row(line, values, mapped, problems, allow_bsn_like_codes)
            if row is not None:
                valid.append(row)
    return valid

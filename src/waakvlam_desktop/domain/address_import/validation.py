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
from waakvlam_desktop.domain.validation import normalise_postcode
from waakvlam_desktop.errors import CancelledError, ValidationError

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
CHECK_EVERY = 500  # rows between two looks at the cancel button
CANCELLED = "Het inlezen is afgebroken; er is niets gewijzigd."

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

    def error(self, line: int, key: str, message: str) -> None:
        self.errors.append(ImportProblem(line, self.columns.get(key, ""), key, message))

    def warn(self, line: int, key: str, message: str) -> None:
        self.warnings.append(ImportProblem(line, self.columns.get(key, ""), key, message))


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
            problems.error(
                line, key, f"{FIELD_BY_KEY[key].label_nl} is leeg; dit veld is verplicht."
            )
    for key, value in values.items():
        spec = FIELD_BY_KEY[key]
        if len(value) > spec.max_length:
            problems.error(
                line, key, f"{spec.label_nl} is te lang (maximaal {spec.max_length} tekens)."
            )
    checked = [k for k in _BSN_CHECKED if not (allow_bsn_like_codes and k in _CODE_FIELDS)]
    # One scan per row; the newline keeps numbers of two fields apart.
    if not find_bsn_like("\n".join(values.get(k, "") for k in checked)):
        checked = []
    for key in checked:
        if values.get(key) and find_bsn_like(values[key]):
            problems.error(
                line,
                key,
                f"{FIELD_BY_KEY[key].label_nl} bevat een getal dat op een BSN lijkt; een BSN"
                " mag niet in de kluis komen.",
            )
    number, suffix = 0, ""
    raw_number = values.get("number", "")
    if raw_number:
        match = _NUMBER.match(raw_number)
        if match is None or int(match.group(1)) == 0:
            problems.error(
                line,
                "number",
                f"Huisnummer '{raw_number}' is geen geldig huisnummer (een getal, eventueel"
                " met letter of toevoeging, zoals 12, 12A of 12-2).",
            )
        else:
            number = int(match.group(1))
            suffix = (match.group(2) or match.group(3) or "").replace(" ", "-")
    postcode = ""
    if values.get("postcode"):
        try:
            postcode = normalise_postcode(values["postcode"])
        except ValidationError as exc:
            problems.error(line, "postcode", str(exc))
    letter, extra = values.get("letter", ""), values.get("addition", "")
    addition: str | None = None
    if suffix and (letter or extra):
        problems.error(
            line,
            "number",
            "Het huisnummer heeft al een letter of toevoeging, en de kolom toevoeging ook;"
            " vul die op één plek in.",
        )
    elif suffix:
        addition = suffix
    elif "letter" in mapped or "addition" in mapped:
        addition = "-".join(p for p in (letter, extra) if p)
    if addition is not None and len(addition) > 20:
        problems.error(line, "addition", "De toevoeging is te lang (maximaal 20 tekens).")
    residents = [
        r.strip() for r in values.get("residents", "").split(RESIDENT_SEPARATOR) if r.strip()
    ]
    if any(len(r) > 200 for r in residents):
        problems.error(line, "residents", "Een naam van een bewoner is te lang (maximaal 200).")
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
            problems.error(
                1,
                key,
                f"Geen kolom voor '{FIELD_BY_KEY[key].label_nl}'. Koppel een kolom aan dit veld.",
            )
    refused = column_names().refused
    for column in table.columns:
        if normalise_header(column) in refused:
            problems.warn(
                1, "", f"De kolom '{column}' lijkt een BSN te bevatten en wordt niet ingelezen."
            )
    if not table.rows:
        problems.error(1, "", "Het bestand heeft een kopregel maar geen adressen.")
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
                problems.error(
                    line, "", f"Deze regel heeft {len(cells)} kolommen, de kopregel {width}."
                )
                continue
            values = {k: cells[i] if i < len(cells) else "" for i, k in index}
            row = parse_row(line, values, mapped, problems, allow_bsn_like_codes)
            if row is not None:
                valid.append(row)
    return valid

"""The importable fields and which column of the file feeds which field.

The fields and their known column names (resources/import/address_columns.json), the
mapping proposed for a file (:func:`default_mapping`), the user's choices on top of it
(:func:`resolve_mapping`, :func:`parse_mapping_args`) and the wizard's preview
(:func:`read_preview`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from waakvlam_desktop.domain.address_import.reading import normalise_header, read_csv
from waakvlam_desktop.errors import ImportMappingError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message, current_language

UNKNOWN_FIELD = Message(
    "address_import.unknown_field",
    QT_TRANSLATE_NOOP("Errors", "Unknown field '{name}'. Choose from: {fields}."),
)
BAD_MAPPING = Message(
    "address_import.bad_mapping",
    QT_TRANSLATE_NOOP(
        "Errors", "'{item}' must have the form COLUMN=FIELD, for example 'Straatnaam=straat'."
    ),
)
NO_SUCH_COLUMN = Message(
    "address_import.no_such_column",
    QT_TRANSLATE_NOOP("Errors", "Column '{column}' is not in the file. Columns: {columns}."),
)
FIELD_TWICE = Message(
    "address_import.field_twice",
    QT_TRANSLATE_NOOP("Errors", "Field '{field}' is mapped to two columns."),
)
BSN_COLUMN = Message(
    "address_import.bsn_column",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Column '{column}' seems to hold a BSN; a BSN may never enter the vault. Leave this"
        " column out.",
    ),
)

PREVIEW_ROWS = 10
IGNORE = ""  # mapping value for "do not import this column"
_IGNORE_WORDS = {"", "-", "negeer", "ignore", "geen"}


@dataclass(frozen=True, slots=True)
class ImportField:
    key: str
    label_nl: str
    label_en: str
    required: bool
    max_length: int

    def render(self, language: str | None = None) -> str:
        """The label in ``language`` (default: the current one), e.g. as a message parameter."""
        return self.label_en if (language or current_language()) == "en" else self.label_nl


FIELDS: tuple[ImportField, ...] = (
    ImportField("vhe_code", "VHE-code", "VHE code", True, 50),
    ImportField("street", "Straat", "Street", True, 200),
    ImportField("number", "Huisnummer", "House number", True, 20),
    ImportField("letter", "Huisletter", "House letter", False, 5),
    ImportField("addition", "Toevoeging", "Addition", False, 20),
    ImportField("postcode", "Postcode", "Postcode", True, 20),
    ImportField("city", "Plaats", "City", True, 100),
    ImportField("wijk", "Wijk", "Neighbourhood", False, 100),
    ImportField("complex_name", "Complex", "Complex", False, 200),
    ImportField("complex_code", "Complexnummer", "Complex code", False, 50),
    ImportField("household", "Huishouden", "Household", False, 200),
    ImportField("residents", "Bewoners", "Residents", False, 2000),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}
REQUIRED = tuple(f.key for f in FIELDS if f.required)


@dataclass(frozen=True, slots=True)
class ColumnNames:
    """The recognised column names (resources/import/address_columns.json)."""

    aliases: dict[str, str]  # normalised column name → field key
    refused: frozenset[str]  # normalised names of columns that must never be imported


def column_names() -> ColumnNames:
    raw = (
        resources.files("waakvlam_desktop.resources")
        .joinpath("import/address_columns.json")
        .read_text(encoding="utf-8")
    )
    doc = json.loads(raw)
    aliases: dict[str, str] = {}
    for key, names in doc["fields"].items():
        if key not in FIELD_BY_KEY:
            raise ValueError(f"unknown import field {key!r} in address_columns.json")
        for name in [key, *names]:
            aliases.setdefault(normalise_header(name), key)
    for f in FIELDS:  # the Dutch and English labels work too
        aliases.setdefault(normalise_header(f.label_nl), f.key)
        aliases.setdefault(normalise_header(f.label_en), f.key)
    return ColumnNames(aliases, frozenset(normalise_header(n) for n in doc["refused"]))


def field_key(name: str) -> str:
    """The field a user means by ``name`` (key, label or known column name)."""
    key = column_names().aliases.get(normalise_header(name))
    if key is None:
        raise ImportMappingError(UNKNOWN_FIELD, name=name, fields=", ".join(f.key for f in FIELDS))
    return key


def default_mapping(columns: Sequence[str]) -> dict[str, str]:
    """Column → field for the columns whose name is known; the first column wins a field."""
    names = column_names()
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        key = names.aliases.get(normalise_header(column))
        if key is not None and key not in taken:
            mapping[column] = key
            taken.add(key)
    return mapping


def parse_mapping_args(items: Sequence[str]) -> dict[str, str]:
    """``["Adres=straat", "Nr=huisnummer", "Opmerking="]`` → column → field ('' = ignore)."""
    result: dict[str, str] = {}
    for item in items:
        column, sep, name = item.partition("=")
        if not sep or not column.strip():
            raise ImportMappingError(BAD_MAPPING, item=item)
        name = name.strip()
        result[column.strip()] = IGNORE if name.casefold() in _IGNORE_WORDS else field_key(name)
    return result


def resolve_mapping(
    columns: Sequence[str], overrides: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The default mapping with the user's choices applied: column → field key.

    ``overrides`` maps a column name (case-insensitive) to a field key, label or known
    column name, or to ``""`` to ignore the column. Raises :class:`ImportMappingError` for
    a column that is not in the file, an unknown field, a field chosen twice, or a
    BSN column.
    """
    by_norm = {normalise_header(c): c for c in columns}
    mapping = default_mapping(columns)
    chosen: dict[str, str] = {}
    for column, name in (overrides or {}).items():
        actual = by_norm.get(normalise_header(column))
        if actual is None:
            raise ImportMappingError(NO_SUCH_COLUMN, column=column, columns=", ".join(columns))
        key = IGNORE if name.strip().casefold() in _IGNORE_WORDS else field_key(name)
        if key and key in chosen.values():
            raise ImportMappingError(FIELD_TWICE, field=FIELD_BY_KEY[key])
        chosen[actual] = key
    for column, key in chosen.items():
        if key:  # the user's choice replaces a default for the same field
            mapping = {c: k for c, k in mapping.items() if k != key}
            mapping[column] = key
        else:
            mapping.pop(column, None)
    refused = column_names().refused
    for column in mapping:
        if normalise_header(column) in refused:
            raise ImportMappingError(BSN_COLUMN, column=column)
    return {c: mapping[c] for c in columns if c in mapping}


@dataclass(frozen=True, slots=True)
class CsvPreview:
    """What the wizard's mapping step shows."""

    encoding: str
    delimiter: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the first rows, padded to the number of columns
    total_rows: int
    mapping: dict[str, str]  # proposed: column → field key
    missing_required: tuple[str, ...]  # field keys no column is mapped to yet
    refused_columns: tuple[str, ...]  # columns that look like BSN columns (never imported)


def read_preview(data: bytes, rows: int = PREVIEW_ROWS) -> CsvPreview:
    table = read_csv(data)
    mapping = default_mapping(table.columns)
    width = len(table.columns)
    refused = column_names().refused
    return CsvPreview(
        encoding=table.encoding,
        delimiter=table.delimiter,
        columns=table.columns,
        rows=tuple((cells + ("",) * width)[:width] for _line, cells in table.rows[: max(rows, 0)]),
        total_rows=len(table.rows),
        mapping=mapping,
        missing_required=tuple(k for k in REQUIRED if k not in mapping.values()),
        refused_columns=tuple(c for c in table.columns if normalise_header(c) in refused),
    )

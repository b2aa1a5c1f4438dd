"""CSV import of complexes, addresses and (optionally) households and residents.

The file comes from the corporation's own systems (an Excel or ERP export). The steps are
separate functions so the GUI wizard can show each one:

1. :func:`read_preview` — detect encoding and separator, read the header and the first
   rows, and propose a column mapping (:func:`default_mapping`);
2. :func:`resolve_mapping` — the mapping the user confirmed (column name → field);
3. :func:`import_addresses` — validate every row, then write everything or nothing.

All-or-nothing: a file with any error writes nothing and yields a report, row by row
(line number, column, field, Dutch reason), that :func:`report_to_csv` turns into CSV.
A dry run gives the same report without writing. Re-importing updates the existing
addresses by VHE code instead of duplicating them.

Rows are written in bulk (SQLAlchemy Core), so the session hooks do not see them: this
module sets the timestamps and authors itself and records **one** audit event per import
with the counts (like the demo generator). See docs/import.md.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from waakvlam_desktop.clock import utc_naive
from waakvlam_desktop.domain.bsn import find_bsn_like
from waakvlam_desktop.domain.types import ConcernLevel, HouseholdStatus
from waakvlam_desktop.domain.validation import normalise_postcode
from waakvlam_desktop.errors import (
    CancelledError,
    ImportFileError,
    ImportMappingError,
    ValidationError,
)
from waakvlam_desktop.storage import audit
from waakvlam_desktop.storage.models import Address, Complex, Household, Resident

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

PREVIEW_ROWS = 10
_BATCH = 1000
_CHECK_EVERY = 500
IGNORE = ""  # mapping value for "do not import this column"
_IGNORE_WORDS = {"", "-", "negeer", "ignore", "geen"}


# ---- the fields ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ImportField:
    key: str
    label_nl: str
    label_en: str
    required: bool
    max_length: int


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
# Code fields: a 9-digit code may pass the elfproef by chance (see allow_bsn_like_codes).
_CODE_FIELDS = {"vhe_code", "complex_code"}
# Checked for BSN-like numbers (free text and codes); postcode and number have own formats.
_BSN_CHECKED = (
    *("vhe_code", "street", "city", "wijk", "complex_name", "complex_code"),
    *("household", "residents", "addition", "letter"),
)
RESIDENT_SEPARATOR = "|"


def normalise_header(text: str) -> str:
    """``VHE-nummer`` → ``vhe nummer``: case, accents, ``-_.`` and spacing ignored."""
    text = unicodedata.normalize("NFKD", text.replace("\ufeff", ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[-_./]+", " ", text).split())


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
        raise ImportMappingError(
            f"Onbekend veld '{name}'. Kies uit: " + ", ".join(f.key for f in FIELDS) + "."
        )
    return key


# ---- reading the file ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CsvTable:
    encoding: str  # "utf-8", "utf-8-bom", "cp1252", "utf-16"
    delimiter: str
    columns: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (line number, cells); blank rows dropped


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM) strictly, then cp1252."""
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ImportFileError("Het bestand is leeg.")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            "Dit is een Excel-bestand, geen CSV. Kies in Excel 'Opslaan als' →"
            " 'CSV UTF-8 (gescheiden door lijstscheidingstekens)' en lees dat bestand in."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        try:
            text = data.decode("utf-8-sig")
            return text, "utf-8-bom" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        except UnicodeDecodeError:
            pass
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    raise ImportFileError(
        "De tekens in het bestand zijn niet te lezen (geen UTF-8 of Windows-1252)."
        " Sla het bestand op als 'CSV UTF-8' en probeer het opnieuw."
    )


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


def sniff_delimiter(text: str) -> tuple[str, int]:
    """(separator, lines to skip). ``;`` wins a tie: Dutch Excel writes it."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    hint = re.fullmatch(r"\s*sep=(.)\s*", first)
    if hint:  # Excel's "sep=;" first line
        return hint.group(1), text.splitlines().index(first) + 1
    counts = {d: _count_outside_quotes(first, d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ";", d == ","))
    if counts[best] == 0:
        raise ImportFileError(
            "De kopregel heeft maar één kolom: gebruik een puntkomma (;) of komma (,) als"
            " scheidingsteken tussen de kolommen."
        )
    return best, 0


def read_csv(data: bytes) -> CsvTable:
    """Decode and split the whole file. Raises :class:`ImportFileError` if that fails."""
    text, encoding = decode(data)
    delimiter, skip = sniff_delimiter(text)
    if skip:
        text = "".join(text.splitlines(keepends=True)[skip:])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    columns: tuple[str, ...] | None = None
    rows: list[tuple[int, tuple[str, ...]]] = []
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if columns is None:
                columns = tuple(
                    c.replace("\ufeff", "").strip() or f"kolom {i + 1}" for i, c in enumerate(cells)
                )
                continue
            rows.append((reader.line_num + skip, tuple(c.strip() for c in cells)))
    except csv.Error as exc:
        raise ImportFileError(
            f"Het bestand is geen geldige CSV (regel {reader.line_num + skip}): een"
            " aanhalingsteken staat niet goed."
        ) from exc
    if columns is None:
        raise ImportFileError("Het bestand is leeg.")
    seen: set[str] = set()
    for name in columns:
        if normalise_header(name) in seen:
            raise ImportFileError(f"De kolom '{name}' staat twee keer in de kopregel.")
        seen.add(normalise_header(name))
    return CsvTable(encoding, delimiter, columns, tuple(rows))


# ---- mapping -------------------------------------------------------------------------------
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
            raise ImportMappingError(
                f"'{item}' moet de vorm KOLOM=VELD hebben, bijvoorbeeld 'Straatnaam=straat'."
            )
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
            raise ImportMappingError(
                f"De kolom '{column}' staat niet in het bestand. Kolommen: "
                + ", ".join(columns)
                + "."
            )
        key = IGNORE if name.strip().casefold() in _IGNORE_WORDS else field_key(name)
        if key and key in chosen.values():
            raise ImportMappingError(
                f"Het veld '{FIELD_BY_KEY[key].label_nl}' is aan twee kolommen gekoppeld."
            )
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
            raise ImportMappingError(
                f"De kolom '{column}' lijkt een BSN te bevatten; een BSN mag nooit in de"
                " kluis komen. Laat deze kolom weg."
            )
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


# ---- the report ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ImportProblem:
    line: int  # line in the file; the header is line 1
    column: str  # CSV column name, "" for the whole row
    field: str  # field key, "" for the whole row
    message: str  # one Dutch sentence; never repeats a name or a BSN-like number


@dataclass(frozen=True, slots=True)
class ImportCounts:
    rows: int = 0
    addresses_new: int = 0
    addresses_updated: int = 0
    addresses_unchanged: int = 0
    complexes_new: int = 0
    complexes_updated: int = 0
    households_new: int = 0
    residents_new: int = 0


@dataclass(frozen=True, slots=True)
class ImportReport:
    encoding: str
    delimiter: str
    mapping: dict[str, str]  # column → field key
    dry_run: bool
    written: bool  # True only when the vault was changed
    counts: ImportCounts  # with errors: what the valid rows would have done
    errors: tuple[ImportProblem, ...]
    warnings: tuple[ImportProblem, ...]
    sha256: str  # of the file's bytes, also in the audit event

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        c = self.counts
        if self.errors:
            return (
                f"Het bestand bevat {len(self.errors)} fout(en) in {c.rows} regels;"
                " er is niets ingelezen."
            )
        verb = "zou inlezen" if self.dry_run else "ingelezen"
        return (
            f"{c.rows} regels {verb}: {c.addresses_new} nieuwe adressen,"
            f" {c.addresses_updated} bijgewerkt, {c.addresses_unchanged} ongewijzigd;"
            f" {c.complexes_new} nieuwe complexen, {c.households_new} nieuwe huishoudens,"
            f" {c.residents_new} nieuwe bewoners."
        )


def report_to_csv(report: ImportReport) -> str:
    """The problems as CSV for Dutch Excel: UTF-8 with BOM, ``;``, CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["regel", "kolom", "veld", "soort", "melding"])
    problems = [(p, "fout") for p in report.errors] + [(p, "waarschuwing") for p in report.warnings]
    problems.sort(key=lambda pk: (pk[0].line, pk[1]))
    for p, kind in problems:
        label = FIELD_BY_KEY[p.field].label_nl if p.field in FIELD_BY_KEY else ""
        writer.writerow([p.line, p.column, label, kind, p.message])
    return "\ufeff" + out.getvalue()


# ---- validating rows -----------------------------------------------------------------------
# 12, 12A, 12 A, 12-2, 12/2, 12 bis, 12A-2: a digit suffix needs a separator (12-2, not 122).
_SUFFIX = r"[A-Za-z0-9]+(?:[- ][A-Za-z0-9]+)*"
_NUMBER = re.compile(
    rf"^(\d{{1,5}})(?:(?:\s*[-/]\s*|\s+)({_SUFFIX})|([A-Za-z][A-Za-z0-9]*(?:[- ][A-Za-z0-9]+)*))?$"
)


@dataclass(slots=True)
class _Row:
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


class _Problems:
    def __init__(self, field_columns: dict[str, str]) -> None:
        self.errors: list[ImportProblem] = []
        self.warnings: list[ImportProblem] = []
        self.columns = field_columns  # field key → column

    def error(self, line: int, key: str, message: str) -> None:
        self.errors.append(ImportProblem(line, self.columns.get(key, ""), key, message))

    def warn(self, line: int, key: str, message: str) -> None:
        self.warnings.append(ImportProblem(line, self.columns.get(key, ""), key, message))


def _parse_row(
    line: int,
    values: dict[str, str],
    mapped: set[str],
    problems: _Problems,
    allow_bsn_like_codes: bool,
) -> _Row | None:
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
    return _Row(
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


# ---- planning against the vault ------------------------------------------------------------
class _IdPool:
    """Random (version 4) UUID strings, made 1,024 at a time: ``uuid.uuid4()`` per row was
    a quarter of the import's time."""

    def __init__(self) -> None:
        self._pool: list[str] = []

    def __call__(self) -> str:
        if not self._pool:
            raw = os.urandom(16 * 1024).hex()
            self._pool = [
                f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"
                for h in (raw[i : i + 32] for i in range(0, len(raw), 32))
            ]
        return self._pool.pop()


_new_id = _IdPool()


@dataclass(slots=True)
class _Plan:
    complexes_new: list[dict[str, Any]] = field(default_factory=list)
    complexes_update: list[dict[str, Any]] = field(default_factory=list)
    addresses_new: list[dict[str, Any]] = field(default_factory=list)
    addresses_update: list[dict[str, Any]] = field(default_factory=list)
    addresses_unchanged: int = 0
    households_new: list[dict[str, Any]] = field(default_factory=list)
    residents_new: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class _ComplexRef:
    id: str
    name: str
    code: str | None
    wijk: str
    new: bool
    changed: set[str] = field(default_factory=set)


def _complexes(
    session: Session, rows: list[_Row], problems: _Problems, plan: _Plan
) -> dict[int, str]:
    """Resolve the complex of every row: line → complex id (planned or existing)."""
    by_code: dict[str, _ComplexRef] = {}
    by_name: dict[str, _ComplexRef] = {}
    for cid, name, code, wijk in session.execute(
        select(Complex.id, Complex.name, Complex.code, Complex.wijk).order_by(
            Complex.created_at, Complex.id
        )
    ):
        known = _ComplexRef(cid, name, code, wijk, new=False)
        if code:
            by_code[code] = known
        by_name.setdefault(name.casefold(), known)
    first_line: dict[str, int] = {}
    result: dict[int, str] = {}
    # Rows with a complex code first, so name-only rows find complexes the file creates.
    for row in sorted(rows, key=lambda r: (not r.complex_code, r.line)):
        if not row.complex_code and not row.complex_name:
            continue
        ref: _ComplexRef | None
        if row.complex_code:
            ref = by_code.get(row.complex_code)
            name = row.complex_name or (ref.name if ref else row.complex_code)
            if ref is None:
                ref = _ComplexRef(_new_id(), name, row.complex_code, row.wijk or "", new=True)
                by_code[row.complex_code] = ref
                by_name.setdefault(name.casefold(), ref)
                first_line[row.complex_code] = row.line
            elif row.complex_code in first_line:
                if row.complex_name and row.complex_name != ref.name:
                    problems.error(
                        row.line,
                        "complex_name",
                        f"Complexnummer {row.complex_code} heeft in regel"
                        f" {first_line[row.complex_code]} de naam '{ref.name}'; gebruik één naam.",
                    )
                    continue
            else:
                first_line[row.complex_code] = row.line
                if row.complex_name and row.complex_name != ref.name:
                    ref.name = row.complex_name
                    ref.changed.add("name")
        else:
            ref = by_name.get(row.complex_name.casefold())
            if ref is None:
                ref = _ComplexRef(_new_id(), row.complex_name, None, row.wijk or "", new=True)
                by_name[row.complex_name.casefold()] = ref
        if row.wijk and not ref.wijk:
            ref.wijk = row.wijk
            if not ref.new:
                ref.changed.add("wijk")
        result[row.line] = ref.id
    seen: set[str] = set()
    for ref in [*by_code.values(), *by_name.values()]:
        if ref.id in seen:
            continue
        seen.add(ref.id)
        if ref.new:
            plan.complexes_new.append(
                {"id": ref.id, "name": ref.name, "code": ref.code, "wijk": ref.wijk}
            )
        elif ref.changed:
            plan.complexes_update.append({"id": ref.id, "name": ref.name, "wijk": ref.wijk})
    return result


def _plan(
    session: Session,
    rows: list[_Row],
    mapped: set[str],
    problems: _Problems,
    cancelled: CancelCheck | None,
) -> _Plan:
    plan = _Plan()
    complex_of = _complexes(session, rows, problems, plan)
    existing = session.execute(
        select(
            Address.id,
            Address.vhe_code,
            Address.street,
            Address.number,
            Address.addition,
            Address.postcode,
            Address.city,
            Address.wijk,
            Address.complex_id,
        )
    ).all()
    by_vhe = {a.vhe_code: a for a in existing if a.vhe_code}
    by_key: dict[tuple[str, int, str], list[Any]] = {}
    for a in existing:
        by_key.setdefault((a.postcode, a.number, a.addition.casefold()), []).append(a)
    households: dict[str, list[tuple[str, str]]] = {}
    residents: dict[str, set[str]] = {}
    if "household" in mapped or "residents" in mapped:
        for hid, aid, label in session.execute(
            select(Household.id, Household.address_id, Household.label).where(
                Household.status == HouseholdStatus.OPEN.value
            )
        ):
            households.setdefault(aid, []).append((hid, label))
        if "residents" in mapped:
            for hid, name in session.execute(select(Resident.household_id, Resident.name)):
                residents.setdefault(hid, set()).add(name.casefold())
    seen_vhe: dict[str, int] = {}
    seen_key: dict[tuple[str, int, str], int] = {}
    for i, row in enumerate(rows):
        if cancelled is not None and i % _CHECK_EVERY == 0 and cancelled():
            raise CancelledError("Het inlezen is afgebroken; er is niets gewijzigd.")
        if row.vhe_code in seen_vhe:
            problems.error(
                row.line,
                "vhe_code",
                f"VHE-code {row.vhe_code} staat ook in regel {seen_vhe[row.vhe_code]}.",
            )
            continue
        seen_vhe[row.vhe_code] = row.line
        if row.key in seen_key:
            problems.error(row.line, "number", f"Dit adres staat ook in regel {seen_key[row.key]}.")
            continue
        seen_key[row.key] = row.line
        current = by_vhe.get(row.vhe_code)
        others = [a for a in by_key.get(row.key, []) if current is None or a.id != current.id]
        if current is not None and others:
            other = others[0]
            problems.error(
                row.line,
                "vhe_code",
                "Dit adres staat al in de kluis"
                + (f" onder VHE-code {other.vhe_code}." if other.vhe_code else " zonder VHE-code.")
                + f" VHE-code {row.vhe_code} hoort bij een ander adres.",
            )
            continue
        if current is None and others:
            with_code = [a for a in others if a.vhe_code]
            if with_code:
                problems.error(
                    row.line,
                    "vhe_code",
                    f"Dit adres staat al in de kluis met VHE-code {with_code[0].vhe_code}.",
                )
                continue
            if len(others) > 1:
                problems.error(
                    row.line,
                    "number",
                    "Dit adres staat meer dan eens zonder VHE-code in de kluis; koppel het eerst"
                    " met de hand.",
                )
                continue
            current = others[0]  # an address typed in by hand: it gets this VHE code
        complex_id = complex_of.get(row.line)
        values: dict[str, Any] = {
            "vhe_code": row.vhe_code,
            "street": row.street,
            "number": row.number,
            "postcode": row.postcode,
            "city": row.city,
        }
        if row.addition is not None:
            values["addition"] = row.addition
        if row.wijk is not None:
            values["wijk"] = row.wijk
        if "complex_name" in mapped or "complex_code" in mapped:
            values["complex_id"] = complex_id
        if current is None:
            address_id = _new_id()
            plan.addresses_new.append(
                {"id": address_id, "addition": "", "wijk": "", "complex_id": None, **values}
            )
        else:
            address_id = current.id
            changed = {k: v for k, v in values.items() if getattr(current, k) != v}
            if changed:
                plan.addresses_update.append({"id": address_id, **changed})
            else:
                plan.addresses_unchanged += 1
        if row.household:
            _plan_household(row, address_id, households, residents, problems, plan)
    return plan


def _plan_household(
    row: _Row,
    address_id: str,
    households: dict[str, list[tuple[str, str]]],
    residents: dict[str, set[str]],
    problems: _Problems,
    plan: _Plan,
) -> None:
    present = households.get(address_id, [])
    match = next(
        (hid for hid, label in present if label.casefold() == row.household.casefold()), None
    )
    if match is None and not row.household_named and len(present) == 1:
        match = present[0][0]  # only residents in the file: they belong to the one household
    if match is None:
        if present:
            problems.warn(
                row.line,
                "household",
                "Op dit adres woont al een ander huishouden; het nieuwe is erbij gezet. Sluit"
                " het oude huishouden als de bewoners verhuisd zijn.",
            )
        match = _new_id()
        plan.households_new.append({"id": match, "address_id": address_id, "label": row.household})
        present.append((match, row.household))
        households[address_id] = present
    known = residents.setdefault(match, set())
    for name in row.residents:
        if name.casefold() not in known:
            known.add(name.casefold())
            plan.residents_new.append({"id": _new_id(), "household_id": match, "name": name})


# ---- the import ----------------------------------------------------------------------------
def _chunks(items: list[dict[str, Any]], size: int = _BATCH) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert(session: Session, table: str, rows: list[dict[str, Any]]) -> None:
    """A plain ``executemany`` INSERT: the rows hold only text, ints and None already, so
    SQLAlchemy's per-value processing (half the write time) is skipped."""
    columns = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    session.connection().exec_driver_sql(sql, [tuple(r[c] for c in columns) for r in rows])


def import_addresses(
    session: Session,
    data: bytes,
    mapping: Mapping[str, str] | None = None,
    *,
    dry_run: bool = False,
    allow_bsn_like_codes: bool = False,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportReport:
    """Validate ``data`` (a CSV file's bytes) and, without errors and not ``dry_run``, write.

    ``mapping`` holds the user's choices on top of :func:`default_mapping` (see
    :func:`resolve_mapping`). ``progress(done, total)`` is called now and then;
    ``cancelled()`` returning True raises :class:`CancelledError` (the caller's session
    then rolls back, so nothing is changed). The caller commits the session.
    """
    digest = hashlib.sha256(data).hexdigest()
    table = read_csv(data)
    columns = resolve_mapping(table.columns, mapping)
    field_columns = {k: c for c, k in columns.items()}
    mapped = set(field_columns)
    problems = _Problems(field_columns)
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
    total = len(table.rows) * 2
    index = [(table.columns.index(c), k) for c, k in columns.items()]
    width = len(table.columns)
    valid: list[_Row] = []
    if not problems.errors:
        for n, (line, cells) in enumerate(table.rows):
            if n % _CHECK_EVERY == 0:
                if cancelled is not None and cancelled():
                    raise CancelledError("Het inlezen is afgebroken; er is niets gewijzigd.")
                if progress is not None:
                    progress(n, total)
            if len(cells) > width and any(cells[width:]):
                problems.error(
                    line, "", f"Deze regel heeft {len(cells)} kolommen, de kopregel {width}."
                )
                continue
            values = {k: cells[i] if i < len(cells) else "" for i, k in index}
            row = _parse_row(line, values, mapped, problems, allow_bsn_like_codes)
            if row is not None:
                valid.append(row)
    plan = _plan(session, valid, mapped, problems, cancelled)
    counts = ImportCounts(
        rows=len(table.rows),
        addresses_new=len(plan.addresses_new),
        addresses_updated=len(plan.addresses_update),
        addresses_unchanged=plan.addresses_unchanged,
        complexes_new=len(plan.complexes_new),
        complexes_updated=len(plan.complexes_update),
        households_new=len(plan.households_new),
        residents_new=len(plan.residents_new),
    )
    written = False
    if not problems.errors and not dry_run:
        _write(session, plan, counts, digest, progress, cancelled, len(table.rows), total)
        written = True
    if progress is not None:
        progress(total, total)
    position = {c: i for i, c in enumerate(table.columns)}
    for found in (problems.errors, problems.warnings):
        found.sort(key=lambda p: (p.line, position.get(p.column, -1)))
    return ImportReport(
        encoding=table.encoding,
        delimiter=table.delimiter,
        mapping=columns,
        dry_run=dry_run,
        written=written,
        counts=counts,
        errors=tuple(problems.errors),
        warnings=tuple(problems.warnings),
        sha256=digest,
    )


def _write(
    session: Session,
    plan: _Plan,
    counts: ImportCounts,
    digest: str,
    progress: Progress | None,
    cancelled: CancelCheck | None,
    done: int,
    total: int,
) -> None:
    now = utc_naive(session.info["clock"].now())
    # Rows go to the driver as they are (see _insert): the timestamp in the vault's own
    # text form, formatted once instead of once per row and column.
    dialect = session.get_bind().dialect
    to_text = Address.__table__.c.created_at.type.dialect_impl(dialect).bind_processor(dialect)
    if to_text is None:  # pragma: no cover - SQLite always has one
        raise RuntimeError("no text form for timestamps")
    stamp = to_text(now)
    actor = session.info.get("actor")
    new_stamp = {"created_at": stamp, "updated_at": stamp, "created_by": actor, "updated_by": actor}
    changed_stamp = {"updated_at": now, "updated_by": actor}
    steps: list[tuple[Any, str, list[dict[str, Any]]]] = [
        (Complex, "insert", [{**r, **new_stamp} for r in plan.complexes_new]),
        (Complex, "update", [{**r, **changed_stamp} for r in plan.complexes_update]),
        (Address, "insert", [{**r, **new_stamp} for r in plan.addresses_new]),
        (Address, "update", [{**r, **changed_stamp} for r in plan.addresses_update]),
        (
            Household,
            "insert",
            [
                {
                    **r,
                    "status": HouseholdStatus.OPEN.value,
                    "closed_on": None,
                    "review_on": None,
                    "concern_level": ConcernLevel.GEEN.value,
                    "next_check_in": None,
                    "last_visit_at": None,
                    **new_stamp,
                }
                for r in plan.households_new
            ],
        ),
        (
            Resident,
            "insert",
            [
                {**r, "birth_year": None, "birth_date": None, "phone": "", **new_stamp}
                for r in plan.residents_new
            ],
        ),
    ]
    writes = sum(len(rows) for _m, _k, rows in steps) or 1
    written = 0
    for model, kind, rows in steps:
        for chunk in _chunks(rows):
            if cancelled is not None and cancelled():
                raise CancelledError("Het inlezen is afgebroken; er is niets gewijzigd.")
            if kind == "insert":
                _insert(session, model.__table__.name, chunk)
            else:
                session.execute(update(model), chunk)
            written += len(chunk)
            if progress is not None:
                progress(done + (total - done) * written // writes, total)
    c = counts
    audit.record(
        session,
        "import",
        "address",
        detail=(
            f"regels: {c.rows}; adressen nieuw: {c.addresses_new}, bijgewerkt:"
            f" {c.addresses_updated}, ongewijzigd: {c.addresses_unchanged}; complexen nieuw:"
            f" {c.complexes_new}, bijgewerkt: {c.complexes_updated}; huishoudens nieuw:"
            f" {c.households_new}; bewoners nieuw: {c.residents_new}; sha256: {digest}"
        ),
    )
    session.flush()

"""Reading an address file: the bytes' encoding and separator, then the header and rows.

Knows nothing of fields or the vault: a :class:`CsvTable` is the file's columns and
cells, with blank rows dropped and the line number of every row kept for the report.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass

from waakvlam_desktop.errors import ImportFileError
from waakvlam_desktop.texts import QT_TRANSLATE_NOOP, Message

EMPTY_FILE = Message("address_import.empty_file", QT_TRANSLATE_NOOP("Errors", "The file is empty."))
EXCEL_FILE = Message(
    "address_import.excel_file",
    QT_TRANSLATE_NOOP(
        "Errors",
        "This is an Excel file, not a CSV file. In Excel choose 'Save as' → 'CSV UTF-8 (Comma"
        " delimited)' and import that file.",
    ),
)
UNKNOWN_ENCODING = Message(
    "address_import.unknown_encoding",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The characters in the file cannot be read (not UTF-8 or Windows-1252). Save the file"
        " as 'CSV UTF-8' and try again.",
    ),
)
ONE_COLUMN = Message(
    "address_import.one_column",
    QT_TRANSLATE_NOOP(
        "Errors",
        "The header has only one column: use a semicolon (;) or comma (,) to separate the columns.",
    ),
)
BAD_QUOTE = Message(
    "address_import.bad_quote",
    QT_TRANSLATE_NOOP(
        "Errors", "The file is not valid CSV (line {line}): a quotation mark is out of place."
    ),
)
COLUMN_TWICE = Message(
    "address_import.column_twice",
    QT_TRANSLATE_NOOP("Errors", "Column '{column}' appears twice in the header."),
)
FIELD_LIMIT = csv.field_size_limit()  # 128 KiB: no address field comes near it
FIELD_TOO_LONG = Message(
    "import.field_too_long",
    QT_TRANSLATE_NOOP(
        "Errors",
        "Line {line} has a field of more than {limit_kib} KiB; an address file has no such"
        " fields. Check that this is the right file (or that its quotes are closed). Nothing"
        " was imported.",
    ),
)


def normalise_header(text: str) -> str:
    """``VHE-nummer`` → ``vhe nummer``: case, accents, ``-_.`` and spacing ignored."""
    text = unicodedata.normalize("NFKD", text.replace("\ufeff", ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[-_./]+", " ", text).split())


@dataclass(frozen=True, slots=True)
class CsvTable:
    encoding: str  # "utf-8", "utf-8-bom", "cp1252", "utf-16"
    delimiter: str
    columns: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (line number, cells); blank rows dropped


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM) strictly, then cp1252."""
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ImportFileError(EMPTY_FILE)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(EXCEL_FILE)
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
    raise ImportFileError(UNKNOWN_ENCODING)


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
        raise ImportFileError(ONE_COLUMN)
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
        if "field limit" in str(exc):
            raise ImportFileError(
                FIELD_TOO_LONG, line=reader.line_num + skip, limit_kib=FIELD_LIMIT // 1024
            ) from exc
        raise ImportFileError(BAD_QUOTE, line=reader.line_num + skip) from exc
    if columns is None:
        raise ImportFileError(EMPTY_FILE)
    seen: set[str] = set()
    for name in columns:
        if normalise_header(name) in seen:
            raise ImportFileError(COLUMN_TWICE, column=name)
        seen.add(normalise_header(name))
    return CsvTable(encoding, delimiter, columns, tuple(rows))

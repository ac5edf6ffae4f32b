"""Batch assessment of a CSV file: one scenario per row, the contract's "Batch command".

One path for both doors: ``python -m core batch`` (``batch_command``) and the Streamlit batch
page (``core.batch_review``) read a file with ``check_file`` (the whole file parsed, nothing
assessed: whole-file problems and the row limit) and then ``assessed_chunks`` (the rows parsed
again and assessed a chunk at a time); ``write_results`` turns the chunks into the output file.
Memory stays bounded whatever the file size: the bytes are read ``READ_BYTES`` at a time, a
chunk holds at most ``DEFAULT_CHUNK_ROWS`` rows and about ``CHUNK_CHARS`` characters, and
nothing of a chunk is kept once its lines are written. ``assess_csv(data: bytes) -> bytes`` is
the same in memory (for small files and tests).

Input
    UTF-8 text (with or without a byte-order mark), comma-separated, first line a header of
    scenario field names (any subset, any order) plus, optionally, ``case_id`` and ``note``
    (carried through unchanged). A blank cell takes the field's default. Empty lines are skipped.
    Records end at ``\\n``, ``\\r\\n`` or a bare ``\\r``; a quoted cell may hold line breaks, so
    rows are counted as records, never as lines.

Output (UTF-8, no byte-order mark, ``\\n`` line ends, RFC 4180 quoting where needed)
    Every input column as given, in input order, then ``crcl_ml_min_used`` (the CrCl the rules
    used: the shortest decimal form of the number, e.g. ``45`` or ``49.6`` -- a Cockcroft-Gault
    value to 0.1, with more decimals only where 0.1 would cross a threshold (``29.97``, not
    ``30``: ``core.measure_text``); a given CrCl is shown as given; blank when renal function is
    unknown), ``verdict``, ``dose_mg`` (``2``, ``4`` or blank), ``finding_ids`` (``;``-joined,
    sorted) and ``error`` (blank, or the row's validation message -- the very message
    ``parse_scenario`` gives for the same values; such a row has blank outputs). A bad row never
    stops the others. A row with no value in any scenario field (``,,,`` as spreadsheets write
    it, or a line of spaces) is an error row, ``empty row``: never the default patient.

Rule profile
    ``profile`` (``python -m core batch --profile ...``) assesses every row under a label profile
    instead of the article's (default): its verdict, dose (``1``, ``2`` or ``4``) and rule ids.
    Under a profile that doses by eGFR (the US label) ``crcl_ml_min_used`` is blank.

Spreadsheet safety
    A cell copied from the input (and the ``error`` cell) that starts with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return is written with a single quote in front (``'=1+1``), so a
    spreadsheet opening the output shows it as text instead of running it as a formula. The
    validation itself sees the cell as typed (``-5`` is still a bad age).

Whole-file problems raise ``BatchFileError`` with a one-line message: a file that is empty, has a
header but no rows, is not UTF-8 or not CSV, an unknown column (naming the closest field), an
empty or duplicate column name, more rows than a given limit (the page's).

Speed: cells are validated column by column -- each distinct cell text of a column is parsed
once, by the same rules as ``Scenario`` (plain numbers, flags and choices on a fast path, anything
else through ``parse_scenario`` itself) -- and the rules run column-wise (``assess_columns``).
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import math
import re
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, BinaryIO, Protocol

import numpy as np
import numpy.typing as npt

from core.assess import VERDICT_CODES, assess_columns
from core.egfr import egfr_columns
from core.errors import FieldProblem, ScenarioError, closest_name, shown_value
from core.measure_text import shown_measure
from core.profiles import ARTICLE, Profile
from core.renal import crcl_columns
from core.scenario import (
    DEFAULTS,
    FALSE_WORDS,
    FEMALE_ONLY_ALLOWED,
    FEMALE_ONLY_FIELDS,
    FIELD_NAMES,
    TRUE_WORDS,
    Scenario,
    allowed_values,
    parse_scenario,
)

CARRIED_COLUMNS: tuple[str, ...] = ("case_id", "note")
OUTPUT_COLUMNS: tuple[str, ...] = (
    "crcl_ml_min_used",
    "verdict",
    "dose_mg",
    "finding_ids",
    "error",
)
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
EMPTY_ROW = "empty row"
DEFAULT_CHUNK_ROWS = 25_000
CHUNK_CHARS = 1_000_000
"""A chunk also ends after about this many characters of text (rows of long notes)."""
READ_BYTES = 1 << 20
MAX_LINE_CHARS = 16_000_000
"""A longer physical line is refused (the csv module caps a cell at 131 072 characters)."""
SPOOL_BYTES = 8 << 20

Progress = Callable[[int, int], None]


class BatchFileError(ValueError):
    """A problem with the whole file (not one row); the message is one line."""


# ------------------------------------------------------------------------- reading


class _TextLines:
    """The text lines of a binary stream (line ends kept: ``\\n``, ``\\r\\n`` or a bare
    ``\\r``), decoded as UTF-8 ``READ_BYTES`` at a time; a byte-order mark is dropped.

    Whole-file problems found on the way (a spreadsheet or UTF-16 file, NUL bytes, bytes that
    are not UTF-8) raise BatchFileError. ``chars`` counts the characters decoded so far.
    """

    def __init__(self, source: BinaryIO, read_bytes: int = READ_BYTES) -> None:
        self._source = source
        self._read_bytes = max(4, read_bytes)
        self.chars = 0
        self.non_blank = False

    def _first_block(self) -> bytes:
        block = self._source.read(self._read_bytes)
        while 0 < len(block) < 4:  # a pipe may hand over a few bytes at a time
            more = self._source.read(self._read_bytes)
            if not more:
                break
            block += more
        if block.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
            raise BatchFileError(
                "this is a spreadsheet (xlsx/xls) or zip file, not CSV; save it as CSV UTF-8"
            )
        if block.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise BatchFileError("the file is UTF-16 text; save it as CSV UTF-8")
        return block

    def __iter__(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8")()
        block = self._first_block()
        offset = 0  # file position of ``block``
        if block.startswith(codecs.BOM_UTF8):
            block, offset = block[3:], 3
        pending = ""
        while True:
            final = not block
            if b"\x00" in block:
                raise BatchFileError(
                    "not a CSV text file (it contains NUL bytes); save it as CSV UTF-8"
                )
            held = len(decoder.getstate()[0])
            try:
                text = decoder.decode(block, final=final)
            except UnicodeDecodeError as error:
                position = offset - held + error.start
                shown = error.object[error.start : error.start + 1]
                raise BatchFileError(
                    f"not UTF-8 text (byte {position}: {shown!r}); save the file as CSV UTF-8"
                ) from None
            offset += len(block)
            self.chars += len(text)
            lines = io.StringIO(pending + text, newline="").readlines()
            pending = ""
            # The last line may go on in the next block (and a "\r" may be half of "\r\n").
            if lines and not final and not lines[-1].endswith("\n"):
                pending = lines.pop()
                if len(pending) > MAX_LINE_CHARS:
                    raise BatchFileError(
                        f"not a readable CSV file (a line longer than {MAX_LINE_CHARS:,} "
                        "characters)"
                    )
            yield from lines
            if final:
                return
            block = self._source.read(self._read_bytes)


def _blank(cell: str) -> bool:
    return not cell.strip()


class _Records:
    """The non-empty records of a CSV stream (csv.Error -> BatchFileError); ``chars`` counts
    the characters read so far."""

    def __init__(self, source: BinaryIO, read_bytes: int = READ_BYTES) -> None:
        self._lines = _TextLines(source, read_bytes)
        # strict: an unterminated quote is an error, not the rest of the file in one cell
        self._reader = csv.reader(self._lines, strict=True)

    @property
    def chars(self) -> int:
        """Characters decoded so far."""
        return self._lines.chars

    def __iter__(self) -> Iterator[list[str]]:
        reader = self._reader
        try:
            for row in reader:
                if row:
                    yield row
        except csv.Error as error:
            raise BatchFileError(
                f"not a readable CSV file (line {reader.line_num}: {error})"
            ) from None


def _read_header(records: Iterator[list[str]]) -> tuple[str, ...]:
    """The first record, checked; BatchFileError for an empty file or a bad header."""
    header = next(records, None)
    if header is None:
        raise BatchFileError("the file is empty: expected a header line of field names")
    if all(map(_blank, header)) and not any(
        not all(map(_blank, row)) for row in records
    ):  # nothing but spaces in the whole file
        raise BatchFileError("the file is empty: expected a header line of field names")
    check_header(header)
    return tuple(header)


@dataclass(frozen=True)
class BatchFile:
    """A checked input file: its header and how many rows (records) follow it."""

    header: tuple[str, ...]
    rows: int


def too_many_rows(max_rows: int) -> str:
    """The message for a file over the row limit of the page."""
    return (
        f"the file has more than {max_rows:,} rows; this page assesses up to {max_rows:,} rows "
        "at a time: split the file, or use the command line "
        "(python -m core batch IN.csv OUT.csv), which has no limit"
    )


def check_file(
    source: BinaryIO, max_rows: int | None = None, read_bytes: int = READ_BYTES
) -> BatchFile:
    """Read the whole file once without assessing anything: BatchFileError for a whole-file
    problem, or as soon as it has more than ``max_rows`` rows (records, not lines: a quoted cell
    may span lines, and a bare CR ends a record too). Memory stays bounded (one block, one
    record at a time)."""
    records = iter(_Records(source, read_bytes))
    header = _read_header(records)
    count = 0
    for _ in records:
        count += 1
        if max_rows is not None and count > max_rows:
            raise BatchFileError(too_many_rows(max_rows))
    if not count:
        raise BatchFileError("the file has a header but no rows")
    return BatchFile(header, count)


def check_header(header: Sequence[str]) -> None:
    """Every column must be a scenario field, case_id or note, once; else BatchFileError."""
    known = frozenset(FIELD_NAMES) | frozenset(CARRIED_COLUMNS)
    if len(header) == 1 and header[0] not in known:
        for separator, name in ((";", "semicolons"), ("\t", "tabs")):
            if separator in header[0]:
                raise BatchFileError(
                    f"the header {shown_value(header[0])} seems to use {name} as separator; "
                    "the file must be comma-separated"
                )
    seen: dict[str, int] = {}
    for position, name in enumerate(header, start=1):
        if not name.strip():
            raise BatchFileError(f"column {position} of the header has no name")
        if name in seen:
            raise BatchFileError(
                f"duplicate column {shown_value(name)} (columns {seen[name]} and {position})"
            )
        seen[name] = position
        if name not in known:
            suggestion = closest_name(name, FIELD_NAMES + CARRIED_COLUMNS)
            hint = f"did you mean '{suggestion}'?" if suggestion else "not a scenario field"
            raise BatchFileError(
                f"unknown column {shown_value(name)} (column {position}): {hint} "
                "Allowed: the scenario fields, case_id and note"
            )


@dataclass(frozen=True)
class CsvTable:
    """A parsed input file: the header and the data rows, each exactly as wide as the header
    (a row with fewer cells is padded with blanks, one with more is cut), the original width
    of each such ragged row (those rows get an error), and the ragged rows with no text at all
    (those are empty rows)."""

    header: tuple[str, ...]
    rows: list[list[str]]
    ragged: dict[int, int] = field(default_factory=dict)
    blank_ragged: frozenset[int] = frozenset()


def table_from_rows(header: Sequence[str], rows: list[list[str]]) -> CsvTable:
    """A CsvTable from a checked header and rows of cells (ragged rows made header-wide)."""
    width = len(header)
    ragged: dict[int, int] = {}
    blank: set[int] = set()
    for index, row in enumerate(rows):
        if len(row) != width:
            ragged[index] = len(row)
            if all(map(_blank, row)):
                blank.add(index)
            rows[index] = (row + [""] * width)[:width]
    return CsvTable(tuple(header), rows, ragged, frozenset(blank))


def read_csv_bytes(data: bytes) -> CsvTable:
    """Decode and parse a whole batch input file in memory (BatchFileError for a whole-file
    problem). For small files and tests; big files go through ``check_file`` and
    ``assessed_chunks``."""
    records = iter(_Records(io.BytesIO(data)))
    header = _read_header(records)
    rows = list(records)
    if not rows:
        raise BatchFileError("the file has a header but no rows")
    return table_from_rows(header, rows)


def table_chunks(
    source: BinaryIO,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    chunk_chars: int = CHUNK_CHARS,
    read_bytes: int = READ_BYTES,
) -> Iterator[CsvTable]:
    """The file's rows as CsvTables of at most ``chunk_rows`` rows and about ``chunk_chars``
    characters (a chunk ends after the row that passes the count). BatchFileError as in
    ``check_file`` (a file that passed ``check_file`` raises none)."""
    reader = _Records(source, read_bytes)
    records = iter(reader)
    header = _read_header(records)
    step = max(1, chunk_rows)
    rows: list[list[str]] = []
    start_chars = reader.chars
    for row in records:
        rows.append(row)
        if len(rows) >= step or reader.chars - start_chars >= chunk_chars:
            yield table_from_rows(header, rows)
            rows = []
            start_chars = reader.chars
    if rows:
        yield table_from_rows(header, rows)


# ------------------------------------------------------------------ cell validation

_INT_TEXT = re.compile(r"[0-9]{1,4}")
_FLOAT_TEXT = re.compile(r"[0-9]{1,6}(?:\.[0-9]{1,8})?")


@dataclass(frozen=True)
class _FieldKind:
    name: str
    kind: str  # "int", "float", "flag", "choice"
    low: float = 0.0
    high: float = 0.0
    choices: dict[str, str] = field(default_factory=dict)


def _field_kind(name: str) -> _FieldKind:
    info = Scenario.model_fields[name]
    annotation = info.annotation
    if annotation is bool:
        return _FieldKind(name, "flag")
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return _FieldKind(name, "choice", choices={m.value.lower(): m.value for m in annotation})
    bounds = {type(m).__name__: m for m in info.metadata}
    low = float(bounds["Ge"].ge)
    high = float(bounds["Le"].le)
    return _FieldKind(name, "int" if annotation is int else "float", low, high)


_KINDS: dict[str, _FieldKind] = {name: _field_kind(name) for name in FIELD_NAMES}
_BLANK = object()


def parse_cell(name: str, raw: str) -> tuple[Any, str | None]:
    """One cell of field ``name``: (value, None), (_BLANK, None) or (None, error message).

    The value and the message are exactly those of ``parse_scenario({name: raw})``: plain
    numbers, flags and choices are read directly; any other text goes through the model.
    """
    text = raw.strip()
    if not text:
        return _BLANK, None
    kind = _KINDS[name]
    value: Any = None
    if kind.kind == "flag":
        word = text.lower()
        value = True if word in TRUE_WORDS else False if word in FALSE_WORDS else None
    elif kind.kind == "choice":
        value = kind.choices.get(text.lower())
    elif kind.kind == "int" and _INT_TEXT.fullmatch(text):
        value = int(text)
    elif kind.kind == "float" and _FLOAT_TEXT.fullmatch(text):
        value = float(text) + 0.0  # + 0.0 turns -0.0 into 0.0, as the model does
    if value is not None:
        if kind.kind in ("int", "float") and not kind.low <= value <= kind.high:
            return None, FieldProblem(name, raw, allowed_values(name)).message()
        return value, None
    if kind.kind in ("flag", "choice"):  # nothing else is accepted for these
        return None, FieldProblem(name, raw, allowed_values(name)).message()
    try:  # unusual number text ("1e2", "7_0", "+50"): let the model decide
        parsed = getattr(parse_scenario({name: raw}), name)
    except ScenarioError as error:
        return None, str(error)
    return (parsed.value if isinstance(parsed, StrEnum) else parsed), None


@dataclass
class _ParsedColumns:
    """Validated columns of a chunk, ready for assess_columns, plus each row's error."""

    columns: dict[str, Any]
    errors: list[str]


_DTYPES = {"int": np.int64, "float": np.float64, "flag": np.bool_, "choice": object}
BOTH_CREATININE = "blank when creatinine_mg_dl is given (give one of the two)"


def _factorize(cells: Sequence[str]) -> tuple[list[str], npt.NDArray[np.intp]]:
    """The distinct cells in first-seen order, and each cell's index among them."""
    distinct = list(dict.fromkeys(cells))
    position = {text: number for number, text in enumerate(distinct)}
    codes = np.fromiter(map(position.__getitem__, cells), dtype=np.intp, count=len(cells))
    return distinct, codes


def _parse_chunk(
    header: Sequence[str],
    cells_by_column: Sequence[Sequence[str]],
    ragged: dict[int, int],
    blank_ragged: Collection[int] = (),
) -> _ParsedColumns:
    size = len(cells_by_column[0]) if cells_by_column else 0
    # a row with no value in any scenario field is an empty row, never the default patient
    has_value = np.zeros(size, dtype=bool)
    columns: dict[str, Any] = {}
    # field -> (messages of the distinct cells, codes); only fields with a bad cell
    problems: dict[str, tuple[list[str | None], npt.NDArray[np.intp]]] = {}
    bad_rows = np.zeros(size, dtype=bool)
    # creatinine field -> (distinct cells, codes, row has a non-blank cell)
    given: dict[str, tuple[list[str], npt.NDArray[np.intp], npt.NDArray[np.bool_]]] = {}
    flag_cells: dict[str, tuple[list[str], npt.NDArray[np.intp]]] = {}
    for name, cells in zip(header, cells_by_column, strict=True):
        if name not in _KINDS:
            continue
        distinct, codes = _factorize(cells)
        parsed = [parse_cell(name, text) for text in distinct]
        default = DEFAULTS[name]
        fill = math.nan if default is None else default
        values = [fill if value is _BLANK or value is None else value for value, _ in parsed]
        columns[name] = np.asarray(values, dtype=_DTYPES[_KINDS[name].kind])[codes]
        has_value |= np.asarray([value is not _BLANK for value, _ in parsed], dtype=bool)[codes]
        messages = [message for _, message in parsed]
        bad = np.asarray([message is not None for message in messages], dtype=bool)
        if bad.any():
            problems[name] = (messages, codes)
            bad_rows |= bad[codes]
        if name in ("creatinine_mg_dl", "creatinine_umol_l"):
            non_blank = np.asarray([bool(text.strip()) for text in distinct], dtype=bool)
            given[name] = (distinct, codes, non_blank[codes])
        if name in FEMALE_ONLY_FIELDS:
            flag_cells[name] = (distinct, codes)
    for name in FIELD_NAMES:
        if name not in columns:
            default = DEFAULTS[name]
            columns[name] = math.nan if default is None else default
    errors = [""] * size
    # Each bad row's message lists its problems in field order, as the model reports them.
    ordered = [problems[name] for name in FIELD_NAMES if name in problems]
    for row in np.flatnonzero(bad_rows).tolist():
        parts = [messages[codes[row]] for messages, codes in ordered]
        errors[row] = "; ".join(part for part in parts if part is not None)
    if flag_cells:
        _refuse_impossible_for_the_sex(columns, flag_cells, bad_rows, errors)
    if len(given) == 2:
        # The model rejects "both given" before it looks at any field: one message, the
        # value stripped.
        distinct, codes, umol_given = given["creatinine_umol_l"]
        for row in np.flatnonzero(given["creatinine_mg_dl"][2] & umol_given).tolist():
            value = distinct[codes[row]].strip()
            errors[row] = FieldProblem("creatinine_umol_l", value, BOTH_CREATININE).message()
    for row in np.flatnonzero(~has_value).tolist():
        errors[row] = EMPTY_ROW
    width = len(header)
    for row, count in ragged.items():
        errors[row] = (
            EMPTY_ROW
            if row in blank_ragged
            else f"row has {count} cells but the header has {width} columns"
        )
    return _ParsedColumns(columns, errors)


def _refuse_impossible_for_the_sex(
    columns: dict[str, Any],
    flag_cells: dict[str, tuple[list[str], npt.NDArray[np.intp]]],
    bad_rows: npt.NDArray[np.bool_],
    errors: list[str],
) -> None:
    """Rows of a male patient marked pregnant or breastfeeding get the model's message (the
    model checks this only once every field is valid, hence ``bad_rows`` are left alone)."""
    size = len(errors)
    male = np.broadcast_to(np.asarray(columns["sex"]).astype(str) == "male", (size,))
    marked = {
        name: np.broadcast_to(np.asarray(columns[name], dtype=bool), (size,))
        for name in FEMALE_ONLY_FIELDS
    }
    impossible = male & ~bad_rows & np.logical_or.reduce(list(marked.values()))
    for row in np.flatnonzero(impossible).tolist():
        errors[row] = "; ".join(
            FieldProblem(name, cells[codes[row]], FEMALE_ONLY_ALLOWED).message()
            for name, (cells, codes) in flag_cells.items()
            if marked[name][row]
        )


# ------------------------------------------------------------------ assessing, writing


def number_text(value: float) -> str:
    """A CrCl or dose as the shortest decimal text: 45.0 -> '45', 49.6 -> '49.6', NaN -> ''."""
    if math.isnan(value):
        return ""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def calculated_crcl_text(value: float) -> str:
    """A Cockcroft-Gault CrCl as the pages show it (``shown_measure``: to 0.1, more decimals
    only where 0.1 would cross a threshold, e.g. '29.97'); NaN (unknown) -> ''."""
    return "" if math.isnan(value) else shown_measure(value, "crcl")


def neutralise(cell: str) -> str:
    """Prefix a single quote to a cell a spreadsheet would read as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


@dataclass(frozen=True)
class AssessedChunk:
    """Consecutive rows of the file, assessed: ``start`` is the first row's index (0 = the
    first row after the header), ``table`` the rows, and the five output columns as text."""

    start: int
    table: CsvTable
    crcl_ml_min_used: list[str]
    verdict: list[str]
    dose_mg: list[str]
    finding_ids: list[str]
    error: list[str]

    def outputs(self) -> tuple[list[str], ...]:
        """The output columns in file order."""
        return (self.crcl_ml_min_used, self.verdict, self.dose_mg, self.finding_ids, self.error)

    def csv_text(self, picked: Sequence[int] | None = None) -> str:
        """The chunk's lines of the output file (each ending ``\\n``); with ``picked``
        (positions within the chunk), only those rows."""
        rows, outputs = self.table.rows, self.outputs()
        if picked is not None:
            rows = [rows[i] for i in picked]
            outputs = tuple([column[i] for i in picked] for column in outputs)
        return _csv_lines(rows, outputs)


def _csv_lines(rows: Sequence[Sequence[str]], outputs: Sequence[Sequence[str]]) -> str:
    """Output lines (spreadsheet-safe, quoted where needed), each ending ``\\n``."""
    lines = csv_line_list(rows, outputs)
    return "\n".join(lines) + "\n" if lines else ""


def csv_line_list(rows: Sequence[Sequence[str]], outputs: Sequence[Sequence[str]]) -> list[str]:
    """The output lines of rows and their output columns, without line ends (a line may hold
    a quoted line break)."""
    if not rows:
        return []
    columns: list[Sequence[str]] = [_neutralised(list(cells)) for cells in zip(*rows, strict=True)]
    columns += outputs[:-1]
    columns.append(_neutralised(list(outputs[-1])))
    quoted = [_quoted(column) for column in columns]
    return list(map(",".join, zip(*quoted, strict=True)))


def header_line(header: Sequence[str]) -> str:
    """The output file's first line: the input columns then the output columns."""
    return ",".join(_quoted([*header, *OUTPUT_COLUMNS])) + "\n"


def _neutralised(cells: list[str]) -> list[str]:
    risky = [text for text in dict.fromkeys(cells) if text.startswith(FORMULA_STARTS)]
    if not risky:
        return cells
    safe = {text: "'" + text for text in risky}
    return [safe.get(text, text) for text in cells]


_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def _quoted(cells: Sequence[str]) -> Sequence[str]:
    """Cells as CSV fields: quoted (with doubled quotes) when they hold , " CR or LF."""
    needing = [text for text in dict.fromkeys(cells) if _NEEDS_QUOTES.search(text)]
    if not needing:
        return cells
    quoted = {text: '"' + text.replace('"', '""') + '"' for text in needing}
    return [quoted.get(text, text) for text in cells]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building millions of small strings and tuples
    otherwise triggers it again and again (it found nothing to free; a third of the time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def assess_table_chunk(
    table: CsvTable, start: int = 0, profile: Profile = ARTICLE
) -> AssessedChunk:
    """Assess the rows of one CsvTable (a chunk or a whole small file)."""
    outputs = assess_rows(table.header, table.rows, table.ragged, profile, table.blank_ragged)
    return AssessedChunk(start, table, *outputs)


def assessed_chunks(
    source: BinaryIO,
    profile: Profile = ARTICLE,
    progress: Progress | None = None,
    total: int = 0,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    chunk_chars: int = CHUNK_CHARS,
    read_bytes: int = READ_BYTES,
) -> Iterator[AssessedChunk]:
    """Assess a file chunk by chunk (read it with ``check_file`` first: that pass finds every
    whole-file problem before anything is assessed). ``progress(done, total)`` is called after
    each chunk, ``total`` being ``check_file``'s row count."""
    done = 0
    for table in table_chunks(source, chunk_rows, chunk_chars, read_bytes):
        with _gc_paused():
            chunk = assess_table_chunk(table, done, profile)
        done += len(table.rows)
        if progress is not None:
            progress(done, max(total, done))
        yield chunk


class _Writable(Protocol):
    def write(self, data: bytes, /) -> Any: ...


@dataclass(frozen=True)
class BatchTally:
    """What a batch run wrote: how many rows, and how many of them with an error."""

    rows: int
    errors: int


def write_results(
    source: BinaryIO,
    target: _Writable,
    profile: Profile = ARTICLE,
    picked: Collection[int] | None = None,
    progress: Progress | None = None,
    total: int = 0,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    read_bytes: int = READ_BYTES,
) -> BatchTally:
    """Write the output file for ``source`` to ``target`` chunk by chunk (UTF-8 bytes); with
    ``picked`` (row indices, 0 = first row), only those rows. Returns the rows written and how
    many have an error. Check the file with ``check_file`` first."""
    wanted = None if picked is None else frozenset(picked)
    rows = errors = 0
    header_written = False
    for chunk in assessed_chunks(
        source, profile, progress, total, chunk_rows, read_bytes=read_bytes
    ):
        if not header_written:
            target.write(header_line(chunk.table.header).encode("utf-8"))
            header_written = True
        positions: list[int] | None = None
        if wanted is not None:
            end = chunk.start + len(chunk.table.rows)
            positions = [i - chunk.start for i in sorted(wanted) if chunk.start <= i < end]
            if not positions:
                continue
        with _gc_paused():
            text = chunk.csv_text(positions)
        target.write(text.encode("utf-8"))
        shown = chunk.error if positions is None else [chunk.error[i] for i in positions]
        rows += len(shown)
        errors += sum(1 for message in shown if message)
    return BatchTally(rows, errors)


def rewindable(stream: BinaryIO) -> BinaryIO:
    """``stream`` if it can seek (a file), else its bytes copied to a temporary file (stdin):
    the batch reads its input twice, and a pipe cannot be rewound."""
    if stream.seekable():
        return stream
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (returned)
    shutil.copyfileobj(stream, spool, READ_BYTES)
    spool.seek(0)
    return spool  # type: ignore[return-value]


def batch_command(
    source: BinaryIO, open_target: Callable[[], _Writable], profile: Profile = ARTICLE
) -> BatchTally:
    """``python -m core batch``: check the whole file (BatchFileError: nothing written, the
    target not even opened), then assess it and write the results chunk by chunk to the
    target ``open_target()`` gives. Memory stays bounded whatever the file size."""
    source = rewindable(source)
    start = source.tell()
    check_file(source)
    source.seek(start)
    return write_results(source, open_target(), profile)


_DOSE_TEXT = {1.0: "1", 2.0: "2", 4.0: "4"}


def assess_rows(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    ragged: dict[int, int] | None = None,
    profile: Profile = ARTICLE,
    blank_ragged: Collection[int] = (),
) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """Assess rows of cells (each as wide as ``header``, already checked with
    ``check_header``); ``ragged`` maps row index -> original cell count of rows that were not,
    ``blank_ragged`` holds those of them that had no text at all (empty rows).

    Returns the output columns as text: crcl_ml_min_used, verdict, dose_mg, finding_ids, error.
    """
    size = len(rows)
    if size == 0:
        return [], [], [], [], []
    cells_by_column = list(zip(*rows, strict=True))
    parsed = _parse_chunk(header, cells_by_column, ragged or {}, blank_ragged)
    columns = dict(parsed.columns)
    columns["crcl"] = crcl_columns(columns, size)
    if profile.renal_measure == "egfr":
        columns["egfr"] = egfr_columns(columns, size)
    result = assess_columns(columns, size, profile)
    crcl_text = _texts(result.crcl_ml_min_used, number_text)  # a given CrCl: as given
    calculated = np.flatnonzero(np.isnan(np.broadcast_to(columns["crcl_ml_min"], (size,))))
    if len(calculated):
        crcl_text[calculated] = _texts(result.crcl_ml_min_used[calculated], calculated_crcl_text)
    dose_text = _texts(result.dose_mg, lambda value: _DOSE_TEXT.get(value, ""))
    verdicts = np.array([v.value for v in VERDICT_CODES], dtype=object)[result.verdict_code]
    finding_ids = _finding_ids(result.fired, size)
    errors = parsed.errors
    outputs = [crcl_text, verdicts, dose_text, finding_ids]
    bad = np.flatnonzero(np.asarray([bool(message) for message in errors], dtype=bool))
    for column in outputs:
        column[bad] = ""
    crcl_list, verdict_list, dose_list, ids_list = (column.tolist() for column in outputs)
    return crcl_list, verdict_list, dose_list, ids_list, errors


def _texts(values: npt.NDArray[np.float64], show: Callable[[float], str]) -> npt.NDArray[Any]:
    distinct, inverse = np.unique(values, return_inverse=True)
    shown = np.array([show(value) for value in distinct.tolist()], dtype=object)
    return np.asarray(shown[inverse.reshape(-1)], dtype=object)


def _finding_ids(fired: dict[str, npt.NDArray[np.bool_]], size: int) -> npt.NDArray[Any]:
    """The ``;``-joined sorted rule ids of each row, built once per distinct combination."""
    ids = sorted(fired)
    matrix = np.empty((size, len(ids)), dtype=bool)
    for position, rule_id in enumerate(ids):
        matrix[:, position] = fired[rule_id]
    packed = np.ascontiguousarray(np.packbits(matrix, axis=1))
    keys = packed.view(np.dtype((np.void, packed.shape[1]))).reshape(-1)
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    joined = np.array(
        [";".join(i for i, hit in zip(ids, matrix[row], strict=True) if hit) for row in first],
        dtype=object,
    )
    return np.asarray(joined[inverse.reshape(-1)], dtype=object)


# ------------------------------------------------------------------ in memory


@dataclass(frozen=True)
class BatchResult:
    """A whole assessed file in memory: input header and rows, and the five output columns
    (as text). For small files and tests; big files stream through ``write_results``."""

    header: tuple[str, ...]
    rows: list[list[str]]
    crcl_ml_min_used: list[str]
    verdict: list[str]
    dose_mg: list[str]
    finding_ids: list[str]
    error: list[str]

    @property
    def error_count(self) -> int:
        """How many rows have an error."""
        return sum(1 for message in self.error if message)

    def verdict_counts(self) -> dict[str, int]:
        """How many rows got each verdict (rows with an error are not counted)."""
        counts = {verdict.value: 0 for verdict in VERDICT_CODES}
        for verdict in self.verdict:
            if verdict:
                counts[verdict] += 1
        return counts


def assess_table(
    table: CsvTable,
    progress: Progress | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    profile: Profile = ARTICLE,
) -> BatchResult:
    """Assess every row of a parsed file, ``chunk_rows`` at a time; ``progress(done, total)``
    is called after each chunk."""
    total = len(table.rows)
    step = max(1, chunk_rows)
    outputs: tuple[list[str], ...] = ([], [], [], [], [])
    for start in range(0, total, step):
        end = start + step
        part = CsvTable(
            table.header,
            table.rows[start:end],
            {row - start: n for row, n in table.ragged.items() if start <= row < end},
            frozenset(row - start for row in table.blank_ragged if start <= row < end),
        )
        with _gc_paused():
            chunk = assess_table_chunk(part, start, profile)
        for target, produced in zip(outputs, chunk.outputs(), strict=True):
            target.extend(produced)
        if progress is not None:
            progress(min(end, total), total)
    return BatchResult(table.header, table.rows, *outputs)


def run_batch(
    data: bytes,
    progress: Progress | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    profile: Profile = ARTICLE,
) -> BatchResult:
    """Read, check and assess a whole batch file in memory (BatchFileError for a whole-file
    problem)."""
    with _gc_paused():
        table = read_csv_bytes(data)
    return assess_table(table, progress, chunk_rows, profile)


def assess_csv(
    data: bytes,
    progress: Progress | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    profile: Profile = ARTICLE,
    max_rows: int | None = None,
) -> bytes:
    """The batch command on bytes: input file in, output file out, through the streaming
    path (``check_file`` then ``write_results``)."""
    file = check_file(io.BytesIO(data), max_rows)
    out = io.BytesIO()
    write_results(io.BytesIO(data), out, profile, None, progress, file.rows, chunk_rows)
    return out.getvalue()

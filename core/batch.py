"""Batch assessment of a CSV file: one scenario per row, the contract's "Batch command".

``assess_csv(data: bytes) -> bytes`` is the whole command; ``python -m core batch`` and the
Streamlit batch page both call it, so they produce byte-identical files.

Input
    UTF-8 text (with or without a byte-order mark), comma-separated, first line a header of
    scenario field names (any subset, any order) plus, optionally, ``case_id`` and ``note``
    (carried through unchanged). A blank cell takes the field's default. Blank lines are skipped.

Output (UTF-8, no byte-order mark, ``\\n`` line ends, RFC 4180 quoting where needed)
    Every input column as given, in input order, then ``crcl_ml_min_used`` (the CrCl the rules
    used: the shortest decimal form of the number, e.g. ``45`` or ``49.6`` -- a Cockcroft-Gault
    value has at most one decimal; a given CrCl is shown as given; blank when renal function is
    unknown), ``verdict``, ``dose_mg`` (``2``, ``4`` or blank), ``finding_ids`` (``;``-joined,
    sorted) and ``error`` (blank, or the row's validation message -- the very message
    ``parse_scenario`` gives for the same values; such a row has blank outputs). A bad row never
    stops the others.

Spreadsheet safety
    A cell copied from the input (and the ``error`` cell) that starts with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return is written with a single quote in front (``'=1+1``), so a
    spreadsheet opening the output shows it as text instead of running it as a formula. The
    validation itself sees the cell as typed (``-5`` is still a bad age).

Whole-file problems raise ``BatchFileError`` with a one-line message: a file that is empty, has a
header but no rows, is not UTF-8 or not CSV, an unknown column (naming the closest field), an
empty or duplicate column name.

Speed: cells are validated column by column -- each distinct cell text of a column is parsed
once, by the same rules as ``Scenario`` (plain numbers, flags and choices on a fast path, anything
else through ``parse_scenario`` itself) -- and the rules run column-wise (``assess_columns``).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from core.assess import VERDICT_CODES, assess_columns
from core.errors import FieldProblem, ScenarioError, closest_name, shown_value
from core.renal import FEMALE_FACTOR, UMOL_L_PER_MG_DL
from core.scenario import (
    DEFAULTS,
    FALSE_WORDS,
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
DEFAULT_CHUNK_ROWS = 25_000

Progress = Callable[[int, int], None]


class BatchFileError(ValueError):
    """A problem with the whole file (not one row); the message is one line."""


# ------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class CsvTable:
    """A parsed input file: the header and the data rows (cells as text)."""

    header: tuple[str, ...]
    rows: list[list[str]]


def read_csv_bytes(data: bytes) -> CsvTable:
    """Decode and parse a batch input file; raise BatchFileError for a whole-file problem."""
    if not data.strip():
        raise BatchFileError("the file is empty: expected a header line of field names")
    if b"\x00" in data:
        raise BatchFileError("not a CSV text file (it contains NUL bytes); save it as CSV UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BatchFileError(
            f"not UTF-8 text (byte {error.start}: {data[error.start : error.start + 1]!r}); "
            "save the file as CSV UTF-8"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header: list[str] = []
        for line in reader:
            if line:
                header = line
                break
        rows = [row for row in reader if row]
    except csv.Error as error:
        raise BatchFileError(f"not a readable CSV file (line {reader.line_num}: {error})") from None
    check_header(header)
    if not rows:
        raise BatchFileError("the file has a header but no rows")
    return CsvTable(tuple(header), rows)


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
        value = float(text)
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


def _parse_chunk(header: Sequence[str], rows: Sequence[Sequence[str]]) -> _ParsedColumns:
    size = len(rows)
    width = len(header)
    per_field: dict[str, list[str | None]] = {}
    columns: dict[str, Any] = {}
    for index, name in enumerate(header):
        if name not in _KINDS:
            continue
        cells = [row[index] if index < len(row) else "" for row in rows]
        parsed = {text: parse_cell(name, text) for text in dict.fromkeys(cells)}
        default = DEFAULTS[name]
        fill = math.nan if default is None else default
        values = [parsed[text][0] for text in cells]
        messages = [parsed[text][1] for text in cells]
        blank_or_bad = [v is _BLANK or v is None for v in values]
        values = [fill if bad else v for v, bad in zip(values, blank_or_bad, strict=True)]
        columns[name] = np.asarray(values, dtype=_DTYPES[_KINDS[name].kind])
        if any(m is not None for m in messages):
            per_field[name] = messages
    for name in FIELD_NAMES:
        if name not in columns:
            default = DEFAULTS[name]
            columns[name] = math.nan if default is None else default
    # Assemble each row's message in field order, as the model reports them.
    ordered = [per_field[name] for name in FIELD_NAMES if name in per_field]
    errors = [""] * size
    if ordered:
        for row_index, found in enumerate(zip(*ordered, strict=True)):
            parts = [m for m in found if m is not None]
            if parts:
                errors[row_index] = "; ".join(parts)
    if "creatinine_mg_dl" in header and "creatinine_umol_l" in header:
        # The model rejects "both given" before it looks at any field: one message, the value
        # stripped.
        umol_index = header.index("creatinine_umol_l")
        both = _non_blank(rows, header.index("creatinine_mg_dl")) & _non_blank(rows, umol_index)
        for row_index in np.flatnonzero(both).tolist():
            errors[row_index] = FieldProblem(
                "creatinine_umol_l",
                rows[row_index][umol_index].strip(),
                "blank when creatinine_mg_dl is given (give one of the two)",
            ).message()
    for row_index, row in enumerate(rows):
        if len(row) != width:
            errors[row_index] = f"row has {len(row)} cells but the header has {width} columns"
    return _ParsedColumns(columns, errors)


_DTYPES = {"int": np.int64, "float": np.float64, "flag": np.bool_, "choice": object}


def _non_blank(rows: Sequence[Sequence[str]], index: int) -> npt.NDArray[np.bool_]:
    return np.asarray(
        [bool(row[index].strip()) if index < len(row) else False for row in rows], dtype=bool
    )


# ------------------------------------------------------------------ renal, column-wise


def crcl_columns(columns: dict[str, Any], size: int) -> npt.NDArray[np.float64]:
    """The CrCl the rules use, column-wise; equal to ``core.renal.renal_function``.

    Given CrCl wins; else Cockcroft-Gault from mg/dL or µmol/L, rounded to 0.1 like Python's
    ``round`` (numpy's rounding differs at exact halves, so those few are redone in Python).
    """

    def column(name: str) -> npt.NDArray[np.float64]:
        return np.broadcast_to(np.asarray(columns[name], dtype=np.float64), (size,))

    given = column("crcl_ml_min")
    mg_dl = column("creatinine_mg_dl")
    mg_dl = np.where(np.isnan(mg_dl), column("creatinine_umol_l") / UMOL_L_PER_MG_DL, mg_dl)
    age = column("age_years")
    weight = column("weight_kg")
    female = np.broadcast_to(np.asarray(columns["sex"]).astype(str) == "female", (size,))
    with np.errstate(invalid="ignore", divide="ignore"):
        raw = (140 - age) * weight / (72 * mg_dl)
        raw = np.where(female, raw * FEMALE_FACTOR, raw)
        rounded = np.round(raw, 1)
        tenths = raw * 10
        near_half = np.abs(tenths - np.floor(tenths) - 0.5) < 1e-6
    for index in np.flatnonzero(near_half):
        rounded[index] = round(float(raw[index]), 1)
    return np.where(np.isnan(given), rounded, given)


# ------------------------------------------------------------------ assessing, writing


def number_text(value: float) -> str:
    """A CrCl or dose as the shortest decimal text: 45.0 -> '45', 49.6 -> '49.6', NaN -> ''."""
    if math.isnan(value):
        return ""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def neutralise(cell: str) -> str:
    """Prefix a single quote to a cell a spreadsheet would read as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


@dataclass(frozen=True)
class BatchResult:
    """The assessed file: input header and rows, and the five output columns (as text)."""

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

    def output_header(self) -> list[str]:
        """The output file's header: the input columns then the output columns."""
        return [*self.header, *OUTPUT_COLUMNS]

    def output_rows(self) -> list[list[str]]:
        """The output file's rows (spreadsheet-safe), without the header."""
        width = len(self.header)
        out: list[list[str]] = []
        for index, row in enumerate(self.rows):
            cells = row[:width] if len(row) >= width else [*row, *([""] * (width - len(row)))]
            cells = [neutralise(cell) for cell in cells]
            cells += [
                self.crcl_ml_min_used[index],
                self.verdict[index],
                self.dose_mg[index],
                self.finding_ids[index],
                neutralise(self.error[index]),
            ]
            out.append(cells)
        return out

    def to_csv_bytes(self) -> bytes:
        """The output file as UTF-8 bytes."""
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.output_header())
        writer.writerows(self.output_rows())
        return buffer.getvalue().encode("utf-8")


def assess_table(
    table: CsvTable, progress: Progress | None = None, chunk_rows: int = DEFAULT_CHUNK_ROWS
) -> BatchResult:
    """Assess every row of a parsed file, ``chunk_rows`` at a time; ``progress(done, total)``
    is called after each chunk (for a progress bar on big files)."""
    total = len(table.rows)
    outputs: tuple[list[str], ...] = ([], [], [], [], [])
    for start in range(0, total, max(1, chunk_rows)):
        chunk = table.rows[start : start + chunk_rows]
        for target, produced in zip(outputs, assess_rows(table.header, chunk), strict=True):
            target.extend(produced)
        if progress is not None:
            progress(start + len(chunk), total)
    return BatchResult(table.header, table.rows, *outputs)


def assess_rows(
    header: Sequence[str], rows: Sequence[Sequence[str]]
) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """Assess rows of cells under ``header`` (already checked with ``check_header``).

    Returns the output columns as text: crcl_ml_min_used, verdict, dose_mg, finding_ids, error.
    """
    size = len(rows)
    if size == 0:
        return [], [], [], [], []
    parsed = _parse_chunk(header, rows)
    columns = dict(parsed.columns)
    columns["crcl"] = crcl_columns(columns, size)
    result = assess_columns(columns, size)
    crcl_cache: dict[float, str] = {}
    crcl_text = []
    for value in result.crcl_ml_min_used.tolist():
        text = crcl_cache.get(value)
        if text is None:
            text = crcl_cache[value] = number_text(value)
        crcl_text.append(text)
    dose_text = ["" if math.isnan(v) else str(int(v)) for v in result.dose_mg.tolist()]
    verdicts = result.verdicts()
    finding_ids = result.finding_ids()
    errors = parsed.errors
    for index, message in enumerate(errors):
        if message:
            crcl_text[index] = verdicts[index] = dose_text[index] = finding_ids[index] = ""
    return crcl_text, verdicts, dose_text, finding_ids, errors


def run_batch(
    data: bytes, progress: Progress | None = None, chunk_rows: int = DEFAULT_CHUNK_ROWS
) -> BatchResult:
    """Read, check and assess a batch file (BatchFileError for a whole-file problem)."""
    return assess_table(read_csv_bytes(data), progress, chunk_rows)


def assess_csv(
    data: bytes, progress: Progress | None = None, chunk_rows: int = DEFAULT_CHUNK_ROWS
) -> bytes:
    """The batch command: input file bytes in, output file bytes out."""
    return run_batch(data, progress, chunk_rows).to_csv_bytes()

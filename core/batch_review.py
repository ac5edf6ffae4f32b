"""Batch review of an uploaded file: the batch command's path kept compact for a page.

``review_batch(data)`` reads the file with ``core.batch.check_file`` (whole-file problems and
the row limit, before anything is assessed) and assesses it with ``core.batch.assessed_chunks``
-- the very functions ``python -m core batch`` runs -- keeping, per row, only what a reviewer
looks at: row number, case_id and note, verdict, dose, CrCl used, finding ids and error, in a
compact table (categories for the repeated texts, Arrow strings for the rest), and the output
file's lines as the command writes them, compressed a chunk at a time (``result_csv`` returns
them, all or some rows, without assessing again). The input cells are not kept: the uploaded
bytes are, by the uploader, so one row's cells (``row_cells``) and the input columns
(``input_columns``) are read from them again when asked for. Peak memory for a file at the
page's limits is measured by ``bench/batch_page_bench.py``.

Pure: no streamlit, no plotly.
"""

from __future__ import annotations

import io
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

import numpy as np
import numpy.typing as npt
import pandas as pd

from core.assess import VERDICT_CODES, Assessment, assess
from core.batch import (
    DEFAULT_CHUNK_ROWS,
    Progress,
    assessed_chunks,
    check_file,
    csv_line_list,
    header_line,
    table_chunks,
)
from core.exports import assessment_json, export_filename, handout_markdown
from core.monitoring import MonitoringPlan, monitoring_plan
from core.profiles import ARTICLE, Profile
from core.scenario import FIELD_NAMES, Scenario, parse_scenario
from core.screening import ScreeningItem, screening_checklist

MAX_ROWS = 200_000
"""The page assesses up to this many rows per file (the command line has no limit)."""
TABLE_COLUMNS = (
    "row",
    "case_id",
    "note",
    "verdict",
    "dose_mg",
    "crcl_used",
    "finding_ids",
    "error",
)


@dataclass(frozen=True)
class BatchCounts:
    """How a batch's rows came out: verdict code -> rows, dose text -> rows (assessed rows),
    finding id -> rows, and the rows with an error."""

    rows: int
    errors: int
    verdicts: dict[str, int]
    doses: dict[str, int]
    findings: dict[str, int]

    @property
    def assessed(self) -> int:
        """Rows without an error."""
        return self.rows - self.errors


@dataclass(frozen=True)
class ResultBlock:
    """Consecutive lines of the output file: from row ``start`` (0-based), zlib-compressed
    UTF-8, and where each row's line ends in the text (characters, line end included)."""

    start: int
    compressed: bytes
    ends: npt.NDArray[np.int64]

    @classmethod
    def of(cls, start: int, lines: Sequence[str]) -> ResultBlock:
        """The block of ``lines`` (without their line ends) from row ``start``."""
        text = "\n".join(lines) + "\n"
        ends = np.cumsum(np.fromiter(map(len, lines), dtype=np.int64, count=len(lines)) + 1)
        return cls(start, zlib.compress(text.encode("utf-8"), 1), ends)

    def text(self, picked: Sequence[int] | None = None) -> str:
        """The block's lines; with ``picked`` (positions in the block, ascending), only those."""
        text = zlib.decompress(self.compressed).decode("utf-8")
        if picked is None:
            return text
        starts = np.concatenate(([0], self.ends[:-1]))
        return "".join(text[starts[i] : self.ends[i]] for i in picked)


@dataclass(frozen=True)
class BatchReview:
    """One assessed file, compact: its header, the table (``TABLE_COLUMNS``; case_id and note
    only when the file has them; verdict, dose_mg and finding_ids as the command writes them,
    blank for an error row), the counts, and the output file's lines in compressed blocks."""

    header: tuple[str, ...]
    table: pd.DataFrame
    counts: BatchCounts
    blocks: tuple[ResultBlock, ...] = ()


class _Codes:
    """A column of repeated texts as category codes, chunk after chunk."""

    def __init__(self, categories: Sequence[str] = ()) -> None:
        self.index: dict[str, int] = {text: code for code, text in enumerate(categories)}
        self.parts: list[npt.NDArray[np.int32]] = []

    def add(self, texts: Sequence[str]) -> None:
        index = self.index
        self.parts.append(
            np.fromiter(
                (index.setdefault(text, len(index)) for text in texts),
                dtype=np.int32,
                count=len(texts),
            )
        )

    def column(self) -> pd.Categorical[str]:
        codes = np.concatenate(self.parts) if self.parts else np.empty(0, dtype=np.int32)
        return pd.Categorical.from_codes(codes, categories=pd.Index(list(self.index)))


def review_batch(
    data: bytes,
    progress: Progress | None = None,
    max_rows: int | None = MAX_ROWS,
    profile: Profile = ARTICLE,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
) -> BatchReview:
    """Check and assess an uploaded file through the batch command's path.

    Raises ``BatchFileError`` (one line) for a whole-file problem or more than ``max_rows``
    rows -- found before any row is assessed; a bad row is a row with an error.
    """
    checked = check_file(io.BytesIO(data), max_rows)
    header = checked.header
    carried = [name for name in ("case_id", "note") if name in header]
    carried_parts: dict[str, list[pd.Series]] = {name: [] for name in carried}
    verdicts = _Codes([verdict.value for verdict in VERDICT_CODES])
    doses = _Codes(["4", "2", "1", ""])
    findings = _Codes()
    crcl: list[npt.NDArray[np.float64]] = []
    errors: list[pd.Series] = []
    blocks: list[ResultBlock] = []
    chunks = assessed_chunks(io.BytesIO(data), profile, progress, checked.rows, chunk_rows)
    for chunk in chunks:
        blocks.append(ResultBlock.of(chunk.start, csv_line_list(chunk.table.rows, chunk.outputs())))
        for name in carried:
            position = header.index(name)
            cells = [row[position] for row in chunk.table.rows]
            carried_parts[name].append(pd.Series(cells, dtype="str"))
        verdicts.add(chunk.verdict)
        doses.add(chunk.dose_mg)
        findings.add(chunk.finding_ids)
        crcl.append(pd.to_numeric(pd.Series(chunk.crcl_ml_min_used), errors="coerce").to_numpy())
        errors.append(pd.Series(chunk.error, dtype="str"))
    columns: dict[str, object] = {"row": np.arange(1, checked.rows + 1, dtype=np.int32)}
    for name in carried:
        columns[name] = _joined(carried_parts[name])
    columns |= {
        "verdict": verdicts.column(),
        "dose_mg": doses.column(),
        "crcl_used": np.concatenate(crcl),
        "finding_ids": findings.column(),
        "error": _joined(errors),
    }
    table = pd.DataFrame(columns)
    return BatchReview(header, table, count_table(table), tuple(blocks))


def _joined(parts: list[pd.Series]) -> pd.Series:
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def count_table(table: pd.DataFrame) -> BatchCounts:
    """Count a review table by verdict, dose and finding (rows with an error apart)."""
    assessed = table[table["error"] == ""]
    verdicts = {verdict.value: 0 for verdict in VERDICT_CODES}
    verdicts |= {str(code): int(n) for code, n in assessed["verdict"].value_counts().items() if n}
    doses = {str(text): int(n) for text, n in assessed["dose_mg"].value_counts().items() if n}
    findings: Counter[str] = Counter()
    for ids, n in assessed["finding_ids"].value_counts().items():
        for finding_id in str(ids).split(";") if ids else ():
            findings[finding_id] += int(n)
    return BatchCounts(
        rows=len(table),
        errors=len(table) - len(assessed),
        verdicts=verdicts,
        doses=doses,
        findings=dict(sorted(findings.items())),
    )


def result_csv(review: BatchReview, indices: Sequence[int] | None = None) -> bytes:
    """The result file, exactly as ``python -m core batch`` writes it (the lines its writer
    made while the file was assessed); with ``indices`` (0 = first row), only those rows, in
    file order."""
    parts = [header_line(review.header)]
    if indices is None:
        parts += [block.text() for block in review.blocks]
    else:
        wanted = np.unique(np.asarray(list(indices), dtype=np.int64))
        for block in review.blocks:
            end = block.start + len(block.ends)
            inside = wanted[(wanted >= block.start) & (wanted < end)]
            if len(inside):
                parts.append(block.text((inside - block.start).tolist()))
    return "".join(parts).encode("utf-8")


def row_cells(data: bytes, index: int) -> dict[str, str]:
    """Row ``index`` (0-based) of a checked file: column -> cell as typed (header-wide)."""
    seen = 0
    for table in table_chunks(io.BytesIO(data), chunk_rows=4096):
        if index < seen + len(table.rows):
            return dict(zip(table.header, table.rows[index - seen], strict=True))
        seen += len(table.rows)
    raise IndexError(f"the file has no row {index + 1}")


def input_columns(data: bytes) -> pd.DataFrame:
    """The input columns that are scenario fields, as given (one row per table row)."""
    parts: dict[str, list[pd.Series]] = {}
    for table in table_chunks(io.BytesIO(data)):
        for position, name in enumerate(table.header):
            if name in FIELD_NAMES:
                cells = [row[position] for row in table.rows]
                parts.setdefault(name, []).append(pd.Series(cells, dtype="str"))
    return pd.DataFrame({name: _joined(series) for name, series in parts.items()})


@dataclass(frozen=True)
class RowExports:
    """One assessed row: its scenario's assessment, plan, checklist, and the two exports."""

    index: int
    case_id: str
    note: str
    assessment: Assessment
    plan: MonitoringPlan
    checklist: tuple[ScreeningItem, ...]

    def handout(self) -> str:
        """The printable Markdown handout (case_id and note escaped by the export)."""
        return handout_markdown(
            self.assessment, self.plan, self.checklist, case_id=self.case_id, note=self.note
        )

    def json(self) -> str:
        """The assessment as JSON, as ``python -m core assess`` prints it."""
        return assessment_json(self.assessment)

    def file_name(self, kind: str) -> str:
        """The download name of one export (the case id, slugged, in it)."""
        return export_filename(kind, self.assessment, self.case_id)


def row_scenario(cells: dict[str, str]) -> Scenario:
    """The scenario of a row from its cells as typed (ScenarioError if bad)."""
    return parse_scenario({name: value for name, value in cells.items() if name in FIELD_NAMES})


def row_exports(
    cells: dict[str, str], index: int, error: str = "", profile: Profile = ARTICLE
) -> RowExports:
    """Assess one row (its cells, 0-based ``index``) on its own, under ``profile``, for its
    exports; ValueError with the batch's message for an error row."""
    if error:
        raise ValueError(error)
    scenario = row_scenario(cells)
    assessment = assess(scenario, profile)
    return RowExports(
        index=index,
        case_id=cells.get("case_id", ""),
        note=cells.get("note", ""),
        assessment=assessment,
        plan=monitoring_plan(assessment),
        checklist=tuple(screening_checklist(scenario)),
    )


@dataclass(frozen=True)
class RowFilter:
    """What the table shows: verdict labels, dose labels, finding ids (rows with any of them),
    text in case_id or note (case-insensitive), and whether error rows come first."""

    verdicts: tuple[str, ...] = ()
    doses: tuple[str, ...] = ()
    findings: tuple[str, ...] = ()
    text: str = ""
    errors_first: bool = True


def filter_rows(frame: pd.DataFrame, chosen: RowFilter) -> pd.DataFrame:
    """The rows of a results table (columns verdict, dose, finding_ids, error, and case_id or
    note when present) that pass every filter (an empty filter passes all), errors first if
    asked."""
    keep = np.ones(len(frame), dtype=bool)
    if chosen.verdicts:
        keep &= frame["verdict"].isin(chosen.verdicts).to_numpy()
    if chosen.doses:
        keep &= frame["dose"].isin(chosen.doses).to_numpy()
    if chosen.findings:
        pattern = "(?:^|;)(?:" + "|".join(map(re.escape, chosen.findings)) + ")(?:;|$)"
        keep &= frame["finding_ids"].astype("str").str.contains(pattern, regex=True).to_numpy()
    needle = chosen.text.strip()
    if needle:
        found = np.zeros(len(frame), dtype=bool)
        for name in ("case_id", "note"):
            if name in frame:
                column = frame[name].str.contains(needle, case=False, regex=False)
                found |= column.to_numpy(dtype=bool)
        keep &= found
    shown = frame if keep.all() else frame[keep]
    if chosen.errors_first:
        order = np.argsort(shown["error"].to_numpy() == "", kind="stable")
        if (np.diff(order) < 0).any():
            shown = shown.iloc[order]
    return shown


def file_size(size: int) -> str:
    """A byte count in words: '812 bytes', '2.5 kB', '6.1 MB'."""
    if size < 1_000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def result_file_name(upload_name: str) -> str:
    """``cases.csv`` -> ``cases-assessed.csv`` (the stem reduced to safe characters)."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", PurePath(upload_name).stem).strip("-.")[:60]
    return f"{stem or 'batch'}-assessed.csv"


__all__ = [
    "MAX_ROWS",
    "BatchCounts",
    "BatchReview",
    "ResultBlock",
    "RowExports",
    "RowFilter",
    "count_table",
    "file_size",
    "filter_rows",
    "input_columns",
    "result_csv",
    "result_file_name",
    "review_batch",
    "row_cells",
    "row_exports",
    "row_scenario",
]

"""The batch page's pieces: load a file through the core's batch path, count, tabulate, filter,
and export one row.

Loading goes through ``core.batch.run_batch`` -- the very function ``python -m core batch``
calls -- and the result CSV is its ``to_csv_bytes()``, so the page's download is byte for byte
the command's output. A whole-file problem is a ``BatchFileError`` (one line, shown with
``st.error``); a bad row is a row with its message in ``error``.

Nothing from the uploaded file is rendered as Markdown or HTML: cells only reach the screen
inside ``st.dataframe`` (a canvas grid) or ``st.text``; the file name and the messages (which
quote cell values) go through ``escape_markdown`` first.

Speed (100 000 rows): the table is one pandas frame built once per file and kept in the
session; filters are vectorised. Error rows are marked by a column (and sorted first), not by
pandas Styler: styling costs 0.1-0.3 ms a cell here (bench/batch_page_bench.py; 100 000 rows
would take minutes), so only the short list of error rows is styled, up to ``STYLED_ERROR_ROWS``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from core.assess import Assessment, assess
from core.batch import BatchFileError, BatchResult, Progress, run_batch
from core.errors import ScenarioError
from core.exports import assessment_json, escape_markdown, export_filename, handout_markdown
from core.monitoring import MonitoringPlan, monitoring_plan
from core.profiles import ARTICLE, Profile
from core.rules import VERDICT_LABELS, Verdict
from core.scenario import FIELD_NAMES, Scenario, parse_scenario
from core.screening import ScreeningItem, screening_checklist
from ui.figures import BATCH_DOSE_BARS, batch_counts_figure, chart_config
from ui.results import dose_text, render_verdict_banner
from ui.scenario_state import scenario_query

MAX_ROWS = 200_000
"""The page assesses up to this many rows per file (the command line has no limit)."""
STYLED_ERROR_ROWS = 500
ERROR_MARK = "Error: not assessed"
NO_DOSE = "No dose"
DOSE_LABELS: dict[str, str] = {text: label for text, label, _ in BATCH_DOSE_BARS}
EXPLORER_PAGE = "views/explorer.py"
TABLE_HEIGHT = 420

# Session keys (non-widget ones start with "_batch.", widget keys with "batch.").
LOADED_KEY = "_batch.loaded"
SHOWN_ROWS_KEY = "_batch.shown_rows"
ROW_KEY = "batch.row"
TABLE_KEY = "batch.table"
FILTER_KEYS = ("batch.f.verdict", "batch.f.dose", "batch.f.finding", "batch.f.text")


# ---------------------------------------------------------------- loading (pure)


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
class BatchUpload:
    """One loaded file: its name and size, the core's result, the table and the counts."""

    name: str
    size: int
    result: BatchResult
    frame: pd.DataFrame = field(repr=False)
    counts: BatchCounts

    @cached_property
    def inputs(self) -> pd.DataFrame:
        """The input columns, built the first time they are asked for."""
        return inputs_frame(self.result)


def count_rows(result: BatchResult) -> BatchCounts:
    """Count a batch result by verdict, dose and finding (rows with an error apart)."""
    assessed = [index for index, message in enumerate(result.error) if not message]
    doses = Counter(result.dose_mg[index] for index in assessed)
    findings: Counter[str] = Counter()
    for ids, count in Counter(result.finding_ids[index] for index in assessed).items():
        for finding_id in ids.split(";") if ids else ():
            findings[finding_id] += count
    return BatchCounts(
        rows=len(result.rows),
        errors=len(result.rows) - len(assessed),
        verdicts=result.verdict_counts(),
        doses=dict(doses),
        findings=dict(sorted(findings.items())),
    )


def check_line_count(data: bytes, max_rows: int = MAX_ROWS) -> None:
    """Refuse, before parsing, a file with more lines than a header and ``max_rows`` rows.

    Counting line ends is an upper bound on the rows (a quoted cell may span lines), so a file
    within the limit is never refused; the limit keeps a 50 MB file of tiny rows from taking
    minutes and gigabytes.
    """
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if lines > max_rows + 1:
        raise BatchFileError(
            f"the file has {lines - 1:,} lines after the header; this page assesses up to "
            f"{max_rows:,} rows at a time: split the file, or use the command line "
            "(python -m core batch IN.csv OUT.csv), which has no limit"
        )


def load_batch(
    name: str,
    data: bytes,
    progress: Progress | None = None,
    max_rows: int = MAX_ROWS,
    profile: Profile = ARTICLE,
) -> BatchUpload:
    """Assess an uploaded file with the batch command's own function (``run_batch``).

    Raises ``BatchFileError`` (one line) for a whole-file problem; bad rows are rows with an
    error, never an exception.
    """
    check_line_count(data, max_rows)
    result = run_batch(data, progress, profile=profile)
    return BatchUpload(name, len(data), result, results_frame(result), count_rows(result))


def result_csv(result: BatchResult, indices: Sequence[int] | None = None) -> bytes:
    """The result file, exactly as ``python -m core batch`` writes it; with ``indices``, only
    those rows (same columns, same writer)."""
    if indices is None:
        return result.to_csv_bytes()
    picked = list(indices)
    part = BatchResult(
        result.header,
        [result.rows[i] for i in picked],
        *([column[i] for i in picked] for column in _output_lists(result)),
    )
    return part.to_csv_bytes()


def _output_lists(result: BatchResult) -> tuple[list[str], ...]:
    return (
        result.crcl_ml_min_used,
        result.verdict,
        result.dose_mg,
        result.finding_ids,
        result.error,
    )


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


# ---------------------------------------------------------------- the table (pure)


def _column(result: BatchResult, name: str) -> list[str]:
    position = result.header.index(name)
    return [row[position] for row in result.rows]


def results_frame(result: BatchResult) -> pd.DataFrame:
    """The results as a table: row number (1 = first data row), case_id and note when the file
    has them, verdict (its label, or ``Error: not assessed``), dose (``4 mg``, ``No dose``;
    blank for an error row), CrCl used, finding ids and error message.

    Text columns are pandas strings (Arrow-backed): dearer to build once, but a rerun sends
    them to the browser about ten times faster than Python objects.
    """
    size = len(result.rows)
    labels = {v.value: label for v, label in VERDICT_LABELS.items()}
    errors = np.asarray(result.error, dtype=object)
    has_error = errors != ""
    verdict = np.asarray([labels.get(v, "") for v in result.verdict], dtype=object)
    verdict[has_error] = ERROR_MARK
    dose = np.asarray([DOSE_LABELS.get(d, d) for d in result.dose_mg], dtype=object)
    dose[has_error] = ""
    columns: dict[str, Any] = {"row": np.arange(1, size + 1)}
    for carried in ("case_id", "note"):
        if carried in result.header:
            columns[carried] = _column(result, carried)
    columns |= {
        "verdict": verdict,
        "dose": dose,
        "crcl_used": pd.to_numeric(pd.Series(result.crcl_ml_min_used), errors="coerce"),
        "finding_ids": result.finding_ids,
        "error": errors,
    }
    return pd.DataFrame(columns)


def inputs_frame(result: BatchResult) -> pd.DataFrame:
    """The input columns that are scenario fields, as given (same index as ``results_frame``)."""
    names = [name for name in result.header if name in FIELD_NAMES]
    return pd.DataFrame({name: _column(result, name) for name in names})


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
    """The rows that pass every filter (an empty filter passes all), errors first if asked."""
    keep = np.ones(len(frame), dtype=bool)
    if chosen.verdicts:
        keep &= frame["verdict"].isin(chosen.verdicts).to_numpy()
    if chosen.doses:
        keep &= frame["dose"].isin(chosen.doses).to_numpy()
    if chosen.findings:
        pattern = "(?:^|;)(?:" + "|".join(map(re.escape, chosen.findings)) + ")(?:;|$)"
        keep &= frame["finding_ids"].str.contains(pattern, regex=True).to_numpy()
    needle = chosen.text.strip()
    if needle:
        found = np.zeros(len(frame), dtype=bool)
        for name in ("case_id", "note"):
            if name in frame:
                column = frame[name].str.contains(needle, case=False, regex=False)
                found |= column.to_numpy(dtype=bool)
        keep &= found
    shown = frame[keep]
    if chosen.errors_first:
        order = np.argsort(shown["error"].to_numpy() == "", kind="stable")
        shown = shown.iloc[order]
    return shown


def verdict_options(counts: BatchCounts) -> list[str]:
    """Verdict filter choices: the verdicts present (contract order), then errors if any."""
    options = [VERDICT_LABELS[v] for v in Verdict if counts.verdicts.get(v.value)]
    return options + ([ERROR_MARK] if counts.errors else [])


def dose_options(counts: BatchCounts) -> list[str]:
    """Dose filter choices present in the file, largest dose first, "No dose" last."""
    return [label for text, label, _ in BATCH_DOSE_BARS if counts.doses.get(text)]


def counts_summary(counts: BatchCounts) -> list[str]:
    """The counts in words (the chart's text alternative)."""
    total = counts.rows

    def share(count: int) -> str:
        return f"{count:,} ({100 * count / total:.0f}%)"

    lines = [
        f"{total:,} rows: {counts.assessed:,} assessed, {counts.errors:,} with an error "
        "(not assessed)."
    ]
    verdicts = [
        f"{VERDICT_LABELS[v].lower()} {share(counts.verdicts[v.value])}"
        for v in Verdict
        if counts.verdicts.get(v.value)
    ]
    if verdicts:
        lines.append("Verdicts: " + ", ".join(verdicts) + ".")
    doses = [
        f"{label.lower() if not text else label} {share(counts.doses[text])}"
        for text, label, _ in BATCH_DOSE_BARS
        if counts.doses.get(text)
    ]
    if doses:
        lines.append("Starting doses: " + ", ".join(doses) + ".")
    return lines


# ---------------------------------------------------------------- one row (pure)


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


def row_scenario(result: BatchResult, index: int) -> Scenario:
    """The scenario of row ``index`` (0-based), from its cells as typed (ScenarioError if bad)."""
    cells = dict(zip(result.header, result.rows[index], strict=True))
    return parse_scenario({name: value for name, value in cells.items() if name in FIELD_NAMES})


def row_exports(result: BatchResult, index: int) -> RowExports:
    """Assess row ``index`` (0-based) on its own for its exports; ValueError for an error row
    (its message is the batch's)."""
    if result.error[index]:
        raise ValueError(result.error[index])
    scenario = row_scenario(result, index)
    assessment = assess(scenario)
    cells = dict(zip(result.header, result.rows[index], strict=True))
    return RowExports(
        index=index,
        case_id=cells.get("case_id", ""),
        note=cells.get("note", ""),
        assessment=assessment,
        plan=monitoring_plan(assessment),
        checklist=tuple(screening_checklist(scenario)),
    )


# ---------------------------------------------------------------- rendering


def shown_text(text: str) -> str:
    """Foreign text (a file name, a message quoting a cell) made inert for a Markdown widget."""
    return escape_markdown(text)


def render_counts(counts: BatchCounts) -> None:
    """Rows / assessed / errors as metrics, the bar chart, and the counts in words."""
    total, assessed, errors = st.columns(3)
    total.metric("Rows", f"{counts.rows:,}")
    assessed.metric("Assessed", f"{counts.assessed:,}")
    errors.metric("With an error", f"{counts.errors:,}")
    st.plotly_chart(
        batch_counts_figure(counts.verdicts, counts.doses, counts.errors),
        theme=None,
        config=chart_config("baricitinib-batch-counts"),
        key="batch_counts_chart",
    )
    st.markdown("**In words:**\n" + "\n".join(f"- {line}" for line in counts_summary(counts)))


def render_filters(counts: BatchCounts) -> tuple[RowFilter, bool]:
    """The filter row above the table; returns what is chosen, and whether to show the input
    columns too."""
    verdict, dose, finding, text = st.columns([3, 2, 3, 2])
    verdicts = verdict.multiselect(
        "Verdict", verdict_options(counts), key=FILTER_KEYS[0], placeholder="All verdicts"
    )
    doses = dose.multiselect(
        "Starting dose", dose_options(counts), key=FILTER_KEYS[1], placeholder="All doses"
    )
    findings = finding.multiselect(
        "Finding id (rows with any of them)",
        list(counts.findings),
        format_func=lambda rule_id: f"{rule_id} ({counts.findings[rule_id]:,})",
        key=FILTER_KEYS[2],
        placeholder="All findings",
    )
    needle = text.text_input("Case id or note contains", key=FILTER_KEYS[3], placeholder="e.g. P12")
    first, inputs = st.columns([1, 3])
    errors_first = first.toggle("Rows with an error first", value=True, key="batch.errors_first")
    with_inputs = inputs.toggle("Show the input columns", value=False, key="batch.with_inputs")
    chosen = RowFilter(tuple(verdicts), tuple(doses), tuple(findings), needle, errors_first)
    return chosen, with_inputs


def _select_row() -> None:
    """Table selection -> the row number box (the one source of the exported row)."""
    state = st.session_state.get(TABLE_KEY)
    shown = st.session_state.get(SHOWN_ROWS_KEY)
    picked = state["selection"]["rows"] if state else []
    if picked and shown is not None and picked[0] < len(shown):
        st.session_state[ROW_KEY] = int(shown[picked[0]])


_COLUMN_CONFIG: dict[str, Any] = {
    "row": st.column_config.NumberColumn("Row", help="1 = the first row after the header"),
    "case_id": st.column_config.TextColumn("case_id"),
    "note": st.column_config.TextColumn("note"),
    "verdict": st.column_config.TextColumn("Verdict"),
    "dose": st.column_config.TextColumn("Starting dose"),
    "crcl_used": st.column_config.NumberColumn(
        "CrCl used (mL/min)",
        format="%g",
        help="The creatinine clearance the rules used; None when renal function is unknown "
        "or the row was not assessed.",
    ),
    "finding_ids": st.column_config.TextColumn("Finding ids"),
    "error": st.column_config.TextColumn("Error (row not assessed)", width="large"),
}


def render_table(upload: BatchUpload, shown: pd.DataFrame, with_inputs: bool) -> None:
    """The (filtered) results table, with the input columns if asked; clicking a row picks it
    for the exports below."""
    st.session_state[SHOWN_ROWS_KEY] = shown["row"].to_numpy()
    st.caption(
        f"Showing {len(shown):,} of {len(upload.frame):,} rows. Click a row to export it below."
    )
    data = pd.concat([shown, upload.inputs.loc[shown.index]], axis=1) if with_inputs else shown
    st.dataframe(
        data,
        hide_index=True,
        column_config=_COLUMN_CONFIG,
        height=TABLE_HEIGHT,
        key=TABLE_KEY,
        on_select=_select_row,
        selection_mode="single-row",
        width="stretch",
    )


def _error_style(row: pd.Series) -> list[str]:
    return ["background-color: #FDE2E1; color: #7A1010"] * len(row)


def render_error_rows(frame: pd.DataFrame, errors: int) -> None:
    """The rows with an error and their messages, highlighted (styled up to a limit)."""
    if not errors:
        st.success("Every row passed validation.", icon=":material/check_circle:")
        return
    bad = frame[frame["error"] != ""]
    columns = [name for name in ("row", "case_id", "error") if name in bad]
    label = f"{errors:,} row{'s' if errors != 1 else ''} with an error (not assessed)"
    with st.expander(label, expanded=True, icon=":material/error:"):
        data: Any = bad[columns]
        if len(bad) <= STYLED_ERROR_ROWS:
            data = data.style.apply(_error_style, axis=1)
        else:
            st.caption(f"More than {STYLED_ERROR_ROWS:,} error rows: shown without colour.")
        st.dataframe(
            data,
            hide_index=True,
            column_config=_COLUMN_CONFIG,
            height=min(TABLE_HEIGHT, 38 + 35 * len(bad)),
            width="stretch",
            key="batch.error_table",
        )


def render_result_downloads(upload: BatchUpload, shown: pd.DataFrame) -> None:
    """The whole result (the command line's file) and the filtered rows, as CSV."""
    result = upload.result
    name = result_file_name(upload.name)
    whole, part = st.columns(2)
    whole.download_button(
        "Result CSV (all rows, as the command line writes it)",
        data=lambda: result_csv(result),
        file_name=name,
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        width="stretch",
        key="batch.download_all",
    )
    indices = (shown["row"].to_numpy() - 1).tolist()
    part.download_button(
        f"Shown rows only ({len(indices):,}, CSV)",
        data=lambda: result_csv(result, indices),
        file_name=name.replace("-assessed.csv", "-assessed-filtered.csv"),
        mime="text/csv",
        on_click="ignore",
        icon=":material/filter_alt:",
        width="stretch",
        key="batch.download_shown",
        disabled=not indices,
    )


def render_row_exports(result: BatchResult) -> None:
    """Pick one row (number box, or a click in the table) and export its handout and JSON."""
    size = len(result.rows)
    if st.session_state.get(ROW_KEY, 1) > size:
        st.session_state[ROW_KEY] = 1
    pick, about = st.columns([1, 3], gap="medium")
    number = pick.number_input(
        "Row number", min_value=1, max_value=size, step=1, key=ROW_KEY, help=f"1 to {size:,}"
    )
    index = int(number) - 1
    cells = dict(zip(result.header, result.rows[index], strict=True))
    with about:
        # st.text: the case id and note are the user's text, never Markdown.
        identity = [f"case_id: {cells['case_id']}"] if "case_id" in cells else []
        identity += [f"note: {cells['note']}"] if "note" in cells else []
        if identity:
            st.text("\n".join(identity))
        try:
            row = row_exports(result, index)
        except (ValueError, ScenarioError) as problem:
            st.error(
                shown_text(f"Row {index + 1} was not assessed: {problem}"),
                icon=":material/error:",
            )
            return
        render_verdict_banner(row.assessment)
        st.markdown(f"**Starting dose:** {dose_text(row.assessment)}")
    handout, as_json, explorer = st.columns(3)
    downloads: tuple[tuple[Any, str, str, str, Callable[[], str]], ...] = (
        (handout, "Handout (Markdown)", "handout", "text/markdown", row.handout),
        (as_json, "Assessment (JSON)", "json", "application/json", row.json),
    )
    for column, label, kind, mime, make in downloads:
        column.download_button(
            label,
            data=make,
            file_name=row.file_name(kind),
            mime=mime,
            on_click="ignore",
            icon=":material/download:",
            width="stretch",
            key=f"batch.row_{kind}",
        )
    explorer.page_link(
        EXPLORER_PAGE,
        label="Open this row in the Explorer",
        icon=":material/open_in_new:",
        query_params=scenario_query(row.assessment.scenario),
    )


def forget_filters() -> None:
    """A new file: the old filter choices and row number no longer apply."""
    for key in (*FILTER_KEYS, ROW_KEY, TABLE_KEY, SHOWN_ROWS_KEY):
        st.session_state.pop(key, None)


__all__ = [
    "MAX_ROWS",
    "BatchCounts",
    "BatchUpload",
    "RowExports",
    "RowFilter",
    "check_line_count",
    "count_rows",
    "counts_summary",
    "file_size",
    "filter_rows",
    "forget_filters",
    "inputs_frame",
    "load_batch",
    "render_counts",
    "render_error_rows",
    "render_filters",
    "render_result_downloads",
    "render_row_exports",
    "render_table",
    "result_csv",
    "result_file_name",
    "results_frame",
    "row_exports",
    "row_scenario",
]

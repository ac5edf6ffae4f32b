"""The batch page's widgets and its results table: an upload goes through
``core.batch_review.review_batch`` -- the batch command's own path (``core.batch``) -- and is
drawn as counts, a chart, a filterable table and one row's exports.

The result CSV is ``core.batch_review.result_csv``: the lines the command's writer made while
the file was assessed (kept compressed), so the page's download is byte for byte the command's
output. A whole-file problem is a ``BatchFileError`` (one line, shown with
``st.error``); a bad row is a row with its message in ``error``.

Nothing from the uploaded file is rendered as Markdown or HTML: cells reach the screen inside
``st.dataframe`` (a canvas grid) or ``st.text``; the file name, the messages (which quote cell
values) and the error list's cells (an ``st.table``, which renders Markdown) go through
``escape_markdown`` first.

Memory: the session keeps the compact review table (categories and Arrow strings, no input
cells) beside the uploaded bytes the uploader keeps anyway; the page drops it when the user
leaves /batch (``release_results``). Speed: filters are vectorised; error rows are marked by a
column (and sorted first), not by pandas Styler, which costs 0.1-0.3 ms a cell, so only the
short list of error rows is styled, up to ``STYLED_ERROR_ROWS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from core.batch import Progress
from core.batch_review import (
    MAX_ROWS,
    BatchCounts,
    BatchReview,
    RowFilter,
    input_columns,
    result_csv,
    result_file_name,
    review_batch,
    row_cells,
    row_exports,
)
from core.errors import ScenarioError
from core.exports import escape_markdown
from core.profiles import ARTICLE, Profile
from core.rules import VERDICT_LABELS, Verdict
from ui.batch_counts_figure import BATCH_DOSE_BARS, batch_counts_figure
from ui.figure_style import chart_config
from ui.lecture import for_display
from ui.page_registry import EXPLORER
from ui.results import dose_text, render_verdict_banner
from ui.scenario_state import scenario_query

STYLED_ERROR_ROWS = 500
ERROR_MARK = "Error: not assessed"
ERROR_HEADING = "Error (row not assessed)"
MISSING = "—"
"""Shown in a table cell with no value (st.dataframe would show "None")."""
DOSE_LABELS: dict[str, str] = {text: label for text, label, _ in BATCH_DOSE_BARS}
TABLE_HEIGHT = 420
GRID_ROWS = 10_000
"""At most this many rows go into the table (the download holds every shown row)."""

# Session keys (non-widget ones start with "_batch.", widget keys with "batch.").
LOADED_KEY = "_batch.loaded"
SHOWN_ROWS_KEY = "_batch.shown_rows"
ROW_KEY = "batch.row"
TABLE_KEY = "batch.table"
FILTER_KEYS = ("batch.f.verdict", "batch.f.dose", "batch.f.finding", "batch.f.text")


def plural(count: int, word: str) -> str:
    """'1 row', '2 rows', '1,500 rows'."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


# ---------------------------------------------------------------- loading


@dataclass(frozen=True)
class BatchUpload:
    """One loaded file: its name, its bytes (the uploader's own, not a copy), the core's
    compact review and the results table drawn from it."""

    name: str
    data: bytes = field(repr=False)
    review: BatchReview = field(repr=False)
    frame: pd.DataFrame = field(repr=False)
    profile: Profile = field(default=ARTICLE, repr=False)  # the rules the rows were assessed by

    @property
    def size(self) -> int:
        """The file's size in bytes."""
        return len(self.data)

    @property
    def counts(self) -> BatchCounts:
        """The rows by verdict, dose and finding."""
        return self.review.counts

    @cached_property
    def inputs(self) -> pd.DataFrame:
        """The input columns, read from the file the first time they are asked for."""
        return input_columns(self.data)


def load_batch(
    name: str,
    data: bytes,
    progress: Progress | None = None,
    max_rows: int = MAX_ROWS,
    profile: Profile = ARTICLE,
) -> BatchUpload:
    """Assess an uploaded file through the batch command's path (``review_batch``).

    Raises ``BatchFileError`` (one line) for a whole-file problem or more than ``max_rows``
    rows, before any row is assessed; bad rows are rows with an error, never an exception.
    """
    review = review_batch(data, progress, max_rows, profile)
    return BatchUpload(name, data, review, results_frame(review), profile)


def release_results() -> None:
    """Drop the loaded file's results from the session (the user left /batch)."""
    st.session_state.pop(LOADED_KEY, None)


# ---------------------------------------------------------------- the table (pure)


def results_frame(review: BatchReview) -> pd.DataFrame:
    """The results as a table: row number (1 = first data row), case_id and note when the file
    has them, verdict (its label, or ``Error: not assessed``), dose (``4 mg``, ``No dose``;
    blank for an error row), error message, CrCl used and finding ids. Repeated texts stay
    categories: a rerun sends each distinct text to the browser once."""
    table = review.table
    labels = {v.value: label for v, label in VERDICT_LABELS.items()}
    has_error = (table["error"] != "").to_numpy()
    verdict = table["verdict"].cat.rename_categories(
        [labels.get(code, ERROR_MARK) for code in table["verdict"].cat.categories]
    )
    dose = table["dose_mg"].cat.rename_categories(
        [DOSE_LABELS.get(text, text) for text in table["dose_mg"].cat.categories]
    )
    if has_error.any():
        codes = np.where(has_error, len(dose.cat.categories), dose.cat.codes)
        categories = [*dose.cat.categories, ""]
        dose = pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(categories)))
    columns: dict[str, Any] = {"row": table["row"]}
    for carried in ("case_id", "note"):
        if carried in table:
            columns[carried] = table[carried]
    # the error right after the verdict (and not wide): in view at 1280 px without scrolling
    columns |= {
        "verdict": verdict,
        "error": table["error"],
        "dose": dose,
        "crcl_used": table["crcl_used"],
        "finding_ids": table["finding_ids"],
    }
    return pd.DataFrame(columns)


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
        f"{plural(total, 'row')}: {counts.assessed:,} assessed, {counts.errors:,} with an error "
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
        # Lecture mode scales the chart's text with the page, as on every other chart.
        for_display(batch_counts_figure(counts.verdicts, counts.doses, counts.errors)),
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
        help="The creatinine clearance the rules used; — when renal function is unknown "
        "or the row was not assessed.",
    ),
    "error": st.column_config.TextColumn(ERROR_HEADING, width="medium"),
    "finding_ids": st.column_config.TextColumn("Finding ids", width="medium"),
}


def render_table(upload: BatchUpload, shown: pd.DataFrame, with_inputs: bool) -> None:
    """The (filtered) results table, with the input columns if asked; clicking a row picks it
    for the exports below."""
    if len(shown) > GRID_ROWS:
        # every rerun sends the grid to the browser: a page of rows, not 200 000
        st.caption(
            f"{len(shown):,} rows match; the table shows the first {GRID_ROWS:,}. Narrow the "
            "filters to see others, or download them below."
        )
        shown = shown.iloc[:GRID_ROWS]
    st.session_state[SHOWN_ROWS_KEY] = shown["row"].to_numpy()
    st.caption(
        f"Showing {len(shown):,} of {plural(len(upload.frame), 'row')}. "
        "Click a row to export it below."
    )
    data = pd.concat([shown, upload.inputs.loc[shown.index]], axis=1) if with_inputs else shown
    st.dataframe(
        data,
        hide_index=True,
        column_config=_COLUMN_CONFIG,
        height=TABLE_HEIGHT,
        placeholder=MISSING,
        key=TABLE_KEY,
        on_select=_select_row,
        selection_mode="single-row",
        width="stretch",
    )


def _error_style(row: pd.Series) -> list[str]:
    return ["background-color: #FDE2E1; color: #7A1010"] * len(row)


def render_error_rows(frame: pd.DataFrame, errors: int) -> None:
    """The rows with an error and their messages, highlighted and wrapped so each message is
    read whole (an st.table of escaped text, up to ``STYLED_ERROR_ROWS`` rows; beyond that a
    grid without colour)."""
    if not errors:
        st.success("Every row passed validation.", icon=":material/check_circle:")
        return
    bad = frame[frame["error"] != ""]
    label = f"{plural(errors, 'row')} with an error (not assessed)"
    with st.expander(label, expanded=True, icon=":material/error:"):
        if len(bad) <= STYLED_ERROR_ROWS:
            # st.table renders Markdown: every cell from the file is escaped first
            listed: dict[str, Any] = {"Row": bad["row"].to_numpy()}
            if "case_id" in bad:
                listed["case_id"] = [shown_text(text) for text in bad["case_id"]]
            listed[ERROR_HEADING] = [shown_text(text) for text in bad["error"]]
            styled = pd.DataFrame(listed).style.apply(_error_style, axis=1).hide(axis="index")
            st.table(styled, border="horizontal")
            return
        st.caption(
            f"More than {STYLED_ERROR_ROWS:,} error rows: shown without colour"
            + (f", the first {GRID_ROWS:,} of them." if len(bad) > GRID_ROWS else ".")
        )
        columns = [name for name in ("row", "case_id", "error") if name in bad]
        st.dataframe(
            bad[columns].iloc[:GRID_ROWS],
            hide_index=True,
            column_config=_COLUMN_CONFIG,
            height=TABLE_HEIGHT,
            placeholder=MISSING,
            width="stretch",
            key="batch.error_table",
        )


def render_result_downloads(upload: BatchUpload, shown: pd.DataFrame) -> None:
    """The whole result (the command line's file) and the filtered rows, as CSV (put together
    when clicked)."""
    review = upload.review
    name = result_file_name(upload.name)
    whole, part = st.columns(2)
    whole.download_button(
        "Result CSV (all rows, as the command line writes it)",
        data=lambda: result_csv(review),
        file_name=name,
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        width="stretch",
        key="batch.download_all",
    )
    indices = (shown["row"].to_numpy() - 1).tolist()
    part.download_button(
        f"Shown rows only ({plural(len(indices), 'row')}, CSV, in file order)",
        data=lambda: result_csv(review, indices),
        file_name=name.replace("-assessed.csv", "-assessed-filtered.csv"),
        mime="text/csv",
        on_click="ignore",
        icon=":material/filter_alt:",
        width="stretch",
        key="batch.download_shown",
        disabled=not indices,
    )


def render_row_exports(upload: BatchUpload) -> None:
    """Pick one row (number box, or a click in the table) and export its handout and JSON."""
    size = upload.counts.rows
    if st.session_state.get(ROW_KEY, 1) > size:
        st.session_state[ROW_KEY] = 1
    pick, about = st.columns([1, 3], gap="medium")
    number = pick.number_input(
        "Row number", min_value=1, max_value=size, step=1, key=ROW_KEY, help=f"1 to {size:,}"
    )
    index = int(number) - 1
    cells = row_cells(upload.data, index)
    with about:
        # st.text: the case id and note are the user's text, never Markdown.
        identity = [f"case_id: {cells['case_id']}"] if "case_id" in cells else []
        identity += [f"note: {cells['note']}"] if "note" in cells else []
        if identity:
            st.text("\n".join(identity))
        try:
            row = row_exports(
                cells, index, str(upload.review.table["error"].iat[index]), upload.profile
            )
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
        EXPLORER.script,
        label="Open this row in the Explorer",
        icon=":material/open_in_new:",
        query_params=scenario_query(row.assessment.scenario),
    )


def forget_filters() -> None:
    """A new file: the old filter choices and row number no longer apply."""
    for key in (*FILTER_KEYS, ROW_KEY, TABLE_KEY, SHOWN_ROWS_KEY):
        st.session_state.pop(key, None)


__all__ = [
    "ERROR_MARK",
    "LOADED_KEY",
    "BatchUpload",
    "counts_summary",
    "dose_options",
    "forget_filters",
    "load_batch",
    "plural",
    "release_results",
    "render_counts",
    "render_error_rows",
    "render_filters",
    "render_result_downloads",
    "render_row_exports",
    "render_table",
    "results_frame",
    "shown_text",
    "verdict_options",
]

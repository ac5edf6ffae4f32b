"""Batch review at /batch: a CSV of scenarios in, every row assessed, counts, table and exports.

The file goes through ``core.batch_review.review_batch`` (``ui.batch_results.load_batch``):
the batch command's own path, so the result download is byte for byte the command's output.
The page draws no scenario inputs; it keeps the Explorer's scenario in the address. The results
live in the session while the user is on /batch; app.py drops them when another page runs.
"""

import time

import streamlit as st

from core.batch import BatchFileError
from core.batch_review import MAX_ROWS, file_size, filter_rows
from core.batch_template import sample_csv, template_csv
from core.scenario import FLAG_ALLOWED
from ui.batch_results import (
    LOADED_KEY,
    BatchUpload,
    forget_filters,
    load_batch,
    plural,
    render_counts,
    render_error_rows,
    render_filters,
    render_result_downloads,
    render_row_exports,
    render_table,
    shown_text,
)
from ui.reading import reading_id, reading_profile
from ui.scenario_state import current_scenario
from ui.shell import page_header

SAMPLE_KEY = "_batch.sample"
SAMPLE_NAME = "batch-sample.csv"
UPLOAD_MB = int(st.get_option("server.maxUploadSize"))

page_header(
    "Batch review",
    "Assess many scenarios at once: one row per scenario in a CSV file, every row checked and "
    "assessed by the same rules as the Explorer and the command line.",
)
current_scenario("batch")  # no inputs here: keeps the scenario of the other pages in the URL


def _use_sample() -> None:
    st.session_state[SAMPLE_KEY] = True


@st.fragment
def row_exports_fragment(upload: BatchUpload) -> None:
    """Another row number reruns this part only (not the 100 000-row table above it)."""
    render_row_exports(upload)


get_file, give_file = st.columns([2, 3], gap="large")
with get_file:
    st.markdown("**1. Start from the template** — every column the batch accepts, one example row.")
    st.download_button(
        "Template CSV",
        data=template_csv,
        file_name="baricitinib-batch-template.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="batch.template",
    )
    st.button(
        "Or try the sample file",
        on_click=_use_sample,
        icon=":material/science:",
        type="tertiary",
        key="batch.sample",
        help="The teaching cases, one row each, and two rows with a mistake.",
    )
with give_file:
    uploaded = st.file_uploader(
        "2. Upload your CSV file",
        type="csv",
        key="batch.file",
        help=f"UTF-8 CSV (with or without BOM), up to {UPLOAD_MB} MB and {MAX_ROWS:,} rows.",
    )
    with st.expander("What the file must look like"):
        st.markdown(
            "- First line: the column names — scenario fields (as in the template), in any "
            "order, any subset; plus `case_id` and `note`, carried through unchanged.\n"
            "- One scenario per row. A blank cell takes the field's default.\n"
            f"- Yes/no fields: {FLAG_ALLOWED}; choices as in the template "
            "(`female`, `rheumatoid_arthritis`, ...).\n"
            "- A row with a bad value is not assessed: its message is in the `error` column. "
            "The other rows are assessed as usual.\n"
            "- A row with no value in any scenario field (`,,,` or only spaces) is an error "
            "row too (empty row), never the default patient.\n"
            "- Comma-separated, saved as *CSV UTF-8* (Excel: *File → Save as → CSV UTF-8*).\n"
            f"- Up to {UPLOAD_MB} MB and {MAX_ROWS:,} rows per file; the command line "
            "`python -m core batch IN.csv OUT.csv` has no row limit."
        )

if uploaded is not None:
    st.session_state[SAMPLE_KEY] = False
    source: tuple[str, str, bytes] | None = (uploaded.file_id, uploaded.name, uploaded.getvalue())
elif st.session_state.get(SAMPLE_KEY):
    source = ("sample", SAMPLE_NAME, sample_csv())
else:
    source = None

if source is None:
    st.session_state.pop(LOADED_KEY, None)
    st.info(
        "Upload a CSV file (or try the sample file) to see the verdicts, doses and findings "
        "of every row.",
        icon=":material/upload_file:",
    )
else:
    source_id, name, data = source
    # Keyed by the file and the audit reading: a switched reading assesses the file again.
    loaded_as = (source_id, reading_id())
    loaded = st.session_state.get(LOADED_KEY)
    if loaded is None or loaded[0] != loaded_as:
        forget_filters()
        bar = st.progress(0.0, text="Reading and checking the file…")

        def show_progress(done: int, total: int) -> None:
            bar.progress(done / total, text=f"Assessed {done:,} of {total:,} rows…")

        started = time.perf_counter()
        outcome: BatchUpload | str
        try:
            outcome = load_batch(name, data, show_progress, profile=reading_profile())
        except BatchFileError as problem:
            outcome = str(problem)
        loaded = (loaded_as, outcome, time.perf_counter() - started)
        st.session_state[LOADED_KEY] = loaded
        bar.empty()
    _, outcome, seconds = loaded

    if isinstance(outcome, str):
        st.error(shown_text(f"{name}: {outcome}"), icon=":material/error:")
        st.caption(
            "Nothing was assessed. Fix the file and upload it again: the template shows every "
            "column the batch accepts."
        )
    else:
        upload = outcome
        st.subheader("Results", anchor=False)
        st.caption(
            shown_text(
                f"{upload.name} · {file_size(upload.size)} · "
                f"{plural(upload.counts.rows, 'row')} assessed in {seconds:.1f} s"
            )
        )
        render_counts(upload.counts)
        render_error_rows(upload.frame, upload.counts.errors)

        st.subheader("All rows", anchor=False)
        chosen, with_inputs = render_filters(upload.counts)
        shown = filter_rows(upload.frame, chosen)
        render_table(upload, shown, with_inputs)
        render_result_downloads(upload, shown)

        st.subheader("One row: handout and JSON", anchor=False)
        row_exports_fragment(upload)
